"""Where and by whom, for conflict reporting: the place and the source of violent events in the
phrasing of wire and regional news about wars (none of these sentences is from an evaluation set)."""

from __future__ import annotations

import pytest

from dateline import nlp as dnlp
from dateline.records import Article

COMPONENTS = (
    "dateline_entities",
    "dateline_quantities",
    "dateline_times",
    "dateline_places",
    "dateline_quotes",
    "dateline_events",
)


@pytest.fixture(scope="module")
def nlp():
    try:
        return dnlp.load(components=COMPONENTS)
    except Exception as exc:  # pragma: no cover - the model is a declared dependency
        pytest.skip(f"model unavailable: {exc}")


def violent(nlp, text, title=None):
    doc = nlp(dnlp.make_doc(nlp, Article(id="t", text=text, title=title, published="2016-05-02")))
    found = [e for e in doc._.dateline_events if e.type in ("ASSAULT", "COERCE")]
    assert found, f"no violent event in {[(e.type, e.trigger.text) for e in doc._.dateline_events]}"
    return found[0]


@pytest.mark.parametrize(
    "text, town",
    [
        ("A Hama rocket attack killed two children on Sunday.", "Hama"),
        ("Three people were killed in an Aleppo car bombing on Monday.", "Aleppo"),
        ("Rebel rockets hit Homs killing three people on Monday.", "Homs"),
    ],
)
def test_a_town_is_where_not_who(nlp, text, town):
    ev = violent(nlp, text)
    for actor in (ev.source, ev.target):
        assert actor is None or town not in (actor.name or ""), actor
    assert ev.place is not None and ev.place.country == "SY"
