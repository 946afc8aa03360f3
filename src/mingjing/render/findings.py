"""Review results as plain data (the ``mingjing check --format json`` shape) and as plain text."""

from __future__ import annotations

from typing import Any

from mingjing.review.engine import Finding
from mingjing.review.runner import ReviewResult

JSON_VERSION = 1

SECTION_NAMES = {
    None: "标题与前言",
    "problems": "存在的问题",
    "cases": "反面典型案例剖析",
    "causes": "原因分析",
    "measures": "整改措施",
    "other": "其他部分",
}


def framework_dict(result: ReviewResult) -> dict[str, Any]:
    det = result.detection
    fw = result.framework
    return {
        "id": fw.id if fw else None,
        "name": fw.name if fw else None,
        "confidence": det.confidence if det else 0.0,
        "reasons": list(det.reasons) if det else [],
    }


def document_dict(result: ReviewResult) -> dict[str, Any]:
    """One document's entry in the JSON output; spans index the canonical text."""
    doc = result.report.document
    return {
        "file": str(doc.path) if doc.path else None,
        "format": doc.format.value,
        "chars": len(doc.text),
        "framework": framework_dict(result),
        "summary": result.summary(),
        "findings": [f.as_dict() for f in result.findings],
        "warnings": list(doc.warnings) + list(result.report.warnings) + list(result.warnings),
    }


def context_of(text: str, finding: Finding, width: int = 24) -> tuple[str, str, str]:
    """The flagged text with up to ``width`` characters around it, on one line."""
    start, end = finding.span.start, finding.span.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - width) : start]
    after = text[end : min(line_end, end + width)]
    flagged = text[start:end].replace("\n", "⏎")
    return before, flagged, after


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
