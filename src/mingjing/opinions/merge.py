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
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
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
#: n-grams shared by more than this many opinions of one target are too common to generate pairs
#: from (their weight is small); they still count in the similarity of the pairs found.
_MIN_CAP = 64

F = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Similarities:
    """Similar pairs (i < j, indices into the opinion list) and their cosine similarity."""

    i: IntArray
    j: IntArray
    s: F

    def as_dict(self) -> dict[tuple[int, int], float]:
        return {(int(a), int(b)): float(c) for a, b, c in zip(self.i, self.j, self.s, strict=True)}


def _vectors(
    texts: Sequence[str], blocks: Sequence[int]
) -> tuple[IntArray, IntArray, F, IntArray, int]:
    """Sparse TF-IDF rows: (doc, term, weight) entries, per-entry block-local term key, n_terms.

    Weights are sublinear tf × smoothed idf, each row L2-normalised.
    """
    vocab: dict[str, int] = {}
    doc_ids: list[int] = []
    term_ids: list[int] = []
    tfs: list[int] = []
    for d, t in enumerate(texts):
        for g, c in Counter(features(t)).items():
            tid = vocab.setdefault(g, len(vocab))
            doc_ids.append(d)
            term_ids.append(tid)
            tfs.append(c)
    docs = np.asarray(doc_ids, dtype=np.int64)
    terms = np.asarray(term_ids, dtype=np.int64)
    tf = np.asarray(tfs, dtype=np.float64)
    n = len(texts)
    df = np.bincount(terms, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    w = (1.0 + np.log(tf)) * idf[terms]
    norms = np.sqrt(np.bincount(docs, weights=w * w, minlength=n))
    w = w / np.where(norms > 0, norms, 1.0)[docs]
    block_arr = np.asarray(blocks, dtype=np.int64)
    n_blocks = int(block_arr.max()) + 1 if n else 1
    keys = terms * n_blocks + block_arr[docs]
    return docs, terms, w, keys, len(vocab)


def _pairs_from_postings(
    docs: IntArray, w: F, keys: IntArray, cap: int
) -> tuple[IntArray, IntArray, F, npt.NDArray[np.bool_]]:
    """Sum w_i·w_j over shared keys whose posting list has 2..cap entries; also mark the entries
    of over-full lists (their contribution is added exactly later)."""
    order = np.lexsort((docs, keys))
    k = keys[order]
    d = docs[order]
    ww = w[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    big_entry = np.repeat(sizes > cap, sizes)
    big = np.zeros(len(keys), dtype=bool)
    big[order] = big_entry
    pi: list[IntArray] = []
    pj: list[IntArray] = []
    pw: list[F] = []
    for size in np.unique(sizes):
        if size < 2 or size > cap:
            continue
        st = starts[sizes == size]
        a, b = np.triu_indices(int(size), 1)
        ia = (st[:, None] + a[None, :]).ravel()
        ib = (st[:, None] + b[None, :]).ravel()
        pi.append(d[ia])
        pj.append(d[ib])
        pw.append(ww[ia] * ww[ib])
    if not pi:
        empty_i = np.zeros(0, dtype=np.int64)
        return empty_i, empty_i, np.zeros(0), big
    return np.concatenate(pi), np.concatenate(pj), np.concatenate(pw), big


def similar_pairs(
    texts: Sequence[str], blocks: Sequence[int] | None = None, *, floor: float = 0.2
) -> Similarities:
    """All pairs within the same block with cosine similarity ≥ ``floor``."""
    n = len(texts)
    if n < 2:
        z = np.zeros(0, dtype=np.int64)
        return Similarities(z, z, np.zeros(0))
    blk = list(blocks) if blocks is not None else [0] * n
    docs, _terms, w, keys, _ = _vectors(texts, blk)
    cap = max(_MIN_CAP, int(4 * math.sqrt(n)))
    pi, pj, pw, big = _pairs_from_postings(docs, w, keys, cap)
    if len(pi) == 0:
        z = np.zeros(0, dtype=np.int64)
        return Similarities(z, z, np.zeros(0))
    pair_key = pi * n + pj
    uniq, inverse = np.unique(pair_key, return_inverse=True)
    partial = np.bincount(inverse, weights=pw)
    # Pairs far below the floor cannot reach it through the few common n-grams left out.
    keep = partial >= floor * 0.5
    uniq = uniq[keep]
    partial = partial[keep]
    i = uniq // n
    j = uniq % n
    if big.any() and len(uniq):
        bk = keys[big]
        bd = docs[big]
        bw = w[big]
        cols = np.unique(bk, return_inverse=True)[1]
        dense = np.zeros((n, int(cols.max()) + 1), dtype=np.float64)
        dense[bd, cols] = bw
        extra = np.einsum("ij,ij->i", dense[i], dense[j])
        partial = partial + extra
    sel = partial >= floor
    return Similarities(i[sel], j[sel], np.minimum(partial[sel], 1.0))


def star_clusters(n: int, sims: Similarities, threshold: float) -> list[list[int]]:
    """Stars over edges ≥ ``threshold``: centres by number of neighbours (then total similarity,
    then position); each centre takes its unassigned neighbours, most similar first."""
    sel = sims.s >= threshold
    ei, ej, es = sims.i[sel], sims.j[sel], sims.s[sel]
    neigh: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for a, b, s in zip(ei.tolist(), ej.tolist(), es.tolist(), strict=True):
        neigh[a].append((s, b))
        neigh[b].append((s, a))
    order = sorted(range(n), key=lambda u: (-len(neigh[u]), -sum(s for s, _ in neigh[u]), u))
    assigned = [-1] * n
    clusters: list[list[int]] = []
    for u in order:
        if assigned[u] >= 0:
            continue
        cid = len(clusters)
        members = [u]
        assigned[u] = cid
        for _, v in sorted(neigh[u], key=lambda x: (-x[0], x[1])):
            if assigned[v] < 0:
                assigned[v] = cid
                members.append(v)
        clusters.append(members)
    return clusters


def _medoid(members: Sequence[int], sim: Callable[[int, int], float], rows: Sequence[int]) -> int:
    """The member most similar to the others (ties: the earlier row)."""
    if len(members) <= 2:
        return min(members, key=lambda m: rows[m])
    return max(members, key=lambda m: (sum(sim(m, o) for o in members if o != m), -rows[m]))


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
    sims = similar_pairs(texts, blocks, floor=min(threshold, 0.2))
    table = sims.as_dict()

    def sim(a: int, b: int) -> float:
        return table.get((a, b) if a < b else (b, a), 0.0)

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
    for g in groups:
        if not g:
            continue
        rep = _medoid(g, sim, rows)
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
