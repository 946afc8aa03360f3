"""Parse a Document into a Report: title block, preamble facts, sections, parts, items, instances.

The parser is forgiving: real materials break every convention in small ways, and an odd layout
gives a flatter Report and a warning, never an exception. It reads the document's prose view (one
paragraph per line; PDF hard wraps removed) and reports every span in canonical offsets.

Levels are decided per document, not assumed: the section level is the numbering scheme whose
headings name sections (``一、存在的问题``), or unnumbered synonym headings; inside a section the
part level is the first paragraph-numbering scheme met (``（一）``), and inside a part the item
level is the first item marker met (``一是``, ``1.``, ``第一，``, ``首先，``).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from mingjing.document import Document, ProseView, Span
from mingjing.structure.model import (
    Fact,
    Facts,
    Field,
    Instance,
    Item,
    NumberToken,
    Part,
    Report,
    Role,
    Scheme,
    Section,
    SectionKind,
    TitleBlock,
)
from mingjing.structure.numbering import (
    RawToken,
    broken_shi,
    inline_tokens,
    leading_space,
    line_start_token,
)
from mingjing.textnorm import chinese_to_int, fold

log = logging.getLogger(__name__)

MSG = {
    "flat": "未识别出“存在的问题”“原因分析”“整改措施”等章节，已按无结构文本处理",
    "failed": "结构解析时遇到意外情况（{error}），已按无结构文本处理",
    "empty": "文档没有正文内容",
}

# --- section headings ------------------------------------------------------------------------

# Order matters: the first kind whose pattern matches wins.
_SECTION_PATTERNS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (
        SectionKind.OTHER,
        re.compile(
            r"(?:上年度|上一年度|上次|去年|以往|\d{4}年度?|[二〇一二三四五六七八九零]{4}年度?)[^。]{0,20}"
            r"(?:整改|落实)[^。]{0,6}情况|整改落实情况|整改情况|回头看|个人有关事项|有关事项|基本情况|征求意见情况"
            r"|谈心谈话情况|学习(?:研讨)?情况|会前准备"
        ),
    ),
    (SectionKind.CASES, re.compile(r"案例|以案为鉴|以案促改|以案明纪|警示教育")),
    (SectionKind.CAUSES, re.compile(r"原因|根源|根子|症结|根由|剖析|思想根源")),
    (
        SectionKind.MEASURES,
        re.compile(r"整改|措施|打算|努力方向|改进方向|今后|举措|下一步|下步|方向|对策|思路"),
    ),
    (SectionKind.PROBLEMS, re.compile(r"问题|差距|不足|短板|查摆|检视|对照检查情况")),
)


def classify_heading(text: str) -> SectionKind | None:
    """The section kind a heading names, or None if it names none of them."""
    t = fold(text)
    for kind, pattern in _SECTION_PATTERNS:
        if pattern.search(t):
            return kind
    return None


_TRAILING = "。：:；;，,！!？? \t\u3000\u00a0"
_HEADING_MAX = 40  # a heading line is at most this many characters
_BARE_HEADING_MAX = 16  # an unnumbered line may be a section heading only if this short

# --- preamble facts --------------------------------------------------------------------------

_NUM = r"(?P<num>\d+|[一二三四五六七八九十百零〇两]+|[*＊]+|[xX×]+|…+|_+|＿+|\s{2,}|[□〇○]+)"
_FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "opinions_collected": re.compile(
        r"(?:征求|征集|收集|听取|收到|梳理出|汇总)(?:到|了)?[^。；，]{0,14}?(?:意见(?:和|及)?(?:建议)?|建议)"
        r"(?:共|合计|总计)?[^。；，\d]{0,3}?" + _NUM + r"\s*条"
    ),
    "opinions_merged": re.compile(
        r"(?:归纳|梳理|整理|合并|汇总|整合)(?:为|成|出|形成|了)?[^。；，]{0,10}?" + _NUM + r"\s*条"
    ),
    "talks": re.compile(r"谈心谈话[^。；]{0,16}?" + _NUM + r"\s*(?:人次|次|人)"),
    "study_sessions": re.compile(
        r"(?:集中学习|专题学习|学习研讨|理论学习中心组学习|专题研讨)[^。；，]{0,10}?"
        + _NUM
        + r"\s*(?:次|场)"
    ),
}

# --- title block, closing, instances ---------------------------------------------------------

_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:\d{4}|[二〇一二三四五六七八九零]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*[）)]?$"
)
_TITLE_WORDS = re.compile(r"材料|提纲|发言|剖析|报告|检查|对照|生活会")
_UNIT_END = re.compile(
    r"(?:党委|党组|党工委|委员会|班子|支部|总支|机关|政府|办公室|局|镇|乡|街道)$"
)
_POST_NAME = re.compile(
    r"^(?P<post>.{2,30}?(?:书记|镇长|乡长|县长|区长|市长|主任|委员|部长|局长|主席|处长|科长|队长|站长|所长|校长"
    r"|院长|经理|组长|党员|干部|常委|秘书长|政委|专干|同志))[\s·]*(?P<name>[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,3})$"
)
_CLOSING = re.compile(
    r"^(?:以上|上述|这就是|这是)[^。]{0,40}?(?:对照检查|检查|检视|剖析|发言|汇报|材料|情况|查摆|表态)[^。]{0,40}?"
    r"(?:批评指正|指正|帮助|批评)|(?:^|[，,])(?:恳|敬)?请[^。]{0,12}(?:批评指正|帮助指正|批评帮助)"
)
_INSTANCE = re.compile(r"比如说?|例如|譬如|举例来说|(?<![例比譬诸假])如[：:]")

T = TypeVar("T")


@dataclass(slots=True)
class _Line:
    start: int  # view offset
    end: int
    text: str
    token: RawToken | None
    broken: RawToken | None

    @property
    def stripped(self) -> str:
        return self.text.strip()


class _Parser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.view = ProseView.of(doc)
        self.lines: list[_Line] = []
        pos = 0
        for raw in self.view.text.split("\n"):
            self.lines.append(
                _Line(pos, pos + len(raw), raw, line_start_token(raw), broken_shi(raw))
            )
            pos += len(raw) + 1
        self.tokens: list[NumberToken] = []
        self.warnings: list[str] = list()

    # -- helpers (spans are view offsets until the end) --

    def tok(self, line: _Line, raw: RawToken, role: Role, value: int | None = None) -> NumberToken:
        token = NumberToken(
            scheme=raw.scheme,
            value=raw.value if value is None else value,
            span=Span(line.start + raw.start, line.start + raw.end),
            text=line.text[raw.start : raw.end],
            line_start=raw.start <= leading_space(line.text),
            role=role,
            broken=raw.broken,
        )
        self.tokens.append(token)
        return token

    def content(self, a: int, b: int) -> list[int]:
        return [i for i in range(a, b) if self.lines[i].stripped]

    def block_span(self, a: int, b: int) -> Span | None:
        idx = self.content(a, b)
        if not idx:
            return None
        first, last = self.lines[idx[0]], self.lines[idx[-1]]
        return Span(
            first.start + leading_space(first.text), _rstrip_end(last.text, last.start, last.end)
        )

    # -- top level --

    def parse(self) -> Report:
        n = len(self.lines)
        if not any(line.stripped for line in self.lines):
            return self.report(TitleBlock(), None, Facts(), (), None, None, [MSG["empty"]])
        heads = self.section_heads()
        closing_idx = self.find_closing(heads[-1][0] if heads else 0)
        end = closing_idx if closing_idx is not None else n
        first = heads[0][0] if heads else end
        title, pre_a = self.title_block(first)
        preamble = self.block_span(pre_a, first) if heads else None
        sections: list[Section] = []
        for k, (i, kind, raw) in enumerate(heads):
            j = heads[k + 1][0] if k + 1 < len(heads) else end
            sections.append(self.section(i, j, kind, raw))
        if not heads:
            self.warnings.append(MSG["flat"])
        fact_area = preamble or self.block_span(0, min(n, first if heads else min(n, 12)))
        facts = self.facts(fact_area) if fact_area else Facts()
        closing = self.block_span(closing_idx, closing_idx + 1) if closing_idx is not None else None
        tail = self.block_span(closing_idx + 1, n) if closing_idx is not None else None
        return self.report(title, preamble, facts, tuple(sections), closing, tail, self.warnings)

    def report(
        self,
        title: TitleBlock,
        preamble: Span | None,
        facts: Facts,
        sections: tuple[Section, ...],
        closing: Span | None,
        tail: Span | None,
        warnings: list[str],
    ) -> Report:
        self.unassigned_tokens()
        tokens = tuple(sorted(self.tokens, key=lambda t: t.span.start))
        report = Report(
            document=self.doc,
            title_block=title,
            preamble=preamble,
            facts=facts,
            sections=sections,
            closing=closing,
            tail=tail,
            tokens=tokens,
            warnings=tuple(dict.fromkeys(warnings)),
        )
        if self.view.identity:
            return report
        return _map_spans(report, self.view.span)

    def unassigned_tokens(self) -> None:
        """Record every marker that numbers nothing the outline shows (sub-items, stray markers),
        so numbering rules see all of them."""
        seen = {t.span.start for t in self.tokens}
        for line in self.lines:
            if line.token and line.start + line.token.start not in seen:
                self.tok(line, line.token, Role.NONE)
            for raw in inline_tokens(line.text):
                if line.start + raw.start not in seen:
                    self.tok(line, raw, Role.NONE)

    def section_heads(self) -> list[tuple[int, SectionKind, RawToken | None]]:
        """Indices of section heading lines, their kinds and markers."""
        numbered: dict[Scheme, list[tuple[int, SectionKind | None]]] = {}
        bare: list[tuple[int, SectionKind]] = []
        for i, line in enumerate(self.lines):
            if not line.stripped:
                continue
            if line.token and line.token.scheme in (Scheme.CN_TOP, Scheme.CN_PAREN):
                rest = _heading_text(line.text[line.token.end :])
                kind = classify_heading(rest) if len(rest) <= _HEADING_MAX else None
                numbered.setdefault(line.token.scheme, []).append((i, kind))
            elif line.token is None:
                text = line.stripped.rstrip(_TRAILING)
                if 2 <= len(text) <= _BARE_HEADING_MAX and "，" not in fold(text):
                    kind = classify_heading(text)
                    if kind is not None:
                        bare.append((i, kind))
        top = numbered.get(Scheme.CN_TOP, [])
        if any(kind is not None for _, kind in top):
            heads = [(i, kind or SectionKind.OTHER, self.lines[i].token) for i, kind in top]
            heads += [(i, kind, None) for i, kind in bare]
            return sorted(heads, key=lambda h: h[0])
        if bare:
            return [(i, kind, None) for i, kind in bare]
        # Numbered headings none of which names a section (一、会议时间 …) are not a material's
        # sections: the document stays flat rather than being forced into the material's shape.
        paren = numbered.get(Scheme.CN_PAREN, [])
        named = {kind for _, kind in paren if kind not in (None, SectionKind.OTHER)}
        if len(named) >= 2:
            return [(i, kind or SectionKind.OTHER, self.lines[i].token) for i, kind in paren]
        return []

    def find_closing(self, after: int) -> int | None:
        content = self.content(after + 1, len(self.lines))
        for i in reversed(content[-6:]):
            if _CLOSING.search(fold(self.lines[i].stripped)):
                return i
        return None

    def title_block(self, first: int) -> tuple[TitleBlock, int]:
        """Title, unit, author, post and date lines at the top; returns where the preamble starts."""
        idx = self.content(0, first)
        if not idx:
            return TitleBlock(), first
        fields: dict[str, Field] = {}
        k = 0
        line = self.lines[idx[0]]
        s = line.stripped
        if _is_title_line(s) and line.token is None:
            start = line.start + leading_space(line.text)
            end = _rstrip_end(line.text, line.start, line.end)
            k = 1
            if len(idx) > 1:
                nxt = self.lines[idx[1]]
                ns = nxt.stripped
                if (
                    _is_title_line(ns)
                    and not _TITLE_WORDS.search(s[-4:])
                    and _TITLE_WORDS.search(ns)
                    and not _DATE_LINE.match(ns)
                ):
                    end = _rstrip_end(nxt.text, nxt.start, nxt.end)
                    k = 2
            text = self.view.text[start:end]
            fields["title"] = Field(re.sub(r"\s*\n\s*", "", text), Span(start, end))
        while k < len(idx):
            line = self.lines[idx[k]]
            s = line.stripped
            if len(s) > 30 or any(ch in s for ch in "。；") or s.endswith(("：", ":")):
                break
            start = line.start + leading_space(line.text)
            span = Span(start, _rstrip_end(line.text, line.start, line.end))
            if _DATE_LINE.match(fold(s)):
                fields.setdefault("date", Field(s, span))
            else:
                if len(s) > 2 and fold(s[0]) == "（" and fold(s[-1]) == "）":
                    # A by-line in brackets under the title: （镇党委委员、纪委书记 张三）
                    s, start = s[1:-1].strip(), start + 1 + leading_space(s[1:])
                m = _POST_NAME.match(s)
                parts = re.split(r"[ \t\u3000\u00a0]{1,}", s)
                if m:
                    off = s.index(m.group("name"), m.end("post"))
                    fields.setdefault(
                        "post", Field(m.group("post").strip(), Span(start, start + m.end("post")))
                    )
                    fields.setdefault(
                        "author",
                        Field(
                            m.group("name"), Span(start + off, start + off + len(m.group("name")))
                        ),
                    )
                elif len(parts) == 2 and 2 <= len(parts[1]) <= 4:
                    off = s.rindex(parts[1])
                    fields.setdefault("post", Field(parts[0], Span(start, start + len(parts[0]))))
                    fields.setdefault(
                        "author", Field(parts[1], Span(start + off, start + off + len(parts[1])))
                    )
                elif _UNIT_END.search(s):
                    fields.setdefault("unit", Field(s, span))
                elif 2 <= len(s) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", s):
                    fields.setdefault("author", Field(s, span))
                else:
                    break
            k += 1
        pre_a = idx[k] if k < len(idx) else first
        return TitleBlock(**fields), pre_a

    def facts(self, area: Span) -> Facts:
        text = fold(self.view.text[area.start : area.end])
        found: dict[str, Fact] = {}
        for name, pattern in _FACT_PATTERNS.items():
            for m in pattern.finditer(text):
                raw = m.group("num")
                if name == "opinions_merged" and "opinions_collected" in found:
                    c = found["opinions_collected"].span
                    if area.start + m.start("num") == c.start:
                        continue
                value: int | None
                unfilled = False
                if raw.isdigit():
                    value = int(raw)
                else:
                    value = chinese_to_int(raw)
                    if value is None:
                        unfilled = True
                span = Span(area.start + m.start("num"), area.start + m.end("num"))
                found[name] = Fact(value, span, self.view.text[span.start : span.end], unfilled)
                break
        return Facts(**found)

    # -- sections, parts, items --

    def section(self, i: int, j: int, kind: SectionKind, raw: RawToken | None) -> Section:
        line = self.lines[i]
        token = self.tok(line, raw, Role.SECTION) if raw else None
        h_start = line.start + (raw.end if raw else leading_space(line.text))
        h_start += leading_space(line.text[h_start - line.start :])
        h_end, body_from = _heading_end(line.text, line.start, h_start)
        heading = self.view.text[h_start:h_end]
        span = Span(
            line.start + leading_space(line.text), _rstrip_end(line.text, line.start, line.end)
        )
        last = self.block_span(i, j)
        if last:
            span = Span(span.start, last.end)
        section_scheme = raw.scheme if raw else None
        parts, intro = self.parts(i, j, body_from, section_scheme)
        return Section(kind, heading, Span(h_start, h_end), token, span, tuple(parts), intro)

    def parts(
        self, i: int, j: int, body_from: int, section_scheme: Scheme | None
    ) -> tuple[list[Part], Span | None]:
        part_scheme: Scheme | None = None
        for k in self.content(i + 1, j):
            t = self.lines[k].token
            if t is None:
                continue
            if t.scheme.block and t.scheme is not section_scheme:
                part_scheme = t.scheme
            break
        if part_scheme is None:
            # One implicit part holds the section's items.
            span = _span_or_none(body_from, self.block_span(i + 1, j), self.lines[i])
            if span is None:
                return [], None
            items, intro = self.items(span, i, j, {section_scheme} if section_scheme else set())
            if not items:
                return [], span
            return [Part(None, None, None, span, tuple(items), intro)], None
        starts = [
            k
            for k in self.content(i + 1, j)
            if (t := self.lines[k].token) and t.scheme is part_scheme
        ]
        intro_span = self.block_span(i + 1, starts[0])
        head_line = self.lines[i]
        if body_from < head_line.end:
            own = Span(body_from, _rstrip_end(head_line.text, head_line.start, head_line.end))
            intro_span = Span(own.start, intro_span.end) if intro_span else own
        parts: list[Part] = []
        for n, k in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else j
            parts.append(self.part(k, stop, {s for s in (section_scheme, part_scheme) if s}))
        return parts, intro_span

    def part(self, k: int, stop: int, outer: set[Scheme]) -> Part:
        line = self.lines[k]
        raw = line.token
        assert raw is not None
        token = self.tok(line, raw, Role.PART)
        h_start = line.start + raw.end
        h_start += leading_space(line.text[raw.end :])
        h_end, body_from = _heading_end(line.text, line.start, h_start)
        heading = self.view.text[h_start:h_end]
        span = Span(
            line.start + leading_space(line.text), _rstrip_end(line.text, line.start, line.end)
        )
        block = self.block_span(k, stop)
        if block:
            span = Span(span.start, block.end)
        body = Span(body_from, span.end) if body_from < span.end else None
        items: list[Item] = []
        intro: Span | None = None
        if body is not None:
            items, intro = self.items(body, k, stop, outer)
        return Part(token, heading or None, Span(h_start, h_end), span, tuple(items), intro)

    def items(
        self, body: Span, a: int, b: int, outer: set[Scheme]
    ) -> tuple[list[Item], Span | None]:
        """Items inside ``body`` (view span) covering lines ``[a, b)``."""
        candidates: list[tuple[int, _Line, RawToken]] = []
        broken: list[tuple[int, _Line, RawToken]] = []
        for k in range(a, b):
            line = self.lines[k]
            if line.end <= body.start or line.start >= body.end:
                continue
            offset = max(body.start - line.start, 0)
            t = line.token
            if t and t.start >= offset and t.scheme not in outer:
                candidates.append((line.start + t.start, line, t))
            elif t is None and line.broken and line.start + line.broken.start >= body.start:
                broken.append((line.start + line.broken.start, line, line.broken))
            for it in inline_tokens(line.text, offset):
                if t and it.start == t.start:
                    continue
                candidates.append((line.start + it.start, line, it))
        candidates.sort(key=lambda c: c[0])
        scheme = _item_scheme(candidates)
        if scheme is None:
            return [], None
        chosen = [c for c in candidates if c[2].scheme is scheme]
        if scheme is Scheme.INLINE_SHI:
            chosen = sorted(chosen + broken, key=lambda c: c[0])
        items: list[Item] = []
        prev_value = 0
        for n, (pos, line, raw) in enumerate(chosen):
            value = raw.value
            if raw.broken:
                nxt = next((c[2].value for c in chosen[n + 1 :] if c[2].value is not None), None)
                value = (
                    prev_value + 1
                    if (nxt is None or nxt > prev_value + 1 or prev_value == 0)
                    else nxt - 1
                )
                value = max(value, 1)
            token = self.tok(line, raw, Role.ITEM, value)
            end = chosen[n + 1][0] if n + 1 < len(chosen) else body.end
            end = _rstrip_end(self.view.text[pos:end], pos, end)
            span = Span(pos, max(end, token.span.end))
            items.append(Item(token, span, self.instances(span)))
            prev_value = value if value is not None else prev_value + 1
        first = chosen[0][0]
        intro_end = _rstrip_end(self.view.text[body.start : first], body.start, first)
        intro = Span(body.start, intro_end) if intro_end > body.start else None
        return items, intro

    def instances(self, span: Span) -> tuple[Instance, ...]:
        text = self.view.text[span.start : span.end]
        marks = list(_INSTANCE.finditer(fold(text)))
        out: list[Instance] = []
        for n, m in enumerate(marks):
            end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
            end = _rstrip_end(text[:end], 0, end)
            out.append(
                Instance(Span(span.start + m.start(), span.start + max(end, m.end())), m.group())
            )
        return tuple(out)


def _item_scheme(candidates: list[tuple[int, _Line, RawToken]]) -> Scheme | None:
    counts: dict[Scheme, int] = {}
    for _, _, t in candidates:
        counts[t.scheme] = counts.get(t.scheme, 0) + 1
    for _, line, t in candidates:
        if t.scheme is Scheme.SEQUENCE and counts[t.scheme] < 2:
            continue
        # A lone 第一， counts when it opens a paragraph (an enumeration the author left at one).
        if (
            t.scheme is Scheme.ORDINAL
            and counts[t.scheme] < 2
            and t.start > leading_space(line.text)
        ):
            continue
        return t.scheme
    return None


def _is_title_line(s: str) -> bool:
    return 4 <= len(s) <= 60 and not any(ch in s for ch in "。；，") and not s.endswith(("：", ":"))


def _heading_text(rest: str) -> str:
    t = rest.strip(" \t\u3000\u00a0")
    m = re.search(r"[。：:]", fold(t))
    return (t[: m.start()] if m else t).rstrip(_TRAILING)


def _heading_end(text: str, line_start: int, h_start: int) -> tuple[int, int]:
    """End of a heading that starts at ``h_start`` on this line, and where the body after it begins.

    A heading is the whole line when the line is short, else its first sentence (``（一）政治站位仍需
    提升。尽管……``): the heading ends before the 。 and the body begins after it.
    """
    rel = h_start - line_start
    rest = text[rel:]
    folded = fold(rest)
    line_end = line_start + len(text)
    m = re.search(r"[。：！？]", folded)
    if m is None or not folded[m.end() :].strip():
        end = _rstrip_end(rest, h_start, h_start + len(rest))
        if m is None and len(rest) > 60:
            # A long line without a full stop: the heading is its first clause.
            c = re.search(r"[，；]", folded)
            if c:
                return h_start + c.start(), h_start + c.end()
        return end, line_end
    body = h_start + m.end()
    body += leading_space(text[body - line_start :])
    return h_start + m.start(), body


def _rstrip_end(text: str, start: int, end: int) -> int:
    """``end`` moved left past trailing white space of ``text`` (which spans ``[start, end)``)."""
    rel = end - start
    while rel > 0 and (text[rel - 1].isspace() or text[rel - 1] in "\u00a0\u3000"):
        rel -= 1
    return start + rel


def _span_or_none(body_from: int, block: Span | None, head: _Line) -> Span | None:
    own = body_from < head.end and head.text[body_from - head.start :].strip()
    if own:
        end = block.end if block else _rstrip_end(head.text, head.start, head.end)
        return Span(body_from, end)
    return block


def _map_spans(obj: T, convert: Callable[[int, int], Span]) -> T:
    """A copy of ``obj`` (a frozen dataclass tree) with every Span converted to canonical offsets."""

    def walk(value: Any) -> Any:
        if isinstance(value, Span):
            return convert(value.start, value.end)
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if isinstance(value, Document):
            return value
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        return value

    result: T = walk(obj)
    return result


def _flat(doc: Document, warning: str) -> Report:
    return Report(doc, TitleBlock(), None, Facts(), (), None, None, (), (warning,))


def parse(doc: Document) -> Report:
    """The structure of ``doc``. Never raises on odd input: an unrecognised layout gives a flat
    Report (no sections) with a warning."""
    try:
        return _Parser(doc).parse()
    except Exception as exc:  # a parser bug must not cost the user the rest of the pipeline
        log.exception("structure parse failed for %s", doc.name)
        return _flat(doc, MSG["failed"].format(error=type(exc).__name__))
