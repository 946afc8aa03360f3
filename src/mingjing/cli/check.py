"""``mingjing check`` (review materials) and ``mingjing rules`` (list and explain rules)."""

from __future__ import annotations

import io
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mingjing.cli.common import app, console, err_console, expand_inputs, progress_iter, write_json
from mingjing.errors import InputError, MingjingError
from mingjing.ingest import read
from mingjing.render.findings import (
    JSON_VERSION,
    SECTION_NAMES,
    context_of,
    document_dict,
    line_of,
)
from mingjing.review import REGISTRY, Config, Severity, find_config, load_config, review
from mingjing.review.runner import ReviewResult
from mingjing.structure import parse

MSG = {
    "no_input": "没有找到可审核的材料文件",
    "failed": "{n} 个文件未能审核",
    "summary": "{errors} 个错误，{warnings} 个警告，{infos} 个提示",
    "framework": "对照框架：{name}（可信度 {conf:.0%}）",
    "no_framework": "对照框架：未能确定（可用 --framework 指定）",
    "clean": "未发现问题。",
    "unknown_rule": "没有规则“{key}”（可用 mingjing rules 查看全部规则）",
    "bad_format": "不支持的输出格式“{fmt}”，可选：{choices}",
    "total": "共审核 {n} 份材料：{summary}",
}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
FORMATS = ("text", "json")


@dataclass(frozen=True, slots=True)
class Job:
    path: Path
    framework: str | None
    config: Path | None


def _config_for(job: Job) -> Config:
    path = job.config or find_config(job.path)
    return load_config(path) if path else Config()


def review_file(job: Job) -> ReviewResult:
    """Read, parse and review one file (runs in a worker process for batches)."""
    return review(parse(read(job.path)), framework=job.framework, config=_config_for(job))


def _review_job(job: Job) -> tuple[ReviewResult | None, MingjingError | None]:
    try:
        return review_file(job), None
    except MingjingError as exc:
        return None, exc


def _run_all(
    jobs: list[Job], workers: int
) -> list[tuple[Job, ReviewResult | None, MingjingError | None]]:
    if workers <= 1 or len(jobs) < 4:
        return [(job, *_review_job(job)) for job in progress_iter(jobs, "审核材料")]
    out: list[tuple[Job, ReviewResult | None, MingjingError | None]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_review_job, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
        for job, (result, error) in zip(
            jobs, progress_iter(list(results), "审核材料"), strict=True
        ):
            out.append((job, result, error))
    return out


def render_text(result: ReviewResult, out: Console) -> None:
    """Findings grouped by section, each with the flagged characters highlighted in context."""
    doc = result.report.document
    text = doc.text
    s = result.summary()
    out.print(Text(f"{doc.path or doc.name}", style="bold"))
    fw = result.framework
    if fw is not None and result.detection is not None:
        out.print("  " + MSG["framework"].format(name=fw.name, conf=result.detection.confidence))
    else:
        out.print("  " + MSG["no_framework"])
    if not result.findings:
        out.print("  " + MSG["clean"])
    current: object = object()
    for f in result.findings:
        if f.section != current:
            current = f.section
            out.print(Text(f"  【{SECTION_NAMES.get(f.section, f.section or '')}】", style="bold"))
        before, flagged, after = context_of(text, f)
        line = Text("    ")
        line.append(f"{f.severity.label} ", style=SEVERITY_STYLE[f.severity])
        line.append(f"{f.rule} {f.name}", style="dim")
        line.append(f"  第{line_of(text, f.span.start)}行  ")
        line.append(f.message)
        out.print(line)
        ctx = Text("      …")
        ctx.append(before)
        ctx.append(flagged, style="reverse " + SEVERITY_STYLE[f.severity])
        ctx.append(after)
        ctx.append("…")
        out.print(ctx)
        if f.suggestion:
            out.print(Text(f"      建议：{f.suggestion}", style="green"))
    out.print(
        "  "
        + MSG["summary"].format(errors=s["error"], warnings=s["warning"], infos=s["info"])
        + f"；问题条目 {s['problem_items']} 条，有具体事例 {s['problem_items_with_instance']} 条"
    )
    out.print()


@app.command("check")
def check_command(
    files: Annotated[list[Path], typer.Argument(help="材料文件或文件夹")],
    framework: Annotated[
        str | None, typer.Option("--framework", "-f", help="指定对照框架（见 mingjing frameworks）")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="输出格式：text 或 json")] = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="结果写入此文件")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件 mingjing.toml")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数（默认为 CPU 核数）")] = 0,
) -> None:
    """审核对照检查材料：占位符、编号、数量、重复、提法、错别字、标点、结构、框架、具体性、对应关系。

    退出码：0 没有错误级问题；1 至少有一个错误级问题；2 输入无法使用。
    """
    if fmt not in FORMATS:
        raise MingjingError(MSG["bad_format"].format(fmt=fmt, choices="、".join(FORMATS)))
    if config is not None:
        load_config(config)  # fail early with a clear message
    paths = expand_inputs(files)
    if not paths:
        raise InputError(MSG["no_input"])
    workers = jobs or min(os.cpu_count() or 1, 8)
    results = _run_all([Job(p, framework, config) for p in paths], workers)
    single = len(paths) == 1 and not files[0].is_dir()
    errors = [e for _, _, e in results if e is not None]
    if single and errors:
        raise errors[0]
    done = [r for _, r, _ in results if r is not None]
    if fmt == "json":
        write_json({"version": JSON_VERSION, "documents": [document_dict(r) for r in done]}, output)
    else:
        buffer = io.StringIO() if output else None
        out = Console(file=buffer, width=120, highlight=False, no_color=True) if buffer else console
        for r in done:
            render_text(r, out)
        if len(done) > 1:
            total = {s: sum(r.count(s) for r in done) for s in Severity}
            out.print(
                MSG["total"].format(
                    n=len(done),
                    summary=MSG["summary"].format(
                        errors=total[Severity.ERROR],
                        warnings=total[Severity.WARNING],
                        infos=total[Severity.INFO],
                    ),
                )
            )
        if buffer is not None and output is not None:
            output.write_text(buffer.getvalue(), encoding="utf-8")
    for e in errors:
        err_console.print(f"[bold red]错误[/]：{e}", highlight=False)
    if errors:
        err_console.print(MSG["failed"].format(n=len(errors)))
        raise typer.Exit(2)
    if any(r.count(Severity.ERROR) for r in done):
        raise typer.Exit(1)


def _rule_dict(code: str) -> dict[str, Any]:
    r = REGISTRY.get(code)
    if r is None:
        raise MingjingError(MSG["unknown_rule"].format(key=code))
    return r.describe()


@app.command("rules")
def rules_command(
    rule: Annotated[
        str | None, typer.Argument(help="规则代码或名称，如 MJ101 或 placeholder-unfilled")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="输出规则参考文档（Markdown）")
    ] = False,
) -> None:
    """列出全部审核规则，或说明一条规则（检查什么、为什么、示例、如何修改）。"""
    if markdown:
        from mingjing.render.rules_doc import rules_markdown

        sys.stdout.write(rules_markdown())
        return
    if rule is not None:
        data = _rule_dict(rule)
        if as_json:
            write_json(data)
            return
        console.print(Text(f"{data['code']} {data['name']}", style="bold"))
        console.print(
            f"类别：{data['category']}    级别：{data['severity']}    默认{'启用' if data['enabled'] else '关闭'}    依据可信度：{data['confidence']}"
        )
        console.print(Text(f"提示：{data['message']}"))
        console.print(Text(f"为什么：{data['rationale']}"))
        console.print(Text(f"出处：{data['source']}"))
        if data["fix"]:
            console.print(Text(f"如何修改：{data['fix']}"))
        for label, key in (("应当报告的示例", "flags"), ("不应报告的示例", "passes")):
            console.print(Text(label + "：", style="bold"))
            for ex in data[key]:
                console.print(Text("  " + ex.replace("\n", "⏎")[:200]))
        return
    rules = [r.describe() for r in REGISTRY]
    if as_json:
        write_json(rules)
        return
    table = Table(show_lines=False)
    for col in ("代码", "名称", "类别", "级别", "默认"):
        table.add_column(col, no_wrap=True)
    table.add_column("提示", overflow="fold")
    for d in rules:
        table.add_row(
            d["code"],
            d["name"],
            d["category"],
            d["severity"],
            "启用" if d["enabled"] else "关闭",
            Text(d["message"]),
        )
    console.print(table)
