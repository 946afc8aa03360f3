"""Three-way merge of an edited ledger with freshly extracted items.

For every generated row the hidden base holds the values as generated. Field by field:

* the user left the value as generated → the material's new value is taken (nobody loses anything);
* the user changed it and the material did not → the user's value is kept;
* both changed it, differently → the user's value is kept, the cell is highlighted with the
  material's new value as a note, and the conflict is reported. Nothing is overwritten silently.

Rows a person added (no id) are kept as they are; rows a person deleted stay deleted; rows whose
measure disappeared from the material are dropped only when nobody wrote anything in them.
Rows of materials not given to this merge are left alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from mingjing.ledger.model import AspectCoverage, Ledger, LedgerItem, Material
from mingjing.ledger.sheet import FIELDS, HEADERS, BaseEntry, Row, base_from_item, row_from_item
from mingjing.ledger.xlsx import Conflict, LedgerFile
from mingjing.textnorm import fold

__all__ = ["MergeResult", "merge"]

TEXT = {
    "conflict": "台账和材料都修改了该项，已保留台账中的值",
    "gone_kept": "材料中已没有这条措施，但台账中有填写内容，已保留该行（{id}）",
    "gone_dropped": "材料中已没有这条措施，台账中也未填写，已删除该行：{measure}",
    "deleted": "使用者已在台账中删除该行，未恢复：{measure}",
    "added": "材料中新增措施，已加入台账：{measure}",
    "duplicate": "第 {line} 行的条目编号与其他行重复，已按新增行处理",
    "user_row": "使用者添加的行",
}

#: Two wordings of one measure are "the same measure" from this bigram Dice coefficient on.
SAME_POSITION = 0.5
MOVED = 0.65


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged rows and base, and what happened: conflicts and notes for the user."""

    rows: tuple[Row, ...]
    base: Mapping[str, BaseEntry]
    materials: tuple[Material, ...]
    coverage: tuple[AspectCoverage, ...]
    conflicts: tuple[Conflict, ...]
    notes: tuple[str, ...]
    kept_edits: int
    updated: int
    added: tuple[str, ...] = field(default=())
    dropped: tuple[str, ...] = field(default=())


def _grams(s: str) -> set[str]:
    t = "".join(ch for ch in fold(s) if ch.isalnum())
    return {t[i : i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def dice(a: str, b: str) -> float:
    ga, gb = _grams(a), _grams(b)
    if not ga or not gb:
        return 1.0 if a == b else 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def _match(
    base: Mapping[str, BaseEntry], items: Sequence[LedgerItem], sources: set[str]
) -> dict[str, LedgerItem]:
    """Base id → new item: same id with a similar wording, else the most similar item of the
    same material (a measure that moved); each new item is claimed once."""
    out: dict[str, LedgerItem] = {}
    claimed: set[str] = set()
    by_id = {i.id: i for i in items}
    entries = [b for b in base.values() if b.source in sources]
    for b in entries:
        item = by_id.get(b.id)
        if item is not None and dice(b.values.get("measure", ""), item.measure) >= SAME_POSITION:
            out[b.id] = item
            claimed.add(item.id)
    for b in entries:
        if b.id in out:
            continue
        best: tuple[float, LedgerItem] | None = None
        for item in items:
            if item.id in claimed or item.source != b.source:
                continue
            s = dice(b.values.get("measure", ""), item.measure)
            if best is None or s > best[0]:
                best = (s, item)
        if best is not None and best[0] >= MOVED:
            out[b.id] = best[1]
            claimed.add(best[1].id)
    return out


def merge(ledger: LedgerFile, fresh: Ledger) -> MergeResult:
    """Merge the edited ``ledger`` with ``fresh`` items extracted from the materials again."""
    sources = {m.name for m in fresh.materials}
    matched = _match(ledger.base, fresh.items, sources)
    new_base: dict[str, BaseEntry] = {}
    conflicts: list[Conflict] = []
    notes: list[str] = []
    rows: list[Row] = []
    kept = updated = 0
    seen_ids: set[str] = set()
    dropped: list[str] = []

    for row in ledger.rows:
        rid = row.id
        if rid is not None and rid in seen_ids:
            notes.append(TEXT["duplicate"].format(line=row.line))
            rid = None
        if rid is None or rid not in ledger.base:
            rows.append(
                replace(
                    row,
                    id=rid,
                    info={**row.info, "link_note": row.info.get("link_note") or TEXT["user_row"]},
                )
            )
            if rid is not None:
                seen_ids.add(rid)
            continue
        seen_ids.add(rid)
        b = ledger.base[rid]
        item = matched.get(rid)
        user_changed = {f for f in FIELDS if row.get(f) != b.values.get(f, "")}
        if item is None:
            if b.source not in sources:  # material not part of this merge: untouched
                rows.append(row)
                new_base[rid] = b
                kept += len(user_changed)
            elif user_changed:
                rows.append(row)
                new_base[rid] = b
                notes.append(TEXT["gone_kept"].format(id=rid))
                kept += len(user_changed)
            else:
                dropped.append(b.values.get("measure", ""))
                notes.append(TEXT["gone_dropped"].format(measure=b.values.get("measure", "")))
            continue
        fresh_row = row_from_item(item)
        values: dict[str, str] = {}
        marks: dict[str, str] = {}
        for f in FIELDS:
            mine, theirs, old = row.get(f), fresh_row.get(f), b.values.get(f, "")
            if mine == old:
                values[f] = theirs
                updated += theirs != old
            elif theirs in (old, mine):
                values[f] = mine
                kept += 1
            else:
                values[f] = mine
                kept += 1
                marks[f] = theirs
                conflicts.append(
                    Conflict(item.id, len(rows) + 1, f, mine, theirs, TEXT["conflict"])
                )
        info = dict(fresh_row.info)
        if {"aspect", "problem"} & user_changed:
            info["link_note"] = "对应关系已由使用者修改；" + info["link_note"]
        if "deadline" in user_changed:
            info["deadline_note"] = "时限已由使用者修改；" + info["deadline_note"]
        rows.append(Row(item.id, values, info, marks=marks, extra=row.extra))
        new_base[item.id] = base_from_item(item)

    # rows the user deleted: remember them, never bring them back
    present = {r.id for r in ledger.rows if r.id}
    for bid, b in ledger.base.items():
        if bid in present:
            continue
        item = matched.get(bid)
        new_base[item.id if item else bid] = replace(
            base_from_item(item) if item else b, deleted=True
        )
        if not b.deleted:
            notes.append(TEXT["deleted"].format(measure=b.values.get("measure", "")))

    # new measures: after the last row of the same material that comes before them
    taken = {i.id for i in matched.values()}
    added: list[str] = []
    for item in fresh.items:
        if item.id in taken or item.id in new_base:
            continue
        row = row_from_item(item)
        pos = len(rows)
        for k, r in enumerate(rows):
            if (
                r.info.get("source") == item.source
                and r.id in new_base
                and _before(new_base[r.id], item)
            ):
                pos = k + 1
        rows.insert(pos, row)
        new_base[item.id] = base_from_item(item)
        added.append(item.measure)
        notes.append(TEXT["added"].format(measure=item.measure))

    # coverage and materials: fresh for the merged materials, kept for the others
    materials = [m for m in ledger.materials if m.name not in sources] + list(fresh.materials)
    coverage = [c for c in ledger.coverage if c.source not in sources] + list(fresh.coverage)
    conflicts = [
        replace(c, no=next((k + 1 for k, r in enumerate(rows) if r.id == c.id), c.no))
        for c in conflicts
    ]
    return MergeResult(
        tuple(rows),
        new_base,
        tuple(materials),
        tuple(coverage),
        tuple(conflicts),
        tuple(notes),
        kept,
        updated,
        tuple(added),
        tuple(dropped),
    )


def _before(b: BaseEntry, item: LedgerItem) -> bool:
    return (b.measure_no, b.sub_no) < (item.measure_no, item.sub_no)


def field_label(name: str) -> str:
    return HEADERS.get(name, name)
