"""Bytes → Article, or an InputError naming the input and why (placeholder: plain text only)."""
from __future__ import annotations

from .records import Article


def article_from_text(text: str, id: str = "article", published: str | None = None, **meta) -> Article:
    return Article(id=id, text=text, published=published, published_source="input" if published else None, **meta)
