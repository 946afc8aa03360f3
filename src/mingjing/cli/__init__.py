"""The ``mingjing`` command line: thin commands that orchestrate the library.

Each command family lives in its own module and registers itself on :data:`app`; this module only
assembles them and turns :class:`~mingjing.errors.MingjingError` into a Chinese message and exit
code 2 (no traceback). Set ``MINGJING_DEBUG=1`` to see tracebacks of unexpected errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from mingjing.cli.common import app, err_console
from mingjing.errors import MingjingError

# Command modules register themselves on `app` when imported.
from mingjing.cli import documents as _documents  # noqa: F401  isort: skip
from mingjing.cli import opinions as _opinions  # noqa: F401  isort: skip
from mingjing.cli import ledger as _ledger  # noqa: F401  isort: skip
from mingjing.cli import format as _format  # noqa: F401  isort: skip
from mingjing.cli import similarity as _similarity  # noqa: F401  isort: skip
from mingjing.cli import check as _check  # noqa: F401  isort: skip
from mingjing.cli import frameworks as _frameworks  # noqa: F401  isort: skip

__all__ = ["app", "main", "run"]

MSG_INTERNAL = "内部错误：{error}。这是明镜的缺陷，请把命令和输入文件（如可提供）反馈给开发者；设置环境变量 MINGJING_DEBUG=1 可查看详细信息。"
MSG_INTERRUPTED = "已中断。"


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` and return the exit code (used by tests and :func:`main`)."""
    _tolerant_streams()
    try:
        app(args=list(argv) if argv is not None else None, prog_name="mingjing")
    except SystemExit as exc:  # Typer/Click end every run with SystemExit
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except MingjingError as exc:
        err_console.print(f"[bold red]错误[/]：{exc}", highlight=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print(MSG_INTERRUPTED)
        return 130
    except Exception as exc:  # an unexpected failure is a bug: say so briefly, no traceback
        if os.environ.get("MINGJING_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {exc}"
        err_console.print(f"[bold red]{MSG_INTERNAL.format(error=detail)}[/]", highlight=False)
        return 3
    return 0


def _tolerant_streams() -> None:
    """A console that cannot show a character (a GBK console on Windows and ⏎) must not crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(errors="replace")


def main() -> None:
    sys.exit(run())
