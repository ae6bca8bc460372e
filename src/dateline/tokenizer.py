"""spaCy's tokenizer, kept linear on long runs of text without whitespace.

spaCy splits a whitespace-delimited chunk by peeling prefixes and suffixes one at a time, and
each peel runs the suffix regex (anchored at ``$``, so ``re.search`` scans the whole rest) over
what is left: a run of n quotation marks or brackets costs O(n²). Twenty thousand “ in a row took
minutes to tokenize, far past the per-article time limit. Such a run is never a word, so a run
longer than ``LONGEST`` characters is cut into pieces of at most that length, tokenized one by one
and joined; any text without such a run is tokenized by spaCy unchanged, token for token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.tokens import Doc

LONGEST = 256  # the longest run kept whole; the dev corpora's longest is 226 characters (a URL)
PIECE = 32  # a longer run is cut into pieces this long: a piece costs O(PIECE²), the run O(n·PIECE)

# The look-behind anchors a match at the start of a run, so the search stays linear.
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONGEST + 1},}}")


class LinearTokenizer:
    """Wraps a spaCy tokenizer; everything but ``__call__`` and ``pipe`` is the wrapped one's."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.inner(text)
        # Doc.from_docs would make a Token object per token, slower than the tokenizing itself
        arrays = numpy.concatenate([self.inner(piece).to_array([ORTH, SPACY, NORM]) for piece in pieces(text)])
        strings = self.inner.vocab.strings
        doc = Doc(
            self.inner.vocab,
            words=[strings[o] for o in arrays[:, 0].tolist()],
            spaces=arrays[:, 1].astype(bool).tolist(),
        )
        doc.from_array([NORM], arrays[:, 2:])
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def pieces(text: str) -> Iterator[str]:
    """``text`` cut so that a run longer than ``LONGEST`` is in pieces of at most ``PIECE`` characters
    (joined, the pieces are ``text``).

    A piece ends after a space that ends a run, as spaCy attaches that space to the run's last
    token; so the pieces tokenize to the tokens the whole text would give, except inside long runs.
    """
    start = 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > start:
            yield text[start : m.start()]
        s, end = m.start(), m.end()
        while end - s > PIECE:
            cut = _cut(text, s)
            yield text[s:cut]
            s = cut
        start = end + 1 if text[end : end + 1] == " " else end
        yield text[s:start]
    if start < len(text):
        yield text[start:]


def _cut(text: str, s: int) -> int:
    """Where to end the piece from ``s``: late, and between two characters not both letters or
    digits when the second half of the window has such a place (so words stay whole)."""
    for i in range(s + PIECE, s + PIECE // 2, -1):
        if not (text[i - 1].isalnum() and text[i].isalnum()):
            return i
    return s + PIECE
