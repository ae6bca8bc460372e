"""The public entry points: ``analyze`` one text, or a ``Pipeline`` over many articles."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language

from . import nlp as _nlp
from .errors import InputError
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
        for item in self.analyze_items(articles, batch_size):
            if isinstance(item, InputError):
                raise item
            yield item

    def analyze_items(self, items: Iterable[Article | InputError], batch_size: int = 16
                      ) -> Iterator[Report | InputError]:
        """Reports for articles, in order; an input error passes through, and an article that
        makes a component fail becomes an InputError, so one bad article never stops a batch."""
        batch: list[Article | InputError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, batch: list[Article | InputError]) -> Iterator[Report | InputError]:
        # The trained pipes run batched; ours run per doc, so one failure costs one article only
        # (spaCy's set_error_handler does not reach its Cython pipes in 3.8).
        articles = [a for a in batch if isinstance(a, Article)]
        model = [n for n in self.nlp.pipe_names if not n.startswith("dateline_")]
        ours = [(n, p) for n, p in self.nlp.pipeline if n.startswith("dateline_")]
        with self.nlp.select_pipes(enable=model):
            docs = list(self.nlp.pipe([_nlp.make_doc(self.nlp, a) for a in articles], batch_size=len(articles) or 1))
        done = {}
        for art, doc in zip(articles, docs):
            for name, proc in ours:
                try:
                    doc = proc(doc)
                except Exception as exc:  # noqa: BLE001 - any component bug becomes a rejection
                    log.warning("%s failed on %s", name, art.id, exc_info=True)
                    done[id(art)] = InputError(art.origin or art.id, f"{name} failed ({type(exc).__name__}: {exc})")
                    break
            else:
                done[id(art)] = doc_to_report(doc, self.nlp)
        for item in batch:
            yield item if isinstance(item, InputError) else done[id(item)]


_default: Pipeline | None = None


def analyze(text: str | Article, published: str | None = None, id: str = "article") -> Report:
    """Analyze one article (text or Article) with the default pipeline."""
    global _default
    if _default is None:
        _default = Pipeline()
    article = text if isinstance(text, Article) else article_from_text(text, id=id, published=published)
    return _default.analyze(article)
