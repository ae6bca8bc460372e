"""US villages that GeoNames' cities500 lacks, read from the post-office towns of ``zipcodes``."""

from __future__ import annotations

import pytest

from dateline.resolve import gazetteer as gz

pytest.importorskip("zipcodes")


def _resolve_all(text, names_):
    mentions = []
    for n in names_:
        i = text.find(n)
        while i >= 0:
            mentions.append(gz.Mention(i, i + len(n), n))
            i = text.find(n, i + 1)
    return gz.resolve(text, sorted(mentions, key=lambda m: m.start))


@pytest.mark.parametrize(
    "name, admin1",
    [("Atalissa", "US-IA"), ("Tennessee Colony", "US-TX"), ("Indian Orchard", "US-MA"), ("Atlantic Beach", "US-SC")],
)  # (served by a North Myrtle Beach ZIP code)
def test_post_town_is_a_reading(name, admin1):
    assert any(c.admin1 == admin1 and c.source == "zipcodes" for c in gz.lookup(name))


@pytest.mark.parametrize(
    "text, names_, word, admin1",
    [
        (
            "Elderly residents of Rocky Hill, Conn., can apply for tax credits, the assessor said.",
            ["Rocky Hill", "Conn."],
            "Rocky Hill",
            "US-CT",
        ),
        (
            "A rollover two miles east of Brandon injured an Albany driver, the Douglas County sheriff said.",
            ["Brandon", "Albany", "Douglas County"],
            "Brandon",
            "US-MN",
        ),
    ],
)
def test_village_in_context_is_the_post_town(text, names_, word, admin1):
    (r, *_) = [r for r in _resolve_all(text, names_) if r.mention.text == word]
    assert r.place is not None and r.place.admin1 == admin1 and r.precision == "exact"


def test_post_town_does_not_outrank_a_city_without_context():
    # a village of the same name is a reading, not the answer: "Springfield" alone stays a big Springfield
    (r,) = _resolve_all("Springfield council met on Monday.", ["Springfield"])
    assert r.place.source != "zipcodes"
