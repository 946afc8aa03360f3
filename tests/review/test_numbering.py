"""Numbering rules (MJ2xx) on whole materials: the seed, drafts with broken numbering in every
scheme, correctly numbered materials in many styles, and the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing.review import Category, Severity
from tests.conftest import DATA
from tests.review.test_placeholder import (
    NOT_DEFECTS,
    Planted,
    assert_clean_example_quiet,
    assert_planted_found,
    file_findings,
    findings_of,
    line_of,
    planted_of,
    seed_text,
)

NUM = Category.NUMBERING


def _summary(text: str) -> list[tuple[str, int, str]]:
    return sorted((f.rule, line_of(text, f.span.start), f.text) for f in findings_of(text, NUM))


# --- the seed ------------------------------------------------------------------------------------


def test_seed_lost_yi_shi_is_the_only_numbering_finding_and_sits_exactly_on_shi() -> None:
    text = seed_text()
    found = findings_of(text, NUM)
    assert len(found) == 1
    f = found[0]
    assert f.rule == "MJ204"
    assert line_of(text, f.span.start) == 12
    assert text[f.span.start : f.span.start + 6] == "是争创一流的"
    assert f.span.end - f.span.start == 1
    assert f.suggestion == "一是"
    assert "一是" in f.message
    assert f.severity is Severity.ERROR


def test_seed_not_defects_are_not_flagged() -> None:
    text = seed_text()
    found = findings_of(text, NUM)
    for phrase in NOT_DEFECTS:
        at = text.find(phrase)
        assert not any(f.span.start < at + len(phrase) and at < f.span.end for f in found)


# --- drafts with broken numbering -----------------------------------------------------------------

BROKEN = """\
2024年度民主生活会个人对照检查材料
按照县委通知要求，我对照“四个带头”认真查摆，现报告如下：
一、存在的问题
（一）在带头严守政治纪律和政治规矩方面
一是贯彻上级部署有时打折扣。比如，2024年5月落实秸秆禁烧要求时，对个别村的推诿没有及时督办。二是对错误言论抵制不坚决。比如，在一次闲谈中听到有人议论上级决策，没有当场制止。三是请示报告不够及时。比如，8月汛期一处塘坝渗漏，事后才向县应急局报告。
（二）在带头增强党性、严守纪律、砥砺作风方面
一是党性锻炼抓得不经常。比如，2024年只参加了支部组织的4次主题党日。是批评与自我批评辣味不足。比如，在支部组织生活会上给同志提意见多谈工作建议。三是作风不够扎实。比如，下村调研多是听汇报，很少进农户。
（四）在带头履行全面从严治党政治责任方面
一是一岗双责落实不到位。比如，对分管的农业服务中心只在年初签了责任书。二是日常监督偏软。比如，对农机补贴申报中的材料不全问题只作了口头提醒。
二、原因分析
1.理想信念有所松懈。对理论学习的重要性认识不足。
2.党性修养有所放松。把自己混同于一般干部。
3.宗旨意识有所淡化。对群众的急难愁盼关注不够。
三、整改措施
（一）加强理论武装。每月自学不少于10小时，年底前撰写2篇心得。
（二）严守政治纪律。重大事项第一时间请示报告，立行立改。
（二）锤炼过硬作风。每月至少下村4天，住农户1晚，2025年3月底前完成。
（四）压实管党治党责任。每季度听取一次分管单位党风廉政建设情况汇报，长期坚持。
以上是我的对照检查，请同志们批评指正。
"""


def test_broken_draft_every_defect_is_found_once_with_its_kind() -> None:
    assert _summary(BROKEN) == [
        ("MJ201", 8, "（四）"),  # （一）（二）（四）
        ("MJ202", 17, "（二）"),  # （一）（二）（二）（四）
        ("MJ204", 7, "是"),  # 一是……。是……。三是
        ("MJ206", 11, "1."),  # 1. right under 二、 while （一） is used elsewhere
    ]


def test_broken_draft_suggestions_are_given_only_where_certain() -> None:
    found = {f.rule: f for f in findings_of(BROKEN, NUM)}
    assert found["MJ204"].suggestion == "二是"
    assert found["MJ202"].suggestion == "（三）"  # （二）（二）（四): the middle one is （三）
    assert found["MJ201"].suggestion is None  # a missing aspect or a wrong number: not certain
    assert found["MJ201"].message == "编号不连续：“（二）”之后是“（四）”，缺少“（三）”"


def test_level_jump_across_sections_is_info_within_a_section_a_warning() -> None:
    across = {f.rule: f for f in findings_of(BROKEN, NUM)}["MJ206"]
    assert across.severity is Severity.INFO
    within = """\
一、存在的问题
（一）在理论学习方面
1.学习不够系统。比如，全年只读了2本理论书籍。
2.学用结合不够。比如，调研报告中的对策照搬上级文件。
（二）在政治素质方面
（1）政治敏锐性不强。比如，对网上一条涉镇谣言反应迟缓。
（2）斗争精神不足。比如，对拖欠工程款的问题没有较真碰硬。
"""
    found = findings_of(within, NUM)
    assert [(f.rule, f.text, f.severity) for f in found] == [("MJ206", "（1）", Severity.WARNING)]
    assert found[0].message == (
        "层级跳跃：“（1）”直接出现在“（二）”之下，缺少“1.”一级（本文其他地方使用了“1.”）"
    )


def test_inline_series_in_measures_gap_repeat_and_start() -> None:
    text = """\
一、整改措施
（一）强化理论武装。一是制定学习计划。二是坚持集中研讨。四是开展交流。
（二）改进工作作风。一是每月下村调研。二是减少会议文件。二是精简督查考核。
（三）严守廉洁底线。落实个人事项报告制度。二是管好身边人。三是守住节假日关口。
"""
    assert _summary(text) == [
        ("MJ201", 2, "四是"),
        ("MJ202", 3, "二是"),
        ("MJ205", 4, "二是"),
    ]


def test_sequence_words_and_ordinals_are_checked_like_numbers() -> None:
    text = """\
一、存在的问题
（一）在担当作为方面
首先，遇到矛盾有绕着走的倾向。再次，推进重点项目的办法不多。最后，攻坚克难的劲头不足。
（二）在工作作风方面
第一，调研不深入。第三，联系群众不紧密。第二，落实不到位。
"""
    assert _summary(text) == [
        ("MJ201", 3, "再次，"),  # 首先 → 再次: 其次 is missing
        ("MJ203", 5, "第二，"),  # 第一 第三 第二: one finding, at the step back
    ]


def test_mixed_scheme_sibling_is_reported_with_the_right_marker() -> None:
    text = """\
一、整改措施
（一）加强学习，提高政治能力。每月自学不少于10小时。
（二）改进作风，密切联系群众。每月下村不少于4天。
3.严守纪律，筑牢廉洁防线。每季度开展一次廉政谈话。
（四）压实责任，抓好分管领域。每半年听取一次汇报。
"""
    found = findings_of(text, NUM)
    assert [(f.rule, f.text, f.suggestion) for f in found] == [("MJ207", "3.", "（三）")]


def test_half_width_marker_is_not_a_numbering_error() -> None:
    text = "一、存在的问题\n（一）在理论学习方面\n学习不深。\n(二)在政治素质方面\n站位不高。\n（三）在能力本领方面\n本领不强。\n"
    assert findings_of(text, NUM) == []  # the width is MJ706's (punctuation)


def test_empty_brackets_marker_lost_its_numeral() -> None:
    text = "一、存在的问题\n（一）在理论学习方面\n学习不深。\n（二）在政治素质方面\n站位不高。\n（）在能力本领方面\n本领不强。\n（四）在担当作为方面\n担当不够。\n"
    found = findings_of(text, NUM)
    assert [(f.rule, f.text, f.suggestion) for f in found] == [("MJ204", "（）", "（三）")]


# --- correctly numbered materials -----------------------------------------------------------------

CLEAN = """\
2023年主题教育专题民主生活会个人发言提纲
根据镇党委安排，会前征求意见16条，归纳为6条，现将检视剖析情况报告如下：
一、检视出的问题
（一）在理论学习方面
1.学习的系统性不够。比如，2023年上半年我参加集中学习8次，自学多停留在读原文。
（1）读原著不够。对《习近平著作选读》第一卷只读了前五篇。
（2）做笔记不够。全年读书笔记不足1万字。
2.学用结合不够。比如，在制定全镇人居环境整治方案时，没有用好调查研究这个传家宝。
（二）在政治素质方面
首先，政治敏锐性不够强。比如，对网上一条涉及镇里的不实信息，两天后才组织回应。其次，斗争精神不足。比如，对一家企业长期欠缴污水处理费，只发了两次催缴通知。最后，请示报告意识不强。比如，一次防汛会商的结论没有及时报县防指。
二、原因分析
（一）理论武装不够到位。主要有三点：第一，学习的主动性不强；第二，学习的方法不对；第三，学习的成果转化不够。
（二）党性锻炼有所放松。①对自己要求不严。②对批评意见有时不够虚心。③对身边的苗头性问题警惕不够。
三、整改措施
（一）加强理论学习。一是每月精读一篇原著。二是每季度撰写一篇心得。三是年底前完成读书笔记2万字。
（二）提高政治能力。一是建立舆情快速处置机制，2023年12月底前完成。二是对欠费问题依法处理，立行立改。
以上是我的对照检查，请同志们批评指正。
"""


def test_clean_material_in_many_schemes_has_no_numbering_finding() -> None:
    assert findings_of(CLEAN, NUM) == []


def test_clean_material_with_inline_series_restarting_in_a_new_paragraph() -> None:
    text = """\
一、整改措施
（一）加强学习
一是制定计划。二是按月检查。
同时，一是开展读书交流。二是撰写心得体会。
（二）改进作风
一是深入基层。二是减少会议。
"""
    assert findings_of(text, NUM) == []


def test_numbers_that_are_not_markers_are_ignored() -> None:
    text = """\
一、存在的问题
（一）在理论学习方面
2023年我参加集中学习8次。
3.5万元的帮扶资金拨付滞后。
是否真学真用，关键看行动。
"""
    assert findings_of(text, NUM) == []


MATERIALS = sorted((DATA / "materials").glob("*")) + sorted((DATA / "pdf_pasted").glob("*"))


@pytest.mark.parametrize("path", MATERIALS, ids=lambda p: p.name[:12])
def test_test_materials_have_no_numbering_error_or_warning(path: Path) -> None:
    """The project's other test materials (several layouts, Word auto-numbering, PDF pastes) are
    correctly numbered; at most a cross-section level jump may be mentioned as info."""
    found = file_findings(path, NUM)
    serious = [(f.rule, f.text) for f in found if f.severity is not Severity.INFO]
    assert serious == []


# --- the examples --------------------------------------------------------------------------------


@pytest.mark.parametrize("defect", planted_of(NUM), ids=lambda p: p.id)
def test_examples_planted_numbering_defects_are_found(defect: Planted) -> None:
    assert_planted_found(defect, NUM)


def test_examples_clean_material_has_no_numbering_finding() -> None:
    assert_clean_example_quiet(NUM)
