"""The dateline_quotes component: who said what, as a careful reader attributes it.

Each attribution becomes a ``Quote``: its content (with fragments when a quotation is split or
runs over several paragraphs), the cue, the speaker as written and resolved to a full name, and
its kind (direct, indirect, mixed). Rules over the dependency parse, no extra model:
``marks`` finds the quotations, ``cues`` the reporting verbs with their sources and contents,
``assemble`` joins the two, ``speakers`` resolves who is speaking.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Quote, Span
from ...resolve import speakers as rs
from ..doctext import text_of
from . import assemble, cues, marks, nouns
from .speakers import mentions, resolve, subjects

VERSION = "1.0"

if not Doc.has_extension("dateline_quotes"):
    Doc.set_extension("dateline_quotes", default=None)


def _span(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if not doc.has_annotation("SENT_START"):
        return []
    return [(s.start_char, s.end_char) for s in doc.sents]


def _sentence(text: str, sents: list[tuple[int, int]], i: int) -> Span | None:
    """The sentence holding character ``i`` (bisected: ``Token.sent`` walks the Doc each time)."""
    k = bisect.bisect_right(sents, (i, len(text) + 1)) - 1
    if k < 0:
        return None
    s, e = sents[k]
    return Span(s, e, text[s:e])


def extract(doc: Doc) -> list[Quote]:
    """The quotes of a parsed Doc (needs a dependency parse for anything beyond quotation marks)."""
    text = text_of(doc)
    regs = marks.regions(text)
    atts = cues.find(doc, regs) + nouns.find(doc) if doc.has_annotation("DEP") else []
    atts = assemble.outermost(atts, regs)
    atts += assemble.speaker_lines(doc, atts)
    assemble.widen(atts, regs)
    atts = assemble.join_quotations(doc, atts, regs)
    known = mentions(doc)
    # subjects of the narrative, not of what was reported ("said that Sanders had ...")
    spans = [c for a in atts for c in a.content]
    said: list[rs.Mention] = [
        m
        for m in (subjects(doc, known) if doc.has_annotation("DEP") else [])
        if not any(s <= m.start < e for s, e in spans)
    ]
    sents = _sentences(doc)
    out: list[Quote] = []
    for n, a in enumerate(atts):
        frags = sorted(set(a.content))
        speaker = resolve(doc, a.source, known, said) if a.source is not None else None
        # a named speaker is who a later "he" or "it" most likely is ("The Observatory said ... It
        # quoted activists ..."), before a name the quote itself mentions
        kind = None
        if speaker is not None and speaker.name:
            kind = next((m.type for m in known if m.name == speaker.name and m.type in ("PERSON", "ORG")), None)
        if speaker is not None and kind is not None:
            said.append(rs.Mention(speaker.name, kind, speaker.start, speaker.end, speaker.entity, speaker.title))
            said.sort(key=lambda m: m.end)
        start, end = frags[0][0], frags[-1][1]
        content = Span(
            start, end, text[start:end], tuple(_span(text, s, e) for s, e in frags) if len(frags) > 1 else ()
        )
        out.append(
            Quote(
                id=f"q{n + 1}",
                content=content,
                speaker=speaker,
                cue=_span(text, *a.cue) if a.cue else None,
                kind=marks.kind(text, regs, frags),
                sentence=_sentence(text, sents, start),
            )
        )
    return out


class QuotesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quotes = extract(doc)
        return doc


@Language.factory(
    "dateline_quotes",
    requires=[
        "doc.ents",
        "doc.sents",
        "doc._.dateline_entities",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "token.tag",
        "token.ent_type",
    ],
    assigns=["doc._.dateline_quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
