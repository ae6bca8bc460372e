"""The parts of an article that are not running text: its headline and its dateline.

A news article opens with a headline line and, in wire copy, a dateline ("MAIDUGURI, Nigeria -",
"JERUSALEM (Reuters) -"), which says where the reporter filed from. The parser reads the
headline, the dateline and the lead as one sentence when no full stop separates them
("Gunmen kill 12 villagers in northeast Nigeria\\n\\nMAIDUGURI, Nigeria - Boko Haram fighters
killed ..."), and its tree then joins words across them: the dateline city becomes part of a
subject, the lead's verb a conjunct of the headline's. The coder therefore reads each
part on its own: a zone is 0 for the headline, 1 for the dateline, 2 for the body, and no
argument, place or dominating trigger is taken from another zone than the trigger's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..doctext import text_of
from ..headline import headline_span

HEADLINE, DATELINE, BODY = 0, 1, 2
_KEY = "dateline_events_zones"


def bounds(doc: Doc) -> tuple[int, int, int]:
    """(end of the headline, start and end of the dateline) as character offsets; 0s when absent.
    Cached on the Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    article = doc._.dateline_article
    text = text_of(doc)
    # The headline as dateline_headline found it (the title in the head of the text, run into the
    # lead or not); everything before it (a date line, an outlet's name) is headline too.
    head = doc._.dateline_headline if doc.has_extension("dateline_headline") else None
    if head is None:
        head = headline_span(text, getattr(article, "title", None))
    head_end = head[1] if head is not None else 0
    dl_start = dl_end = 0
    dl = getattr(article, "dateline", None)
    if dl is not None and dl.end <= len(text):
        dl_start, dl_end = dl.start, dl.end
        # The dateline runs on to the dash before the lead: "MOGADISHU, Somalia (Wire A) -".
        depth = 0
        for tok in doc:
            if tok.idx < dl.end:
                continue
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and not (tok.is_punct or tok.is_space):
                break
            dl_end = tok.idx + len(tok)
    doc.user_data[_KEY] = (head_end, dl_start, dl_end)
    return head_end, dl_start, dl_end


def zone_at(doc: Doc, char: int) -> int:
    head_end, dl_start, dl_end = bounds(doc)
    if dl_start <= char < dl_end:
        return DATELINE
    if char < head_end:
        return HEADLINE
    return BODY


def zone(tok: Token) -> int:
    return zone_at(tok.doc, tok.idx)


def same_zone(a: Token, b: Token) -> bool:
    return zone(a) == zone(b)
