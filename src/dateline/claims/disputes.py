"""Contradictions between claims: who disagrees with whom, with both statements side by side.

Pure functions over :class:`Claim` records, used within one article (the
``dateline_contradictions`` component) and across articles (``dateline.link.contradictions``).
Two claims contradict when different speakers say something about the same thing that
cannot both hold:

* **denial**: one asserts what the other denies ("no request to withdraw" against talks "to
  determine the timing of the coalition forces' withdrawal");
* **numeric**: they give incompatible counts of the same thing (12 killed against 3 killed;
  "at least 3" and "12" are compatible);
* **stance**: one favours what the other opposes (welcomes vs. rejects the proposal).

An explicit marker in the text ("contrary to statements out of Baghdad", "disputed", "denied")
naming the other side is strong evidence and raises the confidence; it never creates a
contradiction on its own: both claims must be there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from ..records import Claim, Contradiction, ContradictionType
from ..resolve.textkeys import word_fold as fold
from .accusations import accused_and_denied
from .claim import UNITS, country_of, cues, generic, names, stem, words
from .statements import comparable
from .tolls import YEAR, one_incident, rival, same_places, tolls, updating

MARKER = re.compile(
    r"\b(contrary to|in contrast to|at odds with|contradict(?:ing|ed|s)?|disput(?:ed|ing|es)|"
    r"den(?:ied|ying|ies)|reject(?:ed|ing|s)|refut(?:ed|ing|es)|dismiss(?:ed|ing|es))\b"
    r"(?P<rest>[^.;\n]{0,80})",
    re.I,
)
PARTY = re.compile(r"(?:by|from|out of|of|in)\s+(?:the\s+)?(?P<party>[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)*)")
# Who or what a conflict statement is about, as opposed to what it says happens to them.
REFERENT_WORDS = (
    "troops",
    "civilians",
    "people",
    "fighters",
    "militia",
    "militias",
    "group",
    "forces",
    "members",
    "coalition",
    "nations",
    "militants",
    "armed",
    "military",
    "security",
    "talks",
    "soldiers",
)


@functools.cache
def referent() -> frozenset[str]:
    return frozenset(stem(w) for w in REFERENT_WORDS)


BASE = {"denial": 0.45, "numeric": 0.8, "stance": 0.45}
# One side denies an act another asserts it did (``accusations``): the shape the judged set's true
# denials take; at this level 9 of 10 such pairs were judged true on the 220 conflict reports.
ACCUSED = 0.85
NUMERIC_LINKED = 0.85  # rival tolls of one linked event, told by two outlets' sources (0.80-0.95 within one article)
# Below this a pair is noise: two statements sharing two words with a negation in one of them
# (measured by reading the pairs flagged on 60 PolNeAR dev articles, where such pairs were mostly unrelated).
MIN_CONFIDENCE = 0.6
# What a reader is shown by default: the level the judged set (tests/data/contradictions_judged) scores.
SHOWN = 0.8


def speaker_key(c: Claim) -> str | None:
    """The speaker by resolved name (entity ids are local to one article, names are not)."""
    if c.speaker is None:
        return None
    return fold(c.speaker.name)


def same_side(a: Claim, b: Claim) -> bool:
    """One speaker, or one speaking for the other (Singh, "Deputy Pentagon Press Secretary", for the Pentagon)."""
    if speaker_key(a) == speaker_key(b):
        return True
    sa, sb = a.speaker, b.speaker
    if sa is None or sb is None:
        return False
    # "the army" and "Syrian Army" are one side: compare without the article
    na, nb = (re.sub(r"^(?:the|a|an)\s+", "", fold(sp.name)) for sp in (sa, sb))
    ta, tb = fold(sa.title or ""), fold(sb.title or "")
    return bool((na and na in tb) or (nb and nb in ta) or (na and nb and (na in nb or nb in na)))


def _weight(shared: set[str]) -> float:
    """How much two claims share: referents (troops, forces, people) count half, what happens to them in full."""
    ref = referent()
    return sum(0.5 if k in ref else 1.0 for k in shared)


def _core(c: Claim) -> set[str]:
    """What the claim is about, without names and words too general to tie two claims together."""
    ns = names(c.content.text)
    gen = generic()
    return {k for k in c.proposition if k not in gen and k not in ns and len(k) > 2}


def _surface(stem_: str, claims: Sequence[Claim]) -> str:
    for c in claims:
        for w in words(c.content.text):
            if stem(w) == stem_:
                return fold(w)
    return stem_


@functools.lru_cache(maxsize=4096)
def markers(text: str) -> list[tuple[str, str | None]]:
    """Explicit disagreement markers in a sentence, each with the party it names, if any."""
    out = []
    for m in MARKER.finditer(text):
        party = PARTY.search(m.group("rest"))
        out.append((m.group(1), party.group("party").strip() if party else None))
    return out


def _names_party(party: str, c: Claim) -> bool:
    sp = c.speaker
    if sp is None:
        return False
    p = fold(re.sub(r"^the\s+", "", party, flags=re.I))
    if p and (p in fold(sp.name) or p in fold(sp.title or "") or p in fold(sp.text)):
        return True
    country = country_of(party)
    return bool(country and c.country and country == c.country)


def _evidence(a: Claim, b: Claim) -> tuple[str | None, float]:
    """A marker in one claim's sentence naming the other's speaker (strong), or a bare marker (weak)."""
    best: tuple[str | None, float] = (None, 0.0)
    for x, y in ((a, b), (b, a)):
        context = x.sentence.text if x.sentence else x.content.text
        for marker, party in markers(context):
            if party and _names_party(party, y):
                return f"{marker} {party}".strip(), 0.35
            # "denied"/"rejected" already made the claim a denial; count only markers of disagreement
            if best[1] < 0.1 and not fold(marker).startswith(("den", "reject")):
                best = (marker, 0.1)
    return best


CLAUSE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*|[.;:!?()\[\]—–]")


@functools.lru_cache(maxsize=4096)
def clause_tokens(text: str) -> tuple[str, ...]:
    return tuple(CLAUSE.findall(text))


SCOPE = 12  # tokens a negation reaches to the right within its clause ("received no request ... to withdraw")


def polarity_on(c: Claim, shared: set[str]) -> str:
    """Whether the claim denies the shared subject: a denial cue ("denied that…"), or a negation whose
    clause reaches a shared word within a few tokens (*SEM 2012 negation scope, simplified)."""
    cset = cues()
    if c.cue and any(fold(w) in cset["denial"] for w in words(c.cue)):
        return "denied"
    toks = clause_tokens(c.content.text)
    for i, t in enumerate(toks):
        ft = fold(t)
        if ft in cset["negation"] or ft.endswith("n't"):
            for u in toks[i + 1 : i + 1 + SCOPE]:
                if not u[0].isalnum():
                    break
                if stem(u) in shared:
                    return "denied"
    return "asserted"


def stance_on(c: Claim, obj: set[str]) -> str | None:
    """favour / oppose towards the shared object: the cue verb itself ("rejected"), or a stance word
    shortly before the object in the same clause ("supports the ceasefire"); a negation flips it."""
    cset = cues()
    cue = {fold(w) for w in words(c.cue or "")}
    toks = clause_tokens(c.content.text)
    found = None
    if cue & (cset["favour"] | cset["oppose"]):
        found = "favour" if cue & cset["favour"] else "oppose"
    for i, t in enumerate(toks):
        ft = fold(t)
        if found is None and (ft in cset["favour"] or ft in cset["oppose"]):
            near = toks[i + 1 : i + 1 + SCOPE] + toks[max(0, i - 3) : i]
            if any(stem(u) in obj for u in near if u[0].isalnum()):
                found = "favour" if ft in cset["favour"] else "oppose"
    if found and any(fold(t) in cset["negation"] or fold(t).endswith("n't") for t in toks[:6]):
        return "oppose" if found == "favour" else "favour"
    return found


WINDOW = 12  # tokens: shared words further apart than this are two topics, not one subject


def compact(c: Claim, shared: set[str]) -> set[str]:
    """The largest part of ``shared`` that sits within one WINDOW of the claim's tokens."""
    pos = [(i, stem(t)) for i, t in enumerate(clause_tokens(c.content.text)) if t[0].isalnum()]
    hits = [(i, k) for i, k in pos if k in shared]
    best: set[str] = set()
    for j, (i, _) in enumerate(hits):
        inside = {k for i2, k in hits[j:] if i2 - i <= WINDOW}
        if len(inside) > len(best):
            best = inside
    return best


# Unnamed, open-ended sources: a claim by "experts" or "some" has no side to hold to account.
VAGUE = frozenset(
    "experts expert some all officials official sources source witnesses residents people analysts "
    "observers critics others many reports report they it someone one who aides aide".split()
)


def named(c: Claim) -> bool:
    """A side someone can be held to: an entity, a name, or an institution ("the army"); not "experts"."""
    sp = c.speaker
    if sp is None:
        return False
    ws = [fold(w) for w in words(sp.name) if len(w) > 1]
    return bool(sp.entity) or (bool(ws) and ws[-1] not in VAGUE)


def anchors(c: Claim) -> frozenset[str]:
    """Names around the claim (its sentence): the places and actors that tie it to one event
    ("al-Assad" and "Assad" are one name: the Arabic article is no part of it)."""
    found = names(c.sentence.text if c.sentence else c.content.text) - generic()
    return frozenset(re.sub(r"^(?:al|el)-", "", n) for n in found)


def _pair(
    a: Claim, b: Claim, anchored: bool = False, same_event: bool | None = None, same_story: bool = False
) -> Contradiction | None:
    """``same_event``: whether the two speak of one event (the corpus linker's identity across
    articles); None within an article, where the places and days they name decide.
    ``same_story``: the two articles are about one linked event (their main events are one)."""
    ca, cb = comparable(a), comparable(b)
    if ca is None or cb is None:  # a headline, a link list, a place or date line as "speaker"
        return None
    a, b = ca, cb
    if not (named(a) and named(b)) or same_side(a, b):
        return None
    shared = _core(a) & _core(b)
    # the subject they share must hang together in both statements, not be scattered words
    shared = compact(a, compact(b, shared)) if len(shared) > 1 else shared
    weight = _weight(shared)
    evidence, bonus = _evidence(a, b)
    found: list[tuple[ContradictionType, str, float]] = []
    # numeric: rival tolls of one incident, counting the same people (see ``tolls``)
    subject = shared - set(UNITS) - referent()
    # without the linker (reports compared in memory), two articles' statements are of one
    # incident when they share a name and no place or day sets them apart, as within one article
    # with it, one linked event still spans what the linker could not tell apart (a city's week of
    # shelling): the two must also name something in common and no two places or days
    one = one_incident(a, b) and (not anchored or bool(anchors(a) & anchors(b)))
    if same_event is not None:
        one = one and same_event and bool(anchors(a) & anchors(b)) and same_places(a, b)
    if one and not updating(a, b):
        hit = rival(tolls(a), tolls(b))
        if hit is not None:
            qa, _ = hit
            about = f"number {qa.unit}: {_topic(subject, a, b) if subject else qa.group}"
            # linked by the corpus linker, or sharing what happened and where: one incident
            conf = NUMERIC_LINKED if same_event else BASE["numeric"] + 0.05 * min(_weight(subject), 3)
            found.append((ContradictionType.numeric, about, conf))
    # across articles nothing else says two statements concern one event but a shared name (Nuseirat, Red Sea)
    if anchored and not (anchors(a) & anchors(b)) or not shared:
        shared = set()
        weight = 0.0
    # denial: one asserts what the other denies, on at least two shared core words (one with a marker)
    if (
        shared
        and (weight >= 1.5 or (bonus >= 0.35 and weight >= 1))
        and polarity_on(a, shared) != polarity_on(b, shared)
    ):
        topic = _topic(shared, a, b)
        conf = BASE["denial"] + 0.05 * min(weight, 3)
        if "possible" in (a.modality, b.modality):
            conf -= 0.15
        if any(c.cue and any(fold(w) in cues()["denial"] for w in words(c.cue)) for c in (a, b)):
            conf += 0.1  # "X denied that…": the speaker takes the other side on purpose
        elif any(c.content.text.lstrip()[:1] in '"“' for c in (a, b)):
            conf -= 0.2  # a "not" inside a quoted account ("there was no resistance") denies nobody's claim
        ya, yb = set(YEAR.findall(a.content.text)), set(YEAR.findall(b.content.text))
        if ya != yb:
            conf -= 0.2  # "did not use them on Tuesday" against "used them in 2014": two times, not one claim
        found.append((ContradictionType.denial, topic, conf))
    # an accusation and its denial: few shared words, one act ("the attacks" / "chemical weapons")
    # (across articles the linker's event is wide: the two must also name something in common,
    # unless both articles are about that event, which a denial of it answers)
    act = (
        accused_and_denied(a, b)
        if same_event is None or (same_event and (same_story or anchors(a) & anchors(b)))
        else None
    )
    if act:
        found.append((ContradictionType.denial, _topic(act, a, b), ACCUSED))
    # stance: one favours what the other opposes
    stance_words = {stem(w) for w in cues()["favour"] | cues()["oppose"]}
    obj = {s for s in shared if s not in stance_words}
    if (
        a.stance
        and b.stance
        and obj
        and (_weight(obj) >= 1.5 or (obj and bonus >= 0.35))
        and {stance_on(a, obj), stance_on(b, obj)} == {"favour", "oppose"}
    ):
        conf = BASE["stance"] + 0.05 * min(_weight(obj), 3)
        stance_cues = cues()["favour"] | cues()["oppose"]
        if any(c.cue and fold(c.cue) in stance_cues for c in (a, b)):
            conf += 0.1  # "welcomed", "rejected" as the reporting verb: the stance is the statement
        found.append((ContradictionType.stance, _topic(obj, a, b), conf))
    if not found:
        return None
    # "welcomed" vs. "rejected" is a stance, more specific than a denial
    if any(f[0] == ContradictionType.stance for f in found):
        best = max(f[2] for f in found)
        found = [(k, t, best) for k, t, _ in found if k == ContradictionType.stance]
    kind, about, conf = max(found, key=lambda f: f[2])
    accused = bool(act) and conf == ACCUSED  # accuser and accused are two sides whatever their countries
    if a.country and b.country and not accused:
        # one government, two voices, is weaker than two sides; two countries' voices are the
        # usual shape of a dispute in conflict news
        conf += -0.15 if a.country == b.country else 0.05
    a, b = replace(a, about=about), replace(b, about=about)
    return Contradiction(
        id="", a=a, b=b, about=about, type=kind, confidence=round(min(conf + bonus, 0.95), 2), evidence=evidence
    )


def _topic(shared: set[str], a: Claim, b: Claim) -> str:
    """The shared words in the order the first claim uses them, as it spells them."""
    order = [k for k in a.proposition if k in shared] or sorted(shared)
    return " ".join(_surface(k, (a, b)) for k in order[:4])


def compare(a: Claim, b: Claim, same_event: bool | None = None, same_story: bool = False) -> Contradiction | None:
    """The contradiction between two claims, or None when they can both hold. ``same_event``:
    for claims of two articles, whether the corpus linker made what they tell of one event;
    ``same_story``: whether the two articles' main events are that one event."""
    return _pair(a, b, anchored=same_event is not None, same_event=same_event, same_story=same_story)


MAX_POSTINGS = 500  # a word in more claims than this ties nothing together (blocking, as in record linkage)


def _candidates(claims: list[Claim], events: Mapping[str, frozenset[str]] | None = None) -> list[tuple[int, int]]:
    """Pairs of claims that share at least one core word or linked event, found through an inverted
    index, so a large pool of claims (many reports) is not compared all against all."""
    index: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        for k in _core(c):
            index.setdefault(k, []).append(i)
        for e in (events or {}).get(c.id or "", ()):
            index.setdefault(f"event {e}", []).append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) <= MAX_POSTINGS:
            pairs.update(combinations(posting, 2))
    return sorted(pairs)


def find_all(
    claims: Iterable[Claim],
    *,
    min_confidence: float = MIN_CONFIDENCE,
    prefix: str = "contradiction",
    group: str = "speakers",
    events: Mapping[str, frozenset[str]] | None = None,
    mains: Mapping[str, frozenset[str]] | None = None,
) -> list[Contradiction]:
    """Every contradicting pair, the strongest per dispute, best first.

    A dispute is one pair of sides on one subject: sides are speakers (``group="speakers"``,
    within an article) or articles (``group="articles"``: the Houthis and their spokesman in one
    report against the Pentagon and its spokesman in another is one dispute).

    ``events`` maps a claim's id to the linked events its sentence tells of (the corpus linker's
    identity): across articles, two claims are compared only when they share one. ``mains`` maps
    an article id to the linked events of its main event (what the article is about).
    """

    def sides(c: Contradiction) -> frozenset:
        if group == "articles":
            return frozenset((c.a.article, c.b.article))
        return frozenset((speaker_key(c.a), speaker_key(c.b)))

    claims = list(claims)
    found = []
    for i, j in _candidates(claims, events):
        a, b = claims[i], claims[j]
        across = a.article != b.article
        same = None
        if across and events is not None:  # across articles in a store, the linker says what is one event
            same = bool(events.get(a.id or "", frozenset()) & events.get(b.id or "", frozenset()))
            if not same:  # two outlets' statements of no one linked event: nothing ties them together
                continue
        story = bool(mains and mains.get(a.article or "", frozenset()) & mains.get(b.article or "", frozenset()))
        c = _pair(a, b, anchored=group == "articles" and across, same_event=same, same_story=across and story)
        if c is not None and c.confidence >= min_confidence:
            found.append(c)
    found.sort(key=lambda c: (-c.confidence, c.a.content.start, c.b.content.start))
    # one dispute, many sentences: keep the strongest pair per speakers, type and overlapping subject
    # (a statement answered by two sentences of the same other side, "denied the reports of the
    # attack" and "denied the opposition's claims of chemical weapons use", is one dispute too)
    kept: list[Contradiction] = []
    topics: dict[tuple, list[set[str]]] = {}
    answered: dict[tuple, set[str]] = {}
    for c in found:
        topic = {stem(w) for w in words(c.about)} - {"number"}
        seen = topics.setdefault((c.type, sides(c)), [])
        used = answered.setdefault((c.type, sides(c)), set())
        if not any(topic & t for t in seen) and not {c.a.id, c.b.id} & used:
            seen.append(topic)
            used.update(x for x in (c.a.id, c.b.id) if x)
            kept.append(c)
    return [replace(c, id=f"{prefix}{i}") for i, c in enumerate(kept)]
