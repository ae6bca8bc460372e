"""Ingest: articles from text, HTML and JSONL; every bad input rejected with a reason, the batch going on."""

from __future__ import annotations

import gzip
import json

import pytest

from dateline import sources as ingest
from dateline.errors import InputError
from dateline.records import Article

GOOD = (
    "Militia fires rockets at base\n\nBAGHDAD - Rockets struck a base housing US troops in western Iraq "
    "on Tuesday, the army said, and officials said the attack was the third this week."
)
FRENCH = (
    "Des roquettes ont frappé une base\n\nBAGDAD - Des roquettes ont frappé une base qui abrite des "
    "soldats américains dans l'ouest de l'Irak mardi, a indiqué l'armée, et selon les responsables "
    "l'attaque est la troisième de la semaine dans la région."
)


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(p)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        ("french.txt", FRENCH, "not English"),
        ("broken.html", "<html><body><div><p>\x3c/div></span><<<>>", "no article text"),
        ("numbers.txt", "12 34 56\n\n78", "no article text"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    (item,) = list(ingest.read([path]))
    assert isinstance(item, InputError)
    assert reason in item.reason
    assert name in str(item)


def test_huge_file_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.write(b"word " * (50 * 1024 * 1024 // 5))
    (item,) = list(ingest.read([str(path)]))
    assert isinstance(item, InputError) and "too large" in item.reason


def test_missing_path(tmp_path):
    (item,) = list(ingest.read([str(tmp_path / "nope.txt")]))
    assert isinstance(item, InputError) and "no such file" in item.reason


def test_malformed_jsonl_line_among_good_ones(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": GOOD}),
        "{not json",
        json.dumps({"id": "b", "text": GOOD + " More."}),
        json.dumps(["a list"]),
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "html": "<p>x</p>"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    items = list(ingest.read([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "b"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:6"]
    assert "malformed JSON" in errors[0].reason


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a", "text": GOOD, "published": "2024-01-25T08:00:00Z"}) + "\n")
    (art,) = list(ingest.read([str(path)]))
    assert art.id == "a" and art.published == "2024-01-25" and art.published_source == "input"


def test_directory_is_read_recursively_with_ids_from_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "one.txt", GOOD)
    write(tmp_path / "sub", "two.txt", GOOD + " Another line.")
    write(tmp_path, "notes.bin", b"\x00\x01")
    ids = [a.id for a in ingest.read([str(tmp_path)])]
    assert ids == ["one", "sub/two"]


@pytest.mark.parametrize(
    "text, title, dateline",
    [
        (
            "Pentagon says US received no request to quit Iraq\n\nERBIL, Kurdistan Region - The United States has not "
            "received a request.",
            "Pentagon says US received no request to quit Iraq",
            "ERBIL, Kurdistan Region",
        ),
        ("Rockets hit base\n\nBAGHDAD (Reuters) - Rockets struck a base on Tuesday.", "Rockets hit base", "BAGHDAD"),
        ("KHARTOUM — Fighting resumed in the capital on Monday.", None, "KHARTOUM"),
        ("Fighting resumed in the capital on Monday. Officials said the truce had collapsed.", None, None),
        # AP wire copy: the dateline on a line of its own, ended by an underscore; it is no headline
        ("\n\nNAIROBI, Kenya (AP) _\n\nBombs exploded outside the U.S. embassy on Friday.", None, "NAIROBI, Kenya"),
        ("DAR ES SALAAM, Tanzania (AP) _ The bomb outside the embassy was powerful.", None, "DAR ES SALAAM, Tanzania"),
        ("NEW YORK (AP) --\nA man was arrested on Monday.", None, "NEW YORK"),
    ],
)
def test_headline_and_dateline(text, title, dateline):
    art = ingest.article_from_text(text)
    assert art.title == title
    assert (art.dateline.text if art.dateline else None) == dateline
    if art.dateline:
        assert text[art.dateline.start : art.dateline.end] == dateline


def test_dateline_date_gives_the_publication_date():
    art = ingest.article_from_text("WASHINGTON, Jan. 25, 2024 (AP) - The Pentagon said talks would go on.")
    assert art.published == "2024-01-25" and art.published_source == "dateline"


@pytest.mark.parametrize(
    "text, published",
    [
        ("Wed 05 Apr 2017 Rebels shell army posts near Hama. Rebels shelled army posts on Wednesday.", "2017-04-05"),
        (
            "Date of publication 7 July 2016 - Blast hits market in Idlib - A car bomb exploded on Thursday.",
            "2016-07-07",
        ),
        ("05-05-2016 - Army retakes hill near Latakia - Troops took the hill on Thursday.", "2016-05-05"),
        ("07.07.2015 - Mortar fire kills two in Damascus - Two people were killed on Tuesday.", "2015-07-07"),
        ("Published October 3 2016\nShelling kills five in Aleppo\nFive people were killed on Monday.", "2016-10-03"),
        (
            "Saturday 11 April 2015 18:05 Barrel bombs hit Daraa. Helicopters dropped barrel bombs on Saturday.",
            "2015-04-11",
        ),
        (
            "Car bomb kills 12 in Homs     AFP Saturday 21 Jun 2014    A car bomb killed 12 people on Saturday.",
            "2014-06-21",
        ),
        ("Posted on April 19 2017 by Staff Writer Shelling kills three. Three people died on Wednesday.", "2017-04-19"),
        ("Thu Aug 1 2013 Depot blast in Homs. An ammunition depot exploded on Wednesday.", "2013-08-01"),
        # no date at the head: a date inside a sentence is the story's, not the page's
        ("Rebels said the attack on 5 April 2017 killed 12 people in the town.", None),
        ("Troops advanced since 15 March 2016 toward the city. Fighting went on.", None),
        ("Shelling killed 3 people on Monday. " + "Fighting went on. " * 20 + "Wed 05 Apr 2017", None),
        ("Resolution 2254 calls for talks. The vote was 15-0 in 2015.", None),
        ("Fighting resumed in the capital on Monday. Officials said the truce had collapsed.", None),
    ],
)
def test_publication_date_read_from_the_head_of_the_text(text, published):
    art = ingest.article_from_text(text)
    assert art.published == published
    assert art.published_source == ("text" if published else None)


def test_a_given_publication_date_wins_over_the_text():
    art = ingest.article_from_text("Wed 05 Apr 2017 Rebels shell army posts.", published="2017-04-06")
    assert art.published == "2017-04-06" and art.published_source == "input"


def test_html_through_trafilatura(tmp_path):
    body = " ".join(["Rockets struck a base housing US troops in western Iraq on Tuesday, the army said."] * 4)
    html = (
        f"<html><head><title>Rockets hit base | Example News</title>"
        f"<meta property='article:published_time' content='2024-01-23T10:00:00Z'></head>"
        f"<body><nav>Home | World | Sport</nav><article><h1>Rockets hit base</h1><p>{body}</p>"
        f"<p>{body}</p></article><footer>© Example News</footer></body></html>"
    )
    (art,) = list(ingest.read([write(tmp_path, "page.html", html)]))
    assert isinstance(art, Article), art
    assert "Rockets struck a base" in art.text and "Home | World" not in art.text
    assert art.published == "2024-01-23" and art.published_source == "html"
    assert art.title and art.text.startswith(art.title)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire A World</title>
<item><title>Rockets hit base in Anbar</title><link>https://example.org/a</link><guid>wire-a-1</guid>
<pubDate>Tue, 23 Jan 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;BAGHDAD - Rockets struck a base housing US troops in western Iraq on Tuesday, the army said,
and officials said the attack was the third this week.&lt;/p&gt;</description></item>
<item><title>Empty</title><guid>wire-a-2</guid><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency B</title>
<entry><title>Drone strike in Jordan</title><id>tag:agency-b,2024:1</id><updated>2024-01-29T08:00:00Z</updated>
<content type="text">A drone struck a US base in Jordan on Sunday, killing three American soldiers, officials said on Monday.</content>
</entry></feed>"""


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("world.rss", RSS, [("wire-a-1", "2024-01-23", "Wire A World", "https://example.org/a")]),
        ("agency.atom", ATOM, [("tag:agency-b,2024:1", "2024-01-29", "Agency B", None)]),
    ],
)
def test_feed_entries_become_articles(tmp_path, name, data, expected):
    items = list(ingest.read([write(tmp_path, name, data)]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.published, a.source, a.url) for a in arts] == expected
    assert "struck a" in arts[0].text
    if name == "world.rss":  # the empty entry is rejected with a reason, the feed goes on
        (err,) = [i for i in items if isinstance(i, InputError)]
        assert err.origin.endswith("#2") and "no content" in err.reason


def warc_file(tmp_path, name="crawl.warc.gz"):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        "<html><head><title>Rockets hit base in Anbar</title></head><body><article><h1>Rockets hit base in "
        f"Anbar</h1><p>{GOOD}</p><p>Officials said more attacks were expected in the coming days.</p>"
        "</article></body></html>"
    ).encode()
    path = tmp_path / name
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=name.endswith(".gz"))
        for uri, status, ctype, body in [
            ("https://example.org/anbar", "200 OK", "text/html; charset=utf-8", page),
            ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://example.org/gone", "404 Not Found", "text/html", b"<html></html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=__import__("io").BytesIO(body), http_headers=headers)
            )
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_articles(tmp_path, name):
    items = list(ingest.read([str(warc_file(tmp_path, name))]))
    assert [(i.id, i.url) for i in items] == [("https://example.org/anbar", "https://example.org/anbar")]
    assert "Rockets struck a base" in items[0].text


def test_not_a_warc_is_rejected(tmp_path):
    (item,) = list(ingest.read([write(tmp_path, "junk.warc", "this is not a web archive at all")]))
    assert isinstance(item, InputError) and "WARC" in item.reason


@pytest.mark.parametrize("kind", ["jsonl", "jsonl.gz", "rss", "warc.gz"])
def test_standard_input_is_read_as_a_stream(tmp_path, monkeypatch, kind):
    import io as _io

    if kind.startswith("jsonl"):
        raw = "".join(json.dumps({"id": f"s{i}", "text": GOOD + f" Line {i}."}) + "\n" for i in range(3)).encode()
        raw = gzip.compress(raw) if kind.endswith(".gz") else raw
        expected = 3
    elif kind == "rss":
        raw, expected = RSS.encode(), 1
    else:
        raw, expected = warc_file(tmp_path).read_bytes(), 1
    monkeypatch.setattr("sys.stdin", _io.TextIOWrapper(_io.BytesIO(raw)))
    arts = [i for i in ingest.read(["-"]) if isinstance(i, Article)]
    assert len(arts) == expected


def test_count_gives_the_progress_total(tmp_path):
    write(tmp_path, "a.jsonl", json.dumps({"text": GOOD}) + "\n\n" + json.dumps({"text": GOOD}) + "\n")
    write(tmp_path, "b.txt", GOOD)
    assert ingest.count([str(tmp_path)]) == 3
    assert ingest.count(["-"]) is None
