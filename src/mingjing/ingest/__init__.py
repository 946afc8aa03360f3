"""Reading files into a :class:`~mingjing.document.Document`: one entry point for every format."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mingjing.document import Document, SourceFormat
from mingjing.ingest.sniff import read_bytes, sniff

__all__ = [
    "ANNOTATED_SUFFIX",
    "MATERIAL_SUFFIXES",
    "is_material_file",
    "material_files",
    "read",
    "read_text_string",
]

#: File suffixes a folder walk picks up (content still decides the format).
MATERIAL_SUFFIXES = frozenset({".docx", ".doc", ".wps", ".rtf", ".odt", ".txt", ".md"})
#: Files a folder walk leaves out even with a material suffix: notes that travel with materials.
NOT_MATERIALS = ("readme", "defects", "changelog", "license", "contributing", "说明")
#: Name ending of the annotated copy that ``mingjing check --format docx`` writes beside a material;
#: folder walks skip such copies so that a second run does not read its own output.
ANNOTATED_SUFFIX = ".审核意见.docx"


def is_material_file(f: Path) -> bool:
    """Whether a file found in a folder walk should be read as a material."""
    name = f.name.lower()
    return (
        f.is_file()
        and f.suffix.lower() in MATERIAL_SUFFIXES
        and not name.startswith((".", "~$"))
        and not name.startswith(NOT_MATERIALS)
        and not f.name.endswith(ANNOTATED_SUFFIX)
    )


def material_files(paths: Iterable[Path], *, recursive: bool = True) -> list[Path]:
    """Files as given, and for folders the materials inside them (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = p.rglob("*") if recursive else p.iterdir()
            out.extend(sorted(f for f in found if is_material_file(f)))
        else:
            out.append(p)
    return out


def read(path: str | Path, *, encoding: str | None = None) -> Document:
    """Read a material in any supported format; the format is detected from the file's bytes.

    ``encoding`` forces the decoding of a text file (e.g. ``"gb18030"``) instead of detecting it.
    Raises :class:`mingjing.errors.InputError` (with a Chinese message) for unusable input.
    The file is only ever opened for reading.
    """
    p = Path(path)
    data = read_bytes(p)
    fmt = sniff(p, data)
    if fmt is SourceFormat.DOCX:
        from mingjing.ingest.docx import read_docx

        return read_docx(p, data)
    if fmt in (SourceFormat.DOC, SourceFormat.WPS, SourceFormat.RTF, SourceFormat.ODT):
        from mingjing.ingest.legacy import read_legacy

        return read_legacy(p, fmt)
    from mingjing.ingest.text import read_text

    return read_text(p, data, fmt, encoding=encoding)


def read_text_string(text: str, *, name: str | None = None) -> Document:
    """A Document from text already in memory (pasted text, tests, the web form)."""
    from mingjing.ingest.text import document_from_text

    return document_from_text(text, SourceFormat.TXT, path=Path(name) if name else None)
