"""The document model: one canonical plain text plus the map back to the source.

Every position in mingjing is a :class:`Span` into ``Document.text`` (what ``mingjing text FILE``
prints). For .txt/.md input that text is the decoded file itself, so offsets are offsets into the
file's text. For .docx it is the body paragraphs in document order, one per line, with Word's
generated numbering labels (``一、``, ``（一）``) written in front of the paragraph text; each
paragraph keeps :class:`RunSegment` records that say which run (``w:r``) and which character of it
every stretch of canonical text came from, so findings can be anchored on exact characters.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into the canonical text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The characters this span covers in ``text``."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


class SourceFormat(StrEnum):
    """The format detected from a file's bytes (never from its extension)."""

    DOCX = "docx"
    DOC = "doc"
    WPS = "wps"
    RTF = "rtf"
    ODT = "odt"
    TXT = "txt"
    MD = "md"


class Region(StrEnum):
    """Where a paragraph sits in the source document."""

    BODY = "body"
    TABLE = "table"
    TEXTBOX = "textbox"
    CONTENT_CONTROL = "sdt"


class SegmentKind(StrEnum):
    """What produced a stretch of canonical text in a .docx paragraph."""

    TEXT = "text"  # a w:t of an ordinary run
    INSERTED = "inserted"  # a w:t inside a tracked insertion (w:ins), dropped by python-docx
    TAB = "tab"  # w:tab, rendered as "\t"
    BREAK = "break"  # w:br / w:cr soft line break, rendered as "\n"
    LABEL = "label"  # an auto-numbering label generated from numbering.xml: no run behind it


@dataclass(frozen=True, slots=True)
class RunSegment:
    """A stretch of canonical text and the run character it starts at.

    ``run`` is the ordinal of the ``w:r`` among all ``w:r`` elements that belong to the paragraph
    (document order, nested paragraphs excluded, deleted runs counted), ``child`` the ordinal of
    the text-bearing child (``w:t``, ``w:tab``, ``w:br`` …) inside that run, ``offset`` the
    character offset inside that child's text. For ``LABEL`` segments ``run`` is ``-1``.
    """

    span: Span
    kind: SegmentKind
    run: int = -1
    child: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (段落) of the source as it appears in the canonical text.

    ``span`` excludes the line break that separates it from the next paragraph. ``label`` is the
    part of ``span`` that Word generated from auto-numbering (not typed by the author).
    ``gaps`` lists stretches inside the span that are not prose: the hard line breaks of text
    pasted from a PDF, and the page numbers or running headers between two pages of one paragraph.
    They stay in the canonical text; readers of the prose skip them (see :class:`ProseView`).
    """

    span: Span
    region: Region = Region.BODY
    label: Span | None = None
    style: str | None = None
    list_level: int | None = None
    xml_index: int | None = None
    segments: tuple[RunSegment, ...] = ()
    gaps: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: canonical text, paragraphs and facts about its source.

    ``ignored`` lists stretches of the canonical text that belong to no paragraph, such as page
    numbers and running headers in text pasted from a PDF.
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    format: SourceFormat
    path: Path | None = None
    encoding: str | None = None
    headers: tuple[str, ...] = ()
    footers: tuple[str, ...] = ()
    has_revisions: bool = False
    hard_wrapped: bool = False
    ignored: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.span.start for p in self.paragraphs))

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "<text>"

    def paragraph_index_at(self, offset: int) -> int | None:
        """Index of the paragraph whose span contains ``offset`` (or ends at it), else None."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        span = self.paragraphs[i].span
        return i if span.start <= offset <= span.end else None

    def paragraphs_in(self, span: Span) -> Iterator[Paragraph]:
        """Paragraphs that overlap ``span`` (or, for an empty span, contain it)."""
        i = max(bisect.bisect_right(self._starts, span.start) - 1, 0)
        for p in self.paragraphs[i:]:
            if p.span.start > span.end or (p.span.start == span.end and len(span) > 0):
                break
            if p.span.overlaps(span) or (len(span) == 0 and p.span.contains(span)):
                yield p


@dataclass(frozen=True, slots=True)
class ProseView:
    """The prose of a document: its paragraphs without gaps, one per line, mapped to canonical offsets.

    Structure parsing reads this view so that a paragraph hard-wrapped across lines (and pages) of a
    PDF paste reads as one line. For most documents the view *is* the canonical text and the map is
    the identity. Offsets are converted back with :meth:`to_canonical` / :meth:`span`.
    """

    text: str
    identity: bool
    paragraph_starts: tuple[int, ...]  # view offset where each paragraph begins
    _vstarts: tuple[int, ...] = ()
    _cstarts: tuple[int, ...] = ()
    _end: int = 0

    @classmethod
    def of(cls, doc: Document) -> ProseView:
        pieces_v: list[int] = []
        pieces_c: list[int] = []
        chunks: list[str] = []
        starts: list[int] = []
        pos = 0
        for i, p in enumerate(doc.paragraphs):
            if i:
                # The line break between paragraphs maps to the end of the previous one.
                prev_end = doc.paragraphs[i - 1].span.end
                pieces_v.append(pos)
                pieces_c.append(prev_end)
                chunks.append("\n")
                pos += 1
            starts.append(pos)
            cursor = p.span.start
            for gap in (*p.gaps, Span(p.span.end, p.span.end)):
                if gap.start > cursor:
                    pieces_v.append(pos)
                    pieces_c.append(cursor)
                    chunks.append(doc.text[cursor : gap.start])
                    pos += gap.start - cursor
                cursor = max(cursor, gap.end)
        text = "".join(chunks)
        end = doc.paragraphs[-1].span.end if doc.paragraphs else 0
        return cls(
            text=text,
            identity=text == doc.text,
            paragraph_starts=tuple(starts),
            _vstarts=tuple(pieces_v),
            _cstarts=tuple(pieces_c),
            _end=end,
        )

    def to_canonical(self, offset: int) -> int:
        """Canonical offset of the view character at ``offset`` (``len(text)`` maps to the end)."""
        if self.identity:
            return offset
        if offset >= len(self.text):
            return self._end
        i = bisect.bisect_right(self._vstarts, offset) - 1
        if i < 0:
            return 0
        return self._cstarts[i] + (offset - self._vstarts[i])

    def span(self, start: int, end: int) -> Span:
        """The canonical span of the view range ``[start, end)``."""
        if self.identity:
            return Span(start, end)
        cs = self.to_canonical(start)
        ce = self.to_canonical(end - 1) + 1 if end > start else cs
        return Span(cs, max(ce, cs))
