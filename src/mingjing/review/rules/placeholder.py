"""Placeholders (占位符): blanks a template left for the author to fill, still unfilled."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mingjing.document import SourceFormat, Span
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, rule

SOURCE = "seed-walkthrough 缺陷1、2；domain/README “What a reviewer looks for” 第6条"

# Each pattern finds one kind of blank; all run on the folded text.
_BLANKS = re.compile(
    r"(?P<stars>\*{2,}|＊{1,})"
    r"|(?P<xx>(?<![A-Za-z])(?:[Xx]{2,}|×{2,})(?![A-Za-z]))"
    r"|(?P<x1>(?<![A-Za-z0-9.])[Xx×](?=[人名次个条项户元天件篇期场家所村镇年月日号]))"
    r"|(?P<year>(?:19|20)(?:\d[Xx×*＊]|[Xx×*＊]{2}))"
    r"|(?P<bracket>【[^】\n]{0,12}(?:待|填|补|XX|xx|××|具体|名称|时间|姓名|单位|数字)[^】\n]{0,12}】|【\s*】)"
    r"|(?P<hex>〔\s*[*＊Xx×]*\s*〕)"
    r"|(?P<box>\[\s*\]|（\s{2,}）|□+)"
    r"|(?P<line>_{3,}|＿{2,})"
)
#: Characters that can start a blank; scanning for these first keeps the rule fast.
_TRIGGER = re.compile(r"[*＊Xx×【〔\[（□_＿]|(?:19|20)(?=\d?[Xx×*＊])")
_MD_EMPHASIS = re.compile(r"\*\*(?=\S)[^*\n]{1,80}?(?<=\S)\*\*")
_SOMEBODY = re.compile(r"某某|某(?:单位|部门|同志|村|镇|乡|县|区|市|局|科室|公司|企业|社区|街道)")


def _markdown_emphasis(ctx: Context) -> list[Span]:
    if ctx.report.document.format is not SourceFormat.MD:
        return []
    return [Span(m.start(), m.end()) for m in _MD_EMPHASIS.finditer(ctx.text)]


def _fact_spans(ctx: Context) -> list[Span]:
    f = ctx.report.facts
    return [
        x.span
        for x in (f.opinions_collected, f.opinions_merged, f.talks, f.study_sessions)
        if x and x.unfilled
    ]


@rule(
    "MJ101",
    "placeholder-unfilled",
    category=Category.PLACEHOLDER,
    confidence=Confidence.OFFICIAL,
    message="占位符“{text}”尚未填写",
    rationale="模板或范文中留给本人填写的空白（**、XX、××、20**、【待补】、___ 等）没有填上，材料不能上报。审核时这是退回修改的常见原因。",
    source=SOURCE,
    fix="把占位符换成真实的名称、数字或时间。",
    flags=(
        "比如：在⟦**⟧村土地流转工作中，协调不够及时。",
        "全年到⟦XX⟧村调研⟦××⟧次。",
        "⟦XX⟧镇党委：",
        "比如⟦20**⟧年组织的专题学习。",
        "具体事例：⟦【待补】⟧",
        "时间：⟦____⟧年",
        "共走访⟦x⟧人次群众。",
        "落款日期：2023年⟦X⟧月⟦X⟧日",
        "按照镇党委⟦〔*〕⟧号文件要求。",
        "本人签字：⟦[ ]⟧",
    ),
    passes=(
        "比如：2023年6月在青石村调研时，发现土地流转合同不规范。",
        "增强“四个意识”，按XL规格配置展板。",  # Latin letters around X are not a blank
        "按照镇党委〔2023〕5号文件要求。",
        "落实中央八项规定精神，做到×不×。",
    ),
)
def placeholder_unfilled(ctx: Context) -> Iterator[Hit]:
    skip = _fact_spans(ctx) + _markdown_emphasis(ctx)
    folded = ctx.folded
    pos = 0
    for t in _TRIGGER.finditer(folded):
        if t.start() < pos:
            continue
        m = _BLANKS.match(folded, t.start())
        if m is None or m.end() == m.start():
            continue
        pos = m.end()
        span = Span(m.start(), m.end())
        if ctx.is_ignored(span) or any(s.overlaps(span) for s in skip):
            continue
        yield Hit(span, data={"text": ctx.text[span.start : span.end]})


@rule(
    "MJ102",
    "placeholder-fact",
    category=Category.PLACEHOLDER,
    confidence=Confidence.OFFICIAL,
    message="前言中的{what}没有填写（“{text}”）",
    rationale="前言应写明征求意见条数、归纳条数、谈心谈话人次等会前准备情况；留着占位符说明材料照抄模板、未按实际情况填写。",
    source="domain/README 第3、4步；seed-walkthrough 缺陷1",
    fix="按征求意见汇总表填写实际条数（征求到意见X条，归纳意见Y条）。",
    flags=("按照要求，广泛征求意见，征求到意见⟦**⟧条，归纳意见12条。\n一、存在的问题\n",),
    passes=("按照要求，广泛征求意见，征求到意见45条，归纳意见12条。\n一、存在的问题\n",),
)
def placeholder_fact(ctx: Context) -> Iterator[Hit]:
    f = ctx.report.facts
    names = {
        "opinions_collected": "征求意见条数",
        "opinions_merged": "归纳意见条数",
        "talks": "谈心谈话人次",
        "study_sessions": "集中学习次数",
    }
    for key, what in names.items():
        fact = getattr(f, key)
        if fact is not None and fact.unfilled:
            yield Hit(fact.span, data={"what": what, "text": fact.text})


@rule(
    "MJ103",
    "placeholder-generic-name",
    category=Category.PLACEHOLDER,
    confidence=Confidence.PRACTICE,
    message="“{text}”是泛称，此处应写明具体的单位、地点或人员",
    rationale="“某某”“某单位”“某村”常是范文留下的空白；对照检查要见人见事，事例中的单位、地点、人员应写实。",
    source="seed-walkthrough 缺陷2；process-frameworks-formulations §2 第6条（见人见事见思想）",
    fix="写出真实名称；确需隐去的，可用职务或分管领域代替。",
    flags=("比如：对⟦某某⟧同志反映的问题没有及时回复。", "在⟦某村⟧的信访化解中办法不多。"),
    passes=("对某些问题认识不深。", "某种程度上存在畏难情绪。", "在某一时期工作节奏放缓。"),
)
def placeholder_generic_name(ctx: Context) -> Iterator[Hit]:
    for m in ctx.finditer(_SOMEBODY):
        span = Span(m.start(), m.end())
        if not ctx.in_quotation(span):
            yield Hit(span, data={"text": m.group()})
