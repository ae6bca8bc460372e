"""Each heuristic rule of the place resolver switched off in turn, scored on train and on dev.

A rule keeps its place only if it helps on the tuning split (``train.jsonl``: TR-News + GeoVirus)
and on the check split (``dev.jsonl``: LGL + GeoWebNews); one that helps only dev describes the dev
articles. Rules are switched off from outside, by patching the module attribute they read or, for a
branch inside a function, by recompiling the function with that branch cut out (the script fails if
the code it cuts no longer reads as expected). Gold-span protocol, as ``score.py geo --spans``:

    python scripts/ablate_geo.py [RULE ...]          # all rules by default; --list names them

Prints, per rule, the change in acc@161 km (in mentions and in points) and in AUC when the rule is
off: a positive "help" means the rule is right more often than not having it.
"""

from __future__ import annotations
import __future__

import argparse
import contextlib
import inspect
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import geo_eval  # noqa: E402

from dateline.resolve.geo import containment, fallback, readings, resolver, scoring  # noqa: E402

NEVER = re.compile(r"(?!)")


@contextlib.contextmanager
def setattrs(*changes: tuple[object, str, object]) -> Iterator[None]:
    """Set module attributes for the block; a function also under the other names modules import it by."""
    saved = []
    for mod, attr, value in changes:
        old = getattr(mod, attr)
        for m in (
            list(sys.modules.values())
            if callable(old) and hasattr(old, "__wrapped__") or inspect.isfunction(old)
            else ()
        ):
            if getattr(m, "__name__", "").startswith("dateline") and m is not mod:
                for k, v in list(vars(m).items()):
                    if v is old:
                        saved.append((m, k, v))
                        setattr(m, k, value)
        saved.append((mod, attr, old))
        setattr(mod, attr, value)
    try:
        yield
    finally:
        for m, k, v in reversed(saved):
            setattr(m, k, v)


def recompiled(mod, name: str, *cuts: tuple[str, str]) -> Callable:
    """``mod.name`` recompiled from its source with each ``old`` replaced by ``new`` (each must occur once)."""
    src = textwrap.dedent(inspect.getsource(getattr(mod, name)))
    for old, new in cuts:
        assert src.count(old) == 1, f"{mod.__name__}.{name}: {old!r} occurs {src.count(old)} times"
        src = src.replace(old, new)
    ns: dict = {}
    code = compile(src, mod.__file__, "exec", flags=__future__.annotations.compiler_flag, dont_inherit=True)
    exec(code, mod.__dict__, ns)  # noqa: S102 - our own source, edited above
    return ns[name]


def cut(mod, name: str, *cuts: tuple[str, str]):
    return setattrs((mod, name, recompiled(mod, name, *cuts)))


def _inside_no_margin(c, area):
    if area.feature == "admin1":
        return c.admin1 == area.admin1
    return _inside(c, area)


_inside = readings.inside


def _no_country_override():
    """Country rows back at countryinfo's point where ``places_countries.tsv`` moved them (in memory)."""
    import ast
    import json

    from dateline.resolve import gazetteer as gz
    from dateline.resolve.geo import sources

    g = gz.gazetteer()
    info = {}
    for f in (sources._pkg_dir("countryinfo") / "data").glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = d.get("ISO")
        iso = ast.literal_eval(iso) if isinstance(iso, str) else iso
        if iso and iso.get("alpha2"):
            info[iso["alpha2"]] = sources._point(d.get("latlng"))
    changes = []
    for r in sources._tsv("places_countries.tsv"):
        row = g.country_row.get(r["country"])
        pt = info.get(r["country"])
        if row is not None and pt:
            changes.append((row, pt))
    return _moved(g, changes)


@contextlib.contextmanager
def _moved(g, changes):
    saved = [(row, g.lat[row], g.lon[row]) for row, _ in changes]
    for row, (la, lo) in changes:
        g.lat[row], g.lon[row] = la, lo
    g.__dict__.pop("_answers", None)
    try:
        yield
    finally:
        for row, la, lo in saved:
            g.lat[row], g.lon[row] = la, lo
        g.__dict__.pop("_answers", None)


def _weight(feature: str):
    return setattrs((scoring, "WEIGHTS", {**scoring.WEIGHTS, feature: 0.0}))


# (name, where, what it does, how to switch it off)
RULES: list[tuple[str, str, str, Callable]] = [
    # readings: which rows a name may be
    ("alias_rivals", "readings", '"Palestine" may be a town too', lambda: setattrs((readings, "ALIAS_RIVALS", False))),
    (
        "county_short",
        "readings",
        '"Lancaster" may be Lancaster County',
        lambda: setattrs((readings, "COUNTY_SHORT", False)),
    ),
    ("acronym", "readings", '"UCLA" is no Uccle', lambda: setattrs((readings, "_ACRONYM", NEVER))),
    (
        "plural_demonym",
        "readings",
        '"Syrians" is Syria',
        lambda: cut(readings, "candidates", ('if text[-1:] == "s" and text[:1].isupper():', "if False:")),
    ),
    (
        "inside_250km",
        "readings",
        "a state's area reaches 250 km",
        lambda: setattrs((readings, "inside", _inside_no_margin)),
    ),
    ("country_points", "data", "GeoNames points for 7 large countries", _no_country_override),
    # resolver: what the article says around a name
    ("qualifier", "resolver", '"Greer, S.C."', lambda: setattrs((resolver, "_QUALIFIER", NEVER))),
    (
        "dateline_frame",
        "resolver",
        "the dateline's places frame the article",
        lambda: cut(resolver, "resolve", ("for name in focus:", "for name in ():")),
    ),
    (
        "us_state_anywhere",
        "resolver",
        "a US state named anywhere frames the article",
        lambda: cut(resolver, "resolve", ("for code, name in _us_states(gaz):", "for code, name in ():")),
    ),
    (
        "state_frame",
        "resolver",
        "the state named most frames towns (feature frame)",
        lambda: cut(resolver, "resolve", ("frame = named[0][0] if", "frame = None if")),
    ),
    ("rounds", "resolver", "rounds of context (one round only)", lambda: setattrs((resolver, "ROUNDS", 1))),
    (
        "polish",
        "resolver",
        "one name at a time after the rounds",
        lambda: cut(resolver, "resolve", ("if sum(p_own) > energy:", "if False:")),
    ),
    (
        "demonym_endings",
        "discourse",
        '"Texan" is Texas',
        lambda: setattrs((resolver, "demonym", lambda gaz, text, written: (None, []))),
    ),
    # coherence
    ("closeness", "coherence", "the tightest joint reading (feature closeness)", lambda: _weight("closeness")),
    ("close_own_only", "scoring", "closeness only for own names", lambda: setattrs((scoring, "CLOSE_OWN_ONLY", False))),
    # fallback: names read far away or not at all
    (
        "weak_far",
        "fallback",
        "a weak reading far from home is dropped",
        lambda: setattrs((fallback, "WEAK_HOME_MIN", 10**9)),
    ),
    (
        "containment",
        "fallback",
        '"Palais des Nations in Geneva"',
        lambda: setattrs((containment, "container", lambda *a: None)),
    ),
    ("street", "fallback", "a street's words are no clue", lambda: setattrs((fallback, "_STREET", NEVER))),
    (
        "inner_place",
        "fallback",
        'a known place inside the name ("Manila Cathedral")',
        lambda: cut(fallback, "fallback", ("for n in range(len(words) - 1, 0, -1):", "for n in ():")),
    ),
    (
        "state_to_home",
        "fallback",
        "the inner state is the home town's",
        lambda: cut(fallback, "fallback", ('inner = home  # "Virginia Gateway"', "pass  #")),
    ),
    ("near_town", "fallback", "a building at the town named nearest", lambda: setattrs((fallback, "NEAR_CHARS", -1))),
    (
        "home",
        "fallback",
        "else the article's home",
        lambda: cut(
            fallback,
            "fallback",
            ("base = inner or near_town or near_area or home", "base = inner or near_town or near_area"),
        ),
    ),
    (
        "home_country",
        "fallback",
        "the home lies in the country named most",
        lambda: setattrs((fallback, "HOME_COUNTRY", False)),
    ),
    (
        "home_town",
        "fallback",
        "the home is a town where one is named",
        lambda: cut(
            fallback,
            "_home",
            ('fine = [p for p in fine if p.feature in ("city", "capital", "admin2")] or fine', "pass"),
        ),
    ),
]

# the scorer's context features, each weighed 0 (the kinds and population are the baseline itself)
for _f in ("own_name", "namesake", "curated", "country_share", "admin1_share", "frame", "area", "near100", "near300"):
    RULES.append((f"feature:{_f}", "scoring", "its weight set to 0", lambda f=_f: _weight(f)))


def measure(splits: dict[str, list[dict]]) -> dict[str, tuple[dict, list]]:
    """Per split: the metrics and the per-mention answers."""
    out = {}
    for name, docs in splits.items():
        reports = geo_eval.run(docs)
        out[name] = (geo_eval.score(docs, reports), geo_eval.answers(docs, reports))
    return out


def flips(base: list, off: list) -> tuple[list, list]:
    """Mentions the rule gets right that are wrong without it, and the reverse."""
    fixed = [(b, o) for b, o in zip(base, off) if b[3] and not o[3]]
    broken = [(b, o) for b, o in zip(base, off) if o[3] and not b[3]]
    return fixed, broken


def delta(base: dict, off: dict) -> dict[str, tuple[int, float, float]]:
    """Per corpus: (mentions right with the rule − without, acc@161 points, AUC without − with)."""
    out = {}
    for src, b in base.items():
        o = off[src]
        n = b["gold"]
        out[src] = (round((b["acc161"] - o["acc161"]) * n), b["acc161"] - o["acc161"], o["auc"] - b["auc"])
    return out


SEED = geo_eval.ROOT.parent / "shared" / "seed"


def seed_places() -> str:
    """The seed article's place facts that ``check.py`` finds, analysed as ``dateline analyze`` does."""
    import json
    import subprocess
    import tempfile

    from dateline.pipeline import Pipeline
    from dateline.sources import read

    global _PIPELINE
    _PIPELINE = _PIPELINE or Pipeline()
    (report,) = list(_PIPELINE.analyze_items(read([str(SEED / "article.txt")], published="2024-01-25")))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(report.to_dict(), f)
    out = subprocess.run([sys.executable, str(SEED / "check.py"), f.name], capture_output=True, text=True).stdout
    Path(f.name).unlink()
    return " ".join(line.strip() for line in out.splitlines() if "place:" in line)


_PIPELINE = None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rules", nargs="*")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the mentions each rule changes")
    ap.add_argument("--e2e", action="store_true", help="also end to end: F1@161 over the recognised spans")
    ap.add_argument("--seed", action="store_true", help="also the seed article's place facts (../shared/seed)")
    args = ap.parse_args()
    if args.list:
        for name, where, what, _ in RULES:
            print(f"{name:22} {where:10} {what}")
        return
    splits = {s: geo_eval.load(s) for s in ("train", "dev")}
    base = measure(splits)
    if args.seed:
        print(f"seed baseline {seed_places()}")
    if args.e2e:
        spans = {s: geo_eval.recognised(docs) for s, docs in splits.items()}
        e2e_base = {s: geo_eval.score_e2e(docs, spans[s]) for s, docs in splits.items()}
        print(
            "e2e baseline " + " ".join(f"{s} F1@161 {m['all']['end_to_end_f1_161']:.3f}" for s, m in e2e_base.items())
        )
    for s, (m, _) in base.items():
        print(geo_eval.line(f"{s} baseline", m), flush=True)
    print(
        f"{'rule':22} {'where':10} train: TR-News GeoVirus all (pt, ΔAUC) fixed/broken in docs"
        " | dev: LGL GeoWebNews all (...)"
    )
    for name, where, _what, switch in RULES:
        if args.rules and name not in args.rules:
            continue
        with switch():
            off = measure(splits)
        cols, shown = [], []
        for s, order in (("train", ("TR-News", "GeoVirus", "all")), ("dev", ("LGL", "GeoWebNews", "all"))):
            d = delta(base[s][0], off[s][0])
            fixed, broken = flips(base[s][1], off[s][1])
            docs = len({b[0] for b, _ in fixed + broken})
            cols.append(
                " ".join(f"{d[c][0]:+4d}" for c in order)
                + f" ({d['all'][1] * 100:+.1f}, {d['all'][2]:+.3f}) {len(fixed)}/{len(broken)} in {docs}"
            )
            shown += [(s, "fixed", b, o) for b, o in fixed] + [(s, "broken", b, o) for b, o in broken]
        if args.e2e:
            with switch():
                e2e = {s: geo_eval.score_e2e(docs, spans[s]) for s, docs in splits.items()}
            cols.append(
                "e2e "
                + " ".join(
                    f"{s} {(e2e_base[s]['all']['end_to_end_f1_161'] - m['all']['end_to_end_f1_161']) * 100:+.1f}"
                    for s, m in e2e.items()
                )
            )
        if args.seed:
            with switch():
                cols.append(f"seed {seed_places()}")
        print(f"{name:22} {where:10} {' | '.join(cols)}", flush=True)
        if args.show:
            for s, how, b, o in shown:
                print(f"    {s} {how}: {b[0]} {b[2]!r} with the rule {b[4]}, without {o[4]}")


if __name__ == "__main__":
    main()
