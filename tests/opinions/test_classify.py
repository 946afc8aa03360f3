"""归类: aspects of the year's framework, 未归类 rather than a guess, the deciding words."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing.frameworks import get, load_builtin
from mingjing.opinions.classify import classify, classify_text, team_framework_for
from mingjing.opinions.corrections import load_corrections
from mingjing.opinions.intake import opinions_from_texts, read_opinions
from mingjing.opinions.merge import merge
from mingjing.opinions.model import TEAM
from tests.opinions.labelled import EXAMPLE_BOOK, labels, majority_topic, roster, rows_of

PERSONAL = get("2023-zhuti-personal")
TEAM_FW = team_framework_for(PERSONAL, load_builtin())


def _alias(title: str | None) -> str | None:
    for a in (*PERSONAL.aspects, *TEAM_FW.aspects):
        if a.title == title:
            return a.alias
    return None


def test_team_opinions_use_the_same_years_team_framework() -> None:
    assert TEAM_FW.id == "2023-zhuti-team"
    both = get("2024-niandu")
    assert team_framework_for(both, load_builtin()) is both


def test_labelled_clusters_are_mostly_right_and_rarely_wrong() -> None:
    result = merge(read_opinions(EXAMPLE_BOOK), roster=roster())
    classes, _ = classify(result, PERSONAL, team_framework=TEAM_FW)
    topic_of = rows_of("examples")
    right = wrong = unclassified = 0
    for c, k in zip(result.clusters, classes, strict=True):
        expected = labels()["topics"][majority_topic(c.rows, topic_of)]["aspect"]
        if expected is None:
            continue
        if k.aspect is None:
            unclassified += 1
        elif _alias(k.aspect) == expected:
            right += 1
        else:
            wrong += 1
    total = right + wrong + unclassified
    assert right / total >= 0.75, (right, wrong, unclassified)
    assert wrong / total <= 0.05, (right, wrong, unclassified)


def test_a_team_cluster_gets_a_team_aspect() -> None:
    result = merge(
        opinions_from_texts(["柳垭村饮水水压不足，群众反映半年才解决。"]), roster=roster()
    )
    assert result.clusters[0].target == TEAM
    (k,), _ = classify(result, PERSONAL, team_framework=TEAM_FW)
    assert k.aspect == "践行宗旨、服务人民方面" and k.framework == TEAM_FW.id


def test_the_deciding_words_are_given() -> None:
    k = classify_text(1, "镇长下村调研时间太短，听汇报多，进农户少", PERSONAL)
    assert k.label == "工作作风"
    assert {"调研", "听汇报"} <= set(k.basis)
    assert 0 < k.confidence <= 1


def test_no_guess_when_nothing_speaks_for_an_aspect() -> None:
    k = classify_text(1, "镇区广场跳舞的音响太吵", PERSONAL)
    assert k.aspect is None and k.label == "未归类"


def test_no_guess_when_two_aspects_tie() -> None:
    k = classify_text(1, "学习不够深入，作风不够扎实", PERSONAL)
    assert k.aspect is None


def test_a_longer_keyword_is_not_counted_again_as_its_part() -> None:
    k = classify_text(1, "理论学习抓得不紧", PERSONAL)
    assert k.basis == ("理论学习",)


def test_a_category_column_naming_an_aspect_wins() -> None:
    k = classify_text(1, "镇长下村调研时间太短", PERSONAL, categories=["廉洁自律"])
    assert k.label == "廉洁自律" and k.how == "table"


def test_a_reviewers_aspect_correction_wins(tmp_path: Path) -> None:
    result = merge(opinions_from_texts(["镇长下村调研时间太短，听汇报多"]))
    f = tmp_path / "修正.toml"
    f.write_text('[[aspect]]\nrow = 1\naspect = "担当作为"\n', encoding="utf-8")
    (k,), warnings = classify(result, PERSONAL, corrections=load_corrections(f))
    assert k.label == "担当作为" and k.how == "manual" and not warnings


@pytest.mark.parametrize("wanted", ["不存在的方面"])
def test_an_aspect_correction_naming_no_aspect_is_reported(tmp_path: Path, wanted: str) -> None:
    result = merge(opinions_from_texts(["镇长下村调研时间太短"]))
    f = tmp_path / "修正.toml"
    f.write_text(f'[[aspect]]\nrow = 1\naspect = "{wanted}"\n', encoding="utf-8")
    (k,), warnings = classify(result, PERSONAL, corrections=load_corrections(f))
    assert k.how == "words" and any(wanted in w for w in warnings)
