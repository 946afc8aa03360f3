"""Findings written back as Word comments: exact anchors, text and formatting kept, round trips."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from mingjing import parse, read
from mingjing.cli import run
from mingjing.render.docx_comments import annotate, annotated_name, word_date
from mingjing.review import review
from mingjing.review.engine import Category, Severity
from tests.conftest import EXAMPLES
from tests.ingest import docx_builders as b
from tests.render.helpers import (
    W,
    covered_text,
    expected_cover,
    finding,
    odt_ranges,
    part,
    reread,
    result_with,
    word_comments,
)

BEIJING = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2025, 1, 6, 9, 30, 41, tzinfo=BEIJING)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _bold_texts(data: bytes) -> list[str]:
    root = etree.fromstring(part(data, "word/document.xml"))
    return [
        "".join(t.text or "" for t in r.iter(f"{W}t"))
        for r in root.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}b") is not None
    ]


def _annotate_path(path: Path, *phrases: str, **kw: object) -> tuple[bytes, dict[int, str]]:
    doc = read(path)
    findings = [finding(doc.text, ph) for ph in phrases]
    data = annotate(result_with(doc, *findings), now=NOW)
    return data, covered_text(data)


# --- anchoring on exact characters ------------------------------------------------------------


def test_comment_covers_a_phrase_that_crosses_run_boundaries(tmp_path: Path) -> None:
    doc = b.new_document()
    b.add_blocks(
        doc,
        b.p("关于理论学习的对照检查"),
        b.p(
            b.r("我在理论学习上"),
            b.r("学得不够", rpr="<w:b/>"),
            b.r("系统，钻得不深，"),
            b.r("存在以干代学现象。"),
        ),
    )
    src = b.save(doc, tmp_path / "runs.docx")
    before = _sha(src)
    data, cover = _annotate_path(src, "学习上学得不够系统")
    # comment 0 is the summary on the title; comment 1 is the finding
    assert cover[1] == "学习上学得不够系统"
    assert cover[0] == "关于理论学习的对照检查"
    assert reread(data).text == read(src).text
    # the bold run was not split and kept its formatting; the split-off pieces are not bold
    assert _bold_texts(data) == ["学得不够"]
    assert _sha(src) == before


def test_run_formatting_is_kept_on_both_sides_of_a_split(tmp_path: Path) -> None:
    doc = b.new_document()
    b.add_blocks(
        doc,
        b.p("标题"),
        b.p(b.r("一是学习上浅尝辄止，满足于读过了。", rpr='<w:b/><w:color w:val="C00000"/>')),
    )
    src = b.save(doc, tmp_path / "bold.docx")
    data, cover = _annotate_path(src, "浅尝辄止")
    assert cover[1] == "浅尝辄止"
    # one bold red run became three, all still bold and red, text unchanged
    assert _bold_texts(data) == ["一是学习上", "浅尝辄止", "，满足于读过了。"]
    root = etree.fromstring(part(data, "word/document.xml"))
    colors = [c.get(f"{W}val") for c in root.iter(f"{W}color")]
    assert colors == ["C00000"] * 3


def test_several_comments_in_one_run_and_overlapping_ranges(tmp_path: Path) -> None:
    src = b.plain_paragraphs(
        tmp_path / "one-run.docx",
        [["材料"], ["对新思想领悟不够深入，学习不够系统，联系实际不够紧密。"]],
    )
    doc = read(src)
    fs = [
        finding(doc.text, "领悟不够深入"),
        finding(doc.text, "不够深入，学习不够", rule="MJ998"),
        finding(doc.text, "联系实际"),
        finding(doc.text, "。", rule="MJ997"),
    ]
    data = annotate(result_with(doc, *fs), now=NOW)
    cover = covered_text(data)
    assert sorted(cover.values()) == sorted(["材料", *(f.text for f in fs)])
    assert reread(data).text == doc.text


def test_comment_inside_a_table_cell(tmp_path: Path) -> None:
    doc = b.new_document()
    b.add_blocks(
        doc,
        b.p("征求意见情况"),
        b.table(
            [
                ["序号", "意见类别", "牵头领导"],
                ["1", b.cell(b.p(b.r("理论学习"), b.r("方面"))), b.cell(b.p("【待补】"))],
            ]
        ),
        b.p("以上意见已逐条反馈。"),
    )
    src = b.save(doc, tmp_path / "table.docx")
    data, cover = _annotate_path(src, "【待补】", "学习方面")
    assert set(cover.values()) >= {"【待补】", "学习方面"}
    root = etree.fromstring(part(data, "word/document.xml"))
    for start in root.iter(f"{W}commentRangeStart"):
        cid = start.get(f"{W}id")
        if cover[int(cid or -1)] == "【待补】":
            assert any(a.tag == f"{W}tc" for a in start.iterancestors())
    assert reread(data).text == read(src).text


def test_comment_spanning_two_paragraphs(tmp_path: Path) -> None:
    src = b.plain_paragraphs(
        tmp_path / "two.docx",
        [["标题"], ["一是学习不够系统。", "比如只读了摘编。"], ["二是调研不够深入。"]],
    )
    doc = read(src)
    start = doc.text.index("摘编。")
    end = doc.text.index("调研") + 2
    f = finding(doc.text, doc.text[start:end], start=start)
    data = annotate(result_with(doc, f), now=NOW)
    cover = covered_text(data)
    assert cover[1] == "摘编。二是调研"
    root = etree.fromstring(part(data, "word/document.xml"))
    paragraphs = list(root.iter(f"{W}p"))
    start_p = next(
        p for p in paragraphs if p.find(f".//{W}commentRangeStart[@{W}id='1']") is not None
    )
    end_p = next(p for p in paragraphs if p.find(f".//{W}commentRangeEnd[@{W}id='1']") is not None)
    assert start_p is not end_p
    assert reread(data).text == doc.text


def test_auto_numbered_paragraphs_anchor_on_text_not_label(tmp_path: Path) -> None:
    src = b.numbered_report(tmp_path / "numbered.docx")
    doc = read(src)
    label_start = doc.text.index("一、理论学习方面")
    whole = finding(doc.text, "一、理论学习方面", start=label_start)
    label_only = finding(
        doc.text, "（一）", start=doc.text.index("（一）学习不够深入"), rule="MJ998"
    )
    data = annotate(result_with(doc, whole, label_only), now=NOW)
    cover = covered_text(data)
    assert cover[1] == "理论学习方面"
    assert cover[2] == "学"  # the start of the text of the paragraph labelled （一）
    assert reread(data).text == doc.text
    # the numbering definitions and the paragraphs' numPr are untouched
    assert part(data, "word/numbering.xml") == part(src.read_bytes(), "word/numbering.xml")


def test_runs_python_docx_does_not_list_inside_insertions_and_hyperlinks(tmp_path: Path) -> None:
    doc = b.new_document()
    link = b.hyperlink(doc, "https://example.org/xuexi", "学习强国平台")
    b.add_blocks(
        doc,
        b.p("标题"),
        b.p(b.r("存在"), b.dele("以干代学"), b.ins("学用脱节"), b.r("现象。")),
        b.p(b.r("每天登录"), link, b.r("学习。")),
    )
    src = b.save(doc, tmp_path / "revisions.docx")
    original = read(src)
    assert "学用脱节" in original.text  # accepted-all view
    data, cover = _annotate_path(src, "学用脱节现", "强国平台学")
    assert cover[1] == "学用脱节现"
    assert cover[2] == "强国平台学"
    root = etree.fromstring(part(data, "word/document.xml"))
    # tracked changes preserved: the insertion still holds its text, the deletion its text
    ins_text = "".join(t.text or "" for i in root.iter(f"{W}ins") for t in i.iter(f"{W}t"))
    del_text = "".join(t.text or "" for d in root.iter(f"{W}del") for t in d.iter(f"{W}delText"))
    assert ins_text == "学用脱节"
    assert del_text == "以干代学"
    link_text = "".join(t.text or "" for h in root.iter(f"{W}hyperlink") for t in h.iter(f"{W}t"))
    assert link_text == "学习强国平台"
    assert reread(data).text == original.text
    # python-docx's view (which drops inserted text) is unchanged too
    before = [p.text for p in docx.Document(str(src)).paragraphs]
    after = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert before == after


def test_existing_comments_are_kept(tmp_path: Path) -> None:
    d = b.new_document()
    b.add_blocks(d, b.p("标题"), b.p("一是学习不够系统，二是调研不够深入。"))
    para = d.paragraphs[1]
    d.add_comment(para.runs, text="请补充事例", author="韦砚清", initials="韦")
    src = b.save(d, tmp_path / "commented.docx")
    data, cover = _annotate_path(src, "调研不够深入")
    comments = word_comments(data)
    old = comments[0]
    assert (old.author, old.text) == ("韦砚清", "请补充事例")
    assert cover[0] == "一是学习不够系统，二是调研不够深入。"
    new = [c for c in comments.values() if c.id != 0]
    assert len(new) == 2 and all(c.author.startswith("明镜") for c in new)
    finding_comment = next(c for c in new if c.author != "明镜")
    assert cover[finding_comment.id] == "调研不够深入"


def test_headers_and_footers_are_never_written(tmp_path: Path) -> None:
    d = b.new_document()
    d.sections[0].header.paragraphs[0].text = "学习不够系统（页眉）"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    b.add_blocks(d, b.p("标题"), b.p("一是学习不够系统。"))
    src = b.save(d, tmp_path / "header.docx")
    data, cover = _annotate_path(src, "学习不够系统")
    assert cover[1] == "学习不够系统"
    with zipfile.ZipFile(src) as zf:
        names = [n for n in zf.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
        assert names
        for n in names:
            assert part(data, n) == zf.read(n)


# --- comment content ----------------------------------------------------------------------


def test_authors_by_category_text_and_local_word_dates(tmp_path: Path) -> None:
    src = b.plain_paragraphs(tmp_path / "c.docx", [["标题"], ["要增强“四个自信”，做到再接再励。"]])
    doc = read(src)
    f1 = finding(
        doc.text, "增强“四个自信”", category=Category.FORMULATION, suggestion="坚定“四个自信”"
    )
    f2 = finding(doc.text, "再接再励", category=Category.TYPO, severity=Severity.WARNING)
    data = annotate(result_with(doc, f1, f2), now=NOW)
    comments = word_comments(data)
    by_author = {c.author: c for c in comments.values()}
    assert set(by_author) == {"明镜", "明镜·提法", "明镜·错别字"}
    c1 = by_author["明镜·提法"]
    assert "MJ999" in c1.text and f1.message in c1.text and "坚定“四个自信”" in c1.text
    assert c1.text.startswith("【错误】")
    assert "建议" not in by_author["明镜·错别字"].text
    assert by_author["明镜·错别字"].text.startswith("【警告】")
    # Word writes the reviewer's wall-clock time with a Z, in whole minutes
    assert {c.date for c in comments.values()} == {"2025-01-06T09:30:00Z"}


def test_default_date_is_this_computers_local_time() -> None:
    before = dt.datetime.now().replace(second=0, microsecond=0)
    stamp = dt.datetime.strptime(word_date(), "%Y-%m-%dT%H:%M:00Z")
    assert before <= stamp <= before + dt.timedelta(minutes=1)


def test_summary_comment_sits_on_the_title_with_counts_and_framework(seed_path: Path) -> None:
    result = review(parse(read(seed_path)))
    data = annotate(result, now=NOW)
    comments = word_comments(data)
    summary = comments[0]
    assert summary.author == "明镜"
    s = result.summary()
    assert f"错误 {s['error']} 处" in summary.text
    assert f"警告 {s['warning']} 处" in summary.text
    assert f"提示 {s['info']} 处" in summary.text
    assert result.framework is not None and result.framework.name in summary.text
    # the seed has no title: the summary marks only the start of its first paragraph
    first_line = result.report.text.split("\n", 1)[0]
    assert len(first_line) > 60
    assert covered_text(data)[0] == first_line[:10]
    assert len(comments) == len(result.findings) + 1


# --- whole materials --------------------------------------------------------------------------


def test_text_input_becomes_a_docx_with_one_paragraph_per_line(seed_path: Path) -> None:
    result = review(parse(read(seed_path)))
    data = annotate(result, now=NOW)
    back = reread(data)
    assert back.text == result.report.text
    assert len(back.paragraphs) == result.report.text.count("\n") + 1
    cover = covered_text(data)
    for cid, f in enumerate(result.findings, start=1):
        assert cover[cid] == expected_cover(back, f.span), f


EXAMPLE_FILES = sorted(
    p
    for p in EXAMPLES.glob("*")
    if p.suffix in (".docx", ".txt", ".md") and not p.name.startswith(("README", "DEFECTS"))
)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_round_trip_with_every_finding_on_its_characters(path: Path) -> None:
    before = _sha(path)
    result = review(parse(read(path)))
    data = annotate(result, now=NOW)
    back = reread(data)
    assert back.text == result.report.text
    cover = covered_text(data)
    comments = word_comments(data)
    assert len(comments) == len(result.findings) + 1
    for cid, f in enumerate(result.findings, start=1):
        assert cover[cid] == expected_cover(back, f.span), f
        assert comments[cid].author == f"明镜·{f.category.label}"
    assert _sha(path) == before


def test_examples_include_numbered_paragraphs_and_tables() -> None:
    team = EXAMPLES / "领导班子_对照检查材料_2023.docx"
    doc = read(team)
    assert any(p.label is not None for p in doc.paragraphs)
    assert any(p.region.value == "table" for p in doc.paragraphs)
    result = review(parse(doc))
    # the planted 【待补】 sits in a table cell; its comment lands inside that cell
    placeholder = next(f for f in result.findings if f.text == "【待补】")
    data = annotate(result, now=NOW)
    index = result.findings.index(placeholder) + 1
    root = etree.fromstring(part(data, "word/document.xml"))
    start = root.find(f".//{W}commentRangeStart[@{W}id='{index}']")
    assert start is not None
    assert any(a.tag == f"{W}tc" for a in start.iterancestors())
    assert covered_text(data)[index] == "【待补】"


# --- LibreOffice ------------------------------------------------------------------------------


def _to_odt(soffice: str, files: list[Path], workdir: Path) -> list[Path]:
    outdir = workdir / "odt"
    proc = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
            "--convert-to",
            "odt",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = [outdir / (f.stem + ".odt") for f in files]
    assert all(o.is_file() for o in out), proc.stdout + proc.stderr
    return out


@pytest.mark.soffice
def test_libreoffice_opens_the_annotated_copies_with_every_range(
    soffice: str, tmp_path: Path
) -> None:
    # a real material (auto-numbering, a table) and one with a range across two paragraphs,
    # one inside a tracked insertion and one inside a hyperlink
    source = EXAMPLES / "领导班子_对照检查材料_2023.docx"
    result = review(parse(read(source)))
    team = tmp_path / annotated_name(source)
    team.write_bytes(annotate(result, now=NOW))
    d = b.new_document()
    link = b.hyperlink(d, "https://example.org/xuexi", "学习强国平台")
    b.add_blocks(
        d,
        b.p("标题"),
        b.p(b.r("存在"), b.dele("以干代学"), b.ins("学用脱节"), b.r("现象。")),
        b.p(b.r("每天登录"), link, b.r("学习。")),
    )
    src = b.save(d, tmp_path / "mixed.docx")
    doc = read(src)
    cross = doc.text.index("现象。")
    mixed_findings = [
        finding(doc.text, "学用脱节"),
        finding(doc.text, "强国平台"),
        finding(doc.text, doc.text[cross : cross + 7], start=cross, rule="MJ998"),
    ]
    mixed = tmp_path / "mixed.审核意见.docx"
    mixed.write_bytes(annotate(result_with(doc, *mixed_findings), now=NOW))

    team_odt, mixed_odt = _to_odt(soffice, [team, mixed], tmp_path)
    content = etree.fromstring(zipfile.ZipFile(team_odt).read("content.xml"))
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    dc = "http://purl.org/dc/elements/1.1/"
    annotations = list(content.iter(f"{{{office}}}annotation"))
    assert len(annotations) == len(result.findings) + 1
    authors = sorted(a.findtext(f"{{{dc}}}creator") or "" for a in annotations)
    expected = sorted(["明镜", *(f"明镜·{f.category.label}" for f in result.findings)])
    assert authors == expected
    # the ranges survive the import: LibreOffice covers exactly the characters Word would
    for annotated, odt in ((team, team_odt), (mixed, mixed_odt)):
        ours = covered_text(annotated.read_bytes())
        theirs = odt_ranges(zipfile.ZipFile(odt).read("content.xml"))
        assert sorted(theirs) == sorted(ours.values())
    assert "现象。每天登" in covered_text(mixed.read_bytes()).values()  # "\n" has no run


# --- command line -----------------------------------------------------------------------------


def test_cli_writes_one_annotated_copy_per_material_and_leaves_inputs_alone(
    tmp_path: Path, seed_path: Path
) -> None:
    materials = tmp_path / "材料"
    materials.mkdir()
    team = materials / "领导班子.docx"
    team.write_bytes((EXAMPLES / "领导班子_对照检查材料_2023.docx").read_bytes())
    (materials / "seed.txt").write_bytes(seed_path.read_bytes())
    hashes = {p: _sha(p) for p in materials.iterdir()}
    out = tmp_path / "批注"
    code = run(["check", "--format", "docx", "-o", str(out), str(materials)])
    assert code == 1  # the seed has error findings
    written = sorted(p.name for p in out.iterdir())
    assert written == ["seed.审核意见.docx", "领导班子.审核意见.docx"]
    assert reread((out / "领导班子.审核意见.docx").read_bytes()).text == read(team).text
    assert {p: _sha(p) for p in materials.iterdir()} == hashes
    # a second run over a folder holding annotated copies does not review them as materials
    (materials / "seed.审核意见.docx").write_bytes((out / "seed.审核意见.docx").read_bytes())
    code = run(["check", "--format", "docx", "-o", str(out), str(materials)])
    assert sorted(p.name for p in out.iterdir()) == written


def test_cli_single_material_output_file_and_refusing_to_overwrite_the_input(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "seed.txt"
    src.write_bytes(seed_path.read_bytes())
    target = tmp_path / "结果.docx"
    assert run(["check", "--format", "docx", "-o", str(target), str(src)]) == 1
    assert reread(target.read_bytes()).text == read(src).text
    docx_src = tmp_path / "a.docx"
    docx_src.write_bytes((EXAMPLES / "领导班子_对照检查材料_2023.docx").read_bytes())
    before = _sha(docx_src)
    assert run(["check", "--format", "docx", "-o", str(docx_src), str(docx_src)]) == 2
    assert "不能是原材料本身" in capsys.readouterr().err
    assert _sha(docx_src) == before


def test_cli_single_material_into_a_folder(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "新文件夹"
    assert run(["check", "--format", "docx", "-o", str(out), str(seed_path)]) == 1
    assert [p.name for p in out.iterdir()] == ["seed.审核意见.docx"]
