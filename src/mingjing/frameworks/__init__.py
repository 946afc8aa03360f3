"""对照框架: the yearly comparison frameworks as data, their loader, and detection.

Frameworks live in ``data/*.toml`` (one file per year, meeting and audience); a user adds the
framework of a new year by dropping a file of the same shape into ``~/.mingjing/frameworks`` or a
folder passed with ``--frameworks DIR``. See ``docs/frameworks.md``.
"""

from __future__ import annotations

from mingjing.frameworks.detect import (
    AspectMatch,
    Candidate,
    Detection,
    ForeignAspect,
    detect,
    find_foreign,
    heading_key,
    in_order,
    match_aspects,
    missing_aspects,
)
from mingjing.frameworks.loader import (
    UnknownFrameworkError,
    get,
    load_all,
    load_builtin,
    load_file,
    parse_framework,
    user_framework_dir,
)
from mingjing.frameworks.model import (
    Aspect,
    Audience,
    Confidence,
    CountKind,
    DateRange,
    Framework,
    Meeting,
    SectionKind,
    StatedCount,
)

__all__ = [
    "Aspect",
    "AspectMatch",
    "Audience",
    "Candidate",
    "Confidence",
    "CountKind",
    "DateRange",
    "Detection",
    "ForeignAspect",
    "Framework",
    "Meeting",
    "SectionKind",
    "StatedCount",
    "UnknownFrameworkError",
    "detect",
    "find_foreign",
    "get",
    "heading_key",
    "in_order",
    "load_all",
    "load_builtin",
    "load_file",
    "match_aspects",
    "missing_aspects",
    "parse_framework",
    "user_framework_dir",
]
