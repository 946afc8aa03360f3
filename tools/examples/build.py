"""Build mingjing's bundled example materials and the PDF-pasted test variants from their sources.

Usage (from the repository root)::

    .venv/bin/python tools/examples/build.py            # rewrite examples/ and tests/data/...
    .venv/bin/python tools/examples/build.py --check    # build into a temp dir, compare, exit 1 on drift
    .venv/bin/python tools/examples/build.py --root DIR # write the same tree under DIR

Sources live in ``tools/examples/sources/*.txt`` (UTF-8). Each starts with ``#! key: value``
header lines:

``output``    path of the generated file, relative to the repository root
``format``    ``txt`` | ``md`` | ``docx``
``encoding``  for txt/md: ``utf-8`` (default) or ``gb18030``
``newline``   for txt/md: ``lf`` (default) or ``crlf``
``numbering`` for docx: ``literal`` (labels typed in the text, default) or ``auto`` (Word
              auto-numbering from numbering.xml; the source lines then carry no labels)

The body is one paragraph per line. ``{{NBSP}}`` and ``{{IDSP}}`` stand for U+00A0 and U+3000
so that the planted white-space defects stay visible in the sources. For txt/md the body is
written as it is. For docx a line may start with a directive:

``@title``    document title (公文标题)
``@sub``      centred line under the title (name, post, date)
``@h1``       level-1 heading (黑体); with ``numbering: auto`` it gets the ``%1、`` label
``@h2``       level-2 heading (楷体); with ``numbering: auto`` it gets the ``（%2）`` label
``@p2``       body paragraph numbered at level 2 (auto) whose first run, up to ``||``, is set
              in 楷体 like a heading: "heading and text on one line"
``@li``       body paragraph numbered at level 3 (auto): an item with the ``%3.`` label
``@right``    right-aligned line (signature, date)
``@table`` … ``@endtable``  a table, one row per line, cells separated by ``|``
(no directive) body paragraph (仿宋, first-line indent two characters)

Blank lines are ignored in docx. Output is deterministic: fixed core properties and zip
timestamps, so running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SOURCES = HERE / "sources"

TOKENS = {"{{NBSP}}": "\u00a0", "{{IDSP}}": "\u3000"}

FIXED_ZIP_TIME = (2024, 1, 10, 9, 0, 0)
NUM_ID = 90  # our w:num / w:abstractNum ids, clear of the template's own definitions

FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_LATIN = "Times New Roman"


@dataclass(frozen=True, slots=True)
class Source:
    """One source file: its header settings and its body lines."""

    path: Path
    output: str
    format: str
    encoding: str = "utf-8"
    newline: str = "lf"
    numbering: str = "literal"
    lines: tuple[str, ...] = field(default=())


def expand(line: str) -> str:
    for token, char in TOKENS.items():
        line = line.replace(token, char)
    return line


def load_source(path: Path) -> Source:
    header: dict[str, str] = {}
    body: list[str] = []
    in_header = True
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if in_header and raw.startswith("#! "):
            key, _, value = raw[3:].partition(":")
            header[key.strip()] = value.strip()
            continue
        in_header = False
        body.append(expand(raw))
    while body and body[-1] == "":
        body.pop()
    while body and body[0] == "":
        body.pop(0)
    return Source(
        path=path,
        output=header["output"],
        format=header["format"],
        encoding=header.get("encoding", "utf-8"),
        newline=header.get("newline", "lf"),
        numbering=header.get("numbering", "literal"),
        lines=tuple(body),
    )


# --------------------------------------------------------------------------- plain text


def write_text(src: Source, target: Path) -> None:
    eol = "\r\n" if src.newline == "crlf" else "\n"
    text = eol.join(src.lines) + eol
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(src.encoding))


# --------------------------------------------------------------------------- docx


def _set_fonts(rpr_owner: object, east_asia: str, size: float | None = None) -> None:
    """Set Latin and East-Asian fonts (python-docx only sets the Latin ones)."""
    font = rpr_owner.font  # type: ignore[attr-defined]
    font.name = FONT_LATIN
    if size is not None:
        font.size = Pt(size)
    rpr = rpr_owner.element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), FONT_LATIN)
    rfonts.set(qn("w:hAnsi"), FONT_LATIN)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _para_format(style: object, *, indent: bool, align: object | None = None) -> None:
    pf = style.paragraph_format  # type: ignore[attr-defined]
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.first_line_indent = Pt(32) if indent else Pt(0)
    if align is not None:
        pf.alignment = align


def _outline_level(style: object, level: int) -> None:
    ppr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    el = ppr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(level)})
    ppr.append(el)


def _setup_styles(document: docx.document.Document) -> dict[str, str]:
    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(normal, FONT_BODY, 16)
    _para_format(normal, indent=False)

    def add(name: str, east_asia: str, size: float, *, indent: bool, align: object = None) -> str:
        style = styles.add_style(name, 1)  # WD_STYLE_TYPE.PARAGRAPH
        style.base_style = normal
        _set_fonts(style, east_asia, size)
        _para_format(style, indent=indent, align=align)
        return name

    names = {
        "title": add("公文标题", FONT_TITLE, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER),
        "sub": add("公文副标题", FONT_H2, 16, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER),
        "h1": add("公文一级标题", FONT_H1, 16, indent=True),
        "h2": add("公文二级标题", FONT_H2, 16, indent=True),
        "body": add("公文正文", FONT_BODY, 16, indent=True),
        "right": add("公文落款", FONT_BODY, 16, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT),
        "cell": add("表格文字", FONT_BODY, 12, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER),
    }
    _outline_level(styles[names["h1"]], 0)
    _outline_level(styles[names["h2"]], 1)
    # The title must not inherit the body's exact 28 pt line height at 22 pt size.
    styles[names["title"]].paragraph_format.line_spacing = Pt(36)
    styles[names["title"]].paragraph_format.space_after = Pt(14)
    return names


NUMBERING_LEVELS = (
    # (ilvl, numFmt, lvlText)
    (0, "chineseCounting", "%1、"),
    (1, "chineseCounting", "（%2）"),
    (2, "decimal", "%3."),
    (3, "decimal", "（%4）"),
)


def _add_numbering(document: docx.document.Document) -> None:
    """Define the 公文 heading list (一、 → （一） → 1. → （1）) in numbering.xml."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        # Children in schema order (CT_Lvl): start, numFmt, suff, lvlText, lvlJc, pPr.
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for ilvl, fmt, text in NUMBERING_LEVELS
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
        f'<w:nsid w:val="5A3C1E90"/><w:multiLevelType w:val="multilevel"/>'
        f"{levels}</w:abstractNum>"
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def _number(paragraph: object, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    numpr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'
    )
    pstyle = ppr.find(qn("w:pStyle"))
    if pstyle is not None:
        pstyle.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def _run(paragraph: object, text: str, east_asia: str | None = None) -> None:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    if east_asia is not None:
        _set_fonts(run, east_asia)


def _table(document: docx.document.Document, rows: list[list[str]], cell_style: str) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.paragraphs[0].style = document.styles[cell_style]
            if value:
                _run(cell.paragraphs[0], value, FONT_H1 if r == 0 else None)


def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)


def _fix_core(document: docx.document.Document, title: str) -> None:
    import datetime as dt

    core = document.core_properties
    stamp = dt.datetime(2024, 1, 10, 9, 0, 0)
    core.author = "澂岺镇党政综合办公室"
    core.last_modified_by = "澂岺镇党政综合办公室"
    core.title = title
    core.created = stamp
    core.modified = stamp
    core.revision = 1
    core.comments = "本材料为虚构示例（mingjing examples）"


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so the output is byte-reproducible."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def write_docx(src: Source, target: Path) -> None:
    document = docx.Document()
    names = _setup_styles(document)
    _page_setup(document)
    auto = src.numbering == "auto"
    if auto:
        _add_numbering(document)
    title = ""
    table_rows: list[list[str]] | None = None
    for line in src.lines:
        if table_rows is not None:
            if line.strip() == "@endtable":
                _table(document, table_rows, names["cell"])
                table_rows = None
            else:
                table_rows.append([cell.strip() for cell in line.split("|")])
            continue
        if not line.strip():
            continue
        directive, _, rest = line.partition(" ") if line.startswith("@") else ("", "", line)
        if directive == "@table":
            table_rows = []
            continue
        if directive == "@title":
            title = title or rest
            document.add_paragraph(rest, style=names["title"])
        elif directive == "@sub":
            document.add_paragraph(rest, style=names["sub"])
        elif directive == "@right":
            document.add_paragraph(rest, style=names["right"])
        elif directive in ("@h1", "@h2"):
            p = document.add_paragraph(rest, style=names[directive[1:]])
            if auto:
                _number(p, 0 if directive == "@h1" else 1)
        elif directive == "@li":
            p = document.add_paragraph(rest, style=names["body"])
            if auto:
                _number(p, 2)
        elif directive == "@p2":
            head, sep, tail = rest.partition("||")
            p = document.add_paragraph(style=names["body"])
            _run(p, head, FONT_H2)
            if sep:
                _run(p, tail)
            if auto:
                _number(p, 1)
        elif directive == "":
            document.add_paragraph(rest, style=names["body"])
        else:
            raise SystemExit(f"{src.path.name}: unknown directive {directive!r}")
    if table_rows is not None:
        raise SystemExit(f"{src.path.name}: @table without @endtable")
    _fix_core(document, title)
    buffer = io.BytesIO()
    document.save(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_normalise_zip(buffer.getvalue()))


def docx_paragraph_texts(src: Source) -> list[str]:
    """The text of each paragraph a docx source produces (labels of auto-numbering excluded)."""
    texts: list[str] = []
    in_table = False
    for line in src.lines:
        if in_table:
            if line.strip() == "@endtable":
                in_table = False
            else:
                texts.extend(cell.strip() for cell in line.split("|"))
            continue
        if not line.strip():
            continue
        if line.startswith("@"):
            directive, _, rest = line.partition(" ")
            if directive == "@table":
                in_table = True
                continue
            texts.append(rest.replace("||", ""))
        else:
            texts.append(line)
    return texts


# --------------------------------------------------------------------------- PDF-pasted variants

#: Characters a PDF line never starts with (避头), so a wrap point is moved past them.
NO_LINE_START = "，。、；：？！”’）》〉】」』…—"
#: Characters a PDF line never ends with (避尾).
NO_LINE_END = "“‘（《〈【「『"
#: Line starts that would look like a heading or an item marker; a wrap point avoids them.
MARKER_STARTS = (
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "第一",
    "第二",
    "第三",
    "首先",
    "其次",
    "最后",
)


def _bad_start(rest: str) -> bool:
    if not rest:
        return False
    if rest[0] in NO_LINE_START or rest[0] in "（(" or rest[0].isdigit():
        return True
    if rest[0] in "一二三四五六七八九十" and len(rest) > 1 and rest[1] in "、是":
        return True
    return rest.startswith(MARKER_STARTS)


def hard_wrap(paragraph: str, rng: random.Random) -> list[str]:
    """Break one paragraph into lines of 28–34 characters, as a PDF viewer's copy does."""
    lines: list[str] = []
    rest = paragraph
    while len(rest) > 34:
        width = rng.randint(28, 34)
        # Move the break so that the next line starts like running text, within 28–34.
        candidates = [width, *range(28, 35)]
        cut = next(
            (w for w in candidates if not _bad_start(rest[w:]) and rest[w - 1] not in NO_LINE_END),
            width,
        )
        lines.append(rest[:cut])
        rest = rest[cut:]
    lines.append(rest)
    return lines


@dataclass(frozen=True, slots=True)
class PdfVariant:
    """How one material looks when copied out of a PDF viewer."""

    output: str
    seed: int
    page_number: str  # format with {n}
    header: str | None
    lines_per_page: int = 22


def pdf_pasted(paragraphs: Iterable[str], variant: PdfVariant) -> str:
    rng = random.Random(variant.seed)
    body: list[str] = []
    for para in paragraphs:
        if para.strip():
            body.extend(hard_wrap(para, rng))
    out: list[str] = []
    page = 1
    for start in range(0, len(body), variant.lines_per_page):
        if variant.header:
            out.append(variant.header)
        out.extend(body[start : start + variant.lines_per_page])
        out.append(variant.page_number.format(n=page))
        page += 1
    return "\n".join(out) + "\n"


PDF_VARIANTS: tuple[tuple[str, PdfVariant], ...] = (
    (
        "组织委员_殳晓岚_2023.txt",  # source file in tools/examples/sources
        PdfVariant(
            output="tests/data/pdf_pasted/组织委员_殳晓岚_对照检查材料_2023_无缺陷.pdf.txt",
            seed=2023,
            page_number="- {n} -",
            header="澂岺镇党委主题教育专题民主生活会材料",
        ),
    ),
    (
        "tests/data/materials/m06_标题块_无分部.txt",  # a hand-written test document
        PdfVariant(
            output="tests/data/pdf_pasted/m06_标题块_无分部.pdf.txt",
            seed=6,
            page_number="— {n} —",
            header=None,
        ),
    ),
)


def _paragraphs_for_pdf(name: str, sources: dict[str, Source]) -> list[str]:
    if name in sources:
        src = sources[name]
        if src.format == "docx":
            return docx_paragraph_texts(src)
        return list(src.lines)
    text = (REPO / name).read_bytes().decode("utf-8")
    return text.replace("\r\n", "\n").split("\n")


# --------------------------------------------------------------------------- driver


def build(root: Path) -> list[Path]:
    """Write every generated file under ``root``; return their paths."""
    sources = {p.name: load_source(p) for p in sorted(SOURCES.glob("*.txt"))}
    written: list[Path] = []
    for src in sources.values():
        target = root / src.output
        if src.format == "docx":
            write_docx(src, target)
        elif src.format in ("txt", "md"):
            write_text(src, target)
        else:
            raise SystemExit(f"{src.path.name}: unknown format {src.format!r}")
        written.append(target)
    for name, variant in PDF_VARIANTS:
        target = root / variant.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf_pasted(_paragraphs_for_pdf(name, sources), variant).encode())
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--root", type=Path, default=REPO, help="tree to write into")
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args(argv)
    if not args.check:
        for path in build(args.root):
            print(path.relative_to(args.root))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build(Path(tmp))
        drift = [
            p.relative_to(tmp)
            for p in fresh
            if not (REPO / p.relative_to(tmp)).exists()
            or (REPO / p.relative_to(tmp)).read_bytes() != p.read_bytes()
        ]
    for rel in drift:
        print(f"differs: {rel}")
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
