"""``mingjing check``: output formats, exit codes, folders and parallel runs, configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mingjing.cli import run

CLEAN = (
    "2023年主题教育专题民主生活会个人对照检查材料\n"
    "按照镇党委通知要求，我认真学习规定篇目，征求意见23条，归纳意见9条，现将对照检查情况报告如下：\n"
    "一、存在的问题\n"
    "（一）在理论学习方面\n一是学习不够系统。比如：今年3月的专题研讨，我只准备了发言提纲，没有写出心得体会。\n"
    "（二）在政治素质方面\n一是政治敏锐性不强。比如：5月对网上一条涉及本镇的不实信息，我没有第一时间研判处置。\n"
    "（三）在能力本领方面\n一是抓经济的本领不足。比如：今年引进的2个项目，前期论证都不够充分。\n"
    "（四）在担当作为方面\n一是攻坚克难劲头不足。比如：河湾村的土地纠纷拖了4个月才调处。\n"
    "（五）在工作作风方面\n一是调查研究不够深入。比如：上半年到联系村只走访了3次。\n"
    "（六）在廉洁自律方面\n一是监督提醒不够经常。比如：对分管站所的采购只查看了1次台账。\n"
    "二、原因分析\n（一）理想信念有所松懈。对理论学习的重要性认识不足。\n"
    "三、整改措施\n（一）加强理论学习。一是每月精读一篇重要讲话原文，长期坚持。\n"
    "（二）提高政治素质和能力本领。一是参加业务培训，年底前完成。\n"
    "（三）强化担当作为。一是对积案实行包案化解，2024年6月底前办结。\n"
    "（四）改进工作作风。一是每季度到联系村蹲点调研一次。\n"
    "（五）严守廉洁自律。一是每季度检查一次分管站所台账。\n"
    "以上是我的对照检查，请同志们批评指正。\n"
)


@pytest.fixture
def seed_dir(tmp_path: Path, seed_path: Path) -> Path:
    d = tmp_path / "材料"
    d.mkdir()
    (d / "seed.txt").write_bytes(seed_path.read_bytes())
    (d / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return d


def test_errors_give_exit_code_1_and_clean_material_exit_code_0(
    seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", str(seed_dir / "seed.txt")]) == 1
    out = capsys.readouterr().out
    assert "MJ102" in out and "第1行" in out
    assert run(["check", str(seed_dir / "clean.txt")]) == 0


def test_json_output_has_the_documented_shape(
    seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["check", "--format", "json", str(seed_dir / "seed.txt")])
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    (doc,) = data["documents"]
    assert doc["framework"]["id"] == "2023-zhuti-personal"
    assert doc["summary"]["error"] >= 3
    text = (seed_dir / "seed.txt").read_text(encoding="utf-8")
    for f in doc["findings"]:
        assert set(f) >= {
            "rule",
            "name",
            "category",
            "severity",
            "span",
            "text",
            "message",
            "suggestion",
        }
        start, end = f["span"]
        assert text[start:end] == f["text"]


def test_folder_is_walked_in_parallel_with_same_results_as_serial(
    seed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(4):
        (seed_dir / f"copy{i}.txt").write_bytes((seed_dir / "seed.txt").read_bytes())
    out1, out2 = tmp_path / "p.json", tmp_path / "s.json"
    assert run(["check", "--format", "json", "-j", "2", "-o", str(out1), str(seed_dir)]) == 1
    assert run(["check", "--format", "json", "-j", "1", "-o", str(out2), str(seed_dir)]) == 1
    parallel = json.loads(out1.read_text(encoding="utf-8"))["documents"]
    serial = json.loads(out2.read_text(encoding="utf-8"))["documents"]
    assert len(parallel) == 6
    assert parallel == serial


def test_config_file_switches_rules_off_and_changes_severity(
    seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_dir / "mingjing.toml").write_text(
        '[rules]\ndisable = ["MJ101", "placeholder-fact"]\n[rules.severity]\nMJ901 = "info"\n',
        encoding="utf-8",
    )
    run(["check", "--format", "json", str(seed_dir / "seed.txt")])
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    rules = {f["rule"] for f in doc["findings"]}
    assert "MJ101" not in rules and "MJ102" not in rules
    assert {f["severity"] for f in doc["findings"] if f["rule"] == "MJ901"} == {"info"}


def test_bad_config_is_a_clear_error(seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = seed_dir / "bad.toml"
    cfg.write_text('[rules]\ndisable = ["MJ999"]\n', encoding="utf-8")
    assert run(["check", "--config", str(cfg), str(seed_dir / "seed.txt")]) == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "MJ999" in err and "Traceback" not in err


def test_framework_can_be_forced(seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["check", "--format", "json", "--framework", "2025-niandu", str(seed_dir / "seed.txt")])
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    assert doc["framework"]["id"] == "2025-niandu"
    assert any(f["rule"] == "MJ851" for f in doc["findings"])


def test_rules_command_lists_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", "--json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert any(r["code"] == "MJ101" for r in rules)
    assert run(["rules", "placeholder-unfilled"]) == 0
    assert "为什么" in capsys.readouterr().out
    assert run(["rules", "MJ000"]) == 2
