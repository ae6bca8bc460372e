"""The dateline_places component on real news phrasing (needs the small model: metonymy reads the parse)."""

from __future__ import annotations

import json

import pytest

from dateline.records import Article
from dateline.sources import article_from_text


@pytest.fixture(scope="module")
def places():
    from dateline import Pipeline

    pipe = Pipeline(components=("dateline_entities", "dateline_places"))

    def run(text: str, dateline=None):  # the dateline is the Article's: its builder finds it, the component reads it
        report = pipe.analyze(Article(id="t", text=text, dateline=dateline))
        return report.places

    return run


def _at(places, text, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return [p for p in places if p.start < start + len(word) and start < p.end]


@pytest.mark.parametrize(
    "text, word, country, feature",
    [
        ("At least one militiaman was killed near Anbar province’s Qaim district on Tuesday.", "Qaim", "IQ", "city"),
        ("The strikes hit Babil’s Jurf al-Nasr (formerly Jurf al-Sakhar) overnight.", "Jurf al-Nasr", "IQ", "city"),
        ("The strikes hit Babil’s Jurf al-Nasr (formerly Jurf al-Sakhar) overnight.", "Jurf al-Sakhar", "IQ", "city"),
        ("A missile struck Anbar’s Ain al-Asad airbase, which houses US troops.", "Ain al-Asad", "IQ", "facility"),
        ("Israel continued its war in the Gaza Strip on Friday.", "Gaza Strip", "PS", "region"),
        ("Fighting broke out in Decatur, Ga., on Sunday.", "Decatur", "US", "city"),
        ("Officials in Syria said the convoy was hit.", "Syria", "SY", "country"),
        ("The Houthis attacked a ship in the Red Sea off Hodeidah, officials said.", "Red Sea", None, "sea"),
        ("The Houthis attacked a ship in the Red Sea off Hodeidah, officials said.", "Hodeidah", "YE", "city"),
        ("Fighting spread from Khartoum to El Fasher in North Darfur.", "El Fasher", "SD", "city"),
        ("Drone strikes hit South Waziristan near the Afghan border.", "South Waziristan", "PK", "region"),
    ],
)
def test_place_is_resolved(places, text, word, country, feature):
    got = _at(places(text), text, word)
    assert got, f"{word!r} not recognised"
    assert got[0].country == country and got[0].feature == feature and got[0].lat is not None


@pytest.mark.parametrize(
    "text, word",
    [
        ("Washington has retaliated several times with deadly airstrikes.", "Washington"),
        ("Militias condemned Washington’s support for Israel.", "Washington"),
        ("The Pentagon said so, contrary to statements out of Baghdad.", "Baghdad"),
        ("Tehran has denied any role in the attack.", "Tehran"),
    ],
)
def test_capital_for_government_is_metonymy(places, text, word):
    got = _at(places(text), text, word)
    assert got, f"{word!r} not recognised"
    assert all(p.metonymy for p in got)
    assert all(p.actor is not None and p.actor.sector == "government" for p in got)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Several people were wounded in an attack in Baghdad on Monday.", "Baghdad"),
        ("US troops in Iraq and Syria have been targeted.", "Iraq"),
        # the small model tags a town before a noun as a nationality (NORP): still a place
        ("Three people were killed in an Aleppo car bombing on Monday.", "Aleppo"),
    ],
)
def test_literal_place_is_not_metonymy(places, text, word):
    got = _at(places(text), text, word)
    assert got and not got[0].metonymy


@pytest.mark.parametrize(
    "text, word",
    [
        ("Deputy Pentagon Press Secretary Sabrina Singh told reporters. Singh said the talks continue.", "Singh"),
        ("Georgia Smith, a nurse, said she was afraid.", "Georgia"),
    ],
)
def test_person_is_not_a_place(places, text, word):
    assert not _at(places(text), text, word, nth=text.count(word) - 1)


@pytest.mark.parametrize(
    "text, word",
    [
        ("The UN said aid convoys were blocked.", "UN"),
        ("Al-Shabaab fighters attacked a base in Mogadishu.", "Al"),
        ("The White House said talks would resume.", "White House"),
    ],
)
def test_organisation_is_not_a_place(places, text, word):
    assert not _at(places(text), text, word)


def test_dateline_is_never_metonymy(places):
    text = "KYIV, Ukraine — Russian forces shelled Kharkiv overnight, Ukraine's military said."
    got = _at(places(text, dateline=article_from_text(text).dateline), text, "KYIV")
    assert got and got[0].country == "UA" and not got[0].metonymy


def test_dateline_is_a_place(places):
    text = "ERBIL, Kurdistan Region - The United States has not received a request to withdraw."
    got = _at(places(text, dateline=article_from_text(text).dateline), text, "ERBIL")
    assert got and got[0].country == "IQ" and abs(got[0].lat - 36.19) < 0.3


def test_geocode_lines_answers_exactly_the_given_spans():
    from dateline.resolve.geocode import geocode_lines

    text = "Greer, S.C. - Police in Greer said a man from Spartanburg was arrested."
    line = {
        "id": "x",
        "text": text,
        "toponyms": [{"start": 0, "end": 5}, {"start": 24, "end": 29}, {"start": 46, "end": 57}],
    }
    (out,) = geocode_lines([line])
    assert out["id"] == "x" and [(p["start"], p["end"]) for p in out["places"]] == [(0, 5), (24, 29), (46, 57)]
    assert all(p["country"] == "US" and p["admin1"] for p in out["places"])
    json.dumps(out)


def test_seed_places(places, seed_text):
    import subprocess
    import sys
    from pathlib import Path

    from dateline import Pipeline

    check = Path(__file__).resolve().parents[2] / "shared" / "seed" / "check.py"
    report = Pipeline(components=("dateline_entities", "dateline_places")).analyze(
        Article(id="seed", text=seed_text, published="2024-01-25")
    )
    res = subprocess.run(
        [sys.executable, str(check), "-", "--only", "place,not-place"],
        check=False,
        input=report.to_json(),
        capture_output=True,
        text=True,
    )
    assert "place: 10/10" in res.stdout and "not-place: 2/2" in res.stdout, res.stdout


def test_geocode_lines_leaves_an_empty_span_unanswered():
    from dateline.resolve.geocode import geocode_lines

    (out,) = geocode_lines([{"id": 1, "text": "Paris.", "toponyms": [{"start": 0, "end": 5}, {"start": 9, "end": 12}]}])
    assert out["places"][0]["country"] == "FR" and out["places"][1]["lat"] is None


@pytest.mark.parametrize(
    "text, word",
    [
        # a news agency is a speaker, not Sanaa; once so, in every sentence of the article
        ("SANA reported that rebels shelled Homs. Citing a police source, SANA put the toll at nine.", "SANA"),
        ("A security source told WAM the blast was under investigation.", "WAM"),
        # a weekday or month abbreviation opening a date line is no Mon State, Myanmar
        ("Mon Oct 3 2016 Three civilians were wounded by mortar fire in Latakia.", "Mon"),
    ],
)
def test_outlets_and_date_words_are_not_places(places, text, word):
    assert not _at(places(text), text, word)


def test_a_place_in_a_hyphenated_modifier_is_still_a_toponym(places):
    # "a Texas-based company" names Texas (place annotations count it); no event happens there,
    # which the events' place rules see to (tests/test_conflict_events.py)
    text = "The mine is run by a Texas-based company, its owner said."
    got = _at(places(text), text, "Texas")
    assert got and got[0].country == "US" and not got[0].metonymy


def test_a_comma_stripped_list_of_places_is_no_person(places):
    # The small model reads "Hama Homs Idlib" (a list whose commas were dropped) as a person's name.
    text = "Rebel rockets killed five civilians in Hama Homs Idlib and Latakia on Tuesday."
    got = places(text)
    for town in ("Hama", "Homs", "Idlib"):
        hit = _at(got, text, town)
        assert hit and hit[0].country == "SY" and not hit[0].metonymy, town


def test_a_countrys_place_after_its_stripped_possessive_is_a_place(places):
    # "Syria's Raqqa" with the apostrophe stripped, the model reading "Raqqa Local" as a person
    text = "At least 30 killed in airstrike in Syrias Raqqa Local reports. Residents fled the city."
    got = _at(places(text), text, "Raqqa")
    assert got and got[0].country == "SY" and not got[0].metonymy


@pytest.mark.parametrize(
    "text, word",
    [
        # a holiday named after a saint or a person is no island or town of that name
        ("Police will step up patrols over St. Patrick's Day weekend, the chief said.", "St. Patrick"),
        ("Florists said sales for Valentine's Day were up this year.", "Valentine"),
        # a month after a word that opens a time is a date, not a town named August
        # (the US has a town named August; in a story about Ohio it was read as one)
        ("Crews in Ohio said the bridge between Columbus and Dayton, Ohio, will reopen in August.", "August"),
        # an organisation's head noun before "of" is not a place; its place follows "of"
        ("A researcher at the University of Michigan led the study.", "University"),
        ("The Bank of Canada held its key rate on Wednesday.", "Bank"),
    ],
)
def test_holidays_months_and_organisation_heads_are_not_places(places, text, word):
    assert not _at(places(text), text, word)


def test_a_country_named_with_and_is_one_place(places):
    text = "Fishing crews from Trinidad and Tobago were detained off the coast."
    got = _at(places(text), text, "Trinidad")
    assert len(got) == 1 and got[0].text == "Trinidad and Tobago" and got[0].country == "TT"


def test_an_abbreviated_state_keeps_its_full_stop(places):
    # the tokenizer splits the stop off "W.Va." before a dash; the name is written with it
    text = "MORGANTOWN, W.Va. - A water main break closed two schools on Monday."
    got = _at(places(text), text, "W.Va")
    assert got and got[0].text == "W.Va." and got[0].country == "US"


def test_a_presidents_surname_stays_a_person_in_a_story_about_a_country_with_that_town(places):
    # Egypt has a town named Bush (Būsh); in a story about Egypt, "the Bush administration" is still
    # George W. Bush's once the article names him in full
    text = (
        "Cairo and Washington drifted apart under George Bush Jr. in Egypt's view. "
        "The Bush administration ignored advice from Egypt, officials in Egypt said."
    )
    assert not _at(places(text), text, "Bush", nth=1)


def test_a_name_the_model_reads_twice_as_a_person_is_no_town(places):
    # Willis is a town in Texas; the model reads the name as a person in both sentences, and the
    # article never uses it as a place
    text = (
        "Police called the message a hoax. Willis said officers had received dozens of calls about it. "
        "Willis said the text had been forwarded across several states."
    )
    assert not _at(places(text), text, "Willis") and not _at(places(text), text, "Willis", nth=1)


def test_a_town_the_model_reads_as_a_person_stays_a_place_where_the_text_uses_it_as_one(places):
    text = (
        "Aid groups said Dadaab was running out of water. Dadaab has grown since the drought. "
        "Thousands more arrived in the Dadaab camps this week, Kenyan officials said."
    )
    got = places(text)
    assert _at(got, text, "Dadaab", nth=2)


def test_an_international_body_is_not_a_town_named_like_its_acronym(places):
    # Oas is a town in the Philippines; the OAS of the dictionaries is the Organization of American States
    text = "Haiti asked the OAS to send observers, and the OAS agreed on Tuesday."
    assert not _at(places(text), text, "OAS") and not _at(places(text), text, "OAS", nth=1)


def test_a_name_before_a_hyphenated_partner_is_the_name_without_its_hyphen(places):
    text = "Trade ministers met to discuss Asia-Pacific supply chains in Singapore."
    got = _at(places(text), text, "Asia")
    assert got and got[0].text == "Asia" and text[got[0].start : got[0].end] == "Asia"


def test_a_given_name_before_a_surname_the_article_uses_for_a_person_is_no_town(places):
    # the model tags "Beverly Brannigan" as an organisation, and Beverly is a town in Massachusetts;
    # "Brannigan" alone is a person twice, so the whole is a person's name
    text = (
        '"The river came up overnight," Beverly Brannigan told reporters. '
        "Brannigan said the family lost everything. Brannigan plans to rebuild."
    )
    assert not _at(places(text), text, "Beverly")


def test_a_name_modifying_a_noun_after_in_is_no_evidence_of_a_place(places):
    # "in Kingsley hearing": the preposition's object is the hearing; Kingsley stays the person the
    # model reads in the other sentences (Kingsley is a town in Iowa)
    text = (
        "Judge delays ruling in Kingsley hearing. Prosecutors said Kingsley was arrested in May. "
        "Kingsley has pleaded not guilty, and Kingsley's lawyers asked for bail."
    )
    assert not any(p.text == "Kingsley" for p in places(text))


def test_a_name_owning_a_noun_after_at_is_no_evidence_of_a_place(places):
    # "at Granger's headquarters": the preposition's object is the headquarters (Granger is a town in Indiana)
    text = (
        "Analysts said Granger would cut prices. Granger told investors that sales rose, and Granger "
        "plans more hiring, staff at Granger's headquarters said."
    )
    assert not any(p.text == "Granger" for p in places(text))
