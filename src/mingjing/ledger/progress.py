"""The 整改落实情况 report (.docx draft) drawn from a ledger, without inventing anything.

Counts come from the ledger's status column; each item's progress is quoted from the ledger, and
where the ledger says nothing the report says so. The result is a plain A4 draft (仿宋 body with the
East-Asian font set); full GB/T 9704 layout is the job of the layout module. The report becomes
next year's 上年度整改落实情况 (回头看) section.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from mingjing.ledger.model import Material, Status, format_date
from mingjing.ledger.status import RowState, StatusReport, Urgency

__all__ = ["report_paragraphs", "write_report"]

TEXT = {
    "title": "关于民主生活会查摆问题整改落实情况的报告",
    "title_of": "{owner}同志民主生活会查摆问题整改落实情况的报告",
    "h1_overall": "一、总体情况",
    "h1_aspects": "二、各方面整改落实情况",
    "h1_open": "三、尚未完成的事项",
    "h1_next": "四、下步打算",
    "overall": "对照民主生活会查摆的问题，整改台账共列整改措施{n}条{materials}。截至{today}，已完成{done}条，推进中{progress}条，长期坚持{long}条，未启动{todo}条，已延期{delayed}条{other}；其中已过完成时限仍未完成{overdue}条，未明确完成时限{missing}条。",
    "materials": "（依据：{names}）",
    "other": "，完成情况填写为其他内容的{n}条",
    "aspect_head": "（{cn}）{aspect}方面",
    "aspect_summary": "该方面共{n}条措施，已完成{done}条。",
    "item": "{k}. {measure}（责任人：{owner}；完成时限：{deadline}；完成情况：{status}）",
    "progress": "整改进展：{text}",
    "no_progress": "整改进展：台账中未填写整改进展。",
    "evidence": "佐证材料：{text}",
    "no_evidence": "佐证材料：未填写。",
    "none": "未填写",
    "no_aspect": "未对应方面",
    "open_intro": "截至{today}，以下{n}条措施尚未完成：",
    "open_item": "{k}. {measure}（责任人：{owner}；完成时限：{deadline}；{why}）",
    "open_none": "截至{today}，台账中没有逾期、延期或未明确时限的未完成措施。",
    "overdue": "已逾期{days}天",
    "delayed": "已延期",
    "no_deadline": "未明确完成时限",
    "immediate": "立行立改，尚未销号",
    "next": "（请起草人结合上述未完成事项补充下步打算，本草稿不代拟。）",
    "draft": "（草稿，由明镜根据整改台账生成，请核对后使用）",
}
_CN = "一二三四五六七八九十"
_BODY_FONT = "仿宋"
_HEAD_FONT = "黑体"
_SUB_FONT = "楷体"
_TITLE_FONT = "宋体"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + _CN[n - 11]
    return str(n)


def report_paragraphs(
    report: StatusReport, materials: Sequence[Material] = ()
) -> list[tuple[str, str]]:
    """The report as (style, text) pairs: ``title``, ``note``, ``h1``, ``h2``, ``body``, ``date``."""
    today = format_date(report.today)
    totals = report.totals()
    known = {s.value for s in Status}
    other = sum(n for k, n in totals.items() if k not in known)
    owners = {m.owner for m in materials if m.owner}
    title = (
        TEXT["title_of"].format(owner=next(iter(owners)))
        if len(materials) == 1 and len(owners) == 1
        else TEXT["title"]
    )
    names = "、".join(m.name for m in materials)
    out: list[tuple[str, str]] = [
        ("title", title),
        ("note", TEXT["draft"]),
        ("h1", TEXT["h1_overall"]),
    ]
    out.append(
        (
            "body",
            TEXT["overall"].format(
                n=len(report.rows),
                materials=TEXT["materials"].format(names=names) if names else "",
                today=today,
                done=totals.get(Status.DONE.value, 0),
                progress=totals.get(Status.IN_PROGRESS.value, 0),
                long=totals.get(Status.LONG_TERM.value, 0),
                todo=totals.get(Status.NOT_STARTED.value, 0),
                delayed=totals.get(Status.DELAYED.value, 0),
                other=TEXT["other"].format(n=other) if other else "",
                overdue=len(report.of(Urgency.OVERDUE)),
                missing=len(report.of(Urgency.NO_DEADLINE)),
            ),
        )
    )
    out.append(("h1", TEXT["h1_aspects"]))
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(report.rows):
        groups.setdefault(r.row.get("aspect") or TEXT["no_aspect"], []).append(i)
    for g, (aspect, idx) in enumerate(groups.items(), start=1):
        rows = [report.rows[i] for i in idx]
        out.append(("h2", TEXT["aspect_head"].format(cn=_cn(g), aspect=aspect)))
        done = sum(1 for r in rows if r.status is Status.DONE)
        out.append(("body", TEXT["aspect_summary"].format(n=len(rows), done=done)))
        for k, r in enumerate(rows, start=1):
            out.append(
                (
                    "body",
                    TEXT["item"].format(
                        k=k,
                        measure=r.row.get("measure").rstrip("。；;"),
                        owner=r.row.get("owner") or TEXT["none"],
                        deadline=_deadline(r.row.get("deadline"), r),
                        status=r.status_label,
                    ),
                )
            )
            progress = r.row.get("progress")
            out.append(
                (
                    "body",
                    TEXT["progress"].format(text=progress) if progress else TEXT["no_progress"],
                )
            )
            evidence = r.row.get("evidence")
            out.append(
                (
                    "body",
                    TEXT["evidence"].format(text=evidence) if evidence else TEXT["no_evidence"],
                )
            )
    out.append(("h1", TEXT["h1_open"]))
    pending = [
        r
        for r in report.rows
        if r.urgency in (Urgency.OVERDUE, Urgency.NO_DEADLINE, Urgency.IMMEDIATE)
        or r.status is Status.DELAYED
    ]
    if pending:
        out.append(("body", TEXT["open_intro"].format(today=today, n=len(pending))))
        for k, r in enumerate(pending, start=1):
            if r.urgency is Urgency.OVERDUE:
                why = TEXT["overdue"].format(days=-(r.days_left or 0))
            elif r.status is Status.DELAYED:
                why = TEXT["delayed"]
            elif r.urgency is Urgency.IMMEDIATE:
                why = TEXT["immediate"]
            else:
                why = TEXT["no_deadline"]
            out.append(
                (
                    "body",
                    TEXT["open_item"].format(
                        k=k,
                        measure=r.row.get("measure").rstrip("。；;"),
                        owner=r.row.get("owner") or TEXT["none"],
                        deadline=_deadline(r.row.get("deadline"), r),
                        why=why,
                    ),
                )
            )
    else:
        out.append(("body", TEXT["open_none"].format(today=today)))
    out.append(("h1", TEXT["h1_next"]))
    out.append(("body", TEXT["next"]))
    out.append(("date", today))
    return out


def _deadline(value: str, r: RowState) -> str:
    if r.deadline.due is not None:
        return format_date(r.deadline.due)
    return value or TEXT["no_deadline"]


def _font(run: object, name: str, size: float, bold: bool = False) -> None:
    font = run.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def write_report(path: Path, report: StatusReport, materials: Sequence[Material] = ()) -> None:
    """Write the report draft to ``path`` (A4, 仿宋 三号 body, fixed 28 pt lines)."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = _BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), _BODY_FONT)
    for style, text in report_paragraphs(report, materials):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(28)
        fmt.space_before = fmt.space_after = Pt(0)
        run = p.add_run(text)
        if style == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(run, _TITLE_FONT, 22, bold=True)
        elif style == "note":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(run, _SUB_FONT, 14)
        elif style == "h1":
            fmt.first_line_indent = Pt(32)
            _font(run, _HEAD_FONT, 16)
        elif style == "h2":
            fmt.first_line_indent = Pt(32)
            _font(run, _SUB_FONT, 16)
        elif style == "date":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.space_before = Pt(28)
            _font(run, _BODY_FONT, 16)
        else:
            fmt.first_line_indent = Pt(32)
            _font(run, _BODY_FONT, 16)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
