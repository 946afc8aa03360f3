"""Comparing materials: passages, 复制比, sources, team matrices.

For a material (检测材料) this finds every passage of at least ``t`` matching-view characters that it
shares with the materials of an :class:`~mingjing.similarity.index.Index` (the corpus, or the other
members of a team), locates it in both canonical texts, and computes the figures a reviewer knows
from CNKI reports, on characters of the matching view:

* 文字复制比 (``ratio``): characters covered by any shared passage / characters of the material;
* 去除引用复制比 (``ratio_excluding_quotes``): the same without text in quotation marks and without
  occurrences of the 引用库 (what is left of a passage must still be ``t`` characters long);
* 去除常用语复制比 (``ratio_excluding_common``): also without common phrases (套话: text found in
  more than ``common`` materials of the corpus, or labelled boilerplate);
* per source: its share of the material, its passages, its longest passage, and whether the pair
  passes the alert rule (:data:`ALERT_LONGEST` / :data:`ALERT_TOTAL`), which is what a reviewer
  should look at first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from mingjing.document import Document, Span
from mingjing.similarity.align import I64, Merged, Runs, extend_hits, merge_runs
from mingjing.similarity.exclusion import QuotationLibrary, excluded_mask
from mingjing.similarity.fingerprint import FingerprintParams, fingerprints
from mingjing.similarity.index import (
    CorpusEntry,
    Index,
    NewMaterial,
    Segment,
    index_key,
    sort_keys,
    text_sha256,
    tgram_keys_at,
)
from mingjing.similarity.normalize import MatchView, match_view

#: Pair alert: the longest passage left after quotations and common phrases, in characters.
#: Calibrated in ``shared/domain/copy-detection.md`` §2.2 (≥ 50 separated planted copies from
#: coincidences completely) and on the example team (``tests/similarity/test_examples.py``).
ALERT_LONGEST = 50
#: Pair alert: or this many characters shared in total after quotations and common phrases
#: (stitched from fragments each shorter than ALERT_LONGEST). On the example team the innocent
#: pairs share at most 111 characters (longest 25); the two real copies have longest 65 and 71.
ALERT_TOTAL = 200
#: A passage lying this much inside common text is labelled a common phrase (note §3.2).
COMMON_SHARE = 0.8

BoolArray = npt.NDArray[np.bool_]


class PassageKind(StrEnum):
    """What a shared passage most likely is."""

    COPY = "copy"  # 复制
    QUOTE = "quote"  # 引用: quoted in the material or an occurrence of the 引用库
    COMMON = "common"  # 常用语: found in many materials


KIND_LABELS = {PassageKind.COPY: "复制", PassageKind.QUOTE: "引用", PassageKind.COMMON: "常用语"}


@dataclass(frozen=True, slots=True)
class Material:
    """A material to check: a name and its canonical text (``Document.text``)."""

    name: str
    text: str
    path: str = ""

    @staticmethod
    def from_document(doc: Document) -> Material:
        return Material(doc.name, doc.text, str(doc.path) if doc.path else "")

    def as_new(self, tags: tuple[str, ...] = ()) -> NewMaterial:
        return NewMaterial(self.name, self.text, self.path, tags)


@dataclass(frozen=True, slots=True)
class Passage:
    """A shared passage (重合片段): where it is in the material and in the source."""

    span: Span  # canonical offsets in the material
    source_span: Span  # canonical offsets in the source
    text: str  # the material's text of the passage
    length: int  # matching-view characters of the passage
    exact: int  # characters inside exact runs (less than length when edits were bridged)
    longest: int  # longest exact run
    kind: PassageKind
    view_span: tuple[int, int] = (0, 0)  # matching-view offsets in the material


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """Everything one source shares with the material."""

    id: str
    name: str
    tags: tuple[str, ...]
    ratio: float
    ratio_excluding_quotes: float
    ratio_excluding_common: float
    longest: int  # longest passage counted as copying (after quotes and common phrases)
    copied: int  # characters counted as copying
    alert: bool
    passages: tuple[Passage, ...]
    text: str = field(
        default="", repr=False
    )  # the source's canonical text (for side-by-side views)


@dataclass(frozen=True, slots=True)
class CommonSpan:
    """Text of the material found in more than ``common`` corpus materials (常用语)."""

    span: Span
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class DupReport:
    """The copy-detection result of one material (查重结果)."""

    name: str
    path: str
    text: str
    characters: int
    ratio: float
    ratio_excluding_quotes: float
    ratio_excluding_common: float
    longest: int
    sources: tuple[SourceMatch, ...]
    source_count: int = 0  # sources sharing a passage (only the first max_sources are detailed)
    common: tuple[CommonSpan, ...] = ()
    quoted: tuple[Span, ...] = ()
    skipped_self: tuple[str, ...] = ()  # corpus entries identical to the material

    @property
    def alert(self) -> bool:
        return any(s.alert for s in self.sources)


@dataclass(frozen=True, slots=True)
class CompareSettings:
    """Knobs of a comparison; defaults follow the note's §4 and the example-team calibration."""

    library: QuotationLibrary | None = None
    boilerplate: QuotationLibrary | None = None
    alert_longest: int = ALERT_LONGEST
    alert_total: int = ALERT_TOTAL
    max_sources: int = 20


# ---------------------------------------------------------------------------------------------
# Hits


@dataclass(slots=True)
class _Hits:
    q: list[I64] = field(default_factory=list)
    d: list[I64] = field(default_factory=list)
    n: list[I64] = field(default_factory=list)

    def add(self, q: I64, d: I64, length: int) -> None:
        if q.size:
            self.q.append(q)
            self.d.append(d)
            self.n.append(np.full(q.shape[0], length, dtype=np.int64))


def _expand(lo: I64, hi: I64) -> tuple[I64, I64]:
    """Indices of all ranges ``[lo[i], hi[i])`` and the range number of each."""
    n = hi - lo
    total = int(n.sum())
    which = np.repeat(np.arange(lo.shape[0]), n)
    idx = np.arange(total) - np.repeat(np.cumsum(n) - n, n) + lo[which]
    return idx, which


def _lookup(
    sorted_keys: npt.NDArray[np.uint64], needles: npt.NDArray[np.uint64], cap: int
) -> tuple[I64, I64]:
    """First row of each needle in ``sorted_keys`` and its count, counted up to ``cap + 1``.

    One binary search per needle (needles sorted first, so consecutive searches share the upper
    levels of the tree) and a short scan of the next ``cap + 1`` rows, which sit on the same page:
    on a memory-mapped index that is about a third of the cost of a second binary search.
    """
    n = sorted_keys.shape[0]
    if n == 0 or needles.shape[0] == 0:
        z = np.zeros(needles.shape[0], dtype=np.int64)
        return z, z.copy()
    order = np.argsort(needles)
    lo_sorted = np.searchsorted(sorted_keys, needles[order], side="left").astype(np.int64)
    lo = np.empty_like(lo_sorted)
    lo[order] = lo_sorted
    window = lo[:, None] + np.arange(cap + 1)[None, :]
    inside = window < n
    rows = np.asarray(sorted_keys[np.minimum(window, n - 1)])
    count = ((rows == needles[:, None]) & inside).sum(axis=1).astype(np.int64)
    return lo, count


def _query_hits(view: MatchView, index: Index) -> tuple[dict[int, _Hits], I64, I64, I64]:
    """Hits per segment, common t-gram starts with their counts, and fingerprint counts.

    Counts are exact up to ``common`` and only known to exceed it beyond (that is all the
    decisions need: enumerate the postings, or treat the gram as common).
    """
    p = index.params
    cap = index.common
    q_codes = view.codes
    qh, qp = fingerprints(q_codes, p)
    qh = index_key(qh)
    hits = {i: _Hits() for i in range(len(index.segments))}
    flagged_any = np.zeros(qh.shape[0], dtype=bool)
    fp_counts = np.zeros(qh.shape[0], dtype=np.int64)
    for si, seg in enumerate(index.segments):
        lo, count = _lookup(seg.fp_hash, qh, cap)
        fp_counts += count
        if seg.flagged.size:
            fl = _lookup(seg.flagged, qh, 0)[1] > 0
        else:
            fl = np.zeros(qh.shape[0], dtype=bool)
        flagged_any |= fl
        # An unflagged fingerprint has at most `common` postings in this segment (index.py).
        sel = np.flatnonzero(~fl & (count > 0))
        idx, which = _expand(lo[sel], lo[sel] + count[sel])
        hits[si].add(qp[sel][which], np.asarray(seg.fp_pos[idx]).astype(np.int64), p.k)
    empty = np.empty(0, dtype=np.int64)
    if not flagged_any.any():
        return hits, empty, empty, fp_counts
    # Flagged fingerprints: look up the t-grams that contain them instead of their postings.
    fpos = qp[flagged_any]
    starts = (fpos[:, None] - np.arange(p.t - p.k + 1)[None, :]).ravel()
    starts = np.unique(starts[(starts >= 0) & (starts + p.t <= len(view))])
    keys = index_key(tgram_keys_at(q_codes, starts, p.t))
    ranges = []
    total = np.zeros(keys.shape[0], dtype=np.int64)
    for seg in index.segments:
        lo, count = _lookup(seg.tk_hash, keys, cap)
        ranges.append((lo, count))
        total += count
    rare = total <= cap
    for si, (seg, (lo, count)) in enumerate(zip(index.segments, ranges, strict=True)):
        sel = np.flatnonzero(rare & (count > 0))
        idx, which = _expand(lo[sel], lo[sel] + count[sel])
        hits[si].add(starts[sel][which], np.asarray(seg.tk_pos[idx]).astype(np.int64), p.t)
    common = ~rare
    return hits, starts[common], total[common], fp_counts


def _runs_per_segment(
    view: MatchView, index: Index, seg: Segment, h: _Hits, excluded_ids: frozenset[int]
) -> tuple[I64, Merged]:
    """Merged passages of one segment; group = local material index in the segment."""
    if not h.q:
        return np.empty(0, dtype=np.int64), merge_runs(Runs.empty())
    q = np.concatenate(h.q)
    d = np.concatenate(h.d)
    n = np.concatenate(h.n)
    doc = seg.doc_of(d)
    if excluded_ids:
        bad = np.isin(seg.ids[doc], np.fromiter(excluded_ids, dtype=np.int64))
        q, d, n, doc = q[~bad], d[~bad], n[~bad], doc[~bad]
    zeros = np.zeros(q.shape[0], dtype=np.int64)
    runs = extend_hits(
        view.codes,
        seg.text,
        doc,
        q,
        d,
        n,
        (zeros, zeros + len(view)),
        (seg.starts[doc], seg.starts[doc + 1]),
        t=index.params.t,
        pad=index.params.w - 1,
    )
    return doc, merge_runs(runs)


# ---------------------------------------------------------------------------------------------
# Masks and ratios


def _long_runs(mask: BoolArray, t: int) -> BoolArray:
    """Only the runs of True that are at least ``t`` long."""
    if not mask.any():
        return mask
    m = np.concatenate(([False], mask, [False]))
    d = np.diff(m.astype(np.int8))
    s = np.flatnonzero(d == 1)
    e = np.flatnonzero(d == -1)
    out = np.zeros(mask.shape[0], dtype=bool)
    for a, b in zip(s[(e - s) >= t], e[(e - s) >= t], strict=True):
        out[a:b] = True
    return out


def _longest_run(mask: BoolArray) -> int:
    if not mask.any():
        return 0
    m = np.concatenate(([False], mask, [False]))
    d = np.diff(m.astype(np.int8))
    return int((np.flatnonzero(d == -1) - np.flatnonzero(d == 1)).max())


def _span_mask(n: int, spans: Sequence[tuple[int, int]]) -> BoolArray:
    acc = np.zeros(n + 1, dtype=np.int32)
    for a, b in spans:
        acc[a] += 1
        acc[b] -= 1
    return np.cumsum(acc[:-1]) > 0


# ---------------------------------------------------------------------------------------------
# The comparison


@dataclass(frozen=True, slots=True, eq=False)
class RawPassages:
    """Passages as arrays (one row per merged passage) before any report is built.

    ``seg``/``local`` locate the source in the index, ``doc`` is its corpus id; ``qs``/``qe`` are
    matching-view offsets in the material, ``ds``/``de`` in the source's own matching view.
    """

    seg: I64
    local: I64
    doc: I64
    qs: I64
    qe: I64
    ds: I64
    de: I64
    exact: I64
    longest: I64
    common_starts: I64
    common_counts: I64
    busy: I64  # material positions of fingerprints found in more than ``common`` materials

    def __len__(self) -> int:
        return int(self.doc.shape[0])


def find_passages(
    view: MatchView, index: Index, excluded_ids: frozenset[int] = frozenset()
) -> RawPassages:
    """Every passage of at least ``t`` characters shared with a material of ``index``."""
    hits, common_starts, common_counts, fp_counts = _query_hits(view, index)
    parts: list[tuple[int, Segment, Merged]] = []
    for si, seg in enumerate(index.segments):
        _, merged = _runs_per_segment(view, index, seg, hits[si], excluded_ids | index.removed)
        if len(merged):
            parts.append((si, seg, merged))
    _, qp = fingerprints(view.codes, index.params)
    busy = qp[fp_counts > index.common]

    def cat(f: list[I64]) -> I64:
        return np.concatenate(f) if f else np.empty(0, dtype=np.int64)

    base = [seg.starts[m.group] for _, seg, m in parts]
    return RawPassages(
        seg=cat([np.full(len(m), si, dtype=np.int64) for si, _, m in parts]),
        local=cat([m.group for _, _, m in parts]),
        doc=cat([seg.ids[m.group] for _, seg, m in parts]),
        qs=cat([m.qs for _, _, m in parts]),
        qe=cat([m.qe for _, _, m in parts]),
        ds=cat([m.ds - b for (_, _, m), b in zip(parts, base, strict=True)]),
        de=cat([m.de - b for (_, _, m), b in zip(parts, base, strict=True)]),
        exact=cat([np.minimum(m.exact, m.qe - m.qs) for _, _, m in parts]),
        longest=cat([m.longest for _, _, m in parts]),
        common_starts=common_starts,
        common_counts=common_counts,
        busy=busy,
    )


def compare_material(
    material: Material,
    index: Index,
    *,
    settings: CompareSettings | None = None,
    exclude_ids: frozenset[int] = frozenset(),
    view: MatchView | None = None,
    skip_identical: bool = True,
) -> DupReport:
    """Compare one material with every material of ``index`` (except ``exclude_ids``).

    Corpus materials whose canonical text is identical to the material are the material itself
    (added earlier) and are skipped, named in ``skipped_self``. Only the ``max_sources`` sources
    with the most copied text are detailed; the ratios count every source.
    """
    st = settings or CompareSettings()
    view = view if view is not None else match_view(material.text)
    n = len(view)
    t = index.params.t
    k = index.params.k
    selves = index.with_sha256(text_sha256(material.text)) if skip_identical else []
    excluded = frozenset(exclude_ids | {e.id for e in selves})
    raw = find_passages(view, index, excluded)

    common_mask = _span_mask(n, [(int(s), int(s) + t) for s in raw.common_starts])
    common_fp_mask = common_mask | _span_mask(n, [(int(s), int(s) + k) for s in raw.busy])
    excl = excluded_mask(material.text, view, st.library) if n else np.zeros(0, dtype=bool)
    boiler = (
        st.boilerplate.mask(view) if (st.boilerplate is not None and n) else np.zeros(n, dtype=bool)
    )
    common_like = common_fp_mask | boiler

    # Rank sources cheaply (prefix sums), then detail the first max_sources exactly.
    c_pre = np.concatenate(([0], np.cumsum(common_like)))
    e_pre = np.concatenate(([0], np.cumsum(excl)))
    length = raw.qe - raw.qs
    common_share = (c_pre[raw.qe] - c_pre[raw.qs]) / np.maximum(length, 1)
    est = np.where(common_share < COMMON_SHARE, length - (e_pre[raw.qe] - e_pre[raw.qs]), 0)
    docs, inv = np.unique(raw.doc, return_inverse=True)
    est_total = np.zeros(docs.shape[0], dtype=np.int64)
    np.add.at(est_total, inv, est)
    est_long = np.zeros(docs.shape[0], dtype=np.int64)
    np.maximum.at(est_long, inv, np.where(est > 0, raw.longest, 0))
    est_alert = (est_long >= st.alert_longest) | (est_total >= st.alert_total)
    rank = np.lexsort((-est_total, ~est_alert))[: st.max_sources]

    sources: list[SourceMatch] = []
    for r in rank:
        rows = np.flatnonzero(inv == r)
        seg = index.segments[int(raw.seg[rows[0]])]
        sources.append(
            _source_match(
                material, view, seg, int(raw.local[rows[0]]), raw, rows, excl, common_like, st, t
            )
        )

    covered = _span_mask(n, list(zip(raw.qs.tolist(), raw.qe.tolist(), strict=True))) | common_mask
    not_quoted = covered & ~excl
    counted_q = _long_runs(not_quoted, t)
    counted_c = _long_runs(not_quoted & ~common_like, t)
    sources.sort(key=lambda s: (not s.alert, -s.copied, -s.ratio, s.name))
    common_spans = _common_spans(material, view, raw.common_starts, raw.common_counts, t)
    quoted_spans = _mask_spans(view, excl)
    return DupReport(
        name=material.name,
        path=material.path,
        text=material.text,
        characters=n,
        ratio=_ratio(covered, n),
        ratio_excluding_quotes=_ratio(counted_q, n),
        ratio_excluding_common=_ratio(counted_c, n),
        longest=max((s.longest for s in sources), default=0),
        sources=tuple(sources),
        source_count=int(docs.shape[0]),
        common=common_spans,
        quoted=quoted_spans,
        skipped_self=tuple(e.name for e in selves),
    )


def _ratio(mask: BoolArray, n: int) -> float:
    return round(float(mask.sum()) / n, 4) if n else 0.0


def _mask_spans(view: MatchView, mask: BoolArray) -> tuple[Span, ...]:
    if not mask.any():
        return ()
    m = np.concatenate(([False], mask, [False]))
    d = np.diff(m.astype(np.int8))
    return tuple(
        view.canonical_span(int(a), int(b))
        for a, b in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1), strict=True)
    )


def _common_spans(
    material: Material, view: MatchView, starts: I64, counts: I64, t: int
) -> tuple[CommonSpan, ...]:
    if starts.size == 0:
        return ()
    order = np.argsort(starts)
    starts, counts = starts[order], counts[order]
    out: list[CommonSpan] = []
    a, b, c = int(starts[0]), int(starts[0]) + t, int(counts[0])
    for s, k in zip(starts[1:].tolist(), counts[1:].tolist(), strict=True):
        if s <= b:
            b = max(b, s + t)
            c = min(c, k)
        else:
            span = view.canonical_span(a, b)
            out.append(CommonSpan(span, span.of(material.text), c))
            a, b, c = s, s + t, k
    span = view.canonical_span(a, b)
    out.append(CommonSpan(span, span.of(material.text), c))
    return tuple(out)


def _source_match(
    material: Material,
    view: MatchView,
    seg: Segment,
    local: int,
    raw: RawPassages,
    rows: npt.NDArray[np.intp],
    excl: BoolArray,
    common_like: BoolArray,
    st: CompareSettings,
    t: int,
) -> SourceMatch:
    entry: CorpusEntry = seg.entries[local]
    n = len(view)
    src_text = seg.canonical_text(local)
    src_view = match_view(src_text)
    passages: list[Passage] = []
    for r in rows:
        qs, qe = int(raw.qs[r]), int(raw.qe[r])
        ds, de = int(raw.ds[r]), int(raw.de[r])
        if excl[qs:qe].any() and not _long_runs(~excl[qs:qe], t).any():
            kind = PassageKind.QUOTE
        elif common_like[qs:qe].mean() >= COMMON_SHARE:
            kind = PassageKind.COMMON
        else:
            kind = PassageKind.COPY
        span = view.canonical_span(qs, qe)
        passages.append(
            Passage(
                span=span,
                source_span=src_view.canonical_span(ds, de),
                text=span.of(material.text),
                length=qe - qs,
                exact=int(raw.exact[r]),
                longest=int(raw.longest[r]),
                kind=kind,
                view_span=(qs, qe),
            )
        )
    passages.sort(key=lambda p: p.view_span)
    covered = _span_mask(n, [p.view_span for p in passages])
    counted_q = _long_runs(covered & ~excl, t)
    counted_c = _long_runs(counted_q & ~common_like, t)
    copied = int(counted_c.sum())
    longest = _longest_run(counted_c)
    alert = longest >= st.alert_longest or copied >= st.alert_total
    return SourceMatch(
        id=str(entry.id),
        name=entry.name,
        tags=entry.tags,
        ratio=_ratio(covered, n),
        ratio_excluding_quotes=_ratio(counted_q, n),
        ratio_excluding_common=_ratio(counted_c, n),
        longest=longest,
        copied=copied,
        alert=alert,
        passages=tuple(passages),
        text=src_text,
    )


# ---------------------------------------------------------------------------------------------
# Team mode


@dataclass(frozen=True, slots=True)
class TeamReport:
    """All members of one team compared pairwise (and, optionally, each with the corpus)."""

    names: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]  # matrix[i][j]: share of member i found in member j
    copied: tuple[tuple[int, ...], ...]  # characters of i counted as copying from j
    alerts: tuple[tuple[bool, ...], ...]
    reports: tuple[DupReport, ...]  # each member against the other members
    corpus_reports: tuple[DupReport, ...] = ()  # each member against the corpus


def compare_team(
    materials: Sequence[Material],
    *,
    corpus: Index | None = None,
    settings: CompareSettings | None = None,
    params: FingerprintParams | None = None,
) -> TeamReport:
    """Compare the members of a team with each other (every shared passage, no common cap)."""
    p = corpus.params if corpus is not None else (params or FingerprintParams())
    index = Index.in_memory([m.as_new() for m in materials], p)
    reports = tuple(
        compare_material(
            m, index, settings=settings, exclude_ids=frozenset({i}), skip_identical=False
        )
        for i, m in enumerate(materials)
    )
    n = len(materials)
    matrix = [[0.0] * n for _ in range(n)]
    copied = [[0] * n for _ in range(n)]
    alerts = [[False] * n for _ in range(n)]
    for i, r in enumerate(reports):
        for s in r.sources:
            j = int(s.id)
            matrix[i][j] = s.ratio_excluding_quotes
            copied[i][j] = s.copied
            alerts[i][j] = s.alert
    corpus_reports: tuple[DupReport, ...] = ()
    if corpus is not None:
        corpus_reports = tuple(compare_material(m, corpus, settings=settings) for m in materials)
    return TeamReport(
        names=tuple(m.name for m in materials),
        matrix=tuple(tuple(row) for row in matrix),
        copied=tuple(tuple(row) for row in copied),
        alerts=tuple(tuple(row) for row in alerts),
        reports=reports,
        corpus_reports=corpus_reports,
    )


# ---------------------------------------------------------------------------------------------
# All pairs (the batch sweep of a whole corpus)


@dataclass(frozen=True, slots=True, eq=False)
class PairTable:
    """Every pair of corpus materials sharing a passage of at least ``t`` characters.

    Rows are pairs ``(a, b)`` of corpus ids with ``a < b``; ``longest`` is the longest exact run,
    ``total`` the characters of ``a`` inside shared passages. Fingerprints found in more than
    ``cap`` materials do not generate candidates here (MOSS's ``-m``): the sweep trades recall of
    short passages made only of common text for a cost linear in the corpus size.
    """

    a: I64
    b: I64
    longest: I64
    total: I64
    passages: I64
    hits: int = 0  # candidate fingerprint hits verified (the size of the second shuffle)

    def __len__(self) -> int:
        return int(self.a.shape[0])


def all_pairs(index: Index, *, cap: int | None = None) -> PairTable:
    """Compare every material of ``index`` with every other one (fingerprint join, then verify)."""
    cap = index.common if cap is None else cap
    segs = index.segments
    offsets = np.zeros(len(segs) + 1, dtype=np.int64)
    np.cumsum([s.text.shape[0] for s in segs], out=offsets[1:])
    dtype = np.uint32 if any(s.text.dtype == np.uint32 for s in segs) else np.uint16
    text: npt.NDArray[np.unsignedinteger] = (
        np.concatenate([np.asarray(s.text, dtype=dtype) for s in segs])
        if segs
        else np.empty(0, dtype=dtype)
    )
    starts = np.concatenate(
        [s.starts[:-1] + offsets[i] for i, s in enumerate(segs)] + [offsets[-1:]]
    )
    ids = np.concatenate([s.ids for s in segs]) if segs else np.empty(0, dtype=np.int64)
    h = (
        np.concatenate([np.asarray(s.fp_hash) for s in segs])
        if segs
        else np.empty(0, dtype=np.uint64)
    )
    pos = (
        np.concatenate(
            [np.asarray(s.fp_pos, dtype=np.int64) + offsets[i] for i, s in enumerate(segs)]
        )
        if segs
        else np.empty(0, dtype=np.int64)
    )
    h, order = sort_keys(h)  # ties keep row order: positions ascend within a hash
    pos = pos[order]
    del order
    doc = np.searchsorted(starts, pos, side="right") - 1
    if index.removed:
        live = ~np.isin(ids[doc], np.fromiter(index.removed, dtype=np.int64))
        h, pos, doc = h[live], pos[live], doc[live]
    new = np.ones(h.shape[0], dtype=bool)
    new[1:] = h[1:] != h[:-1]
    gid = np.cumsum(new) - 1
    gsize = np.bincount(gid)
    keep = (gsize[gid] >= 2) & (gsize[gid] <= cap)
    h, pos, doc, gid = h[keep], pos[keep], doc[keep], gid[keep]
    qa: list[I64] = []
    qb: list[I64] = []
    for step in range(1, cap):
        if step >= pos.shape[0]:
            break
        same = gid[step:] == gid[:-step]
        i = np.flatnonzero(same)
        if i.size == 0:
            break
        j = i + step
        diff = doc[i] != doc[j]
        qa.append(i[diff])
        qb.append(j[diff])
    if not qa:
        e = np.empty(0, dtype=np.int64)
        return PairTable(e, e, e, e, e)
    ia = np.concatenate(qa)
    ib = np.concatenate(qb)
    n_hits = int(ia.shape[0])
    # Postings of a hash are sorted by position, hence by document: ia's document is the smaller.
    da, db = doc[ia], doc[ib]
    pa, pb = pos[ia], pos[ib]
    del ia, ib
    ndocs = np.int64(starts.shape[0] - 1)
    group = da * ndocs + db
    runs = extend_hits(
        text,
        text,
        group,
        pa,
        pb,
        np.full(pa.shape[0], index.params.k, dtype=np.int64),
        (starts[da], starts[da + 1]),
        (starts[db], starts[db + 1]),
        t=index.params.t,
        pad=index.params.w - 1,
    )
    merged = merge_runs(runs)
    if len(merged) == 0:
        e = np.empty(0, dtype=np.int64)
        return PairTable(e, e, e, e, e)
    first = np.flatnonzero(np.r_[True, merged.group[1:] != merged.group[:-1]])
    g = merged.group[first]
    return PairTable(
        a=ids[g // ndocs],
        b=ids[g % ndocs],
        longest=np.maximum.reduceat(merged.longest, first),
        total=np.add.reduceat(np.minimum(merged.exact, merged.qe - merged.qs), first),
        passages=np.diff(np.r_[first, len(merged)]),
        hits=n_hits,
    )
