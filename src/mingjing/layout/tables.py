"""Table geometry of a source .docx, so table text is laid out as a table again.

The reader (:mod:`mingjing.ingest.docx`) flattens tables into paragraphs with ``Region.TABLE`` and
``Paragraph.xml_index``; this module reads the same package again and tells, for each such
paragraph, which table, row and cell it came from, and the grid (column widths, merged cells).
Nested tables are folded into the cell that holds them: their paragraphs stay in reading order.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from mingjing.layout.plan import CellRef
from mingjing.wordml import (
    w as _w,
)

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell of a source row: how many grid columns it spans and its vertical merge state."""

    span: int = 1
    vmerge: str | None = None  # "restart", "continue" or None


@dataclass(frozen=True, slots=True)
class TableGrid:
    """Column widths (twips, as the source wrote them) and the cells of each row."""

    widths: tuple[int, ...]
    rows: tuple[tuple[GridCell, ...], ...]


@dataclass(frozen=True, slots=True)
class SourceTables:
    grids: tuple[TableGrid, ...]
    cells: dict[int, CellRef]


def _main_part(zf: zipfile.ZipFile) -> str:
    try:
        rels = etree.fromstring(zf.read("_rels/.rels"))
    except (KeyError, etree.XMLSyntaxError):
        return "word/document.xml"
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") == _OFFICE_DOC:
            return posixpath.normpath(rel.get("Target", "word/document.xml").lstrip("/"))
    return "word/document.xml"


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    out: list[etree._Element] = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _w("customXml"):
            out.extend(_children(child, tag))
    return out


def _deleted(tr: etree._Element) -> bool:
    trpr = tr.find(_w("trPr"))
    return trpr is not None and trpr.find(_w("del")) is not None


def _cell(tc: etree._Element) -> GridCell:
    tcpr = tc.find(_w("tcPr"))
    if tcpr is None:
        return GridCell()
    span_el = tcpr.find(_w("gridSpan"))
    span = _int(span_el.get(_w("val")) if span_el is not None else None, 1)
    vm = tcpr.find(_w("vMerge"))
    vmerge = None if vm is None else (vm.get(_w("val")) or "continue")
    return GridCell(max(1, span), vmerge)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_tables(data: bytes) -> SourceTables:
    """Tables of the .docx ``data`` and the cell of every paragraph inside them.

    Keys of ``cells`` are ordinals of ``w:p`` in ``body.iter(w:p)``: ``Paragraph.xml_index``.
    A package that cannot be read gives no tables (the text is then laid out as paragraphs).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read(_main_part(zf)))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        return SourceTables((), {})
    body = root.find(_w("body"))
    if body is None:
        return SourceTables((), {})
    index = {p: i for i, p in enumerate(body.iter(_w("p")))}
    grids: list[TableGrid] = []
    cells: dict[int, CellRef] = {}
    for tbl in body.iter(_w("tbl")):
        if any(a.tag == _w("tbl") for a in tbl.iterancestors()):
            continue  # nested: its paragraphs belong to the outer cell
        t = len(grids)
        grid_el = tbl.find(_w("tblGrid"))
        cols = grid_el.findall(_w("gridCol")) if grid_el is not None else []
        widths = tuple(_int(g.get(_w("w")), 0) for g in cols)
        rows: list[tuple[GridCell, ...]] = []
        for tr in _children(tbl, _w("tr")):
            if _deleted(tr):
                continue
            r = len(rows)
            row: list[GridCell] = []
            for c, tc in enumerate(_children(tr, _w("tc"))):
                row.append(_cell(tc))
                for p in tc.iter(_w("p")):
                    if p in index:
                        cells[index[p]] = CellRef(t, r, c)
            rows.append(tuple(row))
        if not widths:
            n = max((sum(c.span for c in row) for row in rows), default=1)
            widths = (1,) * n
        grids.append(TableGrid(widths, tuple(rows)))
    return SourceTables(tuple(grids), cells)
