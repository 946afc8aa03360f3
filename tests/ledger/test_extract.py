"""Ledger items drawn from materials: the seed, and two examples against hand-made ledgers."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from mingjing import parse, read, read_text_string
from mingjing.cli import run
from mingjing.ledger import DeadlineKind, Ledger, LedgerItem, OwnerBasis, Status, extract
from mingjing.ledger.sheet import deadline_key
from mingjing.review import review
from tests.conftest import DATA, SEED_COPY
from tests.ledger.conftest import TEAM, TOWN_HEAD

EXPECTED = DATA / "ledger"


# --- the seed ---------------------------------------------------------------------------------


def test_seed_has_four_measures_with_ten_sub_measures(seed_ledger: Ledger) -> None:
    assert len(seed_ledger.items) == 10
    per_measure = [sum(1 for i in seed_ledger.items if i.measure_no == n) for n in (1, 2, 3, 4)]
    assert per_measure == [3, 2, 2, 3]
    assert seed_ledger.items[0].measure_title == "强化理论武装，提高政治站位"
    assert seed_ledger.items[0].text.startswith("加强理论学习。")


def test_seed_every_deadline_is_missing(seed_ledger: Ledger) -> None:
    assert all(i.deadline.kind is DeadlineKind.MISSING for i in seed_ledger.items)
    assert any("10 条措施没有写明完成时限" in w for w in seed_ledger.warnings)


def test_seed_measures_are_linked_to_the_aspects_they_name(seed_ledger: Ledger) -> None:
    by_measure = {i.id.split("#")[1]: i.link for i in seed_ledger.items}
    assert by_measure["1.1"].aspect == "理论学习"  # 加强理论学习
    assert by_measure["2.1"].aspect == "担当作为"  # heading 主动担当作为
    assert by_measure["4.2"].aspect == "廉洁自律"  # heading 严以律己
    assert all(link.aspect is not None and link.word for link in by_measure.values())


def test_seed_unanswered_aspect_agrees_with_the_reviewer(seed_ledger: Ledger) -> None:
    report = parse(read(SEED_COPY))
    flagged = {f.text for f in review(report).findings if f.rule == "MJ951"}
    unanswered = [c.aspect for c in seed_ledger.coverage if not c.answered]
    assert unanswered == ["能力本领"]
    # the reviewer anchors MJ951 on the unanswered aspect's heading
    assert len(flagged) == 1 and "能力本领" in next(iter(flagged))
    # 担当作为 is named by measure （二） 强化进取精神，主动担当作为
    assert next(c for c in seed_ledger.coverage if c.aspect == "担当作为").answered


def test_seed_owner_is_the_unnamed_author(seed_ledger: Ledger) -> None:
    item = seed_ledger.items[0]
    assert item.owner is None
    assert item.owner_basis is OwnerBasis.AUTHOR
    assert "材料作者" in item.owner_label


def test_item_text_stops_at_its_paragraph() -> None:
    # the last sub-measure must not swallow the closing paragraphs
    ledger = extract(parse(read(TOWN_HEAD)))
    last = ledger.items[-1]
    assert last.text == "每季度与家属开展1次廉洁家访谈心，长期坚持。"


# --- hand-made expected ledgers ---------------------------------------------------------------


def _expected(name: str) -> dict[str, object]:
    with (EXPECTED / name).open("rb") as fh:
        return tomllib.load(fh)


def _check_against(ledger: Ledger, expected: dict[str, object]) -> float:
    items: list[LedgerItem] = list(ledger.items)
    want = expected["item"]
    assert isinstance(want, list)
    assert len(items) == len(want)
    agree = 0
    for got, exp in zip(items, want, strict=True):
        assert got.text.startswith(exp["measure"]), (got.text, exp["measure"])
        assert got.link.aspect == exp["aspect"], got.id
        assert deadline_key(got.deadline) == exp["deadline"], got.id
        assert got.status.value == exp["status"], got.id
        owner = exp.get("owner", expected.get("owner"))
        assert got.owner == owner, got.id
        if "unit" in exp:
            assert got.unit == exp["unit"], got.id
        label = got.link.problem.label if got.link.problem else ""
        agree += label == exp["problem"]
    assert [c.aspect for c in ledger.coverage if not c.answered] == expected["unanswered"]
    return agree / len(want)


def test_town_head_material_matches_the_hand_made_ledger(head_ledger: Ledger) -> None:
    share = _check_against(head_ledger, _expected("镇长_骆承岷_2023.toml"))
    # problem links come from text similarity: allow one disagreement in thirteen
    assert share >= 12 / 13


def test_team_material_matches_the_hand_made_ledger(team_ledger: Ledger) -> None:
    share = _check_against(team_ledger, _expected("领导班子_2023.toml"))
    assert share >= 16 / 18


def test_team_responsibility_clause_is_removed_from_the_measure(team_ledger: Ledger) -> None:
    assert not any("责任领导" in i.text for i in team_ledger.items)
    assert team_ledger.items[2].owner_basis is OwnerBasis.NAMED


def test_owner_from_file_name_is_flagged(head_ledger: Ledger) -> None:
    assert head_ledger.items[0].owner_basis is OwnerBasis.FILENAME
    assert any("取自文件名" in w for w in head_ledger.warnings)


def test_long_term_items_start_as_long_term(head_ledger: Ledger) -> None:
    first = head_ledger.items[0]
    assert first.deadline.kind is DeadlineKind.LONG_TERM
    assert first.status is Status.LONG_TERM


# --- small materials written for the tests ----------------------------------------------------

PERSONAL = """2024年度民主生活会个人对照检查材料
澂岺镇党委委员、武装部长葛云舟
一、存在的问题
（一）在理论学习方面
一是学习不够系统。比如：全年只参加3次集中研讨。
二、原因分析
理想信念有所松懈。
三、整改措施
（一）加强理论学习。一是每月精读1篇原文，2025年6月底前完成读书笔记。二是年底前撰写学习体会2篇。
以上是我的对照检查，请同志们批评指正。
"""


def test_author_on_the_post_line_is_the_owner() -> None:
    ledger = extract(parse(read_text_string(PERSONAL, name="葛云舟.txt")))
    assert [i.owner for i in ledger.items] == ["葛云舟", "葛云舟"]
    assert ledger.items[0].owner_basis is OwnerBasis.AUTHOR


def test_year_end_in_an_annual_material_means_the_year_after() -> None:
    ledger = extract(parse(read_text_string(PERSONAL, name="葛云舟.txt")))
    # a 2024年度 meeting is held in early 2025: 年底前 = 2025-12-31
    assert ledger.items[1].deadline.due == date(2025, 12, 31)


def test_material_without_measures_gives_no_items_and_says_so() -> None:
    text = PERSONAL.split("三、整改措施")[0]
    ledger = extract(parse(read_text_string(text, name="x.txt")))
    assert ledger.items == ()
    assert any("没有找到整改措施" in w for w in ledger.warnings)


# --- command line -----------------------------------------------------------------------------


def test_cli_json_lists_items_with_null_deadlines(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ledger", "extract", str(SEED_COPY), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["items"]) == 10
    first = data["items"][0]
    assert {"aspect", "problem", "measure", "owner", "deadline", "status"} <= set(first)
    assert all(i["deadline"] is None for i in data["items"])
    assert [u["aspect"] for u in data["unanswered"]] == ["能力本领"]


def test_cli_json_gives_typed_deadlines(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ledger", "extract", str(TOWN_HEAD), "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert items[1]["deadline"]["kind"] == "date"
    assert items[1]["deadline"]["date"] == "2024-06-30"
    assert items[3]["deadline"]["kind"] == "immediate"


def test_cli_refuses_to_overwrite_an_existing_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "台账.xlsx"
    out.write_bytes(b"user's ledger")
    assert run(["ledger", "extract", str(TEAM), "-o", str(out)]) == 2
    assert out.read_bytes() == b"user's ledger"
    assert "ledger merge" in capsys.readouterr().err
