"""Shared pieces of the command line: the Typer app, consoles, progress bars, output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mingjing.ingest import material_files

app = typer.Typer(
    name="mingjing",
    help="明镜：民主生活会、组织生活会对照检查材料的离线读取、审核与整理工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

T = TypeVar("T")


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and for folders the materials inside them (recursively, sorted)."""
    return material_files(paths)


def progress_iter(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate with a rich progress bar on stderr when there is more than one item and a terminal.

    ``items`` may be a lazy iterator (e.g. results arriving from worker processes); give ``total``.
    """
    if total is None:
        items = list(items)
        total = len(items)
    if total <= 1 or not err_console.is_terminal:
        yield from items
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)


def write_json(data: Any, out: Path | None = None) -> None:
    """Write JSON (UTF-8, Chinese kept readable) to ``out`` or to standard output."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if out is None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    else:
        out.write_text(text + "\n", encoding="utf-8")
