"""Property-based tests: parse never raises, and every span maps back into the canonical text."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mingjing import read_text_string
from mingjing.document import Document, Paragraph, SourceFormat, Span
from mingjing.structure import Report, parse
from mingjing.structure.parser import MSG

# Pieces that real materials are made of, so that generated text exercises every parser path.
PIECES = [
    "一、存在的问题",
    "二、原因分析",
    "三、整改措施",
    "四、反面典型案例剖析",
    "（一）在理论学习方面",
    "(二)在政治素质方面",
    "（二）",
    "1.",
    "2．",
    "（1）",
    "①",
    "一是",
    "二是",
    "是",
    "三是学习不深。",
    "第一，",
    "首先，",
    "其次，",
    "最后，",
    "比如：",
    "例如",
    "如：",
    "。",
    "；",
    "，",
    "\n",
    "\r\n",
    "\n\n",
    "\u3000",
    "\u00a0",
    " ",
    "征求意见**条，归纳意见12条",
    "谈心谈话30人次",
    "以上是我的对照检查，请同志们批评指正。",
    "存在的问题",
    "原因剖析",
    "学习不够系统深入",
    "2024年1月",
    "- 2 -",
]

structured = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join)
anything = st.text(max_size=400)


def _check(report: Report) -> None:
    text = report.text
    n = len(text)

    def ok(span: Span | None) -> None:
        if span is not None:
            assert 0 <= span.start <= span.end <= n

    assert not any(MSG["failed"].split("（")[0] in w for w in report.warnings)
    ok(report.preamble)
    ok(report.closing)
    ok(report.tail)
    for token in report.tokens:
        ok(token.span)
        assert token.span.of(text) == token.text or report.document.hard_wrapped
    for fact in (report.facts.opinions_collected, report.facts.opinions_merged, report.facts.talks):
        if fact is not None:
            ok(fact.span)
    for section in report.sections:
        ok(section.span)
        ok(section.heading_span)
        for part in section.parts:
            ok(part.span)
            assert section.span.contains(part.span)
            for item in part.items:
                ok(item.span)
                assert part.span.contains(item.span)
                for inst in item.instances:
                    assert item.span.contains(inst.span)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured)
def test_parse_never_raises_on_material_like_text(text: str) -> None:
    _check(parse(read_text_string(text)))


@settings(max_examples=300, deadline=None)
@given(anything)
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    _check(parse(read_text_string(text)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured, st.integers(min_value=8, max_value=40))
def test_hard_wrapped_text_spans_stay_valid(text: str, width: int) -> None:
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    wrapped = "\n".join(lines)
    _check(parse(read_text_string(wrapped)))


@settings(max_examples=100, deadline=None)
@given(anything, st.lists(st.integers(min_value=0, max_value=400), max_size=6))
def test_documents_with_gaps_map_back(text: str, cuts: list[int]) -> None:
    """Paragraphs with arbitrary gaps (as the PDF repair makes) still give valid spans."""
    if not text:
        return
    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    pieces = [Span(a, b) for a, b in itertools.pairwise(points) if b > a]
    gaps = tuple(Span(p.end, min(p.end + 1, len(text))) for p in pieces[:-1] if p.end < len(text))
    para = Paragraph(span=Span(0, len(text)), gaps=tuple(g for g in gaps if g.end <= len(text)))
    doc = Document(text=text, paragraphs=(para,), format=SourceFormat.TXT, hard_wrapped=True)
    _check(parse(doc))


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("（）(),，:：;；!?０９Ａｚ．. \u00a0\u3000\u2003一二x"),
        max_size=50,
    )
)
def test_fold_keeps_length_and_unifies_widths(text: str) -> None:
    from mingjing.textnorm import FOLD_TABLE, fold

    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == text.translate(FOLD_TABLE)
