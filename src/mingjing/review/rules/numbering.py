"""Numbering (编号): gaps, repeats, lost markers, wrong starts, level jumps and mixed schemes.

All checks run over one model of the document's numbering, built once per document: every marker
the parser recorded (``Report.tokens``, including the broken ``是…`` of a lost ``一是``) plus every
marker found at a paragraph start or after a sentence end that the parser did not need (sub-items
under an item, inline series inside a measure …). Markers are placed in levels with a stack, the
way a reader does: a marker of a scheme already open continues that level (closing the deeper
ones), a marker of a new scheme opens a level below. Sibling sequences then show gaps, repeats,
backward steps and starts other than 1, whatever the scheme (一、 （一） 1. （1） ① 一是 第一 首先).

Width (``(二)`` among ``（一）``) is not a numbering matter: the numbers are right, only the bracket
is half-width — :mod:`mingjing.review.rules.punctuation` reports it (MJ706).
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from mingjing.document import ProseView, Region, Span
from mingjing.review.context import Context
from mingjing.review.engine import Category, Confidence, Hit, Severity, rule
from mingjing.structure import Scheme, SectionKind
from mingjing.structure.numbering import inline_tokens, line_start_token
from mingjing.textnorm import int_to_chinese

SOURCE_GBT = "GB/T 9704-2012《党政机关公文格式》7.3.3 结构层次序数（一、（一）1.（1））"
SOURCE_README = (
    "domain/README “What a reviewer looks for” 第6条（numbering without gaps or repeats）"
)

MSG = {
    "gap": "编号不连续：“{prev}”之后是“{this}”，缺少“{expected}”",
    "repeat": "编号重复：“{this}”与前一个同级编号“{prev}”相同",
    "backward": "编号顺序颠倒：“{prev}”之后出现“{this}”",
    "lost": "条目标记“{this}”缺少序数，应为“{expected}”",
    "lost_block": "编号“{this}”缺少序数，应为“{expected}”",
    "start": "同级编号从“{this}”开始，前面缺少“{expected}”",
    "jump": "层级跳跃：“{this}”直接出现在“{parent}”之下，缺少“{missing}”一级（本文其他地方使用了“{missing}”）",
    "mixed": "同一层级编号方式不一致：“{this}”与同级的“{prev}”不是同一种编号",
}

# Standard ranks of the block schemes (GB/T 9704: 一、 → （一） → 1. → （1））.
_RANK = {Scheme.CN_TOP: 1, Scheme.CN_PAREN: 2, Scheme.ARABIC_DOT: 3, Scheme.ARABIC_PAREN: 4}
_SEQ_WORD = {1: "首先", 2: "其次", 3: "再次"}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇两]+|\d+|[①-⑳]")
# A sentence that opens with 是 where an N是 marker lost its numeral (see structure.numbering).
_LOST_SHI = re.compile(
    r"(?<=[。；！？\n])[ \t\u3000\u00a0]*(是)(?![否非的为由])(?=[\u4e00-\u9fff])"
)
# A paragraph that opens with empty brackets or a bare 、 where the numeral is missing.
_EMPTY_MARKER = re.compile(r"[ \t\u3000\u00a0]*(（\s*）|、)(?=[\u4e00-\u9fff])")


class IssueKind(StrEnum):
    GAP = "gap"
    REPEAT = "repeat"
    BACKWARD = "backward"
    LOST = "lost"
    START = "start"
    JUMP = "jump"
    MIXED = "mixed"


@dataclass(frozen=True, slots=True)
class Marker:
    """One numbering marker as the numbering rules see it (canonical span)."""

    scheme: Scheme
    value: int | None
    span: Span
    text: str
    line_start: bool
    broken: bool = False


@dataclass(frozen=True, slots=True)
class Issue:
    kind: IssueKind
    marker: Marker
    data: dict[str, str]
    suggestion: str | None = None
    severity: Severity | None = None


@dataclass(slots=True)
class _Level:
    scheme: Scheme
    markers: list[Marker] = field(default_factory=list)
    last: int | None = None  # value of the last marker of this level's current series
    start: int = 0  # where the level opened (for lost-marker search)
    restarted: bool = False  # a new series began under the same parent (一是……二是 | 一是……)

    @property
    def line_start(self) -> bool:
        return bool(self.markers) and self.markers[0].line_start


def render(template: Marker, value: int) -> str | None:
    """``template``'s marker written with ``value`` (``（二）`` → ``（三）``, ``二是`` → ``三是``)."""
    if template.scheme is Scheme.SEQUENCE:
        return _SEQ_WORD.get(value)
    if template.broken:
        return int_to_chinese(value) + "是"
    m = _NUMERAL.search(template.text)
    if m is None:
        return None
    raw = m.group()
    if raw.isdigit():
        new = str(value)
    elif raw in _CIRCLED:
        if not 1 <= value <= len(_CIRCLED):
            return None
        new = _CIRCLED[value - 1]
    else:
        new = int_to_chinese(value)
    return template.text[: m.start()] + new + template.text[m.end() :]


# --- the model ---------------------------------------------------------------------------------


def _markers(ctx: Context) -> tuple[list[Marker], list[int]]:
    """Every marker of the document in text order, and the offsets where the stack resets."""
    report = ctx.report
    doc = report.document
    view = ProseView.of(doc)
    found: dict[int, Marker] = {}
    for t in report.tokens:
        found[t.span.start] = Marker(
            t.scheme, t.value, t.span, t.text, t.line_start, t.broken is not None
        )
    pos = 0
    starts = view.paragraph_starts
    for line in view.text.split("\n"):
        i = bisect.bisect_right(starts, pos) - 1
        para = doc.paragraphs[i] if 0 <= i < len(doc.paragraphs) else None
        if para is None or para.region is not Region.BODY:
            pos += len(line) + 1
            continue
        raws = []
        head = line_start_token(line)
        if head is not None:
            raws.append((head, True))
        for it in inline_tokens(line, head.end if head else 0):
            raws.append((it, False))
        for raw, at_start in raws:
            span = view.span(pos + raw.start, pos + raw.end)
            if span.start not in found:
                found[span.start] = Marker(
                    raw.scheme, raw.value, span, ctx.text[span.start : span.end], at_start
                )
        pos += len(line) + 1
    resets: list[int] = []
    for s in report.sections:
        resets.append(s.span.start)
    if report.closing is not None:
        resets.append(report.closing.start)
    return sorted(found.values(), key=lambda m: m.span.start), sorted(resets)


def _empty_markers(ctx: Context) -> list[Span]:
    """Paragraph-start ``（）`` or ``、`` whose numeral is missing."""
    out: list[Span] = []
    for p in ctx.report.document.paragraphs:
        if p.region is not Region.BODY:
            continue
        m = _EMPTY_MARKER.match(ctx.folded, p.span.start, p.span.end)
        if m:
            out.append(Span(m.start(1), m.end(1)))
    return out


class _Analyser:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.issues: list[Issue] = []
        self.stack: list[_Level] = []
        self.section_level: _Level | None = None
        markers, self.resets = _markers_and_resets(ctx)
        self.section_starts = {
            s.token.span.start for s in ctx.report.sections if s.token is not None
        }
        # Headings the parser could not name (一、…方面 under 一、存在的问题 may be a （三） written
        # as 三、); a named heading (原因分析, 努力方向) is a section whatever its number.
        self.unnamed_sections = {
            s.token.span.start
            for s in ctx.report.sections
            if s.token is not None and s.kind is SectionKind.OTHER
        }
        self.used_block = {m.scheme for m in markers if m.line_start and m.scheme in _RANK}
        self.block_by_section: dict[int, set[Scheme]] = {}
        for mk in markers:
            sec = ctx.section_at(mk.span.start)
            if mk.line_start and mk.scheme in _RANK and sec is not None:
                self.block_by_section.setdefault(sec.span.start, set()).add(mk.scheme)
        self.markers = markers
        self.empty = _empty_markers(ctx)

    # -- issues --

    def add(
        self, kind: IssueKind, marker: Marker, suggestion: str | None = None, **data: str
    ) -> None:
        self.issues.append(Issue(kind, marker, {"this": marker.text, **data}, suggestion))

    # -- the walk --

    def run(self) -> list[Issue]:
        resets = list(self.resets)
        empties = list(self.empty)
        prev_end = 0
        for m in self.markers:
            while resets and resets[0] <= m.span.start:
                r = resets.pop(0)
                if r not in self.section_starts:
                    self.stack = [self.section_level] if self.section_level else []
            while empties and empties[0].start < m.span.start:
                self.empty_marker(empties.pop(0))
            if m.span.start in self.section_starts:
                self.section(m)
            else:
                self.place(m, prev_end)
            prev_end = m.span.end
        for e in empties:
            self.empty_marker(e)
        self.finish_all()
        return self.issues

    def empty_marker(self, span: Span) -> None:
        """``（）在……方面``: continue the deepest bracket level with the numeral it lost."""
        text = self.ctx.text[span.start : span.end]
        schemes = (Scheme.CN_PAREN, Scheme.ARABIC_PAREN) if "、" not in text else (Scheme.CN_TOP,)
        for level in reversed(self.stack):
            if level.scheme in schemes and level.last is not None and level.markers:
                expected = render(level.markers[-1], level.last + 1)
                if expected is None:
                    return
                marker = Marker(level.scheme, level.last + 1, span, text, True, broken=True)
                self.issues.append(
                    Issue(
                        IssueKind.LOST,
                        marker,
                        {"this": text, "expected": expected, "block": "1"},
                        expected,
                    )
                )
                level.markers.append(marker)
                level.last += 1
                return

    def section(self, m: Marker) -> None:
        level = self.section_level
        if level is None or level.scheme is not m.scheme:
            self.finish_all()
            level = _Level(m.scheme, start=m.span.start)
            self.section_level = level
            self.step(level, m, 0, new=True)
            self.stack = [level]
            return
        if (
            m.value is not None
            and level.last is not None
            and m.value > level.last + 1
            and m.span.start in self.unnamed_sections
            and self.mixed_into(m, below=0)
        ):
            return
        self.finish_all()
        self.step(level, m, 0, new=False)
        self.stack = [level]

    def place(self, m: Marker, prev_end: int) -> None:
        idx = next((i for i, lv in enumerate(self.stack) if lv.scheme is m.scheme), None)
        v = m.value
        # A marker of a scheme not open yet that continues an open level written in another
        # scheme is a mixed sibling. A scheme already open with a gap is read as a gap: （一）
        # 一是 二是 三是 （四） lost its （三）, it did not number a fourth 是.
        if v is not None and v >= 2 and idx is None and self.mixed_into(m, below=0):
            return
        if idx is not None:
            self.close_above(idx)
            self.step(self.stack[idx], m, prev_end, new=False)
            return
        level = _Level(m.scheme, start=prev_end)
        self.check_jump(m)
        self.stack.append(level)
        self.step(level, m, prev_end, new=True)

    def mixed_into(self, m: Marker, below: int) -> bool:
        """``m`` continues a sibling level written in another scheme (``（二）`` then ``3.``)."""
        assert m.value is not None
        for i in range(len(self.stack) - 1, below - 1, -1):
            level = self.stack[i]
            if level is self.section_level and m.span.start not in self.section_starts:
                continue
            if level.scheme is m.scheme or level.last != m.value - 1 or not level.markers:
                continue
            if level.scheme.block != m.scheme.block and not (level.line_start and m.line_start):
                continue
            prev = level.markers[-1]
            if self.loosely_preceded(m, prev.span.end):
                return False
            self.close_above(i)
            self.add(IssueKind.MIXED, m, render(prev, m.value), prev=prev.text)
            level.markers.append(m)
            level.last = m.value
            return True
        return False

    def check_jump(self, m: Marker) -> None:
        rank = _RANK.get(m.scheme)
        if rank is None or not m.line_start:
            return
        parent = next((lv for lv in reversed(self.stack) if lv.scheme in _RANK), None)
        if parent is None or not parent.markers:
            return
        prank = _RANK[parent.scheme]
        missing = [s for s, r in sorted(_RANK.items(), key=lambda x: x[1]) if prank < r < rank]
        used = [s for s in missing if s in self.used_block]
        if rank - prank < 2 or not used:
            return
        # Skipping a level the same section uses is plainly inconsistent; skipping one only other
        # sections use (causes as 1. 2. under 二、 while problems have （一）) is common: info.
        section = self.ctx.section_at(m.span.start)
        here = self.block_by_section.get(section.span.start if section else -1, set())
        skipped = [s for s in used if s in here]
        issue = Issue(
            IssueKind.JUMP,
            m,
            {
                "this": m.text,
                "parent": parent.markers[-1].text,
                "missing": (skipped or used)[0].value,
            },
            severity=None if skipped else Severity.INFO,
        )
        self.issues.append(issue)

    def close_above(self, idx: int) -> None:
        for level in self.stack[idx + 1 :]:
            self.finish(level)
        del self.stack[idx + 1 :]

    def finish_all(self) -> None:
        for level in self.stack:
            if level is not self.section_level:
                self.finish(level)
        self.stack = [self.section_level] if self.section_level else []

    def finish(self, level: _Level) -> None:
        """Nothing to do at the end of a level yet; kept as the hook for whole-series checks."""

    # -- one marker of a level --

    def split_numeral(self, m: Marker) -> bool:
        """``……二\n是……``: a numeral left at the end of the line before (a PDF hard wrap)."""
        i = m.span.start - 1
        text = self.ctx.text
        while i >= 0 and text[i] in " \t\u3000\u00a0\r\n":
            i -= 1
        return i >= 0 and i < m.span.start - 1 and text[i] in "一二三四五六七八九十"

    def step(self, level: _Level, m: Marker, prev_end: int, *, new: bool) -> None:
        v = m.value
        last = level.last
        level.markers.append(m)
        if m.broken and self.split_numeral(m):
            level.last = v if v is not None else (last or 0) + 1
            return
        if m.broken:
            expected = render(m, v) if v is not None else None
            if expected is not None:
                self.add(IssueKind.LOST, m, expected, expected=expected)
            level.last = v if v is not None else (last or 0) + 1
            return
        if v is None:  # 最后 closes a series without a number
            return
        quiet = m.scheme in (Scheme.SEQUENCE, Scheme.ORDINAL)
        if new or last is None:
            level.last = v
            if v != 1:
                self.wrong_start(level, m, v, prev_end, quiet)
            return
        if v == last + 1:
            level.last = v
            return
        if v == 1 and (last >= 2 or not m.line_start):
            level.last = v  # a new series under the same parent (一是……二是 | 一是……)
            level.restarted = True
            return
        prev = level.markers[-2]
        if v <= last and v >= 2 and self.loosely_preceded(m, prev.span.end):
            # 二是……。同时，一是……。二是: the new series' 一是 sits where markers are not looked for
            level.last = v
            level.restarted = True
            return
        if level.restarted and v <= last:
            # After a restart, 二是 may close an outer series the inner one interrupted.
            level.last = max(v, last)
            return
        if v > last + 1:
            if v == last + 2 and self.next_sibling_value(m) == last + 1:
                level.last = v  # 一、三、二: a swap, reported once, at the step back
                return
            if not self.recover_lost(level, prev, m, last):
                self.add(IssueKind.GAP, m, prev=prev.text, expected=render(prev, last + 1) or "")
        elif v == last:
            nxt = self.next_sibling_value(m)
            sugg = render(m, v + 1) if nxt == v + 2 else None
            self.add(IssueKind.REPEAT, m, sugg, prev=prev.text)
            if sugg is not None:
                v += 1  # read it as the number it should have been, so the next is no gap
        else:
            self.add(IssueKind.BACKWARD, m, prev=prev.text)
            v = max(v, last)
        level.last = v

    def loosely_preceded(self, m: Marker, start: int) -> bool:
        """Whether ``m``'s predecessor in its own scheme is written just before it, in a place the
        marker patterns do not look (``计划，第一，列出书目；第二，……``)."""
        assert m.value is not None
        want = render(m, m.value - 1)
        if not want:
            return False
        want = want.rstrip("，、：,:. ")
        return want in self.ctx.folded[start : m.span.start]

    def wrong_start(self, level: _Level, m: Marker, v: int, prev_end: int, quiet: bool) -> None:
        if self.loosely_preceded(m, prev_end):
            return
        if quiet and self.next_sibling_value(m) is None:
            return  # a lone 其次/第二 is prose more often than a series: judge only series
        if m.scheme is Scheme.INLINE_SHI and v == 2:
            lost = self.find_lost_shi(prev_end, m.span.start)
            if lost is not None:
                if not self.split_numeral(lost):
                    self.add(IssueKind.LOST, lost, "一是", expected="一是")
                return
        expected = render(m, 1)
        if expected is not None:
            self.add(IssueKind.START, m, expected=expected)

    def recover_lost(self, level: _Level, prev: Marker, m: Marker, last: int) -> bool:
        """``一是……。是……。三是``: the gap is a marker that lost its numeral."""
        if m.scheme is not Scheme.INLINE_SHI or m.value != last + 2:
            return False
        lost = self.find_lost_shi(prev.span.end, m.span.start)
        if lost is None:
            return False
        if not self.split_numeral(lost):
            expected = render(m, last + 1) or ""
            self.add(IssueKind.LOST, lost, expected, expected=expected)
        return True

    def find_lost_shi(self, start: int, end: int) -> Marker | None:
        hits = list(_LOST_SHI.finditer(self.ctx.folded, start, end))
        if len(hits) != 1:
            return None
        s = hits[0].start(1)
        return Marker(Scheme.INLINE_SHI, None, Span(s, s + 1), "是", True, broken=True)

    def next_sibling_value(self, m: Marker) -> int | None:
        """Value of the next marker of ``m``'s level, unless an ancestor level comes first."""
        own = next((i for i, lv in enumerate(self.stack) if lv.scheme is m.scheme), None)
        ancestors = {lv.scheme for lv in self.stack[: own if own is not None else len(self.stack)]}
        i = self.markers.index(m)
        for x in self.markers[i + 1 :]:
            if x.scheme is m.scheme:
                return x.value
            if x.scheme in ancestors or x.span.start in self.section_starts:
                return None
        return None


_CACHE: weakref.WeakKeyDictionary[Context, tuple[Issue, ...]] = weakref.WeakKeyDictionary()
_MARKERS: weakref.WeakKeyDictionary[Context, tuple[list[Marker], list[int]]] = (
    weakref.WeakKeyDictionary()
)


def markers(ctx: Context) -> list[Marker]:
    """Every numbering marker of the document in text order (computed once per document)."""
    return _markers_and_resets(ctx)[0]


def _markers_and_resets(ctx: Context) -> tuple[list[Marker], list[int]]:
    found = _MARKERS.get(ctx)
    if found is None:
        found = _markers(ctx)
        _MARKERS[ctx] = found
    return found


def issues(ctx: Context) -> tuple[Issue, ...]:
    """Every numbering issue of the document (computed once per document)."""
    found = _CACHE.get(ctx)
    if found is None:
        found = tuple(_Analyser(ctx).run())
        _CACHE[ctx] = found
    return found


def _hits(ctx: Context, *kinds: IssueKind) -> Iterator[Hit]:
    for issue in issues(ctx):
        if issue.kind in kinds and not ctx.is_ignored(issue.marker.span):
            message = None
            if issue.kind is IssueKind.LOST and "block" in issue.data:
                message = MSG["lost_block"]
            yield Hit(
                issue.marker.span,
                message=message,
                suggestion=issue.suggestion,
                severity=issue.severity,
                data=issue.data,
            )


# --- the rules ---------------------------------------------------------------------------------


@rule(
    "MJ201",
    "numbering-gap",
    category=Category.NUMBERING,
    confidence=Confidence.OFFICIAL,
    message=MSG["gap"],
    rationale="同一层级的序数应连续（一、二、三……；一是、二是、三是……）。跳号说明漏写了一项或编号写错，审核时会被退回修改。",
    source=f"{SOURCE_GBT}；{SOURCE_README}",
    fix="补上漏掉的一项，或把后面的编号依次改正。",
    flags=(
        "一、存在的问题\n（一）在理论学习方面\n一是学习不够深入。\n二是学用结合不够。\n⟦四是⟧钻研不够。\n",
        "一、存在的问题\n（一）在理论学习方面\n学习不深。\n（二）在政治素质方面\n站位不高。\n⟦（四）⟧在担当作为方面\n不敢碰硬。\n",
        "一、存在的问题\n问题若干。\n二、原因分析\n原因若干。\n⟦四、⟧整改措施\n措施若干。\n",
        "三、整改措施\n（一）加强学习。首先，制定计划。⟦再次，⟧定期交流。\n",
        "三、整改措施\n1.加强理论学习。\n（1）制定计划。\n（2）按月检查。\n⟦（4）⟧交流体会。\n2.改进工作作风。\n",
    ),
    passes=(
        "一、存在的问题\n（一）在理论学习方面\n一是学习不够深入。二是学用结合不够。三是钻研不够。\n（二）在政治素质方面\n一是站位不高。二是敏锐性不强。\n",
        # 一是 again in a new paragraph of the same part: a new series, not a repeat.
        "三、整改措施\n（一）加强学习\n一是制定计划。二是按月检查。\n同时，一是抓好督促。二是抓好考核。\n",
        # a swap (第一 第三 第二) is MJ203's, not a gap
        "一、存在的问题\n（一）在廉洁自律方面。第一，监督不严。第三，提醒不够。第二，要求放松。\n",
        # 2023年、3.5万元 are not markers.
        "一、存在的问题\n（一）在理论学习方面\n2023年学习时间不足。\n3.5万元的项目推进缓慢。\n",
    ),
)
def numbering_gap(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.GAP)


@rule(
    "MJ202",
    "numbering-repeat",
    category=Category.NUMBERING,
    confidence=Confidence.OFFICIAL,
    message=MSG["repeat"],
    rationale="同一层级出现两个相同的序数（（一）（二）（二）），多为复制粘贴后忘改编号，读者无法据编号引用条目。",
    source=f"{SOURCE_GBT}；{SOURCE_README}",
    fix="把重复的编号及其后的编号依次改正。",
    flags=(
        "三、整改措施\n（一）加强学习。\n（二）改进作风。\n⟦（二）⟧强化担当。\n",
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深。二是学用脱节。⟦二是⟧钻研不够。四是方法不多。\n",
    ),
    passes=(
        "三、整改措施\n（一）加强学习。\n（二）改进作风。\n（三）强化担当。\n",
        "三、整改措施\n（一）加强学习。一是制定计划。二是按月检查。\n（二）改进作风。一是深入基层。二是减少会议。\n",
    ),
)
def numbering_repeat(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.REPEAT)


@rule(
    "MJ203",
    "numbering-backward",
    category=Category.NUMBERING,
    confidence=Confidence.OFFICIAL,
    message=MSG["backward"],
    rationale="同一层级的序数倒退（三是之后又出现二是），说明条目顺序或编号有误。",
    source=f"{SOURCE_GBT}；{SOURCE_README}",
    fix="按条目的实际顺序重新编号。",
    flags=(
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深。二是学用脱节。三是钻研不够。⟦二是⟧方法不多。\n",
        # a swap is reported once, where the order steps back
        "一、存在的问题\n（一）在廉洁自律方面。第一，监督不严。第三，提醒不够。⟦第二，⟧要求放松。\n",
    ),
    passes=(
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深。二是学用脱节。三是钻研不够。\n（二）在政治素质方面\n一是站位不高。\n",
    ),
)
def numbering_backward(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.BACKWARD)


@rule(
    "MJ204",
    "numbering-lost-marker",
    category=Category.NUMBERING,
    confidence=Confidence.OFFICIAL,
    message=MSG["lost"],
    rationale="条目标记丢了序数（“一是”只剩“是”，“（三）”只剩“（）”），多为修改时误删；读来像病句，编号也断了。",
    source=f"seed-walkthrough 缺陷3；{SOURCE_GBT}",
    fix="补上丢失的序数。",
    flags=(
        "一、存在的问题\n（三）在能力本领方面\n⟦是⟧争创一流的境界还待提高。\n二是斗争精神还待强化。\n三是服务基层有落差。\n",
        "三、整改措施\n（一）加强学习。一是制定计划。⟦是⟧按月检查。三是交流体会。\n",
        "一、存在的问题\n（一）在理论学习方面\n学习不深。\n（二）在政治素质方面\n站位不高。\n⟦（）⟧在能力本领方面\n本领不强。\n",
    ),
    passes=(
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深。二是学用脱节。\n是否真学真用，关键看行动。\n",
        "一、存在的问题\n（一）在理论学习方面\n学习不够深入。是的，这是我最大的短板。\n",
    ),
)
def numbering_lost_marker(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.LOST)


@rule(
    "MJ205",
    "numbering-start",
    category=Category.NUMBERING,
    confidence=Confidence.OFFICIAL,
    message=MSG["start"],
    rationale="一组同级编号应从“一”“1”开始；从“二是”“（二）”起头，说明第一项的编号丢了或第一项被删了。",
    source=f"{SOURCE_GBT}；{SOURCE_README}",
    fix="给第一项补上编号，或把这一组编号从一开始依次改正。",
    flags=(
        "一、存在的问题\n（一）在理论学习方面\n学习不够深入。⟦二是⟧学用结合不够。三是钻研不够。\n",
        "一、存在的问题\n⟦（二）⟧在政治素质方面\n站位不高。\n（三）在能力本领方面\n本领不强。\n",
    ),
    passes=(
        "一、存在的问题\n（一）在政治素质方面\n站位不高。\n（二）在能力本领方面\n本领不强。\n",
        # a lone 其次 is prose, not a series
        "一、存在的问题\n（一）在理论学习方面\n学习不够深入。其次，学用结合不够。\n",
    ),
)
def numbering_start(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.START)


@rule(
    "MJ206",
    "numbering-level-jump",
    category=Category.NUMBERING,
    confidence=Confidence.PRACTICE,
    message=MSG["jump"],
    rationale="公文结构层次依次为“一、”“（一）”“1.”“（1）”；文中已用了某一级，另一处却越过它直接用下一级，层次就乱了。",
    source=SOURCE_GBT,
    fix="补上中间一级，或把这一组改用与其他部分相同的层级。",
    flags=(
        "一、存在的问题\n（一）在理论学习方面\n学习不深。\n（二）在政治素质方面\n站位不高。\n二、原因分析\n⟦1.⟧理想信念有所松懈。\n2.党性修养有所放松。\n",
        "一、存在的问题\n（一）在理论学习方面\n1.学习不深。\n2.学用脱节。\n（二）在政治素质方面\n⟦（1）⟧站位不高。\n（2）敏锐性不强。\n",
    ),
    passes=(
        # 1. under 二、 is fine when the document never uses （一）
        "一、存在的问题\n1.学习不深。\n2.站位不高。\n二、原因分析\n1.理想信念有所松懈。\n",
        "一、存在的问题\n（一）在理论学习方面\n1.学习不深。\n（1）自学不够。\n（2）研讨不够。\n2.学用脱节。\n",
    ),
)
def numbering_level_jump(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.JUMP)


@rule(
    "MJ207",
    "numbering-mixed-scheme",
    category=Category.NUMBERING,
    confidence=Confidence.PRACTICE,
    message=MSG["mixed"],
    rationale="同一层级的条目应使用同一种编号（全部用“（一）”或全部用“1.”）；混用说明材料由几份拼凑而成或改稿时漏改。",
    source=SOURCE_GBT,
    fix="把这一项的编号改成与同级其他各项相同的形式。",
    flags=(
        "三、整改措施\n（一）加强学习。\n（二）改进作风。\n⟦3.⟧强化担当。\n（四）严守纪律。\n",
        "一、存在的问题\n（一）在理论学习方面\n一是学习不深。二是学用脱节。⟦第三，⟧钻研不够。\n",
    ),
    passes=(
        "三、整改措施\n（一）加强学习。\n1.制定计划。\n2.按月检查。\n（二）改进作风。\n",
        "三、整改措施\n（一）加强学习。一是制定计划，第一，列出书目；第二，排好时间。二是按月检查。\n",
    ),
)
def numbering_mixed_scheme(ctx: Context) -> Iterator[Hit]:
    yield from _hits(ctx, IssueKind.MIXED)
