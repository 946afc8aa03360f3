"""Formulation rules (提法, MJ5xx): the seed's defects 7–9, a clean material full of correct
formulations, planted mistakes with their spans and suggestions, dates, and the dictionary."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from mingjing import parse, read, read_text_string
from mingjing.review import REGISTRY, Config, Finding, Severity, review
from mingjing.review.kinds import DATA_DIR
from mingjing.review.rules.formulation import formulations
from tests.review.test_kinds import planted_defects

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed" / "seed.txt"
EXAMPLES = ROOT / "examples"

FORMULATION = [r for r in REGISTRY if r.category.value == "formulation"]


def check(text: str, *, config: Config | None = None) -> list[Finding]:
    rules = [r for r in FORMULATION if (config or Config()).is_enabled(r)]
    return list(review(parse(read_text_string(text)), rules=rules, config=config).findings)


def spans(text: str, findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, text[f.span.start : f.span.end]) for f in findings]


# A 2023 主题教育 material written for these tests: every fixed formulation is right, and many
# look like the wrong ones (十个坚持 as historical experience, 牢固树立“四个意识”, 研究中国传统文化 …).
CLEAN = """\
个人对照检查材料

按照镇党委关于开好主题教育专题民主生活会的通知要求，我认真学习习近平新时代中国特色社会主义思想，深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，紧扣理论学习、政治素质、能力本领、担当作为、工作作风、廉洁自律6个方面进行了检视。
一、存在的问题
（一）在理论学习方面
一是学习不够系统。对“十个明确”“十四个坚持”“十三个方面成就”的内在联系把握不深，对“六个必须坚持”的世界观和方法论运用不够。比如：2023年6月镇党委中心组专题学习后，我只写了一篇不足千字的体会。
二是没有做到学思用贯通、知信行统一。对党的百年奋斗历史经验“十个坚持”学得多、用得少，在真学真懂真信真用上还有差距。比如：全年到联系村调研5次，形成调研报告只有1篇。
（二）在政治素质方面
一是政治判断力、政治领悟力、政治执行力还需提高。虽然牢固树立“四个意识”，忠诚拥护“两个确立”，坚决做到“两个维护”，但在以学铸魂、以学增智、以学正风、以学促干上用力不均。比如：对上级关于耕地保护的部署，传达后没有及时细化到村。
（三）在廉洁自律方面
一是履行一岗双责不够到位。对一体推进不敢腐、不能腐、不想腐认识不深，对形式主义、官僚主义、享乐主义和奢靡之风的新表现警惕不够，咬耳扯袖、红脸出汗做得少。比如：2023年8月对分管站所一名干部迟到早退的问题只是口头提醒。
二、原因分析
一是理想信念有所松懈，没有自觉同以习近平同志为核心的党中央保持高度一致的更高标准要求自己。二是对统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局的理解停留在字面，对深入研究中国传统文化的当代价值重视不够。
三、整改措施
一是坚持用新时代中国特色社会主义思想凝心铸魂，2024年3月底前读完规定书目。二是牢记“三个务必”，胸怀“国之大者”，严格落实“第一议题”制度，长期坚持。
以上是我的对照检查，请同志们批评指正。
2023年12月20日
"""


def test_clean_material_gets_no_formulation_finding() -> None:
    found = check(CLEAN)
    assert spans(CLEAN, found) == []


# -- the seed -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Finding]]:
    report = parse(read(SEED))
    result = review(report, rules=[r for r in FORMULATION if Config().is_enabled(r)])
    return report.text, list(result.findings)


def test_seed_defects_7_8_9_are_found_with_their_exact_spans(
    seed: tuple[str, list[Finding]],
) -> None:
    text, found = seed
    line4 = text.index("目前重点放在了")
    expected = {
        ("MJ501", "十个坚持", text.index("十个坚持", line4)),  # defect 7
        ("MJ501", "十三方面成就", text.index("十三方面成就")),  # defect 7
        ("MJ501", "六个坚持", text.index("六个坚持")),  # defect 7
        ("MJ507", "八个明确", text.index("八个明确")),  # defect 8 (dated and inconsistent)
        ("MJ502", "坚持“四个自信”", text.index("坚持“四个自信”")),  # defect 9
    }
    got = {(f.rule, f.text, f.span.start) for f in found}
    assert got == expected
    assert all(f.severity is Severity.ERROR for f in found)


def test_seed_suggestions_are_the_canonical_forms(seed: tuple[str, list[Finding]]) -> None:
    _, found = seed
    suggestions = {f.text: f.suggestion for f in found}
    assert suggestions == {
        "十个坚持": "十四个坚持",
        "十三方面成就": "十三个方面成就",
        "六个坚持": "六个必须坚持",
        "八个明确": "十个明确",
        "坚持“四个自信”": "坚定“四个自信”",
    }


def test_seed_outdated_message_points_at_the_other_version(seed: tuple[str, list[Finding]]) -> None:
    _, found = seed
    (outdated,) = [f for f in found if f.rule == "MJ507"]
    assert "十个明确" in outdated.message and "第4段" in outdated.message


@pytest.mark.parametrize(
    "phrase",
    [
        "“两个确立”",
        "“两个维护”",
        "政治判断力、政治领悟力、政治执行力",
        "以学铸魂、以学增智、以学正风、以学促干",
        "咬耳扯袖、红脸出汗",
        "一岗双责",
    ],
)
def test_seed_not_defects_are_never_flagged(seed: tuple[str, list[Finding]], phrase: str) -> None:
    text, found = seed
    everything = review(parse(read(SEED))).findings
    for start in [m.start() for m in re.finditer(re.escape(phrase), text)]:
        end = start + len(phrase)
        mine = [f for f in everything if f.category.value in ("formulation", "typo", "repetition")]
        assert not [f for f in mine if f.span.start < end and start < f.span.end], phrase
    assert found  # the fixture did run the rules


# -- planted mistakes -----------------------------------------------------------------------------

PLANTED = """\
村党支部书记对照检查材料
一、存在的问题
（一）在理论学习方面
一是学习习近平中国特色社会主义思想不够深入，对“十四个明确”理解不全。比如：2024年4月支部学习时我没有发言。
二是在工作中没有坚定“四个意识”，也没有增强“两个维护”，坚持“四个自信”不够坚决。比如：落实村级事务公开时有拖延。
三是对一岗两责认识不清，认为对照检查做到见人见事见细节就行了。比如：2024年5月的组织生活会上批评意见流于形式。
（二）在廉洁自律方面
一是对一体推进不想腐、不敢腐、不能腐理解不深，对享乐主义、形式主义、官僚主义和奢靡之风的隐形变异认识不足。比如：村里接待上级检查时安排了工作餐。
二是没有严守政治纪律、组织纪律、经济纪律、群众纪律、工作纪律、生活纪律。比如：2024年7月有一次未按规定报告外出。
以上是我的对照检查，请同志们批评指正。
2024年12月28日
"""

PLANTED_EXPECTED = [
    ("MJ503", "习近平中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),
    ("MJ501", "十四个明确", None),
    ("MJ502", "坚定“四个意识”", "增强“四个意识”"),
    ("MJ502", "增强“两个维护”", "做到“两个维护”"),
    ("MJ502", "坚持“四个自信”", "坚定“四个自信”"),
    ("MJ504", "一岗两责", "一岗双责"),
    ("MJ504", "见人见事见细节", "见人见事见思想"),
    ("MJ505", "不想腐、不敢腐、不能腐", "不敢腐、不能腐、不想腐"),
    ("MJ505", "享乐主义、形式主义、官僚主义和奢靡之风", "形式主义、官僚主义、享乐主义和奢靡之风"),
    ("MJ506", "经济纪律", "廉洁纪律"),
]


def test_planted_mistakes_are_found_with_span_and_suggestion() -> None:
    found = check(PLANTED)
    got = [(f.rule, f.text, f.suggestion) for f in found]
    assert sorted(got, key=str) == sorted(PLANTED_EXPECTED, key=str)
    for f in found:
        assert PLANTED[f.span.start : f.span.end] == f.text


def test_a_verb_mistake_says_which_verb_is_canonical() -> None:
    (f,) = check("我们要坚定“四个意识”。")
    assert "增强" in f.message and "四个意识" in f.message


def test_a_named_wrong_form_is_not_flagged() -> None:
    text = "写材料时切忌写成“增强“四个自信””，也不要写成“十四个明确”。"
    assert spans(text, check(text)) == []


# -- dates and the two versions -----------------------------------------------------------------

STUDY = "比如：在学习“十个明确”之后，又翻出旧笔记学习“八个明确”和“十四个坚持”，没有及时更新。"


def test_eight_clarifications_after_the_20th_congress_is_outdated() -> None:
    text = "对照检查材料\n" + STUDY + "\n2023年9月6日\n"
    found = check(text)
    assert [(f.rule, f.text) for f in found] == [("MJ507", "八个明确")]
    assert "材料日期：2023年" in found[0].message and "前后不一致" in found[0].message


def test_before_the_20th_congress_only_the_inconsistency_is_reported() -> None:
    text = "对照检查材料\n" + STUDY + "\n2018年5月4日\n"
    found = check(text)
    assert [(f.rule, f.text) for f in found] == [("MJ508", "八个明确")]
    assert "十个明确" in found[0].message


def test_without_a_date_the_inconsistency_is_still_reported() -> None:
    found = check(STUDY)
    assert [(f.rule, f.text, f.suggestion) for f in found] == [("MJ508", "八个明确", "十个明确")]


def test_eight_clarifications_alone_before_2022_passes() -> None:
    text = "对照检查材料\n比如：学习“八个明确”时没有联系实际。\n2018年5月4日\n"
    assert check(text) == []


def test_two_musts_in_history_passes_but_as_current_requirement_warns() -> None:
    history = "对照检查材料\n重温毛泽东同志在西柏坡提出的“两个务必”。\n2024年1月8日\n"
    assert check(history) == []
    current = "对照检查材料\n要牢记“两个务必”，保持艰苦奋斗作风。\n2024年1月8日\n"
    (f,) = check(current)
    assert (f.rule, f.text, f.severity) == ("MJ507", "两个务必", Severity.WARNING)


# -- context-dependent series names -----------------------------------------------------------------


def test_ten_persistences_next_to_the_thought_is_a_warning_without_suggestion() -> None:
    text = (
        "一是学习新思想不够深入。\n对习近平新时代中国特色社会主义思想的主要内容把握不准，"
        "对“十个坚持”只停留在背诵上。"
    )
    (f,) = check(text)
    assert (f.rule, f.text, f.severity, f.suggestion) == (
        "MJ501",
        "十个坚持",
        Severity.WARNING,
        None,
    )


def test_six_persistences_of_the_third_plenum_is_not_flagged() -> None:
    text = "学习党的二十届三中全会精神，把握进一步全面深化改革的“六个坚持”重大原则。"
    assert check(text) == []


def test_four_consciousnesses_with_a_fifth_member_is_flagged_only_under_its_name() -> None:
    named = "增强“四个意识”，即政治意识、大局意识、核心意识、看齐意识、纪律意识。"
    assert spans(named, check(named)) == [("MJ506", "纪律意识")]
    plain = "增强政治意识、大局意识、核心意识、看齐意识和纪律意识。"
    assert check(plain) == []


def test_unquoted_slogan_is_info() -> None:
    (f,) = check("深刻领悟两个确立的决定性意义。")
    assert (f.rule, f.text, f.severity) == ("MJ509", "两个确立", Severity.INFO)


# -- unconfirmed entries ------------------------------------------------------------------------------

UNCONFIRMED = "推进党的自我革命要做到“四个进一步到位”。"


def test_unconfirmed_entries_are_off_by_default() -> None:
    assert check(UNCONFIRMED) == []
    rule = REGISTRY.get("MJ590")
    assert rule is not None and not rule.default_enabled


def test_unconfirmed_entries_run_when_the_rule_is_enabled() -> None:
    config = Config(enabled=frozenset({"MJ590"}))
    found = check(UNCONFIRMED, config=config)
    assert [(f.rule, f.text, f.severity) for f in found] == [
        ("MJ590", "四个进一步到位", Severity.INFO)
    ]


# -- the dictionary -------------------------------------------------------------------------------


def test_dictionary_has_the_60_rows_with_source_and_confidence() -> None:
    rows = formulations()
    assert [f.row for f in rows] == list(range(1, 61))
    for f in rows:
        assert f.canonical and f.source.startswith("[") and f.noted, f.row
        assert f.confidence.value in ("官方", "官方-转述", "实践", "存疑")


def test_every_mistake_names_its_check_and_is_not_its_own_right_form() -> None:
    data = tomllib.loads((DATA_DIR / "formulations.toml").read_text(encoding="utf-8"))
    checks = {"series-name", "verb", "name", "wording", "outdated"}
    for f in data["formulation"]:
        for m in f.get("mistakes", []):
            assert m["check"] in checks, (f["row"], m)
            if not m.get("regex") and m["check"] != "verb":
                assert m["wrong"] != m.get("right"), (f["row"], m)


def test_series_members_in_canonical_order_are_never_flagged() -> None:
    for f in formulations():
        for s in f.series:
            text = "我们要做到" + "、".join(s.members) + "。"
            assert check(text) == [], s.label


# -- the project's examples ---------------------------------------------------------------------------


@pytest.mark.skipif(not (EXAMPLES / "DEFECTS.md").exists(), reason="examples not written yet")
def test_every_planted_formulation_defect_is_found() -> None:
    missing = planted_defects("formulation", FORMULATION)
    assert missing == []
