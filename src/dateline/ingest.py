"""Bytes → Article, or an InputError naming the input and why.

Readers yield ``Article`` or ``InputError`` items, never raise for one bad input, so a batch goes
on past it (trafilatura's practice: log the page with a reason and skip it).
"""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from . import sources_web
from .deadline import TIME_LIMIT, TimeLimitExceeded, time_limit
from .errors import InputError
from .records import Article, Span

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # one article; a wire report is ~5 KB, a long feature ~100 KB
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc"}
SUPPORTED = ("a .txt or .html file, a .jsonl file (optionally .gz), an RSS/Atom feed (.rss, .atom, .xml), "
             "a WARC archive (.warc, .warc.gz), a directory of them, or - for standard input")

Item = Article | InputError

# "ERBIL, Kurdistan Region - ", "BAGHDAD (Reuters) — ", "WASHINGTON, Jan 25 (AP) -- ", and the
# underscore of AP's wire copy: "NAIROBI, Kenya (AP) _ "
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z.](?:,\s*[A-Z][\w'’.\- ]{1,40}?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"\s*(?:\((?P<agency>[^)]{1,30})\))?\s*(?:-{1,2}|–|—|_)(?:\s+|$)"
)
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

# English function words: a stop-word ratio tells English from other languages well enough for
# rejecting input (no language-id model is needed for that, and none ships offline with spaCy).
_ENGLISH = frozenset("the of and to in a is that for on with as was by it said at from has have be are "
                     "an this which not were or but its their been had will would who they he she".split())


def article_from_text(text: str, id: str = "article", published: str | None = None, **meta) -> Article:
    """An Article from plain text: a headline first line becomes the title, a dateline is found."""
    title = meta.pop("title", None) or _headline(text)
    dateline, dateline_date = _find_dateline(text)
    source = "input" if published else None
    if not published and dateline_date:
        published, source = dateline_date, "dateline"
    return Article(id=id, text=text, title=title, published=published,
                   published_source=meta.pop("published_source", None) or source, dateline=dateline, **meta)


def article_from_html(html: str, id: str, published: str | None = None, origin: str | None = None,
                      **meta) -> Article:
    """An Article from a web page through trafilatura: text, title, date, author, site."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        # lxml is quadratic on some markup (100,000 attributes on one tag took minutes)
        with time_limit(TIME_LIMIT):
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except TimeLimitExceeded:
        raise InputError(origin or id, f"HTML extraction took longer than {TIME_LIMIT:g} s") from None
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(origin or id, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(origin or id, "no article text found in the HTML")
    title = meta.pop("title", None) or getattr(doc, "title", None)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    source = "input" if published else None
    if not published and getattr(doc, "date", None):
        published, source = str(doc.date)[:10], "html"
    art = article_from_text(text, id=id, published=published, title=title, origin=origin,
                            url=meta.pop("url", None) or getattr(doc, "url", None),
                            author=getattr(doc, "author", None),
                            source=meta.pop("source", None) or getattr(doc, "sitename", None), **meta)
    if source == "html":
        art = Article(**{**art.__dict__, "published_source": "html"})
    return art


def read(paths: Iterable[str], published: str | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Every article in the given paths ('-' is standard input), in order; bad ones as InputError."""
    for p in paths:
        if p == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", published, max_bytes)
            continue
        path = Path(p)
        if not path.exists():
            yield InputError(p, "no such file or directory")
        elif path.is_dir():
            found = False
            for f in _walk(path):
                found = True
                yield from _read_file(f, published, max_bytes, root=path)
            if not found:
                yield InputError(p, f"directory holds no readable files ({SUPPORTED})")
        else:
            yield from _read_file(path, published, max_bytes)


def _walk(root: Path) -> Iterator[Path]:
    """Readable files under ``root`` in sorted order, lazily: one directory listing at a time, so a
    crawl of millions of files is never held in memory."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if _kind(f) is not None and f.is_file():
                yield f


def count(paths: Iterable[str]) -> int | None:
    """How many items ``read`` will yield, cheaply (files and JSONL lines), or None when unknown
    (standard input, feeds, WARC archives): the progress bar's total, for its ETA."""
    total = 0
    for p in paths:
        path = Path(p)
        if p == "-" or not path.exists():
            return None if p == "-" else total
        files = _walk(path) if path.is_dir() else [path]
        for f in files:
            kind = _kind(f)
            if kind in ("feed", "warc"):
                return None
            if kind == "jsonl":
                opener = gzip.open if f.suffix.lower() == ".gz" else open
                try:
                    with opener(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except (OSError, EOFError):
                    total += 1
            else:
                total += 1
    return total


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in FEED_SUFFIXES:
        return "feed"
    if last in WARC_SUFFIXES:
        return "warc"
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "text"
    return None


def _read_file(path: Path, published: str | None, max_bytes: int, root: Path | None = None) -> Iterator[Item]:
    origin = str(path)
    kind = _kind(path)
    if kind is None:
        # a file named on the command line is read as text whatever its suffix
        kind = "text"
    try:
        size = path.stat().st_size
        if kind == "warc":  # warcio reads gzip members itself, record by record
            with open(path, "rb") as fh:
                yield from sources_web.read_warc(fh, origin, published, max_bytes)
            return
        if size > max_bytes and kind != "jsonl":
            yield InputError(origin, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB an article)")
            return
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as fh:
            if kind == "jsonl":
                yield from _read_jsonl(fh, origin, published, max_bytes)
                return
            if kind == "feed":
                yield from sources_web.read_feed(fh, origin, published, max_bytes)
                return
            raw = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(origin, f"cannot be read ({_why(exc)})")
        return
    ident = _id_for(path, root)
    yield _from_bytes(raw, ident, origin, kind, published, max_bytes)


def _id_for(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root else Path(path.name)
    name = str(rel)
    for suf in reversed(path.suffixes):
        name = name[: -len(suf)] if name.endswith(suf) else name
    return name or path.name


def _read_stream(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
    # Peek without consuming, so a JSONL or WARC stream of any length is read lazily (flat memory).
    buffered = fh if hasattr(fh, "peek") else io.BufferedReader(fh)
    try:
        head = buffered.peek(4096)[:4096]
        if head[:2] == b"\x1f\x8b":  # gzip: JSONL.gz or WARC.gz on standard input
            buffered = io.BufferedReader(gzip.GzipFile(fileobj=buffered))
            head = buffered.peek(4096)[:4096]
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip stream
        yield InputError(origin, f"cannot be read ({exc})")
        return
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        yield from _read_jsonl(buffered, origin, published, max_bytes)
        return
    lower = stripped[:400].lower()
    if lower.startswith(b"warc/"):
        yield from sources_web.read_warc(buffered, origin, published, max_bytes)
        return
    if lower.startswith(b"<?xml") and (b"<rss" in lower or b"<feed" in lower or b"<rdf" in lower):
        yield from sources_web.read_feed(buffered, origin, published, max_bytes)
        return
    try:
        raw = buffered.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(origin, f"cannot be read ({exc})")
        return
    kind = "html" if lower.startswith((b"<!doctype html", b"<html")) else "text"
    yield _from_bytes(raw, "stdin", origin, kind, published, max_bytes)


def _from_bytes(raw: bytes, ident: str, origin: str, kind: str, published: str | None, max_bytes: int) -> Item:
    try:
        text = decode(raw, origin, max_bytes)
        if kind == "html":
            art = article_from_html(text, id=ident, published=published, origin=origin)
        else:
            art = article_from_text(text, id=ident, published=published, origin=origin)
        check_text(art.text, origin)
        return art
    except InputError as exc:
        return exc


def decode(raw: bytes, origin: str, max_bytes: int = MAX_BYTES) -> str:
    """UTF-8 text or a clear reason why not (empty, too large, binary, another encoding)."""
    if len(raw) > max_bytes:
        return _raise(origin, f"too large (over {max_bytes / 1e6:.0f} MB an article)")
    if not raw.strip():
        return _raise(origin, "empty input")
    if b"\x00" in raw[:8192]:
        return _raise(origin, "binary content, not text (NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _raise(origin, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                              "convert it to UTF-8 first")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        return _raise(origin, "binary content, not text (control characters)")
    return text


def check_text(text: str, origin: str) -> None:
    """Reject what the English pipeline cannot read: no words, not English, not Unicode."""
    check_unicode(text, origin, "text")
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < 3:
        raise InputError(origin, "no article text to analyze (no words)")
    if len(words) >= 20 and sum(w in _ENGLISH for w in words) / len(words) < 0.08:
        raise InputError(origin, "not English (dateline reads English news only)")


def check_unicode(value: str, origin: str, what: str) -> None:
    """Reject a string with a lone surrogate (JSON's "\\ud800" escape decodes to one): it cannot be
    written out as UTF-8, so it would fail later, in spaCy, the store or the output."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(origin, f"{what} is not valid Unicode (lone surrogate U+{ord(value[exc.start]):04X} "
                                 f"at offset {exc.start})") from None


def _raise(origin: str, reason: str):
    raise InputError(origin, reason)


def _read_jsonl(fh, origin: str, published: str | None, max_bytes: int) -> Iterator[Item]:
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
            yield n + 1, InputError(f"{origin}:{n + 1}", f"unreadable from line {n + 1} on, the file is truncated "
                                                         f"or corrupt ({_why(exc)})")
            return
        n += 1
        yield n, line


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


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
        check_text(art.text, where)
        return art
    except InputError as exc:
        return exc


def normalize_date(value) -> str | None:
    """'2024-01-25', '2024-01-25T10:00:00Z' → '2024-01-25'; anything else → None."""
    if not isinstance(value, str):
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _headline(text: str) -> str | None:
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if sep and rest.strip() and 0 < len(first) <= 200 and not first.endswith((".", ":", ",")) \
            and not _DATELINE.match(first):  # a dateline on a line of its own is no headline
        return first
    return None


def _find_dateline(text: str) -> tuple[Span | None, str | None]:
    """The dateline at the head of the first paragraphs: 'ERBIL, Kurdistan Region - '."""
    offset = 0
    for para in text.split("\n")[:4]:
        m = _DATELINE.match(para)
        if m and not m["place"].isdigit():
            place = m["place"].rstrip()
            when = _dateline_date(m["date"]) if m["date"] else None
            return Span(offset + m.start("place"), offset + m.start("place") + len(place), place), when
        offset += len(para) + 1
    return None, None


def _dateline_date(text: str) -> str | None:
    m = re.match(r"([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})", text)
    if not m or m[1].lower() not in _MONTHS:
        return None
    try:
        return date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])).isoformat()
    except ValueError:
        return None
