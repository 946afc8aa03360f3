"""Every example material and test document parses into the structure its author intended.

The intended structures are in tests/data/expected_outlines.json, written by hand by whoever wrote
the document (counts of sections, parts per section, items per part, items with an instance, and
the preamble facts).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mingjing import parse, read
from mingjing.render.outline import outline_dict
from tests.conftest import ROOT

EXPECTED: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "expected_outlines.json").read_text(encoding="utf-8")
)


def _shape(outline: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"kind": s["kind"], "parts": [len(p["items"]) for p in s["parts"]]}
        for s in outline["sections"]
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: Path(n).name)
def test_document_parses_into_its_intended_outline(name: str) -> None:
    expected = EXPECTED[name]
    outline = outline_dict(parse(read(ROOT / name)))
    assert _shape(outline) == [
        {"kind": s["kind"], "parts": s["parts"]} for s in expected["sections"]
    ]
    assert outline["summary"]["items_with_instance"] == expected["items_with_instance"]
    for fact, value in expected.get("facts", {}).items():
        assert outline["facts"][fact] == value, fact


def test_every_bundled_material_has_an_expected_outline() -> None:
    from mingjing.cli.common import expand_inputs

    folders = [ROOT / f for f in ("examples", "tests/data/materials", "tests/data/pdf_pasted")]
    bundled = [p for p in expand_inputs(folders) if not {"templates", "opinions"} & set(p.parts)]
    names = [p.relative_to(ROOT).as_posix() for p in bundled]
    assert len(names) >= 19
    assert sorted(set(names) - set(EXPECTED)) == []
