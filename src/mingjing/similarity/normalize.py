"""The matching view (比对视图): what copy detection compares, with a map back to the canonical text.

Copy detection compares characters, not words (the CNKI convention users expect). Two materials
that differ only in punctuation, spaces, line breaks, full/half width or letter case share the same
matching view, so a passage copied across a paragraph break or re-punctuated is still one passage.
The view keeps Han characters (CJK unified ideographs, extensions A–G, compatibility ideographs and
〇), ASCII digits and Latin letters; full-width forms are folded to ASCII and letters lower-cased;
everything else is dropped. ``offsets[i]`` is the canonical offset of view character ``i``, so every
passage is reported where the user sees it (``Document.text`` offsets, ``[start, end)``).

Traditional/simplified folding is not done: it needs a conversion table (OpenCC) that the project
does not ship yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mingjing.document import Span

Codes = npt.NDArray[np.uint32]
Offsets = npt.NDArray[np.int64]

# (lo, hi) inclusive code point ranges kept in the view, after width folding and lower-casing.
_KEEP_RANGES: tuple[tuple[int, int], ...] = (
    (0x30, 0x39),  # 0-9
    (0x61, 0x7A),  # a-z
    (0x3007, 0x3007),  # 〇
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B–G
)


@dataclass(frozen=True, slots=True, eq=False)
class MatchView:
    """A canonical text reduced to the characters that count, and where each one came from."""

    codes: Codes
    offsets: Offsets

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def canonical_span(self, start: int, end: int) -> Span:
        """The canonical span of view characters ``[start, end)`` (first to last character)."""
        if end <= start:
            at = int(self.offsets[start]) if start < len(self) else 0
            return Span(at, at)
        return Span(int(self.offsets[start]), int(self.offsets[end - 1]) + 1)

    def as_str(self) -> str:
        return self.codes.astype("<u4").tobytes().decode("utf-32-le")


def to_codes(text: str) -> Codes:
    """Code points of ``text`` as an array (no copy of the Python string's characters is kept)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint32, copy=False)


def _tables() -> tuple[Codes, npt.NDArray[np.bool_]]:
    fold = np.arange(0x10000, dtype=np.uint32)
    fold[0xFF01:0xFF5F] -= 0xFEE0
    fold[(fold >= 0x41) & (fold <= 0x5A)] += 0x20
    keep = np.zeros(0x10000, dtype=bool)
    for lo, hi in _KEEP_RANGES:
        if lo < 0x10000:
            keep[lo : min(hi, 0xFFFF) + 1] = True
    return fold, keep


# Lookup tables over the Basic Multilingual Plane: two gathers instead of a dozen comparisons.
_FOLD_BMP, _KEEP_BMP = _tables()


def fold_codes(codes: Codes) -> Codes:
    """Full-width ASCII forms to ASCII, upper-case Latin to lower case (a new array)."""
    bmp = codes < 0x10000
    if bmp.all():
        return _FOLD_BMP[codes]
    out = codes.copy()
    out[bmp] = _FOLD_BMP[codes[bmp]]
    return out


def keep_mask(codes: Codes) -> npt.NDArray[np.bool_]:
    """True for the characters that belong to the matching view (``codes`` already folded)."""
    bmp = codes < 0x10000
    if bmp.all():
        return _KEEP_BMP[codes]
    mask = np.zeros(codes.shape[0], dtype=bool)
    mask[bmp] = _KEEP_BMP[codes[bmp]]
    astral = ~bmp
    for lo, hi in _KEEP_RANGES:
        if hi >= 0x10000:
            mask[astral] |= (codes[astral] >= lo) & (codes[astral] <= hi)
    return mask


def match_view(text: str) -> MatchView:
    """The matching view of a canonical text."""
    folded = fold_codes(to_codes(text))
    keep = keep_mask(folded)
    offsets = np.flatnonzero(keep).astype(np.int64)
    return MatchView(codes=folded[keep], offsets=offsets)


def normalize_phrase(phrase: str) -> str:
    """A phrase (e.g. a 引用库 entry) in the same reduced form as a matching view."""
    return match_view(phrase).as_str()
