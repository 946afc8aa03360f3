"""GB/T 9704-2012 layout: a correctly set Word document from any material (``mingjing format``).

The parsed structure decides each paragraph's role (:mod:`~mingjing.layout.plan`), the role decides
its format (:mod:`~mingjing.layout.spec`), and :mod:`~mingjing.layout.ooxml` writes the package.
Wording is never changed unless an option asks for it; :func:`paragraph_texts` is the promise:
``paragraph_texts(read(output)) == paragraph_texts(input)``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mingjing.document import Document, Region, SourceFormat
from mingjing.errors import InputError
from mingjing.layout.ooxml import write_docx
from mingjing.layout.plan import (
    Block,
    CellRef,
    Change,
    ChangeKind,
    Face,
    LayoutOptions,
    LayoutPlan,
    Role,
    Segment,
    StructureUnclearError,
    paragraph_texts,
    plan_layout,
)
from mingjing.layout.spec import FONT_SETS, FontSet, Style
from mingjing.layout.tables import SourceTables, read_tables
from mingjing.structure import parse

__all__ = [
    "FONT_SETS",
    "Block",
    "CellRef",
    "Change",
    "ChangeKind",
    "Face",
    "FontSet",
    "FormatResult",
    "LayoutOptions",
    "LayoutPlan",
    "Role",
    "Segment",
    "SourceTables",
    "StructureUnclearError",
    "Style",
    "default_output",
    "format_document",
    "format_file",
    "paragraph_texts",
    "plan_layout",
    "source_tables",
]

MSG = {
    "same_file": "输出文件不能是输入文件本身（明镜从不改动原文件），请用 -o 指定另一个文件名",
    "write_failed": "无法写入输出文件：{error}",
    "out_suffix": "输出文件应以 .docx 结尾",
}

_LEGACY = (SourceFormat.DOC, SourceFormat.WPS, SourceFormat.RTF, SourceFormat.ODT)


@dataclass(frozen=True, slots=True)
class FormatResult:
    """The written package and the plan it was written from (changes, warnings, roles)."""

    data: bytes
    plan: LayoutPlan


def source_tables(doc: Document) -> SourceTables | None:
    """Table geometry of the file ``doc`` was read from, when it has tables (else None).

    A .doc/.wps/.rtf/.odt source is converted again with LibreOffice (only when it has tables).
    """
    if doc.path is None or not any(p.region is Region.TABLE for p in doc.paragraphs):
        return None
    if doc.format is SourceFormat.DOCX:
        return read_tables(doc.path.read_bytes())
    if doc.format in _LEGACY:
        from mingjing.ingest.legacy import convert_to_docx

        with tempfile.TemporaryDirectory(prefix="mingjing-fmt-", ignore_cleanup_errors=True) as tmp:
            converted = convert_to_docx(doc.path, doc.format, Path(tmp))
            return read_tables(converted.read_bytes())
    return None


def format_document(
    doc: Document,
    options: LayoutOptions | None = None,
    fonts: FontSet | None = None,
    tables: SourceTables | None = None,
) -> FormatResult:
    """Lay ``doc`` out per GB/T 9704 and return the .docx bytes with the plan behind them."""
    opts = options or LayoutOptions()
    plan = plan_layout(parse(doc), opts, tables.cells if tables else None)
    data = write_docx(
        plan, fonts or FONT_SETS["gb2312"], opts.style, tables.grids if tables else ()
    )
    return FormatResult(data, plan)


def default_output(path: Path) -> Path:
    """``材料.docx`` → ``材料_公文格式.docx`` next to the input."""
    return path.with_name(f"{path.stem}_公文格式.docx")


def format_file(
    doc: Document,
    out: Path,
    options: LayoutOptions | None = None,
    fonts: FontSet | None = None,
) -> FormatResult:
    """Format ``doc`` (already read) and write the result to ``out`` (never onto the input)."""
    if out.suffix.lower() != ".docx":
        raise InputError(MSG["out_suffix"], out)
    if doc.path is not None and out.exists() and os.path.samefile(out, doc.path):
        raise InputError(MSG["same_file"], out)
    result = format_document(doc, options, fonts, source_tables(doc))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(result.data)
        tmp.replace(out)
    except OSError as exc:
        raise InputError(MSG["write_failed"].format(error=exc.strerror or exc), out) from exc
    return result
