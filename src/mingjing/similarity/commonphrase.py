"""The common-phrase layer (常用语层): text found in many materials, grouped for a person to label.

Formulaic language, not speed, is the real difficulty of 查重 for 对照检查材料: everyone writes the
same official formulations and stock sentences, and a popular online template is shared by many
materials too. Following MOSS's ``-m`` (shared/domain/copy-detection.md §3.2), fingerprints found
in more than ``common`` materials do not make pairs; here they are grouped into maximal phrases
(one example each, with the number of materials) so that a person can label each one:

* ``quotation`` (官方引用): official text; counts as 引用 in 去除引用复制比, like the 引用库;
* ``boilerplate`` (套话): harmless stock phrasing; excluded from 去除常用语复制比;
* ``template`` (网络范文): a popular template — exactly what 查重 looks for; stays 复制.

Labels are kept in ``labels.json`` in the corpus directory (written atomically).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np

from mingjing.errors import ConfigError, InputError
from mingjing.similarity.exclusion import QuotationLibrary
from mingjing.similarity.fingerprint import fingerprints
from mingjing.similarity.index import Index, _count_in, index_key, sort_keys
from mingjing.similarity.normalize import match_view, normalize_phrase

LABELS_FILE = "labels.json"

MSG = {
    "bad_label": "标注“{label}”无效：应为 quotation（官方引用）、boilerplate（套话）或 template（网络范文）。",
    "unknown": "没有编号为“{id}”的常用语：请先运行 mingjing corpus phrases 查看编号。",
    "bad_file": "常用语标注文件 {name} 无法读取：{error}",
}


class PhraseLabel(StrEnum):
    """What a person decided a common phrase is."""

    QUOTATION = "quotation"  # 官方引用
    BOILERPLATE = "boilerplate"  # 套话
    TEMPLATE = "template"  # 网络范文


LABEL_NAMES = {
    PhraseLabel.QUOTATION: "官方引用",
    PhraseLabel.BOILERPLATE: "套话",
    PhraseLabel.TEMPLATE: "网络范文",
}


@dataclass(frozen=True, slots=True)
class CommonPhrase:
    """A phrase shared by many corpus materials, with one example and an estimated count."""

    id: str
    text: str  # canonical text of the example
    normalized: str
    count: int  # postings of its rarest fingerprint: how many places (≈ materials) share it
    example: str  # name of the material the example comes from
    label: PhraseLabel | None = None


def phrase_id(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:10]


def _global_counts(index: Index) -> tuple[np.ndarray, np.ndarray]:
    keys: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for seg in index.segments:
        h = np.asarray(seg.fp_hash)
        if h.size == 0:
            continue
        first = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
        keys.append(h[first])
        counts.append(np.diff(np.append(first, h.shape[0])))
    if not keys:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    allk, order = sort_keys(np.concatenate(keys))
    allc = np.concatenate(counts)[order]
    first = np.flatnonzero(np.r_[True, allk[1:] != allk[:-1]])
    return allk[first], np.add.reduceat(allc, first)


def discover_common_phrases(
    index: Index, *, min_count: int | None = None, limit: int = 100
) -> list[CommonPhrase]:
    """The most widespread phrases of the corpus, longest runs of common fingerprints."""
    cap = index.common if min_count is None else min_count
    keys, counts = _global_counts(index)
    common = counts > cap
    ckeys, ccounts = keys[common], counts[common]
    if ckeys.size == 0:
        return []
    done = np.zeros(ckeys.shape[0], dtype=bool)
    p = index.params
    out: dict[str, CommonPhrase] = {}
    for i in np.argsort(-ccounts, kind="stable").tolist():
        if done[i] or len(out) >= limit:
            continue
        key = ckeys[i]
        located = None
        for seg in index.segments:
            j = int(np.searchsorted(seg.fp_hash, key))
            if j < seg.fp_hash.shape[0] and seg.fp_hash[j] == key:
                located = (
                    seg,
                    int(seg.doc_of(np.asarray([int(seg.fp_pos[j])], dtype=np.int64))[0]),
                )
                break
        if located is None:
            done[i] = True
            continue
        seg, local = located
        text = seg.canonical_text(local)
        view = match_view(text)
        fh, fp = fingerprints(view.codes, p)
        fh = index_key(fh)
        is_common = _count_in(ckeys, fh) > 0
        pos = fp[is_common]
        hs = fh[is_common]
        if pos.size == 0:
            done[i] = True
            continue
        # Maximal runs of common fingerprints (consecutive ones at most w apart).
        breaks = np.flatnonzero(np.diff(pos) > p.w) + 1
        for run_pos, run_h in zip(np.split(pos, breaks), np.split(hs, breaks), strict=True):
            a, b = int(run_pos[0]), int(run_pos[-1]) + p.k
            if b - a < p.t:
                continue
            idx = np.searchsorted(ckeys, run_h)
            if done[idx].all():
                continue
            done[idx] = True
            span = view.canonical_span(a, b)
            norm = view.as_str()[a:b]
            pid = phrase_id(norm)
            out.setdefault(
                pid,
                CommonPhrase(
                    pid, span.of(text), norm, int(ccounts[idx].min()), seg.entries[local].name
                ),
            )
        done[i] = True
    labels = load_labels(getattr(index, "path", None))
    phrases = [
        CommonPhrase(
            c.id, c.text, c.normalized, c.count, c.example, labels.get(c.id, (None, ""))[0]
        )
        for c in out.values()
    ]
    phrases.sort(key=lambda c: (-c.count, c.id))
    return phrases


def load_labels(corpus_dir: Path | None) -> dict[str, tuple[PhraseLabel, str]]:
    """Labels by phrase id: (label, normalized text)."""
    if corpus_dir is None:
        return {}
    f = Path(corpus_dir) / LABELS_FILE
    if not f.is_file():
        return {}
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
        return {k: (PhraseLabel(v["label"]), str(v["text"])) for k, v in data.items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(MSG["bad_file"].format(name=f, error=exc)) from exc


def save_label(corpus_dir: Path, phrase: CommonPhrase, label: str) -> None:
    try:
        lab = PhraseLabel(label)
    except ValueError as exc:
        raise ConfigError(MSG["bad_label"].format(label=label)) from exc
    labels = load_labels(corpus_dir)
    labels[phrase.id] = (lab, phrase.normalized)
    data = {k: {"label": v[0].value, "text": v[1]} for k, v in sorted(labels.items())}
    tmp = Path(corpus_dir) / f".labels-{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, Path(corpus_dir) / LABELS_FILE)


def find_phrase(phrases: list[CommonPhrase], pid: str) -> CommonPhrase:
    for c in phrases:
        if c.id == pid:
            return c
    raise InputError(MSG["unknown"].format(id=pid))


def labelled_libraries(corpus_dir: Path | None) -> tuple[list[str], list[str]]:
    """Phrases labelled quotation and boilerplate (normalized text), for the exclusion layer."""
    labels = load_labels(corpus_dir)
    quotes = [t for lab, t in labels.values() if lab is PhraseLabel.QUOTATION]
    boiler = [t for lab, t in labels.values() if lab is PhraseLabel.BOILERPLATE]
    return quotes, boiler


def boilerplate_library(phrases: list[str]) -> QuotationLibrary | None:
    return QuotationLibrary.from_phrases(phrases, "labelled boilerplate") if phrases else None


__all__ = [
    "LABEL_NAMES",
    "CommonPhrase",
    "PhraseLabel",
    "boilerplate_library",
    "discover_common_phrases",
    "find_phrase",
    "labelled_libraries",
    "load_labels",
    "normalize_phrase",
    "save_label",
]
