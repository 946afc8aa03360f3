"""Typos (错别字) that a word list cannot catch by substitution: a stray space inside one word.

The substitution lists are data-driven rules (``review/data/typos.toml`` MJ601,
``particles.toml`` MJ602 的/得, ``variants.toml`` MJ604); this module holds MJ603, which needs a
word list and a look at both sides of every space between Chinese characters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from mingjing.document import Span
from mingjing.review import kinds
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, rule
from mingjing.textnorm import fold

WORDS_FILE = "words.toml"

_CJK = kinds.CJK
_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
# Letter-spaced text (对 照 检 查 材 料, 姓  名): three single characters in a row, spaced.
_LETTER_SPACED = re.compile(rf"(?:^|[^{_CJK}])[{_CJK}][ \t]+[{_CJK}][ \t]+[{_CJK}](?:$|[^{_CJK}])")
#: Paragraphs this short (characters, spaces not counted) are labels or headings laid out by hand.
MIN_PARAGRAPH = 9
_SIDE = 6


@functools.cache
def lexicon() -> tuple[frozenset[str], int]:
    """The word list and its longest word."""
    data = kinds.load_data(WORDS_FILE)
    words = frozenset(fold(str(w)) for w in data.get("words", ()) if len(str(w)) >= 2)
    return words, max((len(w) for w in words), default=2)


def _run_before(folded: str, end: int) -> str:
    start = end
    while start > 0 and end - start < _SIDE and "\u4e00" <= folded[start - 1] <= "\u9fff":
        start -= 1
    return folded[start:end]


def _run_after(folded: str, start: int) -> str:
    end = start
    while end < len(folded) and end - start < _SIDE and "\u4e00" <= folded[end] <= "\u9fff":
        end += 1
    return folded[start:end]


def split_word(left: str, right: str) -> tuple[int, int] | None:
    """How many characters of ``left`` and ``right`` form one word across the space, or None.

    A two-character word counts only when neither side ends/starts with a word of its own (党 员
    yes, 做好 事关 no); a longer word unless both sides do (第 一时间 yes, 党员 干部 no)."""
    words, longest = lexicon()
    best: tuple[int, int] | None = None
    for i in range(1, min(len(left), longest - 1) + 1):
        for j in range(1, min(len(right), longest - i) + 1):
            if left[-i:] + right[:j] in words and (best is None or i + j > sum(best)):
                best = (i, j)
    if best is None:
        return None
    left_word = any(left[-k:] in words for k in range(2, min(len(left), longest) + 1))
    right_word = any(right[:k] in words for k in range(2, min(len(right), longest) + 1))
    if sum(best) == 2:
        return best if not (left_word or right_word) else None
    return best if not (left_word and right_word) else None


@rule(
    "MJ603",
    "typo-split-word",
    category=Category.TYPO,
    confidence=Confidence.PRACTICE,
    message="“{text}”中间多了空格，应为“{word}”",
    rationale=(
        "中文词内不加空格；从网页、PDF 或表格中粘贴的文字常把一个词拆开（“第 一时间”“党 员”）。"
        "规则只在空格两边的字合起来是词表中的一个词、且空格不可能是两个词之间的分界时报告；两个完整词之间的"
        "空格属于“空白”类问题，不在此报告；逐字加空格排版的标题、标签（“姓  名”“对 照 检 查 材 料”）不查。"
        "依据：W3C《中文排版需求》（词间不加空格）；项目自编常用词表。"
    ),
    source="W3C《中文排版需求》(clreq)；review/data/words.toml",
    fix="删去词中的空格。",
    flags=(
        "接到群众反映后，没有在⟦第 一时间⟧赶到现场处置，对⟦党 员⟧的教育管理不够严格。",
        "对⟦整 改⟧工作抓得不紧，⟦台 账⟧管理不规范。",
    ),
    passes=(
        "积极加入 党组织的各项活动，领导 干部要带头，做好 事关群众利益的工作。",
        "对 照 检 查 材 料\n姓  名：张 三\n按照要求，认真开展对照检查，征求意见45条。",
        "第一时间赶到现场，对党员的教育管理从严从实。",
    ),
)
def typo_split_word(ctx: Context) -> Iterator[Hit]:
    folded = ctx.folded
    for p in ctx.report.document.paragraphs:
        a, b = p.span.start, p.span.end
        seg = folded[a:b]
        if " " not in seg and "\t" not in seg:
            continue
        short = len(seg.replace(" ", "").replace("\t", "")) < MIN_PARAGRAPH
        if short or _LETTER_SPACED.search(seg):
            continue
        for m in _GAP.finditer(folded, a, b):
            left, right = _run_before(folded, m.start()), _run_after(folded, m.end())
            found = split_word(left, right)
            if found is None:
                continue
            i, j = found
            span = Span(m.start() - i, m.end() + j)
            if ctx.is_ignored(span):
                continue
            yield Hit(
                span,
                suggestion=ctx.text[span.start : m.start()] + ctx.text[m.end() : span.end],
                data={"text": ctx.text[span.start : span.end], "word": left[-i:] + right[:j]},
            )
