"""White space (空白): stray no-break, ideographic and zero-width spaces, spaces between Chinese
characters, tabs.

All of these are invisible in print but break search, copy detection and Word's layout (a no-break
space at a paragraph start shifts the first-line indent; a zero-width space splits a word for every
search). They are reported as info: worth a cleanup, never a reason to send a material back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mingjing.document import Region, Span
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, Severity, rule

SOURCE = "seed-walkthrough 缺陷11；issue 3 “whitespace — stray no-break/ideographic spaces (info)”"

MSG = {
    "leading": "段首有多余的{what}",
    "blank": "空行由{what}构成",
    "odd": "文中有{what}",
    "between": "汉字之间有多余的{what}",
    "tab": "文中有制表符",
}

_NAMES = {
    "\u00a0": "不间断空格（U+00A0）",
    "\u3000": "全角空格",
    " ": "空格",
    "\t": "制表符",
    "\u2002": "半角空格（U+2002）",
    "\u2003": "全角空格（U+2003）",
    "\u2009": "窄空格（U+2009）",
    "\u202f": "窄不间断空格（U+202F）",
    "\u200b": "零宽空格（U+200B）",
    "\u200c": "零宽非连接符（U+200C）",
    "\u200d": "零宽连接符（U+200D）",
    "\u2060": "零宽不换行符（U+2060）",
    "\ufeff": "字节顺序标记（U+FEFF）",
}
# Spaces that are never typed on purpose in a Chinese material.
_ODD = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ALL_SPACE = " \t\u3000" + _ODD + _ZERO_WIDTH
_LEADING = re.compile(f"[{_ALL_SPACE}]+")
_BLANK_LINE = re.compile(f"(?m)^[{_ALL_SPACE}]+$")
_ODD_RUN = re.compile(f"[{_ODD}{_ZERO_WIDTH}]+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_BETWEEN = re.compile(f"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")
_TAB = re.compile(r"\t+")
_SHORT_LINE = 20
_SENTENCE_MARK = re.compile(r"[。，；：！？]")


def _what(run: str) -> str:
    kinds = list(dict.fromkeys(run))
    names = [_NAMES.get(ch, f"特殊空白（U+{ord(ch):04X}）") for ch in kinds]
    return "、".join(names)


def _body(ctx: Context) -> list[Span]:
    """Body paragraphs (not the title block, not the signature and date after the closing)."""
    tb = ctx.report.title_block
    fixed = [f.span for f in (tb.title, tb.unit, tb.author, tb.post, tb.date) if f is not None]
    tail = ctx.report.tail
    out: list[Span] = []
    for p in ctx.report.document.paragraphs:
        if p.region is not Region.BODY or not len(p.span):
            continue
        if tail is not None and tail.overlaps(p.span):
            continue
        if any(f.overlaps(p.span) for f in fixed):
            continue
        text = ctx.folded[p.span.start : p.span.end]
        if len(text) <= _SHORT_LINE and not _SENTENCE_MARK.search(text):
            continue  # a name, post, date or title line: spaces there align, they do not split
        out.append(p.span)
    return out


def _indents_with_spaces(ctx: Context) -> bool:
    """Whether the document indents its paragraphs with typed spaces (as plain text often does)."""
    text = ctx.text
    paras = [p.span for p in ctx.report.document.paragraphs if len(p.span) > 1]
    if not paras:
        return False
    indented = sum(1 for s in paras if text[s.start] in " \u3000\t")
    return indented * 2 >= len(paras)


def _leading_run(ctx: Context, para: Span) -> Span | None:
    m = _LEADING.match(ctx.text, para.start, para.end)
    if m is None or m.end() >= para.end:
        return None  # no leading space, or a paragraph made of spaces (MJ752)
    return Span(m.start(), m.end())


@rule(
    "MJ751",
    "leading-space",
    category=Category.WHITESPACE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message=MSG["leading"],
    rationale="段首的不间断空格、零宽字符，或全文都不用空格缩进时个别段落前多出的全角空格，会让首行缩进参差不齐，也多是从网页、其他文档粘贴时带进来的。",
    source=SOURCE,
    fix="删去段首的空白字符，首行缩进用段落格式设置。",
    flags=(
        "⟦\u00a0⟧按照要求，现将对照检查情况报告如下：\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
        "一、存在的问题\n（一）在理论学习方面\n学习不深。\n⟦\u3000⟧（二）在政治素质方面\n站位不高。\n",
    ),
    passes=(
        # every paragraph indented with two ideographic spaces: the document's own layout
        "\u3000\u3000按照要求，现将对照检查情况报告如下：\n\u3000\u3000一、存在的问题\n\u3000\u3000（一）在理论学习方面\n\u3000\u3000学习不深。\n",
        "按照要求，现将对照检查情况报告如下：\n一、存在的问题\n",
    ),
)
def leading_space(ctx: Context) -> Iterator[Hit]:
    indents = _indents_with_spaces(ctx)
    for p in ctx.report.document.paragraphs:
        if p.region is not Region.BODY:
            continue
        run = _leading_run(ctx, p.span)
        if run is None or ctx.is_ignored(run):
            continue
        chars = ctx.text[run.start : run.end]
        odd = any(ch in _ODD or ch in _ZERO_WIDTH for ch in chars)
        if odd or not indents:
            yield Hit(run, data={"what": _what(chars)})


@rule(
    "MJ752",
    "blank-line-spaces",
    category=Category.WHITESPACE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message=MSG["blank"],
    rationale="看似空行，实际由不间断空格或全角空格构成；这样的“空行”在排版和分段时不会被当作空行处理，常见于从网页粘贴的文字末尾。",
    source=SOURCE,
    fix="删去这一行，或删去其中的空白字符。",
    flags=("以上是我的对照检查，请同志们批评指正。\n⟦\u00a0⟧\n",),
    passes=("以上是我的对照检查，请同志们批评指正。\n\n", "批评指正。\n   \n"),
)
def blank_line_spaces(ctx: Context) -> Iterator[Hit]:
    for m in _BLANK_LINE.finditer(ctx.text):
        run = m.group()
        if all(ch in " \t" for ch in run):
            continue  # ordinary spaces on an empty line: harmless
        span = Span(m.start(), m.end())
        if not ctx.is_ignored(span):
            yield Hit(span, data={"what": _what(run)})


@rule(
    "MJ753",
    "odd-space",
    category=Category.WHITESPACE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message=MSG["odd"],
    rationale="不间断空格、窄空格、零宽字符等在屏幕上看不见，却会让查找、查重和提法检查漏掉被它隔开的词，多由网页粘贴带入。",
    source=SOURCE,
    fix="删去该字符（需要空格时用普通空格）。",
    flags=(
        "深刻领悟“两个⟦\u200b⟧确立”的决定性意义。",
        "学习不够深入。⟦\u00a0⟧比如：未按时参加学习。",
    ),
    passes=("深刻领悟“两个确立”的决定性意义。", "姓名：张三 职务：党委委员"),
)
def odd_space(ctx: Context) -> Iterator[Hit]:
    for p in ctx.report.document.paragraphs:
        lead = _leading_run(ctx, p.span)
        start = lead.end if lead is not None else p.span.start
        if _LEADING.fullmatch(ctx.text, p.span.start, p.span.end):
            continue  # a line of spaces: MJ752
        for m in _ODD_RUN.finditer(ctx.text, start, p.span.end):
            span = Span(m.start(), m.end())
            if not ctx.is_ignored(span):
                yield Hit(span, data={"what": _what(m.group())})


@rule(
    "MJ754",
    "space-between-chinese",
    category=Category.WHITESPACE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message=MSG["between"],
    rationale="正文汉字之间不应有空格；多出的空格会把词拆开（“第 一时间”），查找和提法检查都会漏掉。标题、署名中为对齐而加的空格不在此列。",
    source=f"{SOURCE}；STYLE（gongwen_lint 空格检查）",
    fix="删去汉字之间的空格。",
    flags=(
        "按照要求，现将情况报告如下：\n一、存在的问题\n（一）在理论学习方面\n一是学习⟦ ⟧不够深入。\n",
        "按照要求，现将情况报告如下：\n一、存在的问题\n（一）在理论学习方面\n一是第⟦\u3000⟧一时间响应不够。\n",
    ),
    passes=(
        "按照要求，现将情况报告如下：\n一、存在的问题\n（一）在理论学习方面\n一是学习 Python 不够。\n",
        "对照检查材料\n党委委员　张　三\n按照要求，现将情况报告如下：\n一、存在的问题\n",
    ),
)
def space_between_chinese(ctx: Context) -> Iterator[Hit]:
    for para in _body(ctx):
        lead = _leading_run(ctx, para)
        start = lead.end if lead is not None else para.start
        for m in _BETWEEN.finditer(ctx.text, start, para.end):
            span = Span(m.start(), m.end())
            if not ctx.is_ignored(span):
                yield Hit(span, data={"what": _what(m.group())})


@rule(
    "MJ755",
    "tab-in-text",
    category=Category.WHITESPACE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message=MSG["tab"],
    rationale="正文中的制表符多是排版时用来对齐的，换一台电脑或改了字号就会错位；正文对齐应靠段落格式。",
    source=SOURCE,
    fix="删去制表符，对齐用段落格式或表格。",
    flags=(
        "按照要求，现将情况报告如下：\n一、存在的问题\n（一）在理论学习方面\n一是学习不够深入。⟦\t⟧比如：未参加学习。\n",
    ),
    passes=(
        "按照要求，现将情况报告如下：\n一、存在的问题\n（一）在理论学习方面\n一是学习不够深入。\n",
    ),
)
def tab_in_text(ctx: Context) -> Iterator[Hit]:
    for para in _body(ctx):
        lead = _leading_run(ctx, para)
        start = lead.end if lead is not None else para.start
        for m in _TAB.finditer(ctx.text, start, para.end):
            span = Span(m.start(), m.end())
            if not ctx.is_ignored(span):
                yield Hit(span)
