"""归纳 (merge): near-duplicate and same-meaning opinions grouped into clusters, with provenance.

Each opinion becomes a TF-IDF vector over character bigrams and trigrams of its comparable form
(:func:`~mingjing.opinions.normalize.canonical`: names of team members removed, synonyms unified).
Similar pairs are found through an inverted index (numpy: pairs generated per shared n-gram,
summed per pair), only between opinions about the same person, since "下村少" said of the 镇长 and
of the 纪委书记 are two opinions. Clusters are stars: the opinion with most similar neighbours
becomes a centre and takes its unassigned neighbours; a member therefore always resembles its
centre, and chains (A≈B≈C with A≠C) do not glue unrelated opinions together. A reviewer's
corrections are applied last.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mingjing.opinions.corrections import Corrections, RowRef, resolve_ref
from mingjing.opinions.model import TEAM, Intake, MergeResult, Opinion, OpinionCluster
from mingjing.opinions.normalize import canonical, features
from mingjing.opinions.roster import Roster

log = logging.getLogger(__name__)

#: Cosine similarity at or above which two opinions say the same thing (tuned on the labelled
#: opinion sets in tests/data/opinions; see docs/opinions.md for precision and recall).
DEFAULT_THRESHOLD = 0.16
#: Features shared by more than max(this, 2·√n) opinions of one target are dropped (see _vectors).
_MIN_CAP = 64

F = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Similarities:
    """Similar pairs (i < j, indices into the opinion list) and their cosine similarity."""

    i: IntArray
    j: IntArray
    s: F


def _vectors(texts: Sequence[str], blocks: Sequence[int], cap: int) -> tuple[IntArray, F, IntArray]:
    """Sparse TF-IDF rows as (doc, weight, block-local feature key) entries.

    Weights are sublinear tf × smoothed idf, each row L2-normalised. Features found in more than
    ``cap`` opinions of one block are dropped first (like a stop list learnt from the data: in a
    large set 的/问题/群众 say nothing, and their posting lists would cost quadratic time).
    """
    vocab: dict[str, int] = {}
    doc_ids: list[int] = []
    term_ids: list[int] = []
    tfs: list[int] = []
    for d, t in enumerate(texts):
        for g, c in Counter(features(t)).items():
            doc_ids.append(d)
            term_ids.append(vocab.setdefault(g, len(vocab)))
            tfs.append(c)
    docs = np.asarray(doc_ids, dtype=np.int64)
    terms = np.asarray(term_ids, dtype=np.int64)
    tf = np.asarray(tfs, dtype=np.float64)
    n = len(texts)
    block_arr = np.asarray(blocks, dtype=np.int64)
    n_blocks = int(block_arr.max()) + 1 if n else 1
    keys = terms * n_blocks + block_arr[docs]
    _, inverse, local_df = np.unique(keys, return_inverse=True, return_counts=True)
    keep = local_df[inverse] <= cap
    df = np.bincount(terms, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    w = (1.0 + np.log(tf)) * idf[terms]
    docs, w, keys = docs[keep], w[keep], keys[keep]
    norms = np.sqrt(np.bincount(docs, weights=w * w, minlength=n))
    w = w / np.where(norms > 0, norms, 1.0)[docs]
    return docs, w, keys


def _pairs_from_postings(docs: IntArray, w: F, keys: IntArray) -> tuple[IntArray, IntArray, F]:
    """Sum w_i·w_j over shared feature keys (every posting list has at most ``cap`` entries)."""
    order = np.lexsort((docs, keys))
    k = keys[order]
    d = docs[order]
    ww = w[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    pi: list[IntArray] = []
    pj: list[IntArray] = []
    pw: list[F] = []
    for size in np.unique(sizes):
        if size < 2:
            continue
        st = starts[sizes == size]
        a, b = np.triu_indices(int(size), 1)
        ia = (st[:, None] + a[None, :]).ravel()
        ib = (st[:, None] + b[None, :]).ravel()
        pi.append(d[ia])
        pj.append(d[ib])
        pw.append(ww[ia] * ww[ib])
    if not pi:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(pi), np.concatenate(pj), np.concatenate(pw)


def similar_pairs(
    texts: Sequence[str], blocks: Sequence[int] | None = None, *, floor: float = 0.1
) -> Similarities:
    """All pairs within the same block with cosine similarity ≥ ``floor``."""
    n = len(texts)
    empty = Similarities(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    if n < 2:
        return empty
    blk = list(blocks) if blocks is not None else [0] * n
    cap = max(_MIN_CAP, int(2 * math.sqrt(n)))
    docs, w, keys = _vectors(texts, blk, cap)
    pi, pj, pw = _pairs_from_postings(docs, w, keys)
    if len(pi) == 0:
        return empty
    pair_key = pi * n + pj
    order = np.argsort(pair_key, kind="stable")
    sorted_keys = pair_key[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sims = np.add.reduceat(pw[order], starts)
    uniq = sorted_keys[starts]
    sel = sims >= floor
    uniq, sims = uniq[sel], sims[sel]
    return Similarities(uniq // n, uniq % n, np.minimum(sims, 1.0))


def star_clusters(n: int, sims: Similarities, threshold: float) -> list[list[int]]:
    """Stars over edges ≥ ``threshold``: centres by number of neighbours (then total similarity,
    then position); each centre takes its unassigned neighbours."""
    sel = sims.s >= threshold
    ei, ej, es = sims.i[sel], sims.j[sel], sims.s[sel]
    src = np.concatenate([ei, ej])
    dst = np.concatenate([ej, ei])
    sim = np.concatenate([es, es])
    order = np.lexsort((-sim, src))
    src, dst, sim = src[order], dst[order], sim[order]
    degree = np.bincount(src, minlength=n)
    strength = np.bincount(src, weights=sim, minlength=n)
    bounds = np.r_[0, np.cumsum(degree)]
    centres = np.lexsort((np.arange(n), -strength, -degree))
    assigned = np.full(n, -1, dtype=np.int64)
    clusters: list[list[int]] = []
    for u in centres.tolist():
        if assigned[u] >= 0:
            continue
        cid = len(clusters)
        assigned[u] = cid
        nbrs = dst[bounds[u] : bounds[u + 1]]
        free = nbrs[assigned[nbrs] < 0]
        assigned[free] = cid
        clusters.append([u, *free.tolist()])
    return clusters


def _medoids(groups: Sequence[Sequence[int]], sims: Similarities, rows: Sequence[int]) -> list[int]:
    """Per group, the member most similar to the others in total (ties: the earlier row)."""
    n = len(rows)
    group_of = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[np.asarray(members, dtype=np.int64)] = g
    inside = group_of[sims.i] == group_of[sims.j]
    strength = np.bincount(
        np.concatenate([sims.i[inside], sims.j[inside]]),
        weights=np.concatenate([sims.s[inside], sims.s[inside]]),
        minlength=n,
    )
    row_arr = np.asarray(rows)
    out = []
    for members in groups:
        m = np.asarray(members, dtype=np.int64)
        best = np.lexsort((row_arr[m], -strength[m]))[0]
        out.append(int(m[best]))
    return out


def merge(
    intake: Intake,
    *,
    roster: Roster | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    corrections: Corrections | None = None,
) -> MergeResult:
    """归纳: cluster the intake's opinions; ``corrections`` (from a reviewer) are applied last."""
    roster = roster or Roster()
    ops = list(intake.opinions)
    rows = [o.row for o in ops]
    targets = [roster.resolve(o.target, o.text) for o in ops]
    block_ids: dict[str, int] = {}
    blocks = [block_ids.setdefault(t, len(block_ids)) for t in targets]
    strip = roster.words()
    texts = [canonical(o.text, strip) for o in ops]
    sims = similar_pairs(texts, blocks, floor=min(threshold, 0.1))
    groups = star_clusters(len(ops), sims, threshold)
    warnings: list[str] = []
    applied = 0
    manual: set[int] = set()
    wording: dict[int, str] = {}
    target_over: dict[int, str] = {}
    index_of_row = {r: k for k, r in enumerate(rows)}
    if corrections is not None:
        groups, manual, wording, target_over, applied = _apply(
            groups, corrections, intake, index_of_row, roster, warnings
        )
    clusters: list[OpinionCluster] = []
    groups = [g for g in groups if g]
    for g, rep in zip(groups, _medoids(groups, sims, rows), strict=True):
        key = min(g, key=lambda m: rows[m])
        tgt = target_over.get(key) or _majority([targets[m] for m in g], rows, g)
        text = wording.get(key, ops[rep].text)
        clusters.append(
            OpinionCluster(
                id=0,
                text=text,
                rows=tuple(sorted(rows[m] for m in g)),
                target=tgt,
                representative=rows[rep],
                manual=key in manual,
            )
        )
    clusters.sort(key=lambda c: (roster.order(c.target), -c.size, c.rows[0]))
    numbered = tuple(
        OpinionCluster(i, c.text, c.rows, c.target, c.representative, c.manual)
        for i, c in enumerate(clusters, start=1)
    )
    log.debug("merged %d opinions into %d clusters", len(ops), len(numbered))
    return MergeResult(
        intake=intake,
        clusters=numbered,
        threshold=threshold,
        corrections_applied=applied,
        warnings=tuple(warnings),
        targets=tuple(zip(rows, targets, strict=True)),
    )


def _majority(targets: list[str], rows: Sequence[int], members: Sequence[int]) -> str:
    counts = Counter(targets)
    best = max(counts.values())
    for m in sorted(members, key=lambda m: rows[m]):
        if counts[targets[members.index(m)]] == best:
            return targets[members.index(m)]
    return TEAM


def _apply(
    groups: list[list[int]],
    corr: Corrections,
    intake: Intake,
    index_of_row: dict[int, int],
    roster: Roster,
    warnings: list[str],
) -> tuple[list[list[int]], set[int], dict[int, str], dict[int, str], int]:
    """Apply splits, then merges, then wordings and targets. Returns the new groups, the keys
    (first member) of manually touched groups, wordings and targets by key, and how many
    corrections took effect."""
    by_row = intake.by_row()
    applied = 0

    def idx(ref: RowRef) -> int | None:
        row, warning = resolve_ref(ref, by_row)
        if warning:
            warnings.append(warning)
        return index_of_row.get(row) if row is not None else None

    where = {m: g for g, members in enumerate(groups) for m in members}
    touched: set[int] = set()
    for refs in corr.splits:
        found = [i for i in (idx(r) for r in refs) if i is not None]
        if not found:
            continue
        for m in found:
            groups[where[m]].remove(m)
        groups.append(list(found))
        for m in found:
            where[m] = len(groups) - 1
        touched.add(len(groups) - 1)
        applied += 1
    for refs in corr.merges:
        found = [i for i in (idx(r) for r in refs) if i is not None]
        gids = sorted({where[m] for m in found})
        if len(gids) < 1 or len(found) < 2:
            continue
        first = gids[0]
        for g in gids[1:]:
            for m in groups[g]:
                where[m] = first
            groups[first].extend(groups[g])
            groups[g] = []
        touched.add(first)
        applied += 1
    keyed: dict[int, int] = {}
    for g, members in enumerate(groups):
        if members:
            keyed[g] = min(members, key=lambda m: intake.opinions[m].row)
    wording: dict[int, str] = {}
    target: dict[int, str] = {}
    for ref, text in corr.wordings:
        w_idx = idx(ref)
        if w_idx is not None:
            g = where[w_idx]
            wording[keyed[g]] = text
            touched.add(g)
            applied += 1
    for ref, who in corr.targets:
        t_idx = idx(ref)
        if t_idx is not None:
            g = where[t_idx]
            target[keyed[g]] = roster.resolve(who)
            touched.add(g)
            applied += 1
    manual = {keyed[g] for g in touched if g in keyed}
    return [g for g in groups if g], manual, wording, target, applied


def assignees_of(result: MergeResult) -> dict[int, str]:
    """Row → assignee key as resolved during merging."""
    return dict(result.targets)


def opinion_rows(result: MergeResult, cluster: OpinionCluster) -> list[Opinion]:
    by_row = result.intake.by_row()
    return [by_row[r] for r in cluster.rows if r in by_row]
