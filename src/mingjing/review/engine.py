"""The rule engine: rule metadata, findings, the registry, and running rules over a Report.

A rule (规则) is a small, independent check with a stable code and a kebab-case name
(``MJ101 placeholder-unfilled``), a category, a default severity that follows the confidence of
its source ([官方] → error, [实践] → warning, [存疑] → off by default), a Chinese message, a
rationale with its source, and examples it must flag and must not flag — which run as tests.

Most rules are one of a few data-driven kinds (see :mod:`mingjing.review.kinds`) fed by a TOML
file in ``review/data``; the rest are Python functions. Rules never print or write files: they
yield :class:`Hit` values, and the engine turns them into :class:`Finding` values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from mingjing.document import Span

if TYPE_CHECKING:
    from mingjing.review.context import Context


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Category(StrEnum):
    PLACEHOLDER = "placeholder"
    NUMBERING = "numbering"
    COUNT = "count"
    REPETITION = "repetition"
    FORMULATION = "formulation"
    TYPO = "typo"
    PUNCTUATION = "punctuation"
    STRUCTURE = "structure"
    FRAMEWORK = "framework"
    SPECIFICITY = "specificity"
    CORRESPONDENCE = "correspondence"
    WHITESPACE = "whitespace"
    COPY = "copy"
    COVERAGE = "coverage"
    LAYOUT = "layout"

    @property
    def label(self) -> str:
        """Chinese name, also used as the Word comment author suffix (明镜·提法)."""
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.PLACEHOLDER: "占位符",
    Category.NUMBERING: "编号",
    Category.COUNT: "数量",
    Category.REPETITION: "重复",
    Category.FORMULATION: "提法",
    Category.TYPO: "错别字",
    Category.PUNCTUATION: "标点",
    Category.STRUCTURE: "结构",
    Category.FRAMEWORK: "框架",
    Category.SPECIFICITY: "具体性",
    Category.CORRESPONDENCE: "对应",
    Category.WHITESPACE: "空白",
    Category.COPY: "查重",
    Category.COVERAGE: "意见回应",
    Category.LAYOUT: "版式",
}


class Confidence(StrEnum):
    """Confidence of a rule's source, as tagged in the domain reference."""

    OFFICIAL = "官方"
    OFFICIAL_REPORTED = "官方-转述"
    PRACTICE = "实践"
    UNCONFIRMED = "存疑"

    @property
    def default_severity(self) -> Severity:
        if self in (Confidence.OFFICIAL, Confidence.OFFICIAL_REPORTED):
            return Severity.ERROR
        if self is Confidence.PRACTICE:
            return Severity.WARNING
        return Severity.INFO

    @property
    def enabled_by_default(self) -> bool:
        return self is not Confidence.UNCONFIRMED


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports: a span, and optionally a message and a suggestion of its own.

    ``message`` replaces the rule's message (it may use the rule's ``{placeholders}`` filled from
    ``data``); ``suggestion`` is given only when the right form is certain; ``severity`` lowers or
    raises one hit (e.g. an [实践] variant of an [官方] rule).
    """

    span: Span
    message: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding (审核意见) of one rule on one document, anchored on exact characters."""

    rule: str
    name: str
    category: Category
    severity: Severity
    span: Span
    text: str
    message: str
    suggestion: str | None = None
    section: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "span": self.span.as_list(),
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "section": self.section,
        }


Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's metadata and its check function.

    ``flags`` and ``passes`` are example texts the rule must flag and must not flag; in a flag
    example the expected span may be marked with ``⟦…⟧``. Examples are whole (small) documents, so
    rules that need structure can be shown on a complete material.
    """

    code: str
    name: str
    category: Category
    confidence: Confidence
    message: str
    rationale: str
    source: str
    check: Check
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    severity: Severity | None = None
    enabled: bool | None = None
    fix: str = ""
    needs_framework: bool = False
    example_options: Callable[[], dict[str, object]] | None = None

    @property
    def default_severity(self) -> Severity:
        return self.severity or self.confidence.default_severity

    @property
    def default_enabled(self) -> bool:
        return self.enabled if self.enabled is not None else self.confidence.enabled_by_default

    def describe(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "severity": self.default_severity.value,
            "enabled": self.default_enabled,
            "confidence": self.confidence.value,
            "message": self.message,
            "rationale": self.rationale,
            "source": self.source,
            "fix": self.fix,
            "flags": list(self.flags),
            "passes": list(self.passes),
        }


class Registry:
    """All known rules by code; rule modules register with :func:`rule` at import time."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._loaded = False

    def _load(self) -> None:
        """Import the rule modules (which register themselves) on first use."""
        if not self._loaded:
            self._loaded = True
            import mingjing.review.rules  # noqa: F401

    def add(self, r: Rule) -> Rule:
        if r.code in self._rules:
            raise ValueError(f"duplicate rule code {r.code}")
        if any(x.name == r.name for x in self._rules.values()):
            raise ValueError(f"duplicate rule name {r.name}")
        self._rules[r.code] = r
        return r

    def get(self, key: str) -> Rule | None:
        """A rule by code (``MJ101``) or name (``placeholder-unfilled``)."""
        self._load()
        key = key.strip()
        if key.upper() in self._rules:
            return self._rules[key.upper()]
        return next((r for r in self._rules.values() if r.name == key), None)

    def __iter__(self) -> Iterator[Rule]:
        self._load()
        return iter(sorted(self._rules.values(), key=lambda r: _code_key(r.code)))

    def __len__(self) -> int:
        self._load()
        return len(self._rules)


def _code_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)


REGISTRY = Registry()


def rule(
    code: str,
    name: str,
    *,
    category: Category,
    confidence: Confidence,
    message: str,
    rationale: str,
    source: str,
    flags: Iterable[str] = (),
    passes: Iterable[str] = (),
    severity: Severity | None = None,
    enabled: bool | None = None,
    fix: str = "",
    needs_framework: bool = False,
    example_options: Callable[[], dict[str, object]] | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated check function as a rule.

    ``example_options`` builds the ``review(options=...)`` a rule's examples need (e.g. a small
    corpus for the copy rule); the example tests call it.
    """

    def register(check: Check) -> Check:
        REGISTRY.add(
            Rule(
                code=code,
                name=name,
                category=category,
                confidence=confidence,
                message=message,
                rationale=rationale,
                source=source,
                check=check,
                flags=tuple(flags),
                passes=tuple(passes),
                severity=severity,
                enabled=enabled,
                fix=fix,
                needs_framework=needs_framework,
                example_options=example_options,
            )
        )
        return check

    return register
