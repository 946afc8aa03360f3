"""Renderers: turn Reports and findings into text, JSON, HTML and Word output (no analysis here)."""

#: Name ending of the annotated copy that ``mingjing check --format docx`` writes beside a material;
#: folder walks skip such copies so that a second run does not review its own output.
ANNOTATED_SUFFIX = ".审核意见.docx"
