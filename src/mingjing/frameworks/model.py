"""The comparison frameworks (对照框架) as immutable values.

A framework is what a 对照检查材料 of one year and one kind of meeting is checked against: the
ordered list of aspects (对照的方面) its problems section must follow, the sections it must have,
and the numbers a material may state about it ("从六个方面", "四必谈"). Every framework and every
aspect carries the confidence and the source keys of the domain reference, because the review
turns official facts into errors and practice into warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "Aspect",
    "Audience",
    "Confidence",
    "CountKind",
    "DateRange",
    "Framework",
    "Meeting",
    "SectionKind",
    "StatedCount",
]


class Confidence(StrEnum):
    """How sure the domain reference is of a fact (its tags [官方] … [存疑])."""

    OFFICIAL = "official"
    OFFICIAL_REPORTED = "official-reported"
    PRACTICE = "practice"
    UNCONFIRMED = "unconfirmed"

    @property
    def tag(self) -> str:
        """The reference's own tag, e.g. ``[官方-转述]``."""
        return _CONFIDENCE_TAGS[self]

    @classmethod
    def parse(cls, value: str) -> Confidence:
        """Accept the English value (``official``) or the reference's tag (``[官方]``, ``官方``)."""
        v = value.strip()
        for member in cls:
            if v == member.value or v == member.tag or v == member.tag.strip("[]"):
                return member
        raise ValueError(value)


_CONFIDENCE_TAGS = {
    Confidence.OFFICIAL: "[官方]",
    Confidence.OFFICIAL_REPORTED: "[官方-转述]",
    Confidence.PRACTICE: "[实践]",
    Confidence.UNCONFIRMED: "[存疑]",
}


class Meeting(StrEnum):
    """The kind of meeting a framework belongs to."""

    DEMOCRATIC_LIFE = "民主生活会"
    SPECIAL_DEMOCRATIC_LIFE = "专题民主生活会"
    ORGANISATIONAL_LIFE = "组织生活会"
    SPECIAL_ORGANISATIONAL_LIFE = "专题组织生活会"

    @property
    def is_organisational(self) -> bool:
        """组织生活会 of a grassroots branch, as opposed to a leadership team's 民主生活会."""
        return self in (Meeting.ORGANISATIONAL_LIFE, Meeting.SPECIAL_ORGANISATIONAL_LIFE)


class Audience(StrEnum):
    """Whose material it is: a team member (个人), the team (班子), a branch committee, a member."""

    PERSONAL = "个人"
    TEAM = "班子"
    BRANCH = "支部"
    MEMBER = "党员"


class SectionKind(StrEnum):
    """Top sections a framework may require of a material."""

    PROBLEMS = "problems"
    CASES = "cases"
    CAUSES = "causes"
    MEASURES = "measures"
    PREVIOUS_RECTIFICATION = "previous_rectification"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    SectionKind.PROBLEMS: "存在的问题",
    SectionKind.CASES: "反面典型案例剖析",
    SectionKind.CAUSES: "原因分析",
    SectionKind.MEASURES: "整改措施",
    SectionKind.PREVIOUS_RECTIFICATION: "上年度整改落实情况",
}


class CountKind(StrEnum):
    """Numbers a material may state about its framework, which a count rule can check."""

    ASPECTS = "aspects"  # 对照方面的个数 ("从六个方面")
    TALK_CIRCLES = "talk_circles"  # 谈心谈话的范围数 ("四必谈")

    @property
    def label(self) -> str:
        return _COUNT_LABELS[self]


_COUNT_LABELS = {
    CountKind.ASPECTS: "对照方面",
    CountKind.TALK_CIRCLES: "谈心谈话范围",
}


@dataclass(frozen=True, slots=True)
class DateRange:
    """When meetings under a framework were held (inclusive, month precision in the data)."""

    start: date
    end: date

    def contains(self, day: date, *, slack_days: int = 0) -> bool:
        slack = timedelta(days=slack_days)
        return self.start - slack <= day <= self.end + slack

    def label(self) -> str:
        return f"{self.start.year}年{self.start.month}月—{self.end.year}年{self.end.month}月"


@dataclass(frozen=True, slots=True)
class StatedCount:
    """A number tied to the framework that materials state in words (e.g. 四必谈 = 4 talk circles).

    ``values`` holds every value the reference allows (2021: 5 or 6 aspects); ``terms`` are the
    phrases that state it, so a rule can find them in a material.
    """

    kind: CountKind
    values: tuple[int, ...]
    terms: tuple[str, ...] = ()
    confidence: Confidence = Confidence.PRACTICE
    source: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Aspect:
    """对照方面: one aspect of a framework, used as a heading of the problems section.

    ``title`` is the official wording as headings use it; matching ignores the ``在……方面``
    wrapper, punctuation and width, so ``（一）在理论学习方面`` names ``理论学习方面``.
    ``keywords`` recognise a heading written freely; within one framework they never overlap.
    """

    title: str
    alias: str
    keywords: tuple[str, ...] = ()
    typical_problems: tuple[str, ...] = ()
    confidence: Confidence = Confidence.UNCONFIRMED
    source: str = ""
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "alias": self.alias,
            "keywords": list(self.keywords),
            "typical_problems": list(self.typical_problems),
            "confidence": self.confidence.value,
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Framework:
    """对照框架: the aspects, sections and stated numbers of one year's meeting for one audience.

    ``complete`` is False when the reference confirms only some aspects (2021): the others are
    unknown, and a material's extra headings are then not evidence against the framework.
    ``cues`` are phrases in a material's text that point to this framework (campaign names,
    slogans); ``origin`` is ``"builtin"`` or the path of the user's file.
    """

    id: str
    name: str
    year: int
    meeting: Meeting
    audience: tuple[Audience, ...]
    aspects: tuple[Aspect, ...]
    required_sections: tuple[SectionKind, ...]
    confidence: Confidence
    source: str
    held: DateRange | None = None
    theme: str = ""
    notes: str = ""
    complete: bool = True
    cues: tuple[str, ...] = ()
    counts: tuple[StatedCount, ...] = ()
    origin: str = "builtin"

    @property
    def is_builtin(self) -> bool:
        return self.origin == "builtin"

    @property
    def origin_path(self) -> Path | None:
        return None if self.is_builtin else Path(self.origin)

    def count(self, kind: CountKind) -> StatedCount | None:
        """The stated number of ``kind`` (e.g. the number of aspects), if the framework has one."""
        for c in self.counts:
            if c.kind is kind:
                return c
        return None

    def aspect_by_alias(self, alias: str) -> Aspect | None:
        for a in self.aspects:
            if a.alias == alias:
                return a
        return None

    def requires(self, section: SectionKind) -> bool:
        return section in self.required_sections

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (used by ``mingjing frameworks --json``)."""
        return {
            "id": self.id,
            "name": self.name,
            "year": self.year,
            "meeting": self.meeting.value,
            "audience": [a.value for a in self.audience],
            "held": None
            if self.held is None
            else [self.held.start.isoformat(), self.held.end.isoformat()],
            "theme": self.theme,
            "required_sections": [s.value for s in self.required_sections],
            "confidence": self.confidence.value,
            "source": self.source,
            "complete": self.complete,
            "cues": list(self.cues),
            "counts": [
                {
                    "kind": c.kind.value,
                    "values": list(c.values),
                    "terms": list(c.terms),
                    "confidence": c.confidence.value,
                    "source": c.source,
                    "notes": c.notes,
                }
                for c in self.counts
            ],
            "notes": self.notes,
            "origin": self.origin,
            "aspects": [a.to_dict() for a in self.aspects],
        }
