"""Claims from attributed statements: polarity, modality, stance, numbers, speaker country."""

import pytest

from dateline.claims import claim as claims
from dateline.records import Quote, Span, Speaker


def span(text, start=0):
    return Span(start, start + len(text), text)


@pytest.mark.parametrize(
    "content, cue, expected",
    [
        ("We've received no request from the government of Iraq to withdraw our forces", "told", "denied"),
        ("these talks have not included a request from Baghdad to withdraw US forces", "said", "denied"),
        ("The HMC meeting is not a negotiation about the withdrawal of U.S. forces", "said", "denied"),
        ("its fighters were behind the attack on the convoy", "denied", "denied"),
        ("the HMC will hold talks with member nations of the coalition", "said", "asserted"),
        ("Our Iraqi partners have assured us of their commitment", "added", "asserted"),
        ("the strike killed 12 civilians", "said", "asserted"),
    ],
)
def test_polarity(content, cue, expected):
    assert claims.polarity(content, cue) == expected


@pytest.mark.parametrize(
    "content, expected",
    [
        ("the HMC will hold talks in the next few days", "planned"),
        ("the coalition may withdraw some of its troops", "possible"),
        ("the militia could be behind the attack", "possible"),
        ("the strike killed 12 civilians", "certain"),
    ],
)
def test_modality(content, expected):
    assert claims.modality(content) == expected


@pytest.mark.parametrize(
    "content, cue, expected",
    [
        ("the ceasefire proposal", "welcomed", "favour"),
        ("the ceasefire proposal", "rejected", "oppose"),
        ("the government does not support the ceasefire proposal", "said", "oppose"),
        ("the strikes were unacceptable", "said", "oppose"),
        ("the strike killed 12 civilians", "said", None),
    ],
)
def test_stance(content, cue, expected):
    assert claims.stance(content, cue) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("at least 12 people were killed in the strike", [(12, "killed", "at least")]),
        ("the death toll rose to 31", [(31, "killed", None)]),
        ("Around 2,500 American troops in Iraq and 900 in Syria", [(2500, "troops", "around"), (900, "troops", None)]),
        ("three soldiers were wounded", [(3, "injured", None)]),
        ("the group was declared defeated in 2019", []),
        ("In January 2020, the parliament passed a resolution", []),
    ],
)
def test_numbers(text, expected):
    got = [(q.value, q.unit, q.modifier) for q in claims.numbers(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Baghdad", "IRQ"),
        ("Iraqi Defense Minister", "IRQ"),
        ("Pentagon", "USA"),
        ("Deputy Pentagon Press Secretary", "USA"),
        ("Ukrainian military", "UKR"),
        ("Kremlin spokesman", "RUS"),
        ("the spokesperson", None),
    ],
)
def test_country_of(text, expected):
    assert claims.country_of(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("withdrawal", "withdraw"),
        ("troops", "forces"),
        ("killed", "dead"),
        ("deaths", "killed"),
        ("negotiations", "negotiation"),
    ],
)
def test_stem_matches_paraphrase(a, b):
    assert claims.stem(a) == claims.stem(b)


def test_from_quotes_keeps_speaker_sentence_and_provenance():
    text = "“We've received no request to withdraw our forces,” Deputy Pentagon Press Secretary Sabrina Singh said."
    content = span("We've received no request to withdraw our forces", 1)
    speaker = Speaker("Sabrina Singh", 75, 88, "Sabrina Singh", title="Deputy Pentagon Press Secretary", entity="e7")
    quote = Quote("q0", content, speaker, span("said", 89), "direct", sentence=span(text))
    skipped = Quote("q1", span("no speaker here", 0), None, None, "direct")
    [claim] = claims.from_quotes([quote, skipped], article="a1", countries={"e7": "USA"})
    assert claim.speaker == speaker and claim.quote == "q0" and claim.article == "a1"
    assert claim.polarity == "denied" and claim.country == "USA"
    assert "withdraw" in claim.proposition and claim.sentence.text == text
