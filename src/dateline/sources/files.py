"""Paths and streams to articles: files, directories, standard input, each handed to the reader
of its format. Readers yield ``Article`` or ``InputError`` items, never raise for one bad input, so
a batch goes on past it (trafilatura's practice: log the page with a reason and skip it)."""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .article import MAX_BYTES, Item, _why, article_from_html, article_from_text, checked, decode_page
from .feeds import read_feed
from .jsonl import read_jsonl
from .warc import read_warc

TEXT_SUFFIXES = {".txt", ".text", ".md"}

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

JSONL_SUFFIXES = {".jsonl", ".ndjson"}

FEED_SUFFIXES = {".rss", ".atom", ".xml"}

WARC_SUFFIXES = {".warc"}

SUPPORTED = (
    "a .txt or .html file, a .jsonl file (optionally .gz), an RSS/Atom feed (.rss, .atom, .xml), "
    "a WARC archive (.warc, .warc.gz), a directory of them, or - for standard input"
)


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
                yield from read_warc(fh, origin, published, max_bytes)
            return
        if size > max_bytes and kind != "jsonl":
            yield InputError(
                origin, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB an article)"
            )
            return
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as fh:
            if kind == "jsonl":
                yield from read_jsonl(fh, origin, published, max_bytes)
                return
            if kind == "feed":
                yield from read_feed(fh, origin, published, max_bytes)
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
        yield from read_jsonl(buffered, origin, published, max_bytes)
        return
    lower = stripped[:400].lower()
    if lower.startswith(b"warc/"):
        yield from read_warc(buffered, origin, published, max_bytes)
        return
    if lower.startswith(b"<?xml") and (b"<rss" in lower or b"<feed" in lower or b"<rdf" in lower):
        yield from read_feed(buffered, origin, published, max_bytes)
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
        text, encoding = decode_page(raw, origin, max_bytes, html=kind == "html")
        if kind == "html":
            art = article_from_html(text, id=ident, published=published, origin=origin)
        else:
            art = article_from_text(text, id=ident, published=published, origin=origin)
        return checked(art, origin, encoding)
    except InputError as exc:
        return exc
