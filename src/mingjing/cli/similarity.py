"""Copy-detection commands: ``mingjing dup`` and ``mingjing corpus add|list|remove|compact|phrases|label``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mingjing.cli.common import app, console, expand_inputs, progress_iter, write_json
from mingjing.errors import InputError
from mingjing.ingest import read
from mingjing.similarity.commonphrase import (
    LABEL_NAMES,
    boilerplate_library,
    discover_common_phrases,
    find_phrase,
    labelled_libraries,
    save_label,
)
from mingjing.similarity.compare import CompareSettings, Material, compare_material
from mingjing.similarity.exclusion import load_default_library
from mingjing.similarity.index import DEFAULT_CORPUS, Corpus, NewMaterial
from mingjing.similarity.render import report_html, report_json, report_text, team_json
from mingjing.similarity.team import team_report

corpus_app = typer.Typer(
    help="管理查重比对库（往年材料、同事材料、范文模板）。", no_args_is_help=True
)
app.add_typer(corpus_app, name="corpus")

MSG = {
    "added": "已加入比对库 {n} 篇（库中现有 {total} 篇）：{dir}",
    "skipped": "已在库中，跳过：{name}（与编号 {id} {other} 相同）",
    "removed": "已从比对库移除：{names}",
    "compacted": "比对库已整理：{n} 篇，{s} 个分段。",
    "empty": "比对库为空：{dir}",
    "no_corpus": "未找到比对库 {dir}：先用 mingjing corpus add 建库，或用 --team 只比对班子成员。",
    "no_input": "请指定要查重的材料文件，或用 --team 指定班子材料目录。",
    "team_done": "班子比对结果：{html}（热力图 {svg}{png}）",
    "labelled": "已标注：{id} → {label}",
    "no_phrases": "比对库中没有出现在 {n} 篇以上材料中的常用语。",
    "html_out": "HTML 报告需要用 -o 指定输出文件。",
}

CorpusOpt = Annotated[Path, typer.Option("--corpus", help="比对库目录")]


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _settings(corpus_dir: Path | None) -> CompareSettings:
    quotes, boiler = labelled_libraries(
        corpus_dir if corpus_dir and Corpus.exists(corpus_dir) else None
    )
    library = load_default_library().extended(quotes, "labelled quotation")
    return CompareSettings(library=library, boilerplate=boilerplate_library(boiler))


@corpus_app.command("add")
def corpus_add(
    paths: Annotated[list[Path], typer.Argument(help="材料文件或目录")],
    corpus: CorpusOpt = DEFAULT_CORPUS,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", help="标签：template、member、year:2023、unit:…（可多次）"),
    ] = None,
) -> None:
    """把材料加入比对库（增量；中断不会损坏已有的库）。"""
    files = expand_inputs(paths)
    tags = tuple(tag or ())
    materials = []
    for f in progress_iter(files, "读取材料"):
        doc = read(f)
        materials.append(NewMaterial(f.name, doc.text, str(f), tags))
    c = Corpus.open(corpus, create=True)
    added, skipped = c.add(materials)
    for m, e in skipped:
        console.print(MSG["skipped"].format(name=m.path or m.name, id=e.id, other=e.name))
    console.print(MSG["added"].format(n=len(added), total=len(c.entries()), dir=corpus))


@corpus_app.command("list")
def corpus_list(
    corpus: CorpusOpt = DEFAULT_CORPUS,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """列出比对库中的材料。"""
    c = Corpus.open(corpus)
    entries = [e for _, _, e in c.entries()]
    if as_json:
        write_json(
            {
                "version": 1,
                "corpus": str(corpus),
                "k": c.params.k,
                "t": c.params.t,
                "materials": [e.to_json() for e in entries],
            }
        )
        return
    if not entries:
        console.print(MSG["empty"].format(dir=corpus))
    for e in entries:
        tags = f"［{'，'.join(e.tags)}］" if e.tags else ""
        console.print(f"{e.id:>6}  {e.name}{tags}  {e.chars} 字  {e.path}")


@corpus_app.command("remove")
def corpus_remove(
    keys: Annotated[list[str], typer.Argument(help="材料编号、文件名或路径")],
    corpus: CorpusOpt = DEFAULT_CORPUS,
) -> None:
    """从比对库移除材料（按编号、文件名或路径）。"""
    c = Corpus.open(corpus)
    gone = c.remove(keys)
    console.print(MSG["removed"].format(names="、".join(f"{e.id} {e.name}" for e in gone)))


@corpus_app.command("compact")
def corpus_compact(corpus: CorpusOpt = DEFAULT_CORPUS) -> None:
    """整理比对库：合并分段，清除已移除的材料。"""
    c = Corpus.open(corpus)
    c.compact()
    console.print(MSG["compacted"].format(n=len(c.entries()), s=len(c.segments)))


@corpus_app.command("phrases")
def corpus_phrases(
    corpus: CorpusOpt = DEFAULT_CORPUS,
    min_count: Annotated[
        int | None, typer.Option("--min-count", help="至少出现在多少篇材料中（默认为库的常用阈值）")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="最多列出多少条")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """列出库中广泛出现的常用语，供人工标注为官方引用、套话或网络范文。"""
    c = Corpus.open(corpus)
    phrases = discover_common_phrases(c, min_count=min_count, limit=limit)
    if as_json:
        write_json(
            {
                "version": 1,
                "phrases": [
                    {
                        "id": p.id,
                        "text": p.text,
                        "count": p.count,
                        "example": p.example,
                        "label": p.label.value if p.label else None,
                    }
                    for p in phrases
                ],
            }
        )
        return
    if not phrases:
        console.print(MSG["no_phrases"].format(n=min_count if min_count is not None else c.common))
    for p in phrases:
        label = LABEL_NAMES[p.label] if p.label else "未标注"
        console.print(f"{p.id}  约{p.count}处  [{label}]  {p.text.replace(chr(10), ' ')}")


@corpus_app.command("label")
def corpus_label(
    phrase: Annotated[str, typer.Argument(help="常用语编号（见 corpus phrases）")],
    label: Annotated[
        str, typer.Argument(help="quotation（官方引用）| boilerplate（套话）| template（网络范文）")
    ],
    corpus: CorpusOpt = DEFAULT_CORPUS,
) -> None:
    """标注一条常用语：官方引用计为引用，套话计为常用语，网络范文仍计为复制。"""
    c = Corpus.open(corpus)
    p = find_phrase(discover_common_phrases(c, limit=10_000), phrase)
    save_label(corpus, p, label)
    console.print(MSG["labelled"].format(id=p.id, label=label))


@app.command("dup")
def dup_command(
    files: Annotated[list[Path] | None, typer.Argument(help="要查重的材料（文件或目录）")] = None,
    corpus: CorpusOpt = DEFAULT_CORPUS,
    fmt: Annotated[
        Format, typer.Option("--format", help="输出格式：text、json 或 html")
    ] = Format.text,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件（--team 时为输出目录）")
    ] = None,
    team: Annotated[
        Path | None, typer.Option("--team", help="班子材料目录：两两比对并绘制热力图")
    ] = None,
) -> None:
    """查重：找出与比对库（或班子其他成员）重合的段落，计算文字复制比。"""
    has_corpus = Corpus.exists(corpus)
    settings = _settings(corpus if has_corpus else None)
    if team is not None:
        out_dir = output or Path("查重结果")
        c = Corpus.open(corpus) if has_corpus else None
        res = team_report(team, out_dir, corpus=c, settings=settings)
        if fmt is Format.json:
            write_json(team_json(res.team))
        else:
            sys.stdout.write(report_text(list(res.team.reports) + list(res.team.corpus_reports)))
            console.print(
                MSG["team_done"].format(
                    html=res.html, svg=res.svg, png=f"，{res.png}" if res.png else ""
                )
            )
        return
    if not files:
        raise InputError(MSG["no_input"])
    if not has_corpus:
        raise InputError(MSG["no_corpus"].format(dir=corpus))
    c = Corpus.open(corpus)
    reports = []
    for f in progress_iter(expand_inputs(files), "查重"):
        doc = read(f)
        reports.append(compare_material(Material(f.name, doc.text, str(f)), c, settings=settings))
    if fmt is Format.json:
        write_json(report_json(reports), output)
    elif fmt is Format.html:
        page = report_html(reports, t=c.params.t)
        if output is None:
            sys.stdout.write(page)
        else:
            output.write_text(page, encoding="utf-8")
    else:
        text = report_text(
            reports,
            t=c.params.t,
            alert_longest=settings.alert_longest,
            alert_total=settings.alert_total,
        )
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")


__all__ = ["corpus_app", "dup_command", "json"]
