"""``make run`` works on the bundled examples and writes every result it announces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mingjing.demo import main
from tests.conftest import EXAMPLES


def test_make_run_writes_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main([str(out), str(EXAMPLES)]) == 0
    printed = capsys.readouterr().out
    for name in ("outline.json", "check.json", "审核报告.html", "整改台账.xlsx"):
        assert (out / name).is_file(), name
        assert name in printed
    check = json.loads((out / "check.json").read_text(encoding="utf-8"))
    assert len(check["documents"]) == 7
    assert any(f["category"] == "copy" for d in check["documents"] for f in d["findings"])
    assert len(list((out / "审核意见").glob("*.审核意见.docx"))) == 7
    assert len(list((out / "公文格式").glob("*.docx"))) == 7
    assert (out / "查重" / "copy-heatmap.svg").is_file()
    assert any((out / "意见").rglob("*.xlsx"))
    # a second run into the same folder works too (outputs are replaced, nothing accumulates)
    assert main([str(out), str(EXAMPLES)]) == 0
    assert len(list((out / "审核意见").glob("*.docx"))) == 7
