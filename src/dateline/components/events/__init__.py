"""The dateline_events component: who did what to whom, coded in PLOVER, with its status.

Reads the parse and what earlier components found (entities, quantities, times, places,
quotes; each optional) and writes a list of :class:`dateline.records.Event` to
``doc._.dateline_events``. The lexicon is package data (``data/plover.json``, versioned);
see :mod:`.coder` for which triggers become events and :mod:`.status` for negation,
modality, dates, places and casualties.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .coder import code_doc
from .lexicon import lexicon

VERSION = "1.2"

# What this component reads from the components before it; registered here with a None
# default too, so it runs (with less evidence) in a pipeline without them.
for _name in (
    "dateline_events",
    "dateline_article",
    "dateline_entities",
    "dateline_quantities",
    "dateline_times",
    "dateline_places",
    "dateline_quotes",
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EventsComponent:
    """Codes PLOVER events sentence by sentence; needs a dependency parse."""

    def __init__(self) -> None:
        self.version = f"{VERSION}+lexicon{lexicon()['version']}"

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            doc._.dateline_events = []  # no parse, no roles: say nothing rather than guess
            return doc
        doc._.dateline_events = code_doc(doc)
        return doc


@Language.factory(
    "dateline_events",
    requires=[
        "doc.ents",
        "doc.sents",
        "doc._.dateline_entities",
        "doc._.dateline_quantities",
        "doc._.dateline_times",
        "doc._.dateline_places",
        "doc._.dateline_quotes",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "token.tag",
        "token.ent_iob",
        "token.ent_type",
    ],
    assigns=["doc._.dateline_events"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()


__all__ = ["EventsComponent", "make_events", "code_doc", "VERSION"]
