"""The sample articles shipped for ``dateline demo`` and ingest tests are well formed."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

SAMPLES = resources.files("dateline") / "data" / "samples"


def _articles() -> list[dict]:
    return [json.loads(line) for line in (SAMPLES / "samples.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_samples_have_the_article_fields():
    arts = _articles()
    assert 6 <= len(arts) <= 8
    assert len({a["id"] for a in arts}) == len(arts)
    for a in arts:
        assert set(a) == {"id", "title", "text", "published", "source", "url"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["published"])
        # Headline line, blank line, then a dateline such as "BAGHDAD - " (the seed's layout).
        head, blank, body = a["text"].split("\n", 2)
        assert head == a["title"] and blank == ""
        assert re.match(r"[A-Z][A-Z ,.'a-z]+ - ", body), body[:40]


@pytest.mark.parametrize(
    "a, b",
    [
        ("tigris-2024-03-12-ain-al-asad", "levant-2024-03-13-us-strikes-qaim"),
        ("sahel-2024-06-08-el-fasher-shelling", "nile-2024-06-09-el-fasher-toll"),
    ],
)
def test_paired_reports_of_one_event_come_from_different_outlets(a, b):
    by_id = {x["id"]: x for x in _articles()}
    assert by_id[a]["source"] != by_id[b]["source"]


def test_html_sample_carries_page_metadata():
    (page,) = [p for p in SAMPLES.iterdir() if p.name.endswith(".html")]
    html = page.read_text(encoding="utf-8")
    assert 'property="article:published_time" content="2024-07-09' in html
    assert "<title>" in html and 'name="author"' in html


def test_html_sample_ingests_without_boilerplate():
    from dateline.sources import article_from_html

    (page,) = [p for p in SAMPLES.iterdir() if p.name.endswith(".html")]
    art = article_from_html(page.read_text(encoding="utf-8"), id="rubaya")
    assert (art.published, art.author) == ("2024-07-09", "Aline Mukeshimana")
    assert art.title.startswith("M23 rebels seize Rubaya")
    assert "At least 14 civilians were killed" in art.text
    for boilerplate in ("cookies", "Most read", "Sign up", "All rights reserved"):
        assert boilerplate not in art.text
