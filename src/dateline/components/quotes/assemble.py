"""From cues and quotation marks to attributions: outermost only, quotations whole, continuations joined.

PolNeAR (Newell et al. 2018) annotates only outermost attributions, one per cue, with a split
or multi-paragraph quotation as one attribution of several fragments. Quotations no cue took
are attributed here: a colon or dash attribution ("Pat Caddell: “...”", "“...” — Obama"), or
the continuation of the quotation before it (“A,” she said. “B.”).
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from ..doctext import text_of
from . import cues
from .cues import Attribution
from .marks import Region, is_title, overlapping

# "Pat Caddell: “...”" — a short name or noun phrase, a colon, a quotation
_COLON = re.compile(r"(?:^|(?<=\n)|(?<=[.!?]\s))([A-Z][^\n:.!?“”\"]{1,60}?)\s*:\s*$")
# "“...” — Barack Obama" / '"..." - President Obama'
_DASH = re.compile(r"\s*[―—–-]{1,2}\s*([A-Z][^\n“”\"]{1,80}?)\.?\s*(?:\n|$)")
# "Lopez: Well, no one is like ..." (a transcript), "Cruz: Trump Would Put Liberals On Court" (a headline)
_SPEAKER_LINE = re.compile(r"(?m)^([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*:[ \t]+(\S[^\n]*)$")
# Labels that open a line with a colon but name no speaker.
_NOT_SPEAKERS = {
    "note",
    "update",
    "updated",
    "editor",
    "photo",
    "source",
    "sources",
    "related",
    "read",
    "watch",
    "correction",
    "disclosure",
    "video",
    "caption",
    "credit",
    "q",
    "a",
    "question",
    "answer",
    "breaking",
}
# Fewer words than this and a quotation standing alone is a scare or title quote, not speech.
MIN_WORDS = 4


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _in_region(regs: list[Region], i: int) -> bool:
    """Whether ``i`` lies strictly inside a region (in order and disjoint: only the last one
    starting before ``i`` can hold it)."""
    k = bisect.bisect_left(regs, i, key=lambda r: r.start)
    return k > 0 and regs[k - 1].end > i


class _Marked:
    """Character positions marked by the attributions kept so far, so that each new one is
    checked against all of them at once; a scan of every kept one per attribution made an
    article of thousands of quotations quadratic. An empty span marks no character, so a query
    that involves one falls back to the scan (``_overlaps`` counts it inside a span around it)."""

    def __init__(self, size: int):
        self.chars = bytearray(size + 1)
        self.spans: list[tuple[int, int]] = []
        self.empty: list[tuple[int, int]] = []

    def add(self, s: int, e: int) -> None:
        self.spans.append((s, e))
        if e > s:
            self.chars[s:e] = b"\x01" * (e - s)
        else:
            self.empty.append((s, e))

    def at(self, i: int) -> bool:
        """Whether ``i`` is in a marked span (``s <= i < e``)."""
        return 0 <= i < len(self.chars) and self.chars[i] == 1

    def overlaps(self, s: int, e: int) -> bool:
        """Whether [s, e) overlaps a marked span, as ``_overlaps`` says."""
        if e <= s:
            return any(_overlaps((s, e), span) for span in self.spans)
        return 1 in self.chars[max(s, 0) : e] or any(_overlaps((s, e), span) for span in self.empty)


def outermost(atts: list[Attribution], regs: list[Region], size: int | None = None) -> list[Attribution]:
    """Drop attributions nested in another one's content or in a quotation (only the outer one counts)."""
    keep: list[Attribution] = []
    atts = [a for a in atts if a.cue is None or not _in_region(regs, a.cue[0])]
    if size is None:
        size = max([e for a in atts for _, e in a.content] + [e for a in atts if a.cue for e in a.cue] + [0])
    contents, cues_, seen = _Marked(size), _Marked(size), set()
    for a in sorted(atts, key=lambda a: -(a.end - a.start)):
        if a.cue is None:
            keep.append(a)
            _mark(a, contents, cues_, seen)
            continue
        if (
            contents.at(a.cue[0])
            or cues_.overlaps(*a.cue)
            or tuple(a.content) in seen  # "“...,” Mr. Brown said, recalling ...": one quotation, one cue
        ):
            continue
        keep.append(a)
        _mark(a, contents, cues_, seen)
    return sorted(keep, key=lambda a: a.start)


def _mark(a: Attribution, contents: _Marked, cues_: _Marked, seen: set) -> None:
    for s, e in a.content:
        contents.add(s, e)
    if a.cue is not None:
        cues_.add(*a.cue)
    seen.add(tuple(a.content))


def widen(atts: list[Attribution], regs: list[Region]) -> None:
    """A content that reaches into a quotation takes the whole quotation (across sentences)."""
    for a in atts:
        new = []
        for s, e in a.content:
            # the regions it overlaps, in order: a region widening it ends where the next begins,
            # so none past the ones overlapping it at first can come to overlap it
            for r in overlapping(regs, s, e):
                if _overlaps((s, e), (r.start, r.end)):
                    if r.start < s and not (a.cue and r.start <= a.cue[0] < r.end):
                        s = r.start
                    if r.end > e and not (a.cue and r.start <= a.cue[0] < r.end):
                        e = r.end
                    if r not in a.regions:
                        a.regions.append(r)
            new.append((s, e))
        a.content = new


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _sentence_like(doc: Doc, r: Region) -> bool:
    """A quotation that stands as speech: it opens its sentence or has a sentence inside."""
    text = text_of(doc)
    inner = text[r.start + 1 : r.end]
    if _words(inner) < MIN_WORDS:
        return False
    before = text[max(0, r.start - 20) : r.start].rstrip(" ")  # a window: never copy the whole text
    if not before:
        return r.start <= 20  # the text's opening, or a long run of spaces
    return before[-1] in '.!?\n:”"’' or re.search(r"[.!?,]['’”\"]?$", inner.rstrip()) is not None and _words(inner) >= 8


def _only_attribution_between(doc: Doc, a: Attribution, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds nothing but ``a``'s own speaker and cue ("she said.")."""
    if hi - lo > 600:  # farther than a short paragraph: never the same statement
        return False
    text = text_of(doc)
    spans = [a.cue] if a.cue else []
    if a.source is not None:
        spans.append((a.source.start_char, a.source.end_char))
    rest = "".join(c for i, c in enumerate(text[lo:hi], lo) if not any(s <= i < e for s, e in spans))
    # "she said of Sanders." / "he said, popping a Coca-Cola as he sat down." may stand between
    # the pieces: the rest of the attribution's own sentence, never a sentence of its own
    if not rest.strip(" ,.;:—–-\n"):
        return True
    cue_between = a.cue is not None and lo <= a.cue[0] < hi
    return cue_between and "\n" not in rest.strip() and not re.search(r"[.!?]['’”\"]?\s+\S", rest.strip())


def speaker_lines(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """Lines that open with a speaker's name and a colon: the rest of the line is what they said."""
    text = text_of(doc)
    out = []
    for m in _SPEAKER_LINE.finditer(text):
        name = m.group(1)
        if name.split()[0].lower().strip(".") in _NOT_SPEAKERS:
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        named = any(e.label_ in ("PERSON", "ORG", "NORP") for e in span.ents) or (name.isupper() and len(name) > 2)
        content = (m.start(2), m.end(2))
        if not named or _words(m.group(2)) < 3 or any(_overlaps(content, c) for a in atts for c in a.content):
            continue
        out.append(Attribution([content], (m.end(1), m.end(1) + 1), span, by="colon"))
    return out


def _trailing_cue(doc: Doc, r: Region) -> Attribution | None:
    """“...,” Tulsa police Chief Chuck Jordan said Monday. — read off the words, not the parse.

    The small model often misparses the words after a quotation (a name tagged as a verb); the
    pattern is regular enough to read directly: a short name and a speech verb, either order.
    """
    text = text_of(doc)
    inner = text[r.start : r.end].rstrip("”\"'’»› ")
    if not r.closed or inner[-1:] not in ",?!—–-":
        return None
    first = doc.char_span(r.end, r.end, alignment_mode="expand")
    i = next((t.i for t in doc[max(0, (first.start if first is not None else 0) - 1) :] if t.idx >= r.end), None)
    if i is None:
        return None
    words = []
    for t in doc[i : i + 16]:
        if t.is_space or t.text in ".;" or "\n" in t.text or t.text in '“"«':
            break
        words.append(t)
    lex = cues.lexicon()
    k = next(
        (
            j
            for j, t in enumerate(words)
            if "quote" in lex.get(t.lemma_.lower(), ()) or "quote" in lex.get(t.lower_, ())
        ),
        None,
    )
    if k is None:
        return None
    if k == 0:  # “...,” said Jim Clyburn, a Democratic congressman
        name = []
        for t in words[1:]:
            if t.text in ",(" and name:
                break
            name.append(t)
    else:  # “...,” Tulsa police Chief Chuck Jordan said Monday
        name = words[:k]
    if (
        not name
        or len(name) > 10
        or not (name[0].is_title or name[0].pos_ == "PRON" or name[0].lower_ in ("the", "a", "an"))
    ):
        return None
    src = doc[name[0].i : name[-1].i + 1]
    cue = words[k]
    return Attribution([(r.start, r.end)], (cue.idx, cue.idx + len(cue.text)), src, by="trailing", regions=[r])


def _governing_verb(doc: Doc, r: Region) -> Attribution | None:
    """A quoted fragment inside a verb's complement: "credited Clinton's victory to “a closed primary”".

    PolNeAR counts such mixed reports whatever the verb (Newell et al. 2018): a quoted phrase
    in what someone did with words is theirs. The verb that governs the fragment is the cue, its
    subject the source, the complement holding the fragment the content.
    """
    span = doc.char_span(r.start, r.end, alignment_mode="expand")
    if (
        span is None
        or len(span) == 0
        or _words(text_of(doc)[r.start : r.end]) < 3
        or is_title(text_of(doc)[r.start : r.end])
    ):
        return None  # one or two words, or a title, in quotation marks: a scare quote or a name
    tok = span.root
    for _ in range(6):
        child, tok = tok, tok.head
        if child is tok:
            return None
        if tok.pos_ == "VERB" and child.dep_ in ("dobj", "ccomp", "xcomp", "prep", "oprd", "attr", "dative", "advcl"):
            if tok.i >= span.start and tok.i < span.end:
                return None
            src = cues.subject(tok)
            if (
                src is None
                or src.start <= span.start < src.end
                or src.root.pos_ not in ("PROPN", "PRON")
                or src.root.lower_ in ("it", "which", "that")
            ):
                return None
            s, e = cues._trim(doc, child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
            if child.dep_ == "prep":
                s = min(s, tok.idx + len(tok.text) + 1)
            s, e = cues._trim(doc, min(s, r.start), max(e, r.end))
            return Attribution([(s, e)], (tok.idx, tok.idx + len(tok.text)), src, by="governed", regions=[r])
        if tok.pos_ in ("VERB", "AUX") and child.dep_ in ("nsubj", "nsubjpass"):
            return None
    return None


def join_quotations(doc: Doc, atts: list[Attribution], regs: list[Region]) -> list[Attribution]:
    """Attribute the quotations no cue took: colon and dash attributions, then continuations."""
    text = text_of(doc)
    out = list(atts)
    # A region is covered when an attribution's content overlaps it or its cue starts inside it;
    # the content spans and cue starts of ``out`` are kept marked as it grows (see _Marked)
    contents, cue_starts = _Marked(len(text)), _Marked(len(text))

    def mark(a: Attribution) -> None:
        for s, e in a.content:
            contents.add(s, e)
        if a.cue is not None:
            cue_starts.add(a.cue[0], a.cue[0] + 1)

    for a in out:
        mark(a)
    for r in regs:
        if contents.overlaps(r.start, r.end) or cue_starts.overlaps(r.start, r.end):
            continue
        m = _COLON.search(text, max(text.rfind("\n", 0, r.start) + 1, r.start - 120), r.start)
        if m and _words(text[r.start : r.end]) >= 2 and not re.search(r"\b(said|says)\b", m.group(1)):
            src = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            out.append(Attribution([(r.start, r.end)], (m.end(1), m.end(1) + 1), src, by="colon", regions=[r]))
            mark(out[-1])
            continue
        m = _DASH.match(text, r.end)
        if m and r.closed and _words(m.group(1)) <= 8:
            src = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            dash = text.index(m.group(0).strip()[0], r.end)
            out.append(Attribution([(r.start, r.end)], (dash, dash + 1), src, by="dash", regions=[r]))
            mark(out[-1])
            continue
        trailing = _trailing_cue(doc, r)
        if trailing is not None:
            out.append(trailing)
            mark(trailing)
            continue
        prev = max((a for a in out if a.regions and a.end <= r.start), key=lambda a: a.end, default=None)
        if prev is not None and _sentence_like(doc, r) and _only_attribution_between(doc, prev, prev.end, r.start):
            prev.content.append((r.start, r.end))
            prev.regions.append(r)
            prev.content.sort()
            contents.add(r.start, r.end)
            continue
        governed = _governing_verb(doc, r)
        if governed is not None and not contents.overlaps(*governed.content[0]):
            out.append(governed)
            mark(governed)
    return sorted(out, key=lambda a: a.start)
