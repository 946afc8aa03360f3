"""Copy findings ready for the reviewer: one per passage group, with a Chinese message.

``mingjing check`` (the reviewer, not written yet) will wrap these into findings of category
``copy`` so that they also appear as Word comments. A passage group is the copied passages of one
source that lie close together in the material (within :data:`GROUP_GAP` characters): a reviewer
reads them as one stretch of copied text, and one Word comment per group keeps the document
readable. Quotations and common phrases are not findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from mingjing.document import Span
from mingjing.similarity.compare import ALERT_LONGEST, DupReport, Passage, PassageKind, SourceMatch

#: Passages of one source closer than this (canonical characters) form one group.
GROUP_GAP = 40

MSG = {
    "alert": "与{source}的文字重合{chars}字（最长连续{longest}字），疑似复制。对照检查材料须本人亲自撰写，不得拼凑、抄袭、代写，请改写为本人实际情况。",
    "minor": "与{source}的文字重合{chars}字，请确认是否为本人撰写。",
    "template": "范文模板",
}


@dataclass(frozen=True, slots=True)
class CopyFindingData:
    """What a ``copy`` finding needs: where, which source, how much, and what to tell the author."""

    span: Span  # canonical span in the material, first to last passage of the group
    passages: tuple[Span, ...]  # the passages inside the group
    source_id: str
    source_name: str
    source_spans: tuple[Span, ...]
    chars: int  # matching-view characters of the group's passages
    longest: int
    alert: bool  # the pair passes the alert rule: show it first, as a warning
    message: str


def _source_label(s: SourceMatch) -> str:
    if "template" in s.tags:
        return f"{MSG['template']}《{s.name}》"
    return f"《{s.name}》"


def copy_findings(
    report: DupReport, *, alert_longest: int = ALERT_LONGEST
) -> list[CopyFindingData]:
    """Passage groups of every source that shares copied text with the material.

    A group is an alert when its source is, and either the group itself holds a long passage
    (``alert_longest``) or the source was flagged for many shorter passages altogether; the
    other groups of an alerted source (a shared title line, a stock sentence) stay minor.
    """
    out: list[CopyFindingData] = []
    for s in report.sources:
        copied = [p for p in s.passages if p.kind is PassageKind.COPY]
        if not copied:
            continue
        groups: list[list[Passage]] = [[copied[0]]]
        for p in copied[1:]:
            if p.span.start - groups[-1][-1].span.end <= GROUP_GAP:
                groups[-1].append(p)
            else:
                groups.append([p])
        for g in groups:
            chars = sum(p.length for p in g)
            longest = max(p.longest for p in g)
            alert = s.alert and (
                max(p.length for p in g) >= alert_longest or s.longest < alert_longest
            )
            template = MSG["alert"] if alert else MSG["minor"]
            out.append(
                CopyFindingData(
                    span=Span(g[0].span.start, g[-1].span.end),
                    passages=tuple(p.span for p in g),
                    source_id=s.id,
                    source_name=s.name,
                    source_spans=tuple(p.source_span for p in g),
                    chars=chars,
                    longest=longest,
                    alert=alert,
                    message=template.format(source=_source_label(s), chars=chars, longest=longest),
                )
            )
    out.sort(key=lambda f: (not f.alert, f.span.start))
    return out
