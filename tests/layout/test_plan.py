"""Roles, wording and requested changes of ``mingjing format`` (no rendering needed)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from mingjing import Document, read, read_text_string
from mingjing.document import Span
from mingjing.layout import (
    ChangeKind,
    Face,
    LayoutOptions,
    Role,
    StructureUnclearError,
    format_document,
    format_file,
    paragraph_texts,
)
from mingjing.layout.measure import em_width, signature_indents, title_wrap
from mingjing.layout.plan import parse_date, renumbered
from mingjing.structure.model import NumberToken, Scheme
from tests.conftest import EXAMPLES, SEED_COPY
from tests.layout.conftest import Rendered
from tests.layout.samples import UNCLEAR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XUANCHUAN = EXAMPLES / "宣传委员_阙文翰_对照检查材料_2023.docx"
ZUZHI = EXAMPLES / "组织委员_殳晓岚_对照检查材料_2023_无缺陷.docx"
BANZI = EXAMPLES / "领导班子_对照检查材料_2023.docx"
JIWEI_MD = EXAMPLES / "纪委书记_蒯正衡_对照检查材料_2023.md"
JIWEI_2025 = EXAMPLES / "纪委书记_蒯正衡_对照检查材料_2025年度.docx"


def blocks_by_role(doc: Document, options: LayoutOptions | None = None) -> dict[Role, list[str]]:
    out: dict[Role, list[str]] = {}
    for block in format_document(doc, options).plan.blocks:
        out.setdefault(block.role, []).append(block.text)
    return out


# --- wording ------------------------------------------------------------------------------------


def test_seed_and_every_example_read_back_word_for_word(formatted: dict[str, Rendered]) -> None:
    sources = {"seed": SEED_COPY}
    sources.update({f"example:{p.name}": p for p in EXAMPLES.rglob("*") if p.is_file()})
    checked = 0
    for name, item in formatted.items():
        if name not in sources:
            continue
        assert not item.result.plan.changes, name
        original = paragraph_texts(read(sources[name]))
        assert paragraph_texts(read(item.docx)) == original, name
        checked += 1
    assert checked >= 8


def test_leading_indent_spaces_and_blank_lines_are_dropped_not_words(tmp_path: Path) -> None:
    doc = read_text_string(
        "  对照检查材料示例\n\n\u3000\u3000按照安排，我认真查摆了问题。  \n\n一、存在的问题\n"
        "（一）在理论学习方面\n一是学习不深。比如，全年只自学了4次。\n",
        name="sample.txt",
    )
    out = tmp_path / "out.docx"
    format_file(doc, out)
    assert paragraph_texts(read(out)) == [
        "对照检查材料示例",
        "按照安排，我认真查摆了问题。",
        "一、存在的问题",
        "（一）在理论学习方面",
        "一是学习不深。比如，全年只自学了4次。",
    ]


def test_output_never_overwrites_the_input(tmp_path: Path) -> None:
    src = tmp_path / "材料.docx"
    shutil.copyfile(ZUZHI, src)
    before = src.read_bytes()
    from mingjing.errors import InputError

    with pytest.raises(InputError, match="不能是输入文件本身"):
        format_file(read(src), src)
    assert src.read_bytes() == before


# --- roles ----------------------------------------------------------------------------------------


def test_seed_headings_run_in_headings_and_closing() -> None:
    plan = format_document(read(SEED_COPY)).plan
    roles = {b.text: b for b in plan.blocks}
    assert roles["一、存在的问题"].role is Role.HEADING_1
    assert roles["三、下步打算"].role is Role.HEADING_1
    assert roles["（一）在理论学习方面"].role is Role.HEADING_2
    run_in = next(b for b in plan.blocks if b.text.startswith("（一）政治站位仍需持续提升"))
    assert run_in.role is Role.BODY
    assert run_in.segments[0].text == "（一）政治站位仍需持续提升。"
    assert run_in.segments[0].face is Face.KAI
    assert {s.face for s in run_in.segments[1:]} == {Face.FANG}
    assert plan.blocks[-1].role is Role.CLOSING
    assert plan.blocks[0].role is Role.BODY  # the seed has no title
    assert plan.title is None
    assert any("未识别到标题" in w for w in plan.warnings)


def test_title_by_line_signature_and_date_of_examples() -> None:
    roles = blocks_by_role(read(ZUZHI))
    assert roles[Role.TITLE] == ["主题教育专题民主生活会个人对照检查材料"]
    assert roles[Role.SUBTITLE] == ["澂岺镇党委委员、组织委员殳晓岚"]
    assert roles[Role.SIGNATURE] == ["殳晓岚"]
    assert roles[Role.DATE] == ["2024年1月12日"]
    # No closing line recognised by the parser, the name and date are still the signature.
    roles = blocks_by_role(read(JIWEI_2025))
    assert roles[Role.SIGNATURE] == ["蒯正衡"]
    assert roles[Role.DATE] == ["2026年1月20日"]
    # A bracketed by-line under a Markdown title.
    roles = blocks_by_role(read(JIWEI_MD))
    assert roles[Role.TITLE] == ["主题教育专题民主生活会个人对照检查材料"]
    assert roles[Role.SUBTITLE] == ["（澂岺镇党委委员、纪委书记蒯正衡）"]
    assert "一、存在的问题" in roles[Role.HEADING_1]
    # Arabic-numbered items are level 3: their lead sentence is set as a run-in heading.
    assert not any(t.startswith("1. ") for t in roles.get(Role.HEADING_3, []))


def test_table_of_the_team_material_is_rebuilt_as_a_table(tmp_path: Path) -> None:
    out = tmp_path / "banzi.docx"
    result = format_file(read(BANZI), out)
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    tables = root.findall(f".//{{{W}}}tbl")
    assert len(tables) == 1
    rows = tables[0].findall(f"{{{W}}}tr")
    assert len(rows) == 8
    cells = [b for b in result.plan.blocks if b.role is Role.TABLE]
    assert cells[:4] == [b for b in result.plan.blocks if b.cell is not None][:4]
    back = read(out)
    table_back = [
        back.text[p.span.start : p.span.end] for p in back.paragraphs if p.region.value == "table"
    ]
    assert [t for t in table_back if t] == [b.text for b in cells]


def test_legacy_doc_input_keeps_its_table(soffice: str, tmp_path: Path) -> None:
    src = tmp_path / "banzi.docx"
    shutil.copyfile(BANZI, src)
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc = read(tmp_path / "banzi.doc")
    out = tmp_path / "banzi_out.docx"
    result = format_file(doc, out)
    assert any(b.cell is not None for b in result.plan.blocks)
    assert paragraph_texts(read(out)) == paragraph_texts(doc)


# --- unclear structure ------------------------------------------------------------------------------


def test_unclear_structure_names_the_paragraphs() -> None:
    doc = read_text_string(UNCLEAR, name="unclear.txt")
    with pytest.raises(StructureUnclearError) as info:
        format_document(doc)
    message = str(info.value)
    assert "第3段“（一）关于自学”" in message
    assert "第5段“（二）关于调研”" in message
    assert "第7段“1.调研次数偏少。”" in message
    assert "--by-numbering" in message


def test_by_numbering_assigns_levels_from_the_numbering_scheme() -> None:
    roles = blocks_by_role(
        read_text_string(UNCLEAR, name="unclear.txt"), LayoutOptions(by_numbering=True)
    )
    assert roles[Role.HEADING_2] == ["（一）关于自学", "（二）关于调研"]
    assert roles[Role.HEADING_3] == ["1.调研次数偏少。"]


def test_material_without_text_is_refused() -> None:
    doc = read_text_string("\u3000\u3000\n \n", name="blank.txt")
    with pytest.raises(StructureUnclearError, match="没有可排版的正文"):
        format_document(doc)


# --- requested changes -------------------------------------------------------------------------------


def test_numbering_problems_are_reported_and_left_alone() -> None:
    doc = read(XUANCHUAN)
    plan = format_document(doc).plan
    assert not plan.changes
    assert [b.text for b in plan.blocks] == paragraph_texts(doc)
    assert any("“（二）”重复，应为“（三）”" in w for w in plan.warnings)
    assert any("--fix-numbering" in w for w in plan.warnings)


def test_fix_numbering_renumbers_and_says_what_it_changed(tmp_path: Path) -> None:
    doc = read(XUANCHUAN)
    out = tmp_path / "fixed.docx"
    plan = format_file(doc, out, LayoutOptions(fix_numbering=True)).plan
    assert [(c.kind, c.before, c.after) for c in plan.changes] == [
        (ChangeKind.RENUMBER, "（二）", "（三）"),
        (ChangeKind.RENUMBER, "第三，", "第二，"),
        (ChangeKind.RENUMBER, "第二，", "第三，"),
    ]
    before = paragraph_texts(doc)
    after = paragraph_texts(read(out))
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 2
    assert changed[0][1].startswith("（三）在能力本领方面")
    assert "第二，对分管单位的廉洁提醒不经常" in changed[1][1]
    assert "第三，对自身要求有所放松" in changed[1][1]
    # Nothing else in the paragraph moved.
    assert (
        changed[1][1]
        .replace("第二，对分管", "第三，对分管")
        .replace("第三，对自身", "第二，对自身")
        == changed[1][0]
    )


def test_fix_numbering_restores_a_lost_numeral() -> None:
    plan = format_document(read(SEED_COPY), LayoutOptions(fix_numbering=True)).plan
    assert [(c.before, c.after) for c in plan.changes] == [("是", "一是")]
    assert any(b.text.startswith("一是争创一流的境界还待提高。") for b in plan.blocks)


def test_title_and_by_line_options() -> None:
    options = LayoutOptions(
        title="个人对照检查材料", unit="青杠镇党委委员、副镇长", author="韩述川"
    )
    plan = format_document(read(SEED_COPY), options).plan
    assert plan.blocks[0].role is Role.TITLE and plan.blocks[0].text == "个人对照检查材料"
    assert plan.blocks[1].role is Role.SUBTITLE
    assert plan.blocks[1].text == "青杠镇党委委员、副镇长\u3000韩述川"
    assert [c.kind for c in plan.changes] == [ChangeKind.TITLE, ChangeKind.BYLINE]
    assert [b.text for b in plan.blocks[2:]] == paragraph_texts(read(SEED_COPY))
    # Replacing an existing title is reported with the old wording.
    plan = format_document(read(ZUZHI), LayoutOptions(title="新标题")).plan
    assert plan.changes[0].before == "主题教育专题民主生活会个人对照检查材料"
    assert [b.text for b in plan.blocks if b.role is Role.TITLE] == ["新标题"]


# --- arithmetic ----------------------------------------------------------------------------------------


def test_long_title_breaks_between_words_into_balanced_lines() -> None:
    wrap = title_wrap("中共澂岺镇委员会领导班子主题教育专题民主生活会对照检查材料", 20.1)
    assert wrap is not None
    assert wrap.lines == ("中共澂岺镇委员会领导班子主题教育", "专题民主生活会对照检查材料")
    assert em_width(wrap.lines[-1]) <= wrap.width <= 20.1
    assert title_wrap("主题教育专题民主生活会对照检查材料", 20.1) is None
    wrap = title_wrap("县水利局党组成员、副局长2025年度民主生活会对照检查材料", 20.1)
    assert wrap is not None and len(wrap.lines) == 2
    assert all(line[0] not in "，、。）" for line in wrap.lines)
    assert "".join(wrap.lines) == "县水利局党组成员、副局长2025年度民主生活会对照检查材料"


def test_signature_indents_follow_gbt9704_unsealed_rule() -> None:
    # Name longer than the date by two or more: name 右空二字, date starts two characters in.
    assert signature_indents("中共青杠镇委员会领导班子", "2024年1月8日") == (2.0, 6.0)
    # Date longer: date 右空二字, the name moves left to start two characters before it.
    assert signature_indents("韩述川", "2024年1月8日") == (7.0, 2.0)
    assert signature_indents(None, "2024年1月8日") == (0.0, 2.0)


@pytest.mark.parametrize(
    ("scheme", "text", "value", "expected"),
    [
        (Scheme.CN_PAREN, "(二)", 3, "(三)"),
        (Scheme.CN_PAREN, "（九）", 10, "（十）"),
        (Scheme.ARABIC_DOT, "２．", 3, "３．"),
        (Scheme.ARABIC_DOT, "12.", 11, "11."),
        (Scheme.ORDINAL, "第三，", 2, "第二，"),
        (Scheme.CIRCLED, "③", 2, "②"),
        (Scheme.CN_TOP, "四、", 3, "三、"),
    ],
)
def test_renumbered_keeps_brackets_and_width(
    scheme: Scheme, text: str, value: int, expected: str
) -> None:
    token = NumberToken(scheme, 0, Span(0, len(text)), text, True)
    assert renumbered(token, value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年1月16日", "2024年1月16日"),
        ("2024年01月06日", "2024年1月6日"),
        ("二〇二四年一月十六日", "2024年1月16日"),
        ("（2024年1月16日）", "（2024年1月16日）"),
        ("(2024年01月16日)", "(2024年1月16日)"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == (text, expected)


def test_parse_date_rejects_non_dates() -> None:
    assert parse_date("2024年1月") is None
    assert parse_date("2024年13月1日") is None
    assert parse_date("以上是我的对照检查") is None


def test_zip_is_deterministic() -> None:
    doc = read(ZUZHI)
    assert format_document(doc).data == format_document(doc).data
    with zipfile.ZipFile(io.BytesIO(format_document(doc).data)) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_control_characters_a_docx_cannot_hold_are_dropped_with_a_warning(tmp_path: Path) -> None:
    doc = read_text_string("对照检查材料\n按照\x0c安排，我认真\x01查摆。\n", name="ff.txt")
    out = tmp_path / "ff.docx"
    plan = format_file(doc, out).plan
    assert any("控制字符 2 个" in w for w in plan.warnings)
    assert paragraph_texts(read(out)) == ["对照检查材料", "按照安排，我认真查摆。"]
