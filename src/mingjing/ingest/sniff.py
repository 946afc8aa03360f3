"""Detect a file's format from its bytes, and refuse what cannot be a material.

The extension is only a hint for text files (``.md`` vs ``.txt``); every decision that matters is
taken on content: a .docx renamed .wps is read as .docx, a .doc renamed .docx is converted.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from mingjing.document import SourceFormat
from mingjing.errors import (
    CorruptFileError,
    EmptyFileError,
    FileMissingError,
    FileTooLargeError,
    UnsupportedFormatError,
)

MiB = 1024 * 1024

#: A 对照检查材料 is 5–50 KB of text; a .docx with photos may reach a few MB. Anything above these
#: limits is not a material, and reading it would only waste the user's time and memory.
MAX_TEXT_BYTES = 8 * MiB
MAX_PACKAGE_BYTES = 40 * MiB
#: Zip-bomb guards for .docx/.odt packages: total uncompressed size and per-entry ratio.
MAX_UNZIPPED_BYTES = 200 * MiB
MAX_RATIO = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
RTF_MAGIC = b"{\\rtf"

MSG = {
    "missing": "文件不存在",
    "not_file": "不是文件（可能是文件夹）",
    "unreadable": "无法读取文件（{error}）",
    "empty": "文件为空，没有可读取的内容",
    "too_large": "文件过大（{size}），超过材料文件的上限 {limit}；请确认选择的是对照检查材料",
    "zip_corrupt": "文件已损坏，无法作为 Word 文档（.docx）打开",
    "zip_bomb": "文件解压后体积异常（{size}），疑似压缩炸弹，已拒绝读取",
    "zip_other": "这是一个压缩包，但不是 Word 文档（.docx）或 OpenDocument 文本（.odt）",
    "ole_other": "这是 Office 二进制文件，但不是 Word/WPS 文字文档（可能是表格或演示文稿）",
    "binary": "这是二进制文件（{kind}），不是文字材料；支持 .docx、.doc、.wps、.rtf、.odt、.txt、.md",
}


def _human(n: int) -> str:
    return f"{n / MiB:.1f} MB" if n >= MiB else f"{n / 1024:.1f} KB"


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What the bytes say a file is."""

    format: SourceFormat
    data: bytes


_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF 文件，请先将文字复制粘贴为 .txt，或另存为 Word 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"\x7fELF", "可执行程序"),
    (b"MZ", "Windows 可执行程序"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes with the checks every format shares (exists, not empty, not huge)."""
    if not path.exists():
        raise FileMissingError(MSG["missing"], path)
    if not path.is_file():
        raise FileMissingError(MSG["not_file"], path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileMissingError(MSG["unreadable"].format(error=exc.strerror or exc), path) from exc
    if size == 0:
        raise EmptyFileError(MSG["empty"], path)
    limit = MAX_PACKAGE_BYTES
    if size > limit:
        raise FileTooLargeError(
            MSG["too_large"].format(size=_human(size), limit=_human(limit)), path
        )
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise FileMissingError(MSG["unreadable"].format(error=exc.strerror or exc), path) from exc
    return data


def _check_zip(path: Path, zf: zipfile.ZipFile) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNZIPPED_BYTES or (info.file_size > 10 * MiB and ratio > MAX_RATIO):
            raise CorruptFileError(MSG["zip_bomb"].format(size=_human(total)), path)


def _sniff_zip(path: Path, data: bytes) -> SourceFormat:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_zip(path, zf)
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return SourceFormat.DOCX
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if mime.startswith(b"application/vnd.oasis.opendocument.text"):
                    return SourceFormat.ODT
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return SourceFormat.DOCX
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(MSG["zip_corrupt"], path) from exc
    except (OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise CorruptFileError(MSG["zip_corrupt"], path) from exc
    raise UnsupportedFormatError(MSG["zip_other"], path)


def _sniff_ole(path: Path, data: bytes) -> SourceFormat:
    # The directory of a Word 97 file (and of Kingsoft WPS files in that family) names a
    # "WordDocument" stream; Excel names "Workbook", PowerPoint "PowerPoint Document".
    if "WordDocument".encode("utf-16-le") in data:
        return SourceFormat.WPS if path.suffix.lower() == ".wps" else SourceFormat.DOC
    if path.suffix.lower() == ".wps":
        # Older Kingsoft formats; LibreOffice decides whether it can read them.
        return SourceFormat.WPS
    raise UnsupportedFormatError(MSG["ole_other"], path)


def sniff(path: Path, data: bytes) -> SourceFormat:
    """The format of ``data`` (read from ``path``), decided by content."""
    head = data[:16]
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path, data)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path, data)
    if head.lstrip(b"\xef\xbb\xbf").startswith(RTF_MAGIC):
        return SourceFormat.RTF
    for magic, kind in _BINARY_SIGNATURES:
        if head.startswith(magic):
            raise UnsupportedFormatError(MSG["binary"].format(kind=kind), path)
    if len(data) > MAX_TEXT_BYTES:
        raise FileTooLargeError(
            MSG["too_large"].format(size=_human(len(data)), limit=_human(MAX_TEXT_BYTES)), path
        )
    return SourceFormat.MD if path.suffix.lower() in {".md", ".markdown"} else SourceFormat.TXT
