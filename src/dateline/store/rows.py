"""The rows the store writes: one typed row per table, its fields named as the table's columns
(``migrations.py``), each made by keyword. :func:`~dateline.store.bulk.bulk_insert` names the
columns from a row's fields, so no value goes into a column by its position.

Rows are named tuples: what the bulk insert unnests (and PostgreSQL's COPY writes) is tuples.
"""

from __future__ import annotations

import json
from datetime import date
from typing import NamedTuple

from ..records import Report


# -- an article and its facts (migration 1) --------------------------------------------------------
class ArticleRow(NamedTuple):
    id: str
    content_hash: str
    title: str | None
    published: str | None
    published_source: str | None
    source: str | None
    url: str | None
    text: str
    origin: str | None
    relevant: bool | None = None  # migration 7: Report.relevant; false keeps its events out of the lists


class ReportRow(NamedTuple):
    article_id: str
    report: str  # Report.to_json()
    extractors: str  # JSON


class EntityRow(NamedTuple):
    article_id: str
    entity_id: str
    name: str
    type: str
    title: str | None
    aliases: str  # JSON list
    country: str | None
    sector: str | None
    mentions: int
    first_start: int | None


class QuoteRow(NamedTuple):
    article_id: str
    quote_id: str
    speaker: str | None
    speaker_text: str | None
    speaker_title: str | None
    content: str
    cue: str | None
    kind: str
    start: int
    end: int


class PlaceRow(NamedTuple):
    article_id: str
    place_id: str
    text: str
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    country: str | None
    admin1: str | None
    feature: str | None
    precision: str | None
    metonymy: bool
    start: int
    end: int


class TimeRow(NamedTuple):
    article_id: str
    time_id: str
    text: str
    type: str
    value: str
    mod: str | None
    start: int
    end: int


class QuantityRow(NamedTuple):
    article_id: str
    n: int  # its place in the report's list
    value: float
    unit: str | None
    modifier: str | None
    text: str
    start: int
    end: int


class EventRow(NamedTuple):
    article_id: str
    event_id: str
    type: str
    mode: str | None
    source: str | None
    source_country: str | None
    source_sector: str | None
    target: str | None
    target_country: str | None
    target_sector: str | None
    place: str | None
    lat: float | None
    lon: float | None
    country: str | None
    date: str | None
    fatalities: int | None
    injured: int | None
    negated: bool
    hypothetical: bool
    historical: bool
    reported_by: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    trigger: str
    trigger_start: int
    sentence: str | None
    main: bool  # the article's main event (Report.main_event)
    fatalities_min: int | None  # a vague toll's lower bound ("dozens": 12), fatalities then null
    fatalities_text: str | None  # the toll's words as reported
    cumulative: bool  # a running total ("the war has killed 280,000"): never the event's fatalities


class ContradictionRow(NamedTuple):
    article_id: str
    contradiction_id: str
    type: str
    about: str
    confidence: float
    speaker_a: str | None
    content_a: str
    speaker_b: str | None
    content_b: str


# -- cross-article links (migration 2) -------------------------------------------------------------
class CounterRow(NamedTuple):
    name: str
    value: int


class SignatureRow(NamedTuple):
    article_id: str
    signature: bytes


class BandRow(NamedTuple):
    band: int
    bucket: int
    article_id: str


class DuplicateRow(NamedTuple):
    article_id: str
    original_id: str
    similarity: float


class ActorRow(NamedTuple):
    actor_id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    mentions: int
    articles: int


class AliasRow(NamedTuple):
    actor_id: str
    alias: str
    key: str
    skeleton: str
    initials: str
    mentions: int


class EntityActorRow(NamedTuple):
    article_id: str
    entity_id: str
    actor_id: str


class DayRow(NamedTuple):
    type: str
    day: date
    article_id: str
    event_id: str


class MentionRow(NamedTuple):
    linked_id: str
    article_id: str
    event_id: str
    type: str
    date_first: date | None
    date_last: date | None
    time_precision: int | None
    place: str | None
    place_key: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int | None
    coarse: bool
    weak: bool
    source_actor: str | None
    source: str | None
    source_sector: str | None
    source_country: str | None
    target_actor: str | None
    target: str | None
    target_sector: str | None
    target_country: str | None
    fatalities: int | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    story: str | None  # the original article of a near-duplicate, else the article itself


def report_rows(r: Report, content_hash: str, origin: str | None) -> dict[str, list[NamedTuple]]:
    """The rows one report adds to each table of migration 1."""
    return {
        "articles": [
            ArticleRow(
                id=r.id,
                content_hash=content_hash,
                title=r.title,
                published=r.published,
                published_source=r.published_source,
                source=r.source,
                url=r.url,
                text=r.text,
                origin=origin,
                relevant=r.relevant,
            )
        ],
        "reports": [ReportRow(article_id=r.id, report=r.to_json(), extractors=json.dumps(r.extractors))],
        "entities": [
            EntityRow(
                article_id=r.id,
                entity_id=e.id,
                name=e.name,
                type=e.type,
                title=e.title,
                aliases=json.dumps(list(e.aliases)),
                country=e.actor.country if e.actor else None,
                sector=e.actor.sector if e.actor else None,
                mentions=len(e.mentions),
                first_start=e.mentions[0].start if e.mentions else None,
            )
            for e in r.entities
        ],
        "quotes": [
            QuoteRow(
                article_id=r.id,
                quote_id=q.id,
                speaker=q.speaker.name if q.speaker else None,
                speaker_text=q.speaker.text if q.speaker else None,
                speaker_title=q.speaker.title if q.speaker else None,
                content=q.content.text,
                cue=q.cue.text if q.cue else None,
                kind=q.kind,
                start=q.content.start,
                end=q.content.end,
            )
            for q in r.quotes
        ],
        "places": [
            PlaceRow(
                article_id=r.id,
                place_id=p.id,
                text=p.text,
                name=p.name,
                lat=p.lat,
                lon=p.lon,
                geonameid=p.geonameid,
                country=p.country,
                admin1=p.admin1,
                feature=p.feature,
                precision=p.precision,
                metonymy=p.metonymy,
                start=p.start,
                end=p.end,
            )
            for p in r.places
        ],
        "times": [
            TimeRow(
                article_id=r.id,
                time_id=t.id,
                text=t.text,
                type=t.type,
                value=t.value,
                mod=t.mod,
                start=t.start,
                end=t.end,
            )
            for t in r.times
        ],
        "quantities": [
            QuantityRow(
                article_id=r.id,
                n=i,
                value=q.value,
                unit=q.unit,
                modifier=q.modifier,
                text=q.text,
                start=q.start,
                end=q.end,
            )
            for i, q in enumerate(r.quantities)
        ],
        "events": [
            EventRow(
                article_id=r.id,
                event_id=e.id,
                type=e.type,
                mode=e.mode,
                source=e.source.name if e.source else None,
                source_country=e.source.country if e.source else None,
                source_sector=e.source.sector if e.source else None,
                target=e.target.name if e.target else None,
                target_country=e.target.country if e.target else None,
                target_sector=e.target.sector if e.target else None,
                place=e.place.name if e.place else None,
                lat=e.place.lat if e.place else None,
                lon=e.place.lon if e.place else None,
                country=e.place.country if e.place else None,
                date=e.date,
                # a running total is a report about the war, not this event's toll: kept in words only
                fatalities=None if e.cumulative else e.fatalities,
                injured=e.injured,
                negated=e.negated,
                hypothetical=e.hypothetical,
                historical=e.historical,
                reported_by=e.reported_by,
                acled_event_type=e.acled_event_type,
                acled_sub_event_type=e.acled_sub_event_type,
                trigger=e.trigger.text,
                trigger_start=e.trigger.start,
                sentence=e.sentence.text if e.sentence else None,
                main=e.id == r.main_event,
                fatalities_min=None if e.cumulative else e.fatalities_min,
                fatalities_text=e.fatalities_text,
                cumulative=e.cumulative,
            )
            for e in r.events
        ],
        "contradictions": [
            ContradictionRow(
                article_id=r.id,
                contradiction_id=c.id,
                type=c.type,
                about=c.about,
                confidence=c.confidence,
                speaker_a=c.a.speaker.label if c.a.speaker else None,
                content_a=c.a.content.text,
                speaker_b=c.b.speaker.label if c.b.speaker else None,
                content_b=c.b.content.text,
            )
            for c in r.contradictions
        ],
    }
