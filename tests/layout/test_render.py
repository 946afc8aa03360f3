"""GB/T 9704 layout measured on the pages LibreOffice renders from ``mingjing format`` output.

What is measured (``pdfmeasure``): page size; 22 line slots on every page but the last, filling the
225 mm type area; at most 28 characters per line inside the 156 mm type area (one hanging
punctuation mark allowed past it); the left edge at 28 mm; page numbers ``— N —`` odd pages right
and even pages left, one character in from the type area, the dash 7 mm below it; and which font
each role was drawn in (through the aliases of ``fonts.conf``: 方正小标宋简体 → Noto Serif CJK SC
Bold, 黑体 → FandolHei, 楷体_GB2312 → FandolKai, 仿宋_GB2312 → FandolFang, 宋体 → FandolSong).
"""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import need_tool
from tests.layout.conftest import Rendered
from tests.layout.pdfmeasure import (
    HANGING,
    TYPE_BOTTOM,
    TYPE_LEFT,
    TYPE_RIGHT,
    TYPE_TOP,
    Line,
    Page,
    find_line,
)

PITCH_MM = 579 / 20 / 72 * 25.4  # exact line spacing of 579 twips
BODY_CHAR_MM = 15.75 / 72 * 25.4  # 3号 condensed by 0.25 pt
PAGE_NUMBER_CHAR_MM = 14 / 72 * 25.4


def _is_table_page(page: Page) -> bool:
    return any(min(c["size"] for c in line.chars) < 15 for line in page.body)


def _body_size_lines(page: Page) -> list[Line]:
    """Lines set in 3号 (title and table text excluded)."""
    return [ln for ln in page.body if all(abs(c["size"] - 16) < 0.6 for c in ln.chars)]


def _script_changes(text: str) -> int:
    """How often the line switches between Chinese and ASCII letters or digits."""
    kinds = [ch.isascii() and ch.isalnum() for ch in text]
    return sum(1 for a, b in itertools.pairwise(kinds) if a != b)


def _slots(page: Page) -> int:
    """Line slots from the first to the last baseline (blank lines count)."""
    first, last = page.body[0].baseline, page.body[-1].baseline
    return round((last - first) / PITCH_MM) + 1


def test_body_pages_are_a4_with_22_lines_filling_the_type_area(
    rendered: dict[str, Rendered],
) -> None:
    pages = rendered["body"].pages
    assert len(pages) >= 4
    for page in pages:
        assert page.width == pytest.approx(210, abs=0.5)
        assert page.height == pytest.approx(297, abs=0.5)
    for page in pages[:-1]:
        assert len(page.body) == 22, f"page {page.number}"
        pitches = [b.baseline - a.baseline for a, b in zip(page.body, page.body[1:], strict=False)]
        pitch = statistics.median(pitches)
        assert 22 * pitch == pytest.approx(225, abs=1.0)
        # The first line sits in the first slot below the 37 mm top margin, the last in the last
        # slot above the type-area bottom (262 mm = 297 − 35).
        assert TYPE_TOP + 0.5 * pitch < page.body[0].baseline <= TYPE_TOP + pitch
        assert TYPE_BOTTOM - 0.5 * pitch < page.body[-1].baseline <= TYPE_BOTTOM


def test_body_lines_hold_28_characters_from_the_28_mm_edge(rendered: dict[str, Rendered]) -> None:
    full = pure = exact = 0
    for page in rendered["body"].pages:
        assert min(ln.x0 for ln in page.body) == pytest.approx(TYPE_LEFT, abs=1.0)
        for line in page.body:
            assert line.units <= 28
            indent = round((line.x0 - TYPE_LEFT) / BODY_CHAR_MM)
            assert indent in (0, 2), line.text
            if max(c["x1"] for c in line.inside()) / 72 * 25.4 >= TYPE_RIGHT - 1.0:
                full += 1
                # A full line holds 28 characters: 27 when a closing mark may not start the next
                # line, and LibreOffice (which ignores w:autoSpaceDE/DN) adds a quarter character
                # between Chinese text and digits.
                extra = 0.25 * _script_changes(line.text)
                assert 27 <= line.units + indent + extra <= 28 + extra, line.text
                if not extra:
                    pure += 1
                    exact += line.units + indent == 28
                assert max(c["x1"] for c in line.inside()) / 72 * 25.4 == pytest.approx(
                    TYPE_RIGHT, abs=1.0
                )
    assert full >= 60 and pure >= 20
    assert exact >= 0.8 * pure


@pytest.mark.parametrize("name", ["body", "three_pages", "three_pages_common", "seed"])
def test_at_most_one_hanging_punctuation_mark_past_the_edge(
    rendered: dict[str, Rendered], name: str
) -> None:
    for page in rendered[name].pages:
        for line in _body_size_lines(page):
            hanging = line.hanging()
            assert len(hanging) <= 1, line.text
            if hanging:
                assert hanging[0]["text"] in HANGING, line.text


def test_three_page_document_numbers_pages_odd_right_even_left(
    rendered: dict[str, Rendered],
) -> None:
    pages = rendered["three_pages"].pages
    assert len(pages) == 3
    for page in pages:
        assert len(page.footer) == 1, f"page {page.number}"
        footer = page.footer[0]
        assert re.fullmatch(r"—\s*(\d+)\s*—", footer.text)
        assert re.sub(r"\D", "", footer.text) == str(page.number)
        assert all(abs(c["size"] - 14) < 0.5 for c in footer.chars)
        gap = TYPE_RIGHT - footer.x1 if page.number % 2 else footer.x0 - TYPE_LEFT
        # 单页码居右空一字，双页码居左空一字 (one 4号 character, 4.9 mm).
        assert gap == pytest.approx(PAGE_NUMBER_CHAR_MM, abs=0.8), f"page {page.number}"
        assert "FandolSong" in " ".join(footer.fonts())


def test_page_number_dash_is_7_mm_below_the_type_area(
    rendered: dict[str, Rendered], tmp_path: Path
) -> None:
    pdftoppm = need_tool(("pdftoppm",), "pdftoppm (poppler-utils)")
    pdf = rendered["three_pages"].pdf
    assert pdf is not None
    dpi = 300
    px_per_mm = dpi / 25.4
    for n in (1, 2):
        out = tmp_path / f"p{n}"
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-gray", "-f", str(n), "-l", str(n), str(pdf), str(out)],
            check=True,
            timeout=120,
        )
        image = np.asarray(Image.open(next(tmp_path.glob(f"p{n}*.pgm"))))
        footer = rendered["three_pages"].pages[n - 1].footer[0]
        dash = footer.chars[0]  # the leading em dash
        x0, x1 = int(dash["x0"] / 72 * dpi) + 2, int(dash["x1"] / 72 * dpi) - 2
        y0, y1 = int(TYPE_BOTTOM * px_per_mm), int(290 * px_per_mm)
        rows = [y for y in range(y0, y1) if (image[y, x0:x1] < 128).sum() > (x1 - x0) // 2]
        assert rows, f"no dash ink on page {n}"
        ink = (rows[0] + rows[-1]) / 2 / px_per_mm
        assert ink - TYPE_BOTTOM == pytest.approx(7.0, abs=1.0)


@pytest.mark.parametrize("name", ["three_pages", "three_pages_common"])
def test_title_and_heading_fonts(rendered: dict[str, Rendered], name: str) -> None:
    pages = rendered[name].pages
    title = find_line(pages, "青杠镇党委委员个人")
    assert all(abs(c["size"] - 22) < 0.5 for c in title.chars)
    # 方正小标宋简体 → Noto Serif CJK (its Bold face, as fonts.conf asks).
    assert all("NotoSerifCJK" in f and "Bold" in f for f in title.fonts())
    assert find_line(pages, "青杠镇党委委员、副镇长").fonts() == {"FandolKai-Regular"}
    assert find_line(pages, "一、存在的问题").fonts() == {"FandolHei-Regular"}
    assert find_line(pages, "（一）在理论学习方面").fonts() == {"FandolKai-Regular"}
    run_in = find_line(pages, "（一）理论武装不够到位")
    kai = [c["text"] for c in run_in.chars if "FandolKai" in c["fontname"]]
    assert "".join(kai) == "（一）理论武装不够到位。"
    assert "FandolFang-Regular" in run_in.fonts()
    body = find_line(pages, "按照县委的统一部署")
    assert body.fonts() == {"FandolFang-Regular"}
    # Digits anywhere in the text are Times New Roman (Liberation Serif on this machine).
    digits = [c for p in pages for ln in p.body for c in ln.chars if c["text"].isdigit()]
    assert digits
    assert {c["fontname"].split("+")[-1] for c in digits} == {"LiberationSerif"}
    assert title.x0 >= TYPE_LEFT - 1 and title.x1 <= TYPE_RIGHT + 1


def test_title_is_centred_and_signature_sits_right(rendered: dict[str, Rendered]) -> None:
    pages = rendered["three_pages"].pages
    title = find_line(pages, "青杠镇党委委员个人")
    # A long title is wrapped into balanced lines, each centred on the type area.
    centre = (TYPE_LEFT + TYPE_RIGHT) / 2
    assert (title.x0 + title.x1) / 2 == pytest.approx(centre, abs=1.5)
    date = find_line(pages, "2024年1月8日")
    name = find_line(pages, "韩述川")
    assert date.baseline > name.baseline
    # Unsealed signature (GB/T 9704 7.3.5.2): the date (6 characters: digits count half) is longer
    # than the name (3), so the date is 右空二字 and the name starts two characters left of the
    # date's start: its right indent is 2 + 6 + 2 − 3 = 7 characters. (Measured from the right
    # edges: LibreOffice widens the date by the Chinese/digit spacing Word is told to leave out.)
    char = 16 / 72 * 25.4
    assert TYPE_RIGHT - date.x1 == pytest.approx(2 * char, abs=1.2)
    assert TYPE_RIGHT - name.x1 == pytest.approx(7 * char, abs=1.2)


def test_seed_and_examples_fill_every_full_page(rendered: dict[str, Rendered]) -> None:
    checked = 0
    for name, item in rendered.items():
        pages = item.pages
        assert pages, name
        for page in pages[:-1]:
            if _is_table_page(page):
                continue
            assert _slots(page) == 22, f"{name} page {page.number}"
            assert page.body[-1].baseline <= TYPE_BOTTOM
            checked += 1
        for page in pages:
            for line in _body_size_lines(page):
                assert line.units <= 28, f"{name} page {page.number}: {line.text}"
                assert len(line.hanging()) <= 1, f"{name} page {page.number}: {line.text}"
            assert len(page.footer) == 1 and page.footer[0].text.replace(" ", "") == (
                f"—{page.number}—"
            ), name
    assert checked >= 30
