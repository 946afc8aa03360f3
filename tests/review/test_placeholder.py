"""Placeholder rules (MJ1xx) on whole materials: the seed, a draft full of blanks, the examples.

This module also holds the helpers the other rule-family tests import (reviewing a text or a file
with one category's rules, reading the planted defects of ``examples/DEFECTS.md``); their names
do not start with ``test`` so pytest collects them only here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from mingjing import Report, parse, read, read_text_string
from mingjing.review import REGISTRY, Category, Finding, review
from tests.conftest import EXAMPLES, SEED_COPY

DEFECTS = EXAMPLES / "DEFECTS.md"
_ROW = re.compile(r"^\| (D\d+) \| (.+?) \| ([a-z]+) \| `(.+?)` \|", re.M)
_CLEAN = re.compile(r"唯一无缺陷的材料：`(.+?)`")

# The correct formulations the seed walkthrough names ("Not defects"): never flagged.
NOT_DEFECTS = (
    "“两个确立”",
    "“两个维护”",
    "政治判断力",
    "政治领悟力",
    "政治执行力",
    "以学铸魂、以学增智、以学正风、以学促干",
    "咬耳扯袖",
    "红脸出汗",
    "一岗双责",
)


def findings_of(text: str, category: Category) -> list[Finding]:
    """Findings of ``category``'s default rules on a material given as text."""
    return _run(parse(read_text_string(text)), category)


@cache
def _file_report(path: Path) -> Report:
    return parse(read(path))


def file_findings(path: Path, category: Category) -> list[Finding]:
    """Findings of ``category``'s default rules on a material file (parsed once per session)."""
    return _run(_file_report(path), category)


def _run(report: Report, category: Category) -> list[Finding]:
    rules = [r for r in REGISTRY if r.category is category and r.default_enabled]
    return list(review(report, rules=rules).findings)


def seed_text() -> str:
    return SEED_COPY.read_text(encoding="utf-8")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Planted:
    """One row of examples/DEFECTS.md."""

    id: str
    file: str
    category: str
    quote: str


@cache
def planted() -> tuple[Planted, ...]:
    if not DEFECTS.exists():
        return ()
    return tuple(Planted(*m.groups()) for m in _ROW.finditer(DEFECTS.read_text("utf-8")))


def planted_of(category: Category) -> list[Planted]:
    return [p for p in planted() if p.category == category.value]


def clean_example() -> Path | None:
    if not DEFECTS.exists():
        return None
    m = _CLEAN.search(DEFECTS.read_text("utf-8"))
    return EXAMPLES / m.group(1) if m else None


def assert_planted_found(p: Planted, category: Category) -> None:
    """The planted defect is found: a finding overlaps the quote (for white space, a finding may
    also end right where the quote begins, since the quote is the text after the stray space)."""
    path = EXAMPLES / p.file
    text = _file_report(path).text
    start = text.find(p.quote)
    assert start >= 0, f"{p.id}: quote not in {p.file}"
    end = start + len(p.quote)
    found = file_findings(path, category)
    hits = [
        f
        for f in found
        if (f.span.start < end and start < f.span.end)
        or (category is Category.WHITESPACE and f.span.end == start)
    ]
    assert hits, f"{p.id} ({p.quote!r}) not found; findings: {[(f.rule, f.text) for f in found]}"


def assert_clean_example_quiet(category: Category) -> None:
    path = clean_example()
    if path is None or not path.exists():
        pytest.skip("examples/DEFECTS.md or its clean material is not present")
    found = file_findings(path, category)
    assert not found, [(f.rule, f.text, f.message) for f in found]


# --- the seed ------------------------------------------------------------------------------------


def test_seed_every_masked_blank_is_found_with_its_exact_span() -> None:
    text = seed_text()
    found = findings_of(text, Category.PLACEHOLDER)
    blanks = [(m.start(), m.end()) for m in re.finditer(r"\*\*", text)]
    assert len(blanks) == 13  # the walkthrough's defects 1 and 2: two counts, eleven names
    assert sorted((f.span.start, f.span.end) for f in found) == blanks
    assert all(f.text == "**" for f in found)


def test_seed_opinion_counts_are_reported_as_unfilled_facts_not_as_plain_blanks() -> None:
    text = seed_text()
    found = findings_of(text, Category.PLACEHOLDER)
    facts = [f for f in found if f.rule == "MJ102"]
    assert [text[f.span.start - 2 : f.span.end + 1] for f in facts] == ["意见**条", "意见**条"]
    assert {f.message for f in facts} == {
        "前言中的征求意见条数没有填写（“**”）",
        "前言中的归纳意见条数没有填写（“**”）",
    }
    assert all(line_of(text, f.span.start) == 1 for f in facts)


def test_seed_not_defects_are_not_flagged() -> None:
    text = seed_text()
    found = findings_of(text, Category.PLACEHOLDER)
    for phrase in NOT_DEFECTS:
        for m in re.finditer(re.escape(phrase), text):
            assert not any(f.span.start < m.end() and m.start() < f.span.end for f in found)


# --- a draft full of blanks ----------------------------------------------------------------------

DRAFT = """\
20**年度民主生活会个人对照检查材料
××镇党委副书记　××
根据县委办公室〔*〕号通知要求，会前广泛征求意见，共征求到意见XX条，归纳为__条；与班子成员谈心谈话x人次。现将对照检查情况报告如下：
一、存在的问题
（一）在理论学习方面
一是学习不够系统。比如：20**年X月参加县委理论学习中心组学习后，没有撰写心得体会。
二是学用结合不够。比如：在【待补】村调研时，对土地流转合同中存在的问题没有深入研究。
（二）在政治素质方面
一是政治敏锐性不强。比如：对某某同志在微信群中转发不实信息的情况，没有及时提醒。
二是斗争精神不足。比如：在某单位的项目审批中，发现程序瑕疵后只作了口头提醒。
二、原因分析
（一）理论学习有所放松。按照镇党委〔2023〕5号文件的要求，本应每月自学不少于8小时。
（二）党性修养有所弱化。某种程度上存在“过得去就行”的想法，对某些问题认识不深。
以上是我的对照检查，请同志们批评指正。
本人签字：[ ]
"""


def test_draft_blanks_are_each_found_exactly() -> None:
    found = findings_of(DRAFT, Category.PLACEHOLDER)
    got = sorted((f.rule, f.text) for f in found)
    assert got == sorted(
        [
            ("MJ101", "20**"),  # title year
            ("MJ101", "××"),  # unit
            ("MJ101", "××"),  # name
            ("MJ101", "〔*〕"),
            ("MJ102", "XX"),  # opinions collected
            ("MJ102", "__"),  # opinions merged
            ("MJ102", "x"),  # talks
            ("MJ101", "20**"),
            ("MJ101", "X"),  # X月
            ("MJ101", "【待补】"),
            ("MJ103", "某某"),
            ("MJ103", "某单位"),
            ("MJ101", "[ ]"),
        ]
    )


def test_draft_real_document_numbers_and_indefinite_words_are_not_blanks() -> None:
    found = findings_of(DRAFT, Category.PLACEHOLDER)
    texts = {f.text for f in found}
    for fine in ("〔2023〕", "某种", "某些"):
        assert fine not in texts
    at = DRAFT.index("〔2023〕5号")
    assert not any(f.span.start <= at < f.span.end for f in found)


# --- the examples --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "defect", planted_of(Category.PLACEHOLDER), ids=lambda p: f"{p.id}-{p.file[:8]}"
)
def test_examples_planted_placeholders_are_found(defect: Planted) -> None:
    assert_planted_found(defect, Category.PLACEHOLDER)


def test_examples_clean_material_has_no_placeholder_finding() -> None:
    assert_clean_example_quiet(Category.PLACEHOLDER)
