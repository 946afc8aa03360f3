"""Synthetic corpus with planted copies (known truth) for the copy-detection benchmark.

Word salad in real Chinese: words drawn from jieba's dictionary at their real frequencies (top
60,000 all-Han words), plus three layers that imitate formulaic language (套话), as in
``shared/domain/copy-detection.md`` §2.1:

* a phrase layer: 8,000 multi-word phrases with Zipf popularity, 30 % of the tokens;
* 400 stock sentences of 10–30 characters, 12 per material, Zipf popularity;
* punctuation and paragraph breaks.

Planted relations (each material takes part in at most one):

* P1: exact passages of 13, 15, 20, 30, 50, 100 and 200 Han characters copied from A into B;
* P2: templates copied into 5 targets each at 30–80 % coverage in blocks of 150–400 characters;
* P3: passages of 100–200 characters copied with one character substituted every 15.

Everything is generated with numpy on code points (a 100,000-material corpus takes about a minute).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import numpy.typing as npt

P1_LENGTHS = (13, 15, 20, 30, 50, 100, 200)
PUNCT = ("，", "。", "；", "、", "\n")
PUNCT_P = (0.075, 0.035, 0.004, 0.012, 0.006)


@dataclass(frozen=True, slots=True)
class Planted:
    kind: str  # "P1" | "P2" | "P3"
    source: int  # material index of A (or the template)
    target: int  # material index of B
    length: int  # Han characters planted (P1/P3) or copied in total (P2)
    view_span: tuple[int, int]  # span in B's matching view (P1/P3); (0, 0) for P2
    source_view_span: tuple[int, int]
    ratio: float = 0.0  # P2: true share of B copied


@dataclass(slots=True)
class SyntheticCorpus:
    texts: list[str]
    planted: list[Planted] = field(default_factory=list)


def _vocabulary(rng: np.random.Generator) -> tuple[list[str], npt.NDArray[np.float64]]:
    raw = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    words: list[tuple[int, str]] = []
    for line in raw.splitlines():
        parts = line.split(" ")
        if len(parts) < 2:
            continue
        w = parts[0]
        if all("\u4e00" <= ch <= "\u9fff" for ch in w) and len(w) <= 4:
            words.append((int(parts[1]), w))
    words.sort(reverse=True)
    words = words[:60_000]
    freq = np.array([f for f, _ in words], dtype=np.float64)
    return [w for _, w in words], freq / freq.sum()


def _zipf(n: int) -> npt.NDArray[np.float64]:
    p = 1.0 / np.arange(1, n + 1)
    return p / p.sum()


class _Table:
    """Strings as one code-point array, so a token sequence becomes text with two gathers."""

    def __init__(self, items: list[str]) -> None:
        self.lengths = np.array([len(s) for s in items], dtype=np.int64)
        self.offsets = np.zeros(len(items), dtype=np.int64)
        np.cumsum(self.lengths[:-1], out=self.offsets[1:])
        self.codes = np.frombuffer("".join(items).encode("utf-32-le"), dtype="<u4")

    def render(self, tokens: npt.NDArray[np.int64]) -> str:
        lens = self.lengths[tokens]
        idx = np.repeat(self.offsets[tokens] - (np.cumsum(lens) - lens), lens) + np.arange(
            int(lens.sum())
        )
        return self.codes[idx].tobytes().decode("utf-32-le")


def _han_positions(text: str) -> npt.NDArray[np.int64]:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    return np.flatnonzero((codes >= 0x4E00) & (codes <= 0x9FFF)).astype(np.int64)


def generate(
    n_docs: int,
    *,
    seed: int = 7,
    per_length: int = 250,
    templates: int = 50,
    edited: int = 250,
    mean_chars: int = 3500,
) -> SyntheticCorpus:
    rng = np.random.default_rng(seed)
    words, wp = _vocabulary(rng)
    n_words = len(words)
    wcum = np.cumsum(wp)
    wcum /= wcum[-1]

    def draw(size: int) -> npt.NDArray[np.int64]:
        return np.searchsorted(wcum, rng.random(size)).astype(np.int64)

    # Phrases: 2–4 words, Zipf popularity.
    phrase_words = [draw(int(rng.integers(2, 5))) for _ in range(8000)]
    phrases = ["".join(words[i] for i in ws) for ws in phrase_words]
    # Stock sentences of 10–30 characters ending with 。
    stock: list[str] = []
    while len(stock) < 400:
        target = int(rng.integers(10, 31))
        s = ""
        while len(s) < target:
            s += words[int(draw(1)[0])]
        stock.append(s[:target] + "。")
    items = words + phrases + list(PUNCT) + stock
    table = _Table(items)
    base_p = np.concatenate(
        [wp * 0.7 * (1 - sum(PUNCT_P)), _zipf(8000) * 0.3 * (1 - sum(PUNCT_P)), np.array(PUNCT_P)]
    )
    cum = np.cumsum(base_p)
    cum /= cum[-1]
    stock0 = n_words + 8000 + len(PUNCT)
    stock_cum = np.cumsum(_zipf(400))
    mean_token = float((table.lengths[:stock0] * base_p).sum())
    texts: list[str] = []
    for _ in range(n_docs):
        chars = max(800, int(rng.normal(mean_chars, mean_chars * 0.15)))
        n_tok = int(chars / mean_token)
        toks = np.searchsorted(cum, rng.random(n_tok)).astype(np.int64)
        st = stock0 + np.searchsorted(stock_cum, rng.random(12)).astype(np.int64)
        at = np.sort(rng.integers(0, n_tok, size=12))
        toks = np.insert(toks, at, st)
        texts.append(table.render(toks))
    corpus = SyntheticCorpus(texts)
    _plant(corpus, rng, per_length=per_length, templates=templates, edited=edited)
    return corpus


def _view_index(text: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Canonical offsets of view characters (all Han here) and, per canonical offset, view index."""
    han = _han_positions(text)
    before = np.zeros(len(text) + 1, dtype=np.int64)
    mask = np.zeros(len(text), dtype=np.int64)
    mask[han] = 1
    np.cumsum(mask, out=before[1:])
    return han, before


def _plant(
    corpus: SyntheticCorpus,
    rng: np.random.Generator,
    *,
    per_length: int,
    templates: int,
    edited: int,
) -> None:
    texts = corpus.texts
    n = len(texts)
    need = 2 * per_length * len(P1_LENGTHS) + templates * 6 + 2 * edited
    if need > n:
        scale = n / need
        per_length = max(1, int(per_length * scale))
        templates = max(1, int(templates * scale))
        edited = max(1, int(edited * scale))
    order = rng.permutation(n).tolist()

    def take() -> int:
        return int(order.pop())

    def copy_passage(a: int, b: int, length: int, kind: str, substitute: bool) -> None:
        src = texts[a]
        han, _ = _view_index(src)
        if han.shape[0] < length + 2:
            return
        vs = int(rng.integers(0, han.shape[0] - length))
        cs, ce = int(han[vs]), int(han[vs + length - 1]) + 1
        piece = list(src[cs:ce])
        if substitute:
            hp = [i for i, ch in enumerate(piece) if "\u4e00" <= ch <= "\u9fff"]
            for j in range(14, len(hp), 15):
                old = piece[hp[j]]
                new = chr(0x4E00 + int(rng.integers(0, 20_000)))
                piece[hp[j]] = new if new != old else chr(ord(old) + 1)
        tgt = texts[b]
        # Insert at a position between two Han characters of B (never inside a quotation).
        than, tbefore = _view_index(tgt)
        at = int(than[int(rng.integers(1, than.shape[0] - 1))])
        texts[b] = tgt[:at] + "".join(piece) + tgt[at:]
        v_at = int(tbefore[at])
        corpus.planted.append(Planted(kind, a, b, length, (v_at, v_at + length), (vs, vs + length)))

    for length in P1_LENGTHS:
        for _ in range(per_length):
            copy_passage(take(), take(), length, "P1", False)
    for _ in range(edited):
        copy_passage(take(), take(), int(rng.integers(100, 201)), "P3", True)
    for _ in range(templates):
        tpl = take()
        for _ in range(5):
            b = take()
            _plant_template(corpus, rng, tpl, b)


def _plant_template(corpus: SyntheticCorpus, rng: np.random.Generator, tpl: int, b: int) -> None:
    """Replace 30–80 % of B's text, in blocks of 150–400 characters, by blocks of the template."""
    src, tgt = corpus.texts[tpl], corpus.texts[b]
    share = float(rng.uniform(0.3, 0.8))
    out: list[str] = []
    pos = 0
    copied_chars = 0
    copied_han = 0
    goal = share * len(tgt)
    while pos < len(tgt):
        block = int(rng.integers(150, 401))
        if copied_chars < goal and rng.random() < share + 0.1:
            s = int(rng.integers(0, max(1, len(src) - block)))
            out.append(src[s : s + block])
            copied_chars += len(src[s : s + block])
            copied_han += int(_han_positions(src[s : s + block]).shape[0])
        else:
            out.append(tgt[pos : pos + block])
        pos += block
    new = "".join(out)
    corpus.texts[b] = new
    # True ratio: share of B's Han characters that came from template blocks.
    total_han = int(_han_positions(new).shape[0])
    corpus.planted.append(
        Planted("P2", tpl, b, copied_han, (0, 0), (0, 0), ratio=copied_han / max(total_han, 1))
    )
