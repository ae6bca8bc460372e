"""Hostile input to the readers: random bytes and broken-but-plausible HTML, JSONL, feeds, WARC
and standard input. Every reader yields Articles or InputErrors naming the input, never another
exception, and finishes each case within its time limit (fuzz_summary.case).

Bounded and reproducible: derandomized hypothesis, a fixed number of examples per target.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from pathlib import Path
from unittest import mock
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import sources as ingest
from dateline.errors import InputError
from dateline.records import Article
from fuzz_summary import case, fuzz_summary, reached  # noqa: F401 - the autouse fixture prints the summary

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

GOOD = (
    "Rockets struck a base in Anbar on Tuesday, the army said. \u201cWe will respond,\u201d a spokesman "
    "told reporters, adding that two soldiers were wounded in the attack on the base."
)
GOOD_HTML = f"<p>{GOOD}</p>"
WORDS = [
    "the",
    "army",
    "said",
    "rockets",
    "struck",
    "a",
    "base",
    "in",
    "Anbar",
    "on",
    "Tuesday",
    "killed",
    "wounded",
    "police",
    "spokesman",
    "“",
    "”",
    '"',
    "'",
    "(",
    ")",
    ",",
    ".",
    "-",
    "—",
    "\u202e",
    "\u200b",
    "الجيش",
    "💥",
    "10",
    "1,000",
]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-readers")


def check(items: list, origin: str) -> None:
    """The reader contract: Articles or InputErrors that name the input, each well formed."""
    assert items, f"{origin}: nothing yielded"
    for item in items:
        assert isinstance(item, (Article, InputError)), f"{origin}: {item!r}"
        if isinstance(item, InputError):
            assert item.origin.startswith(origin) and item.reason.strip(), item
            continue
        assert item.text.strip() and item.id and item.origin.startswith(origin)
        for value in (item.text, item.id, item.title, item.url, item.source, item.author):
            assert value is None or isinstance(value, str) and value.encode("utf-8") is not None
        assert item.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.published), item.published
        if item.dateline:
            assert item.text[item.dateline.start : item.dateline.end] == item.dateline.text


def read_file(tmp: Path, name: str, data: bytes, target: str, limit: float = 30.0, **kw) -> list:
    path = tmp / name
    path.write_bytes(data)
    with case(target, limit):
        items = list(ingest.read([str(path)], **kw))
        check(items, str(path))
    if any(isinstance(i, Article) for i in items):
        reached(target)
    return items


# -- strategies ----------------------------------------------------------------------------------
news = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40).map(" ".join)
# surrogates too: JSON escapes them ("\ud800"), and text from a wrong decoding holds them
any_text = st.one_of(
    news,
    st.text(max_size=80),
    st.text(st.sampled_from("\x00\x07\x1b\r\x0b\x0c\u2028\u202e\u202d\u200b\u200f\ufeff\u05d0\u0627"), max_size=40),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
dates = st.one_of(
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
    any_text,
)
FIELDS = ("id", "text", "html", "published", "dct", "title", "url", "source")
records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "text": st.one_of(st.just(GOOD), news, json_values),
        "html": st.one_of(json_values, news),
        "published": st.one_of(dates, json_values),
        "dct": dates,
        "title": any_text,
        "url": json_values,
        "source": any_text,
    },
)

TAGS = (
    "html",
    "head",
    "body",
    "title",
    "article",
    "main",
    "div",
    "p",
    "span",
    "b",
    "a",
    "script",
    "style",
    "table",
    "td",
    "li",
    "h1",
    "meta",
    "br",
    "img",
    "iframe",
    "svg",
    "noscript",
    "template",
    "time",
    "!--",
)


def _element(tag: str, attrs: dict, children: list[str], closed: bool) -> str:
    attr = "".join(f' {k}="{v}"' if i % 2 else f" {k}={v}" for i, (k, v) in enumerate(attrs.items()))
    return f"<{tag}{attr}>{''.join(children)}" + (f"</{tag}>" if closed else "")


html_nodes = st.recursive(
    st.one_of(
        news, news.map(escape), st.just(GOOD), st.sampled_from(["&amp;", "&#0;", "&#xD800;", "&bogus;", "<", "]]>"])
    ),
    lambda inner: st.builds(
        _element,
        st.sampled_from(TAGS),
        st.dictionaries(
            st.sampled_from(["class", "id", "href", "content", "charset", "lang", "dir", "property", "x"]),
            any_text,
            max_size=3,
        ),
        st.lists(inner, max_size=4),
        st.booleans(),
    ),
    max_leaves=25,
)
encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1", "cp1252"])


@st.composite
def cut(draw, data: bytes) -> bytes:
    """``data``, whole or cut off at some byte (a download that stopped)."""
    if draw(st.booleans()):
        return data
    return data[: draw(st.integers(0, len(data)))]


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


# -- text and HTML -------------------------------------------------------------------------------
@FUZZ
@given(data=st.binary(max_size=600), name=st.sampled_from(["x.txt", "x.md", "x.html", "x.htm", "x.unknown"]))
def test_fuzz_random_bytes_as_text_and_html(tmp, data, name):
    read_file(tmp, name, data, "text/html: random bytes")


@FUZZ
@given(
    text=st.lists(st.one_of(any_text, news.map(lambda s: f"{GOOD} {s}")), max_size=6).map("\n".join), encoding=encodings
)
def test_fuzz_text_files(tmp, text, encoding):
    read_file(tmp, "x.txt", _encode(text, encoding), "text: random text")


@FUZZ
@given(nodes=st.lists(html_nodes, max_size=4), doctype=st.booleans(), encoding=encodings, data=st.data())
def test_fuzz_html_structured_but_broken(tmp, nodes, doctype, encoding, data):
    page = ("<!DOCTYPE html>" if doctype else "") + "<html><body>" + "".join(nodes)
    read_file(tmp, "x.html", data.draw(cut(_encode(page, encoding))), "html: broken markup")


# -- JSONL ---------------------------------------------------------------------------------------
def _line(value) -> bytes:
    return json.dumps(value, ensure_ascii=True).encode("ascii")


jsonl_lines = st.one_of(
    records.map(_line),
    json_values.map(_line),
    st.binary(max_size=60),
    records.map(_line).map(lambda b: b[: len(b) // 2]),
    st.just(b""),
    st.just(b"   "),
)


@FUZZ
@given(
    lines=st.lists(jsonl_lines, max_size=6),
    max_bytes=st.sampled_from([ingest.MAX_BYTES, 300]),
    gz=st.booleans(),
    data=st.data(),
)
def test_fuzz_jsonl(tmp, lines, max_bytes, gz, data):
    raw = b"\n".join(lines)
    if gz:
        raw = data.draw(cut(gzip.compress(raw)))
    read_file(tmp, "x.jsonl.gz" if gz else "x.jsonl", raw, "jsonl(.gz): records", max_bytes=max_bytes)


# -- feeds ---------------------------------------------------------------------------------------
def _field(tag: str, value: str, mode: str) -> str:
    if mode == "cdata":
        return f"<{tag}><![CDATA[{value}]]></{tag}>"
    return f"<{tag}>{escape(value) if mode == 'escaped' else value}</{tag}>"


modes = st.sampled_from(["escaped", "escaped", "cdata", "raw"])
rss_item = st.builds(
    lambda title, link, date, body, m1, m2: (
        "<item>"
        + _field("title", title, m1)
        + _field("link", link, m1)
        + _field("pubDate", date, m1)
        + _field("description", body, m2)
        + "</item>"
    ),
    any_text,
    any_text,
    st.one_of(st.just("Tue, 23 Jan 2024 10:00:00 GMT"), any_text),
    st.one_of(st.just(f"<p>{GOOD}</p>"), html_nodes, news),
    modes,
    modes,
)
atom_entry = st.builds(
    lambda title, when, body, kind, m: (
        "<entry>"
        + _field("title", title, m)
        + _field("updated", when, m)
        + f'<content type="{kind}">'
        + (escape(body) if m == "escaped" else body)
        + "</content></entry>"
    ),
    any_text,
    st.one_of(st.just("2024-01-23T10:00:00Z"), any_text),
    st.one_of(st.just(GOOD), html_nodes),
    st.sampled_from(["html", "text", "xhtml", "bogus"]),
    modes,
)


@st.composite
def feeds(draw) -> bytes:
    """Half of them well formed with a readable entry among random ones, so that the readers'
    paths past parsing are fuzzed too; the rest broken anywhere."""
    plausible = draw(st.booleans())
    encoding = "utf-8" if plausible else draw(encodings)
    head = f'<?xml version="1.0" encoding="{"utf-8" if plausible else draw(st.sampled_from([encoding, "bogus"]))}"?>'
    mode = "escaped" if plausible else draw(modes)
    if draw(st.booleans()):
        good = f"<item><title>Rockets hit Anbar</title>{_field('description', GOOD_HTML, mode)}</item>"
        body = (
            '<rss version="2.0"><channel>'
            + _field("title", draw(any_text), mode)
            + "".join(draw(st.lists(rss_item, max_size=3)))
            + (good if plausible else "")
            + "</channel></rss>"
        )
    else:
        good = f'<entry><title>Rockets hit Anbar</title><content type="html">{escape(GOOD_HTML)}</content></entry>'
        body = (
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            + _field("title", draw(any_text), mode)
            + "".join(draw(st.lists(atom_entry, max_size=3)))
            + (good if plausible else "")
            + "</feed>"
        )
    if plausible:  # no lone surrogate or NUL to make the whole file unreadable
        return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", head + body).encode("utf-8", "replace")
    return draw(cut(_encode(head + body, encoding)))


@FUZZ
@given(
    raw=st.one_of(
        feeds(),
        st.binary(max_size=300),
        html_nodes.map(lambda s: ("<?xml version='1.0'?>" + s).encode("utf-8", "surrogatepass")),
    ),
    name=st.sampled_from(["x.rss", "x.atom", "x.xml"]),
)
def test_fuzz_feeds(tmp, raw, name):
    read_file(tmp, name, raw, "feeds: RSS/Atom")


# -- WARC ----------------------------------------------------------------------------------------
def _warc(block: bytes, length: int | None, uri: bytes | None = b"http://example.org/a") -> bytes:
    head = b"WARC/1.0\r\nWARC-Type: response\r\n" + (b"WARC-Target-URI: " + uri + b"\r\n" if uri is not None else b"")
    head += b"Content-Type: application/http; msgtype=response\r\n"
    head += b"Content-Length: %d\r\n" % length if length is not None else b""
    return head + b"\r\n" + block + b"\r\n\r\n"


WELL_FORMED_PAGE = f"<html><body><article><p>{GOOD}</p></article></body></html>".encode()


@st.composite
def warc_records(draw) -> bytes:
    """A response record, half of them well formed around a readable page, the rest broken anywhere."""
    if draw(st.booleans()):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + WELL_FORMED_PAGE
        return _warc(http, len(http), uri=draw(st.sampled_from([b"http://example.org/a", b"http://example.org/b"])))
    status = draw(st.sampled_from(["200 OK", "200 OK", "404 Not Found", "abc", ""]))
    ctype = draw(
        st.sampled_from(
            [
                "text/html",
                "text/html; charset=utf-8",
                "text/html; charset=latin-1",
                "text/html; charset=bogus",
                "application/json",
                "",
            ]
        )
    )
    body = draw(
        st.one_of(
            st.just(WELL_FORMED_PAGE),
            html_nodes.map(lambda s: s.encode("utf-8", "surrogatepass")),
            st.binary(max_size=200),
        )
    )
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n".encode()
        + draw(st.sampled_from([b"", b"Content-Length: 5\r\n", b"Transfer-Encoding: chunked\r\n", b"X: \xff\r\n"]))
        + b"\r\n"
        + body
    )
    length = draw(st.one_of(st.just(len(http)), st.integers(-10, len(http) + 50), st.just(10**15)))
    headers = [
        b"WARC/1.0",
        b"WARC-Type: " + draw(st.sampled_from([b"response", b"response", b"request", b"warcinfo", b"bogus"])),
    ]
    if draw(st.booleans()):
        headers.append(
            b"WARC-Target-URI: " + draw(st.sampled_from([b"http://example.org/a", b"", b"\xff\xfe", b"urn:x"]))
        )
    headers.append(b"Content-Type: application/http; msgtype=response")
    if draw(st.integers(0, 9)):
        headers.append(b"Content-Length: " + draw(st.one_of(st.just(str(length).encode()), st.binary(max_size=5))))
    record = b"\r\n".join(headers) + b"\r\n\r\n" + http + b"\r\n\r\n"
    if draw(st.booleans()):
        record = gzip.compress(record)
        if not draw(st.integers(0, 3)):  # a broken gzip member
            at = draw(st.integers(0, len(record) - 1))
            record = record[:at] + bytes([record[at] ^ 0x5A]) + record[at + 1 :]
    return record


@FUZZ
@given(
    records_=st.lists(warc_records(), min_size=1, max_size=3),
    name=st.sampled_from(["x.warc", "x.warc.gz"]),
    data=st.data(),
)
def test_fuzz_warc(tmp, records_, name, data):
    read_file(tmp, name, data.draw(cut(b"".join(records_))), "warc: records")


@FUZZ
@given(data=st.binary(max_size=400), prefix=st.sampled_from([b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00"]))
def test_fuzz_warc_random_bytes(tmp, data, prefix):
    read_file(tmp, "x.warc", prefix + data, "warc: random bytes")


# -- standard input ------------------------------------------------------------------------------
@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=400),
        st.tuples(
            st.sampled_from(
                [b"{", b"WARC/1.0\r\n", b"<?xml version='1.0'?><rss>", b"<!doctype html>", b"<html>", b"\x1f\x8b"]
            ),
            st.binary(max_size=200),
        ).map(b"".join),
        st.lists(jsonl_lines, max_size=4).map(b"\n".join).map(lambda b: b"{" + b),
        st.lists(jsonl_lines, max_size=4).map(b"\n".join).map(gzip.compress),
        st.lists(warc_records(), min_size=1, max_size=2).map(b"".join),
        feeds(),
    )
)
def test_fuzz_standard_input(raw):
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(raw)))
    with mock.patch.object(sys, "stdin", stdin), case("stdin: any stream"):
        items = list(ingest.read(["-"]))
        check(items, "<stdin>")
    if any(isinstance(i, Article) for i in items):
        reached("stdin: any stream")


# -- adversarial, one case each ------------------------------------------------------------------
HTTP = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article>"
    + GOOD_HTML.encode()
    + b"</article></body></html>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
    + f']><rss version="2.0"><channel><item><title>&i;</title><description>{GOOD}</description></item></channel></rss>'
)

ADVERSARIAL = {
    "html: 100,000 nested divs": (
        "x.html",
        ("<html><body>" + "<div>" * 100_000 + GOOD_HTML + "</div>" * 100_000).encode(),
    ),
    "html: 100,000 unclosed tags": ("x.html", ("<html><body>" + "<b>" * 100_000 + GOOD_HTML).encode()),
    "html: 30,000 unclosed paragraphs": ("x.html", ("<html><body>" + "<p><i>" * 30_000 + GOOD).encode()),
    "html: a 5 MB attribute": (
        "x.html",
        ('<html><body><p title="' + "x" * 5_000_000 + f'">{GOOD}</p></body></html>').encode(),
    ),
    "html: 20,000 attributes": (
        "x.html",
        ("<html><body><p " + " ".join(f'a{i}="v"' for i in range(20_000)) + f">{GOOD}</p></body></html>").encode(),
    ),
    "html: only script": ("x.html", b"<html><script>" + b"var a = 1;" * 10_000 + b"</script></html>"),
    "html: over the size limit": ("x.html", b"<p>" + b"a " * (ingest.MAX_BYTES // 2 + 10)),
    "jsonl: a line over the size limit": (
        "x.jsonl",
        json.dumps({"text": "a " * (ingest.MAX_BYTES // 2 + 10)}).encode()
        + b"\n"
        + json.dumps({"text": GOOD}).encode(),
    ),
    "jsonl: 100,000 nested lists": (
        "x.jsonl",
        b"[" * 100_000 + b"]" * 100_000 + b"\n" + json.dumps({"text": GOOD}).encode(),
    ),
    "jsonl: a number of 5,000 digits": ("x.jsonl", b'{"text": "%s", "id": %s}' % (GOOD.encode(), b"9" * 5000)),
    "feed: entity expansion (billion laughs)": ("x.rss", LAUGHS.encode()),
    "feed: 100,000 nested elements": (
        "x.rss",
        (
            '<?xml version="1.0"?><rss><channel><item><description>'
            + "<x>" * 100_000
            + GOOD
            + "</description></item></channel></rss>"
        ).encode(),
    ),
    "feed: external entity": (
        "x.rss",
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            f"<rss><channel><item><title>&e;</title><description>{GOOD}</description>"
            "</item></channel></rss>"
        ).encode(),
    ),
    "warc: no target URI": ("x.warc", _warc(HTTP, len(HTTP), uri=None)),
    "warc: no content length": ("x.warc", _warc(HTTP, None)),
    "warc: content length too short": ("x.warc", _warc(HTTP, len(HTTP) - 40) + _warc(HTTP, len(HTTP))),
    "warc: content length too long": ("x.warc", _warc(HTTP, len(HTTP) + 400)),
    "warc: content length 10^15": ("x.warc", _warc(HTTP, 10**15)),
    "warc: negative content length": ("x.warc", _warc(HTTP, -5) + _warc(HTTP, len(HTTP))),
    "warc: truncated gzip member": ("x.warc.gz", gzip.compress(_warc(HTTP, len(HTTP)))[:-30]),
    "warc: garbage between members": (
        "x.warc.gz",
        gzip.compress(_warc(HTTP, len(HTTP))) + b"\x1f\x8b\x08\x00junk" + gzip.compress(_warc(HTTP, len(HTTP))),
    ),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_reader_input(tmp, name):
    filename, data = ADVERSARIAL[name]
    items = read_file(tmp, filename, data, "readers: adversarial", limit=90)
    if "over the size limit" in name:
        assert any(isinstance(i, InputError) and "too large" in i.reason for i in items)
    if "external entity" in name:  # never read from the disk
        assert not any(isinstance(i, Article) and "root:" in (i.title or "") + i.text for i in items)
