"""The public entry points: ``analyze`` one text, or a ``Pipeline`` over many articles."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from spacy.language import Language

from . import nlp as _nlp
from .deadline import TIME_LIMIT
from .deadline import TimeLimitExceeded as ArticleTimeout
from .deadline import time_limit as _time_limit
from .errors import InputError
from .records import Article, Report
from .report import doc_to_report
from .sources import article_from_text

log = logging.getLogger(__name__)

# spaCy's max_length (a million characters) is its guard on parser and NER memory; prose runs four
# to five characters a token, so a text with more tokens than a quarter of that is no prose (a
# million quotation marks) and would only run into the time limit after using gigabytes.
MAX_TOKENS = 250_000


class Pipeline:
    """The spaCy pipeline with the dateline components, loaded once.

    ``time_limit`` bounds the seconds one article may take (trained pipes and ours together);
    an article over it, longer than the model's ``max_length`` or of more than ``max_tokens``
    tokens, is rejected with a reason.
    """

    def __init__(
        self,
        model: str = _nlp.MODEL,
        components: tuple[str, ...] | None = None,
        time_limit: float | None = TIME_LIMIT,
        max_tokens: int = MAX_TOKENS,
    ):
        self.nlp: Language = _nlp.load(model, components)
        self.time_limit = time_limit
        self.max_tokens = max_tokens

    def analyze(self, article: Article) -> Report:
        (item,) = self._batch([article])
        if isinstance(item, InputError):
            raise item
        return item

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Report]:
        for item in self.analyze_items(articles, batch_size):
            if isinstance(item, InputError):
                raise item
            yield item

    def analyze_items(
        self, items: Iterable[Article | InputError], batch_size: int = 16
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
        done: dict[int, Report | InputError] = {}
        articles = []
        for a in batch:
            if isinstance(a, Article) and len(a.text) > self.nlp.max_length:
                done[id(a)] = InputError(
                    a.origin or a.id,
                    f"too long to analyze ({len(a.text):,} characters; the limit is {self.nlp.max_length:,})",
                )
            elif isinstance(a, Article) and (bad := _unencodable(a.text)):
                done[id(a)] = InputError(a.origin or a.id, bad)
            elif isinstance(a, Article):
                articles.append(a)
        for art, doc, spent in self._parsed(articles, done):
            try:
                with _time_limit(self.time_limit and max(self.time_limit - spent, 0.001), self.time_limit):
                    for name, proc in self.nlp.pipeline:
                        if not _nlp.parse_phase(name):
                            doc = proc(doc)
                    done[id(art)] = doc_to_report(doc, self.nlp)
            except Exception as exc:  # noqa: BLE001 - any component bug or timeout becomes a rejection
                log.warning("analysis failed on %s: %s", art.id, exc, exc_info=not isinstance(exc, ArticleTimeout))
                done[id(art)] = _failure(art, exc)
        for item in batch:
            yield item if isinstance(item, InputError) else done[id(item)]

    def _parsed(self, articles: list[Article], done: dict) -> list[tuple[Article, object, float]]:
        """(article, parsed doc, seconds spent) through the trained pipes; batched, per doc on failure."""
        tokenized = self._tokenized(articles, done)
        model = [n for n in self.nlp.pipe_names if _nlp.parse_phase(n)]
        out = []
        with self.nlp.select_pipes(enable=model):
            if len(tokenized) > 1:
                try:
                    t0 = time.perf_counter()
                    with _time_limit(self.time_limit and self.time_limit * len(tokenized)):
                        docs = list(self.nlp.pipe([d for _, d, _ in tokenized], batch_size=len(tokenized)))
                    each = (time.perf_counter() - t0) / len(tokenized)
                    return [(a, d, spent + each) for (a, _, spent), d in zip(tokenized, docs)]
                except Exception:  # noqa: BLE001 - find the article at fault one by one
                    log.warning("batch of %d failed in the trained pipes; retrying one by one", len(tokenized))
            for a, doc, spent in tokenized:
                try:
                    t0 = time.perf_counter()
                    if len(tokenized) > 1:  # the failed batch may have annotated it half-way
                        doc = _nlp.make_doc(self.nlp, a)
                    with _time_limit(self.time_limit and max(self.time_limit - spent, 0.001), self.time_limit):
                        doc = self.nlp(doc)
                    out.append((a, doc, spent + time.perf_counter() - t0))
                except Exception as exc:  # noqa: BLE001
                    done[id(a)] = _failure(a, exc)
        return out

    def _tokenized(self, articles: list[Article], done: dict) -> list[tuple[Article, object, float]]:
        """(article, tokenized doc, seconds spent) for the articles of at most ``max_tokens`` tokens;
        the rejection of the others (too many tokens, or too slow to tokenize) goes to ``done``."""
        out = []
        for a in articles:
            try:
                t0 = time.perf_counter()
                with _time_limit(self.time_limit):
                    doc = _nlp.make_doc(self.nlp, a)
            except Exception as exc:  # noqa: BLE001
                done[id(a)] = _failure(a, exc)
                continue
            if len(doc) > self.max_tokens:
                done[id(a)] = InputError(
                    a.origin or a.id,
                    f"too many tokens to analyze ({len(doc):,}; the limit is {self.max_tokens:,}): is it prose?",
                )
            else:
                out.append((a, doc, time.perf_counter() - t0))
        return out


def _unencodable(text: str) -> str | None:
    """Why ``text`` is not Unicode that spaCy can hash (a lone surrogate, from bytes decoded with
    'surrogateescape' or a broken JSON escape), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"not valid Unicode (lone surrogate U+{ord(text[exc.start]):04X} at offset {exc.start}); "
            "decode the input as UTF-8 first"
        )
    return None


def _failure(a: Article, exc: Exception) -> InputError:
    return InputError(a.origin or a.id, f"analysis failed ({type(exc).__name__}: {exc})")


_default: Pipeline | None = None


def analyze(text: str | Article, published: str | None = None, id: str = "article") -> Report:
    """Analyze one article (text or Article) with the default pipeline."""
    global _default
    if _default is None:
        _default = Pipeline()
    article = text if isinstance(text, Article) else article_from_text(text, id=id, published=published)
    return _default.analyze(article)
