"""Quotes and speakers in real news phrasing: who said what, as a careful reader attributes it."""

from __future__ import annotations

import pytest
import spacy

from dateline.components.quotes import marks
from dateline.records import Article
from dateline.resolve import speakers as rs


# ------------------------------------------------------------------ quotation marks (pure text)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("“A,” she said. “B.”", ["“A,”", "“B.”"]),
        ('He said "we will win" on Friday.', ['"we will win"']),
        ("''Bill Clinton is well aware,'' said Alan Krueger.", ["''Bill Clinton is well aware,''"]),
        ("``We will not leave,'' he said.", ["``We will not leave,''"]),
        ("Trump: ‘I will win’", ["‘I will win’"]),
        ("« Nous resterons », a-t-il dit.", ["« Nous resterons »"]),
        # nested: only the outer quotation counts
        ("“They called it ‘a disgrace,’ and left,” he said.", ["“They called it ‘a disgrace,’ and left,”"]),
        # apostrophes are not marks
        ("Clinton’s aides don’t expect it before the ’90s rules change.", []),
        # a quotation left open runs to its paragraph's end; the next paragraph reopens it
        ("“We will stay.\n\n“We will not leave.”", ["“We will stay.", "“We will not leave.”"]),
        # an opening mark typed for a closing one
        ("“The reality is, she could lose,“ said Jim Clyburn.", ["“The reality is, she could lose,“"]),
        # unbalanced: never a crash
        ("He said ” and then “", ["“"]),
        ("", []),
    ],
)
def test_regions(text, expected):
    assert [text[r.start : r.end] for r in marks.regions(text)] == expected


@pytest.mark.parametrize(
    "text, span, kind",
    [
        ("“We've received no request,” she said.", "“We've received no request,”", "direct"),
        (
            "Trump said voter fraud “would be one hell of a way to lose.”",
            "voter fraud “would be one hell of a way to lose.”",
            "mixed",
        ),
        ("She said these talks have not included a request.", "these talks have not included a request", "indirect"),
    ],
)
def test_kind(text, span, kind):
    s = text.index(span)
    assert marks.kind(text, marks.regions(text), [(s, s + len(span))]) == kind


# ------------------------------------------------------------------ speaker resolution (pure)
PEOPLE = [
    rs.Mention("Sabrina Singh", "PERSON", 10, 23, "e1", "Deputy Pentagon Press Secretary"),
    rs.Mention("Thabet al-Abassi", "PERSON", 100, 116, "e2", "Iraqi Defense Minister"),
    rs.Mention("Pentagon", "ORG", 120, 128, "e3"),
]


@pytest.mark.parametrize(
    "short, full, expected",
    [
        ("Singh", "Sabrina Singh", True),
        ("al-Sudani", "Mohammed Shia’ al-Sudani", True),
        ("Singh’s", "Sabrina Singh", True),
        ("Sabrina Singh", "Sabrina Singh", False),
        ("Sing", "Sabrina Singh", False),
    ],
)
def test_surname_of(short, full, expected):
    assert rs.surname_of(short, full) is expected


def test_it_is_an_organisation_and_they_stays_as_written():
    assert rs.by_pronoun("it", 200, PEOPLE, []).name == "Pentagon"
    assert rs.by_pronoun("they", 200, PEOPLE, []) is None


def test_pronoun_takes_last_person_speaker_over_last_person_named():
    speakers = [rs.Mention("Sabrina Singh", "PERSON", 10, 23)]
    assert rs.by_pronoun("she", 200, PEOPLE, speakers).name == "Sabrina Singh"
    assert rs.by_pronoun("he", 200, PEOPLE, []).name == "Thabet al-Abassi"
    assert rs.by_pronoun("he", 5, PEOPLE, []) is None  # nobody named before it


@pytest.mark.parametrize(
    "head, expected", [("minister", "Thabet al-Abassi"), ("secretary", "Sabrina Singh"), ("general", None)]
)
def test_role_noun(head, expected):
    hit = rs.by_role(head, 300, PEOPLE)
    assert (hit.name if hit else None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the Pentagon", "Pentagon"),
        ("The Pentagon", "Pentagon"),
        ("a US official", "a US official"),
        ("Singh,", "Singh"),
    ],
)
def test_display(text, expected):
    assert rs.display(text) == expected


# ------------------------------------------------------------------ the component on parsed news
@pytest.fixture(scope="module")
def quotes():
    from dateline import Pipeline

    p = Pipeline(components=("dateline_entities", "dateline_quotes"))

    def run(text: str):
        return p.analyze(Article(id="t", text=text)).quotes

    return run


def find(qs, needle):
    return next((q for q in qs if needle in q.content.text or any(needle in f.text for f in q.content.fragments)), None)


@pytest.mark.parametrize(
    "text, needle, speaker, cue, kind",
    [
        # cue after the quotation, with title and name
        (
            (
                "“We've received no request from the government of Iraq to withdraw our forces,” Deputy Pentagon Press "
                "Secretary Sabrina Singh told reporters during a press briefing."
            ),
            "received no request",
            "Sabrina Singh",
            "told",
            "direct",
        ),
        # inverted cue
        (
            "“The deal is dead,” said Senator John Thune, a Republican from South Dakota.",
            "The deal is dead",
            "John Thune",
            "said",
            "direct",
        ),
        # cue before, colon
        (
            "Secretary of State Antony Blinken told reporters on Friday: “We are not seeking a wider war.”",
            "not seeking a wider war",
            "Antony Blinken",
            "told",
            "direct",
        ),
        # warned + that-clause
        (
            "The United Nations warned that the humanitarian situation in Gaza was deteriorating fast.",
            "the humanitarian situation",
            "United Nations",
            "warned",
            "indirect",
        ),
        # mixed: indirect speech with a quoted fragment
        (
            (
                "Iraqi Defense Minister Thabet al-Abassi said the commission will hold talks “to determine the timing of "
                "the coalition forces' withdrawal.”"
            ),
            "determine the timing",
            "Thabet al-Abassi",
            "said",
            "mixed",
        ),
        # according to
        (
            "According to the Syrian Observatory for Human Rights, at least 12 fighters were killed in the strikes.",
            "at least 12 fighters",
            "Syrian Observatory for Human Rights",
            "According to",
            "indirect",
        ),
        # inverted indirect: CLAUSE, X said
        (
            "The United States has not received a request to withdraw its troops, the Pentagon said on Thursday.",
            "has not received a request",
            "Pentagon",
            "said",
            "indirect",
        ),
        # in a statement / told Y that
        (
            "The Iraqi foreign ministry said in a statement that the strikes were a violation of Iraqi sovereignty.",
            "a violation of Iraqi sovereignty",
            "Iraqi foreign ministry",
            "said",
            "indirect",
        ),
        (
            "Hamas told Egyptian mediators on Monday that it would not accept a temporary truce.",
            "would not accept a temporary truce",
            "Hamas",
            "told",
            "indirect",
        ),
        # guillemets
        (
            (
                "« Nous ne partirons pas », a déclaré le ministre. The minister spoke in Paris.\n\n"
                "«We will not leave Iraq,» the French defense minister told reporters."
            ),
            "We will not leave Iraq",
            "French defense minister",
            "told",
            "direct",
        ),
        # denial with a noun phrase
        ("Hamas denied the allegations on Sunday.", "the allegations", "Hamas", "denied", "indirect"),
        # colon attribution in a headline
        (
            "Pat Caddell: “The establishment is terrified of Trump voters”\n\nThe pollster spoke on Monday.",
            "establishment is terrified",
            "Pat Caddell",
            ":",
            "direct",
        ),
        # dash attribution
        (
            "“Great speech. She's tested. She's ready. She never quits.” — Barack Obama\n\nThe convention ended.",
            "She never quits",
            "Barack Obama",
            "—",
            "direct",
        ),
        # straight and doubled marks
        (
            '"We will respond at a time of our choosing," a US official said.',
            "respond at a time",
            "a US official",
            "said",
            "direct",
        ),
        (
            "''We're taking a longer view of what we are building,'' Mr. Pruzan said.",
            "taking a longer view",
            "Pruzan",
            "said",
            "direct",
        ),
        # the small model tags "Tulsa" a verb here; the words after the quotation still say who spoke
        (
            (
                "The Department of Justice is investigating the shooting.\n“I will just make this promise to you: We will "
                "achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday."
            ),
            "achieve justice",
            "Chuck Jordan",
            "said",
            "direct",
        ),
        # a reader's letter signed with a horizontal bar
        (
            "“Trump must stop portraying Latinos as dangerous gangsters.” ― Carla Sanchez\n",
            "dangerous gangsters",
            "Carla Sanchez",
            "―",
            "direct",
        ),
        # a transcript line
        (
            "MATTHEWS: Well, speculation is bad for everyone in this market.\n",
            "speculation is bad",
            "MATTHEWS",
            ":",
            "indirect",
        ),
        # a parenthetical cue inside the reported clause
        (
            "African-Americans, he said, can rock like Jimi and stir the pot like Richard Pryor.",
            "rock like Jimi",
            "he",
            "said",
            "indirect",
        ),
        # nominal cues
        (
            "Trump’s claim that the election was rigged against him drew a rebuke from Republicans.",
            "the election was rigged",
            "Trump",
            "claim",
            "indirect",
        ),
        (
            "A statement from the Pentagon that the strikes would continue drew criticism in Baghdad.",
            "the strikes would continue",
            "Pentagon",
            "statement",
            "indirect",
        ),
        # a quoted fragment in the complement of a verb outside the lexicon
        (
            "Sanders credited Clinton's victory to “a closed primary, something I am not all that enthusiastic about.”",
            "a closed primary",
            "Sanders",
            "credited",
            "mixed",
        ),
        # what was called for
        (
            "Senator Bernie Sanders called for a political revolution on Tuesday.",
            "a political revolution",
            "Bernie Sanders",
            "called for",
            "indirect",
        ),
    ],
)
def test_attribution(quotes, text, needle, speaker, cue, kind):
    q = find(quotes(text), needle)
    assert q is not None, f"no quote holding {needle!r}"
    assert speaker in q.speaker.name
    assert q.cue.text == cue
    assert q.kind == kind
    assert text[q.speaker.start : q.speaker.end] == q.speaker.text


@pytest.mark.parametrize(
    "text, needle, speaker_text, name",
    [
        # pronoun → the last person who spoke
        (
            (
                "Deputy Pentagon Press Secretary Sabrina Singh spoke to reporters on Thursday.\n\n"
                "“Our Iraqi partners have assured us of their commitment,” she added."
            ),
            "assured us",
            "she",
            "Sabrina Singh",
        ),
        # short name → full name
        (
            (
                "Deputy Pentagon Press Secretary Sabrina Singh spoke on Thursday.\n\n"
                "The Pentagon’s Singh said these talks have not included a request from Baghdad."
            ),
            "have not included",
            "The Pentagon’s Singh",
            "Sabrina Singh",
        ),
        # role noun → the person holding that title
        (
            (
                "Iraqi Defense Minister Thabet al-Abassi met coalition envoys in Baghdad.\n\n"
                "The minister said the talks would begin next week."
            ),
            "the talks would begin",
            "The minister",
            "Thabet al-Abassi",
        ),
        # the subject outranks the object (centering), and a subject inside reported speech is not a referent
        (
            (
                "Bernie Sanders apologized to Hillary Clinton during the debate.\n\n"
                "“This is not the type of campaign that we run,” he said."
            ),
            "not the type of campaign",
            "he",
            "Bernie Sanders",
        ),
        (
            (
                "Sandy Phillips said that Bernie Sanders had treated her family disrespectfully.\n\n"
                "“Bernie promised to meet with us face to face,” she said."
            ),
            "promised to meet",
            "she",
            "Sandy Phillips",
        ),
        # an unnamed source stays as written
        (
            "Prime Minister Mohammed Shia’ al-Sudani’s military spokesperson described the strikes as “unacceptable.”",
            "unacceptable",
            "Prime Minister Mohammed Shia’ al-Sudani’s military spokesperson",
            "spokesperson",
        ),
    ],
)
def test_speaker_resolution(quotes, text, needle, speaker_text, name):
    q = find(quotes(text), needle)
    assert q is not None
    assert q.speaker.text == speaker_text
    assert name in q.speaker.name


@pytest.mark.parametrize(
    "text, needle",
    [
        ("It was reported that the talks had stalled.", "the talks had stalled"),
        ("There is concern that the ceasefire will not hold.", None),
    ],
)
def test_sourceless_attribution_has_no_speaker(quotes, text, needle):
    """A passive cue with no one behind it is a quote without a speaker; a bare "concern that" is none."""
    qs = quotes(text)
    if needle:
        q = find(qs, needle)
        assert q is not None, qs
        assert q.speaker is None
    else:
        assert qs == ()


def test_split_quote_is_one_attribution_with_fragments(quotes):
    text = (
        "“The HMC meeting is not a negotiation about the withdrawal of U.S. forces from Iraq,” she said. "
        "“The HMC, it's a working group to determine what our future looks like.”"
    )
    qs = quotes(text)
    assert len(qs) == 1
    frags = [f.text for f in qs[0].content.fragments]
    assert len(frags) == 2 and frags[1].startswith("“The HMC, it's")
    assert qs[0].kind == "direct"


def test_quote_continues_into_next_paragraph(quotes):
    text = (
        "“We are not going anywhere,” Mr. Sanders said on Tuesday.\n\n"
        "“We will fight for every delegate in every state until the convention in Philadelphia.”\n\n"
        "The campaign declined to comment further."
    )
    qs = [q for q in quotes(text) if "not going anywhere" in q.content.text]
    assert len(qs) == 1
    assert any("every delegate" in f.text for f in qs[0].content.fragments)


def test_scare_quote_is_not_speech(quotes):
    text = "The lawmakers signed a petition labeling the foreign presence a “threat” to Iraqi security."
    qs = quotes(text)
    # the quoted word belongs to the petition's signers, never to a speaker of its own
    assert all(q.content.text != "“threat”" for q in qs)
    assert all(q.speaker is None or "lawmakers" in q.speaker.text for q in qs)


@pytest.mark.parametrize(
    "text, quoted",
    [
        (
            "In an interview with “Fox and Friends,” Donald Trump pointed to China as the regional enforcer.",
            "Fox and Friends",
        ),
        ("He seized on the issue of “religious liberty” at a forum in Des Moines.", "religious liberty"),
        ("Party elites, what’s left of the now-derided “establishment,” are acquiescing.", "establishment"),
    ],
)
def test_titles_and_scare_quotes_are_not_speech(quotes, text, quoted):
    assert find(quotes(text), quoted) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Fox and Friends,”", True),
        ("“The Art of the Deal”", True),
        ("“we will win”", False),
        ("“Go to hell!”", False),
    ],
)
def test_is_title(text, expected):
    assert marks.is_title(text) is expected


def test_no_attribution_inside_a_quotation(quotes):
    text = "“I think it’s a bad idea, and I said so,” the senator told reporters."
    qs = quotes(text)
    assert len(qs) == 1 and qs[0].cue.text == "told"


@pytest.mark.parametrize(
    "text",
    [
        "He said “ and left.",
        "“ “ ” ” ” ‘ ’ ' \"",
        "The strike killed 12 people.",
        "",
    ],
)
def test_odd_input_never_crashes(quotes, text):
    assert isinstance(quotes(text), tuple)


def test_blank_pipeline_without_parse_gives_nothing_not_an_error():
    import dateline.components.quotes  # noqa: F401  registers the factory

    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_quotes")
    doc = nlp("“We will win,” she said.")
    assert doc._.dateline_quotes == []


@pytest.mark.parametrize(
    "before, title, expected",
    [
        ("said Mr. ", None, "m"),
        ("Ms. ", None, "f"),
        ("Mrs. ", None, "f"),
        ("", "Cruz spokeswoman", "f"),
        ("", "Deputy Pentagon Press Secretary", None),
        ("the ", "congressman", "m"),
    ],
)
def test_gender_of(before, title, expected):
    assert rs.gender_of(before, title) == expected


def test_pronoun_skips_a_person_of_the_other_gender():
    people = [
        rs.Mention("Catherine Frazier", "PERSON", 10, 27, gender="f"),
        rs.Mention("Ted Cruz", "PERSON", 40, 48, gender="m"),
    ]
    assert rs.by_pronoun("she", 100, people, people).name == "Catherine Frazier"
    assert rs.by_pronoun("he", 100, people, people).name == "Ted Cruz"


def test_it_is_the_organisation_that_spoke_not_one_its_quote_named(quotes):
    # the last organisation named before "It" is inside the monitor's own statement (a name the
    # tagger may take for an organisation); the speaker a reader follows is the monitor
    text = (
        "The Syrian Network for Human Rights said the shelling hit the Damascus suburbs of Hamouriyeh Saqba Media "
        "Center and Kafr Batna. It quoted residents as saying that government forces fired rockets at a bakery."
    )
    q = find(quotes(text), "government forces fired")
    assert q is not None and q.speaker is not None
    assert q.speaker.name == "Syrian Network for Human Rights", q.speaker
