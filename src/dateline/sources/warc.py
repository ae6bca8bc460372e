"""WARC reader: one article per archived HTML page with status 200, through ``warcio``, the
Webrecorder reader of ISO 28500 records, record by record (a WARC file of gigabytes is read lazily)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from ..errors import InputError
from .article import Item, article_from_html, checked, decode_page


def read_warc(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    """One article per HTML response record with status 200; other records are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

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
                html, encoding = decode_page(raw, where, max_bytes, content_type=ctype, html=True)
                art = article_from_html(html, id=ident, published=published, origin=where, url=uri or None)
                yield checked(art, where, encoding)
            except InputError as exc:
                yield exc
            yielded += 1
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        # warcio cannot find the next record after a broken one: the records before it stand
        why = re.sub(r"[^\x20-\x7e]+", "…", str(exc))[:120]  # not the binary junk it quotes
        if not read:
            yield InputError(origin, f"not a readable WARC file ({why})")
        else:
            yield InputError(
                f"{origin}#record-{read + 1}",
                f"broken WARC record (record {read + 1}, after "
                f"{last or f'record {read}'}); the rest of the archive is skipped ({why})",
            )
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
