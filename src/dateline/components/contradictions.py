"""The dateline_contradictions component: placeholder until its issue lands (assigns an empty list)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"

if not Doc.has_extension("dateline_contradictions"):
    Doc.set_extension("dateline_contradictions", default=None)


class ContradictionsComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_contradictions = []
        return doc


@Language.factory("dateline_contradictions", assigns=["doc._.dateline_contradictions"])
def make_contradictions(nlp: Language, name: str) -> ContradictionsComponent:
    return ContradictionsComponent()
