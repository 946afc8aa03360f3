"""Text for comparing opinions: folded, without punctuation, with common synonyms unified.

Used by merging (归纳) and by the coverage check; never changes what a person reads. The synonym
groups are data (``data/synonyms.toml``): 下基层/到村里/进村 are one thing when counting opinions.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from mingjing.errors import ConfigError
from mingjing.textnorm import fold

MSG = {
    "bad_data": "内置同义词表 synonyms.toml 格式有误：{error}",
}

_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def synonym_table() -> tuple[tuple[str, str], ...]:
    """(variant, canonical) pairs, longest variant first."""
    raw = (
        resources.files("mingjing.opinions").joinpath("data").joinpath("synonyms.toml").read_bytes()
    )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        pairs = [
            (v, g["canonical"]) for g in data["group"] for v in g["variants"] if v != g["canonical"]
        ]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(MSG["bad_data"].format(error=exc)) from exc
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _synonym_re() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(synonym_table())
    pattern = re.compile("|".join(re.escape(v) for v in sorted(table, key=len, reverse=True)))
    return pattern, table


def strip_words(text: str, words: Iterable[str]) -> str:
    """``text`` without any of ``words`` (longest first): names and posts of the team members."""
    for w in sorted(set(words), key=len, reverse=True):
        if w:
            text = text.replace(w, "")
    return text


def canonical(text: str, strip: Iterable[str] = ()) -> str:
    """The comparable form: folded, lower case, ``strip`` words removed, no punctuation or space,
    synonyms replaced by their canonical word."""
    t = fold(text).lower()
    t = strip_words(t, strip)
    t = _NON_WORD.sub("", t)
    pattern, table = _synonym_re()
    return pattern.sub(lambda m: table[m.group()], t)


#: Function characters that carry no topic on their own (kept inside bigrams).
STOP_CHARS = frozenset("的了是不有在和与也就都还很太要把被对从为这那个们之而及或等着过给让")


def features(text: str) -> list[str]:
    """Characters (except function characters) and character bigrams of a canonical text.

    Single characters matter for Chinese paraphrases (水压不足 / 没水用 share 水); bigrams keep
    word order and weigh more through their higher idf.
    """
    out = [ch for ch in text if ch not in STOP_CHARS]
    out.extend(text[i : i + 2] for i in range(len(text) - 1))
    return out


def ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> list[str]:
    """Character n-grams of ``text`` (a one-character text yields itself)."""
    out: list[str] = []
    for n in sizes:
        out.extend(text[i : i + n] for i in range(len(text) - n + 1))
    if not out and text:
        out.append(text)
    return out
