"""Planted copies with known truth: every copied passage of ≥ 13 characters is found and located."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from mingjing.similarity.compare import CompareSettings, Material, all_pairs, compare_material
from mingjing.similarity.index import Index, NewMaterial
from mingjing.similarity.normalize import match_view

from .conftest import salad

FULL = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
)


@dataclass(frozen=True)
class Plant:
    source: int
    target: int
    passage: str  # as it appears in the target (re-punctuated)
    at: int  # canonical offset of the passage in the target
    view_len: int


def _disguise(rng: random.Random, piece: str) -> str:
    """Re-punctuate a copied piece: a paragraph break, commas, full-width digits and letters."""
    chars = list(piece.translate(FULL))
    for _ in range(3):
        chars.insert(rng.randrange(1, len(chars)), rng.choice(["\n", "，", "、", " "]))
    return "".join(chars)


def _planted_corpus(rng: random.Random) -> tuple[list[str], list[Plant]]:
    texts = [salad(rng, 1500) for _ in range(40)]
    plants: list[Plant] = []
    lengths = [13, 14, 15, 17, 20, 25, 30, 45, 60, 100, 150]
    for i, length in enumerate(lengths):
        a, b = 2 * i, 2 * i + 1
        src = texts[a]
        han = [j for j, ch in enumerate(src) if "\u4e00" <= ch <= "\u9fff"]
        s = rng.randrange(0, len(han) - length)
        end = han[s + length - 1] + 1
        if i % 3 == 0:  # with Latin letters and digits, which the target writes in full width
            src = src[: han[s] + 4] + "2023AB" + src[han[s] + 4 :]
            texts[a] = src
            end += 6
        piece = src[han[s] : end]
        disguised = _disguise(rng, piece)
        tgt = texts[b]
        at = tgt.index("。", rng.randrange(100, len(tgt) - 100)) + 1
        texts[b] = tgt[:at] + disguised + tgt[at:]
        view_len = length + (6 if i % 3 == 0 else 0)
        plants.append(Plant(a, b, disguised, at, view_len))
    return texts, plants


@pytest.fixture(scope="module")
def planted() -> tuple[list[str], list[Plant], Index]:
    texts, plants = _planted_corpus(random.Random(7))
    index = Index.in_memory([NewMaterial(f"m{i}", t) for i, t in enumerate(texts)])
    return texts, plants, index


def test_every_planted_passage_is_found_and_located_within_one_character(
    planted: tuple[list[str], list[Plant], Index],
) -> None:
    texts, plants, index = planted
    for p in plants:
        report = compare_material(
            Material("b", texts[p.target]),
            index,
            exclude_ids=frozenset({p.target}),
            settings=CompareSettings(max_sources=100),
        )
        source = next((s for s in report.sources if s.id == str(p.source)), None)
        assert source is not None, f"passage of {p.view_len} characters not found"
        # Located within ±1 matching character (punctuation and spaces are not characters here).
        start = len(match_view(texts[p.target][: p.at]))
        end = start + p.view_len
        best = max(
            source.passages, key=lambda q: min(q.view_span[1], end) - max(q.view_span[0], start)
        )
        assert abs(best.view_span[0] - start) <= 1, (best.view_span, start)
        assert abs(best.view_span[1] - end) <= 1, (best.view_span, end)
        assert best.span.of(texts[p.target]).strip(
            "，、。；\n "
        ) in p.passage or p.passage.strip() in best.span.of(texts[p.target])
        # The reported source span holds the same characters, modulo punctuation and width.
        assert (
            match_view(best.source_span.of(texts[p.source])).as_str()
            == match_view(best.span.of(texts[p.target])).as_str()
        )


def test_passages_shorter_than_t_are_never_reported() -> None:
    rng = random.Random(3)
    a = salad(rng, 800)
    shared = salad(rng, 12, punct=False)
    b = salad(rng, 400) + "。" + shared + "。" + salad(rng, 400)
    a = a[:300] + "。" + shared + "。" + a[300:]
    index = Index.in_memory([NewMaterial("a", a)])
    report = compare_material(Material("b", b), index)
    assert report.sources == ()
    assert report.ratio == 0.0


def test_ratio_is_covered_characters_over_material_characters() -> None:
    rng = random.Random(5)
    a = salad(rng, 2000, punct=False)
    b = salad(rng, 1000, punct=False) + a[500:800] + salad(rng, 700, punct=False)
    index = Index.in_memory([NewMaterial("a", a)])
    report = compare_material(Material("b", b), index)
    assert report.characters == 2000
    assert report.ratio == pytest.approx(300 / 2000, abs=2 / 2000)
    assert report.sources[0].longest >= 300
    assert report.sources[0].alert


def test_adjacent_matches_merge_into_one_passage_across_a_single_edit() -> None:
    rng = random.Random(9)
    a = salad(rng, 1000, punct=False)
    piece = list(a[200:260])
    piece[30] = "甲" if piece[30] != "甲" else "乙"
    b = salad(rng, 300, punct=False) + "".join(piece) + salad(rng, 300, punct=False)
    index = Index.in_memory([NewMaterial("a", a)])
    report = compare_material(Material("b", b), index)
    passages = report.sources[0].passages
    assert len(passages) == 1
    assert passages[0].length == 60
    assert passages[0].exact == 59


def test_all_pairs_finds_the_planted_pairs(planted: tuple[list[str], list[Plant], Index]) -> None:
    _, plants, index = planted
    table = all_pairs(index)
    pairs = {(int(a), int(b)) for a, b in zip(table.a, table.b, strict=True)}
    for p in plants:
        assert (min(p.source, p.target), max(p.source, p.target)) in pairs
