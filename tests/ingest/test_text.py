"""Reading .txt and .md: encodings, offsets into the file's text, PDF hard-wrap repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing import SourceFormat, read
from mingjing.document import ProseView
from mingjing.errors import EncodingError
from mingjing.render.outline import outline_dict
from mingjing.structure import parse

SAMPLE = "一、存在的问题\n（一）在理论学习方面\n一是学习不够系统。比如：2023年只参加了3次集中学习。\n二、原因分析\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_text_is_decoded_whatever_the_encoding(
    tmp_path: Path, encoding: str, expected: str
) -> None:
    path = tmp_path / "材料.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    doc = read(path)
    assert doc.text == SAMPLE
    assert doc.encoding == expected
    assert doc.format is SourceFormat.TXT


def test_gb18030_long_material_is_detected(tmp_path: Path, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    path = tmp_path / "seed-gb.txt"
    path.write_bytes(text.replace("\u00a0", " ").encode("gb18030"))
    doc = read(path)
    assert doc.encoding == "gb18030"
    assert doc.text == text.replace("\u00a0", " ")


def test_forced_encoding_is_used_and_a_wrong_one_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    assert read(path, encoding="gb18030").text == SAMPLE
    with pytest.raises(EncodingError, match="utf-8"):
        read(path, encoding="utf-8")
    with pytest.raises(EncodingError, match="不认识的编码名称"):
        read(path, encoding="no-such-codec")


def test_offsets_are_offsets_into_the_file_text_with_crlf_and_blank_lines(tmp_path: Path) -> None:
    raw = "标题行\r\n\r\n一、存在的问题\r\n（一）在理论学习方面\r\n一是学习不深。\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = read(path)
    assert doc.text == raw
    assert [p.span.of(doc.text) for p in doc.paragraphs] == [
        "标题行",
        "一、存在的问题",
        "（一）在理论学习方面",
        "一是学习不深。",
    ]
    report = parse(doc)
    item = report.sections[0].parts[0].items[0]
    assert item.span.of(raw) == "一是学习不深。"


def test_markdown_prefixes_are_not_part_of_paragraphs(tmp_path: Path) -> None:
    raw = "# 对照检查材料\n\n## 一、存在的问题\n\n### （一）在理论学习方面\n\n一是学习不深。\n"
    path = tmp_path / "a.md"
    path.write_text(raw, encoding="utf-8")
    doc = read(path)
    assert doc.format is SourceFormat.MD
    assert [p.span.of(doc.text) for p in doc.paragraphs][1:] == [
        "一、存在的问题",
        "（一）在理论学习方面",
        "一是学习不深。",
    ]
    report = parse(doc)
    assert report.sections[0].heading == "存在的问题"
    assert len(report.sections[0].parts[0].items) == 1


def _pdf_paste(
    text: str, width: int = 30, lines_per_page: int = 22, header: str | None = None
) -> str:
    """Simulate copying from a PDF viewer: hard wraps, page numbers, a running header."""
    out: list[str] = []
    page = 1
    for para in text.split("\n"):
        para = para.strip("\u00a0\u3000 ")
        if not para:
            continue
        chunks = [para[i : i + width] for i in range(0, len(para), width)]
        for chunk in chunks:
            out.append(chunk)
            if len(out) % (lines_per_page + 2) == lines_per_page:
                out.append(f"- {page} -")
                page += 1
                if header:
                    out.append(header)
    out.append(f"- {page} -")
    return "\n".join(out) + "\n"


def _shape(report_dict: dict[str, object]) -> object:
    sections = report_dict["sections"]
    assert isinstance(sections, list)
    return [
        (
            s["kind"],
            s["heading"],
            [
                (p["heading"], [(i["value"], len(i["instances"])) for i in p["items"]])
                for p in s["parts"]
            ],
        )
        for s in sections
    ]


@pytest.mark.parametrize("header", [None, "个人对照检查材料"])
def test_pdf_pasted_seed_gives_the_same_outline_as_the_original(
    tmp_path: Path, seed_path: Path, header: str | None
) -> None:
    original = read(seed_path)
    pasted_path = tmp_path / "seed.pdf.txt"
    pasted_path.write_text(_pdf_paste(original.text, header=header), encoding="utf-8")
    pasted = read(pasted_path)
    assert pasted.hard_wrapped
    assert any("PDF" in w for w in pasted.warnings)
    a, b = outline_dict(parse(original)), outline_dict(parse(pasted))
    assert _shape(a) == _shape(b)
    assert a["facts"] == b["facts"]
    # spans still point at the right characters of the pasted file's own text
    report = parse(pasted)
    for section in report.sections:
        for part in section.parts:
            for item in part.items:
                assert item.token is not None
                assert item.token.span.of(pasted.text) == item.token.text


def test_prose_view_skips_page_furniture(tmp_path: Path, seed_path: Path) -> None:
    original = read(seed_path)
    path = tmp_path / "p.txt"
    path.write_text(_pdf_paste(original.text, header="对照检查材料"), encoding="utf-8")
    view = ProseView.of(read(path))
    assert "- 1 -" not in view.text
    assert "对照检查材料" not in view.text
    assert "一、存在的问题\n（一）在理论学习方面\n一是对新思想领悟不够深入。" in view.text


def test_ordinary_one_paragraph_per_line_text_is_not_rejoined(seed_path: Path) -> None:
    doc = read(seed_path)
    assert not doc.hard_wrapped
    assert len(doc.paragraphs) == 38
