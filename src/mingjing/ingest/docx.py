"""Reading Word .docx files into the canonical text, with the map back to runs.

python-docx's ``Document.paragraphs`` misses much of what a reader sees in Word: text in tracked
insertions, table cells, text boxes, block-level content controls and the auto-numbering labels
(``一、`` ``（一）``). This module walks the WordprocessingML elements directly (python-docx only
opens the package) and builds the canonical text:

* body content in document order, one line per paragraph, empty paragraphs kept as empty lines;
* table paragraphs (row by row, cells left to right, a vertically merged cell once — text left
  in a merged-away cell is still read —, nested tables in place), block content controls, and text boxes (right after their anchoring paragraph; the
  ``mc:Fallback`` duplicate is skipped) — each marked with its :class:`~mingjing.document.Region`;
* hyperlinks, inline content controls, smart tags, simple fields and complex-field *results* are
  part of their paragraph; field codes are not;
* tracked changes read as if all were accepted: inserted (and moved-to) text is kept, deleted
  (and moved-from) text dropped, deleted table rows skipped;
* ``w:tab`` → tab, ``w:br``/``w:cr`` → a line break inside the paragraph (page and column breaks
  → nothing), ``w:noBreakHyphen`` → ``-``, ``w:softHyphen`` → nothing, ``w:sym`` → its character
  when that is ordinary Unicode (Symbol/Wingdings private-use glyphs are dropped);
* Word's auto-numbering label (see :mod:`mingjing.ingest.numbering`) in front of the paragraph
  text, without the tab or space that follows it.

Headers and footers go to ``Document.headers``/``footers``. Relationships to parts that do not
exist (``Target="NULL"``, left by some add-ins) are dropped before loading, as Word ignores them. Footnotes, endnotes, comments, math
zones (``m:oMath``), ruby annotations and embedded ``w:altChunk`` documents are not read.

Every paragraph keeps ``segments`` mapping each canonical character to (run ordinal, child
ordinal, character offset); :func:`run_pieces` turns a span back into those pieces so a writer can
anchor a Word comment on exactly the characters of a finding. Run and paragraph ordinals follow
:func:`paragraph_runs` and :func:`body_paragraph`, which a writer should use to find them again.
"""

from __future__ import annotations

import io
import logging
import posixpath
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lxml import etree

from mingjing.document import (
    Document,
    Paragraph,
    Region,
    RunSegment,
    SegmentKind,
    SourceFormat,
    Span,
)
from mingjing.errors import CorruptFileError, UnsupportedFormatError
from mingjing.ingest.numbering import ListNumberer, NumberingDefinitions, StyleSheet
from mingjing.wordml import (
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    R_ID,
    RT_NUMBERING,
    RT_STYLES,
    W_BODY,
    W_BR,
    W_CHAR,
    W_CR,
    W_CUSTOM_XML,
    W_DEL,
    W_FLD_CHAR,
    W_FLD_CHAR_TYPE,
    W_FOOTER_REF,
    W_HEADER_REF,
    W_INS,
    W_MOVE_FROM,
    W_MOVE_TO,
    W_NO_BREAK_HYPHEN,
    W_P,
    W_PPR,
    W_PSTYLE,
    W_PTAB,
    W_R,
    W_RPR,
    W_RT,
    W_SDT,
    W_SDT_CONTENT,
    W_SECTPR,
    W_SYM,
    W_T,
    W_TAB,
    W_TBL,
    W_TC,
    W_TCPR,
    W_TR,
    W_TRPR,
    W_TXBX,
    W_TYPE,
    W_VAL,
    W_VMERGE,
)
from mingjing.wordml import (
    w as _w,
)

__all__ = [
    "RunPiece",
    "body_paragraph",
    "paragraph_runs",
    "read_docx",
    "repair_dangling_relationships",
    "run_pieces",
]

log = logging.getLogger(__name__)

MSG = {
    "corrupt": "Word 文档（.docx）已损坏，无法读取：{reason}。可在 Word 或 WPS 中打开后另存为 .docx 再试",
    "reason_xml": "文档内部的 XML 格式错误",
    "reason_part": "缺少必要的文档部件",
    "reason_zip": "压缩数据损坏或不完整",
    "reason_type": "主文档不是 Word 文字处理文档",
    "reason_body": "主文档中没有正文",
    "reason_other": "无法解析文档结构",
    "revisions": "文档含有未处理的修订，已按“全部接受”后的文字读取",
    "strict": (
        "这是“Strict Open XML”格式的 Word 文档，暂不支持；"
        "请在 Word 中“另存为”普通的“Word 文档（*.docx）”后再读取"
    ),
}


#: Elements whose presence means the document carries tracked changes (修订).
REVISION_TAGS = tuple(
    _w(n)
    for n in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
)

Element = etree._Element

# Run context flags, from the run's ancestors inside its paragraph.
_DELETED = 1
_INSERTED = 2
_HIDDEN = 4  # an mc:Fallback duplicate or ruby text: not what Word shows
_NESTED = 8  # belongs to a paragraph of a text box inside this paragraph

#: A line break inside w:t would split a paragraph across lines; Word shows it as a space. One
#: character for one keeps every offset valid.
_LINE_CHARS = str.maketrans({"\n": " ", "\r": " ", "\x0b": " ", "\x0c": " "})


def _has_choice(fallback: Element) -> bool:
    parent = fallback.getparent()
    return parent is not None and parent.find(MC_CHOICE) is not None


def _run_flags(r: Element, p: Element) -> int:
    flags = 0
    node = r.getparent()
    while node is not None and node is not p:
        tag = node.tag
        if tag == W_TXBX:
            return _NESTED
        if tag in (W_DEL, W_MOVE_FROM):
            flags |= _DELETED
        elif tag in (W_INS, W_MOVE_TO):
            flags |= _INSERTED
        elif (tag == MC_FALLBACK and _has_choice(node)) or tag == W_RT:
            flags |= _HIDDEN
        node = node.getparent()
    return flags


def _runs_with_flags(p: Element) -> Iterator[tuple[Element, int]]:
    for r in p.iter(W_R):
        flags = _run_flags(r, p)
        if flags != _NESTED:
            yield r, flags


def paragraph_runs(p: Element) -> list[Element]:
    """The ``w:r`` elements that belong to paragraph ``p``, in document order.

    ``RunSegment.run`` and ``RunPiece.run`` index this list: every ``w:r`` under ``p`` (inside
    hyperlinks, content controls, fields, tracked insertions *and deletions* …) except those of
    paragraphs in text boxes anchored in ``p``.
    """
    return [r for r, _ in _runs_with_flags(p)]


def body_paragraph(body: Element, xml_index: int) -> Element | None:
    """The ``w:p`` that ``Paragraph.xml_index`` names: the n-th of ``body.iter(w:p)``."""
    return next(islice(body.iter(W_P), xml_index, None), None)


def _text_boxes(run: Element) -> list[Element]:
    """Top-level ``w:txbxContent`` of a run, without the ``mc:Fallback`` duplicates."""
    boxes = []
    for tx in run.iter(W_TXBX):
        node = tx.getparent()
        keep = True
        while node is not None and node is not run:
            if node.tag == W_TXBX or (node.tag == MC_FALLBACK and _has_choice(node)):
                keep = False
                break
            node = node.getparent()
        if keep:
            boxes.append(tx)
    return boxes


def _sym_char(el: Element) -> str:
    code = el.get(W_CHAR)
    if not code:
        return ""
    try:
        cp = int(code, 16)
    except ValueError:
        return ""
    if cp < 0x20 or 0xD800 <= cp <= 0xF8FF or cp > 0x10FFFF:
        return ""  # control, surrogate or a Symbol/Wingdings private-use glyph
    return chr(cp)


def _descend(parent: Element, tag: str) -> Iterator[Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in parent:
        ctag = child.tag
        if ctag == tag:
            yield child
        elif ctag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _descend(content, tag)
        elif ctag == W_CUSTOM_XML:
            yield from _descend(child, tag)


def _branch(alternate: Element) -> Element | None:
    choice = alternate.find(MC_CHOICE)
    return choice if choice is not None else alternate.find(MC_FALLBACK)


def _is_merged_continuation(tc: Element) -> bool:
    tcpr = tc.find(W_TCPR)
    if tcpr is None:
        return False
    vm = tcpr.find(W_VMERGE)
    return vm is not None and (vm.get(W_VAL) or "continue") == "continue"


def _has_text(el: Element) -> bool:
    return any(t.text for t in el.iter(W_T))


class _Walker:
    """Builds canonical text and paragraphs from block-level content, in document order."""

    def __init__(
        self,
        styles: StyleSheet,
        numberer: ListNumberer | None,
        xml_index: dict[Element, int] | None,
    ) -> None:
        self.styles = styles
        self.numberer = numberer
        self.xml_index = xml_index
        self.chunks: list[str] = []
        self.pos = 0
        self.paragraphs: list[Paragraph] = []
        # Open complex fields: True while inside the field code (before its "separate").
        self.fields: list[bool] = []

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def blocks(self, parent: Element, region: Region) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_P:
                self.paragraph(child, region)
            elif tag == W_TBL:
                self.table(child)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self.blocks(content, Region.CONTENT_CONTROL)
            elif tag == W_CUSTOM_XML:
                self.blocks(child, region)
            elif tag == MC_ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self.blocks(branch, region)

    def table(self, tbl: Element) -> None:
        for tr in _descend(tbl, W_TR):
            trpr = tr.find(W_TRPR)
            if trpr is not None and trpr.find(W_DEL) is not None:
                continue  # a deleted row is gone once all changes are accepted
            for tc in _descend(tr, W_TC):
                # A vertically merged cell is read once, from its first cell (python-docx's
                # row.cells repeats that cell for the rows below). The continuation cells
                # normally hold one empty paragraph; text left in one is still read, as
                # LibreOffice shows it, rather than lost.
                if not _is_merged_continuation(tc) or _has_text(tc):
                    self.blocks(tc, Region.TABLE)

    def paragraph(self, p: Element, region: Region) -> None:
        ppr = p.find(W_PPR)
        mark_deleted = False
        style_id: str | None = None
        if ppr is not None:
            pstyle = ppr.find(W_PSTYLE)
            if pstyle is not None:
                style_id = pstyle.get(W_VAL)
            rpr = ppr.find(W_RPR)
            if rpr is not None:
                mark_deleted = rpr.find(W_DEL) is not None or rpr.find(W_MOVE_FROM) is not None
        if style_id is None:
            style_id = self.styles.default_paragraph
        # A field code never spans paragraphs; a dangling "begin" must not swallow the rest.
        if True in self.fields:
            self.fields = [f for f in self.fields if not f]

        pieces: list[tuple[str, SegmentKind, int, int]] = []
        boxes: list[Element] = []
        live = False
        fields = self.fields
        for ordinal, (r, flags) in enumerate(_runs_with_flags(p)):
            if flags & _HIDDEN:
                continue
            deleted = bool(flags & _DELETED)
            live = live or not deleted
            inserted = bool(flags & _INSERTED)
            for j, child in enumerate(r):
                tag = child.tag
                if tag == W_FLD_CHAR:
                    kind = child.get(W_FLD_CHAR_TYPE)
                    if kind == "begin":
                        fields.append(True)
                    elif kind == "separate" and fields:
                        fields[-1] = False
                    elif kind == "end" and fields:
                        fields.pop()
                    continue
                if deleted or (fields and True in fields):
                    continue
                if tag == W_T:
                    t = child.text
                    if t:
                        kind_t = SegmentKind.INSERTED if inserted else SegmentKind.TEXT
                        pieces.append((t.translate(_LINE_CHARS), kind_t, ordinal, j))
                elif tag in (W_TAB, W_PTAB):
                    pieces.append(("\t", SegmentKind.TAB, ordinal, j))
                elif tag == W_BR:
                    if child.get(W_TYPE) in (None, "textWrapping"):
                        pieces.append(("\n", SegmentKind.BREAK, ordinal, j))
                elif tag == W_CR:
                    pieces.append(("\n", SegmentKind.BREAK, ordinal, j))
                elif tag == W_NO_BREAK_HYPHEN:
                    kind_h = SegmentKind.INSERTED if inserted else SegmentKind.TEXT
                    pieces.append(("-", kind_h, ordinal, j))
                elif tag == W_SYM:
                    ch = _sym_char(child)
                    if ch:
                        kind_s = SegmentKind.INSERTED if inserted else SegmentKind.TEXT
                        pieces.append((ch, kind_s, ordinal, j))
                elif tag != W_RPR and len(child):  # w:drawing, w:pict, mc:AlternateContent …
                    boxes.extend(_text_boxes(child))

        # Accept-all: a paragraph whose mark and content are all deleted disappears. One whose
        # mark alone is deleted would join the next paragraph in Word; we keep it on its own line
        # (line structure stays stable) but do not number it, as Word numbers the joined result
        # by the surviving paragraph mark.
        if mark_deleted and not live:
            return

        if self.paragraphs:
            self.chunks.append("\n")
            self.pos += 1
        start = self.pos
        segments: list[RunSegment] = []
        label_span: Span | None = None
        list_level: int | None = None
        if self.numberer is not None and not mark_deleted:
            label = self.numberer.next_label(ppr, style_id)
            if label is not None:
                list_level = label.level
                if label.text:
                    label_span = Span(start, start + len(label.text))
                    segments.append(RunSegment(label_span, SegmentKind.LABEL))
                    self.chunks.append(label.text)
                    self.pos = label_span.end
        pos = self.pos
        for t, kind, run, child_index in pieces:
            end = pos + len(t)
            segments.append(RunSegment(Span(pos, end), kind, run, child_index, 0))
            self.chunks.append(t)
            pos = end
        self.pos = pos
        self.paragraphs.append(
            Paragraph(
                span=Span(start, pos),
                region=region,
                label=label_span,
                style=self.styles.name_of(style_id),
                list_level=list_level,
                xml_index=self.xml_index.get(p) if self.xml_index is not None else None,
                segments=tuple(segments),
            )
        )
        for box in boxes:
            self.blocks(box, Region.TEXTBOX)


def _corrupt(path: Path, reason_key: str) -> CorruptFileError:
    return CorruptFileError(MSG["corrupt"].format(reason=MSG[reason_key]), path)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, etree.XMLSyntaxError):
        return "reason_xml"
    if isinstance(exc, KeyError):
        return "reason_part"
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return "reason_zip"
    if type(exc).__name__ == "PackageNotFoundError":
        return "reason_part"
    return "reason_other"


def _element_of(part: Any) -> Element:
    """The root element of an XML part (python-docx parts for types it does not map are blobs)."""
    element: Element | None = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    parsed: Element = parse_xml(part.blob)
    return parsed


@dataclass(frozen=True, slots=True)
class _Package:
    body: Element
    styles: Element | None
    numbering: Element | None
    headers: tuple[Element, ...]
    footers: tuple[Element, ...]


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_STRICT_MARK = b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


def _drop_dangling(rels_name: str, blob: bytes, names: set[str]) -> bytes | None:
    """``blob`` without internal relationships whose target part is not in the archive."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        return None
    # "word/_rels/document.xml.rels" describes "word/document.xml": targets are relative to word/.
    base = posixpath.dirname(posixpath.dirname(rels_name))
    dropped = False
    for rel in list(root.iterchildren(f"{{{_RELS_NS}}}Relationship")):
        if rel.get("TargetMode") == "External":
            continue
        target = (rel.get("Target") or "").split("#")[0]
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        name = posixpath.normpath(name)
        if name not in names and unquote(name) not in names:
            root.remove(rel)
            dropped = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") if dropped else None


def repair_dangling_relationships(data: bytes) -> bytes | None:
    """A copy of a .docx package without relationships to parts that do not exist, or None.

    Word add-ins and some converters leave relationships such as ``Target="NULL"`` or an
    internal ``#_top`` link; Word ignores them but python-docx refuses the whole file.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            names = {n for n in zin.namelist() if not n.endswith("/")}
            out = io.BytesIO()
            changed = False
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    blob = zin.read(info)
                    if info.filename.endswith(".rels"):
                        fixed = _drop_dangling(info.filename, blob, names)
                        if fixed is not None:
                            blob, changed = fixed, True
                    zout.writestr(info, blob)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return None
    return out.getvalue() if changed else None


def _is_strict(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return _STRICT_MARK in zf.read("_rels/.rels")
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return False


def _load(data: bytes) -> tuple[Element, dict[str, Any], Element | None, Element | None]:
    from docx.package import Package

    package = Package.open(io.BytesIO(data))
    part = package.main_document_part
    root = _element_of(part)
    related: dict[str, Any] = {}
    styles: Element | None = None
    numbering: Element | None = None
    for rid, rel in part.rels.items():
        if rel.is_external:
            continue
        related[rid] = rel.target_part
        if rel.reltype == RT_STYLES:
            styles = _element_of(rel.target_part)
        elif rel.reltype == RT_NUMBERING:
            numbering = _element_of(rel.target_part)
    return root, related, styles, numbering


def _open(path: Path, data: bytes) -> _Package:
    # python-docx raises a variety of exception types for malformed packages (KeyError for a
    # missing part, XMLSyntaxError, BadZipFile, ValueError …); all of them mean a corrupt file.
    try:
        try:
            root, related, styles, numbering = _load(data)
        except KeyError:
            repaired = repair_dangling_relationships(data)
            if repaired is None:
                raise
            root, related, styles, numbering = _load(repaired)
    except Exception as exc:
        log.debug("cannot open %s as docx", path, exc_info=True)
        if _is_strict(data):
            raise UnsupportedFormatError(MSG["strict"], path) from exc
        raise _corrupt(path, _reason(exc)) from exc
    if root.tag != _w("document"):
        raise _corrupt(path, "reason_type")
    body = root.find(W_BODY)
    if body is None:
        raise _corrupt(path, "reason_body")

    headers: list[Element] = []
    footers: list[Element] = []
    seen: set[int] = set()
    for sectpr in body.iter(W_SECTPR):
        for ref in sectpr:
            if ref.tag not in (W_HEADER_REF, W_FOOTER_REF):
                continue
            target = related.get(ref.get(R_ID) or "")
            if target is None or id(target) in seen:
                continue
            seen.add(id(target))
            try:
                element = _element_of(target)
            except Exception as exc:
                raise _corrupt(path, _reason(exc)) from exc
            (headers if ref.tag == W_HEADER_REF else footers).append(element)
    return _Package(body, styles, numbering, tuple(headers), tuple(footers))


def _part_text(root: Element, styles: StyleSheet) -> str:
    walker = _Walker(styles, None, None)
    walker.blocks(root, Region.BODY)
    return walker.text


def read_docx(path: Path, data: bytes) -> Document:
    """Read a .docx (already read from ``path`` as ``data``) into a :class:`Document`."""
    pkg = _open(path, data)
    styles = StyleSheet.from_xml(pkg.styles)
    numberer = ListNumberer(NumberingDefinitions.from_xml(pkg.numbering), styles)
    xml_index = {p: i for i, p in enumerate(pkg.body.iter(W_P))}
    walker = _Walker(styles, numberer, xml_index)
    walker.blocks(pkg.body, Region.BODY)

    has_revisions = next(pkg.body.iter(*REVISION_TAGS), None) is not None
    headers = tuple(t for t in (_part_text(h, styles) for h in pkg.headers) if t.strip())
    footers = tuple(t for t in (_part_text(f, styles) for f in pkg.footers) if t.strip())
    return Document(
        text=walker.text,
        paragraphs=tuple(walker.paragraphs),
        format=SourceFormat.DOCX,
        path=path,
        headers=headers,
        footers=footers,
        has_revisions=has_revisions,
        warnings=(MSG["revisions"],) if has_revisions else (),
    )


@dataclass(frozen=True, slots=True)
class RunPiece:
    """Characters of one text-bearing run child that a span covers.

    ``xml_index`` finds the paragraph (:func:`body_paragraph`), ``run`` its ``w:r``
    (:func:`paragraph_runs`), ``child`` the child element (``list(run)[child]``: a ``w:t``,
    ``w:tab``, ``w:br`` …), ``offset``/``length`` the characters inside that child's text.
    """

    xml_index: int
    run: int
    child: int
    offset: int
    length: int


def run_pieces(document: Document, span: Span) -> list[RunPiece]:
    """The run pieces behind ``span`` of a .docx document, in document order.

    Auto-numbering labels have no run and are skipped, as are the line breaks between
    paragraphs. An empty span covers nothing.
    """
    if len(span) == 0:
        return []
    out: list[RunPiece] = []
    for para in document.paragraphs_in(span):
        if para.xml_index is None:
            continue
        for seg in _overlapping(para.segments, span):
            if seg.kind is SegmentKind.LABEL:
                continue
            start = max(seg.span.start, span.start)
            end = min(seg.span.end, span.end)
            out.append(
                RunPiece(
                    xml_index=para.xml_index,
                    run=seg.run,
                    child=seg.child,
                    offset=seg.offset + start - seg.span.start,
                    length=end - start,
                )
            )
    return out


def _overlapping(segments: Sequence[RunSegment], span: Span) -> Iterator[RunSegment]:
    for seg in segments:
        if seg.span.start >= span.end:
            break
        if seg.span.end > span.start:
            yield seg
