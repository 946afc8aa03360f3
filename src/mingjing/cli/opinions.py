"""``mingjing opinions merge|classify|assign|coverage|run``: 征求意见 from raw rows to feedback sheets."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from mingjing.cli.common import app, console, err_console, expand_inputs, progress_iter, write_json
from mingjing.errors import InputError, MingjingError
from mingjing.opinions.assign import DEFAULT_MIN_GROUP
from mingjing.opinions.corrections import load_corrections
from mingjing.opinions.coverage import (
    OpinionBook,
    book_from_assignment,
    check_coverage,
    load_book,
)
from mingjing.opinions.intake import parse_mapping
from mingjing.opinions.merge import DEFAULT_THRESHOLD
from mingjing.opinions.pipeline import (
    Outcome,
    assign_dict,
    classify_dict,
    coverage_dict,
    merge_dict,
    run_steps,
    write_json_file,
)
from mingjing.opinions.roster import Roster, load_roster
from mingjing.opinions.sheets import (
    sheet_stem,
    write_feedback_docx,
    write_feedback_xlsx,
    write_summary_xlsx,
)

MSG = {
    "bad_format": "不支持的输出格式“{fmt}”，可选：text、json",
    "summary": "读取 {read} 行：采用 {collected} 条，未采用 {rejected} 行（空行 {blank} 行不计）",
    "preamble": "前言可写：{sentence}",
    "dropped": "已删除提出人信息列和未识别的列：{cols}（如需保留提出人信息请加 --keep-identity）",
    "kept": "注意：按 --keep-identity 保留了提出人信息，只写入组织者的汇总表；已删除未识别的列：{cols}",
    "rejected_row": "  第{row}行：{reason}",
    "no_materials": "没有找到对照检查材料（--materials）",
    "owner_unknown": "{name}：无法确定是谁的材料（名单中的姓名未出现在标题或开头），已跳过",
    "covered": "{name}（{who}）：{n} 条反馈意见，{missing} 条未回应",
    "no_opinions": "{name}（{who}）：没有分派给本人的意见",
    "missing": "  未回应：{text}",
    "written": "已写出：{path}",
    "feedback_dir": "反馈表",
    "warning": "提示：{text}",
    "bad_threshold": "相似度阈值应在 0 到 1 之间（现为 {value}）",
    "need_framework": "需要指定对照框架：--framework（可用 mingjing frameworks 查看）",
}

opinions_app = typer.Typer(
    name="opinions",
    help="征求意见：读取意见表，归纳（合并重复和同义意见）、按方面归类、分派到班子和个人，写出反馈表，检查材料是否回应。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
app.add_typer(opinions_app, name="opinions")

FileArg = Annotated[Path, typer.Argument(help="意见文件：.xlsx、.csv（UTF-8 或 GB18030）、.txt")]
TeamOpt = Annotated[
    Path | None, typer.Option("--team", "-t", help="班子成员名单（TOML），用于把意见分派到个人")
]
ColumnsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--columns",
        help="列映射，如 text=意见,target=对谁提,identity=备注（角色：text channel target time category identity）",
    ),
]
IdentityOpt = Annotated[
    bool,
    typer.Option(
        "--keep-identity", help="保留提出人信息列（默认删除；保留后也只写入组织者的汇总表）"
    ),
]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="读取工作簿中的这张工作表")]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", help="强制按此编码读取 .csv/.txt")]
ChannelOpt = Annotated[str, typer.Option("--channel", help="文件未注明来源渠道时使用的渠道名")]
ThresholdOpt = Annotated[
    float, typer.Option("--threshold", help="归纳的相似度阈值（0–1，越大越不容易合并）")
]
CorrectionsOpt = Annotated[
    Path | None, typer.Option("--corrections", help="人工修正文件（TOML），每次运行都重新应用")
]
FormatOpt = Annotated[str, typer.Option("--format", help="输出格式：text 或 json")]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="结果写入此文件")]
FrameworkOpt = Annotated[
    str | None, typer.Option("--framework", "-f", help="对照框架（见 mingjing frameworks）")
]
MinGroupOpt = Annotated[
    int, typer.Option("--min-group", help="人数少于此数的渠道在反馈表中写作“其他渠道”")
]


@contextmanager
def _steps(total: int) -> Iterator[Any]:
    """A progress bar over the pipeline's steps (on a terminal only)."""
    if not err_console.is_terminal:
        yield lambda name: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)

        def step(name: str) -> None:
            progress.update(task, description=name, advance=1)

        yield step


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise MingjingError(MSG["bad_format"].format(fmt=fmt))


def _framework(fid: str | None, required: bool) -> tuple[Any, Any]:
    from mingjing.frameworks.loader import get, load_all

    pool = load_all()
    if fid is None:
        if required:
            raise MingjingError(MSG["need_framework"])
        return None, pool
    return get(fid, pool), pool


def _outcome(
    file: Path,
    *,
    team: Path | None,
    columns: list[str] | None,
    keep_identity: bool,
    sheet: str | None,
    encoding: str | None,
    channel: str,
    threshold: float,
    corrections: Path | None,
    framework: str | None = None,
    framework_required: bool = False,
    min_group: int = DEFAULT_MIN_GROUP,
) -> Outcome:
    if not 0.0 < threshold < 1.0:
        raise MingjingError(MSG["bad_threshold"].format(value=threshold))
    roster = load_roster(team) if team is not None else Roster()
    corr = load_corrections(corrections) if corrections is not None else None
    fw, pool = _framework(framework, framework_required)
    with _steps(4) as step:
        return run_steps(
            file,
            roster=roster,
            framework=fw,
            pool=pool,
            threshold=threshold,
            corrections=corr,
            columns=parse_mapping(columns or []),
            keep_identity=keep_identity,
            sheet=sheet,
            encoding=encoding,
            channel=channel,
            min_group=min_group,
            step=step,
        )


def _print_intake(o: Outcome) -> None:
    i = o.merged.intake
    console.print(
        MSG["summary"].format(
            read=i.read, collected=len(i.opinions), rejected=len(i.rejected), blank=i.blank
        )
    )
    for r in i.rejected:
        console.print(Text(MSG["rejected_row"].format(row=r.row, reason=r.reason)))
    if i.identity_kept:
        console.print(Text(MSG["kept"].format(cols="、".join(i.dropped) or "无"), style="yellow"))
    elif i.dropped:
        console.print(Text(MSG["dropped"].format(cols="、".join(i.dropped)), style="dim"))
    for w in (*i.warnings, *o.warnings):
        console.print(Text(MSG["warning"].format(text=w), style="yellow"))


def _emit(data: dict[str, Any], fmt: str, output: Path | None) -> bool:
    if fmt == "json":
        write_json(data, output)
        return True
    return False


@opinions_app.command("merge")
def merge_command(
    file: FileArg,
    team: TeamOpt = None,
    columns: ColumnsOpt = None,
    keep_identity: IdentityOpt = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    channel: ChannelOpt = "",
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    corrections: CorrectionsOpt = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
) -> None:
    """归纳：合并重复和同义的意见，给出征求条数、归纳条数和每条归纳意见的来源行。"""
    _check_format(fmt)
    o = _outcome(
        file,
        team=team,
        columns=columns,
        keep_identity=keep_identity,
        sheet=sheet,
        encoding=encoding,
        channel=channel,
        threshold=threshold,
        corrections=corrections,
    )
    if _emit(merge_dict(o.merged, o.roster), fmt, output):
        return
    _print_intake(o)
    table = Table(show_lines=False)
    for col in ("编号", "条数", "对象", "归纳意见", "来源行"):
        table.add_column(col, overflow="fold")
    for c in o.merged.clusters:
        rows = "、".join(str(r) for r in c.rows[:8]) + ("…" if c.size > 8 else "")
        table.add_row(str(c.id), str(c.size), o.roster.label(c.target), Text(c.text), rows)
    console.print(table)
    console.print(MSG["preamble"].format(sentence=o.merged.counts.sentence()))


@opinions_app.command("classify")
def classify_command(
    file: FileArg,
    framework: FrameworkOpt = None,
    team: TeamOpt = None,
    columns: ColumnsOpt = None,
    keep_identity: IdentityOpt = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    channel: ChannelOpt = "",
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    corrections: CorrectionsOpt = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
) -> None:
    """归类：把每条归纳意见归到对照框架的某个方面，给出可信度和依据词；分不清的归入“未归类”。"""
    _check_format(fmt)
    o = _outcome(
        file,
        team=team,
        columns=columns,
        keep_identity=keep_identity,
        sheet=sheet,
        encoding=encoding,
        channel=channel,
        threshold=threshold,
        corrections=corrections,
        framework=framework,
        framework_required=True,
    )
    if _emit(classify_dict(o), fmt, output):
        return
    _print_intake(o)
    table = Table()
    for col in ("编号", "条数", "归类", "可信度", "依据", "归纳意见"):
        table.add_column(col, overflow="fold")
    for c, k in zip(o.merged.clusters, o.classifications, strict=True):
        table.add_row(
            str(c.id), str(c.size), k.label, f"{k.confidence:.2f}", "、".join(k.basis), Text(c.text)
        )
    console.print(table)


@opinions_app.command("assign")
def assign_command(
    file: FileArg,
    team: TeamOpt = None,
    framework: FrameworkOpt = None,
    columns: ColumnsOpt = None,
    keep_identity: IdentityOpt = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    channel: ChannelOpt = "",
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    corrections: CorrectionsOpt = None,
    min_group: MinGroupOpt = DEFAULT_MIN_GROUP,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
) -> None:
    """分派：按意见对象或意见中的姓名、职务，把归纳意见分给班子和个人，并给出每人的条数。

    用 --format json -o 分派.json 保存后，可用 mingjing check 材料 --opinions 分派.json 检查回应情况。
    """
    _check_format(fmt)
    o = _outcome(
        file,
        team=team,
        columns=columns,
        keep_identity=keep_identity,
        sheet=sheet,
        encoding=encoding,
        channel=channel,
        threshold=threshold,
        corrections=corrections,
        framework=framework,
        min_group=min_group,
    )
    if _emit(assign_dict(o), fmt, output):
        return
    _print_intake(o)
    for f in o.assignment.feedback:
        console.print(Text(f"{f.label}：{f.counts.sentence()}", style="bold"))
        for row in f.rows:
            console.print(
                Text(f"  {row.number}. {row.text}（{row.channels}；{row.aspect}；{row.count}条）")
            )
    console.print(MSG["preamble"].format(sentence=o.merged.counts.sentence()))


def _book_for(file: Path, outcome_args: dict[str, Any]) -> OpinionBook:
    if file.suffix.lower() == ".json":
        return load_book(file)
    o = _outcome(file, **outcome_args)
    return book_from_assignment(assign_dict(o), str(file))


def _coverage(book: OpinionBook, materials: list[Path]) -> tuple[list[dict[str, Any]], int]:
    from mingjing.ingest import read
    from mingjing.structure import parse

    paths = expand_inputs(materials)
    if not paths:
        raise InputError(MSG["no_materials"])
    results: list[dict[str, Any]] = []
    missing = 0
    for p in progress_iter(paths, "检查意见回应"):
        report = parse(read(p))
        who, ops = book.for_report(report)
        if who is None:
            err_console.print(MSG["owner_unknown"].format(name=p.name), highlight=False)
            continue
        answers = check_coverage(report, ops, roster=book.roster)
        missing += sum(1 for a in answers if not a.answered)
        results.append(coverage_dict(str(p), who, answers))
    return results, missing


@opinions_app.command("coverage")
def coverage_command(
    file: Annotated[
        Path, typer.Argument(help="意见文件，或 mingjing opinions assign 写出的 .json")
    ],
    materials: Annotated[
        list[Path], typer.Option("--materials", "-m", help="对照检查材料文件或文件夹（可多次给出）")
    ],
    team: TeamOpt = None,
    columns: ColumnsOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    corrections: CorrectionsOpt = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
) -> None:
    """回应检查：每份材料是否回应了分派给本人的每条意见（问题、原因或措施中有对应内容）。

    退出码：0 全部回应；1 有未回应的意见；2 输入无法使用。
    """
    _check_format(fmt)
    args: dict[str, Any] = {
        "team": team,
        "columns": columns,
        "keep_identity": False,
        "sheet": sheet,
        "encoding": encoding,
        "channel": "",
        "threshold": threshold,
        "corrections": corrections,
    }
    book = _book_for(file, args)
    results, missing = _coverage(book, materials)
    if fmt == "json":
        write_json({"version": 1, "materials": results}, output)
    else:
        labels = {m.name: book.roster.label(m.name) for m in book.roster.members}
        for r in results:
            name = Path(r["material"]).name
            who = labels.get(r["owner"], book.roster.label(r["owner"]) if r["owner"] else "")
            if not r["opinions"]:
                console.print(MSG["no_opinions"].format(name=name, who=who))
                continue
            console.print(
                Text(
                    MSG["covered"].format(
                        name=name, who=who, n=r["opinions"], missing=r["unanswered"]
                    ),
                    style="bold",
                )
            )
            for a in r["answers"]:
                if not a["answered"]:
                    console.print(Text(MSG["missing"].format(text=a["text"])))
    if missing:
        raise typer.Exit(1)


@opinions_app.command("run")
def run_command(
    file: FileArg,
    framework: FrameworkOpt = None,
    out: Annotated[Path, typer.Option("-o", "--output", help="输出文件夹")] = Path("意见归纳结果"),
    team: TeamOpt = None,
    materials: Annotated[
        list[Path] | None, typer.Option("--materials", "-m", help="同时检查这些材料的意见回应情况")
    ] = None,
    columns: ColumnsOpt = None,
    keep_identity: IdentityOpt = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    channel: ChannelOpt = "",
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    corrections: CorrectionsOpt = None,
    min_group: MinGroupOpt = DEFAULT_MIN_GROUP,
    fmt: FormatOpt = "text",
) -> None:
    """一次完成：读取、归纳、归类、分派，写出每人的反馈表（.xlsx、.docx）、汇总表（含图表）和 JSON。"""
    _check_format(fmt)
    o = _outcome(
        file,
        team=team,
        columns=columns,
        keep_identity=keep_identity,
        sheet=sheet,
        encoding=encoding,
        channel=channel,
        threshold=threshold,
        corrections=corrections,
        framework=framework,
        framework_required=True,
        min_group=min_group,
    )
    written: list[Path] = []
    written.append(write_json_file(classify_dict(o), out / "意见归纳.json"))
    written.append(write_json_file(assign_dict(o), out / "意见分派.json"))
    written.append(
        write_summary_xlsx(
            o.merged, o.classifications, o.assignment, o.roster, out / "意见汇总.xlsx"
        )
    )
    folder = out / MSG["feedback_dir"]
    for f in progress_iter(list(o.assignment.feedback), "写出反馈表"):
        stem = sheet_stem(f, o.roster)
        written.append(write_feedback_xlsx(f, folder / f"{stem}.xlsx"))
        written.append(write_feedback_docx(f, folder / f"{stem}.docx"))
    coverage: list[dict[str, Any]] = []
    if materials:
        book = book_from_assignment(assign_dict(o), str(file))
        coverage, _ = _coverage(book, materials)
        written.append(
            write_json_file({"version": 1, "materials": coverage}, out / "意见回应检查.json")
        )
    if fmt == "json":
        data = {
            "collected": o.merged.counts.collected,
            "rejected": o.merged.counts.rejected,
            "merged": o.merged.counts.merged,
            "preamble": o.merged.counts.sentence(),
            "files": [str(p) for p in written],
            "coverage": coverage,
        }
        write_json(data)
        return
    _print_intake(o)
    table = Table(title="意见分派")
    for col in ("反馈对象", "征求条数", "归纳条数"):
        table.add_column(col)
    for f in o.assignment.feedback:
        table.add_row(f.label, str(f.counts.collected), str(f.counts.merged))
    console.print(table)
    for r in coverage:
        console.print(
            f"{Path(r['material']).name}：{r['opinions']} 条反馈意见，{r['unanswered']} 条未回应"
        )
    console.print(MSG["preamble"].format(sentence=o.merged.counts.sentence()))
    for p in written[:3]:
        console.print(MSG["written"].format(path=p))
    console.print(MSG["written"].format(path=folder))
    sys.stdout.flush()
