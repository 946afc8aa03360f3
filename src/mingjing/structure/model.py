"""The structure of a 对照检查材料: title block, preamble facts, sections, parts, items, instances.

All positions are :class:`~mingjing.document.Span` values into the document's canonical text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from mingjing.document import Document, Span


class Scheme(StrEnum):
    """A numbering scheme (编号方式) of 公文 headings and inline items."""

    CN_TOP = "一、"
    CN_PAREN = "（一）"
    ARABIC_DOT = "1."
    ARABIC_PAREN = "（1）"
    CIRCLED = "①"
    INLINE_SHI = "一是"
    ORDINAL = "第一"
    SEQUENCE = "首先"

    @property
    def block(self) -> bool:
        """Schemes that number headings or paragraphs (rather than items inside running text)."""
        return self in _BLOCK


_BLOCK = frozenset(
    {Scheme.CN_TOP, Scheme.CN_PAREN, Scheme.ARABIC_DOT, Scheme.ARABIC_PAREN, Scheme.CIRCLED}
)


class SectionKind(StrEnum):
    """Top sections of a material (一级标题)."""

    PROBLEMS = "problems"  # 存在的问题
    CASES = "cases"  # 反面典型案例剖析
    CAUSES = "causes"  # 原因分析
    MEASURES = "measures"  # 整改措施
    OTHER = "other"  # 上年度整改落实情况, 个人有关事项 …


class Role(StrEnum):
    """What a numbering token turned out to number."""

    SECTION = "section"
    PART = "part"
    ITEM = "item"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class NumberToken:
    """One numbering marker (编号) as written: ``一、`` ``（二）`` ``3.`` ``四是`` ``第一，`` ``首先，``.

    ``value`` is the number it stands for (``首先`` = 1, ``最后`` = None); ``broken`` names what is
    wrong with the marker itself, e.g. ``"missing-numeral"`` for ``是…`` where ``一是`` was meant,
    in which case ``value`` is the value inferred from its neighbours.
    """

    scheme: Scheme
    value: int | None
    span: Span
    text: str
    line_start: bool
    role: Role = Role.NONE
    broken: str | None = None


@dataclass(frozen=True, slots=True)
class Instance:
    """A concrete example (具体事例) inside an item, introduced by 比如/例如/譬如/如："""

    span: Span
    marker: str


@dataclass(frozen=True, slots=True)
class Item:
    """An item (条目) inside a part: ``一是……`` or ``1.……``; a problem item, a sub-measure …"""

    token: NumberToken | None
    span: Span
    instances: tuple[Instance, ...] = ()

    @property
    def value(self) -> int | None:
        return self.token.value if self.token else None

    @property
    def marker(self) -> str | None:
        return self.token.text if self.token else None


@dataclass(frozen=True, slots=True)
class Part:
    """A second-level part (二级标题 ``（一）``): an aspect of the framework, a cause, a measure.

    ``heading`` is None for the implicit part that holds a section's items when the section has no
    numbered parts. ``intro`` is text between the heading and the first item.
    """

    token: NumberToken | None
    heading: str | None
    heading_span: Span | None
    span: Span
    items: tuple[Item, ...] = ()
    intro: Span | None = None

    @property
    def label(self) -> str | None:
        return self.token.text if self.token else None


@dataclass(frozen=True, slots=True)
class Section:
    """A top section (一级标题 ``一、存在的问题``)."""

    kind: SectionKind
    heading: str
    heading_span: Span
    token: NumberToken | None
    span: Span
    parts: tuple[Part, ...] = ()
    intro: Span | None = None

    def items(self) -> Iterator[Item]:
        for part in self.parts:
            yield from part.items


@dataclass(frozen=True, slots=True)
class Fact:
    """A number the preamble states (``征求意见45条``); ``unfilled`` when it is a placeholder (``**条``)."""

    value: int | None
    span: Span
    text: str
    unfilled: bool = False

    def as_json(self) -> int | str | None:
        return "unfilled" if self.unfilled else self.value


@dataclass(frozen=True, slots=True)
class Facts:
    """Facts stated in the preamble (前言): opinions collected and merged, talks, study sessions."""

    opinions_collected: Fact | None = None
    opinions_merged: Fact | None = None
    talks: Fact | None = None
    study_sessions: Fact | None = None


@dataclass(frozen=True, slots=True)
class Field:
    """One line or phrase of the title block, with its span."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """Title (标题) and the lines under it: unit (单位), author (姓名), post (职务), date."""

    title: Field | None = None
    unit: Field | None = None
    author: Field | None = None
    post: Field | None = None
    date: Field | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The parsed structure of one document."""

    document: Document
    title_block: TitleBlock
    preamble: Span | None
    facts: Facts
    sections: tuple[Section, ...]
    closing: Span | None
    tail: Span | None
    tokens: tuple[NumberToken, ...]
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.document.text

    def section(self, kind: SectionKind) -> Section | None:
        """The first section of ``kind``, if any."""
        return next((s for s in self.sections if s.kind is kind), None)

    def sections_of(self, kind: SectionKind) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind is kind)
