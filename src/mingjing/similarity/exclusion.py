"""What does not count as copying: quoted text and the 引用库 (quotation library).

CNKI's 去除引用复制比 removes cited passages from the copied share. Here two sources explain a
shared passage as 引用 rather than 复制:

* text inside quotation marks or title marks of the material itself — “…”, "…", 「…」, 『…』, 《…》
  — on one line and at most :data:`MAX_QUOTE` characters (a longer "quotation" is not a
  quotation but a way to hide copying);
* the title line (the first line, when it is short and no sentence) and numbered headings
  (``一、存在的问题``, ``（一）在理论学习方面``, ``1.`` …, up to the first
  full stop and at most :data:`MAX_HEADING` characters): the section and aspect titles are
  prescribed by the year's framework, so every member writes them the same way;
* any occurrence of a phrase of the 引用库: the official formulations every member has to write
  (``data/quotations.toml``, taken from ``shared/domain/process-frameworks-formulations.md`` §3),
  phrases a person labelled as quotations in the corpus, and — once the reviewer's formulation
  dictionary lands — its canonical forms. :class:`QuotationLibrary` takes phrases from any source.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from mingjing.errors import ConfigError
from mingjing.similarity.normalize import MatchView, normalize_phrase

#: Longest stretch inside quotation marks that still counts as a quotation.
MAX_QUOTE = 200
#: Shortest 引用库 phrase that is matched (shorter ones can never form a reportable passage).
MIN_PHRASE = 4

_QUOTE_RE = re.compile(
    "|".join(
        f"{re.escape(o)}[^{re.escape(c)}\\n]{{1,{MAX_QUOTE}}}{re.escape(c)}"
        for o, c in (("“", "”"), ('"', '"'), ("「", "」"), ("『", "』"), ("《", "》"))
    )
)

#: Longest numbered heading that is treated as prescribed wording.
MAX_HEADING = 30
_NUM = "一二三四五六七八九十"
_HEADING_RE = re.compile(
    rf"^[ \t\u3000]*(?:[{_NUM}]+、|[（(][{_NUM}]+[）)]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)])[^\n。；;！？]{{1,{MAX_HEADING}}}",
    re.MULTILINE,
)

_TITLE_RE = re.compile(rf"\s*([^\n。；;，,！？]{{1,{MAX_HEADING + 10}}})\n")

MSG_BAD_LIBRARY = "引用库文件格式错误：{error}"


@dataclass(frozen=True, slots=True)
class Quotation:
    """One entry of the 引用库: the text, where it comes from, and how sure we are."""

    text: str
    source: str
    confidence: str = "官方"


@dataclass(frozen=True, slots=True)
class QuotationLibrary:
    """Phrases whose occurrences count as 引用 (kept in matching-view form, longest first)."""

    entries: tuple[Quotation, ...]
    phrases: tuple[str, ...]

    @staticmethod
    def from_quotations(entries: Iterable[Quotation]) -> QuotationLibrary:
        items = tuple(entries)
        norm = {normalize_phrase(q.text) for q in items}
        phrases = tuple(
            sorted((p for p in norm if len(p) >= MIN_PHRASE), key=lambda p: (-len(p), p))
        )
        return QuotationLibrary(items, phrases)

    @staticmethod
    def from_phrases(phrases: Iterable[str], source: str = "") -> QuotationLibrary:
        return QuotationLibrary.from_quotations(Quotation(p, source) for p in phrases)

    def extended(self, phrases: Iterable[str], source: str = "") -> QuotationLibrary:
        """This library plus more phrases (e.g. the reviewer's formulation dictionary)."""
        return QuotationLibrary.from_quotations(
            (*self.entries, *(Quotation(p, source) for p in phrases))
        )

    def mask(self, view: MatchView) -> npt.NDArray[np.bool_]:
        """View positions covered by an occurrence of any phrase."""
        out = np.zeros(len(view), dtype=bool)
        s = view.as_str()
        for p in self.phrases:
            i = s.find(p)
            while i >= 0:
                out[i : i + len(p)] = True
                i = s.find(p, i + 1)
        return out


def load_default_library() -> QuotationLibrary:
    """The curated 引用库 shipped with mingjing (``similarity/data/quotations.toml``)."""
    raw = (
        resources.files("mingjing.similarity")
        .joinpath("data/quotations.toml")
        .read_text(encoding="utf-8")
    )
    return parse_library(raw)


def parse_library(raw: str) -> QuotationLibrary:
    try:
        data = tomllib.loads(raw)
        entries = [
            Quotation(str(q["text"]), str(q["source"]), str(q.get("confidence", "官方")))
            for q in data.get("quotation", [])
        ]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(MSG_BAD_LIBRARY.format(error=exc)) from exc
    return QuotationLibrary.from_quotations(entries)


def quoted_mask(text: str, view: MatchView) -> npt.NDArray[np.bool_]:
    """View positions whose characters lie inside quotation or title marks of ``text``."""
    canon = np.zeros(len(text) + 1, dtype=np.int32)
    for m in _QUOTE_RE.finditer(text):
        canon[m.start()] += 1
        canon[m.end()] -= 1
    inside = np.cumsum(canon[:-1]) > 0
    return inside[view.offsets] if len(view) else np.zeros(0, dtype=bool)


def heading_mask(text: str, view: MatchView) -> npt.NDArray[np.bool_]:
    """View positions inside numbered headings (section and aspect titles)."""
    canon = np.zeros(len(text) + 1, dtype=np.int32)
    for m in _HEADING_RE.finditer(text):
        canon[m.start()] += 1
        canon[m.end()] -= 1
    title = _TITLE_RE.match(text)
    if title:
        canon[title.start(1)] += 1
        canon[title.end(1)] -= 1
    inside = np.cumsum(canon[:-1]) > 0
    return inside[view.offsets] if len(view) else np.zeros(0, dtype=bool)


def excluded_mask(
    text: str, view: MatchView, library: QuotationLibrary | None
) -> npt.NDArray[np.bool_]:
    """Positions that count as 引用: quoted, a numbered heading, or a library phrase."""
    m = quoted_mask(text, view) | heading_mask(text, view)
    if library is not None:
        m |= library.mask(view)
    return m
