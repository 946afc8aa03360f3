"""Build .docx test files in code (python-docx for the package, raw WordprocessingML for content).

python-docx cannot write tracked changes, text boxes, content controls or numbering definitions,
so content is given as small XML snippets made by the helpers below (``p``, ``r``, ``ins`` …) and
placed into a python-docx document, which then writes a valid package. All sample text is our own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import count
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml

from mingjing.document import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECLS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in (
        ("w", W_NS),
        ("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
        ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
        ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
        ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
        ("v", "urn:schemas-microsoft-com:vml"),
        ("o", "urn:schemas-microsoft-com:office:office"),
    )
)

_ids = count(100)
REVISION_ATTRS = 'w:author="审核人" w:date="2025-01-06T09:00:00Z"'


# --- inline content ---------------------------------------------------------------------------


def t(text: str) -> str:
    """A ``w:t`` element (space preserved)."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(*parts: str, rpr: str = "") -> str:
    """A run; string parts are text, parts starting with ``<`` are raw run children."""
    inner = "".join(part if part.startswith("<") else t(part) for part in parts)
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{inner}</w:r>"


def runs(*texts: str) -> str:
    """One run per text."""
    return "".join(r(x) for x in texts)


def ins(*content: str) -> str:
    """A tracked insertion of runs (plain strings become runs)."""
    inner = "".join(c if c.startswith("<") else r(c) for c in content)
    return f'<w:ins w:id="{next(_ids)}" {REVISION_ATTRS}>{inner}</w:ins>'


def dele(text: str) -> str:
    """A tracked deletion of ``text``."""
    return (
        f'<w:del w:id="{next(_ids)}" {REVISION_ATTRS}>'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def move_from(text: str) -> str:
    return (
        f'<w:moveFrom w:id="{next(_ids)}" {REVISION_ATTRS}>'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:moveFrom>'
    )


def move_to(text: str) -> str:
    return f'<w:moveTo w:id="{next(_ids)}" {REVISION_ATTRS}>{r(text)}</w:moveTo>'


def inline_sdt(*content: str) -> str:
    inner = "".join(c if c.startswith("<") else r(c) for c in content)
    return f'<w:sdt><w:sdtPr><w:alias w:val="填写项"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def smart_tag(text: str) -> str:
    return (
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">'
        f"{r(text)}</w:smartTag>"
    )


def field(code: str, result: str) -> str:
    """A complex field: code runs (not shown) and result runs (shown)."""
    return (
        r('<w:fldChar w:fldCharType="begin"/>')
        + r(f'<w:instrText xml:space="preserve">{escape(code)}</w:instrText>')
        + r('<w:fldChar w:fldCharType="separate"/>')
        + r(result)
        + r('<w:fldChar w:fldCharType="end"/>')
    )


def simple_field(code: str, result: str) -> str:
    return f"<w:fldSimple w:instr={quoteattr(code)}>{r(result)}</w:fldSimple>"


def hyperlink(doc: DocxDocument, url: str, text: str) -> str:
    """An external hyperlink with a real relationship in the document part."""
    rid = doc.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link_run = r(text, rpr='<w:rStyle w:val="Hyperlink"/>')
    return f'<w:hyperlink r:id="{rid}">{link_run}</w:hyperlink>'


def text_box(*paragraphs: str, name: str = "文本框") -> str:
    """A run holding a Word 2010 text box: the wps shape and its VML ``mc:Fallback`` duplicate."""
    content = f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"
    shape_id = next(_ids)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2743200" cy="685800"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="{shape_id}" name="{name}"/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="685800"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="tb{shape_id}" type="#_x0000_t202" '
        'style="width:216pt;height:54pt">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


# --- block content ----------------------------------------------------------------------------


def p(
    *content: str,
    style: str | None = None,
    num: tuple[int, int] | None = None,
    ilvl: int | None = None,
    mark: str = "",
) -> str:
    """A paragraph. Plain strings become runs; ``num=(numId, ilvl)`` numbers it; ``ilvl`` alone
    sets a level for a style-linked list; ``mark`` is raw ``w:rPr`` content of the paragraph mark
    (e.g. a tracked deletion of the mark)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    elif ilvl is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/></w:numPr>'
    if mark:
        ppr += f"<w:rPr>{mark}</w:rPr>"
    inner = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def deleted_mark() -> str:
    return f'<w:del w:id="{next(_ids)}" {REVISION_ATTRS}/>'


def cell(*blocks: str, vmerge: str | None = None, span: int = 1) -> str:
    """A table cell; plain strings become paragraphs. ``vmerge`` is "restart" or "continue"."""
    tcpr = '<w:tcW w:w="2000" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    inner = "".join(b if b.startswith("<") else p(b) for b in blocks) or "<w:p/>"
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{inner}</w:tc>"


def table(
    rows: Sequence[Sequence[str]], columns: int | None = None, *, deleted_rows: Iterable[int] = ()
) -> str:
    """A table; each cell is a ``cell(...)`` snippet or a plain string (one paragraph)."""
    ncols = columns or max(len(row) for row in rows)
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(ncols))
    deleted = set(deleted_rows)
    body = ""
    for i, row in enumerate(rows):
        trpr = (
            f'<w:trPr><w:del w:id="{next(_ids)}" {REVISION_ATTRS}/></w:trPr>'
            if i in deleted
            else ""
        )
        body += (
            "<w:tr>"
            + trpr
            + "".join(c if c.startswith("<w:tc") else cell(c) for c in row)
            + "</w:tr>"
        )
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def block_sdt(*blocks: str) -> str:
    inner = "".join(b if b.startswith("<") else p(b) for b in blocks)
    return f'<w:sdt><w:sdtPr><w:alias w:val="正文块"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


# --- documents --------------------------------------------------------------------------------


def new_document() -> DocxDocument:
    """A python-docx document with an empty body (its section properties kept)."""
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    return doc


def add_blocks(doc: DocxDocument, *blocks: str) -> None:
    """Append block-level XML snippets (paragraphs, tables, content controls) to the body."""
    body = doc.element.body
    holder = parse_xml(f"<w:body {NSDECLS}>{''.join(blocks)}</w:body>")
    sectpr = body.find(f"{{{W_NS}}}sectPr")
    for child in list(holder):
        if sectpr is not None:
            sectpr.addprevious(child)
        else:
            body.append(child)


def set_numbering(doc: DocxDocument, inner_xml: str) -> None:
    """Replace numbering.xml with ``<w:numbering>`` holding ``inner_xml``."""
    part = doc.part.numbering_part
    part._element = parse_xml(f"<w:numbering {NSDECLS}>{inner_xml}</w:numbering>")


def add_styles(doc: DocxDocument, *styles_xml: str) -> None:
    root = doc.styles.element
    for xml in styles_xml:
        root.append(parse_xml(xml.replace("<w:style ", f"<w:style {NSDECLS} ", 1)))


def level(
    ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "", suff: str | None = None
) -> str:
    """A ``w:lvl`` of an abstract numbering definition."""
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'{suffix}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{420 * (ilvl + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
    )


def abstract_num(aid: int, *levels: str, extra: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
        f"{extra}{''.join(levels)}</w:abstractNum>"
    )


def num(num_id: int, aid: int, *, start_override: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for lv, v in (start_override or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def save(doc: DocxDocument, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


# --- ready-made documents ---------------------------------------------------------------------

#: The four GB/T 9704 heading levels as one multilevel list.
REPORT_LEVELS = (
    level(0, "chineseCounting", "%1、"),
    level(1, "chineseCounting", "（%2）"),
    level(2, "decimal", "%3."),
    level(3, "decimal", "（%4）"),
)


def numbered_report(path: Path) -> Path:
    """A report whose headings are all auto-numbered: four levels, a plain paragraph between
    items, eleven top-level items (十、十一、), a restart through a second ``w:num`` with
    ``w:startOverride``, and a list driven by a paragraph style (``w:numPr`` in the style)."""
    doc = new_document()
    set_numbering(
        doc,
        abstract_num(1, *REPORT_LEVELS)
        + abstract_num(
            2, level(0, "chineseCounting", "第%1条"), level(1, "decimalEnclosedCircle", "%2")
        )
        + num(1, 1)
        + num(2, 1, start_override={0: 1})
        + num(3, 2),
    )
    add_styles(
        doc,
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tiaokuan">'
        '<w:name w:val="条款"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>',
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TiaokuanXiang">'
        '<w:name w:val="条款项"/><w:basedOn w:val="Tiaokuan"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>',
    )
    aspects = [
        "理论学习方面",
        "政治素质方面",
        "能力本领方面",
        "担当作为方面",
        "作风建设方面",
        "廉洁自律方面",
        "联系群众方面",
        "调查研究方面",
        "意识形态方面",
        "履行职责方面",
        "落实整改方面",
    ]
    blocks = [
        p("关于本人对照检查情况的报告"),
        p("根据上级通知要求，结合个人思想和工作实际，对照检查如下。"),
        p(aspects[0], num=(1, 0)),
        p("学习不够深入", num=(1, 1)),
        p("系统学习不够", num=(1, 2)),
        p("读原著少", num=(1, 3)),
        p("学用脱节", num=(1, 3)),
        p("专题研讨浮于表面", num=(1, 2)),
        p("联系实际不够", num=(1, 1)),
        p("以上问题虽然表现不一，但根子都在思想上。"),
    ]
    blocks += [p(a, num=(1, 0)) for a in aspects[1:]]
    blocks += [
        p("", num=(1, 1)),
        p("整改措施另附如下。"),
        p("加强理论武装", num=(2, 0)),
        p("坚持每周自学", num=(2, 1)),
        p("改进工作作风", num=(2, 0)),
        p("制度条款如下。"),
        p("按时参加组织生活", style="Tiaokuan"),
        p("会前认真准备", style="TiaokuanXiang"),
        p("会后抓好整改", style="TiaokuanXiang"),
        p("如实报告个人事项", style="Tiaokuan"),
        p("以上是我的对照检查，请同志们批评指正。"),
    ]
    add_blocks(doc, *blocks)
    return save(doc, path)


def libreoffice_lines(soffice: str, source: Path, workdir: Path) -> list[str]:
    """What LibreOffice renders for ``source`` as plain text (labels included), one line each.

    LibreOffice indents list paragraphs with spaces and writes the label suffix as a space; the
    lines are returned as LibreOffice wrote them (without the BOM).
    """
    import subprocess

    outdir = workdir / "lo-out"
    profile = workdir / "lo-profile"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (outdir / (source.stem + ".txt")).read_text(encoding="utf-8-sig")
    return [line.rstrip("\r") for line in text.removesuffix("\n").split("\n")]


def assert_matches_libreoffice(doc: Document, lo: list[str]) -> None:
    """Each LibreOffice line is our paragraph, apart from LibreOffice's list indentation and the
    space it writes after a label (the label suffix, which the canonical text leaves out)."""
    assert len(doc.paragraphs) == len(lo), (doc.text.split("\n"), lo)
    for para, lo_line in zip(doc.paragraphs, lo, strict=True):
        line = para.span.of(doc.text)
        lo_line = lo_line.lstrip(" ")
        if para.label is None:
            assert lo_line == line
        else:
            label = para.label.of(doc.text)
            assert lo_line.startswith(label), (label, lo_line)
            assert lo_line[len(label) :].lstrip(" \t") == line[len(label) :]


def plain_paragraphs(path: Path, paragraphs: Sequence[Sequence[str]]) -> Path:
    """One paragraph per item, each given as its run texts."""
    doc = new_document()
    add_blocks(doc, *(p(*(r(x) for x in item)) for item in paragraphs))
    return save(doc, path)
