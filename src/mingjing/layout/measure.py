"""Width arithmetic for the title wrap and the signature block.

Widths are in ems of the paragraph's font size: a Chinese character, a full-width mark or a
General Punctuation mark (“ ” — …) is one em, ASCII is half an em (Times New Roman digits are
exactly half; letters come close enough for placing a signature).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Words a title line must not be broken inside (the standard: 词意完整) [PRACTICE list, ours].
TITLE_WORDS = (
    "民主生活会",
    "组织生活会",
    "对照检查",
    "检查材料",
    "发言提纲",
    "主题教育",
    "领导班子",
    "专题",
    "年度",
    "同志",
    "个人",
    "材料",
    "剖析",
    "党委",
    "党组",
    "党工委",
    "委员会",
    "支部",
    "书记",
    "委员",
    "副书记",
    "镇长",
    "局长",
    "主任",
)
_NO_LINE_START = "，。、；：！？）》」』”’…—·"
_NO_LINE_END = "（《「『“‘"


def em_width(text: str) -> float:
    return sum(0.5 if " " <= ch <= "~" else 1.0 for ch in text)


@dataclass(frozen=True, slots=True)
class TitleWrap:
    """Where a long title breaks, and the line width (in ems) that makes the lines break there."""

    lines: tuple[str, ...]
    width: float


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    used = 0.0
    for ch in text:
        w = em_width(ch)
        if line and used + w > width + 1e-6:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def _word_breaks(text: str, pos: int) -> int:
    """How many protected words a break before ``text[pos]`` splits."""
    n = 0
    for word in TITLE_WORDS:
        start = text.find(word)
        while start != -1:
            if start < pos < start + len(word):
                n += 1
            start = text.find(word, start + 1)
    if 0 < pos < len(text) and text[pos - 1].isdigit() and text[pos].isdigit():
        n += 1
    return n


def title_wrap(text: str, capacity: float) -> TitleWrap | None:
    """Balanced line breaks for a title wider than ``capacity`` ems (GB/T 9704 7.3.1: 梯形/菱形).

    Lines get equal width, the last one not longer than the others (an upside-down trapezoid),
    words are kept whole where the word list knows them, and no line starts with closing
    punctuation. None when the title fits on one line.
    """
    total = em_width(text)
    if total <= capacity or "\n" in text:  # fits, or the author broke the line already
        return None
    k = math.ceil(total / capacity)
    best: tuple[float, TitleWrap] | None = None
    # Candidate widths: every prefix width that a first line could have.
    acc = 0.0
    for ch in text[:-1]:
        acc += em_width(ch)
        if acc > capacity:
            break
        if acc < total / k - 1e-6:
            continue
        lines = _wrap(text, acc)
        if len(lines) != k or em_width(lines[-1]) > acc + 1e-6:
            continue
        penalty = 0.0
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            penalty += 10 * _word_breaks(text, pos)
            if text[pos] in _NO_LINE_START or line[-1] in _NO_LINE_END:
                penalty += 100
        penalty += acc - total / k  # prefer balanced lines
        if em_width(lines[-1]) < acc / 3:
            penalty += 5  # a stub last line
        if best is None or penalty < best[0]:
            best = (penalty, TitleWrap(tuple(lines), acc))
    return best[1] if best else None


def signature_indents(name: str | None, date: str | None) -> tuple[float, float]:
    """Right indents (in characters) of the signature and the date, unsealed (GB/T 9704 7.3.5.2).

    The name is 右空二字; the date goes below it, starting two characters right of the name's
    start. When the date is the longer, the date is 右空二字 and the name moves left to match.
    """
    n = em_width(name) if name else 0.0
    d = em_width(date) if date else 0.0
    if not name:
        return 0.0, 2.0
    if not date:
        return 2.0, 0.0
    if d <= n - 2:
        return 2.0, n - d
    return 4.0 + d - n, 2.0
