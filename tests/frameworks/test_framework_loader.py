"""A user's own framework file: loaded from a folder, validated with messages naming file and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mingjing.errors import ConfigError
from mingjing.frameworks import (
    Audience,
    Confidence,
    Meeting,
    UnknownFrameworkError,
    get,
    load_all,
    load_builtin,
    load_file,
)

# A framework for a year the project does not ship, written the way a user would.
USER_2026 = """\
id = "2026-zhengjiguan"
name = "2026年度民主生活会（本单位试用）"
year = 2026
meeting = "民主生活会"
audience = ["班子", "个人"]
held = ["2026-12", "2027-02"]
required_sections = ["problems", "cases", "causes", "measures"]
source = "市委组织部通知（2026年12月）"
confidence = "[官方-转述]"
cues = ["政绩观学习教育"]

[[counts]]
kind = "aspects"
values = 3
terms = ["三个方面"]
confidence = "official-reported"

[[aspects]]
title = "在树立和践行正确政绩观方面"
alias = "正确政绩观"
keywords = ["政绩观", "政绩"]
confidence = "official-reported"

[[aspects]]
title = "在科学决策、真抓实干方面"
alias = "科学决策"
keywords = ["科学决策", "真抓实干"]
confidence = "official-reported"

[[aspects]]
title = "在立党为公、为民造福方面"
alias = "为民造福"
keywords = ["立党为公", "为民造福"]
confidence = "official-reported"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(autouse=True)
def no_home_frameworks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ~ at an empty folder so a developer's own ~/.mingjing never leaks into tests."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    return home


def test_user_file_is_loaded_with_all_fields(tmp_path: Path) -> None:
    p = write(tmp_path / "fw", "2026.toml", USER_2026)
    fw = load_file(p)
    assert fw.id == "2026-zhengjiguan"
    assert fw.meeting is Meeting.DEMOCRATIC_LIFE
    assert fw.audience == (Audience.TEAM, Audience.PERSONAL)
    assert fw.confidence is Confidence.OFFICIAL_REPORTED  # the Chinese tag is accepted
    assert fw.held is not None
    assert fw.held.start == date(2026, 12, 1) and fw.held.end == date(2027, 2, 28)
    assert [a.alias for a in fw.aspects] == ["正确政绩观", "科学决策", "为民造福"]
    assert fw.origin == str(p) and not fw.is_builtin


def test_load_all_adds_a_folder_to_the_builtins(tmp_path: Path) -> None:
    write(tmp_path / "fw", "2026.toml", USER_2026)
    frameworks = load_all([tmp_path / "fw"])
    ids = [fw.id for fw in frameworks]
    assert ids[: len(load_builtin())] == [fw.id for fw in load_builtin()]
    assert ids[-1] == "2026-zhengjiguan"


def test_home_folder_is_read_without_being_named(no_home_frameworks: Path) -> None:
    write(no_home_frameworks / ".mingjing" / "frameworks", "2026.toml", USER_2026)
    assert "2026-zhengjiguan" in {fw.id for fw in load_all()}
    assert "2026-zhengjiguan" not in {fw.id for fw in load_all(include_user_dir=False)}


def test_user_file_with_a_builtin_id_replaces_the_builtin(tmp_path: Path) -> None:
    corrected = USER_2026.replace('id = "2026-zhengjiguan"', 'id = "2022-niandu"').replace(
        "year = 2026", "year = 2022"
    )
    p = write(tmp_path / "fw", "corrected-2022.toml", corrected)
    frameworks = load_all([tmp_path / "fw"])
    fw = get("2022-niandu", frameworks)
    assert fw.origin == str(p)
    assert len(fw.aspects) == 3
    assert sum(1 for f in frameworks if f.id == "2022-niandu") == 1
    assert get("2022-niandu").is_builtin  # the built-in set itself is untouched


def test_two_user_files_with_one_id_are_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a", "x.toml", USER_2026)
    write(tmp_path / "b", "y.toml", USER_2026)
    with pytest.raises(ConfigError) as err:
        load_all([tmp_path / "a", tmp_path / "b"])
    assert "2026-zhengjiguan" in str(err.value) and "重复" in str(err.value)
    assert "y.toml" in str(err.value)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="框架目录不存在"):
        load_all([tmp_path / "nowhere"])


def test_unknown_id_suggests_close_ids() -> None:
    with pytest.raises(UnknownFrameworkError) as err:
        get("2025-nianduu")
    assert "2025-niandu" in str(err.value)


def _without(text: str, line: str) -> str:
    assert line in text
    return text.replace(line + "\n", "", 1)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # a missing title of the second aspect
        (
            lambda t: _without(t, 'title = "在科学决策、真抓实干方面"'),
            ["aspects[1].title", "缺少"],
        ),
        (lambda t: _without(t, 'id = "2026-zhengjiguan"'), ["“id”", "缺少"]),
        (
            lambda t: t.replace('confidence = "[官方-转述]"', 'confidence = "官宣"'),
            ["confidence", "官宣", "official"],
        ),
        (
            lambda t: t.replace('meeting = "民主生活会"', 'meeting = "座谈会"'),
            ["meeting", "座谈会"],
        ),
        (lambda t: t.replace('audience = ["班子", "个人"]', 'audience = ["领导"]'), ["audience"]),
        (lambda t: t.replace("year = 2026", 'year = "2026"'), ["year", "整数"]),
        (lambda t: t.replace('cues = ["政绩观学习教育"]', 'cue = ["x"]'), ["未知的配置项", "cue"]),
        (lambda t: t.replace('held = ["2026-12", "2027-02"]', 'held = ["2026年12月"]'), ["held"]),
        (
            lambda t: t.replace('held = ["2026-12", "2027-02"]', 'held = ["2027-02", "2026-12"]'),
            ["held", "晚于"],
        ),
        (
            lambda t: t.replace('["科学决策", "真抓实干"]', '["科学决策", "政绩"]'),
            ["政绩", "aspects[0]"],
        ),
        (lambda t: t.replace('alias = "为民造福"', 'alias = "科学决策"'), ["aspects[2].alias"]),
        (lambda t: t.replace("values = 3", "values = 4"), ["counts", "complete = false"]),
        (lambda t: t.replace('id = "2026-zhengjiguan"', 'id = "2026 政绩观"'), ["id"]),
        (lambda t: t.replace("[[aspects]]", "[[aspect]]", 1), ["未知的配置项", "aspect"]),
        (lambda t: t.replace("year = 2026", "year = 2026\nyear = 2027"), ["TOML"]),
        (lambda t: t.replace('name = "', "name = ", 1), ["TOML"]),
    ],
)
def test_invalid_file_names_file_and_key(tmp_path: Path, edit, expected) -> None:  # type: ignore[no-untyped-def]
    p = write(tmp_path, "bad.toml", edit(USER_2026))
    with pytest.raises(ConfigError) as err:
        load_file(p)
    message = str(err.value)
    assert "bad.toml" in message
    for part in expected:
        assert part in message


def test_file_without_aspects_is_an_error(tmp_path: Path) -> None:
    head = USER_2026.split("[[counts]]")[0]
    with pytest.raises(ConfigError, match="aspects"):
        load_file(write(tmp_path, "bad.toml", head))


def test_non_utf8_file_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "gbk.toml"
    p.write_bytes(USER_2026.encode("gb18030"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_file(p)


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "bom.toml"
    p.write_bytes(b"\xef\xbb\xbf" + USER_2026.encode("utf-8"))
    assert load_file(p).id == "2026-zhengjiguan"


def test_example_in_the_user_documentation_loads(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "frameworks.md").read_text(
        encoding="utf-8"
    )
    block = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    fw = load_file(write(tmp_path, "2026.toml", block))
    assert fw.id == "2026-niandu"
    assert len(fw.aspects) == 3
