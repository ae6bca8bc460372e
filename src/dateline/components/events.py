"""The dateline_events component: placeholder until its issue lands (assigns an empty list)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"

if not Doc.has_extension("dateline_events"):
    Doc.set_extension("dateline_events", default=None)


class EventsComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_events = []
        return doc


@Language.factory("dateline_events", assigns=["doc._.dateline_events"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()
