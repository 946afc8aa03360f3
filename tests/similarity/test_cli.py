"""``mingjing corpus …`` and ``mingjing dup …`` through the CLI entry point."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from mingjing.cli import run

from .conftest import salad


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    r = random.Random(11)
    lib = tmp_path / "往年"
    lib.mkdir()
    texts = {f"往年_{i}.txt": salad(r, 1500) for i in range(4)}
    for name, text in texts.items():
        (lib / name).write_text(text, encoding="utf-8")
    copied = texts["往年_2.txt"][300:420]
    new = salad(r, 600) + "。" + copied + "。" + salad(r, 600)
    q = tmp_path / "今年.txt"
    q.write_text(new, encoding="utf-8")
    return {"lib": lib, "query": q, "corpus": tmp_path / "库"}


def test_corpus_add_list_and_dup_json(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(files["corpus"])
    assert run(["corpus", "add", "--corpus", corpus, "--tag", "year:2022", str(files["lib"])]) == 0
    capsys.readouterr()
    assert run(["corpus", "list", "--corpus", corpus, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [m["name"] for m in listed["materials"]] == [f"往年_{i}.txt" for i in range(4)]
    assert listed["materials"][0]["tags"] == ["year:2022"]
    assert run(["dup", "--corpus", corpus, "--format", "json", str(files["query"])]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    doc = data["documents"][0]
    assert {"file", "ratio", "ratio_excluding_quotes", "sources"} <= set(doc)
    src = doc["sources"][0]
    assert src["name"] == "往年_2.txt" and src["tags"] == ["year:2022"]
    p = src["passages"][0]
    text = files["query"].read_text(encoding="utf-8")
    s, e = p["span"]
    assert text[s:e] == p["text"]
    assert p["text"].startswith(text[s : s + 5])
    assert p["source_span"][1] - p["source_span"][0] >= 100


def test_dup_text_and_html_outputs(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(files["corpus"])
    run(["corpus", "add", "--corpus", corpus, str(files["lib"])])
    capsys.readouterr()
    assert run(["dup", "--corpus", corpus, str(files["query"])]) == 0
    out = capsys.readouterr().out
    assert "文字复制比" in out and "往年_2.txt" in out and "疑似复制" in out
    html = tmp_path / "r.html"
    assert (
        run(["dup", "--corpus", corpus, "--format", "html", "-o", str(html), str(files["query"])])
        == 0
    )
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('<mark class="copy"') >= 2


def test_dup_without_corpus_is_a_clear_error(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["dup", "--corpus", str(files["corpus"]), str(files["query"])]) == 2
    assert "比对库" in capsys.readouterr().err


def test_corpus_remove_by_name(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus = str(files["corpus"])
    run(["corpus", "add", "--corpus", corpus, str(files["lib"])])
    assert run(["corpus", "remove", "--corpus", corpus, "往年_2.txt"]) == 0
    capsys.readouterr()
    run(["dup", "--corpus", corpus, "--format", "json", str(files["query"])])
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    assert all(s["name"] != "往年_2.txt" for s in doc["sources"])


def test_team_mode_writes_heatmap(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    team = files["lib"]
    (team / "今年.txt").write_text(files["query"].read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["dup", "--corpus", str(files["corpus"]), "--team", str(team), "-o", str(out)]) == 0
    assert (out / "copy-heatmap.svg").is_file() and (out / "copy-team.html").is_file()
    data = json.loads((out / "copy-team.json").read_text(encoding="utf-8"))
    i, j = data["members"].index("今年"), data["members"].index("往年_2")
    assert data["alerts"][i][j] and data["matrix"][i][j] > 0.05
