"""The ledger as rows of cells: what is written to and read back from the .xlsx.

A :class:`Row` holds the canonical text of every field a person may edit (``values``) and the
generated explanations (``info``). The hidden base (:class:`BaseEntry`) keeps, for every generated
row, the values as they were generated, so a merge can tell a user's edit from a change of the
source material (three-way merge).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from mingjing.ledger.model import Deadline, DeadlineKind, LedgerItem

__all__ = [
    "COLUMNS",
    "FIELDS",
    "HEADERS",
    "BaseEntry",
    "Row",
    "Settings",
    "deadline_key",
    "row_from_item",
]

#: The fields a person edits in the ledger (the merge keeps every edit of these).
FIELDS = (
    "aspect",
    "problem",
    "measure",
    "owner",
    "unit",
    "deadline",
    "progress",
    "status",
    "evidence",
)
#: Generated columns: explanations, the material, and the stable id (hidden).
INFO = ("deadline_note", "link_note", "source")

HEADERS = {
    "no": "序号",
    "aspect": "所属方面",
    "problem": "问题",
    "measure": "整改措施",
    "owner": "责任人",
    "deadline": "完成时限",
    "progress": "整改进展",
    "status": "完成情况",
    "evidence": "佐证材料",
    "unit": "责任单位",
    "deadline_note": "时限说明",
    "link_note": "对应依据",
    "source": "来源材料",
    "id": "条目编号",
}
#: Column order of the ledger sheet; the first nine are the printed ledger.
COLUMNS = (
    "no",
    "aspect",
    "problem",
    "measure",
    "owner",
    "deadline",
    "progress",
    "status",
    "evidence",
    "unit",
    "deadline_note",
    "link_note",
    "source",
    "id",
)

TEXT = {
    "original": "原文“{text}”",
    "user_link": "对应关系已由使用者修改",
    "user_deadline": "时限已由使用者修改",
}

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Settings:
    """Warning thresholds in days: due within ``soon`` (yellow) and within ``urgent`` (orange)."""

    soon: int = 20
    urgent: int = 10


@dataclass(frozen=True, slots=True)
class Row:
    """One ledger row. ``id`` is None for a row a person added; ``line`` is its sheet row when read;
    ``marks`` names fields to highlight (conflicts), with the material's value as a note; ``extra``
    holds the cells of columns a person added to the sheet (kept through merges)."""

    id: str | None
    values: Mapping[str, str]
    info: Mapping[str, str] = field(default_factory=dict)
    line: int | None = None
    marks: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)  # columns a person added, by header

    def get(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass(frozen=True, slots=True)
class BaseEntry:
    """A generated row as it was generated (the common ancestor of a three-way merge)."""

    id: str
    source: str
    measure_no: int
    sub_no: int
    values: Mapping[str, str]
    deleted: bool = False  # the user deleted the row: never bring it back


def deadline_key(deadline: Deadline) -> str:
    """The canonical text of a deadline: an ISO date, or its label (``立行立改``, ``每季度``)."""
    if deadline.kind is DeadlineKind.DATE and deadline.due is not None:
        return deadline.due.isoformat()
    return deadline.label()


def key_date(key: str) -> date | None:
    return date.fromisoformat(key) if _ISO.match(key) else None


def row_from_item(item: LedgerItem) -> Row:
    problem = item.link.problem
    d = item.deadline
    note = "；".join(
        x for x in ((TEXT["original"].format(text=d.text) if d.text else ""), d.note) if x
    )
    return Row(
        id=item.id,
        values={
            "aspect": item.link.aspect or "",
            "problem": f"{problem.label}{problem.text}" if problem else "",
            "measure": item.measure,
            "owner": item.owner_label,
            "unit": item.unit or "",
            "deadline": deadline_key(d),
            "progress": "",
            "status": item.status.value,
            "evidence": "",
        },
        info={"deadline_note": note, "link_note": item.link.explain(), "source": item.source},
    )


def base_from_item(item: LedgerItem) -> BaseEntry:
    return BaseEntry(
        item.id, item.source, item.measure_no, item.sub_no, dict(row_from_item(item).values)
    )
