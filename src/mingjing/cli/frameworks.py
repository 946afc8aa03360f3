"""``mingjing frameworks``: list the comparison frameworks, or show one with its aspects."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mingjing.cli.common import app, console, write_json
from mingjing.frameworks import Framework, get, load_all

TEXT = {
    "title_list": "对照框架（共 {n} 个）",
    "col_id": "ID",
    "col_name": "名称",
    "col_year": "年度",
    "col_audience": "类型",
    "col_aspects": "方面",
    "col_confidence": "可信度",
    "col_origin": "来源文件",
    "builtin": "内置",
    "incomplete": "{n}+",
    "incomplete_list": "方面个数带“+”的框架只收录了参考资料确认的方面，其余未知。",
    "hint": "用 mingjing frameworks ID 查看某个框架的对照方面；--json 输出 JSON。",
    "field_id": "ID",
    "field_year": "年度",
    "field_meeting": "会议",
    "field_audience": "材料类型",
    "field_held": "召开时间",
    "field_theme": "主题",
    "field_sections": "必备部分",
    "field_counts": "可核对的数字",
    "field_confidence": "可信度",
    "field_source": "依据",
    "field_origin": "文件",
    "field_notes": "说明",
    "unknown": "未知",
    "aspects_title": "对照方面",
    "col_no": "序号",
    "col_title": "标题（规范写法）",
    "col_alias": "简称",
    "col_source": "依据",
    "incomplete_note": "注：该框架只收录了参考资料确认的方面，其余方面未知。",
    "count": "{label} {values}{terms}",
}


def _audience(fw: Framework) -> str:
    return "、".join(a.value for a in fw.audience)


def _origin(fw: Framework) -> str:
    return TEXT["builtin"] if fw.is_builtin else fw.origin


def _list_table(frameworks: tuple[Framework, ...]) -> Table:
    table = Table(title=TEXT["title_list"].format(n=len(frameworks)), title_justify="left")
    table.add_column(TEXT["col_id"], no_wrap=True)
    table.add_column(TEXT["col_name"], overflow="fold", min_width=12)
    table.add_column(TEXT["col_year"], no_wrap=True)
    table.add_column(TEXT["col_audience"], overflow="fold")
    table.add_column(TEXT["col_aspects"], justify="right")
    table.add_column(TEXT["col_confidence"], no_wrap=True)
    if any(not fw.is_builtin for fw in frameworks):
        table.add_column(TEXT["col_origin"], overflow="fold")
    for fw in frameworks:
        n = str(len(fw.aspects)) if fw.complete else TEXT["incomplete"].format(n=len(fw.aspects))
        row = [
            Text(fw.id),
            Text(fw.name),
            Text(str(fw.year)),
            Text(_audience(fw)),
            Text(n),
            Text(fw.confidence.tag),
        ]
        if len(table.columns) > len(row):
            row.append(Text(_origin(fw)))
        table.add_row(*row)
    return table


def _show(fw: Framework) -> None:
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    counts = "；".join(
        TEXT["count"].format(
            label=c.kind.label,
            values="或".join(str(v) for v in c.values),
            terms=f"（{'、'.join(c.terms)}）" if c.terms else "",
        )
        + f" {c.confidence.tag}"
        for c in fw.counts
    )
    rows = [
        (TEXT["field_id"], fw.id),
        (TEXT["field_year"], str(fw.year)),
        (TEXT["field_meeting"], fw.meeting.value),
        (TEXT["field_audience"], _audience(fw)),
        (TEXT["field_held"], fw.held.label() if fw.held else TEXT["unknown"]),
        (TEXT["field_theme"], fw.theme),
        (TEXT["field_sections"], "、".join(s.label for s in fw.required_sections)),
        (TEXT["field_counts"], counts),
        (TEXT["field_confidence"], fw.confidence.tag),
        (TEXT["field_source"], fw.source),
        (TEXT["field_origin"], _origin(fw)),
        (TEXT["field_notes"], fw.notes),
    ]
    for label, value in rows:
        if value:
            info.add_row(Text(label), Text(value))
    console.print(Text(fw.name, style="bold"))
    console.print(info)

    table = Table(title=TEXT["aspects_title"], title_justify="left")
    table.add_column(TEXT["col_no"], justify="right", no_wrap=True)
    table.add_column(TEXT["col_title"], overflow="fold", ratio=3)
    table.add_column(TEXT["col_alias"], overflow="fold", ratio=1)
    table.add_column(TEXT["col_confidence"], no_wrap=True)
    table.add_column(TEXT["col_source"], overflow="fold", ratio=1)
    for i, a in enumerate(fw.aspects, start=1):
        table.add_row(
            Text(str(i)),
            Text(a.title),
            Text(a.alias),
            Text(a.confidence.tag),
            Text(a.source),
        )
    console.print(table)
    if not fw.complete:
        console.print(Text(TEXT["incomplete_note"]))


@app.command("frameworks")
def frameworks_command(
    framework_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="框架 ID（如 2025-niandu）；不写则列出全部")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    dirs: Annotated[
        list[Path] | None,
        typer.Option(
            "--dir",
            "--frameworks",
            help="另外读取该目录中的框架文件（*.toml），可重复；~/.mingjing/frameworks 总会读取",
        ),
    ] = None,
) -> None:
    """列出各年度的对照框架，或显示一个框架的对照方面。"""
    frameworks = load_all(dirs or ())
    if framework_id is None:
        if as_json:
            write_json([fw.to_dict() for fw in frameworks])
            return
        console.print(_list_table(frameworks))
        if any(not fw.complete for fw in frameworks):
            console.print(Text(TEXT["incomplete_list"], style="dim"))
        console.print(Text(TEXT["hint"], style="dim"))
        return
    fw = get(framework_id, frameworks)
    if as_json:
        write_json(fw.to_dict())
        return
    _show(fw)
