"""The rectification ledger (整改台账) as immutable values.

A :class:`LedgerItem` is one row of the ledger: one sub-measure (具体措施, an inline ``一是……``) of a
measure (整改措施 ``（一）……``), linked to the aspect (对照方面) and the problem item it answers, with
the responsible person (责任人), the deadline (完成时限) and the status (完成情况).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from mingjing.document import Span

__all__ = [
    "AspectCoverage",
    "Deadline",
    "DeadlineKind",
    "Ledger",
    "LedgerItem",
    "Link",
    "LinkBasis",
    "Material",
    "OwnerBasis",
    "ProblemRef",
    "Status",
]


class DeadlineKind(StrEnum):
    """What a deadline (完成时限) says: a date, or a kind of time limit that has no date."""

    DATE = "date"  # 2024年6月底前, 年底前 (a real date)
    IMMEDIATE = "immediate"  # 立行立改
    LONG_TERM = "long_term"  # 长期坚持
    PERIODIC = "periodic"  # 每季度, 每月
    RELATIVE = "relative"  # 3个月内, when the start is unknown
    MISSING = "missing"  # the text gives none

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DeadlineKind.DATE: "具体日期",
    DeadlineKind.IMMEDIATE: "立行立改",
    DeadlineKind.LONG_TERM: "长期坚持",
    DeadlineKind.PERIODIC: "定期",
    DeadlineKind.RELATIVE: "限期",
    DeadlineKind.MISSING: "未明确",
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """完成时限: a typed deadline. ``text`` is the phrase as written, ``note`` how a date was inferred.

    ``period`` is the period of a recurring measure (``季度`` for 每季度), kept even when a date wins.
    """

    kind: DeadlineKind
    due: date | None = None
    text: str = ""
    period: str | None = None
    note: str = ""

    @property
    def missing(self) -> bool:
        return self.kind is DeadlineKind.MISSING

    def label(self) -> str:
        """What the ledger shows: ``2024年6月30日``, ``立行立改``, ``每季度``, ``3个月内`` or ``""``."""
        if self.due is not None:
            return format_date(self.due)
        if self.kind is DeadlineKind.PERIODIC and self.period:
            return f"每{self.period}"
        if self.kind is DeadlineKind.RELATIVE:
            return self.text
        if self.kind is DeadlineKind.MISSING:
            return ""
        return self.kind.label

    def as_json(self) -> dict[str, Any] | None:
        if self.kind is DeadlineKind.MISSING:
            return None
        return {
            "kind": self.kind.value,
            "date": self.due.isoformat() if self.due else None,
            "label": self.label(),
            "text": self.text,
            "period": self.period,
            "note": self.note,
        }


def format_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class Status(StrEnum):
    """完成情况: the closed list offices use (also the data validation of the status column)."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    LONG_TERM = "长期坚持"
    DELAYED = "已延期"

    @classmethod
    def parse(cls, value: str) -> Status | None:
        v = value.strip()
        for s in cls:
            if v == s.value:
                return s
        return _STATUS_SYNONYMS.get(v)


_STATUS_SYNONYMS = {
    "完成": Status.DONE,
    "已办结": Status.DONE,
    "已销号": Status.DONE,
    "办结": Status.DONE,
    "进行中": Status.IN_PROGRESS,
    "正在推进": Status.IN_PROGRESS,
    "整改中": Status.IN_PROGRESS,
    "持续推进": Status.LONG_TERM,
    "长期": Status.LONG_TERM,
    "延期": Status.DELAYED,
    "未开始": Status.NOT_STARTED,
}


class LinkBasis(StrEnum):
    """Why a measure is linked to an aspect."""

    ITEM_WORDS = "item_words"  # the sub-measure's first sentence names the aspect
    HEADING_WORDS = "heading_words"  # the measure's heading names the aspect
    SIMILARITY = "similarity"  # neither names it: closest problems by text similarity
    NONE = "none"

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    LinkBasis.ITEM_WORDS: "措施点明方面",
    LinkBasis.HEADING_WORDS: "措施标题点明方面",
    LinkBasis.SIMILARITY: "按文字相似推断",
    LinkBasis.NONE: "未能对应",
}


@dataclass(frozen=True, slots=True)
class ProblemRef:
    """A problem item (问题条目) a measure answers: ``（二）三是`` and its first sentence."""

    aspect: str
    part_no: int  # 1-based among the problem parts
    item_no: int  # 1-based within the part
    label: str  # "（二）三是"
    text: str  # first sentence, marker removed
    span: Span


@dataclass(frozen=True, slots=True)
class Link:
    """The aspect and problem a measure answers, with the evidence (shown in the ledger, editable)."""

    aspect: str | None
    basis: LinkBasis
    word: str | None = None
    problem: ProblemRef | None = None
    score: float = 0.0

    def explain(self) -> str:
        """``措施点明方面（“理论武装”）；最相近问题（一）二是，相似度 0.31``."""
        parts: list[str] = [self.basis.label + (f"（“{self.word}”）" if self.word else "")]
        if self.problem is not None:
            parts.append(f"最相近问题{self.problem.label}，相似度 {self.score:.2f}")
        elif self.aspect is not None:
            parts.append(f"未找到相近的具体问题（最高相似度 {self.score:.2f}）")
        return "；".join(parts)


class OwnerBasis(StrEnum):
    """Where the responsible person came from."""

    NAMED = "named"  # 责任领导：…… in the text
    AUTHOR = "author"  # the author of a personal material
    POST = "post"  # only the post is known
    FILENAME = "filename"  # a name in the file name
    MISSING = "missing"

    @property
    def label(self) -> str:
        return _OWNER_LABELS[self]


_OWNER_LABELS = {
    OwnerBasis.NAMED: "材料中写明",
    OwnerBasis.AUTHOR: "材料作者",
    OwnerBasis.POST: "材料作者的职务",
    OwnerBasis.FILENAME: "取自文件名，请核对",
    OwnerBasis.MISSING: "未写明责任人，请补充",
}


#: What the owner cell says when the text names nobody (keyed by "the author, name unknown").
OWNER_PLACEHOLDER = {True: "（材料作者，未写明姓名）", False: "（未写明责任人）"}


@dataclass(frozen=True, slots=True)
class LedgerItem:
    """One row of the ledger (台账条目): a sub-measure with its link, owner, deadline and status.

    ``id`` is stable across regenerations of the same material (``文件名#措施.条``); the merge
    matches rows by it and confirms by wording.
    """

    id: str
    source: str
    measure_no: int
    sub_no: int
    measure_title: str
    text: str
    marker: str | None
    span: Span
    link: Link
    owner: str | None
    owner_basis: OwnerBasis
    unit: str | None
    deadline: Deadline
    status: Status

    @property
    def measure(self) -> str:
        """The measure as the ledger shows it: ``强化理论武装：每月精读1篇……``."""
        if self.measure_title and self.text:
            return f"{self.measure_title}：{self.text}"
        return self.text or self.measure_title

    @property
    def owner_label(self) -> str:
        """The owner cell: the owner, or a visible request to fill it in."""
        if self.owner:
            return self.owner
        return OWNER_PLACEHOLDER[self.owner_basis is OwnerBasis.AUTHOR]

    @property
    def problem_text(self) -> str:
        return self.link.problem.text if self.link.problem else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "aspect": self.link.aspect,
            "problem": self.link.problem.text if self.link.problem else None,
            "problem_label": self.link.problem.label if self.link.problem else None,
            "measure": self.measure,
            "measure_title": self.measure_title,
            "sub_measure": self.text,
            "owner": self.owner,
            "owner_basis": self.owner_basis.value,
            "unit": self.unit,
            "deadline": self.deadline.as_json(),
            "status": self.status.value,
            "link": {
                "basis": self.link.basis.value,
                "word": self.link.word,
                "score": round(self.link.score, 3),
                "explain": self.link.explain(),
            },
            "span": self.span.as_list(),
        }


@dataclass(frozen=True, slots=True)
class AspectCoverage:
    """An aspect with problems, and whether the measures answer it (the reviewer's MJ951 notion)."""

    source: str
    aspect: str
    problems: int
    measures: int  # ledger rows linked to it
    answered: bool  # a measure heading or sub-measure first sentence names it

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "aspect": self.aspect,
            "problems": self.problems,
            "measures": self.measures,
            "answered": self.answered,
        }


@dataclass(frozen=True, slots=True)
class Material:
    """A material the ledger was drawn from."""

    name: str
    path: str | None
    owner: str | None
    framework: str | None
    base_year: int | None
    base_year_note: str
    aspects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ledger:
    """整改台账: rows from one or more materials, with the coverage of their aspects."""

    items: tuple[LedgerItem, ...]
    coverage: tuple[AspectCoverage, ...] = ()
    materials: tuple[Material, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "items": [i.as_json() for i in self.items],
            "aspects": [c.as_json() for c in self.coverage],
            "unanswered": [
                {"source": c.source, "aspect": c.aspect} for c in self.coverage if not c.answered
            ],
            "materials": [
                {
                    "name": m.name,
                    "owner": m.owner,
                    "framework": m.framework,
                    "base_year": m.base_year,
                    "base_year_note": m.base_year_note,
                }
                for m in self.materials
            ],
            "warnings": list(self.warnings),
        }
