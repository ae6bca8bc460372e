"""An article's text as HTML with every extraction marked in place.

Extractions overlap (a place inside a quote inside an event's sentence) and sometimes cross.
The text is cut at every boundary; each piece is wrapped in the marks that cover it, kept
properly nested by closing and reopening marks where two cross (the HTML "adoption agency"
idea, done here on plain intervals). Only the first piece of a mark carries its id. Every piece
of article text goes through ``markupsafe.escape``: article text is never trusted as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # sentence quote speaker cue place time event
    rank: int  # outer marks rank lower: sentences, then quotes, then the small marks
    ident: str | None = None
    href: str | None = None
    title: str | None = None


def anchor(kind: str, ident: object) -> str:
    """An HTML id for a record of the article ("ev-ev4", "q-q2")."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]+", "_", str(ident))


def marks(report: dict) -> list[Mark]:
    """The marks of a report (the ``Report.to_dict`` layout), from whatever lists it holds."""
    n = len(report.get("text") or "")
    out: list[Mark] = []

    def add(start, end, *args, **kw):
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
            out.append(Mark(start, end, *args, **kw))

    for e in report.get("events") or ():
        trig, sent = e.get("trigger") or {}, e.get("sentence") or {}
        label = " ".join(str(x) for x in (e.get("type"), e.get("date"), (e.get("place") or {}).get("name")) if x)
        add(sent.get("start"), sent.get("end"), "sentence", 0, anchor("s", e.get("id")))
        add(
            trig.get("start"),
            trig.get("end"),
            "event",
            3,
            anchor("ev", e.get("id")),
            "#" + anchor("rec-ev", e.get("id")),
            label,
        )
    for q in report.get("quotes") or ():
        content, sp, cue = q.get("content") or {}, q.get("speaker") or {}, q.get("cue") or {}
        who = sp.get("name")
        add(
            content.get("start"),
            content.get("end"),
            "quote",
            1,
            anchor("q", q.get("id")),
            None,
            f"{q.get('kind', '')} quote" + (f" by {who}" if who else ""),
        )
        if who:
            add(sp.get("start"), sp.get("end"), "speaker", 3, None, "/actors/" + urlquote(who, safe=""), who)
        add(cue.get("start"), cue.get("end"), "cue", 2)
    for p in report.get("places") or ():
        where = ", ".join(str(x) for x in (p.get("name"), p.get("country")) if x)
        add(
            p.get("start"),
            p.get("end"),
            "place",
            3,
            anchor("pl", p.get("id")),
            "#" + anchor("rec-pl", p.get("id")),
            where + (" (metonymy)" if p.get("metonymy") else ""),
        )
    for t in report.get("times") or ():
        add(
            t.get("start"),
            t.get("end"),
            "time",
            3,
            anchor("t", t.get("id")),
            "#" + anchor("rec-t", t.get("id")),
            f"{t.get('type')} {t.get('value')}",
        )
    return out


def render(text: str, found: list[Mark]) -> Markup:
    """``text`` as escaped HTML with the marks nested in place; paragraphs become ``<p>``."""
    cuts = sorted({0, len(text)} | {m.start for m in found} | {m.end for m in found})
    order = sorted(found, key=lambda m: (m.rank, m.start, -m.end))
    seen: set[int] = set()
    stack: list[tuple[Mark, str]] = []  # open marks with the tag each was opened with
    out: list[str] = ["<p>"]
    for a, b in pairwise(cuts):
        cover = [m for m in order if m.start <= a and m.end >= b]
        i = 0
        while i < len(stack) and i < len(cover) and stack[i][0] is cover[i]:
            i += 1
        out.extend(f"</{tag}>" for _, tag in reversed(stack[i:]))
        stack = stack[:i]
        for m in cover[i:]:
            # an <a> inside an <a> is invalid HTML: a nested mark keeps its link as data-href only
            tag = "a" if m.href and not any(t == "a" for _, t in stack) else "span"
            out.append(_open(m, tag, first=id(m) not in seen))
            seen.add(id(m))
            stack.append((m, tag))
        out.append(_paragraphs(text[a:b], bool(stack)))
    out.extend(f"</{tag}>" for _, tag in reversed(stack))
    out.append("</p>")
    return Markup("".join(out))


def _open(m: Mark, tag: str, first: bool) -> str:
    attrs = [f'class="hl {m.kind}"']
    if first and m.ident:
        attrs.append(f'id="{escape(m.ident)}"')
    if m.href:
        attrs.append(f'{"href" if tag == "a" else "data-href"}="{escape(m.href)}"')
    if m.title:
        attrs.append(f'title="{escape(m.title)}"')
    return f"<{tag} {' '.join(attrs)}>"


def _paragraphs(piece: str, inside: bool) -> str:
    """Escaped text; a blank line ends a paragraph (only where no mark is open across it)."""
    html = str(escape(piece))
    if inside:
        return html.replace("\n", "<br>")
    parts = re.split(r"\n\s*\n", html)
    return "</p><p>".join(p.replace("\n", "<br>") for p in parts)
