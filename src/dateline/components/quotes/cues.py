"""Cue-driven attributions: a reporting verb, its source and its content, read off the parse.

The approach of PARC-style rule extractors (Krestel et al. 2008; the GenderGapTracker's
syntactic quote extractor, Asr et al. 2021): a cue verb from a hand-written lexicon
(``data/cue_verbs.txt``), its subject as the source, and its clausal, infinitival or nominal
complement, or an adjacent quotation, as the content. "According to X" is read the same way
with the rest of its clause as content.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from ..doctext import text_of, tokens_of
from .marks import Region, is_title

_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Prepositions whose object is what was said: "spoke about", "warned of", "called for", "railed against"
_ABOUT = {"about", "of", "for", "against"}  # not "on": "spoke on Fox News", "talked on Tuesday"
# "ERBIL, Kurdistan Region - ", "WASHINGTON (AP) — ": a place in capitals opening a paragraph. Only for an
# Article without a dateline: the Article builder looks at the first lines only, and a dateline after a
# standfirst ("...\n\nFULL TEXT.\n\nWASHINGTON - ", 13 of the 901 benchmark texts) is found here alone.
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'-]{2,}(?:,[^\n,—–-]{1,40})?(?:\s*\([^)\n]{1,20}\))?\s+[—–-]{1,2}\s+")
_EXPLETIVE = {"there"}  # a referential "it" (a letter, a campaign) can speak
# Between a quotation and its attribution only punctuation may stand (“...,” she said).
_GAP_BEFORE = re.compile(r"^[\s,;:—–-]*$")
# "she said, “...”" / "he told reporters on Friday: “...”": a short stretch ending in , or :
_GAP_AFTER = re.compile(r"^[^\n“”\"«»]{0,60}?[,:—–-]?\s*$")


@functools.cache
def lexicon() -> dict[str, frozenset[str]]:
    """Cue lemma → the complement frames that carry content (see data/cue_verbs.txt)."""
    text = resources.files("dateline").joinpath("data/cue_verbs.txt").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, _, frames = line.partition("\t")
        out.setdefault(lemma.strip(), set()).update(frames.split())
    return {k: frozenset(v) for k, v in out.items()}


@dataclass
class Attribution:
    """An attribution found in the text, before its speaker is resolved."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: Span | None  # the words that name the speaker
    by: str = "verb"  # verb | according | colon | dash | continued
    regions: list[Region] = field(default_factory=list)  # quotations it took whole

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


def _span_chars(doc: Doc, left: Token, right: Token) -> tuple[int, int]:
    return left.idx, right.idx + len(right.text)


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop edge whitespace and punctuation that is not a quotation mark."""
    text = text_of(doc)
    while s < e and (text[s].isspace() or text[s] in ",;:.—–-)("):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-("):
        e -= 1
    return s, e


def subject(verb: Token) -> Span | None:
    """The source of a cue verb: its subject, or the subject it shares through conj/xcomp/advcl.

    Never reaches past the cue's paragraph: the small model runs sentences over paragraph breaks.
    """
    doc = verb.doc
    lo, hi = paragraph(text_of(doc), verb.idx)
    tok = verb
    if any(ch.dep_ == "auxpass" for ch in verb.children):
        agent = next((a for a in verb.children if a.dep_ == "agent"), None)
        pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        return _np(pobj) if pobj is not None else None
    for _ in range(5):
        for ch in tok.children:
            if ch.dep_ in _SUBJ:
                if ch.dep_ == "nsubjpass" or ch.lower_ in _EXPLETIVE:
                    # "often labeled a “witch hunt” by Democrats": the agent is the source;
                    # "it was reported that": none (PolNeAR's Attribution-no-source)
                    agent = next((a for a in tok.children if a.dep_ == "agent"), None)
                    pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
                    return _np(pobj) if pobj is not None else None
                if not lo <= ch.idx < hi:
                    return None
                span = doc[ch.left_edge.i : ch.right_edge.i + 1]
                cut = _dateline_end(doc)
                if span.start_char < cut < span.end_char:  # "BUENA PARK, Calif. - Hillary Clinton"
                    span = doc.char_span(cut, span.end_char, alignment_mode="contract") or span
                return span
        head = tok.head
        if head is tok or not lo <= head.idx < hi:
            break
        if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if tok.tag_ == "VBG" and head.dep_ not in ("dobj", "pobj") or head.dep_ in ("nsubj", "ROOT"):
                # "militia groups condemning ...", "Smith, saying that ...": the noun the
                # present participle modifies does the saying
                return doc[head.i : head.i + 1] if head.pos_ == "PRON" else _np(head)
            if tok.tag_ == "VBG" and head.lemma_ in _UTTERANCES:
                tok = head.head  # "issued a statement saying ...": the one who issued it
                continue
            if tok.tag_ == "VBG":
                return _np(head)
            return None  # "a blog called ...": the noun is what is named, not who names it
        if tok.dep_ == "pcomp" and head.dep_ == "prep":  # "after hinting that ..."
            tok = head.head
            continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "acl"):
            tok = head
            continue
        break
    return None


# Nouns for what was said or written: "a statement saying ..." belongs to whoever issued it.
_UTTERANCES = {
    "statement",
    "letter",
    "email",
    "tweet",
    "post",
    "message",
    "note",
    "memo",
    "release",
    "report",
    "ad",
    "advertisement",
    "video",
    "speech",
    "interview",
    "op-ed",
    "column",
    "editorial",
    "point",
}
_NAMEISH = ("PROPN", "PRON", "NOUN", "DET", "ADJ", "NUM")


def linear_subject(verb: Token) -> Span | None:
    """The words right next to a finite cue verb when the parse gave it no subject.

    "... Clinton said she would ..." or "“...,” said Jon Doggett, an adviser": the small model
    loses the subject when a sentence runs long or over a paragraph break; the words beside the
    verb still name the speaker.
    """
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX") and doc[i].lower_ not in (",",):
        i -= 1  # "Trump also said", "she has said"
    j = i
    while (
        j >= 0
        and (doc[j].pos_ in _NAMEISH or doc[j].text in ("’s", "'s", "-"))
        and "\n" not in doc[j].text
        and j > i - 8
    ):
        j -= 1
    if j < i and any(t.pos_ in ("PROPN", "PRON", "NOUN") for t in doc[j + 1 : i + 1]):
        return doc[j + 1 : i + 1]
    k = verb.i + 1
    end = k
    while end < len(doc) and end < k + 12 and doc[end].text not in (",", ".", ";", "(") and "\n" not in doc[end].text:
        end += 1
    if (
        end > k
        and doc[k].pos_ in ("PROPN", "DET", "ADJ", "NOUN")
        and doc[k].is_title
        or end > k
        and doc[k].lower_ in ("the", "a", "an")
    ):
        return doc[k:end]
    return None


def _np(head: Token) -> Span:
    """A noun phrase without the clause that hangs off it (its own attribution)."""
    left = head.left_edge
    right = head
    for ch in head.rights:
        if (
            ch.dep_ in ("compound", "flat", "appos", "prep", "amod", "nummod", "poss", "case")
            or ch.dep_ == "punct"
            and ch.i == right.i + 1
        ):
            right = max(right, ch.right_edge, key=lambda t: t.i)
    return head.doc[left.i : right.i + 1]


def paragraph(text: str, i: int) -> tuple[int, int]:
    """The paragraph (newline to newline) around character ``i``."""
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    return s, len(text) if e < 0 else e


def _content_child(verb: Token, frames: frozenset[str]) -> Token | None:
    """The complement that carries the content, nearest the cue within its paragraph.

    The small model often runs one sentence over a paragraph break and hangs a second clause
    off the same verb; a reader never attributes across the break.
    """
    lo, hi = paragraph(text_of(verb.doc), verb.idx)
    for dep in ("ccomp", "xcomp", "dobj"):
        if dep not in frames:
            continue
        kids = [ch for ch in verb.children if ch.dep_ == dep and lo <= ch.idx < hi]
        if kids:
            return min(kids, key=lambda ch: abs(ch.i - verb.i))
        if dep == "ccomp":
            # "said in a statement that ...": the small model hangs the clause off the noun
            for prep in verb.rights:
                if prep.dep_ != "prep":
                    continue
                for pobj in prep.children:
                    for cl in pobj.rights:
                        if cl.dep_ in ("acl", "relcl", "ccomp") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in cl.children
                        ):
                            return cl
    return None


def _adjacent_region(doc: Doc, verb: Token, src: Span | None, regs: list[Region]) -> Region | None:
    """A quotation right before (“...,” she said) or right after (she said: “...”) the cue."""
    text = text_of(doc)
    lo = min(verb.idx, src.start_char if src is not None else verb.idx)
    hi = max(verb.idx + len(verb.text), src.end_char if src is not None else 0)
    # Regions are in order and disjoint: only the last one ending by ``lo`` can be separated from
    # it by nothing but punctuation (an earlier one has that one's opening mark in between), and
    # only the first one starting at ``hi`` or later is looked at after it. Bisection finds both
    # (a scan per cue made thousands of quotations quadratic).
    k = bisect.bisect_right(regs, lo, key=lambda r: r.end)
    for r in regs[k - 1 : k] if k else ():
        if _GAP_BEFORE.match(text[r.end : lo]) and "\n" not in text[r.end : lo]:
            # speech, not a scare quote: it opens its clause or closes on punctuation inside the marks
            inner = text[r.start : r.end].rstrip("”\"'’»› ")
            opener = text[paragraph(text, r.start)[0] : r.start].rstrip()
            if opener and opener[-1] not in ".!?:" and is_title(inner):
                return None  # 'In an interview with “Fox and Friends,” Trump said': a show, not speech
            if inner[-1:] in ",.!?—–-" or not opener or opener[-1] in ".!?:;,—–-" or len(inner.split()) >= 4:
                return r
            return None
    k = bisect.bisect_left(regs, hi, key=lambda r: r.start)
    for r in regs[k : k + 1]:
        if r.start >= hi:
            gap = text[hi : r.start]
            if gap.rstrip().endswith(":") and len(gap) < 200 and not any(c in gap for c in '“”"«»'):
                return r  # "the committee said about its platform:\n\n“...”"
            if "\n" in gap.strip(" "):
                return None
            if _GAP_AFTER.match(gap) and (gap.strip() == "" or gap.rstrip()[-1:] in ",:—–-"):
                return None if gap.strip() and is_title(text[r.start : r.end]) else r
            return None
    return None


def _verb_attribution(doc: Doc, verb: Token, frames: frozenset[str], regs: list[Region]) -> Attribution | None:
    src = subject(verb)
    if src is None:
        src = linear_subject(verb)
    cue = (verb.idx, verb.idx + len(verb.text))
    child = _content_child(verb, frames)
    if (
        child is not None
        and child.dep_ == "xcomp"
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    ):
        child = None if child.pos_ != "VERB" else child
    if child is not None:
        s, e = _span_chars(doc, child.left_edge, child.right_edge)
        lo, hi = paragraph(text_of(doc), verb.idx)
        s, e = max(s, lo), min(e, hi)
        if s < verb.idx < e:  # a crossed parse: keep the side of the cue the complement is on
            s, e = (verb.idx + len(verb.text), e) if child.i > verb.i else (s, verb.idx)
        s, e = _trim(doc, s, e)
        if src is not None and s < src.end_char and e > src.start_char:
            # an inverted parse ("..., said Smith" under the content's root): keep the side before the cue
            e = min(e, src.start_char, verb.idx)
            s, e = _trim(doc, s, e)
        if e > s:
            return Attribution([(s, e)], cue, src)
    if "prep" in frames and src is not None:
        # "spoke about ...", "called for ...", "warned against ...": the object of the preposition
        for ch in verb.rights:
            if ch.dep_ == "prep" and ch.lower_ in _ABOUT:
                obj = next((o for o in ch.children if o.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    s, e = _trim(doc, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
                    if e > s:
                        return Attribution([(s, e)], (verb.idx, ch.idx + len(ch.text)), src)
    if "rest" in frames and src is not None:
        # "called Braynard “a real smart guy”", "described them as “unacceptable”": what follows
        # the verb is the content when it holds a quotation; without one it is a plain description
        right = verb.right_edge
        after = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advcl", "npadvmod")]
        if after:
            s, e = _trim(doc, after[0].left_edge.idx, after[-1].right_edge.idx + len(after[-1].right_edge.text))
            if any(r.start < e and s < r.end for r in regs):
                return Attribution([(s, e)], cue, src)
    if "quote" in frames:
        r = _adjacent_region(doc, verb, src, regs)
        if r is not None:
            return Attribution([(r.start, r.end)], cue, src, regions=[r])
    # "“A,” she said" or "African-Americans, he said, can ..." parsed the other way round: the
    # cue is a parenthetical hanging off the content's root; the content is the rest of that clause
    if verb.dep_ in ("parataxis", "ccomp") and "quote" in frames and verb.head.pos_ in ("VERB", "AUX"):
        clause = [t for t in verb.subtree if not t.is_punct]
        lo_tok, hi_tok = clause[0], clause[-1]
        before = doc[lo_tok.i - 1].text if lo_tok.i > 0 else ""
        after = doc[hi_tok.i + 1].text if hi_tok.i + 1 < len(doc) else "."
        if (
            before in (",", "—", "–", "-")
            and after in (",", ".", "—", "–", "-", ";", "!", "?")
            or verb.head.i < verb.i
            and after in (".", "!", "?")
        ):
            head = verb.head
            p_lo, p_hi = paragraph(text_of(doc), verb.idx)
            left = max(head.left_edge.idx, p_lo)
            right = min(head.right_edge.idx + len(head.right_edge.text), p_hi)
            parts = [_trim(doc, left, lo_tok.idx), _trim(doc, hi_tok.idx + len(hi_tok.text), right)]
            parts = [(a, b) for a, b in parts if b - a > 1]
            if parts:
                return Attribution(parts, cue, src)
    inv = _inverted(doc, verb, src) if "quote" in frames else None
    if inv is not None:
        return Attribution([inv], cue, src)
    return None


def _inverted(doc: Doc, verb: Token, src: Span | None) -> tuple[int, int] | None:
    """ "CLAUSE, the Pentagon said (on Thursday)." when the parse lost the clause: all before the comma."""
    if src is None:
        return None
    first = min(src.start, verb.i)
    last = max(src.end - 1, verb.i)
    if (
        first == 0
        or doc[first - 1].text not in (",", "—", "–")
        or (last + 1 < len(doc) and doc[last + 1].dep_ in ("dobj", "ccomp"))
    ):
        return None
    lo = max(verb.sent.start_char, paragraph(text_of(doc), verb.idx)[0], _dateline_end(doc))
    s, e = _trim(doc, lo, doc[first - 1].idx)
    return (s, e) if e - s > 15 else None


def _dateline_end(doc: Doc) -> int:
    """Where the dateline ("ERBIL, Kurdistan Region -") ends: the Article's, else a capitalised lead-in
    further down (``_DATELINE``), which the Article builder does not look for."""
    art = doc._.dateline_article if doc.has_extension("dateline_article") else None
    line = getattr(art, "dateline", None)
    if line is not None:
        return line.end
    m = _DATELINE.search(text_of(doc), 0, 2000)
    return m.end() if m else 0


def _according(doc: Doc, tok: Token) -> Attribution | None:
    """'According to X, ...' / '..., according to X': the clause it modifies is the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    src = doc[pobj.left_edge.i : pobj.right_edge.i + 1] if pobj is not None else None
    sent = tok.sent
    pp_lo, pp_hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i)
    if pp_lo - sent.start <= 1:  # the phrase opens the sentence: content is what follows
        s, e = doc[pp_hi].idx + len(doc[pp_hi].text), sent.end_char
    else:
        s, e = sent.start_char, tok.idx
    s, e = _trim(doc, s, e)
    if e <= s:
        return None
    return Attribution([(s, e)], (tok.idx, to.idx + len(to.text)), src, by="according")


def find(doc: Doc, regs: list[Region]) -> list[Attribution]:
    """Every cue-driven attribution in the document, in text order."""
    lex = lexicon()
    out: list[Attribution] = []
    according = doc.vocab.strings["according"]
    for tok in tokens_of(doc):
        pos = tok.pos  # integer comparisons first: this loop sees every token
        if tok.lower == according and tok.dep_ == "prep":  # often tagged a verb
            a = _according(doc, tok)
        elif pos == VERB or pos == AUX:
            frames = lex.get(tok.lemma_.lower())
            if frames is None:
                continue
            a = _verb_attribution(doc, tok, frames, regs)
        else:
            continue
        if a is not None:
            out.append(a)
    return out
