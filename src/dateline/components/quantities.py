"""Quantities: numbers with what they count ("2,500 American troops", "at least 12 killed").

spaCy's NER finds CARDINAL spans but neither says what they count nor reads "dozens" or
"at least"; this component scans tokens once, reads the number and the modifier before it
(``resolve.numbers``), and the noun or casualty status it counts. Casualty counts get the status
as their unit ("killed", "dead", "wounded", ...) so an events coder can read fatalities the way
ACLED and UCDP coders do from wire copy; the counted noun stays in ``Quantity.noun``.

Works on a parsed Doc (POS tags and dependencies make it sharper) and on a bare tokenized one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..records import Quantity
from ..resolve.numbers import MODIFIERS, SUFFIXES, TENS, UNITS, VAGUE, VAGUE_MODIFIER, modifier_before, read_number
from .doctext import tokens_of

VERSION = "1.2"  # 1.2: vague counts flagged, comma-stripped toll lists, killed-and-injured counts
if not Doc.has_extension("dateline_quantities"):
    Doc.set_extension("dateline_quantities", default=None)

# Casualty words → the unit an events coder reads (UCDP/ACLED fatality and injury counts).
STATUS = {
    "killed": "killed",
    "slain": "killed",
    "executed": "killed",
    "massacred": "killed",
    "beheaded": "killed",
    "assassinated": "killed",
    "dead": "dead",
    "died": "dead",
    "perished": "dead",
    "wounded": "wounded",
    "injured": "injured",
    "hurt": "injured",
    "missing": "missing",
    "disappeared": "missing",
    "kidnapped": "kidnapped",
    "abducted": "kidnapped",
    "displaced": "displaced",
    "uprooted": "displaced",
    "arrested": "arrested",
    "detained": "arrested",
}
# Verbs before the count: "killing at least 12", "wounded 30 others".
STATUS_VERBS = {
    **{k: v for k, v in STATUS.items() if k not in ("dead", "missing", "died", "perished")},
    "killing": "killed",
    "executing": "killed",
    "wounding": "wounded",
    "injuring": "injured",
    "kidnapping": "kidnapped",
    "abducting": "kidnapped",
    "displacing": "displaced",
    "arresting": "arrested",
    "detaining": "arrested",
    "kill": "killed",
    "kills": "killed",
    "execute": "killed",  # headlines are in the present: "IS executes 70 of its members"
    "executes": "killed",
    "injures": "injured",
    "wounds": "wounded",
    "wound": "wounded",
    "injure": "injured",
}
STATUS_LEMMAS = {
    "kill": "killed",
    "slay": "killed",
    "execute": "killed",
    "massacre": "killed",
    "wound": "wounded",
    "injure": "injured",
    "kidnap": "kidnapped",
    "abduct": "kidnapped",
    "displace": "displaced",
    "arrest": "arrested",
    "detain": "arrested",
    "die": "dead",
}
# Nouns that are themselves a casualty status: "15 deaths", "40 bodies".
STATUS_NOUNS = {
    "death": "dead",
    "deaths": "dead",
    "fatalities": "dead",
    "fatality": "dead",
    "bodies": "dead",
    "body": "dead",
    "corpses": "dead",
    "injuries": "injured",
}
# Between the counted noun and its status: "were reportedly killed", "remain missing".
LINKS = {
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "reportedly",
    "also",
    "later",
    "all",
    "allegedly",
    "feared",
    "believed",
    "to",
    "confirmed",
    "remain",
    "remained",
    "remains",
    "went",
    "now",
    "subsequently",
    "either",
}
PASSIVE = {"was", "were", "is", "are", "be", "been", "being", "remain", "remained", "remains", "went"}
CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "pounds",
    "dinars": "IQD",
    "riyals": "SAR",
    "rubles": "RUB",
    "roubles": "RUB",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "shillings": "shillings",
    "lira": "TRY",
    "yuan": "CNY",
    "yen": "JPY",
    "rupees": "rupees",
    "dirhams": "AED",
    "francs": "francs",
}
# Durations and ages belong to the times component ("three days", "25-year-old").
TIME_UNITS = {
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "decade",
    "century",
    "seconds",
    "minutes",
    "hours",
    "days",
    "nights",
    "weeks",
    "months",
    "years",
    "decades",
    "centuries",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "utc",
    "o'clock",
    "hrs",
    "hrs.",
    "times",
}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "jan.",
    "feb",
    "feb.",
    "mar.",
    "apr",
    "apr.",
    "jun.",
    "jul.",
    "aug",
    "aug.",
    "sep",
    "sep.",
    "sept",
    "sept.",
    "oct",
    "oct.",
    "nov",
    "nov.",
    "dec",
    "dec.",
}
DETERMINERS = {"the", "this", "that", "no", "any", "every", "each", "which", "whichever", "another"}
# A number inside a name is part of the name ("Resolution 2231", "Route 1", "Brigade 47").
NAME_LABELS = {"ORG", "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "LOC"}
STARTS = set(UNITS) | set(TENS) | set(VAGUE) | {"a", "an", "tens"}
GAP = {",", "and", "while", "with", "plus", "whereas"}
NOUN_TAGS = {"NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "VERB"}


class QuantitiesComponent:
    """Writes ``doc._.dateline_quantities``: a list of :class:`Quantity` in text order."""

    version = VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quantities = find_quantities(doc)
        return doc


@Language.factory(
    "dateline_quantities",
    # the tags and the parse where the model gives them (an untagged Doc is read by its words alone)
    requires=[
        "token.dep",
        "token.head",
        "token.lemma",
        "token.pos",
        "token.tag",
        "token.ent_type",
        "token.is_sent_start",
    ],
    assigns=["doc._.dateline_quantities"],
)
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent()


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every count in ``doc`` with what it counts, in text order (one pass over the tokens)."""
    low = [t.lower_ for t in tokens_of(doc)]
    tagged = doc.has_annotation("TAG") or doc.has_annotation("POS")
    found: list[Quantity] = []
    last: tuple[int, int, str | None, str | None, bool] | None = None  # start, end, unit, noun, by-verb
    i, n = 0, len(doc)
    while i < n:
        w = low[i]
        if not (w[:1].isdigit() or w in STARTS or "-" in w and w.split("-")[0] in TENS):
            i += 1
            continue
        num = read_number(low[i : i + 6])
        if num is None or _excluded(doc, low, i, i + num.used, tagged):
            i += 1
            continue
        j = i + num.used
        start = i
        value, high = num.value, None
        if j < n and low[j].rstrip(".") in SUFFIXES and doc[j - 1].whitespace_ == "" and not num.vague:
            value, j = value * SUFFIXES[low[j].rstrip(".")], j + 1  # "€50m" is tokenized "€", "50", "m"
            value = int(value) if float(value).is_integer() else value
        mod, mstart = modifier_before(low, start)
        if mod is None and start > 0 and low[start - 1] in CURRENCY_SIGNS:
            mod, mstart = modifier_before(low, start - 1)
        if j + 1 < n and low[j] in ("to", "-", "–", "—", "or") or (mod == "between" and j < n and low[j] == "and"):
            second = read_number(low[j + 1 : j + 7])
            if second is not None and not second.vague and second.value > value:
                high, j = second.value, j + 1 + second.used
        if mod is None and num.vague:
            mod = VAGUE_MODIFIER  # ACLED: a vague plural is read as its lower bound
        unit, noun, end, status, by_verb = _unit(doc, low, start, j, tagged)
        if unit is None and status is None and last is not None and _elided(doc, low, last, start, j):
            unit, noun = last[2], last[3]
        if status is None and last is not None and last[4] and low[start - 1] in ("and", ",") and last[1] == start - 1:
            status, by_verb = last[2], True  # "killed three soldiers and two civilians"
        if (
            status is None
            and last is not None
            and last[2] in STATUS.values()
            and 0 < mstart - last[1] <= 3
            and (low[mstart - 1] in ("including", "among") or low[mstart - 2 : mstart] == ["among", "them"])
        ):
            status = last[2]  # "at least 20 people, including five children, were killed"
        unit = status or unit
        if status is None and mod is None and value in (0, 1) and high is None:
            unit = None  # "one of the things", "in one tweet": an article, not a count
        if unit is None or (unit in TIME_UNITS):
            i = j
            continue
        qstart = mstart if mod is not None else (start - 1 if start and low[start - 1] in CURRENCY_SIGNS else start)
        span = doc[qstart : max(end, j)]
        found.append(
            Quantity(
                value=value,
                text=span.text,
                unit=unit,
                start=span.start_char,
                end=span.end_char,
                modifier=mod,
                high=high,
                noun=noun,
                vague=num.vague,
            )
        )
        last = (start, max(end, j), unit, noun, by_verb)
        i = max(end, j)
    return found


def _excluded(doc: Doc, low: list[str], i: int, j: int, tagged: bool) -> bool:
    """Dates, clock times, identifiers, pronoun "one": numbers that do not count anything."""
    w = low[i]
    tok = doc[i]
    if tok.ent_type_ in NAME_LABELS:
        return True
    if (i and low[i - 1] in MONTHS) or (j < len(doc) and low[j] in MONTHS):
        return True
    if i and doc[i - 1].text == "Mar" and w.isdigit():
        return True  # "Mar 12": the month ("mar" alone is also a verb, so not in MONTHS)
    if i and low[i - 1] in ("aged", "age", "ages"):
        return True  # ages: "players aged five to 18"
    if j < len(doc) and (low[j] in TIME_UNITS or ":" in low[j]):
        return True
    if len(w) == 4 and w.isdigit() and 1800 <= int(w) <= 2100:
        if i >= 2 and (low[i - 2] in MONTHS or low[i - 2] == "mar") and doc[i - 1].like_num:
            return True  # the year of "Oct 7 2014", with the comma a date line had stripped
        # A year unless a plural count noun follows ("2000 troops" is rare; "in 2019" common).
        nxt = doc[j] if j < len(doc) else None
        if nxt is None or not (
            nxt.tag_ in ("NNS", "NNPS") or (not tagged and nxt.is_alpha and nxt.lower_.endswith("s"))
        ):
            return True
        if i and low[i - 1] in _YEAR_BEFORE:
            return True  # "his 1995 returns", "the 2020 elections"
    if (
        i > 1
        and doc[i - 1].text == "-"
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
        and (doc[i - 2].is_alpha or doc[i - 2].like_num)
    ):
        return True  # "F-16", "COVID-19", the 19 of "an 80-19 vote"; not the dash of "ceasefire - Two civilians"
    if j + 1 < len(doc) and low[j] == "-" and low[j + 1] != "strong" and doc[j + 1].is_alpha:
        return True  # compound modifiers: "a 30-second spot", "a 52-count complaint", "four-year"
    prev = doc[i - 1] if i else None
    if (
        prev is not None
        and prev.is_title
        and prev.is_alpha
        and not prev.is_stop
        and w[:1].isdigit()
        and low[i - 1] not in _MOD_WORDS
        and (not tagged or prev.pos_ == "PROPN")
        and not any(low[k] in STATUS for k in range(j, min(j + 4, len(doc))))
    ):
        # "Resolution 2231", "Route 1", "Patriot 125"; but a title-case headline with its commas
        # stripped runs a place into a toll: "Kurds Close In on Azaz 6 IS Fighters Killed"
        return True
    if w == "one" and ((i and low[i - 1] in DETERMINERS) or (j < len(doc) and low[j] in ("another", "-", "'s"))):
        return True
    if tok.ent_type_ in ("DATE", "TIME") and w[:1].isdigit():
        # NER's DATE/TIME is right about "24 hours" but also grabs ranges: "between 20 and 30 fighters".
        k = j
        while k < len(doc) and k < j + 4 and (doc[k].like_num or low[k] in ("and", "to", "-", "–")):
            k += 1
        return not _count_noun_follows(doc, k)
    return False


_MOD_WORDS = {w for key in MODIFIERS for w in key}
_YEAR_BEFORE = {
    "the",
    "his",
    "her",
    "its",
    "their",
    "our",
    "a",
    "an",
    "in",
    "of",
    "since",
    "until",
    "by",
    "this",
    "that",
}


def _count_noun_follows(doc: Doc, j: int) -> bool:
    return j < len(doc) and doc[j].tag_ in ("NNS", "NNPS", "NN") and doc[j].lower_ not in TIME_UNITS


def _unit(doc: Doc, low: list[str], start: int, j: int, tagged: bool):
    """(unit, noun, end token, casualty status, status came from a verb before the count)."""
    n = len(doc)
    # Percentages and money first: their unit is fixed.
    if j < n and low[j] in ("%", "percent"):
        return "%", None, j + 1, None, False
    if j + 1 < n and low[j] == "per" and low[j + 1] == "cent":
        return "%", None, j + 2, None, False
    if start and low[start - 1] in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[low[start - 1]], None, j, None, False
    if j < n and low[j] in CURRENCY_WORDS:
        return CURRENCY_WORDS[low[j]], None, j + 1, None, False
    k = j
    if k + 1 < n and low[k] == "-" and low[k + 1] == "strong":
        k += 2  # "a 10,000-strong force"
    elif k < n and low[k] == "of":
        k += 1  # "dozens of civilians", "one of the attackers"
        while k < n and low[k] in ("the", "those", "these", "its", "their", "his", "her", "our"):
            k += 1
        if k < n and low[k] in STATUS and k > j + 1:
            return None, None, k + 1, STATUS[low[k]], False  # "nine of the wounded"
    noun = _noun(doc, low, k, tagged) if k < n else None
    end = noun.i + 1 if noun is not None else j
    before = _before(low, start)
    status, by_verb = None, False
    if before == "casualties":
        status, by_verb = "casualties", True
    elif before in STATUS_VERBS:
        # "3 killed 40 injured", "8 persons killed 58 others wounded": a comma-stripped list of
        # counts, each followed by its own status; the word before this count is the last one's.
        listed = _status_after(doc, low, end, j, tagged) if _count_before(doc, low, start) else None
        if listed is not None:
            status, end = listed
        else:
            status, by_verb = STATUS_VERBS[before], True
    elif before == "of" and start >= 2 and "lives" in low[max(0, start - 4) : start]:
        status = "dead"  # "claimed the lives of 40 people"
    if status is None and noun is not None and low[noun.i] in STATUS_NOUNS:
        status = STATUS_NOUNS[low[noun.i]]
    if status is None:
        status, end = _status_after(doc, low, end, j, tagged) or (None, end)
    if status is None and tagged:
        status = _status_by_parse(noun if noun is not None else doc[j - 1])
    if status is None and noun is None and "toll" in low[max(0, start - 6) : start]:
        status = "dead"  # "the death toll rose to 40"
    if status is None and before in _TOLL_LINKS and _toll_before(low, start):
        # "the death toll from air strikes on the town has risen to 61", "a toll of 12": the count
        # is the toll, whatever stands after it ("reached 330 overnight" in comma-stripped copy)
        status = "dead"
        if noun is not None and noun.i > j + 1:
            noun, end = None, j
    unit = noun.lower_ if noun is not None else None
    if unit in CURRENCY_WORDS:
        unit = CURRENCY_WORDS[unit]  # "hundreds of millions of dollars"
    elif unit and noun.i and low[noun.i - 1] in ("square", "cubic"):
        unit = f"{low[noun.i - 1]} {unit}"  # "25,000 square kilometres"
    return unit, (_compound(doc, noun) if noun is not None else None), end, status, by_verb


def _count_before(doc: Doc, low: list[str], start: int) -> bool:
    """A count stands just before the status word that precedes this count ("3 killed 40")."""
    _, at = modifier_before(low, start)
    k = at - 1  # the status word
    return any(doc[m].like_num or low[m] in VAGUE for m in range(max(0, k - 3), k))


def _listed(doc: Doc, low: list[str], k: int) -> bool:
    """A count at k followed by its own status: the "40 injured" of "3 killed 40 injured"."""
    if k >= len(doc) or not doc[k].like_num:
        return False
    return any(low[m] in STATUS for m in range(k + 1, min(k + 3, len(doc))))


_TOLL_LINKS = {"to", "at", "of", "reached", "reaches", "surpassed", "surpasses", "exceeded", "exceeds", "passed"}


def _toll_before(low: list[str], start: int) -> bool:
    """A "toll" earlier in the same sentence: "the death toll from the strikes ... rose to"."""
    for k in range(start - 1, max(-1, start - 16), -1):
        if low[k] in (".", ";", "!", "?"):
            return False
        if low[k] in ("toll", "tolls"):
            return True
    return False


def _compound(doc: Doc, noun: Token) -> str:
    """The noun with the common nouns compounded onto it: "service members", "aid workers"."""
    k = noun.i
    while k > 0 and doc[k - 1].pos_ == "NOUN" and doc[k - 1].dep_ == "compound" and not doc[k - 1].like_num:
        k -= 1
    return doc[k : noun.i + 1].text


def _before(low: list[str], start: int) -> str:
    """The word before the count and its modifier: the verb in "killing at least 12" (a quotation
    mark between them is no word: "'US-led strike kills' 18 civilians")."""
    _, at = modifier_before(low, start)
    if at and low[at - 1] in ("a", "an") and at < start:
        at -= 1
    while at and low[at - 1] in _QUOTES:
        at -= 1
    if not at:
        return ""
    if at >= 3 and low[at - 2] in ("and", "or") and low[at - 1] in _HURT and low[at - 3] in STATUS_VERBS:
        return "casualties"  # "killed or wounded 30 people": the dead and the hurt in one count
    return low[at - 1]


_QUOTES = {"'", '"', "‘", "’", "“", "”", "''", "``"}
_HURT = {"wounded", "injured", "wounding", "injuring", "hurt"}


def _noun(doc: Doc, low: list[str], k: int, tagged: bool) -> Token | None:
    """The head of the noun phrase starting at k: the last noun of "American troops"."""
    best = None
    # A title-case headline, which the tagger reads as names: "6 IS Fighters Killed", "50 Civilians
    # Killed by Coalition Airstrikes": the capitalised plural before the status is what is counted.
    for t in doc[k : k + 3]:
        if t.like_num or low[t.i] in VAGUE:
            break
        if t.is_title and t.lower_.endswith("s") and t.i + 1 < len(doc) and low[t.i + 1] in STATUS:
            return t
    for t in doc[k : k + 5]:
        w = low[t.i]
        if w in STATUS or w in ("in", "of", "and", "or", "to", "from", "were", "was", "are"):
            break
        if w == "more" and t.i + 1 < len(doc) and low[t.i + 1] == "than":
            break  # "412 people more than half of them": a new phrase, not "two more"
        if w in ("others", "more") or (
            w == "other" and (t.i + 1 >= len(doc) or not doc[t.i + 1].is_alpha or low[t.i + 1] in LINKS)
        ):
            return t  # "one other was wounded", "two more died"; not "three other drug dealers"
        if tagged:
            if (
                t.pos_ == "NOUN"
                or t.tag_ == "NNPS"
                or (t.pos_ == "PROPN" and t.lower_.endswith("s") and best is None and t.ent_type_ == "NORP")
            ):
                best = t
            elif t.tag_ == "HYPH" or (t.pos_ in ("ADJ", "PROPN") or t.tag_ == "VBN") and best is None:
                continue
            else:
                break
        else:
            if t.is_alpha and not t.is_stop:
                best = t
            break
    return best


def _status_after(doc: Doc, low: list[str], end: int, j: int, tagged: bool) -> tuple[str, int] | None:
    """ "12 people were killed", "five dead", "two remain missing": the status after the count."""
    k, passive, noun_end = end, False, end
    if k < len(doc) and (low[k] == "including" or low[k : k + 2] == ["among", "them"]):
        # "Two civilians including a child have been killed": with its commas stripped, the
        # inclusion runs on to the verb; skip it to the first linking word.
        m = next(
            (m for m in range(k + 1, min(k + 7, len(doc))) if low[m] in PASSIVE or low[m] in ("have", "has")), None
        )
        if m is not None:
            k = end = m
    while k < len(doc) and low[k] in LINKS and k < end + 4:
        passive = passive or low[k] in PASSIVE
        k += 1
    if k >= len(doc) or low[k] not in STATUS:
        return None
    if (
        k + 2 < len(doc)
        and low[k + 1] in ("and", "or")
        and low[k + 2] in _HURT
        and STATUS[low[k]] in ("killed", "dead")
    ):
        return "casualties", k + 3  # "19 killed and injured": the dead and the hurt counted together
    if not passive and low[k] not in ("dead", "missing") and k + 1 < len(doc):
        nxt = doc[k + 1]
        # "three gunmen killed two soldiers": an active verb with an object counts the killers.
        if _listed(doc, low, k + 1):
            pass  # "3 killed 40 injured": the next count has its own status, it is no object
        elif (
            low[k + 1] in ("a", "an", "the", "two", "at")
            or nxt.like_num
            or (tagged and nxt.pos_ in ("NOUN", "PROPN", "DET", "NUM"))
        ):
            return None
    return STATUS[low[k]], (k + 1 if k == noun_end else noun_end)


def _status_by_parse(tok: Token) -> str | None:
    """The casualty verb governing the count: subject of a passive, object of an active verb.

    Climbs coordination and partitives ("a commander and four of his bodyguards") a few steps.
    """
    for _ in range(4):
        head = tok.head
        lemma = head.lemma_.lower()
        if (
            lemma in STATUS_LEMMAS
            and head.pos_ == "VERB"
            and (tok.dep_ in ("nsubjpass", "dobj") or (tok.dep_ == "nsubj" and lemma == "die"))
        ):
            return STATUS_LEMMAS[lemma]
        for child in tok.children:
            if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in STATUS_LEMMAS:
                return STATUS_LEMMAS[child.lemma_.lower()]
        if tok.dep_ == "conj" or (tok.dep_ == "pobj" and head.lower_ == "of"):
            tok = head if tok.dep_ == "conj" else head.head
        else:
            return None
    return None


def _elided(doc: Doc, low: list[str], last, start: int, j: int) -> bool:
    """ "2,500 American troops in Iraq and 900 in Syria": 900 counts troops too."""
    if last[2] is None or last[2] in ("%",) or last[3] is None:
        return False
    if start - last[1] > 8:
        return False
    if doc.has_annotation("SENT_START") and any(doc[k].is_sent_start for k in range(last[1], start + 1)):
        return False
    if not any(low[k] in GAP for k in range(last[1], start)):
        return False
    after = low[j] if j < len(doc) else "."
    if after in ("in", "at", "on", "from", "inside", "across", "elsewhere"):
        return True  # parallel places: "are stationed in Iraq and about 900 in neighbouring Syria"
    if any(doc[k].pos_ in ("VERB", "AUX") for k in range(last[1], start)):
        return False  # a new clause: "... 4 points; the sample is 651" does not count points
    return after in (",", ".", ";", "and")
