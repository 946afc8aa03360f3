"""The review report as one self-contained HTML file (``mingjing check --format html``).

One file per run, with no network access at all (inline CSS and JS, a Content-Security-Policy
that forbids loading anything): the document with every finding highlighted by severity, a
findings list that jumps to the highlights and back, filters by severity and category, the outline
(sections, aspects, items with their finding counts; problem items without a concrete instance
marked), and a print stylesheet. Several materials get a table of contents and a summary table.

All text is user data and is escaped; nothing here computes findings.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from mingjing.document import Region, Span
from mingjing.render.findings import SECTION_NAMES, context_of, line_of
from mingjing.review.engine import Category, Finding, Severity
from mingjing.review.runner import ReviewResult
from mingjing.structure.model import Item, Part, Report, Section, SectionKind

__all__ = ["MSG", "render_html", "write_html"]

MSG = {
    "title": "明镜 · 对照检查材料审核报告",
    "title_one": "审核报告 · {name}",
    "brand": "明镜",
    "subtitle": "对照检查材料审核报告",
    "generated": "生成于 {time} · 共 {n} 份材料 · 本报告为离线文件，不联网",
    "toc": "材料一览",
    "col_material": "材料",
    "col_framework": "对照框架",
    "col_error": "错误",
    "col_warning": "警告",
    "col_info": "提示",
    "col_specificity": "有事例的问题条目",
    "total": "合计",
    "no_framework": "未能确定",
    "framework": "对照框架：{name}",
    "confidence": "可信度 {conf:.0%}",
    "filters": "筛选",
    "severity": "级别",
    "category": "类别",
    "reset": "全部显示",
    "shown": "显示 {shown} / {total} 条",
    "findings": "审核意见",
    "findings_count": "{n} 条",
    "outline": "结构",
    "document": "原文",
    "clean": "未发现问题。",
    "line": "第{n}行",
    "suggestion": "建议：",
    "no_instance": "无事例",
    "missing_aspects": "缺少的方面：",
    "aspect_exact": "规范表述",
    "aspect_loose": "表述与通知不一致",
    "foreign": "其他年度的方面",
    "no_sections": "未识别出“存在的问题”等部分。",
    "title_block": "标题与前言",
    "specificity": "有具体事例：{with_instance} / {items} 条（{share}）",
    "specificity_none": "未识别出问题条目",
    "warnings": "读取提示",
    "pin": "此处",
    "back": "回到意见",
    "print": "打印",
    "empty_doc": "（空文档）",
}

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_TEMPLATES = "templates"


def _asset(name: str) -> str:
    return resources.files("mingjing.render").joinpath(_TEMPLATES, name).read_text("utf-8")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _share(num: int, den: int) -> str:
    return f"{num / den:.0%}" if den else "—"


# --- the document with highlights --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Anchor:
    """An element inserted at a canonical offset: a finding's start or a heading's target."""

    offset: int
    html: str


def _line_classes(report: Report) -> dict[int, str]:
    """Line number (0-based) → CSS class for headings and the title."""
    text = report.text
    classes: dict[int, str] = {}

    def line(offset: int) -> int:
        return text.count("\n", 0, offset)

    tb = report.title_block
    if tb.title is not None:
        classes[line(tb.title.span.start)] = "ln-title"
    for s in report.sections:
        classes[line(s.heading_span.start)] = "ln-h1"
        for p in s.parts:
            if p.heading_span is not None:
                classes.setdefault(line(p.heading_span.start), "ln-h2")
    return classes


def _table_lines(report: Report) -> set[int]:
    """Line numbers (0-based) of paragraphs that sit in table cells (.docx input)."""
    text = report.text
    lines: set[int] = set()
    for para in report.document.paragraphs:
        if para.region is Region.TABLE:
            first = text.count("\n", 0, para.span.start)
            lines.update(range(first, first + para.span.of(text).count("\n") + 1))
    return lines


def _document_html(
    mid: str, report: Report, findings: Sequence[Finding], anchors: Sequence[_Anchor]
) -> str:
    text = report.text
    n = len(text)
    spans = [(max(0, min(f.span.start, n)), max(0, min(f.span.end, n))) for f in findings]
    by_offset: dict[int, list[str]] = {}
    for anchor in anchors:
        by_offset.setdefault(min(anchor.offset, n), []).append(anchor.html)
    for i, (f, (s, e)) in enumerate(zip(findings, spans, strict=True)):
        fid = f"{mid}-f{i}"
        if s == e:
            pin = (
                f'<a class="pin sev-{f.severity.value}" id="{fid}" href="#{mid}-l{i}" '
                f'data-f="{fid}" title="{_e(f.message)}">{_e(MSG["pin"])}</a>'
            )
            by_offset.setdefault(s, []).append(pin)
        else:
            by_offset.setdefault(s, []).append(f'<span class="anchor" id="{fid}"></span>')

    classes = _line_classes(report)
    table_lines = _table_lines(report)
    out: list[str] = []
    in_table = False
    start = 0
    for number, line in enumerate(text.split("\n")):
        if (number in table_lines) != in_table:
            in_table = not in_table
            out.append('<div class="tbl">' if in_table else "</div>")
        end = start + len(line)
        cuts = {start, end}
        cuts.update(o for o in by_offset if start <= o <= end)
        live = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
        for i in live:
            s, e = spans[i]
            cuts.update(c for c in (s, e) if start < c < end)
        points = sorted(cuts)
        parts: list[str] = []
        for a, b in zip(points, [*points[1:], None], strict=True):
            parts.extend(by_offset.get(a, ()))
            if b is None:
                break
            chunk = _e(text[a:b])
            active = [i for i in live if spans[i][0] <= a and spans[i][1] >= b]
            if active:
                ids = " ".join(f"{mid}-f{i}" for i in active)
                worst = min((findings[i].severity for i in active), key=lambda s: s.rank)
                tip = "\n".join(
                    f"{findings[i].severity.label} {findings[i].rule}：{findings[i].message}"
                    for i in active
                )
                parts.append(
                    f'<mark class="hl sev-{worst.value}" data-f="{ids}" '
                    f'title="{_e(tip)}">{chunk}</mark>'
                )
            else:
                parts.append(chunk)
        cls = "ln-cell" if in_table else classes.get(number, "")
        if not line.strip():
            cls = (cls + " ln-blank").strip()
        attr = f' class="{cls}"' if cls else ""
        out.append(f'<p{attr} data-line="{number + 1}">{"".join(parts)}</p>')
        start = end + 1
    if in_table:
        out.append("</div>")
    if not text:
        out.append(f'<p class="ln-blank">{_e(MSG["empty_doc"])}</p>')
    return "\n".join(out)


# --- findings list -----------------------------------------------------------------------------


def _finding_html(mid: str, i: int, f: Finding, text: str) -> str:
    before, flagged, after = context_of(text, f)
    sev = f.severity.value
    parts = [
        f'<li class="finding sev-{sev}" id="{mid}-l{i}" data-id="{mid}-f{i}" '
        f'data-sev="{sev}" data-cat="{_e(f.category.value)}" data-rule="{_e(f.rule)}" '
        f'data-start="{f.span.start}" data-end="{f.span.end}">',
        '<div class="f-head">',
        f'<span class="badge sev-{sev}">{_e(f.severity.label)}</span>',
        f'<span class="chip">{_e(f.category.label)}</span>',
        f'<span class="rule">{_e(f.rule)} {_e(f.name)}</span>',
        f'<a class="jump" href="#{mid}-f{i}">{_e(MSG["line"].format(n=line_of(text, f.span.start)))}</a>',
        "</div>",
        f'<p class="f-msg">{_e(f.message)}</p>',
        '<p class="f-quote">'
        f'<span>{_e(before)}</span><mark class="sev-{sev}">{_e(flagged) or "▲"}</mark>'
        f"<span>{_e(after)}</span></p>",
    ]
    if f.suggestion:
        parts.append(
            f'<p class="f-fix">{_e(MSG["suggestion"])}<strong>{_e(f.suggestion)}</strong></p>'
        )
    parts.append("</li>")
    return "".join(parts)


def _findings_html(mid: str, result: ReviewResult) -> str:
    text = result.report.text
    if not result.findings:
        return f'<p class="clean">{_e(MSG["clean"])}</p>'
    out: list[str] = []
    current: object = object()
    for i, f in enumerate(result.findings):
        if f.section != current:
            if out:
                out.append("</ol></div>")
            current = f.section
            name = SECTION_NAMES.get(f.section, f.section or "")
            out.append(f'<div class="group"><h4>{_e(name)}</h4><ol class="findings">')
        out.append(_finding_html(mid, i, f, text))
    out.append("</ol></div>")
    return "".join(out)


# --- outline -----------------------------------------------------------------------------------


def _count_in(findings: Sequence[Finding], span: Span) -> Counter[Severity]:
    return Counter(
        f.severity
        for f in findings
        if span.start <= f.span.start < span.end or (len(span) == 0 and f.span.start == span.start)
    )


def _counts_html(counts: Counter[Severity]) -> str:
    return "".join(
        f'<span class="cnt sev-{s.value}" title="{_e(s.label)}">{counts[s]}</span>'
        for s in SEVERITIES
        if counts[s]
    )


def _snippet(text: str, span: Span, width: int = 18) -> str:
    s = text[span.start : span.end].split("\n", 1)[0].strip()
    return s if len(s) <= width else s[:width] + "…"


def _heading_aspects(result: ReviewResult) -> dict[int, str]:
    """Part index (among headed parts of problem sections, in order) → aspect status HTML."""
    det = result.detection
    fw = result.framework
    if det is None or fw is None:
        return {}
    foreign = {x.heading_index: x for x in det.foreign}
    out: dict[int, str] = {}
    for m in det.matches:
        if m.aspect_index is not None and m.aspect_index < len(fw.aspects):
            aspect = fw.aspects[m.aspect_index]
            cls, tip = ("ok", MSG["aspect_exact"]) if m.exact else ("loose", MSG["aspect_loose"])
            out[m.heading_index] = (
                f'<span class="aspect {cls}" title="{_e(tip)}">{_e(aspect.alias or aspect.title)}</span>'
            )
        if m.heading_index in foreign:
            other = foreign[m.heading_index]
            out[m.heading_index] = out.get(m.heading_index, "") + (
                f'<span class="aspect bad" title="{_e(other.framework.name)}">'
                f"{_e(MSG['foreign'])}</span>"
            )
    return out


def _outline_html(mid: str, result: ReviewResult, anchors: list[_Anchor]) -> Iterator[str]:
    report = result.report
    text = report.text
    findings = result.findings
    aspects = _heading_aspects(result)
    heading_index = 0
    yield '<ol class="tree">'
    first = report.sections[0].span.start if report.sections else len(text)
    head = Span(0, first)
    anchors.append(_Anchor(0, f'<span class="anchor" id="{mid}-top"></span>'))
    yield (
        f'<li class="o-sec"><a href="#{mid}-top">{_e(MSG["title_block"])}</a>'
        f"{_counts_html(_count_in(findings, head))}</li>"
    )
    for si, s in enumerate(report.sections):
        sid = f"{mid}-s{si}"
        anchors.append(_Anchor(s.heading_span.start, f'<span class="anchor" id="{sid}"></span>'))
        yield (
            f'<li class="o-sec"><a href="#{sid}">{_e(s.heading)}</a>'
            f"{_counts_html(_count_in(findings, s.span))}"
        )
        if s.parts:
            yield "<ol>"
            for pi, p in enumerate(s.parts):
                yield from _part_html(
                    mid, si, pi, s, p, text, findings, anchors, aspects, heading_index
                )
                if p.heading and s.kind is SectionKind.PROBLEMS:
                    heading_index += 1
            yield "</ol>"
        yield "</li>"
    yield "</ol>"
    det = result.detection
    fw = result.framework
    if det is not None and fw is not None and det.missing:
        names = "、".join(fw.aspects[i].title for i in det.missing if i < len(fw.aspects))
        yield f'<p class="missing">{_e(MSG["missing_aspects"])}{_e(names)}</p>'
    if not report.sections:
        yield f'<p class="muted">{_e(MSG["no_sections"])}</p>'


def _part_html(
    mid: str,
    si: int,
    pi: int,
    s: Section,
    p: Part,
    text: str,
    findings: Sequence[Finding],
    anchors: list[_Anchor],
    aspects: dict[int, str],
    heading_index: int,
) -> Iterator[str]:
    pid = f"{mid}-s{si}p{pi}"
    target = p.heading_span or p.span
    anchors.append(_Anchor(target.start, f'<span class="anchor" id="{pid}"></span>'))
    label = p.heading or _snippet(text, p.span)
    aspect = aspects.get(heading_index, "") if p.heading and s.kind is SectionKind.PROBLEMS else ""
    yield (
        f'<li class="o-part"><a href="#{pid}">{_e(label)}</a>{aspect}'
        f"{_counts_html(_count_in(findings, p.span))}"
    )
    if p.items:
        yield '<ol class="items">'
        for ii, item in enumerate(p.items):
            yield _item_html(f"{pid}i{ii}", s, item, text, findings, anchors)
        yield "</ol>"
    yield "</li>"


def _item_html(
    iid: str,
    s: Section,
    item: Item,
    text: str,
    findings: Sequence[Finding],
    anchors: list[_Anchor],
) -> str:
    anchors.append(_Anchor(item.span.start, f'<span class="anchor" id="{iid}"></span>'))
    needs_instance = s.kind in (SectionKind.PROBLEMS, SectionKind.CASES)
    flag = ""
    cls = "o-item"
    if needs_instance and not item.instances:
        flag = f'<span class="noinst">{_e(MSG["no_instance"])}</span>'
        cls += " no-instance"
    return (
        f'<li class="{cls}"><a href="#{iid}">{_e(_snippet(text, item.span))}</a>{flag}'
        f"{_counts_html(_count_in(findings, item.span))}</li>"
    )


# --- one material --------------------------------------------------------------------------


def _framework_line(result: ReviewResult) -> str:
    fw = result.framework
    if fw is None or result.detection is None:
        return (
            f'<span class="fw none">{_e(MSG["framework"].format(name=MSG["no_framework"]))}</span>'
        )
    return (
        f'<span class="fw">{_e(MSG["framework"].format(name=fw.name))}</span>'
        f'<span class="conf">{_e(MSG["confidence"].format(conf=result.detection.confidence))}</span>'
    )


def _specificity(result: ReviewResult) -> str:
    s = result.summary()
    items, with_instance = s["problem_items"], s["problem_items_with_instance"]
    if not items:
        return f'<span class="spec muted">{_e(MSG["specificity_none"])}</span>'
    pct = round(100 * with_instance / items)
    return (
        f'<span class="spec"><span class="bar"><span style="width:{pct}%"></span></span>'
        f"{_e(MSG['specificity'].format(with_instance=with_instance, items=items, share=_share(with_instance, items)))}</span>"
    )


def _material_html(index: int, result: ReviewResult) -> str:
    mid = f"m{index}"
    report = result.report
    doc = report.document
    s = result.summary()
    anchors: list[_Anchor] = []
    outline = "".join(_outline_html(mid, result, anchors))
    body = _document_html(mid, report, result.findings, anchors)
    counts = "".join(
        f'<span class="stat sev-{sev.value}"><b>{s[sev.value]}</b>{_e(sev.label)}</span>'
        for sev in SEVERITIES
    )
    warnings = [*doc.warnings, *report.warnings, *result.warnings]
    warn_html = (
        f'<details class="warnings"><summary>{_e(MSG["warnings"])}（{len(warnings)}）</summary><ul>'
        + "".join(f"<li>{_e(w)}</li>" for w in warnings)
        + "</ul></details>"
        if warnings
        else ""
    )
    return f"""
<section class="material" id="{mid}" data-material="{_e(doc.name)}">
  <header class="m-head">
    <div class="m-title"><h2>{_e(doc.name)}</h2><span class="fmt">{_e(doc.format.value)}</span></div>
    <div class="m-meta">{_framework_line(result)}{_specificity(result)}</div>
    <div class="m-stats">{counts}</div>
    {warn_html}
  </header>
  <div class="m-body">
    <article class="doc" aria-label="{_e(MSG["document"])}">
{body}
    </article>
    <aside class="side">
      <div class="tabs" role="tablist">
        <button type="button" class="tab on" role="tab" data-tab="findings">{_e(MSG["findings"])} <b>{len(result.findings)}</b></button>
        <button type="button" class="tab" role="tab" data-tab="outline">{_e(MSG["outline"])}</button>
      </div>
      <div class="panel findings-panel" data-panel="findings">
        <h3>{_e(MSG["findings"])} <span class="muted">{_e(MSG["findings_count"].format(n=len(result.findings)))}</span></h3>
        {_findings_html(mid, result)}
      </div>
      <div class="panel outline" data-panel="outline">
        <h3>{_e(MSG["outline"])}</h3>{outline}
      </div>
    </aside>
  </div>
</section>"""


# --- the whole report ------------------------------------------------------------------------


def _summary_table(results: Sequence[ReviewResult]) -> str:
    rows: list[str] = []
    totals = Counter[str]()
    for i, r in enumerate(results):
        s = r.summary()
        fw = r.framework
        for k in ("error", "warning", "info", "problem_items", "problem_items_with_instance"):
            totals[k] += s[k]
        rows.append(
            "<tr>"
            f'<td><a href="#m{i}">{_e(r.report.document.name)}</a></td>'
            f"<td>{_e(fw.name if fw else MSG['no_framework'])}</td>"
            f'<td class="num sev-error{" zero" if not s["error"] else ""}">{s["error"]}</td>'
            f'<td class="num sev-warning{" zero" if not s["warning"] else ""}">{s["warning"]}</td>'
            f'<td class="num sev-info{" zero" if not s["info"] else ""}">{s["info"]}</td>'
            f'<td class="num">{_share(s["problem_items_with_instance"], s["problem_items"])}'
            f'<span class="muted">（{s["problem_items_with_instance"]}/{s["problem_items"]}）</span></td>'
            "</tr>"
        )
    foot = (
        f"<tr><th>{_e(MSG['total'])}</th><th></th>"
        f'<th class="num">{totals["error"]}</th><th class="num">{totals["warning"]}</th>'
        f'<th class="num">{totals["info"]}</th>'
        f'<th class="num">{_share(totals["problem_items_with_instance"], totals["problem_items"])}</th></tr>'
    )
    num = ' class="num"'
    head = "".join(
        f"<th{num if k not in ('col_material', 'col_framework') else ''}>{_e(MSG[k])}</th>"
        for k in (
            "col_material",
            "col_framework",
            "col_error",
            "col_warning",
            "col_info",
            "col_specificity",
        )
    )
    return (
        f'<nav class="toc" id="toc"><h2>{_e(MSG["toc"])}</h2>'
        f'<table class="summary"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody><tfoot>{foot}</tfoot></table></nav>"
    )


def _filters(results: Sequence[ReviewResult]) -> str:
    sev_counts = Counter(f.severity for r in results for f in r.findings)
    cat_counts = Counter(f.category for r in results for f in r.findings)
    total = sum(sev_counts.values())
    sev = "".join(
        f'<label class="tog sev-{s.value}"><input type="checkbox" data-filter="sev" '
        f'value="{s.value}" checked><span>{_e(s.label)} <b>{sev_counts[s]}</b></span></label>'
        for s in SEVERITIES
    )
    cats = "".join(
        f'<label class="tog cat"><input type="checkbox" data-filter="cat" '
        f'value="{_e(c.value)}" checked><span>{_e(c.label)} <b>{cat_counts[c]}</b></span></label>'
        for c in Category
        if cat_counts[c]
    )
    return f"""
<div class="filters" role="region" aria-label="{_e(MSG["filters"])}">
  <div class="f-group"><span class="f-label">{_e(MSG["severity"])}</span>{sev}</div>
  <div class="f-group"><span class="f-label">{_e(MSG["category"])}</span>{cats}</div>
  <div class="f-tools"><span class="shown" data-total="{total}">{_e(MSG["shown"].format(shown=total, total=total))}</span>
  <button type="button" class="reset">{_e(MSG["reset"])}</button>
  <button type="button" class="print">{_e(MSG["print"])}</button></div>
</div>"""


def render_html(
    results: Sequence[ReviewResult],
    *,
    generated: dt.datetime | None = None,
    title: str | None = None,
) -> str:
    """The report for one or more review results, as a complete HTML document."""
    when = (generated or dt.datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")
    if title is None:
        title = (
            MSG["title_one"].format(name=results[0].report.document.name)
            if len(results) == 1
            else MSG["title"]
        )
    materials = "".join(_material_html(i, r) for i, r in enumerate(results))
    toc = _summary_table(results) if len(results) > 1 else ""
    page = Template(_asset("report.html"))
    shown_template = MSG["shown"].replace("{shown}", "%s").replace("{total}", "%t")
    return page.substitute(
        title=_e(title),
        css=_asset("report.css"),
        js=_asset("report.js"),
        brand=_e(MSG["brand"]),
        subtitle=_e(MSG["subtitle"]),
        generated=_e(MSG["generated"].format(time=when, n=len(results))),
        filters=_filters(results),
        toc=toc,
        materials=materials,
        shown_template=_e(shown_template),
        multi="multi" if len(results) > 1 else "single",
    )


def write_html(
    results: Sequence[ReviewResult],
    out: Path,
    *,
    generated: dt.datetime | None = None,
    title: str | None = None,
) -> Path:
    """Write the report to ``out`` (UTF-8) and return the path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(results, generated=generated, title=title), encoding="utf-8")
    return out
