"""White-space rules (MJ75x) on whole materials: the seed (walkthrough defect 11), a pasted draft
with invisible characters, a plain-text material indented with ideographic spaces, the examples."""

from __future__ import annotations

import pytest

from mingjing.review import Category, Severity
from tests.review.test_placeholder import (
    Planted,
    assert_clean_example_quiet,
    assert_planted_found,
    findings_of,
    line_of,
    planted_of,
    seed_text,
)

WS = Category.WHITESPACE


def _summary(text: str) -> list[tuple[str, int, str]]:
    return sorted((f.rule, line_of(text, f.span.start), f.text) for f in findings_of(text, WS))


def test_seed_stray_spaces_of_lines_1_30_39_are_found_exactly() -> None:
    text = seed_text()
    assert _summary(text) == [
        ("MJ751", 1, "\u00a0"),  # the preamble begins with a no-break space
        ("MJ751", 30, "\u3000"),  # cause （二） begins with an ideographic space
        ("MJ752", 39, "\u00a0"),  # an "empty" last line made of a no-break space
    ]
    found = findings_of(text, WS)
    assert all(f.severity is Severity.INFO for f in found)
    assert text[found[1].span.end : found[1].span.end + 3] == "（二）"


def test_seed_whitespace_messages_name_the_character() -> None:
    found = findings_of(seed_text(), WS)
    assert [f.message for f in found] == [
        "段首有多余的不间断空格（U+00A0）",
        "段首有多余的全角空格",
        "空行由不间断空格（U+00A0）构成",
    ]


PASTED = """\
2023年主题教育专题民主生活会个人发言提纲
党委委员　张　三
\u00a0根据镇党委安排，现将检视剖析情况报告如下：
一、存在的问题
（一）在理论学习方面
一是学习不够系统。比如，2023年上半年我只参加了6次集中学习，对“两个\u200b确立”的理解停留在字面。
二是学用结合 不够。比如，在制定人居环境整治方案时，没有做到第\u3000一时间深入农户调研。\t比如，方案中的数据多来自上报材料。
（二）在政治素质方面
一是政治敏锐性不强。比如，对网上一条涉及镇里的不实信息，两天后才组织回应。\u00a0
学习 Python 和 Excel 的时间多于读原著的时间。
以上是我的对照检查，请同志们批评指正。
\u3000\u3000
"""


def test_pasted_draft_invisible_characters_are_each_reported() -> None:
    assert _summary(PASTED) == [
        ("MJ751", 3, "\u00a0"),
        ("MJ752", 12, "\u3000\u3000"),
        ("MJ753", 6, "\u200b"),  # splits “两个确立” for every search
        ("MJ753", 9, "\u00a0"),  # trailing no-break space
        ("MJ754", 7, " "),  # 学用结合 不够
        ("MJ754", 7, "\u3000"),  # 第　一时间
        ("MJ755", 7, "\t"),
    ]


def test_name_padding_in_the_title_block_and_spaces_around_latin_words_are_fine() -> None:
    found = findings_of(PASTED, WS)
    assert not [f for f in found if line_of(PASTED, f.span.start) in (2, 10)]


INDENTED = "".join(
    "\u3000\u3000" + line + "\n"
    for line in (
        "2023年主题教育专题民主生活会个人对照检查材料",
        "按照要求，现将对照检查情况报告如下：",
        "一、存在的问题",
        "（一）在理论学习方面",
        "一是学习不够系统。比如，全年只读了2本理论书籍。",
        "二是学用结合不够。比如，调研报告中的对策照搬上级文件。",
        "以上是我的对照检查，请同志们批评指正。",
    )
)


def test_a_plain_text_material_indented_with_ideographic_spaces_is_not_flagged() -> None:
    assert findings_of(INDENTED, WS) == []


def test_one_paragraph_indented_differently_in_an_indented_material_is_not_flagged() -> None:
    # The layout is the document's own; only odd characters are reported there.
    text = INDENTED.replace("\u3000\u3000二是", "\u00a0\u00a0二是")
    assert _summary(text) == [("MJ751", 6, "\u00a0\u00a0")]


@pytest.mark.parametrize("defect", planted_of(WS), ids=lambda p: p.id)
def test_examples_planted_whitespace_defects_are_found(defect: Planted) -> None:
    assert_planted_found(defect, WS)


def test_examples_clean_material_has_no_whitespace_finding() -> None:
    assert_clean_example_quiet(WS)
