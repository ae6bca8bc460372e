"""Whether an event happened, and when, where and with what toll.

Machine coders over-count because they ignore negation, modality and attribution (the GDELT
protest audit found 21 % of records true: Wang et al. 2016, "Growing pains for global
monitoring of societal events", Science 353). Each event therefore records

* ``negated``: a "not"/"never" on the trigger or its carrying verb, "no" before a nominal
  trigger ("received no request"), or a governing "deny"/"fail to";
* ``hypothetical``: a modal ("will", "would", "could") or an intention head ("plans to",
  "is prepared to") above the trigger;
* ``reported_by``: the speaker of the quote it sits in (``doc._.dateline_quotes``), else the
  subject of the speech verb or "according to" phrase above it;
* ``date``: the time expression governing the clause, else one in the sentence, else the
  publication date at month precision (``date_rule`` says which), ``historical`` when it lies
  more than a year before publication;
* ``place``: see :mod:`.location`;
* ``fatalities``/``injured``: casualty counts of ``doc._.dateline_quantities`` in the clause, as
  reported: a vague count ("dozens") kept as a lower bound with its words, a running total ("the
  war has killed more than 280,000") marked ``cumulative`` and never the event's fatalities.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...records import Quantity
from ...resolve.numbers import read_number
from ...resolve.timex_events import event_date as timex_event_date
from ...resolve.timex_events import is_calendar
from ..doctext import text_of
from ..headline import headline_span
from .lexicon import word_set
from .participants import actor_of, phrase, span_text

_NEG_WORDS = {"not", "n't", "never", "no"}


def _chain(tok: Token, deps=("xcomp", "ccomp", "conj", "advcl", "acomp", "relcl", "pcomp", "pobj", "prep", "dobj")):
    """The token and the heads above it, as long as the link is a clausal/argument one."""
    out = [tok]
    while tok.dep_ in deps and tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def negated(word: Token, anchor: Token) -> bool:
    for t in (word, anchor):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")) for c in t.children):
            return True
    # "No civilians were injured", "killed nobody": a negated patient negates the act.
    for c in anchor.children:
        if c.dep_ in ("nsubjpass", "dobj") and (
            c.lower_ in ("nobody", "none", "nothing")
            or any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in c.children)
        ):
            return True
    # "did not agree to": negation one xcomp up belongs to the event too.
    head = anchor
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head
        if any(c.dep_ == "neg" for c in head.children):
            return True
        if head.lemma_.lower() in word_set("denial_heads"):
            return True
    if anchor.dep_ == "ccomp" and anchor.head.lemma_.lower() in ("deny", "refute"):
        return True
    # "is not a negotiation": a negated copula over a nominal trigger.
    if word.dep_ in ("attr",) and any(c.dep_ == "neg" for c in word.head.children):
        return True
    return False


def hypothetical(anchor: Token) -> tuple[bool, bool, bool]:
    """(hypothetical, by an intention head, conditional): "will provide", "is prepared to
    impose", "will withdraw unless…"."""
    modals = word_set("hypothetical_modals")
    intent = word_set("intent_heads")
    hypo = by_intent = cond = False
    tok = anchor
    for _ in range(4):
        for c in tok.children:
            if c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in modals) and c.lower_ not in ("can", "ca"):
                hypo = True
            if c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in word_set("conditional_marks") for g in g_children(c)
            ):
                cond = True
        if tok.i != anchor.i and tok.lemma_.lower() in intent:
            hypo = by_intent = True
        if tok.dep_ not in ("xcomp", "acomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    return hypo, by_intent, cond and hypo


def g_children(tok: Token):
    return tok.children


def reported_by(doc, word: Token, anchor: Token) -> str | None:
    for q in doc._.dateline_quotes or ():
        c = q.content
        if c.start <= word.idx < c.end and q.speaker is not None:
            return q.speaker.name
    for t in _chain(anchor)[1:]:
        if t.lemma_.lower() in word_set("speech_verbs") and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in word_set("claim_responsibility") for c in t.children
        ):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return _who(subj)
    sent = word.sent
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            objs = [g for g in doc[t.i + 1].children if g.dep_ == "pobj"]
            if objs:
                return _who(objs[0])
    return None


def _who(tok: Token) -> str:
    actor = actor_of(tok)
    if actor is not None:
        return actor.name
    toks = phrase(tok)
    return span_text(toks)


def event_date(doc, anchor: Token, sent: SpacySpan, published: str | None) -> tuple[str | None, str | None]:
    """(value, rule): the time expression governing the clause, else the nearest in the
    sentence, else the publication month (``resolve.timex_events.event_date`` applies the
    rules; this finds the governing one in the parse)."""
    spans = [
        (t, doc.char_span(t.start, t.end, alignment_mode="expand"))
        for t in doc._.dateline_times or ()
        if sent.start_char <= t.start < sent.end_char
    ]
    # "Fabius said on Saturday that ... a massacre that killed hundreds": the day hangs off the
    # reporting verb above the event and dates the saying, not the event
    spans = [(t, span) for t, span in spans if not _dates_the_saying(span, anchor)]
    times = [t for t, _ in spans]
    governing = None
    for t, span in spans:
        if span is None or not is_calendar(t.value):
            continue
        # Governing: the expression hangs off this clause's verb without crossing another verb.
        node = root = span.root
        for _ in range(6):
            if node.i == anchor.i:
                governing = t
                break
            if node.head.i == node.i or (node.i != root.i and node.pos_ == "VERB"):
                break
            node = node.head
        if governing is not None:
            break
    value, rule = timex_event_date(
        times,
        anchor.idx,
        anchor.idx + len(anchor),
        sent.start_char,
        sent.end_char,
        governing=governing,
        published=published,
    )
    return value, (rule if rule != "none" else None)


def _dates_the_saying(span: SpacySpan | None, anchor: Token) -> bool:
    """A time expression hung on a reporting verb whose clause holds the event."""
    if span is None:
        return False
    node = span.root
    for _ in range(6):
        if node.i == anchor.i or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return (
                node.i != anchor.i
                and node.lemma_.lower() in word_set("speech_verbs")
                and node.left_edge.i <= anchor.i <= node.right_edge.i
            )
    return False


def historical(value: str | None, published: str | None) -> bool:
    """More than a year before publication (the event is background, not news)."""
    if not value or not published or not value[:4].isdigit():
        return False
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return False
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else 12
    return (pub.year - year) * 12 + (pub.month - month) > 12


class Toll(NamedTuple):
    """An event's casualties as the clause reports them."""

    fatalities: int | None = None  # a count ("at least 12" is 12); None for a vague one
    fatalities_min: int | None = None  # a vague count's lower bound: "dozens" is at least 12
    fatalities_text: str | None = None  # the words: "dozens of civilians", "at least 12 people"
    cumulative: bool = False  # a running total: "the war has killed more than 280,000"
    injured: int | None = None
    quantity: Quantity | None = None  # the count read, when the quantities component found it


def casualties(doc, anchor: Token, word: Token, sent: SpacySpan, target_head: Token | None) -> Toll:
    """The killed and injured counts of the clause, read as reported: a vague count ("dozens",
    "scores", "hundreds") stays a lower bound with its words, not a number; a running total (a
    war's, since its start) is marked cumulative and is no event's fatalities."""
    lo, hi = anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)
    dead_q = None
    dead = hurt = None
    head = _headline(doc)
    in_head = head is not None and head[0] <= word.idx < head[1]
    for q in doc._.dateline_quantities or ():
        if not (sent.start_char <= q.start < sent.end_char) or not isinstance(q.value, (int, float)):
            continue
        if head is not None and not in_head and head[0] <= q.start < head[1]:
            continue  # a headline the parser ran into the lead counts for the headline, not the lead's clause
        # in the clause, or close by; a clause of hundreds of characters is a parse run through
        # a whole article without full stops, and a count far down it is another event's
        near = (lo <= q.start < hi and abs(q.start - word.idx) < 300) or abs(q.start - word.idx) < 80
        if not near:
            continue
        if q.unit in ("killed", "dead") and dead_q is None:
            dead_q = q
        elif q.unit in ("wounded", "injured") and hurt is None:
            hurt = int(q.value)
    if dead_q is not None:
        total = running_total(doc, anchor, sent, dead_q.start)
        if dead_q.vague or total:
            return Toll(None, int(dead_q.value), dead_q.text, total, hurt, dead_q)
        return Toll(int(dead_q.value), None, dead_q.text, False, hurt, dead_q)
    if target_head is not None and word.lemma_.lower() in ("kill", "die", "killing", "massacre"):
        nums = [c for c in target_head.children if c.dep_ == "nummod"]
        if nums:
            n = read_number(nums[0].lower_.split())
            if n is not None:
                dead = int(n.value)
                if n.vague:
                    return Toll(None, dead, nums[0].text, False, hurt)
                return Toll(dead, None, nums[0].text, False, hurt)
    return Toll(injured=hurt)


def _headline(doc) -> tuple[int, int] | None:
    """Where the article's headline stands in the text (cached on the Doc)."""
    if _HEAD_KEY not in doc.user_data:
        article = doc._.dateline_article
        doc.user_data[_HEAD_KEY] = headline_span(text_of(doc), getattr(article, "title", None))
    return doc.user_data[_HEAD_KEY]


_HEAD_KEY = "dateline_events_headline"


# What a war-long toll is the toll of: "Syria's war has killed more than 280,000", "killed in the
# conflict", "since the uprising began". ACLED and UCDP code events, and a running total is none.
_WAR_NOUNS = {"war", "conflict", "uprising", "revolt", "revolution", "crisis", "insurgency"}


def running_total(doc, anchor: Token, sent: SpacySpan, at: int) -> bool:
    """The count is a running total, not one event's: the war is what killed ("Syria's war has
    killed", "killed in the conflict"), or the count runs since a year or since the war began
    ("since 2011", "since the start of the uprising"). "Since the start of the ceasefire" or
    "since Friday" is the news of the day, no running total."""
    if any(c.dep_ == "nsubj" and _war_phrase(c) for c in anchor.children):
        return True  # "Syria's war has killed more than 280,000"
    lo, hi = anchor.left_edge.i, anchor.right_edge.i + 1
    for t in doc[max(lo, sent.start) : min(hi, sent.end)]:
        low = t.lower_
        if low in ("in", "during", "of") and t.head.i == anchor.i:
            obj = next((g for g in t.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in _WAR_NOUNS:
                return True  # "killed in the conflict"
        if low == "since":
            after = [w.lower_ for w in doc[t.i + 1 : min(t.i + 7, sent.end)]]
            if any(w in _WAR_NOUNS or (w.isdigit() and len(w) == 4) for w in after):
                return True
    return False


def _war_phrase(tok: Token) -> bool:
    """ "the Syrian civil war", "the six-year conflict": a noun phrase headed by a war noun."""
    return tok.lemma_.lower() in _WAR_NOUNS or any(
        c.dep_ == "compound" and c.lemma_.lower() in _WAR_NOUNS for c in tok.children
    )
