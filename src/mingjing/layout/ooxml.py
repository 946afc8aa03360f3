"""Write a :class:`~mingjing.layout.plan.LayoutPlan` as a .docx package built from scratch.

The package is generated in code, not from a template file: no theme part (so no theme-font
attributes anywhere), styles that already carry the GB/T 9704 parameters, and every run with
explicit ``w:rFonts`` (``eastAsia`` = the face's official name, ``ascii``/``hAnsi``/``cs`` =
Times New Roman, ``w:hint="eastAsia"`` when the run holds Chinese text or punctuation), so Word and
WPS never fall back to a Latin or Japanese theme font. Elements are written in the order the
WordprocessingML schema requires, since Word refuses files that break it. Output is
deterministic: the same plan gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence

from lxml import etree

from mingjing.layout import spec
from mingjing.layout.measure import em_width, signature_indents, title_wrap
from mingjing.layout.plan import Block, CellRef, Face, LayoutPlan, Role, Segment
from mingjing.layout.spec import FontSet, Style
from mingjing.layout.tables import TableGrid
from mingjing.wordml import (
    CT_NS,
    PKG_REL_NS,
    R_NS,
    W_NS,
    XML_NS,
)

NSMAP = {"w": W_NS, "r": R_NS}

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."

#: Characters that make Word and WPS pick the East-Asian font only when the run says so
#: (General Punctuation “ ” ‘ ’ — … and Latin-1 · × ÷ §), plus everything CJK.
_EAST_ASIAN = re.compile(
    "[\u00a7\u00b7\u00d7\u00f7\u2010-\u206f\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff"
    "\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)

STYLE_IDS: dict[Role, str] = {
    Role.TITLE: "GwTitle",
    Role.SUBTITLE: "GwByline",
    Role.HEADING_1: "GwHeading1",
    Role.HEADING_2: "GwHeading2",
    Role.HEADING_3: "GwHeading3",
    Role.HEADING_4: "GwHeading4",
    Role.BODY: "GwBody",
    Role.CLOSING: "GwBody",
    Role.SIGNATURE: "GwSignature",
    Role.DATE: "GwDate",
    Role.TABLE: "GwTableText",
}
STYLE_NAMES = {
    "GwTitle": "公文标题",
    "GwByline": "公文署名行",
    "GwHeading1": "公文一级标题",
    "GwHeading2": "公文二级标题",
    "GwHeading3": "公文三级标题",
    "GwHeading4": "公文四级标题",
    "GwBody": "公文正文",
    "GwSignature": "公文落款",
    "GwDate": "公文成文日期",
    "GwTableText": "公文表格文字",
    "GwPageNumber": "公文页码",
}


def q(name: str) -> str:
    """Qualified name in the w: namespace."""
    return f"{{{W_NS}}}{name}"


def el(parent: etree._Element, tag: str, /, **attrs: str | int) -> etree._Element:
    """A w: child of ``parent``; keyword arguments become w: attributes."""
    node = etree.SubElement(parent, q(tag))
    for key, value in attrs.items():
        node.set(q(key), str(value))
    return node


def face_font(fonts: FontSet, face: Face) -> str:
    return {
        Face.TITLE: fonts.title,
        Face.HEI: fonts.hei,
        Face.KAI: fonts.kai,
        Face.FANG: fonts.body,
    }[face]


def rfonts(parent: etree._Element, east: str, latin: str, *, hint: bool = False) -> etree._Element:
    attrs: dict[str, str | int] = {"ascii": latin, "hAnsi": latin, "eastAsia": east, "cs": latin}
    if hint:
        attrs["hint"] = "eastAsia"
    return el(parent, "rFonts", **attrs)


def rpr(
    parent: etree._Element,
    east: str,
    latin: str,
    size: int,
    *,
    bold: bool = False,
    condense: int = 0,
    hint: bool = False,
) -> etree._Element:
    """A ``w:rPr`` (children in schema order: rFonts, b, bCs, spacing, sz, szCs)."""
    node = el(parent, "rPr")
    rfonts(node, east, latin, hint=hint)
    if bold:
        el(node, "b")
        el(node, "bCs")
    if condense:
        el(node, "spacing", val=condense)
    el(node, "sz", val=size)
    el(node, "szCs", val=size)
    return node


def needs_hint(text: str) -> bool:
    return _EAST_ASIAN.search(text) is not None


def run_content(run: etree._Element, text: str) -> None:
    """Text as ``w:t``, with tabs and line breaks as ``w:tab`` / ``w:br``."""
    for piece in re.split(r"([\t\n])", text):
        if piece == "\t":
            el(run, "tab")
        elif piece == "\n":
            el(run, "br")
        elif piece:
            t = el(run, "t")
            t.text = piece
            t.set(f"{{{XML_NS}}}space", "preserve")


# --- styles ----------------------------------------------------------------------------------------


def _ppr_base(parent: etree._Element) -> None:
    el(parent, "widowControl", val=0)
    # No extra space between Chinese and Latin text or digits: it would push lines under 28.
    el(parent, "autoSpaceDE", val=0)
    el(parent, "autoSpaceDN", val=0)
    el(parent, "spacing", before=0, after=0, line=spec.LINE_PITCH, lineRule="exact")
    el(parent, "jc", val="both")


def _style(
    root: etree._Element,
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    default: bool = False,
    ui: int | None = None,
    hidden: bool = False,
) -> etree._Element:
    node = el(root, "style", type=kind, styleId=style_id)
    if default:
        node.set(q("default"), "1")
    el(node, "name", val=name)
    if based_on:
        el(node, "basedOn", val=based_on)
    if kind == "paragraph" and not hidden:
        el(node, "next", val="GwBody" if style_id.startswith("Gw") else style_id)
    if ui is not None:
        el(node, "uiPriority", val=ui)
    if hidden:
        el(node, "semiHidden")
        el(node, "unhideWhenUsed")
    else:
        el(node, "qFormat")
    return node


def styles_xml(fonts: FontSet, style: Style) -> etree._Element:
    root = etree.Element(q("styles"), nsmap=NSMAP)
    defaults = el(root, "docDefaults")
    rd = el(el(defaults, "rPrDefault"), "rPr")
    rfonts(rd, fonts.body, fonts.latin)
    el(rd, "kern", val=0)
    el(rd, "sz", val=spec.SIZE_BODY)
    el(rd, "szCs", val=spec.SIZE_BODY)
    el(rd, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    _ppr_base(el(el(defaults, "pPrDefault"), "pPr"))

    normal = _style(root, "paragraph", "Normal", "Normal", default=True)
    _ppr_base(el(normal, "pPr"))
    rpr(normal, fonts.body, fonts.latin, spec.SIZE_BODY, condense=spec.BODY_CONDENSE)
    _style(
        root,
        "character",
        "DefaultParagraphFont",
        "Default Paragraph Font",
        default=True,
        ui=1,
        hidden=True,
    )
    table_normal = _style(
        root, "table", "TableNormal", "Normal Table", default=True, ui=99, hidden=True
    )
    tpr = el(table_normal, "tblPr")
    el(tpr, "tblInd", w=0, type="dxa")
    mar = el(tpr, "tblCellMar")
    for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        el(mar, side, w=width, type="dxa")

    common = style is Style.COMMON

    def para_style(
        style_id: str,
        *,
        east: str,
        size: int = spec.SIZE_BODY,
        condense: int = spec.BODY_CONDENSE,
        bold: bool = False,
        indent: bool = True,
        jc: str | None = None,
        outline: int | None = None,
        line: int | None = None,
    ) -> None:
        node = _style(root, "paragraph", style_id, STYLE_NAMES[style_id], based_on="Normal")
        ppr = el(node, "pPr")
        if line is not None:
            el(ppr, "spacing", before=0, after=0, line=line, lineRule="exact")
        if indent:
            el(ppr, "ind", firstLineChars=spec.INDENT_CHARS, firstLine=spec.INDENT_TWIPS)
        else:
            el(ppr, "ind", firstLineChars=0, firstLine=0)
        if jc:
            el(ppr, "jc", val=jc)
        if outline is not None:
            el(ppr, "outlineLvl", val=outline)
        rpr(node, east, fonts.latin, size, bold=bold, condense=condense)

    para_style(
        "GwTitle", east=fonts.title, size=spec.SIZE_TITLE, condense=0, indent=False, jc="center"
    )
    para_style("GwByline", east=fonts.kai, indent=False, jc="center")
    para_style("GwHeading1", east=fonts.hei, outline=0)
    para_style("GwHeading2", east=fonts.kai, bold=common, outline=1)
    para_style("GwHeading3", east=fonts.body, bold=common, outline=2)
    para_style("GwHeading4", east=fonts.body, outline=3)
    para_style("GwBody", east=fonts.body)
    para_style("GwSignature", east=fonts.body, indent=False, jc="right")
    para_style("GwDate", east=fonts.body, indent=False, jc="right")
    para_style(
        "GwTableText",
        east=fonts.body,
        size=spec.SIZE_TABLE,
        condense=0,
        indent=False,
        jc="center",
        line=spec.TABLE_PITCH,
    )
    para_style(
        "GwPageNumber",
        east=fonts.song,
        size=spec.SIZE_PAGE_NUMBER,
        condense=0,
        indent=False,
        line=spec.PAGE_NUMBER_PITCH,
    )
    return root


# --- settings, fonts, footers ----------------------------------------------------------------------


def settings_xml() -> etree._Element:
    root = etree.Element(q("settings"), nsmap=NSMAP)
    el(root, "zoom", percent=100)
    el(root, "defaultTabStop", val=420)
    el(root, "evenAndOddHeaders")
    el(root, "characterSpacingControl", val="doNotCompress")
    compat = el(root, "compat")
    el(
        compat,
        "compatSetting",
        name="compatibilityMode",
        uri="http://schemas.microsoft.com/office/word",
        val=15,
    )
    el(root, "themeFontLang", val="en-US", eastAsia="zh-CN")
    el(root, "decimalSymbol", val=".")
    el(root, "listSeparator", val=",")
    return root


def font_table_xml(fonts: FontSet) -> etree._Element:
    root = etree.Element(q("fonts"), nsmap=NSMAP)
    latin = el(root, "font", name=fonts.latin)
    el(latin, "panose1", val="02020603050405020304")
    el(latin, "charset", val="00")
    el(latin, "family", val="roman")
    el(latin, "pitch", val="variable")
    seen: set[str] = set()
    for name, family in (
        (fonts.body, "modern"),
        (fonts.kai, "modern"),
        (fonts.hei, "modern"),
        (fonts.song, "auto"),
        (fonts.title, "auto"),
    ):
        if name in seen:
            continue
        seen.add(name)
        node = el(root, "font", name=name)
        alt = spec.ALT_NAMES.get(name)
        if alt:
            el(node, "altName", val=alt)
        el(node, "charset", val="86")
        el(node, "family", val=family)
        el(node, "pitch", val="variable" if family == "auto" else "fixed")
    return root


def footer_xml(fonts: FontSet, odd: bool) -> etree._Element:
    """Page number ``— N —``: 4号宋体, odd pages right and even pages left, one character in."""
    root = etree.Element(q("ftr"), nsmap=NSMAP)
    p = el(root, "p")
    ppr = el(p, "pPr")
    el(ppr, "pStyle", val="GwPageNumber")
    if odd:
        el(ppr, "ind", rightChars=100, right=spec.SIZE_PAGE_NUMBER * 10)
        el(ppr, "jc", val="right")
    else:
        el(ppr, "ind", leftChars=100, left=spec.SIZE_PAGE_NUMBER * 10)
        el(ppr, "jc", val="left")

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = el(p, "r")
        hint = bool(text and needs_hint(text))
        rpr(r, fonts.song, fonts.song, spec.SIZE_PAGE_NUMBER, hint=hint)
        if fld:
            el(r, "fldChar", fldCharType=fld)
        elif instr:
            node = el(r, "instrText")
            node.text = instr
            node.set(f"{{{XML_NS}}}space", "preserve")
        elif text:
            run_content(r, text)

    run("\u2014 ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" \u2014")
    return root


# --- the body --------------------------------------------------------------------------------------


class _BodyWriter:
    def __init__(
        self, plan: LayoutPlan, fonts: FontSet, style: Style, grids: Sequence[TableGrid]
    ) -> None:
        self.plan = plan
        self.fonts = fonts
        self.style = style
        self.grids = grids

    def runs(self, p: etree._Element, segments: Sequence[Segment], role: Role) -> None:
        size = {Role.TITLE: spec.SIZE_TITLE, Role.TABLE: spec.SIZE_TABLE}.get(role, spec.SIZE_BODY)
        condense = 0 if role in (Role.TITLE, Role.TABLE) else spec.BODY_CONDENSE
        for seg in segments:
            r = el(p, "r")
            east = face_font(self.fonts, seg.face)
            bold = seg.bold and seg.face not in (Face.HEI, Face.TITLE)
            rpr(
                r,
                east,
                self.fonts.latin,
                size,
                bold=bold,
                condense=condense,
                hint=needs_hint(seg.text),
            )
            run_content(r, seg.text)

    def paragraph(
        self,
        parent: etree._Element,
        block: Block,
        *,
        before: int = 0,
        right_chars: float | None = None,
    ) -> None:
        p = el(parent, "p")
        ppr = el(p, "pPr")
        el(ppr, "pStyle", val=STYLE_IDS[block.role])
        if before:
            el(ppr, "spacing", before=before, after=0, line=spec.LINE_PITCH, lineRule="exact")
        if block.role is Role.TITLE:
            wrap = title_wrap(block.text, spec.TYPE_WIDTH / 20 / spec.PT_TITLE)
            if wrap is not None:
                # Narrow the line so the title breaks where title_wrap chose (centred, balanced).
                width = (wrap.width + 0.25) * spec.PT_TITLE * 20
                side = max(0, int((spec.TYPE_WIDTH - width) / 2))
                el(ppr, "ind", left=side, right=side, firstLine=0)
        elif right_chars is not None:
            hundredths = round(right_chars * 100)
            el(ppr, "ind", rightChars=hundredths, right=round(right_chars * spec.SIZE_BODY * 10))
        self.runs(p, block.segments, block.role)

    def table(
        self, parent: etree._Element, grid: TableGrid, cells: dict[CellRef, list[Block]], t: int
    ) -> list[Block]:
        """Write table ``t``; returns blocks whose cell the grid does not have (kept as text)."""
        placed: set[CellRef] = set()
        tbl = el(parent, "tbl")
        tpr = el(tbl, "tblPr")
        el(tpr, "tblW", w=spec.TYPE_WIDTH, type="dxa")
        el(tpr, "jc", val="center")
        borders = el(tpr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el(borders, side, val="single", sz=4, space=0, color="000000")
        el(tpr, "tblLayout", type="fixed")
        el(
            tpr,
            "tblLook",
            val="04A0",
            firstRow=1,
            lastRow=0,
            firstColumn=1,
            lastColumn=0,
            noHBand=0,
            noVBand=1,
        )
        total = sum(grid.widths) or 1
        widths = [max(1, round(w * spec.TYPE_WIDTH / total)) for w in grid.widths]
        tg = el(tbl, "tblGrid")
        for w in widths:
            el(tg, "gridCol", w=w)
        for r, row in enumerate(grid.rows):
            tr = el(tbl, "tr")
            col = 0
            for c, cell in enumerate(row):
                tc = el(tr, "tc")
                tcpr = el(tc, "tcPr")
                span_w = sum(widths[col : col + cell.span]) or widths[-1]
                col += cell.span
                el(tcpr, "tcW", w=span_w, type="dxa")
                if cell.span > 1:
                    el(tcpr, "gridSpan", val=cell.span)
                if cell.vmerge == "restart":
                    el(tcpr, "vMerge", val="restart")
                elif cell.vmerge == "continue":
                    el(tcpr, "vMerge")
                el(tcpr, "vAlign", val="center")
                ref = CellRef(t, r, c)
                placed.add(ref)
                blocks = cells.get(ref, [])
                for block in blocks:
                    self.paragraph(tc, block)
                if not blocks:
                    p = el(tc, "p")
                    el(el(p, "pPr"), "pStyle", val=STYLE_IDS[Role.TABLE])
        return [b for ref, bs in cells.items() if ref not in placed for b in bs]

    def body(self, body: etree._Element) -> None:
        blocks = list(self.plan.blocks)
        # Signature block indents, computed from the whole group of signature and date lines.
        names = [b.text for b in blocks if b.role is Role.SIGNATURE]
        dates = [b.text for b in blocks if b.role is Role.DATE]
        longest = max(names, key=em_width) if names else None
        name_right, date_right = signature_indents(longest, dates[-1] if dates else None)
        emitted_tables: set[int] = set()
        in_title_block = True
        prev_role: Role | None = None
        for i, block in enumerate(blocks):
            if block.cell is not None and block.cell.table < len(self.grids):
                t = block.cell.table
                if t in emitted_tables:
                    continue
                emitted_tables.add(t)
                cells: dict[CellRef, list[Block]] = {}
                for b in blocks[i:]:
                    if b.cell is not None and b.cell.table == t:
                        cells.setdefault(b.cell, []).append(b)
                # Text the grid has no cell for is never dropped: it follows the table.
                for stray in self.table(body, self.grids[t], cells, t):
                    self.paragraph(body, stray)
                prev_role = Role.TABLE
                in_title_block = False
                continue
            before = 0
            if block.role in (Role.TITLE, Role.SUBTITLE) and in_title_block:
                pass
            elif in_title_block:
                in_title_block = False
                if prev_role is not None:
                    before = spec.LINE_PITCH  # one blank line below the title block
            if block.role in (Role.SIGNATURE, Role.DATE) and prev_role not in (
                Role.SIGNATURE,
                Role.DATE,
            ):
                before = spec.LINE_PITCH  # one blank line above the signature
            right: float | None = None
            if block.role is Role.SIGNATURE:
                right = name_right
            elif block.role is Role.DATE:
                right = date_right
            self.paragraph(body, block, before=before, right_chars=right)
            prev_role = block.role
        if prev_role is Role.TABLE or not blocks:
            el(body, "p")  # a body may not end with a table
        sect = el(body, "sectPr")
        ref = el(sect, "footerReference", type="default")
        ref.set(f"{{{R_NS}}}id", "rIdFooterOdd")
        ref = el(sect, "footerReference", type="even")
        ref.set(f"{{{R_NS}}}id", "rIdFooterEven")
        el(sect, "pgSz", w=spec.PAGE_WIDTH, h=spec.PAGE_HEIGHT)
        el(
            sect,
            "pgMar",
            top=spec.MARGIN_TOP,
            right=spec.MARGIN_RIGHT,
            bottom=spec.MARGIN_BOTTOM,
            left=spec.MARGIN_LEFT,
            header=spec.HEADER_DISTANCE,
            footer=spec.FOOTER_DISTANCE,
            gutter=0,
        )
        el(sect, "cols", space=425)
        el(sect, "docGrid", linePitch=spec.LINE_PITCH)


def document_xml(
    plan: LayoutPlan, fonts: FontSet, style: Style, grids: Sequence[TableGrid]
) -> etree._Element:
    root = etree.Element(q("document"), nsmap=NSMAP)
    body = el(root, "body")
    _BodyWriter(plan, fonts, style, grids).body(body)
    return root


# --- the package -----------------------------------------------------------------------------------


def _xml(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _content_types() -> bytes:
    defaults = (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    )
    overrides = (
        ("/word/document.xml", _CT_WML + "document.main+xml"),
        ("/word/styles.xml", _CT_WML + "styles+xml"),
        ("/word/settings.xml", _CT_WML + "settings+xml"),
        ("/word/fontTable.xml", _CT_WML + "fontTable+xml"),
        ("/word/footer1.xml", _CT_WML + "footer+xml"),
        ("/word/footer2.xml", _CT_WML + "footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    )
    items = [f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in defaults]
    items += [f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides]
    return (_XML_DECL + f'<Types xmlns="{CT_NS}">' + "".join(items) + "</Types>").encode()


def _rels(items: Sequence[tuple[str, str, str]]) -> bytes:
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"/>'
        for rid, rtype, target in items
    )
    return (_XML_DECL + f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>').encode()


def _core(title: str | None) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    node = etree.SubElement(root, f"{{{dc}}}title")
    node.text = title or ""
    node = etree.SubElement(root, f"{{{dc}}}creator")
    node.text = ""
    return _xml(root)


def _app() -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    return (
        _XML_DECL + f'<Properties xmlns="{ns}"><Application>mingjing</Application></Properties>'
    ).encode()


def package_parts(
    plan: LayoutPlan, fonts: FontSet, style: Style, grids: Sequence[TableGrid] = ()
) -> Iterator[tuple[str, bytes]]:
    """``(part name, bytes)`` of every part of the package, in writing order."""
    yield "[Content_Types].xml", _content_types()
    yield (
        "_rels/.rels",
        _rels(
            [
                ("rId1", _RT + "officeDocument", "word/document.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml",
                ),
                ("rId3", _RT + "extended-properties", "docProps/app.xml"),
            ]
        ),
    )
    yield "word/document.xml", _xml(document_xml(plan, fonts, style, grids))
    yield (
        "word/_rels/document.xml.rels",
        _rels(
            [
                ("rIdStyles", _RT + "styles", "styles.xml"),
                ("rIdSettings", _RT + "settings", "settings.xml"),
                ("rIdFonts", _RT + "fontTable", "fontTable.xml"),
                ("rIdFooterOdd", _RT + "footer", "footer1.xml"),
                ("rIdFooterEven", _RT + "footer", "footer2.xml"),
            ]
        ),
    )
    yield "word/styles.xml", _xml(styles_xml(fonts, style))
    yield "word/settings.xml", _xml(settings_xml())
    yield "word/fontTable.xml", _xml(font_table_xml(fonts))
    yield "word/footer1.xml", _xml(footer_xml(fonts, odd=True))
    yield "word/footer2.xml", _xml(footer_xml(fonts, odd=False))
    yield "docProps/core.xml", _core(plan.title)
    yield "docProps/app.xml", _app()


def write_docx(
    plan: LayoutPlan, fonts: FontSet, style: Style, grids: Sequence[TableGrid] = ()
) -> bytes:
    """The .docx package of ``plan`` as bytes (deterministic)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in package_parts(plan, fonts, style, grids):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()
