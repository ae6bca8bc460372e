"""The dateline_relevance component: is this article political or conflict news, or crime?

A feed or a crawl brings recipes, software manuals and fan fiction as well as news; their "hits"
and "attacks" are no events. The decision is read from what the article is about, not from its
events (a page full of figurative "hits" must not vouch for itself):

* role nouns of the field's actor dictionaries in the sectors of political, conflict and crime
  news (``troops``, ``rebels``, ``minister``, ``lawmakers``, ``police``, ``prosecutors``: the
  package's agents list and PETRARCH2's Phoenix agents, through :mod:`dateline.resolve.agents`),
  as nouns in the parse;
* names of countries and their peoples (``Syria``, ``Iraqi``), half weight: travel and food
  writing names countries too;
* a story-level discard phrase of PETRARCH2 (``world cup``, ``grand prix``): a sports or
  entertainment story, as PETRARCH discards it, unless the article is plainly news besides;
* first-person narration outside quotation marks (``I``, ``me``, ``my`` throughout): a diary, a
  game journal or a story, not a report, unless the article is plainly news besides.

The score is those mentions per 1000 words; hand-set thresholds (below) say why they are where
they are. A text too short to judge is kept: saying nothing on a one-line report of an attack
costs more than an event on a one-line recipe. Writes a :class:`dateline.records.Relevance` to
``doc._.dateline_relevance``.
"""

from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Relevance
from ..resolve import agents, dictionaries
from .doctext import text_of

VERSION = "1.1"

# The sectors whose role nouns make an article political, conflict or crime news.
_TOPIC_OF = {
    "military": "conflict",
    "rebels": "conflict",
    "militia": "conflict",
    "intelligence": "conflict",
    "government": "political",
    "legislature": "political",
    "party": "political",
    "opposition": "political",
    "IGO": "political",
    "police": "crime",
    "criminals": "crime",
    "judiciary": "crime",
}
# Role nouns whose everyday sense outweighs the political one outside news: a program's "state",
# a "third party", a discussion "forum", "jets" of water, a "force" in physics, the "general" case.
_EVERYDAY = frozenset({"state", "states", "party", "parties", "forum", "forums", "jet", "jets", "force", "general"})
# Below this many words the density says little (a headline and a line); such a text is kept.
MIN_WORDS = 80
# Mentions per 1000 words. Software documentation (the dist-info descriptions of this package's
# dependencies) scores under 5 in nine cases of ten; political reporting names an official, a
# council or a party every few sentences (about 10 per 1000 words and up), war reporting
# (conflict dev) 20 and up in nineteen cases of twenty. 6 keeps the thinnest political page and
# leaves most manuals, recipes and reviews out.
THRESHOLD = 6.0
# A story discard phrase leaves an article out unless it reads as plainly as war news.
DISCARD_OVERRIDE = 20.0
_VIOLENT = frozenset({"ASSAULT", "COERCE"})
# First-person singular words outside quotation marks per 1000 words. A report quotes its "I"s; an
# opinion column or a letter to the editor says "I" now and then (up to about 12 per 1000 words in
# the political pages of web dev, 7 at most in conflict dev); a diary, a game journal or a story
# narrates in the first person throughout (40 and up: one word in 25).
FIRST_PERSON = 30.0
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
_WORD_OR_QUOTE = re.compile(r"[“”\"]|[^\W\d_]+")


@functools.lru_cache(maxsize=65536)
def _topic(word: str) -> str | None:
    if word in _EVERYDAY:
        return None
    return _TOPIC_OF.get(agents.sector_of(word) or "")


@functools.lru_cache(maxsize=4096)
def _country(name: str) -> bool:
    return agents.country_of(name) is not None


@functools.cache
def _story_discards() -> re.Pattern[str]:
    words = sorted(dictionaries.discards()[1], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def judge(doc: Doc) -> Relevance:
    """The relevance of a parsed article (see the module's docstring)."""
    words = 0
    roles: dict[str, int] = {}
    for tok in doc:
        if not tok.is_alpha:
            continue
        words += 1
        # As a noun only: "official documentation", "to state" are no officials.
        if tok.pos_ in ("NOUN", "PROPN") and len(tok) > 2:
            topic = _topic(tok.lower_)
            if topic is not None:
                roles[topic] = roles.get(topic, 0) + 1
    countries = sum(1 for e in doc.ents if e.label_ in ("GPE", "NORP") and _country(e.text))
    score = round(1000 * (sum(roles.values()) + countries / 2) / max(words, 1), 1)
    topic = _main_topic(roles, doc)
    counts = ", ".join(f"{n} {t}" for t, n in sorted(roles.items(), key=lambda kv: -kv[1]))
    about = f"{score} role nouns ({counts or 'none'}) and country names per 1000 words"
    if words < MIN_WORDS:
        return Relevance(True, topic if roles else None, score, f"too short to judge ({words} words): kept")
    found = _story_discards().search(text_of(doc).lower())
    if found is not None and score < DISCARD_OVERRIDE:
        return Relevance(False, None, score, f"a sports or entertainment story ({found.group(0)!r}); {about}")
    narrated = first_person(text_of(doc))
    if narrated >= FIRST_PERSON and score < DISCARD_OVERRIDE:
        return Relevance(
            False, None, score, f"a first-person narrative ({narrated} I/me/my outside quotes per 1000 words); {about}"
        )
    if score < THRESHOLD:
        return Relevance(False, None, score, f"neither political, conflict nor crime news: {about}")
    return Relevance(True, topic, score, f"{topic} news: {about}")


def first_person(text: str) -> float:
    """First-person singular words outside quotation marks per 1000 words; a quotation is
    closed at the end of its paragraph at the latest (a quote mark left open by extraction)."""
    words = first = 0
    for para in text.split("\n"):
        quoted = False
        for m in _WORD_OR_QUOTE.finditer(para):
            w = m.group(0)
            if w in '“”"':
                quoted = w == "“" or (w == '"' and not quoted)
                continue
            words += 1
            # "I" as a word only in capitals: a lower-case "i" is a list mark or a variable
            first += not quoted and w.lower() in _FIRST_PERSON and w != "i"
    return round(1000 * first / max(words, 1), 1)


def _main_topic(roles: dict[str, int], doc: Doc) -> str | None:
    """The topic with the most role nouns; conflict where a violent event has an armed party
    (a war report names officials as often as soldiers)."""
    for e in doc._.dateline_events or ():
        if e.type in _VIOLENT and not e.negated and not e.hypothetical:
            if any(a is not None and _TOPIC_OF.get(a.sector or "") == "conflict" for a in (e.source, e.target)):
                return "conflict"
    return max(roles, key=lambda t: roles[t]) if roles else None


for _name in ("dateline_relevance", "dateline_events", "dateline_article"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class RelevanceComponent:
    def __init__(self) -> None:
        self.version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_relevance = judge(doc)
        return doc


@Language.factory(
    "dateline_relevance",
    requires=["doc.ents", "doc._.dateline_events", "token.pos"],
    assigns=["doc._.dateline_relevance"],
)
def make_relevance(nlp: Language, name: str) -> RelevanceComponent:
    return RelevanceComponent()


__all__ = ["RelevanceComponent", "make_relevance", "judge", "first_person", "VERSION"]
