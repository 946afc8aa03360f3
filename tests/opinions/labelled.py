"""The labelled opinion sets of the example team (tests/data/opinions, built by build_sets.py)."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from mingjing.opinions.roster import Roster, load_roster

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "opinions"
EXAMPLES = ROOT / "examples"
EXAMPLE_BOOK = EXAMPLES / "opinions" / "澂岺镇征求意见汇总_2023.xlsx"
FILES = ("汇总表_2023.xlsx", "网上征求_2023_GB18030.csv", "意见箱_2023.txt")


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    return data


def rows_of(name: str) -> dict[int, str]:
    """Row → topic id for a labelled file (``examples`` for the bundled workbook)."""
    entry = labels()["examples"] if name == "examples" else labels()["files"][name]
    return {int(r): t for r, t in entry["rows"].items()}


def roster() -> Roster:
    return load_roster(DATA / "班子成员.toml")


def pair_counts(cluster_of: Mapping[int, int], topic_of: Mapping[int, str]) -> tuple[int, int, int]:
    """(true positive, false positive, false negative) pairs: same cluster vs same topic."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(topic_of), 2):
        same_topic = topic_of[a] == topic_of[b]
        same_cluster = cluster_of[a] == cluster_of[b]
        tp += same_topic and same_cluster
        fp += same_cluster and not same_topic
        fn += same_topic and not same_cluster
    return tp, fp, fn


def majority_topic(rows: tuple[int, ...], topic_of: Mapping[int, str]) -> str:
    return Counter(topic_of[r] for r in rows).most_common(1)[0][0]
