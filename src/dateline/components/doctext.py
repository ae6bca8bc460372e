"""The text and the tokens of a Doc, built once per Doc.

spaCy's ``Doc.text`` joins every token's text on each access, and our components ask for it per
sentence or per event; on a news article that was a tenth of the components' time. The article's
own text is the same string when the Doc was made from it (``nlp.make_doc``), so it is taken
from there when it lines up, otherwise built once and kept in ``doc.user_data``.
"""

from __future__ import annotations

import threading

_KEY = "dateline_text"


def text_of(doc) -> str:
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    art = doc._.dateline_article if doc.has_extension("dateline_article") else None
    text = getattr(art, "text", None)
    if not (
        isinstance(text, str)
        and len(doc)
        and len(text) == doc[-1].idx + len(doc[-1].text_with_ws)
        and text.startswith(doc[0].text, doc[0].idx)
    ):
        text = doc.text
    doc.user_data[_KEY] = text
    return text


_held = threading.local()


def tokens_of(doc) -> list:
    """``list(doc)``, kept for the Doc in hand: spaCy makes a new Token object on every access, and
    several components walk every token. Held per thread for one Doc at a time, not in
    ``doc.user_data``: a Token points back to its Doc, a cycle that would keep every Doc alive."""
    held = getattr(_held, "doc", None)
    if held is None or held[0] is not doc:
        held = _held.doc = (doc, list(doc))
    return held[1]
