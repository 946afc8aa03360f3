"""Punctuation rules (MJ70x) on whole materials: the seed, a draft with the usual slips, a material
full of near misses (numbers, times, URLs, Latin text, list labels, quotations over paragraphs),
and the examples."""

from __future__ import annotations

import pytest

from mingjing.review import Category
from tests.review.test_placeholder import (
    NOT_DEFECTS,
    Planted,
    assert_clean_example_quiet,
    assert_planted_found,
    findings_of,
    line_of,
    planted_of,
    seed_text,
)

PUNCT = Category.PUNCTUATION


def _summary(text: str) -> list[tuple[str, int, str, str | None]]:
    return sorted(
        (f.rule, line_of(text, f.span.start), f.text, f.suggestion)
        for f in findings_of(text, PUNCT)
    )


def test_seed_has_no_punctuation_finding() -> None:
    assert findings_of(seed_text(), PUNCT) == []


def test_seed_not_defects_are_not_flagged() -> None:
    text = seed_text()
    found = findings_of(text, PUNCT)
    for phrase in NOT_DEFECTS:
        at = text.find(phrase)
        assert not any(f.span.start < at + len(phrase) and at < f.span.end for f in found)


DRAFT = """\
2023年主题教育专题民主生活会个人对照检查材料
按照县委要求,我认真学习了《习近平著作选读》，现将检视情况报告如下：
一、存在的问题
（一）在理论学习方面
一是学习不够系统。比如:2023年上半年参加集中学习6次，自学多停留在读原文。。
二是对”两个确立“的决定性意义领悟不深。比如，在镇党委(扩大)会议上发言时，讲得多是工作部署。
（二）在政治素质方面
主要表现在以下几个方面。
1.政治敏锐性不强。比如，对网上一条涉及镇里的不实信息，两天后才组织回应，，影响了处置效果。
2.斗争精神不足。比如，对一家企业长期欠缴污水处理费，只发了两次《催缴通知书。
(三)在能力本领方面
一是统筹能力不足。比如，秋收与森林防火两项工作撞车时顾此失彼。
二、原因分析
（一）理想信念有所松懈。把“学习当成“软任务”。
以上是我的对照检查，请同志们批评指正。
"""


def test_draft_every_slip_is_found_on_the_exact_characters() -> None:
    assert _summary(DRAFT) == [
        ("MJ701", 2, ",", "，"),
        ("MJ701", 5, ":", "："),
        ("MJ701", 6, "(", "（"),
        ("MJ701", 6, ")", "）"),
        ("MJ702", 10, "《", None),
        ("MJ702", 14, "“", None),  # 把“学习当成“软任务”: the inner pair closes, the outer “ not
        ("MJ703", 6, "”两个确立“", "“两个确立”"),
        ("MJ704", 8, "。", "："),
        ("MJ705", 5, "。。", "。"),
        ("MJ705", 9, "，，", "，"),
        ("MJ706", 11, "(三)", "（三）"),
    ]


def test_draft_messages_say_what_is_wrong() -> None:
    found = {(f.rule, f.text): f for f in findings_of(DRAFT, PUNCT)}
    assert found[("MJ701", ",")].message == "中文之间用了半角“,”，应为全角“，”"
    assert found[("MJ702", "《")].message == "前书名号《在本段中没有与之配对的后书名号》"
    assert found[("MJ704", "。")].message == "“以下几个方面”提示下文列举，其后应用冒号"
    assert found[("MJ706", "(三)")].message == (
        "编号“(三)”用了半角括号，与文中其他同级编号（如“（一）”）不一致"
    )


NEAR_MISSES = """\
2023年主题教育专题民主生活会个人对照检查材料
会前征求意见1,200余字的书面意见和建议共15条，会议于9:30开始。相关通知见 https://www.example.gov.cn/notice?id=3,4 。
一、存在的问题
（一）在理论学习方面
一是学习的系统性不够。主要有：1）读原著少；2）做笔记少。比如，学习 Python, Excel 等工具的时间多于读原著的时间。
二是学用结合不够。比如，习近平总书记指出：“要把自己摆进去、把职责摆进去、把工作摆进去。
“要在以学铸魂、以学增智、以学正风、以学促干上取得实实在在的成效。”对照这些要求，我做得还不够。
三是对“两个确立”的决定性意义领悟不深（特别是对其中蕴含的“历史逻辑”理解不透）。
（二）在政治素质方面
(1)政治敏锐性不强。比如，对网上一条不实信息反应迟缓。
(2)斗争精神不足。比如，对欠缴污水处理费的企业只发了催缴函。真的做到了吗？！
二、原因分析
现将原因剖析如下。
（一）理想信念有所松懈。
（二）党性修养有所放松……还需在实践中锤炼。
以上是我的对照检查，请同志们批评指正。
"""


def test_near_misses_are_not_flagged() -> None:
    # numbers, a time, a URL, Latin text, 1）-style labels, a quotation that runs over two
    # paragraphs, nested quotes in brackets, consistently half-width (1) labels, ？！ and ……
    assert _summary(NEAR_MISSES) == [
        ("MJ704", 13, "。", "："),  # 剖析如下。 followed by （一）: the one real slip here
    ]


def test_report_as_follows_before_the_sections_needs_no_colon() -> None:
    text = (
        "按照要求，现将对照检查情况报告如下。\n一、存在的问题\n（一）在理论学习方面\n学得不深。\n"
    )
    assert findings_of(text, PUNCT) == []


@pytest.mark.parametrize("defect", planted_of(PUNCT), ids=lambda p: p.id)
def test_examples_planted_punctuation_defects_are_found(defect: Planted) -> None:
    assert_planted_found(defect, PUNCT)


def test_examples_clean_material_has_no_punctuation_finding() -> None:
    assert_clean_example_quiet(PUNCT)
