"""The gazetteer and the context resolver (no spaCy): names, lookups, resolution in context."""

from __future__ import annotations

import time

import pytest

from dateline.resolve import gazetteer as gz
from dateline.resolve.geo import names


@pytest.mark.parametrize(
    "a, b",
    [
        ("Qaim", "Al-Qa'im"),
        ("Qa’im", "Qaim"),
        ("Jurf al-Nasr", "Jurf an Nasr"),
        ("Ain al-Asad", "Ain Asad"),
        ("St. Louis", "Saint Louis"),
        ("ERBIL", "Erbil"),
        ("Sulaimaniyah", "Sulaymaniyah"),
    ],
)
def test_loose_keys_meet(a, b):
    assert names.loose(a) == names.loose(b)


@pytest.mark.parametrize(
    "text, key",
    [
        ("N.D.", "nd"),
        ("U.S.", "us"),
        ("Kataib Hezbollah’s", "kataib hezbollahs"),
        ("the Gaza Strip", "gaza strip"),
        ("São Paulo", "sao paulo"),
    ],
)
def test_fold(text, key):
    assert names.fold(text) == key


@pytest.fixture(scope="module")
def gaz():
    return gz.gazetteer()


@pytest.mark.parametrize(
    "name, country, feature",
    [
        ("Qaim", "IQ", "city"),
        ("Ain al-Asad airbase", "IQ", "facility"),
        ("Jurf al-Sakhar", "IQ", "city"),
        ("Gaza Strip", "PS", "region"),
        ("Kurdistan Region", "IQ", "region"),
        ("Anbar", "IQ", "admin1"),
        ("Ky.", "US", "admin1"),
        ("UK", "GB", "country"),
        ("U.S.", "US", "country"),
        ("Iraqi", "IQ", "country"),
        ("Syria", "SY", "country"),
        ("Alachua County", "US", "admin2"),
    ],
)
def test_lookup_finds_the_place(gaz, name, country, feature):
    found, _ = gz.candidates(gaz, name)
    assert any(c.country == country and c.feature == feature for c in found), [
        (c.name, c.country, c.feature) for c in found
    ]


def test_index_is_cached_and_quick_to_load(gaz):
    assert gz.cache_path().exists()
    from dateline.resolve.geo import index

    t0 = time.perf_counter()
    again = index.load()
    assert time.perf_counter() - t0 < 5.0  # well under a second on a quiet machine
    assert len(again.name) == len(gaz.name) > 200_000


def _resolve(text, name, nth=0):
    at = -1
    for _ in range(nth + 1):
        at = text.index(name, at + 1)
    mentions = []
    for n in dict.fromkeys([name] + [w for w in ("Georgia", "Atlanta", "Iowa", "Anbar", "Ga.", "S.C.") if w in text]):
        i = text.find(n)
        while i >= 0:
            mentions.append(gz.Mention(i, i + len(n), n))
            i = text.find(n, i + 1)
    mentions.sort(key=lambda m: m.start)
    res = {(r.mention.start, r.mention.text): r for r in gz.resolve(text, mentions)}
    return res[(at, name)]


@pytest.mark.parametrize(
    "text, name, country, admin1",
    [
        ("The fire spread from Decatur, Ga., to nearby towns.", "Decatur", "US", "US-GA"),
        ("Police in Greenville, S.C., said the suspect fled.", "Greenville", "US", "US-SC"),
        ("Militants struck near Anbar province’s Qaim district on Tuesday.", "Qaim", "IQ", None),
        ("The governor of Georgia spoke in Atlanta on Monday.", "Georgia", "US", "US-GA"),
        ("Russian troops crossed into Georgia and Tbilisi protested.", "Georgia", "GE", None),
    ],
)
def test_context_picks_the_right_namesake(text, name, country, admin1):
    r = _resolve(text, name)
    assert r.place is not None and r.place.country == country
    if admin1:
        assert r.place.admin1 == admin1


@pytest.mark.parametrize("name, precision", [("Iraq", "country"), ("Anbar", "admin1"), ("Erbil", "exact")])
def test_precision(name, precision):
    (r,) = gz.resolve(f"Officials in {name} said so.", [gz.Mention(12, 12 + len(name), name)])
    assert r.precision == precision


@pytest.mark.parametrize(
    "text, focus",
    [
        ("ERBIL, Kurdistan Region - The United States has not...", ["ERBIL", "Kurdistan Region"]),
        ("BAGHDAD (Reuters) — Iraq said", ["BAGHDAD"]),
        ("The United States said on Monday", []),
    ],
)
def test_dateline_focus(text, focus):
    assert gz.dateline_focus(text) == focus


def _resolve_all(text, names_):
    """Every occurrence of each name as a mention; resolutions keyed by (start, text)."""
    mentions = []
    for n in names_:
        i = text.find(n)
        while i >= 0:
            if not any(m.start <= i < m.end or i <= m.start < i + len(n) for m in mentions):
                mentions.append(gz.Mention(i, i + len(n), n))
            i = text.find(n, i + 1)
    mentions.sort(key=lambda m: m.start)
    return gz.resolve(text, mentions)


@pytest.mark.parametrize(
    "text, names_, last, admin1",
    [
        # one sense per discourse: the qualifier of the first mention holds for the bare one
        (
            "She was born in Elizabethtown, Pennsylvania, in 1913. She later taught school in Elizabethtown.",
            ["Elizabethtown", "Pennsylvania"],
            "Elizabethtown",
            "US-PA",
        ),
        # the county named in full, then by its short name
        (
            "The DeKalb County Commission met in Decatur, Ga., on Tuesday. Residents of unincorporated DeKalb objected.",
            ["DeKalb County", "Decatur", "Ga.", "DeKalb"],
            "DeKalb",
            "US-GA",
        ),
        # a county named by its short name, in the state the article is about
        (
            "Sheriffs in Sarpy, Lancaster and Douglas counties said Nebraska roads were icy.",
            ["Sarpy", "Lancaster", "Douglas", "Nebraska"],
            "Douglas",
            "US-NE",
        ),
        # the province the article names outright frames its towns (local news, Lieberman et al. 2010)
        (
            (
                "London police said Ontario would pay for the new station, as Quebec City and Nanjing, China did. "
                "The London chief welcomed it; Ontario officials agreed."
            ),
            ["London", "Ontario", "Quebec City", "Nanjing", "China"],
            "London",
            "CA-ON",
        ),
        # a qualified county is not doubted for being far from the article's other places
        (
            (
                "Manhattan, Wamego, Leavenworth, Shawnee and Topeka hope to host the lab, like Fermilab in "
                "Kane County, Ill."
            ),
            ["Manhattan", "Wamego", "Leavenworth", "Shawnee", "Topeka", "Kane County", "Ill."],
            "Kane County",
            "US-IL",
        ),
    ],
)
def test_discourse_context(text, names_, last, admin1):
    res = [r for r in _resolve_all(text, names_) if r.mention.text == last]
    assert res[-1].place is not None and res[-1].place.admin1 == admin1


@pytest.mark.parametrize(
    "text, names_, word, country, admin1",
    [
        ("A Texan rancher said the drought was the worst he had seen.", ["Texan"], "Texan", "US", "US-TX"),
        ("Abkhaz officials said Georgian troops had crossed the line.", ["Abkhaz", "Georgian"], "Abkhaz", "GE", None),
        (
            "New London police said New Londoners should lock their doors.",
            ["New Londoners", "New London"],
            "New Londoners",
            "US",
            None,
        ),
    ],
)
def test_demonyms_resolve_to_their_place(text, names_, word, country, admin1):
    (r,) = [r for r in _resolve_all(text, names_) if r.mention.text == word]
    assert r.place is not None and r.place.country == country
    if admin1:
        assert r.place.admin1 == admin1


def test_home_lies_in_the_country_the_article_names_most():
    # "Makeen" reads as Makin, Kiribati; the article is about Pakistan, so an unknown place
    # ("Makeen Market Complex") is placed at home there, not in the Pacific
    text = (
        "Drone strikes hit Wana in South Waziristan, Pakistan, on Monday. Pakistani officials said "
        "Makeen was shelled. Residents of Makeen fled to the Agriculture Park near Makeen. Pakistan's army "
        "said the Makeen Market Complex was hit."
    )
    res = _resolve_all(text, ["Makeen Market Complex", "Agriculture Park", "Wana", "Pakistani", "Pakistan", "Makeen"])
    (r,) = [r for r in res if r.mention.text == "Agriculture Park"]
    assert r.place is not None and r.place.country == "PK"


@pytest.mark.parametrize(
    "text, names_, word, admin1",
    [
        # the Madison County that Richmond lies in, not one 100 km from another Richmond
        (
            "The Belk Foundation gave a grant to Hope's Wings in Richmond. The Madison County shelter opened in 2001.",
            ["Richmond", "Madison County"],
            "Madison County",
            "US-KY",
        ),
        (
            (
                "Rollover near Brandon injures Albany driver. She was driving east of Brandon, according to the "
                "Douglas County Sheriff's Office."
            ),
            ["Brandon", "Albany", "Douglas County"],
            "Albany",
            "US-MN",
        ),
        # a capital's namesake, among its neighbours in a Tennessee paper
        (
            "Firefighters from Athens, Niota and Englewood answered the call.",
            ["Athens", "Niota", "Englewood"],
            "Athens",
            "US-TN",
        ),
    ],
)
def test_town_names_read_together_pick_one_region(text, names_, word, admin1):
    res = [r for r in _resolve_all(text, names_) if r.mention.text == word]
    assert res and all(r.place is not None and r.place.admin1 == admin1 for r in res)


@pytest.mark.parametrize("written, admin1", [("St. Louis", "US-MO"), ("Ft. Worth", "US-TX")])
def test_abbreviated_names_find_the_spelled_out_towns(written, admin1):
    from dateline.resolve.geo.resolver import candidates

    found, _ = candidates(gz.gazetteer(), written)
    assert admin1 in {c.admin1 for c in found}


def test_every_reading_gets_one_feature_per_weight():
    from dateline.resolve.geo import scoring

    trace = []
    text = "Fighting broke out in Decatur, Ga., on Sunday."
    gz.gazetteer()
    from dateline.resolve.geo.resolver import resolve

    resolve(gz.gazetteer(), text, [gz.Mention(22, 29, "Decatur")], trace=trace)
    ((cands, vecs),) = trace
    assert len(cands) > 1 and all(len(v) == len(scoring.FEATURES) for v in vecs)
    assert set(scoring.WEIGHTS) == set(scoring.FEATURES)


@pytest.mark.parametrize(
    "text, names_, word, admin1",
    [
        # a list of names is no qualifier: the first university is not in California
        (
            "He was accepted to Florida Atlantic University, California Polytechnic State University and San Marcos.",
            ["Florida Atlantic University", "California Polytechnic State University", "San Marcos"],
            "Florida Atlantic University",
            "US-FL",
        ),
        # a qualifier that ends its sentence still qualifies
        (
            "It lost to NERI in Jefferson County, Colo. A similar meeting was held in Manhattan, Kan.",
            ["Jefferson County", "Colo.", "Manhattan", "Kan."],
            "Jefferson County",
            "US-CO",
        ),
    ],
)
def test_qualifier_is_a_whole_area_name(text, names_, word, admin1):
    (r,) = [r for r in _resolve_all(text, names_) if r.mention.text == word]
    assert r.place is not None and r.place.admin1 == admin1
