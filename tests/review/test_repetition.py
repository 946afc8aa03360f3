"""Repetition rules (重复, MJ4xx): an item repeated in one enumeration, a doubled word, the same
sentence twice in a material."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing import parse, read, read_text_string
from mingjing.review import REGISTRY, Finding, review
from tests.review.test_kinds import clean_example_findings, planted_defects

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed" / "seed.txt"
EXAMPLES = ROOT / "examples"

REPETITION = [r for r in REGISTRY if r.category.value == "repetition"]


def check(text: str, code: str | None = None) -> list[Finding]:
    rules = [r for r in REPETITION if code is None or r.code == code]
    return list(review(parse(read_text_string(text)), rules=rules).findings)


def found(text: str, code: str | None = None) -> list[tuple[str, str, int]]:
    return [(f.rule, f.text, f.span.start) for f in check(text, code)]


# -- the seed ------------------------------------------------------------------------------------


def test_seed_defect_6_is_the_only_repetition_and_has_its_exact_span() -> None:
    report = parse(read(SEED))
    text = report.text
    result = review(report, rules=REPETITION)
    first = text.index("真学、真懂、真学")
    assert [(f.rule, f.text, f.span.start) for f in result.findings] == [
        ("MJ401", "真学", first + len("真学、真懂、"))
    ]


# -- enumerations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        ("在真学、真懂、真学、笃用上还需要下大力气。", "真学、真懂、⟦真学⟧"),
        ("要做到真学真懂真学真用。", "真学真懂⟦真学⟧"),
        ("对“理论学习”、“调查研究”、“理论学习”等要求落实不够。", "“调查研究”、“⟦理论学习⟧"),
        ("存在学习不深、调研不够、学习不深等问题。", "调研不够、⟦学习不深⟧"),
        ("一体推进不敢腐不能腐不敢腐。", "不能腐⟦不敢腐⟧"),
    ],
)
def test_repeated_item_in_an_enumeration(text: str, repeated: str) -> None:
    marked = repeated.split("⟦")[1].rstrip("⟧")
    context = repeated.replace("⟦", "").replace("⟧", "")
    start = text.index(context) + repeated.index("⟦")
    assert found(text, "MJ401") == [("MJ401", marked, start)]


@pytest.mark.parametrize(
    "text",
    [
        "在真学、真懂、真信、真用上下功夫，做到真学真懂真信真用。",
        "要学习、学习、再学习，把理论学习作为终身课题。",
        "主要负责同志与班子成员、班子成员之间、班子成员与分管部门负责人开展谈心谈话。",
        "统筹国内、国外、国内外两个大局。",
        "多做多错，少做少错，不做不错。",
        "政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。",
        "一是、二是、三是这样的编号。",
    ],
)
def test_lists_without_repeats_pass(text: str) -> None:
    assert found(text, "MJ401") == []


# -- doubled words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("在重大决策决策前征求意见不够。", 5),
        ("对党员干部党员干部的管理不严。", 5),
        ("进行研究研究后才作出部署。", 4),
        ("会议研究研究部署了整改工作。", 4),
        ("这是我们的的责任。", 5),
        ("群众 群众反映的问题。", 3),
    ],
)
def test_doubled_word_flags_the_second_copy(text: str, second: int) -> None:
    (f,) = check(text, "MJ402")
    assert f.span.start == second
    assert text[f.span.start : f.span.end] in text[: f.span.start]


@pytest.mark.parametrize(
    "text",
    [
        "常常讲、天天抓，红红脸、出出汗，一次次督促，看一看、比一比。",
        "这件事我们再研究研究，和大家商量商量。",
        "这一要求要求我们把问题一个一个解决，一步一步推进。",
        "的的确确取得了实实在在的成效，达到目的的办法要正当。",
        "学习习近平新时代中国特色社会主义思想，发扬钉钉子精神。",
        "照镜子、正衣冠、洗洗澡、治治病。",
        "人人参与、事事落实、时时警醒、处处带头。",
    ],
)
def test_legitimate_reduplications_pass(text: str) -> None:
    assert found(text, "MJ402") == []


# -- sentences -----------------------------------------------------------------------------------

TWICE = """\
对照检查材料
一、存在的问题
（一）在工作作风方面
一是调研不够深入。对一些工作满足于开了会、发了文，跟踪问效的韧劲不足。比如：2024年全年只到联系村走访3次。
二是督办不够有力。对分管领域的重点任务缺少跟踪。对一些工作满足于开了会、发了文，跟踪问效的韧劲不足。
三是联系群众不够。学习不够深入。
四是服务意识不强。学习不够深入。
"""


def test_the_same_sentence_twice_flags_the_second_and_names_the_first() -> None:
    (f,) = check(TWICE, "MJ403")
    sentence = "对一些工作满足于开了会、发了文，跟踪问效的韧劲不足"
    assert (f.text, f.span.start) == (sentence, TWICE.rindex(sentence))
    assert "第4段" in f.message


def test_punctuation_and_spaces_do_not_hide_a_repeat() -> None:
    text = (
        "一是对党的创新理论学习不够深入，满足于读原文、记笔记。\n"
        "二是联系实际不够。对党的创新理论学习不够深入, 满足于读原文 、记笔记"
    )
    (f,) = check(text, "MJ403")
    assert f.span.start == text.rindex("对党的创新理论")


def test_short_sentences_and_quotations_do_not_count() -> None:
    text = (
        "学习不够深入。\n学习不够深入。\n"
        "要坚持“一切为了群众，一切依靠群众，从群众中来，到群众中去。”\n"
        "始终牢记“一切为了群众，一切依靠群众，从群众中来，到群众中去。”"
    )
    assert check(text, "MJ403") == []


# -- examples ------------------------------------------------------------------------------------


@pytest.mark.skipif(not (EXAMPLES / "DEFECTS.md").exists(), reason="examples not written yet")
def test_every_planted_repetition_defect_is_found() -> None:
    assert planted_defects("repetition", REPETITION) == []


@pytest.mark.skipif(not (EXAMPLES / "DEFECTS.md").exists(), reason="examples not written yet")
def test_clean_example_has_no_repetition_or_formulation_error_or_warning() -> None:
    formulation = [r for r in REGISTRY if r.category.value == "formulation" and r.default_enabled]
    assert clean_example_findings([*REPETITION, *formulation]) == []
