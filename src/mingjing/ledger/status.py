"""Where the rectification stands on a given day: overdue and due-soon items by owner, and
progress by aspect and by owner (tables and a small SVG chart)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from html import escape
from typing import Any

from mingjing.ledger.deadline import parse_deadline_cell
from mingjing.ledger.model import Deadline, DeadlineKind, Status
from mingjing.ledger.owner import names_in
from mingjing.ledger.sheet import Row, Settings

__all__ = ["RowState", "StatusReport", "Urgency", "assess", "progress_svg"]

TEXT = {
    "no_owner": "（未写明责任人）",
    "no_aspect": "（未对应方面）",
    "other_status": "其他",
    "chart_title": "整改进度（{by}）",
    "by_aspect": "按方面",
    "by_owner": "按责任人",
}


class Urgency(StrEnum):
    """How pressing an open item is on the given day."""

    DONE = "done"
    OVERDUE = "overdue"  # 已逾期
    URGENT = "urgent"  # 临期（≤ urgent 天）
    SOON = "soon"  # 将到期（≤ soon 天）
    IMMEDIATE = "immediate"  # 立行立改，未销号
    NO_DEADLINE = "no_deadline"  # 未明确时限
    ONGOING = "ongoing"  # 长期坚持 / 定期
    LATER = "later"

    @property
    def label(self) -> str:
        return _URGENCY_LABELS[self]


_URGENCY_LABELS = {
    Urgency.DONE: "已完成",
    Urgency.OVERDUE: "已逾期",
    Urgency.URGENT: "临期",
    Urgency.SOON: "将到期",
    Urgency.IMMEDIATE: "立行立改未销号",
    Urgency.NO_DEADLINE: "未明确时限",
    Urgency.ONGOING: "长期坚持",
    Urgency.LATER: "未到期",
}


@dataclass(frozen=True, slots=True)
class RowState:
    """One ledger row as of ``today``."""

    no: int
    row: Row
    status: Status | None
    deadline: Deadline
    urgency: Urgency
    days_left: int | None
    owners: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return (
            self.status.value
            if self.status
            else (self.row.get("status") or Status.NOT_STARTED.value)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "no": self.no,
            "id": self.row.id,
            "aspect": self.row.get("aspect") or None,
            "measure": self.row.get("measure"),
            "owner": self.row.get("owner") or None,
            "deadline": self.deadline.due.isoformat()
            if self.deadline.due
            else (self.row.get("deadline") or None),
            "status": self.status_label,
            "urgency": self.urgency.value,
            "days_left": self.days_left,
            "progress": self.row.get("progress") or None,
        }


@dataclass(frozen=True, slots=True)
class StatusReport:
    today: date
    settings: Settings
    rows: tuple[RowState, ...]

    def of(self, *urgencies: Urgency) -> list[RowState]:
        return [r for r in self.rows if r.urgency in urgencies]

    def by_owner(self, *urgencies: Urgency) -> dict[str, list[RowState]]:
        out: dict[str, list[RowState]] = {}
        for r in self.of(*urgencies):
            for o in r.owners:
                out.setdefault(o, []).append(r)
        return out

    def counts(self, key: str) -> dict[str, Counter[str]]:
        """Status counts per aspect (``key="aspect"``) or per owner (``key="owner"``)."""
        out: dict[str, Counter[str]] = {}
        for r in self.rows:
            keys = r.owners if key == "owner" else (r.row.get("aspect") or TEXT["no_aspect"],)
            for k in keys:
                out.setdefault(k, Counter())[r.status_label] += 1
        return out

    def totals(self) -> Counter[str]:
        return Counter(r.status_label for r in self.rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "soon_days": self.settings.soon,
            "urgent_days": self.settings.urgent,
            "totals": dict(self.totals()),
            "overdue": [r.as_json() for r in self.of(Urgency.OVERDUE)],
            "due_soon": [r.as_json() for r in self.of(Urgency.URGENT, Urgency.SOON)],
            "immediate_open": [r.as_json() for r in self.of(Urgency.IMMEDIATE)],
            "no_deadline": [r.as_json() for r in self.of(Urgency.NO_DEADLINE)],
            "by_aspect": {k: dict(v) for k, v in self.counts("aspect").items()},
            "by_owner": {k: dict(v) for k, v in self.counts("owner").items()},
        }


def _owners(owner: str) -> tuple[str, ...]:
    if not owner or owner.startswith("（"):
        return (TEXT["no_owner"],)
    return tuple(names_in(owner)) or (TEXT["no_owner"],)


def assess(rows: Sequence[Row], today: date, settings: Settings) -> StatusReport:
    """Classify every row as of ``today`` (see :class:`Urgency`)."""
    out: list[RowState] = []
    for n, row in enumerate(rows, start=1):
        status = Status.parse(row.get("status")) if row.get("status") else Status.NOT_STARTED
        d = parse_deadline_cell(row.get("deadline"))
        days = (d.due - today).days if d.due else None
        if status is Status.DONE:
            u = Urgency.DONE
        elif days is not None:
            if days < 0:
                u = Urgency.OVERDUE
            elif days <= settings.urgent:
                u = Urgency.URGENT
            elif days <= settings.soon:
                u = Urgency.SOON
            else:
                u = Urgency.LATER
        elif d.kind is DeadlineKind.IMMEDIATE:
            u = Urgency.IMMEDIATE
        elif (
            d.kind in (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC) or status is Status.LONG_TERM
        ):
            u = Urgency.ONGOING
        else:
            u = Urgency.NO_DEADLINE
        out.append(RowState(n, row, status, d, u, days, _owners(row.get("owner"))))
    return StatusReport(today, settings, tuple(out))


_COLORS = {
    Status.DONE.value: "#70AD47",
    Status.IN_PROGRESS.value: "#5B9BD5",
    Status.LONG_TERM.value: "#A5A5A5",
    Status.NOT_STARTED.value: "#FFC000",
    Status.DELAYED.value: "#C00000",
}


def progress_svg(report: StatusReport) -> str:
    """Two stacked horizontal bar charts (by aspect, by owner) as one standalone SVG."""
    order = [s.value for s in Status]
    groups = [
        (TEXT["by_aspect"], report.counts("aspect")),
        (TEXT["by_owner"], report.counts("owner")),
    ]
    bar_h, gap, left, width = 22, 8, 190, 420
    scale = width / max((sum(c.values()) for _, g in groups for c in g.values()), default=1)
    lines: list[str] = []
    y = 30
    for title, counts in groups:
        lines.append(
            f'<text x="10" y="{y}" font-size="16" font-weight="bold">{escape(TEXT["chart_title"].format(by=title))}</text>'
        )
        y += 14
        for key, c in counts.items():
            lines.append(
                f'<text x="{left - 8}" y="{y + 16}" font-size="13" text-anchor="end">{escape(key)}</text>'
            )
            x = float(left)
            for s in [*order, *(k for k in c if k not in order)]:
                n = c.get(s, 0)
                if not n:
                    continue
                w = n * scale
                color = _COLORS.get(s, "#7F7F7F")
                lines.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"><title>{escape(s)} {n}</title></rect>'
                )
                lines.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 16}" font-size="12" text-anchor="middle" fill="#fff">{n}</text>'
                )
                x += w
            y += bar_h + gap
        y += 30
    lx = 10
    for s in order:
        lines.append(f'<rect x="{lx}" y="{y - 12}" width="14" height="14" fill="{_COLORS[s]}"/>')
        lines.append(f'<text x="{lx + 18}" y="{y}" font-size="13">{escape(s)}</text>')
        lx += 90
    height = y + 20
    body = "\n".join(lines)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 40}" height="{height}" '
        f'font-family="Noto Sans CJK SC, Microsoft YaHei, SimSun, sans-serif">\n{body}\n</svg>\n'
    )
