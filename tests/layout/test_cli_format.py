"""``mingjing format`` on the command line: output file, messages, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing import read
from mingjing.cli import run
from mingjing.layout import paragraph_texts
from tests.conftest import EXAMPLES, SEED_COPY
from tests.layout.samples import UNCLEAR

XUANCHUAN = EXAMPLES / "宣传委员_阙文翰_对照检查材料_2023.docx"


def test_format_writes_the_docx_and_summarises_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.docx"
    assert run(["format", str(SEED_COPY), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"已排版：{out}" in captured.out
    assert "一级标题 3" in captured.out and "结束语 1" in captured.out
    assert "未识别到标题" in captured.err
    assert paragraph_texts(read(out)) == paragraph_texts(read(SEED_COPY))


def test_default_output_name_sits_next_to_the_input(tmp_path: Path) -> None:
    src = tmp_path / "材料.txt"
    src.write_bytes(SEED_COPY.read_bytes())
    assert run(["format", str(src)]) == 0
    assert (tmp_path / "材料_公文格式.docx").is_file()


def test_fix_numbering_lists_each_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    assert (
        run(["format", str(XUANCHUAN), "-o", str(out), "--fix-numbering", "--style", "common"]) == 0
    )
    text = capsys.readouterr().out
    assert "按要求改动了以下文字" in text
    assert "编号“（二）”改为“（三）”" in text


def test_unclear_structure_exits_2_with_the_paragraphs_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "unclear.txt"
    src.write_text(UNCLEAR, encoding="utf-8")
    out = tmp_path / "unclear.docx"
    assert run(["format", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "无法确定材料的层次结构" in err and "第3段“（一）关于自学”" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert run(["format", str(src), "-o", str(out), "--by-numbering"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--style", "fancy"], "未知的格式方案"),
        (["--fonts", "mac"], "未知的字体方案"),
    ],
)
def test_bad_options_give_a_chinese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(["format", str(SEED_COPY), "-o", str(tmp_path / "o.docx"), *args]) == 2
    assert message in capsys.readouterr().err


def test_output_must_be_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["format", str(SEED_COPY), "-o", str(tmp_path / "o.pdf")]) == 2
    assert "应以 .docx 结尾" in capsys.readouterr().err
