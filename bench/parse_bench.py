"""Read + parse time per 5,000-character material, for .txt and .docx (issue: foundation)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import material, write_docx, write_txt
from mingjing import parse, read


def _time(paths: list[Path], repeat: int) -> dict[str, float]:
    for p in paths[:3]:  # warm caches, imports and regex compilation
        parse(read(p))
    samples: list[float] = []
    start = time.perf_counter()
    for _ in range(repeat):
        for p in paths:
            t0 = time.perf_counter()
            parse(read(p))
            samples.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    samples.sort()
    return {
        "median_ms": statistics.median(samples) * 1000,
        "p95_ms": samples[int(len(samples) * 0.95) - 1] * 1000,
        "docs_per_s": len(samples) / total,
        "n": len(samples),
    }


def main(quick: bool = False) -> dict[str, Any]:
    n = 20 if quick else 100
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        txt, docx = [], []
        for i in range(n):
            text = material(5000, seed=i)
            t = root / f"m{i}.txt"
            write_txt(t, text)
            txt.append(t)
            d = root / f"m{i}.docx"
            write_docx(d, text, seed=i)
            docx.append(d)
        chars = sum(len(read(p).text) for p in txt) / n
        results: dict[str, Any] = {"mean_chars": round(chars)}
        results["txt"] = _time(txt, 1 if quick else 3)
        results["docx"] = _time(docx, 1 if quick else 2)
    return results


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, ensure_ascii=False))
