"""The structure of a material: numbering tokens, sections, parts, items, instances, facts."""

from mingjing.structure.model import (
    Fact,
    Facts,
    Field,
    Instance,
    Item,
    NumberToken,
    Part,
    Report,
    Role,
    Scheme,
    Section,
    SectionKind,
    TitleBlock,
)
from mingjing.structure.parser import classify_heading, parse

__all__ = [
    "Fact",
    "Facts",
    "Field",
    "Instance",
    "Item",
    "NumberToken",
    "Part",
    "Report",
    "Role",
    "Scheme",
    "Section",
    "SectionKind",
    "TitleBlock",
    "classify_heading",
    "parse",
]
