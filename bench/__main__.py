"""Run every benchmark and print the figures (``make bench``; ``--quick`` for a smoke run)."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time

BENCHMARKS = [
    ("parse", "bench.parse_bench"),
    ("check", "bench.check_bench"),
    ("comments", "bench.comments_bench"),
    ("format", "bench.format_bench"),
    ("opinions", "bench.opinions_bench"),
    ("ledger", "bench.ledger_bench"),
    ("similarity", "bench.similarity.run"),
]


def machine() -> dict[str, object]:
    return {
        "date": time.strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "system": platform.system(),
    }


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    only = [a for a in argv if not a.startswith("-")]
    report: dict[str, object] = {"machine": machine()}
    for name, module in BENCHMARKS:
        if only and name not in only:
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue  # benchmark not written yet
            raise
        print(f"== {name} ==", file=sys.stderr, flush=True)
        report[name] = mod.main(quick=quick)
        print(json.dumps(report[name], indent=2, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
