"""Word auto-numbering labels: number formats, counting rules, and LibreOffice as the oracle."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from lxml import etree

from mingjing.document import SegmentKind
from mingjing.ingest import read
from mingjing.ingest.numbering import ListNumberer, format_number
from tests.ingest import docx_builders as b

NS = f'xmlns:w="{b.W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


# --- number formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "n", "expected"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"),
        ("chineseCounting", 35, "三十五"),
        ("chineseCounting", 100, "一百"),
        ("chineseCountingThousand", 1204, "一千二百零四"),
        ("taiwaneseCountingThousand", 12, "十二"),
        ("taiwaneseCounting", 9, "九"),
        ("japaneseCounting", 13, "十三"),
        ("chineseLegalSimplified", 3, "叁"),
        ("chineseLegalSimplified", 11, "壹拾壹"),
        ("ideographDigital", 10, "一〇"),
        ("ideographTraditional", 1, "甲"),
        ("ideographTraditional", 10, "癸"),
        ("ideographTraditional", 11, "11"),
        ("ideographZodiac", 12, "亥"),
        ("decimalEnclosedCircle", 1, "①"),
        ("decimalEnclosedCircle", 20, "⑳"),
        ("decimalEnclosedCircle", 21, "㉑"),
        ("decimalEnclosedCircle", 50, "㊿"),
        ("decimalEnclosedCircle", 51, "51"),
        ("decimalEnclosedCircleChinese", 3, "③"),
        ("decimalEnclosedParen", 2, "⑵"),
        ("decimalEnclosedFullstop", 4, "⒋"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalFullWidth2", 7, "７"),
        ("decimalHalfWidth", 7, "7"),
        ("decimalZero", 7, "07"),
        ("decimalZero", 12, "12"),
        ("upperRoman", 14, "XIV"),
        ("lowerRoman", 9, "ix"),
        ("upperLetter", 3, "C"),
        ("lowerLetter", 27, "aa"),
        ("ordinal", 2, "2nd"),
        ("decimal", 42, "42"),
        ("none", 5, ""),
        ("someFutureFormat", 5, "5"),
    ],
)
def test_number_formats_render_as_word_shows_them(fmt: str, n: int, expected: str) -> None:
    assert format_number(n, fmt) == expected


# --- counting rules on numbering.xml snippets -------------------------------------------------


def _labels(
    numbering: str,
    paragraphs: Sequence[tuple[int, int] | str | tuple[str, int]],
    styles: str = "",
) -> list[str | None]:
    """Labels for paragraphs given as (numId, ilvl), a style id, or (style id, ilvl)."""
    numberer = ListNumberer.from_xml(
        etree.fromstring(f"<w:numbering {NS}>{numbering}</w:numbering>"),
        etree.fromstring(f"<w:styles {NS}>{styles}</w:styles>"),
    )
    out: list[str | None] = []
    for spec in paragraphs:
        style: str | None = None
        if isinstance(spec, str):
            style, ppr = spec, ""
        elif isinstance(spec[0], str):
            style = spec[0]
            ppr = f'<w:numPr><w:ilvl w:val="{spec[1]}"/></w:numPr>'
        else:
            ppr = f'<w:numPr><w:ilvl w:val="{spec[1]}"/><w:numId w:val="{spec[0]}"/></w:numPr>'
        label = numberer.next_label(etree.fromstring(f"<w:pPr {NS}>{ppr}</w:pPr>"), style)
        out.append(label.text if label is not None else None)
    return out


REPORT = b.abstract_num(1, *b.REPORT_LEVELS)


def test_using_a_level_resets_the_deeper_levels() -> None:
    seq = [(1, 0), (1, 1), (1, 2), (1, 3), (1, 3), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1)]
    assert _labels(REPORT + b.num(1, 1), seq) == [
        "一、",
        "（一）",
        "1.",
        "（1）",
        "（2）",
        "2.",
        "（二）",
        "1.",
        "二、",
        "（一）",
    ]


def test_lists_sharing_an_abstract_definition_continue_one_sequence() -> None:
    nums = b.num(1, 1) + b.num(2, 1)
    assert _labels(REPORT + nums, [(1, 0), (2, 0), (1, 0)]) == ["一、", "二、", "三、"]


def test_start_override_restarts_the_list_instance() -> None:
    nums = b.num(1, 1) + b.num(2, 1, start_override={0: 1})
    assert _labels(REPORT + nums, [(1, 0), (1, 0), (2, 0), (2, 1), (2, 0)]) == [
        "一、",
        "二、",
        "一、",
        "（一）",
        "二、",
    ]


def test_start_override_may_start_at_any_number() -> None:
    nums = b.num(1, 1, start_override={0: 5})
    assert _labels(REPORT + nums, [(1, 0), (1, 0)]) == ["五、", "六、"]


def test_level_start_value_is_honoured() -> None:
    xml = b.abstract_num(3, b.level(0, "decimal", "%1.", start=3)) + b.num(3, 3)
    assert _labels(xml, [(3, 0), (3, 0)]) == ["3.", "4."]


def test_lvl_restart_zero_keeps_counting_across_parent_items() -> None:
    xml = b.abstract_num(
        4,
        b.level(0, "chineseCounting", "%1、"),
        b.level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
    ) + b.num(4, 4)
    assert _labels(xml, [(4, 0), (4, 1), (4, 1), (4, 0), (4, 1)]) == [
        "一、",
        "1.",
        "2.",
        "二、",
        "3.",
    ]


def test_lvl_restart_names_the_level_that_restarts_it() -> None:
    # Level 3 restarts only when level 1 (1-based) is used, not when level 2 is.
    xml = b.abstract_num(
        5,
        b.level(0, "decimal", "%1."),
        b.level(1, "decimal", "%1.%2."),
        b.level(2, "decimal", "(%3)", extra='<w:lvlRestart w:val="1"/>'),
    ) + b.num(5, 5)
    seq = [(5, 0), (5, 1), (5, 2), (5, 1), (5, 2), (5, 0), (5, 2)]
    assert _labels(xml, seq) == ["1.", "1.1.", "(1)", "1.2.", "(2)", "2.", "(1)"]


def test_legal_numbering_writes_every_level_in_arabic_digits() -> None:
    xml = b.abstract_num(
        6,
        b.level(0, "chineseCounting", "%1、"),
        b.level(1, "upperRoman", "%2"),
        b.level(2, "lowerLetter", "%1.%2.%3", extra="<w:isLgl/>"),
    ) + b.num(6, 6)
    assert _labels(xml, [(6, 0), (6, 1), (6, 1), (6, 2)]) == ["一、", "I", "II", "1.2.1"]


def test_lower_levels_quote_higher_levels_in_their_own_format() -> None:
    xml = b.abstract_num(
        7, b.level(0, "chineseCounting", "第%1章"), b.level(1, "decimal", "%1.%2")
    ) + b.num(7, 7)
    assert _labels(xml, [(7, 0), (7, 0), (7, 1)]) == ["第一章", "第二章", "二.1"]


def test_a_list_started_at_a_deeper_level_counts_its_parent() -> None:
    assert _labels(REPORT + b.num(1, 1), [(1, 1), (1, 1), (1, 0)]) == ["（一）", "（二）", "二、"]


def test_level_override_replaces_a_whole_level() -> None:
    nums = (
        '<w:num w:numId="8"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>'
        "</w:lvlOverride></w:num>"
    )
    assert _labels(REPORT + nums, [(8, 0), (8, 0)]) == ["①", "②"]


def test_custom_number_format_in_alternate_content() -> None:
    lvl = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent>'
        '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1"/></w:lvl>'
    )
    xml = b.abstract_num(9, lvl) + b.num(9, 9)
    assert _labels(xml, [(9, 0), (9, 0)]) == ["01", "02"]


def test_symbol_font_bullets_become_unicode_bullets() -> None:
    xml = b.abstract_num(10, b.level(0, "bullet", "\uf0b7")) + b.num(10, 10)
    assert _labels(xml, [(10, 0)]) == ["•"]


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="11"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:basedOn w:val="Heading1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="分项"/>'
    '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
)
HEADING_LIST = b.abstract_num(
    11,
    b.level(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>'),
    b.level(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'),
) + b.num(11, 11)


def test_style_numbering_follows_based_on_and_level_links() -> None:
    seq = ["Heading1", "Heading2", "Heading2", "Heading1", "Sub"]
    assert _labels(HEADING_LIST, seq, STYLES) == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_num_id_zero_switches_style_numbering_off() -> None:
    assert _labels(HEADING_LIST, ["Heading1", (0, 0), "Heading1"], STYLES) == ["一、", None, "二、"]


def test_paragraph_level_with_style_list() -> None:
    assert _labels(HEADING_LIST, ["Heading1", ("Heading1", 1)], STYLES) == ["一、", "（一）"]


def test_num_style_link_uses_the_list_style_definition() -> None:
    styles = (
        '<w:style w:type="numbering" w:styleId="CnList"><w:name w:val="中文列表"/>'
        '<w:pPr><w:numPr><w:numId w:val="12"/></w:numPr></w:pPr></w:style>'
    )
    xml = (
        b.abstract_num(
            12, b.level(0, "chineseCounting", "%1、"), extra='<w:styleLink w:val="CnList"/>'
        )
        + b.abstract_num(13, extra='<w:numStyleLink w:val="CnList"/>')
        + b.num(12, 12)
        + b.num(13, 13)
    )
    assert _labels(xml, [(13, 0), (13, 0), (12, 0)], styles) == ["一、", "二、", "三、"]


def test_missing_definitions_give_no_label() -> None:
    assert _labels(REPORT + b.num(1, 1), [(99, 0), (1, 8), (1, 0)]) == [None, None, "一、"]


# --- through the .docx reader -----------------------------------------------------------------


def test_labels_are_written_in_front_of_the_text_as_label_segments(tmp_path: Path) -> None:
    doc = read(b.numbered_report(tmp_path / "numbered.docx"))
    lines = doc.text.split("\n")
    assert lines[2:5] == ["一、理论学习方面", "（一）学习不够深入", "1.系统学习不够"]
    para = doc.paragraphs[2]
    assert para.label is not None and para.label.of(doc.text) == "一、"
    assert para.list_level == 0
    assert para.segments[0].kind is SegmentKind.LABEL and para.segments[0].run == -1
    assert para.segments[0].span == para.label
    assert doc.paragraphs[5].list_level == 3
    assert doc.paragraphs[0].label is None and doc.paragraphs[0].list_level is None


def test_ten_and_more_items_and_restart(tmp_path: Path) -> None:
    lines = read(b.numbered_report(tmp_path / "numbered.docx")).text.split("\n")
    assert "十、履行职责方面" in lines
    assert "十一、落实整改方面" in lines
    restart = lines.index("整改措施另附如下。")
    assert lines[restart + 1 : restart + 4] == [
        "一、加强理论武装",
        "（一）坚持每周自学",
        "二、改进工作作风",
    ]


def test_style_linked_list_in_a_document(tmp_path: Path) -> None:
    lines = read(b.numbered_report(tmp_path / "numbered.docx")).text.split("\n")
    start = lines.index("制度条款如下。")
    assert lines[start + 1 : start + 5] == [
        "第一条按时参加组织生活",
        "①会前认真准备",
        "②会后抓好整改",
        "第二条如实报告个人事项",
    ]


def test_deleted_paragraphs_are_not_counted(tmp_path: Path) -> None:
    doc = b.new_document()
    b.set_numbering(doc, REPORT + b.num(1, 1))
    b.add_blocks(
        doc,
        b.p("学习方面", num=(1, 0)),
        b.p(b.dele("删掉的一条"), num=(1, 0), mark=b.deleted_mark()),
        b.p("作风方面", num=(1, 0)),
    )
    text = read(b.save(doc, tmp_path / "deleted.docx")).text
    assert text == "一、学习方面\n二、作风方面"


# --- LibreOffice as the oracle ----------------------------------------------------------------


@pytest.mark.soffice
def test_report_labels_agree_with_libreoffice(soffice: str, tmp_path: Path) -> None:
    path = b.numbered_report(tmp_path / "numbered.docx")
    doc = read(path)
    assert sum(p.label is not None for p in doc.paragraphs) > 20
    b.assert_matches_libreoffice(doc, b.libreoffice_lines(soffice, path, tmp_path))


#: Formats where LibreOffice 7.4 renders what Word renders. Not compared: decimalFullWidth
#: (LibreOffice prints ASCII digits), ideographDigital (LibreOffice counts 十 instead of 一〇),
#: and w:isLgl / w:lvlRestart, which LibreOffice 7.4 ignores; unit tests above pin Word's rules.
ORACLE_FORMATS = (
    "chineseCounting",
    "chineseCountingThousand",
    "taiwaneseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "decimalEnclosedCircle",
    "upperRoman",
    "lowerLetter",
    "decimalZero",
)


@pytest.mark.soffice
def test_number_formats_agree_with_libreoffice(soffice: str, tmp_path: Path) -> None:
    doc = b.new_document()
    numbering = ""
    blocks = []
    for i, fmt in enumerate(ORACLE_FORMATS):
        numbering += b.abstract_num(20 + i, b.level(0, fmt, "%1.")) + b.num(20 + i, 20 + i)
        blocks += [b.p(f"第{k}项", num=(20 + i, 0)) for k in range(1, 24)]
    b.set_numbering(doc, numbering)
    b.add_blocks(doc, *blocks)
    path = b.save(doc, tmp_path / "formats.docx")
    ours = read(path)
    assert all(p.label is not None for p in ours.paragraphs)
    b.assert_matches_libreoffice(ours, b.libreoffice_lines(soffice, path, tmp_path))
