from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mingjing.similarity.fingerprint import (
    FingerprintParams,
    fingerprint_many,
    fingerprints,
    gram_hashes,
)
from mingjing.similarity.normalize import match_view

from .conftest import salad

P = FingerprintParams()


def _poly(codes: np.ndarray, n: int) -> list[int]:
    base, mask = 0x9E3779B97F4A7C15, (1 << 64) - 1
    out = []
    for i in range(len(codes) - n + 1):
        x = 0
        for c in codes[i : i + n]:
            x = (x * base + int(c)) & mask
        out.append(x)
    return out


def test_gram_hash_is_the_polynomial_hash_for_any_length() -> None:
    from mingjing.similarity.fingerprint import _SEED_KGRAM, _fmix

    codes = match_view(salad(random.Random(1), 60)).codes
    for n in (1, 3, 8, 13, 21):
        expected = _fmix(np.array(_poly(codes, n), dtype=np.uint64), _SEED_KGRAM ^ n)
        assert np.array_equal(gram_hashes(codes, n), expected)


def test_density_is_about_two_over_w_plus_one(rng: random.Random) -> None:
    codes = match_view(salad(rng, 20000)).codes
    h, _ = fingerprints(codes, P)
    density = len(h) / (len(codes) - P.k + 1)
    assert abs(density - 2 / (P.w + 1)) < 0.02


def test_batch_fingerprints_equal_single_document_fingerprints(rng: random.Random) -> None:
    texts = [salad(rng, n) for n in (5, 13, 400, 3000, 12, 900)]
    views = [match_view(t).codes for t in texts]
    starts = np.cumsum([0] + [len(v) for v in views]).astype(np.int64)
    h, pos = fingerprint_many(np.concatenate(views), starts, P)
    for i, v in enumerate(views):
        h1, p1 = fingerprints(v, P)
        sel = (pos >= starts[i]) & (pos < starts[i + 1])
        assert np.array_equal(h[sel], h1)
        assert np.array_equal(pos[sel] - starts[i], p1)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=13, max_value=40), st.integers(min_value=0, max_value=2**32 - 1))
def test_any_shared_run_of_t_characters_shares_a_fingerprint(length: int, seed: int) -> None:
    r = random.Random(seed)
    shared = salad(r, length, punct=False)
    a = match_view(
        salad(r, r.randint(0, 50), punct=False) + shared + salad(r, r.randint(0, 50), punct=False)
    ).codes
    b = match_view(
        salad(r, r.randint(0, 50), punct=False) + shared + salad(r, r.randint(0, 50), punct=False)
    ).codes
    ha, _ = fingerprints(a, P)
    hb, _ = fingerprints(b, P)
    assert set(ha.tolist()) & set(hb.tolist())
