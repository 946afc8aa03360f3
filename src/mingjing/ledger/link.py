"""Which aspect and which problem a measure answers.

The aspect is decided the way the reviewer decides that an aspect is answered (rule MJ951,
``correspondence-unanswered-aspect``): a measure answers an aspect when its heading or the first
sentence of the sub-measure names the aspect (its alias or one of its keywords). Only when a
sub-measure names no aspect at all is the aspect inferred from text similarity — and the ledger
says so. Within the aspect, the problem item is the one closest in wording (TF-IDF weighted
character bigrams, cosine), shown with its score so a person can judge and correct it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mingjing.ledger.model import Link, LinkBasis, ProblemRef
from mingjing.textnorm import fold

__all__ = ["AspectTarget", "BigramSpace", "link_measure", "words_in"]

#: A problem counts as "the" problem a measure answers from this cosine similarity on; lower when
#: the measure names the aspect (there are only a few problems to choose from).
PROBLEM_MIN = 0.08
PROBLEM_MIN_NAMED = 0.045
#: Without any aspect word, a measure is linked to an aspect only from this similarity on.
ASPECT_MIN = 0.10

_NON_WORD = re.compile(r"[\W_]+")
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]?|\d+[.、．]|（\d+）|[①-⑩])"
)


@dataclass(frozen=True, slots=True)
class AspectTarget:
    """An aspect with problems in one material: its name, the words that name it, its problems."""

    name: str
    words: tuple[str, ...]  # folded
    problems: tuple[ProblemRef, ...]
    texts: tuple[str, ...]  # full text of each problem item


def words_in(words: Iterable[str], text: str) -> str | None:
    """The first (longest) aspect word that occurs in ``text`` (folded), else None."""
    folded = fold(text)
    for w in sorted(words, key=len, reverse=True):
        if w and w in folded:
            return w
    return None


def strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1).strip()


def _grams(text: str) -> list[str]:
    t = _NON_WORD.sub("", fold(strip_marker(text)))
    return [t[i : i + 2] for i in range(len(t) - 1)]


class BigramSpace:
    """TF-IDF vectors of character bigrams over one material's problems and measures."""

    def __init__(self, documents: Sequence[str]) -> None:
        df: Counter[str] = Counter()
        for d in documents:
            df.update(set(_grams(d)))
        n = max(len(documents), 1)
        self._idf = {g: math.log((1 + n) / (1 + c)) + 1.0 for g, c in df.items()}
        self._default = math.log(1 + n) + 1.0

    def vector(self, text: str) -> dict[str, float]:
        tf = Counter(_grams(text))
        vec = {g: (1 + math.log(c)) * self._idf.get(g, self._default) for g, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(g, 0.0) for g, v in a.items())


def link_measure(
    heading: str,
    first_sentence: str,
    text: str,
    targets: Sequence[AspectTarget],
    space: BigramSpace,
) -> Link:
    """The aspect and problem one sub-measure answers (see the module doc)."""
    vec = space.vector(f"{heading}{text}")
    by_item = [(t, w) for t in targets if (w := words_in(t.words, first_sentence))]
    by_head = [(t, w) for t in targets if (w := words_in(t.words, heading))]
    basis = LinkBasis.ITEM_WORDS if by_item else LinkBasis.HEADING_WORDS
    candidates: list[tuple[AspectTarget, str | None]] = list(by_item or by_head)
    if not candidates:
        basis = LinkBasis.SIMILARITY
        candidates = [(t, None) for t in targets]
    best: tuple[float, int, AspectTarget, str | None, int] | None = None
    for order, (target, word) in enumerate(candidates):
        for k, ptext in enumerate(target.texts):
            s = space.cosine(vec, space.vector(ptext))
            if best is None or s > best[0]:
                best = (s, -order, target, word, k)
    if best is None:  # no problems at all
        if candidates and basis is not LinkBasis.SIMILARITY:
            target, word = candidates[0]
            return Link(target.name, basis, word)
        return Link(None, LinkBasis.NONE)
    score, _, target, word, k = best
    if basis is LinkBasis.SIMILARITY and score < ASPECT_MIN:
        return Link(None, LinkBasis.NONE, score=score)
    floor = PROBLEM_MIN if basis is LinkBasis.SIMILARITY else PROBLEM_MIN_NAMED
    problem = target.problems[k] if score >= floor else None
    return Link(target.name, basis, word, problem, score)
