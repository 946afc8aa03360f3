"""Feedback sheets (意见反馈表, .xlsx and .docx, one per assignee) and the organiser's workbook
(意见汇总.xlsx: statistics with charts, merged opinions with provenance, raw and rejected rows).

A member's sheet holds only what the member may see: 序号、意见内容、来源渠道（small channels
masked）、归类、条数 — no row numbers, no times, never an identity column. Identity appears only in
the organiser's workbook, and only when it was kept at intake on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from mingjing.opinions.assign import Assignment, Feedback
from mingjing.opinions.classify import Classification
from mingjing.opinions.model import MergeResult
from mingjing.opinions.roster import Roster

TEXT = {
    "title": "征求意见反馈表",
    "subtitle": "反馈对象：{label}",
    "preamble": "共征求到涉及{who}的意见{collected}条，归纳为{merged}条。请逐条对照检查，在对照检查材料中查摆问题、剖析原因、提出整改措施，予以回应。",
    "none": "本次没有征求到涉及{who}的意见。",
    "total": "合计",
    "note": "说明：来源渠道中人数较少的渠道统一写作“其他渠道”，以保护提出意见的同志。",
    "stats": "统计",
    "clusters": "归纳意见",
    "raw": "原始意见",
    "rejected": "未采用的行",
    "chart_aspect": "各方面归纳意见条数",
    "chart_member": "各反馈对象征求意见条数",
    "source": "意见来源文件",
    "collected": "征求到意见（条）",
    "merged": "归纳意见（条）",
    "rejected_n": "未采用（行）",
    "dropped": "已删除的提出人信息列",
    "threshold": "归纳相似度阈值",
    "preamble_team": "征求到意见{collected}条，归纳意见{merged}条",
}
COLUMNS: tuple[str, ...] = ("序号", "意见内容", "来源渠道", "归类", "条数")
STATS_HEAD: tuple[str, ...] = ("项目", "数值")
BY_ASSIGNEE_HEAD: tuple[str, ...] = ("反馈对象", "征求条数", "归纳条数", "前言表述")
BY_ASPECT_HEAD: tuple[str, ...] = ("归类", "归纳条数", "征求条数")
CLUSTER_HEAD: tuple[str, ...] = (
    "编号",
    "归纳意见",
    "反馈对象",
    "归类",
    "可信度",
    "归类依据",
    "条数",
    "来源渠道",
    "原始行号",
    "人工修正",
)
RAW_HEAD: tuple[str, ...] = ("行号", "意见内容", "来源渠道", "意见对象（原表）", "归纳编号")
REJECTED_HEAD: tuple[str, ...] = ("行号", "原因")
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def sheet_stem(feedback: Feedback, roster: Roster) -> str:
    """File name (without suffix) of an assignee's sheet: 意见反馈表_骆承岷 / 意见反馈表_领导班子."""
    who = "领导班子" if feedback.is_team else feedback.assignee
    return "意见反馈表_" + _UNSAFE.sub("_", who).strip("_")


def _who(feedback: Feedback) -> str:
    return "班子" if feedback.is_team else f"{feedback.assignee}同志"


def write_feedback_xlsx(feedback: Feedback, path: Path) -> Path:
    """One assignee's 意见反馈表 as a workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = TEXT["title"]
    ws.append([TEXT["title"]])
    ws.merge_cells("A1:E1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([TEXT["subtitle"].format(label=feedback.label)])
    ws.merge_cells("A2:E2")
    c = feedback.counts
    line = (
        TEXT["preamble"].format(who=_who(feedback), collected=c.collected, merged=c.merged)
        if feedback.rows
        else TEXT["none"].format(who=_who(feedback))
    )
    ws.append([line])
    ws.merge_cells("A3:E3")
    ws["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[3].height = 48
    ws.append(list(COLUMNS))
    head = ws.max_row
    thin = Side(style="thin")
    for r in feedback.rows:
        ws.append([r.number, r.text, r.channels, r.aspect, r.count])
    ws.append(["", TEXT["total"], "", "", c.collected])
    for row in ws.iter_rows(min_row=head, max_row=ws.max_row):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in ws[head]:
        cell.font = Font(bold=True)
    ws.append([])
    ws.append([TEXT["note"]])
    for col, width in zip("ABCDE", (6, 60, 16, 14, 6), strict=True):
        ws.column_dimensions[col].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _east_asian(run: object, font: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r = run
    r.font.name = font  # type: ignore[attr-defined]
    r.font.size = Pt(size)  # type: ignore[attr-defined]
    r.font.bold = bold  # type: ignore[attr-defined]
    rpr = r._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def write_feedback_docx(feedback: Feedback, path: Path) -> Path:
    """One assignee's 意见反馈表 as a Word document (A4, 仿宋 text, a bordered table)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.6))
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(p.add_run(TEXT["title"]), "方正小标宋简体", 22)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(p.add_run(TEXT["subtitle"].format(label=feedback.label)), "楷体_GB2312", 16)
    c = feedback.counts
    line = (
        TEXT["preamble"].format(who=_who(feedback), collected=c.collected, merged=c.merged)
        if feedback.rows
        else TEXT["none"].format(who=_who(feedback))
    )
    _east_asian(d.add_paragraph().add_run(line), "仿宋_GB2312", 14)
    table = d.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
        _east_asian(cell.paragraphs[0].add_run(name), "黑体", 12, bold=True)
    for r in feedback.rows:
        cells = table.add_row().cells
        for cell, value in zip(
            cells, (r.number, r.text, r.channels, r.aspect, r.count), strict=True
        ):
            _east_asian(cell.paragraphs[0].add_run(str(value)), "仿宋_GB2312", 12)
    cells = table.add_row().cells
    _east_asian(cells[1].paragraphs[0].add_run(TEXT["total"]), "仿宋_GB2312", 12, bold=True)
    _east_asian(cells[4].paragraphs[0].add_run(str(c.collected)), "仿宋_GB2312", 12, bold=True)
    for row in table.rows:
        for cell, width in zip(row.cells, (1.2, 8.6, 2.6, 2.4, 1.2), strict=True):
            cell.width = Cm(width)
    _east_asian(d.add_paragraph().add_run(TEXT["note"]), "仿宋_GB2312", 10.5)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def write_summary_xlsx(
    result: MergeResult,
    classifications: Sequence[Classification],
    assignment: Assignment,
    roster: Roster,
    path: Path,
) -> Path:
    """The organiser's workbook: 统计 (with two bar charts), 归纳意见, 原始意见, 未采用的行."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    intake = result.intake
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = TEXT["stats"]
    ws.append(list(STATS_HEAD))
    ws.append([TEXT["source"], Path(intake.source).name])
    ws.append([TEXT["collected"], result.counts.collected])
    ws.append([TEXT["merged"], result.counts.merged])
    ws.append([TEXT["rejected_n"], result.counts.rejected])
    ws.append([TEXT["dropped"], "、".join(h for h in intake.dropped) or "无"])
    ws.append([TEXT["threshold"], result.threshold])
    ws.append([])
    ws.append(list(BY_ASSIGNEE_HEAD))
    first_assignee = ws.max_row + 1
    for f in assignment.feedback:
        c = f.counts
        ws.append(
            [
                f.label,
                c.collected,
                c.merged,
                TEXT["preamble_team"].format(collected=c.collected, merged=c.merged),
            ]
        )
    last_assignee = ws.max_row
    ws.append([])
    ws.append(list(BY_ASPECT_HEAD))
    first_aspect = ws.max_row + 1
    for label, n, m in assignment.by_aspect:
        ws.append([label, n, m])
    last_aspect = ws.max_row
    for row in (1, first_assignee - 1, first_aspect - 1):
        for cell in ws[row]:
            cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["D"].width = 30
    if last_aspect >= first_aspect:
        chart = BarChart()
        chart.type = "bar"
        chart.title = TEXT["chart_aspect"]
        chart.add_data(
            Reference(ws, min_col=2, min_row=first_aspect - 1, max_row=last_aspect),
            titles_from_data=True,
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=first_aspect, max_row=last_aspect))
        chart.height, chart.width = 8, 16
        ws.add_chart(chart, "F2")
    if last_assignee >= first_assignee:
        chart = BarChart()
        chart.type = "col"
        chart.title = TEXT["chart_member"]
        chart.add_data(
            Reference(ws, min_col=2, min_row=first_assignee - 1, max_row=last_assignee),
            titles_from_data=True,
        )
        chart.set_categories(
            Reference(ws, min_col=1, min_row=first_assignee, max_row=last_assignee)
        )
        chart.height, chart.width = 8, 16
        ws.add_chart(chart, "F20")

    shown = {f.assignee: f.label for f in assignment.feedback}
    rows_by_cluster = {r.cluster: r for f in assignment.feedback for r in f.rows}
    ws2 = wb.create_sheet(TEXT["clusters"])
    ws2.append(list(CLUSTER_HEAD))
    for cl, k in zip(result.clusters, classifications, strict=True):
        fr = rows_by_cluster.get(cl.id)
        ws2.append(
            [
                cl.id,
                cl.text,
                shown.get(cl.target, cl.target),
                k.label,
                k.confidence,
                "、".join(k.basis),
                cl.size,
                fr.channels if fr else "",
                "、".join(str(r) for r in cl.rows),
                "是" if cl.manual else "",
            ]
        )
    ws3 = wb.create_sheet(TEXT["raw"])
    identity_headers: list[str] = []
    if intake.identity_kept:
        for o in intake.opinions:
            for h, _ in o.identity:
                if h not in identity_headers:
                    identity_headers.append(h)
    ws3.append([*RAW_HEAD, *identity_headers])
    cluster_of = result.cluster_of()
    for o in intake.opinions:
        ident = dict(o.identity)
        ws3.append(
            [
                o.row,
                o.text,
                o.channel,
                o.target,
                cluster_of.get(o.row, ""),
                *(ident.get(h, "") for h in identity_headers),
            ]
        )
    ws4 = wb.create_sheet(TEXT["rejected"])
    ws4.append(list(REJECTED_HEAD))
    for r in intake.rejected:
        ws4.append([r.row, r.reason])
    for sheet, widths in (
        (ws2, (6, 60, 24, 18, 8, 24, 6, 20, 16, 8)),
        (ws3, (6, 60, 14, 16, 8)),
        (ws4, (6, 60)),
    ):
        for i, w in enumerate(widths):
            sheet.column_dimensions[chr(65 + i)].width = w
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
