"""Equivalences used for matching, never for rewriting.

Authors mix full-width and half-width forms (``（一）`` and ``(一)``, ``，`` and ``,``) and
no-break or ideographic spaces. For matching these are the same; the canonical text keeps what the
author wrote. :func:`fold` maps every character to exactly one character, so an offset into the
folded text is the same offset into the canonical text: a regex match on ``fold(text)`` gives
spans that are valid in ``text`` as they are.

Direction of folding: ASCII punctuation goes to the Chinese (full-width) form, because patterns are
written with Chinese punctuation; full-width digits and Latin letters go to ASCII, because patterns
write digits in ASCII; every kind of space becomes an ASCII space.
"""

from __future__ import annotations

import re

_PUNCT_TO_FULL = {
    "(": "（",
    ")": "）",
    ",": "，",
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
}

_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in _PUNCT_TO_FULL.items()}
    for i in range(10):
        table[0xFF10 + i] = chr(0x30 + i)  # ０-９ → 0-9
    for i in range(26):
        table[0xFF21 + i] = chr(0x41 + i)  # Ａ-Ｚ
        table[0xFF41 + i] = chr(0x61 + i)  # ａ-ｚ
    table[0xFF0E] = "."  # ．
    for ch in _SPACES:
        table[ord(ch)] = " "
    return table


FOLD_TABLE: dict[int, str] = _build_table()
# str.translate with a dict walks every character in Python-level lookups (~100 ns each); the
# characters to fold are rare in Chinese text, so finding them with a regex is ~20x faster.
_FOLD_RE = re.compile("[" + re.escape("".join(chr(k) for k in FOLD_TABLE)) + "]")

#: Characters that count as white space in Chinese documents (besides ``str.isspace``).
SPACE_CHARS = " \t" + _SPACES


def fold(text: str) -> str:
    """Fold width and space variants; ``len(fold(t)) == len(t)`` always holds."""
    return _FOLD_RE.sub(_fold_match, text)


def _fold_match(m: re.Match[str]) -> str:
    return FOLD_TABLE[ord(m.group())]


def is_space(ch: str) -> bool:
    return ch in SPACE_CHARS or ch.isspace()


CHINESE_NUMERALS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_to_int(s: str) -> int | None:
    """Parse a Chinese numeral up to 九千九百九十九 (``十二`` → 12, ``二十一`` → 21); None if not one."""
    if not s:
        return None
    units = {"十": 10, "百": 100, "千": 1000}
    total = 0
    current = 0
    seen_digit = False
    for ch in s:
        if ch in CHINESE_NUMERALS:
            current = CHINESE_NUMERALS[ch]
            seen_digit = True
        elif ch in units:
            unit = units[ch]
            total += (current if (seen_digit and current) else 1) * unit
            current = 0
            seen_digit = False
        else:
            return None
    return total + current


def int_to_chinese(n: int) -> str:
    """Format 0 < n < 10000 as a Chinese numeral the way 公文 numbering does (十一, 二十)."""
    if n <= 0 or n >= 10000:
        return str(n)
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    parts: list[str] = []
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        q, n = divmod(n, value)
        if q:
            parts.append(digits[q] + name)
        elif parts and n and parts[-1] != "零":
            parts.append("零")
    return "".join(parts)
