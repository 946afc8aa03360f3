"""Reading framework files (``*.toml``): the built-ins shipped in ``data/`` and the user's own.

A user who needs the framework of a new year drops a TOML file into a folder (given with
``--frameworks DIR`` / ``--dir DIR``, or ``~/.mingjing/frameworks``); no code changes. Every
mistake in such a file is reported as a :class:`~mingjing.errors.ConfigError` naming the file and
the key (``aspects[3].title``), never as a traceback. A user file whose ``id`` equals a built-in
one replaces the built-in (to correct it when the official notice turns up); two user files with
the same ``id`` are an error.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from mingjing.errors import ConfigError, MingjingError
from mingjing.frameworks.model import (
    Aspect,
    Audience,
    Confidence,
    CountKind,
    DateRange,
    Framework,
    Meeting,
    SectionKind,
    StatedCount,
)
from mingjing.textnorm import fold

__all__ = [
    "UnknownFrameworkError",
    "get",
    "load_all",
    "load_builtin",
    "load_file",
    "parse_framework",
    "user_framework_dir",
]

#: Schema versions this code reads.
SCHEMA_VERSIONS = (1,)

MESSAGES = {
    "not_utf8": "不是 UTF-8 编码的文本，请用 UTF-8 保存后重试。",
    "toml": "TOML 格式错误：{error}",
    "unreadable": "无法读取框架文件：{error}",
    "missing": "缺少必填项“{key}”。",
    "unknown_key": "未知的配置项“{key}”（可用的有：{allowed}）。",
    "type": "“{key}”应为{expected}，实际是{actual}。",
    "empty": "“{key}”不能为空。",
    "bad_id": "“id”只能由字母、数字、连字符和下划线组成（如 2026-niandu），实际为“{value}”。",
    "bad_enum": "“{key}”的取值“{value}”无效，可选：{allowed}。",
    "bad_month": "“{key}”应写成年月“2025-12”或日期“2025-12-20”，实际为“{value}”。",
    "held_order": "“held”的开始时间 {start} 晚于结束时间 {end}。",
    "bad_year": "“year”应为 2000—2100 之间的年份，实际为 {value}。",
    "bad_schema": "不支持的 schema 版本 {value}（本版本支持：{supported}）。",
    "dup_item": "“{key}”与 aspects[{other}] 重复：“{value}”。",
    "dup_value": "“{key}”中“{value}”重复出现。",
    "kw_collision": (
        "关键词“{value}”同时属于 aspects[{a}] 和 aspects[{b}]，会使小标题识别产生歧义；"
        "请只保留在一个方面中。"
    ),
    "count_values": "“{key}”应为正整数或正整数列表，实际为 {value}。",
    "count_mismatch": "“counts”中方面个数为 {values}，但 aspects 有 {n} 项；若只收录了部分方面，请写 complete = false。",
    "dup_count": "“counts”中“{kind}”出现了两次。",
    "no_aspects": "至少要有一个对照方面（[[aspects]]）。",
    "dup_id": "框架 id“{id}”重复，已在 {other} 中定义；请换一个 id。",
    "no_dir": "框架目录不存在或不是目录：{path}",
    "unknown_id": "未找到框架“{id}”。{hint}可用的框架：{ids}",
    "did_you_mean": "是否想找“{ids}”？",
}

TYPE_NAMES = {
    "str": "字符串",
    "int": "整数",
    "bool": "true 或 false",
    "list": "列表",
    "dict": "表",
    "str_list": "字符串或字符串列表",
    "tables": "表数组（[[…]]）",
}

_TOP_KEYS = (
    "schema",
    "id",
    "name",
    "year",
    "meeting",
    "audience",
    "held",
    "theme",
    "required_sections",
    "source",
    "confidence",
    "complete",
    "cues",
    "notes",
    "counts",
    "aspects",
)
_ASPECT_KEYS = ("title", "alias", "keywords", "typical_problems", "confidence", "source", "notes")
_COUNT_KEYS = ("kind", "values", "terms", "confidence", "source", "notes")
_DEFAULT_SECTIONS = (SectionKind.PROBLEMS, SectionKind.CAUSES, SectionKind.MEASURES)
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
# Punctuation and spaces ignored when comparing keywords for collisions.
_KEY_DROP = re.compile(r"[\s、，。；：“”‘’\"'（）()《》〈〉·…—\-]")

#: Folder a user's own framework files are read from by default.
USER_DIR_PARTS = (".mingjing", "frameworks")


class UnknownFrameworkError(MingjingError):
    """No framework has the id a user asked for."""


def user_framework_dir() -> Path:
    """``~/.mingjing/frameworks`` (resolved with :meth:`Path.home`, so it works on Windows)."""
    return Path.home().joinpath(*USER_DIR_PARTS)


class _Reader:
    """Validates one parsed TOML table, raising ConfigError that names the file and the key."""

    def __init__(self, where: Path | str) -> None:
        self.where = where

    def fail(self, name: str, **kw: Any) -> ConfigError:
        return ConfigError(MESSAGES[name].format(**kw), self.where)

    def check_keys(self, table: Mapping[str, Any], allowed: Sequence[str], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail("unknown_key", key=prefix + key, allowed="、".join(allowed))

    def type_error(self, key: str, expected: str, value: object) -> ConfigError:
        return self.fail("type", key=key, expected=TYPE_NAMES[expected], actual=_describe(value))

    def string(
        self,
        table: Mapping[str, Any],
        key: str,
        prefix: str = "",
        *,
        required: bool = True,
        default: str = "",
    ) -> str:
        full = prefix + key
        if key not in table:
            if required:
                raise self.fail("missing", key=full)
            return default
        value = table[key]
        if not isinstance(value, str):
            raise self.type_error(full, "str", value)
        value = value.strip()
        if required and not value:
            raise self.fail("empty", key=full)
        return value

    def strings(self, table: Mapping[str, Any], key: str, prefix: str = "") -> tuple[str, ...]:
        """A string or a list of strings; blanks dropped, duplicates rejected."""
        full = prefix + key
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.type_error(full, "str_list", value)
        out: list[str] = []
        for v in value:
            v = v.strip()
            if not v:
                continue
            if v in out:
                raise self.fail("dup_value", key=full, value=v)
            out.append(v)
        return tuple(out)

    def enum(
        self,
        table: Mapping[str, Any],
        key: str,
        kind: type[Any],
        prefix: str = "",
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        full = prefix + key
        if key not in table:
            if required:
                raise self.fail("missing", key=full)
            return default
        raw = table[key]
        if not isinstance(raw, str):
            raise self.type_error(full, "str", raw)
        return self.enum_value(full, raw, kind)

    def enum_value(self, full: str, raw: str, kind: type[Any]) -> Any:
        try:
            if kind is Confidence:
                return Confidence.parse(raw)
            return kind(raw.strip())
        except ValueError:
            allowed = "、".join(m.value for m in kind)
            if kind is Confidence:
                allowed += "（或 " + "、".join(m.tag for m in Confidence) + "）"
            raise self.fail("bad_enum", key=full, value=raw, allowed=allowed) from None

    def tables(self, table: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.type_error(key, "tables", value)
        return value


def _describe(value: object) -> str:
    names = {str: "字符串", int: "整数", float: "小数", bool: "布尔值", list: "列表", dict: "表"}
    return f"{names.get(type(value), type(value).__name__)} {value!r}"


def _match_key(text: str) -> str:
    return _KEY_DROP.sub("", fold(text))


def _month(r: _Reader, key: str, value: object, *, end: bool) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = _MONTH_RE.match(value.strip())
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            try:
                if m.group(3):
                    return date(year, month, int(m.group(3)))
                first = date(year, month, 1)
            except ValueError:
                raise r.fail("bad_month", key=key, value=value) from None
            if not end:
                return first
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return nxt - timedelta(days=1)
    raise r.fail("bad_month", key=key, value=value)


def _held(r: _Reader, table: Mapping[str, Any]) -> DateRange | None:
    if "held" not in table:
        return None
    value = table["held"]
    if not isinstance(value, list) or len(value) != 2:
        raise r.fail("bad_month", key="held", value=value)
    start = _month(r, "held[0]", value[0], end=False)
    stop = _month(r, "held[1]", value[1], end=True)
    if start > stop:
        raise r.fail("held_order", start=start.isoformat(), end=stop.isoformat())
    return DateRange(start, stop)


def _aspect(r: _Reader, table: Mapping[str, Any], i: int) -> Aspect:
    prefix = f"aspects[{i}]."
    r.check_keys(table, _ASPECT_KEYS, prefix)
    return Aspect(
        title=r.string(table, "title", prefix),
        alias=r.string(table, "alias", prefix),
        keywords=r.strings(table, "keywords", prefix),
        typical_problems=r.strings(table, "typical_problems", prefix),
        confidence=r.enum(table, "confidence", Confidence, prefix),
        source=r.string(table, "source", prefix, required=False),
        notes=r.string(table, "notes", prefix, required=False),
    )


def _count(r: _Reader, table: Mapping[str, Any], i: int) -> StatedCount:
    prefix = f"counts[{i}]."
    r.check_keys(table, _COUNT_KEYS, prefix)
    kind: CountKind = r.enum(table, "kind", CountKind, prefix)
    if "values" not in table:
        raise r.fail("missing", key=prefix + "values")
    raw = table["values"]
    values = [raw] if isinstance(raw, int) and not isinstance(raw, bool) else raw
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values)
    ):
        raise r.fail("count_values", key=prefix + "values", value=raw)
    return StatedCount(
        kind=kind,
        values=tuple(values),
        terms=r.strings(table, "terms", prefix),
        confidence=r.enum(table, "confidence", Confidence, prefix),
        source=r.string(table, "source", prefix, required=False),
        notes=r.string(table, "notes", prefix, required=False),
    )


def _check_aspects(r: _Reader, aspects: Sequence[Aspect]) -> None:
    """No two aspects share a title, an alias or a keyword (that would make matching ambiguous)."""
    titles: dict[str, int] = {}
    aliases: dict[str, int] = {}
    owners: dict[str, int] = {}
    for i, a in enumerate(aspects):
        t = _match_key(a.title)
        if t in titles:
            raise r.fail("dup_item", key=f"aspects[{i}].title", other=titles[t], value=a.title)
        titles[t] = i
        al = _match_key(a.alias)
        if al in aliases:
            raise r.fail("dup_item", key=f"aspects[{i}].alias", other=aliases[al], value=a.alias)
        aliases[al] = i
        for kw in {_match_key(k) for k in (*a.keywords, a.alias)}:
            if kw in owners and owners[kw] != i:
                raise r.fail("kw_collision", value=kw, a=owners[kw], b=i)
            owners[kw] = i


def parse_framework(data: Mapping[str, Any], where: Path | str, *, origin: str) -> Framework:
    """Validate a parsed TOML table and build the :class:`Framework` (``where`` names it in errors)."""
    r = _Reader(where)
    r.check_keys(data, _TOP_KEYS, "")
    schema = data.get("schema", 1)
    if schema not in SCHEMA_VERSIONS or isinstance(schema, bool):
        raise r.fail(
            "bad_schema", value=schema, supported="、".join(str(v) for v in SCHEMA_VERSIONS)
        )
    fid = r.string(data, "id")
    if not _ID_RE.match(fid):
        raise r.fail("bad_id", value=fid)
    if "year" not in data:
        raise r.fail("missing", key="year")
    year = data["year"]
    if not isinstance(year, int) or isinstance(year, bool):
        raise r.type_error("year", "int", year)
    if not 2000 <= year <= 2100:
        raise r.fail("bad_year", value=year)
    audience_raw = data.get("audience")
    if audience_raw is None:
        raise r.fail("missing", key="audience")
    audience = tuple(r.enum_value("audience", a, Audience) for a in r.strings(data, "audience"))
    if not audience:
        raise r.fail("empty", key="audience")
    if "required_sections" in data:
        sections = tuple(
            r.enum_value("required_sections", s, SectionKind)
            for s in r.strings(data, "required_sections")
        )
    else:
        sections = _DEFAULT_SECTIONS
    complete = data.get("complete", True)
    if not isinstance(complete, bool):
        raise r.type_error("complete", "bool", complete)

    if "aspects" not in data:
        raise r.fail("missing", key="aspects")
    aspects = tuple(_aspect(r, t, i) for i, t in enumerate(r.tables(data, "aspects")))
    if not aspects:
        raise r.fail("no_aspects")
    _check_aspects(r, aspects)
    counts = tuple(_count(r, t, i) for i, t in enumerate(r.tables(data, "counts")))
    kinds = [c.kind for c in counts]
    for k in kinds:
        if kinds.count(k) > 1:
            raise r.fail("dup_count", kind=k.value)
    if complete:
        stated = next((c for c in counts if c.kind is CountKind.ASPECTS), None)
        if stated is not None and len(aspects) not in stated.values:
            raise r.fail("count_mismatch", values=list(stated.values), n=len(aspects))

    return Framework(
        id=fid,
        name=r.string(data, "name"),
        year=year,
        meeting=r.enum(data, "meeting", Meeting),
        audience=audience,
        aspects=aspects,
        required_sections=sections,
        confidence=r.enum(data, "confidence", Confidence),
        source=r.string(data, "source"),
        held=_held(r, data),
        theme=r.string(data, "theme", required=False),
        notes=r.string(data, "notes", required=False),
        complete=complete,
        cues=r.strings(data, "cues"),
        counts=counts,
        origin=origin,
    )


def _parse_bytes(raw: bytes, where: Path | str, *, origin: str) -> Framework:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(MESSAGES["not_utf8"], where) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(MESSAGES["toml"].format(error=exc), where) from None
    return parse_framework(data, where, origin=origin)


def load_file(path: str | Path) -> Framework:
    """Read and validate one user framework file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(MESSAGES["unreadable"].format(error=exc.strerror or exc), p) from None
    return _parse_bytes(raw, p, origin=str(p))


@cache
def load_builtin() -> tuple[Framework, ...]:
    """The frameworks shipped with mingjing (read once, then cached), ordered by year and id."""
    data_dir = resources.files("mingjing.frameworks").joinpath("data")
    out: list[Framework] = []
    seen: dict[str, str] = {}
    for entry in sorted(data_dir.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        fw = _parse_bytes(entry.read_bytes(), f"内置框架 {entry.name}", origin="builtin")
        if fw.id in seen:
            raise ConfigError(
                MESSAGES["dup_id"].format(id=fw.id, other=seen[fw.id]), f"内置框架 {entry.name}"
            )
        seen[fw.id] = entry.name
        out.append(fw)
    return tuple(sorted(out, key=_order))


_AUDIENCE_ORDER = {a: i for i, a in enumerate(Audience)}


def _order(fw: Framework) -> tuple[int, bool, int, str]:
    """Year, then 民主生活会 before 组织生活会, then 个人 → 班子 → 支部 → 党员."""
    return (
        fw.year,
        fw.meeting.is_organisational,
        min(_AUDIENCE_ORDER[a] for a in fw.audience),
        fw.id,
    )


def _dir_files(folder: Path) -> list[Path]:
    return sorted(
        f for f in folder.glob("*.toml") if f.is_file() and not f.name.startswith((".", "~$"))
    )


def load_all(
    extra_dirs: Iterable[str | Path] = (), *, include_user_dir: bool = True
) -> tuple[Framework, ...]:
    """Built-ins, then ``~/.mingjing/frameworks`` (if it exists), then each folder of ``extra_dirs``.

    A folder named explicitly must exist. A user framework with a built-in's id replaces it.
    """
    folders: list[Path] = []
    if include_user_dir:
        home = user_framework_dir()
        if home.is_dir():
            folders.append(home)
    for d in extra_dirs:
        p = Path(d)
        if not p.is_dir():
            raise ConfigError(MESSAGES["no_dir"].format(path=p))
        if p not in folders:
            folders.append(p)

    by_id: dict[str, Framework] = {fw.id: fw for fw in load_builtin()}
    user_origin: dict[str, Path] = {}
    for folder in folders:
        for f in _dir_files(folder):
            fw = load_file(f)
            if fw.id in user_origin:
                raise ConfigError(MESSAGES["dup_id"].format(id=fw.id, other=user_origin[fw.id]), f)
            user_origin[fw.id] = f
            by_id[fw.id] = fw
    return tuple(sorted(by_id.values(), key=_order))


def get(framework_id: str, frameworks: Sequence[Framework] | None = None) -> Framework:
    """The framework with ``framework_id`` (among built-ins unless ``frameworks`` is given)."""
    pool = load_builtin() if frameworks is None else frameworks
    for fw in pool:
        if fw.id == framework_id:
            return fw
    import difflib

    ids = [fw.id for fw in pool]
    close = difflib.get_close_matches(framework_id, ids, n=3, cutoff=0.5)
    hint = MESSAGES["did_you_mean"].format(ids="”“".join(close)) if close else ""
    raise UnknownFrameworkError(
        MESSAGES["unknown_id"].format(id=framework_id, hint=hint, ids="、".join(ids))
    )
