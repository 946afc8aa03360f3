"""Count rules (MJ3xx) on whole materials: the seed, a draft whose numbers disagree with what it
lists, a material whose numbers all agree (including numbers that count something else), and the
examples."""

from __future__ import annotations

import pytest

from mingjing.review import Category, Severity
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

COUNT = Category.COUNT


def _summary(text: str) -> list[tuple[str, int, str]]:
    return sorted((f.rule, line_of(text, f.span.start), f.text) for f in findings_of(text, COUNT))


# --- the seed ------------------------------------------------------------------------------------


def test_seed_six_causes_announced_four_given_is_the_only_count_finding() -> None:
    text = seed_text()
    found = findings_of(text, COUNT)
    assert [(f.rule, line_of(text, f.span.start), f.text) for f in found] == [
        ("MJ301", 28, "六个方面")
    ]
    assert found[0].message == "文中说“六个方面”，其后实际列出4个部分"
    assert found[0].suggestion is None


def test_seed_preamble_six_aspects_matches_the_six_problem_parts() -> None:
    text = seed_text()
    found = findings_of(text, COUNT)
    first_line_end = text.index("\n")
    assert not [f for f in found if f.span.start < first_line_end]


def test_seed_not_defects_are_not_flagged() -> None:
    text = seed_text()
    found = findings_of(text, COUNT)
    for phrase in NOT_DEFECTS:
        at = text.find(phrase)
        assert not any(f.span.start < at + len(phrase) and at < f.span.end for f in found)


# --- a draft whose numbers disagree -----------------------------------------------------------------

DRAFT_2025 = """\
2025年度民主生活会个人对照检查材料
根据县委关于开好2025年度民主生活会的通知要求，我对照“五个带头”认真检视。会前通过座谈会、征求意见表等方式征求意见26条，归纳意见31条。按照“四必谈”要求，主要负责同志与班子成员之间、班子成员相互之间、班子成员与分管单位负责同志之间开展谈心谈话22人次。现将检视情况报告如下：
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面
一是学习贯彻不够深入。比如，2025年10月传达学习全会精神后，没有结合分管的农业农村工作提出具体落实举措。
（二）在带头固本培元、增强党性方面
一是党性锻炼不够经常。比如，全年以普通党员身份参加支部主题党日只有3次。
（三）在带头敬畏人民、敬畏组织、敬畏法纪方面
一是对群众诉求回应不及时。比如，东岗村村民反映的灌溉渠渗漏问题，拖了两个月才协调解决。
（四）在带头干事创业、担当作为方面
一是落实不力，没有做到三个到位：思想到位、措施到位。比如，高标准农田项目推进中，施工进度一再滞后。
二、原因分析
主要有以下三点：
一是理想信念有所松懈。
二是党性修养有所放松。
三、整改措施
（一）强化理论武装。2026年3月底前完成全会精神专题研讨。
（二）改进工作作风。每月下村不少于4天，长期坚持。
四、其他说明
会前征求意见23条，均已逐条认领。
以上是我的对照检查，请同志们批评指正。
"""


def test_draft_every_count_disagreement_is_found_on_the_stated_number() -> None:
    assert _summary(DRAFT_2025) == [
        ("MJ301", 13, "三点"),  # 以下三点 + two items
        ("MJ302", 2, "五个带头"),  # five announced, four aspects
        ("MJ303", 2, "四必谈"),  # four circles announced, three described
        ("MJ303", 11, "三个到位"),  # three announced, two listed
        ("MJ304", 2, "31"),  # 31 merged out of 26 collected
        ("MJ305", 20, "23"),  # 26 in the preamble, 23 later
    ]


def test_draft_messages_name_both_numbers() -> None:
    by_rule = {(f.rule, f.text): f for f in findings_of(DRAFT_2025, COUNT)}
    assert by_rule[("MJ302", "五个带头")].message == (
        "前文说“五个带头”，但“存在的问题”部分只有4个方面"
    )
    assert by_rule[("MJ303", "四必谈")].message == "“四必谈”与其后列出的3个谈话范围不一致"
    assert by_rule[("MJ304", "31")].message == "归纳意见31条，多于征求到的意见26条"
    assert by_rule[("MJ304", "31")].severity is Severity.ERROR
    assert by_rule[("MJ305", "23")].message == "征求意见条数前后不一致：此处为23，前文为26"


# --- numbers that agree, or that count something else -----------------------------------------------

AGREEING = """\
2023年主题教育专题民主生活会个人发言提纲
按照镇党委要求，对照理论学习、政治素质等六个方面，结合“四个意识”“四个自信”的要求认真查摆。会前征求意见18条，归纳为7条；开展“四必谈”，与书记、班子成员、分管站所负责人和支部党员代表逐一谈心谈话15人次。现报告如下：
一、存在的问题
（一）在理论学习方面
一是学得不够深。比如，对《习近平著作选读》只通读了一遍。
（二）在政治素质方面
一是政治敏锐性不强。比如，对网上一条涉镇谣言反应迟缓。
（三）在能力本领方面
一是统筹能力不足。比如，秋收与防火两项工作撞车时顾此失彼。
（四）在担当作为方面
一是碰硬不够。比如，对拖欠工程款的问题没有较真。
（五）在工作作风方面
一是调研不深。比如，全年调研报告只有1篇。
（六）在廉洁自律方面
一是对身边人要求不严。比如，对司机公车私用的苗头没有及时制止。
二、原因分析
针对查摆出的六个方面问题，从思想根源上剖析，主要有以下两点：
（一）理想信念有所松懈。
（二）党性修养有所放松。
三、整改措施
针对上述六个方面的问题，提出以下整改措施，努力做到三个到位：思想到位、措施到位、督查到位。
（一）强化理论武装。2023年12月底前读完选读第一卷。
（二）改进工作作风。每月下村不少于4天，长期坚持。
（三）严守纪律规矩。每季度开展一次廉政谈话，立行立改。
会后，将对征求到的意见18条逐条整改。
以上是我的对照检查，请同志们批评指正。
"""


def test_agreeing_material_has_no_count_finding() -> None:
    assert findings_of(AGREEING, COUNT) == []


def test_a_gap_in_the_parts_is_left_to_the_numbering_rule() -> None:
    # 从四个方面 + （一）（二）（四）: MJ201 reports the gap; counting three parts would be noise
    text = """\
一、存在的问题
（一）在理论学习方面
学得不深。
二、原因分析
从四个方面剖析根源：
（一）理想信念有所松懈。
（二）党性修养有所放松。
（四）宗旨意识有所淡化。
"""
    assert findings_of(text, COUNT) == []


def test_a_subset_of_opinions_is_not_a_conflicting_count() -> None:
    text = """\
会前共征求意见40条，其中征求到涉及本人的意见6条，归纳为4条。
一、存在的问题
（一）在理论学习方面
学得不深。
"""
    assert findings_of(text, COUNT) == []


# --- the examples --------------------------------------------------------------------------------


@pytest.mark.parametrize("defect", planted_of(COUNT), ids=lambda p: p.id)
def test_examples_planted_count_defects_are_found(defect: Planted) -> None:
    assert_planted_found(defect, COUNT)


def test_examples_clean_material_has_no_count_finding() -> None:
    assert_clean_example_quiet(COUNT)
