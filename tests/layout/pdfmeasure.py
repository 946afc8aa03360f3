"""Measure a PDF rendered from mingjing's GB/T 9704 output: lines, characters, margins, footers.

Coordinates come from pdfplumber (``pdftotext -layout`` drops hanging punctuation). A line is the
set of glyphs sharing a baseline (within 2.5 pt). Lines whose baseline lies inside the type area
are body lines, those below it footer lines. Widths are counted in characters the way the standard
counts them: a Chinese character or full-width mark is one, an ASCII digit or letter half.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

PT_PER_MM = 72 / 25.4
TYPE_LEFT = 28.0
TYPE_RIGHT = 184.0
TYPE_TOP = 37.0
TYPE_BOTTOM = 262.0
HANGING = set("，。、；：！？”’）》」』…—")


def mm(pt: float) -> float:
    return pt / PT_PER_MM


def glyph_units(c: dict[str, Any]) -> float:
    """A glyph's advance in half-character steps: 1 for a Chinese character, 0.5 for a digit."""
    return max(0.5, round(2 * (float(c["x1"]) - float(c["x0"])) / float(c["size"])) / 2)


@dataclass
class Line:
    baseline: float  # mm from the top of the page
    chars: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return mm(min(c["x0"] for c in self.chars))

    @property
    def x1(self) -> float:
        return mm(max(c["x1"] for c in self.chars))

    def inside(self) -> list[dict[str, Any]]:
        """Glyphs that end inside the type area (a small tolerance for rounding)."""
        return [c for c in self.chars if mm(c["x1"]) <= TYPE_RIGHT + 0.3]

    def hanging(self) -> list[dict[str, Any]]:
        return [c for c in self.chars if mm(c["x1"]) > TYPE_RIGHT + 0.3]

    @property
    def units(self) -> float:
        """Characters inside the type area, in full-width units (from each glyph's advance)."""
        return sum(glyph_units(c) for c in self.inside() if c["text"].strip())

    def fonts(self) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in self.chars if c["text"].strip()}


@dataclass
class Page:
    number: int
    width: float  # mm
    height: float
    body: list[Line]
    footer: list[Line]


def _lines(chars: list[dict[str, Any]]) -> list[Line]:
    lines: list[Line] = []
    for c in sorted(chars, key=lambda c: c["bottom"]):
        if not c["text"].strip():
            continue
        if lines and abs(lines[-1].baseline - mm(c["bottom"])) < mm(2.5):
            lines[-1].chars.append(c)
        else:
            lines.append(Line(mm(c["bottom"]), [c]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
    return lines


def read_pages(pdf: Path) -> list[Page]:
    pages: list[Page] = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            lines = _lines(list(page.chars))
            body = [ln for ln in lines if ln.baseline <= TYPE_BOTTOM + 0.5]
            footer = [ln for ln in lines if ln.baseline > TYPE_BOTTOM + 0.5]
            pages.append(Page(n, mm(float(page.width)), mm(float(page.height)), body, footer))
    return pages


def find_line(pages: list[Page], startswith: str) -> Line:
    """The first body line whose text starts with ``startswith``."""
    for page in pages:
        for line in page.body:
            if line.text.startswith(startswith):
                return line
    raise AssertionError(f"no line starts with {startswith!r}")
