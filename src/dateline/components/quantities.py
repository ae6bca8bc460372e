"""placeholder"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"
if not Doc.has_extension("dateline_quantities"):
    Doc.set_extension("dateline_quantities", default=None)


class QuantitiesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quantities = []
        return doc


@Language.factory("dateline_quantities", assigns=["doc._.dateline_quantities"])
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent()
