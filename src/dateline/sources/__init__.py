"""Sources: bytes → ``Article``, or an ``InputError`` naming the input and why.

One reader per format (``files`` for paths, directories and standard input, ``jsonl``, ``feeds``,
``warc``), all building their articles through ``article``. Imports only records and errors: no
spaCy here.
"""

from __future__ import annotations

from .article import (
    MAX_BYTES,
    article_from_html,
    article_from_text,
    check_text,
    check_unicode,
    checked,
    decode,
    decode_page,
    normalize_date,
)
from .files import SUPPORTED, Item, count, read

__all__ = [
    "MAX_BYTES",
    "SUPPORTED",
    "Item",
    "article_from_html",
    "article_from_text",
    "check_text",
    "check_unicode",
    "checked",
    "count",
    "decode",
    "decode_page",
    "normalize_date",
    "read",
]
