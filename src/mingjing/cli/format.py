"""``mingjing format``: lay a material out per GB/T 9704 as a Word document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from mingjing.cli.common import app, console, err_console
from mingjing.errors import MingjingError
from mingjing.ingest import read
from mingjing.layout import (
    FONT_SETS,
    LayoutOptions,
    Role,
    Style,
    default_output,
    format_file,
    paragraph_texts,
)

MSG = {
    "bad_style": "未知的格式方案“{value}”，可选：standard（按 GB/T 9704 原文，不加粗）、common（二三级标题与“一是”等加粗）",
    "bad_fonts": "未知的字体方案“{value}”，可选：{choices}",
    "done": "已排版：{out}",
    "summary": "A4 纸，每面 22 行、每行 28 字；共 {n} 段：{roles}",
    "changes": "按要求改动了以下文字：",
    "notes": "提示：",
    "mismatch": "写出的文档读回后与排版结果不一致（第 {n} 段），这是明镜的缺陷，请反馈给开发者",
}

ROLE_NAMES = {
    Role.TITLE: "标题",
    Role.SUBTITLE: "署名行",
    Role.HEADING_1: "一级标题",
    Role.HEADING_2: "二级标题",
    Role.HEADING_3: "三级标题",
    Role.HEADING_4: "四级标题",
    Role.BODY: "正文",
    Role.CLOSING: "结束语",
    Role.SIGNATURE: "落款",
    Role.DATE: "日期",
    Role.TABLE: "表格文字",
}


@app.command("format")
def format_command(
    file: Annotated[Path, typer.Argument(help="材料文件（.docx .doc .wps .txt .md …）")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="输出的 .docx（默认：原文件名加“_公文格式”）"),
    ] = None,
    style: Annotated[
        str,
        typer.Option("--style", help="格式方案：standard（GB/T 9704 原文）或 common（常见加粗）"),
    ] = "standard",
    title: Annotated[str | None, typer.Option("--title", help="标题（替换识别出的标题）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="标题下署名行中的单位、职务")] = None,
    author: Annotated[str | None, typer.Option("--author", help="标题下署名行中的姓名")] = None,
    fix_numbering: Annotated[
        bool, typer.Option("--fix-numbering", help="按顺序重新编号跳号、重复或缺序数的编号")
    ] = False,
    fix_date: Annotated[
        bool, typer.Option("--fix-date", help="把日期改为阿拉伯数字、不编虚位（如 2024年1月6日）")
    ] = False,
    by_numbering: Annotated[
        bool,
        typer.Option(
            "--by-numbering", help="识别不出章节时，按编号（一、（一）1.（1））确定标题层级"
        ),
    ] = False,
    fonts: Annotated[
        str,
        typer.Option("--fonts", help="字体名称：gb2312（仿宋_GB2312 等）或 windows（仿宋、楷体）"),
    ] = "gb2312",
    encoding: Annotated[str | None, typer.Option(help="强制使用的文本编码，如 gb18030")] = None,
) -> None:
    """按 GB/T 9704-2012 排版，输出 Word 文档：A4，22 行 × 28 字，标题小标宋，正文仿宋，页码单右双左。

    只改格式，不改文字；--fix-numbering、--fix-date、--title 等选项要求的改动会逐条列出。
    """
    try:
        chosen = Style(style)
    except ValueError:
        raise MingjingError(MSG["bad_style"].format(value=style)) from None
    if fonts not in FONT_SETS:
        raise MingjingError(MSG["bad_fonts"].format(value=fonts, choices="、".join(FONT_SETS)))
    doc = read(file, encoding=encoding)
    out = output if output is not None else default_output(file)
    options = LayoutOptions(
        style=chosen,
        fix_numbering=fix_numbering,
        fix_date=fix_date,
        by_numbering=by_numbering,
        title=title,
        unit=unit,
        author=author,
    )
    result = format_file(doc, out, options, FONT_SETS[fonts])

    # Read the written file back: what Word will show must be what was planned, word for word.
    written = [b.text for b in result.plan.blocks]
    back = paragraph_texts(read(out))
    if back != written:
        first = next(
            (i for i, (a, b) in enumerate(zip(written, back, strict=False)) if a != b),
            min(len(written), len(back)),
        )
        raise MingjingError(MSG["mismatch"].format(n=first + 1))

    counts = Counter(b.role for b in result.plan.blocks)
    roles = "，".join(f"{ROLE_NAMES[r]} {counts[r]}" for r in Role if counts[r])
    console.print(MSG["done"].format(out=out))
    console.print(MSG["summary"].format(n=len(result.plan.blocks), roles=roles))
    if result.plan.changes:
        console.print(MSG["changes"])
        for change in result.plan.changes:
            console.print(f"  · {change.message}")
    if result.plan.warnings:
        err_console.print(MSG["notes"])
        for warning in result.plan.warnings:
            err_console.print(f"  · {warning}")
