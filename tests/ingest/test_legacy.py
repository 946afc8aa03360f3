""".doc/.wps/.rtf/.odt through LibreOffice: same canonical text as the .docx they came from."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mingjing.cli import run as cli_run
from mingjing.document import Document, SourceFormat
from mingjing.errors import ConfigError, ConversionError, ConverterMissingError
from mingjing.ingest import read
from mingjing.ingest.legacy import MSG, find_soffice, read_legacy
from tests.conftest import need_tool
from tests.ingest import docx_builders as b

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="fake soffice is a shell script")


def source_document(folder: Path) -> Path:
    """A material with auto-numbered headings, a table, a header and a footer."""
    doc = b.new_document()
    b.set_numbering(doc, b.abstract_num(1, *b.REPORT_LEVELS) + b.num(1, 1))
    b.add_blocks(
        doc,
        b.p("个人对照检查材料"),
        b.p("理论学习方面", num=(1, 0)),
        b.p("学习不够深入", num=(1, 1)),
        b.p("系统学习不够", num=(1, 2)),
        b.p("读原著少", num=(1, 3)),
        b.p("联系实际不够", num=(1, 1)),
        b.p("本人在学习上下的功夫还不够，", "往往满足于读过、看过。"),
        b.table([["问题", "整改时限"], ["学用脱节", "2025年6月底"]]),
        b.p("担当作为方面", num=(1, 0)),
        b.p(""),
        b.p("以上是我的对照检查，请同志们批评指正。"),
    )
    doc.sections[0].header.paragraphs[0].text = "内部资料"
    doc.sections[0].footer.paragraphs[0].text = "第1页"
    return b.save(doc, folder / "material.docx")


def convert(soffice: str, source: Path, target: str, outdir: Path) -> Path:
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(outdir.parent / ('profile-' + outdir.name)).as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / f"{source.stem}.{target.split(':')[0]}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The source .docx and its .doc, .rtf and .odt versions written by LibreOffice."""
    soffice = need_tool(("soffice", "libreoffice"), "LibreOffice (soffice)")
    folder = tmp_path_factory.mktemp("legacy")
    source = source_document(folder)
    out = {"docx": source}
    for ext in ("doc", "rtf", "odt"):
        out[ext] = convert(soffice, source, ext, folder / f"out-{ext}")
    return out


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in folder.iterdir()
    }


@pytest.mark.soffice
@pytest.mark.parametrize(("ext", "fmt"), [("doc", SourceFormat.DOC), ("odt", SourceFormat.ODT)])
def test_converted_formats_read_like_the_docx(
    converted: dict[str, Path], ext: str, fmt: SourceFormat
) -> None:
    original = read(converted["docx"])
    path = converted[ext]
    before = _snapshot(path.parent)
    doc = read(path)
    assert doc.format is fmt
    assert doc.path == path
    assert doc.text == original.text
    assert doc.text.split("\n")[1:4] == ["一、理论学习方面", "（一）学习不够深入", "1.系统学习不够"]
    # Nothing was written next to the user's file (LibreOffice lock files) and it is unchanged.
    assert _snapshot(path.parent) == before


@pytest.mark.soffice
def test_rtf_written_by_libreoffice_reads_as_libreoffice_shows_it(
    converted: dict[str, Path], tmp_path: Path
) -> None:
    """LibreOffice 7.4 writes RTF list level texts in the ANSI code page, so its own .rtf turns
    "一、" into "一?" and "（一）" into "(一)"; we read the file as it is, labels included."""
    soffice = need_tool(("soffice", "libreoffice"), "LibreOffice (soffice)")
    doc = read(converted["rtf"])
    assert doc.format is SourceFormat.RTF
    b.assert_matches_libreoffice(doc, b.libreoffice_lines(soffice, converted["rtf"], tmp_path))
    original = read(converted["docx"])
    ours = [doc.text[p.label.end if p.label else p.span.start : p.span.end] for p in doc.paragraphs]
    theirs = [
        original.text[p.label.end if p.label else p.span.start : p.span.end]
        for p in original.paragraphs
    ]
    assert ours == theirs


def _rtf_escape(text: str) -> str:
    return "".join(f"\\u{ord(c)} ?" if ord(c) > 127 else c for c in text)


def word_style_rtf(path: Path, paragraphs: list[tuple[int | None, str]]) -> Path:
    """An RTF list as Word writes it: level texts with \\u escapes, 一、 and （一） levels."""
    level0 = (
        r"{\listlevel\levelnfc33\levelnfcn33\leveljc0\leveljcn0\levelfollow0\levelstartat1"
        r"{\leveltext\'02\'00" + _rtf_escape("、") + r";}{\levelnumbers\'01;}\fi-420\li420}"
    )
    level1 = (
        r"{\listlevel\levelnfc33\levelnfcn33\leveljc0\leveljcn0\levelfollow0\levelstartat1"
        r"{\leveltext\'03" + _rtf_escape("（") + r"\'01" + _rtf_escape("）") + r";}"
        r"{\levelnumbers\'02;}\fi-420\li840}"
    )
    rtf = r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}" + "\n"
    rtf += r"{\*\listtable{\list\listtemplateid1" + level0 + level1 + r"\listid100}}" + "\n"
    rtf += r"{\*\listoverridetable{\listoverride\listid100\listoverridecount0\ls1}}" + "\n"
    for level, text in paragraphs:
        numbering = rf"\ls1\ilvl{level}" if level is not None else ""
        rtf += rf"\pard{numbering} {_rtf_escape(text)}\par" + "\n"
    path.write_text(rtf + "}", encoding="ascii")
    return path


@pytest.mark.soffice
def test_word_style_rtf_reads_like_the_same_docx(tmp_path: Path) -> None:
    need_tool(("soffice", "libreoffice"), "LibreOffice (soffice)")
    content: list[tuple[int | None, str]] = [
        (None, "个人对照检查材料"),
        (0, "理论学习方面"),
        (1, "学习不够深入"),
        (1, "联系实际不够"),
        (0, "担当作为方面"),
        (None, "以上是我的对照检查，请同志们批评指正。"),
    ]
    rtf = read(word_style_rtf(tmp_path / "材料.rtf", content))
    d = b.new_document()
    b.set_numbering(d, b.abstract_num(1, *b.REPORT_LEVELS) + b.num(1, 1))
    b.add_blocks(d, *(b.p(t, num=(1, lv) if lv is not None else None) for lv, t in content))
    same = read(b.save(d, tmp_path / "材料.docx"))
    assert rtf.format is SourceFormat.RTF
    assert rtf.text == same.text
    assert rtf.text.split("\n")[1:3] == ["一、理论学习方面", "（一）学习不够深入"]


@pytest.mark.soffice
def test_headers_survive_conversion(converted: dict[str, Path]) -> None:
    doc = read(converted["doc"])
    assert "内部资料" in doc.headers
    assert "第1页" in doc.footers


@pytest.mark.soffice
def test_doc_renamed_wps_is_converted(converted: dict[str, Path], tmp_path: Path) -> None:
    wps = tmp_path / "材料.wps"
    shutil.copyfile(converted["doc"], wps)
    doc = read(wps)
    assert doc.format is SourceFormat.WPS
    assert doc.text == read(converted["docx"]).text


def test_docx_renamed_wps_is_read_as_docx(tmp_path: Path) -> None:
    wps = tmp_path / "材料.wps"
    shutil.copyfile(source_document(tmp_path), wps)
    doc = read(wps)
    assert doc.format is SourceFormat.DOCX
    assert doc.text.startswith("个人对照检查材料\n一、理论学习方面")


@pytest.mark.soffice
def test_damaged_doc_is_a_conversion_error(tmp_path: Path) -> None:
    need_tool(("soffice", "libreoffice"), "LibreOffice (soffice)")
    bad = tmp_path / "损坏.doc"
    bad.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(100)
        + "WordDocument".encode("utf-16-le")
        + bytes(range(256)) * 20
    )
    with pytest.raises(ConversionError) as err:
        read(bad)
    assert "LibreOffice" in err.value.message


# --- finding LibreOffice, failures and timeouts (no real LibreOffice needed) ------------------


def test_missing_libreoffice_gives_the_install_message_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc_file = tmp_path / "老材料.doc"
    doc_file.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    monkeypatch.setenv("MINGJING_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setenv("PATH", "")
    assert find_soffice() is None
    assert cli_run(["text", str(doc_file)]) == 2
    err = capsys.readouterr().err
    assert "apt install libreoffice-writer-nogui" in err
    assert "libreoffice.org" in err
    assert "MINGJING_SOFFICE" in err
    assert "Traceback" not in err


def test_missing_libreoffice_is_a_converter_missing_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINGJING_SOFFICE", str(tmp_path / "nothing-here"))
    src = tmp_path / "a.rtf"
    src.write_text("{\\rtf1 abc}")
    with pytest.raises(ConverterMissingError) as err:
        read_legacy(src, SourceFormat.RTF)
    assert "RTF" in err.value.message


def _fake_soffice(folder: Path, body: str) -> Path:
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


@posix_only
def test_soffice_folder_in_env_is_searched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "program"
    program.mkdir()
    script = _fake_soffice(program, "exit 0")
    monkeypatch.setenv("MINGJING_SOFFICE", str(tmp_path))
    assert find_soffice() == script


@posix_only
def test_failed_conversion_is_a_conversion_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2; exit 1')
    monkeypatch.setenv("MINGJING_SOFFICE", str(script))
    src = tmp_path / "a.doc"
    src.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ConversionError) as err:
        read_legacy(src, SourceFormat.DOC)
    assert "could not be loaded" in err.value.message


@posix_only
def test_conversion_timeout_is_a_conversion_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "still-running"
    script = _fake_soffice(tmp_path, f"sleep 30; touch {marker}")
    monkeypatch.setenv("MINGJING_SOFFICE", str(script))
    monkeypatch.setenv("MINGJING_SOFFICE_TIMEOUT", "0.5")
    src = tmp_path / "a.doc"
    src.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ConversionError) as err:
        read_legacy(src, SourceFormat.DOC)
    assert "超时" in err.value.message
    assert not marker.exists()


def test_invalid_timeout_setting_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINGJING_SOFFICE", sys.executable)
    monkeypatch.setenv("MINGJING_SOFFICE_TIMEOUT", "快点")
    src = tmp_path / "a.doc"
    src.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ConfigError) as err:
        read_legacy(src, SourceFormat.DOC)
    assert err.value.message == MSG["bad_timeout"].format(value="快点")


@posix_only
def test_converter_output_is_read_and_reported_as_the_input_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The converter's .docx is read with the .docx reader; format and path are the input's."""
    made = source_document(tmp_path / "made")
    # A stand-in converter that "converts" by copying a prepared .docx to --outdir/input.docx.
    script = _fake_soffice(
        tmp_path,
        'while [ "$1" != "--outdir" ]; do shift; done; cp "' + str(made) + '" "$2/input.docx"',
    )
    monkeypatch.setenv("MINGJING_SOFFICE", str(script))
    src = tmp_path / "user" / "材料.odt"
    src.parent.mkdir()
    src.write_bytes(b"PK\x03\x04 odt bytes")
    doc: Document = read_legacy(src, SourceFormat.ODT)
    assert doc.format is SourceFormat.ODT and doc.path == src
    assert doc.text == read(made).text
    assert sorted(os.listdir(src.parent)) == ["材料.odt"]
