"""The article's main event: the one its headline and lead tell, not a background toll or a past attack."""

import pytest

from dateline import nlp as dnlp
from dateline.components.events.main import headline_span
from dateline.records import Article


@pytest.fixture()
def nlp(events_nlp):
    return events_nlp


def main_of(nlp, text, title=None, published="2019-03-12"):
    doc = nlp(dnlp.make_doc(nlp, Article(id="t", text=text, title=title, published=published)))
    events = doc._.dateline_events
    main = doc._.dateline_main_event
    return next((e for e in events if e.id == main), None), events


def test_the_leads_event_not_a_past_attack_or_the_wars_toll(nlp):
    text = (
        "Car bomb kills nine near court in Azaz\n\n"
        "A car bomb exploded outside a court in the border town of Azaz on Tuesday, killing at least nine "
        "people, a war monitor said. In January a suicide attack in the town killed 30 people. "
        "Syria's war has killed more than 370,000 people since it began in 2011."
    )
    main, events = main_of(nlp, text, title="Car bomb kills nine near court in Azaz")
    assert main is not None and main.type == "ASSAULT"
    assert main.fatalities == 9
    assert main.trigger.start < text.index("In January")


def test_a_headline_run_into_the_lead_is_found_by_its_title():
    text = "Tue Mar 12 2019 Shelling kills five in Idlib town. Government shelling killed five civilians."
    assert headline_span(text, "Shelling kills five in Idlib town") == (16, 49)
    # words in order, whatever stands between them (stripped commas, stray quotes)
    assert headline_span("Mon 4 Mar 2019 Rebels\x90 shell Hama", "Rebels shell Hama") == (15, 33)
    assert headline_span("Nothing here", "Rebels shell Hama") is None


def test_the_lead_clause_with_the_toll_is_the_main_event(nlp):
    # comma-stripped wire copy: the headline and a date line run into the lead
    text = (
        "Regime strikes hit market in Douma     AFP  Tuesday 12 Mar 2019     Air strikes on a market in the "
        "rebel-held town of Douma on Tuesday killed at least 14 civilians a monitor said.  Rescue workers searched "
        "the rubble for survivors."
    )
    main, _ = main_of(nlp, text, title="Regime strikes hit market in Douma")
    assert main is not None and main.fatalities == 14


def test_no_event_no_main_event(nlp):
    main, events = main_of(nlp, "The weather in Damascus was mild on Tuesday. Markets were open.")
    assert events == [] and main is None


def test_killed_is_not_injured(nlp):
    main, _ = main_of(nlp, "A car bomb killed 15 people and injured 20 others in the town of Azaz on Sunday.")
    assert (main.fatalities, main.injured) == (15, 20)


def test_a_vague_toll_stays_vague(nlp):
    main, _ = main_of(
        nlp, "Dozens of civilians were killed in air strikes on a market in Idlib on Monday, rescuers said."
    )
    assert main.fatalities is None and main.fatalities_min == 12
    assert main.fatalities_text.lower().startswith("dozens")


def test_a_running_total_is_no_events_toll(nlp):
    _, events = main_of(nlp, "Syria's civil war has killed more than 350,000 people, the monitor said.")
    (ev,) = [e for e in events if e.type == "ASSAULT"]
    assert ev.cumulative and ev.fatalities is None and ev.fatalities_min == 350000


def test_the_leads_count_over_the_headlines_vague_word(nlp):
    title = "Dozens killed in strikes on Idlib market"
    text = (
        f"{title}\n\nAir strikes on a market in the town of Maarat al-Numan killed 12 people on Monday, a monitor "
        "said. Rescuers were still searching the rubble."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main.fatalities == 12
    assert [q.text for q in main.tolls] == ["Dozens killed"]


def test_the_headlines_count_names_the_event(nlp):
    # the headline's toll is the main event's, though the body tells it after another attack
    title = "Jihadists execute 16 captured soldiers in Deir Ezzor"
    text = (
        f"Sat Mar 9 2019 {title}. Army positions came under mortar fire near the airport on Saturday. "
        "The jihadists executed 16 soldiers they had captured in an ambush last week, a monitor said."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main.fatalities == 16 and main.trigger.text == "executed"


def test_a_toll_told_further_down_is_the_main_events(nlp):
    title = "Scores killed as jets strike Raqqa"
    text = (
        f"{title}\n\nWarplanes struck the city of Raqqa overnight, hitting a bakery and a school, residents said. "
        "The Observatory said the strikes killed 27 civilians, among them eight children."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main.fatalities == 27
    assert [q.text.lower() for q in main.tolls] == ["scores killed"]


def test_a_headline_count_is_not_the_toll_of_a_lead_run_into_it(nlp):
    # no full stop ends the headline: the parser reads it and the lead as one sentence
    text = (
        "Date of publication 4 May 2019 - Dozens killed in Idlib strikes - At least 31 civilians have been "
        "killed in air strikes on Idlib province a monitor said."
    )
    main, _ = main_of(nlp, text, title="Dozens killed in Idlib strikes")
    assert main.fatalities == 31


def test_the_day_a_claim_was_made_is_not_the_events_day(nlp):
    title = "Minister says all signs point to regime in gas attack"
    text = (
        f"{title}\n\nThe foreign minister said on Saturday that all signs showed the government was behind a gas "
        "attack near Damascus that activists say killed hundreds. He spoke during a visit to Ramallah. "
        "Activists said government forces killed 635 people when rockets loaded with gas hit the suburbs on "
        "Wednesday."
    )
    main, _ = main_of(nlp, text, title=title, published="2019-08-24")
    assert main.fatalities == 635


def test_the_latest_toll_is_kept(nlp):
    title = "Air strikes hit Aleppo for third day"
    text = (
        f"{title}\n\nAir strikes killed at least 40 people in rebel-held districts of Aleppo on Saturday, a monitor "
        "said. The death toll reached 95 by nightfall rescuers said. Aid groups called for a halt."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main.fatalities == 95


def test_the_headline_run_into_the_lead_is_a_sentence_of_its_own(nlp):
    # no line break, no full stop: the headline component marks where the lead starts
    title = "Air strikes kill 12 fighters near Deir ez-Zor Monitor"
    text = f"{title} Coalition air strikes killed 12 jihadist fighters near Deir ez-Zor on Monday a monitor said."
    doc = nlp(dnlp.make_doc(nlp, Article(id="t", text=text, title=title, published="2019-03-12")))
    starts = [s.start_char for s in doc.sents]
    assert text.index("Coalition") in starts
    main = next(e for e in doc._.dateline_events if e.id == doc._.dateline_main_event)
    assert main.source is not None and "oalition" in (main.source.text or "")
    assert main.fatalities == 12


def test_the_headlines_actor_completes_the_leads_telling(nlp):
    title = "Kurdish fighters kill 30 jihadists near Hasakeh"
    text = (
        f"{title}   AFP  Monday 11 Mar 2019   At least 30 jihadists were killed overnight in fighting near the "
        "town of Hasakeh a monitor said on Monday."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main is not None and main.fatalities == 30
    assert main.source is not None and "Kurdish" in (main.source.text or "")


def test_the_headlines_count_over_a_part_the_lead_tells(nlp):
    # the headline counts the whole, the lead one of its places
    title = "Nine killed in rocket fire on Aleppo and Hama"
    text = (
        f"{title}   Six civilians were killed when rockets fired by rebels hit a neighbourhood of Aleppo on "
        "Monday. Three others died in Hama."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main.fatalities == 9


def test_a_headlines_participle_after_a_date_line_names_who_acted(nlp):
    # headlinese drops the auxiliary ("... killed by ..."), and a date line runs into the headline
    title = "More Than 40 ISIS Militants Killed by Iraqi Army Near Mosul"
    text = (
        f"Mon Mar 11 2019 {title}.  Islamic State lost more than 40 fighters in the fighting near Mosul "
        "during the last three days military sources said."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main is not None and main.source is not None, main
    assert main.source.country == "IRQ", main.source


def test_a_headline_event_the_lead_does_not_tell_keeps_its_actor(nlp):
    # the lead's first attack is another one (another actor): the headline's is the article's
    title = "Government jets kill 30 civilians in Idlib"
    text = (
        f"{title}   Coalition strikes against Islamic State continued in the east on Monday. "
        "Government jets struck the town of Saraqeb in Idlib province killing 30 civilians a monitor said."
    )
    main, _ = main_of(nlp, text, title=title)
    assert main is not None and main.source is not None and "overnment" in (main.source.text or ""), main


def test_who_acted_is_told_further_down_at_the_same_place(nlp):
    title = "Minister says evidence points to army in Ghouta attack"
    text = (
        f"{title}\n\nThe minister said on Monday that evidence showed an attack near Douma that the opposition "
        "claims killed dozens was deliberate. He spoke in Paris. Opposition activists said army units shelled "
        "Douma on Sunday killing 62 people."
    )
    main, _ = main_of(nlp, text, title=title, published="2019-03-11")
    assert main is not None and main.source is not None, main
    assert "opposition" not in (main.source.text or "").lower() and main.source.sector == "military", main.source


def test_an_actor_one_clause_gives_is_coded_where_another_places_the_event():
    # the headline names the rebels and no place; the lead places the killing in Syria's capital:
    # the event they tell together is the rebels' in Syria (CAMEO SYRREB)
    from dataclasses import replace

    from dateline.components.events.main import select
    from dateline.records import Actor, Event, PlaceRef, Span

    title = "Rebel shelling kills four in the capital"
    text = f"{title}\n\nFour civilians were killed on Sunday in Damascus, state media said."
    rebels = Actor(name="rebels", sector="rebels", text="Rebel", start=0, end=5)
    kills = Event(id="ev0", type="ASSAULT", trigger=Span(15, 20, "kills"), source=rebels)
    at = text.index("killed")
    damascus = PlaceRef(name="Damascus", lat=33.51, lon=36.29, country="SY", rule="clause")
    killed = Event(id="ev1", type="ASSAULT", trigger=Span(at, at + 6, "killed"), place=damascus, fatalities=4)
    events, main_id = select([kills, killed], text, title, [(0, len(title)), (len(title) + 2, len(text))])
    main = next(e for e in events if e.id == main_id)
    assert main.source is not None and main.source.country == "SYR", main.source
    # an actor with a country of its own keeps it
    turkish = replace(rebels, name="Turkey", country="TUR", sector="military")
    events, main_id = select(
        [replace(kills, source=turkish), killed], text, title, [(0, len(title)), (len(title) + 2, len(text))]
    )
    assert next(e for e in events if e.id == main_id).source.country == "TUR"
