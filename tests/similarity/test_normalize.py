from __future__ import annotations

import numpy as np

from mingjing.similarity.normalize import match_view, normalize_phrase


def test_view_drops_punctuation_spaces_and_breaks_and_maps_back() -> None:
    text = "一、深刻领悟“两个确立”，\n　增强 意识。"
    v = match_view(text)
    assert v.as_str() == "一深刻领悟两个确立增强意识"
    for i, off in enumerate(v.offsets.tolist()):
        assert text[off] == v.as_str()[i]


def test_full_width_letters_and_digits_fold_to_ascii_lower_case() -> None:
    assert match_view("２０２３年ＡＢｃ").as_str() == "2023年abc"
    assert match_view("2023年abc").as_str() == match_view("２０２３年ＡＢＣ").as_str()


def test_canonical_span_covers_first_to_last_view_character() -> None:
    text = "甲乙，丙丁。戊"
    v = match_view(text)
    span = v.canonical_span(1, 4)  # 乙丙丁
    assert span.of(text) == "乙，丙丁"


def test_characters_beyond_the_bmp_are_kept() -> None:
    v = match_view("𠀀字，x")
    assert v.as_str() == "𠀀字x"
    assert v.offsets.dtype == np.int64


def test_normalize_phrase_matches_view_form() -> None:
    assert normalize_phrase("“四个意识”、“四个自信”") == "四个意识四个自信"
