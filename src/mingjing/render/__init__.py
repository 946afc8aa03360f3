"""Renderers: turn Reports and findings into text, JSON, HTML and Word output (no analysis here)."""
