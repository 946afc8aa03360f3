"""Coverage (意见回应): does a member's material answer each opinion assigned to them?

An opinion is answered when some problem item, cause or measure of the material says the same
thing: the share of the opinion's distinctive character bigrams (weighted by how rare they are in
this material and these opinions, so 问题/群众/不够 count for little) found in one unit reaches
:data:`THRESHOLD`. Synonyms are unified first (下基层 = 下村), and the names and posts of the team
members are removed (an opinion says 镇长, the 镇长's material says 我).

The opinions come from an :class:`OpinionBook`: the JSON written by ``mingjing opinions assign``
(opinions per member, with the roster to recognise whose material it is), or any opinion table
such as a member's own 意见反馈表.xlsx (all of its opinions apply).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mingjing.document import Span
from mingjing.errors import InputError
from mingjing.ingest.sniff import read_bytes
from mingjing.opinions.model import TEAM, Counts
from mingjing.opinions.normalize import canonical
from mingjing.opinions.roster import Member, Roster
from mingjing.structure import Report, SectionKind

MSG = {
    "bad_json": "意见文件不是明镜写出的分派结果（JSON）：{error}",
}

#: Share of an opinion's weighted bigrams one unit must contain to count as answering it (tuned on
#: the example team's materials and opinions; see docs/opinions.md).
THRESHOLD = 0.17
#: Words every opinion is made of; they say nothing about what the opinion is about.
_FILLER = re.compile(
    r"希望|建议|要求|请重视|应该|一定要|问题|群众有意见|有意见|反映|意见|"
    r"一直|很久|好几|多次|太|不够|没有|很少|越来越|到现在|还是"
)
_EMBEDDED = re.compile(
    r"^[ \t\u3000]*【(?:意见|征求意见|待回应意见)】[ \t\u3000]*(.+?)[ \t\u3000]*$", re.M
)


@dataclass(frozen=True, slots=True)
class ToAnswer:
    """An opinion a material must answer: its key (归纳意见3), wording and aspect if known."""

    key: str
    text: str
    aspect: str | None = None
    span: Span | None = None  # where it is written, for opinions embedded in the material


@dataclass(frozen=True, slots=True)
class Answer:
    """How one opinion fares: answered or not, the best unit and the words it shares."""

    opinion: ToAnswer
    answered: bool
    score: float
    unit: Span | None
    unit_kind: str | None
    shared: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OpinionBook:
    """Opinions per assignee (``{}`` key = for any material) and who is who."""

    by_assignee: Mapping[str, tuple[ToAnswer, ...]] = field(default_factory=dict)
    counts: Mapping[str, Counts] = field(default_factory=dict)
    roster: Roster = field(default_factory=Roster)
    source: str = ""

    def owner(self, report: Report) -> str | None:
        """Whose material this is: a member named in the title area, or the team."""
        if "" in self.by_assignee:
            return ""
        return material_owner(report, self.roster)

    def for_report(self, report: Report) -> tuple[str | None, tuple[ToAnswer, ...]]:
        who = self.owner(report)
        if who is None:
            return None, ()
        return who, self.by_assignee.get(who, ())


def material_owner(report: Report, roster: Roster) -> str | None:
    """The assignee a material belongs to: the member named before the first section (title,
    author line, preamble), else the file name; a 班子 material belongs to the team."""
    text = report.text
    first = report.sections[0].span.start if report.sections else min(len(text), 600)
    head = text[:first]
    named = roster.mentions(head)
    if len(named) == 1:
        return named[0]
    title = report.title_block.title.text if report.title_block.title else head[:80]
    if "班子" in title:
        return TEAM
    if len(named) > 1:
        in_title = roster.mentions(title)
        if len(in_title) == 1:
            return in_title[0]
        return named[0]
    path = report.document.path
    if path is not None:
        by_name = roster.mentions(path.stem)
        if len(by_name) == 1:
            return by_name[0]
        if "班子" in path.stem:
            return TEAM
    return None


def embedded_opinions(report: Report) -> tuple[ToAnswer, ...]:
    """Opinions written into the material itself as lines ``【意见】……`` (a drafting aid: paste the
    opinions assigned to you at the top, write, and check before removing them)."""
    out = []
    for k, m in enumerate(_EMBEDDED.finditer(report.text), start=1):
        out.append(ToAnswer(f"意见{k}", m.group(1), None, Span(m.start(1), m.end(1))))
    return tuple(out)


def answering_units(report: Report) -> list[tuple[str, Span]]:
    """Problem items, case analyses, causes and measures (items, or whole parts without items)."""
    units: list[tuple[str, Span]] = []
    kinds = (SectionKind.PROBLEMS, SectionKind.CASES, SectionKind.CAUSES, SectionKind.MEASURES)
    for section in report.sections:
        if section.kind not in kinds:
            continue
        for part in section.parts:
            if part.items:
                units.extend((section.kind.value, i.span) for i in part.items)
                if part.heading_span is not None:
                    units.append((section.kind.value, part.heading_span))
            else:
                units.append((section.kind.value, part.span))
        if not section.parts and section.intro is not None:
            units.append((section.kind.value, section.intro))
    return units


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _prepare(text: str, strip: Iterable[str]) -> str:
    return _FILLER.sub("", canonical(text, strip))


def check_coverage(
    report: Report,
    opinions: Sequence[ToAnswer],
    *,
    roster: Roster | None = None,
    threshold: float = THRESHOLD,
) -> tuple[Answer, ...]:
    """Score every opinion against every unit of the material; see the module docstring."""
    roster = roster or Roster()
    strip = (*roster.words(), "我", "本人")
    units = answering_units(report)
    unit_grams = [_bigrams(_prepare(report.text[s.start : s.end], strip)) for _, s in units]
    op_grams = [_bigrams(_prepare(o.text, strip)) for o in opinions]
    df: Counter[str] = Counter()
    for g in (*unit_grams, *op_grams):
        df.update(g)
    n = len(unit_grams) + len(op_grams)

    def idf(g: str) -> float:
        return math.log((1 + n) / (1 + df[g])) + 1.0

    out = []
    for o, grams in zip(opinions, op_grams, strict=True):
        total = sum(idf(g) for g in grams)
        best = (0.0, -1)
        for k, ug in enumerate(unit_grams):
            if not grams:
                break
            shared = grams & ug
            if shared:
                s = sum(idf(g) for g in shared) / total
                if s > best[0]:
                    best = (s, k)
        score, k = best
        shared_words = (
            tuple(sorted(grams & unit_grams[k], key=lambda g: -idf(g)))[:6] if k >= 0 else ()
        )
        out.append(
            Answer(
                opinion=o,
                answered=score >= threshold,
                score=round(score, 3),
                unit=units[k][1] if k >= 0 else None,
                unit_kind=units[k][0] if k >= 0 else None,
                shared=shared_words,
            )
        )
    return tuple(out)


# --- reading an opinion book ---------------------------------------------------------------------


def book_from_assignment(data: Mapping[str, Any], source: str = "") -> OpinionBook:
    """An opinion book from the JSON of ``mingjing opinions assign`` / ``run``."""
    try:
        members = tuple(
            Member(m["name"], tuple(m.get("posts", ())), tuple(m.get("aliases", ())))
            for m in data["roster"]["members"]
        )
        roster = Roster(members=members, team=data["roster"].get("team", "领导班子"))
        by: dict[str, tuple[ToAnswer, ...]] = {}
        counts: dict[str, Counts] = {}
        for a in data["assignees"]:
            key = a["assignee"]
            by[key] = tuple(
                ToAnswer(f"归纳意见{o['number']}", o["text"], o.get("aspect_title"))
                for o in a["opinions"]
            )
            counts[key] = Counts(int(a["collected"]), int(a["merged"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(MSG["bad_json"].format(error=exc), source or None) from exc
    return OpinionBook(by, counts, roster, source)


def load_book(path: str | Path, *, roster: Roster | None = None) -> OpinionBook:
    """Read the opinions a material must answer: an assignment JSON, or any opinion table (all of
    its opinions then apply to whatever material is checked)."""
    p = Path(path)
    raw = read_bytes(p)
    if p.suffix.lower() == ".json" or raw.lstrip()[:1] in (b"{", b"["):
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(MSG["bad_json"].format(error=exc), p) from exc
        return book_from_assignment(data, str(p))
    from mingjing.opinions.intake import read_opinions
    from mingjing.opinions.merge import merge

    merged = merge(read_opinions(p), roster=roster)
    ops = tuple(ToAnswer(f"意见{c.id}", c.text) for c in merged.clusters)
    return OpinionBook({"": ops}, {"": merged.counts}, roster or Roster(), str(p))


@lru_cache(maxsize=8)
def load_book_cached(path: Path) -> OpinionBook:
    """:func:`load_book` once per process (``mingjing check`` reviews many files with one book)."""
    return load_book(path)
