"""The public entry points: ``analyze`` one text, or a ``Pipeline`` over many articles."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language

from . import nlp as _nlp
from .ingest import article_from_text
from .records import Article, Report
from .report import doc_to_report

log = logging.getLogger(__name__)


class Pipeline:
    """The spaCy pipeline with the dateline components, loaded once."""

    def __init__(self, model: str = _nlp.MODEL, components: tuple[str, ...] | None = None):
        self.nlp: Language = _nlp.load(model, components)

    def analyze(self, article: Article) -> Report:
        doc = self.nlp(_nlp.make_doc(self.nlp, article))
        return doc_to_report(doc, self.nlp)

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Report]:
        for doc in _nlp.pipe(self.nlp, articles, batch_size=batch_size):
            yield doc_to_report(doc, self.nlp)


_default: Pipeline | None = None


def analyze(text: str | Article, published: str | None = None, id: str = "article") -> Report:
    """Analyze one article (text or Article) with the default pipeline."""
    global _default
    if _default is None:
        _default = Pipeline()
    article = text if isinstance(text, Article) else article_from_text(text, id=id, published=published)
    return _default.analyze(article)
