"""The built-in framework files say what the domain reference says, and nothing more."""

from __future__ import annotations

import pytest

from mingjing.frameworks import (
    Audience,
    Confidence,
    CountKind,
    Meeting,
    SectionKind,
    get,
    heading_key,
    load_builtin,
)


def test_builtins_load_with_unique_ids() -> None:
    frameworks = load_builtin()
    ids = [fw.id for fw in frameworks]
    assert len(ids) == len(set(ids))
    assert {
        "2021-dangshi",
        "2022-niandu",
        "2023-zhuti-personal",
        "2023-zhuti-team",
        "2023-zhuti-branch",
        "2023-zhuti-member",
        "2024-niandu",
        "2024-zuzhi-member",
        "2025-niandu",
        "2025-zuzhi",
    } <= set(ids)


def test_builtins_are_cached() -> None:
    assert load_builtin() is load_builtin()


def test_every_framework_and_aspect_names_its_source() -> None:
    for fw in load_builtin():
        assert fw.source.startswith("["), fw.id
        assert fw.is_builtin
        for a in fw.aspects:
            assert a.source.startswith("["), (fw.id, a.alias)
            assert a.title and a.alias


def test_2025_headings_are_exactly_the_five_in_the_reference() -> None:
    fw = get("2025-niandu")
    assert [a.title for a in fw.aspects] == [
        "在带头强化政治忠诚、提高政治能力方面",
        "在带头固本培元、增强党性方面",
        "在带头敬畏人民、敬畏组织、敬畏法纪方面",
        "在带头干事创业、担当作为方面",
        "在带头坚决扛起管党治党责任方面",
    ]
    assert fw.requires(SectionKind.CASES)
    talks = fw.count(CountKind.TALK_CIRCLES)
    assert talks is not None and talks.values == (4,) and "四必谈" in talks.terms
    assert set(fw.audience) == {Audience.TEAM, Audience.PERSONAL}


def test_2024_is_four_带头_with_case_analysis() -> None:
    fw = get("2024-niandu")
    assert len(fw.aspects) == 4
    assert all("带头" in a.title for a in fw.aspects)
    assert fw.requires(SectionKind.CASES)
    assert fw.count(CountKind.ASPECTS) is not None
    assert fw.count(CountKind.ASPECTS).values == (4,)  # type: ignore[union-attr]


def test_2023_personal_is_the_six_official_aspects_with_typical_problems() -> None:
    fw = get("2023-zhuti-personal")
    assert [a.alias for a in fw.aspects] == [
        "理论学习",
        "政治素质",
        "能力本领",
        "担当作为",
        "工作作风",
        "廉洁自律",
    ]
    assert fw.confidence is Confidence.OFFICIAL
    assert "学风不纯不正" in fw.aspects[0].typical_problems
    assert not fw.requires(SectionKind.CASES)


def test_2023_team_branch_and_member_have_their_own_aspects() -> None:
    team = get("2023-zhuti-team")
    branch = get("2023-zhuti-branch")
    member = get("2023-zhuti-member")
    assert team.audience == (Audience.TEAM,)
    assert len(team.aspects) == 6 and team.aspects[1].alias == "维护党中央权威"
    assert branch.meeting.is_organisational and len(branch.aspects) == 6
    assert member.meeting.is_organisational and len(member.aspects) == 4


def test_2021_encodes_only_confirmed_aspects_and_says_it_is_incomplete() -> None:
    fw = get("2021-dangshi")
    assert not fw.complete
    assert fw.confidence is Confidence.UNCONFIRMED
    assert len(fw.aspects) == 2
    stated = fw.count(CountKind.ASPECTS)
    assert stated is not None and set(stated.values) == {5, 6}


def test_organisational_meetings_of_2024_and_2025_check_the_six_disciplines() -> None:
    for fid in ("2024-zuzhi-member", "2025-zuzhi"):
        fw = get(fid)
        assert fw.meeting is Meeting.ORGANISATIONAL_LIFE
        assert [a.alias for a in fw.aspects] == [
            "政治纪律",
            "组织纪律",
            "廉洁纪律",
            "群众纪律",
            "工作纪律",
            "生活纪律",
        ]


@pytest.mark.parametrize("fw", load_builtin(), ids=lambda fw: fw.id)
def test_stated_aspect_count_matches_the_aspects(fw) -> None:  # type: ignore[no-untyped-def]
    stated = fw.count(CountKind.ASPECTS)
    assert stated is not None
    if fw.complete:
        assert len(fw.aspects) in stated.values


@pytest.mark.parametrize("fw", load_builtin(), ids=lambda fw: fw.id)
def test_keywords_of_one_framework_do_not_collide(fw) -> None:  # type: ignore[no-untyped-def]
    """No keyword of one aspect occurs inside another aspect's title or keywords."""
    for i, a in enumerate(fw.aspects):
        for j, b in enumerate(fw.aspects):
            if i == j:
                continue
            others = [heading_key(b.title), *(heading_key(k) for k in b.keywords)]
            for kw in (*a.keywords, a.alias):
                k = heading_key(kw)
                assert not any(k in o for o in others), (fw.id, a.alias, kw, b.alias)


@pytest.mark.parametrize("fw", load_builtin(), ids=lambda fw: fw.id)
def test_each_official_title_names_its_own_aspect(fw) -> None:  # type: ignore[no-untyped-def]
    from mingjing.frameworks import match_aspects

    matches = match_aspects(fw, [f"（{i}）{a.title}" for i, a in enumerate(fw.aspects, 1)])
    assert [m.aspect_index for m in matches] == list(range(len(fw.aspects)))
    assert all(m.exact and m.score == 1.0 for m in matches)
