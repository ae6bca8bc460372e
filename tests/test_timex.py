"""The TIMEX3 normalizer, grammar and event dating, without spaCy."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dateline.resolve.timex import Timex, event_date, normalize
from dateline.resolve.timex_grammar import find

PUB = "2024-01-25"  # a Thursday, ISO week 4 (the seed article)


@pytest.mark.parametrize(
    "expr, tense, value, type_, mod",
    [
        # weekdays by tense: "said on Thursday" is the publication day, "will meet Monday" ahead
        ("Thursday", "PAST", "2024-01-25", "DATE", None),
        ("Monday", "PAST", "2024-01-22", "DATE", None),
        ("Monday", "FUTURE", "2024-01-29", "DATE", None),
        ("Saturday", None, "2024-01-20", "DATE", None),
        ("last Friday", None, "2024-01-19", "DATE", None),
        ("next Thursday", None, "2024-02-01", "DATE", None),
        ("Wednesday night", "PAST", "2024-01-24TNI", "TIME", None),
        # deictic days and vague references
        ("yesterday", None, "2024-01-24", "DATE", None),
        ("tomorrow", None, "2024-01-26", "DATE", None),
        ("today", None, "2024-01-25", "DATE", None),
        ("now", None, "PRESENT_REF", "DATE", None),
        ("recently", None, "PAST_REF", "DATE", None),
        ("the near future", None, "FUTURE_REF", "DATE", None),
        ("last night", None, "2024-01-24TNI", "TIME", None),
        ("this morning", None, "2024-01-25TMO", "TIME", None),
        # weeks, months, years relative to publication
        ("This week", None, "2024-W04", "DATE", None),
        ("last week", None, "2024-W03", "DATE", None),
        ("next week", None, "2024-W05", "DATE", None),
        ("earlier this month", None, "2024-01", "DATE", None),
        ("last month", None, "2023-12", "DATE", None),
        ("last year", None, "2023", "DATE", None),
        ("next year", None, "2025", "DATE", None),
        ("early next year", None, "2025", "DATE", "START"),
        ("the end of the year", None, "2024", "DATE", "END"),
        ("this weekend", None, "2024-W04-WE", "DATE", None),
        # months and calendar dates: the year inferred from the tense
        ("mid-October", "PAST", "2023-10", "DATE", "MID"),
        ("March", "FUTURE", "2024-03", "DATE", None),
        ("late November", "PAST", "2023-11", "DATE", "END"),
        ("Jan. 14", None, "2024-01-14", "DATE", None),
        ("Dec. 30", "PAST", "2023-12-30", "DATE", None),
        ("Feb. 10", "FUTURE", "2024-02-10", "DATE", None),
        ("January 2020", None, "2020-01", "DATE", None),
        ("Aug. 7, 1998", None, "1998-08-07", "DATE", None),
        ("7 October 2023", None, "2023-10-07", "DATE", None),
        ("July last year", None, "2023-07", "DATE", None),
        ("2019", None, "2019", "DATE", None),
        ("last October", None, "2023-10", "DATE", None),
        # seasons, quarters, halves, decades, centuries
        ("last fall", None, "2023-FA", "DATE", None),
        ("this summer", None, "2024-SU", "DATE", None),
        ("the winter of 1994", None, "1994-WI", "DATE", None),
        ("the third quarter", "FUTURE", "2024-Q3", "DATE", None),
        ("the fourth quarter", "PAST", "2023-Q4", "DATE", None),
        ("the first half of 2023", None, "2023-H1", "DATE", None),
        ("the 1990s", None, "199", "DATE", None),
        ("the mid-1980s", None, "198", "DATE", "MID"),
        ("the '90s", None, "199", "DATE", None),
        ("the 20th century", None, "19", "DATE", None),
        ("fiscal 2023", None, "2023", "DATE", None),
        # offsets
        ("two weeks ago", None, "2024-W02", "DATE", None),
        ("a year ago", None, "2023", "DATE", None),
        ("three days ago", None, "2024-01-22", "DATE", None),
        ("six months ago", None, "2023-07", "DATE", None),
        ("more than a decade ago", None, "201", "DATE", "BEFORE"),
        ("less than a year ago", None, "2023", "DATE", "AFTER"),
        # durations
        ("the next few days", "FUTURE", "PXD", "DURATION", None),
        ("the past two months", None, "P2M", "DURATION", None),
        ("at least 30 days", None, "P30D", "DURATION", "EQUAL_OR_MORE"),
        ("nearly an hour", None, "PT1H", "DURATION", "APPROX"),
        ("more than four hours", None, "PT4H", "DURATION", "MORE_THAN"),
        ("two-year", None, "P2Y", "DURATION", None),
        ("16-hour", None, "PT16H", "DURATION", None),
        ("the first nine months", None, "P9M", "DURATION", None),
        ("two decades", None, "P20Y", "DURATION", None),
        ("5 1/2 hours", None, "PT5H30M", "DURATION", None),
        ("a minute and a half", None, "PT1M30S", "DURATION", None),
        ("2 1/2 years", None, "P2Y6M", "DURATION", None),
        ("half a year", None, "P6M", "DURATION", None),
        ("two dozen years", None, "P24Y", "DURATION", None),
        # sets
        ("daily", None, "P1D", "SET", None),
        ("every quarter", None, "P1Q", "SET", None),
        ("each Thursday", None, "XXXX-WXX-4", "SET", None),
        ("twice a year", None, "P1Y", "SET", None),
        ("Mondays", None, "XXXX-WXX-1", "SET", None),
        ("Tuesday nights", None, "XXXX-WXX-2TNI", "SET", None),
        ("Q3", "PAST", "2023-Q3", "DATE", None),
        ("Q1 2024", None, "2024-Q1", "DATE", None),
        ("the second half", "PAST", "2023-H2", "DATE", None),
        # times of day
        ("10:35 a.m.", None, "2024-01-25T10:35", "TIME", None),
        ("9 p.m. Tuesday", "PAST", "2024-01-23T21:00", "TIME", None),
        ("noon", None, "2024-01-25T12:00", "TIME", None),
        # holidays
        ("midnight Friday", "PAST", "2024-01-19T24:00", "TIME", None),
        ("the middle of October", "PAST", "2023-10", "DATE", "MID"),
        ("a few days", None, "PXD", "DURATION", None),
        ("the latest fiscal year", None, "2023", "DATE", None),
        ("Christmas", "PAST", "2023-12-25", "DATE", None),
        ("Thanksgiving Day", "PAST", "2023-11-23", "DATE", None),
        # an unspecified number of units before / after now (TIMEX2 and TimeML: PXY, PXW)
        ("recent years", None, "PXY", "DURATION", None),
        ("the coming weeks", None, "PXW", "DURATION", None),
        ("year end", None, "2024", "DATE", "END"),
        ("then current", None, "PAST_REF", "DATE", None),
        ("several years ago", None, "PAST_REF", "DATE", None),
        # broadcast transcripts spell years out
        ("January nineteen ninety-seven", None, "1997-01", "DATE", None),
        ("the winter of nineteen ninety-four", None, "1994-WI", "DATE", None),
    ],
)
def test_normalize_against_publication_date(expr, tense, value, type_, mod):
    assert normalize(expr, PUB, tense) == Timex(type_, value, mod)


@pytest.mark.parametrize(
    "expr, value",
    [
        ("mid-October", "XXXX-10"),
        ("Thursday", "XXXX-WXX-4"),
        ("Nov. 25", "XXXX-11-25"),
        ("last year", "XXXX"),
        ("this week", "XXXX-WXX"),
        ("2019", "2019"),  # explicit values need no anchor
        ("three days", "P3D"),
    ],
)
def test_without_publication_date_values_keep_placeholders(expr, value):
    assert normalize(expr, None, "PAST").value == value


@pytest.mark.parametrize(
    "expr, reference, right, value",
    [
        # earnings reports: "a year earlier" shifts the quarter just reported
        ("a year earlier", "1989-Q3", "", "1988-Q3"),
        ("the year-ago quarter", "1989-Q3", "", "1988-Q3"),
        ("the year-earlier period", "1989-Q3", "", "1988-Q3"),
        ("a year earlier", None, "", "1988"),
        ("the quarter", "1989-Q3", "", "1989-Q3"),
        ("the latest quarter", None, "", "1989-Q3"),
        ("the current quarter", "1989-Q3", "", "1989-Q4"),
        ("the quarter", None, " ended July 31, the", "1989-Q2"),
    ],
)
def test_reference_and_context(expr, reference, right, value):
    assert normalize(expr, "1989-10-26", None, reference=reference, right=right).value == value


def test_that_day_needs_a_day_named_before():
    assert normalize("that day", PUB) is None
    assert normalize("that day", PUB, mentioned="2024-01-14") == Timex("DATE", "2024-01-14")


def test_one_day_after_a_modal_is_some_day():
    assert normalize("one day", PUB, left="Islam will ") == Timex("DATE", "FUTURE_REF")
    assert normalize("one day", PUB, left="lasted only ") == Timex("DURATION", "P1D")


def test_for_the_year_is_a_duration():
    # "for the year" names the reporting period (a DATE, like "for the quarter"); "the year
    # ended Sept. 30" and "throughout the year" are spans
    assert normalize("the year", "1989-10-26", left="net income for ").value == "1989"
    assert normalize("the year", "1989-10-26", left="net income for ", right=" ended Sept. 30").value == "P1Y"
    assert normalize("the fiscal year", "1989-10-26", left="In ", right=" ended Jan. 31").value == "P1Y"
    assert normalize("the fiscal year", "1989-10-26", left="should rise throughout ").value == "P1Y"
    assert normalize("the fiscal year", "1989-10-26", left="earnings for ").value == "1989"
    assert normalize("the year", "1989-10-26", left="sales rose during ").type == "DURATION"
    assert normalize("the year", "1989-10-26", left="It was a bad ").value == "1989"


@pytest.mark.parametrize(
    "text, spans",
    [
        ("the Pentagon said on Thursday, contrary to statements", ["Thursday"]),
        ("members of parliament earlier this month signed a petition", ["earlier this month"]),
        ("attacks since mid-October by Iraqi militia groups", ["mid-October"]),
        ("In January 2020, angry over the US killing", ["January 2020"]),
        ("talks with member nations in the next few days", ["the next few days"]),
        (
            "The company earned $4 million in the third quarter, up from a year earlier.",
            ["the third quarter", "a year earlier"],
        ),
        ("He will be in Brussels from Jan. 5 to Jan. 9.", ["Jan. 5", "Jan. 9"]),
        ("the ceasefire held for at least 72 hours", ["at least 72 hours"]),
        ("The summit runs April 24 and 25; turnout rose 5 to 10 percent.", ["April 24", "25"]),
        ("CBS first reported last night that the talks failed", ["last night"]),
        ("troops will arrive by the end of the month", ["the end of the month"]),
        ("He was arrested in December for fraud at the March for Life.", ["December"]),
        ("The index closed at 2082.1, down from 1998.", ["1998"]),
        ("a 6-year-old boy and his 52-year-old father", []),
        ("They may meet in May.", ["May"]),
        ("Shares fell 2% on Friday morning.", ["Friday morning"]),
        ("It published a daily tally; the group met daily.", ["daily", "daily"]),
        ("the future of the coalition mission", []),
        ("compared with a year-earlier loss", ["year-earlier"]),
        ("The talks could take two to three weeks.", ["two to three weeks"]),
        ("Send them back as soon as possible.", []),
        ("Prices could fall this autumn.", ["this autumn"]),
        ("The fighting lasted 10 days before a truce.", ["10 days"]),
        ("Ukraine was ruled from Moscow for centuries.", ["centuries"]),
        # "three days later": TimeBank tags the duration; "later" is a signal, outside the extent
        ("Three days later, the talks resumed.", ["Three days"]),
        ("January nineteen ninety-seven. Atlanta hosts the games.", ["January nineteen ninety-seven"]),
        ("The deal should close by year end, he said.", ["year end"]),
        # names, not times: a TV show, a film, a programme
        ('Baker said on ABC\'s "This Week" that the talks had failed.', []),
        ("Gonzalez said on CBS's ''60 Minutes.''", []),
        ("a picture of Gary Cooper from the film High Noon.", []),
        ("This is VOA Today.", []),
        ("Today, the talks resumed.", ["Today"]),
        # sentence-initial "Now," is a discourse marker; "now" in the clause is a time
        ("The plan failed. Now, he says, it looks different.", []),
        ("The plan failed. Now the talks have resumed.", ["Now"]),
        ("the killing on the night of Oct. 23", ["Oct. 23"]),
        ("For the people of Poland, high noon comes today.", ["today"]),
        ("Protest outside his office, 24 hours a day, seven days a week.", []),
        ("It accounts for more than a quarter of the market.", []),
        ("The quarter-to-quarter comparison was also enhanced.", []),
        ("shares at 50% of the then current market price", ["then current"]),
    ],
)
def test_find_extents_follow_timeml(text, spans):
    assert [text[s:e] for s, e in find(text)] == spans


@dataclass(frozen=True)
class T:
    start: int
    end: int
    type: str
    value: str


SENT = "US jets struck militia bases on Tuesday, a week after the drone attack of Jan. 14, officials said."
TIMES = [
    T(SENT.index("Tuesday"), SENT.index("Tuesday") + 7, "DATE", "2024-01-23"),
    T(SENT.index("a week"), SENT.index("a week") + 6, "DURATION", "P1W"),
    T(SENT.index("Jan. 14"), SENT.index("Jan. 14") + 7, "DATE", "2024-01-14"),
]


@pytest.mark.parametrize(
    "trigger, governing, published, expected",
    [
        ("struck", TIMES[2], PUB, ("2024-01-14", "governing")),
        ("struck", None, PUB, ("2024-01-23", "sentence")),
        ("attack", None, PUB, ("2024-01-14", "sentence")),
        ("said", None, PUB, ("2024-01-14", "sentence")),
    ],
)
def test_event_date(trigger, governing, published, expected):
    s = SENT.index(trigger)
    assert event_date(TIMES, s, s + len(trigger), 0, len(SENT), governing, published) == expected


def test_event_date_falls_back_to_publication_month():
    times = [T(0, 8, "DATE", "PRESENT_REF")]  # vague values never date an event
    assert event_date(times, 10, 15, 0, 40, None, PUB) == ("2024-01", "publication")
    assert event_date([], 10, 15, 0, 40, None, PUB, fallback="week") == ("2024-W04", "publication")
    assert event_date([], 10, 15, 0, 40, None, None) == (None, "none")
    # a time in another sentence does not date the event
    assert event_date(TIMES, 200, 205, 150, 300, None, PUB) == ("2024-01", "publication")


def test_trigger_windows_change_no_match(seed_text, monkeypatch):
    """The speed-up (patterns run only around their key words) must find exactly what a full scan finds."""
    from dateline.resolve import timex_grammar

    text = seed_text + "\nIn the year-ago quarter, fiscal 1989 and the late 1980s; each July; 5 p.m. EST, Nov. 6, 1989."
    fast = find(text)
    monkeypatch.setattr(timex_grammar, "_KEY_RES", {})
    assert find(text) == fast
    assert len(fast) > 10
