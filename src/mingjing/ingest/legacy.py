"""Legacy and foreign word-processor formats (.doc, .wps, .rtf, .odt) through headless LibreOffice.

The file is converted to .docx and read by :func:`mingjing.ingest.docx.read_docx`, so every
format gets the same canonical text (auto-numbering labels included). The user's file is never
touched: it is copied into a private temporary folder first (LibreOffice may leave lock files next
to what it opens), and each call uses its own LibreOffice profile so parallel runs do not collide.

LibreOffice is found through ``MINGJING_SOFFICE`` (the program or its folder) when that is set,
otherwise as ``soffice`` / ``libreoffice`` on ``PATH``, then in the usual install folders on
Windows, macOS and Linux. The
timeout is ``MINGJING_SOFFICE_TIMEOUT`` seconds (default 120).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mingjing.document import Document, SourceFormat
from mingjing.errors import ConfigError, ConversionError, ConverterMissingError
from mingjing.ingest.docx import read_docx

__all__ = ["DEFAULT_TIMEOUT", "convert_to_docx", "find_soffice", "read_legacy"]

log = logging.getLogger(__name__)

ENV_SOFFICE = "MINGJING_SOFFICE"
ENV_TIMEOUT = "MINGJING_SOFFICE_TIMEOUT"
DEFAULT_TIMEOUT = 120.0

_FORMAT_NAMES = {
    SourceFormat.DOC: "Word 97-2003 文档（.doc）",
    SourceFormat.WPS: "WPS 文字文档（.wps）",
    SourceFormat.RTF: "RTF 文档（.rtf）",
    SourceFormat.ODT: "OpenDocument 文本（.odt）",
}

MSG = {
    "missing": (
        "读取{kind}需要 LibreOffice，但没有找到。请安装 LibreOffice："
        "Debian/Ubuntu 运行 `sudo apt install libreoffice-writer-nogui`；"
        "Windows 或 macOS 从 https://www.libreoffice.org/download/ 下载安装。"
        "已安装在其他位置时，可设置环境变量 MINGJING_SOFFICE 指向 soffice 程序。"
        "也可以在 Word 或 WPS 中把文件另存为 .docx 后再读取"
    ),
    "env_missing": "（环境变量 MINGJING_SOFFICE 指向的 {value} 不存在或不是 LibreOffice 程序）",
    "timeout": "LibreOffice 转换{kind}超时（超过 {seconds:g} 秒），文件可能过大或已损坏",
    "failed": "LibreOffice 无法转换该{kind}，文件可能已损坏或格式不受支持{detail}",
    "start_failed": "无法启动 LibreOffice（{error}）",
    "bad_timeout": "环境变量 MINGJING_SOFFICE_TIMEOUT 的值“{value}”不是正数（单位：秒）",
}

#: The input name inside the private folder: ASCII, so no code page can mangle it.
_INPUT_STEM = "input"
_EXTENSIONS = {
    SourceFormat.DOC: ".doc",
    SourceFormat.WPS: ".wps",
    SourceFormat.RTF: ".rtf",
    SourceFormat.ODT: ".odt",
}


def _program_names() -> tuple[str, ...]:
    if sys.platform == "win32":
        return ("soffice.exe", "soffice.com", "soffice")
    return ("soffice", "libreoffice")


def _install_candidates() -> Iterator[Path]:
    """Where installers usually put LibreOffice."""
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"):
            base = os.environ.get(var)
            if base:
                yield Path(base) / "LibreOffice" / "program" / "soffice.exe"
                yield Path(base) / "Programs" / "LibreOffice" / "program" / "soffice.exe"
    elif sys.platform == "darwin":
        for base in (Path("/Applications"), Path.home() / "Applications"):
            yield base / "LibreOffice.app" / "Contents" / "MacOS" / "soffice"
    else:
        yield Path("/usr/lib/libreoffice/program/soffice")
        yield Path("/usr/local/lib/libreoffice/program/soffice")
        yield Path("/snap/bin/libreoffice")
        opt = Path("/opt")
        if opt.is_dir():
            yield from sorted(opt.glob("libreoffice*/program/soffice"), reverse=True)


def _usable(p: Path) -> bool:
    return p.is_file() and (sys.platform == "win32" or os.access(p, os.X_OK))


def _from_env(value: str) -> Path | None:
    p = Path(value).expanduser()
    if p.is_dir():
        for sub in (p, p / "program", p / "Contents" / "MacOS"):
            for name in _program_names():
                if _usable(sub / name):
                    return sub / name
        return None
    return p if _usable(p) else None


def find_soffice() -> Path | None:
    """The LibreOffice program to convert with, or None if none is installed.

    An explicit ``MINGJING_SOFFICE`` wins: if it names nothing usable the answer is None (and the
    error says so) rather than silently converting with some other installation.
    """
    env = os.environ.get(ENV_SOFFICE)
    if env:
        return _from_env(env)
    for name in _program_names():
        which = shutil.which(name)
        if which:
            return Path(which)
    for cand in _install_candidates():
        if _usable(cand):
            return cand
    return None


def _timeout() -> float:
    raw = os.environ.get(ENV_TIMEOUT)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise ConfigError(MSG["bad_timeout"].format(value=raw))
    return value


def _kill_tree(proc: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and the helper processes it started."""
    try:
        if sys.platform == "win32":
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    with contextlib.suppress(OSError):
        proc.kill()
    proc.communicate()


def convert_to_docx(source: Path, fmt: SourceFormat, workdir: Path) -> Path:
    """Convert a copy of ``source`` to .docx inside ``workdir``; returns the .docx path.

    Raises :class:`ConverterMissingError` without LibreOffice and :class:`ConversionError` when
    the conversion fails or times out. ``source`` itself is only read.
    """
    kind = _FORMAT_NAMES.get(fmt, "文档")
    soffice = find_soffice()
    if soffice is None:
        message = MSG["missing"].format(kind=kind)
        env = os.environ.get(ENV_SOFFICE)
        if env:
            message += MSG["env_missing"].format(value=env)
        raise ConverterMissingError(message, source)
    timeout = _timeout()

    indir = workdir / "in"
    outdir = workdir / "out"
    profile = workdir / "profile"
    for d in (indir, outdir, profile):
        d.mkdir(parents=True, exist_ok=True)
    copy = indir / (_INPUT_STEM + _EXTENSIONS.get(fmt, source.suffix.lower()))
    shutil.copyfile(source, copy)
    cmd = [
        str(soffice),
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(copy),
    ]
    log.debug("converting %s: %s", source, cmd)
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=str(workdir),
            # POSIX: own process group, so a timeout can stop LibreOffice's helpers too.
            start_new_session=sys.platform != "win32",
        )
    except OSError as exc:
        raise ConversionError(
            MSG["start_failed"].format(error=exc.strerror or exc), source
        ) from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_tree(proc)
        raise ConversionError(MSG["timeout"].format(kind=kind, seconds=timeout), source) from exc
    result = outdir / (_INPUT_STEM + ".docx")
    if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        detail = (err or out).decode("utf-8", "replace").strip().splitlines()
        useful = [line for line in detail if "javaldx" not in line]
        log.debug("LibreOffice failed (%s): %s", proc.returncode, "\n".join(detail))
        suffix = f"（{useful[-1][:200]}）" if useful else ""
        raise ConversionError(MSG["failed"].format(kind=kind, detail=suffix), source)
    return result


def read_legacy(path: Path, fmt: SourceFormat) -> Document:
    """Read a .doc/.wps/.rtf/.odt file by converting a private copy with LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="mingjing-lo-", ignore_cleanup_errors=True) as tmp:
        converted = convert_to_docx(path, fmt, Path(tmp))
        data = converted.read_bytes()
        doc = read_docx(path, data)
    return dataclasses.replace(doc, format=fmt, path=path)
