"""Data-driven rule kinds (规则类型), Vale-style: a rule is a kind plus a list of entries.

Kinds:

- **existence** — flag any of a list of terms or patterns (``[[term]]``);
- **substitution** — a wrong form and its right one (``[[swap]]``), with guards: skip inside a
  quoted passage, skip when negated as a wrong form (“切忌写成……”“误作……”), exceptions (longer correct words that
  contain the wrong one, e.g. 不能自已 for 自已→自己), a sentence context that must (or must not)
  be present, and a date from which a form counts as outdated;
- **consistency** — two variants of one thing in one document (``[[group]]``): the minority (or
  the non-preferred) variant is flagged;
- **occurrence** — a term more (or fewer) than N times in the document or a paragraph;
- **repetition** — an item repeated inside one enumeration (真学、真懂、真学), or a doubled word
  (决策决策), with the legitimate reduplications (研究研究, 一个一个) as data;
- **sequence** — Python only (numbering rules).

A TOML file in ``review/data`` declares a whole rule: a ``[rule]`` table with the metadata of
:class:`~mingjing.review.engine.Rule` and the kind, an optional ``[options]`` table (guards, kind
settings) and the entries; a file may also hold several rules as ``[[rules]]`` tables, each with
its own ``options`` and entries. Files without a ``rule``/``rules`` key are plain dictionaries read
by Python rules (``formulations.toml``). Importing this module registers every declared rule.

Each entry carries its ``source`` and ``confidence``; an entry whose confidence is weaker than the
rule's lowers the severity of its hits (an [实践] entry of an [官方] rule gives warnings); [存疑]
entries stay off unless the rule itself is [存疑] or the review runs with the option
``unconfirmed=True``.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from mingjing.document import Span
from mingjing.errors import ConfigError
from mingjing.review.context import Context
from mingjing.review.engine import (
    REGISTRY,
    Category,
    Check,
    Confidence,
    Hit,
    Rule,
    Severity,
)
from mingjing.textnorm import fold

DATA_DIR = Path(__file__).parent / "data"

MSG = {
    "syntax": "规则数据文件格式错误：{error}",
    "unreadable": "无法读取规则数据文件（{error}）",
    "missing": "规则数据缺少“{key}”项",
    "bad_value": "规则数据中“{key}”的值“{value}”无效",
    "bad_regex": "规则数据中的正则表达式“{pattern}”无效：{error}",
    "python_only": "规则类型“{kind}”只能用 Python 编写，不能在数据文件中声明",
    "no_entries": "规则 {code} 没有任何条目",
    "duplicate": "规则 {code} 的条目“{text}”重复",
    "where": "第{n}段",
}

#: What a CJK ideograph is, for patterns (the basic block covers the words we check).
CJK = "\u4e00-\u9fff"

# Negation that names the form as wrong (切忌写成……、误作……、不要用……): the author is talking about
# the form, not using it. Plain negation is deliberately absent: "避免急燥情绪" still misspells 急躁,
# and a self-criticism "没有坚持“四个自信”" still uses the wrong verb.
_NEGATORS = re.compile(r"写成|写作|误作|误写|错写|错成|错为|改为|改成|不宜用|不能用|不要用")
_CLAUSE_END = re.compile(r"[，。；：！？\n]")


class Kind(StrEnum):
    EXISTENCE = "existence"
    SUBSTITUTION = "substitution"
    CONSISTENCY = "consistency"
    OCCURRENCE = "occurrence"
    REPETITION = "repetition"
    SEQUENCE = "sequence"


# -- entries and guards -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One term to find, or one wrong form with its right one.

    ``pattern`` is a regular expression run on the folded text; when it has a group named ``hit``
    that group is the reported span. ``right`` is the right form (it may use ``\\g<name>`` to copy
    a group of the match, taken from the original text); it becomes the suggestion unless
    ``suggest`` is false (right form not certain without context). ``context``/``unless`` must
    (not) match in the same sentence (or paragraph, ``scope``); ``since`` = (year, month) from which the form is outdated
    (needs the material's date).
    """

    pattern: str
    literal: str | None = None
    right: str | None = None
    suggest: bool = True
    source: str = ""
    confidence: Confidence | None = None
    severity: Severity | None = None
    note: str = ""
    message: str | None = None
    exceptions: tuple[str, ...] = ()
    context: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    since: tuple[int, int] | None = None
    scope: str = "sentence"  # where context/unless are looked for: "sentence" | "paragraph"
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.literal if self.literal is not None else self.pattern


@dataclass(frozen=True, slots=True)
class Guards:
    """Where a match does not count."""

    skip_quotations: bool = False  # inside a quoted passage (not just the quoted term itself)
    skip_negated: bool = False  # after 切忌写成/误作/不要用… in the same clause
    negation_window: int = 8


def entry_severity(entry_conf: Confidence | None, rule_conf: Confidence) -> Severity | None:
    """The severity an entry imposes on its hits: only ever lower than the rule's."""
    if entry_conf is None:
        return None
    mine, base = entry_conf.default_severity, rule_conf.default_severity
    return mine if mine.rank > base.rank else None


def union_pattern(words: Iterable[str]) -> str:
    """A prefix-trie regex matching any of ``words``, longest first (fast on long texts)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return body + "?" if body.startswith("(?:") or len(body) == 1 else f"(?:{body})?"
        return body

    return build(trie)


_starts_cache: weakref.WeakKeyDictionary[Context, tuple[tuple[int, ...], tuple[int, ...]]] = (
    weakref.WeakKeyDictionary()
)


def _starts(ctx: Context) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Start offsets of the sentences and of the paragraphs (computed once per document)."""
    got = _starts_cache.get(ctx)
    if got is None:
        got = (
            tuple(s.start for s in ctx.sentences),
            tuple(p.span.start for p in ctx.report.document.paragraphs),
        )
        _starts_cache[ctx] = got
    return got


def sentence_of(ctx: Context, offset: int) -> Span:
    """The sentence containing ``offset`` (or the nearest one before it)."""
    starts = _starts(ctx)[0]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return Span(0, min(len(ctx.text), offset + 1))
    return ctx.sentences[i]


def paragraph_of(ctx: Context, offset: int) -> Span:
    """The paragraph containing ``offset``."""
    paragraphs = ctx.report.document.paragraphs
    if not paragraphs:
        return Span(0, len(ctx.text))
    return paragraphs[paragraph_number(ctx, offset) - 1].span


def paragraph_number(ctx: Context, offset: int) -> int:
    """1-based number of the paragraph holding ``offset`` (the line number for .txt input)."""
    return max(1, bisect.bisect_right(_starts(ctx)[1], offset))


def where(ctx: Context, offset: int) -> str:
    return MSG["where"].format(n=paragraph_number(ctx, offset))


def in_quoted_passage(ctx: Context, span: Span) -> bool:
    """Inside quotation marks whose content is more than the span itself (a quoted passage)."""
    return any(q.contains(span) and len(q) > len(span) for q in ctx.quotations)


def negated(ctx: Context, span: Span, window: int = 8) -> bool:
    """The form is named as wrong (切忌写成、误作、不要用…) shortly before, in the same clause."""
    lo = max(0, span.start - window)
    before = ctx.folded[lo : span.start]
    cut = None
    for m in _CLAUSE_END.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    return bool(_NEGATORS.search(before))


def has_exception(folded: str, span: Span, exceptions: Sequence[str], matched: str) -> bool:
    """Whether the match is part of one of the longer correct words ``exceptions``."""
    for exc in exceptions:
        i = exc.find(matched)
        while i >= 0:
            start = span.start - i
            if start >= 0 and folded[start : start + len(exc)] == exc:
                return True
            i = exc.find(matched, i + 1)
    return False


def expand(ctx: Context, m: re.Match[str], template: str) -> str:
    """``template`` with ``\\g<name>`` replaced by that group of the match, in the original text."""

    def group(g: re.Match[str]) -> str:
        name = g.group(1)
        if name not in m.re.groupindex:
            return ""
        a, b = m.span(name)
        return ctx.text[a:b] if a >= 0 else ""

    return re.sub(r"\\g<(\w+)>", group, template)


class Lexicon:
    """Compiled entries of one rule: literal entries share one trie regex, the rest run alone."""

    def __init__(self, entries: Sequence[Entry], include_unconfirmed: bool = False) -> None:
        self.entries = tuple(entries)
        self.include_unconfirmed = include_unconfirmed
        self._literal: dict[str, Entry] = {}
        regexes: list[tuple[re.Pattern[str], Entry]] = []
        for e in self.entries:
            if e.literal is not None:
                self._literal.setdefault(e.literal, e)
            else:
                regexes.append((re.compile(e.pattern), e))
        self._union = re.compile(union_pattern(self._literal)) if self._literal else None
        self._regexes = tuple(regexes)

    def matches(self, ctx: Context) -> Iterator[tuple[Entry, re.Match[str]]]:
        """Every raw match, in no particular order (guards not applied)."""
        if self._union is not None:
            for m in ctx.finditer(self._union):
                yield self._literal[m.group()], m
        for rx, e in self._regexes:
            for m in ctx.finditer(rx):
                yield e, m

    def hits(
        self, ctx: Context, guards: Guards = Guards()
    ) -> Iterator[tuple[Entry, Span, re.Match[str]]]:
        """Matches that pass every guard, each with the span to report."""
        unconfirmed_ok = self.include_unconfirmed or bool(ctx.options.get("unconfirmed"))
        for e, m in self.matches(ctx):
            if e.confidence is Confidence.UNCONFIRMED and not unconfirmed_ok:
                continue
            if "hit" in m.re.groupindex and m.start("hit") >= 0:
                span = Span(m.start("hit"), m.end("hit"))
            else:
                span = Span(m.start(), m.end())
            if not len(span) or ctx.is_ignored(span):
                continue
            if e.exceptions and has_exception(
                ctx.folded, span, e.exceptions, ctx.folded[span.start : span.end]
            ):
                continue
            if guards.skip_quotations and in_quoted_passage(ctx, span):
                continue
            if guards.skip_negated and negated(ctx, span, guards.negation_window):
                continue
            if e.since is not None:
                date = ctx.date
                if date is None or date.before(*e.since):
                    continue
            if e.context is not None or e.unless is not None:
                around = (
                    paragraph_of(ctx, span.start)
                    if e.scope == "paragraph"
                    else sentence_of(ctx, span.start)
                )
                seg = ctx.folded[around.start : around.end]
                if e.context is not None and not e.context.search(seg):
                    continue
                if e.unless is not None and e.unless.search(seg):
                    continue
            yield e, span, m


def _hit_data(ctx: Context, e: Entry, span: Span, m: re.Match[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"text": ctx.text[span.start : span.end], "note": e.note}
    data.update(e.data)
    if e.right is not None:
        data["right"] = expand(ctx, m, e.right)
    return data


# -- the kinds as check builders ----------------------------------------------------------------


def existence(lexicon: Lexicon, confidence: Confidence, guards: Guards = Guards()) -> Check:
    """Flag every occurrence of a term of ``lexicon``."""

    def check(ctx: Context) -> Iterator[Hit]:
        for e, span, m in lexicon.hits(ctx, guards):
            yield Hit(
                span,
                message=e.message,
                severity=e.severity or entry_severity(e.confidence, confidence),
                data=_hit_data(ctx, e, span, m),
            )

    return check


def substitution(lexicon: Lexicon, confidence: Confidence, guards: Guards = Guards()) -> Check:
    """Flag every wrong form of ``lexicon``, suggesting its right form when certain."""

    def check(ctx: Context) -> Iterator[Hit]:
        for e, span, m in lexicon.hits(ctx, guards):
            data = _hit_data(ctx, e, span, m)
            right = data.get("right")
            yield Hit(
                span,
                message=e.message,
                suggestion=right if (e.suggest and right) else None,
                severity=e.severity or entry_severity(e.confidence, confidence),
                data=data,
            )

    return check


@dataclass(frozen=True, slots=True)
class Group:
    """Variants of one thing; at most one of them should appear in a document."""

    variants: tuple[Entry, ...]
    prefer: int | None = None  # index of the preferred variant (else: the majority wins)
    name: str = ""


def consistency_occurrences(
    ctx: Context, lexicons: Sequence[Lexicon], guards: Guards = Guards()
) -> list[list[tuple[Span, re.Match[str]]]]:
    """The occurrences of each variant (one lexicon per variant, one list per variant)."""
    return [[(span, m) for _, span, m in lex.hits(ctx, guards)] for lex in lexicons]


def consistency_losers(
    counts: Sequence[int], firsts: Sequence[int], prefer: int | None
) -> set[int]:
    """Which variants to flag: all but the preferred one, else all but the most frequent (ties:
    the one used first wins)."""
    present = [i for i, c in enumerate(counts) if c]
    if len(present) < 2:
        return set()
    if prefer is not None and prefer in present:
        winner = prefer
    else:
        winner = min(present, key=lambda i: (-counts[i], firsts[i]))
    return {i for i in present if i != winner}


def consistency(
    groups: Sequence[Group], confidence: Confidence, guards: Guards = Guards()
) -> Check:
    """Flag the minority (or non-preferred) variant when a document mixes variants of a group."""

    compiled = [(g, [Lexicon([v], include_unconfirmed=True) for v in g.variants]) for g in groups]

    def check(ctx: Context) -> Iterator[Hit]:
        for g, lexicons in compiled:
            occ = consistency_occurrences(ctx, lexicons, guards)
            counts = [len(o) for o in occ]
            firsts = [o[0][0].start if o else len(ctx.text) for o in occ]
            losers = consistency_losers(counts, firsts, g.prefer)
            if not losers:
                continue
            winner = next(i for i, c in enumerate(counts) if c and i not in losers)
            first_span = min(occ[winner], key=lambda x: x[0].start)[0]
            other = ctx.text[first_span.start : first_span.end]
            for i in sorted(losers):
                e = g.variants[i]
                for span, m in occ[i]:
                    data = _hit_data(ctx, e, span, m)
                    data.update(
                        other=other,
                        other_count=counts[winner],
                        other_where=where(ctx, first_span.start),
                    )
                    yield Hit(
                        span,
                        message=e.message,
                        suggestion=other if e.suggest else None,
                        severity=e.severity or entry_severity(e.confidence, confidence),
                        data=data,
                    )

    return check


@dataclass(frozen=True, slots=True)
class Quota:
    """An occurrence limit for one term: ``max`` (or ``min``) times per ``scope``."""

    entry: Entry
    max: int | None = None
    min: int | None = None
    scope: str = "document"  # "document" | "paragraph"


def occurrence(quotas: Sequence[Quota], confidence: Confidence, guards: Guards = Guards()) -> Check:
    """Flag a term used more than ``max`` times (at each excess use) or fewer than ``min`` times
    (at the start of the scope)."""

    compiled = [(q, Lexicon([q.entry], include_unconfirmed=True)) for q in quotas]

    def check(ctx: Context) -> Iterator[Hit]:
        for q, lex in compiled:
            spans = sorted((span for _, span, _ in lex.hits(ctx, guards)), key=lambda s: s.start)
            if q.scope == "paragraph":
                scopes = [p.span for p in ctx.report.document.paragraphs if len(p.span)]
            else:
                scopes = [Span(0, len(ctx.text))]
            sev = q.entry.severity or entry_severity(q.entry.confidence, confidence)
            for sc in scopes:
                inside = [s for s in spans if sc.contains(s)]
                base = {"count": len(inside), "max": q.max, "min": q.min, "note": q.entry.note}
                base.update(q.entry.data)
                if q.max is not None and len(inside) > q.max:
                    for s in inside[q.max :]:
                        data = dict(base, text=ctx.text[s.start : s.end])
                        yield Hit(s, message=q.entry.message, severity=sev, data=data)
                if q.min is not None and len(inside) < q.min and (inside or q.scope == "document"):
                    anchor = inside[0] if inside else _first_line(ctx, sc)
                    data = dict(base, text=ctx.text[anchor.start : anchor.end])
                    yield Hit(anchor, message=q.entry.message, severity=sev, data=data)

    return check


def _first_line(ctx: Context, scope: Span) -> Span:
    text = ctx.text
    start = scope.start
    while start < scope.end and text[start].isspace():
        start += 1
    end = text.find("\n", start, scope.end)
    return Span(start, end if end >= 0 else scope.end)


# -- repetition ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RepetitionOptions:
    """Settings of the repetition kind (all from data).

    ``mode`` is ``"enumeration"`` (an item twice in one 、-separated list, or a unit twice in a
    run such as 真学真懂真学) or ``"doubled"`` (a word written twice in a row, 决策决策).
    """

    mode: str = "enumeration"
    min_item: int = 2  # shortest item (in characters) that counts
    max_item: int = 16
    lead_ins: str = ""  # regex: what may precede the first item inside its segment (在、对、把…)
    tails: str = ""  # characters that may follow the last item inside its segment (等、上、中…)
    sure_tails: str = ""  # tails that close a list for certain (等): the last item is then sure
    rhetorical: str = ""  # regex: the list is a deliberate repetition (学习、学习、再学习)
    reduplicable: frozenset[str] = frozenset()  # ABAB words that are legitimate (研究研究)
    improper_before: str = ""  # regex: before a reduplicable word, these make it a slip
    improper_after: str = ""  # regex: after it, these make it a slip
    skip_units: frozenset[str] = frozenset()  # words never flagged when doubled (要求要求…)
    skip_unit_pattern: str = ""  # regex for the same (一个一个、一步一步)
    single: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # 的的 → exceptions
    heads: str = ""  # heads of unseparated runs (真学真懂…): one-character heads
    heads2: tuple[str, ...] = ()  # two-character heads (学史明理学史增信…)


_LIST_ITEM = r"[^，。；：！？\n、（）()<>《》]"
# A list starts at a clause boundary (the lookbehind keeps the scan linear on long clauses).
_ENUMERATION = re.compile(rf"(?<!{_LIST_ITEM}){_LIST_ITEM}++(?:、{_LIST_ITEM}++)+")
_QUOTE_CHARS = "“”\"‘’'「」『』 "


@functools.lru_cache(maxsize=8)
def _runs_rx(heads: str, heads2: tuple[str, ...]) -> re.Pattern[str]:
    """Runs of units sharing a head (真学真懂真信, 不敢腐不能腐, 学史明理学史增信): one-character
    heads from ``heads`` (any ideograph if empty) for units of 2 and 3, two-character ``heads2``
    for units of 4. A short head list keeps the scan fast."""
    h1 = f"[{re.escape(heads)}]" if heads else f"[{CJK}]"
    h2 = "|".join(re.escape(h) for h in heads2) if heads2 else f"[{CJK}]{{2}}"
    c = f"[{CJK}]"
    return re.compile(
        rf"(?P<u2>(?P<p2>{h1}){c}(?:(?P=p2){c}){{2,}})"
        rf"|(?P<u3>(?P<p3>{h1}){c}{{2}}(?:(?P=p3){c}{{2}}){{2,}})"
        rf"|(?P<u4>(?P<p4>{h2}){c}{{2}}(?:(?P=p4){c}{{2}}){{2,}})"
    )


_DOUBLED = re.compile(rf"([{CJK}]{{2,4}})[ ]?\1")


def _strip_item(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _QUOTE_CHARS:
        a += 1
    while b > a and text[b - 1] in _QUOTE_CHARS:
        b -= 1
    return a, b


def _lead_ok(folded: str, a: int, cut: int, lead_ins: re.Pattern[str] | None) -> bool:
    """``folded[a:cut]`` (what precedes an item inside the first segment) is a lead-in."""
    lead = folded[a:cut].rstrip(_QUOTE_CHARS)
    return not lead or (lead_ins is not None and bool(lead_ins.search(lead)))


def _tail_ok(folded: str, k: int, b: int, tails: str) -> bool:
    """What follows an item inside the last segment (from ``k``) starts with a tail character."""
    while k < b and folded[k] in _QUOTE_CHARS:
        k += 1
    return k >= b or folded[k] in tails


def enumeration_items(
    folded: str, start: int, end: int, opts: RepetitionOptions
) -> list[tuple[Span, bool]]:
    """The items of the 、-list ``folded[start:end]`` (three items at least): inner segments as
    they are; the first segment trimmed to a known item after a lead-in (在真学 → 真学), the last
    one to a known item before a tail (笃用上 → 笃用). Each item comes with whether it is a whole
    segment (True) or was trimmed (False)."""
    segs: list[tuple[int, int]] = []
    pos = start
    for i in range(start, end + 1):
        if i == end or folded[i] == "、":
            segs.append(_strip_item(folded, pos, i))
            pos = i + 1
    if len(segs) < 3:
        return []
    lead_ins = _lead_rx(opts.lead_ins)
    inner = segs[1:-1]
    inner_texts = {folded[a:b] for a, b in inner}
    fa, fb = segs[0]
    la, lb = segs[-1]
    # the last segment's possible items: its prefixes that a tail follows
    last_prefixes = {
        folded[la : la + n]
        for n in range(opts.min_item, min(lb - la, opts.max_item) + 1)
        if _tail_ok(folded, la + n, lb, opts.tails)
    }
    first = Span(fa, fb)
    for t in sorted(inner_texts | last_prefixes, key=len, reverse=True):
        if (
            fb - fa > len(t)
            and folded[fa:fb].endswith(t)
            and _lead_ok(folded, fa, fb - len(t), lead_ins)
        ):
            first = Span(fb - len(t), fb)
            break
    last = Span(la, lb)
    for t in sorted(inner_texts | {folded[first.start : first.end]}, key=len, reverse=True):
        if (
            lb - la > len(t)
            and folded[la:lb].startswith(t)
            and _tail_ok(folded, la + len(t), lb, opts.tails)
        ):
            last = Span(la, la + len(t))
            break
    return [
        (first, first == Span(fa, fb)),
        *((Span(x, y), True) for x, y in inner),
        (last, last == Span(la, lb) or _tail_ok(folded, last.end, lb, opts.sure_tails)),
    ]


@functools.lru_cache(maxsize=16)
def _lead_rx(lead_ins: str) -> re.Pattern[str] | None:
    return re.compile(rf"(?:{lead_ins})$") if lead_ins else None


def repeated_items(ctx: Context, opts: RepetitionOptions) -> Iterator[tuple[Span, Span]]:
    """(repeated item, its first occurrence) for every enumeration and unit run."""
    folded = ctx.folded
    rhetorical = _optional_rx(opts.rhetorical)
    for m in ctx.finditer(_ENUMERATION):
        if rhetorical is not None and rhetorical.search(m.group()):
            continue
        seen: dict[str, tuple[Span, bool]] = {}
        for it, whole in enumeration_items(folded, m.start(), m.end(), opts):
            key = folded[it.start : it.end]
            if not (opts.min_item <= len(key) <= opts.max_item):
                continue
            if key not in seen:
                seen[key] = (it, whole)
            elif whole or seen[key][1]:  # two trimmed guesses do not make a repeat on their own
                yield it, seen[key][0]
    for m in ctx.finditer(_runs_rx(opts.heads, opts.heads2)):
        unit = next(n for n in (2, 3, 4) if m.group(f"u{n}") is not None)
        units: dict[str, Span] = {}
        for k in range(m.start(), m.end() - unit + 1, unit):
            key = folded[k : k + unit]
            if key in units:
                yield Span(k, k + unit), units[key]
            else:
                units[key] = Span(k, k + unit)


@functools.lru_cache(maxsize=16)
def _optional_rx(pattern: str, suffix: str = "") -> re.Pattern[str] | None:
    return re.compile(f"(?:{pattern}){suffix}") if pattern else None


def doubled_words(ctx: Context, opts: RepetitionOptions) -> Iterator[tuple[Span, Span]]:
    """(second copy, first copy) of each word written twice in a row."""
    folded = ctx.folded
    skip_rx = _optional_rx(opts.skip_unit_pattern)
    before_rx = _optional_rx(opts.improper_before, "$")
    after_rx = _optional_rx(opts.improper_after)
    for m in ctx.finditer(_DOUBLED):
        unit = m.group(1)
        if len(set(unit)) == 1 or unit in opts.skip_units:
            continue
        if skip_rx is not None and skip_rx.fullmatch(unit):
            continue
        if unit in opts.reduplicable:
            improper = (
                before_rx is not None
                and before_rx.search(folded[max(0, m.start() - 4) : m.start()])
            ) or (after_rx is not None and after_rx.match(folded, m.end()))
            if not improper:
                continue
        first = Span(m.start(1), m.end(1))
        yield Span(m.end() - len(unit), m.end()), first
    for ch, exceptions in opts.single.items():
        rx = _single_rx(ch)
        for m in ctx.finditer(rx):
            span = Span(m.start(), m.end())
            if has_exception(folded, span, exceptions, m.group()):
                continue
            yield Span(m.start() + 1, m.end()), Span(m.start(), m.start() + 1)


@functools.lru_cache(maxsize=32)
def _single_rx(ch: str) -> re.Pattern[str]:
    return re.compile(re.escape(ch) * 2)


def repetition(opts: RepetitionOptions, confidence: Confidence, guards: Guards = Guards()) -> Check:
    """Flag the second copy of an item repeated in one enumeration, or of a doubled word."""

    def check(ctx: Context) -> Iterator[Hit]:
        found = (
            repeated_items(ctx, opts) if opts.mode == "enumeration" else doubled_words(ctx, opts)
        )
        for span, first in found:
            if ctx.is_ignored(span):
                continue
            if guards.skip_quotations and in_quoted_passage(ctx, span):
                continue
            yield Hit(
                span,
                data={
                    "text": ctx.text[span.start : span.end],
                    "first": ctx.text[first.start : first.end],
                },
            )

    return check


# -- loading rules from TOML ----------------------------------------------------------------------


def _want(table: Mapping[str, Any], key: str, path: Path) -> Any:
    if key not in table or table[key] in ("", None):
        raise ConfigError(MSG["missing"].format(key=key), path)
    return table[key]


def parse_enum(cls: Any, value: Any, key: str, path: Path) -> Any:
    try:
        return cls(value)
    except ValueError as exc:
        raise ConfigError(MSG["bad_value"].format(key=key, value=value), path) from exc


def compile_regex(pattern: str, path: Path) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(MSG["bad_regex"].format(pattern=pattern, error=exc), path) from exc


def parse_since(value: Any, path: Path) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", str(value))
    if not m:
        raise ConfigError(MSG["bad_value"].format(key="since", value=value), path)
    return int(m.group(1)), int(m.group(2))


def parse_scope(value: Any, path: Path) -> str:
    if value not in ("sentence", "paragraph"):
        raise ConfigError(MSG["bad_value"].format(key="scope", value=value), path)
    return str(value)


def make_entry(
    raw: Mapping[str, Any],
    path: Path,
    *,
    key: str = "wrong",
    data_keys: Iterable[str] = (),
) -> Entry:
    """An :class:`Entry` from one TOML table (``[[swap]]``, ``[[term]]``, a mistake …)."""
    text = str(_want(raw, key, path))
    is_regex = bool(raw.get("regex", False))
    pattern = text if is_regex else re.escape(fold(text))
    if is_regex:
        compile_regex(pattern, path)
    conf = raw.get("confidence")
    sev = raw.get("severity")
    since = raw.get("since")
    return Entry(
        pattern=pattern,
        literal=None if is_regex else fold(text),
        right=str(raw["right"]) if raw.get("right") not in (None, "") else None,
        suggest=bool(raw.get("suggest", True)),
        source=str(raw.get("source", "")),
        confidence=parse_enum(Confidence, conf, "confidence", path) if conf else None,
        severity=parse_enum(Severity, sev, "severity", path) if sev else None,
        note=str(raw.get("note", "")),
        message=str(raw["message"]) if raw.get("message") else None,
        exceptions=tuple(fold(x) for x in raw.get("exceptions", ())),
        context=compile_regex(str(raw["context"]), path) if raw.get("context") else None,
        unless=compile_regex(str(raw["unless"]), path) if raw.get("unless") else None,
        since=parse_since(since, path) if since else None,
        scope=parse_scope(raw.get("scope", "sentence"), path),
        data={k: raw[k] for k in data_keys if k in raw},
    )


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


def _build_check(
    kind: Kind, table: Mapping[str, Any], conf: Confidence, code: str, path: Path
) -> Check:
    meta = table.get("rule", table)

    def part(key: str) -> Any:
        """A data key, at the top of the file or inside the rule table."""
        return table.get(key) if key in table else meta.get(key, [])

    opts = dict(part("options") or {})
    guards = Guards(
        skip_quotations=bool(opts.get("skip_quotations", False)),
        skip_negated=bool(opts.get("skip_negated", False)),
        negation_window=int(opts.get("negation_window", 8)),
    )
    unconfirmed = conf is Confidence.UNCONFIRMED
    if kind in (Kind.EXISTENCE, Kind.SUBSTITUTION):
        key = "swap" if kind is Kind.SUBSTITUTION else "term"
        raws = part(key)
        entries = [
            make_entry(r, path, key="wrong" if kind is Kind.SUBSTITUTION else "text") for r in raws
        ]
        if not entries:
            raise ConfigError(MSG["no_entries"].format(code=code), path)
        dup = [t for t, n in Counter(e.label for e in entries).items() if n > 1]
        if dup:
            raise ConfigError(MSG["duplicate"].format(code=code, text=dup[0]), path)
        lex = Lexicon(entries, include_unconfirmed=unconfirmed)
        return (substitution if kind is Kind.SUBSTITUTION else existence)(lex, conf, guards)
    if kind is Kind.CONSISTENCY:
        groups = []
        for g in part("group"):
            variants = tuple(
                make_entry({**g, **({"text": v} if isinstance(v, str) else v)}, path, key="text")
                for v in _want(g, "variants", path)
            )
            prefer = g.get("prefer")
            idx = None
            if prefer is not None:
                labels = [v if isinstance(v, str) else v.get("text") for v in g["variants"]]
                if prefer not in labels:
                    raise ConfigError(MSG["bad_value"].format(key="prefer", value=prefer), path)
                idx = labels.index(prefer)
            groups.append(Group(variants, idx, str(g.get("name", ""))))
        if not groups:
            raise ConfigError(MSG["no_entries"].format(code=code), path)
        return consistency(groups, conf, guards)
    if kind is Kind.OCCURRENCE:
        quotas = [
            Quota(
                make_entry(t, path, key="text"),
                max=t.get("max"),
                min=t.get("min"),
                scope=str(t.get("scope", "document")),
            )
            for t in part("term")
        ]
        if not quotas:
            raise ConfigError(MSG["no_entries"].format(code=code), path)
        return occurrence(quotas, conf, guards)
    if kind is Kind.REPETITION:
        single = {str(k): tuple(fold(x) for x in v) for k, v in opts.get("single", {}).items()}
        ro = RepetitionOptions(
            mode=str(opts.get("mode", "enumeration")),
            min_item=int(opts.get("min_item", 2)),
            max_item=int(opts.get("max_item", 16)),
            lead_ins=str(opts.get("lead_ins", "")),
            tails=str(opts.get("tails", "")),
            sure_tails=str(opts.get("sure_tails", "")),
            rhetorical=str(opts.get("rhetorical", "")),
            reduplicable=frozenset(_strings(opts.get("reduplicable"))),
            improper_before=str(opts.get("improper_before", "")),
            improper_after=str(opts.get("improper_after", "")),
            skip_units=frozenset(_strings(opts.get("skip_units"))),
            skip_unit_pattern=str(opts.get("skip_unit_pattern", "")),
            single=single,
            heads=str(opts.get("heads", "")),
            heads2=_strings(opts.get("heads2")),
        )
        if ro.mode not in ("enumeration", "doubled"):
            raise ConfigError(MSG["bad_value"].format(key="mode", value=ro.mode), path)
        for p in (ro.lead_ins, ro.rhetorical, ro.improper_before, ro.improper_after):
            if p:
                compile_regex(p, path)
        return repetition(ro, conf, guards)
    raise ConfigError(MSG["python_only"].format(kind=kind.value), path)


def rule_from_table(table: Mapping[str, Any], path: Path) -> Rule:
    """A :class:`Rule` from a rule table (metadata, ``options`` and the kind's entries)."""
    meta = table.get("rule", table)
    code = str(_want(meta, "code", path))
    kind = parse_enum(Kind, _want(meta, "kind", path), "kind", path)
    conf = parse_enum(Confidence, _want(meta, "confidence", path), "confidence", path)
    sev = meta.get("severity")
    enabled = meta.get("enabled")
    return Rule(
        code=code,
        name=str(_want(meta, "name", path)),
        category=parse_enum(Category, _want(meta, "category", path), "category", path),
        confidence=conf,
        message=str(_want(meta, "message", path)),
        rationale=str(_want(meta, "rationale", path)),
        source=str(_want(meta, "source", path)),
        check=_build_check(kind, table, conf, code, path),
        flags=_strings(meta.get("flags")),
        passes=_strings(meta.get("passes")),
        severity=parse_enum(Severity, sev, "severity", path) if sev else None,
        enabled=bool(enabled) if enabled is not None else None,
        fix=str(meta.get("fix", "")),
    )


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(MSG["syntax"].format(error=exc), path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(MSG["unreadable"].format(error=exc), path) from exc


@functools.cache
def load_data(name: str) -> dict[str, Any]:
    """A data file of ``review/data`` by name, parsed once."""
    return read_toml(DATA_DIR / name)


def rules_from_file(path: Path) -> list[Rule]:
    """The rules a TOML file declares (none for a plain dictionary file)."""
    data = read_toml(path) if path.parent != DATA_DIR else load_data(path.name)
    if "rule" in data:
        return [rule_from_table(data, path)]
    return [rule_from_table(t, path) for t in data.get("rules", [])]


def register_data_rules(
    folder: Path = DATA_DIR, register: Callable[[Rule], Rule] = REGISTRY.add
) -> list[Rule]:
    """Register every rule declared in the TOML files of ``folder``."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        for r in rules_from_file(path):
            out.append(register(r))
    return out


DATA_RULES = register_data_rules()
