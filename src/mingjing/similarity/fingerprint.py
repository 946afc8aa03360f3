"""Winnowing fingerprints (Schleimer, Wilkerson & Aiken, SIGMOD 2003), vectorised with numpy.

Every k-gram of the matching view is hashed (64-bit polynomial hash with a murmur finaliser); in
each window of ``w = t - k + 1`` consecutive k-gram hashes the minimum is kept as a fingerprint.
Any passage of at least ``t`` characters shared by two texts contains a whole window, whose minimum
is therefore a fingerprint of both: no shared passage of ``t`` characters or more is missed.

Ties inside a window keep every tied minimum (not only the rightmost one, as "robust winnowing"
does): selection is ``h[p] <= max(window minima of the windows containing p)``, which is two
sliding passes instead of a per-window argmin. Ties only happen on periodic text (``的的的的``)
and cost a few extra fingerprints there, never a missed match.

Defaults: k = 8, t = 13 (w = 6), the CNKI-style 13 consecutive characters, measured in
``shared/domain/copy-detection.md`` §2.2 as the best trade-off between short-passage recall and
the number of common fingerprints as the corpus grows.

The functions work on many documents at once (one concatenated code array plus document starts),
because per-call overhead, not hashing, is what limits numpy (§2.4 of the note).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mingjing.errors import ConfigError

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

_MASK = (1 << 64) - 1
_BASE = 0x9E3779B97F4A7C15  # odd multiplier of the polynomial hash
_SEED_KGRAM = 0x2545F4914F6CDD1D
_SEED_TGRAM = 0x5851F42D4C957F2D
#: Batch size (characters) for fingerprinting many documents: the temporaries of one batch stay in
#: the L2 cache, which doubled throughput over 1 M-character batches on the 2-core CI machine.
CHUNK_CHARS = 65_536

MSG_BAD_PARAMS = (
    "查重参数无效：需要 1 ≤ k ≤ t ≤ 200（k 为指纹长度，t 为最短报告长度），当前 k={k}、t={t}。"
)


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    """k: characters per hashed gram; t: shortest passage that is guaranteed to be found."""

    k: int = 8
    t: int = 13

    def __post_init__(self) -> None:
        if not (1 <= self.k <= self.t <= 200):
            raise ConfigError(MSG_BAD_PARAMS.format(k=self.k, t=self.t))

    @property
    def w(self) -> int:
        """Window of winnowing, in k-grams."""
        return self.t - self.k + 1


def _fmix(x: U64, seed: int) -> U64:
    """murmur3's 64-bit finaliser, in place; spreads every input bit over the whole hash."""
    tmp = np.empty_like(x)
    x ^= np.uint64(seed)
    for shift, mult in ((33, 0xFF51AFD7ED558CCD), (33, 0xC4CEB9FE1A85EC53)):
        np.right_shift(x, np.uint64(shift), out=tmp)
        x ^= tmp
        x *= np.uint64(mult)
    np.right_shift(x, np.uint64(33), out=tmp)
    x ^= tmp
    return x


def gram_hashes(codes: npt.NDArray[np.unsignedinteger], n: int, *, seed: int = _SEED_KGRAM) -> U64:
    """Hash of every ``n``-gram of ``codes`` (length ``len(codes) - n + 1``, empty if shorter).

    The polynomial ``sum(c[i+j] * B**(n-1-j))`` mod 2**64 is built by doubling (grams of 1, 2, 4 …
    characters), so it takes log2(n) passes instead of n.
    """
    size = codes.shape[0] - n + 1
    if size <= 0:
        return np.empty(0, dtype=np.uint64)
    cur = codes.astype(np.uint64)
    cur_len = 1
    result: U64 | None = None
    res_len = 0
    remaining = n
    while True:
        if remaining & 1:
            if result is None:
                result = cur.copy() if remaining > 1 else cur
            else:
                m = codes.shape[0] - (res_len + cur_len) + 1
                result = result[:m]
                result *= np.uint64(pow(_BASE, cur_len, 1 << 64))
                result += cur[res_len : res_len + m]
            res_len += cur_len
        remaining >>= 1
        if not remaining:
            break
        nxt = np.multiply(cur[:-cur_len], np.uint64(pow(_BASE, cur_len, 1 << 64)))
        nxt += cur[cur_len:]
        cur = nxt
        cur_len *= 2
    assert result is not None
    out = result[:size]
    return _fmix(out, seed ^ n)


def _select(h: U64, w: int, valid_window: npt.NDArray[np.bool_] | None) -> npt.NDArray[np.bool_]:
    """Mask of k-gram positions that are the minimum of at least one (valid) window of ``w``."""
    n = h.shape[0]
    nw = n - w + 1
    if nw <= 0:
        return np.zeros(n, dtype=bool)
    m = h[:nw].copy()
    for j in range(1, w):
        np.minimum(m, h[j : j + nw], out=m)
    if valid_window is not None:
        m[~valid_window] = 0  # an invalid window selects nothing: 0 never exceeds a hash
    reach = np.zeros(n, dtype=np.uint64)
    for j in range(w):
        np.maximum(reach[j : j + nw], m, out=reach[j : j + nw])
    return h <= reach


def fingerprints(
    codes: npt.NDArray[np.unsignedinteger], params: FingerprintParams
) -> tuple[U64, I64]:
    """Fingerprints of one text: (hashes, positions of their k-grams), positions ascending."""
    h = gram_hashes(codes, params.k)
    if h.shape[0] < params.w:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    sel = _select(h, params.w, None)
    pos = np.flatnonzero(sel).astype(np.int64)
    return h[pos], pos


def _fingerprint_block(
    codes: npt.NDArray[np.unsignedinteger], starts: I64, params: FingerprintParams
) -> tuple[U64, I64]:
    """Fingerprints of the documents ``codes[starts[i]:starts[i+1]]`` (positions into ``codes``)."""
    k, w = params.k, params.w
    h = gram_hashes(codes, k)
    n = h.shape[0]
    if n < w:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    # A window is valid when its last k-gram ends inside the window's document: the last
    # w + k - 2 window starts before each document end are not.
    nw = n - w + 1
    valid_window = np.ones(nw, dtype=bool)
    bad = (starts[1:, None] - np.arange(1, w + k - 1)[None, :]).ravel()
    valid_window[bad[(bad >= 0) & (bad < nw)]] = False
    sel = _select(h, w, valid_window)
    pos = np.flatnonzero(sel).astype(np.int64)
    return h[pos], pos


def fingerprint_many(
    codes: npt.NDArray[np.unsignedinteger], starts: I64, params: FingerprintParams
) -> tuple[U64, npt.NDArray[np.integer[Any]]]:
    """Fingerprints of many documents stored back to back.

    ``starts`` has one entry per document plus the total length. Returns (hashes, positions into
    ``codes``), each document's fingerprints exactly as :func:`fingerprints` would give them.
    """
    hs: list[U64] = []
    ps: list[npt.NDArray[np.integer]] = []
    ndocs = starts.shape[0] - 1
    # Positions fit in 32 bits for any segment (< 4 G characters): half the memory of int64.
    pos_type = np.uint32 if codes.shape[0] < (1 << 32) else np.int64
    i = 0
    while i < ndocs:
        j = int(np.searchsorted(starts, starts[i] + CHUNK_CHARS, side="right")) - 1
        j = min(max(j, i + 1), ndocs)
        lo, hi = int(starts[i]), int(starts[j])
        h, p = _fingerprint_block(codes[lo:hi], starts[i : j + 1] - lo, params)
        hs.append(h)
        ps.append((p + lo).astype(pos_type))
        i = j
    if not hs:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint32)
    return np.concatenate(hs), np.concatenate(ps)


def tgram_keys(codes: npt.NDArray[np.unsignedinteger], t: int) -> U64:
    """Hash of every ``t``-gram: the exact key of a shortest reportable passage."""
    return gram_hashes(codes, t, seed=_SEED_TGRAM)
