"""归纳: precision and recall against the labels, duplicates, look-alikes, counts, corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing.errors import ConfigError
from mingjing.opinions.corrections import load_corrections
from mingjing.opinions.intake import opinions_from_texts, read_opinions
from mingjing.opinions.merge import DEFAULT_THRESHOLD, merge
from mingjing.opinions.model import TEAM
from tests.opinions.labelled import DATA, EXAMPLE_BOOK, FILES, pair_counts, roster, rows_of

#: Floors for the figures reported in docs/opinions.md (measured: see bench/opinions_bench.py).
MIN_PRECISION = 0.9
MIN_RECALL = 0.75


def _scores(name: str) -> tuple[float, float]:
    path = EXAMPLE_BOOK if name == "examples" else DATA / name
    result = merge(read_opinions(path), roster=roster())
    tp, fp, fn = pair_counts(result.cluster_of(), rows_of(name))
    return tp / (tp + fp), tp / (tp + fn)


@pytest.mark.parametrize("name", [*FILES[:1], "examples"])
def test_merging_reaches_the_reported_precision_and_recall(name: str) -> None:
    precision, recall = _scores(name)
    assert precision >= MIN_PRECISION, precision
    assert recall >= MIN_RECALL, recall


def test_exact_and_punctuation_duplicates_are_always_merged() -> None:
    result = merge(
        opinions_from_texts(
            [
                "镇区路灯坏了很久没人修，晚上出行不安全。",
                "镇区路灯坏了很久没人修,晚上出行不安全",
                "镇区路灯坏了很久没人修，晚上出行不安全。",
                "农家书屋长期锁门，书都是好几年前的旧书。",
            ]
        )
    )
    assert [c.rows for c in result.clusters] == [(1, 2, 3), (4,)]


def test_the_same_words_about_two_people_stay_two_opinions() -> None:
    result = merge(
        opinions_from_texts(
            [
                "镇长接访都在办公室，很少到村里接访。",
                "纪委书记接访都在办公室，很少到村里接访。",
                "镇长接访基本在办公室，很少到村里。",
            ]
        ),
        roster=roster(),
    )
    by_target = {c.target: c.rows for c in result.clusters}
    assert by_target == {"骆承岷": (1, 3), "蒯正衡": (2,)}


def test_a_deputy_mayor_is_not_the_mayor() -> None:
    result = merge(opinions_from_texts(["分管农业的副镇长很少到茶园。"]), roster=roster())
    assert result.clusters[0].target == TEAM


def test_look_alikes_sharing_a_place_are_not_merged() -> None:
    result = merge(
        opinions_from_texts(
            [
                "镇区农贸市场周边占道经营反复回潮，整治一阵又反弹。",
                "农贸市场里面卫生条件差，地面污水横流。",
            ]
        )
    )
    assert len(result.clusters) == 2


def test_counts_are_what_the_preamble_needs() -> None:
    result = merge(read_opinions(DATA / "汇总表_2023.xlsx"), roster=roster())
    counts = result.counts
    assert counts.collected == len(rows_of("汇总表_2023.xlsx"))
    assert counts.rejected == 5
    assert counts.merged == len(result.clusters) < counts.collected
    assert sum(c.size for c in result.clusters) == counts.collected
    assert counts.sentence() == f"征求到意见{counts.collected}条，归纳意见{counts.merged}条"
    per_target = sum(result.counts_for(t).merged for t in {c.target for c in result.clusters})
    assert per_target == counts.merged


def test_a_higher_threshold_never_makes_fewer_clusters() -> None:
    intake = read_opinions(DATA / "汇总表_2023.xlsx")
    sizes = [
        len(merge(intake, roster=roster(), threshold=t).clusters) for t in (0.1, 0.16, 0.3, 0.6)
    ]
    assert sizes == sorted(sizes)
    assert sizes[0] < sizes[-1]


def test_the_representative_is_one_of_the_raw_opinions_behind_the_cluster() -> None:
    result = merge(read_opinions(DATA / "汇总表_2023.xlsx"), roster=roster())
    by_row = result.intake.by_row()
    for c in result.clusters:
        assert c.representative in c.rows
        assert c.text == by_row[c.representative].text


def _corrections(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "归纳修正.toml"
    f.write_text(text, encoding="utf-8")
    return f


def test_corrections_merge_split_reword_and_retarget_on_every_run(tmp_path: Path) -> None:
    intake = opinions_from_texts(
        [
            "镇区路灯坏了很久没人修，晚上出行不安全。",
            "路灯不亮的问题反映了几次，一直没有修好。",
            "新街的路灯晚上不亮，老人孩子出门不方便。",
            "农家书屋长期锁门，书都是好几年前的旧书。",
            "镇区路灯坏了很久没人修，晚上出行不安全！",
        ]
    )
    auto = merge(intake, roster=roster())
    assert auto.cluster_of()[1] == auto.cluster_of()[5]
    corr = load_corrections(
        _corrections(
            tmp_path,
            """
[[merge]]
rows = [1, 2, 3]
[[split]]
rows = [5]
[[wording]]
row = 2
text = "镇区路灯损坏后长期无人维修"
[[target]]
row = 4
target = "宣传委员"
""",
        )
    )
    fixed = merge(intake, roster=roster(), corrections=corr)
    of = fixed.cluster_of()
    assert of[1] == of[2] == of[3] != of[5]
    lamp = next(c for c in fixed.clusters if 1 in c.rows)
    assert lamp.text == "镇区路灯损坏后长期无人维修" and lamp.manual
    books = next(c for c in fixed.clusters if 4 in c.rows)
    assert books.target == "阙文翰"
    assert fixed.corrections_applied == 4
    again = merge(intake, roster=roster(), corrections=corr)
    assert [c.rows for c in again.clusters] == [c.rows for c in fixed.clusters]


def test_a_correction_follows_its_opinion_when_rows_moved(tmp_path: Path) -> None:
    intake = opinions_from_texts(["农家书屋长期锁门。", "路灯坏了很久没人修。", "路灯晚上不亮。"])
    corr = load_corrections(
        _corrections(tmp_path, '[[split]]\nrows = [{row = 2, text = "路灯晚上不亮"}]\n')
    )
    result = merge(intake, corrections=corr, threshold=0.05)
    assert any("第3行" in w for w in result.warnings)
    assert (3,) in [c.rows for c in result.clusters]


def test_a_correction_that_finds_nothing_is_reported_not_ignored(tmp_path: Path) -> None:
    intake = opinions_from_texts(["农家书屋长期锁门。"])
    corr = load_corrections(_corrections(tmp_path, "[[split]]\nrows = [9]\n"))
    result = merge(intake, corrections=corr)
    assert result.corrections_applied == 0
    assert any("第9行" in w and "未能应用" in w for w in result.warnings)


@pytest.mark.parametrize(
    "text",
    ["[[merge]]\nrows = 3\n", "[[wording]]\nrow = 1\n", "[[unknown]]\nrows=[1]\n", "merge = ["],
)
def test_broken_correction_files_are_refused_with_a_message(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError, match="修正文件"):
        load_corrections(_corrections(tmp_path, text))


def test_the_default_threshold_is_the_documented_one() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "opinions.md").read_text(encoding="utf-8")
    assert f"{DEFAULT_THRESHOLD}" in doc
