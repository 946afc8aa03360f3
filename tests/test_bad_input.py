"""Unusable input: a clear Chinese message naming the file, exit code 2, no traceback, file untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mingjing.cli import run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


CASES: dict[str, tuple[str, bytes | None, str]] = {
    "empty": ("空.txt", b"", "文件为空"),
    "blank": ("空白.txt", "\u3000 \n\r\n  \n".encode(), "没有可读的文字"),
    "png": ("图片.docx", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG 图片"),
    "elf": ("程序.txt", b"\x7fELF\x02\x01\x01" + bytes(500), "可执行程序"),
    "pdf": ("材料.pdf", b"%PDF-1.7\n" + bytes(300), "PDF"),
    "binary": ("随机.txt", bytes(range(256)) * 40, "二进制"),
    "corrupt-zip": ("损坏.docx", b"PK\x03\x04" + b"\x00garbage" * 50, "已损坏"),
    "xlsx-like": ("表格.docx", None, "不是 Word 文档"),
    "sjis": (
        "日文.txt",
        "これは日本語の文章です。問題が三つあります。改善します。".encode("shift_jis") * 5,
        "编码",
    ),
    "huge": ("超大.txt", None, "文件过大"),
}


def _zip_without_word(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_chinese_message_exit_2_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, data, expected = CASES[case]
    path = tmp_path / name
    if case == "xlsx-like":
        _zip_without_word(path)
    elif case == "huge":
        with path.open("wb") as fh:  # 50 MB of text
            line = ("一是学习不够深入。" * 10 + "\n").encode()
            for _ in range(50 * 1024 * 1024 // len(line) + 1):
                fh.write(line)
    else:
        assert data is not None
        path.write_bytes(data)
    before = _digest(path)
    for command in (["text", str(path)], ["outline", str(path)], ["outline", "--json", str(path)]):
        code = run(command)
        err = capsys.readouterr().err
        assert code == 2, (case, command, err)
        assert name in err
        assert expected in err
        assert "Traceback" not in err
    assert _digest(path) == before


def test_missing_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "不存在.docx"
    assert run(["text", str(missing)]) == 2
    assert "不存在.docx：文件不存在" in capsys.readouterr().err


def test_a_folder_with_one_bad_file_still_reads_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    (tmp_path / "good.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"")
    code = run(["outline", "--json", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 2
    assert "bad.txt" in captured.err
    assert '"kind": "problems"' in captured.out
