"""One actor across articles: spelling variants merge, different actors stay apart."""

from __future__ import annotations

import pytest

from dateline.link.actors import Name, key, same_actor, skeleton
from dateline.records import Actor, Entity, Report, Span


@pytest.mark.parametrize(
    "a, b, same",
    [
        (Name("Kataib Hezbollah", "ORG"), Name("Kata'ib Hizballah", "ORG"), True),
        (Name("Kataib Hezbollah", "ORG"), Name("Kataib Hizbollah", "PERSON"), True),  # a tagger's PERSON
        (Name("Hezbollah", "ORG"), Name("Hizballah", "ORG"), True),
        (Name("al-Shabaab", "ORG"), Name("Al Shabab", "ORG"), True),
        (Name("Al-Shabaab", "ORG"), Name("al-Shabab", "ORG"), True),
        (Name("Rapid Support Forces", "ORG"), Name("RSF", "ORG"), True),  # acronym
        (Name("Islamic State", "ORG"), Name("the Islamic State", "ORG"), True),
        (Name("Moqtada al-Sadr", "PERSON"), Name("Muqtada al-Sadr", "PERSON"), True),
        (Name("Hamas", "ORG"), Name("Hezbollah", "ORG"), False),
        (Name("Kataib Hezbollah", "ORG"), Name("Kataib Sayyid al-Shuhada", "ORG"), False),
        (Name("Ali", "PERSON"), Name("Ola", "PERSON"), False),  # short: a chance collision
        (Name("Sabrina Singh", "PERSON"), Name("Singh", "PERSON"), False),  # a surname alone is ambiguous
        (Name("Rapid Support Forces", "ORG"), Name("RSF", "PERSON"), False),
        (Name("Al-Shabaab", "ORG", "SOM"), Name("al-Shabab", "ORG", "MOZ"), False),  # another country's group
    ],
)
def test_same_actor_rule(a, b, same):
    assert same_actor(a, b) is same
    assert same_actor(b, a) is same


@pytest.mark.parametrize(
    "name, expected_key, expected_skeleton",
    [
        ("Kata'ib Hizballah", "kataib hizballah", "ktb hzbl"),
        ("Kataib Hezbollah", "kataib hezbollah", "ktb hzbl"),
        ("Al-Shabaab", "al shabaab", "sb"),
        ("The Pentagon", "pentagon", "pntgn"),
        ("Ḥamās", "hamas", "hms"),
    ],
)
def test_keys_and_skeletons(name, expected_key, expected_skeleton):
    assert key(name) == expected_key
    assert skeleton(key(name)) == expected_skeleton


def report(id: str, *names: tuple[str, str], aliases=()) -> Report:
    ents = tuple(
        Entity(
            id=f"e{i}",
            name=n,
            type=t,
            mentions=(Span(0, 1, "x"),) * 2,
            aliases=tuple(aliases),
            actor=Actor(n, "IRQ", "militia") if t == "ORG" else None,
        )
        for i, (n, t) in enumerate(names, 1)
    )
    return Report(id=id, text=f"Text of {id} " + " ".join(n for n, _ in names), entities=ents)


def test_store_merges_spellings_into_one_actor(fresh_store):
    fresh_store.add_reports([(report("a", ("Kataib Hezbollah", "ORG"), ("Mohammed Shia al-Sudani", "PERSON")), None)])
    fresh_store.add_reports(
        [
            (report("b", ("Kata'ib Hizballah", "ORG")), None),
            (report("c", ("Kataib Hezbollah", "ORG"), ("Hamas", "ORG")), None),
        ]
    )
    rows = fresh_store.query("SELECT name, articles, country, sector FROM actors ORDER BY articles DESC, name")
    assert rows[0] == {"name": "Kataib Hezbollah", "articles": 3, "country": "IRQ", "sector": "militia"}
    aliases = {
        r["alias"]
        for r in fresh_store.query(
            "SELECT alias FROM actor_aliases JOIN actors USING (actor_id) WHERE name = 'Kataib Hezbollah'"
        )
    }
    assert aliases == {"Kataib Hezbollah", "Kata'ib Hizballah"}
    assert {r["name"] for r in rows} == {"Kataib Hezbollah", "Mohammed Shia al-Sudani", "Hamas"}


def test_acronym_alias_from_one_article_links_another(fresh_store):
    fresh_store.add_reports([(report("a", ("Popular Mobilization Forces", "ORG"), aliases=("PMF",)), None)])
    fresh_store.add_reports([(report("b", ("PMF", "ORG")), None)])
    assert fresh_store.query("SELECT count(*) AS n, max(articles) AS arts FROM actors") == [{"n": 1, "arts": 2}]
