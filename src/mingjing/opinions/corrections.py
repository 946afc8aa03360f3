"""A reviewer's corrections to 归纳 (merge these, split that, reword, re-target, re-classify).

Corrections live in a TOML file next to the opinions and are re-applied on every run, so manual
work is never lost when the opinions are merged again (after new rows arrive or the threshold is
changed)::

    [[merge]]                 # the clusters holding these rows become one
    rows = [12, 57]
    [[split]]                 # these rows leave their clusters and form one of their own
    rows = [33]
    [[wording]]               # the representative wording of the cluster holding row 12
    row = 12
    text = "希望镇长多到村里听取群众意见"
    [[target]]                # who the cluster holding row 12 is about
    row = 12
    target = "骆承岷"
    [[aspect]]                # the aspect it belongs to (title or alias of the framework)
    row = 12
    aspect = "工作作风"

A row may be written as ``{row = 12, text = "希望镇长"}`` (or, in the one-row kinds, with
``check = "希望镇长"``): those words of the opinion are checked, and if rows moved because the
source was re-sorted, the opinion is found by its words.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mingjing.errors import ConfigError
from mingjing.ingest.sniff import read_bytes
from mingjing.opinions.model import Opinion
from mingjing.opinions.normalize import canonical

MSG = {
    "toml": "修正文件不是有效的 TOML：{error}",
    "bad_entry": "修正文件中 [[{kind}]] 第{i}段格式有误：{what}",
    "rows": "应有 rows = [行号, …]",
    "row": '应有 row = 行号（或 {{row = 行号, text = "开头几个字"}}）',
    "field": '应有 {field} = "…"',
    "unknown_kind": "修正文件中有不认识的段落 [[{kind}]]，可用：merge、split、wording、target、aspect",
    "moved": "修正：第{row}行的意见已不是“{text}”，按文字找到第{new}行，已应用",
    "not_found": "修正：找不到第{row}行{text}的意见，这条修正未能应用",
}

KINDS = ("merge", "split", "wording", "target", "aspect")


@dataclass(frozen=True, slots=True)
class RowRef:
    """A reference to one raw opinion: its row, optionally checked by its first words."""

    row: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Corrections:
    """Every correction of one file, in file order within each kind."""

    merges: tuple[tuple[RowRef, ...], ...] = ()
    splits: tuple[tuple[RowRef, ...], ...] = ()
    wordings: tuple[tuple[RowRef, str], ...] = ()
    targets: tuple[tuple[RowRef, str], ...] = ()
    aspects: tuple[tuple[RowRef, str], ...] = ()
    source: str = ""

    def __len__(self) -> int:
        return (
            len(self.merges)
            + len(self.splits)
            + len(self.wordings)
            + len(self.targets)
            + len(self.aspects)
        )


def _ref(value: Any, kind: str, i: int, path: Path) -> RowRef:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return RowRef(value)
    if isinstance(value, Mapping) and isinstance(value.get("row"), int):
        return RowRef(int(value["row"]), str(value.get("text", "")).strip())
    raise ConfigError(MSG["bad_entry"].format(kind=kind, i=i, what=MSG["row"]), path)


def _entries(data: Mapping[str, Any], kind: str, path: Path) -> list[Mapping[str, Any]]:
    raw = data.get(kind, [])
    if not isinstance(raw, list) or not all(isinstance(e, Mapping) for e in raw):
        raise ConfigError(
            MSG["bad_entry"].format(kind=kind, i=1, what="应写成 [[" + kind + "]]"), path
        )
    return list(raw)


def load_corrections(path: str | Path) -> Corrections:
    """Read a corrections file; a missing optional file is the caller's decision, not ours."""
    p = Path(path)
    try:
        data = tomllib.loads(read_bytes(p).decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(MSG["toml"].format(error=exc), p) from exc
    for key in data:
        if key not in KINDS and key not in ("schema", "note", "notes"):
            raise ConfigError(MSG["unknown_kind"].format(kind=key), p)

    def groups(kind: str) -> tuple[tuple[RowRef, ...], ...]:
        out = []
        for i, e in enumerate(_entries(data, kind, p), start=1):
            rows = e.get("rows")
            if not isinstance(rows, list) or not rows:
                raise ConfigError(MSG["bad_entry"].format(kind=kind, i=i, what=MSG["rows"]), p)
            out.append(tuple(_ref(r, kind, i, p) for r in rows))
        return tuple(out)

    def singles(kind: str, field: str) -> tuple[tuple[RowRef, str], ...]:
        out = []
        for i, e in enumerate(_entries(data, kind, p), start=1):
            value = e.get(field)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(
                    MSG["bad_entry"].format(kind=kind, i=i, what=MSG["field"].format(field=field)),
                    p,
                )
            ref_raw: Any = e.get("row")
            if isinstance(e.get("check"), str) and isinstance(ref_raw, int):
                ref_raw = {"row": ref_raw, "text": e["check"]}
            out.append((_ref(ref_raw, kind, i, p), value.strip()))
        return tuple(out)

    return Corrections(
        merges=groups("merge"),
        splits=groups("split"),
        wordings=singles("wording", "text"),
        targets=singles("target", "target"),
        aspects=singles("aspect", "aspect"),
        source=str(p),
    )


def resolve_ref(ref: RowRef, by_row: Mapping[int, Opinion]) -> tuple[int | None, str | None]:
    """The row a reference means now, and a warning when it moved or cannot be found."""
    op = by_row.get(ref.row)
    if not ref.text:
        if op is None:
            return None, MSG["not_found"].format(row=ref.row, text="")
        return ref.row, None
    want = canonical(ref.text)
    if op is not None and want in canonical(op.text):
        return ref.row, None
    hits = [o.row for o in by_row.values() if want and want in canonical(o.text)]
    shown = f"“{ref.text}”"
    if len(hits) == 1:
        return hits[0], MSG["moved"].format(row=ref.row, text=ref.text, new=hits[0])
    return None, MSG["not_found"].format(row=ref.row, text=shown)
