"""The team roster (班子成员名单): who an opinion is about, by target column or by a name in the text.

A roster is a small TOML file the organiser writes once per meeting::

    team = "中共某某镇委员会领导班子"
    [[members]]
    name = "骆承岷"
    posts = ["党委副书记", "镇长"]
    aliases = ["骆镇长"]

Posts and the usual short forms (姓 + 职务: 骆镇长, 钟书记) are aliases too; an alias that fits two
members (两位党委委员) names nobody. ``副镇长`` never means the 镇长, and ``县纪委书记`` is not the
township's 纪委书记.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mingjing.errors import ConfigError
from mingjing.ingest.sniff import read_bytes
from mingjing.opinions.model import TEAM, UNRESOLVED_PREFIX
from mingjing.textnorm import fold

MSG = {
    "toml": "名单文件不是有效的 TOML：{error}",
    "no_members": "名单文件中没有 [[members]]（每位班子成员一段，至少写 name）",
    "bad_member": "名单第{i}位成员缺少姓名（name）",
    "bad_list": '名单第{i}位成员的 {key} 应是文字列表，如 ["镇长"]',
    "dup": "名单中有重名的成员：{name}",
}

DEFAULT_TEAM_ALIASES = (
    "领导班子",
    "班子",
    "班子成员",
    "全体班子成员",
    "党委班子",
    "镇党委",
    "乡党委",
    "党委",
    "党委政府",
    "集体",
    "全体",
)
_SHORT_SUFFIXES = ("副书记", "书记", "镇长", "乡长", "主任", "委员", "部长", "主席", "局长")
_OUTSIDE_PREFIX = "县市区省州盟"
_TRIM = re.compile(r"[\s\W_]+")
_HONORIFIC = re.compile(r"(同志|领导|本人|个人|的意见|意见)+$")


@dataclass(frozen=True, slots=True)
class Member:
    """班子成员: a name, posts (职务) and extra aliases (称呼)."""

    name: str
    posts: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    surname: str = ""

    def all_aliases(self) -> tuple[str, ...]:
        """Every way the member may be written: name, posts, 姓+职务 and the given aliases."""
        sur = self.surname or self.name[:1]
        out = [self.name, *self.aliases]
        for p in self.posts:
            out.append(p)
            out.append(sur + p)
            for suffix in _SHORT_SUFFIXES:
                if p.endswith(suffix) or (suffix == "副书记" and "副书记" in p):
                    out.append(sur + suffix)
                    if suffix == "副书记":
                        out.append(sur + "书记")  # a 副书记 is addressed as 钟书记 too
                    break
        return tuple(dict.fromkeys(a for a in out if a))


@dataclass(frozen=True, slots=True)
class Roster:
    """The team and its members; an empty roster resolves targets by their written form only."""

    members: tuple[Member, ...] = ()
    team: str = "领导班子"
    team_aliases: tuple[str, ...] = DEFAULT_TEAM_ALIASES
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)

    def words(self) -> tuple[str, ...]:
        """All names, posts and aliases (removed from opinions before comparing them)."""
        return tuple(_index(self).keys())

    def mentions(self, text: str) -> tuple[str, ...]:
        """Members named unambiguously in ``text`` (in order of first mention)."""
        idx = _index(self)
        pattern = _pattern(self)
        if pattern is None:
            return ()
        folded = fold(text)
        found: list[str] = []
        for m in pattern.finditer(folded):
            alias = m.group()
            name = idx.get(alias)
            if name is None:
                continue
            before = folded[m.start() - 1] if m.start() else ""
            is_name_alias = alias in self.names
            if not is_name_alias and (
                (before == "副" and not alias.startswith("副"))
                or (before and before in _OUTSIDE_PREFIX)
            ):
                continue
            if name not in found:
                found.append(name)
        return tuple(found)

    def resolve(self, target: str, text: str = "") -> str:
        """The assignee key of an opinion: :data:`TEAM`, a member's name, or ``待确定：…``.

        An explicit member in ``target`` wins; an empty or team target yields the one member the
        text names, if exactly one; otherwise the team.
        """
        key = _HONORIFIC.sub("", _TRIM.sub("", fold(target)))
        if key and not self._is_team(key):
            by_target = self._member_of(key)
            if by_target is not None:
                return by_target
            if not self.members:
                return key
            return UNRESOLVED_PREFIX + target.strip()
        named = self.mentions(text) if text else ()
        if len(named) == 1:
            return named[0]
        return TEAM

    def _is_team(self, key: str) -> bool:
        return key in self.team_aliases or key == _TRIM.sub("", self.team) or key.endswith("班子")

    def _member_of(self, key: str) -> str | None:
        idx = _index(self)
        if key in idx:
            return idx[key]
        named = self.mentions(key)
        return named[0] if len(named) == 1 else None

    def label(self, assignee: str) -> str:
        """How an assignee is named on a sheet: the team's name, or 姓名（职务）."""
        if assignee == TEAM:
            return self.team
        for m in self.members:
            if m.name == assignee:
                return f"{m.name}（{'、'.join(m.posts)}）" if m.posts else m.name
        return assignee

    def order(self, assignee: str) -> tuple[int, str]:
        """Sort key: team first, then members in roster order, then anything else."""
        if assignee == TEAM:
            return (0, "")
        for i, m in enumerate(self.members):
            if m.name == assignee:
                return (1 + i, "")
        return (1 + len(self.members), assignee)


@lru_cache(maxsize=64)
def _index(roster: Roster) -> dict[str, str | None]:
    """alias → member name, or None when the alias fits several members."""
    idx: dict[str, str | None] = {}
    for m in roster.members:
        for a in m.all_aliases():
            a = fold(a)
            if a in idx and idx[a] != m.name:
                idx[a] = None
            else:
                idx[a] = m.name
    return idx


@lru_cache(maxsize=64)
def _pattern(roster: Roster) -> re.Pattern[str] | None:
    aliases = sorted(_index(roster), key=len, reverse=True)
    if not aliases:
        return None
    return re.compile("|".join(re.escape(a) for a in aliases))


def _str_list(value: Any, i: int, key: str, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(MSG["bad_list"].format(i=i, key=key), path)
    return tuple(v.strip() for v in value if v.strip())


def load_roster(path: str | Path) -> Roster:
    """Read a roster TOML file (see the module docstring); errors name the problem in Chinese."""
    p = Path(path)
    raw = read_bytes(p)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(MSG["toml"].format(error=exc), p) from exc
    members_raw = data.get("members")
    if not isinstance(members_raw, list) or not members_raw:
        raise ConfigError(MSG["no_members"], p)
    members: list[Member] = []
    for i, m in enumerate(members_raw, start=1):
        if not isinstance(m, dict) or not isinstance(m.get("name"), str) or not m["name"].strip():
            raise ConfigError(MSG["bad_member"].format(i=i), p)
        name = m["name"].strip()
        if any(x.name == name for x in members):
            raise ConfigError(MSG["dup"].format(name=name), p)
        members.append(
            Member(
                name=name,
                posts=_str_list(m.get("posts", m.get("post")), i, "posts", p),
                aliases=_str_list(m.get("aliases"), i, "aliases", p),
                surname=str(m.get("surname", "")).strip(),
            )
        )
    team = str(data.get("team", "领导班子")).strip() or "领导班子"
    extra_aliases = _str_list(data.get("team_aliases"), 0, "team_aliases", p)
    return Roster(
        members=tuple(members),
        team=team,
        team_aliases=tuple(dict.fromkeys((*DEFAULT_TEAM_ALIASES, *extra_aliases))),
        source=str(p),
    )


def roster_of(names: Iterable[tuple[str, Iterable[str]]], team: str = "领导班子") -> Roster:
    """A roster from (name, posts) pairs, for callers that know the team already."""
    return Roster(
        members=tuple(Member(n, tuple(posts)) for n, posts in names),
        team=team,
    )
