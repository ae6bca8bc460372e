"""Readers for what the web leaves: RSS/Atom feed files and WARC archives.

Both yield ``Article | InputError`` like the other readers in :mod:`dateline.ingest`, one item
per feed entry or per archived HTML page, lazily (a WARC file of gigabytes is read record by
record). Feeds go through ``feedparser``, which copes with every RSS and Atom dialect and with
broken XML; WARC through ``warcio``, the Webrecorder reader of ISO 28500 records.
"""
from __future__ import annotations

import logging
import re
import time
import zlib
from collections.abc import Iterator

from .deadline import TIME_LIMIT, TimeLimitExceeded, time_limit
from .errors import InputError
from .records import Article

log = logging.getLogger(__name__)

Item = Article | InputError


def read_feed(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    """One article per feed entry: its full content when the feed carries it, else its summary."""
    import feedparser

    from .ingest import article_from_html, article_from_text, check_text, decode

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
        pub = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed")) or published
        link = entry.get("link") or ""
        # feedparser takes a permalink guid for the link; only a web address is a URL
        meta = {"title": entry.get("title"), "url": link if link.startswith(("http://", "https://")) else None,
                "source": outlet}
        meta = {k: v for k, v in meta.items() if isinstance(v, str) and v}
        try:
            if html:
                art = article_from_html(f"<html><body><article>{body}</article></body></html>", id=ident,
                                        published=pub, origin=where, **meta)
            else:
                title = meta.pop("title", None)
                text = f"{title}\n\n{body}" if title else body
                art = article_from_text(text, id=ident, published=pub, origin=where, title=title, **meta)
            check_text(art.text, where)
            yield art
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


def _struct_date(value) -> str | None:
    if not value:
        return None
    try:
        return time.strftime("%Y-%m-%d", value)
    except (TypeError, ValueError):
        return None


def read_warc(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    """One article per HTML response record with status 200; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .ingest import article_from_html, check_text, decode

    records = yielded = 0
    read, last = 0, None  # records of any kind read, and the last one's address, to name a broken one
    try:
        for record in _records(ArchiveIterator(fh)):
            read += 1
            last = record.rec_headers.get_header("WARC-Target-URI") or last
            if record.rec_type != "response" or record.http_headers is None:
                continue
            records += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{origin}#{uri}" if uri else origin
            status = record.http_headers.get_statuscode()
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if status != "200" or "html" not in ctype:
                continue
            raw = record.content_stream().read(max_bytes + 1)
            ident = uri or record.rec_headers.get_header("WARC-Record-ID") or where
            try:
                html = decode(raw, where, max_bytes) if "charset" not in ctype or "utf-8" in ctype \
                    else raw.decode(ctype.split("charset=")[-1].split(";")[0].strip(), errors="replace")
                art = article_from_html(html, id=ident, published=published, origin=where, url=uri or None)
                check_text(art.text, where)
                yield art
            except (InputError, LookupError) as exc:
                yield exc if isinstance(exc, InputError) else InputError(where, f"unknown charset in {ctype!r}")
            yielded += 1
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        # warcio cannot find the next record after a broken one: the records before it stand
        why = re.sub(r"[^\x20-\x7e]+", "…", str(exc))[:120]  # not the binary junk it quotes
        if not read:
            yield InputError(origin, f"not a readable WARC file ({why})")
        else:
            yield InputError(f"{origin}#record-{read + 1}", f"broken WARC record (record {read + 1}, after "
                             f"{last or f'record {read}'}); the rest of the archive is skipped ({why})")
        return
    if not records:
        yield InputError(origin, "no HTTP response records in the WARC file (is it a WARC file?)")
    elif not yielded:  # say so rather than print nothing
        yield InputError(origin, f"no HTML page with status 200 among the {records} HTTP responses in the WARC file")


def _records(archive) -> Iterator:
    """warcio's records, its errors on a record it cannot parse as ValueError (warcio 1.7 and 1.8 raise
    AttributeError on a response record without WARC-Target-URI)."""
    it = iter(archive)
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            raise ValueError(f"{type(exc).__name__}: {exc}") from exc
        yield record
