"""Typed records that cross layer boundaries (STYLE.md practice 2).

Every fact carries character offsets into the article text (end exclusive) and the name
of the extractor that made it. Records are frozen dataclasses; ``to_dict`` gives the JSON
layout of ``shared/seed/README.md`` (described by ``data/report.schema.json``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Records → plain JSON values; ``None`` fields are kept so the layout is stable."""
    if type(obj) in _PLAIN:  # most values of a report are: no class lookup for them
        return obj
    names = _field_names(type(obj))
    if names is not None:
        return {n: to_dict(getattr(obj, n)) for n in names}
    if isinstance(obj, (list, tuple)):
        return [to_dict(o) for o in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A record class's field names (None for other types), looked up once per class: the store
    turns every report into JSON, and ``dataclasses.fields`` per object was a fifth of its time."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


@dataclass(frozen=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str
    fragments: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Article:
    """What ingest hands to the pipeline: text plus what is known about it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: str | None = None  # input | html | dateline | text
    source: str | None = None  # outlet
    url: str | None = None
    author: str | None = None
    dateline: Span | None = None  # "ERBIL, Kurdistan Region" at the top of the text
    origin: str | None = None  # path or stream it came from


@dataclass(frozen=True)
class Actor:
    """A participant as event data codes it: name, ISO 3166 alpha-3 country, PLOVER/CAMEO sector."""

    name: str
    country: str | None = None
    sector: str | None = None
    entity: str | None = None  # Entity.id when the actor is a named entity of the article
    text: str | None = None  # the words in the article
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str  # PERSON ORG GPE LOC NORP FAC ...
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()
    title: str | None = None
    titles: tuple[str, ...] = ()
    actor: Actor | None = None
    extractor: str = "dateline_entities"


@dataclass(frozen=True)
class Speaker:
    text: str
    start: int
    end: int
    name: str  # resolved canonical name ("she" → "Sabrina Singh"); the text itself when unresolved
    title: str | None = None
    entity: str | None = None


@dataclass(frozen=True)
class Quote:
    id: str
    content: Span
    speaker: Speaker | None
    cue: Span | None
    kind: str  # direct | indirect | mixed
    sentence: Span | None = None
    extractor: str = "dateline_quotes"


@dataclass(frozen=True)
class TimeRef:
    id: str
    start: int
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str  # TIMEX3 value
    mod: str | None = None  # START MID END APPROX BEFORE AFTER
    anchor: str | None = None  # the date it was resolved against
    extractor: str = "dateline_times"


@dataclass(frozen=True)
class Place:
    id: str
    start: int
    end: int
    text: str
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO 3166 alpha-2
    admin1: str | None = None
    feature: str | None = None  # country admin1 admin2 city facility region ...
    precision: str | None = None  # exact near admin1 country
    metonymy: bool = False
    actor: Actor | None = None
    extractor: str = "dateline_places"


@dataclass(frozen=True)
class Quantity:
    value: float | int
    text: str
    unit: str | None
    start: int
    end: int
    modifier: str | None = None  # at least | around | more than | up to | nearly | between ...
    high: float | int | None = None  # upper end of a range ("between 20 and 30")
    noun: str | None = None  # what is counted, as written ("militiaman" when unit is "killed")
    vague: bool = False  # "dozens", "hundreds": value is the lower bound ACLED reads, not a count
    extractor: str = "dateline_quantities"


@dataclass(frozen=True)
class PlaceRef:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    place: str | None = None  # Place.id
    rule: str | None = None  # what placed the event: clause | sentence | previous sentence | headline | dateline


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER category
    trigger: Span
    sentence: Span | None = None
    mode: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    place: PlaceRef | None = None
    date: str | None = None  # TIMEX3 value
    date_rule: str | None = None  # governing | sentence | publication
    fatalities: int | None = None  # null when the article gives no count, or only a vague one
    fatalities_min: int | None = None  # the lower bound of a vague toll: "dozens" is at least 12
    fatalities_text: str | None = None  # the toll as written: "at least 21 civilians", "dozens"
    cumulative: bool = False  # a running total ("the war has killed more than 280,000"), not this event's
    tolls: tuple[Quantity, ...] = ()  # other reports of this event's toll (the headline's, an earlier count)
    injured: int | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    reported_by: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    extractor: str = "dateline_events"


@dataclass(frozen=True)
class Claim:
    speaker: Speaker | None
    content: Span
    polarity: str = "asserted"  # asserted | denied
    modality: str = "certain"  # certain | possible | planned
    about: str | None = None
    article: str | None = None
    id: str | None = None
    sentence: Span | None = None
    cue: str | None = None  # the reporting or denial verb ("said", "denied")
    numbers: tuple[Quantity, ...] = ()  # counts the claim gives, with what they count
    proposition: tuple[str, ...] = ()  # content-word stems: what the claim is about, normalised
    stance: str | None = None  # favour | oppose towards what it names
    country: str | None = None  # the speaker's country, ISO 3166 alpha-3
    quote: str | None = None  # Quote.id the claim comes from
    extractor: str = "dateline_claims"


@dataclass(frozen=True)
class Contradiction:
    id: str
    a: Claim
    b: Claim
    about: str
    type: str  # denial | numeric | stance
    confidence: float
    evidence: str | None = None  # explicit marker such as "contrary to"
    extractor: str = "dateline_contradictions"


@dataclass(frozen=True)
class Report:
    """Everything dateline found in one article."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: Span | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    main_event: str | None = None  # Event.id of what the article is about (headline and lead), null if none
    quantities: tuple[Quantity, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    extractors: dict[str, str] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict:
        return to_dict(self)

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)
