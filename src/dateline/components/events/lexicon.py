"""The PLOVER trigger lexicon (``data/plover.json``) and the matching of one token against it.

A trigger is found the way a CAMEO coder reads a clause (Schrodt 2012, CAMEO codebook ch. 2):
the verb with its particle ("call on", "pull out") first, then the verb with its object
("lift the curfew" is CONCEDE, "impose a curfew" COERCE), then the verb alone; nouns
("airstrikes", "talks", "a petition") are events when they stand as the object of a light
verb ("carried out strikes", "signed a petition") or carry their own arguments.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from ...resolve import dictionaries


@dataclass(frozen=True)
class Trigger:
    """One lexicon hit: the PLOVER category, the mode the words give, the token(s) that say it."""

    type: str
    mode: str | None
    word: Token  # the event word (verb or noun)
    kind: str  # verb | noun
    other: Token | None = None  # the particle or object that decided the category
    dictionary: bool = False  # coded by the CAMEO verb dictionary, not the package lexicon


@functools.cache
def lexicon() -> dict:
    """``data/plover.json`` with derived lookup tables."""
    raw = json.loads(resources.files("dateline").joinpath("data/plover.json").read_text(encoding="utf-8"))
    verbs: dict[str, tuple[str, str | None]] = {}
    nouns: dict[str, tuple[str, str | None]] = {}
    for cat, d in raw["categories"].items():
        for lemma, mode in d["verbs"].items():
            verbs.setdefault(lemma, (cat, mode))
        for lemma, mode in d["nouns"].items():
            nouns.setdefault(lemma, (cat, mode))
    vo: dict[tuple[str, str], tuple[str, str | None]] = {}
    for rule in raw["verb_objects"]:
        for v in rule["verbs"]:
            for o in rule["objects"]:
                vo.setdefault((v, o), (rule["type"], rule["mode"]))
    sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list) and k != "verb_objects"}
    particles = {tuple(k.split()): tuple(v) for k, v in raw["verb_particles"].items()}
    return {
        "verbs": verbs,
        "nouns": nouns,
        "verb_objects": vo,
        "particles": particles,
        "particle_verbs": frozenset(v for v, _ in particles),
        "version": raw["version"],
        **sets,
    }


def word_set(name: str) -> frozenset[str]:
    """A named word list of the lexicon (``speech_verbs``, ``light_verbs``, …)."""
    return lexicon()[name]


def _low(tok: Token) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _verb_lemmas(tok: Token) -> list[str]:
    """The tagger's lemma, then regular-inflection guesses: the small model lemmatizes
    "staged" as "stag", and a coder should not miss a rally for that."""
    w = tok.lower_
    out = [_low(tok)]
    if w.endswith("ied"):
        out.append(w[:-3] + "y")
    # The last guess drops a doubled consonant ("banned", "banning" → "ban"), only where there is
    # one: "banging" is "bang", no "ban".
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 4 and w[-3] == w[-4] else [])
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"] + ([w[:-4]] if len(w) > 5 and w[-4] == w[-5] else [])
    if w.endswith("s"):
        out += [w[:-1], w[:-2]]
    return out


# Words that make "strike" a labour action rather than an attack.
_STRIKE_PROTEST = {
    "general",
    "ended",
    "open",
    "hunger",
    "labor",
    "labour",
    "open-ended",
    "nationwide",
    "national",
    "worker",
    "workers",
    "teachers",
    "day",
    "sit",
    "indefinite",
    "token",
}


def _noun_key(tok: Token) -> tuple[str, str | None] | None:
    nouns = lexicon()["nouns"]
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
    # Two-word nouns first ("hunger strike", "martial law", "air strike").
    for m in mods:
        hit = nouns.get(f"{m.lower_} {tok.lower_}") or nouns.get(f"{m.lower_} {_low(tok)}")
        if hit:
            return hit
    if tok.lower_ in ("state",) and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        of = next(c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of")
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return nouns.get(f"state of {obj.lower_}")
    hit = nouns.get(tok.lower_) or nouns.get(_low(tok))
    if hit and _low(tok) == "strike":
        if any(m.lower_ in _STRIKE_PROTEST for m in mods):
            return ("PROTEST", "strike")
    return hit


# Nouns that frame an act without naming it: "a mediation effort", "an attempt to assassinate".
FRAME_NOUNS = frozenset(
    {
        "attempt",
        "attempts",
        "plot",
        "bid",
        "effort",
        "efforts",
        "campaign",
        "operation",
        "operations",
        "decision",
        "move",
        "mission",
        "initiative",
        "drive",
    }
)


def noun_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("PERSON", "GPE", "ORG", "NORP"):
        return None
    hit = _noun_key(tok)
    if not hit:
        return None
    if tok.dep_ == "compound" and tok.head.lower_ in FRAME_NOUNS:
        # "launched a mediation effort between X and Y": the frame noun carries the roles.
        return Trigger(hit[0], hit[1], tok.head, "noun")
    return Trigger(hit[0], hit[1], tok, "noun")


def verb_trigger(tok: Token) -> Trigger | None:
    """The category of a verb from its particle, its object, or itself."""
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
        return None
    lex = lexicon()
    lemma = next(
        (x for x in _verb_lemmas(tok) if x in lex["verbs"] or x in lex["light_verbs"] or x in lex["particle_verbs"]),
        _low(tok),
    )
    for c in tok.children:
        if c.dep_ in ("prt", "prep"):
            hit = lex["particles"].get((lemma, c.lower_))
            if hit:
                return Trigger(hit[0], hit[1], tok, "verb", c)
    for obj in objects(tok):
        for key in (obj.lower_, _low(obj)):
            hit = lex["verb_objects"].get((lemma, key))
            if hit and _others_fighting(hit[1], obj):
                continue
            if hit:
                return Trigger(hit[0], hit[1], tok, "verb", obj)
    hit = lex["verbs"].get(lemma)
    if hit is None:
        return dictionary_trigger(tok) if USE_DICTIONARY_VERBS else None
    if lemma == "strike" and not objects(tok):
        return Trigger("PROTEST", "strike", tok, "verb")  # "workers struck": a walkout
    return Trigger(hit[0], hit[1], tok, "verb")


# The CAMEO verb dictionary (PETRARCH2, through the CAMEO → PLOVER table) for verbs the lexicon
# lacks, as PETRARCH reads it: a pattern's object or preposition, between two actors the
# dictionaries code (coder._candidates). Measured (scripts/eval_events.py and eval_web.py,
# 2026-12-03): PLOVER dev type F1 tune/check 0.961/0.959 with or without it, web false alarms
# 3/71 either way; on the 220 conflict reports it adds 12 events the lexicon missed ("traded
# accusations", "delivered a missile strike", "resumed bombardment"). Without the two coded
# actors it cost web false alarms 3 → 5 ("the archive provides details"); without each verb's
# own patterns first, check F1 0.959 → 0.952 ("deny entry" read as "refuse entry").
USE_DICTIONARY_VERBS = True
# Only where a pattern's object or prepositional phrase matches: the bare code of a CAMEO verb
# block ("ACCORD" → cooperate, "WANT" → intend) is written for PETRARCH's verb combinations, and
# alone it codes "according to", "aimed at", "needed" as events (with the bare codes, even between
# coded actors: tune F1 0.961 → 0.921, web false alarms 3 → 4).
PATTERNS_ONLY = True


def _others_fighting(mode: str | None, obj: Token) -> bool:
    """A ceasefire verb on someone else's fighting: "halted its offensive" is a retreat; "failed
    to halt the attacks" (someone else's) is not."""
    return mode == "ceasefire" and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in obj.children)


def dictionary_trigger(tok: Token) -> Trigger | None:
    """A verb the lexicon lacks, coded by its CAMEO entry: a prepositional pattern ("* (FOR
    AID)"), else an object pattern ("* KILLING"), else the verb's own code; a null code ("---")
    codes nothing. A verb the lexicon files as a speech, light, reaction or receiving verb codes
    only through a pattern ("extended a loan")."""
    lex = lexicon()
    index = dictionaries.verb_index()
    entry, barred = None, False
    for lemma in (*_verb_lemmas(tok), tok.lower_):
        barred = barred or any(
            lemma in lex[k] for k in ("speech_verbs", "light_verbs", "reaction_verbs", "receive_verbs")
        )
        entry = index.get(lemma)
        if entry is not None:
            break
    if entry is None:
        return None
    code, other = entry.cameo, None
    found = False
    for c in tok.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj" and (c.lower_, _low(g)) in entry.preps:
                    code, other, found = entry.preps[(c.lower_, _low(g))], c, True
    if not found:
        for obj in objects(tok):
            for key in (obj.lower_, _low(obj)):
                if key in entry.objects:
                    code, other, found = entry.objects[key], obj, True
                    break
            if found:
                break
    if code is None or ((PATTERNS_ONLY or barred) and not found):
        return None
    row = dictionaries.plover_of(code)
    if row is None or (other is not None and _others_fighting(row[1], other)):
        return None
    return Trigger(row[0], row[1] or None, tok, "verb", other, dictionary=True)


def objects(verb: Token) -> list[Token]:
    """Direct objects, passive subjects and the objects of "on"/"into" ("on alert", "state of")."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "into", "as"):
            out += [g for g in c.children if g.dep_ == "pobj"]
    more = []
    for o in out:
        # "a state of emergency", "the nightly curfew", "diplomatic relations": the head noun and
        # the noun after "of" both count as the object.
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                more += [g for g in c.children if g.dep_ == "pobj"]
        more += [c for c in o.children if c.dep_ == "conj"]
    return out + more


def match(tok: Token) -> Trigger | None:
    """The trigger a token starts, if any."""
    return verb_trigger(tok) or noun_trigger(tok)
