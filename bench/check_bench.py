"""Review time per 5,000-character material (all rules, warm) and a 1,000-material CLI batch.

Targets (issue: the reviewer): median ≤ 20 ms per material warm; 1,000 materials through
``mingjing check`` on both cores ≤ 30 s with peak memory ≤ 300 MB per process.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import material, write_txt
from mingjing import parse, read_text_string
from mingjing.review import review


def _warm_review(n: int) -> dict[str, float]:
    reports = [parse(read_text_string(material(5000, seed=i))) for i in range(n)]
    for r in reports[:5]:
        review(r)
    samples = []
    for r in reports:
        t0 = time.perf_counter()
        review(r)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": samples[int(len(samples) * 0.95) - 1] * 1000,
        "n": len(samples),
    }


def _cli_batch(n: int, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "materials"
        root.mkdir()
        for i in range(n):
            write_txt(root / f"m{i:04d}.txt", material(5000, seed=i))
        out = Path(tmp) / "result.json"
        cmd = [
            sys.executable,
            "-m",
            "mingjing",
            "check",
            "--format",
            "json",
            "-j",
            str(jobs),
            "-o",
            str(out),
            str(root),
        ]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            raise RuntimeError(proc.stderr)
    # Peak RSS of the largest child (the CLI and its workers are children of this process).
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "materials": n,
        "jobs": jobs,
        "seconds": elapsed,
        "docs_per_s": n / elapsed,
        "peak_rss_mb": peak_kb / 1024,
    }


def main(quick: bool = False) -> dict[str, Any]:
    return {
        "review_warm": _warm_review(20 if quick else 200),
        "cli_batch": _cli_batch(100 if quick else 1000, 2),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main("--quick" in sys.argv), indent=2, ensure_ascii=False))
