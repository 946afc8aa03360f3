"""The ledger workbook (.xlsx, openpyxl): written for people, read back for the merge.

Sheets: ``整改台账`` (the ledger: frozen header, wrapped text, A4 landscape, a drop-down on the
status column, colours for overdue / due soon / missing deadlines), ``方面对照`` (aspects and
whether the measures answer them), ``进度统计`` (live COUNTIFS tables and native bar charts),
``说明`` and ``合并记录`` (after a merge), and the hidden ``_mingjing`` sheet that keeps the stable
row ids and the generated values the merge needs. Users edit it in Excel, WPS or LibreOffice.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from mingjing.errors import CorruptFileError, FileMissingError, InputError, UnsupportedFormatError
from mingjing.ledger.deadline import parse_deadline_cell
from mingjing.ledger.model import AspectCoverage, Material, Status
from mingjing.ledger.owner import names_in
from mingjing.ledger.sheet import (
    COLUMNS,
    FIELDS,
    HEADERS,
    INFO,
    BaseEntry,
    Row,
    Settings,
    deadline_key,
    key_date,
)

__all__ = ["Conflict", "LedgerFile", "read_ledger", "write_ledger"]

FORMAT = "mingjing-ledger"
VERSION = 1

SHEET_LEDGER = "整改台账"
SHEET_COVERAGE = "方面对照"
SHEET_STATS = "进度统计"
SHEET_HELP = "说明"
SHEET_MERGE = "合并记录"
SHEET_STATE = "_mingjing"

MSG: dict[str, str] = {
    "title": "整改台账",
    "title_of": "{who}整改台账",
    "missing": "找不到台账文件",
    "not_xlsx": "无法打开台账：文件已损坏，或不是 Excel .xlsx 格式（{error}）",
    "xls": "这是旧版 Excel .xls 文件；请在 Excel 或 WPS 中“另存为” .xlsx 后再试",
    "foreign": "这不是明镜生成的整改台账（缺少隐藏的“_mingjing”工作表）；请用 mingjing ledger extract 生成台账，或检查是否选错了文件",
    "bad_state": "台账中隐藏的“_mingjing”工作表已损坏（{error}），无法与材料合并；请使用原始生成的台账",
    "newer": "该台账由更新版本的明镜生成（格式版本 {v}），请升级明镜后再试",
    "no_sheet": "台账中找不到“整改台账”工作表（表头应含“整改措施”和“条目编号”两列）",
    "no_column": "“整改台账”工作表缺少“{col}”列，无法读取",
    "yes": "是",
    "no": "否（未见对应措施）",
    "stats_title": "整改进度统计（随台账自动更新）",
    "by_aspect": "按方面",
    "by_owner": "按责任人",
    "overdue": "逾期未完成",
    "total": "合计",
    "chart_aspect": "各方面整改进度",
    "chart_owner": "各责任人整改进度",
    "conflict_note": "材料中的新值：{value}",
    "help_material": "材料：{name}",
    "help_material_value": "责任人：{owner}；对照框架：{framework}；{note}",
    "unknown": "未识别",
    "state_warning": "本工作表由明镜使用，请勿修改",
}

COV_HEADERS = ("来源材料", "对照方面", "问题条数", "对应措施条数", "措施是否点明该方面")
MERGE_HEADERS = ("条目编号", "序号", "字段", "台账中的值（已保留）", "材料中的新值", "说明")
HELP: tuple[tuple[str, str], ...] = (
    ("用途", "本台账由明镜从对照检查材料的整改措施中提取，每条具体措施一行。"),
    (
        "可以修改",
        "所属方面、问题、整改措施、责任人、责任单位、完成时限、整改进展、完成情况、佐证材料都可以直接修改；也可以插入新行。合并时保留所有修改。",
    ),
    ("请勿修改", "隐藏的“条目编号”列和隐藏的“_mingjing”工作表用于合并时对应各行，请勿删除或改动。"),
    ("完成情况", "从下拉列表选择：未启动、推进中、已完成、长期坚持、已延期。"),
    (
        "完成时限",
        "填写日期（如 2024/6/30），或“立行立改”“长期坚持”“每季度”等；为空表示材料未写明时限（粉色）。",
    ),
    (
        "颜色",
        "红色：已过时限未完成；橙色：{urgent} 天内到期；黄色：{soon} 天内到期；粉色：未写明时限。",
    ),
    (
        "更新",
        "材料修改后运行 mingjing ledger merge 台账.xlsx 材料文件… -o 新台账.xlsx；查看进度用 mingjing ledger status，生成整改落实情况报告用 mingjing ledger report。",
    ),
    ("生成时间", "{generated}"),
)

_WIDTHS = {
    "no": 6,
    "aspect": 12,
    "problem": 30,
    "measure": 48,
    "owner": 14,
    "deadline": 14,
    "progress": 30,
    "status": 10,
    "evidence": 20,
    "unit": 16,
    "deadline_note": 26,
    "link_note": 30,
    "source": 22,
    "id": 10,
}
_FONT = "宋体"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_CONFLICT_FILL = PatternFill("solid", fgColor="F4B183")
_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
_FIRST = 3  # first data row (row 1 title, row 2 header)
_MIN_ROWS = 2000  # rows covered by validation, colours and statistics formulas (at least)
_ROOM = 500  # and this many rows below the last one, for rows people add


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field both the user and the material changed since the ledger was generated."""

    id: str
    no: int
    field: str
    kept: str
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class LedgerFile:
    """A ledger workbook as read back: its rows (in sheet order), the hidden base and metadata."""

    rows: tuple[Row, ...]
    base: Mapping[str, BaseEntry]
    materials: tuple[Material, ...]
    coverage: tuple[AspectCoverage, ...]
    settings: Settings
    generated: str
    path: Path | None = None


# --- writing -------------------------------------------------------------------------------------


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapped column ``width`` characters wide (a CJK character counts 2)."""
    total = 0
    for para in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in para)
        total += max(1, -(-units // max(int(width * 0.95) - 1, 1)))
    return total


def _limit(n_rows: int) -> int:
    return max(_MIN_ROWS, _FIRST + n_rows + _ROOM)


def _col(name: str) -> str:
    return get_column_letter(COLUMNS.index(name) + 1)


def _cell_value(name: str, value: str) -> Any:
    if name == "deadline":
        d = key_date(value)
        if d is not None:
            return d
    return value if value != "" else None


def _title(materials: Sequence[Material]) -> str:
    owners = [m.owner for m in materials if m.owner]
    if len(materials) == 1 and owners:
        return MSG["title_of"].format(who=owners[0])
    return MSG["title"]


def _ledger_sheet(
    ws: Worksheet, rows: Sequence[Row], materials: Sequence[Material], settings: Settings
) -> None:
    ws.title = SHEET_LEDGER
    last_col = get_column_letter(len(COLUMNS))
    printed = get_column_letter(COLUMNS.index("evidence") + 1)
    ws["A1"] = _title(materials)
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{printed}1")
    ws.row_dimensions[1].height = 30
    for j, name in enumerate(COLUMNS, start=1):
        c = ws.cell(row=2, column=j, value=HEADERS[name])
        c.font = Font(name="黑体", size=11, bold=True)
        c.fill = _HEAD_FILL
        c.border = _BORDER
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS[name]
    ws.column_dimensions[_col("id")].hidden = True
    body = Font(name=_FONT, size=10)
    wrap = Alignment(vertical="top", wrap_text=True)
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    for i, row in enumerate(rows):
        r = _FIRST + i
        for j, name in enumerate(COLUMNS, start=1):
            if name == "no":
                value: Any = i + 1
            elif name == "id":
                value = row.id
            elif name in INFO:
                value = row.info.get(name) or None
            else:
                value = _cell_value(name, row.get(name))
            c = ws.cell(row=r, column=j, value=value)
            c.font = body
            c.border = _BORDER
            c.alignment = center if name in ("no", "status", "deadline", "owner") else wrap
            if name == "deadline" and isinstance(value, date):
                c.number_format = _DATE_FORMAT
            if name in row.marks:
                c.fill = _CONFLICT_FILL
                c.comment = Comment(MSG["conflict_note"].format(value=row.marks[name]), "明镜")
    # row heights: LibreOffice does not fit wrapped rows on opening, so say how tall they are
    for i, row in enumerate(rows):
        texts = {name: row.get(name) for name in FIELDS} | {n: row.info.get(n, "") for n in INFO}
        lines = max(
            (_lines(t, _WIDTHS[name]) for name, t in texts.items() if t and name != "deadline"),
            default=1,
        )
        ws.row_dimensions[_FIRST + i].height = min(409, 4 + 13.5 * lines)
    # columns a person added to the sheet, after ours
    extra: dict[str, None] = {}
    for row in rows:
        for h in row.extra:
            extra.setdefault(h, None)
    for k, h in enumerate(extra, start=len(COLUMNS) + 1):
        c = ws.cell(row=2, column=k, value=h)
        c.font = Font(name="黑体", size=11, bold=True)
        c.border = _BORDER
        ws.column_dimensions[get_column_letter(k)].width = 16
        for i, row in enumerate(rows):
            cell = ws.cell(row=_FIRST + i, column=k, value=row.extra.get(h) or None)
            cell.font = body
            cell.border = _BORDER
            cell.alignment = wrap
    if extra:
        last_col = get_column_letter(len(COLUMNS) + len(extra))
    end = _FIRST + max(len(rows), 1) - 1
    limit = _limit(len(rows))
    ws.freeze_panes = f"C{_FIRST}"
    ws.auto_filter.ref = f"A2:{last_col}{end}"
    # status drop-down
    status_col = _col("status")
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(s.value for s in Status) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成情况",
        error="请从列表中选择：" + "、".join(s.value for s in Status),
        promptTitle="完成情况",
        prompt="未启动 / 推进中 / 已完成 / 长期坚持 / 已延期",
        showInputMessage=True,
    )
    dv.add(f"{status_col}{_FIRST}:{status_col}{limit}")
    ws.add_data_validation(dv)
    # aspect drop-down (a suggestion: other values are allowed)
    if ws.parent is not None and "AspectList" in ws.parent.defined_names:
        av = DataValidation(
            type="list", formula1="AspectList", allow_blank=True, showErrorMessage=False
        )
        av.add(f"{_col('aspect')}{_FIRST}:{_col('aspect')}{limit}")
        ws.add_data_validation(av)
    # colours: overdue, due within `urgent`, within `soon`, missing deadline
    d, s, m = _col("deadline"), _col("status"), _col("measure")
    rng = f"A{_FIRST}:{printed}{limit}"
    open_ = f'AND(${s}{_FIRST}<>"{Status.DONE.value}",ISNUMBER(${d}{_FIRST}))'
    rules = (
        (f"AND({open_},${d}{_FIRST}<TODAY())", "F8CBAD"),
        (f"AND({open_},${d}{_FIRST}>=TODAY(),${d}{_FIRST}-TODAY()<={settings.urgent})", "FFD966"),
        (f"AND({open_},${d}{_FIRST}>=TODAY(),${d}{_FIRST}-TODAY()<={settings.soon})", "FFF2CC"),
    )
    for formula, color in rules:
        ws.conditional_formatting.add(
            rng,
            FormulaRule(  # type: ignore[no-untyped-call]
                formula=[formula],
                fill=PatternFill("solid", fgColor=color, bgColor=color),
                stopIfTrue=True,
            ),
        )
    ws.conditional_formatting.add(
        f"{d}{_FIRST}:{d}{limit}",
        FormulaRule(  # type: ignore[no-untyped-call]
            formula=[f'AND(${m}{_FIRST}<>"",LEN(${d}{_FIRST})=0)'],
            fill=PatternFill("solid", fgColor="F8D7E8", bgColor="F8D7E8"),
        ),
    )
    # printing: A4 landscape, the first nine columns, header repeated on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = "1:2"
    ws.print_area = f"A1:{printed}{end}"
    if ws.oddFooter is not None:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _coverage_sheet(ws: Worksheet, coverage: Sequence[AspectCoverage]) -> None:
    ws.append(list(COV_HEADERS))
    for c in ws[1]:
        c.font = Font(name="黑体", bold=True)
        c.fill = _HEAD_FILL
        c.border = _BORDER
    for cov in coverage:
        ws.append(
            [
                cov.source,
                cov.aspect,
                cov.problems,
                cov.measures,
                MSG["yes"] if cov.answered else MSG["no"],
            ]
        )
        if not cov.answered:
            for c in ws[ws.max_row]:
                c.fill = PatternFill("solid", fgColor="F8CBAD")
    for j, w in enumerate((30, 18, 10, 14, 22), start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"


def _stats_sheet(
    ws: Worksheet, rows: Sequence[Row], aspects: Sequence[str], owners: Sequence[str]
) -> None:
    """Live COUNTIFS tables (they follow the user's edits in Excel/WPS) and two bar charts."""
    sheet = f"'{SHEET_LEDGER}'"
    end = _limit(len(rows))

    def rng(name: str) -> str:
        c = _col(name)
        return f"{sheet}!${c}${_FIRST}:${c}${end}"

    statuses = [s.value for s in Status]
    ws["A1"] = MSG["stats_title"]
    ws["A1"].font = Font(name="黑体", size=14, bold=True)

    def table(
        top: int, label: str, keys: Sequence[str], column: str, wildcard: bool
    ) -> tuple[int, int]:
        header = [label, *statuses, MSG["overdue"], MSG["total"]]
        for j, h in enumerate(header, start=1):
            c = ws.cell(row=top, column=j, value=h)
            c.font = Font(name="黑体", bold=True)
            c.fill = _HEAD_FILL
            c.border = _BORDER
        for i, key in enumerate(keys, start=1):
            r = top + i
            ws.cell(row=r, column=1, value=key).border = _BORDER
            crit = f'"*"&$A{r}&"*"' if wildcard else f"$A{r}"
            for j, _ in enumerate(statuses, start=2):
                h = get_column_letter(j)
                ws.cell(
                    row=r,
                    column=j,
                    value=f"=COUNTIFS({rng(column)},{crit},{rng('status')},{h}${top})",
                ).border = _BORDER
            j = len(statuses) + 2
            ws.cell(
                row=r,
                column=j,
                value=f'=COUNTIFS({rng(column)},{crit},{rng("deadline")},"<"&TODAY(),{rng("status")},"<>{Status.DONE.value}")',
            ).border = _BORDER
            ws.cell(
                row=r, column=j + 1, value=f'=COUNTIFS({rng(column)},{crit},{rng("measure")},"<>")'
            ).border = _BORDER
        return top, top + len(keys)

    a_top, a_end = table(3, MSG["by_aspect"], aspects, "aspect", False)
    o_top, o_end = table(a_end + 3, MSG["by_owner"], owners, "owner", True)
    ws.column_dimensions["A"].width = 18
    for j in range(2, len(statuses) + 4):
        ws.column_dimensions[get_column_letter(j)].width = 11
    for (top, bottom), title, anchor in (
        ((a_top, a_end), MSG["chart_aspect"], "K3"),
        ((o_top, o_end), MSG["chart_owner"], f"K{max(a_end + 3, 22)}"),
    ):
        if bottom <= top:
            continue
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = title
        chart.y_axis.title = "条数"
        data = Reference(ws, min_col=2, max_col=len(statuses) + 1, min_row=top, max_row=bottom)
        cats = Reference(ws, min_col=1, min_row=top + 1, max_row=bottom)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.height = 2 + 0.9 * (bottom - top)
        chart.width = 18
        ws.add_chart(chart, anchor)


def _help_sheet(
    ws: Worksheet, materials: Sequence[Material], settings: Settings, generated: str
) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for key, text in HELP:
        ws.append(
            [key, text.format(soon=settings.soon, urgent=settings.urgent, generated=generated)]
        )
    for m in materials:
        ws.append(
            [
                MSG["help_material"].format(name=m.name),
                MSG["help_material_value"].format(
                    owner=m.owner or MSG["unknown"],
                    framework=m.framework or MSG["unknown"],
                    note=m.base_year_note,
                ),
            ]
        )
    for row in ws.iter_rows():
        row[0].font = Font(name="黑体", bold=True)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


def _merge_sheet(ws: Worksheet, conflicts: Sequence[Conflict], notes: Sequence[str]) -> None:
    ws.append(list(MERGE_HEADERS))
    for c in ws[1]:
        c.font = Font(name="黑体", bold=True)
        c.fill = _HEAD_FILL
    for x in conflicts:
        ws.append([x.id, x.no, HEADERS.get(x.field, x.field), x.kept, x.source, x.note])
    for n in notes:
        ws.append(["", "", "", "", "", n])
    for j, w in enumerate((24, 6, 10, 40, 40, 40), start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")


def _state_sheet(
    ws: Worksheet,
    base: Mapping[str, BaseEntry],
    materials: Sequence[Material],
    coverage: Sequence[AspectCoverage],
    settings: Settings,
    generated: str,
) -> None:
    ws.append([FORMAT, VERSION, MSG["state_warning"]])
    ws.append(
        [
            "meta",
            json.dumps(
                {"soon": settings.soon, "urgent": settings.urgent, "generated": generated},
                ensure_ascii=False,
            ),
        ]
    )
    for m in materials:
        ws.append(["material", json.dumps(_material_json(m), ensure_ascii=False)])
    for c in coverage:
        ws.append(["coverage", json.dumps(c.as_json(), ensure_ascii=False)])
    for b in base.values():
        data = {
            "source": b.source,
            "measure_no": b.measure_no,
            "sub_no": b.sub_no,
            "values": dict(b.values),
            "deleted": b.deleted,
        }
        ws.append(["base", b.id, json.dumps(data, ensure_ascii=False)])
    ws.sheet_state = "hidden"


def _material_json(m: Material) -> dict[str, Any]:
    return {
        "name": m.name,
        "path": m.path,
        "owner": m.owner,
        "framework": m.framework,
        "base_year": m.base_year,
        "base_year_note": m.base_year_note,
        "aspects": list(m.aspects),
    }


def _owner_names(rows: Iterable[Row]) -> list[str]:
    seen: dict[str, None] = {}
    for r in rows:
        owner = r.get("owner")
        if owner and not owner.startswith("（"):
            for n in names_in(owner):
                seen.setdefault(n, None)
    return list(seen)


def write_ledger(
    path: Path,
    rows: Sequence[Row],
    base: Mapping[str, BaseEntry],
    *,
    materials: Sequence[Material] = (),
    coverage: Sequence[AspectCoverage] = (),
    settings: Settings | None = None,
    generated: str | None = None,
    conflicts: Sequence[Conflict] = (),
    merge_notes: Sequence[str] = (),
) -> None:
    """Write the ledger workbook to ``path`` (see the module doc)."""
    settings = settings or Settings()
    generated = generated or datetime.now().strftime("%Y-%m-%d %H:%M")
    wb = Workbook()
    aspects: dict[str, None] = {}
    for m in materials:
        for a in m.aspects:
            aspects.setdefault(a, None)
    for r in rows:
        if r.get("aspect"):
            aspects.setdefault(r.get("aspect"), None)
    lists = wb.create_sheet("_lists")
    for i, a in enumerate(aspects, start=1):
        lists.cell(row=i, column=1, value=a)
    lists.sheet_state = "hidden"
    if aspects:
        wb.defined_names["AspectList"] = DefinedName(
            "AspectList", attr_text=f"'_lists'!$A$1:$A${len(aspects)}"
        )
    ws = wb.active
    assert ws is not None
    _ledger_sheet(ws, rows, materials, settings)
    _coverage_sheet(wb.create_sheet(SHEET_COVERAGE), coverage)
    _stats_sheet(wb.create_sheet(SHEET_STATS), rows, list(aspects), _owner_names(rows))
    _help_sheet(wb.create_sheet(SHEET_HELP), materials, settings, generated)
    if conflicts or merge_notes:
        _merge_sheet(wb.create_sheet(SHEET_MERGE), conflicts, merge_notes)
    _state_sheet(wb.create_sheet(SHEET_STATE), base, materials, coverage, settings, generated)
    wb.move_sheet("_lists", offset=len(wb.sheetnames))
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


# --- reading -------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _deadline_text(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, datetime | date):
        return _text(value)
    d = parse_deadline_cell(_text(value))
    key = deadline_key(d)
    return key if key else _text(value)


def _extra_columns(ws: Worksheet, header_row: int, cols: Mapping[str, int]) -> dict[str, int]:
    """Columns a person added: a header that is not one of ours."""
    known = set(cols.values())
    out: dict[str, int] = {}
    for j in range(1, ws.max_column + 1):
        name = _text(ws.cell(row=header_row, column=j).value)
        if name and j not in known and name not in HEADERS.values() and name not in out:
            out[name] = j
    return out


def _find_ledger_sheet(wb: Any) -> tuple[Worksheet, int, dict[str, int]]:
    wanted = {v: k for k, v in HEADERS.items()}
    candidates = [wb[SHEET_LEDGER]] if SHEET_LEDGER in wb.sheetnames else []
    candidates += [ws for ws in wb.worksheets if ws.title != SHEET_LEDGER]
    for ws in candidates:
        for r in range(1, min(ws.max_row, 8) + 1):
            cols: dict[str, int] = {}
            for c in ws[r]:
                name = wanted.get(_text(c.value))
                if name and name not in cols:
                    cols[name] = c.column
            if "measure" in cols and "id" in cols:
                return ws, r, cols
    raise InputError(MSG["no_sheet"])


def _load(path: Path) -> Any:
    if not path.exists():
        raise FileMissingError(MSG["missing"], path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(MSG["xls"], path)
    try:
        return load_workbook(path, data_only=True)
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        TypeError,
    ) as exc:
        raise CorruptFileError(MSG["not_xlsx"].format(error=type(exc).__name__), path) from exc
    except Exception as exc:  # openpyxl raises many kinds on malformed XML
        raise CorruptFileError(MSG["not_xlsx"].format(error=type(exc).__name__), path) from exc


def read_ledger(path: Path) -> LedgerFile:
    """Read a ledger workbook written by :func:`write_ledger` and edited by a person."""
    wb = _load(path)
    if SHEET_STATE not in wb.sheetnames:
        raise InputError(MSG["foreign"], path)
    state = wb[SHEET_STATE]
    try:
        head = [c.value for c in state[1]]
        if head[0] != FORMAT:
            raise ValueError("magic")
        if int(head[1]) > VERSION:
            raise InputError(MSG["newer"].format(v=head[1]), path)
        meta: dict[str, Any] = {}
        materials: list[Material] = []
        coverage: list[AspectCoverage] = []
        base: dict[str, BaseEntry] = {}
        for row in state.iter_rows(min_row=2, values_only=True):
            kind = row[0]
            if kind == "meta":
                meta = json.loads(str(row[1]))
            elif kind == "material":
                m = json.loads(str(row[1]))
                materials.append(
                    Material(
                        m["name"],
                        m.get("path"),
                        m.get("owner"),
                        m.get("framework"),
                        m.get("base_year"),
                        m.get("base_year_note", ""),
                        tuple(m.get("aspects", ())),
                    )
                )
            elif kind == "coverage":
                c = json.loads(str(row[1]))
                coverage.append(
                    AspectCoverage(
                        c["source"],
                        c["aspect"],
                        int(c["problems"]),
                        int(c["measures"]),
                        bool(c["answered"]),
                    )
                )
            elif kind == "base":
                b = json.loads(str(row[2]))
                values = {k: str(v) for k, v in b["values"].items()}
                base[str(row[1])] = BaseEntry(
                    str(row[1]),
                    b["source"],
                    int(b["measure_no"]),
                    int(b["sub_no"]),
                    values,
                    bool(b.get("deleted")),
                )
    except InputError:
        raise
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InputError(MSG["bad_state"].format(error=type(exc).__name__), path) from exc
    try:
        ws, header_row, cols = _find_ledger_sheet(wb)
    except InputError as exc:
        raise InputError(exc.message, path) from exc
    extra_cols = _extra_columns(ws, header_row, cols)
    rows: list[Row] = []
    for r in range(header_row + 1, ws.max_row + 1):
        cells = {name: ws.cell(row=r, column=j).value for name, j in cols.items()}
        values = {
            name: (
                _deadline_text(cells.get(name)) if name == "deadline" else _text(cells.get(name))
            )
            for name in FIELDS
        }
        info = {name: _text(cells.get(name)) for name in INFO}
        extra = {h: _text(ws.cell(row=r, column=j).value) for h, j in extra_cols.items()}
        extra = {h: v for h, v in extra.items() if v}
        rid = _text(cells.get("id")) or None
        if not any(values.values()) and not extra and rid is None:
            continue  # an empty row
        rows.append(Row(rid, values, info, line=r, extra=extra))
    settings = Settings(int(meta.get("soon", 20)), int(meta.get("urgent", 10)))
    return LedgerFile(
        tuple(rows),
        base,
        tuple(materials),
        tuple(coverage),
        settings,
        str(meta.get("generated", "")),
        path,
    )
