"""Where an event happened: one place of ``doc._.dateline_places`` for it, and the rule that chose it
(``PlaceRef.rule``).

The order follows how ACLED codes an event's location (ACLED Codebook 2023, "Geography"): the
most specific place the report gives for the event itself, else the nearest the report gives,
and the place the story was filed from only as a last resort.

1. ``clause``/``sentence``: a place inside the event's clause, else in its sentence, the most
   specific first (a quarter or road over a town over its province over its country: "Kautikari
   in Borno state"), then the first named. Not a place that only says whose: a nationality or
   owner ("US troops", "a US base", "Nigeria village raid"; "Borno state" is a place), a place in
   a hyphenated modifier ("a Britain-based monitor", "US-led strikes"), a metonymic place (a
   government acting), the dateline (also one inside the text: "MOSCOW (Sputnik) -"), or a place
   in the headline for an event of the body (see :mod:`.zones`). A place inside an apposition or
   relative clause of a participant comes after the others ("an Iraqi militia backed by Iran" is
   no place of the attack; "civilians digging trenches near Barsalogho" may be the only one).
   Where the sentence gives only a country ("in northern Syria"), the headline's town in that
   country is the more specific place the report gives (``headline``).
2. ``previous sentence``: none in the sentence, a town or province of the sentence before, in
   the same paragraph (news keeps its setting from one sentence to the next: "... at the SYL
   hotel in Mogadishu. The militants attacked the hotel on Thursday").
3. ``headline``: a town or province of the headline, what the story is about (found where the
   text carries the headline, after a date line too); for an event of the headline itself that
   names none, ``lead``: a town or province of the lead, which tells where the headline's event was.
4. ``actor's country``: the act of a domestic body (a parliament, a court, a party, a crowd) with
   no place given happened in its country ("members of the Iraqi parliament signed a petition").
5. ``dateline``: still none, where the reporter filed from; the linker knows it for a weak place
   (``store_links``: a dateline place rules out no other).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...records import PlaceRef
from ...resolve.agents import sector_of
from ..doctext import text_of
from ..places import compound_modifier, iso3, wire_dateline
from .main import doc_lead_end
from .participants import tagged
from .roles import first_actor, subject_of
from .zones import BODY, HEADLINE, bounds, zone, zone_at

_RANK = {
    "facility": 0,
    "camp": 0,
    "district": 0,
    "city": 1,
    "capital": 1,
    "admin2": 2,
    "admin1": 3,
    "region": 4,
    "country": 5,
}
_COUNTRY = {"country", "region", "continent"}
_DESCRIBES = ("appos", "relcl", "acl")
# "Borno state", "Kharkiv region": the place's own kind, not an owned thing ("state" is also a sector).
_DIVISIONS = {
    "state",
    "province",
    "region",
    "district",
    "county",
    "governorate",
    "oblast",
    "area",
    "city",
    "town",
    "village",
    "municipality",
    "prefecture",
    "department",
    "territory",
    "zone",
    "strip",
}


def _describes_participant(root: Token, stop: set[int]) -> bool:
    """The place hangs on a participant's apposition or relative clause below the event."""
    tok = root
    for _ in range(12):
        if tok.i in stop or tok.head.i == tok.i:
            return False
        if (
            tok.dep_ in _DESCRIBES
            and tok.head.i not in stop
            and not any(tok.left_edge.i <= i <= tok.right_edge.i for i in stop)
        ):
            return True  # (a clause that holds the event itself describes no participant)
        tok = tok.head
    return False


def place_of(
    doc, anchor: Token, sent: SpacySpan, used: list[tuple[int, int]], word: Token | None = None
) -> PlaceRef | None:
    lo, hi = anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)
    where = zone(anchor)
    stop = {anchor.i} | ({word.i} if word is not None else set())
    dl = getattr(doc._.dateline_article, "dateline", None)

    def free(s, e):
        return not any(s < ue and us < e for us, ue in used)

    def located(p) -> bool:
        if dl is not None and dl.start <= p.start < dl.end or _wire(doc, p):
            return False
        if zone_at(doc, p.start) != where:
            return False
        return _plain(doc, p)  # not "US troops", "a US outpost": whose, not where

    def described(p) -> bool:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        return span is not None and _describes_participant(span.root, stop)

    found = [p for p in (doc._.dateline_places or ()) if not p.metonymy and free(p.start, p.end)]
    places = [p for p in found if sent.start_char <= p.start < sent.end_char and located(p)]
    inside = [p for p in places if lo <= p.start < hi]
    heading = _headline_places(doc, anchor) if where != HEADLINE else []
    # A participant's description places the event less surely than the clause itself: "backed by
    # Iran" is no place of the attack, "civilians digging trenches near Barsalogho" is.
    for group, rule in (
        ([p for p in inside if not described(p)], "clause"),
        ([p for p in places if not described(p)], "sentence"),
        (inside, "clause"),
        (places, "sentence"),
    ):
        if group:
            best = _best(group)
            # "killed 21 civilians in northern Syria", under a headline on Raqqa: the headline's town
            # in that country is the more specific place the report gives for its main event
            return (
                _refined(best, heading)
                # (the lead's places only where the event's own give no more than a country)
                or (_coarse(best) and _refined(best, _lead_places(doc, found, anchor), "lead"))
                or _ref(best, rule)
            )
    if not doc._.dateline_places:
        # Without the places component: the spaCy location entities, unresolved.
        ents = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC") and free(e.start_char, e.end_char)]
        inside_e = [e for e in ents if lo <= e.start_char < hi]
        for group in (inside_e, ents):
            if group:
                return PlaceRef(name=group[-1].text)
        return None
    if where == BODY:
        before = _sentence_before(doc, sent)
        if before is not None:
            start = before.start_char + before.text.rfind("\n\n") + 1  # its last paragraph only
            prior = [
                p
                for p in found
                if start <= p.start < before.end_char
                and zone_at(doc, p.start) == BODY
                and not (dl is not None and dl.start <= p.start < dl.end)
                and _plain(doc, p)
                and not _wire(doc, p)
                # a town or province carries over; a country named before is as often who as where
                and _RANK.get(p.feature or "", 3) < _RANK["region"]
            ]
            if prior:
                best = _best(prior)
                return _refined(best, heading) or _ref(best, "previous sentence")
    specific = [h for h in heading if _RANK.get(h.feature or "", 3) < _RANK["region"]]
    if specific:
        # nothing in the event's own sentences: the headline's place, what the story is about
        return _ref(_best(specific), "headline")
    if where == HEADLINE:
        # a headline that names no town ("Air raids kill 20 IS militants"): the lead tells where
        lead = _lead_places(doc, found)
        if lead:
            return _ref(_best(lead), "lead")
    # (A headline that names only countries does not place an event: "US received no request to
    # quit Iraq" names who and about whom.)
    home = _actors_country(doc, anchor)
    if home is not None:
        return home
    if where in (BODY, HEADLINE):
        # a dateline names where the story was filed, never a government acting: metonymy aside
        if dl is not None:
            filed = [p for p in doc._.dateline_places if dl.start <= p.start < dl.end]
        else:  # "... MOSCOW (Sputnik) - ..." inside the text, after a date line and the headline
            filed = [p for p in doc._.dateline_places if _wire(doc, p)][:1]
        if filed:
            return _ref(_best(filed), "dateline")
    return None


# Actors whose acts take place at home: a parliament signs its petitions, a court rules, a party
# or a crowd protests in its own country; an army or a militia may act abroad.
_DOMESTIC = {"legislature", "judiciary", "party", "civilians", "police", "labor"}


def _actors_country(doc, anchor: Token) -> PlaceRef | None:
    """The country of a domestic actor (a parliament, a court, a party, a crowd), where the text
    gives no place for its act: "members of the Iraqi parliament signed a petition" was in Iraq.
    Placed at a mention of that country in the article (its name or its nationality)."""
    verb = anchor.head if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "dobj" else anchor  # "signed a petition"
    subj = subject_of(verb)
    found = first_actor([subj]) if subj is not None else None  # "members of the Iraqi parliament"
    actor = found[1] if found else None
    if actor is None or actor.country is None or actor.sector not in _DOMESTIC:
        return None
    iso2 = {v: k for k, v in iso3().items()}.get(actor.country)
    named = [p for p in doc._.dateline_places or () if p.country == iso2 and p.feature == "country"]
    if not named:
        return None
    p = named[0]
    return PlaceRef(name=p.name, lat=p.lat, lon=p.lon, country=p.country, place=p.id, rule="actor's country")


def _wire(doc, p) -> bool:
    if not p.text.isupper():
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return span is not None and wire_dateline(span)


def _best(group):
    """The most specific place of a group, the first named among equals."""
    return min(group, key=lambda p: (_RANK.get(p.feature or "", 3), p.start))


def _refined(best, heading, rule: str = "headline") -> PlaceRef | None:
    """The headline's place, where the event's own words give only the country (or a region) it
    lies in: "in northern Syria" under "... kill 20 in Raqqa"; for an event of the head, the lead's
    town in that country likewise ("strikes killed 20 in northeastern Syria ... explosions were
    heard during the strikes in al-Shadadi")."""
    if not _coarse(best):
        return None
    inner = [h for h in heading if _RANK.get(h.feature or "", 3) < _RANK["region"] and h.country == best.country]
    return _ref(_best(inner), rule) if inner else None


def _coarse(place) -> bool:
    """A country or a region: no more specific than the area a town lies in."""
    return _RANK.get(place.feature or "", 3) >= _RANK["region"]


def _lead_places(doc, found, anchor: Token | None = None) -> list:
    """The towns and provinces of the lead: the first body sentences after the headline (none
    when ``anchor``, an event's word, stands after the lead)."""
    head_end = bounds(doc)[0]
    if not head_end:
        return []
    end = doc_lead_end(doc, head_end)
    if anchor is not None and anchor.idx >= end:
        return []
    dl = getattr(doc._.dateline_article, "dateline", None)
    return [
        p
        for p in found
        if head_end <= p.start < end
        and zone_at(doc, p.start) == BODY
        and not (dl is not None and dl.start <= p.start < dl.end)
        and _plain(doc, p)
        and not _wire(doc, p)
        and _RANK.get(p.feature or "", 3) < _RANK["region"]
    ]


def _headline_places(doc, anchor: Token) -> list:
    """The located places of the article's headline, where the text carries it (as its first line,
    or after a date line: "Sun 16 Apr 2017 Death toll from Aleppo bomb attack ..."); none for an
    event of the headline itself."""
    article = doc._.dateline_article
    title = (getattr(article, "title", None) or "").strip()
    if len(title) < 12:
        return []
    text = text_of(doc)
    at = text.find(title, 0, HEAD_WINDOW + len(title))
    if at < 0:
        return []
    end = at + len(title)
    if at <= anchor.idx < end:
        return []
    dl = getattr(article, "dateline", None)
    return [
        p
        for p in doc._.dateline_places or ()
        if at <= p.start < end
        and not p.metonymy
        and not (dl is not None and dl.start <= p.start < dl.end)
        and _plain(doc, p)
        and not _wire(doc, p)
    ]


HEAD_WINDOW = 200  # characters: a date line or outlet tag may come before the headline


def _plain(doc, p) -> bool:
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return True
    if compound_modifier(span):
        return False  # "a Britain-based monitor", "US-led strikes": whose, not where
    if tagged(span[0]):
        return False  # "Tags Syria Idlib Russia airstrikes": a page's keywords, no place of an event
    root, head = span.root, span.root.head
    if root.dep_ not in ("compound", "amod", "nmod") or head.i == root.i or head.lower_ in _DIVISIONS:
        return True
    return not (sector_of(head.text) or (p.feature or "") in _COUNTRY)


def _sentence_before(doc, sent: SpacySpan) -> SpacySpan | None:
    """The sentence before ``sent`` in the same paragraph, if any."""
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1]
    if prev.is_space and "\n" in prev.text:
        return None
    before = prev.sent
    return None if "\n\n" in text_of(doc)[before.end_char : sent.start_char] else before


def _ref(p, rule: str | None = None) -> PlaceRef:
    return PlaceRef(name=p.name, lat=p.lat, lon=p.lon, country=p.country, place=p.id, rule=rule)
