"""The dateline components declare what they read and write (``requires``/``assigns`` on their
factories), and ``nlp.load()`` adds them in an order where each finds what it reads already assigned:
spaCy's ``analyze_pipes`` finds no problem. A component reading another's ``doc._`` extension without
declaring it fails here too, so the declarations keep up with the code."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from dateline import nlp as dateline_nlp


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


def ruled_attrs(nlp) -> set[str]:
    """What the model's attribute_ruler writes (token.pos from the tags in en_core_web_sm): it
    declares no ``assigns`` (they depend on its patterns), so spaCy's analysis cannot see them."""
    if "attribute_ruler" not in nlp.pipe_names:
        return set()
    return {f"token.{attr.lower()}" for p in nlp.get_pipe("attribute_ruler").patterns for attr in p["attrs"]}


def test_every_component_finds_what_it_reads_assigned_before_it(nlp):
    names = [name for _, name in dateline_nlp.COMPONENTS]
    assert [n for n in nlp.pipe_names if n.startswith("dateline_")] == names
    analysis = nlp.analyze_pipes(pretty=False)
    ruled = ruled_attrs(nlp)
    ruler_at = nlp.pipe_names.index("attribute_ruler") if ruled else len(nlp.pipe_names)
    problems = {
        name: [attr for attr in missing if not (attr in ruled and ruler_at < nlp.pipe_names.index(name))]
        for name, missing in analysis["problems"].items()
    }
    assert {name: missing for name, missing in problems.items() if missing} == {}


def test_each_component_assigns_its_own_extension(nlp):
    for _, name in dateline_nlp.COMPONENTS:
        assert f"doc._.{name}" in nlp.get_pipe_meta(name).assigns, name


def extensions_named(module: str, extensions: set[str]) -> set[str]:
    """Which of ``extensions`` a component's code names (``doc._.dateline_x``,
    ``has_extension("dateline_x")``), over its module or every module of its package."""
    origin = Path(importlib.util.find_spec(f"dateline.components.{module}").origin)
    files = sorted(origin.parent.glob("*.py")) if origin.name == "__init__.py" else [origin]
    found: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "_":
                found.add(node.attr)  # doc._.x
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)  # has_extension("x"), getattr(doc._, "x")
    return found & extensions


@pytest.mark.parametrize("module,name", dateline_nlp.COMPONENTS)
def test_a_component_declares_every_extension_it_reads(nlp, module, name):
    def extensions(attrs) -> set[str]:
        return {a.removeprefix("doc._.") for a in attrs if a.startswith("doc._.")}

    meta = nlp.get_pipe_meta(name)
    every = set().union(*(extensions(nlp.get_pipe_meta(n).assigns) for n in nlp.pipe_names))
    read = extensions_named(module, every) - extensions(meta.assigns)
    required = extensions(meta.requires)
    assert read - required == set(), f"{name} reads {sorted(read - required)} without requiring them"
