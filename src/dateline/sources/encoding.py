"""Bytes to text as the web serves them: the charset a page declares, else detection.

The order is the HTML standard's, with one exception: a byte-order mark; then, when the bytes are
valid UTF-8, UTF-8 (a page declaring ``iso-8859-1`` whose bytes are valid UTF-8 with accents is
mislabelled far more often than it is Latin-1 that happens to be valid UTF-8); then the charset of
the HTTP ``Content-Type`` header; then the page's own ``<meta charset>`` (HTML only); then
``charset-normalizer``'s detection. A declared legacy encoding is never refused: ``iso-8859-1``
and ``us-ascii`` are read as ``windows-1252``, as browsers do (WHATWG Encoding), and bytes a
declared encoding leaves undefined become U+FFFD instead of failing the page.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from ..errors import InputError

# WHATWG Encoding: these labels all mean windows-1252 on the web
_AS_1252 = {"iso8859-1", "latin-1", "iso-8859-1", "ascii", "us-ascii", "cp1252", "windows-1252"}

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x"> in the
# first 4 KB, as the standard's prescan looks (a regex: the prescan is a byte scan, not a parse)
_META = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]{2,40})", re.IGNORECASE)
_HEADER = re.compile(r"charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]{2,40})", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"))
_BOMS16 = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class Decoded(NamedTuple):
    text: str
    encoding: str  # the Python codec name it was read with ("utf-8", "cp1252", ...)
    how: str  # bom, utf-8, header, meta or detected


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, or None."""
    m = _HEADER.search(content_type or "")
    return m[1] if m else None


def meta_charset(raw: bytes) -> str | None:
    """The charset a page declares in a meta tag within its first 4 KB, or None."""
    m = _META.search(raw[:4096])
    return m[1].decode("ascii") if m else None


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when Python knows no such encoding."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # a label asking for UTF-16 on a page without a BOM is wrong: the bytes came as ASCII-compatible
    return "utf-8" if name.startswith("utf-16") else name


def decode_bytes(raw: bytes, origin: str, content_type: str | None = None, html: bool = False) -> Decoded:
    """The text of ``raw`` with the encoding it was read in; InputError naming ``origin`` when no
    encoding reads it (binary content)."""
    for bom, name in _BOMS + _BOMS16:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(name), "utf-8" if name == "utf-8-sig" else name, "bom")
            except UnicodeDecodeError:
                break
    if b"\x00" in raw[:8192]:
        raise InputError(origin, "binary content, not text (NUL bytes)")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc
    declared = [("header", charset_of(content_type))]
    if html:
        declared.append(("meta", meta_charset(raw)))
    for how, label in declared:
        codec = _codec(label)
        if codec and codec != "utf-8":
            return Decoded(raw.decode(codec, errors="replace"), codec, how)
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 input needs it

    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(
            origin,
            f"not text in any encoding found (not UTF-8 at byte {bad.start}, no charset declared, none detected)",
        )
    found = _codec(best.encoding) or best.encoding
    return Decoded(raw.decode(found, errors="replace"), found, "detected")
