"""The layout plan: which role each paragraph plays and how each of its characters is set.

:func:`plan_layout` turns a parsed :class:`~mingjing.structure.Report` into a :class:`LayoutPlan`
(pure, no I/O); :mod:`mingjing.layout.ooxml` writes the plan as WordprocessingML. Wording is kept
character for character: a paragraph's text is its prose (PDF hard wraps removed, as the parser
reads it) without leading and trailing white space, because the first-line indent and the
alignment now do what those spaces did. Only the options that ask for it change words
(``fix_numbering``, ``fix_date``, ``title``/``unit``/``author``), and every such change is listed
in :attr:`LayoutPlan.changes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from mingjing.document import Document, Region, Span
from mingjing.errors import MingjingError
from mingjing.layout.spec import Style
from mingjing.structure.model import NumberToken, Report, Scheme
from mingjing.structure.numbering import line_start_token
from mingjing.textnorm import chinese_to_int, fold, int_to_chinese, is_space

MSG = {
    "unclear": (
        "无法确定材料的层次结构：没有识别出“一、存在的问题”“二、原因分析”“三、整改措施”这样的一级标题，"
        "但以下段落以编号开头，无法判断它们是标题还是正文：{paragraphs}。"
        "请把一级标题写成“一、……”并在标题中写明“问题”“原因”“措施”等，"
        "或加 --by-numbering 按编号层级（一、→一级，（一）→二级，1.→三级，（1）→四级）排版"
    ),
    "empty": "材料没有可排版的正文内容",
    "paragraph": "第{n}段“{snippet}”",
    "numbering": "{where}的编号“{found}”{problem}，应为“{expected}”",
    "numbering_gap": "跳号",
    "numbering_repeat": "重复",
    "numbering_order": "顺序颠倒",
    "numbering_broken": "缺少序数",
    "numbering_hint": "编号有误的共 {n} 处，未作改动；加 --fix-numbering 可按顺序重新编号",
    "renumbered": "{where}：编号“{before}”改为“{after}”",
    "date_bad": "{where}的日期“{found}”不合 GB/T 9704（应用阿拉伯数字、不编虚位，写作“{expected}”），未作改动；加 --fix-date 可修正",
    "date_fixed": "{where}：日期“{before}”改为“{after}”",
    "title_set": "标题：“{before}”改为“{after}”",
    "title_added": "标题：按 --title 添加“{after}”",
    "byline_set": "标题下署名行：“{before}”改为“{after}”",
    "byline_added": "标题下署名行：添加“{after}”",
    "no_title": "未识别到标题，输出中没有标题；可用 --title 指定",
    "dropped_chars": "{where}含有 Word 无法保存的控制字符 {n} 个，已略去",
}


class Role(StrEnum):
    """What a paragraph is in the laid-out document."""

    TITLE = "title"  # 标题
    SUBTITLE = "subtitle"  # 标题下的署名、日期行
    HEADING_1 = "heading1"  # 独占一段的一级标题（一、）
    HEADING_2 = "heading2"  # 二级标题（（一））
    HEADING_3 = "heading3"  # 三级标题（1.）
    HEADING_4 = "heading4"  # 四级标题（（1））
    BODY = "body"  # 正文，含段首的“run-in”标题
    CLOSING = "closing"  # 结束语
    SIGNATURE = "signature"  # 落款署名
    DATE = "date"  # 成文日期
    TABLE = "table"  # 表格中的文字


HEADING_ROLES = (Role.HEADING_1, Role.HEADING_2, Role.HEADING_3, Role.HEADING_4)


class Face(StrEnum):
    """Typeface class of a stretch of text; the font set gives the concrete name."""

    TITLE = "title"  # 小标宋
    HEI = "hei"  # 黑体
    KAI = "kai"  # 楷体
    FANG = "fang"  # 仿宋


class ChangeKind(StrEnum):
    RENUMBER = "renumber"
    DATE = "date"
    TITLE = "title"
    BYLINE = "byline"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a paragraph set in one face and weight."""

    text: str
    face: Face
    bold: bool = False


@dataclass(frozen=True, slots=True)
class CellRef:
    """Where a table paragraph sits: table, row and cell ordinals of the source document."""

    table: int
    row: int
    cell: int


@dataclass(frozen=True, slots=True)
class Block:
    """One output paragraph. ``source`` is the input paragraph index (None for added lines)."""

    role: Role
    segments: tuple[Segment, ...]
    source: int | None = None
    cell: CellRef | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class Change:
    """A change of wording the user asked for, in words fit to show them."""

    kind: ChangeKind
    message: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """What the user chose (``mingjing format`` options)."""

    style: Style = Style.STANDARD
    fix_numbering: bool = False
    fix_date: bool = False
    by_numbering: bool = False
    title: str | None = None
    unit: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class LayoutPlan:
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = ()
    title: str | None = None


class StructureUnclearError(MingjingError):
    """The material's structure is too unclear to give each paragraph a role."""


# --- recognisers -------------------------------------------------------------------------------

_DATE = re.compile(
    r"^(?P<open>[（(]?)\s*(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[\d一二三四五六七八九十]{1,3})"
    r"\s*月\s*(?P<d>[\d一二三四五六七八九十]{1,3})\s*日\s*(?P<close>[）)]?)$"
)
_YEAR_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_SENTENCE_END = "。！？"
_LEAD_END = "。！？；："
_HEADING_TAIL = "。：！？；"
_SIGNATURE_MAX = 30
_LEAD_MAX = 40

#: Heading level of each paragraph-numbering scheme in GB/T 9704 (一、（一）1.（1）).
SCHEME_LEVEL: dict[Scheme, int] = {
    Scheme.CN_TOP: 1,
    Scheme.CN_PAREN: 2,
    Scheme.ARABIC_DOT: 3,
    Scheme.ARABIC_PAREN: 4,
    Scheme.CIRCLED: 4,
}
LEVEL_FACE = {1: Face.HEI, 2: Face.KAI, 3: Face.FANG, 4: Face.FANG}
LEVEL_ROLE = {1: Role.HEADING_1, 2: Role.HEADING_2, 3: Role.HEADING_3, 4: Role.HEADING_4}
#: Levels set in bold under the ``common`` profile [PRACTICE].
COMMON_BOLD_LEVELS = frozenset({2, 3})

_INLINE_SCHEMES = frozenset({Scheme.INLINE_SHI, Scheme.ORDINAL, Scheme.SEQUENCE})
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGITS = set("一二三四五六七八九十百零〇两")


def parse_date(text: str) -> tuple[str, str] | None:
    """``(as written, GB/T form)`` of a date line such as ``2024年01月16日`` or ``（二〇二四年一月十六日）``."""
    s = text.strip()
    m = _DATE.match(fold(s))
    if not m:
        return None
    y = m.group("y")
    year = y if y.isdigit() else "".join(_YEAR_DIGITS[c] for c in y)
    parts: list[int] = []
    for g in ("m", "d"):
        raw = m.group(g)
        value = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if value is None:
            return None
        parts.append(value)
    month, day = parts
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    core = f"{year}年{month}月{day}日"
    expected = (s[0] + core + s[-1]) if m.group("open") and m.group("close") else core
    if m.group("open") and not m.group("close"):
        expected = s[0] + core
    if m.group("close") and not m.group("open"):
        expected = core + s[-1]
    return s, expected


# --- the working paragraph -----------------------------------------------------------------------


@dataclass(slots=True)
class _Para:
    """A paragraph's characters with their canonical offsets and the face and weight of each."""

    index: int
    chars: list[str]
    offsets: list[int]
    faces: list[Face]
    bold: list[bool]
    role: Role = Role.BODY
    cell: CellRef | None = None
    edits: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    def paint(
        self, start: int, end: int, face: Face | None = None, bold: bool | None = None
    ) -> None:
        for i, off in enumerate(self.offsets):
            if start <= off < end:
                if face is not None:
                    self.faces[i] = face
                if bold is not None:
                    self.bold[i] = bold

    def pos(self, offset: int) -> int:
        """Index of the first character at or after canonical ``offset``."""
        for i, off in enumerate(self.offsets):
            if off >= offset:
                return i
        return len(self.offsets)

    def segments(self) -> tuple[Segment, ...]:
        chars, faces, bold = self.chars[:], self.faces[:], self.bold[:]
        for start, end, new in sorted(self.edits, reverse=True):
            a = self.pos(start)
            b = self.pos(end)
            ref = min(a, len(chars) - 1)
            f, w = faces[ref], bold[ref]
            chars[a:b] = list(new)
            faces[a:b] = [f] * len(new)
            bold[a:b] = [w] * len(new)
        out: list[Segment] = []
        buf: list[str] = []
        for i, ch in enumerate(chars):
            if buf and (faces[i] != faces[i - 1] or bold[i] != bold[i - 1]):
                out.append(Segment("".join(buf), faces[i - 1], bold[i - 1]))
                buf = []
            buf.append(ch)
        if buf:
            out.append(Segment("".join(buf), faces[-1], bold[-1]))
        return tuple(out)


#: Characters XML 1.0 cannot hold (C0 controls other than tab and line feed, U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _prose(doc: Document, index: int) -> tuple[list[str], list[int]]:
    """Characters (gaps removed, white space stripped at both ends) and their canonical offsets.

    Control characters a .docx cannot hold (a form feed pasted from a PDF) are left out.
    """
    p = doc.paragraphs[index]
    chars: list[str] = []
    offsets: list[int] = []
    cursor = p.span.start
    text = doc.text
    for gap in (*p.gaps, Span(p.span.end, p.span.end)):
        for off in range(cursor, max(cursor, gap.start)):
            if _NOT_XML.match(text[off]):
                continue
            chars.append(text[off])
            offsets.append(off)
        cursor = max(cursor, gap.end)
    a, b = 0, len(chars)
    while a < b and is_space(chars[a]):
        a += 1
    while b > a and is_space(chars[b - 1]):
        b -= 1
    return chars[a:b], offsets[a:b]


def paragraph_texts(doc: Document) -> list[str]:
    """The text of each non-empty paragraph as :func:`plan_layout` keeps it.

    This is the comparison the formatter promises: formatting a material and reading the result back
    gives the same list (unless an option asked for a change).
    """
    out: list[str] = []
    for i in range(len(doc.paragraphs)):
        chars, _ = _prose(doc, i)
        if chars:
            out.append("".join(chars))
    return out


def _snippet(text: str, n: int = 16) -> str:
    return text if len(text) <= n else text[:n] + "……"


# --- the planner ---------------------------------------------------------------------------------


class _Planner:
    def __init__(
        self, report: Report, options: LayoutOptions, cells: Mapping[int, CellRef] | None
    ) -> None:
        self.report = report
        self.doc = report.document
        self.options = options
        self.bold_common = options.style is Style.COMMON
        self.paras: list[_Para] = []
        self.by_index: dict[int, _Para] = {}
        self.changes: list[Change] = []
        self.warnings: list[str] = list(dict.fromkeys((*self.doc.warnings, *report.warnings)))
        self.numbering_problems = 0
        self.ordinal: dict[int, int] = {}  # input paragraph index -> 1-based number among non-empty
        for i, p in enumerate(self.doc.paragraphs):
            chars, offsets = _prose(self.doc, i)
            dropped = len(_NOT_XML.findall(self.doc.text[p.span.start : p.span.end]))
            if dropped and chars:
                where = MSG["paragraph"].format(
                    n=len(self.paras) + 1, snippet=_snippet("".join(chars))
                )
                self.warnings.append(MSG["dropped_chars"].format(where=where, n=dropped))
            if not chars:
                continue
            para = _Para(i, chars, offsets, [Face.FANG] * len(chars), [False] * len(chars))
            if p.region is Region.TABLE:
                para.role = Role.TABLE
                para.cell = cells.get(p.xml_index) if cells and p.xml_index is not None else None
                if para.cell is None:
                    para.role = Role.BODY
            self.paras.append(para)
            self.by_index[i] = para
            self.ordinal[i] = len(self.paras)
        self.claimed: set[int] = set()

    # -- lookups --

    def para_at(self, offset: int) -> _Para | None:
        i = self.doc.paragraph_index_at(offset)
        return self.by_index.get(i) if i is not None else None

    def where(self, para: _Para) -> str:
        return MSG["paragraph"].format(n=self.ordinal[para.index], snippet=_snippet(para.text))

    def free(self, para: _Para) -> bool:
        return para.role is not Role.TABLE and para.index not in self.claimed

    # -- steps --

    def run(self) -> LayoutPlan:
        if not self.paras:
            raise StructureUnclearError(MSG["empty"], self.doc.path)
        self.title_block()
        self.byline_after_title()
        self.sections()
        self.ending()
        self.orphans()
        self.dates()
        blocks = [self.block(p) for p in self.paras]
        blocks = self.title_options(blocks)
        title = next((b.text for b in blocks if b.role is Role.TITLE), None)
        if title is None:
            self.warnings.append(MSG["no_title"])
        if self.numbering_problems and not self.options.fix_numbering:
            self.warnings.append(MSG["numbering_hint"].format(n=self.numbering_problems))
        return LayoutPlan(tuple(blocks), tuple(self.changes), tuple(self.warnings), title)

    def title_block(self) -> None:
        tb = self.report.title_block
        if tb.title is not None:
            for para in self.paras:
                if para.role is Role.TABLE:
                    continue
                if para.start < tb.title.span.end and tb.title.span.start < para.end:
                    para.role = Role.TITLE
                    para.faces = [Face.TITLE] * len(para.chars)
                    self.claimed.add(para.index)
        for fld in (tb.unit, tb.post, tb.author, tb.date):
            if fld is None:
                continue
            line = self.para_at(fld.span.start)
            if line is not None and self.free(line):
                line.role = Role.SUBTITLE
                line.faces = [Face.KAI] * len(line.chars)
                self.claimed.add(line.index)

    def byline_after_title(self) -> None:
        """Short bracketed lines right under the title (``（澂岺镇纪委书记某某）``) are by-lines too."""
        seen_title = False
        for para in self.paras:
            if para.role is Role.TITLE:
                seen_title = True
                continue
            if not seen_title:
                return
            if para.role is Role.SUBTITLE:
                continue
            text = fold(para.text)
            if (
                para.role is Role.BODY
                and len(text) <= _SIGNATURE_MAX + 10
                and text[0] == "（"
                and text[-1] == "）"
                and not any(ch in text for ch in "。；：")
            ):
                para.role = Role.SUBTITLE
                para.faces = [Face.KAI] * len(para.chars)
                self.claimed.add(para.index)
                continue
            return

    def heading(self, para: _Para, start: int, end: int, level: int) -> None:
        """Set ``[start, end)`` of ``para`` as a level-``level`` heading (the rest stays body)."""
        end = self._extend_tail(end)
        face = LEVEL_FACE[level]
        bold = self.bold_common and level in COMMON_BOLD_LEVELS
        para.paint(start, end, face, bold)
        if para.offsets[-1] < end:
            para.role = LEVEL_ROLE[level]
        self.claimed.add(para.index)

    def _extend_tail(self, end: int) -> int:
        text = self.doc.text
        if end < len(text) and fold(text[end]) in _HEADING_TAIL:
            return end + 1
        return end

    def lead_end(self, para: _Para, token: NumberToken, limit: int, stops: str) -> int:
        """End of the lead sentence that follows ``token`` (canonical offset)."""
        a = para.pos(token.span.end)
        best: int | None = None
        for i in range(a, len(para.chars)):
            off = para.offsets[i]
            if off >= limit or off - token.span.start > _LEAD_MAX:
                break
            if fold(para.chars[i]) in stops:
                best = off + 1
                break
        if best is None:
            for i in range(a, len(para.chars)):
                off = para.offsets[i]
                if off >= limit or off - token.span.start > _LEAD_MAX:
                    break
                if fold(para.chars[i]) == "，":
                    best = off
                    break
        return best if best is not None else token.span.end

    def sections(self) -> None:
        self.check_sequence([s.token for s in self.report.sections if s.token is not None])
        for section in self.report.sections:
            para = self.para_at(section.heading_span.start)
            if para is not None and para.role is Role.BODY:
                token = section.token
                level = SCHEME_LEVEL.get(token.scheme, 1) if token else 1
                start = token.span.start if token else section.heading_span.start
                end = max(section.heading_span.end, token.span.end if token else 0)
                self.heading(para, start, end, level)
            parts = [p for p in section.parts if p.token is not None]
            for part in parts:
                assert part.token is not None
                ppara = self.para_at(part.token.span.start)
                if ppara is None or ppara.role is Role.TABLE:
                    continue
                level = SCHEME_LEVEL.get(part.token.scheme, 2)
                end = part.heading_span.end if part.heading_span else part.token.span.end
                self.heading(ppara, part.token.span.start, max(end, part.token.span.end), level)
            self.check_sequence([p.token for p in parts if p.token])
            for part in section.parts:
                tokens = [it.token for it in part.items if it.token is not None]
                for item in part.items:
                    token = item.token
                    if token is None:
                        continue
                    ipara = self.para_at(token.span.start)
                    if ipara is None or ipara.role is Role.TABLE:
                        continue
                    if token.scheme in _INLINE_SCHEMES or token.scheme not in SCHEME_LEVEL:
                        if self.bold_common:
                            end = self.lead_end(ipara, token, item.span.end, _LEAD_END)
                            ipara.paint(token.span.start, end, bold=True)
                        continue
                    level = SCHEME_LEVEL[token.scheme]
                    end = self.lead_end(ipara, token, item.span.end, _SENTENCE_END)
                    if end == token.span.end and len(ipara.chars) <= _LEAD_MAX:
                        end = ipara.end
                    self.heading(ipara, token.span.start, end, level)
                self.check_sequence([t for t in tokens if t.scheme is not Scheme.SEQUENCE])

    def check_sequence(self, tokens: Sequence[NumberToken]) -> None:
        """Flag (or fix) numbering that does not run 1, 2, 3 … within one level."""
        seen: set[int] = set()
        for expected, token in enumerate(tokens, start=1):
            value = token.value
            if value == expected and not token.broken:
                seen.add(expected)
                continue
            para = self.para_at(token.span.start)
            if para is None:
                continue
            new = renumbered(token, expected)
            if new is None:
                continue
            if token.broken:
                problem = MSG["numbering_broken"]
            elif value in seen:
                problem = MSG["numbering_repeat"]
            elif value is not None and value < expected:
                problem = MSG["numbering_order"]
            else:
                problem = MSG["numbering_gap"]
            if value is not None:
                seen.add(value)
            where = self.where(para)
            if self.options.fix_numbering:
                para.edits.append((token.span.start, token.span.end, new))
                self.changes.append(
                    Change(
                        ChangeKind.RENUMBER,
                        MSG["renumbered"].format(where=where, before=token.text, after=new),
                        token.text,
                        new,
                    )
                )
            else:
                self.numbering_problems += 1
                self.warnings.append(
                    MSG["numbering"].format(
                        where=where, found=token.text, problem=problem, expected=new
                    )
                )

    def ending(self) -> None:
        """Closing line, signature and date."""
        report = self.report
        if report.closing is not None:
            para = self.para_at(report.closing.start)
            if para is not None and para.role is Role.BODY:
                para.role = Role.CLOSING
                self.claimed.add(para.index)
        tail = [p for p in self.paras if p.role is not Role.TABLE]
        if report.tail is not None:
            candidates = [p for p in tail if p.start >= report.tail.start]
        else:
            candidates = []
            for p in reversed(tail):
                if p.role is not Role.BODY or p.index in self.claimed:
                    break
                if parse_date(p.text) is None and not candidates:
                    break
                if not _signature_like(p.text) and parse_date(p.text) is None:
                    break
                candidates.insert(0, p)
                if len(candidates) >= 3:
                    break
        for p in candidates:
            if p.role not in (Role.BODY, Role.CLOSING):
                continue
            if parse_date(p.text) is not None:
                p.role = Role.DATE
            elif _signature_like(p.text):
                p.role = Role.SIGNATURE
            else:
                continue
            self.claimed.add(p.index)

    def orphans(self) -> None:
        """Paragraphs that open with heading numbering the parser did not place."""
        flat = not self.report.sections
        numbered: list[tuple[_Para, int, int]] = []
        for para in self.paras:
            if para.role is not Role.BODY or para.index in self.claimed:
                continue
            raw = line_start_token(para.text)
            if raw is None or raw.scheme not in SCHEME_LEVEL:
                continue
            numbered.append((para, SCHEME_LEVEL[raw.scheme], raw.end))
        if flat and len(numbered) >= 2 and not self.options.by_numbering:
            listed = "、".join(self.where(p) for p, _, _ in numbered[:8])
            if len(numbered) > 8:
                listed += f"等 {len(numbered)} 段"
            raise StructureUnclearError(MSG["unclear"].format(paragraphs=listed), self.doc.path)
        for para, level, end_rel in numbered:
            token_end = para.offsets[min(end_rel, len(para.offsets) - 1)]
            stop = next(
                (
                    para.offsets[i] + 1
                    for i in range(end_rel, min(len(para.chars), _LEAD_MAX + end_rel))
                    if fold(para.chars[i]) in _SENTENCE_END
                ),
                None,
            )
            if stop is None:
                stop = para.end if len(para.chars) <= _LEAD_MAX else token_end
            self.heading(para, para.start, stop, level)

    def dates(self) -> None:
        for para in self.paras:
            if para.role not in (Role.DATE, Role.SUBTITLE):
                continue
            found = parse_date(para.text)
            if found is None or found[0] == found[1]:
                continue
            before, after = found
            where = self.where(para)
            if self.options.fix_date:
                para.edits.append((para.start, para.end, after))
                self.changes.append(
                    Change(
                        ChangeKind.DATE,
                        MSG["date_fixed"].format(where=where, before=before, after=after),
                        before,
                        after,
                    )
                )
            else:
                self.warnings.append(
                    MSG["date_bad"].format(where=where, found=before, expected=after)
                )

    def block(self, para: _Para) -> Block:
        return Block(para.role, para.segments(), para.index, para.cell)

    def title_options(self, blocks: list[Block]) -> list[Block]:
        opts = self.options
        if opts.title:
            titles = [i for i, b in enumerate(blocks) if b.role is Role.TITLE]
            new = Block(Role.TITLE, (Segment(opts.title, Face.TITLE),))
            if titles:
                before = "".join(blocks[i].text for i in titles)
                if before != opts.title:
                    self.changes.append(
                        Change(
                            ChangeKind.TITLE,
                            MSG["title_set"].format(before=before, after=opts.title),
                            before,
                            opts.title,
                        )
                    )
                blocks = [b for i, b in enumerate(blocks) if i not in titles[1:]]
                blocks[titles[0]] = Block(Role.TITLE, new.segments, blocks[titles[0]].source)
            else:
                self.changes.append(
                    Change(
                        ChangeKind.TITLE,
                        MSG["title_added"].format(after=opts.title),
                        "",
                        opts.title,
                    )
                )
                blocks.insert(0, new)
        byline = "\u3000".join(x for x in (opts.unit, opts.author) if x)
        if byline:
            subs = [
                i
                for i, b in enumerate(blocks)
                if b.role is Role.SUBTITLE and parse_date(b.text) is None
            ]
            new = Block(Role.SUBTITLE, (Segment(byline, Face.KAI),))
            if subs:
                before = "".join(blocks[i].text for i in subs)
                if before != byline:
                    self.changes.append(
                        Change(
                            ChangeKind.BYLINE,
                            MSG["byline_set"].format(before=before, after=byline),
                            before,
                            byline,
                        )
                    )
                blocks[subs[0]] = Block(Role.SUBTITLE, new.segments, blocks[subs[0]].source)
                blocks = [b for i, b in enumerate(blocks) if i not in subs[1:]]
            else:
                at = 0
                while at < len(blocks) and blocks[at].role is Role.TITLE:
                    at += 1
                self.changes.append(
                    Change(ChangeKind.BYLINE, MSG["byline_added"].format(after=byline), "", byline)
                )
                blocks.insert(at, new)
        return blocks


def _signature_like(text: str) -> bool:
    s = text.strip()
    return (
        0 < len(s) <= _SIGNATURE_MAX
        and not any(ch in fold(s) for ch in "。；，：！？")
        and line_start_token(s) is None
    )


def renumbered(token: NumberToken, value: int) -> str | None:
    """``token.text`` with its number replaced by ``value``, keeping the author's brackets and width."""
    text = token.text
    if token.scheme is Scheme.SEQUENCE:
        return None
    if token.broken:
        if token.scheme is Scheme.INLINE_SHI:
            return int_to_chinese(value) + text
        return None
    if token.scheme in (Scheme.ARABIC_DOT, Scheme.ARABIC_PAREN):
        m = re.search(r"[0-9０-９]+", text)
        if not m:
            return None
        digits = str(value)
        if any("０" <= c <= "９" for c in m.group()):
            digits = "".join(chr(ord(c) - ord("0") + ord("０")) for c in digits)
        return text[: m.start()] + digits + text[m.end() :]
    if token.scheme is Scheme.CIRCLED:
        if value > len(_CIRCLED):
            return None
        return "".join(_CIRCLED[value - 1] if c in _CIRCLED else c for c in text)
    idx = [i for i, c in enumerate(text) if c in _CN_DIGITS]
    if not idx:
        return None
    a, b = idx[0], idx[-1] + 1
    return text[:a] + int_to_chinese(value) + text[b:]


def plan_layout(
    report: Report,
    options: LayoutOptions | None = None,
    cells: Mapping[int, CellRef] | None = None,
) -> LayoutPlan:
    """The layout plan of a parsed material.

    ``cells`` maps ``Paragraph.xml_index`` of table paragraphs to their cell (see
    :func:`mingjing.layout.tables.read_tables`); without it table text becomes body paragraphs.
    Raises :class:`StructureUnclearError` when numbered paragraphs exist but no section structure
    was recognised (unless ``options.by_numbering``).
    """
    return _Planner(report, options or LayoutOptions(), cells).run()


def iter_text(blocks: Iterable[Block]) -> list[str]:
    """The text of each block, in order (what reading the written document back gives)."""
    return [b.text for b in blocks]
