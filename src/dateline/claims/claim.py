"""Claims: attributed statements turned into comparable propositions.

A claim is what a speaker says (a Quote from ``dateline_quotes``, or a reported assertion)
reduced to what comparison needs: the content words (stems), polarity (asserted / denied),
modality (certain / possible / planned), stance towards what it names (favour / oppose), the
numbers it gives with what they count, and the speaker's country. No spaCy here: claims are
built from records and text, so ``dateline.link`` can rebuild them from stored reports.

Cue lexicons are package data (``data/claim_cues.json``), shared with the stance model.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources

from ..records import Claim, Modality, Polarity, Quantity, Quote, Span, Speaker, Stance
from ..resolve import numbers as _numbers
from ..resolve.textkeys import word_fold as fold  # accents, case, typographic apostrophe

EXTRACTOR = "dateline_claims"
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
STOP = frozenset(
    "a an the of to in on at for from by with and or but is are was were be been being it its this that these "
    "those as has have had he she they we you i his her their our your us them him me my after before over about "
    "into than then so if says said say told tell will would can could may might just also who what which there "
    "here do does did very more most such any some all out up while when where whose against between during per "
    "not no never nor none n't".split()
)
# Words too general to make two statements "about the same thing" on their own.
# Words too general to make two statements "about the same thing" on their own (stemmed at use).
GENERIC_WORDS = frozenset(
    "government official statement country people state year week day month time today yesterday tomorrow "
    "thursday monday tuesday wednesday friday saturday sunday weekend spokesperson spokesman spokeswoman minister "
    "ministry president press secretary news report work way part number future relationship meeting talk talks "
    "even see going go goes went gone make made take get got like think know want need back still well much many "
    "new first last off away around region regions area areas side issue issues "
    "big good great real really thing things lot kind sort whether because though although since until both each "
    "other another only own same next several every because come came give gave put keep let look seem show "
    "try use call called ask asked point fact case group place right left long high large small whole "
    "percent million billion hundred thousand one two three four five six seven eight nine ten".split()
)
# Near-synonyms news uses for the same referent (troops/forces) or the same outcome (killed/dead).
SYNONYM = {
    "forc": "troop",
    "soldi": "troop",
    "soldier": "troop",
    "dead": "kill",
    "die": "kill",
    "died": "kill",
    "death": "kill",
    "fatal": "kill",
    "fataliti": "kill",
    "live": "kill",
    "wound": "injur",
    "hurt": "injur",
    "withdrew": "withdraw",
    "quit": "withdraw",
    "withdrawn": "withdraw",
    "pullout": "withdraw",
    "exit": "withdraw",
}
UNITS = {
    "kill": "killed",
    "injur": "injured",
    "troop": "troops",
    "arrest": "arrested",
    "displac": "displaced",
    "missil": "missiles",
    "rocket": "rockets",
    "drone": "drones",
    "dron": "drones",
    "strike": "strikes",
    "strik": "strikes",
    "attack": "attacks",
    "airstrik": "strikes",
}
CASUALTY = frozenset(("kill", "injur"))
# The number words claims reads, each on its own ("two dozen" is a 2 and a 12 here; the quantities
# component reads whole phrases), their values from ``resolve.numbers``; and the vague plurals,
# read there with what follows ("tens of thousands") as lower bounds, as the quantities are.
NUMBER_WORDS = tuple(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred dozen".split()
)
_WORD_VALUES = {w: n.value for w in NUMBER_WORDS if (n := _numbers.read_word(w)) is not None}  # all of them
VAGUE_WORDS = (*_numbers.VAGUE, "tens")
# Bounds before a count, read on the text before it and mapped to the four ``interval`` knows.
MODIFIERS = (
    ("at least", "at least"),
    ("more than", "more than"),
    ("over", "more than"),
    ("up to", "up to"),
    ("nearly", "around"),
    ("almost", "around"),
    ("around", "around"),
    ("about", "around"),
    ("some", "around"),
    ("roughly", "around"),
    ("approximately", "around"),
    ("fewer than", "up to"),
    ("less than", "up to"),
)
NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join((*NUMBER_WORDS, *VAGUE_WORDS)) + r")\b", re.I)


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Cue lexicons (``data/claim_cues.json``): negation, denial, hedge, support, plan, favour, oppose…"""
    raw = json.loads(resources.files("dateline.data").joinpath("claim_cues.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper (withdrawal → withdraw, killed → kill): enough to match news paraphrase."""
    w = fold(word).strip("'-")
    if w.endswith("n't"):
        return "not"
    w = re.sub(r"'s?$", "", w)
    if w in SYNONYM:
        return SYNONYM[w]
    for suffix in (
        "ations",
        "ation",
        "ments",
        "ment",
        "ings",
        "ing",
        "als",
        "al",
        "ies",
        "ers",
        "er",
        "ed",
        "es",
        "s",
        "e",
        "y",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return SYNONYM.get(w, w)


@functools.cache
def generic() -> frozenset[str]:
    return frozenset(stem(w) for w in GENERIC_WORDS)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def keywords(text: str) -> tuple[str, ...]:
    """Content stems in order of first appearance, names included (lower-cased)."""
    out: dict[str, None] = {}
    for w in words(text):
        if fold(w) in STOP or w[0].isdigit() or len(w) < 3:
            continue
        out.setdefault(stem(w), None)
    return tuple(out)


HALF_A = re.compile(r"\bhalf an?\s+$", re.I)
ARTICLE_NAME = re.compile(r"(?:al|el)-[A-Z]")


@functools.lru_cache(maxsize=4096)
def names(text: str) -> frozenset[str]:
    """Stems of capitalised words after the first: the names a claim mentions (with the Arabic
    article written small: "al-Assad")."""
    ws = words(text)
    return frozenset(stem(w) for w in ws[1:] if (w[0].isupper() or ARTICLE_NAME.match(w)) and fold(w) not in STOP)


def polarity(content: str, cue: str | None = None) -> Polarity:
    """``denied`` when the statement is negated ("received no request") or its cue is a denial ("denied")."""
    c = cues()
    toks = {fold(w) for w in words(content)} | ({"n't"} if "n't" in fold(content) else set())
    cue_toks = {fold(w) for w in words(cue or "")}
    negated = bool(toks & c["negation"]) or bool(cue_toks & (c["denial"] | c["negation"]))
    return Polarity.denied if negated else Polarity.asserted


def modality(content: str, cue: str | None = None) -> Modality:
    toks = {fold(w) for w in words(content)} | {fold(w) for w in words(cue or "")}
    c = cues()
    if toks & c["possible"]:
        return Modality.possible
    if toks & (c["plan"] - {"to"}) or re.search(r"\bto (?:determine|hold|discuss|start|begin|end)\b", content):
        return Modality.planned
    return Modality.certain


def stance(content: str, cue: str | None = None) -> Stance | None:
    """``favour`` / ``oppose`` towards what the claim names (PLOVER support vs. reject verbs), flipped by negation."""
    c = cues()
    toks = [fold(w) for w in words((cue or "") + " " + content)]
    fav = any(t in c["favour"] for t in toks)
    opp = any(t in c["oppose"] for t in toks)
    if fav == opp:
        return None
    negated = any(t in c["negation"] for t in toks)
    return (Stance.oppose if fav else Stance.favour) if negated else (Stance.favour if fav else Stance.oppose)


def numbers(text: str, offset: int = 0, unitless: bool = False) -> tuple[Quantity, ...]:
    """Counts in the text with what they count (killed, injured, troops…), looked up in a ±6-word window;
    ``unitless`` keeps the counts no unit was found for (unit "") for readers that look further."""
    out = []
    low = fold(text)
    taken = 0  # where the last vague count read ("hundreds of thousands") ended
    for m in NUMBER.finditer(text):
        if m.start() < taken:
            continue
        raw, end, vague = m.group(0), m.end(), False
        word = raw.lower()
        value: int | float
        if word in VAGUE_WORDS:
            following = list(WORD.finditer(text, m.start(), m.start() + 80))[:3]
            num = _numbers.read_number([w.group(0).lower() for w in following])
            if num is None:  # "tens" with no "of thousands"
                continue
            value, vague = num.value, True
            end = taken = following[num.used - 1].end()
            raw = text[m.start() : end]
        elif word in _WORD_VALUES:
            value = _WORD_VALUES[word]
            if word == "dozen" and HALF_A.search(text, 0, m.start()):  # "half a dozen wounded": six
                value = 6
        else:
            try:
                number = float(raw.replace(",", ""))
            except ValueError:
                continue
            value = int(number) if number.is_integer() else number
            if 1900 <= value <= 2100 and "," not in raw:  # a year, not a count
                continue
        after = [stem(w) for w in words(text[end : end + 80])[:6]]
        before = [stem(w) for w in words(text[max(0, m.start() - 60) : m.start()])[-5:]]
        # what happened to them (killed, injured) before who they were (troops): casualty counts matter most
        unit = (
            next((UNITS[w] for w in after if w in CASUALTY), None)
            or next((UNITS[w] for w in after if w in UNITS), None)
            or next((UNITS[w] for w in reversed(before) if w in UNITS), None)
        )
        if unit is None and not unitless:
            continue
        head = low[max(0, m.start() - 16) : m.start()]
        modifier = next((name for cue, name in MODIFIERS if head.rstrip().endswith(cue)), None)
        if modifier is None and vague:
            modifier = _numbers.VAGUE_MODIFIER  # "dozens killed" is at least 12, as the quantities read it
        out.append(
            Quantity(
                value=value,
                text=raw,
                unit=unit or "",
                start=offset + m.start(),
                end=offset + end,
                modifier=modifier,
                extractor=EXTRACTOR,
            )
        )
    return tuple(out)


def interval(q: Quantity) -> tuple[float, float]:
    """The values a reported count allows: "at least 12" is [12, ∞), "around 100" is [80, 120]."""
    v = float(q.value)
    return {
        "at least": (v, float("inf")),
        "more than": (v + 1e-9, float("inf")),
        "up to": (0.0, v),
        "around": (v * 0.8, v * 1.2),
    }.get(q.modifier or "", (v, v))


@functools.lru_cache(maxsize=4096)
def country_of(text: str | None) -> str | None:
    """The country a name or title points to: "Baghdad" → IRQ, "Iraqi Defense Minister" → IRQ, "Pentagon" → USA.

    Country names, demonyms and capitals come from the agents table the event coder uses."""
    if not text:
        return None
    from ..resolve import agents
    from ..resolve.actors import lookup

    entry = lookup(text)
    if entry and entry.country:
        return entry.country
    whole = agents.country_of(text)
    if whole:
        return whole
    for w in words(text):
        if not w[0].isupper():
            continue
        entry = lookup(w)
        if entry and entry.country:
            return entry.country
        hit = agents.country_of(re.sub(r"['’]s?$", "", w.rstrip(".")))
        if hit:
            return hit
    return None


def make(
    content: Span,
    speaker: Speaker | None,
    *,
    cue: str | None = None,
    sentence: Span | None = None,
    article: str | None = None,
    id: str | None = None,
    country: str | None = None,
    source: str | None = None,
) -> Claim:
    """One claim from a statement's content and its speaker."""
    text = content.text
    if country is None and speaker is not None:
        country = country_of(speaker.title) or country_of(speaker.name)
    return Claim(
        speaker=speaker,
        content=content,
        polarity=polarity(text, cue),
        modality=modality(text, cue),
        about=None,
        article=article,
        id=id,
        sentence=sentence,
        cue=cue,
        numbers=numbers(text, content.start),
        proposition=keywords(text),
        stance=stance(text, cue),
        country=country,
        quote=source,
    )


SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")


def split_sentences(content: Span) -> list[Span]:
    """A long quote is several statements: one span per sentence of at least four words."""
    out, start = [], 0
    text = content.text
    for m in list(SENTENCE_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if len(words(piece)) >= 4:
            s = content.start + start + lead
            out.append(Span(s, s + len(piece), piece))
        start = m.end() if m else len(text)
    return out or [content]


def from_quotes(
    quotes: Iterable[Quote], *, article: str | None = None, countries: Mapping[str, str] | None = None
) -> list[Claim]:
    """Claims from the quotes extractor's records, one per sentence of a quote.

    ``countries`` maps Speaker.entity → alpha-3 country (from the entities' actors).
    """
    out: list[Claim] = []
    for q in quotes:
        if q.speaker is None or not q.content.text.strip():
            continue
        country = (countries or {}).get(q.speaker.entity or "") if q.speaker.entity else None
        for piece in split_sentences(q.content):
            out.append(
                make(
                    piece,
                    q.speaker,
                    cue=q.cue.text if q.cue else None,
                    sentence=q.sentence,
                    article=article,
                    id=f"{article or 'doc'}#claim{len(out)}",
                    country=country,
                    source=q.id,
                )
            )
    return out
