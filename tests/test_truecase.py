"""Title-case headlines read in sentence case (components/truecase.py): which words are names is
decided from the article itself, and the headline's verb, actor and toll come back."""

from __future__ import annotations

from dateline import nlp as dnlp
from dateline.components.truecase import title_case, truecase
from dateline.records import Article


def test_a_title_case_headline_is_told_from_a_sentence_case_one():
    assert title_case("Turkish Jets Strike Kurdish Positions in Northern Iraq".split())
    assert not title_case("Turkish jets strike Kurdish positions in northern Iraq".split())
    assert not title_case("Rebels Shell Hama".split())  # too short to tell


def test_names_stay_capitalised_and_common_words_do_not():
    words = "Turkish Jets Strike Kurdish Positions Near Duhok Killing Nine".split()
    body_lower = {"jets", "positions", "near"}
    body_names = {"Turkish", "Kurdish", "Duhok"}
    common = {"strike", "kill", "killing", "nine"}.__contains__
    assert truecase(words, body_lower, body_names, common, set()) == (
        "Turkish jets strike Kurdish positions near Duhok killing nine".split()
    )
    # a word the entity recogniser read as a name stays, even a common one
    assert truecase(["Clashes", "Near", "Mosul"], set(), set(), lambda w: True, {2}) == ["Clashes", "near", "Mosul"]


def test_the_headlines_actor_comes_back(events_nlp):
    title = "Turkish Forces Destroy PKK Shelters in Northern Iraq Killing 14 Militants"
    text = (
        f"{title}.  Shelters used by the militants in the Hakurk region were hit on Sunday the defence "
        "ministry said. The strikes came after an attack on a border post."
    )
    doc = events_nlp(dnlp.make_doc(events_nlp, Article(id="t", text=text, title=title, published="2019-03-12")))
    assert doc._.dateline_truecase is not None and " destroy " in doc._.dateline_truecase
    main = next(e for e in doc._.dateline_events if e.id == doc._.dateline_main_event)
    assert main.source is not None and main.source.country == "TUR", main.source
    assert main.fatalities == 14
