"""What a rule sees: the Report, the folded text, the framework, the material's date, and helpers.

Everything here is computed at most once per document (``functools.cached_property``), so rules
can ask for sentences, quotations or the problem items without paying for them twice.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar, cast

from mingjing.document import Span
from mingjing.frameworks.detect import Detection
from mingjing.frameworks.model import Framework
from mingjing.structure import Item, Part, Report, Section, SectionKind
from mingjing.textnorm import fold

T = TypeVar("T")

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"), ("「", "」"), ("『", "』"))
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")
_ANNUAL = re.compile(r"((?:19|20)\d{2})\s*年度")
_CAMPAIGN_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年[^。\n]{0,12}(?:主题教育|党史学习教育|学习教育|专题)"
)
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True, slots=True)
class MaterialDate:
    """When the material was written, as far as the text tells (month may be unknown)."""

    year: int
    month: int | None
    how: str  # "date-line" | "annual" | "campaign" | "framework" | "mention"

    def at_least(self, year: int, month: int) -> bool:
        return (self.year, self.month or 12) >= (year, month)

    def before(self, year: int, month: int) -> bool:
        return (self.year, self.month or 1) < (year, month)


class Context:
    """The input of every rule for one document."""

    def __init__(
        self,
        report: Report,
        detection: Detection | None,
        options: dict[str, object] | None = None,
    ) -> None:
        self.report = report
        self.text = report.text
        self.detection = detection
        self.options = options or {}
        self._memo: dict[str, object] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a value once per document and share it between rules (keyed by ``key``)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @property
    def framework(self) -> Framework | None:
        return self.detection.framework if self.detection else None

    @cached_property
    def folded(self) -> str:
        """The folded text: same length as ``text``, width and space variants unified."""
        return fold(self.text)

    @cached_property
    def ignored(self) -> tuple[Span, ...]:
        """Stretches that are not prose (Markdown markup, page furniture of PDF pastes)."""
        return self.report.document.ignored

    def is_ignored(self, span: Span) -> bool:
        return any(g.overlaps(span) for g in self.ignored)

    # -- sentences and quotations --

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans (split at 。！？； and line ends), white space trimmed."""
        out: list[Span] = []
        start = 0
        text = self.text
        for m in _SENTENCE_END.finditer(self.folded):
            end = m.end() if m.group() != "\n" else m.start()
            s, e = _trim(text, start, end)
            if e > s:
                out.append(Span(s, e))
            start = m.end()
        s, e = _trim(text, start, len(text))
        if e > s:
            out.append(Span(s, e))
        return tuple(out)

    @cached_property
    def quotations(self) -> tuple[Span, ...]:
        """Spans inside quotation marks or 《》 (contents only), paired within one paragraph."""
        out: list[Span] = []
        for p in self.report.document.paragraphs:
            seg = self.text[p.span.start : p.span.end]
            for open_, close in (*_QUOTES, ("《", "》")):
                i = 0
                while True:
                    a = seg.find(open_, i)
                    if a < 0:
                        break
                    b = seg.find(close, a + 1)
                    if b < 0:
                        break
                    out.append(Span(p.span.start + a + 1, p.span.start + b))
                    i = b + 1
        return tuple(sorted(out))

    def in_quotation(self, span: Span) -> bool:
        return any(q.contains(span) for q in self.quotations)

    # -- structure --

    @cached_property
    def _section_starts(self) -> tuple[int, ...]:
        return tuple(s.span.start for s in self.report.sections)

    def section_at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self._section_starts, offset) - 1
        if i < 0:
            return None
        s = self.report.sections[i]
        return s if s.span.start <= offset < max(s.span.end, s.span.start + 1) else None

    def sections(self, kind: SectionKind) -> tuple[Section, ...]:
        return self.report.sections_of(kind)

    @cached_property
    def problem_parts(self) -> tuple[Part, ...]:
        return tuple(p for s in self.sections(SectionKind.PROBLEMS) for p in s.parts)

    @cached_property
    def problem_items(self) -> tuple[Item, ...]:
        return tuple(i for p in self.problem_parts for i in p.items)

    @cached_property
    def aspect_headings(self) -> tuple[str, ...]:
        return tuple(p.heading or "" for p in self.problem_parts if p.heading is not None)

    def finditer(
        self, pattern: re.Pattern[str], span: Span | None = None
    ) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` on the folded text (spans valid in the canonical text)."""
        if span is None:
            yield from pattern.finditer(self.folded)
        else:
            yield from pattern.finditer(self.folded, span.start, span.end)

    # -- dates --

    @cached_property
    def date(self) -> MaterialDate | None:
        """When the material was written: a date line, else ``20XX年度`` (held the next year),
        else a campaign year, else the framework's meeting dates, else the latest year mentioned."""
        tb = self.report.title_block
        if tb.date:
            m = _YEAR_MONTH.search(_cn_year(fold(tb.date.text)))
            if m:
                return MaterialDate(int(m.group(1)), int(m.group(2)), "date-line")
        if self.report.tail:
            m = _YEAR_MONTH.search(
                _cn_year(self.folded[self.report.tail.start : self.report.tail.end])
            )
            if m:
                return MaterialDate(int(m.group(1)), int(m.group(2)), "date-line")
        head_end = self.report.preamble.end if self.report.preamble else min(len(self.text), 400)
        head = _cn_year(self.folded[:head_end])
        m = _ANNUAL.search(head)
        if m:
            return MaterialDate(int(m.group(1)) + 1, 1, "annual")
        m = _CAMPAIGN_YEAR.search(head)
        if m:
            return MaterialDate(int(m.group(1)), None, "campaign")
        fw = self.framework
        if fw is not None and fw.held is not None:
            return MaterialDate(fw.held.start.year, fw.held.start.month, "framework")
        years = [int(y) for y in _ANY_YEAR.findall(_cn_year(self.folded))]
        if years:
            return MaterialDate(max(years), None, "mention")
        return None


def _cn_year(text: str) -> str:
    """Write years in Chinese numerals (二〇二四年) as digits; lengths are kept."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group()), text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\u00a0\u3000"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\u00a0\u3000"):
        end -= 1
    return start, end
