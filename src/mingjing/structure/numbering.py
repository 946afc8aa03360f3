"""Numbering tokens of every scheme 公文 use, found in lines of text.

Matching runs on the folded text (:func:`mingjing.textnorm.fold`), so ``(一)`` and ``（一）``, ``1.``
and ``1．`` are the same; spans are offsets into the line as given (folding keeps lengths).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mingjing.structure.model import Scheme
from mingjing.textnorm import chinese_to_int, fold

CN = "一二三四五六七八九十百零〇两"
_CN_NUM = f"[{CN}]{{1,4}}"
_SEQ_WORDS = {"首先": 1, "其次": 2, "再次": 3, "再者": 3, "然后": None, "最后": None}

# Line-start markers, in priority order. Group "n" is the number.
_LINE_START: tuple[tuple[Scheme, re.Pattern[str]], ...] = (
    (Scheme.CN_PAREN, re.compile(rf"（(?P<n>{_CN_NUM})）")),
    (Scheme.ARABIC_PAREN, re.compile(r"（(?P<n>\d{1,3})）")),
    (Scheme.CN_TOP, re.compile(rf"(?P<n>{_CN_NUM})(?:、|[.](?!\d)|，(?=[^，。]{{1,25}}$))")),
    (
        Scheme.ARABIC_DOT,
        # "2.5万元" is a number, not a marker; "2.2023年" is marker 2 followed by a year.
        re.compile(
            r"(?P<n>\d{1,3})(?:、|[.](?!\d)|[.](?=(?:19|20)\d\d\s*年))(?!\s*[年月日时分%％])"
        ),
    ),
    (Scheme.CIRCLED, re.compile(r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    (Scheme.INLINE_SHI, re.compile(rf"(?P<n>{_CN_NUM})是(?![否非])")),
    (Scheme.ORDINAL, re.compile(rf"第(?P<n>{_CN_NUM})(?:[，、：]|条[，、：])")),
    (Scheme.SEQUENCE, re.compile(r"(?P<n>首先|其次|再次|再者|最后)[，：]")),
)

# Inline item markers: after the end of a sentence or clause.
_INLINE = re.compile(
    rf"(?<=[。；！？：，])[ \t]*(?:(?P<shi>{_CN_NUM})是(?![否非])|第(?P<ord>{_CN_NUM})[，、：]"
    r"|(?P<seq>首先|其次|再次|最后)[，：])"
)
# A line that starts with 是 where 一是 was meant (the numeral lost): 是 followed by ordinary text.
_BROKEN_SHI = re.compile(r"是(?![否非的为由])(?=[\u4e00-\u9fff])")

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True, slots=True)
class RawToken:
    """A token found in a line, with offsets relative to the start of the line."""

    scheme: Scheme
    value: int | None
    start: int
    end: int
    broken: str | None = None


def _value(scheme: Scheme, raw: str) -> int | None:
    if scheme in (Scheme.ARABIC_DOT, Scheme.ARABIC_PAREN):
        return int(raw)
    if scheme is Scheme.CIRCLED:
        return _CIRCLED.index(raw) + 1
    if scheme is Scheme.SEQUENCE:
        return _SEQ_WORDS.get(raw)
    return chinese_to_int(raw)


def leading_space(line: str) -> int:
    """Length of the white space (of any width) at the start of ``line``."""
    i = 0
    while i < len(line) and (line[i].isspace() or line[i] in "\u00a0\u3000"):
        i += 1
    return i


def line_start_token(line: str) -> RawToken | None:
    """The numbering marker that opens ``line`` (after leading white space), if any."""
    folded = fold(line)
    i = leading_space(folded)
    for scheme, pattern in _LINE_START:
        m = pattern.match(folded, i)
        if m:
            value = _value(scheme, m.group("n"))
            if value is None and scheme is not Scheme.SEQUENCE:
                continue
            return RawToken(scheme, value, m.start(), m.end())
    return None


def broken_shi(line: str) -> RawToken | None:
    """A line that opens with ``是`` where an ``N是`` item marker lost its numeral."""
    folded = fold(line)
    i = leading_space(folded)
    m = _BROKEN_SHI.match(folded, i)
    if m:
        return RawToken(Scheme.INLINE_SHI, None, m.start(), m.start() + 1, broken="missing-numeral")
    return None


def inline_tokens(line: str, start: int = 0) -> list[RawToken]:
    """Item markers inside running text (``。二是……``), from ``start`` on."""
    out: list[RawToken] = []
    folded = fold(line)
    for m in _INLINE.finditer(folded, start):
        if m.group("shi"):
            scheme, raw, s = Scheme.INLINE_SHI, m.group("shi"), m.start("shi")
        elif m.group("ord"):
            scheme, raw, s = Scheme.ORDINAL, m.group("ord"), m.start("ord") - 1
        else:
            scheme, raw, s = Scheme.SEQUENCE, m.group("seq"), m.start("seq")
        value = _value(scheme, raw)
        if value is None and scheme is not Scheme.SEQUENCE:
            continue
        out.append(RawToken(scheme, value, s, m.end()))
    return out
