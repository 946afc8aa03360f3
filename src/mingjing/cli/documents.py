"""Commands that show what mingjing reads: ``mingjing text`` and ``mingjing outline``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mingjing.cli.common import app
from mingjing.ingest import read


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
