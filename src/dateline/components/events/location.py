"""Where an event happened: one place of ``doc._.dateline_places`` for it.

The order follows how ACLED codes an event's location (ACLED Codebook 2023, "Geography"): the
most specific place the report gives for the event itself, else the nearest the report gives,
and the place the story was filed from only as a last resort.

1. A place inside the event's clause, else in its sentence, the most specific first (a town
   over its province over its country: "Kautikari in Borno state"), then the first named.
   Not a place that only says whose: a nationality or owner ("US troops", "a US base", "Nigeria
   village raid"; "Borno state" is a place), a metonymic place (a government acting), the
   dateline, or a place in the headline for an event of the body (see :mod:`.zones`). A place
   inside an apposition or relative clause of a participant comes after the others ("an Iraqi
   militia backed by Iran" is no place of the attack; "civilians digging trenches near
   Barsalogho" may be the only one given).
2. None in the sentence: the place of the sentence before, in the same paragraph (news keeps
   its setting from one sentence to the next: "... at the SYL hotel in Mogadishu. The militants
   attacked the hotel on Thursday").
3. Still none (or a headline event): the dateline place, where the reporter filed from; the
   linker knows it for a weak place (``store_links``: a dateline place rules out no other).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...records import PlaceRef
from ...resolve.agents import sector_of
from ..doctext import text_of
from .zones import BODY, HEADLINE, zone, zone_at

_RANK = {"facility": 0, "city": 1, "capital": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
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
        if dl is not None and dl.start <= p.start < dl.end:
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
    # A participant's description places the event less surely than the clause itself: "backed by
    # Iran" is no place of the attack, "civilians digging trenches near Barsalogho" is.
    for group in ([p for p in inside if not described(p)], [p for p in places if not described(p)], inside, places):
        if group:
            return _ref(min(group, key=lambda p: (_RANK.get(p.feature or "", 3), p.start)))
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
            ]
            if prior:
                return _ref(min(prior, key=lambda p: (_RANK.get(p.feature or "", 3), p.start)))
    if dl is not None and where in (BODY, HEADLINE):
        # a dateline names where the story was filed, never a government acting: metonymy aside
        filed = [p for p in doc._.dateline_places if dl.start <= p.start < dl.end]
        if filed:
            return _ref(min(filed, key=lambda p: (_RANK.get(p.feature or "", 3), p.start)))
    return None


def _plain(doc, p) -> bool:
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return True
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


def _ref(p) -> PlaceRef:
    return PlaceRef(name=p.name, lat=p.lat, lon=p.lon, country=p.country, place=p.id)
