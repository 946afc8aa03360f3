"""The .docx reader: canonical text, regions, tracked changes, headers, and the map back to runs."""

from __future__ import annotations

import hashlib
import io
import itertools
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mingjing.cli import run as cli_run
from mingjing.document import Document, Region, SegmentKind, SourceFormat, Span
from mingjing.errors import CorruptFileError, UnsupportedFormatError
from mingjing.ingest import read
from mingjing.ingest.docx import (
    MSG,
    RunPiece,
    body_paragraph,
    paragraph_runs,
    read_docx,
    run_pieces,
)
from tests.ingest import docx_builders as b

W = f"{{{b.W_NS}}}"


def build(tmp_path: Path, *blocks: str, name: str = "t.docx") -> Path:
    doc = b.new_document()
    b.add_blocks(doc, *blocks)
    return b.save(doc, tmp_path / name)


def lines(doc: Document) -> list[str]:
    return doc.text.split("\n")


def _rendered(child: etree._Element) -> str:
    """What a run child shows, independently of the reader."""
    tag = etree.QName(child).localname
    if tag == "t":
        return (child.text or "").replace("\n", " ").replace("\r", " ")
    if tag in ("tab", "ptab"):
        return "\t"
    if tag in ("br", "cr"):
        return "\n"
    if tag == "noBreakHyphen":
        return "-"
    if tag == "sym":
        return chr(int(child.get(f"{W}char") or "0", 16))
    raise AssertionError(f"segment points at a {tag}")


def assert_run_map(doc: Document, data: bytes) -> None:
    """Every canonical character of every paragraph comes from the run child its segment names."""
    body = docx.Document(io.BytesIO(data)).element.body
    for para in doc.paragraphs:
        cursor = para.span.start
        for seg in para.segments:
            assert seg.span.start == cursor, "segments must be contiguous"
            cursor = seg.span.end
            if seg.kind is SegmentKind.LABEL:
                assert para.label == seg.span and seg.run == -1
                continue
            assert para.xml_index is not None
            p = body_paragraph(body, para.xml_index)
            assert p is not None
            child = list(paragraph_runs(p)[seg.run])[seg.child]
            shown = _rendered(child)[seg.offset : seg.offset + len(seg.span)]
            assert seg.span.of(doc.text) == shown
        assert cursor == para.span.end, "segments must cover the whole paragraph"


def read_built(path: Path) -> Document:
    doc = read(path)
    assert_run_map(doc, path.read_bytes())
    return doc


# --- paragraphs and inline content ------------------------------------------------------------


def test_empty_paragraphs_stay_as_empty_lines(tmp_path: Path) -> None:
    doc = read_built(build(tmp_path, b.p("第一段"), "<w:p/>", b.p(""), b.p("第四段")))
    assert doc.text == "第一段\n\n\n第四段"
    assert [len(p.span) for p in doc.paragraphs] == [3, 0, 0, 3]
    assert doc.format is SourceFormat.DOCX
    assert doc.paragraphs[1].segments == ()


def test_tabs_and_soft_breaks(tmp_path: Path) -> None:
    content = b.r(
        "甲", "<w:tab/>", "乙", "<w:br/>", "丙", '<w:br w:type="page"/>', "丁", "<w:cr/>", "戊"
    )
    content += b.r('<w:br w:type="textWrapping"/>', "己", '<w:br w:type="column"/>')
    doc = read_built(build(tmp_path, b.p(content), b.p("下一段")))
    assert doc.text == "甲\t乙\n丙丁\n戊\n己\n下一段"
    first = doc.paragraphs[0]
    assert first.span == Span(0, 10)
    kinds = [s.kind for s in first.segments]
    assert kinds.count(SegmentKind.BREAK) == 3 and kinds.count(SegmentKind.TAB) == 1
    assert len(doc.paragraphs) == 2


def test_hyphens_and_symbols(tmp_path: Path) -> None:
    content = b.r(
        "二〇二五",
        "<w:noBreakHyphen/>",
        "二〇二六",
        "<w:softHyphen/>",
        '<w:sym w:font="Wingdings" w:char="F0FC"/>',
        '<w:sym w:font="SimSun" w:char="2605"/>',
        "年",
    )
    doc = read_built(build(tmp_path, b.p(content)))
    assert doc.text == "二〇二五-二〇二六★年"


def test_line_feed_inside_text_reads_as_a_space(tmp_path: Path) -> None:
    doc = read_built(build(tmp_path, b.p("上半\n下半")))
    assert doc.text == "上半 下半"


def test_hyperlinks_smart_tags_and_field_results_are_text(tmp_path: Path) -> None:
    d = b.new_document()
    link = b.hyperlink(d, "https://www.example.org/study", "学习专栏")
    b.add_blocks(
        d,
        b.p(
            "详见",
            link,
            "，联系人",
            b.smart_tag("王明"),
            "，日期",
            b.field(' DATE \\@ "yyyy年M月d日" ', "2025年1月6日"),
            "，第",
            b.simple_field(" PAGE ", "3"),
            "页",
        ),
    )
    doc = read_built(b.save(d, tmp_path / "inline.docx"))
    assert doc.text == "详见学习专栏，联系人王明，日期2025年1月6日，第3页"
    assert "DATE" not in doc.text


def test_a_field_without_end_does_not_swallow_the_next_paragraph(tmp_path: Path) -> None:
    broken = b.r('<w:fldChar w:fldCharType="begin"/>') + b.r(
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>'
    )
    doc = read_built(build(tmp_path, b.p("开头", broken), b.p("后面的段落")))
    assert doc.text == "开头\n后面的段落"


def test_style_names_are_reported(tmp_path: Path) -> None:
    doc = read_built(build(tmp_path, b.p("标题", style="Heading1"), b.p("正文")))
    assert [p.style for p in doc.paragraphs] == ["Heading 1", "Normal"]


def test_docm_main_part_is_read(tmp_path: Path) -> None:
    path = build(tmp_path, b.p("启用宏的文档"))
    rewritten = tmp_path / "macro.docm"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml",
                )
            dst.writestr(info, data)
    assert read(rewritten).text == "启用宏的文档"


# --- tracked changes --------------------------------------------------------------------------


def test_tracked_insertion_is_kept_and_deletion_dropped(tmp_path: Path) -> None:
    path = build(tmp_path, b.p("存在", b.dele("以干代学"), b.ins("学用脱节"), "现象。"))
    # python-docx alone loses the inserted words.
    assert docx.Document(str(path)).paragraphs[0].text == "存在现象。"
    doc = read_built(path)
    assert doc.text == "存在学用脱节现象。"
    assert doc.has_revisions
    assert doc.warnings == (MSG["revisions"],)
    inserted = [s for s in doc.paragraphs[0].segments if s.kind is SegmentKind.INSERTED]
    assert [s.span.of(doc.text) for s in inserted] == ["学用脱节"]
    assert inserted[0].run == 2  # runs: 存在, the deleted run, the inserted run, 现象。


def test_moves_read_at_their_destination(tmp_path: Path) -> None:
    doc = read_built(
        build(tmp_path, b.p("首先", b.move_from("深入调研")), b.p("其次", b.move_to("深入调研")))
    )
    assert doc.text == "首先\n其次深入调研"
    assert doc.has_revisions


def test_deleted_paragraphs_disappear_and_deleted_marks_keep_their_line(tmp_path: Path) -> None:
    doc = read_built(
        build(
            tmp_path,
            b.p("第一段"),
            b.p(b.dele("整段删除的文字"), mark=b.deleted_mark()),
            b.p("只删了段落标记", mark=b.deleted_mark()),
            b.p("最后一段"),
        )
    )
    assert doc.text == "第一段\n只删了段落标记\n最后一段"


def test_deleted_table_rows_are_skipped(tmp_path: Path) -> None:
    doc = read_built(build(tmp_path, b.table([["保留行"], ["删除行"]], deleted_rows=[1])))
    assert doc.text == "保留行"
    assert doc.has_revisions


def test_formatting_revisions_count_as_revisions(tmp_path: Path) -> None:
    change = f'<w:rPr><w:b/><w:rPrChange w:id="7" {b.REVISION_ATTRS}><w:rPr/></w:rPrChange></w:rPr>'
    doc = read_built(build(tmp_path, f"<w:p><w:r>{change}{b.t('加粗了')}</w:r></w:p>"))
    assert doc.text == "加粗了" and doc.has_revisions


def test_documents_without_revisions_have_no_warning(tmp_path: Path) -> None:
    doc = read_built(build(tmp_path, b.p("干净的文档")))
    assert not doc.has_revisions and doc.warnings == ()


# --- tables, text boxes, content controls -----------------------------------------------------


def test_merged_cells_are_read_once_in_row_order(tmp_path: Path) -> None:
    rows = [
        [b.cell("跨两列的表头", span=2), "丙"],
        [b.cell("纵向合并", vmerge="restart"), "乙二", "丙二"],
        [b.cell(vmerge="continue"), "乙三", "丙三"],
    ]
    path = build(tmp_path, b.p("表前"), b.table(rows, columns=3), b.p("表后"))
    table = docx.Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["跨两列的表头", "跨两列的表头", "丙"]
    doc = read_built(path)
    assert lines(doc) == [
        "表前",
        "跨两列的表头",
        "丙",
        "纵向合并",
        "乙二",
        "丙二",
        "乙三",
        "丙三",
        "表后",
    ]
    regions = [p.region for p in doc.paragraphs]
    assert regions == [Region.BODY] + [Region.TABLE] * 7 + [Region.BODY]


def test_text_in_a_merged_away_cell_is_not_lost(tmp_path: Path) -> None:
    rows = [
        [b.cell("上", vmerge="restart"), "右上"],
        [b.cell("续格的字", vmerge="continue"), "右下"],
    ]
    doc = read_built(build(tmp_path, b.table(rows)))
    assert lines(doc) == ["上", "右上", "续格的字", "右下"]


def test_nested_tables_are_read_in_place(tmp_path: Path) -> None:
    inner = b.table([["内一", "内二"]])
    rows = [[b.cell(b.p("外层甲"), inner, b.p("外层乙")), "右侧"], ["第二行", "末格"]]
    doc = read_built(build(tmp_path, b.table(rows)))
    assert lines(doc) == ["外层甲", "内一", "内二", "外层乙", "右侧", "第二行", "末格"]
    assert all(p.region is Region.TABLE for p in doc.paragraphs)


def test_text_box_is_read_once_right_after_its_anchor(tmp_path: Path) -> None:
    box = b.text_box(b.p("文本框第一段"), b.p("文本框第二段"))
    path = build(tmp_path, b.p("锚段前半", box, "锚段后半"), b.p("下一段"))
    body = docx.Document(str(path)).element.body
    assert len(body.findall(f".//{W}txbxContent")) == 2  # wps shape and its VML fallback
    doc = read_built(path)
    assert lines(doc) == ["锚段前半锚段后半", "文本框第一段", "文本框第二段", "下一段"]
    assert [p.region for p in doc.paragraphs] == [
        Region.BODY,
        Region.TEXTBOX,
        Region.TEXTBOX,
        Region.BODY,
    ]
    # The anchor's runs do not include the text box's own runs.
    assert [s.run for s in doc.paragraphs[0].segments] == [0, 2]
    # Paragraph ordinals count the fallback duplicates too: body p, 2 in the shape, 2 in VML.
    assert [p.xml_index for p in doc.paragraphs] == [0, 1, 2, 5]


def test_content_controls_in_body_and_cells(tmp_path: Path) -> None:
    doc = read_built(
        build(
            tmp_path,
            b.block_sdt("控件里的段落"),
            b.p("填报人：", b.inline_sdt("李明"), "（签字）"),
            b.table([[b.cell(b.block_sdt("单元格里的控件")), "普通单元格"]]),
        )
    )
    assert lines(doc) == ["控件里的段落", "填报人：李明（签字）", "单元格里的控件", "普通单元格"]
    assert [p.region for p in doc.paragraphs] == [
        Region.CONTENT_CONTROL,
        Region.BODY,
        Region.CONTENT_CONTROL,
        Region.TABLE,
    ]


def test_python_docx_misses_what_we_read(tmp_path: Path) -> None:
    path = build(
        tmp_path,
        b.block_sdt("控件段落"),
        b.p("锚", b.text_box(b.p("框内"))),
        b.p("存在", b.ins("插入"), "问题"),
    )
    seen_by_python_docx = [p.text for p in docx.Document(str(path)).paragraphs]
    assert seen_by_python_docx == ["锚", "存在问题"]
    assert lines(read_built(path)) == ["控件段落", "锚", "框内", "存在插入问题"]


# --- headers and footers ----------------------------------------------------------------------


def test_headers_and_footers_are_kept_apart_from_the_body(tmp_path: Path) -> None:
    d = b.new_document()
    b.add_blocks(d, b.p("正文第一节"))
    d.settings.odd_and_even_pages_header_footer = True
    first = d.sections[0]
    first.different_first_page_header_footer = True
    first.header.paragraphs[0].text = "单位内部资料"
    first.first_page_header.paragraphs[0].text = "首页页眉"
    first.even_page_header.paragraphs[0].text = "偶数页页眉"
    first.footer.paragraphs[0].text = "— 1 —"
    first.first_page_footer.paragraphs[0].text = ""  # an empty footer is dropped
    second = d.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "第二节页眉"
    d.add_paragraph("正文第二节")
    doc = read_built(b.save(d, tmp_path / "hf.docx"))
    # add_section() ends the first section with an empty paragraph holding its w:sectPr.
    assert lines(doc) == ["正文第一节", "", "正文第二节"]
    assert sorted(doc.headers) == sorted(["单位内部资料", "首页页眉", "偶数页页眉", "第二节页眉"])
    assert doc.footers == ("— 1 —",)
    assert "页眉" not in doc.text


# --- ordinals and the span → run map ----------------------------------------------------------


def test_xml_index_finds_the_same_paragraph_after_reload(tmp_path: Path) -> None:
    path = build(
        tmp_path,
        b.p("甲段"),
        b.p("锚", b.text_box(b.p("框"))),
        b.table([["表格段"]]),
        b.block_sdt("控件段"),
    )
    doc = read_built(path)
    body = docx.Document(str(path)).element.body
    for para in doc.paragraphs:
        assert para.xml_index is not None
        p = body_paragraph(body, para.xml_index)
        assert p is not None
        assert "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(para.span.of(doc.text))
    assert body_paragraph(body, 10_000) is None


def _resolve(path: Path, pieces: list[RunPiece]) -> str:
    body = docx.Document(str(path)).element.body
    out = []
    for piece in pieces:
        p = body_paragraph(body, piece.xml_index)
        assert p is not None
        child = list(paragraph_runs(p)[piece.run])[piece.child]
        out.append(_rendered(child)[piece.offset : piece.offset + piece.length])
    return "".join(out)


def _span_of(doc: Document, phrase: str) -> Span:
    start = doc.text.index(phrase)
    return Span(start, start + len(phrase))


def test_run_pieces_across_run_boundaries(tmp_path: Path) -> None:
    path = build(tmp_path, b.p(b.runs("我们在学习", "上还存在", "差距。")))
    doc = read_built(path)
    pieces = run_pieces(doc, _span_of(doc, "学习上还"))
    assert pieces == [RunPiece(0, 0, 0, 3, 2), RunPiece(0, 1, 0, 0, 2)]
    assert _resolve(path, pieces) == "学习上还"


def test_run_pieces_cover_tracked_insertions(tmp_path: Path) -> None:
    path = build(tmp_path, b.p("存在", b.dele("以干代学"), b.ins("学用脱节"), "现象。"))
    doc = read_built(path)
    pieces = run_pieces(doc, _span_of(doc, "在学用脱节现"))
    assert [(p.run, p.offset, p.length) for p in pieces] == [(0, 1, 1), (2, 0, 4), (3, 0, 1)]
    assert _resolve(path, pieces) == "在学用脱节现"


def test_run_pieces_in_a_table_cell(tmp_path: Path) -> None:
    path = build(tmp_path, b.p("表前"), b.table([["姓名", "张明同志"]]))
    doc = read_built(path)
    pieces = run_pieces(doc, _span_of(doc, "明同"))
    assert pieces == [RunPiece(2, 0, 0, 1, 2)]
    assert _resolve(path, pieces) == "明同"


def test_run_pieces_across_two_paragraphs_skip_labels_and_line_breaks(tmp_path: Path) -> None:
    d = b.new_document()
    b.set_numbering(d, b.abstract_num(1, *b.REPORT_LEVELS) + b.num(1, 1))
    b.add_blocks(d, b.p("理论学习方面", num=(1, 0)), b.p(b.runs("学得", "不深")))
    path = b.save(d, tmp_path / "two.docx")
    doc = read_built(path)
    assert doc.text == "一、理论学习方面\n学得不深"
    span = Span(0, doc.text.index("不深"))
    pieces = run_pieces(doc, span)
    assert [p.xml_index for p in pieces] == [0, 1]
    assert _resolve(path, pieces) == "理论学习方面学得"
    assert run_pieces(doc, Span(0, 2)) == []  # the label alone has no run
    assert run_pieces(doc, Span(3, 3)) == []


def test_random_run_splits_map_back_to_their_characters() -> None:
    """Property: any split of Chinese text into runs (plain, inserted, linked, with deleted runs
    between them) reads back as the text, and every character maps to its own run character."""

    chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
    punct = st.sampled_from(list("，。、；：“”（）《》！？ "))
    text = st.text(st.one_of(chinese, punct), min_size=1, max_size=40)
    wrappers = st.sampled_from(["plain", "ins", "link", "del-before"])

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(
                text, st.lists(st.integers(0, 40), max_size=6), st.lists(wrappers, max_size=7)
            ),
            min_size=1,
            max_size=3,
        )
    )
    def check(paragraphs: list[tuple[str, list[int], list[str]]]) -> None:
        blocks = []
        expected = []
        for content, cuts, kinds in paragraphs:
            points = sorted({0, len(content), *(c for c in cuts if c < len(content))})
            pieces = [content[a:z] for a, z in itertools.pairwise(points)]
            xml = ""
            for i, piece in enumerate(pieces):
                kind = kinds[i] if i < len(kinds) else "plain"
                if kind == "ins":
                    xml += b.ins(piece)
                elif kind == "link":
                    xml += f'<w:hyperlink w:anchor="mark">{b.r(piece)}</w:hyperlink>'
                elif kind == "del-before":
                    xml += b.dele("删") + b.r(piece)
                else:
                    xml += b.r(piece)
            blocks.append(f"<w:p>{xml}</w:p>")
            expected.append(content)
        d = b.new_document()
        b.add_blocks(d, *blocks)
        buf = io.BytesIO()
        d.save(buf)
        data = buf.getvalue()
        doc = read_docx(Path("random.docx"), data)
        assert doc.text == "\n".join(expected)
        assert_run_map(doc, data)
        for para in doc.paragraphs:
            pieces_found = run_pieces(doc, para.span)
            assert sum(p.length for p in pieces_found) == len(para.span)

    check()


# --- bad input --------------------------------------------------------------------------------


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                data = replace[info.filename]
                if data is None:
                    continue
            else:
                data = zin.read(info)
            zout.writestr(info, data)
    return dst


def test_dangling_relationships_are_ignored_as_word_does(tmp_path: Path) -> None:
    good = build(tmp_path, b.p("正文照常读取"))
    with zipfile.ZipFile(good) as zf:
        rels = zf.read("word/_rels/document.xml.rels")
    dangling = (
        b'<Relationship Id="rId90" Target="NULL" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/image"/>'
        b'<Relationship Id="rId91" Target="#_top" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/hyperlink"/></Relationships>'
    )
    bad = _rewrite(
        good,
        tmp_path / "dangling.docx",
        {"word/_rels/document.xml.rels": rels.replace(b"</Relationships>", dangling)},
    )
    with pytest.raises(KeyError):
        docx.Document(str(bad))
    before = bad.read_bytes()
    assert read(bad).text == "正文照常读取"
    assert bad.read_bytes() == before


def test_strict_open_xml_is_explained(tmp_path: Path) -> None:
    good = build(tmp_path, b.p("正文"))
    with zipfile.ZipFile(good) as zf:
        rels = zf.read("_rels/.rels")
    strict = rels.replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    )
    bad = _rewrite(good, tmp_path / "strict.docx", {"_rels/.rels": strict})
    with pytest.raises(UnsupportedFormatError) as err:
        read(bad)
    assert "Strict" in err.value.message


def test_malformed_xml_is_a_corrupt_file(tmp_path: Path) -> None:
    good = build(tmp_path, b.p("正文"))
    bad = _rewrite(good, tmp_path / "bad.docx", {"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(CorruptFileError) as err:
        read(bad)
    assert "XML" in err.value.message and "损坏" in err.value.message


def test_missing_main_part_is_a_corrupt_file(tmp_path: Path) -> None:
    good = build(tmp_path, b.p("正文"))
    bad = _rewrite(good, tmp_path / "nopart.docx", {"word/document.xml": None})
    with pytest.raises(CorruptFileError) as err:
        read(bad)
    assert "缺少" in err.value.message


def test_truncated_package_is_a_corrupt_file(tmp_path: Path) -> None:
    data = build(tmp_path, b.p("正文" * 200)).read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError):
        read(cut)


def test_damaged_compressed_data_is_a_corrupt_file(tmp_path: Path) -> None:
    path = build(tmp_path, b.p("需要足够长的正文内容。" * 300))
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    # Flip bytes in the middle of the compressed document part (its header is 30 + name bytes).
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    for i in range(middle, middle + 16):
        raw[i] ^= 0xFF
    broken = tmp_path / "broken.docx"
    broken.write_bytes(bytes(raw))
    with pytest.raises(CorruptFileError):
        read(broken)


def test_zip_bomb_is_refused_by_the_cli_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", f"<w:document {b.NSDECLS}><w:body/></w:document>")
        chunk = bytes(1024 * 1024)
        with zf.open("word/media/image1.png", "w", force_zip64=True) as big:
            for _ in range(300):
                big.write(chunk)
    before = hashlib.sha256(bomb.read_bytes()).hexdigest()
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert cli_run(["text", str(bomb)]) == 2
    captured = capsys.readouterr()
    assert "压缩炸弹" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert hashlib.sha256(bomb.read_bytes()).hexdigest() == before
