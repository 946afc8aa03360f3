"""Plain text and Markdown: decoding, paragraphs, and repair of text pasted from a PDF.

The canonical text of a text file is the decoded file itself (a BOM is not text and is dropped), so
offsets into it are offsets into the file's characters. Paragraphs are the non-blank lines. Text
copied out of a PDF viewer arrives with a hard line break every 28–40 characters, page numbers and
running headers: such lines are re-joined into paragraphs by recording the breaks and page furniture
as *gaps* inside a paragraph — the canonical text itself is never changed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

from mingjing.document import Document, Paragraph, SourceFormat, Span
from mingjing.errors import EncodingError, UnsupportedFormatError
from mingjing.textnorm import fold, is_space

MSG = {
    "forced": "无法按指定的编码 {encoding} 解码（{error}）",
    "unknown_forced": "不认识的编码名称：{encoding}",
    "unknown": "无法识别文件的文字编码{guess}；支持 UTF-8、GB18030/GBK/GB2312、UTF-16、Big5，可用 --encoding 指定",
    "binary": "文件含有大量控制字符，不是文字材料（可能是二进制文件）",
    "no_text": "文件中没有可读的文字",
    "hard_wrapped": "文本疑似从 PDF 复制，已将硬换行的行重新拼接为段落，并忽略页码和页眉",
}

SUPPORTED = {
    "utf_8": "utf-8",
    "ascii": "utf-8",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": None,
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: one of every two bytes is NUL for ASCII, rarely for CJK, so test both."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or ch in "，。、；：")
        ascii_ok = sum(1 for ch in text if ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
        if (cjk + ascii_ok) / max(len(text), 1) > 0.9 and cjk > len(text) * 0.2:
            return enc
    return None


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used. Detection uses charset-normalizer."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError as exc:
            raise EncodingError(MSG["unknown_forced"].format(encoding=encoding), path) from exc
        except UnicodeDecodeError as exc:
            raise EncodingError(
                MSG["forced"].format(encoding=encoding, error=exc.reason), path
            ) from exc
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4000]:
        enc16 = _looks_utf16(data)
        if enc16:
            try:
                return data.decode(enc16), enc16
            except UnicodeDecodeError:
                pass
        raise UnsupportedFormatError(MSG["binary"], path)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = ""
    if best is not None:
        mapped = SUPPORTED.get(best.encoding)
        if mapped:
            try:
                return data.decode(mapped), mapped
            except UnicodeDecodeError:
                pass
        guess = f"（疑似 {best.encoding}，不是中文材料常用的编码）"
    raise EncodingError(MSG["unknown"].format(guess=guess), path)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str, path: Path) -> None:
    if not text.strip():
        from mingjing.errors import EmptyFileError

        raise EmptyFileError(MSG["no_text"], path)
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(5, len(sample) // 100):
        raise UnsupportedFormatError(MSG["binary"], path)


def read_text(
    path: Path, data: bytes, fmt: SourceFormat, *, encoding: str | None = None
) -> Document:
    text, used = decode(data, path, encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_text(text, path)
    return document_from_text(text, fmt, path=path, encoding=used)


# --- lines and paragraphs ---------------------------------------------------------------------

_EOL = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def split_lines(text: str) -> list[Span]:
    """Spans of the lines of ``text`` without their line-end characters."""
    spans: list[Span] = []
    pos = 0
    for m in _EOL.finditer(text):
        spans.append(Span(pos, m.start()))
        pos = m.end()
    spans.append(Span(pos, len(text)))
    return spans


def _blank(text: str, span: Span) -> bool:
    return all(is_space(ch) for ch in text[span.start : span.end])


_MD_PREFIX = re.compile(r"^(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?=\S))")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def document_from_text(
    text: str, fmt: SourceFormat, *, path: Path | None = None, encoding: str | None = None
) -> Document:
    """Build the Document of a text whose canonical form is ``text`` itself."""
    lines = split_lines(text)
    ignored: list[Span] = []
    warnings: list[str] = []
    if fmt is SourceFormat.MD:
        lines = _markdown_lines(text, lines, ignored)
    content = [ln for ln in lines if not _blank(text, ln)]
    paragraphs: list[Paragraph]
    furniture = _page_furniture(text, content)
    hard_wrapped = _is_hard_wrapped(text, [ln for ln in content if ln not in furniture])
    if hard_wrapped:
        paragraphs = _join_wrapped(text, content, furniture)
        ignored.extend(sorted(furniture))
        warnings.append(MSG["hard_wrapped"])
    else:
        paragraphs = [Paragraph(span=ln) for ln in content]
    return Document(
        text=text,
        paragraphs=tuple(paragraphs),
        format=fmt,
        path=path,
        encoding=encoding,
        hard_wrapped=hard_wrapped,
        ignored=tuple(sorted(ignored)),
        warnings=tuple(warnings),
    )


def _markdown_lines(text: str, lines: list[Span], ignored: list[Span]) -> list[Span]:
    """Drop Markdown line prefixes (``## ``, ``> ``, list bullets) and rules from paragraph spans."""
    out: list[Span] = []
    in_fence = False
    for ln in lines:
        s = text[ln.start : ln.end]
        if s.lstrip().startswith("```"):
            in_fence = not in_fence
            ignored.append(ln)
            continue
        if in_fence:
            out.append(ln)
            continue
        if _MD_RULE.match(s):
            ignored.append(ln)
            continue
        m = _MD_PREFIX.match(s)
        if m:
            ignored.append(Span(ln.start, ln.start + m.end()))
            out.append(Span(ln.start + m.end(), ln.end))
        else:
            out.append(ln)
    return out


# --- text pasted from a PDF -------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－‒]+\s*\d{1,4}\s*[-—–－‒]+|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}|[-—–－‒]\s*\d{1,4}|\d{1,4}\s*[-—–－‒])\s*$"
)
#: A line starting like this begins a new paragraph even in hard-wrapped text.
_BLOCK_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)"
    r"|[①-⑳]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、：:]|(?:首先|其次|再次|最后)[，,：:]"
    r"|以上是|附件)"
)
_TERMINAL = set("。！？；：…”’」』）)")


def _width(s: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in s.strip())


def _page_furniture(text: str, content: list[Span]) -> set[Span]:
    """Page numbers, and short lines repeated next to them (running headers)."""
    numbers = {i for i, ln in enumerate(content) if _PAGE_NUMBER.match(text[ln.start : ln.end])}
    if len(numbers) < 1:
        return set()
    # A lone number line is a page number only if several such lines recur through the text.
    if len(numbers) < 2 and len(content) > 30:
        return set()
    out = {content[i] for i in numbers}
    stripped = [fold(text[ln.start : ln.end]).strip() for ln in content]
    counts = Counter(s for s in stripped if 0 < len(s) <= 40)
    for i, s in enumerate(stripped):
        if counts.get(s, 0) >= 2 and ((i - 1) in numbers or (i + 1) in numbers):
            out.add(content[i])
    return out


def _is_hard_wrapped(text: str, content: list[Span]) -> bool:
    if len(content) < 8:
        return False
    widths = sorted(_width(text[ln.start : ln.end]) for ln in content)
    ref = widths[int(len(widths) * 0.9) - 1]
    if ref > 60 or ref < 12:
        return False
    full = sum(1 for w in widths if w >= ref * 0.85)
    open_ended = sum(
        1
        for ln in content
        if _width(text[ln.start : ln.end]) >= ref * 0.85 and text[ln.end - 1] not in _TERMINAL
    )
    return full >= len(content) * 0.3 and open_ended >= len(content) * 0.2


def _join_wrapped(text: str, content: list[Span], furniture: set[Span]) -> list[Paragraph]:
    body = [ln for ln in content if ln not in furniture]
    widths = sorted(_width(text[ln.start : ln.end]) for ln in body)
    ref = widths[int(len(widths) * 0.9) - 1]
    # A PDF line holds a fixed width, so a line with half-width digits holds more characters; text
    # re-wrapped by a viewer or a script may count characters instead. A line is full by either.
    counts = sorted(len(text[ln.start : ln.end].strip()) for ln in body)
    ref_n = counts[int(len(counts) * 0.9) - 1]

    def full(line: str) -> bool:
        return _width(line) >= ref * 0.85 or len(line.strip()) >= ref_n * 0.85

    paragraphs: list[Paragraph] = []
    current: list[Span] = []

    def flush() -> None:
        if not current:
            return
        span = Span(current[0].start, current[-1].end)
        gaps = tuple(Span(a.end, b.start) for a, b in itertools.pairwise(current))
        paragraphs.append(Paragraph(span=span, gaps=gaps))
        current.clear()

    for ln in body:
        s = text[ln.start : ln.end]
        if current:
            prev = text[current[-1].start : current[-1].end]
            continues = full(prev) and not _BLOCK_START.match(s)
            if not continues:
                flush()
        current.append(ln)
    flush()
    return paragraphs
