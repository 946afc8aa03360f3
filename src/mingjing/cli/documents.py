"""Commands that show what mingjing reads: ``mingjing text`` and ``mingjing outline``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.tree import Tree

from mingjing.cli.common import app, console, err_console, expand_inputs, progress_iter, write_json
from mingjing.errors import InputError, MingjingError
from mingjing.ingest import read
from mingjing.render.outline import outline_dict
from mingjing.structure import Report, parse

MSG = {
    "no_input": "没有找到可读取的材料文件",
    "failed": "{n} 个文件未能读取",
    "unfilled": "未填写",
    "absent": "—",
    "facts": "前言：征求意见 {c} 条，归纳 {m} 条，谈心谈话 {t}",
    "items": "{n} 条",
    "with_instance": "其中 {n} 条有具体事例",
    "closing": "结束语",
}

KIND_NAMES = {
    "problems": "存在的问题",
    "cases": "反面典型案例剖析",
    "causes": "原因分析",
    "measures": "整改措施",
    "other": "其他",
}


@app.command("text")
def text_command(
    file: Annotated[Path, typer.Argument(help="材料文件（.docx .doc .wps .txt .md …）")],
    encoding: Annotated[str | None, typer.Option(help="强制使用的文本编码，如 gb18030")] = None,
) -> None:
    """打印材料的规范文本（所有位置偏移都以它为准）。"""
    doc = read(file, encoding=encoding)
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")
    sys.stdout.flush()


def _fact(value: int | str | None) -> str:
    if value is None:
        return MSG["absent"]
    if value == "unfilled":
        return f"[red]{MSG['unfilled']}[/]"
    return str(value)


def _tree(report: Report, data: dict[str, Any]) -> Tree:
    text = report.text
    head = f"[bold]{report.document.name}[/]  ({data['format']}, {data['chars']} 字)"
    tree = Tree(head)
    if data["title"]:
        tree.add(f"标题：{data['title']}")
    facts = data["facts"]
    tree.add(
        MSG["facts"].format(
            c=_fact(facts["opinions_collected"]),
            m=_fact(facts["opinions_merged"]),
            t=_fact(facts["talks"]) + (" 人次" if isinstance(facts["talks"], int) else ""),
        )
    )
    for section in report.sections:
        label = section.token.text if section.token else ""
        node = tree.add(
            f"[bold]{label}{section.heading}[/]  [dim]{KIND_NAMES[section.kind.value]}[/]"
        )
        for part in section.parts:
            n_inst = sum(1 for i in part.items if i.instances)
            title = f"{part.label or ''}{part.heading or ''}" or "（条目）"
            summary = MSG["items"].format(n=len(part.items))
            if section.kind.value == "problems" and part.items:
                summary += "，" + MSG["with_instance"].format(n=n_inst)
            pnode = node.add(f"{title}  [dim]{summary}[/]")
            for item in part.items:
                snippet = text[item.span.start : item.span.end][len(item.marker or "") :][
                    :24
                ].replace("\n", " ")
                flag = " [green]✓事例[/]" if item.instances else ""
                broken = " [red]编号残缺[/]" if item.token and item.token.broken else ""
                pnode.add(f"{item.marker or ''}{snippet}…{flag}{broken}")
    if report.closing:
        tree.add(f"{MSG['closing']}：{text[report.closing.start : report.closing.end][:30]}")
    for w in data["warnings"]:
        tree.add(f"[yellow]提示：{w}[/]")
    return tree


@app.command("outline")
def outline_command(
    files: Annotated[list[Path], typer.Argument(help="材料文件或文件夹")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSON 写入此文件")] = None,
    encoding: Annotated[str | None, typer.Option(help="强制使用的文本编码，如 gb18030")] = None,
) -> None:
    """显示材料的结构：章节、方面、条目、事例和前言中的数字。"""
    paths = expand_inputs(files)
    if not paths:
        raise InputError(MSG["no_input"])
    results: list[dict[str, Any]] = []
    errors: list[MingjingError] = []
    for path in progress_iter(paths, "读取材料"):
        try:
            report = parse(read(path, encoding=encoding))
        except InputError as exc:
            if len(paths) == 1:
                raise
            errors.append(exc)
            err_console.print(f"[bold red]错误[/]：{exc}", highlight=False)
            continue
        data = outline_dict(report)
        results.append(data)
        if not (as_json or output):
            console.print(_tree(report, data))
    if as_json or output:
        single = len(files) == 1 and not files[0].is_dir()
        write_json(results[0] if single and results else results, output)
    if errors:
        err_console.print(MSG["failed"].format(n=len(errors)))
        raise typer.Exit(2)
