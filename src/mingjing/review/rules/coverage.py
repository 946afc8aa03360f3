"""Coverage (意见回应): every opinion assigned to the member is answered in the material.

The opinions come from ``options["opinions"]`` — an :class:`~mingjing.opinions.coverage.OpinionBook`
(``mingjing check --opinions FILE``) or a plain sequence of opinion texts — or, when no option is
given, from lines ``【意见】……`` written into the material itself (a drafting aid, also how the
examples below carry their opinions). The matching itself lives in :mod:`mingjing.opinions.coverage`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from mingjing.document import Span
from mingjing.opinions.coverage import (
    Answer,
    OpinionBook,
    ToAnswer,
    check_coverage,
    embedded_opinions,
)
from mingjing.opinions.roster import Roster
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, rule
from mingjing.structure import SectionKind

SOURCE = "domain/README “The process” 第3步、“What a reviewer looks for” 第4条"

MSG = {
    "one": "征求到的意见“{text}”在材料中没有找到回应（查摆问题、原因分析、整改措施中都没有对应内容）",
    "many": "以下{n}条征求到的意见在材料中没有找到回应：{items}",
    "counts": "前言写{what}{stated}条，意见分派结果为{expected}条",
}
_MATERIAL = (
    "主题教育专题民主生活会个人对照检查材料\n"
    "【意见】{opinion}\n"
    "一、存在的问题\n（一）在工作作风方面\n"
    "一是调查研究不够深入。比如，2023年到村调研12次，听汇报多、进农户少，对茶农反映的鲜叶收购压价问题掌握不及时。\n"
    "二、原因分析\n宗旨意识有所淡化。\n"
    "三、整改措施\n一是每季度到联系村蹲点调研不少于2天，进农户、访茶农，长期坚持。\n"
)


def _opinions(ctx: Context) -> tuple[tuple[ToAnswer, ...], Roster | None, str | None]:
    """The opinions this material must answer, the roster, and whose material it is."""
    given = ctx.options.get("opinions")
    if isinstance(given, OpinionBook):
        who, ops = given.for_report(ctx.report)
        return ops, given.roster, who
    if isinstance(given, Sequence) and not isinstance(given, str):
        ops = tuple(
            g if isinstance(g, ToAnswer) else ToAnswer(f"意见{k}", str(g))
            for k, g in enumerate(given, start=1)
        )
        return ops, None, None
    return embedded_opinions(ctx.report), None, None


def _anchor(ctx: Context, answer: Answer) -> Span:
    """Where to report an unanswered opinion: its own line if written in the material, else the
    heading of the aspect it belongs to, else the problems heading, else the first paragraph."""
    if answer.opinion.span is not None:
        return answer.opinion.span
    aspect = answer.opinion.aspect
    problems = ctx.sections(SectionKind.PROBLEMS)
    if aspect and ctx.detection is not None and problems:
        key = aspect.removesuffix("方面")
        for p in problems[0].parts:
            if p.heading and p.heading_span is not None and key in p.heading:
                return p.heading_span
    if problems:
        return problems[0].heading_span
    paragraphs = ctx.report.document.paragraphs
    return paragraphs[0].span if paragraphs else Span(0, min(1, len(ctx.text)))


@rule(
    "MJ1301",
    "opinion-unanswered",
    category=Category.COVERAGE,
    confidence=Confidence.PRACTICE,
    message="征求到的意见“{text}”在材料中没有找到回应",
    rationale="征求到的意见经归纳后反馈给本人，本人应在对照检查材料中逐条回应：查摆出相应问题、剖析原因、提出整改措施。审核时“对反馈意见没有回应”是退回修改的常见原因。",
    source=SOURCE,
    fix="在“存在的问题”中查摆这条意见反映的问题（写出具体事例），并在“整改措施”中提出对应的措施；确实不属实的，向组织说明。",
    flags=(
        _MATERIAL.replace(
            "【意见】{opinion}", "【意见】⟦镇卫生院看病难，医生少，设备旧，多次反映没有下文⟧"
        ),
        _MATERIAL.replace(
            "【意见】{opinion}",
            "【意见】下村调研听汇报多、进农户少\n【意见】⟦农家书屋长期锁门，想借书找不到人⟧",
        ),
    ),
    passes=(
        _MATERIAL.replace("【意见】{opinion}", "【意见】下村调研时间短，听汇报多，进农户少"),
        _MATERIAL.replace(
            "【意见】{opinion}", "【意见】茶农反映鲜叶收购被压价，希望多到村里了解情况"
        ),
        _MATERIAL.replace("【意见】{opinion}\n", ""),
    ),
)
def opinion_unanswered(ctx: Context) -> Iterator[Hit]:
    ops, roster, _ = _opinions(ctx)
    if not ops:
        return
    answers = [a for a in check_coverage(ctx.report, ops, roster=roster) if not a.answered]
    by_anchor: dict[Span, list[Answer]] = {}
    for a in answers:
        by_anchor.setdefault(_anchor(ctx, a), []).append(a)
    for span, group in by_anchor.items():
        if len(group) == 1:
            yield Hit(span, message=MSG["one"].format(text=group[0].opinion.text))
        else:
            items = "；".join(f"{k}. {a.opinion.text}" for k, a in enumerate(group, start=1))
            yield Hit(span, message=MSG["many"].format(n=len(group), items=items))


@rule(
    "MJ1302",
    "opinion-count-differs",
    category=Category.COVERAGE,
    confidence=Confidence.PRACTICE,
    message="前言中的意见条数与意见分派结果不一致",
    rationale="前言写的“征求到意见X条，归纳意见Y条”应与组织反馈给本人的意见条数一致；不一致说明条数是估写的，或漏了部分反馈意见。",
    source=SOURCE,
    fix="按意见反馈表核对条数（mingjing opinions assign 给出每人的征求条数和归纳条数）。",
    flags=(
        "【意见】下村调研听汇报多、进农户少\n【意见】进农户少，听汇报多\n"
        "会前共征求到意见⟦5⟧条，归纳意见1条。\n一、存在的问题\n一是调研不深入。\n",
    ),
    passes=(
        "【意见】下村调研听汇报多、进农户少\n【意见】进农户少，听汇报多\n"
        "会前共征求到意见2条，归纳意见1条。\n一、存在的问题\n一是调研不深入。\n",
        "会前共征求到意见5条，归纳意见3条。\n一、存在的问题\n一是调研不深入。\n",
    ),
)
def opinion_count_differs(ctx: Context) -> Iterator[Hit]:
    given = ctx.options.get("opinions")
    facts = ctx.report.facts
    if isinstance(given, OpinionBook):
        who = given.owner(ctx.report)
        counts = given.counts.get(who) if who is not None else None
        if counts is None:
            return
        expected = {"collected": counts.collected, "merged": counts.merged}
    elif given is None:
        embedded = embedded_opinions(ctx.report)
        if not embedded:
            return
        from mingjing.opinions.intake import opinions_from_texts
        from mingjing.opinions.merge import merge

        merged = merge(opinions_from_texts(o.text for o in embedded))
        expected = {"collected": merged.counts.collected, "merged": merged.counts.merged}
    else:
        return
    for key, fact, what in (
        ("collected", facts.opinions_collected, "征求到意见"),
        ("merged", facts.opinions_merged, "归纳意见"),
    ):
        if fact is None or fact.unfilled or fact.value is None:
            continue
        if fact.value != expected[key]:
            yield Hit(
                fact.span,
                message=MSG["counts"].format(what=what, stated=fact.value, expected=expected[key]),
            )
