"""The Article builder every reader shares: text or HTML to ``Article``, or an InputError naming
the input and why (empty, binary, not UTF-8, not English).

A headline first line becomes the title; a wire dateline ("ERBIL, Kurdistan Region - ") is found
once here and carried on ``Article.dateline``, so no component has to match it again. When no
publication date is given, the one printed at the head of the text ("Wed 05 Apr 2017",
"Posted on April 19 2017 by", "AFP  Saturday 21 Jun 2014") is read as a reader reads it
(``published_source`` "text"), so relative dates and event dates resolve against it.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from dateutil import parser as dateparse

from ..deadline import TIME_LIMIT, TimeLimitExceeded, time_limit
from ..errors import InputError
from ..records import Article, PublishedSource, Span
from . import furniture
from .encoding import decode_bytes
from .language import CONFIDENT, NO_LANGUAGE, identify

# what every reader yields: an article, or the reason one input is not one
Item = Article | InputError

MAX_BYTES = 10 * 1024 * 1024  # one article; a wire report is ~5 KB, a long feature ~100 KB

# "ERBIL, Kurdistan Region - ", "BAGHDAD (Reuters) — ", "WASHINGTON, Jan 25 (AP) -- ", and the
# underscore of AP's wire copy: "NAIROBI, Kenya (AP) _ "
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z.](?:,\s*[A-Z][\w'’.\- ]{1,40}?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"\s*(?:\((?P<agency>[^)]{1,30})\))?\s*(?:-{1,2}|–|—|_)(?:\s+|$)"
)

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

# English function words: a text where under 8 % of the words are these is not English whatever
# the identifier says (it is the cheap first test; py3langid then catches German, Hungarian ...
# pages that share enough short words with English to pass it).
_ENGLISH = frozenset(
    "the of and to in a is that for on with as was by it said at from has have be are "
    "an this which not were or but its their been had will would who they he she".split()
)


def article_from_text(text: str, id: str = "article", published: str | None = None, **meta) -> Article:
    """An Article from plain text: a headline first line becomes the title, a dateline is found.
    Page furniture the text still carries (share widgets, a "Related"/"Tags" page end) is dropped
    first (:mod:`.furniture`): it is no part of the article and no statement of anyone."""
    text = furniture.strip(text)
    title = meta.pop("title", None) or _headline(text)
    dateline, dateline_date = _find_dateline(text)
    source = PublishedSource.input if published else None
    if not published and dateline_date:
        published, source = dateline_date, PublishedSource.dateline
    if not published:
        published = published_in_head(text)
        source = PublishedSource.text if published else None
    return Article(
        id=id,
        text=text,
        title=title,
        published=published,
        published_source=meta.pop("published_source", None) or source,
        dateline=dateline,
        **meta,
    )


def article_from_html(html: str, id: str, published: str | None = None, origin: str | None = None, **meta) -> Article:
    """An Article from a web page through trafilatura: text, title, date, author, site."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        # lxml is quadratic on some markup (100,000 attributes on one tag took minutes)
        with time_limit(TIME_LIMIT):
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except TimeLimitExceeded:
        raise InputError(origin or id, f"HTML extraction took longer than {TIME_LIMIT:g} s") from None
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(origin or id, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(origin or id, "no article text found in the HTML")
    title = meta.pop("title", None) or getattr(doc, "title", None)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    source = "input" if published else None
    date = getattr(doc, "date", None)
    if not published and date:
        published, source = str(date)[:10], "html"
    art = article_from_text(
        text,
        id=id,
        published=published,
        title=title,
        origin=origin,
        url=meta.pop("url", None) or getattr(doc, "url", None),
        author=getattr(doc, "author", None),
        source=meta.pop("source", None) or getattr(doc, "sitename", None),
        **meta,
    )
    if source == "html":
        art = Article(**{**art.__dict__, "published_source": PublishedSource.html})
    return art


def decode(raw: bytes, origin: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``raw`` or a clear reason why not (empty, too large, binary); see ``decode_page``."""
    return decode_page(raw, origin, max_bytes)[0]


def decode_page(
    raw: bytes, origin: str, max_bytes: int = MAX_BYTES, content_type: str | None = None, html: bool = False
) -> tuple[str, str]:
    """(text, encoding) of ``raw``: UTF-8, else the charset the HTTP header or (HTML) the page
    declares, else the one detected (:mod:`dateline.sources.encoding`); InputError for what is
    empty, too large or binary."""
    if len(raw) > max_bytes:
        return _raise(origin, f"too large (over {max_bytes / 1e6:.0f} MB an article)")
    if not raw.strip():
        return _raise(origin, "empty input")
    text, encoding, _ = decode_bytes(raw, origin, content_type, html)
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        return _raise(origin, "binary content, not text (control characters)")
    return text, encoding


def check_text(text: str, origin: str) -> str | None:
    """Reject what the English pipeline cannot read: no words, not English, not Unicode. Returns
    the language identified ("en"), or None for a text too short to tell (under 20 words)."""
    check_unicode(text, origin, "text")
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < 3:
        raise InputError(origin, "no article text to analyze (no words)")
    if len(words) < 20:
        return None
    if sum(w in _ENGLISH for w in words) / len(words) < 0.08:
        raise InputError(origin, "not English (dateline reads English news only)")
    lang, prob = identify(text)
    # "zxx" is the identifier's "no language content" (lists, codes, made-up words): no other
    # language is named, and the text passed the English function-word test above
    if lang not in ("en", NO_LANGUAGE) and prob >= CONFIDENT:
        raise InputError(
            origin, f"not English (identified as {lang!r}, p={prob:.2f}; dateline reads English news only)"
        )
    return "en"


def checked(art: Article, origin: str, encoding: str | None = None) -> Article:
    """``art`` once ``check_text`` accepts it, with its language and encoding recorded."""
    language = check_text(art.text, origin)
    return dataclasses.replace(art, language=language, encoding=encoding or art.encoding)


def check_unicode(value: str, origin: str, what: str) -> None:
    """Reject a string with a lone surrogate (JSON's "\\ud800" escape decodes to one): it cannot be
    written out as UTF-8, so it would fail later, in spaCy, the store or the output."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            origin, f"{what} is not valid Unicode (lone surrogate U+{ord(value[exc.start]):04X} at offset {exc.start})"
        ) from None


def _raise(origin: str, reason: str):
    raise InputError(origin, reason)


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def normalize_date(value) -> str | None:
    """'2024-01-25', '2024-01-25T10:00:00Z' → '2024-01-25'; anything else → None."""
    if not isinstance(value, str):
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _headline(text: str) -> str | None:
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if (
        sep
        and rest.strip()
        and 0 < len(first) <= 200
        and not first.endswith((".", ":", ","))
        and not _DATELINE.match(first)
    ):  # a dateline on a line of its own is no headline
        return first
    return None


def _find_dateline(text: str) -> tuple[Span | None, str | None]:
    """The dateline at the head of the first paragraphs: 'ERBIL, Kurdistan Region - '."""
    offset = 0
    for para in text.split("\n")[:4]:
        m = _DATELINE.match(para)
        if m and not m["place"].isdigit():
            place = m["place"].rstrip()
            when = _dateline_date(m["date"]) if m["date"] else None
            return Span(offset + m.start("place"), offset + m.start("place") + len(place), place), when
        offset += len(para) + 1
    return None, None


# A publication date as outlets print it above or beside the headline: a weekday perhaps, then
# day month year, month day year, or all in digits ("Wed 05 Apr 2017", "Aug. 1 2016", "24.08.2013").
# The year is required: a page states its own date in full, and "on March 25" in a lead is the
# event's day, not the page's. This only finds where a date stands; dateutil reads it.
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_HEAD_DATE = re.compile(
    rf"(?<![\w.-])(?:(?P<weekday>{_WEEKDAY})\s+)?"
    rf"(?P<date>{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|\d{{1,2}}(?P<sep>[./-])\d{{1,2}}(?P=sep){_YEAR}|{_YEAR}-\d\d-\d\d)(?![\w.-]*\d)",
    re.IGNORECASE,
)
HEAD_CHARS = 300  # the head: headline, byline and date line; later dates are the story's own
# Words that introduce the page's date ("Posted on", "Date of publication", "Updated:").
_PUB_CUE = re.compile(
    r"(?:posted|published|updated|date of publication|publication date|dated?)(?:\s+on)?\s*:?\s*$", re.I
)
# A date governed by a preposition or a verb's word is inside a sentence: "killed on 5 April 2017",
# "since 15 March 2011". A page's own date stands alone: at the start, after a line break or a
# wide gap, after a dash or a byline word ("AFP  Saturday 21 Jun 2014").
_IN_SENTENCE = re.compile(r"\b[a-z]+,? ?$")


def published_in_head(text: str) -> str | None:
    """The publication date printed at the head of the text (YYYY-MM-DD), or None.

    Looks at the first ``HEAD_CHARS`` characters only and takes the first date that stands apart
    from a sentence; a date a preposition governs ("on 5 April 2017") is the story's, not the page's.
    """
    head = text[:HEAD_CHARS]
    for m in _HEAD_DATE.finditer(head):
        before = head[: m.start()]
        if not _PUB_CUE.search(before) and _IN_SENTENCE.search(before):
            continue
        try:
            when = dateparse.parse(m["date"].replace(",", " "), dayfirst=True)
        except (ValueError, OverflowError):
            continue
        return when.date().isoformat()
    return None


def _dateline_date(text: str) -> str | None:
    m = re.match(r"([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})", text)
    if not m or m[1].lower() not in _MONTHS:
        return None
    try:
        return date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])).isoformat()
    except ValueError:
        return None
