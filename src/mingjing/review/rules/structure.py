"""Structure (结构) and framework (框架) rules: required sections, the year's aspects, 三个代替.

Framework facts come from the framework data files (``mingjing/frameworks/data``) through the
detection the runner made; this module only compares the material with them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from mingjing.document import Span
from mingjing.frameworks.detect import heading_key
from mingjing.frameworks.loader import load_all
from mingjing.frameworks.model import Audience, Framework
from mingjing.frameworks.model import Confidence as FwConfidence
from mingjing.frameworks.model import SectionKind as FwSection
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, Severity, rule
from mingjing.structure import Part, SectionKind
from mingjing.textnorm import fold, int_to_chinese

_SECTION_OF = {
    FwSection.PROBLEMS: SectionKind.PROBLEMS,
    FwSection.CASES: SectionKind.CASES,
    FwSection.CAUSES: SectionKind.CAUSES,
    FwSection.MEASURES: SectionKind.MEASURES,
}
#: Without a framework, a material still needs these three (reviewer practice).
_DEFAULT_REQUIRED = (FwSection.PROBLEMS, FwSection.CAUSES, FwSection.MEASURES)
_SECTION_NAMES = {
    SectionKind.PROBLEMS: "存在的问题",
    SectionKind.CASES: "反面典型案例剖析",
    SectionKind.CAUSES: "原因分析",
    SectionKind.MEASURES: "整改措施",
}
_ORDER = [SectionKind.PROBLEMS, SectionKind.CASES, SectionKind.CAUSES, SectionKind.MEASURES]


def _severity_of(conf: FwConfidence) -> Severity:
    if conf in (FwConfidence.OFFICIAL, FwConfidence.OFFICIAL_REPORTED):
        return Severity.ERROR
    if conf is FwConfidence.PRACTICE:
        return Severity.WARNING
    return Severity.INFO


def _anchor_for_missing(ctx: Context, missing: SectionKind) -> Span:
    """Where a missing section should have been: the heading of the section after that place."""
    report = ctx.report
    rank = _ORDER.index(missing)
    for s in report.sections:
        if s.kind in _ORDER and _ORDER.index(s.kind) > rank:
            return s.heading_span
    if report.sections:
        return report.sections[-1].heading_span
    if report.title_block.title:
        return report.title_block.title.span
    first = report.document.paragraphs[0].span if report.document.paragraphs else Span(0, 0)
    return Span(first.start, min(first.end, first.start + 10))


@rule(
    "MJ801",
    "structure-missing-section",
    category=Category.STRUCTURE,
    confidence=Confidence.PRACTICE,
    message="缺少“{section}”部分",
    rationale="对照检查材料一般由存在的问题、原因分析、整改措施三部分组成；2024、2025年度还要求反面典型案例剖析。缺少其中一部分，材料会被退回补充。",
    source="domain/README “The document”；process-frameworks-formulations §2 审核清单、§1.5–1.6 [P42][P52]",
    fix="补写缺少的部分，位置按“存在的问题—（案例剖析）—原因分析—整改措施”的顺序。",
    flags=(
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深。比如：全年只参加3次集中学习。\n二、⟦整改措施⟧\n一是每月精读一篇原文。\n",
    ),
    passes=(
        "一、存在的问题\n一是学习不深。比如：全年只参加3次集中学习。\n二、原因分析\n理想信念有所松懈。\n三、整改措施\n一是每月精读一篇原文。\n",
        "关于召开2024年度民主生活会的通知\n各支部：\n定于1月15日召开会议，请准时参加。\n",
    ),
)
def missing_section(ctx: Context) -> Iterator[Hit]:
    report = ctx.report
    if not report.sections:
        return  # not a structured material (a notice, a letter): nothing to compare
    fw = ctx.framework
    required = fw.required_sections if fw is not None else _DEFAULT_REQUIRED
    present = {s.kind for s in report.sections}
    for need in required:
        kind = _SECTION_OF.get(need)
        if kind is None or kind in present:
            continue
        severity = Severity.ERROR if kind is SectionKind.CASES and fw is not None else None
        yield Hit(
            _anchor_for_missing(ctx, kind),
            severity=severity,
            data={"section": _SECTION_NAMES[kind]},
        )


def _aspect_parts(ctx: Context) -> list[Part]:
    return [p for p in ctx.problem_parts if p.heading is not None]


def _framework_label(fw: Framework) -> str:
    return fw.name


class AspectStatus(StrEnum):
    EXACT = "exact"  # the official wording
    VARIANT = "variant"  # recognised, worded differently but with the official words in it
    WORDING = "wording"  # the place of a missing aspect, with some of its words: a wording error
    FOREIGN = "foreign"  # an aspect of another framework
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Assignment:
    """Which aspect each problem-part heading stands for, after the fallbacks of this module."""

    parts: tuple[Part, ...]
    aspects: tuple[int | None, ...]
    status: tuple[AspectStatus, ...]
    missing: tuple[int, ...]
    foreign: dict[int, Framework]


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


def assignment(ctx: Context) -> Assignment | None:
    """Aspects per heading: the detection's matches, plus foreign titles and misworded aspects."""
    return ctx.memo("structure.assignment", lambda: _assign(ctx))


def _assign(ctx: Context) -> Assignment | None:
    det, fw = ctx.detection, ctx.framework
    parts = tuple(_aspect_parts(ctx))
    if det is None or fw is None or not parts:
        return None
    aspects: list[int | None] = [None] * len(parts)
    status = [AspectStatus.UNKNOWN] * len(parts)
    for m in det.matches:
        if m.heading_index < len(parts) and m.aspect_index is not None:
            aspects[m.heading_index] = m.aspect_index
            status[m.heading_index] = AspectStatus.EXACT if m.exact else AspectStatus.VARIANT
    foreign: dict[int, Framework] = {
        f.heading_index: f.framework for f in det.foreign if f.heading_index < len(parts)
    }
    others = [o for o in load_all() if o.id != fw.id]
    for i, part in enumerate(parts):
        if aspects[i] is not None or i in foreign:
            continue
        key = heading_key(part.heading or "")
        for other in others:
            if any(heading_key(a.title) == key for a in other.aspects):
                foreign[i] = other
                break
    for i in foreign:
        status[i] = AspectStatus.FOREIGN
    missing = [j for j in range(len(fw.aspects)) if j not in aspects]
    for i, part in enumerate(parts):
        if aspects[i] is not None or i in foreign or not missing:
            continue
        key = heading_key(part.heading or "")
        before = max((a for a in aspects[:i] if a is not None), default=-1)
        after = min((a for a in aspects[i + 1 :] if a is not None), default=len(fw.aspects))
        fits = [
            j
            for j in missing
            if before < j < after and _bigrams(fold(fw.aspects[j].alias)) & _bigrams(key)
        ]
        if len(fits) == 1:
            aspects[i] = fits[0]
            status[i] = AspectStatus.WORDING
            missing.remove(fits[0])
    return Assignment(parts, tuple(aspects), tuple(status), tuple(missing), foreign)


@rule(
    "MJ851",
    "framework-aspect-missing",
    category=Category.FRAMEWORK,
    confidence=Confidence.OFFICIAL,
    message="问题部分缺少“{aspect}”（{framework}共 {n} 个方面）",
    rationale="对照检查要逐一对照当年通知明确的方面查摆问题，少一个方面就是对照不全，是审核退回的首要原因。",
    source="domain/README “What a reviewer looks for” 第1条；process-frameworks-formulations §1",
    fix="按当年框架补上缺少的方面，标题用通知的原文。",
    needs_framework=True,
    flags=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、⟦存在的问题⟧\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n（三）在能力本领方面\n一是本领不强。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
    passes=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n（三）在能力本领方面\n一是本领不强。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
)
def aspect_missing(ctx: Context) -> Iterator[Hit]:
    fw, found = ctx.framework, assignment(ctx)
    if fw is None or found is None or not fw.complete:
        return
    problems = ctx.sections(SectionKind.PROBLEMS)
    if not problems:
        return
    for index in found.missing:
        aspect = fw.aspects[index]
        yield Hit(
            problems[0].heading_span,
            severity=_severity_of(aspect.confidence),
            data={"aspect": aspect.title, "framework": _framework_label(fw), "n": len(fw.aspects)},
        )


@rule(
    "MJ852",
    "framework-aspect-order",
    category=Category.FRAMEWORK,
    confidence=Confidence.PRACTICE,
    message="“{heading}”的位置与框架顺序不一致（应为第{expected}个方面）",
    rationale="各方面应按通知列出的顺序排列，审核时逐项对照；顺序打乱容易漏项，也显得不规范。",
    source="domain/README “What a reviewer looks for” 第1条；seed-walkthrough “in order”",
    fix="按框架顺序调整各方面的先后。",
    needs_framework=True,
    flags=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）⟦在能力本领方面⟧\n一是本领不强。\n（三）⟦在政治素质方面⟧\n一是站位不高。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
    passes=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n（三）在能力本领方面\n一是本领不强。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
)
def aspect_order(ctx: Context) -> Iterator[Hit]:
    found = assignment(ctx)
    if found is None:
        return
    placed = [(i, a) for i, a in enumerate(found.aspects) if a is not None]
    seq = [a for _, a in placed]
    if all(x < y for x, y in itertools.pairwise(seq)):
        return
    rank = {a: r for r, a in enumerate(sorted(seq))}
    misplaced = {k for k, a in enumerate(seq) if rank[a] != k}
    outside = set(range(len(seq))) - _longest_increasing_subset(seq)
    # An adjacent swap reads best as both headings; a block moved far reads best as the one moved.
    flagged = misplaced if len(misplaced) <= len(outside) + 1 else outside
    for k in sorted(flagged):
        i, a = placed[k]
        part = found.parts[i]
        yield Hit(
            part.heading_span or part.span,
            data={"heading": part.heading or "", "expected": int_to_chinese(rank[a] + 1)},
        )


def _longest_increasing_subset(seq: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence of ``seq``."""
    n = len(seq)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: best[k])
    out = set()
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


_WRAPPER = re.compile(r"^(?:在|关于|对照)?(.*?)(?:方面)?(?:存在的?(?:问题|差距|不足))?[。：:]?$")


def _core(s: str) -> str:
    m = _WRAPPER.match(s.strip())
    return (m.group(1) if m else s).strip()


@rule(
    "MJ853",
    "framework-aspect-wording",
    category=Category.FRAMEWORK,
    confidence=Confidence.OFFICIAL,
    message="方面标题“{heading}”与通知的表述不一致，应为“{title}”",
    rationale="各方面的标题应使用通知原文（如“能力本领”不写成“能力素质”），便于审核对照，也体现对照检查的严肃性。",
    source="process-frameworks-formulations §3 第20行；§1 各年度框架",
    fix="把标题改为框架中的原文。",
    needs_framework=True,
    flags=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n（三）在⟦能力素质⟧方面\n一是本领不强。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
    passes=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）理论学习方面\n一是学得不深。\n（二）在政治素质方面存在的问题\n一是站位不高。\n（三）在能力本领方面\n一是本领不强。\n（四）担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
)
def aspect_wording(ctx: Context) -> Iterator[Hit]:
    fw, found = ctx.framework, assignment(ctx)
    if fw is None or found is None:
        return
    for part, a, status in zip(found.parts, found.aspects, found.status, strict=True):
        if a is None or status is AspectStatus.EXACT:
            continue
        heading = part.heading or ""
        aspect = fw.aspects[a]
        core = _core(heading)
        title_core = _core(aspect.title)
        if status is AspectStatus.VARIANT and (
            not core or title_core in core or aspect.alias in core
        ):
            continue  # the official words are there, with extra words around them
        span = part.heading_span
        if span is None:
            continue
        # Anchor on the core words when they can be located inside the heading.
        offset = heading.find(core) if core else -1
        if offset >= 0:
            span = Span(span.start + offset, span.start + offset + len(core))
        yield Hit(
            span,
            suggestion=title_core
            if (heading.startswith("在") or heading.endswith("方面"))
            else None,
            severity=_severity_of(aspect.confidence),
            data={"heading": heading, "title": aspect.title},
        )


@rule(
    "MJ854",
    "framework-foreign-aspect",
    category=Category.FRAMEWORK,
    confidence=Confidence.OFFICIAL,
    message="“{heading}”是“{other}”的对照方面，不属于本次的“{framework}”",
    rationale="每年的对照方面不同；沿用往年或其他会议的方面，说明材料套用旧稿，没有按本次通知对照。",
    source="process-frameworks-formulations §3 末段（year-specific headings must match the year's framework）",
    fix="按本次会议通知的方面重写该部分标题和内容。",
    needs_framework=True,
    flags=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n（三）在能力本领方面\n一是本领不强。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n（七）在⟦带头发扬斗争精神⟧方面\n一是斗争精神不足。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
    passes=(
        "2023年主题教育专题民主生活会个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n（三）在能力本领方面\n一是本领不强。\n（四）在担当作为方面\n一是担当不够。\n（五）在工作作风方面\n一是调研不深。\n（六）在廉洁自律方面\n一是要求不严。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
)
def foreign_aspect(ctx: Context) -> Iterator[Hit]:
    fw, found = ctx.framework, assignment(ctx)
    if fw is None or found is None:
        return
    for i, other in sorted(found.foreign.items()):
        part = found.parts[i]
        heading = part.heading or ""
        span = part.heading_span
        if span is None:
            continue
        core = _core(heading)
        offset = heading.find(core) if core else -1
        if offset >= 0:
            span = Span(span.start + offset, span.start + offset + len(core))
        yield Hit(span, data={"heading": heading, "other": other.name, "framework": fw.name})


_REQUIREMENTS = re.compile(
    r"“?(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})(?:个方面|条)”?(?:的)?(?:具体)?要求"
)


@rule(
    "MJ855",
    "framework-requirements-not-covered",
    category=Category.FRAMEWORK,
    confidence=Confidence.UNCONFIRMED,
    enabled=True,
    severity=Severity.INFO,
    message="前言提到“{phrase}”，但问题部分按 {parts} 个方面组织，没有逐项对照这些要求",
    rationale="前言称对照了某些“N个方面”的要求，正文却没有相应的对照，读者会认为对照不全；这类提法（如“十二个方面”）的依据也常常无从查证。",
    source="seed-walkthrough 缺陷13；process-frameworks-formulations §1.3（“12条具体要求”内容未见原文 [存疑]）",
    fix="删去正文没有对照的提法，或在问题部分逐项对照。",
    flags=(
        "对照六个方面和⟦“十二个方面”的具体要求⟧，查摆问题如下：\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
    passes=(
        "对照两个方面的要求，查摆问题如下：\n一、存在的问题\n（一）在理论学习方面\n一是学得不深。\n（二）在政治素质方面\n一是站位不高。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强学习。\n",
    ),
)
def requirements_not_covered(ctx: Context) -> Iterator[Hit]:
    pre = ctx.report.preamble
    parts = _aspect_parts(ctx)
    if pre is None or not parts:
        return
    from mingjing.textnorm import chinese_to_int

    for m in ctx.finditer(_REQUIREMENTS, pre):
        raw = m.group("n")
        n = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if n is None or n == len(parts):
            continue
        yield Hit(
            Span(m.start(), m.end()),
            data={"phrase": m.group().rstrip("要求的具体").strip('“”"'), "parts": len(parts)},
        )


# --- 成绩 paragraphs and 三个代替 ---------------------------------------------------------------

_ACHIEVEMENT = re.compile(
    r"取得了?(?:[^。；，]{0,12})(?:成绩|成效|成果|进展)|圆满完成|超额完成|获得?(?:[^。；，]{0,10})(?:表彰|荣誉|称号|奖)"
    r"|荣获|被评为|获评|位列(?:第[一二三]|一等|前列)|排名(?:全[县区市省])?第[一二三]|名列前茅|受到(?:[^。；，]{0,10})(?:肯定|好评|表扬)|走在前列|位居前列|显著提升|明显提升"
)
_COMPLACENT = re.compile(r"满足于|沾沾自喜|功劳簿|骄傲自满|自我感觉良好|只看到|躺在")


@rule(
    "MJ802",
    "structure-achievements-in-problems",
    category=Category.STRUCTURE,
    confidence=Confidence.PRACTICE,
    message="问题部分出现成绩表述（“{text}”），对照检查不是成绩汇报",
    rationale="督导检查中“成绩谈了一大段、查摆问题一点点”的材料会被退回；问题部分应直接写问题，不铺陈成绩。",
    source="process-frameworks-formulations §2 第8行 [P8][P9]",
    fix="删去成绩表述，直接写问题及具体事例。",
    flags=(
        "一、存在的问题\n（一）在工作作风方面\n一是调研不深入。一年来，全镇经济工作⟦取得了显著成绩⟧，招商引资⟦排名全县第一⟧，但调研还不够。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强调研。\n",
    ),
    passes=(
        "一、存在的问题\n（一）在工作作风方面\n一是有满足于已取得成绩的思想，进取意识不强。比如：今年只开展了2次专题调研。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强调研，年底前取得实际成效。\n",
    ),
)
def achievements_in_problems(ctx: Context) -> Iterator[Hit]:
    sentences = ctx.sentences
    starts = [s.start for s in sentences]
    for section in ctx.sections(SectionKind.PROBLEMS):
        for m in ctx.finditer(_ACHIEVEMENT, section.span):
            k = bisect.bisect_right(starts, m.start()) - 1
            sentence = sentences[k] if k >= 0 else section.span
            if _COMPLACENT.search(ctx.folded, sentence.start, sentence.end):
                continue
            span = Span(m.start(), m.end())
            if not ctx.in_quotation(span):
                yield Hit(span, data={"text": m.group()})


_OTHERS_SUBJECT = re.compile(
    r"(?:[一二三四五六七八九十]+是|\d+[.、]|第[一二三四五六七八九十]+[，、])?\s*"
    r"(?P<who>(?:镇|乡|县|区|局|委)?(?:领导)?班子(?:成员)?|(?:镇|乡|县|区)?党委(?:班子)?|党组|我们班子|本单位|我单位"
    r"|有的(?:同志|干部|党员)|个别(?:同志|干部|党员)|少数(?:同志|干部|党员)|部分(?:同志|干部|党员))"
    r"(?:在|对|中|还|仍|存在|不|没有|工作|落实|抓|整体|普遍|，)"
)
_SELF = re.compile(r"我|本人|自己|自身|个人")


@rule(
    "MJ803",
    "structure-others-problems-in-personal",
    category=Category.STRUCTURE,
    confidence=Confidence.PRACTICE,
    message="个人材料的问题以“{who}”为主语，疑似以班子或他人问题代替个人问题",
    rationale="个人对照检查要把自己摆进去，切忌以班子问题代替个人问题、以他人问题代替自身问题（“三个代替”）。",
    source="process-frameworks-formulations §2 第5、9行 [C2][P10]",
    fix="改写为本人的问题，说明本人在其中的责任和具体表现。",
    flags=(
        "个人对照检查材料\n一、存在的问题\n（一）在工作作风方面\n一是⟦班子⟧在调查研究上还不够深入，调研成果转化不够。比如：今年班子只开展了2次专题调研。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强调研。\n",
    ),
    passes=(
        "个人对照检查材料\n一、存在的问题\n（一）在工作作风方面\n一是调查研究不够深入。作为班子成员，我带头调研不够。比如：今年只到联系村调研2次。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强调研。\n",
        "镇党委领导班子对照检查材料\n一、存在的问题\n（一）在践行宗旨、服务人民方面\n一是班子在调查研究上还不够深入。比如：今年班子只开展了2次专题调研。\n二、原因分析\n理想信念松懈。\n三、整改措施\n一是加强调研。\n",
    ),
)
def others_problems_in_personal(ctx: Context) -> Iterator[Hit]:
    audience = ctx.detection.audience if ctx.detection else None
    fw = ctx.framework
    personal = audience is Audience.PERSONAL or (
        audience is None
        and fw is not None
        and Audience.PERSONAL in fw.audience
        and len(fw.audience) == 1
    )
    if not personal:
        return
    for item in ctx.problem_items:
        first_end = ctx.folded.find("。", item.span.start, item.span.end)
        first = Span(item.span.start, first_end if first_end > 0 else item.span.end)
        m = _OTHERS_SUBJECT.match(ctx.folded, first.start, first.end)
        if not m or _SELF.search(ctx.folded, first.start, first.end):
            continue
        yield Hit(Span(m.start("who"), m.end("who")), data={"who": m.group("who")})


_TOWNSHIP = re.compile(
    r"(?:镇|乡|街道)(?:党委|党工委|政府|人民政府|办事处)|全镇|全乡|本镇|我镇|本乡|全街道"
)
_HIGHER_OFFICE_WORK = re.compile(
    r"(?P<body>[县区市省州]委常委会(?:会议|议)?)(?=[^。；]{0,14}(?:材料|议题|会务|印发|发放|纪要|筹备))"
)


@rule(
    "MJ804",
    "structure-role-mismatch",
    category=Category.STRUCTURE,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message="“{body}”的材料和会务是上级机关办公室的工作，与乡镇干部的职责不符，这段内容疑似取自他人的材料",
    rationale="对照检查材料要本人撰写、见人见事；写进别人岗位上的事（如乡镇干部写“常委会会议材料印发不及时”），往往说明段落是从他人材料或范文中拼凑来的。",
    source="seed-walkthrough 缺陷10；process-frameworks-formulations §2 第1、4行（本人撰写，防止拼凑、抄袭）[C2][P5]",
    fix="删去与本人岗位无关的内容，换成自己分管工作中的真实问题和事例。",
    flags=(
        "镇党委副书记个人对照检查材料\n一、存在的问题\n（一）在能力本领方面\n一是统筹不够。比如，⟦区委常委会议⟧有时材料在会前发放不及时。\n二、原因分析\n松懈。\n三、整改措施\n一是加强学习。\n",
    ),
    passes=(
        "县委办公室副主任个人对照检查材料\n一、存在的问题\n（一）在能力本领方面\n一是统筹不够。比如，县委常委会会议有时材料在会前印发不及时。\n二、原因分析\n松懈。\n三、整改措施\n一是加强学习。\n",
        "镇党委副书记个人对照检查材料\n一、存在的问题\n（一）在政治素质方面\n一是学习不够。比如，对县委常委会会议精神传达不及时，全镇只组织了1次专题学习。\n二、原因分析\n松懈。\n三、整改措施\n一是加强学习。\n",
    ),
)
def role_mismatch(ctx: Context) -> Iterator[Hit]:
    head_end = ctx.report.preamble.end if ctx.report.preamble else min(len(ctx.text), 300)
    if not _TOWNSHIP.search(ctx.folded):
        return
    if re.search(r"[县区市省州]委办|办公室(?:主任|副主任|秘书)", ctx.folded[:head_end]):
        return  # the author does work in a Party committee office
    for section in ctx.sections(SectionKind.PROBLEMS):
        for m in ctx.finditer(_HIGHER_OFFICE_WORK, section.span):
            yield Hit(Span(m.start("body"), m.end("body")), data={"body": m.group("body")})
