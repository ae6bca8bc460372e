"""The dateline_headline component: where the article's headline stands, and a sentence break after it.

Scraped news often runs the headline straight into the lead, with no line break or full stop
between them ("Air strikes in Syria kill at least 20 IS fighters Monitor US-led air strikes killed
at least 20 ..."): 218 of the 220 conflict reports in ``../shared/eval/conflict`` do. The parser then
reads headline and lead as one sentence, hangs the lead's verb on the headline's and takes
arguments across them. A reader knows the headline from the page's title, so this component,
which runs before the parser, finds the title in the head of the text and marks the first token
after it, and the headline's own first token after a date line, as sentence starts; spaCy's parser
keeps a preset sentence start as a constraint.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .doctext import text_of

VERSION = "1.0"
HEAD_CHARS = 400  # the headline stands within the head of the text (after a date or a byline)

if not Doc.has_extension("dateline_headline"):
    Doc.set_extension("dateline_headline", default=None)
if not Doc.has_extension("dateline_article"):
    Doc.set_extension("dateline_article", default=None)


def headline_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where the headline stands in the text: the title found in the first characters, its words
    in order with anything between them (stripped commas, mojibake quotes)."""
    words = re.findall(r"\w+", title or "")
    if not words:
        return None
    pattern = r"\W*".join(re.escape(w) for w in words)
    m = re.search(pattern, text[: HEAD_CHARS + len(title or "")], re.IGNORECASE)
    return (m.start(), m.end()) if m else None


class HeadlineComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.dateline_article
        span = headline_span(text_of(doc), getattr(article, "title", None)) if len(doc) else None
        doc._.dateline_headline = span
        if span is not None:
            # the headline starts a sentence (after a date line or an outlet's name: "Fri Jul 1 2016
            # More than 100 ...") and the first word after it starts the lead (punctuation and
            # spaces stay with what they follow)
            for at in span:
                tok = next((t for t in doc if t.idx >= at and not (t.is_space or t.is_punct)), None)
                if tok is not None and tok.i > 0:
                    tok.is_sent_start = True
        return doc


@Language.factory(
    "dateline_headline",
    requires=[],  # the article is set on the Doc before the pipeline runs (nlp.make_doc)
    assigns=["doc._.dateline_headline", "token.is_sent_start"],
)
def make_headline(nlp: Language, name: str) -> HeadlineComponent:
    return HeadlineComponent()
