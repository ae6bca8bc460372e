"""The relevance component: political, conflict or crime news, or not (components/relevance.py)."""

from __future__ import annotations

import pytest

from dateline.components.relevance import FIRST_PERSON, first_person

_DIARY = (
    "I woke up early and packed my bag before the others. My plan was simple: I would cross the river "
    "before dark and wait for my brother at the old mill. I knew the road well, and I trusted my map. "
    "By noon I had reached the bridge, where a guard asked me for my papers. I showed him my pass and he "
    "let me through. I ate my lunch by the water and thought about my family. "
)
_REPORT = (
    'Police said the suspect was arrested at his home on Monday. "I saw him running from the shop," a '
    "witness told reporters. Officers recovered a weapon and the man will appear in court on Friday, a "
    "spokesman for the police said. The mayor called for calm and said the city council would review "
    'security in the area. "My family is shaken," the shop owner said. '
)


def test_first_person_narration_is_measured_outside_quotes():
    assert first_person(_DIARY) >= FIRST_PERSON
    assert first_person(_REPORT) == 0.0  # its "I" and "my" are quoted


def test_a_first_person_narrative_is_not_news():
    from dateline.pipeline import analyze

    diary = (_DIARY + "The bandits stopped me at the ford and the guards fought them off. ") * 2
    rel = analyze(diary).relevance
    assert rel is not None and not rel.relevant and "first-person" in rel.reason


@pytest.mark.parametrize("n", [1, 3])
def test_a_report_quoting_first_person_stays_news(n):
    from dateline.pipeline import analyze

    rel = analyze(_REPORT * n).relevance
    assert rel is not None and rel.relevant, rel
