"""``mingjing frameworks``: the list, one framework, JSON, user folders, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mingjing.cli import run
from mingjing.frameworks import load_builtin

from .test_framework_loader import USER_2026, write


@pytest.fixture(autouse=True)
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))


def test_list_shows_every_builtin_id_and_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frameworks"]) == 0
    out = capsys.readouterr().out
    for fw in load_builtin():
        assert fw.id in out
    assert "[官方]" in out and "[存疑]" in out  # confidence tags shown literally, not as markup


def test_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frameworks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {d["id"]: d for d in data}
    assert set(by_id) == {fw.id for fw in load_builtin()}
    assert len(by_id["2025-niandu"]["aspects"]) == 5
    assert by_id["2023-zhuti-personal"]["audience"] == ["个人"]
    assert by_id["2021-dangshi"]["complete"] is False


def test_show_one_lists_titles_aliases_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frameworks", "2023-zhuti-personal"]) == 0
    out = capsys.readouterr().out
    assert "2023年主题教育专题民主生活会（个人）" in out
    for alias in ("理论学习", "政治素质", "能力本领", "担当作为", "工作作风", "廉洁自律"):
        assert alias in out
    assert "[C1]" in out


def test_show_one_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frameworks", "2025-niandu", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["aspects"][0]["title"] == "在带头强化政治忠诚、提高政治能力方面"
    assert data["required_sections"] == ["problems", "cases", "causes", "measures"]
    assert {"kind": "talk_circles", "values": [4]}.items() <= data["counts"][1].items()


def test_dir_adds_user_frameworks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "fw", "2026.toml", USER_2026)
    assert run(["frameworks", "--dir", str(tmp_path / "fw"), "--json"]) == 0
    ids = [d["id"] for d in json.loads(capsys.readouterr().out)]
    assert ids[-1] == "2026-zhengjiguan"
    assert run(["frameworks", "--dir", str(tmp_path / "fw"), "2026-zhengjiguan"]) == 0
    assert "正确政绩观" in capsys.readouterr().out


def test_unknown_id_exits_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frameworks", "2024-nian"]) == 2
    err = capsys.readouterr().err
    assert "未找到框架" in err and "2024-niandu" in err
    assert "Traceback" not in err


def test_invalid_user_file_exits_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "fw", "broken.toml", USER_2026.replace('confidence = "[官方-转述]"', ""))
    assert run(["frameworks", "--dir", str(tmp_path / "fw")]) == 2
    err = capsys.readouterr().err
    assert "broken.toml" in err and "confidence" in err
