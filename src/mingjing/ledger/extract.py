"""From a parsed material to ledger items (整改台账条目).

Each measure part (``（一）强化理论武装``) of the measures section is split into its sub-measures
(the inline ``一是……二是……``); every sub-measure becomes one row, linked to the aspect and the
problem it answers (:mod:`mingjing.ledger.link`), with its owner (:mod:`mingjing.ledger.owner`) and
deadline (:mod:`mingjing.ledger.deadline`). The aspects of the problem headings and the verdict on
which aspects the measures leave unanswered come from the reviewer itself
(:func:`mingjing.review.review` and rule MJ951), so the ledger and the review never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mingjing.document import Span
from mingjing.frameworks.detect import heading_key
from mingjing.frameworks.model import Audience
from mingjing.ledger.deadline import BaseYear, parse_deadline, rectification_year
from mingjing.ledger.link import AspectTarget, BigramSpace, link_measure, strip_marker
from mingjing.ledger.model import (
    AspectCoverage,
    Deadline,
    DeadlineKind,
    Ledger,
    LedgerItem,
    Material,
    OwnerBasis,
    ProblemRef,
    Status,
)
from mingjing.ledger.owner import author_of, responsibility, short_post, strip_responsibility
from mingjing.review import ReviewResult, review
from mingjing.review.context import Context
from mingjing.review.rules.specificity import aspect_words, unanswered_aspect
from mingjing.review.rules.structure import assignment
from mingjing.structure import Item, Part, Report, SectionKind
from mingjing.textnorm import fold

__all__ = ["extract", "extract_many"]

MSG = {
    "no_measures": "{name}：没有找到整改措施部分（三、整改措施 / 下步打算 / 努力方向），未生成台账条目",
    "unanswered": "{name}：“{aspect}”方面查摆了问题，但整改措施中没有点明该方面的措施",
    "no_owner": "{name}：没有识别出责任人，请在台账中填写",
    "no_author": "{name}：材料中没有写明作者姓名，责任人暂记为材料作者，请在台账中填写",
    "owner_from_file": "{name}：责任人“{owner}”取自文件名，请核对",
    "missing_deadlines": "{name}：{n} 条措施没有写明完成时限",
    "no_framework": "{name}：未识别出对照框架，方面按问题部分的小标题对应",
    "inherited": "时限取自措施标题或引言",
}

_SENTENCE_END = "。！？；"
_COLLECTIVE = (Audience.TEAM, Audience.BRANCH)


@dataclass(frozen=True, slots=True)
class _Sub:
    text: str
    first: str
    marker: str | None
    span: Span


def _clip(report: Report, item_span: Span, inline: bool, last: bool) -> Span:
    """An item's own text: inline items (``一是``) end with their paragraph, and so does the last
    item of a section (which would otherwise swallow the closing paragraphs)."""
    if not (inline or last):
        return item_span
    doc = report.document
    i = doc.paragraph_index_at(item_span.start)
    if i is None:
        return item_span
    end = min(item_span.end, doc.paragraphs[i].span.end)
    return Span(item_span.start, end)


def _first_sentence(text: str) -> str:
    for i, ch in enumerate(fold(text)):
        if ch in _SENTENCE_END:
            return text[: i + 1]
    return text


def _subs(report: Report, part: Part, last_part: bool) -> list[_Sub]:
    text = report.text
    out: list[_Sub] = []
    for k, item in enumerate(part.items):
        inline = item.token is None or not item.token.line_start
        span = _clip(report, item.span, inline, last_part and k == len(part.items) - 1)
        raw = text[span.start : span.end].strip()
        body = strip_responsibility(strip_marker(raw))
        out.append(_Sub(body, _first_sentence(raw), item.marker, span))
    if not out:  # a measure written as one paragraph, without 一是/二是
        start = part.heading_span.end if part.heading_span else part.span.start
        span = _clip(report, Span(start, part.span.end), True, True)
        raw = text[span.start : span.end].strip().lstrip("。．.，,：: ")
        if raw:
            body = strip_responsibility(raw)
            out.append(_Sub(body, _first_sentence(raw), None, span))
    return out


def _problem_label(part: Part, item: Item) -> str:
    return f"{part.label or ''}{item.marker or ''}"


def _targets(report: Report, ctx: Context) -> list[AspectTarget]:
    fw = ctx.framework
    found = assignment(ctx) if fw is not None else None
    parts = [p for p in ctx.problem_parts if p.heading is not None]
    names: list[str] = []
    words: list[tuple[str, ...]] = []
    for i, part in enumerate(parts):
        a = found.aspects[i] if found is not None and i < len(found.aspects) else None
        if fw is not None and a is not None:
            aspect = fw.aspects[a]
            names.append(aspect.alias)
            # the reviewer's word set (MJ951): alias and keywords of two characters or more
            words.append(aspect_words(aspect))
        else:
            key = heading_key(part.heading or "") or (part.heading or "").strip()
            names.append(key)
            words.append((fold(key),) if len(key) >= 2 else ())
    out: list[AspectTarget] = []
    for n, (part, name, ws) in enumerate(zip(parts, names, words, strict=True), start=1):
        refs: list[ProblemRef] = []
        texts: list[str] = []
        for k, item in enumerate(part.items, start=1):
            span = _clip(report, item.span, True, False)
            raw = report.text[span.start : span.end].strip()
            first = strip_marker(_first_sentence(raw)).rstrip("。；;")
            refs.append(ProblemRef(name, n, k, _problem_label(part, item), first, span))
            texts.append(raw)
        out.append(AspectTarget(name, ws, tuple(refs), tuple(texts)))
    return out


def _is_collective(report: Report, result: ReviewResult) -> bool:
    det = result.detection
    if det is not None and det.audience is not None:
        return det.audience in _COLLECTIVE
    fw = result.framework
    if fw is not None and set(fw.audience) <= set(_COLLECTIVE):
        return True
    title = report.title_block.title.text if report.title_block.title else report.text[:80]
    return "班子" in title or "支部委员会" in title


def _inherited_deadline(report: Report, part: Part, base: BaseYear) -> Deadline | None:
    pieces = [part.heading or ""]
    if part.intro is not None:
        pieces.append(report.text[part.intro.start : part.intro.end])
    d = parse_deadline("".join(pieces), base)
    if d.kind is DeadlineKind.MISSING:
        return None
    return Deadline(
        d.kind, d.due, d.text, d.period, "；".join(x for x in (d.note, MSG["inherited"]) if x)
    )


def _initial_status(deadline: Deadline) -> Status:
    if deadline.kind in (DeadlineKind.LONG_TERM, DeadlineKind.PERIODIC):
        return Status.LONG_TERM
    return Status.NOT_STARTED


def extract(
    report: Report,
    result: ReviewResult | None = None,
    *,
    source: str | None = None,
) -> Ledger:
    """The ledger items of one material (see the module doc).

    ``result`` is the material's review (computed when not given); ``source`` names the material
    in the ledger (default: the file name).
    """
    result = result if result is not None else review(report)
    ctx = Context(report, result.detection)
    doc = report.document
    name = source or doc.name
    stem = Path(name).stem if source is None else name
    warnings: list[str] = []
    fw = ctx.framework
    if fw is None:
        warnings.append(MSG["no_framework"].format(name=name))
    targets = _targets(report, ctx)
    sections = report.sections_of(SectionKind.MEASURES)
    measures_text = "".join(report.text[s.span.start : s.span.end] for s in sections)
    base = rectification_year(ctx.date, measures_text)

    collective = _is_collective(report, result)
    author = author_of(report, doc.path.name if doc.path else None)
    default_owner: str | None
    if collective:
        default_owner, default_basis = None, OwnerBasis.MISSING
    elif author.name:
        default_owner = author.name
        default_basis = OwnerBasis.FILENAME if author.from_filename else OwnerBasis.AUTHOR
    elif author.post:
        default_owner, default_basis = short_post(author.post), OwnerBasis.POST
    else:  # a personal material whose author's name the text does not give
        default_owner, default_basis = None, OwnerBasis.AUTHOR

    subs_by_part: list[tuple[int, Part, list[_Sub]]] = []
    all_parts = [p for s in sections for p in s.parts]
    for n, part in enumerate(all_parts, start=1):
        subs_by_part.append((n, part, _subs(report, part, n == len(all_parts))))
    space = BigramSpace(
        [t for target in targets for t in target.texts]
        + [f"{p.heading or ''}{s.text}" for _, p, subs in subs_by_part for s in subs]
    )

    items: list[LedgerItem] = []
    for n, part, subs in subs_by_part:
        part_span = Span(part.span.start, subs[-1].span.end if subs else part.span.end)
        assignee = responsibility(report.text[part_span.start : part_span.end])
        inherited = _inherited_deadline(report, part, base)
        heading = (part.heading or "").strip().rstrip("。．.；;：:")
        for k, sub in enumerate(subs, start=1):
            link = link_measure(heading, sub.first, sub.text, targets, space)
            deadline = parse_deadline(sub.text, base)
            if deadline.kind is DeadlineKind.MISSING and inherited is not None:
                deadline = inherited
            owner: str | None = default_owner
            basis = default_basis
            if assignee.leaders:
                owner, basis = assignee.leaders, OwnerBasis.NAMED
            items.append(
                LedgerItem(
                    id=f"{stem}#{n}.{k}",
                    source=name,
                    measure_no=n,
                    sub_no=k,
                    measure_title=heading,
                    text=sub.text,
                    marker=sub.marker,
                    span=sub.span,
                    link=link,
                    owner=owner,
                    owner_basis=basis,
                    unit=assignee.units,
                    deadline=deadline,
                    status=_initial_status(deadline),
                )
            )

    unanswered: set[str] = set()
    if fw is not None and sections:
        unanswered = {str(h.data.get("aspect")) for h in unanswered_aspect(ctx)}
    coverage: list[AspectCoverage] = []
    for t in targets:
        if not t.problems:
            continue
        linked = sum(1 for i in items if i.link.aspect == t.name)
        if fw is not None and sections:
            answered = t.name not in unanswered
        else:
            answered = any(i.link.word and i.link.aspect == t.name for i in items)
        coverage.append(AspectCoverage(name, t.name, len(t.problems), linked, answered))
        if not answered:
            warnings.append(MSG["unanswered"].format(name=name, aspect=t.name))
    if not sections:
        warnings.append(MSG["no_measures"].format(name=name))
    if items and all(i.owner is None for i in items):
        key = "no_author" if default_basis is OwnerBasis.AUTHOR else "no_owner"
        warnings.append(MSG[key].format(name=name))
    elif default_basis is OwnerBasis.FILENAME and any(
        i.owner_basis is OwnerBasis.FILENAME for i in items
    ):
        warnings.append(MSG["owner_from_file"].format(name=name, owner=default_owner))
    missing = sum(1 for i in items if i.deadline.missing)
    if missing:
        warnings.append(MSG["missing_deadlines"].format(name=name, n=missing))
    material = Material(
        name=name,
        path=str(doc.path) if doc.path else None,
        owner=default_owner,
        framework=fw.name if fw else None,
        base_year=base.year,
        base_year_note=base.note,
        aspects=tuple(fw.aspects[i].alias for i in range(len(fw.aspects)))
        if fw
        else tuple(t.name for t in targets),
    )
    return Ledger(tuple(items), tuple(coverage), (material,), tuple(warnings))


def combine(ledgers: Iterable[Ledger]) -> Ledger:
    """One ledger from the ledgers of several materials (in the given order)."""
    ls = list(ledgers)
    return Ledger(
        tuple(i for x in ls for i in x.items),
        tuple(c for x in ls for c in x.coverage),
        tuple(m for x in ls for m in x.materials),
        tuple(w for x in ls for w in x.warnings),
    )


def extract_many(reports: Sequence[Report]) -> Ledger:
    return combine(extract(r) for r in reports)
