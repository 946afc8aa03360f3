"""Values of the opinions pipeline: raw opinions (原始意见), rejected rows, merged clusters (归纳意见).

Anonymity is a property of these values, not of the writers: an :class:`Opinion` holds identity
fields only when the user asked for them at intake (``--keep-identity``); everything downstream
reads opinions, never the source rows, so nothing dropped at intake can reappear in an output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

#: The assignee key of opinions about the leadership team as a whole (班子).
TEAM = "班子"
#: The assignee key prefix of opinions whose target could not be resolved (待确定).
UNRESOLVED_PREFIX = "待确定："


class Role(StrEnum):
    """What a column of an opinion table holds."""

    TEXT = "text"  # 意见内容
    CHANNEL = "channel"  # 来源渠道
    TARGET = "target"  # 对象（班子、成员姓名或职务）
    TIME = "time"  # 提出时间 (read, never written to an output)
    CATEGORY = "category"  # 类别 as given by the form
    IDENTITY = "identity"  # who wrote it: dropped unless --keep-identity
    IGNORED = "ignored"  # 序号 and columns nobody needs

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.TEXT: "意见内容",
    Role.CHANNEL: "来源渠道",
    Role.TARGET: "意见对象",
    Role.TIME: "提出时间",
    Role.CATEGORY: "类别",
    Role.IDENTITY: "提出人信息",
    Role.IGNORED: "不使用",
}


@dataclass(frozen=True, slots=True)
class Opinion:
    """原始意见: one opinion as read from one row (or line, or paragraph) of the source.

    ``row`` is the row number a person sees in the source: the spreadsheet row, the CSV line,
    the text line where the opinion starts. ``identity`` is empty unless identity was kept.
    """

    row: int
    text: str
    channel: str = ""
    target: str = ""
    category: str = ""
    time: str = ""
    identity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that could not be used, with the reason (Chinese) — reported, never silently lost."""

    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class Intake:
    """What intake read from one file: the kept opinions, the rejected rows and what was dropped.

    ``dropped`` names the columns (by header, never by value) that were not kept, e.g. 姓名 and
    联系方式; ``contributors`` counts distinct contributors per channel when an identity column
    existed (counted before the identity was dropped), so small groups can be protected later.
    """

    source: str
    opinions: tuple[Opinion, ...]
    rejected: tuple[Rejected, ...] = ()
    blank: int = 0
    columns: tuple[tuple[str, str], ...] = ()  # (role, header as written)
    dropped: tuple[str, ...] = ()
    identity_kept: bool = False
    contributors: tuple[tuple[str, int], ...] | None = None
    encoding: str | None = None
    sheet: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def read(self) -> int:
        """Rows with any content: kept + rejected."""
        return len(self.opinions) + len(self.rejected)

    def by_row(self) -> dict[int, Opinion]:
        return {o.row: o for o in self.opinions}

    def channel_sizes(self) -> dict[str, int]:
        """Contributors per channel if known, else opinions per channel (an upper bound)."""
        if self.contributors is not None:
            return dict(self.contributors)
        sizes: dict[str, int] = {}
        for o in self.opinions:
            sizes[o.channel] = sizes.get(o.channel, 0) + 1
        return sizes


@dataclass(frozen=True, slots=True)
class OpinionCluster:
    """归纳意见: near-duplicate and same-meaning opinions merged into one, with provenance.

    ``rows`` are the raw opinions behind it (source row numbers); ``text`` is the representative
    wording (the raw opinion most similar to the others, or a reviewer's wording); ``target`` is
    the assignee key: :data:`TEAM`, a member's name, or ``待确定：…``.
    """

    id: int
    text: str
    rows: tuple[int, ...]
    target: str
    representative: int
    manual: bool = False

    @property
    def size(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class Counts:
    """The numbers a material's preamble states: 征求到意见X条，归纳意见Y条."""

    collected: int
    merged: int
    rejected: int = 0

    def sentence(self) -> str:
        return MSG["preamble"].format(collected=self.collected, merged=self.merged)


MSG = {
    "preamble": "征求到意见{collected}条，归纳意见{merged}条",
}


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The outcome of 归纳: clusters over an intake, and how they were made."""

    intake: Intake
    clusters: tuple[OpinionCluster, ...]
    threshold: float
    corrections_applied: int = 0
    warnings: tuple[str, ...] = ()
    targets: tuple[tuple[int, str], ...] = field(default=())  # row → assignee key

    @property
    def counts(self) -> Counts:
        return Counts(len(self.intake.opinions), len(self.clusters), len(self.intake.rejected))

    def counts_for(self, target: str) -> Counts:
        mine = [c for c in self.clusters if c.target == target]
        return Counts(sum(c.size for c in mine), len(mine))

    def cluster_of(self) -> dict[int, int]:
        """Row → cluster id."""
        return {r: c.id for c in self.clusters for r in c.rows}
