"""GB/T 9704 formatting time per 5,000-character material (issue 6; target ≤ 200 ms).

``format_ms``: parse + role plan + .docx package, from an already read Document (what
:func:`mingjing.layout.format_document` costs). ``end_to_end_ms``: what ``mingjing format`` does
for one file: read the material, format, write the .docx and read it back to verify the wording.
Neither includes LibreOffice, which only the tests use to measure the rendered pages.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.generate import material, write_docx, write_txt
from mingjing import read
from mingjing.layout import format_document, format_file, paragraph_texts


def _stats(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)] * 1000, 2),
        "max_ms": round(samples[-1] * 1000, 2),
        "n": len(samples),
    }


def _time(items: list[Path], repeat: int, step: Callable[[Path], object]) -> dict[str, float]:
    for p in items[:2]:
        step(p)  # warm imports and regex compilation
    samples: list[float] = []
    for _ in range(repeat):
        for p in items:
            t0 = time.perf_counter()
            step(p)
            samples.append(time.perf_counter() - t0)
    return _stats(samples)


def main(quick: bool = False) -> dict[str, Any]:
    n = 10 if quick else 50
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        txt: list[Path] = []
        docx: list[Path] = []
        for i in range(n):
            text = material(5000, seed=i)
            t = root / f"m{i}.txt"
            write_txt(t, text)
            txt.append(t)
            d = root / f"m{i}.docx"
            write_docx(d, text, seed=i)
            docx.append(d)
        docs = {p: read(p) for p in txt + docx}
        out = root / "out"
        out.mkdir()

        def format_only(p: Path) -> object:
            return format_document(docs[p])

        def end_to_end(p: Path) -> object:
            target = out / (p.stem + p.suffix.replace(".", "_") + ".docx")
            result = format_file(read(p), target)
            assert paragraph_texts(read(target)) == [b.text for b in result.plan.blocks]
            return result

        chars = statistics.mean(len(docs[p].text) for p in txt)
        size = statistics.mean(len(format_document(docs[p]).data) for p in txt[:5])
        return {
            "mean_chars": round(chars),
            "mean_docx_bytes": round(size),
            "target_ms": 200,
            "format_ms": {
                "txt": _time(txt, repeat, format_only),
                "docx": _time(docx, repeat, format_only),
            },
            "end_to_end_ms": {"txt": _time(txt, 1, end_to_end), "docx": _time(docx, 1, end_to_end)},
        }


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, ensure_ascii=False))
