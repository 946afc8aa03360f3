"""Deadlines (完成时限) read from measure text into typed values."""

from __future__ import annotations

from datetime import date

import pytest

from mingjing.ledger import (
    BaseYear,
    DeadlineKind,
    parse_deadline,
    parse_deadline_cell,
    rectification_year,
)
from mingjing.review.context import MaterialDate

BASE_2024 = BaseYear(2024, (2024, 1), "")
NO_MONTH = BaseYear(2024, None, "")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2024年6月底前形成调研报告。", date(2024, 6, 30)),
        ("2024年2月底前完成。", date(2024, 2, 29)),
        ("2024年年底前将志愿者增加到300人。", date(2024, 12, 31)),
        ("2024年底前完成整改。", date(2024, 12, 31)),
        ("2024年6月30日前全部到位。", date(2024, 6, 30)),
        ("2024年9月中旬前完成。", date(2024, 9, 20)),
        ("2025年上半年完成。", date(2025, 6, 30)),
        ("2024年内完成全覆盖。", date(2024, 12, 31)),
        ("年底前完成对现有制度文件的精简。", date(2024, 12, 31)),
        ("3月底前完成复核。", date(2024, 3, 31)),
        ("六月底前拿出方案。", date(2024, 6, 30)),
        ("明年6月底前完成。", date(2025, 6, 30)),
        ("第三季度末前完成检查。", date(2024, 9, 30)),
        ("3个月内完成。", date(2024, 4, 30)),
    ],
)
def test_dates(text: str, due: date) -> None:
    d = parse_deadline(text, BASE_2024)
    assert d.kind is DeadlineKind.DATE
    assert d.due == due


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("严格执行集体会审制度，立行立改。", DeadlineKind.IMMEDIATE, "立行立改"),
        ("每季度与家属开展1次廉洁谈心，长期坚持。", DeadlineKind.LONG_TERM, "长期坚持"),
        ("每季度开展1次廉政谈话。", DeadlineKind.PERIODIC, "每季度"),
        ("每半年听取1次汇报。", DeadlineKind.PERIODIC, "每半年"),
        ("每月调度一次。", DeadlineKind.PERIODIC, "每月"),
        ("推动作风建设常态化。", DeadlineKind.LONG_TERM, "长期坚持"),
    ],
)
def test_kinds_without_date(text: str, kind: DeadlineKind, label: str) -> None:
    d = parse_deadline(text, BASE_2024)
    assert d.kind is kind
    assert d.due is None
    assert d.label() == label


def test_missing_deadline_is_flagged() -> None:
    d = parse_deadline("认真学习党的二十大报告，不定期开展廉政提醒。", BASE_2024)
    assert d.missing
    assert d.as_json() is None
    assert "未写明" in d.note


def test_a_date_wins_over_a_period_and_the_period_is_kept() -> None:
    d = parse_deadline("每季度开展1次专项排查，2024年3月底前完成复耕。", BASE_2024)
    assert d.due == date(2024, 3, 31)
    assert d.period == "季度"
    assert "每季度" in d.note


def test_latest_of_several_dates() -> None:
    d = parse_deadline("2024年3月底前完成摸排，2024年9月底前完成整治。", BASE_2024)
    assert d.due == date(2024, 9, 30)


def test_year_written_in_the_measure_sets_year_end() -> None:
    d = parse_deadline("带头过紧日子，2026年公用经费压减5%以上，年底前完成。", BASE_2024)
    assert d.due == date(2026, 12, 31)
    assert "2026年" in d.note


def test_plain_year_is_not_a_deadline() -> None:
    assert parse_deadline("制定2024年个人学习计划。", BASE_2024).missing


def test_service_time_limits_are_not_deadlines() -> None:
    # "5个工作日内答复" is a standard of a standing mechanism, not a completion date
    assert parse_deadline("一般诉求5个工作日内答复。", BASE_2024).missing
    assert parse_deadline("建立舆情2小时内回应机制。", BASE_2024).missing


def test_month_before_the_meeting_rolls_to_next_year() -> None:
    late = BaseYear(2023, (2023, 12), "")
    d = parse_deadline("3月底前完成。", late)
    assert d.due == date(2024, 3, 31)


def test_relative_without_meeting_month_stays_relative() -> None:
    d = parse_deadline("3个月内完成。", NO_MONTH)
    assert d.kind is DeadlineKind.RELATIVE
    assert d.due is None
    assert d.label() == "3个月内"


def test_year_end_without_any_year_is_not_guessed() -> None:
    d = parse_deadline("年底前完成。", BaseYear(None, None, ""))
    assert d.kind is DeadlineKind.RELATIVE
    assert d.due is None


def test_rectification_year_prefers_years_written_in_measures_over_framework_dates() -> None:
    framework_dated = MaterialDate(2023, 8, "framework")
    base = rectification_year(framework_dated, "一是2024年6月底前完成。二是年底前完成。")
    assert base.year == 2024


def test_rectification_year_from_a_date_line() -> None:
    base = rectification_year(MaterialDate(2024, 1, "date-line"), "年底前完成。")
    assert base.year == 2024
    assert base.meeting == (2024, 1)


def test_rectification_year_of_an_annual_meeting_is_the_next_year() -> None:
    # a 2025年度 meeting is held in early 2026; Context.date already says 2026
    base = rectification_year(MaterialDate(2026, 1, "annual"), "年底前完成。")
    assert base.year == 2026


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        (date(2024, 6, 30), date(2024, 6, 30)),
        ("2024/6/30", date(2024, 6, 30)),
        ("2024-06-30", date(2024, 6, 30)),
        ("2024年6月30日", date(2024, 6, 30)),
        ("2024年6月", date(2024, 6, 30)),
        ("2024年6月底前", date(2024, 6, 30)),
    ],
)
def test_cells_as_users_type_them(cell: object, due: date) -> None:
    assert parse_deadline_cell(cell).due == due


def test_cells_with_kinds_and_blanks() -> None:
    assert parse_deadline_cell("立行立改").kind is DeadlineKind.IMMEDIATE
    assert parse_deadline_cell("长期").kind is DeadlineKind.LONG_TERM
    assert parse_deadline_cell("").missing
    assert parse_deadline_cell(None).missing
    odd = parse_deadline_cell("待县里通知")
    assert odd.kind is DeadlineKind.RELATIVE and odd.text == "待县里通知"
