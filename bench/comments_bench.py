"""Writing findings back as Word comments: 100 comments into a 5,000-character .docx.

Target (issue: findings where reviewers work): ≤ 300 ms per document, the whole
:func:`mingjing.render.docx_comments.annotate` call — re-reading the run map, splitting runs,
writing the comments and saving the package. The .docx has Word-like run fragmentation
(5–40 characters per run, some bold), and the findings are spread over the text with lengths of
1–40 characters, some crossing runs and some spanning two paragraphs. The HTML report of the same
material is timed alongside.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import material, write_docx
from mingjing import parse, read
from mingjing.document import Span
from mingjing.render.docx_comments import annotate
from mingjing.render.html import render_html
from mingjing.review import review
from mingjing.review.engine import Category, Finding, Severity
from mingjing.review.runner import ReviewResult

TARGET_MS = 300.0


def _findings(text: str, n: int, seed: int) -> tuple[Finding, ...]:
    rng = random.Random(seed)
    categories = list(Category)
    severities = list(Severity)
    out = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 41)
        end = start + rng.randint(1, 40)
        out.append(
            Finding(
                rule=f"MJ{900 + i % 50}",
                name="bench-rule",
                category=categories[i % len(categories)],
                severity=severities[i % len(severities)],
                span=Span(start, end),
                text=text[start:end],
                message="基准测试用的审核意见，说明这里有什么问题",
                suggestion="建议的写法" if i % 3 == 0 else None,
            )
        )
    out.sort(key=lambda f: (f.span.start, f.severity.rank))
    return tuple(out)


def _case(root: Path, seed: int, n: int) -> tuple[ReviewResult, bytes]:
    path = root / f"m{seed}.docx"
    write_docx(path, material(5000, seed=seed), seed=seed)
    report = parse(read(path))
    base = review(report)
    result = ReviewResult(report, _findings(report.text, n, seed), base.detection)
    return result, path.read_bytes()


def _time(cases: list[tuple[ReviewResult, bytes]], repeat: int) -> list[float]:
    for result, data in cases[:2]:  # warm imports and caches
        annotate(result, source=data)
    samples = []
    for _ in range(repeat):
        for result, data in cases:
            t0 = time.perf_counter()
            annotate(result, source=data)
            samples.append(time.perf_counter() - t0)
    samples.sort()
    return samples


def main(quick: bool = False) -> dict[str, Any]:
    n_docs = 3 if quick else 10
    repeat = 2 if quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        cases = [_case(Path(tmp), seed, 100) for seed in range(n_docs)]
        samples = _time(cases, repeat)
        html_samples = []
        for result, _ in cases:
            t0 = time.perf_counter()
            render_html([result])
            html_samples.append(time.perf_counter() - t0)
    chars = statistics.mean(len(r.report.text) for r, _ in cases)
    runs = statistics.mean(
        sum(len(p.segments) for p in r.report.document.paragraphs) for r, _ in cases
    )
    median = statistics.median(samples) * 1000
    return {
        "docx_comments": {
            "comments": 100,
            "chars_mean": round(chars),
            "run_segments_mean": round(runs),
            "median_ms": median,
            "p95_ms": samples[max(0, int(len(samples) * 0.95) - 1)] * 1000,
            "max_ms": samples[-1] * 1000,
            "n": len(samples),
            "target_ms": TARGET_MS,
            "ok": median <= TARGET_MS,
        },
        "html_report_ms_median": statistics.median(html_samples) * 1000,
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(main("--quick" in sys.argv), indent=2, ensure_ascii=False))
