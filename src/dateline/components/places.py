"""The dateline_places component: placeholder until its issue lands (assigns an empty list)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"

if not Doc.has_extension("dateline_places"):
    Doc.set_extension("dateline_places", default=None)


class PlacesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_places = []
        return doc


@Language.factory("dateline_places", assigns=["doc._.dateline_places"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
