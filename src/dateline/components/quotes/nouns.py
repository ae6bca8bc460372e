"""Nominal cues: "Trump's claim that ...", "a statement from the Pentagon that ...", "her support for ...".

PARC 3.0 and PolNeAR count nouns of saying, believing and intending as cues (Pareti 2016;
Newell et al. 2018). The lexicon is ``data/cue_nouns.txt``; a cue noun counts only with a
source in view (a possessor, or the object of "by"/"from"), since a bare "the claim that ..."
rarely says whose claim it is.
"""

from __future__ import annotations

import functools
from importlib import resources

from spacy.symbols import NOUN
from spacy.tokens import Doc, Token

from ..doctext import tokens_of
from .cues import _ABOUT, Attribution, _np, _trim

_CLAUSE_DEPS = ("acl", "ccomp", "relcl")


@functools.cache
def lexicon() -> dict[str, frozenset[str]]:
    text = resources.files("dateline").joinpath("data/cue_nouns.txt").read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, _, frames = line.partition("\t")
            out[lemma.strip()] = frozenset(frames.split())
    return out


def _source(noun: Token):
    for ch in noun.children:
        if ch.dep_ == "poss":
            if ch.pos_ == "PRON" and noun.dep_ in ("dobj", "pobj"):
                # "Trump repeated his claim that ...": the one who repeats it is the source
                verb = noun.head if noun.dep_ == "dobj" else noun.head.head
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    return noun.doc[subj.left_edge.i : subj.right_edge.i + 1]
            return noun.doc[ch.left_edge.i : ch.right_edge.i + 1]
    for ch in noun.rights:
        if ch.dep_ == "prep" and ch.lower_ in ("by", "from"):
            pobj = next((p for p in ch.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                return _np(pobj)
    return None


def _content(noun: Token, frames: frozenset[str]) -> tuple[int, int] | None:
    doc = noun.doc
    if "clause" in frames:
        for ch in noun.rights:
            if (
                ch.dep_ in _CLAUSE_DEPS
                and ch.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("mark", "aux") and c.lower_ in ("that", "to") for c in ch.children)
            ):
                return _trim(doc, ch.left_edge.idx, ch.right_edge.idx + len(ch.right_edge.text))
    if "prep" in frames:
        for ch in noun.rights:
            if ch.dep_ == "prep" and (ch.lower_ in _ABOUT or ch.lower_ == "to"):
                obj = next((o for o in ch.children if o.dep_ in ("pobj", "pcomp")), None)
                # "her support for Obama" names a side, not a statement: only a longer object counts
                if obj is not None and obj.right_edge.i - obj.left_edge.i >= 3:
                    return _trim(doc, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
    return None


def find(doc: Doc) -> list[Attribution]:
    """Attributions cued by a noun with a source and a content."""
    lex = lexicon()
    out = []
    for tok in tokens_of(doc):
        if tok.pos != NOUN:
            continue
        frames = lex.get(tok.lemma_.lower()) or lex.get(tok.lower_)
        if frames is None:
            continue
        src = _source(tok)
        if src is None:
            continue
        span = _content(tok, frames)
        if span is not None and span[1] > span[0]:
            out.append(Attribution([span], (tok.idx, tok.idx + len(tok.text)), src, by="noun"))
    return out
