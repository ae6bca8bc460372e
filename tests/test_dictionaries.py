"""The compiled event-data dictionaries: current with their sources, and read as the sources say."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, SHARED, require_shared
from dateline.resolve import dictionaries as d

DATA = ROOT / "src" / "dateline" / "data" / "dictionaries"


def _script():
    spec = importlib.util.spec_from_file_location("build_dictionaries", ROOT / "scripts" / "build_dictionaries.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_dictionaries"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_committed_files_are_rebuilt_byte_for_byte():
    src = require_shared(SHARED / "dictionaries", "../shared/dictionaries (the PETRARCH2 and PLOVER sources)")
    files, stats = _script().build(src)
    assert sorted(p.name for p in DATA.iterdir()) == sorted(files), "a compiled file is missing or extra"
    for name, data in files.items():
        assert (DATA / name).read_bytes() == data, f"{name} is stale: run scripts/build_dictionaries.py"
    # and twice the same input, the same bytes (no timestamps, sorted keys)
    again, _ = _script().build(src)
    assert again == files
    assert stats["actors"]["records"] > 20000 and stats["verbs"]["patterns"] > 4000


def test_package_notes_licences_and_sources():
    notice = (DATA / "NOTICE.md").read_text(encoding="utf-8")
    assert "MIT" in notice and "CC BY-SA 4.0" in notice
    assert "676801cd9cb2924bbbad09f86d15c9323e7097bf" in notice and "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f" in notice
    assert "Permission is hereby granted" in (DATA / "LICENSE-PETRARCH2").read_text(encoding="utf-8")


def test_a_person_is_coded_by_the_office_held_on_the_date():
    now = d.actor("Bashar al-Assad", "2012-03-15")
    before = d.actor("Bashar al-Assad", "1995-06-01")
    assert now is not None and (now.country, now.sector, now.code) == ("SYR", "government", "SYRGOV")
    assert before is not None and (before.country, before.sector) == ("SYR", "elites")
    assert now.source.startswith("phoenix:Countries:")
    un = d.actor("Ban Ki-moon", "2010-01-01")
    assert un is not None and (un.country, un.sector) == (None, "IGO")


def test_armed_groups_and_unknown_names():
    hz = d.actor("Hizbollah")
    assert hz is not None and (hz.country, hz.sector) == ("LBN", "rebels")
    assert d.actor("Jonathan Q. Nobody") is None


def test_agents_give_the_sector_of_generic_nouns():
    assert d.agent("policemen") == ("~COP", "police")
    assert d.agent("troops") == ("~MIL", "military")
    assert d.agent("gunmen") == ("~UAF", "militia")
    assert d.agent("insurgents") == ("~REB", "rebels")
    assert d.agent("teaspoon") is None


def test_cameo_codes_map_to_plover_types():
    assert d.plover_of("190") == ("ASSAULT", "", "military")
    assert d.plover_of("0874") == ("RETREAT", "disarm", "military")
    assert d.plover_of("1121")[0] == "ACCUSE"
    kill = next(b for b in d.verbs()["blocks"] if b["name"] == "kill")
    assert kill["plover"] == "ASSAULT" and any(v["verb"] == "behead" for v in kill["verbs"])


def test_discards():
    sentence, story = d.discards()
    assert sentence and story
    assert all(p == p.casefold() for p in sentence)


# --- the pipeline codes actors through the dictionaries (news phrasing, not dev sentences) ---


def _events(pipeline, text: str, published: str | None = None):
    from dateline.records import Article

    return pipeline.analyze(Article(id="t", text=text, published=published)).events


def _source(events, start: int):
    return next((e.source for e in events if e.source is not None and e.source.start == start), None)


def test_a_named_person_is_coded_by_the_office_held_on_the_publication_date(pipeline):
    text = "Nouri al-Maliki accused Sunni politicians of backing the insurgents in Anbar province."
    then = _source(_events(pipeline, text, "2012-05-10"), 0)
    later = _source(_events(pipeline, text, "2016-05-10"), 0)
    assert then is not None and (then.country, then.sector) == ("IRQ", "government")
    assert then.code_source is not None and then.code_source.startswith("phoenix:Countries:")
    assert later is not None and (later.country, later.sector) == ("IRQ", "elites")


def test_an_armed_group_the_lexicon_lacks_is_coded_by_phoenix(pipeline):
    text = "Ahrar al-Sham fighters shelled government positions outside the city on Sunday."
    src = _source(_events(pipeline, text, "2015-03-02"), 0)
    assert src is not None and (src.country, src.sector) == ("SYR", "rebels")
    assert src.code_source is not None and src.code_source.startswith("phoenix:")


def test_generic_agents_the_lexicon_lacks_get_their_sector(pipeline):
    text = "Mercenaries attacked a convoy of aid trucks near the border crossing on Tuesday."
    src = _source(_events(pipeline, text, "2019-07-02"), 0)
    assert src is not None and src.sector == "militia" and src.code_source == "phoenix-agents:~UAF"


def test_the_lexicon_still_codes_what_it_knows_and_unknown_names_stay_uncoded(pipeline):
    ev = _events(pipeline, "Iraqi police arrested three men suspected of planting a bomb in Basra.", "2019-07-02")
    src = _source(ev, 0)
    assert src is not None and (src.country, src.sector, src.code_source) == ("IRQ", "police", None)
    ev = _events(pipeline, "Jonathan Smithers attacked the mayor outside the town hall on Monday.", "2019-07-02")
    src = _source(ev, 0)
    assert src is not None and src.country is None and src.code_source is None


def test_cameo_verb_patterns_code_a_verb_by_its_object():
    import importlib

    from dateline import nlp as dnlp

    lexicon = importlib.import_module("dateline.components.events.lexicon")
    nlp = dnlp.load()
    doc = nlp("The European Union extended a loan to the cash-strapped government on Monday.")
    verb = next(t for t in doc if t.lower_ == "extended")
    trig = lexicon.dictionary_trigger(verb)
    assert trig is not None and trig.type == "AID" and trig.other is not None and trig.other.lower_ == "loan"
    # a bare verb-block code is not an event ("according to" is not cooperation)
    doc = nlp("According to the statement, the talks ended without a deal.")
    assert lexicon.dictionary_trigger(next(t for t in doc if t.lower_ == "according")) is None


def test_a_verb_takes_its_own_pattern_where_its_block_shares_an_object():
    # CAMEO's REJECT block lists "* ENTRY" for REFUSE (144, obstruct) and for DENY (160, reduce
    # relations); the comment on each pattern names the verb it was written for
    index = d.verb_index()
    assert d.plover_of(index["deny"].objects["entry"] or "")[0] == "SANCTION"
    assert index["refuse"].objects["entry"] == "144"


@pytest.mark.parametrize(
    "text, kind",
    [
        # verbs the package lexicon lacks, coded by their CAMEO pattern between two coded actors
        ("Israeli combat planes delivered a missile strike on Syrian army positions on Friday.", "ASSAULT"),
        ("The government and the rebels traded accusations over the collapse of the truce.", "ACCUSE"),
        ("The interior ministry said it would deny entry to foreign journalists covering the vote.", "SANCTION"),
    ],
)
def test_the_coder_uses_the_verb_dictionary_where_the_lexicon_is_silent(pipeline, text, kind):
    assert kind in {e.type for e in _events(pipeline, text, "2019-07-02")}


@pytest.mark.parametrize(
    "text",
    ["The code archive provides details.", "It took the better part of a decade for the community to embrace it."],
)
def test_a_verb_pattern_without_two_coded_actors_is_no_event(pipeline, text):
    # PETRARCH codes a pattern only between actors its dictionaries know: no one acts here
    assert not _events(pipeline, text, "2019-07-02")
