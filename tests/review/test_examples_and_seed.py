"""The reviewer as a whole, on the seed and on the bundled examples.

- seed: every defect of shared/domain/seed-walkthrough.md (rows 1–9, 11, 12; 10 and 13 as info; row
  5 in test_seed_correspondence_finds_the_unanswered_aspect) is found on
  its exact characters, and none of the walkthrough's "not defects" is flagged;
- examples: every planted defect listed in examples/DEFECTS.md (except category ``copy``, which is
  the copy detector's) is found by a finding of its category whose span overlaps the quote, and the
  clean material has no error or warning at all.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from mingjing import parse, read
from mingjing.review import ReviewResult, Severity, review
from tests.conftest import EXAMPLES, SEED_COPY


@cache
def reviewed(path: Path) -> ReviewResult:
    return review(parse(read(path)))


SEED_DEFECTS = [
    # (walkthrough row, category, a unique context in the seed, the flagged part of it)
    (1, "placeholder", "征集到的意见**条", "**"),
    (1, "placeholder", "归纳意见**条", "**"),
    (2, "placeholder", "按照**市委", "**"),
    (2, "placeholder", "对**村4组", "**"),
    (2, "placeholder", "争夺**堰塘", "**"),
    (3, "numbering", "是争创一流", "是"),
    (4, "count", "从六个方面深挖根源", "六个方面"),
    (6, "repetition", "真懂、真学、笃用", "真学"),
    (7, "formulation", "“十个坚持”", "十个坚持"),
    (7, "formulation", "“十三方面成就”", "十三方面成就"),
    (7, "formulation", "“六个坚持”", "六个坚持"),
    (8, "formulation", "学习“八个明确”", "八个明确"),
    (9, "formulation", "坚持“四个自信”", "坚持“四个自信”"),
    (10, "structure", "区委常委会议有时材料", "区委常委会议"),
    (11, "whitespace", "\u3000（二）宗旨意识", "\u3000"),
    (12, "specificity", "一是对新思想领悟不够深入。", "一是对新思想领悟不够深入。"),
    (13, "framework", "“十二个方面”的具体要求", "“十二个方面”的具体要求"),
]


@pytest.mark.parametrize(("row", "category", "context", "flagged"), SEED_DEFECTS)
def test_seed_walkthrough_defect_is_found_on_its_characters(
    row: int, category: str, context: str, flagged: str
) -> None:
    result = reviewed(SEED_COPY)
    text = result.report.text
    assert text.count(context) == 1
    start = text.index(context) + context.index(flagged)
    rules = [
        f.rule
        for f in result.findings
        if f.category.value == category
        and (f.span.start, f.span.end) == (start, start + len(flagged))
    ]
    assert rules, f"walkthrough row {row}: no {category} finding on {flagged!r} in {context!r}"


def test_seed_correspondence_finds_the_unanswered_aspect() -> None:
    result = reviewed(SEED_COPY)
    unanswered = [f for f in result.findings if f.rule == "MJ951"]
    assert [f.text for f in unanswered] == ["在能力本领方面"]


def test_seed_specificity_flags_exactly_the_seven_items_without_instance() -> None:
    result = reviewed(SEED_COPY)
    assert len([f for f in result.findings if f.rule == "MJ901"]) == 7


NOT_DEFECTS = [
    "“两个确立”",
    "“两个维护”",
    "政治判断力、政治领悟力、政治执行力",
    "以学铸魂、以学增智、以学正风、以学促干",
    "咬耳扯袖、红脸出汗",
    "一岗双责",
]


@pytest.mark.parametrize("phrase", NOT_DEFECTS)
def test_seed_correct_formulations_are_not_flagged(phrase: str) -> None:
    result = reviewed(SEED_COPY)
    text = result.report.text
    for m in re.finditer(re.escape(phrase), text):
        overlapping = [
            f
            for f in result.findings
            if f.span.start < m.end() and m.start() < f.span.end and len(f.span) < 60
        ]
        assert not overlapping, f"{phrase!r} flagged by {[(f.rule, f.text) for f in overlapping]}"


def _defects() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (EXAMPLES / "DEFECTS.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(D\d+)\s*\|\s*(.+?)\s*\|\s*(\w+)\s*\|\s*`(.+?)`\s*\|", line)
        if m:
            rows.append((m.group(1), m.group(2).strip("` "), m.group(3), m.group(4)))
    return rows


DEFECTS = [d for d in _defects() if d[2] != "copy"]


def test_defects_table_is_read() -> None:
    assert len(DEFECTS) >= 40


@pytest.mark.parametrize(("did", "file", "category", "quote"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_planted_defect_is_found(did: str, file: str, category: str, quote: str) -> None:
    result = reviewed(EXAMPLES / file)
    text = result.report.text
    start = text.find(quote)
    assert start >= 0, f"{did}: quote not in {file}"
    end = start + len(quote)
    hits = [
        f
        for f in result.findings
        if f.category.value == category
        and ((f.span.start < end and start < f.span.end) or f.span.end == start)
    ]
    assert hits, f"{did} ({category}) not found in {file}: {quote!r}"


def test_clean_example_has_no_error_or_warning() -> None:
    clean = next(EXAMPLES.glob("*无缺陷*"))
    result = reviewed(clean)
    serious = [
        (f.rule, f.text, f.message) for f in result.findings if f.severity is not Severity.INFO
    ]
    assert serious == []
