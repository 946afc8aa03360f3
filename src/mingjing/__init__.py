"""明镜 mingjing: offline reading, review, copy detection, opinions and ledgers for
民主生活会 / 组织生活会 对照检查材料.

The public API is re-exported here; see the package modules for details.
"""

from __future__ import annotations

from mingjing.document import (
    Document,
    Paragraph,
    Region,
    RunSegment,
    SegmentKind,
    SourceFormat,
    Span,
)
from mingjing.errors import InputError, MingjingError
from mingjing.ingest import read, read_text_string
from mingjing.structure import Report, parse

__version__ = "0.1.0"

__all__ = [
    "Document",
    "InputError",
    "MingjingError",
    "Paragraph",
    "Region",
    "Report",
    "RunSegment",
    "SegmentKind",
    "SourceFormat",
    "Span",
    "__version__",
    "parse",
    "read",
    "read_text_string",
]
