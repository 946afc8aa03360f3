"""Specificity (具体性) and correspondence (对应) rules.

Problems must be concrete (见人见事见思想: 比如 a time, an event, a number, a person); every
problem aspect should be answered by a measure; measures should say by when.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mingjing.document import Span
from mingjing.frameworks.model import Aspect
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, Severity, rule
from mingjing.review.rules.structure import assignment
from mingjing.structure import Item, Part, SectionKind
from mingjing.textnorm import fold

#: A concrete fact without a 比如: a number with a unit, or a dated event.
_CONCRETE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:次|个|人|户|件|天|小时|万元|元|年|月|日|%|％|名|条|项|场|篇|期|家|村|亩|公里|分钟)"
    r"|[今去前]年\d{0,2}月|(?:上|下)半年|[一二三四五六七八九十]{1,3}月(?:份|初|中旬|底|下旬)"
)
_SENTENCE_END = "。！？；"

MATERIAL_2023 = (
    "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n"
    "{first}\n二是学用结合不紧。比如：今年3月调研时，没有运用所学研究解决土地流转问题。\n"
    "二、原因分析\n理想信念有所松懈。\n三、整改措施\n（一）加强理论学习。一是每月精读一篇原文，长期坚持。\n"
)


def _first_sentence(ctx: Context, item: Item) -> Span:
    text = ctx.folded
    end = item.span.end
    for i in range(item.span.start, item.span.end):
        if text[i] in _SENTENCE_END:
            end = i + 1
            break
    return Span(item.span.start, end)


def is_concrete(ctx: Context, item: Item) -> bool:
    """An instance (比如…) anywhere in the item, or a concrete fact in the item's own paragraph.

    The fact must be in the paragraph that opens the item: a following paragraph without a marker
    (often a 成绩 passage pasted in) does not make the problem itself concrete.
    """
    if item.instances:
        return True
    end = ctx.text.find("\n", item.span.start, item.span.end)
    return bool(_CONCRETE.search(ctx.folded, item.span.start, end if end > 0 else item.span.end))


@rule(
    "MJ901",
    "specificity-no-instance",
    category=Category.SPECIFICITY,
    confidence=Confidence.PRACTICE,
    message="这条问题没有具体事例（比如：时间、事件、数字、人物），显得空泛",
    rationale="查摆问题要见人见事见思想；审核时常要求每条问题举出具体事例（“比如……”），只写概括性表述的会被退回补充。",
    source="process-frameworks-formulations §2 第6、7行 [C2]；seed-walkthrough 缺陷12",
    fix="在这条问题后补一个本人的具体事例：什么时间、什么事、什么数字、涉及谁。",
    flags=(
        MATERIAL_2023.format(
            first="⟦一是学习不够系统深入。⟧满足于读原文、记笔记，对重要论述思考不深。"
        ),
    ),
    passes=(
        MATERIAL_2023.format(first="一是学习不够系统深入。比如：全年只参加了3次集中研讨。"),
        MATERIAL_2023.format(
            first="一是学习不够系统深入。今年上半年自学时间只有12小时，低于计划。"
        ),
    ),
)
def no_instance(ctx: Context) -> Iterator[Hit]:
    for item in ctx.problem_items:
        if not is_concrete(ctx, item):
            yield Hit(_first_sentence(ctx, item))


@rule(
    "MJ902",
    "specificity-share",
    category=Category.SPECIFICITY,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message="问题部分共 {n} 条，其中 {k} 条有具体事例（{share}）",
    rationale="有具体事例的问题条目所占比例，是审核判断材料是否“见人见事”的直观指标。",
    source="process-frameworks-formulations §2 第6、7行；seed-walkthrough “11 of them with an instance”",
    fix="给没有事例的条目补充本人的具体事例。",
    flags=(
        MATERIAL_2023.format(first="一是学习不够系统深入。满足于读原文、记笔记。").replace(
            "一、存在的问题", "一、⟦存在的问题⟧"
        ),
    ),
    passes=(MATERIAL_2023.format(first="一是学习不够系统深入。比如：全年只参加了3次集中研讨。"),),
)
def share(ctx: Context) -> Iterator[Hit]:
    items = ctx.problem_items
    if not items:
        return
    k = sum(1 for i in items if is_concrete(ctx, i))
    if k == len(items):
        return
    section = ctx.sections(SectionKind.PROBLEMS)[0]
    yield Hit(
        section.heading_span,
        data={"n": len(items), "k": k, "share": f"{k / len(items):.0%}"},
    )


@rule(
    "MJ903",
    "specificity-problems-causes-share",
    category=Category.SPECIFICITY,
    confidence=Confidence.UNCONFIRMED,
    message="问题查摆和原因剖析只占全文的 {share}，不到一半",
    rationale="有的审核要求问题查摆和原因剖析不少于全文的一半；这条要求未见官方出处，默认关闭。",
    source="process-frameworks-formulations §2 第10行 [存疑] [P11]",
    fix="压缩前言和措施中的套话，充实问题和原因。",
    flags=(
        "按照要求，我认真学习了规定篇目，广泛征求了意见，深入开展了谈心谈话，对照检查如下，前言写得很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n一、⟦存在的问题⟧\n一是学得不深。\n二、原因分析\n松懈。\n三、整改措施\n一是加强学习，持之以恒，久久为功，做到学思用贯通、知信行统一，不断提高能力水平和工作成效。\n",
    ),
    passes=(
        "一、存在的问题\n一是学习不够系统深入，满足于读原文、记笔记，对重要论述的内在联系思考不深。比如：全年只参加了3次集中研讨。\n二、原因分析\n理想信念有所松懈，理论学习的自觉性不强。\n三、整改措施\n一是加强学习。\n",
    ),
)
def problems_causes_share(ctx: Context) -> Iterator[Hit]:
    total = len(ctx.text.strip())
    if not total:
        return
    covered = sum(
        len(s.span)
        for s in ctx.report.sections
        if s.kind in (SectionKind.PROBLEMS, SectionKind.CAUSES)
    )
    problems = ctx.sections(SectionKind.PROBLEMS)
    if not problems or covered / total >= 0.5:
        return
    yield Hit(problems[0].heading_span, data={"share": f"{covered / total:.0%}"})


# --- correspondence ----------------------------------------------------------------------------


def _measure_titles(ctx: Context) -> list[tuple[Part, str]]:
    """For each measure part: its heading's first clause plus the first sentence of each item.

    Only these "titles" say what a measure is about; the running text of a measure mentions many
    things in passing and would make every aspect look answered.
    """
    out: list[tuple[Part, str]] = []
    for section in ctx.sections(SectionKind.MEASURES):
        for part in section.parts:
            pieces = []
            if part.heading:
                pieces.append(part.heading)
            for item in part.items:
                first = _first_sentence(ctx, item)
                pieces.append(ctx.text[first.start : first.end])
            if not part.items and not part.heading:
                pieces.append(ctx.text[part.span.start : part.span.end][:60])
            out.append((part, fold("".join(pieces))))
    return out


def aspect_words(aspect: Aspect) -> tuple[str, ...]:
    """The words that name an aspect in a measure's title: its alias and keywords (folded)."""
    return tuple(fold(w) for w in (aspect.alias, *aspect.keywords) if len(w) >= 2)


@rule(
    "MJ951",
    "correspondence-unanswered-aspect",
    category=Category.CORRESPONDENCE,
    confidence=Confidence.PRACTICE,
    message="“{aspect}”方面查摆了问题，但整改措施中没有相应的措施",
    rationale="整改措施要针对查摆出的问题逐项提出；有问题没有措施，说明整改不对应，审核时会要求补充。",
    source="domain/README “What a reviewer looks for” 第3条；seed-walkthrough 缺陷5",
    fix="在整改措施中补充针对该方面问题的具体措施（最好写明时限）。",
    needs_framework=True,
    flags=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。比如：全年只参加3次研讨。\n（二）⟦在能力本领方面⟧\n一是本领不强。比如：3月信访处置不当。\n二、原因分析\n理想信念松懈。\n三、整改措施\n（一）加强理论学习。一是每月精读一篇原文。\n",
    ),
    passes=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。比如：全年只参加3次研讨。\n（二）在能力本领方面\n一是本领不强。比如：3月信访处置不当。\n二、原因分析\n理想信念松懈。\n三、整改措施\n（一）加强理论学习。一是每月精读一篇原文。\n（二）提升履职本领。一是参加信访业务培训。\n",
    ),
)
def unanswered_aspect(ctx: Context) -> Iterator[Hit]:
    fw, found = ctx.framework, assignment(ctx)
    if fw is None or found is None:
        return
    titles = _measure_titles(ctx)
    if not titles:
        return  # a missing measures section is reported by MJ801
    for part, a in zip(found.parts, found.aspects, strict=True):
        if a is None or not part.items:
            continue
        aspect = fw.aspects[a]
        words = aspect_words(aspect)
        if any(w in t for _, t in titles for w in words):
            continue
        yield Hit(part.heading_span or part.span, data={"aspect": aspect.alias})


_DEADLINE = re.compile(
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:底|初|中旬|上旬|下旬)?(?:前|以前|之前)?|\d{1,2}\s*月(?:底|初|中旬|上旬|下旬)?(?:前|以前|之前)"
    r"|[年季月]底前|年内|本年度内|年底|立行立改|即知即改|马上就改|长期坚持|持续推进|常态化|每(?:年|季度|半年|月|周|旬)"
    r"|\d+\s*(?:个月|天|日|周)内|(?:上|下)半年|限期|时限"
)


@rule(
    "MJ952",
    "correspondence-measure-no-deadline",
    category=Category.CORRESPONDENCE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message="这项整改措施没有写明时限",
    rationale="整改要明确措施、时限和责任，便于建立整改台账、跟踪销号；没有时限的措施难以检查落实。",
    source="process-frameworks-formulations §4 第7步 [C1]；§5 第4条",
    fix="写明完成时限，如“2024年6月底前”“立行立改”“长期坚持”。",
    flags=(
        "一、存在的问题\n一是学得不深。\n二、原因分析\n松懈。\n三、整改措施\n（一）⟦加强理论学习⟧。一是精读原文。二是撰写学习体会。\n",
    ),
    passes=(
        "一、存在的问题\n一是学得不深。\n二、原因分析\n松懈。\n三、整改措施\n（一）加强理论学习。一是每月精读一篇原文。二是年底前撰写两篇学习体会。\n",
    ),
)
def measure_no_deadline(ctx: Context) -> Iterator[Hit]:
    for section in ctx.sections(SectionKind.MEASURES):
        for part in section.parts:
            if _DEADLINE.search(ctx.folded, part.span.start, part.span.end):
                continue
            span = part.heading_span if part.heading_span and len(part.heading_span) else None
            if span is None:
                first = part.items[0] if part.items else None
                span = _first_sentence(ctx, first) if first else part.span
            yield Hit(span)
