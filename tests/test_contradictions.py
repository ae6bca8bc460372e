"""Contradictions: within one article (component) and across articles (dateline.link.contradictions)."""

import json
from pathlib import Path

import pytest

from dateline.claims import claim as claims
from dateline.claims import disputes
from dateline.link.contradictions import find
from dateline.records import Article, Span, Speaker

HERE = Path(__file__).parent
SEED = HERE.parent.parent / "shared" / "seed"
REPORTS = HERE / "data" / "contradictions"


def claim(who, content, cue="said", title=None, sentence=None, article=None):
    sp = Speaker(who, 0, len(who), who, title=title)
    sent = Span(0, len(sentence), sentence) if sentence else None
    return claims.make(Span(0, len(content), content), sp, cue=cue, sentence=sent, article=article)


# (speaker a, statement a, cue a, speaker b, statement b, cue b, expected type or None)
PAIRS = [
    (
        "Pentagon",
        "that Baghdad had requested a withdrawal of US troops",
        "denied",
        "Iraqi Defense Minister",
        "Baghdad has requested the withdrawal of US troops",
        "said",
        "denial",
    ),
    (
        "Pentagon",
        "We've received no request from the government of Iraq to withdraw our troops",
        "said",
        "Iraqi Defense Minister",
        "Iraq requested that the coalition withdraw its troops",
        "said",
        "denial",
    ),
    # sharing a subject is not enough without a clear denial of it
    (
        "Pentagon",
        "We've received no request from the government of Iraq to withdraw our troops",
        "said",
        "Iraqi Defense Minister",
        "talks will determine the timing of the coalition troops' withdrawal",
        "said",
        None,
    ),
    (
        "Hamas",
        "its fighters were behind the attack on the convoy",
        "denied",
        "Israeli army",
        "Hamas fighters carried out the attack on the convoy",
        "said",
        "denial",
    ),
    (
        "Health Ministry",
        "at least 31 people were killed in the strike on the school",
        "said",
        "Israeli military",
        "the strike on the school killed 9 people",
        "said",
        "numeric",
    ),
    (
        "Civil Defence",
        "12 people were killed in the shelling of the market",
        "said",
        "Governor Oleh Syniehubov",
        "the shelling of the market killed 4 people",
        "said",
        "numeric",
    ),
    (
        "Ukraine's foreign ministry",
        "Kyiv welcomed the ceasefire proposal",
        "said",
        "Kremlin",
        "Moscow rejected the ceasefire proposal",
        "said",
        "stance",
    ),
    # agreeing or compatible statements: nothing to flag
    (
        "Health Ministry",
        "at least 31 people were killed in the strike on the school",
        "said",
        "Red Crescent",
        "more than 30 people were killed in the strike on the school",
        "said",
        None,
    ),
    (
        "Health Ministry",
        "at least 3 people were killed in the strike on the market",
        "said",
        "Reuters",
        "12 people were killed in the strike on the market",
        "said",
        None,
    ),
    (
        "Pentagon",
        "the talks have not included a request to withdraw troops",
        "said",
        "State Department",
        "no request to withdraw troops has been made",
        "said",
        None,
    ),
    (
        "Iraqi Defense Minister",
        "the commission will hold talks in the next few days",
        "said",
        "Pentagon",
        "the commission is a working group for the future relationship",
        "said",
        None,
    ),
    # one side only speaking twice is not a dispute
    (
        "Sabrina Singh",
        "the meeting is not a negotiation about the withdrawal of forces",
        "said",
        "Sabrina Singh",
        "the talks will shape the withdrawal of forces",
        "said",
        None,
    ),
    # different subjects
    (
        "Israeli army",
        "no soldiers were killed in the ambush",
        "said",
        "Hezbollah",
        "its fighters shot down a drone",
        "said",
        None,
    ),
]


@pytest.mark.parametrize("sa, ta, ca, sb, tb, cb, expected", PAIRS)
def test_compare(sa, ta, ca, sb, tb, cb, expected):
    got = disputes.compare(claim(sa, ta, ca), claim(sb, tb, cb))
    assert (got.type if got and got.confidence >= disputes.MIN_CONFIDENCE else None) == expected


def test_unnamed_sources_are_not_a_side():
    a = claim("some experts", "no request to withdraw the troops was received")
    b = claim("Iraqi government", "talks will settle the timing of the troops' withdrawal")
    assert disputes.compare(a, b) is None
    assert disputes.compare(claim("Pentagon", a.content.text), b) is not None


def test_spokesperson_speaks_for_the_office():
    a = claim("Pentagon", "no request to withdraw the troops was received")
    b = claim(
        "Sabrina Singh", "the talks will settle the withdrawal of the troops", title="Deputy Pentagon Press Secretary"
    )
    assert disputes.same_side(a, b) and disputes.compare(a, b) is None


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The United States has not received a request, the Pentagon said, contrary to statements out of Baghdad.",
            [("contrary to", "Baghdad")],
        ),
        ("The figure was disputed by the Israeli military.", [("disputed", "Israeli")]),
        ("Russia said the strike hit a weapons depot, at odds with accounts from Kyiv.", [("at odds with", "Kyiv")]),
        ("The ministry said 12 people were killed.", []),
    ],
)
def test_markers(sentence, expected):
    assert disputes.markers(sentence) == expected


def test_marker_naming_the_other_side_raises_confidence():
    sentence = "The United States has not received a request to withdraw its troops, the Pentagon said, contrary to statements out of Baghdad."
    a_plain = claim("Pentagon", "The United States has not received a request to withdraw its troops")
    a_marked = claim(
        "Pentagon", "The United States has not received a request to withdraw its troops", sentence=sentence
    )
    b = claim("Thabet al-Abassi", "talks will determine the timing of the withdrawal", title="Iraqi Defense Minister")
    plain, marked = disputes.compare(a_plain, b), disputes.compare(a_marked, b)
    assert marked is not None and marked.evidence == "contrary to Baghdad"
    assert plain is None or plain.confidence < marked.confidence


def test_nothing_without_a_speaker():
    a = claims.make(Span(0, 30, "no request to withdraw troops"), None)
    assert disputes.compare(a, claim("Baghdad", "talks on the withdrawal of troops will start")) is None


def test_find_all_keeps_one_per_dispute():
    a = claim("Pentagon", "no request to withdraw the troops was received")
    a2 = claim("Pentagon", "there was no request for a withdrawal of troops")
    b = claim("Iraqi government", "it sent a request for the withdrawal of the troops")
    found = disputes.find_all([a, a2, b])
    assert [(c.type, c.id) for c in found] == [("denial", "contradiction0")]


def test_find_across_claims_only_between_articles():
    a = claim("Houthis", "the group targeted an American destroyer with missiles", article="r1")
    b = claim("Pentagon", "no American destroyer was targeted by missiles", article="r2")
    c = claim("Pentagon", "no American destroyer was targeted by missiles", article="r1")
    found = find([a, b, c])
    assert len(found) == 1 and {found[0].a.article, found[0].b.article} == {"r1", "r2"}
    with pytest.raises(TypeError):
        find(["not a record"])


@pytest.fixture(scope="module")
def pipeline():
    from dateline import Pipeline

    return Pipeline(components=("dateline_entities", "dateline_quotes", "dateline_contradictions"), time_limit=None)


def names(c):
    return {c.a.speaker.name, c.b.speaker.name}


def test_seed_withdrawal(pipeline):
    from conftest import require_shared

    text = require_shared(SEED / "article.txt", "../shared/seed").read_text(encoding="utf-8")
    report = pipeline.analyze(Article(id="seed", text=text, published="2024-01-25"))
    found = [c for c in report.contradictions if "withdraw" in (c.a.content.text + c.b.content.text)]
    assert found, report.contradictions
    us = ("Pentagon", "Singh", "United States", "US")
    iraq = ("Baghdad", "Iraq", "Abassi")
    assert any(any(u in " ".join(names(c)) for u in us) and any(i in " ".join(names(c)) for i in iraq) for c in found)
    best = max(report.contradictions, key=lambda c: c.confidence)
    assert best.type == "denial" and best.evidence and "Baghdad" in best.evidence
    # Singh and the Pentagon agree; Singh never contradicts herself
    for c in report.contradictions:
        assert not ({"Pentagon", "Sabrina Singh"} <= names(c)) and len(names(c)) == 2
    assert json.loads(report.to_json())["contradictions"][0]["a"]["speaker"]["name"]


@pytest.fixture(scope="module")
def reports(pipeline):
    out = {}
    for path in sorted(REPORTS.glob("*.txt")):
        out[path.stem] = pipeline.analyze(
            Article(id=path.stem, text=path.read_text(encoding="utf-8"), published="2024-01-25")
        )
    return out


@pytest.mark.parametrize(
    "pair, kind",
    [
        (("redsea_houthis", "redsea_pentagon"), "denial"),  # one source denies what another asserts
    ],
)
def test_cross_article_finds(reports, pair, kind):
    found = find([reports[p] for p in pair])
    assert [c.type for c in found] == [kind]
    assert {found[0].a.article, found[0].b.article} == set(pair)


@pytest.mark.parametrize(
    "pair",
    [
        ("strike_ministry", "strike_wire"),  # "at least 31" and "more than 30" agree
        ("strike_ministry", "strike_army"),  # 31 people against 9 militants: two counted things, not rival tolls
        ("strike_wire", "strike_army"),
        ("redsea_centcom", "redsea_houthis"),  # both say there was an engagement
        ("redsea_centcom", "redsea_pentagon"),  # drones shot down vs. no missile strike: different things
        ("strike_ministry", "redsea_pentagon"),  # unrelated stories
    ],
)
def test_cross_article_leaves_agreeing_reports_alone(reports, pair):
    assert find([reports[p] for p in pair]) == []


def test_cross_article_all_together(reports):
    found = find(list(reports.values()))
    got = sorted((c.type, tuple(sorted((c.a.article, c.b.article)))) for c in found)
    assert got == [("denial", ("redsea_houthis", "redsea_pentagon"))]


@pytest.mark.parametrize(
    "place_a, place_b, expected",
    [
        ("Kharkiv", "Kharkiv", ["numeric"]),  # one strike, two tolls
        ("Kharkiv", "Hodeidah", []),  # two strikes: different tolls are no contradiction
    ],
)
def test_across_articles_a_shared_name_ties_claims_to_one_event(place_a, place_b, expected):
    a = claim(
        "Regional Governor",
        "5 people were killed in the strike on the printing house",
        sentence=f"In {place_a}, 5 people were killed in the strike on the printing house, the governor said.",
        article="r1",
    )
    b = claim(
        "Russian Defence Ministry",
        "the strike on the printing house killed 40 people",
        sentence=f"In {place_b}, the strike on the printing house killed 40 people, the ministry said.",
        article="r2",
    )
    assert [c.type for c in find([a, b])] == expected


def test_toll_that_rises_within_an_at_least_is_no_contradiction():
    a = claim(
        "Emergency Committee",
        "At least 38 people were killed when shells struck the Abu Shouk camp",
        article="r1",
        sentence="At least 38 people were killed when shells struck the Abu Shouk camp, the committee said.",
    )
    b = claim(
        "Health Minister Osman Abdelgadir",
        "52 people had been killed in the shelling of the Abu Shouk camp",
        article="r2",
        sentence="Health Minister Osman Abdelgadir said 52 people had been killed in the shelling of the Abu Shouk camp.",
    )
    assert find([a, b]) == []


def test_component_on_a_blank_pipeline_reads_quotes_and_writes_claims():
    import spacy

    import dateline.components.contradictions  # noqa: F401  (registers the factory)
    import dateline.components.quotes  # noqa: F401  (registers doc._.dateline_quotes)
    from dateline.records import Quote

    text = (
        "The Pentagon denied that any American destroyer had been targeted by missiles. "
        "Houthi spokesman Yahya Saree said the group targeted an American destroyer with missiles."
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_contradictions")
    doc = nlp.make_doc(text)

    def quote(qid, content, who, cue):
        s, w = text.index(content), text.index(who)
        c = text.index(cue)
        return Quote(
            qid,
            Span(s, s + len(content), content),
            Speaker(who, w, w + len(who), who),
            Span(c, c + len(cue), cue),
            "indirect",
        )

    doc._.dateline_quotes = [
        quote("q0", "any American destroyer had been targeted by missiles", "Pentagon", "denied"),
        quote("q1", "the group targeted an American destroyer with missiles", "Yahya Saree", "said"),
    ]
    doc = nlp.get_pipe("dateline_contradictions")(doc)
    assert [c.quote for c in doc._.dateline_claims] == ["q0", "q1"]
    [found] = doc._.dateline_contradictions
    assert found.type == "denial" and {found.a.speaker.name, found.b.speaker.name} == {"Pentagon", "Yahya Saree"}
    assert found.a.content.text == text[found.a.content.start : found.a.content.end]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "KYIV - Ukraine welcomed the ceasefire proposal put forward by Turkey on Monday. The Kremlin rejected the "
            "ceasefire proposal, calling it a ploy to rearm Kyiv's forces.",
            ["stance"],
        ),
        (
            "The army said its strike killed 12 militants in the village of Tal Rifaat. The village council denied that "
            "the strike killed any militants in Tal Rifaat, saying the dead were farmers.",
            ["denial"],
        ),
        (
            "The army said its strike killed 12 militants in the village of Tal Rifaat. The governor said the strike "
            "killed 12 militants in Tal Rifaat.",
            [],
        ),
        (
            "The army said its strike killed 12 militants in Tal Rifaat. Some residents said the strike killed "
            "no militants in Tal Rifaat.",
            [],
        ),  # unnamed sources are no side
    ],
)
def test_reported_assertions_without_quotes(pipeline, text, expected):
    report = pipeline.analyze(Article(id="t", text=text, published="2024-01-25"))
    assert [c.type for c in report.contradictions] == expected
