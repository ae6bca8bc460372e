"""Page furniture: the parts of a web page that are not the article (link lists, share lines, tags).

News sites wrap an article in "Related" link lists, "Get short URL" share widgets, view counters,
"Tags" lists and comment prompts; extracted to text they run into the article's sentences with no
boundary but a run of spaces. ``strip`` removes the kinds that can be told apart from prose (the
marker and what only furniture contains); ``is_furniture`` tells a claim or sentence that still
carries a marker, so it is not compared as a statement.
"""

from __future__ import annotations

import re

# Each marker with what follows it on the page: a counter, a link list up to the comment prompt.
# A share widget: "Get short URL" and its counters, as the widget prints them: one count after a
# space ("Get short URL 215"), or a 0, more zeros and at most one count
# ("Get short URL  0 214", "Get short URL  0 0 0"). A number after those is the lead's own
# ("Get short URL  0 85 12 Daesh terrorists were killed").
SHARE = re.compile(r"Get short URL(?:\s+Topic\s+[^()]{1,80}\(\d+\))?(?:\s+0(?: 0)*(?: [1-9]\d*)?|\s\d+)?")
# AFP pages on Ahram: "Print  Tweet            Views 729"
PRINT_TWEET = re.compile(r"\bPrint\s+Tweet(?:\s+Views\s+\d+)?")
# Sputnik's page end: "... 430   Related <links> Tags <tags> Community standardsDiscussion Comment via
# Facebook..." runs from the view counter to the end of the page and holds nothing of the article.
PAGE_END = re.compile(
    r"(?:\.\.\.\s+\d*\s+)?(?:Topic\s|Related\s|Tags\s).{0,3000}?Community standards\s*Discussion.*$", re.S
)
COMMENTS = re.compile(r"Community standards\s*Discussion\s*Comment via Facebook\s*Comment via \w+(?: \w+)?\s*$")
# What marks a span as furniture when it is still in the text (a claim built from it is no statement).
MARKERS = re.compile(
    r"Get short URL|\bPrint\s+Tweet\b|\bViews\s+\d+\b|(?:^|\s{2,}|\.\.\.\s+\d*\s+)Related\s|"
    r"(?:^|\s{2,})Tags\s|\bRead also\b|\bupdated \d{4} \d\d\.\d\d\.\d{4}|Date of publication|\bPosted on\b"
)


def strip(text: str) -> str:
    """The text without the furniture that can be told from prose; the rest unchanged."""
    out = PAGE_END.sub("", text)
    out = COMMENTS.sub("", out)
    out = SHARE.sub("", out)
    out = PRINT_TWEET.sub("", out)
    return out.rstrip() if out != text else text


def is_furniture(text: str) -> bool:
    """Whether a span carries page furniture (a link list, share line, tag list, print date)."""
    return bool(MARKERS.search(text))
