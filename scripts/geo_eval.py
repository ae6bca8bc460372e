"""Gold-span scoring of the place resolver, in process: the protocol of ../shared/eval/geo/README.md.

The system sees only ``{id, text, toponyms: [{start, end}]}`` (what ``score.py input geo --spans``
writes); the gold is read back only by ``score.py``'s own ``score_geo``. Shared by
``fit_geo_weights.py`` and ``ablate_geo.py``:

    python scripts/geo_eval.py [train|dev ...]     # acc@161 and AUC per corpus
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SPLITS = {"train": EVAL / "geo" / "train.jsonl", "dev": EVAL / "geo" / "dev.jsonl"}


def scorer():
    """``../shared/eval/score.py`` as a module (its ``make_input`` and ``score_geo``)."""
    spec = importlib.util.spec_from_file_location("dateline_eval_score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(split: str) -> list[dict]:
    with open(SPLITS[split], encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def inputs(docs: list[dict]) -> list[dict]:
    """What the system may see: id, text and the spans (no coordinates)."""
    return [
        {"id": d["id"], "text": d["text"], "toponyms": [{"start": t["start"], "end": t["end"]} for t in d["toponyms"]]}
        for d in docs
    ]


def run(docs: list[dict]) -> dict:
    """Reports by id for the gold-span protocol (``dateline geocode``'s own code)."""
    from dateline.resolve.geocode import geocode_lines

    return {str(r["id"]): r for r in geocode_lines(inputs(docs))}


def score(docs: list[dict], reports: dict | None = None) -> dict:
    """``score.py geo --spans`` metrics per corpus (and "all")."""
    return scorer().score_geo(docs, run(docs) if reports is None else reports, gold_spans=True)


def recognised(docs: list[dict]) -> dict[str, list[tuple[int, int, str]]]:
    """The place spans the pipeline recognises in each document (as the end-to-end gate runs it)."""
    from dateline import Pipeline
    from dateline.records import Article

    pipe = Pipeline(components=("dateline_entities", "dateline_places"))
    out = {}
    for report in pipe.analyze_many(Article(id=d["id"], text=d["text"]) for d in docs):
        out[str(report.id)] = [(p.start, p.end, p.text) for p in report.places]
    return out


def score_e2e(docs: list[dict], spans: dict[str, list[tuple[int, int, str]]]) -> dict:
    """``score.py geo`` end-to-end metrics, the recognised ``spans`` resolved as the places component does
    (no dateline: the gate's Articles carry none)."""
    from dateline.resolve import gazetteer as gz

    reports = {}
    for d in docs:
        mentions = [gz.Mention(s, e, t) for s, e, t in spans.get(d["id"], [])]
        places = []
        for m, res in zip(mentions, gz.resolve(d["text"], mentions, [])):
            places.append({"start": m.start, "end": m.end, **gz.place_fields(res)})
        reports[d["id"]] = {"id": d["id"], "places": places}
    return scorer().score_geo(docs, reports, gold_spans=False)


def answers(docs: list[dict], reports: dict) -> list[tuple[str, str, str, bool, str | None]]:
    """Per gold toponym: (doc id, corpus, text, right within 161 km, the answer's name), as ``score.py`` matches them."""
    sc = scorer()
    out = []
    for d in docs:
        preds = [p for p in (reports.get(d["id"]) or {}).get("places") or [] if p.get("start") is not None]
        for g in d["toponyms"]:
            hit = next((p for p in preds if p["start"] == g["start"] and p["end"] == g["end"]), None)
            ok = bool(hit and hit.get("lat") is not None and sc.km(g["lat"], g["lon"], hit["lat"], hit["lon"]) <= 161)
            out.append((d["id"], d["source"], g["text"], ok, hit and f"{hit.get('name')} ({hit.get('country')})"))
    return out


def line(name: str, m: dict) -> str:
    return " ".join(f"{k} {v['acc161']:.3f}/{v['auc']:.3f}" for k, v in sorted(m.items()) if k != "all") + (
        f" all {m['all']['acc161']:.3f}/{m['all']['auc']:.3f}  [{name}]"
    )


def pipeline_e2e(docs: list[dict]) -> dict:
    """End to end exactly as ``tests/test_gate_places.py`` runs it: the pipeline's reports, scored by ``score.py geo``."""
    from dateline import Pipeline
    from dateline.records import Article

    pipe = Pipeline(components=("dateline_entities", "dateline_places"))
    reports = {}
    for report in pipe.analyze_many(Article(id=d["id"], text=d["text"]) for d in docs):
        reports[str(report.id)] = json.loads(report.to_json())
    return scorer().score_geo(docs, reports, gold_spans=False)


def e2e_line(name: str, m: dict) -> str:
    keys = ("recognition_precision", "recognition_recall", "recognition_f1", "end_to_end_f1_161")
    return "  ".join(
        f"{k} " + "/".join(f"{v.get(x, float('nan')):.3f}" for x in keys) for k, v in sorted(m.items())
    ) + (f"  [{name} e2e P/R/F1/F1@161]")


if __name__ == "__main__":
    args = sys.argv[1:] or ["train", "dev"]
    for split in args:
        if split.startswith("e2e:"):
            print(e2e_line(split, pipeline_e2e(load(split[4:]))), flush=True)
        else:
            print(line(split, score(load(split))), flush=True)
