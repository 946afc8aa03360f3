"""Counts (数量): a number the material states against what it actually lists.

Each rule is precise about what the stated number refers to:

* MJ301 — a number in a section's or part's own heading or introduction (``从六个方面深挖根源``,
  ``主要有以下三点``) counts the parts of that section, or the items of that part;
* MJ302 — the framework's count (``五个带头``, ``六个方面``) in the preamble or the problems
  section's introduction counts the problem aspects;
* MJ303 — a number heading a series in the same sentence (``三个到位：甲、乙、丙``, ``表现在三个
  方面：一是……``, ``……等六个方面``, ``四必谈`` and the talk circles it names);
* MJ304, MJ305 — the opinion counts of the preamble (merged more than collected; one count stated
  twice with two values).

Numbers inside quotation marks name formulations (“四个意识”) and are never read as counts, and a
number after 对照/按照/针对/上述 … names a list outside what follows.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from mingjing.document import Span
from mingjing.frameworks.model import CountKind
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, Severity, rule
from mingjing.review.rules.numbering import markers
from mingjing.structure import Item, Part, Scheme, SectionKind
from mingjing.textnorm import chinese_to_int

MSG = {
    "parts": "文中说“{text}”，其后实际列出{actual}{what}",
    "framework": "前文说“{text}”，但“存在的问题”部分只有{actual}个方面",
    "series": "“{text}”与其后列举的{actual}项不一致",
    "series_more": "“{text}”之前列举了{actual}项，多于所说的数目",
    "talks": "“{text}”与其后列出的{actual}个谈话范围不一致",
    "merged": "归纳意见{merged}条，多于征求到的意见{collected}条",
    "conflict": "{what}前后不一致：此处为{value}，前文为{first}",
    "what_parts": "个部分",
    "what_items": "项",
}


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("mingjing.review").joinpath("data", "count.toml").read_text("utf-8")
    return tomllib.loads(text)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_D = _data()
_NUM = r"(?<![第\d一二三四五六七八九十百零〇两几多])(?P<n>[两二三四五六七八九十]{1,3}|\d{1,2})"
_STATED = re.compile(
    _NUM
    + rf"\s*(?:(?P<unit>{_alt(_D['stated']['units'])})\s*(?P<noun>{_alt(_D['stated']['nouns'])})?"
    + rf"|(?P<noun2>{_alt(_D['stated']['nouns'])}))(?!之一|中的|以外)"
)
_FORWARD = re.compile(_alt(_D["stated"]["forward"]))
_EXTERNAL = re.compile(_alt(_D["stated"]["external"]))
_BARE_UNITS = frozenset(_D["stated"]["bare_units"])
_CLAUSE_END = re.compile(r"[，。；：！？\n]")
_SERIES_HEAD = re.compile(
    _NUM
    + rf"\s*(?P<unit>{_alt(_D['series']['units'])})(?P<name>[\u4e00-\u9fff]{{0,8}}?)[”’\"]?\s*："
)
_ETC = re.compile(r"等\s*" + _STATED.pattern)
_MAX_MEMBER = int(_D["series"]["max_member"])
_JOINED = re.compile(_alt(_D["series"]["joiners"]))
_TALKS = re.compile(_NUM + r"必谈")
_CIRCLE = re.compile(_alt(_D["talks"]["circle_marks"]))
_TALK_VERB = re.compile(r"(?:深入|广泛|逐一|分别)?(?:开展|进行)?谈心谈话|(?:开展|进行)谈话")
_GENERIC_FRAMEWORK = re.compile(_NUM + r"个带头")
_N = r"(?P<v>\d{1,4}|[一二三四五六七八九十百零〇两]{1,6})"
_FACTS: dict[str, re.Pattern[str]] = {
    "collected": re.compile(
        r"(?:征求|征集|收集|听取)(?:到|了)?[^。；，\d]{0,8}?意见(?:和|及)?(?:建议)?(?:共|合计|总计)?"
        + _N
        + r"\s*条"
    ),
    "merged": re.compile(
        r"(?:归纳|梳理|整理|合并)(?:为|成|出|形成|了)?(?:意见(?:建议)?)?(?:共)?" + _N + r"\s*条"
    ),
    "talks": re.compile(r"谈心谈话(?:共|累计|合计)?" + _N + r"\s*(?:人次|次)"),
}
_FACT_NAMES = {"collected": "征求意见条数", "merged": "归纳意见条数", "talks": "谈心谈话人次"}
_SCOPE = re.compile(_alt(_D["opinions"]["scope_words"]))


def _value(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else chinese_to_int(raw)


def _clause_before(text: str, pos: int, floor: int = 0) -> str:
    """The text from the start of the clause that contains ``pos`` up to ``pos``."""
    i = pos
    while i > floor and not _CLAUSE_END.match(text, i - 1):
        i -= 1
    return text[i:pos]


@dataclass(frozen=True, slots=True)
class Stated:
    """A stated number: its phrase and value."""

    span: Span
    value: int


def _stated_in(ctx: Context, span: Span) -> list[Stated]:
    """Stated numbers in ``span`` that announce what follows (not quoted, not external)."""
    out: list[Stated] = []
    folded = ctx.folded
    for m in _STATED.finditer(folded, span.start, span.end):
        unit, noun = m.group("unit"), m.group("noun") or m.group("noun2")
        if noun is None:
            follow = folded[m.end() : m.end() + 1]
            if unit not in _BARE_UNITS and follow not in ("：", "，", "。"):
                continue
        phrase = Span(m.start(), m.end())
        if ctx.in_quotation(phrase):
            continue
        before = _clause_before(folded, m.start(), span.start)
        if _EXTERNAL.search(before):
            continue
        after = folded[m.end() : m.end() + 12]
        colon = _CLAUSE_END.search(after)
        if not _FORWARD.search(before) and not (colon and colon.group() == "："):
            continue
        value = _value(m.group("n"))
        if value is not None and value >= 2:
            out.append(Stated(phrase, value))
    return out


def _series_count(items: tuple[Item, ...]) -> tuple[int, int]:
    """Length and highest value of the first numbered series of ``items``."""
    count = top = 0
    for it in items:
        v = it.value
        if v is not None and count and v == 1:
            break
        count += 1
        top = max(top, v or 0)
    return count, top


def _parts_region(part: Part) -> list[Span]:
    spans = [s for s in (part.heading_span, part.intro) if s is not None]
    return spans


# --- MJ301 -------------------------------------------------------------------------------------


@rule(
    "MJ301",
    "count-stated-parts",
    category=Category.COUNT,
    confidence=Confidence.PRACTICE,
    message=MSG["parts"],
    rationale="部分或条目开头说“从六个方面剖析”“主要有以下三点”，后面就应列出同样多的部分或条目；数目对不上，说明删改时漏了一项或忘了改数字，审核时会被指出。",
    source="seed-walkthrough 缺陷4；domain/README “What a reviewer looks for” 第6条（“从六个方面”后应有六个）",
    fix="补齐漏掉的部分，或把数字改成实际列出的个数。",
    flags=(
        "二、原因分析\n针对查摆出来的问题，从⟦六个方面⟧深挖根源。\n（一）政治站位不高。\n（二）宗旨意识不强。\n（三）进取精神不足。\n（四）工作作风不实。\n三、整改措施\n（一）加强学习。\n",
        "二、原因分析\n主要有以下⟦三点⟧：\n一是理想信念有所松懈。\n二是党性修养有所放松。\n三、整改措施\n（一）加强学习。\n",
        "三、整改措施\n（一）加强理论学习，重点抓好⟦四项措施⟧：一是制定计划。二是按月检查。三是交流体会。\n（二）改进作风。\n",
    ),
    passes=(
        "二、原因分析\n针对查摆出来的问题，从四个方面深挖根源。\n（一）政治站位不高。\n（二）宗旨意识不强。\n（三）进取精神不足。\n（四）工作作风不实。\n",
        # the number names the problems (backwards), not the measures that follow
        "三、整改措施\n针对查摆出的六个方面问题，提出以下整改措施。\n（一）加强学习。\n（二）改进作风。\n",
        # 对照 names the framework's list, not what follows
        "一、存在的问题\n对照主题教育六个方面的要求，查摆出以下问题。\n（一）在理论学习方面\n学习不深。\n（二）在政治素质方面\n站位不高。\n",
        # a quoted formulation is not a count
        "三、整改措施\n要从“四个意识”入手，提出以下措施。\n（一）加强学习。\n（二）改进作风。\n",
    ),
)
def count_stated_parts(ctx: Context) -> Iterator[Hit]:
    for section in ctx.report.sections:
        numbered = [p for p in section.parts if p.token is not None]
        regions: list[tuple[list[Span], int, int, str]] = []
        if numbered:
            top = max((p.token.value or 0) for p in numbered if p.token is not None)
            spans = [section.heading_span] + ([section.intro] if section.intro else [])
            regions.append((spans, len(numbered), top, MSG["what_parts"]))
            for part in numbered:
                n, top_i = _series_count(part.items)
                if n:
                    regions.append((_parts_region(part), n, top_i, MSG["what_items"]))
        elif section.parts and section.parts[0].items:
            part = section.parts[0]
            n, top_i = _series_count(part.items)
            spans = [section.heading_span] + ([part.intro] if part.intro else [])
            regions.append((spans, n, top_i, MSG["what_items"]))
        for spans, actual, top, what in regions:
            stated = [s for span in spans for s in _stated_in(ctx, span)]
            if len({s.value for s in stated}) != 1:
                continue  # none, or several numbers: unclear which one counts what follows
            s = stated[0]
            if s.value == actual or top == s.value:
                continue  # equal, or a numbering gap (MJ201 says so) rather than a wrong count
            yield Hit(
                s.span,
                data={"text": ctx.text[s.span.start : s.span.end], "actual": actual, "what": what},
            )


# --- MJ302 -------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\d一二三四五六七八九十百零〇两])(?:" + _alt(list(terms)) + ")")


def _framework_terms(ctx: Context) -> list[re.Pattern[str]]:
    out = [_GENERIC_FRAMEWORK]
    fw = ctx.framework
    stated = fw.count(CountKind.ASPECTS) if fw is not None else None
    if stated is not None and stated.terms:
        out.append(_term_pattern(tuple(stated.terms)))
    return out


_LEADING_NUM = re.compile(r"[两二三四五六七八九十]{1,3}|\d{1,2}")


@rule(
    "MJ302",
    "count-framework-aspects",
    category=Category.COUNT,
    confidence=Confidence.PRACTICE,
    message=MSG["framework"],
    rationale="前言或“存在的问题”开头说对照“五个带头”“六个方面”查摆，问题部分就应有同样多的方面；少了一个，多半是漏写了一个方面或把两个方面合并了。",
    source="process-frameworks-formulations §1（各年度对照方面及其个数）；issue 3 “count”（五个带头 + four aspects）",
    fix="补齐漏掉的方面，或核对所说的个数。",
    flags=(
        "按照要求，我对照“⟦五个带头⟧”认真查摆。\n一、存在的问题\n（一）在带头强化政治忠诚、提高政治能力方面\n站位不高。\n（二）在带头固本培元、增强党性方面\n修养不够。\n（三）在带头敬畏人民、敬畏组织、敬畏法纪方面\n敬畏不足。\n（四）在带头干事创业、担当作为方面\n担当不够。\n二、原因分析\n（一）理想信念松懈。\n",
    ),
    passes=(
        "按照要求，我对照“四个带头”认真查摆。\n一、存在的问题\n（一）在带头严守政治纪律和政治规矩方面\n不够严。\n（二）在带头增强党性、严守纪律、砥砺作风方面\n不够实。\n（三）在带头勇于担责、敢于创新方面\n不够勇。\n（四）在带头履行全面从严治党政治责任方面\n不够力。\n二、原因分析\n（一）理想信念松懈。\n",
    ),
)
def count_framework_aspects(ctx: Context) -> Iterator[Hit]:
    problems = ctx.sections(SectionKind.PROBLEMS)
    if len(problems) != 1:
        return
    section = problems[0]
    numbered = [p for p in section.parts if p.token is not None]
    if len(numbered) < 2:
        return
    regions = [r for r in (ctx.report.preamble, section.intro) if r is not None]
    seen: set[int] = set()
    for span in regions:
        for pattern in _framework_terms(ctx):
            for m in pattern.finditer(ctx.folded, span.start, span.end):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                n = _LEADING_NUM.match(m.group())
                value = _value(n.group()) if n else None
                if value is None or value == len(numbered):
                    continue
                top = max((p.token.value or 0) for p in numbered if p.token is not None)
                if top == value:
                    continue  # a numbering gap, reported by MJ201
                yield Hit(
                    Span(m.start(), m.end()),
                    data={"text": m.group(), "actual": len(numbered)},
                )


# --- MJ303 -------------------------------------------------------------------------------------


def _split_members(text: str) -> list[str]:
    """``甲、乙、丙`` → members; 、 inside quotes or brackets does not split."""
    members: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in text:
        if ch in "“‘《（【「":
            depth += 1
        elif ch in "”’》）】」" and depth:
            depth -= 1
        if ch == "、" and depth == 0:
            members.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    members.append("".join(cur))
    return [m.strip() for m in members]


def _intro_spans(ctx: Context) -> list[Span]:
    out: list[Span] = []
    for s in ctx.report.sections:
        out.append(s.heading_span)
        if s.intro:
            out.append(s.intro)
        for p in s.parts:
            out.extend(x for x in (p.heading_span, p.intro) if x is not None)
    return out


def _paragraph_end(ctx: Context, pos: int) -> int:
    for p in ctx.report.document.paragraphs:
        if p.span.start <= pos <= p.span.end:
            return p.span.end
    return len(ctx.text)


def _inline_series(ctx: Context, start: int, end: int) -> int | None:
    """Length of the numbered series that begins right at ``start`` (within 3 characters) in the
    paragraph ending at ``end``; it may go on in the following paragraphs (二是 opening the next
    one) until a block marker of another scheme (a new part) or a break in the count."""
    seq: list[int] = []
    scheme: Scheme | None = None
    for mk in markers(ctx):
        if mk.span.start < start:
            continue
        if scheme is None:
            if mk.span.start >= end or mk.span.start - start > 3 or mk.value != 1:
                return None
            scheme = mk.scheme
            seq.append(1)
            continue
        if mk.scheme is not scheme:
            if mk.line_start and (mk.scheme.block or mk.span.start >= end):
                break
            continue
        if mk.span.start >= end and not mk.line_start:
            break
        if mk.value == seq[-1] + 1:
            seq.append(mk.value)
        else:
            break
    return len(seq) if seq else None


@rule(
    "MJ303",
    "count-stated-series",
    category=Category.COUNT,
    confidence=Confidence.PRACTICE,
    message=MSG["series"],
    rationale="句中先说“三个到位”“表现在三个方面”“四必谈”，随后列举的项数应与之相同；对不上，多为删改时漏了一项，或照抄了别人的提法。",
    source="issue 3 “count”（a listed series in the same sentence；四必谈 + three circles）；process-frameworks-formulations §1.6（四必谈）",
    fix="补齐漏列的一项，或把数字改成实际列举的项数。",
    flags=(
        "一、存在的问题\n（一）在工作作风方面\n一是落实不力，没有做到⟦三个到位⟧：思想到位、措施到位。\n",
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深，主要表现在⟦三个方面⟧：一是自学少；二是研讨少。\n",
        "会前，开展“⟦四必谈⟧”，主要负责同志与班子成员之间、班子成员相互之间、班子成员与分管单位负责同志之间深入谈心谈话。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
        "对照理论学习、政治素质、能力本领、担当作为、工作作风、廉洁自律等⟦五个方面⟧认真查摆。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
    ),
    passes=(
        "一、存在的问题\n（一）在工作作风方面\n一是落实不力，没有做到三个到位：思想到位、措施到位、督查到位。\n",
        "一、存在的问题\n（一）在工作作风方面\n一是落实不力，没有做到三个到位：思想到位、措施到位和督查到位。\n",
        # the series goes on in the next paragraphs
        "会前做了三方面准备：一是认真学习规定篇目。\n二是广泛征求意见。\n三是开展谈心谈话。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
        "对照理论学习、政治素质等六个方面认真查摆。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
        # members separated by ， contain 、 themselves: not a countable list
        "一、存在的问题\n（一）在政治素质方面\n一是对“三个务必”：务必不忘初心、牢记使命，务必谦虚谨慎、艰苦奋斗，务必敢于斗争、善于斗争，领会不深。\n",
        "会前，开展“四必谈”，主要负责同志与班子成员之间、班子成员相互之间、班子成员与分管单位负责同志之间、班子成员与所在支部党员代表之间谈心谈话。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
    ),
)
def count_stated_series(ctx: Context) -> Iterator[Hit]:
    folded = ctx.folded
    intros = _intro_spans(ctx)
    for m in _SERIES_HEAD.finditer(folded):
        head = Span(m.start(), m.end() - 1)
        value = _value(m.group("n"))
        if value is None or value < 2 or ctx.is_ignored(head):
            continue
        text = ctx.text[head.start : head.end].rstrip('”’"')
        head = Span(head.start, head.start + len(text))
        end = _paragraph_end(ctx, m.end())
        actual = _inline_series(ctx, m.end(), end)
        if actual is not None:
            if any(i.contains(head) for i in intros):
                continue  # a heading or introduction: MJ301 compares it with its parts/items
            if actual != value:
                yield Hit(head, data={"text": text, "actual": actual})
            continue
        stop = re.compile(r"[。；\n]").search(folded, m.end(), end)
        tail = folded[m.end() : stop.start() if stop else end]
        if "，" in tail or not tail:
            continue
        members = _split_members(tail)
        if len(members) < 2 or any(not x or len(x) > _MAX_MEMBER for x in members):
            continue
        if any(_JOINED.search(x) for x in members):
            continue  # 甲、乙和丙: a member joined by 和/及 cannot be counted for sure
        if len(members) != value:
            yield Hit(head, data={"text": text, "actual": len(members)})
    yield from _etc_series(ctx)
    yield from _talk_circles(ctx)


def _etc_series(ctx: Context) -> Iterator[Hit]:
    """``甲、乙、丙等两个方面``: more members listed than the number says (等 may abridge)."""
    folded = ctx.folded
    for m in _ETC.finditer(folded):
        value = _value(m.group("n"))
        if value is None or value < 2:
            continue
        before = _clause_before(folded, m.start())
        members = _split_members(before)
        if len(members) < 2 or any(not x for x in members):
            continue
        # the first member runs from the clause start: keep only its last words
        if any(len(x) > _MAX_MEMBER for x in members[1:]):
            continue
        if len(members) > value:
            span = Span(m.start("n"), m.end())
            yield Hit(
                span,
                message=MSG["series_more"],
                data={"text": ctx.text[span.start : span.end], "actual": len(members)},
            )


def _talk_circles(ctx: Context) -> Iterator[Hit]:
    """``四必谈``: count the circles only when every member of the list names one (甲与乙之间)."""
    folded = ctx.folded
    for m in _TALKS.finditer(folded):
        value = _value(m.group("n"))
        if value is None:
            continue
        stop = re.compile(r"[。；\n]").search(folded, m.end())
        tail = folded[m.end() : stop.start() if stop else len(folded)]
        first = re.search(r"[，：]", tail)
        if first and not _CIRCLE.search(tail[: first.start()]):
            tail = tail[first.end() :]
        verb = _TALK_VERB.search(tail)
        if verb:
            tail = tail[: verb.start()]
        members = [x for x in _split_members(tail.replace("，", "、")) if x]
        if len(members) < 2 or not all(_CIRCLE.search(x) for x in members):
            continue
        if len(members) != value:
            span = Span(m.start(), m.end())
            yield Hit(
                span,
                message=MSG["talks"],
                data={"text": ctx.text[span.start : span.end], "actual": len(members)},
            )


# --- MJ304, MJ305 -------------------------------------------------------------------------------


@rule(
    "MJ304",
    "count-opinions-merged-exceed",
    category=Category.COUNT,
    confidence=Confidence.PRACTICE,
    severity=Severity.ERROR,
    message=MSG["merged"],
    rationale="归纳意见是把征求到的意见合并同类项后的条数，只能少于或等于征求到的条数；多于征求到的条数，说明有一个数字写错了。",
    source="domain/README 第3步（征求到意见X条，归纳意见Y条）",
    fix="核对征求意见汇总表，改正条数。",
    flags=(
        "广泛征求意见建议，共征求到意见12条，归纳意见⟦15⟧条。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
    ),
    passes=(
        "广泛征求意见建议，共征求到意见45条，归纳意见12条。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
    ),
)
def count_opinions_merged_exceed(ctx: Context) -> Iterator[Hit]:
    f = ctx.report.facts
    c, m = f.opinions_collected, f.opinions_merged
    if c is None or m is None or c.value is None or m.value is None:
        return
    if m.value > c.value:
        yield Hit(m.span, data={"merged": m.value, "collected": c.value})


@rule(
    "MJ305",
    "count-fact-conflict",
    category=Category.COUNT,
    confidence=Confidence.PRACTICE,
    message=MSG["conflict"],
    rationale="同一个数字（征求意见条数、归纳条数、谈心谈话人次）在材料中出现两次却不相同，读者无从判断哪个是真的。",
    source="domain/README 第3、4步（征求到意见X条，归纳意见Y条；谈心谈话人次）",
    fix="核对后统一为同一个数字。",
    flags=(
        "会前征求意见32条，归纳为10条。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n三、整改措施\n针对征求到的意见⟦28⟧条，逐条制定措施。\n",
    ),
    passes=(
        "会前征求意见32条，归纳为10条。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n三、整改措施\n针对征求到的意见32条，逐条制定措施。\n",
        # a subset (其中……涉及本人) is not the same count
        "会前共征求意见32条，其中征求到涉及本人的意见5条。\n一、存在的问题\n（一）在理论学习方面\n学习不深。\n",
    ),
)
def count_fact_conflict(ctx: Context) -> Iterator[Hit]:
    folded = ctx.folded
    for kind, pattern in _FACTS.items():
        first: tuple[int, str] | None = None
        for m in pattern.finditer(folded):
            before = _clause_before(folded, m.start())
            if _SCOPE.search(before) or _SCOPE.search(folded[m.start() : m.start("v")]):
                continue
            value = _value(m.group("v"))
            if value is None:
                continue
            raw = ctx.text[m.start("v") : m.end("v")]
            if first is None:
                first = (value, raw)
            elif value != first[0]:
                yield Hit(
                    Span(m.start("v"), m.end("v")),
                    data={"what": _FACT_NAMES[kind], "value": raw, "first": first[1]},
                )
