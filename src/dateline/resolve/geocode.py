"""``dateline geocode``: resolve given place-name spans (the gold-span protocol of Gritta et al. 2020).

Input lines ``{id, text, toponyms: [{start, end}]}``; output ``{id, places: [...]}`` with one
place per given span, in order, in the ``records.Place`` layout. Recognition is not run: the
spans are taken as given, and each is resolved in the context of all the others and of the text's
dateline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import Place, to_dict
from . import gazetteer as gz


def geocode_text(text: str, spans: Iterable[tuple[int, int]], doc_id: str = "") -> list[Place]:
    """One ``Place`` per (start, end) span of ``text``."""
    mentions = [gz.Mention(s, e, text[s:e]) for s, e in spans]
    out = []
    for i, res in enumerate(gz.resolve(text, mentions, gz.dateline_focus(text))):
        m = res.mention
        out.append(
            Place(
                id=f"{doc_id}#p{i}" if doc_id else f"p{i}",
                start=m.start,
                end=m.end,
                text=m.text,
                extractor="dateline_geocode",
                **gz.place_fields(res),
            )
        )
    return out


def geocode_lines(lines: Iterable[dict]) -> Iterator[dict]:
    """For each input line, ``{"id": ..., "places": [...]}`` for exactly its ``toponyms`` spans."""
    for line in lines:
        text = line.get("text") or ""
        spans = [(int(t["start"]), int(t["end"])) for t in line.get("toponyms") or []]
        places = geocode_text(text, spans, str(line.get("id", "")))
        yield {"id": line.get("id"), "places": [to_dict(p) for p in places]}
