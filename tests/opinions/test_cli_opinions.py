"""``mingjing opinions``: the JSON contract of merge, exit codes, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mingjing.cli import run
from tests.opinions.labelled import DATA, EXAMPLE_BOOK, EXAMPLES, rows_of

TEAM = str(DATA / "班子成员.toml")


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:  # type: ignore[type-arg]
    assert run(argv) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_merge_json_has_the_counts_and_the_clusters_with_their_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _json(capsys, ["opinions", "merge", str(DATA / "汇总表_2023.xlsx"), "--format", "json"])
    assert data["collected"] == len(rows_of("汇总表_2023.xlsx"))
    assert data["rejected"] == 5
    assert data["merged"] == len(data["clusters"])
    members = sorted(r for c in data["clusters"] for r in c["members"])
    assert members == sorted(rows_of("汇总表_2023.xlsx"))
    assert all(c["text"] for c in data["clusters"])
    assert data["preamble"] == f"征求到意见{data['collected']}条，归纳意见{data['merged']}条"


def test_classify_and_assign_json(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["-t", TEAM, "-f", "2023-zhuti-personal", "--format", "json"]
    data = _json(capsys, ["opinions", "classify", str(EXAMPLE_BOOK), *base])
    assert {"aspect", "confidence", "basis"} <= set(data["clusters"][0])
    book = _json(capsys, ["opinions", "assign", str(EXAMPLE_BOOK), *base])
    assert book["kind"] == "mingjing-opinion-assignment"
    assert sum(a["merged"] for a in book["assignees"]) == book["merged"]
    assert [a["assignee"] for a in book["assignees"]][:2] == ["班子", "韦砚清"]


def test_coverage_command_lists_what_each_material_ignores(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["opinions", "coverage", str(EXAMPLE_BOOK), "-t", TEAM, "-m"]
    code = run([*argv, str(EXAMPLES / "镇长_骆承岷_对照检查材料_2023.txt"), "--format", "json"])
    assert code == 1  # some opinions are not answered
    (doc,) = json.loads(capsys.readouterr().out)["materials"]
    assert doc["owner"] == "骆承岷" and doc["unanswered"] > 0
    missing = [a["text"] for a in doc["answers"] if not a["answered"]]
    assert any("卫生院" in t for t in missing)
    assert not any("占道" in t for t in missing)


def test_run_writes_sheets_for_everyone_and_the_books(tmp_path: Path) -> None:
    out = tmp_path / "结果"
    argv = [
        "opinions",
        "run",
        str(EXAMPLE_BOOK),
        "-f",
        "2023-zhuti-personal",
        "-t",
        TEAM,
        "-o",
        str(out),
    ]
    assert run(argv) == 0
    names = {p.name for p in (out / "反馈表").iterdir()}
    for who in ("领导班子", "韦砚清", "骆承岷", "钟毓苓", "蒯正衡", "殳晓岚", "阙文翰"):
        assert {f"意见反馈表_{who}.xlsx", f"意见反馈表_{who}.docx"} <= names
    assert (out / "意见汇总.xlsx").is_file() and (out / "意见分派.json").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["opinions", "merge", "没有这个文件.xlsx"], "不存在"),
        (["opinions", "merge", str(DATA / "汇总表_2023.xlsx"), "--format", "xml"], "输出格式"),
        (["opinions", "merge", str(DATA / "汇总表_2023.xlsx"), "--threshold", "2"], "阈值"),
        (["opinions", "classify", str(DATA / "汇总表_2023.xlsx")], "--framework"),
        (
            ["opinions", "merge", str(DATA / "汇总表_2023.xlsx"), "-t", str(DATA / "labels.json")],
            "TOML",
        ),
    ],
)
def test_bad_input_is_a_chinese_message_and_exit_code_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
