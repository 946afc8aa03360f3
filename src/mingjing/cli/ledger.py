"""``mingjing ledger``: extract a rectification ledger, merge an edited one, show status, draft
the 整改落实情况 report. Thin commands over :mod:`mingjing.ledger`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from mingjing.cli.common import app, console, err_console, expand_inputs, write_json
from mingjing.errors import InputError
from mingjing.ingest import read
from mingjing.ledger import (
    Ledger,
    Settings,
    Urgency,
    assess,
    combine,
    extract,
    merge,
    parse_deadline_cell,
    progress_svg,
    read_ledger,
    save,
    save_merged,
    write_report,
)
from mingjing.ledger.model import DeadlineKind, Status, format_date
from mingjing.ledger.sheet import HEADERS
from mingjing.ledger.status import StatusReport
from mingjing.review import review
from mingjing.structure import parse

MSG = {
    "help": "整改台账：从对照检查材料的整改措施生成 Excel 台账，合并修改，查看进度，起草整改落实情况报告。",
    "no_input": "没有找到可读取的材料文件",
    "exists": "输出文件已存在：{path}。为免覆盖已填写的台账，请换一个文件名，或用 --force 覆盖；更新已有台账请用 mingjing ledger merge",
    "same": "输出文件不能与输入台账相同（{path}）：明镜不修改原台账，请用 -o 指定新文件",
    "written": "已写入 {path}（{n} 条措施）",
    "bad_today": "无法识别的日期“{value}”，请写成 2024-06-30 或 2024年6月30日",
    "bad_threshold": "提醒天数应满足 0 ≤ 临期天数（{urgent}）≤ 将到期天数（{soon}）",
    "no_sources": "没有给出材料文件，台账中记录的材料也都找不到：{names}。请在命令中给出材料文件",
    "using_recorded": "未给出材料文件，使用台账中记录的材料：{names}",
    "warn": "提示",
    "col_no": "序号",
    "col_aspect": "方面",
    "col_measure": "整改措施",
    "col_owner": "责任人",
    "col_deadline": "完成时限",
    "col_problem": "对应问题（相似度）",
    "missing_deadline": "未写明",
    "merge_summary": "合并完成：保留使用者修改 {kept} 处，按材料更新 {updated} 处，新增 {added} 条，删除 {dropped} 条，冲突 {conflicts} 处",
    "conflicts_title": "冲突（台账和材料都改了，已保留台账中的值，材料的新值见批注和“合并记录”工作表）",
    "col_field": "字段",
    "col_kept": "台账中的值（保留）",
    "col_source": "材料中的新值",
    "status_title": "整改进度（截至 {today}）：共 {n} 条，{totals}",
    "overdue": "已逾期",
    "due_soon": "{days} 天内到期",
    "immediate": "立行立改未销号",
    "no_deadline": "未明确时限",
    "none": "无",
    "days_over": "逾期 {n} 天",
    "days_left": "剩 {n} 天",
    "chart": "进度图已写入 {path}",
    "chart_format": "进度图只支持 .svg 或 .png 文件",
    "no_plot": "生成 PNG 需要 matplotlib（pip install 'mingjing[plot]'）；也可以输出 .svg",
    "report_written": "已写入整改落实情况报告草稿：{path}",
    "filtered_empty": "台账中没有责任人为“{owner}”的措施",
}

ledger_app = typer.Typer(help=MSG["help"], no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(ledger_app, name="ledger")


class Format(StrEnum):
    xlsx = "xlsx"
    json = "json"


class TextFormat(StrEnum):
    text = "text"
    json = "json"


def _settings(soon: int, urgent: int) -> Settings:
    if not 0 <= urgent <= soon:
        raise typer.BadParameter(MSG["bad_threshold"].format(soon=soon, urgent=urgent))
    return Settings(soon=soon, urgent=urgent)


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    d = parse_deadline_cell(value)
    if d.kind is not DeadlineKind.DATE or d.due is None:
        raise InputError(MSG["bad_today"].format(value=value))
    return d.due


def _extract(files: list[Path], framework: str | None) -> Ledger:
    paths = expand_inputs(files)
    if not paths:
        raise InputError(MSG["no_input"])
    ledgers = []
    for p in paths:
        report = parse(read(p))
        ledgers.append(extract(report, review(report, framework=framework)))
    return combine(ledgers)


def _warnings(warnings: tuple[str, ...]) -> None:
    for w in warnings:
        err_console.print(f"[yellow]{MSG['warn']}[/]：{w}")


def _items_table(ledger: Ledger) -> Table:
    t = Table(show_lines=False)
    for key in ("col_no", "col_aspect", "col_problem", "col_measure", "col_owner", "col_deadline"):
        t.add_column(MSG[key], overflow="fold")
    for n, i in enumerate(ledger.items, start=1):
        d = i.deadline.label() or f"[red]{MSG['missing_deadline']}[/]"
        aspect = i.link.aspect or "—"
        problem = f"{i.link.problem.label}（{i.link.score:.2f}）" if i.link.problem else "—"
        measure = i.measure if len(i.measure) <= 30 else i.measure[:29] + "…"
        t.add_row(str(n), aspect, problem, measure, i.owner_label, d)
    return t


@ledger_app.command("extract")
def extract_command(
    files: Annotated[
        list[Path], typer.Argument(help="材料文件或文件夹（班子和个人的对照检查材料）")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="输出的台账 .xlsx（--format json 时为 JSON 文件，省略则打印）"
        ),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="xlsx：Excel 台账；json：打印条目")
    ] = Format.xlsx,
    framework: Annotated[str | None, typer.Option(help="指定对照框架 ID（默认自动识别）")] = None,
    soon: Annotated[int, typer.Option(help="将到期提醒天数（黄色）")] = 20,
    urgent: Annotated[int, typer.Option(help="临期提醒天数（橙色）")] = 10,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """从材料的整改措施提取整改台账（每条具体措施一行）。"""
    settings = _settings(soon, urgent)
    ledger = _extract(files, framework)
    if fmt is Format.json:
        write_json(ledger.as_json(), output)
        _warnings(ledger.warnings)
        return
    out = output or Path("整改台账.xlsx")
    if out.exists() and not force:
        raise InputError(MSG["exists"].format(path=out))
    save(ledger, out, settings)
    console.print(_items_table(ledger))
    _warnings(ledger.warnings)
    console.print(MSG["written"].format(path=out, n=len(ledger.items)))


@ledger_app.command("merge")
def merge_command(
    ledger_path: Annotated[Path, typer.Argument(metavar="LEDGER.xlsx", help="已填写的台账")],
    files: Annotated[
        list[Path] | None, typer.Argument(help="修改后的材料文件（省略则用台账中记录的材料）")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="合并后的新台账（默认：原名_合并.xlsx）")
    ] = None,
    framework: Annotated[str | None, typer.Option(help="指定对照框架 ID（默认自动识别）")] = None,
    fmt: Annotated[
        TextFormat, typer.Option("--format", help="text 或 json（合并结果摘要）")
    ] = TextFormat.text,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """把修改后的材料合并进已填写的台账：保留所有填写内容，冲突逐项报告，绝不静默覆盖。"""
    book = read_ledger(ledger_path)
    sources = list(files or [])
    if not sources:
        recorded = [Path(m.path) for m in book.materials if m.path]
        sources = [p for p in recorded if p.exists()]
        if not sources:
            raise InputError(
                MSG["no_sources"].format(names="、".join(m.name for m in book.materials))
            )
        err_console.print(MSG["using_recorded"].format(names="、".join(str(p) for p in sources)))
    out = output or ledger_path.with_name(f"{ledger_path.stem}_合并.xlsx")
    if out.resolve() == ledger_path.resolve():
        raise InputError(MSG["same"].format(path=out))
    if out.exists() and not force:
        raise InputError(MSG["exists"].format(path=out))
    fresh = _extract(sources, framework)
    result = merge(book, fresh)
    save_merged(result, out, book.settings)
    summary = MSG["merge_summary"].format(
        kept=result.kept_edits,
        updated=result.updated,
        added=len(result.added),
        dropped=len(result.dropped),
        conflicts=len(result.conflicts),
    )
    if fmt is TextFormat.json:
        write_json(
            {
                "output": str(out),
                "kept_edits": result.kept_edits,
                "updated": result.updated,
                "added": list(result.added),
                "dropped": list(result.dropped),
                "conflicts": [
                    {"id": c.id, "no": c.no, "field": c.field, "kept": c.kept, "source": c.source}
                    for c in result.conflicts
                ],
                "notes": list(result.notes),
            }
        )
        return
    console.print(summary)
    if result.conflicts:
        t = Table(title=MSG["conflicts_title"], title_justify="left")
        for key in ("col_no", "col_field", "col_kept", "col_source"):
            t.add_column(MSG[key], overflow="fold")
        for c in result.conflicts:
            t.add_row(str(c.no), HEADERS.get(c.field, c.field), c.kept, c.source)
        console.print(t)
    for n in result.notes:
        console.print(f"· {n}")
    console.print(MSG["written"].format(path=out, n=len(result.rows)))


def _state_table(title: str, rows: list[tuple[str, str, str, str, str]]) -> Table:
    t = Table(title=title, title_justify="left")
    for key in ("col_owner", "col_no", "col_measure", "col_deadline"):
        t.add_column(MSG[key], overflow="fold")
    t.add_column("")
    for r in rows:
        t.add_row(*r)
    return t


@ledger_app.command("status")
def status_command(
    ledger_path: Annotated[Path, typer.Argument(metavar="LEDGER.xlsx", help="整改台账")],
    today: Annotated[
        str | None, typer.Option(help="按哪一天统计（默认今天），如 2024-06-30")
    ] = None,
    soon: Annotated[int | None, typer.Option(help="将到期提醒天数（默认取台账中的设置）")] = None,
    urgent: Annotated[int | None, typer.Option(help="临期提醒天数（默认取台账中的设置）")] = None,
    chart: Annotated[
        Path | None, typer.Option(help="把按方面、按责任人的进度图写入 .svg 或 .png")
    ] = None,
    fmt: Annotated[TextFormat, typer.Option("--format", help="text 或 json")] = TextFormat.text,
) -> None:
    """按责任人列出已逾期、将到期的措施，统计各方面、各责任人的整改进度。"""
    book = read_ledger(ledger_path)
    settings = _settings(
        soon if soon is not None else book.settings.soon,
        urgent if urgent is not None else book.settings.urgent,
    )
    report = assess(book.rows, _today(today), settings)
    if chart is not None:
        _write_chart(chart, report)
    if fmt is TextFormat.json:
        write_json(report.as_json())
        return
    totals = "，".join(f"{k} {v}" for k, v in report.totals().items())
    console.print(
        MSG["status_title"].format(
            today=report.today.isoformat(), n=len(report.rows), totals=totals
        )
    )
    groups = (
        (MSG["overdue"], (Urgency.OVERDUE,)),
        (MSG["due_soon"].format(days=settings.soon), (Urgency.URGENT, Urgency.SOON)),
        (MSG["immediate"], (Urgency.IMMEDIATE,)),
        (MSG["no_deadline"], (Urgency.NO_DEADLINE,)),
    )
    for title, urgencies in groups:
        by_owner = report.by_owner(*urgencies)
        rows: list[tuple[str, str, str, str, str]] = []
        for owner, states in sorted(by_owner.items()):
            for s in states:
                left = ""
                if s.days_left is not None:
                    left = (
                        MSG["days_over"].format(n=-s.days_left)
                        if s.days_left < 0
                        else MSG["days_left"].format(n=s.days_left)
                    )
                measure = s.row.get("measure")
                rows.append(
                    (
                        owner,
                        str(s.no),
                        measure if len(measure) <= 40 else measure[:39] + "…",
                        format_date(s.deadline.due) if s.deadline.due else s.row.get("deadline"),
                        left,
                    )
                )
        if rows:
            console.print(_state_table(f"{title}（{len(report.of(*urgencies))}）", rows))
        else:
            console.print(f"{title}：{MSG['none']}")
    for key, label in (("aspect", MSG["col_aspect"]), ("owner", MSG["col_owner"])):
        counts = report.counts(key)
        names = sorted({name for c in counts.values() for name in c})
        t = Table(title=label, title_justify="left")
        t.add_column(label)
        for name in names:
            t.add_column(name, justify="right")
        for k, c in counts.items():
            t.add_row(k, *(str(c.get(name, 0)) for name in names))
        console.print(t)


def _write_chart(path: Path, report: StatusReport) -> None:
    suffix = path.suffix.lower()
    svg = progress_svg(report)
    if suffix == ".svg":
        path.write_text(svg, encoding="utf-8")
    elif suffix == ".png":
        _png(path, report)
    else:
        raise InputError(MSG["chart_format"])
    err_console.print(MSG["chart"].format(path=path))


def _png(path: Path, report: StatusReport) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise InputError(MSG["no_plot"]) from exc
    plt.rcParams["font.sans-serif"] = [
        "Noto Sans CJK SC",
        "Microsoft YaHei",
        "SimHei",
        "DejaVu Sans",
    ]
    fig, axes = plt.subplots(1, 2, figsize=(12, 5))
    for ax, key, title in (
        (axes[0], "aspect", MSG["col_aspect"]),
        (axes[1], "owner", MSG["col_owner"]),
    ):
        counts = report.counts(key)
        names = list(counts)
        left = [0] * len(names)
        for s in Status:
            vals = [counts[n].get(s.value, 0) for n in names]
            ax.barh(names, vals, left=left, label=s.value)
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.set_title(title)
        ax.invert_yaxis()
    axes[1].legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


@ledger_app.command("report")
def report_command(
    ledger_path: Annotated[Path, typer.Argument(metavar="LEDGER.xlsx", help="整改台账")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="输出的 .docx，如 整改落实情况报告.docx")
    ] = Path("整改落实情况报告.docx"),
    today: Annotated[str | None, typer.Option(help="截至哪一天（默认今天）")] = None,
    owner: Annotated[
        str | None, typer.Option(help="只写某位责任人的措施（如个人的回头看）")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """根据台账起草整改落实情况报告（.docx），只写台账中有的内容，不代拟。"""
    book = read_ledger(ledger_path)
    if output.exists() and not force:
        raise InputError(MSG["exists"].format(path=output))
    rows = list(book.rows)
    materials = list(book.materials)
    if owner:
        rows = [r for r in rows if owner in r.get("owner")]
        if not rows:
            raise InputError(MSG["filtered_empty"].format(owner=owner))
        sources = {r.info.get("source") for r in rows}
        materials = [m for m in materials if m.name in sources]
    report = assess(rows, _today(today), book.settings)
    write_report(output, report, materials)
    console.print(MSG["report_written"].format(path=output))
