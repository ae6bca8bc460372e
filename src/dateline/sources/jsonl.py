"""JSONL reader: one article a line (``id``, ``text`` or ``html``, optional ``published``, ``title``,
``url``, ``source``); a bad line is an InputError naming the file and line, and the rest goes on."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator

from ..errors import InputError
from .article import Item, _why, article_from_html, article_from_text, check_unicode, checked, normalize_date


def read_jsonl(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    read = 0
    for n, line in _numbered(fh, origin):
        if isinstance(line, InputError):  # a truncated or corrupt file: the lines before it stand
            yield line
            return
        where = f"{origin}:{n}"
        if not line.strip():
            continue
        read += 1
        if len(line) > max_bytes:
            yield InputError(where, f"line too large ({len(line) / 1e6:.1f} MB)")
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors,
            # as is a number of over 4,300 digits; nesting thousands deep exhausts the parser's stack
            why = "nested too deeply" if isinstance(exc, RecursionError) else exc
            yield InputError(where, f"malformed JSON ({why})")
            continue
        if not isinstance(rec, dict):
            yield InputError(where, "a line must be a JSON object with 'text' or 'html'")
            continue
        yield _from_record(rec, where, n, published)
    if not read:
        yield InputError(origin, "empty input (no JSON lines)")


def _numbered(fh, origin: str) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, line); a read error (a truncated or corrupt .gz) ends it with an InputError
    naming the first line that could not be read."""
    n = 0
    lines = iter(fh)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield (
                n + 1,
                InputError(
                    f"{origin}:{n + 1}",
                    f"unreadable from line {n + 1} on, the file is truncated or corrupt ({_why(exc)})",
                ),
            )
            return
        n += 1
        yield n, line


def _from_record(rec: dict, where: str, n: int, published: str | None) -> Item:
    ident = str(rec.get("id") if rec.get("id") is not None else f"line-{n}")
    pub = normalize_date(rec.get("published") or rec.get("dct")) or published
    meta = {k: rec[k] for k in ("title", "url", "source") if isinstance(rec.get(k), str)}
    try:
        for what, value in (("id", ident), *meta.items()):
            check_unicode(value, where, f"'{what}'")
        if isinstance(rec.get("text"), str):
            if not rec["text"].strip():
                raise InputError(where, "empty 'text'")
            art = article_from_text(rec["text"], id=ident, published=pub, origin=where, **meta)
        elif isinstance(rec.get("html"), str):
            art = article_from_html(rec["html"], id=ident, published=pub, origin=where, **meta)
        else:
            raise InputError(where, "no 'text' or 'html' field")
        return checked(art, where, "utf-8")
    except InputError as exc:
        return exc
