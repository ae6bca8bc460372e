"""An accusation and its denial, and the setting a statement takes from the sentence before it
(claims.accusations, claims.tolls.with_setting), in news phrasing that is no eval sentence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.claims import claim as claim_lib
from dateline.claims.accusations import accused_and_denied
from dateline.claims.disputes import SHOWN, compare
from dateline.claims.tolls import one_incident, places, tolls, with_setting
from dateline.records import ContradictionType, Span, Speaker


def claim(who: str, cue: str, text: str, title: str | None = None, at: int = 0):
    content = Span(at + len(who) + len(cue) + 2, at + len(who) + len(cue) + 2 + len(text), text)
    speaker = Speaker(who, at, at + len(who), who, title)
    return claim_lib.make(content, speaker, cue=cue, sentence=content, article="r")


DENIAL = claim("Russia's defence ministry", "denied", "accusations that its planes bombed the hospital in Maarat")


@pytest.mark.parametrize(
    "other, contradicts",
    [
        # the accuser names the denier's side as the doer of the act denied
        (claim("Doctors Without Borders", "said", "Russian warplanes struck the hospital twice in an hour"), True),
        (claim("The White Helmets", "said", "the bombing of the hospital was carried out by Russian planes"), True),
        # the act without the doer: the denial is of responsibility, so no contradiction
        (claim("The World Health Organization", "said", "the hospital was destroyed in an air strike"), False),
        # a call for an inquiry asserts nothing about the act
        (claim("The UN", "called for", "an investigation into the bombing of the hospital by Russian planes"), False),
        # another act entirely
        (claim("Activists", "said", "Russian officials met rebel commanders in Ankara"), False),
    ],
)
def test_a_denial_of_responsibility_against_who_did_it(other, contradicts):
    assert bool(accused_and_denied(DENIAL, other)) is contradicts
    found = compare(DENIAL, other)
    if contradicts:
        assert found is not None and found.type == ContradictionType.denial and found.confidence >= SHOWN
    else:
        assert found is None or found.confidence < SHOWN


def test_a_denial_of_the_act_itself_against_its_assertion():
    denied = claim("The interior ministry", "denied", "reports of a chemical attack on the village")
    told = claim("A local doctor", "said", "the gas attack killed at least 12 people overnight")
    assert accused_and_denied(denied, told)
    # the same act in another year is another claim
    then = claim("A local doctor", "said", "a gas attack killed 12 people there in 2016")
    assert not accused_and_denied(denied, then)


def test_a_rejected_demand_is_no_denial_of_an_act():
    rejected = claim("The rebels", "rejected", "demands that they leave the city after the attacks")
    told = claim("The army", "said", "rebel attacks on the city continued")
    assert not accused_and_denied(rejected, told)


TEXT = (
    "Shelling hit the Karadah district of Baghdad on Monday, police said. "
    "Eleven people were wounded in the attack, a hospital source said. "
    "Police said three people were wounded on Sunday when a rocket hit Tahrir Square."
)


def test_a_statement_naming_no_place_is_set_by_the_sentence_before():
    s1 = TEXT.index("Eleven")
    first = claim_lib.make(
        Span(s1, s1 + 38, TEXT[s1 : s1 + 38]),
        Speaker("a hospital source", s1 + 40, s1 + 57, "hospital source"),
        cue="said",
        sentence=Span(s1, s1 + 64, TEXT[s1 : s1 + 64]),
        article="r",
    )
    s2 = TEXT.index("three")
    second = claim_lib.make(
        Span(s2, len(TEXT) - 1, TEXT[s2:-1]),
        Speaker("Police", s2 - 12, s2 - 6, "Police"),
        cue="said",
        sentence=Span(s2 - 12, len(TEXT), TEXT[s2 - 12 :]),
        article="r",
    )
    assert tolls(first) and tolls(second)
    assert one_incident(first, second)  # nothing sets them apart on their own words
    placed = with_setting(first, TEXT)
    assert placed.setting is not None and placed.setting.text.startswith("Shelling hit the Karadah")
    assert with_setting(second, TEXT) is second  # it names its own place and day
    assert not one_incident(placed, second)  # Karadah on Monday, Tahrir Square on Sunday


def test_a_name_ending_in_a_place_word_is_a_place():
    assert "tahrir square" in places("a rocket hit the Tahrir Square at noon")


def test_a_toll_over_several_days_is_no_incident():
    c = replace(DENIAL, content=Span(0, 60, "air strikes killed 40 people in the town over the past three days"))
    assert tolls(c) == []


@pytest.mark.parametrize(
    "text, counts",
    [
        ("half a dozen wounded children were carried into the clinic", [("injured", 6)]),
        ("the shelling brought to 31 the number killed in the district in two days of raids", []),
    ],
)
def test_counts_read_as_news_writes_them(text, counts):
    c = replace(DENIAL, content=Span(0, len(text), text))
    assert [(t.unit, t.quantity.value) for t in tolls(c)] == counts


def test_a_denied_chemical_attack_is_not_answered_by_an_attack():
    denied = claim("The government", "denied", "reports of a chemical attack on the suburb")
    shelled = claim("A monitor", "said", "the suburb came under its heaviest attack in months")
    gassed = claim("A monitor", "said", "a gas attack on the suburb killed dozens")
    assert not accused_and_denied(denied, shelled)
    assert accused_and_denied(denied, gassed)


def test_across_articles_a_denial_needs_a_name_in_common_or_one_story():
    # two outlets' statements tied by the linker to one event: without a shared name the
    # accusation counts only when both articles are about that event (their main events are one)
    denied = replace(claim("The government", "denied", "the use of chemical weapons"), article="x")
    accused = replace(
        claim("The EU's foreign policy chief", "said", "the regime bears responsibility for the chemical attack"),
        article="y",
    )
    assert compare(denied, accused, same_event=True) is None
    from dateline.claims.disputes import find_all

    events = {"x#1": frozenset({"E1"}), "y#1": frozenset({"E1"})}
    pair = [replace(denied, id="x#1"), replace(accused, id="y#1")]
    assert find_all(pair, group="articles", events=events) == []
    found = find_all(pair, group="articles", events=events, mains={"x": frozenset({"E1"}), "y": frozenset({"E1"})})
    assert len(found) == 1 and found[0].confidence >= SHOWN


def _in_sentence(sentence: str, who: str, cue: str, content: str):
    """A claim whose content is a stretch of ``sentence``, as the quotes component gives it."""
    at = sentence.index(content)
    speaker = Speaker(who, sentence.index(who), sentence.index(who) + len(who), who, None)
    span = Span(at, at + len(content), content)
    return claim_lib.make(span, speaker, cue=cue, sentence=Span(0, len(sentence), sentence), article="r")


def test_the_one_accused_in_the_sentence_is_the_doer():
    # "accused X of …": the content names the act, the sentence names who did it
    sentence = "Residents accused the army of shelling the market with cluster bombs on Sunday."
    accusation = _in_sentence(sentence, "Residents", "accused", "shelling the market with cluster bombs on Sunday")
    denial = claim("The army", "denied", "that its forces carried out the attack on the market")
    assert accused_and_denied(denial, accusation)
    # without the accused in the sentence, no one is named as the doer
    bare = claim("Residents", "said", "the market was shelled with cluster bombs on Sunday")
    assert not accused_and_denied(denial, bare)


def test_what_a_relative_clause_is_said_about_is_its_antecedent():
    # "an attack … which the ministry says came from government forces": the attack came from them
    sentence = (
        "The council condemned the rocket attack on the camp which the ministry says came from "
        "government forces and killed nine people."
    )
    said = _in_sentence(sentence, "the ministry", "says", "came from government forces and killed nine people")
    denial = claim("The government", "denied", "responsibility for the attack on the camp")
    assert accused_and_denied(denial, said)


def test_a_statement_answered_twice_by_one_side_is_one_dispute():
    from dateline.claims.disputes import find_all

    # two outlets' reports of one linked event E1: activists in one, the government's two denials in the other
    said = claim("Activists", "said", "more than 200 people were killed in a gas attack near Hama")
    said = replace(said, id="c1", article="r1")
    first = claim("The government", "denied", "the reports of Tuesday's attack near Hama", at=200)
    first = replace(first, id="c2", article="r2")
    again = claim("The government", "denied", "claims by the opposition of chemical weapons use", at=400)
    again = replace(again, id="c3", article="r2")
    events = {c: frozenset({"E1"}) for c in ("c1", "c2", "c3")}
    mains = {"r1": frozenset({"E1"}), "r2": frozenset({"E1"})}
    found = find_all([said, first, again], group="articles", events=events, mains=mains)
    assert len(found) == 1, [(c.a.content.text, c.b.content.text) for c in found]
