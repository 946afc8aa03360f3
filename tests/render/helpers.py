"""Reading an annotated .docx back: which characters each comment covers, and the comments."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from lxml import etree

from mingjing.document import Document, SegmentKind, Span
from mingjing.ingest.docx import read_docx
from mingjing.review.engine import Category, Finding, Severity
from mingjing.review.runner import ReviewResult
from mingjing.structure import parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


def covered_text(data: bytes) -> dict[int, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd.

    Walks the body in document order (as Word does): ``w:t`` text, ``w:tab`` as a tab, soft
    breaks as line breaks; deleted text (``w:delText``) and ``mc:Fallback`` duplicates are not
    shown text. Paragraph boundaries add nothing, as in the reader's run map.
    """
    root = etree.fromstring(part(data, "word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    open_ids: set[int] = set()
    out: dict[int, str] = {}

    def add(text: str) -> None:
        for i in open_ids:
            out[i] += text

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == MC_FALLBACK:
                continue
            if tag == f"{W}commentRangeStart":
                cid = int(child.get(f"{W}id") or -1)
                open_ids.add(cid)
                out.setdefault(cid, "")
            elif tag == f"{W}commentRangeEnd":
                open_ids.discard(int(child.get(f"{W}id") or -1))
            elif tag == f"{W}t":
                add(child.text or "")
            elif tag == f"{W}tab":
                add("\t")
            elif tag == f"{W}br" and child.get(f"{W}type") in (None, "textWrapping"):
                add("\n")
            walk(child)

    walk(body)
    assert not open_ids, f"comment ranges left open: {open_ids}"
    return out


@dataclass(frozen=True)
class WordComment:
    id: int
    author: str
    initials: str
    text: str
    date: str


def word_comments(data: bytes) -> dict[int, WordComment]:
    """The comments as python-docx reads them (also proves python-docx opens the file)."""
    d = docx.Document(io.BytesIO(data))
    out = {}
    for c in d.comments:
        date = c._comment_elm.get(f"{W}date") or ""
        out[c.comment_id] = WordComment(c.comment_id, c.author, c.initials or "", c.text, date)
    return out


def reread(data: bytes) -> Document:
    return read_docx(Path("annotated.docx"), data)


def expected_cover(doc: Document, span: Span) -> str:
    """What a comment on ``span`` must cover: its characters that come from runs.

    Auto-numbering labels and the line breaks between paragraphs have no run; a span with no
    run character at all (only a label) anchors on the first character of its paragraph's text.
    """
    text = doc.text
    parts: list[str] = []
    for para in doc.paragraphs_in(span):
        for seg in para.segments:
            if seg.kind is SegmentKind.LABEL or not seg.span.overlaps(span):
                continue
            parts.append(text[max(seg.span.start, span.start) : min(seg.span.end, span.end)])
    if parts:
        return "".join(parts)
    index = doc.paragraph_index_at(span.start)
    assert index is not None
    for para in doc.paragraphs[index:]:
        for seg in para.segments:
            if seg.kind is not SegmentKind.LABEL and len(seg.span):
                return text[seg.span.start]
    raise AssertionError("no text after the span")


def finding(
    doc_text: str,
    phrase: str,
    *,
    category: Category = Category.TYPO,
    severity: Severity = Severity.ERROR,
    rule: str = "MJ999",
    start: int | None = None,
    suggestion: str | None = None,
) -> Finding:
    """A finding on the (unique) occurrence of ``phrase`` in the canonical text."""
    if start is None:
        start = doc_text.index(phrase)
        assert doc_text.count(phrase) == 1, phrase
    return Finding(
        rule=rule,
        name="test-rule",
        category=category,
        severity=severity,
        span=Span(start, start + len(phrase)),
        text=phrase,
        message=f"“{phrase}”需要修改",
        suggestion=suggestion,
    )


def result_with(doc: Document, *findings: Finding) -> ReviewResult:
    """A review result carrying exactly ``findings`` (sorted as the reviewer sorts them)."""
    ordered = sorted(findings, key=lambda f: (f.span.start, f.severity.rank, f.rule))
    return ReviewResult(parse(doc), tuple(ordered), None)


ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def odt_ranges(content_xml: bytes) -> list[str]:
    """The text each ranged annotation covers in an .odt LibreOffice wrote, in document order.

    LibreOffice imports a Word comment range as ``office:annotation`` (named) … ``office:
    annotation-end``; the annotation's own body (author, date, text) is not covered text.
    """
    root = etree.fromstring(content_xml)
    open_names: list[str] = []
    covered: dict[str, str] = {}
    order: list[str] = []

    def add(text: str | None) -> None:
        if text:
            for name in open_names:
                covered[name] += text

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if tag == f"{{{ODF_OFFICE}}}annotation":
            name = el.get(f"{{{ODF_OFFICE}}}name")
            if name:
                open_names.append(name)
                covered[name] = ""
                order.append(name)
        elif tag == f"{{{ODF_OFFICE}}}annotation-end":
            name = el.get(f"{{{ODF_OFFICE}}}name")
            if name in open_names:
                open_names.remove(name)
        else:
            if tag == f"{{{ODF_TEXT}}}tab":
                add("\t")
            elif tag == f"{{{ODF_TEXT}}}line-break":
                add("\n")
            elif tag == f"{{{ODF_TEXT}}}s":
                add(" " * int(el.get(f"{{{ODF_TEXT}}}c") or 1))
            add(el.text)
            for child in el:
                walk(child)
        add(el.tail)

    body = root.find(f"{{{ODF_OFFICE}}}body")
    assert body is not None
    walk(body)
    return [covered[name] for name in order]
