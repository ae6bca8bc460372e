"""News outlets and public people whose names a gazetteer also knows are not places (resolve.not_places)."""

from __future__ import annotations

from dateline.resolve import not_places


def test_a_news_agency_named_like_a_county_is_an_outlet():
    # "Beijing floods: 12 dead, state news agency Xinhua said on Sunday" (Xinhua is also a county of Hunan)
    assert not_places.outlet("Xinhua")
    assert not_places.outlet("Reuters") and not_places.outlet("AFP")
    assert not not_places.outlet("Beijing")


def test_a_politicians_surname_is_a_person_not_the_town():
    # "Obama met Putin on the sidelines of the summit" (Obama is also a city in Fukui, Japan)
    assert not_places.public_person("Obama") and not_places.public_person("Putin")
    assert not not_places.public_person("Houston") and not not_places.public_person("Aleppo")


def test_an_international_organisation_is_a_body_not_a_place():
    from dateline.resolve import not_places

    assert not_places.international_body("OAS") and not_places.international_body("ASEAN")
    assert not not_places.international_body("Haiti")
