"""Assign (分派) merged opinions to the team or to members, ready for the feedback sheets.

Small groups are protected here: a channel with fewer than ``min_group`` contributors (one person
interviewed alone, a box opened with two notes in it) is shown as 其他渠道, so a member reading
"来源：个别访谈" cannot tell who said it. Times are never shown; row numbers appear only in the
organiser's own workbook, never on a member's sheet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mingjing.opinions.classify import Classification
from mingjing.opinions.model import TEAM, UNRESOLVED_PREFIX, Counts, Intake, MergeResult
from mingjing.opinions.roster import Roster

MSG = {
    "other_channel": "其他渠道",
    "no_channel": "未注明",
    "unresolved": "待确定",
}

#: Channels with fewer contributors than this are not named on sheets (see module docstring).
DEFAULT_MIN_GROUP = 3


@dataclass(frozen=True, slots=True)
class FeedbackRow:
    """One line of a feedback sheet: 序号、意见内容、来源渠道、归类、条数."""

    number: int
    text: str
    channels: str
    aspect: str
    count: int
    cluster: int


@dataclass(frozen=True, slots=True)
class Feedback:
    """意见反馈: the merged opinions about one assignee (the team or a member)."""

    assignee: str
    label: str
    rows: tuple[FeedbackRow, ...]

    @property
    def counts(self) -> Counts:
        return Counts(sum(r.count for r in self.rows), len(self.rows))

    @property
    def is_team(self) -> bool:
        return self.assignee == TEAM


@dataclass(frozen=True, slots=True)
class Assignment:
    """Every assignee's feedback, plus the tallies the team summary charts."""

    feedback: tuple[Feedback, ...]
    by_aspect: tuple[tuple[str, int, int], ...]  # (归类, clusters, raw opinions)
    masked_channels: tuple[str, ...]
    min_group: int

    def of(self, assignee: str) -> Feedback | None:
        return next((f for f in self.feedback if f.assignee == assignee), None)


def channel_labels(intake: Intake, min_group: int = DEFAULT_MIN_GROUP) -> dict[str, str]:
    """Channel as written → channel as shown (small channels become 其他渠道)."""
    out: dict[str, str] = {}
    for channel, size in intake.channel_sizes().items():
        if not channel:
            out[channel] = MSG["no_channel"]
        elif size < min_group:
            out[channel] = MSG["other_channel"]
        else:
            out[channel] = channel
    return out


def _channels_of(
    rows: Sequence[int], intake_rows: Mapping[int, str], shown: Mapping[str, str]
) -> str:
    counts = Counter(shown.get(intake_rows.get(r, ""), MSG["other_channel"]) for r in rows)
    order = sorted(
        counts, key=lambda c: (c == MSG["other_channel"], c == MSG["no_channel"], -counts[c], c)
    )
    return "、".join(order)


def assign(
    result: MergeResult,
    classifications: Sequence[Classification],
    roster: Roster,
    *,
    min_group: int = DEFAULT_MIN_GROUP,
) -> Assignment:
    """Group the clusters by assignee (team first, then roster order, then 待确定)."""
    shown = channel_labels(result.intake, min_group)
    channel_of = {o.row: o.channel for o in result.intake.opinions}
    aspect_of = {k.cluster: k.label for k in classifications}
    assignees = [TEAM, *roster.names]
    for c in result.clusters:
        if c.target not in assignees:
            assignees.append(c.target)
    feedback = []
    for who in sorted(assignees, key=roster.order):
        mine = [c for c in result.clusters if c.target == who]
        rows = tuple(
            FeedbackRow(
                number=i,
                text=c.text,
                channels=_channels_of(c.rows, channel_of, shown),
                aspect=aspect_of.get(c.id, "未归类"),
                count=c.size,
                cluster=c.id,
            )
            for i, c in enumerate(mine, start=1)
        )
        label = roster.label(who)
        if who.startswith(UNRESOLVED_PREFIX):
            label = who
        feedback.append(Feedback(who, label, rows))
    tally: dict[str, list[int]] = {}
    for c in result.clusters:
        t = tally.setdefault(aspect_of.get(c.id, "未归类"), [0, 0])
        t[0] += 1
        t[1] += c.size
    by_aspect = tuple((a, n, m) for a, (n, m) in tally.items())
    masked = tuple(sorted(c for c, s in shown.items() if c and s == MSG["other_channel"]))
    return Assignment(tuple(feedback), by_aspect, masked, min_group)
