"""Copy (查重): passages the material shares with a corpus of templates, past years and colleagues.

The comparison itself is :mod:`mingjing.similarity` (winnowing, 13 consecutive characters); this
rule turns its passage groups into findings so that they also appear in the text report, the HTML
report and as Word comments. It runs only when a corpus is given (``review(options={"corpus":
index})``, ``mingjing check --corpus DIR``). Quotations, the curated 引用库 and the reviewer's own
formulation dictionary count as 引用, never as copying.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, Severity, rule
from mingjing.similarity.compare import CompareSettings, Material, compare_material
from mingjing.similarity.exclusion import load_default_library
from mingjing.similarity.findings import copy_findings
from mingjing.similarity.index import Index, NewMaterial

#: A template (范文) for the examples: the kind of passage materials copy from.
_TEMPLATE = (
    "在理论学习上，主要表现为理论学习的系统性不够强。对党的创新理论的学习满足于读原文、记笔记，没有做到学思用贯通、知信行统一，"
    "运用科学理论指导实践、推动工作的能力还有差距。\n"
)
_MATERIAL = (
    "镇党委副书记个人对照检查材料\n一、存在的问题\n（一）在理论学习方面\n"
    "一是{first}比如：今年3月的专题研讨，我只准备了发言提纲。\n"
    "二、原因分析\n理想信念有所松懈。\n三、整改措施\n一是每月精读一篇原文，长期坚持。\n"
)


#: Below the alert rule, a shared passage is reported (as info) only from this many characters on;
#: on the example team, materials written independently share at most 21 consecutive characters
#: (a stock opening such as 按照县委主题教育领导小组和镇党委, or a heading and the words after it).
MINOR_LONGEST = 25


@cache
def copy_settings() -> CompareSettings:
    """Comparison settings: the shipped 引用库 plus the canonical forms of the formulation dictionary."""
    from mingjing.review.rules.formulation import formulations

    library = load_default_library().extended(
        (f.canonical for f in formulations()), "review/data/formulations.toml"
    )
    return CompareSettings(library=library)


def _example_corpus() -> dict[str, object]:
    index = Index.in_memory([NewMaterial("范文模板", _TEMPLATE, "", ("template",))])
    return {"corpus": index}


@rule(
    "MJ1001",
    "copy-passage",
    category=Category.COPY,
    confidence=Confidence.OFFICIAL,
    message="与库中材料有重合文字，疑似复制",
    rationale="对照检查材料要本人亲自撰写，坚决防止拼凑、抄袭、代写；与范文、往年材料或同事材料大段重合的，审核时会要求重写。引用的讲话、文件原文和固定提法不算复制。",
    source="process-frameworks-formulations §2 第1、4行 [C2][P5]；domain/copy-detection.md（13字连续相同为重合片段）",
    fix="删去照抄的段落，按本人的实际情况重写，写出本人的问题和事例。",
    example_options=_example_corpus,
    flags=(
        _MATERIAL.format(
            first="⟦理论学习的系统性不够强。对党的创新理论的学习满足于读原文、记笔记，"
            "没有做到学思用贯通、知信行统一，运用科学理论指导实践、推动工作的能力还有差距⟧。"
        ),
    ),
    passes=(
        _MATERIAL.format(
            first="学用结合不够紧。学了关于乡村振兴的论述，没有及时转化为本镇产业发展的具体思路。"
        ),
        _MATERIAL.format(first="学习不够系统，没有做到学思用贯通、知信行统一。"),
    ),
)
def copy_passage(ctx: Context) -> Iterator[Hit]:
    corpus = ctx.options.get("corpus")
    if not isinstance(corpus, Index):
        return
    report = compare_material(
        Material.from_document(ctx.report.document), corpus, settings=copy_settings()
    )
    for group in copy_findings(report):
        if not group.alert and group.longest < MINOR_LONGEST:
            continue  # a short stock phrase two materials happen to share: not worth a comment
        yield Hit(
            group.span,
            message=group.message,
            severity=Severity.WARNING if group.alert else Severity.INFO,
        )
