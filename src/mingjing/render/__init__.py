"""Renderers: turn Reports and findings into text, JSON, HTML and Word output (no analysis here)."""

from mingjing.ingest import ANNOTATED_SUFFIX

__all__ = ["ANNOTATED_SUFFIX"]
