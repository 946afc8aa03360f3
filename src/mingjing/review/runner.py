"""Running the rules over one Report: framework detection, config, findings, summary."""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from mingjing.frameworks.detect import (
    Detection,
    detect,
    find_foreign,
    in_order,
    match_aspects,
    missing_aspects,
)
from mingjing.frameworks.model import Framework
from mingjing.review.config import Config
from mingjing.review.context import Context
from mingjing.review.engine import REGISTRY, Finding, Rule, Severity
from mingjing.structure import Report

log = logging.getLogger(__name__)

MSG = {
    "rule_failed": "规则 {code} 运行出错（{error}），已跳过；请向开发者反馈",
}


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """The findings of one material and what they were checked against."""

    report: Report
    findings: tuple[Finding, ...]
    detection: Detection | None
    warnings: tuple[str, ...] = ()

    @property
    def framework(self) -> Framework | None:
        return self.detection.framework if self.detection else None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> dict[str, Any]:
        by_sev = Counter(f.severity.value for f in self.findings)
        by_cat = Counter(f.category.value for f in self.findings)
        items = [i for s in self.report.sections for i in s.items()]
        problems = [
            i for s in self.report.sections if s.kind.value == "problems" for i in s.items()
        ]
        return {
            "error": by_sev.get("error", 0),
            "warning": by_sev.get("warning", 0),
            "info": by_sev.get("info", 0),
            "by_category": dict(sorted(by_cat.items())),
            "items": len(items),
            "problem_items": len(problems),
            "problem_items_with_instance": sum(1 for i in problems if i.instances),
        }


def _framework_detection(
    report: Report, framework: str | Framework | None, config: Config
) -> Detection | None:
    from mingjing.frameworks.loader import get, load_all

    pool = load_all([config.frameworks_dir] if config.frameworks_dir else [])
    headings = [
        p.heading or ""
        for s in report.sections
        if s.kind.value == "problems"
        for p in s.parts
        if p.heading
    ]
    chosen = framework or config.framework
    if chosen is None:
        return detect(report.text, headings, frameworks=pool)
    fw = chosen if isinstance(chosen, Framework) else get(chosen, pool)
    forced = detect(report.text, headings, frameworks=[fw])
    matches = forced.matches if forced.framework is not None else match_aspects(fw, headings)
    return replace(
        forced,
        foreign=find_foreign(fw, headings, matches, pool) if headings else (),
        framework=fw,
        confidence=1.0,
        matches=matches,
        matched=tuple(
            (m.heading_index, m.aspect_index) for m in matches if m.aspect_index is not None
        ),
        missing=missing_aspects(fw, matches),
        in_order=in_order(matches),
    )


def review(
    report: Report,
    *,
    framework: str | Framework | None = None,
    config: Config | None = None,
    rules: Iterable[Rule] | None = None,
    options: dict[str, object] | None = None,
) -> ReviewResult:
    """Run every enabled rule (or just ``rules``) over ``report``.

    ``framework`` (an id or a Framework) skips detection; ``config`` switches rules and severities.
    Findings are sorted by position, then severity; the same rule never reports one span twice.
    """
    config = config or Config()
    detection = _framework_detection(report, framework, config)
    ctx = Context(report, detection, options)
    selected = list(rules) if rules is not None else [r for r in REGISTRY if config.is_enabled(r)]
    findings: dict[tuple[str, int, int], Finding] = {}
    warnings: list[str] = []
    text = report.text
    for r in selected:
        if r.needs_framework and ctx.framework is None:
            continue
        try:
            hits = list(r.check(ctx))
        except Exception as exc:  # one broken rule must not hide the others' findings
            log.exception("rule %s failed", r.code)
            warnings.append(MSG["rule_failed"].format(code=r.code, error=type(exc).__name__))
            continue
        severity = config.severity(r)
        for h in hits:
            key = (r.code, h.span.start, h.span.end)
            if key in findings:
                continue
            message = h.message or r.message
            if h.data:
                with contextlib.suppress(KeyError, IndexError, ValueError):
                    message = message.format(**h.data)
            section = ctx.section_at(h.span.start)
            findings[key] = Finding(
                rule=r.code,
                name=r.name,
                category=r.category,
                severity=h.severity or severity if r.code not in config.severities else severity,
                span=h.span,
                text=text[h.span.start : h.span.end],
                message=message,
                suggestion=h.suggestion,
                section=section.kind.value if section else None,
            )
    ordered = sorted(
        findings.values(), key=lambda f: (f.span.start, f.severity.rank, f.rule, f.span.end)
    )
    return ReviewResult(report, tuple(ordered), detection, tuple(warnings))
