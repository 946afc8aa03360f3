"""Reading files into a :class:`~mingjing.document.Document`: one entry point for every format."""

from __future__ import annotations

from pathlib import Path

from mingjing.document import Document, SourceFormat
from mingjing.ingest.sniff import read_bytes, sniff

__all__ = ["read", "read_text_string"]


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
