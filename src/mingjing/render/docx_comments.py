"""Findings as Word comments (批注) in a copy of the user's own .docx.

Each finding becomes one comment anchored on exactly the characters it flags: the runs (``w:r``)
that hold the first and last flagged characters are split where needed — the split-off part is a
deep copy of the run, so its formatting stays — and ``w:commentRangeStart``/``w:commentRangeEnd``
are placed around them. The text itself never changes; tracked changes, existing comments,
hyperlinks and content controls stay where they are, and runs that python-docx does not list
(inside ``w:ins``, hyperlinks, fields) are reached through the reader's run map
(:func:`mingjing.ingest.docx.run_pieces`). Auto-numbering labels (``一、``) have no run: a comment
anchors on the paragraph text after them. Headers and footers are never touched.

Comment authors are ``明镜·<category>`` (one per category) so Word and WPS can filter the
comments by reviewer; a summary comment from ``明镜`` sits on the first line of the document.
Comment dates are local wall-clock time written with a ``Z`` as Word writes them (Word shows
``w:date`` as it is, so a true UTC stamp would show eight hours early in Beijing).

Input that is not a .docx (.txt, .md, .doc …) gets a new .docx carrying its canonical text, one
paragraph per line, with the comments on it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from mingjing.document import Document, SegmentKind, SourceFormat, Span
from mingjing.errors import CorruptFileError, InputError, MingjingError
from mingjing.ingest.docx import (
    RunPiece,
    paragraph_runs,
    read_docx,
    repair_dangling_relationships,
    run_pieces,
)
from mingjing.render import ANNOTATED_SUFFIX
from mingjing.review.engine import Finding
from mingjing.review.runner import ReviewResult
from mingjing.wordml import (
    W_ID,
    W_P,
    W_R,
    W_RPR,
    W_T,
    XML_SPACE,
)
from mingjing.wordml import (
    w as _w,
)

__all__ = [
    "ANNOTATED_SUFFIX",
    "AnchorPlan",
    "anchor_span",
    "annotate",
    "annotated_name",
    "comment_author",
    "comment_text",
    "summary_text",
    "word_date",
    "write_annotated",
]

log = logging.getLogger(__name__)

#: The name of an annotated copy: ``<stem>.审核意见.docx``.

MSG = {
    "author": "明镜·{label}",
    "summary_author": "明镜",
    "initials": "明镜",
    "head": "【{severity}】{rule} {name}",
    "suggestion": "建议：{suggestion}",
    "flagged": "所指文字：“{text}”",
    "summary_title": "明镜审核意见汇总",
    "summary_counts": "错误 {error} 处，警告 {warning} 处，提示 {info} 处（共 {total} 条批注）。",
    "summary_clean": "未发现问题。",
    "summary_framework": "对照框架：{name}（可信度 {conf:.0%}）。",
    "summary_no_framework": "对照框架：未能确定，可用 --framework 指定。",
    "summary_categories": "按类别：{items}。",
    "summary_specificity": "问题条目 {items} 条，其中 {with_instance} 条有具体事例。",
    "summary_filter": "每条批注的作者为“明镜·类别”，可在 Word 或 WPS 的审阅窗格中按作者筛选。",
    "summary_unanchored": "另有 {n} 条意见无法定位到正文文字，已写在本批注中：",
    "changed": "文件在审核之后被修改过，无法把审核意见写回；请重新审核后再导出",
    "same_file": "输出文件不能是原文件本身：{path}",
    "no_source": "找不到原文件，无法写出带批注的副本",
    "text_mismatch": "生成的 Word 文档文字与原文不一致，无法写入批注",
}


#: Characters XML 1.0 cannot carry; a .txt may contain them (form feeds from a PDF paste …).
_XML_ILLEGAL = {
    **{c: "\ufffd" for c in range(0x20) if c not in (0x09, 0x0A)},
    **{c: "\ufffd" for c in (*range(0xD800, 0xE000), 0xFFFE, 0xFFFF)},
}


# --- comment wording -------------------------------------------------------------------------


def comment_author(finding: Finding) -> str:
    """``明镜·提法``: one author per category, so Word/WPS can filter by reviewer."""
    return MSG["author"].format(label=finding.category.label)


def comment_text(finding: Finding) -> str:
    """The comment body: rule, message and (when certain) the suggestion, one per paragraph."""
    lines = [
        MSG["head"].format(severity=finding.severity.label, rule=finding.rule, name=finding.name),
        finding.message,
    ]
    if finding.suggestion:
        lines.append(MSG["suggestion"].format(suggestion=finding.suggestion))
    return "\n".join(lines)


def summary_text(result: ReviewResult, unanchored: Sequence[Finding] = ()) -> str:
    """The summary comment at the top: counts by severity and category, the framework."""
    s = result.summary()
    total = s["error"] + s["warning"] + s["info"]
    lines = [MSG["summary_title"]]
    if total:
        lines.append(MSG["summary_counts"].format(total=total, **s))
    else:
        lines.append(MSG["summary_clean"])
    fw = result.framework
    if fw is not None and result.detection is not None:
        lines.append(
            MSG["summary_framework"].format(name=fw.name, conf=result.detection.confidence)
        )
    else:
        lines.append(MSG["summary_no_framework"])
    counts = Counter(f.category for f in result.findings)
    if counts:
        items = "，".join(f"{c.label} {n}" for c, n in counts.most_common())
        lines.append(MSG["summary_categories"].format(items=items))
    if s["problem_items"]:
        lines.append(
            MSG["summary_specificity"].format(
                items=s["problem_items"], with_instance=s["problem_items_with_instance"]
            )
        )
    if unanchored:
        lines.append(MSG["summary_unanchored"].format(n=len(unanchored)))
        for f in unanchored:
            lines.append(comment_text(f).replace("\n", "　"))
    if total:
        lines.append(MSG["summary_filter"])
    return "\n".join(lines)


def word_date(now: dt.datetime | None = None) -> str:
    """A comment date as Word writes it: wall-clock time, whole minutes, with a ``Z``.

    ``now`` defaults to this computer's local time; an aware ``now`` is written in its own zone
    (the reviewer's wall clock), not converted.
    """
    local = now if now is not None else dt.datetime.now()
    return local.strftime("%Y-%m-%dT%H:%M:00Z")


def annotated_name(path: Path | str) -> str:
    """``材料.docx`` → ``材料.审核意见.docx`` (any input format gives a .docx)."""
    return Path(path).stem + ANNOTATED_SUFFIX


# --- where each comment goes -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnchorPlan:
    """Where one comment goes: ``span`` is the canonical range it covers (labels excluded)."""

    finding: Finding | None
    span: Span
    pieces: tuple[RunPiece, ...]


def _text_start(document: Document, index: int) -> int | None:
    """Canonical offset of the first run character of paragraph ``index`` (after its label)."""
    para = document.paragraphs[index]
    for seg in para.segments:
        if seg.kind is not SegmentKind.LABEL and len(seg.span):
            return seg.span.start
    return None


def anchor_span(document: Document, span: Span) -> Span | None:
    """The canonical range a comment on ``span`` covers.

    ``span`` itself when it covers any run character; otherwise (an empty span, or one covering
    only an auto-numbering label or the break between paragraphs) the first character of the
    paragraph text at or after ``span.start``, falling back to the nearest earlier one.
    None only for a document without any text.
    """
    if run_pieces(document, span):
        return span
    paras = document.paragraphs
    if not paras:
        return None
    here = document.paragraph_index_at(span.start)
    if here is None:
        # Between paragraphs (e.g. on a separator): the next paragraph.
        here = next((i for i, p in enumerate(paras) if p.span.start >= span.start), len(paras) - 1)
    order = [*range(here, len(paras)), *range(here - 1, -1, -1)]
    for i in order:
        start = _text_start(document, i)
        if start is not None:
            return Span(start, start + 1)
    return None


def _plan(document: Document, finding: Finding | None, span: Span) -> AnchorPlan | None:
    target = anchor_span(document, span)
    if target is None:
        return None
    pieces = tuple(p for p in run_pieces(document, target) if p.length > 0)
    if not pieces:
        return None
    return AnchorPlan(finding, target, pieces)


#: The summary comment covers the first line when it is a title; of a longer first paragraph
#: (a material without a title) only the first characters, so the highlight stays small.
SUMMARY_WHOLE_LINE = 60
SUMMARY_HEAD = 10


def _summary_span(document: Document) -> Span | None:
    """The first non-blank paragraph's text (usually the title), or its first characters."""
    for i, para in enumerate(document.paragraphs):
        start = _text_start(document, i)
        if start is None:
            continue
        text = document.text[start : para.span.end]
        if text.strip():
            end = para.span.end
            if end - start > SUMMARY_WHOLE_LINE:
                end = start + SUMMARY_HEAD
            return Span(start, end)
    return None


# --- run surgery ---------------------------------------------------------------------------


def _child_text(child: etree._Element) -> str:
    if child.tag == W_T:
        return child.text or ""
    return "x"  # w:tab, w:br, w:sym …: one canonical character


def _split_run(run: etree._Element, child: int, offset: int) -> etree._Element:
    """Split ``run`` before character ``offset`` of its ``child``-th child; return the right part.

    The right part is a deep copy (same ``w:rPr``), inserted right after ``run`` in the same
    parent — inside a hyperlink or a tracked insertion it stays inside it.
    """
    children = list(run)
    right = deepcopy(run)
    rchildren = list(right)
    target = children[child]
    if target.tag == W_T and 0 < offset < len(target.text or ""):
        text = target.text or ""
        target.text = text[:offset]
        target.set(XML_SPACE, "preserve")
        rt = rchildren[child]
        rt.text = text[offset:]
        rt.set(XML_SPACE, "preserve")
        keep_left = child + 1  # left keeps 0..child, right keeps child..
        keep_right = child
    else:
        # Split before the child (offset 0).
        keep_left = child
        keep_right = child
    for c in children[keep_left:]:
        if c.tag != W_RPR:
            run.remove(c)
    for c in rchildren[:keep_right]:
        if c.tag != W_RPR:
            right.remove(c)
    run.addnext(right)
    return right


@dataclass(slots=True)
class _RunCuts:
    """Cut points of one run (child, offset), and after cutting, the run's pieces in order."""

    run: etree._Element
    cuts: set[tuple[int, int]] = field(default_factory=set)
    points: list[tuple[int, int]] = field(default_factory=list)
    parts: list[etree._Element] = field(default_factory=list)

    def add(self, child: int, offset: int) -> None:
        children = list(self.run)
        if child >= len(children):
            return
        length = len(_child_text(children[child]))
        if offset >= length:
            child, offset = child + 1, 0
        first = next((i for i, c in enumerate(children) if c.tag != W_RPR), len(children))
        if (child, offset) <= (first, 0) or child >= len(children):
            return  # the start or end of the run: nothing to split
        self.cuts.add((child, offset))

    def cut(self) -> None:
        self.points = sorted(self.cuts)
        rights = [_split_run(self.run, c, o) for c, o in reversed(self.points)]
        self.parts = [self.run, *reversed(rights)]

    def part_at(self, child: int, offset: int) -> etree._Element:
        """The piece of the (cut) run holding character ``offset`` of ``child``."""
        i = 0
        for i_point, point in enumerate(self.points):
            if point <= (child, offset):
                i = i_point + 1
            else:
                break
        return self.parts[i]


def _container(run: etree._Element) -> etree._Element:
    """The ancestor of ``run`` (or the run) that is a direct child of its paragraph."""
    node = run
    parent = node.getparent()
    while parent is not None and parent.tag != W_P:
        node = parent
        parent = node.getparent()
    return node


def _reference_run(comment_id: int) -> etree._Element:
    r = etree.Element(W_R)
    rpr = etree.SubElement(r, W_RPR)
    etree.SubElement(rpr, _w("rStyle")).set(_w("val"), "CommentReference")
    etree.SubElement(r, _w("commentReference")).set(W_ID, str(comment_id))
    return r


def _mark(start: etree._Element, end: etree._Element, comment_id: int) -> None:
    cid = str(comment_id)
    range_start = etree.Element(_w("commentRangeStart"))
    range_start.set(W_ID, cid)
    start.addprevious(range_start)
    range_end = etree.Element(_w("commentRangeEnd"))
    range_end.set(W_ID, cid)
    end.addnext(range_end)
    holder = _container(end)
    (range_end if holder is end else holder).addnext(_reference_run(comment_id))


# --- the writer ----------------------------------------------------------------------------


def _open_docx(data: bytes) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except KeyError:
        repaired = repair_dangling_relationships(data)
        if repaired is None:
            raise
        return docx.Document(io.BytesIO(repaired))


def _new_docx_bytes(text: str) -> bytes:
    """A plain A4 .docx carrying ``text``, one paragraph per line."""
    import docx
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = d.styles["Normal"]
    normal.font.name = "仿宋_GB2312"
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), "仿宋_GB2312")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    body = d.element.body
    for p in list(body.iterchildren(W_P)):
        body.remove(p)
    for line in text.split("\n"):
        para = d.add_paragraph()
        if line:
            para.add_run(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _source(result: ReviewResult, source: bytes | None) -> tuple[Document, bytes]:
    """The .docx to annotate and its Document (run map), checked against the reviewed text."""
    doc = result.report.document
    if doc.format is SourceFormat.DOCX:
        if source is None:
            if doc.path is None or not doc.path.is_file():
                raise InputError(MSG["no_source"], doc.path)
            source = doc.path.read_bytes()
        fresh = read_docx(doc.path or Path("document.docx"), source)
        if fresh.text != doc.text:
            raise InputError(MSG["changed"], doc.path)
        return fresh, source
    text = doc.text.translate(_XML_ILLEGAL)
    data = _new_docx_bytes(text)
    fresh = read_docx(doc.path or Path("document.docx"), data)
    if fresh.text != text:
        raise MingjingError(MSG["text_mismatch"], doc.path)
    return fresh, data


def annotate(
    result: ReviewResult,
    *,
    source: bytes | None = None,
    findings: Iterable[Finding] | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The annotated .docx (bytes) for a review result; the original is only read.

    ``source`` is the original .docx (read from the document's path when omitted; ignored for
    other formats). ``findings`` defaults to all of the result's findings.
    """
    document, data = _source(result, source)
    chosen = list(result.findings if findings is None else findings)
    try:
        word = _open_docx(data)
    except Exception as exc:  # the reader accepted the file, python-docx did not
        log.debug("python-docx cannot open %s", document.path, exc_info=True)
        raise CorruptFileError(str(exc), document.path) from exc
    body = word.element.body

    plans: list[AnchorPlan] = []
    unanchored: list[Finding] = []
    for f in chosen:
        plan = _plan(document, f, f.span)
        if plan is None:
            unanchored.append(f)
        else:
            plans.append(plan)
    summary_span = _summary_span(document)
    summary_plan = _plan(document, None, summary_span) if summary_span is not None else None

    # Resolve every piece to its w:r before changing anything: splitting runs and inserting
    # reference runs shift the ordinals the run map uses.
    paragraphs = list(body.iter(W_P))
    runs_of: dict[int, list[etree._Element]] = {}
    cuts: dict[int, _RunCuts] = {}

    def run_cuts(piece: RunPiece) -> _RunCuts:
        runs = runs_of.get(piece.xml_index)
        if runs is None:
            runs = runs_of[piece.xml_index] = paragraph_runs(paragraphs[piece.xml_index])
        r = runs[piece.run]
        rc = cuts.get(id(r))
        if rc is None:
            rc = cuts[id(r)] = _RunCuts(r)
        return rc

    all_plans = [p for p in (summary_plan, *plans) if p is not None]
    ends: list[tuple[_RunCuts, RunPiece, _RunCuts, RunPiece]] = []
    for plan in all_plans:
        first, last = plan.pieces[0], plan.pieces[-1]
        rc_first, rc_last = run_cuts(first), run_cuts(last)
        rc_first.add(first.child, first.offset)
        rc_last.add(last.child, last.offset + last.length)
        ends.append((rc_first, first, rc_last, last))
    for rc in cuts.values():
        rc.cut()

    stamp = word_date(now)
    date_attr = _w("date")
    for plan, (rc_first, first, rc_last, last) in zip(all_plans, ends, strict=True):
        start_el = rc_first.part_at(first.child, first.offset)
        end_el = rc_last.part_at(last.child, last.offset + last.length - 1)
        if plan.finding is None:
            text = summary_text(result, unanchored)
            author = MSG["summary_author"]
        else:
            text = comment_text(plan.finding)
            author = comment_author(plan.finding)
        comment = word.comments.add_comment(text=text, author=author, initials=MSG["initials"])
        comment._comment_elm.set(date_attr, stamp)
        _mark(start_el, end_el, comment.comment_id)
    if summary_plan is None and chosen:
        log.warning("no text to anchor the summary comment on in %s", document.path)

    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def write_annotated(
    result: ReviewResult,
    out: Path,
    *,
    now: dt.datetime | None = None,
) -> Path:
    """Write the annotated copy of the result's material to ``out`` (never onto the original)."""
    src = result.report.document.path
    if src is not None and out.exists() and out.resolve() == src.resolve():
        raise InputError(MSG["same_file"].format(path=out), src)
    data = annotate(result, now=now)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out
