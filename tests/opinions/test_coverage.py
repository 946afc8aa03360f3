"""Coverage: the example team's materials — every ignored opinion found, no answered one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mingjing import parse, read, read_text_string
from mingjing.cli import run
from mingjing.frameworks import get, load_builtin
from mingjing.opinions.classify import team_framework_for
from mingjing.opinions.coverage import (
    OpinionBook,
    ToAnswer,
    book_from_assignment,
    check_coverage,
    material_owner,
)
from mingjing.opinions.model import TEAM
from mingjing.opinions.pipeline import assign_dict, run_steps
from mingjing.review import REGISTRY, Category, review
from tests.opinions.labelled import EXAMPLE_BOOK, EXAMPLES, labels, majority_topic, roster, rows_of

MATERIALS = {
    "镇长_骆承岷_对照检查材料_2023.txt": "骆承岷",
    "党委副书记_钟毓苓_对照检查材料_2023_GB18030.txt": "钟毓苓",
    "纪委书记_蒯正衡_对照检查材料_2023.md": "蒯正衡",
    "组织委员_殳晓岚_对照检查材料_2023_无缺陷.docx": "殳晓岚",
    "宣传委员_阙文翰_对照检查材料_2023.docx": "阙文翰",
    "领导班子_对照检查材料_2023.docx": TEAM,
}


@pytest.fixture(scope="module")
def book() -> OpinionBook:
    fw = get("2023-zhuti-personal")
    outcome = run_steps(EXAMPLE_BOOK, roster=roster(), framework=fw, pool=load_builtin())
    return book_from_assignment(assign_dict(outcome), "test")


@pytest.fixture(scope="module")
def topic_of_text(book: OpinionBook) -> dict[str, str]:
    from mingjing.opinions.intake import read_opinions
    from mingjing.opinions.merge import merge

    result = merge(read_opinions(EXAMPLE_BOOK), roster=roster())
    topic_of = rows_of("examples")
    return {c.text: majority_topic(c.rows, topic_of) for c in result.clusters}


@pytest.mark.parametrize("name", list(MATERIALS))
def test_the_material_belongs_to_the_right_person(name: str) -> None:
    report = parse(read(EXAMPLES / name))
    assert material_owner(report, roster()) == MATERIALS[name]


@pytest.mark.parametrize("name", list(MATERIALS))
def test_coverage_finds_every_ignored_opinion_and_no_answered_one(
    name: str, book: OpinionBook, topic_of_text: dict[str, str]
) -> None:
    report = parse(read(EXAMPLES / name))
    who, ops = book.for_report(report)
    assert who == MATERIALS[name] and ops
    answers = check_coverage(report, ops, roster=book.roster)
    topics = labels()["topics"]
    expected = {
        a.opinion.text
        for a in answers
        if topics[topic_of_text[a.opinion.text]]["answered"] is False
    }
    answered = {
        a.opinion.text for a in answers if topics[topic_of_text[a.opinion.text]]["answered"] is True
    }
    flagged = {a.opinion.text for a in answers if not a.answered}
    assert expected <= flagged, f"missed: {expected - flagged}"
    assert not (flagged & answered), f"answered but flagged: {flagged & answered}"


def test_the_faultless_material_answers_everything(book: OpinionBook) -> None:
    report = parse(read(EXAMPLES / "组织委员_殳晓岚_对照检查材料_2023_无缺陷.docx"))
    _, ops = book.for_report(report)
    assert all(a.answered for a in check_coverage(report, ops, roster=book.roster))


def test_only_problems_causes_and_measures_count_as_answers() -> None:
    text = (
        "个人对照检查材料\n一、2022年度整改落实情况\n农家书屋长期锁门的问题已经整改。\n"
        "二、存在的问题\n一是调研不深入。比如：2023年只到村调研3次。\n"
        "三、整改措施\n一是每月到村调研1次，长期坚持。\n"
    )
    report = parse(read_text_string(text))
    (answer,) = check_coverage(report, [ToAnswer("1", "农家书屋长期锁门，借书找不到人")])
    assert not answer.answered


def test_review_reports_unanswered_opinions_as_coverage_findings(book: OpinionBook) -> None:
    report = parse(read(EXAMPLES / "镇长_骆承岷_对照检查材料_2023.txt"))
    rules = [r for r in REGISTRY if r.category is Category.COVERAGE]
    result = review(report, rules=rules, options={"opinions": book})
    assert result.findings and all(f.category is Category.COVERAGE for f in result.findings)
    text = " ".join(f.message for f in result.findings)
    assert "卫生院" in text and "班车" in text
    assert "占道" not in text  # answered in the material


def test_review_without_opinions_reports_nothing_about_coverage() -> None:
    report = parse(read(EXAMPLES / "镇长_骆承岷_对照检查材料_2023.txt"))
    rules = [r for r in REGISTRY if r.category is Category.COVERAGE]
    assert review(report, rules=rules).findings == ()


def test_check_cli_reads_the_assignment_json(
    tmp_path: Path, book: OpinionBook, capsys: pytest.CaptureFixture[str]
) -> None:
    fw = get("2023-zhuti-personal")
    outcome = run_steps(EXAMPLE_BOOK, roster=roster(), framework=fw, pool=load_builtin())
    f = tmp_path / "意见分派.json"
    f.write_text(json.dumps(assign_dict(outcome), ensure_ascii=False), encoding="utf-8")
    material = EXAMPLES / "纪委书记_蒯正衡_对照检查材料_2023.md"
    code = run(["check", str(material), "--opinions", str(f), "--format", "json", "-j", "1"])
    assert code in (0, 1)
    data = json.loads(capsys.readouterr().out)
    coverage = [x for x in data["documents"][0]["findings"] if x["category"] == "coverage"]
    assert coverage and all(x["rule"].startswith("MJ13") for x in coverage)
    assert any("工程" in x["message"] for x in coverage)


def test_a_bad_opinion_file_for_check_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "坏.json"
    f.write_text('{"assignees": 3}', encoding="utf-8")
    code = run(["check", str(EXAMPLES / "镇长_骆承岷_对照检查材料_2023.txt"), "--opinions", str(f)])
    assert code == 2


def test_team_framework_of_the_book_matches_the_team_material() -> None:
    assert team_framework_for(get("2023-zhuti-personal"), load_builtin()).id == "2023-zhuti-team"
