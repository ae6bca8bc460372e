"""Claim stance library: training data layouts, the cache, and predictions on a team-written toy set."""

import json

import pytest

from dateline.link import stance
from dateline.link.stance_features import cue_counts, sentences, tokens

CLAIM = "Meteorite crashes into Managua, leaving a crater near the airport"
BODIES = {
    "agree": [
        "A small meteorite crashed into a wooded area near the airport in Managua, officials confirmed on Sunday, leaving a crater.",
        "Government scientists confirmed that a meteorite struck Managua overnight and left a deep crater near the airport.",
    ],
    "disagree": [
        "Claims that a meteorite crashed into Managua are a hoax: astronomers said the crater near the airport is fake and was dug by workers.",
        "Experts denied that any meteorite hit Managua. The so-called crater is a fabricated story, a prank spread online.",
    ],
    "discuss": [
        "A meteorite reportedly crashed near the Managua airport, according to local media, but the claim has not been verified.",
        "Residents said they heard a boom and allegedly saw a crater near the airport; it is unclear whether a meteorite was involved.",
    ],
    "unrelated": [
        "The central bank raised interest rates by half a point on Thursday, citing inflation in food and fuel prices.",
        "The football club signed a new striker for a record fee after a long transfer saga.",
    ],
}


def write_training(path, compact=True):
    lines, n = [], 0
    for label, bodies in BODIES.items():
        for i, body in enumerate(bodies * 4):
            n += 1
            if compact:
                lines.append({"id": f"p{n}", "claim": CLAIM, "body_id": f"{label}{i % 2}", "stance": label})
            else:
                lines.append({"id": f"p{n}", "claim": CLAIM, "text": body, "stance": label})
    head = (
        [{"body_id": f"{label}{i}", "text": b} for label, bs in BODIES.items() for i, b in enumerate(bs)]
        if compact
        else []
    )
    path.write_text("\n".join(json.dumps(d) for d in head + lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("compact", [True, False])
def test_read_training_layouts(tmp_path, compact):
    pairs, labels = stance.read_training(write_training(tmp_path / "train.jsonl", compact))
    assert len(pairs) == len(labels) == 32 and set(labels) == set(stance.LABELS)
    assert pairs[0][0] == CLAIM and "meteorite" in pairs[0][1]


def test_missing_training_file_says_what_to_pass(tmp_path):
    with pytest.raises(stance.StanceDataMissing, match="not found"):
        stance.load_model(tmp_path / "absent.jsonl")


def test_predict_lines_trains_once_then_loads_from_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_CACHE", str(tmp_path / "cache"))
    train = write_training(tmp_path / "train.jsonl")
    lines = [{"id": f"x{i}", "claim": CLAIM, "text": b} for i, b in enumerate(sum(BODIES.values(), []))]
    first = list(stance.predict_lines(lines, train_path=train))
    assert [d["id"] for d in first] == [d["id"] for d in lines]
    assert all(d["stance"] in stance.LABELS for d in first)
    assert first[-1]["stance"] == "unrelated" and first[0]["stance"] != "unrelated"
    assert len(list((tmp_path / "cache").glob("stance-*.pkl"))) == 1

    def no_refit(*a, **k):
        raise AssertionError("refitted although the model is cached")

    monkeypatch.setattr(stance.StanceModel, "fit", classmethod(no_refit))
    again = list(stance.predict_lines(lines, train_path=train, batch=3))
    assert again == first


def test_empty_input_yields_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_CACHE", str(tmp_path / "cache"))
    assert list(stance.predict_lines([], train_path=write_training(tmp_path / "t.jsonl"))) == []


@pytest.mark.parametrize(
    "text, denial, hedge",
    [
        ("The story is a hoax, officials denied it.", True, False),
        ("The minister reportedly resigned, according to local media.", False, True),
        ("The minister resigned on Monday.", False, False),
    ],
)
def test_cue_counts_share_the_claim_lexicon(text, denial, hedge):
    flags = cue_counts(tokens(text))
    # layout: (share, present) for negation, denial, hedge, support
    assert bool(flags[3]) == denial and bool(flags[5]) == hedge


def test_sentences_and_tokens():
    assert sentences("One. Two!\nThree?") == ["One.", "Two!", "Three?"]
    assert tokens("Don’t panic") == ["don't", "panic"]


def test_no_default_training_data_says_how_to_pass_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(stance, "TRAIN_RELATIVE", tmp_path / "nowhere" / "train.jsonl")
    with pytest.raises(stance.StanceDataMissing, match="--train PATH"):
        stance.default_train_path()
