"""Quotation marks: which stretches of a text stand inside them (pure text, no spaCy).

Handles curly (“ ” ‘ ’), straight (" '), doubled (`` '' and ,, ''), low-9 („ ‚) and guillemet
(« » ‹ ›) marks. Only the outermost level is returned: PolNeAR annotates no nested
attributions (Newell et al. 2018), and a quote inside a quote belongs to its outer speaker.
A mark left open runs to the end of its paragraph, the newspaper convention for a quote that
continues into the next paragraph (which then opens with a new mark).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_OPEN = {"“": "”", "«": "»", "„": "”", "‹": "›", "``": "''"}
_CLOSE = {"”", "»", "›"}
_TOKEN = re.compile(r"``|''|,,|[“”«»„‹›\"‘’'‚]")
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Region:
    """A quoted stretch: ``start``/``end`` include the marks; ``closed`` is False when it ran open."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _single_role(text: str, i: int) -> str | None:
    """Is the single mark at ``i`` an opening mark, a closing mark, or an apostrophe?"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None  # don’t, Clinton’s, O’Brien
    if not before.isalnum() and before not in ".,!?" and after.isalnum():
        # ’90s, ’em: an apostrophe that looks like an opening mark; only digits are told apart
        if text[i] in "’'" and after.isdigit():
            return None
        return "open"
    if (before.isalnum() or before in ".,!?") and not after.isalnum():
        return "close"
    return None


def _paragraphs(text: str):
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def regions(text: str) -> list[Region]:
    """Outermost quoted regions of ``text``, in order; never raises on unbalanced marks."""
    out: list[Region] = []
    for p_start, p_end in _paragraphs(text):
        if p_end > p_start:
            out.extend(_paragraph_regions(text, p_start, p_end))
    return out


def _paragraph_regions(text: str, p_start: int, p_end: int) -> list[Region]:
    out: list[Region] = []
    # stack of (mark kind, start); kind "d" for double marks, "s" for single ones
    stack: list[tuple[str, int]] = []
    for m in _TOKEN.finditer(text, p_start, p_end):
        tok, i = m.group(), m.start()
        if tok == ",,":
            continue
        if tok in _OPEN:
            before = text[i - 1] if i > p_start else " "
            after = text[i + len(tok)] if i + len(tok) < p_end else " "
            if tok == "“" and stack and stack[-1][0] == "d" and before in ",.!?" and after.isspace():
                # “...,“ said Jim Clyburn: an opening mark typed where the closing one belongs
                _, s = stack.pop()
                if not stack:
                    out.append(Region(s, m.end()))
                continue
            stack.append(("d", i))
            continue
        if tok in _CLOSE:
            while stack and stack[-1][0] == "s":  # a single left open inside is dropped
                stack.pop()
            if stack:
                _, s = stack.pop()
                if not stack:
                    out.append(Region(s, m.end()))
            continue
        if tok in ('"', "''"):
            # straight and doubled-apostrophe marks (the NYT's ''...'') open and close alike
            if stack and any(k == "d" for k, _ in stack):
                while stack and stack[-1][0] == "s":
                    stack.pop()
                _, s = stack.pop()
                if not stack:
                    out.append(Region(s, m.end()))
            else:
                stack.append(("d", i))
            continue
        role = _single_role(text, i)
        if role == "open" and tok in "‘'‚":
            stack.append(("s", i))
        elif role == "close" and tok in "’'" and stack and stack[-1][0] == "s":
            _, s = stack.pop()
            if not stack:
                out.append(Region(s, m.end()))
    if stack:
        # an outer double left open runs to the paragraph end; stray singles are apostrophes
        doubles = [s for k, s in stack if k == "d"]
        if doubles:
            end = p_end
            while end > doubles[0] and text[end - 1].isspace():
                end -= 1
            out.append(Region(doubles[0], end, closed=False))
    out.sort(key=lambda r: r.start)
    return out


def overlapping(regs: list[Region], start: int, end: int) -> list[Region]:
    """The regions that overlap [start, end), found by bisection: ``regions`` gives them in order
    and disjoint, so their ends are in order too (a scan of all of them per quote made an article
    of thousands of quotations quadratic)."""
    k = bisect.bisect_right(regs, start, key=lambda r: r.end)
    out = []
    while k < len(regs) and regs[k].start < end:
        out.append(regs[k])
        k += 1
    return out


def inside(regs: list[Region], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) that lie inside quoted regions."""
    parts = []
    for r in regs:
        s, e = max(start, r.start), min(end, r.end)
        if s < e:
            parts.append((s, e))
    return parts


def kind(text: str, regs: list[Region], spans: list[tuple[int, int]]) -> str:
    """direct / indirect / mixed, by the share of word characters inside quotation marks.

    The same rule the PolNeAR conversion uses (shared/eval/quotes/README.md).
    """
    total = quoted = 0
    for s, e in spans:
        total += len(_WORD.findall(text, s, e))
        for r in overlapping(regs, s, e):
            lo, hi = max(s, r.start), min(e, r.end)
            if lo < hi:
                quoted += len(_WORD.findall(text, lo, hi))
    if total and quoted >= total:
        return "direct"
    if quoted == 0:
        return "indirect"
    return "mixed"


_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is", "as"}


def is_title(quoted: str) -> bool:
    """“Fox and Friends,” “The Art of the Deal”: every word capitalised, a work's or show's title."""
    words = re.findall(r"[^\W\d_][\w’'-]*", quoted)
    big = [w for w in words if w.lower() not in _SMALL]
    return bool(big) and len(words) <= 8 and all(w[0].isupper() for w in big)
