"""Contradictions across articles: one source denies what another asserts, two give different tolls.

``find(reports_or_claims)`` takes Reports (their quotes become claims) and/or Claims (e.g.
``doc._.dateline_claims`` kept from analysis, or claims from a store) and returns the
contradictions between claims of different articles, strongest first. The comparison is the
one the ``dateline_contradictions`` component runs within an article (``dateline.disputes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..claims import claim as claim_lib
from ..claims.accusations import denial
from ..claims.disputes import MIN_CONFIDENCE, find_all
from ..claims.tolls import tolls, with_setting
from ..records import Claim, Contradiction, Report


def claims_of(report: Report) -> list[Claim]:
    """The claims of one report: its quotes, plus claims its contradictions carry (reported assertions)."""
    countries = {e.id: e.actor.country for e in report.entities if e.actor is not None and e.actor.country}
    out = [
        with_setting(c, report.text)
        for c in claim_lib.from_quotes(report.quotes, article=report.id, countries=countries)
    ]
    seen = {(c.content.start, c.content.end) for c in out}
    for con in report.contradictions:
        for c in (con.a, con.b):
            if (c.content.start, c.content.end) not in seen:
                seen.add((c.content.start, c.content.end))
                out.append(c if c.article else replace(c, article=report.id))
    return out


def find(
    items: Iterable[Report | Claim],
    *,
    min_confidence: float = MIN_CONFIDENCE,
    across_only: bool = True,
    events: Mapping[str, frozenset[str]] | None = None,
    mains: Mapping[str, frozenset[str]] | None = None,
) -> list[Contradiction]:
    """Contradictions between the claims of several reports.

    ``across_only`` (default) keeps pairs from different articles; the component already
    reports the ones inside an article. Claims without an article id count as one article each.
    ``events`` maps a claim's id to the linked events its sentence tells of (see
    :func:`claim_events`); given, two articles' claims are compared only on an event they share.
    """
    pool: list[Claim] = []
    for n, item in enumerate(items):
        if isinstance(item, Report):
            pool += claims_of(item)
        elif isinstance(item, Claim):
            pool.append(item if item.article else replace(item, article=f"claim{n}"))
        else:
            raise TypeError(f"find() takes Report or Claim records, not {type(item).__name__}")
    found = find_all(
        pool,
        min_confidence=min_confidence,
        prefix="x-contradiction",
        group="articles" if across_only else "speakers",
        events=events,
        mains=mains,
    )
    if across_only:
        found = [c for c in found if c.a.article != c.b.article]
    return [replace(c, id=f"x-contradiction{i}") for i, c in enumerate(found)]


def claim_events(
    claims: Iterable[Claim],
    triggers: Mapping[str, Iterable[tuple[int, str]]],
    main: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, frozenset[str]]:
    """Each claim's linked events: those whose trigger lies in the claim's sentence (its content
    when it has no sentence). ``triggers`` maps an article id to (trigger offset, linked event id)
    pairs, as the store's event mentions give them. ``main`` maps an article id to the linked
    events of its main event: a toll or a denial whose sentence holds no trigger of its own
    ("The Observatory put the toll at 21", "denied responsibility for the attack") tells of the
    event the article is about, as a reader takes it."""
    out: dict[str, frozenset[str]] = {}
    for c in claims:
        span = c.sentence or c.content
        ids = frozenset(e for at, e in triggers.get(c.article or "", ()) if span.start <= at < span.end)
        if main and denial(c) is not None:  # a denial answers the accusation the article is about
            ids |= main.get(c.article or "", frozenset())
        elif not ids and main and tolls(c):
            ids = main.get(c.article or "", frozenset())
        if ids and c.id:
            out[c.id] = ids
    return out
