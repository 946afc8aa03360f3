"""Classify (归类) each merged opinion under an aspect of the year's framework.

Scores come from words: the aspect's own title, alias and keywords (weight 2) and the everyday
words of the concepts in ``data/aspect_words.toml`` that fit the aspect (weight 1), matched
longest-first so 理论学习 is not counted again as 学习. The best aspect wins only with a clear
margin; otherwise the cluster goes to 未归类 rather than to a guess. The words that decided it are
kept, so a person can see why. A category written in the source table (类别 column) that names an
aspect, and a reviewer's correction, win over the words.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mingjing.errors import ConfigError
from mingjing.frameworks.detect import heading_key
from mingjing.frameworks.model import Aspect, Audience, Framework
from mingjing.opinions.corrections import Corrections, resolve_ref
from mingjing.opinions.model import TEAM, MergeResult, Opinion, OpinionCluster
from mingjing.textnorm import fold

MSG = {
    "bad_data": "内置归类词表 aspect_words.toml 格式有误：{error}",
    "unclassified": "未归类",
    "from_table": "原表类别“{category}”",
    "manual": "人工修正",
    "unknown_aspect": "修正：框架“{framework}”中没有方面“{aspect}”，这条修正未能应用",
}

OWN_WEIGHT = 2.0
CONCEPT_WEIGHT = 1.0
#: Below this score nothing is said; below this margin (share of the best score not matched by
#: the runner-up) the cluster is 未归类. Tuned on tests/data/opinions (see docs/opinions.md).
MIN_SCORE = 1.0
MIN_MARGIN = 0.3


@dataclass(frozen=True, slots=True)
class Classification:
    """The aspect of one cluster: ``aspect`` is None for 未归类; ``basis`` lists deciding words."""

    cluster: int
    framework: str | None
    aspect: str | None
    label: str
    confidence: float
    basis: tuple[str, ...] = ()
    how: str = "words"  # "words" | "table" | "manual" | "none"


@dataclass(frozen=True, slots=True)
class _Concept:
    name: str
    aspects: tuple[str, ...]
    words: tuple[str, ...]


@lru_cache(maxsize=1)
def concepts() -> tuple[_Concept, ...]:
    raw = resources.files("mingjing.opinions").joinpath("data").joinpath("aspect_words.toml")
    try:
        data = tomllib.loads(raw.read_bytes().decode("utf-8"))
        return tuple(
            _Concept(c["name"], tuple(c["aspects"]), tuple(c["words"])) for c in data["concept"]
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(MSG["bad_data"].format(error=exc)) from exc


def aspect_label(aspect: Aspect) -> str:
    """How an aspect is named on a sheet: the title without 在 and 方面 (工作作风)."""
    t = aspect.title.strip()
    t = t.removeprefix("在")
    return t.removesuffix("方面") or aspect.alias


@lru_cache(maxsize=256)
def vocabulary(aspect: Aspect) -> dict[str, float]:
    """Words that speak for ``aspect`` with their weights."""
    names = [aspect.title, aspect.alias, *aspect.keywords]
    vocab: dict[str, float] = {}
    for c in concepts():
        if any(a in n for a in c.aspects for n in names):
            for w in c.words:
                vocab[w] = max(vocab.get(w, 0.0), CONCEPT_WEIGHT)
    for w in (aspect.alias, *aspect.keywords):
        if len(w) >= 2:
            vocab[fold(w)] = OWN_WEIGHT
    return vocab


def _matches(text: str, words: Iterable[str]) -> list[str]:
    """Distinct words found in ``text``, longest first, never counting a shorter word inside a
    longer one already matched."""
    taken = [False] * len(text)
    found: list[str] = []
    for w in sorted(set(words), key=len, reverse=True):
        for m in re.finditer(re.escape(w), text):
            if any(taken[m.start() : m.end()]):
                continue
            for k in range(m.start(), m.end()):
                taken[k] = True
            if w not in found:
                found.append(w)
    return found


def score_aspects(text: str, framework: Framework) -> list[tuple[float, Aspect, tuple[str, ...]]]:
    """Each aspect's score and deciding words for ``text``, best first."""
    folded = fold(text)
    out = []
    for a in framework.aspects:
        vocab = vocabulary(a)
        words = _matches(folded, vocab)
        out.append((sum(vocab[w] for w in words), a, tuple(words)))
    out.sort(key=lambda x: -x[0])
    return out


def _by_category(category: str, framework: Framework) -> Aspect | None:
    key = heading_key(category)
    if not key:
        return None
    for a in framework.aspects:
        if key in (heading_key(a.title), a.alias) or heading_key(a.title).startswith(key):
            return a
    return None


def classify_text(
    cluster_id: int, text: str, framework: Framework, categories: Sequence[str] = ()
) -> Classification:
    """Classify one text (a cluster's wordings joined) under ``framework``."""
    written = Counter(c for c in categories if c)
    for category, _ in written.most_common():
        a = _by_category(category, framework)
        if a is not None:
            return Classification(
                cluster_id,
                framework.id,
                a.title,
                aspect_label(a),
                1.0,
                (MSG["from_table"].format(category=category),),
                "table",
            )
    ranked = score_aspects(text, framework)
    best, aspect, words = ranked[0] if ranked else (0.0, None, ())
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    margin = (best - second) / best if best > 0 else 0.0
    confidence = round(margin * min(1.0, best / (2 * MIN_SCORE)), 2)
    if aspect is None or best < MIN_SCORE or margin < MIN_MARGIN:
        shown = words if aspect is not None and best > 0 else ()
        return Classification(
            cluster_id, framework.id, None, MSG["unclassified"], confidence, shown, "none"
        )
    return Classification(
        cluster_id, framework.id, aspect.title, aspect_label(aspect), confidence, words, "words"
    )


def team_framework_for(framework: Framework, pool: Sequence[Framework]) -> Framework:
    """The framework a team's (班子) opinions are classified under: ``framework`` itself when it
    covers teams, else the same year's and meeting's framework for teams, if there is one."""
    if Audience.TEAM in framework.audience:
        return framework
    for fw in pool:
        if (
            fw.year == framework.year
            and fw.meeting == framework.meeting
            and Audience.TEAM in fw.audience
        ):
            return fw
    return framework


def classify(
    result: MergeResult,
    framework: Framework,
    *,
    team_framework: Framework | None = None,
    corrections: Corrections | None = None,
) -> tuple[tuple[Classification, ...], tuple[str, ...]]:
    """Classify every cluster; opinions about the team use ``team_framework`` when given.

    Returns the classifications (in cluster order) and warnings about corrections not applied.
    """
    by_row = result.intake.by_row()
    out: dict[int, Classification] = {}
    for c in result.clusters:
        fw = team_framework if (team_framework is not None and c.target == TEAM) else framework
        out[c.id] = classify_text(c.id, _cluster_text(c, by_row), fw, _categories(c, by_row))
    warnings: list[str] = []
    if corrections is not None:
        cluster_of = result.cluster_of()
        clusters = {c.id: c for c in result.clusters}
        for ref, wanted in corrections.aspects:
            row, warning = resolve_ref(ref, by_row)
            if warning:
                warnings.append(warning)
            if row is None:
                continue
            cid = cluster_of[row]
            fw = (
                team_framework
                if (team_framework is not None and clusters[cid].target == TEAM)
                else framework
            )
            a = _by_category(wanted, fw)
            if a is None:
                warnings.append(MSG["unknown_aspect"].format(framework=fw.name, aspect=wanted))
                continue
            out[cid] = Classification(
                cid, fw.id, a.title, aspect_label(a), 1.0, (MSG["manual"],), "manual"
            )
    return tuple(out[c.id] for c in result.clusters), tuple(warnings)


def _cluster_text(c: OpinionCluster, by_row: Mapping[int, Opinion]) -> str:
    texts = [c.text]
    for r in c.rows:
        op = by_row.get(r)
        t = op.text if op is not None else ""
        if t and t not in texts:
            texts.append(t)
    return "\n".join(texts)


def _categories(c: OpinionCluster, by_row: Mapping[int, Opinion]) -> list[str]:
    return [by_row[r].category for r in c.rows if r in by_row]
