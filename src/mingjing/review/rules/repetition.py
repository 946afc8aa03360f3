"""Repetition (重复): the same sentence written twice in one material.

The repetitions inside one enumeration (MJ401) and doubled words (MJ402) are data-driven rules of
the ``repetition`` kind (``review/data/repetition.toml``); this module holds what needs the whole
document: a sentence that appears a second time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from mingjing.document import Span
from mingjing.review import kinds
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, rule

#: Shortest sentence (in characters, after dropping spaces and punctuation) that counts.
MIN_SENTENCE = 12

# Dropped before comparing: white space and punctuation (a re-typed comma is still a repeat).
_NOISE = re.compile(r"[\s\u3000\u00a0，、。；：！？“”\"‘’「」『』（）()《》…—\-·.,;:!?]+")
# An item marker at the start of a sentence is not part of what the sentence says.
_MARKER = re.compile(
    r"\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]?|首先[，、]?|其次[，、]?|再次[，、]?"
    r"|最后[，、]?|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳])\s*"
)


def sentence_key(folded: str) -> str:
    """What two sentences must share to count as the same sentence (no marker, no punctuation)."""
    m = _MARKER.match(folded)
    return _NOISE.sub("", folded[m.end() :] if m else folded)


@rule(
    "MJ403",
    "repetition-sentence",
    category=Category.REPETITION,
    confidence=Confidence.PRACTICE,
    message="这句话与{where}的一句完全相同（“{first}”）",
    rationale=(
        "同一份材料里同一句话（去掉空白和标点后不少于12个字）出现两次，多是由几份模板拼接而成、没有通读，"
        "审核时会被视为敷衍。只报告第二次（及以后）出现的位置，并指出第一次在哪一段。引号内的引文不计。"
        "来源：domain/README“What a reviewer looks for”第5条（不得拼凑抄袭）；issue 3 “repetition”。"
    ),
    source="domain/README 第5条；issue 3 “repetition”",
    fix="删去重复的句子，或改写成与上下文相应的具体内容。",
    flags=(
        "一是理论学习不够系统。对党的创新理论学习不够深入，满足于读原文。\n"
        "二是联系实际不够。⟦对党的创新理论学习不够深入，满足于读原文⟧。",
    ),
    passes=(
        "一是理论学习不够系统。对党的创新理论学习不够深入。\n二是联系实际不够。对党的创新理论运用不够到位。",
        "坚持“一切为了群众，一切依靠群众”。\n要始终做到“一切为了群众，一切依靠群众”。",
        "学习不够深入。\n学习不够深入。",
    ),
)
def repetition_sentence(ctx: Context) -> Iterator[Hit]:
    keyed: list[tuple[str, Span]] = []
    counts: Counter[str] = Counter()
    for s in ctx.sentences:
        key = sentence_key(ctx.folded[s.start : s.end])
        if len(key) >= MIN_SENTENCE:
            keyed.append((key, s))
            counts[key] += 1
    seen: dict[str, Span] = {}
    for key, s in keyed:
        if counts[key] < 2 or ctx.is_ignored(s) or ctx.in_quotation(s):
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = s
            continue
        marker = _MARKER.match(ctx.folded, s.start, s.end)
        span = _without_end_mark(ctx.text, Span(marker.end() if marker else s.start, s.end))
        yield Hit(
            span,
            data={
                "where": kinds.where(ctx, first.start),
                "first": _preview(ctx.text[first.start : first.end]),
            },
        )


def _without_end_mark(text: str, s: Span) -> Span:
    end = s.end
    while end > s.start and text[end - 1] in "。！？；;!?":
        end -= 1
    return Span(s.start, end)


def _preview(sentence: str, limit: int = 24) -> str:
    sentence = sentence.rstrip("。！？；;!?")
    return sentence if len(sentence) <= limit else sentence[:limit] + "……"
