"""Punctuation (标点): half-width marks in Chinese text, unpaired or reversed quotes and brackets,
a missing colon before a list, doubled marks, half-width brackets in numbering markers.

Half-width marks are judged on the text as written (folding would hide them); pairing is judged
on the folded text, so ``（……)`` pairs (its half-width ``)`` is MJ701's business, not MJ702's).
Numbering markers (``(1)`` ``1.`` at a paragraph start) are left to MJ706 and the numbering rules.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from mingjing.document import Region, Span
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, rule
from mingjing.review.rules.numbering import Marker, markers
from mingjing.structure import Scheme

SOURCE_GBT15834 = "GB/T 15834-2011《标点符号用法》"

MSG = {
    "half": "中文之间用了半角“{mark}”，应为全角“{full}”",
    "unpaired": "{name}在本段中没有与之配对的{other}",
    "reversed": "引号方向颠倒：“{text}”",
    "open_as_close": "后引号误写成了前引号“{mark}”",
    "close_as_open": "前引号误写成了后引号“{mark}”",
    "colon": "“{lead}”提示下文列举，其后应用冒号",
    "doubled": "标点重复：“{text}”",
    "marker_width": "编号“{text}”用了半角括号，与文中其他同级编号（如“{other}”）不一致",
}

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_CLOSE = "”’）》」』】〕"
_CJK_OPEN = "“‘（《「『【〔"
_HALF = re.compile(r"[,;:?!().]")
_PAREN = re.compile(r"[()]")

# Pairs judged within a paragraph (on the folded text, where ( is （).
_PAIRS = {
    "“": "”",
    "‘": "’",
    "（": "）",
    "《": "》",
    "【": "】",
    "「": "」",
    "『": "』",
    "〔": "〕",
}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIR_CHAR = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_QUOTES = frozenset("“”‘’")
_NAMES = {
    "“": "前引号“",
    "”": "后引号”",
    "‘": "前单引号‘",
    "’": "后单引号’",
    "（": "左括号（",
    "）": "右括号）",
    "《": "前书名号《",
    "》": "后书名号》",
    "【": "左方头括号【",
    "】": "右方头括号】",
    "「": "前直角引号「",
    "」": "后直角引号」",
    "『": "前双直角引号『",
    "』": "后双直角引号』",
    "〔": "左六角括号〔",
    "〕": "右六角括号〕",
}
# ``1）``/``a）``/``一）`` used as a list marker: a closer with no opener, by design.
_LIST_LABEL = frozenset(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ一二三四五六七八九十"
)
_LIST_BOUNDARY = frozenset(" \t\u3000，。；：、")
# A list begins: 一是 （一） 1. 一、 ① 首先 第一
_LIST_START = re.compile(r"[\s]*(?:[一1]是|（[一1]）|1[.、](?!\d)|一、|①|首先[，：]|第一[，、：])")
_REVERSE_SPAN = 40

_LEAD = re.compile(
    r"(?:以下|如下)(?:[^，。；：！？\n]{0,8}?(?:方面|点|条|项|问题|措施|内容|情况|表现|原因|不足"
    r"|打算|举措|要求|体会))?$"
)
_LEAD_WORD = re.compile(r"以下|如下")
_CLAUSE_MARK = re.compile(r"[，。；：！？]")
# the last clause mark before a position (searched from the paragraph start)
_CLAUSE_MARK_BACK = re.compile(r"[，。；：！？](?!.*[，。；：！？])", re.S)
_DOUBLED = re.compile(r"[。，、；：？！]{2,}")
_ONLY_EXCLAIM = re.compile(r"[？！]+")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def _body_paragraphs(ctx: Context) -> Iterator[Span]:
    for p in ctx.report.document.paragraphs:
        if p.region is Region.BODY and len(p.span):
            yield p.span


def _marker_spans(ctx: Context) -> list[Span]:
    return [m.span for m in markers(ctx)]


# --- MJ701 -------------------------------------------------------------------------------------


@rule(
    "MJ701",
    "half-width-punctuation",
    category=Category.PUNCTUATION,
    confidence=Confidence.PRACTICE,
    message=MSG["half"],
    rationale="中文行文应使用全角标点；半角逗号、冒号、括号夹在汉字之间，多为输入法切换遗漏，打印出来字距不匀，审核时会被要求改正。数字、时间、网址和外文中的半角符号不在此列。",
    source=f"{SOURCE_GBT15834}；STYLE（gongwen_lint 的标点检查）",
    fix="换成对应的全角标点。",
    flags=(
        "一是学习不够深入⟦,⟧缺乏系统性。",
        "比如⟦:⟧2023年6月未按时参加集中学习。",
        "落实“两个维护”⟦;⟧坚定“四个自信”。",
        "在党支部⟦(⟧总支⟦)⟧换届工作中把关不严。",
        "学习党的二十大⟦(⟧2022年10月⟦)⟧精神不够深入。",
    ),
    passes=(
        "会议于10:30开始，共有1,200人参加。",
        "详见 https://www.example.gov.cn/a,b 的通知。",
        "(1)加强理论学习。",
        "学习 Python, Java 等语言。",
        "主要包括(1)读原著和(2)做笔记两项。",
        "一是学习不够深入，缺乏系统性。",
    ),
)
def half_width_punctuation(ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    skip = _marker_spans(ctx)
    for para in _body_paragraphs(ctx):
        pairs = _half_paren_pairs(text, para)
        for m in _HALF.finditer(text, para.start, para.end):
            i = m.start()
            ch = m.group()
            left = text[i - 1] if i > para.start else ""
            right = text[i + 1] if i + 1 < para.end else ""
            if i in pairs:
                ok = pairs[i]
            elif ch == "(":
                ok = (_is_cjk(left) or not left) and (_is_cjk(right) or right in _CJK_OPEN)
            elif ch == ")":
                ok = (_is_cjk(left) or left in _CJK_CLOSE) and (
                    _is_cjk(right) or right in _CJK_OPEN or right in "，。；：、！？" or not right
                )
            elif ch == ".":
                ok = _is_cjk(left) and (_is_cjk(right) or right in _CJK_OPEN)
            else:
                ok = (_is_cjk(left) or left in _CJK_CLOSE) and (
                    _is_cjk(right)
                    or right in _CJK_OPEN
                    or (ch in "?!" and (not right or right in _CJK_CLOSE))
                    or (ch in ",;:" and right.isdigit() and _is_cjk(left))
                )
            if not ok:
                continue
            span = Span(i, i + 1)
            if ctx.is_ignored(span) or any(s.contains(span) for s in skip):
                continue
            yield Hit(span, suggestion=_FULL[ch], data={"mark": ch, "full": _FULL[ch]})


def _half_paren_pairs(text: str, para: Span) -> dict[int, bool]:
    """Half-width ``(…)`` pairs of a paragraph: both brackets are wrong when the pair stands in
    Chinese text and holds Chinese (``二十大(2022年10月)``), neither when it holds only Latin
    letters, digits or a label (``(1)`` ``(PDF)``)."""
    out: dict[int, bool] = {}
    stack: list[int] = []
    for m in _PAREN.finditer(text, para.start, para.end):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            a, b = stack.pop(), m.start()
            left = text[a - 1] if a > para.start else ""
            inside = _CJK.search(text, a + 1, b) is not None
            wrong = inside and (_is_cjk(left) or left in _CJK_CLOSE or not left)
            out[a] = out[b] = wrong
    return out


# --- MJ702, MJ703 ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    ch: str  # folded
    opening: bool


def _unpaired(ctx: Context, para: Span) -> list[_Mark]:
    """Marks of ``para`` left without a partner (one stack per kind of pair)."""
    folded = ctx.folded
    text = ctx.text
    stacks: dict[str, list[int]] = {}
    closers: list[_Mark] = []
    for m in _PAIR_CHAR.finditer(folded, para.start, para.end):
        i = m.start()
        ch = m.group()
        if ch in _PAIRS:
            stacks.setdefault(ch, []).append(i)
        elif ch in _CLOSERS:
            if (
                ch == "’"
                and 0 < i < len(text) - 1
                and text[i - 1].isascii()
                and text[i + 1].isascii()
            ):
                continue  # an apostrophe in Latin text
            opener = _CLOSERS[ch]
            stack = stacks.get(opener)
            if stack:
                stack.pop()
            elif not (ch == "）" and _list_closer(folded, para.start, i)):
                closers.append(_Mark(i, ch, False))
    openers = [_Mark(i, k, True) for k, v in stacks.items() for i in v]
    return sorted(closers + openers, key=lambda m: m.pos)


_UNPAIRED: weakref.WeakKeyDictionary[Context, list[tuple[Span, list[_Mark]]]] = (
    weakref.WeakKeyDictionary()
)
_SENTENCE_END = frozenset("。！？；：…")


def _all_unpaired(ctx: Context) -> list[tuple[Span, list[_Mark]]]:
    """Unpaired marks per paragraph (computed once per document).

    A paragraph that stops mid-sentence (no 。！？；： at its end) is usually a hard wrap that the
    paste repair could not join; a quote or bracket opened at its end and closed at the start of
    the next paragraph is then one pair.
    """
    found = _UNPAIRED.get(ctx)
    if found is not None:
        return found
    out = [(para, _unpaired(ctx, para)) for para in _body_paragraphs(ctx)]
    text = ctx.text
    for (para, marks), (_, nxt) in pairwise(out):
        end = text[para.start : para.end].rstrip(" \t\u3000\u00a0")
        if not end or end[-1] in _SENTENCE_END or end[-1] in _CJK_CLOSE:
            continue
        openers = [m for m in marks if m.opening]
        if not openers:
            continue
        last = openers[-1]
        closer = next((m for m in nxt if not m.opening), None)
        if closer is not None and _PAIRS[last.ch] == closer.ch and nxt.index(closer) == 0:
            marks.remove(last)
            nxt.remove(closer)
    _UNPAIRED[ctx] = out
    return out


def _list_closer(folded: str, start: int, i: int) -> bool:
    """``1）`` ``a）`` at a paragraph start or after a clause: a list label, not half a pair."""
    j = i - 1
    while j >= start and i - j <= 3 and folded[j] in _LIST_LABEL:
        j -= 1
    return j < i - 1 and (j < start or folded[j] in _LIST_BOUNDARY)


def _quote_fixes(
    marks: list[_Mark],
) -> tuple[list[tuple[Span, str, str, dict[str, str]]], set[int]]:
    """Pairs of unpaired quotes that are one quote written the wrong way."""
    out: list[tuple[Span, str, str, dict[str, str]]] = []
    used: set[int] = set()
    quotes = [m for m in marks if m.ch in _QUOTES]
    for a, b in pairwise(quotes):
        if a.pos in used or b.pos in used or b.pos - a.pos > _REVERSE_SPAN:
            continue
        same_kind = {a.ch, b.ch} <= {"“", "”"} or {a.ch, b.ch} <= {"‘", "’"}
        if not same_kind:
            continue
        if not a.opening and b.opening:  # ”……“
            span = Span(a.pos, b.pos + 1)
            out.append((span, "reversed", "", {}))
        elif not a.opening and not b.opening:  # ”……”
            out.append((Span(a.pos, a.pos + 1), "close_as_open", _CLOSERS[a.ch], {"mark": a.ch}))
        elif a.opening and b.opening:  # “……“
            out.append((Span(b.pos, b.pos + 1), "open_as_close", _PAIRS[b.ch], {"mark": b.ch}))
        else:
            continue
        used.update((a.pos, b.pos))
    return out, used


def _continued_quote(ctx: Context, para: Span, mark: _Mark) -> bool:
    """A quotation running over paragraphs opens each with “ and closes only the last."""
    if mark.ch not in "“‘" or not mark.opening:
        return False
    after = ctx.folded[para.end : para.end + 8].lstrip("\n \u3000\t")
    return after.startswith(mark.ch)


@rule(
    "MJ702",
    "unpaired-mark",
    category=Category.PUNCTUATION,
    confidence=Confidence.PRACTICE,
    message=MSG["unpaired"],
    rationale="引号、括号、书名号必须成对使用；只有一半，读者分不清引文或书名到哪里结束，多为删改时误删。",
    source=f"{SOURCE_GBT15834} 4.7 引号、4.8 括号、4.15 书名号",
    fix="补上缺少的另一半，或删去多余的一个。",
    flags=(
        "深入学习⟦《⟧习近平谈治国理政第四卷，领会不够深入。",
        "对⟦“⟧两个确立的决定性意义认识不够。",
        "在推进项目建设（特别是重点项目）⟦）⟧中协调不够。",
    ),
    passes=(
        "深入学习《习近平谈治国理政》第四卷，对“两个确立”的决定性意义认识不够。",
        "主要有：1）学习不够系统；2）学用结合不够。",
        "他说：“要把自己摆进去。\n“要把职责摆进去。”\n",
        "加强学习（特别是（原文）研读）。",
    ),
)
def unpaired_mark(ctx: Context) -> Iterator[Hit]:
    for para, marks in _all_unpaired(ctx):
        if not marks:
            continue
        _, used = _quote_fixes(marks)
        for mk in marks:
            if mk.pos in used or _continued_quote(ctx, para, mk):
                continue
            span = Span(mk.pos, mk.pos + 1)
            if ctx.is_ignored(span):
                continue
            other = _PAIRS[mk.ch] if mk.opening else _CLOSERS[mk.ch]
            yield Hit(span, data={"name": _NAMES[mk.ch], "other": _NAMES[other]})


@rule(
    "MJ703",
    "quote-direction",
    category=Category.PUNCTUATION,
    confidence=Confidence.PRACTICE,
    message=MSG["reversed"],
    rationale="前引号“与后引号”方向不能颠倒；从网页或其他文档粘贴、或输入法自动配对出错时，常出现”……“或“……“。",
    source=f"{SOURCE_GBT15834} 4.7 引号",
    fix="前面用“，后面用”。",
    flags=(
        "深刻领悟⟦”两个确立“⟧的决定性意义。",
        "深刻领悟⟦”⟧两个确立”的决定性意义。",
        "深刻领悟“两个确立⟦“⟧的决定性意义。",
    ),
    passes=("深刻领悟“两个确立”的决定性意义，做到“两个维护”。",),
)
def quote_direction(ctx: Context) -> Iterator[Hit]:
    for _para, marks in _all_unpaired(ctx):
        fixes, _ = _quote_fixes(marks)
        for span, kind, fix, data in fixes:
            if ctx.is_ignored(span):
                continue
            text = ctx.text[span.start : span.end]
            if kind == "reversed":
                inner = text[1:-1]
                pair = ("“", "”") if text[0] in "”“" else ("‘", "’")
                yield Hit(span, suggestion=pair[0] + inner + pair[1], data={"text": text})
            else:
                yield Hit(span, message=MSG[kind], suggestion=fix, data=data)


# --- MJ704 -------------------------------------------------------------------------------------


@rule(
    "MJ704",
    "missing-colon-before-list",
    category=Category.PUNCTUATION,
    confidence=Confidence.PRACTICE,
    message=MSG["colon"],
    rationale="“主要表现在以下几个方面”“报告如下”是提示下文的话，后面接列举时应用冒号，而不是句号、逗号或什么都不加。",
    source=f"{SOURCE_GBT15834} 4.5 冒号（用于总说性或提示性词语之后，表示提示下文）",
    fix="把这里的标点改为冒号“：”。",
    flags=(
        "二、原因分析\n深挖根源，主要表现在以下几个方面⟦。⟧\n（一）理想信念有所松懈。\n（二）党性修养有所放松。\n",
        "三、整改措施\n（一）加强学习。具体措施如下⟦。⟧一是制定计划。二是按月检查。\n",
    ),
    passes=(
        # the sections of the material follow, not a list
        "按照要求，现将对照检查情况报告如下。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n二、原因分析\n（一）理想信念松懈。\n",
        "二、原因分析\n深挖根源，主要表现在以下几个方面：\n（一）理想信念有所松懈。\n（二）党性修养有所放松。\n",
        # no list follows
        "按照上级要求，结合以下工作实际开展自查。\n在此基础上形成了材料。\n",
    ),
)
def missing_colon_before_list(ctx: Context) -> Iterator[Hit]:
    folded = ctx.folded
    heads = {s.span.start for s in ctx.report.sections}
    for para in _body_paragraphs(ctx):
        for w in _LEAD_WORD.finditer(folded, para.start, para.end):
            stop = _CLAUSE_MARK.search(folded, w.end(), para.end)
            end = stop.start() if stop else para.end
            if stop is not None and stop.group() not in "。，；":
                continue  # a colon is there already (or ！？ ends the sentence)
            before = _CLAUSE_MARK_BACK.search(folded, para.start, w.start())
            clause = folded[before.end() if before else para.start : end]
            lead = _LEAD.search(clause)
            if lead is None:
                continue
            if stop is not None:
                span = Span(end, end + 1)
                suggestion = "："
            else:
                span = Span(max(end - 2, para.start), end)
                suggestion = ctx.text[span.start : span.end] + "："
            start = _LIST_START.match(folded, span.end)
            if start is None or ctx.is_ignored(span):
                continue
            at = span.end + len(start.group()) - len(start.group().lstrip())
            if at in heads:
                continue  # 报告如下。 before 一、存在的问题: the sections follow, not a list
            lead_text = ctx.text[end - len(lead.group()) : end]
            yield Hit(span, suggestion=suggestion, data={"lead": lead_text})


# --- MJ705 -------------------------------------------------------------------------------------


@rule(
    "MJ705",
    "doubled-punctuation",
    category=Category.PUNCTUATION,
    confidence=Confidence.PRACTICE,
    message=MSG["doubled"],
    rationale="句号、逗号、顿号等点号不能连用（“。。”“，，”“，。”），多为删改时遗留。",
    source=f"{SOURCE_GBT15834} 4.1–4.6 点号",
    fix="保留一个正确的标点。",
    flags=(
        "学习不够深入⟦。。⟧比如：未按时参加学习。",
        "坚持⟦，，⟧做到知行合一。",
        "缺乏系统性⟦，。⟧",
    ),
    passes=("学习不够深入……还需努力。", "真的做到了吗？！", "他说：“学深悟透。”"),
)
def doubled_punctuation(ctx: Context) -> Iterator[Hit]:
    for m in ctx.finditer(_DOUBLED):
        run = m.group()
        if _ONLY_EXCLAIM.fullmatch(run):
            continue
        span = Span(m.start(), m.end())
        if ctx.is_ignored(span):
            continue
        suggestion = run[0] if len(set(run)) == 1 else None
        yield Hit(span, suggestion=suggestion, data={"text": ctx.text[span.start : span.end]})


# --- MJ706 -------------------------------------------------------------------------------------


@rule(
    "MJ706",
    "marker-bracket-width",
    category=Category.PUNCTUATION,
    confidence=Confidence.PRACTICE,
    message=MSG["marker_width"],
    rationale="同一级编号的括号应全篇一致；“（一）”中夹着“(二)”，是从别处粘贴或输入法切换所致。编号本身没错，错的是括号的全半角，所以归入标点而非编号。",
    source="GB/T 9704-2012 7.3.3（层次序数用全角括号“（一）”“（1）”）",
    fix="改成与其他编号相同的全角括号。",
    flags=("一、存在的问题\n（一）在理论学习方面\n学习不深。\n⟦(二)⟧在政治素质方面\n站位不高。\n",),
    passes=(
        "一、存在的问题\n（一）在理论学习方面\n学习不深。\n（二）在政治素质方面\n站位不高。\n",
        # consistently half-width: a style choice, not an inconsistency
        "一、存在的问题\n(一)在理论学习方面\n学习不深。\n(二)在政治素质方面\n站位不高。\n",
    ),
)
def marker_bracket_width(ctx: Context) -> Iterator[Hit]:
    by_scheme: dict[Scheme, list[Marker]] = {}
    for m in markers(ctx):
        if m.scheme in (Scheme.CN_PAREN, Scheme.ARABIC_PAREN):
            by_scheme.setdefault(m.scheme, []).append(m)
    for group in by_scheme.values():
        full = [m for m in group if "(" not in m.text and ")" not in m.text]
        if not full:
            continue
        for m in group:
            if ("(" in m.text or ")" in m.text) and not ctx.is_ignored(m.span):
                fixed = m.text.replace("(", "（").replace(")", "）")
                other = next((f.text for f in full if f.text != fixed), full[0].text)
                yield Hit(m.span, suggestion=fixed, data={"text": m.text, "other": other})
