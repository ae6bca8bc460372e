"""Typed records that cross layer boundaries (STYLE.md practice 2).

Every fact carries character offsets into the article text (end exclusive) and the name
of the extractor that made it. Records are frozen dataclasses; ``to_dict`` gives the JSON
layout of ``shared/seed/README.md`` (described by ``data/report.schema.json``) and
``from_dict`` reads it back: ``Report.from_dict(r.to_dict()) == r``.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from .errors import InputError

SCHEMA_VERSION = "1.0"


_PLAIN = frozenset({str, int, float, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Records → plain JSON values; ``None`` fields are kept so the layout is stable."""
    if type(obj) in _PLAIN:  # most values of a report are: no class lookup for them
        return obj
    cls: type = type(obj)  # a plain type: mypy does not take type[Any] for the Hashable the cache wants
    names = _field_names(cls)
    if names is not None:
        return {n: to_dict(getattr(obj, n)) for n in names}
    if isinstance(obj, enum.Enum):  # a StrEnum member is written as its plain value
        return obj.value
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


class Record:
    """What every record does: ``to_dict`` (the JSON layout) and ``from_dict`` (back again)."""

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Self:
        read = _readers.get(cls)
        if read is None:
            read = _readers[cls] = _reader(cls)
        return typing.cast(Self, read(d))


Decode = Callable[[Any], Any]
_readers: dict[type, Decode] = {}  # record class → its reader, made at its first from_dict


def _reader(cls: type) -> Decode:
    """A record class's reader, from its field types: nested records, tuples of them, StrEnum
    members; plain values as they are."""
    hints = typing.get_type_hints(cls)
    decoders = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}

    def read(d: dict[str, Any]) -> Any:
        unknown = d.keys() - decoders.keys()
        if unknown:
            raise ValueError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        return cls(**{k: decoders[k](v) for k, v in d.items()})

    return read


def _same(value: Any) -> Any:
    return value


def _decoder(tp: Any) -> Decode:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:  # float | int: a plain value either way
            return _same
        one = _decoder(inner[0])
        return _same if one is _same else (lambda v: None if v is None else one(v))
    if origin is tuple:
        item = _decoder(args[0])
        return tuple if item is _same else (lambda v: tuple(item(x) for x in v))
    if origin is dict:
        return dict
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.from_dict  # looked up when called: a Span holds Spans
    if isinstance(tp, type) and issubclass(tp, enum.StrEnum):
        return tp
    return _same


# -- fixed vocabularies: a record holds the member, its JSON the plain value ---------------------
class PublishedSource(enum.StrEnum):
    """Where an article's publication date came from."""

    input = "input"  # given with the input (--published, a JSONL field)
    html = "html"  # the page's metadata
    dateline = "dateline"  # the dateline at the top of the text ("BAGHDAD, Jan. 23 -")
    text = "text"  # a date line or byline at the head of the text ("Wed 05 Apr 2017")


class QuoteKind(enum.StrEnum):
    """By the share of the words inside quotation marks (all, none, some)."""

    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class TimeType(enum.StrEnum):
    """TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class TimeMod(enum.StrEnum):
    """TIMEX3 modifiers."""

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    ON_OR_BEFORE = "ON_OR_BEFORE"
    ON_OR_AFTER = "ON_OR_AFTER"
    LESS_THAN = "LESS_THAN"
    MORE_THAN = "MORE_THAN"
    EQUAL_OR_LESS = "EQUAL_OR_LESS"
    EQUAL_OR_MORE = "EQUAL_OR_MORE"
    START = "START"
    MID = "MID"
    END = "END"
    APPROX = "APPROX"


class Precision(enum.StrEnum):
    """How closely a place's point locates the mention."""

    exact = "exact"  # the place itself
    near = "near"  # a place it lies in or beside ("Qaim district" at the town of Qaim)
    admin1 = "admin1"  # a province, region or sea: its centre
    country = "country"  # a country or continent: its centre


class EventType(enum.StrEnum):
    """PLOVER's sixteen event categories."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class DateRule(enum.StrEnum):
    """Where an event's date came from."""

    governing = "governing"  # the time expression governing the clause
    sentence = "sentence"  # the nearest one in the sentence
    publication = "publication"  # the publication date, at month precision
    lead = "lead"  # the article's lead event's date


class Polarity(enum.StrEnum):
    asserted = "asserted"
    denied = "denied"


class Modality(enum.StrEnum):
    certain = "certain"
    possible = "possible"
    planned = "planned"


class Stance(enum.StrEnum):
    favour = "favour"
    oppose = "oppose"


class ContradictionType(enum.StrEnum):
    denial = "denial"
    numeric = "numeric"
    stance = "stance"


def _members(record: Any, **vocabularies: type[enum.StrEnum]) -> None:
    """Hold the member for each named field: builders may pass the plain value (``kind="direct"``).
    An unknown value raises ValueError, as a misspelt member would."""
    for name, vocabulary in vocabularies.items():
        value = getattr(record, name)
        if value is not None and type(value) is not vocabulary:
            object.__setattr__(record, name, vocabulary(value))


@dataclass(frozen=True)
class Span(Record):
    """A stretch of the article text."""

    start: int
    end: int
    text: str
    fragments: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Article(Record):
    """What ingest hands to the pipeline: text plus what is known about it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_source: PublishedSource | None = None
    source: str | None = None  # outlet
    url: str | None = None
    author: str | None = None
    dateline: Span | None = None  # "ERBIL, Kurdistan Region" at the top of the text
    origin: str | None = None  # path or stream it came from
    encoding: str | None = None  # the encoding its bytes were read in ("utf-8", "cp1252")
    language: str | None = None  # ISO 639-1 code identified ("en"), None when too short to tell

    def __post_init__(self) -> None:
        _members(self, published_source=PublishedSource)


@dataclass(frozen=True)
class Actor(Record):
    """A participant as event data codes it: name, ISO 3166 alpha-3 country, PLOVER/CAMEO sector."""

    name: str
    country: str | None = None
    sector: str | None = None
    entity: str | None = None  # Entity.id when the actor is a named entity of the article
    text: str | None = None  # the words in the article
    start: int | None = None
    end: int | None = None
    # The dictionary entry that coded country and sector, where one did: "phoenix:Countries:45433"
    # (a Phoenix actor entry, file and line), "phoenix-agents:~UAF" (a Phoenix generic agent);
    # "place" where a non-state armed group took the country of the event's place (its country of
    # operation, as ACLED names it); "article" where a coalition named without its leader took the
    # country of the "X-led coalition" the article names; None where the package's own lexicon or
    # the phrase coded it.
    code_source: str | None = None


@dataclass(frozen=True)
class Entity(Record):
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
class Speaker(Record):
    text: str
    start: int
    end: int
    name: str  # resolved canonical name ("she" → "Sabrina Singh"); the text itself when unresolved
    title: str | None = None
    entity: str | None = None

    @property
    def label(self) -> str:
        """The name with the role a reader weighs it by: "Federica Mogherini (EU diplomatic chief)"."""
        if self.title and self.title.lower() not in self.name.lower():
            return f"{self.name} ({self.title})"
        return self.name


@dataclass(frozen=True)
class Quote(Record):
    id: str
    content: Span
    speaker: Speaker | None
    cue: Span | None
    kind: QuoteKind
    sentence: Span | None = None
    extractor: str = "dateline_quotes"

    def __post_init__(self) -> None:
        _members(self, kind=QuoteKind)


@dataclass(frozen=True)
class TimeRef(Record):
    id: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str  # TIMEX3 value
    mod: TimeMod | None = None
    anchor: str | None = None  # the date it was resolved against
    extractor: str = "dateline_times"

    def __post_init__(self) -> None:
        _members(self, type=TimeType, mod=TimeMod)


@dataclass(frozen=True)
class Place(Record):
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
    precision: Precision | None = None
    metonymy: bool = False
    actor: Actor | None = None
    extractor: str = "dateline_places"

    def __post_init__(self) -> None:
        _members(self, precision=Precision)


@dataclass(frozen=True)
class Quantity(Record):
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
class PlaceRef(Record):
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    place: str | None = None  # Place.id
    rule: str | None = (
        None  # what placed it: clause | sentence | previous sentence | headline | lead | actor's country | dateline
    )


@dataclass(frozen=True)
class Event(Record):
    id: str
    type: EventType
    trigger: Span
    sentence: Span | None = None
    mode: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    place: PlaceRef | None = None
    date: str | None = None  # TIMEX3 value
    date_rule: DateRule | None = None
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

    def __post_init__(self) -> None:
        _members(self, type=EventType, date_rule=DateRule)


@dataclass(frozen=True)
class Claim(Record):
    speaker: Speaker | None
    content: Span
    polarity: Polarity = Polarity.asserted
    modality: Modality = Modality.certain
    about: str | None = None
    article: str | None = None
    id: str | None = None
    sentence: Span | None = None
    cue: str | None = None  # the reporting or denial verb ("said", "denied")
    numbers: tuple[Quantity, ...] = ()  # counts the claim gives, with what they count
    proposition: tuple[str, ...] = ()  # content-word stems: what the claim is about, normalised
    stance: Stance | None = None  # towards what it names
    country: str | None = None  # the speaker's country, ISO 3166 alpha-3
    quote: str | None = None  # Quote.id the claim comes from
    # the sentence before, when the statement names no place or day of its own ("Seven others were
    # wounded in the attack"): the incident it tells of is set there
    setting: Span | None = None
    extractor: str = "dateline_claims"

    def __post_init__(self) -> None:
        _members(self, polarity=Polarity, modality=Modality, stance=Stance)


@dataclass(frozen=True)
class Contradiction(Record):
    id: str
    a: Claim
    b: Claim
    about: str
    type: ContradictionType
    confidence: float
    evidence: str | None = None  # explicit marker such as "contrary to"
    extractor: str = "dateline_contradictions"

    def __post_init__(self) -> None:
        _members(self, type=ContradictionType)


@dataclass(frozen=True)
class Relevance(Record):
    """Whether an article is news dateline codes events for: political or conflict news, or crime.

    Its events stay in the report either way; the store's event lists leave out those of an
    article judged not relevant unless asked for them."""

    relevant: bool
    topic: str | None  # conflict | political | crime; None for neither
    score: float  # topical role nouns and country names per 1000 words (components/relevance.py)
    reason: str


@dataclass(frozen=True)
class Report(Record):
    """Everything dateline found in one article."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    published_source: PublishedSource | None = None
    source: str | None = None
    url: str | None = None
    dateline: Span | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    main_event: str | None = None  # Event.id of what the article is about (headline and lead), null if none
    relevant: bool | None = None  # relevance.relevant, at the top for readers of the JSON; None: not judged
    relevance: Relevance | None = None
    quantities: tuple[Quantity, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    extractors: dict[str, str] = field(default_factory=dict)
    schema_version: str = SCHEMA_VERSION

    def __post_init__(self) -> None:
        _members(self, published_source=PublishedSource)

    def to_json(self, **kw: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kw)


def _facts(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that hold a tuple of records."""
    hints = typing.get_type_hints(cls)
    return tuple(
        f.name
        for f in dataclasses.fields(cls)
        if typing.get_origin(hints[f.name]) is tuple
        and isinstance(arg := typing.get_args(hints[f.name])[0], type)
        and issubclass(arg, Record)
    )


# The kinds of fact a report holds, in its field order: entities, quotes, times, places, events,
# quantities, contradictions. Components, schema checks, the store and the pages all go by this.
FACT_KINDS: tuple[str, ...] = _facts(Report)


@dataclass(frozen=True)
class Rejection(Record):
    """An input that gave no report, as a worker process sends it back: the library raises an
    :class:`InputError`; this is the same two strings as a record."""

    origin: str
    reason: str

    @classmethod
    def of(cls, exc: InputError) -> Rejection:
        return cls(exc.origin, exc.reason)

    def error(self) -> InputError:
        return InputError(self.origin, self.reason)
