"""Which framework a material follows, and which aspect each of its problem headings names.

Two questions, asked by the structure parser and the reviewer:

* :func:`match_aspects` — for each heading of the problems section, the aspect of a given
  framework it names (or None), with a score. Tolerant of the ``在……方面`` wrapper, of
  ``存在的差距`` tails, numbering labels, punctuation, full/half width and spaces; a heading
  written freely (``政治站位仍需持续提升。``) is recognised by the aspect's keywords.
* :func:`detect` — the framework the material follows, from its headings (share of aspects
  matched, order) and from cues in its text (year, campaign, 班子/个人/支部/党员), with a
  confidence and reasons in Chinese, plus the headings that name an aspect of another framework.

Everything that depends only on a framework is computed once and kept (keyed by identity), so a
call costs well under a millisecond for a typical material.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from mingjing.errors import ConfigError
from mingjing.frameworks.loader import load_builtin
from mingjing.frameworks.model import Aspect, Audience, Framework
from mingjing.textnorm import fold

__all__ = [
    "AspectMatch",
    "Candidate",
    "Detection",
    "ForeignAspect",
    "detect",
    "find_foreign",
    "heading_key",
    "match_aspects",
]

MESSAGES = {
    "headings": "小标题与“{name}”的 {n} 个对照方面中的 {k} 个对应",
    "headings_extra": "另有 {m} 个小标题不属于该框架",
    "order_ok": "对照方面的顺序与框架一致",
    "order_bad": "对照方面的顺序与框架不一致",
    "incomplete": "该框架只收录了部分对照方面（其余未经证实）",
    "no_headings": "未提供对照方面小标题，仅依据文中线索判断",
    "cue": "文中出现“{cue}”",
    "cue_head": "标题或开头出现“{cue}”",
    "year": "标题或开头出现“{year}年度”",
    "year_body": "文中出现“{year}年度”",
    "year_plain": "标题或开头出现“{year}年”",
    "other_year": "标题或开头写的是其他年度（{years}）",
    "date": "材料中的日期 {date} 在该会议召开期间",
    "meeting": "标题或开头写明“{meeting}”",
    "meeting_mismatch": "标题或开头写的是“{meeting}”，与该框架的会议类型不符",
    "audience": "材料类型看来是“{audience}”",
    "audience_hint": "按指定的材料类型“{audience}”",
    "audience_mismatch": "该框架不适用于“{audience}”材料",
    "tie": "与“{name}”得分接近，请核对年度",
    "bad_hint": "未知的材料类型“{hint}”，可选：个人、班子、支部、党员。",
}

#: Scores at or above this mean "this heading names this aspect".
MATCH_THRESHOLD = 0.5
#: A heading unmatched in the chosen framework is foreign when it names another framework's
#: aspect at least this well.
FOREIGN_THRESHOLD = 0.8
#: A match below this (a keyword or a loose likeness) is weak: the heading is foreign anyway when
#: another framework has an aspect it names at least FOREIGN_OVER_WEAK (its wording, give or
#: take 带头 and punctuation).
WEAK_MATCH = 0.85
FOREIGN_OVER_WEAK = 0.95
#: Below this total score no framework is returned.
DETECT_THRESHOLD = 0.2
#: Characters at the start of the text read as title and preamble.
HEAD_CHARS = 400
#: Characters at the end searched for the signature date.
TAIL_CHARS = 120

# Weights of the total score of a framework.
W_HEADINGS = 0.65
W_ORDER = 0.10
W_CUES = 0.15
W_AUDIENCE = 0.10

_NONWORD = re.compile(r"[\W_]+")
_NUMBERING = re.compile(
    r"^\s*(?:"
    r"[（]\s*[一二三四五六七八九十\d]+\s*[）]"
    r"|第[一二三四五六七八九十\d]+(?:个方面|方面|部分)?[、，：.]?"
    r"|[一二三四五六七八九十]+\s*[、.，]"
    r"|\d+\s*[、.，]"
    r"|[一二三四五六七八九十]+是"
    r")\s*"
)
_SENTENCE_END = re.compile(r"[。：；！？]")
_PREFIXES = ("在", "关于")
_GAP = r"(?:问题|差距|不足|短板)(?:[和与及]?(?:问题|差距|不足|短板))?"
# "……方面", "……方面存在的突出问题", "……方面的差距和不足"
_ASPECT_TAIL = re.compile(
    r"方面(?:上|中)?还?(?:存在|有)?的?(?:突出|主要|较大|明显)?的?(?:" + _GAP + r")?$"
)
# "……上还有差距", "……存在的问题" (a gap word needs 存在/有 before it: 根本问题 stays)
_GAP_TAIL = re.compile(r"(?:上|中)?还?(?:存在|有)的?(?:突出|主要|较大|明显)?的?" + _GAP + "$")
_SITUATION_TAIL = re.compile(r"情况$")
_LOOSE_DROP = ("带头",)
_YEAR_TERM = re.compile(r"(20\d\d)年度")
_YEAR_TAIL = re.compile(r"(20\d\d)\s*$")
_YEAR_PLAIN = re.compile(r"(20\d\d)年")
_DATE = re.compile(r"(20\d\d)年(\d{1,2})月")

# Cues for whose material it is, searched in the compact (punctuation-free) head of the text.
_AUDIENCE_HEAD_CUES: dict[Audience, tuple[str, ...]] = {
    Audience.TEAM: (
        "领导班子对照检查",
        "班子对照检查",
        "领导班子检视剖析",
        "班子检视剖析",
        "领导班子",
    ),
    Audience.BRANCH: ("党支部委员会", "支部委员会", "支委会", "支部班子", "党支部对照检查"),
    Audience.MEMBER: ("党员对照检查", "党员个人对照", "党员个人检视"),
    Audience.PERSONAL: ("个人对照检查", "发言提纲", "个人检视剖析", "个人剖析"),
}


@dataclass(frozen=True, slots=True)
class AspectMatch:
    """The aspect a heading names in one framework.

    ``aspect_index`` is the aspect assigned to this heading (each aspect at most once), None if
    the heading names none. ``exact`` means the wording equals the official title up to the
    ``在……方面`` wrapper, punctuation and width. ``candidate`` is the best aspect even when another
    heading took it (a repeated aspect), with ``candidate_score``.
    """

    heading_index: int
    aspect_index: int | None
    score: float
    exact: bool
    candidate: int | None
    candidate_score: float


@dataclass(frozen=True, slots=True)
class ForeignAspect:
    """A heading that names an aspect of another framework (e.g. a 2023 aspect in a 2025 material)."""

    heading_index: int
    framework: Framework
    aspect_index: int
    score: float

    @property
    def aspect(self) -> Aspect:
        return self.framework.aspects[self.aspect_index]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One framework as scored by :func:`detect`."""

    framework: Framework
    score: float
    matched: int
    heading_fit: float
    cue_score: float
    in_order: bool


@dataclass(frozen=True, slots=True)
class Detection:
    """The framework a material follows, with the evidence.

    ``matched`` pairs (heading index, aspect index) for the chosen framework; ``matches`` has one
    :class:`AspectMatch` per heading; ``missing`` lists aspects no heading names; ``foreign``
    lists headings worded as another framework's aspect (see :func:`find_foreign`; such a heading
    may also be matched here, weakly); ``candidates`` ranks every framework, best first.
    """

    framework: Framework | None
    confidence: float
    matched: tuple[tuple[int, int], ...]
    reasons: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    matches: tuple[AspectMatch, ...]
    missing: tuple[int, ...]
    in_order: bool
    foreign: tuple[ForeignAspect, ...]
    audience: Audience | None


# --- normalisation ----------------------------------------------------------------------


def _compact(text: str) -> str:
    return _NONWORD.sub("", fold(text))


def _strip_wrappers(key: str) -> str:
    had_prefix = False
    for p in _PREFIXES:
        if key.startswith(p) and len(key) > len(p) + 1:
            key = key[len(p) :]
            had_prefix = True
            break
    for tail in (_ASPECT_TAIL, _GAP_TAIL, _SITUATION_TAIL):
        m = tail.search(key)
        if m and m.start() >= 2:
            key = key[: m.start()]
            break
    if had_prefix and key.endswith("上") and len(key) > 2:
        key = key[:-1]
    return key


@lru_cache(maxsize=4096)
def heading_key(heading: str) -> str:
    """The comparable core of a heading: ``（一）在理论学习方面存在的差距。`` → ``理论学习``.

    Drops the numbering label, anything after the first sentence end, punctuation, spaces,
    width differences and the ``在……方面`` / ``……情况`` / ``……存在的问题`` wrappers.
    """
    text = fold(heading).strip()
    text = _NUMBERING.sub("", text, count=1)
    m = _SENTENCE_END.search(text)
    if m and len(_NONWORD.sub("", text[: m.start()])) >= 2:
        text = text[: m.start()]
    return _strip_wrappers(_NONWORD.sub("", text))


def _loose(key: str) -> str:
    """The key without 带头 (often left out of 2022–2025 headings), and any 在 it exposed."""
    for d in _LOOSE_DROP:
        key = key.replace(d, "")
    return key.removeprefix("在")


def _bigrams(s: str) -> frozenset[str]:
    if len(s) < 2:
        return frozenset((s,)) if s else frozenset()
    return frozenset(s[i : i + 2] for i in range(len(s) - 1))


@dataclass(frozen=True, slots=True)
class _PHeading:
    key: str
    loose: str
    bigrams: frozenset[str]
    n: int  # len(bigrams)


@lru_cache(maxsize=4096)
def _prep_heading(heading: str) -> _PHeading:
    key = heading_key(heading)
    grams = _bigrams(key)
    return _PHeading(key, _loose(key), grams, len(grams))


@dataclass(frozen=True, slots=True)
class _PAspect:
    key: str
    loose: str
    bigrams: frozenset[str]
    n: int  # len(bigrams)
    alias: str
    keywords: tuple[str, ...]
    # Bigrams of the title and of every keyword: a heading sharing none cannot match, which
    # settles most pairs with one set operation. None when a one-character keyword exists.
    screen: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class _PFramework:
    framework: Framework
    aspects: tuple[_PAspect, ...]
    cues: tuple[tuple[str, str], ...]  # (compact cue, as written)
    memo: dict[str, tuple[tuple[float, bool], ...]]  # heading key → scores per aspect


_PREPARED: dict[int, _PFramework] = {}
_PREPARED_MAX = 512
_MEMO_MAX = 4096


def _prepare(fw: Framework) -> _PFramework:
    hit = _PREPARED.get(id(fw))
    if hit is not None and hit.framework is fw:
        return hit
    aspects = []
    for a in fw.aspects:
        key = heading_key(a.title)
        alias = _compact(a.alias)
        kws = {_compact(k) for k in a.keywords} | {alias}
        kws.discard("")
        grams = _bigrams(key)
        screen: frozenset[str] | None = grams.union(*(_bigrams(k) for k in kws))
        if any(len(k) < 2 for k in kws) or len(key) < 2:
            screen = None
        aspects.append(
            _PAspect(
                key=key,
                loose=_loose(key) or key,
                bigrams=grams,
                n=len(grams),
                alias=alias,
                keywords=tuple(sorted(kws, key=len, reverse=True)),
                screen=screen,
            )
        )
    cues = tuple((_compact(c), c) for c in fw.cues if _compact(c))
    prepared = _PFramework(fw, tuple(aspects), cues, {})
    if len(_PREPARED) >= _PREPARED_MAX:
        _PREPARED.clear()
    _PREPARED[id(fw)] = prepared
    return prepared


# --- heading ↔ aspect ---------------------------------------------------------------------


_Row = tuple[tuple[float, bool], ...]
_NONE = (0.0, False)
_EXACT = (1.0, True)
_LOOSE = (0.95, False)


def _score(h: _PHeading, a: _PAspect) -> tuple[float, bool]:
    """How well heading ``h`` names aspect ``a`` (0..1) and whether the wording is official."""
    hk = h.key
    if not hk:
        return _NONE
    if hk == a.key:
        return _EXACT
    if a.screen is not None and h.n > 1 and a.screen.isdisjoint(h.bigrams):
        return _NONE
    if h.loose == a.loose:
        return _LOOSE
    best = 0.0
    if len(a.key) >= 3 and a.key in hk:
        best = 0.9
    elif len(hk) >= 4 and hk in a.key and 2 * len(hk) >= len(a.key):
        best = 0.85
    common = len(h.bigrams & a.bigrams)
    if common:
        dice = 1.8 * common / (h.n + a.n)  # 0.9 × Dice coefficient
        if dice > best:
            best = dice
    if best < 0.85:
        if a.alias and a.alias in hk:
            best = 0.85
        else:
            hits = 0
            longest = 0
            for kw in a.keywords:
                if kw in hk:
                    hits += 1
                    if len(kw) > longest:
                        longest = len(kw)
            if hits:
                kw_score = 0.6 + 0.1 * (min(hits, 3) - 1) + 0.02 * min(longest, 10) / 10
                best = max(best, kw_score)
    return best, False


def _rows(pfw: _PFramework, heads: Sequence[_PHeading]) -> list[_Row]:
    """Scores of each heading against each aspect, memoised per framework by heading key
    (official headings recur in almost every material)."""
    memo = pfw.memo
    rows = []
    for h in heads:
        row = memo.get(h.key)
        if row is None:
            row = tuple(_score(h, a) for a in pfw.aspects)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[h.key] = row
        rows.append(row)
    return rows


def _assign(rows: Sequence[_Row]) -> dict[int, int]:
    """Give each aspect to at most one heading: best score first; among equals, the aspect in
    the heading's own position."""
    pairs = [
        (s, i, j)
        for i, row in enumerate(rows)
        for j, (s, _) in enumerate(row)
        if s >= MATCH_THRESHOLD
    ]
    pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2]), p[1]))
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _s, i, j in pairs:
        if i in assigned or j in taken:
            continue
        assigned[i] = j
        taken.add(j)
    return assigned


def _to_matches(rows: Sequence[_Row], assigned: dict[int, int]) -> tuple[AspectMatch, ...]:
    out = []
    for i, row in enumerate(rows):
        best_j: int | None = None
        best_s = 0.0
        for k, (s, _) in enumerate(row):
            if s > best_s:
                best_j, best_s = k, s
        cand = best_j if best_s >= MATCH_THRESHOLD else None
        j = assigned.get(i)
        if j is None:
            out.append(AspectMatch(i, None, 0.0, False, cand, best_s if cand is not None else 0.0))
        else:
            score, exact = row[j]
            out.append(AspectMatch(i, j, round(score, 4), exact, cand, round(best_s, 4)))
    return tuple(out)


def _match(pfw: _PFramework, heads: Sequence[_PHeading]) -> tuple[AspectMatch, ...]:
    rows = _rows(pfw, heads)
    return _to_matches(rows, _assign(rows))


def match_aspects(framework: Framework, headings: Sequence[str]) -> tuple[AspectMatch, ...]:
    """For each heading, the aspect of ``framework`` it names (or None), with a score.

    Each aspect is given to at most one heading (the best one); a heading that repeats an aspect
    gets None and keeps the aspect as ``candidate``.
    """
    return _match(_prepare(framework), [_prep_heading(h) for h in headings])


def _longest_increasing(seq: Sequence[int]) -> int:
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def in_order(matches: Sequence[AspectMatch]) -> bool:
    """Whether the matched aspects appear in the framework's order."""
    seq = [m.aspect_index for m in matches if m.aspect_index is not None]
    return all(a < b for a, b in pairwise(seq))


def missing_aspects(framework: Framework, matches: Sequence[AspectMatch]) -> tuple[int, ...]:
    """Indices of the framework's aspects that no heading names."""
    found = {m.aspect_index for m in matches}
    return tuple(j for j in range(len(framework.aspects)) if j not in found)


def find_foreign(
    framework: Framework,
    headings: Sequence[str],
    matches: Sequence[AspectMatch] | None = None,
    frameworks: Sequence[Framework] | None = None,
) -> tuple[ForeignAspect, ...]:
    """Headings worded as an aspect of another framework (another year, or 班子 for 个人 …).

    Two kinds: a heading that names no aspect of ``framework`` but clearly names another
    framework's; and a heading only weakly matched here (by a keyword, in the place of one of
    this framework's aspects) that is word for word another framework's aspect — e.g.
    ``在带头发扬斗争精神方面`` (2022) standing where 2023 has ``担当作为方面``. The latter keeps
    its match in ``matches``: it fills that place, with the wrong framework's wording.
    """
    pool = load_builtin() if frameworks is None else frameworks
    if matches is None:
        matches = match_aspects(framework, headings)
    heads = [_prep_heading(h) for h in headings]
    out = []
    for m in matches:
        if m.aspect_index is None:
            if m.candidate is not None:  # repeats an aspect of this framework
                continue
            need = FOREIGN_THRESHOLD
        elif m.exact or m.score >= WEAK_MATCH:
            continue
        else:
            need = max(FOREIGN_OVER_WEAK, m.score + 0.2)
        h = heads[m.heading_index]
        best: ForeignAspect | None = None
        for other in pool:
            if other.id == framework.id:
                continue
            for j, a in enumerate(_prepare(other).aspects):
                s, _ = _score(h, a)
                if s >= need and (best is None or s > best.score):
                    best = ForeignAspect(m.heading_index, other, j, round(s, 4))
        if best is not None:
            out.append(best)
    return tuple(out)


# --- text cues ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _TextCues:
    head: str  # folded, compact
    body: str  # the text as written
    head_years: frozenset[int]
    body_years: frozenset[int]
    head_plain_years: frozenset[int]
    dates: tuple[date, ...]
    organisational: bool | None  # True: 组织生活会, False: 民主生活会, None: not said
    special: bool
    audience: dict[Audience, float]
    found: dict[str, int]  # cue → 2 in the head, 1 elsewhere, 0 absent (frameworks share cues)

    def where(self, cue: str, shown: str) -> int:
        hit = self.found.get(cue)
        if hit is None:
            if cue in self.head:
                hit = 2
            elif cue in self.body or (shown != cue and shown in self.body):
                hit = 1
            else:
                hit = 0
            self.found[cue] = hit
        return hit


def _years_before(text: str, word: str) -> frozenset[int]:
    """Years written just before ``word`` (``2024年度``, ``２０２４ 年度``), found with str.find."""
    years = set()
    i = text.find(word)
    while i != -1:
        m = _YEAR_TAIL.search(fold(text[max(0, i - 6) : i]))
        if m:
            years.add(int(m.group(1)))
        i = text.find(word, i + len(word))
    return frozenset(years)


def _read_cues(text: str) -> _TextCues:
    # Only the head and the tail are folded and compacted: folding costs ~0.1 µs a character,
    # and the body is searched as written.
    head = _compact(text[:HEAD_CHARS])
    tail = _compact(text[-TAIL_CHARS:])
    head_years = frozenset(int(y) for y in _YEAR_TERM.findall(head))
    body_years = _years_before(text, "年度")
    head_plain = frozenset(int(y) for y in _YEAR_PLAIN.findall(head[:120]))
    dates: list[date] = []
    for y, mo in (*_DATE.findall(head[:200]), *_DATE.findall(tail)):
        if 1 <= int(mo) <= 12:
            dates.append(date(int(y), int(mo), 15))
    org: bool | None = None
    if "组织生活会" in head:
        org = True
    elif "民主生活会" in head:
        org = False
    special = "专题" in head and "生活会" in head
    aud = {a: 0.0 for a in Audience}
    for a, cues in _AUDIENCE_HEAD_CUES.items():
        if any(c in head for c in cues):
            aud[a] = 1.0
    if not any(aud.values()):
        # No explicit title: first person singular points to 个人/党员, plural to 班子/支部.
        we = text.count("我们") + text.count("班子成员")
        i_count = text.count("我") + text.count("本人") - text.count("我们")
        if i_count >= 3 and i_count > 2 * we:
            aud[Audience.PERSONAL] = aud[Audience.MEMBER] = 0.5
        elif we >= 3 and we > i_count:
            aud[Audience.TEAM] = aud[Audience.BRANCH] = 0.5
    if org is True and aud[Audience.PERSONAL] and not aud[Audience.MEMBER]:
        aud[Audience.MEMBER] = aud[Audience.PERSONAL]
    return _TextCues(
        head, text, head_years, body_years, head_plain, tuple(dates), org, special, aud, {}
    )


def _say(reasons: list[str] | None, message: str) -> None:
    if reasons is not None:
        reasons.append(message)


def _cue_score(pfw: _PFramework, tc: _TextCues, reasons: list[str] | None) -> float:
    fw = pfw.framework
    theme = 0.0
    for cue, shown in pfw.cues:
        where = tc.where(cue, shown)
        if where == 2:
            theme += 0.5
            _say(reasons, MESSAGES["cue_head"].format(cue=shown))
        elif where == 1:
            theme += 0.2
            _say(reasons, MESSAGES["cue"].format(cue=shown))
        if theme >= 0.6:
            break
    s = min(theme, 0.6)
    if fw.year in tc.head_years:
        s += 0.4
        _say(reasons, MESSAGES["year"].format(year=fw.year))
    elif tc.head_years:
        s -= 0.3
        _say(
            reasons,
            MESSAGES["other_year"].format(
                years="、".join(f"{y}年度" for y in sorted(tc.head_years))
            ),
        )
    elif fw.year in tc.head_plain_years:
        s += 0.2
        _say(reasons, MESSAGES["year_plain"].format(year=fw.year))
    elif fw.year in tc.body_years:
        s += 0.1
        _say(reasons, MESSAGES["year_body"].format(year=fw.year))
    if fw.held is not None:
        for d in tc.dates:
            if fw.held.contains(d, slack_days=31):
                s += 0.2
                _say(reasons, MESSAGES["date"].format(date=f"{d.year}年{d.month}月"))
                break
    if tc.organisational is not None:
        said = "组织生活会" if tc.organisational else "民主生活会"
        if fw.meeting.is_organisational == tc.organisational:
            s += 0.2
            _say(reasons, MESSAGES["meeting"].format(meeting=said))
        else:
            s -= 0.3
            _say(reasons, MESSAGES["meeting_mismatch"].format(meeting=said))
    return max(-1.0, min(1.0, s))


def _parse_hint(hint: str | Audience | None) -> Audience | None:
    if hint is None or isinstance(hint, Audience):
        return hint
    names = {
        "personal": Audience.PERSONAL,
        "team": Audience.TEAM,
        "branch": Audience.BRANCH,
        "member": Audience.MEMBER,
    }
    h = hint.strip()
    if h in names:
        return names[h]
    try:
        return Audience(h)
    except ValueError:
        raise ConfigError(MESSAGES["bad_hint"].format(hint=hint)) from None


# --- detection ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scored:
    candidate: Candidate
    rows: list[_Row]
    assigned: dict[int, int]


def _score_framework(
    pfw: _PFramework,
    heads: Sequence[_PHeading],
    tc: _TextCues,
    hint: Audience | None,
    reasons: list[str] | None = None,
) -> _Scored:
    """Score one framework; fill ``reasons`` (Chinese) only when asked, for the winner."""
    fw = pfw.framework
    rows = _rows(pfw, heads)
    assigned = _assign(rows)
    seq = [assigned[i] for i in sorted(assigned)]
    fit = order = 0.0
    ordered = True
    if seq:
        total_s = sum(rows[i][j][0] for i, j in assigned.items())
        n_a = len(fw.aspects)
        coverage = total_s / n_a
        precision = total_s / (len(heads) if fw.complete else min(len(heads), n_a))
        fit = 2 * coverage * precision / (coverage + precision)
        if not fw.complete:
            fit *= 0.8
        order = _longest_increasing(seq) / len(seq)
        ordered = order == 1.0
        _say(reasons, MESSAGES["headings"].format(name=fw.name, n=n_a, k=len(seq)))
        extra = len(heads) - len(seq)
        if extra and fw.complete:
            _say(reasons, MESSAGES["headings_extra"].format(m=extra))
        if not fw.complete:
            _say(reasons, MESSAGES["incomplete"])
        if len(seq) > 1:
            _say(reasons, MESSAGES["order_ok"] if ordered else MESSAGES["order_bad"])
    cue = _cue_score(pfw, tc, reasons)
    if hint is not None:
        aud = 1.0 if hint in fw.audience else 0.0
        _say(
            reasons,
            MESSAGES["audience_hint" if aud else "audience_mismatch"].format(audience=hint.value),
        )
        aud_weight = 2 * W_AUDIENCE
    else:
        aud = max(tc.audience[a] for a in fw.audience)
        if aud:
            best_a = max(fw.audience, key=lambda a: tc.audience[a])
            _say(reasons, MESSAGES["audience"].format(audience=best_a.value))
        aud_weight = W_AUDIENCE
    total = W_HEADINGS * fit + W_ORDER * order * fit + W_CUES * cue + aud_weight * aud
    if hint is not None and not aud:
        total -= W_AUDIENCE
    cand = Candidate(
        framework=fw,
        score=round(max(0.0, min(1.0, total)), 4),
        matched=len(seq),
        heading_fit=round(fit, 4),
        cue_score=round(cue, 4),
        in_order=ordered,
    )
    return _Scored(cand, rows, assigned)


def detect(
    text: str,
    aspect_headings: Sequence[str],
    *,
    audience_hint: str | Audience | None = None,
    frameworks: Sequence[Framework] | None = None,
) -> Detection:
    """The framework a material follows.

    ``text`` is the material's canonical text (title, preamble, dates, campaign names …);
    ``aspect_headings`` are the headings found under its problems section, in order.
    ``audience_hint`` (个人/班子/支部/党员, or personal/team/branch/member) restricts the choice
    to frameworks for that audience when the caller knows it.
    """
    everything = load_builtin() if frameworks is None else tuple(frameworks)
    hint = _parse_hint(audience_hint)
    pool = everything
    if hint is not None:
        pool = tuple(fw for fw in everything if hint in fw.audience) or everything
    heads = [_prep_heading(h) for h in aspect_headings]
    tc = _read_cues(text)
    scored = [_score_framework(_prepare(fw), heads, tc, hint) for fw in pool]
    scored.sort(
        key=lambda s: (-s.candidate.score, -s.candidate.matched, s.candidate.framework.year)
    )
    candidates = tuple(s.candidate for s in scored)
    audience = hint if hint is not None else _best_audience(tc)
    if not scored or scored[0].candidate.score < DETECT_THRESHOLD:
        return Detection(
            framework=None,
            confidence=0.0,
            matched=(),
            reasons=(MESSAGES["no_headings"],) if not heads else (),
            candidates=candidates,
            matches=tuple(AspectMatch(i, None, 0.0, False, None, 0.0) for i in range(len(heads))),
            missing=(),
            in_order=True,
            foreign=(),
            audience=audience,
        )
    best = scored[0]
    runner_up = scored[1].candidate.score if len(scored) > 1 else 0.0
    margin = best.candidate.score - runner_up
    confidence = best.candidate.score * (0.5 + 0.5 * min(1.0, margin / 0.15))
    reasons: list[str] = []
    _score_framework(_prepare(best.candidate.framework), heads, tc, hint, reasons)
    if not heads:
        reasons.insert(0, MESSAGES["no_headings"])
    if len(scored) > 1 and margin < 0.05:
        reasons.append(MESSAGES["tie"].format(name=scored[1].candidate.framework.name))
    fw = best.candidate.framework
    matches = _to_matches(best.rows, best.assigned)
    return Detection(
        framework=fw,
        confidence=round(max(0.0, min(1.0, confidence)), 4),
        matched=tuple(
            (m.heading_index, m.aspect_index) for m in matches if m.aspect_index is not None
        ),
        reasons=tuple(reasons),
        candidates=candidates,
        matches=matches,
        missing=missing_aspects(fw, matches),
        in_order=best.candidate.in_order,
        foreign=find_foreign(fw, aspect_headings, matches, everything) if heads else (),
        audience=audience,
    )


def _best_audience(tc: _TextCues) -> Audience | None:
    best = max(Audience, key=lambda a: tc.audience[a])
    return best if tc.audience[best] > 0 else None
