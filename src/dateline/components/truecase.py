"""The dateline_truecase component: a title-case headline parsed again in sentence case.

Many outlets set headlines in title case ("Russian Forces Destroy Daesh Command Post in Syria
Killing About 80 Terrorists"): 63 of the 220 conflict reports. The tagger and parser, trained on
running text, read every capitalised word as a name ("Destroy" NNP, the whole headline one ORG)
and the headline's verb, its actor and its toll are lost. A reader sees the headline in sentence
case; so this component parses it again in sentence case and keeps that parse for the headline's
tokens (their text is unchanged). Which words are names is decided from the article itself, as
Mikheev's document-centred approach does for capitalised words ("Periods, capitalized words,
etc.", Computational Linguistics 28(3), 2002): a word the body writes in lower case, or a common
English word (the lemmatizer's word index) that the body never writes capitalised mid-sentence and
the entity recogniser did not read as a place, people or person, is a common word.
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .headline import VERSION

if not Doc.has_extension("dateline_truecase"):
    Doc.set_extension("dateline_truecase", default=None)  # the headline as re-parsed, in sentence case
if not Doc.has_extension("dateline_headline"):
    Doc.set_extension("dateline_headline", default=None)
# Entity labels trusted in a title-case headline (its "organisations" run over common words: "Air
# Force Kills"), and only on short spans.
_NAME_LABELS = {"GPE", "NORP", "LOC", "FAC", "PERSON"}
MAX_NAME_TOKENS = 3
TITLE_CASE_SHARE = 0.8  # of the headline's words of three letters or more
TITLE_CASE_MIN = 4


def title_case(words: list[str]) -> bool:
    content = [w for w in words if len(w) >= 3 and w[:1].isalpha()]
    return len(content) >= TITLE_CASE_MIN and sum(w[:1].isupper() for w in content) >= TITLE_CASE_SHARE * len(content)


def truecase(words: list[str], body_lower: set[str], body_names: set[str], common, names_at: set[int]) -> list[str]:
    """The headline's words in sentence case: its first word, words in capitals ("ISIS"), the words
    the body writes capitalised mid-sentence and those the entity recogniser read as names stay."""
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        if k == 0 or not w[:1].isupper() or w.isupper() or w in body_names or k in names_at:
            out.append(w)
        elif low in body_lower or common(low):
            out.append(low)
        else:
            out.append(w)
    return out


class TruecaseComponent:
    """Re-parses a title-case headline in sentence case (after the trained pipes, before ours)."""

    version = VERSION

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._index: frozenset[str] | None = None

    def _common(self, word: str) -> bool:
        if self._index is None:
            words: set[str] = set()
            if "lemmatizer" in self.nlp.component_names:
                lookups = self.nlp.get_pipe("lemmatizer").lookups
                if lookups.has_table("lemma_index"):
                    for entries in lookups.get_table("lemma_index").values():
                        words.update(entries)
            self._index = frozenset(words)
        index = self._index
        return any(
            form in index
            for form in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-3] + "e", word[:-2] + "e")
            if len(form) >= 3
        )

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_truecase = None
        span = doc._.dateline_headline
        if span is None or not doc.has_annotation("DEP"):
            return doc
        within = doc.char_span(span[0], span[1], alignment_mode="expand")
        if within is None or not len(within):
            return doc
        inside = [within[0], within[-1]]
        # the sentences the headline stands in (a title-case headline may be cut in two by the parse)
        sent = doc[inside[0].sent.start : inside[-1].sent.end]
        head = [t for t in sent if span[0] <= t.idx < span[1]]
        if not title_case([t.text for t in head]):
            return doc
        body_lower, body_names = set(), set()
        for t in doc[sent.end :]:
            if t.is_alpha:
                if t.text.islower():
                    body_lower.add(t.text)
                elif not t.is_sent_start and t.text[:1].isupper():
                    body_names.add(t.text)
        lead = [t.text for t in sent if t.idx < span[0]]
        # names the entity recogniser found: places, peoples and persons, in short spans (in title
        # case it also reads the whole headline as one: "Russian Forces Destroy Daesh Command Post")
        names_at = {
            t.i - sent.start - len(lead)
            for e in doc.ents
            if e.label_ in _NAME_LABELS and len(e) <= MAX_NAME_TOKENS
            for t in e
            if span[0] <= t.idx < span[1]
        }
        cased = truecase([t.text for t in head], body_lower, body_names, self._common, names_at)
        words = [t.text for t in sent]
        words[len(lead) : len(lead) + len(head)] = cased
        if words == [t.text for t in sent]:
            return doc
        sub = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
        for name, proc in self.nlp.components:
            if not name.startswith("dateline_"):
                sub = proc(sub)
        attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
        arr = doc.to_array(attrs)
        arr[sent.start : sent.end] = sub.to_array(attrs)
        ents = [e for e in doc.ents if e.end <= sent.start or e.start >= sent.end]
        ents += [SpacySpan(doc, sent.start + e.start, sent.start + e.end, label=e.label_) for e in sub.ents]
        doc.from_array(attrs, arr)
        doc.ents = sorted(ents, key=lambda e: e.start)
        doc._.dateline_truecase = " ".join(cased)
        return doc


@Language.factory(
    "dateline_truecase",
    requires=["doc._.dateline_headline", "token.dep", "token.ent_type"],
    assigns=["doc._.dateline_truecase", "token.dep", "token.head", "token.tag", "token.pos", "token.lemma", "doc.ents"],
)
def make_truecase(nlp: Language, name: str) -> TruecaseComponent:
    return TruecaseComponent(nlp)
