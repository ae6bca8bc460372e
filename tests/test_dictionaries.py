"""The compiled event-data dictionaries: current with their sources, and read as the sources say."""

from __future__ import annotations

import importlib.util
import sys

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
