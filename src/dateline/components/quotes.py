"""The dateline_quotes component: placeholder until its issue lands (assigns an empty list)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"

if not Doc.has_extension("dateline_quotes"):
    Doc.set_extension("dateline_quotes", default=None)


class QuotesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quotes = []
        return doc


@Language.factory("dateline_quotes", assigns=["doc._.dateline_quotes"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
