"""The rows :mod:`dateline.store.queries` answers with, typed.

They stay dicts (TypedDicts): the API sends them as JSON and the CLI prints them, key order and
all, as they come. A row named after a table holds that table's columns; the others say what they
add. ``geo`` is set by :func:`dateline.api.locate.locate` on the events it places.
"""

from __future__ import annotations

import datetime as dt
from typing import NotRequired, TypedDict


# -- the pages and the API -------------------------------------------------------------------------
class ArticleItem(TypedDict):
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    chars: int
    snippet: str | None  # around the searched text


class StoredArticle(TypedDict):
    id: str
    title: str | None
    published: str | None
    published_source: str | None
    source: str | None
    url: str | None
    text: str
    origin: str | None


class EventColumns(TypedDict):
    """A row of the ``events`` table: one event as one article reports it."""

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
    cumulative: NotRequired[bool | None]  # None: stored before running totals were marked
    main: NotRequired[bool | None]  # its article's main event (None: stored before it was kept)
    fatalities_min: NotRequired[int | None]  # a vague toll's lower bound ("dozens": 12)
    fatalities_text: NotRequired[str | None]  # the toll's words as reported


class EventSource(TypedDict):
    article_id: str
    outlet: str | None
    title: str | None
    published: str | None


class EventItem(EventColumns):
    """An event as one article reports it, in the shape of a linked event's item."""

    id: str  # article id/event id
    day: str | None  # the first day its date names
    source_count: int
    sources: list[EventSource]
    geo: NotRequired[str | None]


class Mention(TypedDict):
    """One report of a linked event."""

    article_id: str
    event_id: str
    outlet: str | None
    title: str | None
    published: str | None
    date: str | None
    fatalities: int | None
    trigger: str | None
    sentence: str | None
    lat: float | None
    lon: float | None


class LinkedEventItem(TypedDict):
    """A real-world event, with the reports that tell of it (the first's sentence and trigger)."""

    id: str
    type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: str | None  # a day, or first/last
    day: str | None
    date_first: str | None
    date_last: str | None
    place: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    source: str | None
    target: str | None
    fatalities: int | None
    fatalities_max: int | None
    mentions: int | None
    source_count: int | None
    article_id: str | None
    event_id: str | None
    sentence: str | None
    trigger: str | None
    negated: bool
    sources: list[Mention]
    geo: NotRequired[str | None]


class ActorItem(TypedDict):
    name: str
    type: str | None
    title: str | None
    country: str | None
    sector: str | None
    quotes: int
    events: int
    mentions: int


class ActorEvent(EventColumns):
    id: str
    day: str | None
    article_title: str | None
    geo: NotRequired[str | None]


class QuoteColumns(TypedDict):
    """A row of the ``quotes`` table."""

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


class QuoteItem(QuoteColumns):
    article_title: str | None
    published: str | None


class ActorDetail(TypedDict, total=False):
    """Who an actor is (the entity's type, title, country, sector; the linker's id and aliases),
    what they said and the events they took part in."""

    name: str
    type: str | None
    title: str | None
    country: str | None
    sector: str | None
    articles: int
    actor_id: str | None
    aliases: list[str]
    statements: list[QuoteItem]
    events_as_source: list[ActorEvent]
    events_as_target: list[ActorEvent]


class PlaceItem(TypedDict):
    name: str
    country: str | None
    admin1: str | None
    feature: str | None
    lat: float | None
    lon: float | None
    mentions: int
    articles: int


class ContradictionItem(TypedDict):
    """Two claims that disagree: a row of the ``contradictions`` table (``scope`` "article": both
    in one article) or a pair from two outlets' reports of one linked event (``scope`` "across"),
    with both articles' outlets, dates and sentences and the event they tell of."""

    article_id: str
    contradiction_id: str
    type: str
    about: str
    confidence: float
    speaker_a: str | None
    content_a: str
    speaker_b: str | None
    content_b: str
    article_title: str | None
    published: str | None
    scope: str
    article_b: str
    article_title_b: str | None
    published_b: str | None
    outlet_a: str | None
    outlet_b: str | None
    sentence_a: str | None
    sentence_b: str | None
    event_id: str | None
    event_type: str | None
    event_place: str | None
    event_date_first: str | None
    event_date_last: str | None


class EventPoint(TypedDict):
    """What the map draws of an event: its point, type, toll and days (the list has the rest)."""

    id: str
    lat: float
    lon: float
    type: str | None
    fatalities: int | None
    sources: int
    day: str | None
    last: str | None
    place: str | None


class DayCount(TypedDict):
    day: dt.date
    type: str | None
    n: int


class MainEvent(TypedDict):
    article_id: str
    event_id: str
    type: str | None
    source: str | None
    target: str | None
    place: str | None
    date: str | None
    fatalities: int | None
    sentence: str | None


class NamedActor(TypedDict):
    name: str
    type: str | None
    sector: str | None
    country: str | None
    articles: int
    mentions: int


class StoreSpan(TypedDict):
    first: str | None  # the earliest publication date
    last: str | None
    undated: int  # articles without one


class DateRange(TypedDict):
    first: dt.date | None
    last: dt.date | None


class PlacePoint(TypedDict):
    """Where an article's resolved places of one name lie, on average."""

    article_id: str
    name: str
    text: str
    lat: float
    lon: float
    country: str | None


# -- the command line ------------------------------------------------------------------------------
class ArticleLine(TypedDict):
    id: str
    title: str | None
    published: str | None
    source: str | None


class EntityCount(TypedDict):
    name: str
    type: str
    title: str | None
    country: str | None
    sector: str | None
    articles: int
    mentions: int


class QuoteLine(TypedDict):
    article_id: str
    speaker: str | None
    speaker_title: str | None
    kind: str
    content: str


class PlaceCount(TypedDict):
    name: str
    country: str | None
    feature: str | None
    precision: str | None
    lat: float | None
    lon: float | None
    mentions: int
    articles: int


class ActorLine(TypedDict):
    actor_id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    articles: int
    mentions: int
    aliases: str | None  # the other names, "; "-separated


class AcledEvent(TypedDict):
    """A linked event under ACLED's column names (and dateline's own after them)."""

    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    time_precision: int | None
    fatalities: int | None
    fatalities_max: int | None
    plover_type: str
    mentions: int
    reports: int
    sources: int
    date_last: dt.date | None


class EventReport(TypedDict):
    """One report of a linked event, for the event command and the exports."""

    article_id: str
    outlet: str | None
    published: str | None
    title: str | None
    copy_of: str | None  # the original, when this article is a near-duplicate
    event_id: str
    type: str
    date_first: dt.date | None
    date_last: dt.date | None
    place: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    trigger: str | None
    sentence: str | None
    main: bool | None  # the event is its article's main event
    fatalities_min: int | None  # a vague toll's lower bound ("dozens": 12)
    fatalities_text: str | None


class DemoQuote(TypedDict):
    speaker: str
    kind: str
    content: str


class DemoEvent(TypedDict):
    type: str
    source: str
    target: str
    place: str | None
    date: str | None
    fatalities: int | None


class DemoPlace(TypedDict):
    name: str
    country: str | None
    lat: float
    lon: float
    mentions: int
