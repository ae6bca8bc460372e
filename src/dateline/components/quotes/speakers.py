"""Speaker records from source spans: the mention as written, resolved to the entity it names.

The entities component (``doc._.dateline_entities``) supplies names, titles and ids; without it
the named entities of the parse stand in, with a person's title read off the words before the
name ("Deputy Pentagon Press Secretary Sabrina Singh"). The resolution rules are in
``dateline.resolve.speakers``.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span

from ...records import Speaker
from ...resolve import speakers as rs
from ..doctext import text_of

_TITLE_DEPS = ("compound", "amod", "nmod")


def _title_before(doc: Doc, ent: Span) -> str | None:
    """Capitalised words right before a person's name that modify it: their title."""
    i = ent.start
    while i > 0 and doc[i - 1].dep_ in _TITLE_DEPS and i - 1 < doc[i - 1].head.i < ent.end:
        i -= 1
    if i == ent.start:
        # "Iraqi Defense Minister Thabet al-Abassi": the whole run of capitalised words
        j = ent.start
        while (
            j > 0
            and doc[j - 1].is_title
            and doc[j - 1].pos_ in ("PROPN", "NOUN", "ADJ")
            and doc[j - 1].ent_type_ in ("", "NORP", "ORG", "GPE")
        ):
            j -= 1
        i = j
    return doc[i : ent.start].text if i < ent.start else None


def mentions(doc: Doc) -> list[rs.Mention]:
    """Every named mention in the article, with its entity's canonical name and title."""
    ents = getattr(doc._, "dateline_entities", None) if doc.has_extension("dateline_entities") else None
    out: list[rs.Mention] = []
    if ents:
        for e in ents:
            for m in e.mentions:
                out.append(rs.Mention(e.name, e.type, m.start, m.end, e.id, e.title))
        return _with_gender(text_of(doc), sorted(out, key=lambda m: m.start))
    persons: dict[str, str] = {}  # surname → the longest full name seen
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        name = rs.display(ent.text)
        if ent.label_ == "PERSON":
            full = next((f for f in persons.values() if rs.surname_of(name, f)), None)
            if full is None:
                persons[name.split()[-1].lower()] = name
            name = full or name
        title = _title_before(doc, ent) if ent.label_ == "PERSON" else None
        out.append(rs.Mention(name, ent.label_, ent.start_char, ent.end_char, None, title))
    # a title given once ("Defense Minister Thabet al-Abassi") holds for the later short mentions
    titles = {m.name: m.title for m in out if m.title}
    out = [rs.Mention(m.name, m.type, m.start, m.end, m.entity, m.title or titles.get(m.name)) for m in out]
    return _with_gender(text_of(doc), out)


def subjects(doc: Doc, known: list[rs.Mention]) -> list[rs.Mention]:
    """The person mentions that are the subject of their clause: the salient referents of he/she.

    Centering theory's ranking (Grosz, Joshi & Weinstein 1995): a subject outranks an object, so
    "Sanders apologized to Clinton. “...,” he said" is Sanders, not Clinton.
    """
    out = []
    for m in known:
        if m.type != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span) and span.root.dep_ in ("nsubj", "nsubjpass"):
            out.append(m)
    return out


def _with_gender(text: str, out: list[rs.Mention]) -> list[rs.Mention]:
    """Each person's gender where the article states it (Mr./Ms., spokeswoman), for he/she."""
    genders: dict[str, str] = {}
    for m in out:
        if m.type == "PERSON":
            g = rs.gender_of(text[max(0, m.start - 6) : m.start], m.title)
            if g:
                genders.setdefault(m.name, g)
    return [dataclasses.replace(m, gender=genders.get(m.name)) if m.name in genders else m for m in out]


def resolve(doc: Doc, src: Span, known: list[rs.Mention], speakers: list[rs.Mention]) -> Speaker:
    """The Speaker for a source span; ``speakers`` are the earlier resolved person speakers."""
    head = src.root
    text = src.text
    at = src.start_char
    hit = None
    # a named mention inside the span, the head's own name first (“Flynn, a Trump surrogate,”)
    inside = [m for m in known if src.start_char <= m.start and m.end <= src.end_char]
    if inside:
        hit = min(inside, key=lambda m: (not (m.start <= head.idx < m.end), m.start))
        if not hit.start <= head.idx < hit.end:
            # "the deputy press secretary, Sabrina Singh,": a name in apposition is the speaker;
            # "the Iraqi foreign ministry", "al-Sudani's military spokesperson", "a Clinton aide":
            # a name that only modifies the head is not, and the source stays as written
            appos = [c for c in head.children if c.dep_ == "appos"]
            if not any(a.left_edge.idx <= hit.start < a.right_edge.idx + len(a.right_edge.text) for a in appos):
                hit = None
    if hit is None and head.pos_ == "PRON":
        word = head.lower_
        if word in ("who", "whom", "that", "which") and head.head.dep_ == "relcl":
            noun = head.head.head
            hit = next((m for m in known if m.start <= noun.idx < m.end), None)
        else:
            hit = rs.by_pronoun(word, at, known, speakers)
    if hit is None and head.pos_ == "PROPN":
        hit = rs.by_name(head.text, at, [m for m in known if m.type == "PERSON"])
    if (
        hit is None
        and head.pos_ == "NOUN"
        and not any(t.dep_ == "poss" for t in head.children)
        and any(t.lower_ == "the" for t in head.lefts)
    ):
        hit = rs.by_role(head.lemma_, at, known)
    if hit is not None and any(t.dep_ == "conj" for t in head.children):
        hit = None  # "The US and Iraq": a compound source is kept whole
    if hit is not None:
        full = rs.by_name(hit.name, at, [m for m in known if m.type == "PERSON"]) if hit.type == "PERSON" else None
        name = full.name if full is not None else hit.name
        return Speaker(text=text, start=src.start_char, end=src.end_char, name=name, title=hit.title, entity=hit.entity)
    return Speaker(text=text, start=src.start_char, end=src.end_char, name=rs.display(text))
