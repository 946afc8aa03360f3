"""The common-phrase layer: widespread text is grouped, labelled, and then excluded as labelled."""

from __future__ import annotations

import random
from pathlib import Path

from mingjing.similarity.commonphrase import (
    PhraseLabel,
    boilerplate_library,
    discover_common_phrases,
    labelled_libraries,
    load_labels,
    save_label,
)
from mingjing.similarity.compare import CompareSettings, Material, PassageKind, compare_material
from mingjing.similarity.exclusion import QuotationLibrary
from mingjing.similarity.index import Corpus, NewMaterial

from .conftest import salad

STOCK = "以更加饱满的精神状态和更加务实的工作作风投入到全镇各项工作中去"


def _corpus(tmp_path: Path) -> Corpus:
    r = random.Random(21)
    mats = [
        NewMaterial(f"m{i}", salad(r, 700) + "。" + STOCK + "。" + salad(r, 700)) for i in range(8)
    ]
    mats += [NewMaterial(f"x{i}", salad(r, 1400)) for i in range(4)]
    c = Corpus.open(tmp_path / "c", create=True, common=3)
    c.add(mats)
    return Corpus.open(tmp_path / "c")


def test_a_phrase_in_many_materials_is_discovered_with_its_count(tmp_path: Path) -> None:
    c = _corpus(tmp_path)
    phrases = discover_common_phrases(c)
    assert phrases, "nothing discovered"
    top = phrases[0]
    assert "精神状态和更加务实的工作作风投入到全镇各项" in top.text
    assert top.count >= 8
    assert top.label is None


def test_common_text_is_reported_as_common_not_as_sources(tmp_path: Path) -> None:
    c = _corpus(tmp_path)
    r = random.Random(5)
    report = compare_material(Material("q", salad(r, 500) + "。" + STOCK + "。" + salad(r, 500)), c)
    assert report.common and STOCK[2:20] in "".join(x.text for x in report.common)
    assert report.ratio > 0.02
    assert report.ratio_excluding_common == 0.0
    assert all(p.kind is PassageKind.COMMON for s in report.sources for p in s.passages)


def test_labels_are_saved_and_feed_the_exclusion_layer(tmp_path: Path) -> None:
    c = _corpus(tmp_path)
    top = discover_common_phrases(c)[0]
    save_label(c.path, top, "quotation")
    assert load_labels(c.path)[top.id][0] is PhraseLabel.QUOTATION
    assert discover_common_phrases(c)[0].label is PhraseLabel.QUOTATION
    quotes, boiler = labelled_libraries(c.path)
    assert quotes == [top.normalized] and boiler == []
    settings = CompareSettings(
        library=QuotationLibrary.from_phrases(quotes), boilerplate=boilerplate_library(boiler)
    )
    r = random.Random(6)
    report = compare_material(
        Material("q", salad(r, 500) + "。" + STOCK + "。" + salad(r, 500)), c, settings=settings
    )
    assert report.ratio_excluding_quotes == 0.0
