"""One function turns a processed Doc into a Report (STYLE.md practice 2)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .nlp import versions
from .records import FACT_KINDS, Article, Report


def doc_to_report(doc: Doc, nlp: Language) -> Report:
    article: Article = doc._.dateline_article
    found = {}
    for key in FACT_KINDS:
        ext = f"dateline_{key}"
        found[key] = tuple(getattr(doc._, ext) or ()) if doc.has_extension(ext) else ()
    relevance = doc._.dateline_relevance if doc.has_extension("dateline_relevance") else None
    return Report(
        id=article.id,
        text=article.text,
        title=article.title,
        published=article.published,
        published_source=article.published_source,
        source=article.source,
        url=article.url,
        dateline=article.dateline,
        main_event=doc._.dateline_main_event if doc.has_extension("dateline_main_event") else None,
        relevant=relevance.relevant if relevance is not None else None,
        relevance=relevance,
        extractors=versions(nlp),
        **found,
    )
