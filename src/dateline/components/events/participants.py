"""Participants: a noun phrase of the parse → an :class:`Actor` (name, ISO3 country, sector).

Order of evidence, strongest first: an entity of ``doc._.dateline_entities`` that carries an
actor; a named organisation of the actor lexicon (``resolve.actors``); a place that names a
government (``doc._.dateline_places`` metonymy, or a country or capital as the subject of an
act); and the generic agent words of the phrase ("Iraqi" + "parliament" → IRQ legislature,
``resolve.agents``), as CAMEO's agents dictionary codes unnamed actors.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...records import Actor, PlaceRef
from ...resolve import actors as actor_lexicon
from ...resolve import dictionaries
from ...resolve.agents import code_words, country_names, country_of, is_generic_agent, is_place_name, sector_of
from ...resolve.timex_calendar import MONTHS, WEEKDAYS
from ..places import home_country, iso3
from .lexicon import noun_trigger
from .zones import DATELINE, same_zone, zone

# Dependents that belong to the core of a noun phrase ("the Iraqi parliament").
_CORE = {"det", "amod", "compound", "poss", "nmod", "case", "nummod", "quantmod", "advmod", "npadvmod"}
# Heads whose "of" phrase names the group ("members of the Iraqi parliament").
_OF_HEADS = {
    "member",
    "members",
    "government",
    "leader",
    "leaders",
    "head",
    "chief",
    "inhabitants",
    "residents",
    "workers",
    "representatives",
    "citizens",
    "people",
    "forces",
    "troops",
    "army",
    "president",
    "minister",
    "delegation",
    "wing",
    "official",
    "officials",
    "king",
    "emir",
    "spokesman",
    "prime",
    "parliament",
    "group",
    "groups",
    "supporters",
    "population",
    "police",
    "authorities",
    "families",
    "ambassador",
    "envoy",
    "militants",
    "republic",
    "union",
    "inspectors",
    "province",
    "region",
    "town",
    "city",
    "facilities",
    "positions",
    "bases",
    "camps",
    "headquarters",
}
_SKIP_START = {"det", "nummod", "quantmod", "predet", "punct", "advmod"}
_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them", "him", "her", "i", "us", "who", "which"}


def phrase(head: Token) -> list[Token]:
    """The core tokens of the noun phrase headed by ``head``: modifiers before it and an
    "of" phrase after group nouns; relative clauses, appositions and other prepositional
    phrases are left out (they describe the actor, they are not its name)."""
    toks: list[Token] = []
    for c in head.lefts:
        if c.dep_ in _CORE:
            toks += list(c.subtree)
    toks.append(head)
    for c in head.rights:
        if c.dep_ == "compound" or (c.dep_ == "prep" and c.lower_ == "of" and head.lower_ in _OF_HEADS):
            toks += list(c.subtree)
        elif c.dep_ == "case":
            toks.append(c)
    # Not across the headline, dateline and body (see .zones): "MAIDUGURI, Nigeria - Boko Haram
    # fighters" is the fighters.
    toks = sorted({t for t in toks if same_zone(t, head) and not t.is_space}, key=lambda t: t.i)
    # Nor across what parts a headline from its date line, outlet tag or wire dateline, which the
    # parse may join into one phrase: "Mon Jul 11 2016 175 Nusra Terrorists", "Rebels shell
    # Aleppo - MOSCOW (Sputnik) - Rebel shelling".
    cut = max((t.i for t in toks if t.i < head.i and _separator(t)), default=None)
    if cut is not None:
        toks = [t for t in toks if t.i > cut] or [head]
    if any(t.text in TAG_WORDS for t in toks if t.i < head.i):
        toks = [head]  # "Tags Syria Idlib Russia airstrikes ... Airstrikes": keywords, not a name
    while len(toks) > 1 and (
        toks[0].dep_ in _SKIP_START or toks[0].like_num or toks[0].lower_ in ("around", "some", "about")
    ):
        toks = toks[1:]
    while len(toks) > 1 and toks[-1].is_punct:
        toks = toks[:-1]
    return toks


_DASHES = {"-", "–", "—", "--", "|"}


def _separator(t: Token) -> bool:
    """A token no name runs across: a spaced dash, a bracket, a date, a clock time, page junk."""
    if t.text in _DASHES:
        return bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)
    if t.text in (")", "(", ":", "|"):
        return True
    if t.ent_type_ in ("DATE", "TIME") or (t.is_title and t.lower_.rstrip(".") in _CALENDAR_ABBREV):
        return True
    return not any(ch.isalnum() for ch in t.text) and t.text not in ("'", "’", "&", ".", "-")


# Weekday and month abbreviations of date lines ("Mon", "Sept"), from the calendar the TIMEX
# normalizer reads; "may" left out: "May" is a name and a modal far more often than a month.
_CALENDAR_ABBREV = set(WEEKDAYS) | (set(MONTHS) - {"may"}) | {"sept"}


# CAMEO role codes → the sector names this coder writes (other components may hand codes).
_CAMEO_SECTORS = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "REB": "rebels",
    "INS": "rebels",
    "LEG": "legislature",
    "JUD": "judiciary",
    "CVL": "civilians",
    "MED": "media",
    "BUS": "business",
    "LAB": "labor",
    "OPP": "party",
    "PTY": "party",
    "REL": "religious",
    "UAF": "military",
    "SPY": "government",
    "ELI": "government",
}


def _sector(code: str | None) -> str | None:
    return _CAMEO_SECTORS.get(code, code) if code else code


def span_text(toks: list[Token]) -> str:
    """The article words from the first token to the last (``Doc.text`` is rebuilt on
    every access, a slice of a Span is not)."""
    return toks[0].doc[toks[0].i : toks[-1].i + 1].text


def _entity_for(doc: Doc, start: int, end: int):
    for ent in doc._.dateline_entities or ():
        for m in ent.mentions:
            if m.start < end and start < m.end:
                return ent, m
    return None, None


def _place_for(doc: Doc, start: int, end: int):
    for p in doc._.dateline_places or ():
        if p.start < end and start < p.end:
            return p
    return None


_AREA_FEATURES = {"country", "continent", "demonym"}
_STATE_FORCES = {"government": "government", "military": "military", "police": "police"}
# Armed bodies and the people they send: "Hezbollah fighters", "IDF troops" are the body acting.
_ARMED = {"rebels", "militia", "military"}
# The words news uses for a state's own rulers and forces, unnamed: not "coalition", "officials",
# "spokesman", which belong to anyone.
_STATE_WORDS = {
    "regime",
    "government",
    "army",
    "military",
    "troops",
    "forces",
    "soldiers",
    "air force",
    "armed forces",
    "security forces",
    "police",
    "warplanes",
    "jets",
    "aircraft",
    "helicopters",
    "gunships",
    "authorities",
}
_ROADS = {"road", "street", "highway", "square"}
# A settlement, a division or a road named by a place is where, not who ("Hama Province", "Castello
# Road"); a base or an airport may be a target as such ("Ain al-Asad airbase").
_SETTLEMENTS = _ROADS | {
    "town",
    "village",
    "hamlet",
    "city",
    "neighborhood",
    "neighbourhood",
    "district",
    "quarter",
    "suburb",
    "area",
    "province",
    "governorate",
    "region",
}


def _mere_place(tok: Token) -> bool:
    """The token names a town, province or site that the places component read as a location
    (not a country, whose name also stands for its state, nor a place read as a government)."""
    place = _place_for(tok.doc, tok.idx, tok.idx + len(tok))
    if place is None or place.metonymy and place.feature == "city":
        # a town (not a capital) seldom stands for a government: where the article names it as a
        # place elsewhere, it is that place here too
        place = _named_place_elsewhere(tok) or place
    return (
        place is not None
        and not place.metonymy
        and place.actor is None
        and place.feature is not None
        and place.feature not in _AREA_FEATURES
        and country_of(tok.text) is None
    )


def _named_place_elsewhere(tok: Token):
    """A town the article names as a place elsewhere, here where the places component does not
    read one (a headline's capitalised words: "Death toll in Krasnogorsk attack rises"): one sense
    per discourse (Gale, Church & Yarowsky 1992)."""
    if not tok.text[:1].isupper():
        return None
    return next(
        (p for p in tok.doc._.dateline_places or () if p.text == tok.text and not p.metonymy and p.actor is None),
        None,
    )


def is_pronoun(tok: Token) -> bool:
    # "US" is a country, "us" a pronoun.
    return tok.pos_ == "PRON" or (tok.lower_ in _PRONOUNS and tok.text.islower())


_NOT_ACTORS = {
    "DATE",
    "TIME",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "LAW",
    "WORK_OF_ART",
    "PRODUCT",
    "EVENT",
    "LANGUAGE",
}
_NAMED = ("PERSON", "ORG", "GPE", "NORP")
_FACILITIES = {
    "base",
    "bases",
    "airbase",
    "airbases",
    "embassy",
    "consulate",
    "headquarters",
    "camp",
    "camps",
    "compound",
    "outpost",
    "checkpoint",
    "checkpoints",
    "facility",
    "facilities",
    "barracks",
    "positions",
    "position",
    "convoy",
    "patrol",
    "garrison",
    "airport",
    "port",
}
_MULTITUDES = {"tens", "dozens", "scores", "hundreds", "thousands", "millions", "crowds", "groups"}
# Weapons and munitions: the instrument of an attack, never its actor (CAMEO codes who used them).
_WEAPONS = {
    "drone",
    "drones",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "bomb",
    "bombs",
    "shell",
    "shells",
    "mortar",
    "mortars",
    "grenade",
    "grenades",
    "mine",
    "mines",
    "ied",
    "ieds",
    "explosive",
    "explosives",
    "bullet",
    "bullets",
    "munition",
    "munitions",
    "projectile",
    "projectiles",
}
# Calendar words are never participants, even where the NER left them untagged.
_CALENDAR = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "week",
    "weekend",
    "month",
    "year",
    "day",
    "night",
    "morning",
    "evening",
    "afternoon",
}


# Words that open a page's line of keywords.
TAG_WORDS = {"Tags", "Tag", "Topic", "Topics", "Keywords", "TAGS"}
TAG_REACH = 12  # tokens: a page's line of keywords ("Tags Aleppo civil defence UN airstrikes Russia")


def tagged(tok: Token) -> bool:
    """The token follows a "Tags"/"Topic" word closely in its sentence: a keyword of the page, not
    a participant of what the sentence tells (the line runs into the lead with no stop)."""
    doc = tok.doc
    start = max(tok.sent.start, tok.i - TAG_REACH)
    return any(t.text in TAG_WORDS for t in doc[start : tok.i])


def _title_case(tok: Token, reach: int = 4) -> bool:
    """The token stands among capitalised words ("Russian Forces Destroy Daesh Command Post"): a
    headline in title case, where every word is capitalised and a capital names nothing."""
    doc = tok.doc
    words = [
        t
        for t in doc[max(tok.i - 2 * reach, 0) : tok.i + 2 * reach + 1]
        if t.i != tok.i and t.is_alpha and not t.is_stop and t.sent == tok.sent
    ]
    near = sorted(words, key=lambda t: abs(t.i - tok.i))[: 2 * reach]
    return len(near) >= reach and all(t.is_title or t.is_upper for t in near)


def is_time(tok: Token) -> bool:
    return _is_time(tok)


def _is_time(tok: Token) -> bool:
    if tok.lower_ in _CALENDAR or tok.ent_type_ in ("DATE", "TIME"):
        return True
    return any(t.start <= tok.idx < t.end for t in tok.doc._.dateline_times or ())


def actor_of(head: Token | None) -> Actor | None:
    """The actor a noun phrase names; ``None`` when nothing in it names a participant.

    The head decides: a person, group, state or role noun is an actor ("the Iraqi
    parliament"); a thing is not, but its owner may be ("a U.S. request", "Serbia's
    suppression", "Kampuchean guerrilla camps"), as CAMEO coders read "rejected an Indian
    proposal" as rejecting India.
    """
    if head is None or is_pronoun(head) or head.ent_type_ in _NOT_ACTORS or head.like_num or _is_time(head):
        return None
    if zone(head) == DATELINE:
        return None  # where the reporter filed from
    if tagged(head):
        return None  # "Tags Syria Idlib Russia airstrikes ...": a page's keywords name no one
    if _capitalised_thing(head):
        # "Airstrikes hit ...", "Rockets fell ...", a title-case "Air Raids Kill ...": an attack, a
        # weapon or its means, capitalised by where it stands, names no one (its wielder may)
        return _wielder(head)
    if head.lower_ in _MULTITUDES:
        # "Tens of thousands of people", "hundreds of protesters": the people counted act.
        counted = next(
            (g for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if counted is not None:
            return actor_of(counted)
    toks = phrase(head)
    doc = head.doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = span_text(toks)
    ent, mention = _entity_for(doc, head.idx, head.idx + len(head))
    if ent is not None and ent.actor is not None:
        a = ent.actor
        return Actor(
            name=a.name, country=a.country, sector=_sector(a.sector), entity=ent.id, text=text, start=start, end=end
        )
    named = _named(doc, toks)
    if named is not None and head in named[1]:
        entry = named[0]
        code = code_words(_words(toks))
        return Actor(
            name=entry.name,
            country=entry.country or code.country,
            sector=entry.sector,
            entity=ent.id if ent else None,
            text=text,
            start=start,
            end=end,
        )
    place = _place_for(doc, head.idx, head.idx + len(head))
    if place is not None and place.actor is not None:
        a = place.actor
        return Actor(name=a.name, country=a.country, sector=_sector(a.sector), text=text, start=start, end=end)
    if _mere_place(head) or (
        head.lower_ in _SETTLEMENTS
        and any(
            _mere_place(t) or (t.pos_ == "PROPN" and head.lower_ in _ROADS)
            for t in toks
            if t.i < head.i and t.dep_ == "compound"
        )
    ):
        # "rocket attacks on Aleppo", "an Aleppo bomb attack", "Castello Road", "Hama Province": a
        # town, province or road is where, not who; only a place standing for its government
        # (metonymy, above) acts.
        return None
    head_words = [t.text for t in toks if t.i >= head.i and (t.dep_ == "compound" or t.i == head.i)]
    head_is_agent = (
        sector_of(head.text)
        or sector_of(" ".join(head_words))
        or country_of(_clean(head.text))
        or is_generic_agent(head.text)
        or head.ent_type_ in _NAMED
        or (head.pos_ == "PROPN" and not head.ent_type_ and not _title_case(head))
        or (ent is not None and ent.type in ("PERSON", "ORG", "NORP", "GPE"))
    )
    if (head.lemma_.lower() in _WEAPONS or head.lower_ in _WEAPONS) and head.pos_ == "NOUN" and not head.ent_type_:
        # A weapon does not act: whoever launched or planted it does ("a drone launched by
        # Kataib Hezbollah", "a roadside bomb planted by al-Shabaab"), else its owner ("a US drone").
        return _wielder(head) or _owner_actor(head, named)
    if not head_is_agent and head.lower_ in _FACILITIES:
        # An attacked base or embassy is the target as such ("a missile strike on Ain al-Asad
        # airbase"); its owner, when named, gives the country and sector.
        owner = _owner_actor(head, named, facility=True)
        return Actor(
            name=_name(toks),
            country=owner.country if owner else None,
            sector=owner.sector if owner else None,
            text=text,
            start=start,
            end=end,
        )
    if not head_is_agent:
        return _owner_actor(head, named)
    words = _words(toks)
    code = code_words(words)
    if named is None and (is_generic_agent(head.text) or sector_of(head.text)):
        # "Jihadists from Boko Haram", "activists from the Fatah Party": the group or person named
        # in the phrase is the actor (not a place: "the mayor of Moscow" is not Russia).
        member = _member_of(head)
        if member is not None:
            return member
    if named is not None:
        # A role of a named body ("UN Resident Coordinator", "Hezbollah fighters"): the body
        # gives country and sector, and is the entity the actor is linked by.
        entry, run = named
        if ent is None:
            ent, _ = _entity_for(doc, run[0].idx, run[-1].idx + len(run[-1]))
        if is_generic_agent(head.text) or (sector_of(head.text) in _ARMED and entry.sector in _ARMED):
            # "the Hizbollah group" is Hezbollah; "Islamic State fighters" are the group acting
            # (CAMEO codes a group's fighters as the group): one actor, one name
            return Actor(
                name=entry.name,
                country=entry.country or code.country,
                sector=entry.sector,
                entity=ent.id if ent else None,
                text=span_text(run),
                start=run[0].idx,
                end=run[-1].idx + len(run[-1]),
            )
        return Actor(
            name=_name(toks),
            country=entry.country or code.country,
            sector=entry.sector or code.sector,
            entity=ent.id if ent else None,
            text=text,
            start=start,
            end=end,
        )
    if (
        ent is not None
        and ent.actor is None
        and ent.name.casefold() == head.text.casefold()
        and (sector_of(head.text) or is_generic_agent(head.text))
    ):
        ent = None  # "Jihadists" tagged as an organisation: a description, not a name
    if code.country is None and code.sector is None:
        if ent is not None and ent.type in ("PERSON", "ORG", "NORP"):
            # A person or body the lexicon does not know: the Phoenix dictionaries may ("Assad"
            # → SYR government on the article's date, "Jaish al-Islam" → SYR rebels).
            hit = _phoenix(doc, (ent.name, *ent.aliases, span_text(toks)))
            if hit is not None:
                return _coded(ent, hit, text, start, end)
            return Actor(name=ent.name, entity=ent.id, text=text, start=start, end=end)
        return Actor(name=_name(toks), text=text, start=start, end=end)
    if code.sector is None and ent is not None and ent.type in ("PERSON", "ORG"):
        # "Syria's Assad": the country from the words, the office from the dictionary, when
        # the two agree on the country
        hit = _phoenix(doc, (ent.name, *ent.aliases))
        if hit is not None and hit.country == code.country:
            return _coded(ent, hit, text, start, end)
    sector = code.sector
    if (
        sector is None
        and code.country_word
        and normalize_eq(code.country_word, words)
        and is_place_name(code.country_word)
    ):
        # The phrase is only a country or capital ("Libya has offered", "Washington has
        # retaliated"): the state acts through its government (CAMEO codes it as the state).
        sector = "government"
    name = ent.name if ent is not None and ent.type == "PERSON" else _name(toks)
    if code.country and normalize_eq(code.country_word or "", words):
        name = country_names().get(code.country, name)
    country = code.country
    if country is None and ent is None and sector in _STATE_FORCES and (code.sector_word or "").lower() in _STATE_WORDS:
        # "the regime", "government forces", "the army" in a story about one country: that
        # country's government or military, named so wherever the article says it
        country = home_country(doc)
        if country is not None:
            name = f"{country_names().get(country, country)} {_STATE_FORCES[sector]}"
    source = code.sector_source if sector == code.sector else None
    if country is None:
        # "Ahrar al-Sham fighters": a group the lexicon lacks, named before a role noun; the
        # Phoenix entry gives its country (and its sector, where the role leaves it open or is armed).
        run = _proper_run(toks, head)
        hit = _phoenix(doc, ([ent.name] if ent is not None else []) + ([run] if run else []))
        if hit is not None and hit.country is not None:
            country, source = hit.country, hit.source
            if sector is None or (sector in _ARMED and hit.sector in _ARMED):
                sector = hit.sector
    return Actor(
        name=name,
        country=country,
        sector=sector,
        entity=ent.id if ent else None,
        text=text,
        start=start,
        end=end,
        code_source=source,
    )


# Words for the means of an attack, which a headline or a sentence start capitalises ("Air",
# "Barrel", "Suicide", "Car" in "Car bomb kills ...", "Twin" in "Twin blasts ...").
_MEANS_WORDS = {"air", "aerial", "barrel", "suicide", "car", "twin", "truck", "ground", "naval", "sniper", "chemical"}


def _capitalised_thing(head: Token) -> bool:
    if not head.text[:1].isupper() or head.text.isupper() or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    low = head.lower_
    if low in _WEAPONS or low in _MEANS_WORDS:
        return True
    trig = noun_trigger(head)
    return trig is not None and trig.type in ("ASSAULT", "COERCE")


def _proper_run(toks: list[Token], head: Token) -> str | None:
    """The proper name before a phrase's head ("Ahrar al-Sham" of "Ahrar al-Sham fighters")."""
    names = [t for t in toks if t.i < head.i and t.pos_ == "PROPN"]
    if not names:
        return None
    first, last = names[0], names[-1]
    return head.doc.text[first.idx : last.idx + len(last)]


def _coded(ent, hit: dictionaries.DictActor, text: str, start: int, end: int) -> Actor:
    """The entity as the dictionary entry codes it, the entry named in ``code_source``."""
    return Actor(
        name=ent.name,
        country=hit.country,
        sector=hit.sector,
        entity=ent.id,
        text=text,
        start=start,
        end=end,
        code_source=hit.source,
    )


def _published(doc: Doc) -> str | None:
    article = doc._.dateline_article if doc.has_extension("dateline_article") else None
    return getattr(article, "published", None)


def _phoenix(doc: Doc, names) -> dictionaries.DictActor | None:
    """The Phoenix coding of the first of ``names`` an entry holds, on the article's publication
    date; only entries that give a sector (a bare country code names a place, which the
    gazetteer and the country words code already)."""
    on = _published(doc)
    for n in names:
        if not n or len(n) < 3:
            continue
        hit = dictionaries.actor(n, on)
        if hit is not None and hit.sector is not None:
            return hit
    return None


def _wielder(head: Token) -> Actor | None:
    """The agent of a participle on a weapon: "a drone launched by X"."""
    for c in head.children:
        if c.dep_ in ("acl", "relcl"):
            for g in c.children:
                if g.dep_ == "agent":
                    for o in g.children:
                        if o.dep_ == "pobj":
                            return actor_of(o)
    return None


def _member_of(head: Token) -> Actor | None:
    """The named group in a "from"/"of" phrase of a generic agent noun."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in ("from", "of") and c.ent_iob_ != "I":  # not "Organization of ..."
            for g in c.children:
                if (
                    g.dep_ == "pobj"
                    and same_zone(g, head)
                    and g.ent_type_ not in ("GPE", "LOC", "FAC")
                    and _place_for(g.doc, g.idx, g.idx + len(g)) is None
                ):
                    a = actor_of(g)
                    if a is not None and a.entity is not None and a.sector is not None:
                        return a
    return None


_MOJIBAKE = re.compile(r"[\x80-\x9f].*$|_+[^\w]*$")


def _clean(word: str) -> str:
    """A word without the mojibake a bad decoding glued to it ("US\x90_â\x90..." is "US")."""
    return _MOJIBAKE.sub("", word) if any("\x80" <= ch <= "\x9f" for ch in word) else word


def _words(toks: list[Token]) -> list[str]:
    return [_clean(t.text) for t in toks if t.dep_ not in ("det", "case") and not t.is_punct]


def _owner_actor(head: Token, named, facility: bool = False) -> Actor | None:
    """The owner of a thing: possessor, or nationality/role/name modifiers before it."""
    doc = head.doc
    if any(
        t.lower_ in ("style", "like", "type", "inspired") and t.i > 0 and t.nbor(-1).text == "-"
        for c in head.lefts
        for t in c.subtree
    ):
        return None  # "a Kremlin-style law" resembles, it is not the Kremlin's
    if named is not None:
        entry, run = named
        return Actor(
            name=entry.name,
            country=entry.country,
            sector=entry.sector,
            text=span_text(run),
            start=run[0].idx,
            end=run[-1].idx + len(run[-1]),
        )
    for c in head.lefts:
        if c.dep_ == "poss":
            a = actor_of(c)
            if a is not None:
                return a
    mods = [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") and not c.is_punct]
    # not across a date line, a dash or a line of tags before the thing (see ``phrase``)
    floor = max(
        (t.i for t in doc[head.left_edge.i : head.i] if _separator(t) or t.text in TAG_WORDS),
        default=-1,
    )
    mods = sorted(
        {
            t
            for m in mods
            for t in m.subtree
            if t.dep_ not in ("det", "punct", "case") and same_zone(t, head) and t.i > floor
        },
        key=lambda t: t.i,
    )

    def owns(t: Token) -> bool:
        # A nationality or a name owns the thing ("Indian proposal"); a role adjective does
        # not ("military aid", "general strike"), a role noun does ("guerrilla camps").
        # At a base or camp, a role adjective names the occupant ("rebel camps", "militant positions").
        if _mere_place(t):
            return False  # "Aleppo city", "Homs countryside": where the thing is, no owner
        return bool(
            country_of(_clean(t.text))
            or t.ent_type_ in _NAMED
            or ((facility or t.pos_ in ("NOUN", "PROPN")) and sector_of(t.text))
        )

    keep = [i for i, t in enumerate(mods) if owns(t)]
    if not keep:
        return None
    mods = mods[keep[0] : keep[-1] + 1]
    code = code_words([_clean(t.text) for t in mods])
    s, e = mods[0].idx, mods[-1].idx + len(mods[-1])
    text = span_text(mods)
    name = (
        country_names().get(code.country, text)
        if code.country and normalize_eq(code.country_word or "", [text])
        else _clean(text)
    )
    country = code.country
    if country is None and code.sector in _STATE_FORCES and (code.sector_word or "").lower() in _STATE_WORDS:
        # "government bombardment", "regime airstrikes" in a story about one country: its state's
        country = home_country(doc)
        if country is not None:
            name = f"{country_names().get(country, country)} {_STATE_FORCES[code.sector]}"
    return Actor(name=name, country=country, sector=code.sector, text=text, start=s, end=e)


def normalize_eq(word: str, words: list[str]) -> bool:
    return " ".join(words).casefold() == word.casefold()


def _name(toks: list[Token]) -> str:
    """The words of the phrase as written, without a leading article (nor mojibake)."""
    toks = toks[1:] if len(toks) > 1 and toks[0].dep_ == "det" else toks
    return _clean(span_text(toks))


def _named(doc: Doc, toks: list[Token]):
    """The longest run of the phrase that the actor lexicon knows ("Kataib Hezbollah")."""
    n = len(toks)
    for size in range(n, 0, -1):
        for i in range(0, n - size + 1):
            run = toks[i : i + size]
            if size == 1 and (run[0].pos_ not in ("PROPN", "NOUN") or run[0].is_stop):
                continue
            text = span_text(run)
            entry = actor_lexicon.lookup(text)
            if entry is not None:
                return entry, run
    return None


def conjuncts(head: Token) -> list[Token]:
    """``head`` and the noun phrases coordinated with it ("Israel and the Palestinians")."""
    return [head, *[c for c in head.conjuncts if c.i > head.i]]


def actor_like(head: Token | None) -> bool:
    return actor_of(head) is not None


def country_actor(word: str) -> Actor | None:
    """A country word alone as an actor (used for "the US killing of …")."""
    iso = country_of(word)
    if iso is None:
        return None
    return Actor(name=country_names().get(iso, word), country=iso, sector="government", text=word)


__all__ = ["actor_of", "actor_like", "conjuncts", "phrase", "is_pronoun", "country_actor", "SpacySpan"]


# Armed groups that belong to no state: an event codes them with the country they fight in.
_NON_STATE = frozenset({"rebels", "insurgents", "militia"})
# A state's own forces named without their state ("regime forces", "government troops", "the
# army") are the forces of the state where they act; forces of many states or of another one
# ("coalition forces", "international militaries", "foreign troops") are not.
_DOMESTIC = frozenset({"regime", "government", "army", "police", "security"})
_NOT_DOMESTIC = frozenset({"coalition", "international", "foreign", "allied", "western", "nato", "un", "peacekeepers"})


def _domestic_state(actor: Actor) -> bool:
    if actor.sector not in ("government", "military", "police"):
        return False
    ws = {w.lower() for w in re.findall(r"[A-Za-z]+", f"{actor.name} {actor.text or ''}")}
    return bool(ws & _DOMESTIC) and not ws & _NOT_DOMESTIC


def in_country(actor: Actor | None, place: PlaceRef | None) -> Actor | None:
    """A non-state armed group with no country of its own ("rebels", "Islamic State fighters",
    "terrorists"), or a state's forces named without it ("regime forces"), coded with the country
    of the event's place: ACLED names such actors by their
    country of operation ("Islamic State (Syria)") and CAMEO codes a domestic insurgency with its
    country (SYRREB). A place read from the dateline is where the report was filed, not where the
    group fights, and says nothing of it."""
    if actor is None or actor.country or not (actor.sector in _NON_STATE or _domestic_state(actor)):
        return actor
    if place is None or not place.country or place.rule == "dateline":
        return actor
    country = iso3().get(place.country)
    return replace(actor, country=country, code_source=actor.code_source or "place") if country else actor


# "the US-led coalition", "Saudi-led international coalition": a coalition named by its leader
_LED_COALITION = re.compile(r"\b([A-Z][\w.]*)-led\s+(?:[a-z]+\s+){0,2}coalition\b")


def coalition_country(actor: Actor | None, text: str) -> Actor | None:
    """A military coalition named without its leader ("coalition aircraft", "the international
    coalition") is the one the article names with it ("the US-led coalition"), coded with the
    leader's country as CAMEO and ACLED code a coalition's acts by its lead state. Only where the
    article names one leader: "US-led" and "Russian-led" in one story leave it uncoded."""
    if actor is None or actor.country or actor.sector != "military":
        return actor
    if "coalition" not in f"{actor.name} {actor.text or ''}".lower():
        return actor
    leaders = {country_of(m.group(1)) for m in _LED_COALITION.finditer(text)} - {None}
    if len(leaders) != 1:
        return actor
    return replace(actor, country=leaders.pop(), code_source=actor.code_source or "article")
