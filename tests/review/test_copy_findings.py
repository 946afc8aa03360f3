"""Copy findings in the reviewer: with a corpus, every planted copy of examples/DEFECTS.md is a
``copy`` finding; without one, there are none."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mingjing import parse, read
from mingjing.cli import run
from mingjing.review import Severity, review
from mingjing.similarity.index import Corpus
from tests.conftest import EXAMPLES

COPY_DEFECTS = [
    (m.group(1), m.group(2), m.group(3))
    for line in (EXAMPLES / "DEFECTS.md").read_text(encoding="utf-8").splitlines()
    if (m := re.match(r"\|\s*(D\d+)\s*\|\s*(.+?)\s*\|\s*copy\s*\|\s*`(.+?)`", line))
]


@pytest.fixture(scope="module")
def team_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus holding the template and every member's material (as a 督导组 would build it)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus"
    assert (
        run(
            [
                "corpus",
                "add",
                "--corpus",
                str(path),
                "--tag",
                "template",
                str(EXAMPLES / "templates"),
            ]
        )
        == 0
    )
    members = [
        p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".docx"} and p.name[0] != "."
    ]
    members = [p for p in members if not p.name.upper().startswith(("README", "DEFECTS"))]
    assert run(["corpus", "add", "--corpus", str(path), "--tag", "member", *map(str, members)]) == 0
    return path


def test_copy_defects_are_listed() -> None:
    assert len(COPY_DEFECTS) >= 5


@pytest.mark.parametrize(("did", "file", "quote"), COPY_DEFECTS, ids=[d[0] for d in COPY_DEFECTS])
def test_planted_copy_is_a_warning_on_its_passage(
    team_corpus: Path, did: str, file: str, quote: str
) -> None:
    result = review(parse(read(EXAMPLES / file)), options={"corpus": Corpus.open(team_corpus)})
    start = result.report.text.index(quote)
    end = start + len(quote)
    hits = [
        f
        for f in result.findings
        if f.rule == "MJ1001" and f.span.start < end and start < f.span.end
    ]
    assert hits, f"{did} not found"
    assert hits[0].severity is Severity.WARNING
    assert "疑似复制" in hits[0].message


def test_clean_material_gets_no_copy_warning(team_corpus: Path) -> None:
    clean = next(EXAMPLES.glob("*无缺陷*"))
    result = review(parse(read(clean)), options={"corpus": Corpus.open(team_corpus)})
    assert [
        f for f in result.findings if f.rule == "MJ1001" and f.severity is not Severity.INFO
    ] == []


def test_without_a_corpus_there_are_no_copy_findings() -> None:
    result = review(parse(read(EXAMPLES / "纪委书记_蒯正衡_对照检查材料_2023.md")))
    assert not [f for f in result.findings if f.rule == "MJ1001"]


def test_check_with_corpus_option_reports_copies(
    team_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = EXAMPLES / "纪委书记_蒯正衡_对照检查材料_2023.md"
    run(["check", "--format", "json", "--corpus", str(team_corpus), str(target)])
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    assert any(f["rule"] == "MJ1001" and f["category"] == "copy" for f in doc["findings"])


def test_corpus_in_config_file_is_used(
    team_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "材料"
    folder.mkdir()
    material = folder / "m.md"
    material.write_bytes((EXAMPLES / "纪委书记_蒯正衡_对照检查材料_2023.md").read_bytes())
    (folder / "mingjing.toml").write_text(
        f'[review]\ncorpus = "{team_corpus.as_posix()}"\n', encoding="utf-8"
    )
    run(["check", "--format", "json", str(material)])
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    assert any(f["rule"] == "MJ1001" for f in doc["findings"])
