"""RSS/Atom feed reader: one article per entry, through ``feedparser``, which copes with every RSS
and Atom dialect and with broken XML."""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator

from ..deadline import TIME_LIMIT, TimeLimitExceeded, time_limit
from ..errors import InputError
from .article import Item, article_from_html, article_from_text, checked, decode


def read_feed(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    """One article per feed entry: its full content when the feed carries it, else its summary."""
    import feedparser

    try:
        raw = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt .gz
        yield InputError(origin, f"cannot be read ({exc})")
        return
    try:
        decode(raw, origin, max_bytes)
    except InputError as exc:
        yield exc
        return
    try:
        with time_limit(TIME_LIMIT):
            feed = feedparser.parse(raw)
    except TimeLimitExceeded:
        yield InputError(origin, f"feed parsing took longer than {TIME_LIMIT:g} s")
        return
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield InputError(origin, f"no entries in the feed{why}")
        return
    outlet = feed.feed.get("title") if feed.get("feed") else None
    for n, entry in enumerate(feed.entries, 1):
        where = f"{origin}#{n}"
        body, html = _entry_body(entry)
        if not body:
            yield InputError(where, "feed entry has no content or summary")
            continue
        ident = str(entry.get("id") or entry.get("link") or f"entry-{n}")
        pub = struct_date(entry.get("published_parsed") or entry.get("updated_parsed")) or published
        link = entry.get("link") or ""
        # feedparser takes a permalink guid for the link; only a web address is a URL
        meta = {
            "title": entry.get("title"),
            "url": link if link.startswith(("http://", "https://")) else None,
            "source": outlet,
        }
        meta = {k: v for k, v in meta.items() if isinstance(v, str) and v}
        try:
            if html:
                art = article_from_html(
                    f"<html><body><article>{body}</article></body></html>",
                    id=ident,
                    published=pub,
                    origin=where,
                    **meta,
                )
            else:
                title = meta.pop("title", None)
                text = f"{title}\n\n{body}" if title else body
                art = article_from_text(text, id=ident, published=pub, origin=where, title=title, **meta)
            yield checked(art, where)
        except InputError as exc:
            yield exc


def _entry_body(entry) -> tuple[str | None, bool]:
    for part in entry.get("content") or ():
        if part.get("value", "").strip():
            return part["value"], "html" in (part.get("type") or "")
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary")
    if summary and summary.strip():
        return summary, "html" in (detail.get("type") or "html")
    return None, False


def struct_date(value) -> str | None:
    if not value:
        return None
    try:
        return time.strftime("%Y-%m-%d", value)
    except (TypeError, ValueError):
        return None
