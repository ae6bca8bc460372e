#!/usr/bin/env python3
"""Compile the field's event-data dictionaries into the package's own data files.

Input: ``../shared/dictionaries/`` (PETRARCH2's CAMEO verb patterns and Phoenix actor, agent and
discard dictionaries, MIT; the CAMEO → PLOVER conversion table, CC BY-SA 4.0; see its README).
Output: ``src/dateline/data/dictionaries/`` (read by :mod:`dateline.resolve.dictionaries`):

* ``actors.json.gz``: every Phoenix actor record (countries, international, armed non-state):
  its name variants and its codes, each with the dates it holds for, parsed into country
  (ISO 3166 alpha-3) and sector;
* ``agents.json``: generic agent nouns (singular and plural) → CAMEO role code and sector;
* ``verbs.json.gz``: the verb blocks (verbs and their forms) with their patterns, each pattern's
  CAMEO code carried to its PLOVER type, mode and context through the conversion table;
* ``discards.json``: sentence- and story-level discard phrases;
* ``NOTICE.md``: licences and sources.

Reproducible: the same input gives the same bytes (sorted keys, no timestamps, gzip with mtime 0).

    python scripts/build_dictionaries.py                 # ../shared/dictionaries → src/dateline/data/dictionaries
    python scripts/build_dictionaries.py --check         # exit 1 when the committed files are stale
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "dictionaries"
OUT = ROOT / "src" / "dateline" / "data" / "dictionaries"

PETRARCH_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
PLOVER_COMMIT = "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f"

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

# CAMEO role codes (Schrodt 2012, CAMEO codebook ch. 5) → the readable sector names the package
# uses (``data/agents.json``). Codes not listed keep no sector of their own (they qualify one).
SECTORS = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "SPY": "intelligence",
    "REB": "rebels",
    "INS": "rebels",
    "SEP": "rebels",
    "IMG": "rebels",
    "UAF": "militia",
    "OPP": "opposition",
    "PTY": "party",
    "LEG": "legislature",
    "JUD": "judiciary",
    "CVL": "civilians",
    "REF": "refugees",
    "MED": "media",
    "BUS": "business",
    "MNC": "business",
    "LAB": "labor",
    "REL": "religious",
    "EDU": "education",
    "HLH": "health",
    "AGR": "agriculture",
    "ENV": "environment",
    "HRI": "NGO",
    "DEV": "development",
    "CRM": "criminals",
    "ELI": "elites",
    "IGO": "IGO",
    "NGO": "NGO",
    "NGM": "NGO",
}
# Codes that stand first in place of a country (no country of their own).
NON_STATE_FIRST = {"IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS", "ELI"}


def _comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _name(raw: str) -> str:
    """A dictionary phrase as text: underscores are spaces, upper case folded."""
    return " ".join(raw.replace("_", " ").split()).casefold()


def _iso3() -> set[str]:
    data = json.loads((ROOT / "src" / "dateline" / "data" / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"] for c in data["countries"]}


def parse_code(code: str, iso3: set[str]) -> tuple[str | None, str | None]:
    """Country and sector of a CAMEO actor code ("SYRGOV" → SYR government, "IGOUNO" → IGO)."""
    code = code.strip("~").upper()
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = None
    if parts and parts[0] in iso3 and parts[0] not in SECTORS:
        country = parts.pop(0)
    elif parts and parts[0] in NON_STATE_FIRST and parts[0] not in SECTORS:
        parts.pop(0)
    sector = next((SECTORS[p] for p in parts if p in SECTORS), None)
    return country, sector


def _date(s: str) -> str | None:
    """YYMMDD (00-29 → 20YY) or YYYYMMDD → YYYY-MM-DD; ``None`` for anything else."""
    if not s.isdigit() or len(s) not in (6, 8):
        return None
    if len(s) == 6:
        yy = int(s[:2])
        s = ("20" if yy < 30 else "19") + s
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_RESTRICTION = re.compile(r"\[\s*([~A-Za-z]+)\s*([^\]]*)\]")


def _restriction(code: str, when: str) -> list[str] | None:
    """[code, from, to] with "" for an open end; ``None`` when the dates do not parse."""
    when = when.strip()
    if not when:
        return [code, "", ""]
    if when.startswith(">"):
        d = _date(when[1:].strip())
        return [code, d, ""] if d else None
    if when.startswith("<"):
        d = _date(when[1:].strip())
        return [code, "", d] if d else None
    if "-" in when:
        a, b = (x.strip() for x in when.split("-", 1))
        da, db = _date(a), _date(b)
        return [code, da, db] if da and db else None
    return None


def build_actors(src: Path, iso3: set[str]) -> tuple[dict[str, Any], dict[str, int]]:
    entries: list[dict[str, Any]] = []
    stats = {"records": 0, "names": 0, "codes": 0, "bad_dates": 0}
    for fname in ACTOR_FILES:
        short = fname.split(".")[1]
        cur: dict[str, Any] | None = None
        for n, raw in enumerate((src / "petrarch2" / fname).read_text(encoding="latin-1").splitlines(), 1):
            line = _comment(raw)
            if not line.strip():
                continue
            codes = _RESTRICTION.findall(line)
            text = _RESTRICTION.sub(" ", line)
            if raw[:1] in ("\t", " ") and not text.strip():
                if cur is not None:
                    for code, when in codes:
                        r = _restriction(code, when)
                        if r is None:
                            stats["bad_dates"] += 1
                        else:
                            cur["codes"].append(r)
                continue
            if line.startswith("+"):
                if cur is not None:
                    for v in text[1:].split("+_"):  # a synonym line that runs two together
                        nm = _name(v)
                        if nm and nm not in cur["names"]:
                            cur["names"].append(nm)
                    for code, when in codes:
                        r = _restriction(code, when)
                        if r is not None:
                            cur["codes"].append(r)
                continue
            nm = _name(text)
            if not nm:
                continue
            cur = {"id": f"{short}:{n}", "names": [nm], "codes": []}
            entries.append(cur)
            for code, when in codes:
                r = _restriction(code, when)
                if r is None:
                    stats["bad_dates"] += 1
                else:
                    cur["codes"].append(r)
    out = []
    for e in entries:
        if not e["codes"]:
            continue  # a null code: the name is known and codes no one
        coded = []
        for code, start, end in e["codes"]:
            country, sector = parse_code(code, iso3)
            coded.append([code.strip("~").upper(), country, sector, start, end])
        out.append({"id": e["id"], "names": e["names"], "codes": coded})
        stats["records"] += 1
        stats["names"] += len(e["names"])
        stats["codes"] += len(coded)
    return {"fields": ["code", "country", "sector", "from", "to"], "entries": out}, stats


def _plurals(phrase: str) -> list[str]:
    if phrase.endswith("_"):
        return []
    p = phrase
    if p.endswith("Y") and not p.endswith(("AY", "EY", "OY", "UY")):
        return [p[:-1] + "IES"]
    if p.endswith(("SS", "SH", "CH", "X")):
        return [p + "ES"]
    return [p + "S"]


def build_agents(src: Path) -> tuple[dict[str, Any], dict[str, int]]:
    subs: dict[str, list[str]] = {}
    agents: dict[str, list[str]] = {}
    for raw in (src / "petrarch2" / "Phoenix.agents.txt").read_text(encoding="latin-1").splitlines():
        line = _comment(raw).strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]+)\]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        phrases = [phrase]
        for mark, words in subs.items():
            if mark in phrase:
                phrases = [p.replace(mark, w) for p in phrases for w in words]
        forms: list[str] = []
        for p in phrases:
            forms.append(p)
            if "!" in phrase:
                continue  # a substitution gives its own forms, no plural formed
            if plural is not None:
                forms += plural.strip("{}").split()
            else:
                forms += _plurals(p)
        sector = SECTORS.get(code.strip("~").upper()[:3])
        for f in forms:
            key = _name(f)
            if key and key not in agents:
                agents[key] = [code.upper(), sector or ""]
    stats = {"agents": len(agents), "entries_with_sector": sum(1 for v in agents.values() if v[1])}
    return {"fields": ["code", "sector"], "agents": agents}, stats


def build_discards(src: Path) -> tuple[dict[str, Any], dict[str, int]]:
    sentence, story = set(), set()
    for raw in (src / "petrarch2" / "Phoenix.discards.txt").read_text(encoding="latin-1").splitlines():
        line = _comment(raw).strip()
        if not line:
            continue
        if line.startswith("+"):
            story.add(_name(line[1:]))
        else:
            sentence.add(_name(line))
    sentence.discard("")
    story.discard("")
    return {"sentence": sorted(sentence), "story": sorted(story)}, {"sentence": len(sentence), "story": len(story)}


def build_plover(src: Path) -> dict[str, list[str]]:
    """CAMEO code → [PLOVER type, mode, context]; two-digit headings give a root's default type."""
    table: dict[str, list[str]] = {}
    for raw in (src / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        line = _comment(raw).strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        parts = [p.strip() for p in rest.split(",")]
        typ = parts[0]
        if not typ:
            continue
        mode = parts[1] if len(parts) > 1 else ""
        context = ",".join(parts[2:]).strip() if len(parts) > 2 else ""
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        table.setdefault(code, [typ, mode, context])
    return table


def plover_of(cameo: str, table: dict[str, list[str]]) -> list[str] | None:
    """The conversion table's row for a CAMEO code, else for its nearest listed parent."""
    code = cameo.split(":", 1)[0].strip()
    if not code.isdigit():
        return None
    for n in range(len(code), 1, -1):
        row = table.get(code[:n])
        if row is not None:
            return row
    return None


_PAT_CODE = re.compile(r"\[([^\]]*)\]")


def _pattern_slots(pat: str) -> dict[str, Any]:
    """The five parts of a PETRARCH2 pattern: nouns and prepositional phrases before and after "*"."""
    before, _, after = pat.partition("*")
    out: dict[str, Any] = {}
    for side, text in (("before", before), ("after", after)):
        preps = [_name(p.replace("{", "").replace("}", "")) for p in re.findall(r"\(([^)]*)\)", text)]
        nouns_text = re.sub(r"\([^)]*\)", " ", text)
        nouns = [_name(x.replace("{", "").replace("}", "")) for x in re.findall(r"\{[^}]*\}|\S+", nouns_text)]
        if nouns:
            out[side] = nouns
        if preps:
            out[side + "_preps"] = preps
    return out


def build_verbs(src: Path, table: dict[str, list[str]]) -> tuple[dict[str, Any], dict[str, int]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[dict[str, Any]] = []
    transformations: list[str] = []
    cur_syn: str | None = None
    block: dict[str, Any] | None = None
    stats = {"blocks": 0, "verbs": 0, "patterns": 0, "patterns_plover": 0}

    def coded(code: str) -> dict[str, Any]:
        code = code.strip()
        if code in ("---", ""):
            return {"cameo": None}
        row = plover_of(code, table)
        d: dict[str, Any] = {"cameo": code.split(":", 1)[0]}
        if row:
            d.update(plover=row[0], mode=row[1], context=row[2])
        return d

    for raw in (src / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="latin-1").splitlines():
        line = _comment(raw).strip()
        if not line:
            continue
        if line.startswith("---"):
            m = re.match(r"^---\s*(.*?)\s*\[([^\]]*)\]\s*---", line)
            name = m.group(1) if m else line.strip("- ")
            block = {"name": _name(name), **coded(m.group(2) if m else "---"), "verbs": [], "patterns": []}
            blocks.append(block)
            cur_syn = None
            continue
        if line.startswith("&") and block is None:
            cur_syn = line[1:].strip()
            synsets[cur_syn] = []
            continue
        if line.startswith("+") and block is None:
            if cur_syn is not None:
                synsets[cur_syn].append(_name(line[1:]))
            continue
        if line.startswith("~"):
            transformations.append(" ".join(line[1:].split()))
            continue
        if block is None:
            continue
        if line.startswith("-"):
            m = _PAT_CODE.search(line)
            if not m:
                continue
            pat = " ".join(line[1 : m.start()].split())
            p = {"pattern": pat, **coded(m.group(1)), **_pattern_slots(pat)}
            # The comment names the verb of the block the pattern was written for ("- * ENTRY
            # [144] # REFUSE", "- * ENTRY [160] # DENY"): a block's verbs share their patterns, and
            # where two give one object different codes, the verb's own is the one it means.
            note = raw.split("#", 1)[1].replace(",", " ").split() if "#" in raw else []
            if note:
                p["for"] = sorted({_name(w) for w in note})
            block["patterns"].append(p)
            stats["patterns"] += 1
            stats["patterns_plover"] += 1 if "plover" in p else 0
            continue
        # a verb of the block: "SPEED {SPEEDING SPEEDS SPED } [code]", "+CORDON_OFF {...}", "WIRE_+TAP"
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*$", line)
        if not m:
            continue
        word = m.group(1).strip()
        forms = [_name(f.replace("+", "")) for f in (m.group(2) or "").strip("{}").split()]
        v: dict[str, Any] = {"verb": _name(word.replace("+", "")), "forms": forms}
        if "+" in word:
            v["head"] = _name(word.split("+", 1)[1].split("_")[0])
        if m.group(3):
            v.update(coded(m.group(3).strip("[]")))
        block["verbs"].append(v)
        stats["verbs"] += 1
    stats["blocks"] = len(blocks)
    return {"synsets": synsets, "blocks": blocks, "transformations": transformations}, stats


def _json(obj: Any) -> bytes:
    return (json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


NOTICE = f"""# Compiled event-data dictionaries

Built by `scripts/build_dictionaries.py` from `../shared/dictionaries/` (the published files, unchanged);
do not edit by hand: change the script and rebuild (`tests/test_dictionaries.py` checks they are current).

| file | from | licence |
|---|---|---|
| `actors.json.gz` | PETRARCH2 `Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`, `Phoenix.MilNonState.actors.txt` | MIT |
| `agents.json` | PETRARCH2 `Phoenix.agents.txt` | MIT |
| `discards.json` | PETRARCH2 `Phoenix.discards.txt` | MIT |
| `verbs.json.gz` | PETRARCH2 `CAMEO.2.0.txt`, its codes carried through PLOVER `CAMEO2PLOVER-2021.txt` | MIT; CC BY-SA 4.0 |

* PETRARCH2: Open Event Data Alliance, `openeventdata/petrarch2` at commit `{PETRARCH_COMMIT}`,
  `petrarch2/data/dictionaries/`. MIT licence, Copyright (c) 2014 Open Event Data Alliance: the
  licence text is `LICENSE-PETRARCH2` beside this file.
* PLOVER: `openeventdata/PLOVER` at commit `{PLOVER_COMMIT}`, `CAMEO2PLOVER-2021.txt`
  (PLOVER manual draft 0.8, Philip Schrodt), Creative Commons Attribution-ShareAlike 4.0
  (https://creativecommons.org/licenses/by-sa/4.0/). The PLOVER columns of `verbs.json.gz`
  are an adaptation of that table and are shared under the same licence.

Cite: Schrodt, P. A., *CAMEO Conflict and Mediation Event Observations Event and Actor Codebook*
(2012); Norris, Schrodt & Beieler, *PETRARCH2: Another Event Coding Program*, JOSS 2017;
Halterman et al., *PLOVER and POLECAT*, 2023.

Actor codes: `[code, country, sector, from, to]`, dates as YYYY-MM-DD ("" for an open end; six-digit
dates of the source read 00-29 as 20YY), country ISO 3166 alpha-3 when the code starts with one,
sector the package's name for the first CAMEO role code in it (GOV government, MIL military, COP
police, REB/INS/SEP/IMG rebels, ...: `SECTORS` in the script).
"""


def build(src: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    """File name → bytes, and the counts."""
    iso3 = _iso3()
    actors, a_stats = build_actors(src, iso3)
    agents, g_stats = build_agents(src)
    discards, d_stats = build_discards(src)
    table = build_plover(src)
    verbs, v_stats = build_verbs(src, table)
    verbs["plover_table"] = table
    files = {
        "actors.json.gz": gzip.compress(_json(actors), compresslevel=9, mtime=0),
        "agents.json": _json(agents),
        "discards.json": _json(discards),
        "verbs.json.gz": gzip.compress(_json(verbs), compresslevel=9, mtime=0),
        "NOTICE.md": NOTICE.encode("utf-8"),
        "LICENSE-PETRARCH2": (src / "petrarch2" / "LICENSE").read_bytes(),
    }
    return files, {"actors": a_stats, "agents": g_stats, "discards": d_stats, "verbs": v_stats}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the files there; write nothing")
    args = ap.parse_args()
    files, stats = build(args.source)
    if args.check:
        stale = [n for n, b in files.items() if not (args.out / n).exists() or (args.out / n).read_bytes() != b]
        for n in stale:
            print(f"stale: {args.out / n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, b in sorted(files.items()):
        (args.out / n).write_bytes(b)
        print(f"{n}: {len(b):,} bytes")
    print(json.dumps(stats, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
