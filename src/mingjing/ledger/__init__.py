"""整改台账: the rectification ledger drawn from materials' measures.

``extract`` reads the measures of parsed materials into :class:`LedgerItem` rows; ``save`` writes
the .xlsx ledger people edit; ``read_ledger`` and ``merge`` bring an edited ledger and changed
materials together without losing anyone's edits; ``assess`` tells what is overdue or due soon;
``write_report`` drafts the 整改落实情况 report. See ``docs/ledger.md``.
"""

from __future__ import annotations

from pathlib import Path

from mingjing.ledger.deadline import (
    BaseYear,
    parse_deadline,
    parse_deadline_cell,
    rectification_year,
)
from mingjing.ledger.extract import combine, extract, extract_many
from mingjing.ledger.merge import MergeResult, merge
from mingjing.ledger.model import (
    AspectCoverage,
    Deadline,
    DeadlineKind,
    Ledger,
    LedgerItem,
    Link,
    LinkBasis,
    Material,
    OwnerBasis,
    ProblemRef,
    Status,
)
from mingjing.ledger.progress import report_paragraphs, write_report
from mingjing.ledger.sheet import BaseEntry, Row, Settings, base_from_item, row_from_item
from mingjing.ledger.status import RowState, StatusReport, Urgency, assess, progress_svg
from mingjing.ledger.xlsx import Conflict, LedgerFile, read_ledger, write_ledger

__all__ = [
    "AspectCoverage",
    "BaseEntry",
    "BaseYear",
    "Conflict",
    "Deadline",
    "DeadlineKind",
    "Ledger",
    "LedgerFile",
    "LedgerItem",
    "Link",
    "LinkBasis",
    "Material",
    "MergeResult",
    "OwnerBasis",
    "ProblemRef",
    "Row",
    "RowState",
    "Settings",
    "Status",
    "StatusReport",
    "Urgency",
    "assess",
    "combine",
    "extract",
    "extract_many",
    "merge",
    "parse_deadline",
    "parse_deadline_cell",
    "progress_svg",
    "read_ledger",
    "rectification_year",
    "report_paragraphs",
    "save",
    "save_merged",
    "write_ledger",
    "write_report",
]


def save(ledger: Ledger, path: Path, settings: Settings | None = None) -> None:
    """Write a freshly extracted ledger as .xlsx."""
    write_ledger(
        path,
        [row_from_item(i) for i in ledger.items],
        {i.id: base_from_item(i) for i in ledger.items},
        materials=ledger.materials,
        coverage=ledger.coverage,
        settings=settings,
    )


def save_merged(result: MergeResult, path: Path, settings: Settings | None = None) -> None:
    """Write the result of :func:`merge` as .xlsx (with a 合并记录 sheet when there is news)."""
    write_ledger(
        path,
        result.rows,
        result.base,
        materials=result.materials,
        coverage=result.coverage,
        settings=settings,
        conflicts=result.conflicts,
        merge_notes=result.notes,
    )
