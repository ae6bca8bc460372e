"""placeholder"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"
if not Doc.has_extension("dateline_entities"):
    Doc.set_extension("dateline_entities", default=None)


class EntitiesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_entities = []
        return doc


@Language.factory("dateline_entities", assigns=["doc._.dateline_entities"])
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent()
