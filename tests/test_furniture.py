"""Page furniture dropped at ingest (sources/furniture.py): share widgets and a page's link lists are
no part of the article; the article's own words, numbers first, are kept."""

from __future__ import annotations

from dateline.sources.article import article_from_text
from dateline.sources.furniture import strip


def test_a_share_widgets_counters_go_and_the_leads_number_stays():
    text = "Rebels Shell Town - Get short URL  0 85 14 people were killed when shells hit a market."
    assert strip(text) == "Rebels Shell Town -  14 people were killed when shells hit a market."
    assert (
        strip("Strike Hits Base - Get short URL 4312 The strike hit a base.")
        == "Strike Hits Base -  The strike hit a base."
    )


def test_text_without_furniture_is_unchanged():
    text = "Nine people were killed in Idlib, a monitor said. Related talks resumed on Monday."
    assert strip(text) is text


def test_the_ingest_drops_it():
    art = article_from_text("Blast kills 9 - Get short URL  0 0 0 Nine people died in a blast on Monday.", id="t")
    assert "Get short URL" not in art.text and "Nine people died" in art.text
