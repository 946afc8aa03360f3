"""The reviewer (审核): data-driven checks of a parsed material, with explained findings.

``review(report)`` runs every enabled rule and returns a :class:`ReviewResult`; the CLI, the
HTML/Word renderers and the web workspace all call this one function.
"""

from __future__ import annotations

from mingjing.review.config import Config, find_config, load_config
from mingjing.review.engine import (
    REGISTRY,
    Category,
    Confidence,
    Finding,
    Hit,
    Rule,
    Severity,
    rule,
)
from mingjing.review.runner import ReviewResult, review

__all__ = [
    "REGISTRY",
    "Category",
    "Confidence",
    "Config",
    "Finding",
    "Hit",
    "ReviewResult",
    "Rule",
    "Severity",
    "find_config",
    "load_config",
    "review",
    "rule",
]
