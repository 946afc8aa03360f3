"""No output reveals who wrote what: every file, JSON, the console and the logs are searched
for every identity value of the labelled sets."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from mingjing.cli import run
from tests.opinions.labelled import DATA, FILES, labels

TEAM = str(DATA / "班子成员.toml")


def _texts(folder: Path) -> dict[str, str]:
    """Every output file as text; .xlsx and .docx are searched inside all their XML parts."""
    out: dict[str, str] = {}
    for f in sorted(folder.rglob("*")):
        if not f.is_file():
            continue
        if f.suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(f) as zf:
                out[str(f)] = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
        else:
            out[str(f)] = f.read_text(encoding="utf-8")
    return out


def _leaks(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, v) for name, t in texts.items() for v in labels()["identity_values"] if v in t]


@pytest.mark.parametrize("name", FILES)
def test_no_identity_value_in_any_output_console_or_log(
    name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "out"
    assert (
        run(
            [
                "opinions",
                "run",
                str(DATA / name),
                "-f",
                "2023-zhuti-personal",
                "-t",
                TEAM,
                "-o",
                str(out),
            ]
        )
        == 0
    )
    for step in ("merge", "classify", "assign"):
        args = ["opinions", step, str(DATA / name), "-t", TEAM]
        if step != "merge":
            args += ["-f", "2023-zhuti-personal"]
        assert run([*args, "--format", "json"]) == 0
        assert run(args) == 0  # and the text output
    texts = _texts(out)
    assert any(p.endswith(".docx") for p in texts) and any(p.endswith(".xlsx") for p in texts)
    captured = capsys.readouterr()
    texts["stdout"] = captured.out
    texts["stderr"] = captured.err
    texts["log"] = caplog.text
    assert _leaks(texts) == []


def test_kept_identity_reaches_only_the_organisers_workbook(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["opinions", "run", str(DATA / "汇总表_2023.xlsx"), "-f", "2023-zhuti-personal"]
    assert run([*args, "-t", TEAM, "-o", str(out), "--keep-identity"]) == 0
    leaks = _leaks(_texts(out))
    assert leaks, "identity was asked for and must be in the organiser's workbook"
    assert {Path(name).name for name, _ in leaks} <= {"意见汇总.xlsx", "意见归纳.json"}


def test_identity_is_dropped_even_when_the_header_is_unusual(tmp_path: Path) -> None:
    f = tmp_path / "表.csv"
    f.write_text(
        "意见内容,填表人（选填）,手机号码,备注\n镇长下村调研太少,林秋实,13907310458,桂坳村\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run(["opinions", "run", str(f), "-f", "2023-zhuti-personal", "-o", str(out)]) == 0
    texts = _texts(out)
    assert not any(v in t for t in texts.values() for v in ("林秋实", "13907310458", "桂坳村"))
