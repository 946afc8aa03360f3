"""``mingjing check`` (review materials) and ``mingjing rules`` (list and explain rules)."""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mingjing.cli.common import app, console, err_console, expand_inputs, progress_iter, write_json
from mingjing.errors import InputError, MingjingError
from mingjing.ingest import read
from mingjing.render import ANNOTATED_SUFFIX
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
    "wrote_docx": "带批注的副本：{path}",
    "wrote_html": "审核报告：{path}",
    "docx_out_is_file": "-o 指向一个已有的文件，不能用作存放带批注副本的文件夹：{path}",
    "output_is_input": "输出文件不能是原材料本身：{path}",
}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
FORMATS = ("text", "json", "docx", "html")
#: Defaults when ``-o`` is not given: the report file, the folder for annotated copies.
DEFAULT_HTML = "审核报告.html"
DEFAULT_DOCX_DIR = "审核意见"


@dataclass(frozen=True, slots=True)
class Job:
    path: Path
    framework: str | None
    config: Path | None
    docx_out: Path | None = None  # write the annotated copy here (``--format docx``)
    opinions: Path | None = None  # opinions the material must answer (``--opinions``)
    corpus: Path | None = None  # 查重 corpus (``--corpus``)
    mode: str = "result"  # what the worker sends back: "json", "text", "html" (the result), "docx"
    color: bool = False  # text mode: render with terminal colours
    width: int = 120  # text mode: console width


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker sends back: only what the chosen output needs, so that a batch of thousands
    of materials never holds every parsed document in the main process."""

    counts: tuple[int, int, int] = (0, 0, 0)  # errors, warnings, infos
    data: dict[str, Any] | None = None  # json mode
    text: str | None = None  # text mode
    result: ReviewResult | None = None  # html mode (and the Python API)
    error: MingjingError | None = None


def _config_for(job: Job) -> Config:
    path = job.config or find_config(job.path)
    return load_config(path) if path else Config()


def review_file(job: Job) -> ReviewResult:
    """Read, parse and review one file (runs in a worker process for batches)."""
    options: dict[str, object] = {}
    config = _config_for(job)
    if job.opinions is not None:
        from mingjing.opinions.coverage import load_book_cached

        options["opinions"] = load_book_cached(job.opinions)
    corpus = job.corpus or config.corpus
    if corpus is not None:
        options["corpus"] = _open_corpus(corpus)
    return review(parse(read(job.path)), framework=job.framework, config=config, options=options)


@functools.cache
def _open_corpus(path: Path) -> Any:
    """The corpus, opened once per process (its arrays are memory-mapped, not read)."""
    from mingjing.similarity.index import Corpus

    return Corpus.open(path)


def _review_job(job: Job) -> Outcome:
    try:
        result = review_file(job)
        if job.docx_out is not None:
            from mingjing.render.docx_comments import write_annotated

            write_annotated(result, job.docx_out)
    except MingjingError as exc:
        return Outcome(error=exc)
    counts = (
        result.count(Severity.ERROR),
        result.count(Severity.WARNING),
        result.count(Severity.INFO),
    )
    if job.mode == "json":
        return Outcome(counts, data=document_dict(result))
    if job.mode == "text":
        buffer = io.StringIO()
        out = Console(
            file=buffer,
            width=job.width,
            highlight=False,
            soft_wrap=True,
            force_terminal=job.color,
            no_color=not job.color,
        )
        render_text(result, out)
        return Outcome(counts, text=buffer.getvalue())
    if job.mode == "docx":
        return Outcome(counts)
    return Outcome(counts, result=result)


def docx_targets(paths: list[Path], output: Path | None, single: bool) -> list[Path]:
    """Where each material's annotated copy goes: ``<stem>.审核意见.docx``.

    One material: ``-o`` is the file when it ends in ``.docx``, else a folder to put it in
    (default: the current folder); several: ``-o`` is a folder (default ``./审核意见``). Names
    are made unique; an output never replaces an input.
    """
    from mingjing.render.docx_comments import annotated_name

    if single and output is not None and not output.is_dir() and output.suffix.lower() == ".docx":
        targets = [output]
    else:
        folder = (
            output if output is not None else Path.cwd() / (DEFAULT_DOCX_DIR if not single else ".")
        )
        if output is not None and output.exists() and not output.is_dir():
            raise MingjingError(MSG["docx_out_is_file"].format(path=output))
        used: set[str] = set()
        targets = []
        for p in paths:
            name = annotated_name(p)
            n = 2
            while name.lower() in used:
                name = f"{p.stem}({n}){ANNOTATED_SUFFIX}"
                n += 1
            used.add(name.lower())
            targets.append(folder / name)
    inputs = {p.resolve() for p in paths}
    for t in targets:
        if t.resolve() in inputs:
            raise MingjingError(MSG["output_is_input"].format(path=t))
    return targets


def _run_all(jobs: list[Job], workers: int) -> Iterator[tuple[Job, Outcome]]:
    """Outcomes in input order, as they arrive (serially, or from ``workers`` processes)."""
    if workers <= 1 or len(jobs) < 4:
        for job in progress_iter(jobs, "审核材料"):
            yield job, _review_job(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = pool.map(
            _review_job, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 8)))
        )
        yield from progress_iter(zip(jobs, outcomes, strict=True), "审核材料", total=len(jobs))


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
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="输出格式：text（终端）、json、docx（带批注的 Word 副本）或 html（离线审核报告）",
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="结果写入此文件；docx 格式审核多份材料时为文件夹"),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件 mingjing.toml")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数（默认为 CPU 核数）")] = 0,
    opinions: Annotated[
        Path | None,
        typer.Option(
            "--opinions", help="检查材料是否回应了反馈的意见：意见分派结果 .json 或意见表"
        ),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="查重：与此材料库比对（见 mingjing corpus），报告重合段落"),
    ] = None,
) -> None:
    """审核对照检查材料：占位符、编号、数量、重复、提法、错别字、标点、结构、框架、具体性、对应关系。

    退出码：0 没有错误级问题；1 至少有一个错误级问题；2 输入无法使用。
    """
    if fmt not in FORMATS:
        raise MingjingError(MSG["bad_format"].format(fmt=fmt, choices="、".join(FORMATS)))
    if config is not None:
        load_config(config)  # fail early with a clear message
    if opinions is not None:
        from mingjing.opinions.coverage import load_book_cached

        load_book_cached(opinions)  # fail early with a clear message
    if corpus is not None:
        _open_corpus(corpus)  # fail early with a clear message
    paths = expand_inputs(files)
    if not paths:
        raise InputError(MSG["no_input"])
    workers = jobs or min(os.cpu_count() or 1, 8)
    single = len(paths) == 1 and not files[0].is_dir()
    targets: list[Path | None] = [None] * len(paths)
    if fmt == "docx":
        targets = list(docx_targets(paths, output, single))
    html_target: Path | None = None
    if fmt == "html":
        html_target = output or Path.cwd() / DEFAULT_HTML
        if html_target.is_dir() or html_target.suffix.lower() not in (".html", ".htm"):
            html_target = html_target / DEFAULT_HTML
        if html_target.resolve() in {p.resolve() for p in paths}:
            raise MingjingError(MSG["output_is_input"].format(path=html_target))
    mode = {"json": "json", "text": "text", "docx": "docx"}.get(fmt, "result")
    color = fmt == "text" and output is None and console.is_terminal
    batch = [
        Job(p, framework, config, t, opinions, corpus, mode, color, console.width if color else 120)
        for p, t in zip(paths, targets, strict=True)
    ]
    errors: list[MingjingError] = []
    totals = [0, 0, 0]
    results: list[ReviewResult] = []
    with _Sink(output if fmt in ("json", "text") else None) as sink:
        if fmt == "json":
            sink.write(f'{{"version": {JSON_VERSION}, "documents": [')
        first = True
        for job, outcome in _run_all(batch, workers):
            if outcome.error is not None:
                if single:
                    raise outcome.error
                errors.append(outcome.error)
                continue
            totals = [a + b for a, b in zip(totals, outcome.counts, strict=True)]
            if outcome.data is not None:
                body = json.dumps(outcome.data, ensure_ascii=False, indent=2)
                sink.write(("\n" if first else ",\n") + body)
                first = False
            elif outcome.text is not None:
                sink.write(outcome.text)
            elif outcome.result is not None:
                results.append(outcome.result)
            if job.docx_out is not None:
                err_console.print(MSG["wrote_docx"].format(path=job.docx_out), highlight=False)
        if fmt == "json":
            sink.write("\n]}\n")
        elif fmt == "text" and len(paths) - len(errors) > 1:
            sink.write(
                MSG["total"].format(
                    n=len(paths) - len(errors),
                    summary=MSG["summary"].format(
                        errors=totals[0], warnings=totals[1], infos=totals[2]
                    ),
                )
                + "\n"
            )
    if html_target is not None:
        from mingjing.render.html import write_html

        write_html(results, html_target)
        err_console.print(MSG["wrote_html"].format(path=html_target), highlight=False)
    for e in errors:
        err_console.print(f"[bold red]错误[/]：{e}", highlight=False)
    if errors:
        err_console.print(MSG["failed"].format(n=len(errors)))
        raise typer.Exit(2)
    if totals[0]:
        raise typer.Exit(1)


class _Sink:
    """Standard output or a UTF-8 file, written as results arrive."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: TextIO | None = None

    def __enter__(self) -> _Sink:
        if self.path is not None:
            self.handle = self.path.open("w", encoding="utf-8")
        return self

    def write(self, text: str) -> None:
        (self.handle or sys.stdout).write(text)

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()
        else:
            sys.stdout.flush()


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
