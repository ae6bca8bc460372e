"""The dateline_contradictions component: claims in one article and the contradictions between them.

Reads the quotes (``doc._.dateline_quotes``) and entities, turns every attributed statement
into a :class:`Claim` (``doc._.dateline_claims``), and writes the pairs of claims by
different speakers that cannot both hold to ``doc._.dateline_contradictions``. The work is
pure comparison over a handful of claims per article (see ``dateline.disputes``), so it is
cheap enough to run on every article.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..claims import claim as claim_lib
from ..claims.disputes import MIN_CONFIDENCE, find_all
from ..claims.tolls import with_setting
from ..records import Span, Speaker
from .doctext import text_of

VERSION = "1.1"
MAX_CLAIMS = 200
log = logging.getLogger(__name__)

for _ext in ("dateline_contradictions", "dateline_claims"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


def _countries(doc: Doc) -> dict[str, str]:
    """Entity id → alpha-3 country of its actor, so a claim knows which side its speaker is on."""
    out = {}
    for e in doc._.dateline_entities or () if doc.has_extension("dateline_entities") else ():
        if e.actor is not None and e.actor.country:
            out[e.id] = e.actor.country
    return out


def _sentence(doc: Doc, start: int, end: int) -> Span | None:
    if not doc.has_annotation("SENT_START"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    s = span[0].sent
    return Span(s.start_char, s.end_char, s.text)


class ContradictionsComponent:
    version = VERSION

    def __init__(self, min_confidence: float = MIN_CONFIDENCE):
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.dateline_article if doc.has_extension("dateline_article") else None
        quotes = doc._.dateline_quotes if doc.has_extension("dateline_quotes") else None
        quotes = list(quotes or ())
        found = claim_lib.from_quotes(quotes, article=article.id if article else None, countries=_countries(doc))
        # a quote without its sentence gets one from the parse: markers ("contrary to…") live there
        found = [c if c.sentence else _with_sentence(doc, c) for c in found]
        found += _reported(doc, found, article.id if article else None)
        found = [with_setting(c, text_of(doc)) for c in found]
        doc._.dateline_claims = found
        if len(found) > MAX_CLAIMS:  # a transcript, not a report: bound the pairwise work
            log.info(
                "%s: comparing the first %d of %d claims", article.id if article else "doc", MAX_CLAIMS, len(found)
            )
        doc._.dateline_contradictions = find_all(found[:MAX_CLAIMS], min_confidence=self.min_confidence)
        return doc


def _speaker(doc: Doc, subj) -> Speaker:
    """The subject of a reporting verb as a Speaker, named as the entity it mentions when there is one."""
    left, right = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    for e in (doc._.dateline_entities or ()) if doc.has_extension("dateline_entities") else ():
        for m in e.mentions:
            if m.start < right and left < m.end:
                return Speaker(text_of(doc)[left:right], left, right, e.name, e.title, e.id)
    return Speaker(text_of(doc)[left:right], left, right, text_of(doc)[left:right])


def _reported(doc: Doc, quoted: list, article_id: str | None) -> list:
    """Reported assertions the quotes do not cover: "<subject> <said|denied…> <clause>" (parse-based).

    Only sentences no quote touches, so each statement becomes one claim.
    """
    if not doc.has_annotation("DEP"):
        return []
    taken = [(c.content.start, c.content.end) for c in quoted]
    cues = claim_lib.cues()
    verbs = cues["reporting"]
    # "Russia rejected the proposal", "Hamas denied any role": the stance is the verb, the object what it is about
    takes_object = cues["favour"] | cues["oppose"] | cues["denial"]
    countries = _countries(doc)
    out = []
    for sent in doc.sents:
        if any(s < sent.end_char and sent.start_char < e for s, e in taken):
            continue
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None and tok.lower_ in takes_object:
                comp = next((c for c in tok.children if c.dep_ == "dobj"), None)
            elif tok.lemma_.lower() not in verbs:
                continue
            if subj is None or comp is None or subj.pos_ == "PRON":
                continue
            start, end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
            speaker = _speaker(doc, subj)
            content = Span(start, end, text_of(doc)[start:end])
            out.append(
                claim_lib.make(
                    content,
                    speaker,
                    cue=tok.text,
                    sentence=Span(sent.start_char, sent.end_char, sent.text),
                    article=article_id,
                    id=f"{article_id or 'doc'}#reported{len(out)}",
                    country=countries.get(speaker.entity or ""),
                )
            )
            break
    return out


def _with_sentence(doc: Doc, claim):
    from dataclasses import replace

    return replace(claim, sentence=_sentence(doc, claim.content.start, claim.content.end))


@Language.factory(
    "dateline_contradictions",
    requires=[
        "doc.sents",
        "doc._.dateline_entities",
        "doc._.dateline_quotes",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
    ],
    assigns=["doc._.dateline_contradictions", "doc._.dateline_claims"],
    default_config={"min_confidence": MIN_CONFIDENCE},
)
def make_contradictions(nlp: Language, name: str, min_confidence: float) -> ContradictionsComponent:
    return ContradictionsComponent(min_confidence=min_confidence)
