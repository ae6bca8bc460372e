"""Rival tolls and statements worth comparing, in news phrasing (claims.tolls, claims.statements)."""

from __future__ import annotations

import pytest

from dateline.claims import claim as claim_lib
from dateline.claims.disputes import compare
from dateline.claims.statements import comparable
from dateline.claims.tolls import one_incident, tolls
from dateline.records import Span, Speaker
from dateline.sources.furniture import is_furniture, strip


def said(who: str, text: str, at: int = 0, after: bool = False):
    """ "<who> said <text>", or "<text>, <who> said" with ``after``."""
    if after:
        content = Span(at, at + len(text), text)
        speaker = Speaker(who, content.end + 2, content.end + 2 + len(who), who)
    else:
        content = Span(at + len(who) + 6, at + len(who) + 6 + len(text), text)
        speaker = Speaker(who, at, at + len(who), who)
    return claim_lib.make(content, speaker, cue="said", sentence=content, article="r")


@pytest.mark.parametrize(
    "text, counts",
    [
        ("the shelling killed 14 people including three children in Kharkiv", [("killed", "people", 14)]),
        ("another 42 people were killed in strikes on the eastern districts", []),  # a part of a larger toll
        ("the war has killed more than 500,000 people since 2011", []),  # cumulative, never an event's
        ("two car bombs killed at least 25 people in the market", [("killed", "people", 25)]),  # not "two killed"
        ("nine civilians were killed in Saltivka and two others died in Pivnichna", []),  # a breakdown
        ("the raid left 12 soldiers dead and wounded 30 others", [("killed", "troops", 12), ("injured", "people", 30)]),
    ],
)
def test_what_a_toll_counts(text, counts):
    got = [(t.unit, t.group.split()[0], t.quantity.value) for t in tolls(said("the governor", text))]
    assert got == counts


def test_rival_tolls_of_one_strike_contradict():
    a = said("the regional governor", "the missile strike on the railway station in Kramatorsk killed 52 people")
    b = said("the defence ministry", "the strike on the station in Kramatorsk killed 30 people", at=200)
    found = compare(a, b)
    assert found is not None and found.type == "numeric" and found.confidence >= 0.8


@pytest.mark.parametrize(
    "b_text",
    [
        "a strike on the bakery in Lysychansk killed 30 people",  # another town: two incidents of a roundup
        "the strike on the station in Kramatorsk killed 40 children",  # children are not everyone
        "the toll from the strike on the station in Kramatorsk has risen to 59 people",  # an update
        "at least 50 people were killed in the strike on the station in Kramatorsk",  # compatible
    ],
)
def test_no_rival_tolls(b_text):
    a = said("the regional governor", "the missile strike on the railway station in Kramatorsk killed 52 people")
    found = compare(a, said("the defence ministry", b_text, at=200))
    assert found is None or found.type != "numeric"


def test_days_set_incidents_apart():
    a = said("police", "a car bomb killed 7 people in Mogadishu on Monday")
    b = said("a hospital director", "a car bomb killed 11 people in Mogadishu on Thursday", at=100)
    assert not one_incident(a, b)


def test_a_headline_before_the_statement_is_cut_off():
    text = "Blast kills 40 in Kabul   Reuters  Friday 3 Mar 2023   At least 19 people were killed in the blast"
    c = comparable(said("police", text, after=True))
    assert c is not None and c.content.text.startswith("At least 19") and [q.value for q in c.numbers] == [19]


@pytest.mark.parametrize("speaker", ["Date of publication", "Posted on March 3 by", "Kandahar"])
def test_no_side_no_statement(speaker):
    assert comparable(said(speaker, "seven people were killed in the attack on the checkpoint")) is None


def test_page_furniture():
    page = "Blast in Kabul - Get short URL  0 12 A blast hit the city. ... 44   Related Other story Tags Kabul Community standardsDiscussion Comment via FacebookComment via Sputnik News"
    assert strip(page) == "Blast in Kabul -  A blast hit the city."
    assert is_furniture("Tags Afghanistan Kabul  ") and not is_furniture("Police said the tags were found.")
