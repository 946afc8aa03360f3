"""GB/T 9704-2012 page and type parameters, and the two style profiles.

Numbers come from ``shared/domain/gbt9704-docx.md``: [STD] the standard, [PRACTICE] local practice,
[MEASURED] checked on LibreOffice 7.4 by rendering to PDF. Lengths are in twips (1/20 pt) unless
named otherwise; font sizes in half-points, as WordprocessingML writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# --- page [STD cl. 5; twips from mm] -----------------------------------------------------------

PAGE_WIDTH = 11906  # A4 210 mm
PAGE_HEIGHT = 16838  # A4 297 mm
MARGIN_TOP = 2098  # 天头 37 mm
MARGIN_BOTTOM = 1984  # 35 mm: 297 − 37 − 225
MARGIN_LEFT = 1588  # 订口 28 mm
MARGIN_RIGHT = 1474  # 26 mm: 210 − 28 − 156
HEADER_DISTANCE = 851  # 15 mm [PRACTICE]; the material has no header
FOOTER_DISTANCE = 1446  # 25.5 mm: with the exact 14 pt page-number line the dash ink sits 7.0 mm below the type area [MEASURED]
TYPE_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8844 twips = 156 mm

# --- lines and characters ----------------------------------------------------------------------

#: Exact line pitch: 579 twips (28.95 pt) gives 22 lines in 225 mm; 580 already gives 21 [MEASURED].
LINE_PITCH = 579
#: Body character spacing −0.25 pt (in 1/20 pt): 28 characters of 3号 per 156 mm line [MEASURED].
BODY_CONDENSE = -5
#: First-line indent of two characters: hundredths of a character, and the twips fallback.
INDENT_CHARS = 200
INDENT_TWIPS = 640
#: Page-number line: exact 4号 height, so the footer position does not depend on font metrics.
PAGE_NUMBER_PITCH = 280
#: Table text: 4号 on an exact 20 pt pitch, so row heights do not depend on font metrics.
TABLE_PITCH = 400

# --- sizes (half-points) [STD] ----------------------------------------------------------------

SIZE_TITLE = 44  # 2号
SIZE_BODY = 32  # 3号
SIZE_PAGE_NUMBER = 28  # 4号
SIZE_TABLE = 28  # 4号 [PRACTICE]

#: Points per character of each size, for width arithmetic.
PT_TITLE = SIZE_TITLE / 2
PT_BODY = SIZE_BODY / 2 + BODY_CONDENSE / 20


class Style(StrEnum):
    """Style profile (格式方案).

    ``standard`` is GB/T 9704 as written: no bold anywhere. ``common`` adds the bold that much local
    practice wants: level-2 楷体 and level-3 仿宋 headings, and the lead sentence of ``一是/二是``
    items [PRACTICE].
    """

    STANDARD = "standard"
    COMMON = "common"


@dataclass(frozen=True, slots=True)
class FontSet:
    """Font names written into the document (the names, never the font files).

    The standard names typeface classes only; the product names are practice. Machines without a
    font substitute their own; the names stay what the reviewer expects to see in Word.
    """

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    hei: str = "黑体"
    kai: str = "楷体_GB2312"
    song: str = "宋体"
    latin: str = "Times New Roman"


#: ``gb2312`` is what government machines have; ``windows`` uses the faces Windows ships.
FONT_SETS: dict[str, FontSet] = {
    "gb2312": FontSet(),
    "windows": FontSet(body="仿宋", kai="楷体"),
}

#: Substitutes Word may use when a font is missing (fontTable ``w:altName``), and GB2312 charset.
ALT_NAMES: dict[str, str] = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
}


def twips_to_mm(twips: float) -> float:
    return twips * 25.4 / 1440
