"""The dateline_times component: placeholder until its issue lands (assigns an empty list)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

VERSION = "0.0"

if not Doc.has_extension("dateline_times"):
    Doc.set_extension("dateline_times", default=None)


class TimesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_times = []
        return doc


@Language.factory("dateline_times", assigns=["doc._.dateline_times"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()
