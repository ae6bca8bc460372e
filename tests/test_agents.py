"""Generic agents: role nouns → sector, country words → ISO 3166 alpha-3."""

import pytest

from dateline.resolve.agents import code_words, country_of, is_place_name, sector_of


@pytest.mark.parametrize(
    "phrase, country, sector",
    [
        ("American troops", "USA", "military"),
        ("the Iraqi parliament", "IRQ", "legislature"),
        ("Iraqi lawmakers", "IRQ", "legislature"),
        ("Egyptian police", "EGY", "police"),
        ("Vietnamese-led forces", "VNM", "military"),
        ("pro-Iran militias", None, "militia"),
        ("Iraqi militia leader", "IRQ", "militia"),
        ("Israeli Prime Minister Ariel Sharon", "ISR", "government"),
        ("Serbian Labour Minister", "SRB", "government"),
        ("Palestinian security forces", "PSE", "police"),
        ("Rwandan rebels", "RWA", "rebels"),
        ("Indian business leaders", "IND", "business"),
        ("Sudan's most respected daily newspaper", "SDN", "media"),
        ("Ugandan opposition candidates", "UGA", "party"),
        ("British soldiers", "GBR", "military"),
        ("Soviet diplomats", "RUS", "government"),
    ],
)
def test_code_words(phrase, country, sector):
    code = code_words(phrase.replace("'s", "").split())
    assert (code.country, code.sector) == (country, sector)


@pytest.mark.parametrize(
    "word, iso3",
    [
        ("Iraqi", "IRQ"),
        ("Iraqis", "IRQ"),
        ("American", "USA"),
        ("U.S.", "USA"),
        ("Washington", "USA"),
        ("Tehran", "IRN"),
        ("Kremlin", "RUS"),
        ("Yugoslav", "SRB"),
        ("Britain", "GBR"),
        ("Côte d'Ivoire", "CIV"),
        ("Czechia", "CZE"),
        ("pro-Iranian", None),
        ("Soleimani", None),
    ],
)
def test_country_of(word, iso3):
    assert country_of(word) == iso3


@pytest.mark.parametrize(
    "noun, sector",
    [
        ("troops", "military"),
        ("militiamen", "militia"),
        ("parliament", "legislature"),
        ("lawmakers", "legislature"),
        ("demonstrators", "civilians"),
        ("journalists", "media"),
        ("guerrillas", "rebels"),
        ("court", "judiciary"),
        ("electricity", None),
    ],
)
def test_sector_of(noun, sector):
    assert sector_of(noun) == sector


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Washington", True),
        ("Britain", True),
        ("Iraq", True),
        ("Iraqis", False),
        ("Palestinians", False),
    ],
)
def test_place_names_are_states_demonyms_are_not(word, expected):
    assert is_place_name(word) is expected


def test_an_armed_group_takes_the_country_it_fights_in():
    from dateline.components.events.participants import in_country
    from dateline.records import Actor, PlaceRef

    sirte = PlaceRef("Sirte", 31.2, 16.6, "LY", rule="sentence")
    militants = Actor("militants", sector="rebels", text="Islamic State militants")
    assert in_country(militants, sirte).country == "LBY"
    assert in_country(militants, sirte).code_source == "place"
    # where the report was filed says nothing of where the group fights
    filed = PlaceRef("Cairo", 30.0, 31.2, "EG", rule="dateline")
    assert in_country(militants, filed).country is None
    # a state's own forces unnamed take it; a coalition's do not; a coded actor keeps its code
    assert in_country(Actor("government forces", sector="military"), sirte).country == "LBY"
    assert in_country(Actor("coalition forces", sector="military"), sirte).country is None
    assert in_country(Actor("Egyptian jets", country="EGY", sector="military"), sirte).country == "EGY"
