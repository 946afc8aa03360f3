"""Static checks of the document XML: what LibreOffice hides and Word shows.

LibreOffice assigns quotation marks and dashes to the surrounding script and ignores theme fonts,
so a rendered PDF cannot prove that Word and WPS will draw every Chinese character in the Chinese
font. These tests read the package itself: every run holding Chinese text or Chinese punctuation
names the East-Asian font and carries ``w:hint="eastAsia"``, no theme-font attribute exists,
the East-Asian language is zh-CN, and page, margins, spacing and styles have the GB/T 9704 values.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
import pytest
from lxml import etree

from mingjing import Document, read_text_string
from mingjing.layout import FONT_SETS, LayoutOptions, Style, format_document
from tests.layout.conftest import Rendered
from tests.layout.samples import structured_material

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
OFFICIAL = {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"}
CHINESE = re.compile(
    "[\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)
THEME_ATTRS = {"asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {
            name: etree.fromstring(zf.read(name))
            for name in zf.namelist()
            if name.endswith(".xml") or name.endswith(".rels")
        }


def runs(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    for r in root.iter(q("r")):
        yield r, "".join(t.text or "" for t in r.iter(q("t")))


def paragraph_runs(root: etree._Element, style: str) -> list[tuple[etree._Element, str]]:
    out = []
    for p in root.iter(q("p")):
        ps = p.find(f"{q('pPr')}/{q('pStyle')}")
        if ps is not None and ps.get(q("val")) == style:
            out.extend((r, "".join(t.text or "" for t in r.iter(q("t")))) for r in p.iter(q("r")))
    return out


def east_asia(run: etree._Element) -> str | None:
    rf = run.find(f"{q('rPr')}/{q('rFonts')}")
    return None if rf is None else rf.get(q("eastAsia"))


def read_text(text: str) -> Document:
    return read_text_string(text, name="sample.txt")


def twips(mm: float) -> float:
    return mm * 1440 / 25.4


def test_every_chinese_run_names_the_east_asian_font_with_the_hint(
    formatted: dict[str, Rendered],
) -> None:
    checked = 0
    for name, item in formatted.items():
        for part, root in parts(item.result.data).items():
            if not part.startswith("word/"):
                continue
            for r, text in runs(root):
                if not CHINESE.search(text):
                    continue
                rf = r.find(f"{q('rPr')}/{q('rFonts')}")
                assert rf is not None, f"{name} {part}: {text!r}"
                assert rf.get(q("eastAsia")) in OFFICIAL, f"{name} {part}: {text!r}"
                assert rf.get(q("hint")) == "eastAsia", f"{name} {part}: {text!r}"
                assert rf.get(q("ascii")) and rf.get(q("hAnsi")), f"{name} {part}: {text!r}"
                checked += 1
    assert checked > 500


def test_quotes_dashes_and_ellipses_are_in_hinted_runs(formatted: dict[str, Rendered]) -> None:
    root = parts(formatted["three_pages"].result.data)["word/document.xml"]
    marks = {"“": 0, "”": 0, "——": 0, "……": 0}
    for r, text in runs(root):
        for mark in marks:
            if mark in text:
                marks[mark] += 1
                assert r.find(f"{q('rPr')}/{q('rFonts')}").get(q("hint")) == "eastAsia"
    assert all(marks.values()), marks


def test_no_theme_fonts_and_zh_cn_language(formatted: dict[str, Rendered]) -> None:
    for name, item in formatted.items():
        package = parts(item.result.data)
        assert not any("theme" in p for p in package), name
        for part, root in package.items():
            for node in root.iter():
                local = {etree.QName(a).localname for a in node.attrib}
                assert not (local & THEME_ATTRS), f"{name} {part}: {node.tag}"
                if node.tag == q("lang"):
                    assert node.get(q("eastAsia")) == "zh-CN", f"{name} {part}"
        styles = package["word/styles.xml"]
        lang = styles.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}/{q('lang')}")
        assert lang is not None and lang.get(q("eastAsia")) == "zh-CN"
        settings = package["word/settings.xml"]
        assert settings.find(q("themeFontLang")).get(q("eastAsia")) == "zh-CN"


def test_page_margins_and_footers(formatted: dict[str, Rendered]) -> None:
    package = parts(formatted["seed"].result.data)
    sect = package["word/document.xml"].find(f"{q('body')}/{q('sectPr')}")
    size = sect.find(q("pgSz"))
    assert (int(size.get(q("w"))), int(size.get(q("h")))) == (11906, 16838)  # A4
    mar = sect.find(q("pgMar"))
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert int(mar.get(q(side))) == pytest.approx(twips(mm), abs=1), side
    assert int(mar.get(q("gutter"))) == 0
    # No character grid: LibreOffice lays out 14 characters per line under one.
    grid = sect.find(q("docGrid"))
    assert grid is None or grid.get(q("charSpace")) is None
    assert grid is None or grid.get(q("type")) in (None, "default")
    refs = {r.get(q("type")): r for r in sect.findall(q("footerReference"))}
    assert set(refs) == {"default", "even"}
    assert package["word/settings.xml"].find(q("evenAndOddHeaders")) is not None
    for part, jc in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        footer = package[part]
        assert "".join(t.text for t in footer.iter(q("instrText"))).strip() == "PAGE"
        assert footer.find(f".//{q('jc')}").get(q("val")) == jc
        texts = [t for _, t in runs(footer) if t]
        assert texts[0] == "— " and texts[-1] == " —"
        for r, _ in runs(footer):
            assert east_asia(r) == "宋体"
            assert r.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "28"  # 4号


def test_styles_carry_exact_line_pitch_and_condensed_body(formatted: dict[str, Rendered]) -> None:
    styles = parts(formatted["seed"].result.data)["word/styles.xml"]
    normal = styles.find(f"{q('style')}[@{q('styleId')}='Normal']")
    spacing = normal.find(f"{q('pPr')}/{q('spacing')}")
    assert spacing.get(q("line")) == "579" and spacing.get(q("lineRule")) == "exact"
    assert normal.find(f"{q('pPr')}/{q('widowControl')}").get(q("val")) == "0"
    assert normal.find(f"{q('rPr')}/{q('spacing')}").get(q("val")) == "-5"
    body = styles.find(f"{q('style')}[@{q('styleId')}='GwBody']")
    ind = body.find(f"{q('pPr')}/{q('ind')}")
    assert ind.get(q("firstLineChars")) == "200"
    for style_id, level in (("GwHeading1", "0"), ("GwHeading2", "1"), ("GwHeading3", "2")):
        node = styles.find(f"{q('style')}[@{q('styleId')}='{style_id}']")
        assert node.find(f"{q('pPr')}/{q('outlineLvl')}").get(q("val")) == level


def test_title_and_heading_runs_name_the_specified_fonts(formatted: dict[str, Rendered]) -> None:
    root = parts(formatted["three_pages"].result.data)["word/document.xml"]
    title = paragraph_runs(root, "GwTitle")
    assert title and all(east_asia(r) == "方正小标宋简体" for r, _ in title)
    for r, _ in title:
        assert r.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "44"  # 2号
        assert r.find(f"{q('rPr')}/{q('b')}") is None  # 小标宋 is never bold
    assert {east_asia(r) for r, _ in paragraph_runs(root, "GwHeading1")} == {"黑体"}
    assert {east_asia(r) for r, _ in paragraph_runs(root, "GwHeading2")} == {"楷体_GB2312"}
    assert {east_asia(r) for r, _ in paragraph_runs(root, "GwByline")} == {"楷体_GB2312"}
    body = paragraph_runs(root, "GwBody")
    # Run-in headings: （一）理论武装不够到位。 in 楷体, the rest of the paragraph in 仿宋.
    kai = [t for r, t in body if east_asia(r) == "楷体_GB2312"]
    assert "（一）理论武装不够到位。" in kai
    assert {east_asia(r) for r, _ in body} == {"楷体_GB2312", "仿宋_GB2312"}
    for r, _ in body:
        if east_asia(r) == "仿宋_GB2312":
            assert r.find(f"{q('rPr')}/{q('spacing')}").get(q("val")) == "-5"
            assert r.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "32"  # 3号


def test_standard_style_has_no_bold_and_common_bolds_levels_2_3_and_item_leads() -> None:
    doc = read_text(structured_material(1500))
    standard = parts(format_document(doc).data)["word/document.xml"]
    assert next(standard.iter(q("b")), None) is None
    common = parts(format_document(doc, LayoutOptions(style=Style.COMMON)).data)
    root = common["word/document.xml"]
    bold = [t for r, t in runs(root) if r.find(f"{q('rPr')}/{q('b')}") is not None]
    assert "（一）在理论学习方面" in bold
    assert "一是学习的系统性不够。" in bold
    assert "二是学用结合不够紧密。" in bold
    # 黑体 headings stay regular even under the common profile.
    assert all(
        r.find(f"{q('rPr')}/{q('b')}") is None for r, _ in paragraph_runs(root, "GwHeading1")
    )


def test_windows_font_set_names_the_faces_windows_ships() -> None:
    doc = read_text(structured_material(1500))
    data = format_document(doc, fonts=FONT_SETS["windows"]).data
    names = {east_asia(r) for r, t in runs(parts(data)["word/document.xml"]) if t}
    assert names == {"方正小标宋简体", "仿宋", "楷体", "黑体"}


def test_package_opens_in_python_docx_with_every_paragraph(formatted: dict[str, Rendered]) -> None:
    for name, item in formatted.items():
        document = docx.Document(io.BytesIO(item.result.data))
        section = document.sections[0]
        assert section.page_width.mm == pytest.approx(210, abs=0.1), name
        texts = [p.text for p in document.paragraphs if p.text]
        blocks = [b.text for b in item.result.plan.blocks if b.cell is None]
        assert texts == blocks, name


# Child order required by the WordprocessingML schema (ECMA-376 Part 1, CT_PPr, CT_RPr …),
# restricted to the elements the writer emits. Word refuses a file that breaks it.
ORDER = {
    "pPr": [
        "pStyle",
        "keepNext",
        "widowControl",
        "autoSpaceDE",
        "autoSpaceDN",
        "spacing",
        "ind",
        "jc",
        "outlineLvl",
        "rPr",
    ],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "kern", "spacing", "sz", "szCs", "lang"],
    "sectPr": ["footerReference", "pgSz", "pgMar", "cols", "docGrid"],
    "tblPr": [
        "tblStyle",
        "tblW",
        "jc",
        "tblInd",
        "tblBorders",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ],
    "tcPr": ["tcW", "gridSpan", "vMerge", "vAlign"],
    "style": [
        "name",
        "basedOn",
        "next",
        "uiPriority",
        "semiHidden",
        "unhideWhenUsed",
        "qFormat",
        "pPr",
        "rPr",
        "tblPr",
    ],
    "settings": [
        "zoom",
        "defaultTabStop",
        "evenAndOddHeaders",
        "characterSpacingControl",
        "compat",
        "themeFontLang",
        "decimalSymbol",
        "listSeparator",
    ],
    "font": ["altName", "panose1", "charset", "family", "pitch"],
}


def test_elements_follow_the_schema_order(formatted: dict[str, Rendered]) -> None:
    for name, item in formatted.items():
        for part, root in parts(item.result.data).items():
            for node in root.iter():
                local = etree.QName(node).localname
                if local not in ORDER or etree.QName(node).namespace != W:
                    continue
                order = ORDER[local]
                seen = [etree.QName(c).localname for c in node]
                assert all(s in order for s in seen), f"{name} {part} {local}: {seen}"
                idx = [order.index(s) for s in seen]
                assert idx == sorted(idx), f"{name} {part} {local}: {seen}"


def test_dates_without_leading_zeros_when_fixed() -> None:
    text = structured_material(1200).replace("2024年1月8日", "二〇二四年一月八日")
    doc = read_text(text)
    plain = format_document(doc)
    assert "二〇二四年一月八日" in [b.text for b in plain.plan.blocks]
    fixed = format_document(doc, LayoutOptions(fix_date=True))
    dates = [b.text for b in fixed.plan.blocks if b.role.value == "date"]
    assert dates == ["2024年1月8日"]
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", dates[0])


def test_table_text_without_a_cell_in_the_grid_is_kept() -> None:
    from mingjing.layout import Block, CellRef, Face, LayoutPlan, Role, Segment
    from mingjing.layout.ooxml import write_docx
    from mingjing.layout.tables import GridCell, TableGrid

    plan = LayoutPlan(
        (
            Block(Role.BODY, (Segment("表前的正文。", Face.FANG),), 0),
            Block(Role.TABLE, (Segment("序号", Face.FANG),), 1, CellRef(0, 0, 0)),
            Block(Role.TABLE, (Segment("多出的一格", Face.FANG),), 2, CellRef(0, 3, 1)),
            Block(Role.TABLE, (Segment("另一张表", Face.FANG),), 3, CellRef(1, 0, 0)),
        )
    )
    grid = TableGrid((4000, 4000), ((GridCell(), GridCell()),))
    root = parts(write_docx(plan, FONT_SETS["gb2312"], Style.STANDARD, (grid,)))[
        "word/document.xml"
    ]
    texts = [t for _, t in runs(root) if t]
    assert texts == ["表前的正文。", "序号", "多出的一格", "另一张表"]
    assert len(root.findall(f".//{q('tbl')}")) == 1
