"""The dateline_times component: TIMEX3 expressions resolved against the publication date.

Finds expressions with the regex grammar of ``resolve.timex_grammar`` (TimeML extents),
reads the tense of the clause each one modifies from the parse, and normalizes it with
``resolve.timex.normalize`` against ``doc._.dateline_article.published``. Without a
publication date, values keep TIMEX3 placeholders (``XXXX-10``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..records import TimeRef
from ..resolve.timex import normalize
from ..resolve.timex_grammar import find
from .doctext import text_of

VERSION = "1.1"
# A quarter stays the reference for "a year earlier" over a few paragraphs of an earnings report.
REF_SPAN = 1500

if not Doc.has_extension("dateline_times"):
    Doc.set_extension("dateline_times", default=None)

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would"}
_PRESENT_AUX = {"is", "are", "am", "'s", "'re", "'m"}
_PERFECT = {"has", "have", "had", "'ve", "'d"}
# "is to", "expected to", "plans to", "scheduled to": an infinitive under these points ahead.
_AHEAD = {
    "expect",
    "plan",
    "schedule",
    "set",
    "due",
    "intend",
    "hope",
    "aim",
    "prepare",
    "go",
    "be",
    "want",
    "seek",
    "agree",
    "promise",
    "threaten",
    "vow",
    "decide",
    "try",
}
# "extended *until* Nov. 16", "approval *by* year-end": a deadline may lie after the anchor
# whatever the tense of the verb.
_DEADLINE = {"until", "till", "through", "by", "to", "before"}
# Values a later "a year earlier" / "the year-ago period" may shift (financial news).
_REFERENCE = re.compile(r"\d{4}-(?:Q\d|H\d)")
_NAMED = re.compile(r"first|second|third|fourth|1st|2nd|3rd|4th|latest|current|half", re.IGNORECASE)
_SHIFTED = re.compile(r"year|ago|earlier|previous|last|same|comparable", re.IGNORECASE)
_NAMES_DATE = re.compile(
    r"\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?-i:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))",
    re.IGNORECASE,
)
_EXPLICIT = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


def clause_tense(span: SpacySpan) -> str | None:
    """PAST, PRESENT, FUTURE or None: the tense of the verb the expression modifies.

    Present perfect counts as PAST (it locates the event before the anchor: "has been
    attacked since mid-October"); a modal or an infinitive of intention as FUTURE.
    """
    # Only the verb the expression hangs on directly or through its preposition ("said
    # *on* Thursday"); a date inside a noun phrase ("stock of record Nov. 10") has no tense.
    tok = span.root.head
    if tok.pos_ == "ADP":
        if tok.lower_ in _DEADLINE:
            return None
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or tok.i in range(span.start, span.end):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and tok.dep_ == "conj" and tok.tag_ in ("VB", "VBN", "VBG"):
        # "will meet Bush and fly home on Friday": the second verb shares the first one's auxiliaries
        auxes = [c for c in tok.head.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "FUTURE"
    if "to" in words and tok.tag_ == "VB":
        head = tok.head
        if head is not tok and head.lemma_ in _AHEAD:
            # "had been due to expire Friday", "had been set to expire Nov. 6": a plan told in the
            # past perfect may have fallen due or still lie ahead; the nearest occurrence decides
            near = [c for h in (head, head.head) for c in h.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in ("had", "'d") for a in near):
                return None
            return None if head.tag_ == "VBD" and head.lemma_ == "be" else "FUTURE"
        return None
    if (
        tok.lemma_ in _AHEAD
        and tok.tag_ == "VBN"
        and tok.lemma_ not in ("be", "go")
        or tok.lemma_ in ("plan", "schedule")
        and tok.tag_ == "VBD"
    ):
        # "was planned for early March", "had been scheduled for Tuesday": the plan is past, the
        # date it names may lie either side of the anchor
        return None
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "PAST"
    if words & _PERFECT:
        return "PAST"
    if tok.lemma_ in _AHEAD and tok.tag_ == "VBN":
        return "FUTURE"  # "(was) planned for early March", "scheduled for Tuesday"
    if tok.tag_ == "VBN" and not words:
        # "the year ended March 31": a participle modifying a noun has no tense of its own,
        # except for verbs that close a period
        return "PAST" if tok.lemma_ in ("end", "close") else None if tok.dep_ == "acl" else "PAST"
    if tok.tag_ == "VBG" and words & _PRESENT_AUX:
        # "is going to", "is meeting on Friday": the progressive usually announces a plan
        return "FUTURE" if tok.lemma_ == "go" or any(c.dep_ == "xcomp" for c in tok.children) else "PRESENT"
    if tok.tag_ in ("VBZ", "VBP") or words & _PRESENT_AUX:
        return "PRESENT"
    return None


class TimesComponent:
    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.dateline_article
        published = getattr(article, "published", None)
        parsed = doc.has_annotation("DEP")
        text = text_of(doc)
        out: list[TimeRef] = []
        reference: str | None = None
        ref_at = -(10**9)
        mentioned: str | None = None
        for s, e in find(text):
            tense = None
            if parsed:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None and len(span):
                    tense = clause_tense(span)
            near = reference if s - ref_at <= REF_SPAN else None
            tx = normalize(
                text[s:e],
                published,
                tense,
                reference=near,
                mentioned=mentioned,
                left=text[max(0, s - 20) : s],
                right=text[e : e + 20],
            )
            if tx is None:
                continue
            # only values the text states, not ones derived from a reference, become references
            if _REFERENCE.fullmatch(tx.value) and _NAMED.search(text[s:e]) and not _SHIFTED.search(text[s:e]):
                reference, ref_at = tx.value, e
            if _EXPLICIT.fullmatch(tx.value) and _NAMES_DATE.search(text[s:e]):
                mentioned = tx.value
            out.append(
                TimeRef(
                    id=f"t{len(out) + 1}",
                    start=s,
                    end=e,
                    text=text[s:e],
                    type=tx.type,
                    value=tx.value,
                    mod=tx.mod,
                    anchor=published,
                )
            )
        doc._.dateline_times = out
        return doc


@Language.factory(
    "dateline_times",
    # also doc._.dateline_article (the publication date), set on the Doc before the pipeline runs
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "token.tag"],
    assigns=["doc._.dateline_times"],
)
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()
