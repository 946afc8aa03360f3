"""The outline of a parsed material as plain data (the ``mingjing outline --json`` shape)."""

from __future__ import annotations

from typing import Any

from mingjing.document import Span
from mingjing.structure.model import Fact, Field, Item, Part, Report, Section


def _span(span: Span | None) -> list[int] | None:
    return span.as_list() if span is not None else None


def _fact(fact: Fact | None) -> int | str | None:
    return fact.as_json() if fact is not None else None


def _field(field: Field | None) -> dict[str, Any] | None:
    return {"text": field.text, "span": field.span.as_list()} if field is not None else None


def _item(item: Item) -> dict[str, Any]:
    token = item.token
    return {
        "marker": item.marker,
        "scheme": token.scheme.value if token else None,
        "value": item.value,
        "broken": token.broken if token else None,
        "span": item.span.as_list(),
        "instances": [{"marker": i.marker, "span": i.span.as_list()} for i in item.instances],
    }


def _part(part: Part) -> dict[str, Any]:
    return {
        "label": part.label,
        "value": part.token.value if part.token else None,
        "heading": part.heading,
        "heading_span": _span(part.heading_span),
        "span": part.span.as_list(),
        "items": [_item(i) for i in part.items],
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "kind": section.kind.value,
        "label": section.token.text if section.token else None,
        "heading": section.heading,
        "span": section.span.as_list(),
        "heading_span": section.heading_span.as_list(),
        "parts": [_part(p) for p in section.parts],
    }


def outline_dict(report: Report) -> dict[str, Any]:
    """The outline as JSON-ready data. Spans are ``[start, end)`` offsets into the canonical text."""
    doc = report.document
    tb = report.title_block
    items = [i for s in report.sections for i in s.items()]
    return {
        "file": str(doc.path) if doc.path else None,
        "format": doc.format.value,
        "encoding": doc.encoding,
        "chars": len(doc.text),
        "title": tb.title.text if tb.title else None,
        "title_block": {
            "title": _field(tb.title),
            "unit": _field(tb.unit),
            "author": _field(tb.author),
            "post": _field(tb.post),
            "date": _field(tb.date),
        },
        "preamble": _span(report.preamble),
        "facts": {
            "opinions_collected": _fact(report.facts.opinions_collected),
            "opinions_merged": _fact(report.facts.opinions_merged),
            "talks": _fact(report.facts.talks),
            "study_sessions": _fact(report.facts.study_sessions),
        },
        "sections": [_section(s) for s in report.sections],
        "closing": _span(report.closing),
        "summary": {
            "sections": len(report.sections),
            "parts": sum(len(s.parts) for s in report.sections),
            "items": len(items),
            "items_with_instance": sum(1 for i in items if i.instances),
        },
        "warnings": list(report.document.warnings) + list(report.warnings),
    }
