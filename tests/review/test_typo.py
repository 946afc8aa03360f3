"""Typo rules (错别字, MJ6xx): the curated wrong→right list, 的/得, words split by a stray space,
and mixed variant forms."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mingjing import parse, read, read_text_string
from mingjing.review import REGISTRY, Finding, Severity, review
from mingjing.review.kinds import DATA_DIR
from mingjing.review.rules.typo import split_word
from tests.review.test_kinds import clean_example_findings, planted_defects

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed" / "seed.txt"
EXAMPLES = ROOT / "examples"

TYPO = [r for r in REGISTRY if r.category.value == "typo" and r.default_enabled]


def check(text: str, codes: tuple[str, ...] = ()) -> list[Finding]:
    rules = [r for r in TYPO if not codes or r.code in codes]
    return list(review(parse(read_text_string(text)), rules=rules).findings)


def triples(found: list[Finding]) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.text, f.suggestion) for f in found]


TYPOS = tomllib.loads((DATA_DIR / "typos.toml").read_text(encoding="utf-8"))["rule"]["swap"]


# -- the list itself -----------------------------------------------------------------------------


def test_the_list_has_at_least_80_pairs_each_with_a_source() -> None:
    assert len(TYPOS) >= 80
    for e in TYPOS:
        assert e["source"] and e["right"] and e["wrong"] != e["right"], e


def test_no_right_form_is_flagged() -> None:
    """Every right form, written in a sentence, passes the whole typo family."""
    text = "。".join(e["right"] for e in TYPOS if not e.get("regex")) + "。"
    assert triples(check(text)) == []


@pytest.mark.parametrize(
    "entry", [e for e in TYPOS if not e.get("regex")], ids=lambda e: e["wrong"]
)
def test_every_wrong_form_is_flagged_with_its_right_form(entry: dict[str, str]) -> None:
    text = f"在工作中{entry['wrong']}。"
    assert triples(check(text, ("MJ601",))) == [("MJ601", entry["wrong"], entry["right"])]


# -- a realistic material --------------------------------------------------------------------------

MATERIAL = """\
对照检查材料
一、存在的问题
（一）在理论学习方面
一是学习不够深入。自已对新思想的学习存在浅尝则止的问题，没能做到融汇贯通，学以至用也不够。比如：2024年3月集中学习后，我没有撰写心得体会。
二是调查研究不够扎实。截止目前只到联系村走访了4次，建立的问题台帐更新不及时。比如：台账中有3条群众反映的问题没有销号。
（二）在工作作风方面
一是作风不够扎实。对分管工作布署多、督促少，有时存在急燥情绪，一如继往的韧劲不足。比如：对秸秆禁烧工作只开了动员会，没有跟踪到村。
二是各自已经分工的事项，我也没有及时过问；自己经常以会议代替调研。比如：全年召开座谈会2次，都是在机关会议室。
以上是我的对照检查，请同志们批评指正。
"""


def test_every_planted_typo_in_the_material_is_found() -> None:
    found = check(MATERIAL, ("MJ601",))
    assert triples(found) == [
        ("MJ601", "自已", "自己"),
        ("MJ601", "浅尝则止", "浅尝辄止"),
        ("MJ601", "融汇贯通", "融会贯通"),
        ("MJ601", "学以至用", "学以致用"),
        ("MJ601", "截止目前", "截至目前"),
        ("MJ601", "台帐", "台账"),
        ("MJ601", "布署", "部署"),
        ("MJ601", "急燥", "急躁"),
        ("MJ601", "一如继往", "一如既往"),
    ]
    assert all(f.severity is Severity.ERROR for f in found)


def test_look_alikes_of_typos_are_not_flagged() -> None:
    text = (
        "各自已经完成整改，自己经常对照检查。回想往事，他激动得不能自已。"
        "在全部暑期值班安排中，检查帐篷等救灾物资。显著力度、显著重视。"
        "成倍受益的政策要落实好。"
    )
    assert triples(check(text)) == []


def test_a_practice_entry_gives_a_warning() -> None:
    (f,) = check("这种说法倍受关注。", ("MJ601",))
    assert (f.text, f.suggestion, f.severity) == ("倍受", "备受", Severity.WARNING)


def test_a_named_wrong_form_is_not_flagged_but_a_negated_one_is() -> None:
    assert check("规范写法是“再接再厉”，切忌写成再接再励。", ("MJ601",)) == []
    assert triples(check("要避免急燥情绪。", ("MJ601",))) == [("MJ601", "急燥", "急躁")]


# -- 的/得 ----------------------------------------------------------------------------------------


def test_de_particle_in_certain_patterns() -> None:
    text = "做到信念靠的住、工作过的硬，关键时刻坐的住，把作用体现的淋漓尽致，不的不承认差距。"
    assert triples(check(text, ("MJ602",))) == [
        ("MJ602", "靠的住", "靠得住"),
        ("MJ602", "过的硬", "过得硬"),
        ("MJ602", "的住", "得住"),
        ("MJ602", "的淋漓尽致", "得淋漓尽致"),
        ("MJ602", "不的不", "不得不"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "依靠的住房保障政策已经落实。",
        "我们走过的硬化路面有三公里。",
        "这是相信的过程，也是认识的过程。",
        "提高产值的措施和价值的判断。",
        "认真的学习态度、扎实的工作作风。",
        "把道理讲得淋漓尽致的文章。",
    ],
)
def test_de_particle_look_alikes_pass(text: str) -> None:
    assert check(text, ("MJ602",)) == []


# -- split words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("没有在第", "一时间赶到", (1, 3)),
        ("对全体党", "员干部", (1, 3)),  # the longest word across the space: 党员干部
        ("对全体党", "员的教育", (1, 1)),
        ("对照检查材料的整", "改措施", (1, 1)),
        ("积极加入", "党组织", None),  # 加入 | 党组织: two words
        ("领导", "干部", None),  # 领导 | 干部
        ("做好", "事关群众", None),  # 好事 would need both sides to be fragments
        ("张", "三", None),
    ],
)
def test_split_word_decision(left: str, right: str, expected: tuple[int, int] | None) -> None:
    assert split_word(left, right) == expected


def test_split_words_in_a_material() -> None:
    text = (
        "对照检查材料\n"
        "一是应急处置不及时。接到报告后没有在第 一时间赶到现场，对全体党 员的警示教育也不够。\n"
        "二是领导 干部带头作用发挥不够，积极加入 党组织的青年减少。\n"
    )
    assert triples(check(text, ("MJ603",))) == [
        ("MJ603", "第 一时间", "第一时间"),
        ("MJ603", "党 员", "党员"),
    ]


def test_letter_spaced_titles_and_short_labels_pass() -> None:
    text = "对 照 检 查 材 料\n姓  名：张  三\n单  位：党委办公室\n按照要求，认真开展对照检查。"
    assert check(text, ("MJ603",)) == []


# -- variant forms ---------------------------------------------------------------------------------


def test_mixed_variants_give_one_info_on_the_minority_form() -> None:
    text = "其他同志的意见已认领。\n其他方面也已梳理。\n其它问题另行说明。"
    (f,) = check(text, ("MJ604",))
    assert (f.text, f.severity) == ("其它", Severity.INFO)
    assert "其他" in f.message and "第1段" in f.message


# -- seed and examples ---------------------------------------------------------------------------------


def test_seed_has_no_typo_finding() -> None:
    result = review(parse(read(SEED)), rules=TYPO)
    assert triples(list(result.findings)) == []


@pytest.mark.skipif(not (EXAMPLES / "DEFECTS.md").exists(), reason="examples not written yet")
def test_every_planted_typo_defect_is_found() -> None:
    assert planted_defects("typo", TYPO) == []


@pytest.mark.skipif(not (EXAMPLES / "DEFECTS.md").exists(), reason="examples not written yet")
def test_clean_example_has_no_typo_error_or_warning() -> None:
    assert clean_example_findings(TYPO) == []
