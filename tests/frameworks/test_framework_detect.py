"""Detection: which framework a material follows, and which aspect each problem heading names.

The materials below are written for these tests; their headings vary the way real ones do
(numbering styles, 在……方面 wrappers dropped or extended, 带头 left out, full-width forms).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mingjing.frameworks import (
    Audience,
    detect,
    get,
    heading_key,
    in_order,
    load_all,
    match_aspects,
    missing_aspects,
)

from .test_framework_loader import USER_2026, write

SEED_ASPECT_LINES = (3, 7, 11, 15, 19, 23)  # 1-based lines of （一）…（六） in the seed


def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def seed_headings(text: str) -> list[str]:
    lines = text.splitlines()
    return [lines[n - 1] for n in SEED_ASPECT_LINES]


# --- materials written for the tests -------------------------------------------------------

TEXT_2025 = """\
县发展和改革局党组书记2025年度民主生活会个人对照检查材料
根据县委组织部关于开好2025年度民主生活会的通知要求，围绕深入贯彻中央八项规定精神学习教育成果巩固，\
我认真学习党的二十届四中全会精神，开展“四必谈”谈心谈话23人次，征求到意见建议11条。现对照“五个带头”检视如下。
一、存在的问题
（一）在带头强化政治忠诚、提高政治能力方面。对重大项目审批中的政治风险研判不够……
二、反面典型案例剖析情况
……
以上对照检查，请同志们批评指正。
2026年1月12日
"""

HEADINGS_2025 = [
    "（一）在带头强化政治忠诚、提高政治能力方面",
    "（二）固本培元、增强党性方面",  # 在 and 带头 dropped
    "3.在带头敬畏人民、敬畏组织、敬畏法纪方面存在的差距",
    "（四）在带头干事创业，担当作为上还有差距",
    "（五）在带头坚决扛起管党治党责任方面。",
]

TEXT_2024 = """\
市审计局领导班子2024年度民主生活会对照检查材料
按照市委统一部署，领导班子以巩固深化党纪学习教育成果为重点，对照“四个带头”，结合反面典型案例剖析，\
认真查摆问题。会前，班子成员共征求意见建议36条，开展谈心谈话41人次。
一、存在的问题
"""

HEADINGS_2024 = [
    "一是带头严守政治纪律和政治规矩、维护党的团结统一方面",
    "二是在增强党性、严守纪律、砥砺作风方面",
    "三是在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面",
    "四是在履行全面从严治党政治责任方面",
]

TEXT_2023_TEAM = """\
区政协党组领导班子主题教育专题民主生活会对照检查材料
按照区委主题教育领导小组的安排，党组班子聚焦“学思想、强党性、重实践、建新功”总要求，\
对照6个方面突出问题，深入查摆。我们先后召开座谈会4场，征求意见27条，班子成员之间开展谈心谈话。
一、存在的问题
"""

HEADINGS_2023_TEAM = [
    "（一）学习贯彻习近平新时代中国特色社会主义思想方面",
    "（二）在维护党中央权威和集中统一领导方面",
    "（三）在践行宗旨、服务人民方面",
    "（四）在求真务实、狠抓落实方面",
    "（五）在以身作则、廉洁自律方面",
    "（六）在履行全面从严治党政治责任方面",
]

TEXT_2023_MEMBER = """\
机关第三党支部党员2023年度主题教育专题组织生活会个人对照检查材料
根据支部委员会通知，我对照学习贯彻党的创新理论、党性修养提高、联系服务群众、发挥先锋模范作用四个方面，\
认真查找了自身存在的问题。
一、存在的问题
"""

HEADINGS_2023_MEMBER = [
    "（一）学习贯彻党的创新理论方面",
    "（二）党性修养提高方面",
    "（三）联系服务群众方面",
    "（四）发挥先锋模范作用方面",
]

TEXT_2023_BRANCH = """\
机关第二党支部委员会主题教育专题组织生活会对照检查材料
支委会对照组织开展主题教育等六个方面，深入查摆问题。
"""

HEADINGS_2023_BRANCH = [
    "（一）组织开展主题教育方面",
    "（二）执行上级组织决定方面",
    "（三）严格组织生活方面",
    "（四）加强党员教育管理监督方面",
    "（五）联系服务群众方面",
    "（六）抓好自身建设方面",
]

TEXT_2024_ZUZHI = """\
2024年度组织生活会党员个人对照检查材料
按照党支部安排，我以巩固深化党纪学习教育成果为目标，以《中国共产党纪律处分条例》为标尺，\
对照“六大纪律”逐条检视，查找出以下问题。
"""

HEADINGS_DISCIPLINES = [
    "（一）在遵守政治纪律方面",
    "（二）在遵守组织纪律方面",
    "（三）在遵守廉洁纪律方面",
    "（四）在遵守群众纪律方面",
    "（五）在遵守工作纪律方面",
    "（六）在遵守生活纪律方面",
]

TEXT_2021 = """\
镇党委书记2021年度党史学习教育专题民主生活会对照检查材料
按照县委要求，围绕“学党史、悟思想、办实事、开新局”目标，我从六个方面进行了检视。
"""

HEADINGS_2021 = [
    "（一）在带头深刻感悟“两个确立”的决定性意义方面",
    "（二）在带头牢记中国共产党是什么、要干什么这个根本问题方面",
    "（三）在带头增强历史自觉、弘扬伟大建党精神方面",
    "（四）在带头践行以人民为中心的发展思想方面",
    "（五）在带头发扬斗争精神、增强斗争本领方面",
    "（六）在带头落实全面从严治党政治责任方面",
]


# --- heading keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("（一）在理论学习方面", "理论学习"),
        ("(一)在理论学习方面", "理论学习"),
        ("（ 一 ）在 理论学习 方面", "理论学习"),
        ("\u3000（二）在政治素质方面存在的差距。", "政治素质"),
        ("\u00a0一、理论学习方面存在的问题", "理论学习"),
        ("１．在能力本领方面", "能力本领"),
        ("三是在担当作为上还有差距", "担当作为"),
        ("（一）政治站位仍需持续提升。尽管对党的理论……", "政治站位仍需持续提升"),
        ("（三）在践行宗旨、服务人民方面", "践行宗旨服务人民"),
        ("（一）学习贯彻党的创新理论情况", "学习贯彻党的创新理论"),
        ("（二）党性修养提高方面", "党性修养提高"),
        (
            "（一）在带头强化政治忠诚、提高政治能力方面存在的差距和不足",
            "带头强化政治忠诚提高政治能力",
        ),
        ("（一）在政治素质方面的问题", "政治素质"),
        ("理论学习方面存在的突出问题", "理论学习"),
        # a gap word is only a wrapper after 存在/有: 根本问题 is part of the title
        (
            "（二）在带头牢记中国共产党是什么、要干什么这个根本问题方面",
            "带头牢记中国共产党是什么要干什么这个根本问题",
        ),
    ],
)
def test_heading_key_drops_numbering_wrappers_width_and_punctuation(heading: str, key: str) -> None:
    assert heading_key(heading) == key


# --- the seed ------------------------------------------------------------------------------


def test_seed_is_2023_theme_education_personal_six_of_six_in_order(seed_path: Path) -> None:
    text = seed_text(seed_path)
    d = detect(text, seed_headings(text))
    assert d.framework is not None and d.framework.id == "2023-zhuti-personal"
    assert d.confidence >= 0.9
    assert d.matched == tuple((i, i) for i in range(6))
    assert d.in_order and d.missing == () and d.foreign == ()
    assert all(m.exact for m in d.matches)
    assert d.audience is Audience.PERSONAL
    assert any("6 个" in r for r in d.reasons)
    assert d.candidates[0].framework.id == "2023-zhuti-personal"
    assert d.candidates[1].score < d.candidates[0].score - 0.3


def test_seed_headings_swapped_are_still_matched_and_reported_out_of_order(seed_path: Path) -> None:
    text = seed_text(seed_path)
    heads = seed_headings(text)
    swapped = [heads[1], heads[0], *heads[2:4], heads[5], heads[4]]
    d = detect(text, swapped)
    assert d.framework is not None and d.framework.id == "2023-zhuti-personal"
    assert d.matched == ((0, 1), (1, 0), (2, 2), (3, 3), (4, 5), (5, 4))
    assert not d.in_order
    assert any("不一致" in r for r in d.reasons)


def test_seed_cause_headings_written_freely_find_their_aspects(seed_path: Path) -> None:
    fw = get("2023-zhuti-personal")
    causes = [
        "（一）政治站位仍需持续提升。",
        "（三）进取精神仍需持续提振。",
        "（四）工作作风仍需持续改进。",
    ]
    matches = match_aspects(fw, causes)
    assert [fw.aspects[m.aspect_index].alias for m in matches if m.aspect_index is not None] == [
        "政治素质",
        "担当作为",
        "工作作风",
    ]
    assert not any(m.exact for m in matches[:2])


def test_full_width_half_width_and_spacing_variants_match_the_same_aspects(
    seed_path: Path,
) -> None:
    text = seed_text(seed_path)
    variants = [
        "(一)在理论学习方面",
        "（ 二 ）在 政治素质 方面",
        "\u3000（三）在能力本领方面\u00a0",
        "４.在担当作为方面",
        "（五）工作作风方面存在的问题",
        "六、在廉洁自律方面：",
    ]
    d = detect(text, variants)
    assert d.framework is not None and d.framework.id == "2023-zhuti-personal"
    assert d.matched == tuple((i, i) for i in range(6))
    assert all(m.exact for m in d.matches)


# --- other years and audiences ---------------------------------------------------------------


def test_2025_material_with_free_variants_is_2025() -> None:
    d = detect(TEXT_2025, HEADINGS_2025)
    assert d.framework is not None and d.framework.id == "2025-niandu"
    assert d.confidence >= 0.8
    assert [j for _, j in d.matched] == [0, 1, 2, 3, 4]
    # 在带头 left out is not the official wording
    assert d.matches[0].exact and not d.matches[1].exact
    assert d.in_order and d.missing == ()


def test_2024_four_带头_is_2024() -> None:
    d = detect(TEXT_2024, HEADINGS_2024)
    assert d.framework is not None and d.framework.id == "2024-niandu"
    assert d.confidence >= 0.8
    assert [j for _, j in d.matched] == [0, 1, 2, 3]
    assert d.audience is Audience.TEAM


def test_2024_headings_without_any_text_cue_still_point_to_2024() -> None:
    d = detect("", HEADINGS_2024)
    assert d.framework is not None and d.framework.id == "2024-niandu"


def test_2023_team_material_is_the_team_framework() -> None:
    d = detect(TEXT_2023_TEAM, HEADINGS_2023_TEAM)
    assert d.framework is not None and d.framework.id == "2023-zhuti-team"
    assert d.confidence >= 0.8
    assert len(d.matched) == 6 and d.in_order
    assert d.audience is Audience.TEAM


def test_2023_member_at_an_organisational_meeting_is_the_member_framework() -> None:
    d = detect(TEXT_2023_MEMBER, HEADINGS_2023_MEMBER)
    assert d.framework is not None and d.framework.id == "2023-zhuti-member"
    assert len(d.matched) == 4 and d.confidence >= 0.8
    assert all(m.exact for m in d.matches)  # “……方面” for “……情况” is the same wording


def test_2023_branch_committee_is_the_branch_framework() -> None:
    d = detect(TEXT_2023_BRANCH, HEADINGS_2023_BRANCH)
    assert d.framework is not None and d.framework.id == "2023-zhuti-branch"
    assert len(d.matched) == 6
    assert d.audience is Audience.BRANCH


def test_member_at_2024_organisational_meeting_checks_the_six_disciplines() -> None:
    d = detect(TEXT_2024_ZUZHI, HEADINGS_DISCIPLINES)
    assert d.framework is not None and d.framework.id == "2024-zuzhi-member"
    assert len(d.matched) == 6
    assert d.candidates[1].framework.id == "2025-zuzhi"  # same aspects, told apart by the year


def test_same_disciplines_in_a_2025_material_are_2025() -> None:
    text = TEXT_2024_ZUZHI.replace("2024年度", "2025年度").replace(
        "党纪学习教育", "中央八项规定精神学习教育"
    )
    d = detect(text, HEADINGS_DISCIPLINES)
    assert d.framework is not None and d.framework.id == "2025-zuzhi"


def test_disciplines_without_year_cues_are_a_tie_with_low_confidence() -> None:
    d = detect("组织生活会对照检查材料", HEADINGS_DISCIPLINES)
    assert d.framework is not None
    assert d.framework.id in {"2024-zuzhi-member", "2025-zuzhi"}
    assert d.confidence < 0.6
    assert any("接近" in r for r in d.reasons)


def test_2021_material_is_recognised_by_its_confirmed_aspects_and_campaign() -> None:
    d = detect(TEXT_2021, HEADINGS_2021)
    assert d.framework is not None and d.framework.id == "2021-dangshi"
    assert (0, 0) in d.matched and (1, 1) in d.matched


def test_audience_hint_restricts_the_choice_to_frameworks_for_that_audience(
    seed_path: Path,
) -> None:
    text = seed_text(seed_path)
    d = detect(text, seed_headings(text), audience_hint="班子")
    assert d.framework is not None and d.framework.id == "2023-zhuti-team"
    assert d.audience is Audience.TEAM
    assert all(Audience.TEAM in c.framework.audience for c in d.candidates)
    assert len(d.matched) < 6  # the personal headings do not fit the team's aspects


def test_unknown_audience_hint_is_a_config_error() -> None:
    from mingjing.errors import ConfigError

    with pytest.raises(ConfigError, match="领导"):
        detect("", HEADINGS_2024, audience_hint="领导")


# --- foreign aspects, missing aspects --------------------------------------------------------


def test_aspect_of_another_year_is_reported_as_foreign() -> None:
    headings = [*HEADINGS_2025[:2], "（三）在政治素质方面", *HEADINGS_2025[3:]]
    d = detect(TEXT_2025, headings)
    assert d.framework is not None and d.framework.id == "2025-niandu"
    assert d.missing == (2,)  # 敬畏人民、敬畏组织、敬畏法纪
    assert [f.heading_index for f in d.foreign] == [2]
    foreign = d.foreign[0]
    assert foreign.framework.id == "2023-zhuti-personal"
    assert foreign.aspect.alias == "政治素质"


def test_another_years_aspect_in_an_aspects_place_is_foreign_though_weakly_matched(
    seed_path: Path,
) -> None:
    text = seed_text(seed_path)
    heads = seed_headings(text)
    heads[3] = "（四）在带头发扬斗争精神方面"  # 2022's wording where 2023 has 担当作为
    d = detect(text, heads)
    assert d.framework is not None and d.framework.id == "2023-zhuti-personal"
    assert (3, 3) in d.matched and not d.matches[3].exact  # it fills the place of 担当作为 …
    assert [(f.heading_index, f.framework.id) for f in d.foreign] == [(3, "2022-niandu")]
    assert d.foreign[0].aspect.alias == "斗争精神"  # … in another year's words


def test_official_variant_is_not_foreign() -> None:
    d = detect(TEXT_2025, HEADINGS_2025)
    assert d.foreign == ()


def test_repeated_aspect_keeps_its_candidate_and_is_not_foreign() -> None:
    fw = get("2024-niandu")
    headings = [*HEADINGS_2024, "（五）在履行全面从严治党政治责任方面"]
    matches = match_aspects(fw, headings)
    assert matches[4].aspect_index is None
    assert matches[4].candidate == 3
    assert in_order(matches)
    assert missing_aspects(fw, matches) == ()


def test_material_without_headings_is_detected_from_cues_with_low_confidence() -> None:
    d = detect(TEXT_2025, [])
    assert d.framework is not None and d.framework.id == "2025-niandu"
    assert d.confidence < 0.5
    assert d.matched == ()


def test_text_with_nothing_to_go_on_detects_nothing() -> None:
    d = detect("会议记录", ["（一）关于本月工作安排"])
    assert d.framework is None
    assert d.confidence == 0.0
    assert d.matches[0].aspect_index is None


# --- user frameworks ---------------------------------------------------------------------------


def test_user_framework_in_a_folder_is_loaded_and_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "home"))
    write(tmp_path / "fw", "2026.toml", USER_2026)
    pool = load_all([tmp_path / "fw"])
    text = (
        "市交通运输局党组2026年度民主生活会个人对照检查材料\n围绕政绩观学习教育，对照三个方面检视。"
    )
    headings = [
        "（一）在树立和践行正确政绩观方面",
        "（二）在科学决策、真抓实干方面",
        "（三）立党为公、为民造福方面",
    ]
    d = detect(text, headings, frameworks=pool)
    assert d.framework is not None and d.framework.id == "2026-zhengjiguan"
    assert d.matched == ((0, 0), (1, 1), (2, 2))
    assert d.confidence >= 0.8


# --- speed ---------------------------------------------------------------------------------------


def test_detection_is_fast_for_a_typical_material(seed_path: Path) -> None:
    text = seed_text(seed_path)
    heads = seed_headings(text)
    detect(text, heads)
    n = 200
    start = time.perf_counter()
    for _ in range(n):
        detect(text, heads)
    per_call = (time.perf_counter() - start) / n
    # The target is ≤ 1 ms; the bound leaves room for a slow, busy CI machine.
    assert per_call < 0.005, f"{per_call * 1000:.2f} ms per call"
