"""The on-disk corpus (比对库): materials of past years, colleagues and templates, fingerprinted.

Storage, chosen by measurement (``shared/domain/copy-detection.md`` §2.5 and ``bench/RESULTS.md``):
immutable **segments** of sorted numpy arrays, memory-mapped and searched by binary search. Sorted
``.npy`` arrays were the fastest option measured for one-material lookups (≈2 ms against ≈5 ms for
SQLite and ≈25 ms for DuckDB/Parquet), need no extra dependency, and an immutable segment is
trivially safe: a segment is written under a temporary name and renamed into place, and only then
is ``manifest.json`` replaced (``os.replace``, atomic on POSIX and Windows). A process killed at any
moment leaves the previous manifest, hence the previous corpus, intact (one add writes the
manifest once, after all its segments); leftovers of the interrupted write are deleted by the next
successful write. Only ``os.replace`` and ordinary files are used, so it works on Windows too. One
writer at a time; any number of readers.

Each segment costs one binary search per query fingerprint, so segments are large (100 M
characters, about 27,000 materials) and ``add`` merges small ones when more than
:data:`MAX_SEGMENTS` pile up (LSM-style, ``Corpus.compact``).

Layout of ``DIR``::

    manifest.json        format, version, k, t, common cap, segment names, removed ids, next id
    seg-<random>/        one immutable segment (at most SEGMENT_CHARS characters)
      meta.json          the materials of the segment: id, file, tags, sha256, characters
      text.npy           matching views back to back (uint16, or uint32 beyond the BMP)
      starts.npy         int64 start of each material in text.npy, plus the end
      fp_hash.npy        uint64 winnowing fingerprint keys (top 37 bits, see index_key), sorted
      fp_pos.npy         uint32 position in text.npy of each fingerprint's k-gram
      flagged.npy        uint64 fingerprints that were common (> cap postings) when written
      tk_hash.npy        uint64 keys of the t-grams around every flagged fingerprint, sorted
      tk_pos.npy         uint32 start of each such t-gram in text.npy
      canon.bin          canonical texts, UTF-8, back to back (to show passages of a source)
      canon_idx.npy      int64 byte offsets into canon.bin

Why the t-gram keys: a fingerprint found in more than ``common`` materials (套话) would make a
query enumerate tens of thousands of postings. For such fingerprints the segment also stores the
exact keys of the ``t - k + 1`` t-grams that contain them; a query looks those up instead. A
shared passage of ``t`` characters contains one of these t-grams, so no passage is missed, and a
t-gram that is itself in more than ``common`` materials is reported as a common phrase (常用语)
with its count instead of as thousands of sources. A fingerprint not flagged in a segment has at
most ``common`` postings there, so enumerating it stays bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from mingjing.errors import ConfigError, InputError
from mingjing.similarity.fingerprint import _SEED_TGRAM as SEED_TGRAM
from mingjing.similarity.fingerprint import (
    I64,
    U64,
    FingerprintParams,
    fingerprint_many,
    gram_hashes,
)
from mingjing.similarity.normalize import fold_codes, keep_mask, to_codes

FORMAT = "mingjing-corpus"
VERSION = 1
DEFAULT_CORPUS = Path(".mingjing") / "corpus"
#: Postings above which a fingerprint or t-gram counts as common (MOSS's -m, note §3.2).
DEFAULT_COMMON = 50
#: Largest segment, in matching-view characters (bounds the memory of one add).
SEGMENT_CHARS = 100_000_000
#: Merge trigger: with more segments than this, ``add`` merges the small ones (each segment
#: costs one binary search per query fingerprint, so queries slow down as segments pile up).
MAX_SEGMENTS = 6

MSG = {
    "not_corpus": "不是明镜比对库目录（缺少 manifest.json）：请先用 mingjing corpus add 建库，或用 --corpus 指定库目录。",
    "bad_manifest": "比对库清单 manifest.json 无法读取或版本不符：{error}",
    "params": "比对库使用 k={k}、t={t} 建立，与本次参数 k={qk}、t={qt} 不一致；请用相同参数或新建比对库。",
    "bad_tag": "标签“{tag}”无效：标签不能为空或含空白；year: 后须为四位年份（如 year:2023）。",
    "unknown": "比对库中没有编号或文件名为“{key}”的材料。",
}


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One material in the corpus (库中材料)."""

    id: int
    name: str
    path: str
    tags: tuple[str, ...]
    sha256: str
    chars: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "tags": list(self.tags),
            "sha256": self.sha256,
            "chars": self.chars,
        }

    @staticmethod
    def from_json(d: dict[str, Any]) -> CorpusEntry:
        return CorpusEntry(
            int(d["id"]),
            str(d["name"]),
            str(d["path"]),
            tuple(d["tags"]),
            str(d["sha256"]),
            int(d["chars"]),
        )


@dataclass(frozen=True, slots=True)
class NewMaterial:
    """A material to add: its canonical text (``Document.text``) and how to label it."""

    name: str
    text: str
    path: str = ""
    tags: tuple[str, ...] = ()


def check_tag(tag: str) -> str:
    tag = tag.strip()
    if not tag or any(ch.isspace() for ch in tag):
        raise ConfigError(MSG["bad_tag"].format(tag=tag))
    if tag.startswith("year:") and not (len(tag) == 9 and tag[5:].isdigit()):
        raise ConfigError(MSG["bad_tag"].format(tag=tag))
    return tag


def text_sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True, eq=False)
class Segment:
    """Arrays of one segment (memory-mapped when loaded from disk, plain arrays in memory)."""

    name: str
    entries: tuple[CorpusEntry, ...]
    text: npt.NDArray[np.unsignedinteger]
    starts: I64
    fp_hash: U64
    fp_pos: npt.NDArray[np.uint32]
    flagged: U64
    tk_hash: U64
    tk_pos: npt.NDArray[np.uint32]
    canon: bytes | np.memmap[Any, np.dtype[np.uint8]] | None = None
    canon_idx: I64 | None = None
    texts: tuple[str, ...] | None = None  # canonical texts, when built in memory
    ids: I64 = field(init=False)

    def __post_init__(self) -> None:
        self.ids = np.asarray([e.id for e in self.entries], dtype=np.int64)

    def doc_of(self, pos: I64) -> I64:
        """Local index of the material holding each position of ``text``."""
        return np.searchsorted(self.starts, pos, side="right").astype(np.int64) - 1

    def canonical_text(self, local: int) -> str:
        if self.texts is not None:
            return self.texts[local]
        assert self.canon is not None and self.canon_idx is not None
        a, b = int(self.canon_idx[local]), int(self.canon_idx[local + 1])
        return bytes(self.canon[a:b]).decode("utf-8")


def _views(texts: Sequence[str]) -> tuple[npt.NDArray[np.unsignedinteger], I64]:
    """Matching views of many texts at once: codes back to back and the start of each.

    Works in batches of about 16 M characters so that the temporaries stay small; the result is
    uint16 when every character is in the Basic Multilingual Plane (half the memory).
    """
    parts: list[npt.NDArray[np.unsignedinteger]] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    i = 0
    while i < len(texts):
        j, size = i, 0
        while j < len(texts) and (j == i or size + len(texts[j]) <= 16_000_000):
            size += len(texts[j])
            j += 1
        lengths = np.fromiter((len(t) for t in texts[i:j]), dtype=np.int64, count=j - i)
        codes = fold_codes(to_codes("".join(texts[i:j])))
        keep = keep_mask(codes)
        kept = np.zeros(codes.shape[0] + 1, dtype=np.int64)
        np.cumsum(keep, out=kept[1:])
        bounds = np.zeros(j - i + 1, dtype=np.int64)
        np.cumsum(lengths, out=bounds[1:])
        counts[i:j] = np.diff(kept[bounds])
        view = codes[keep]
        parts.append(
            view.astype(np.uint16) if view.size == 0 or int(view.max()) < 0x10000 else view
        )
        i = j
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    if not parts:
        return np.empty(0, dtype=np.uint16), starts
    return np.concatenate(parts), starts


#: Low bits of stored keys that carry a row number while sorting (see :func:`sort_keys`).
KEY_SHIFT = 27
KEY_MASK = np.uint64(((1 << 64) - 1) ^ ((1 << KEY_SHIFT) - 1))


def index_key(h: U64) -> U64:
    """The stored form of a fingerprint or t-gram key: its top 37 bits.

    37 bits keep collisions between distinct grams rare (one spurious candidate per ~1,000 lookups
    at 10^8 stored keys), and a candidate is always verified against the text, so a collision
    costs time, never correctness. The freed low bits let :func:`sort_keys` sort with ``np.sort``
    (SIMD, ~100 M keys/s here) instead of ``np.argsort`` (~6× slower).
    """
    return h & KEY_MASK


def sort_keys(h: U64) -> tuple[U64, npt.NDArray[np.int64]]:
    """Sorted stored keys of ``h`` and the permutation that sorts them (ties by row order)."""
    n = h.shape[0]
    if n >= (1 << KEY_SHIFT):
        order = np.argsort(index_key(h), kind="stable")
        return index_key(h)[order], order.astype(np.int64)
    packed = index_key(h) | np.arange(n, dtype=np.uint64)
    packed.sort()
    order = (packed & np.uint64((1 << KEY_SHIFT) - 1)).astype(np.int64)
    packed &= KEY_MASK
    return packed, order


def _count_in(sorted_keys: U64, keys: U64) -> I64:
    lo = np.searchsorted(sorted_keys, keys, side="left")
    hi = np.searchsorted(sorted_keys, keys, side="right")
    return (hi - lo).astype(np.int64)


def build_segment(
    name: str,
    materials: Sequence[NewMaterial],
    first_id: int,
    params: FingerprintParams,
    *,
    common: int,
    prior: Sequence[Segment] = (),
) -> Segment:
    """Fingerprint ``materials`` into a new in-memory segment.

    ``prior`` segments count towards deciding which fingerprints are common (flagged).
    """
    texts = [m.text for m in materials]
    codes, starts = _views(texts)
    entries = tuple(
        CorpusEntry(
            first_id + i,
            m.name,
            m.path,
            m.tags,
            text_sha256(m.text),
            int(starts[i + 1] - starts[i]),
        )
        for i, m in enumerate(materials)
    )
    text = codes
    h, pos = fingerprint_many(codes, starts, params)
    fp_hash, order = sort_keys(h)
    fp_pos = pos[order].astype(np.uint32)
    del h, pos, order
    new = np.ones(fp_hash.shape[0], dtype=bool)
    new[1:] = fp_hash[1:] != fp_hash[:-1]
    first = np.flatnonzero(new)
    uniq = fp_hash[first]
    sizes = np.diff(np.append(first, fp_hash.shape[0])).astype(np.int64)
    total = sizes.copy()
    for seg in prior:
        total += _count_in(seg.fp_hash, uniq)
    is_flagged = total > common
    flagged = uniq[is_flagged]
    tk_hash, tk_pos = _tgram_table(codes, starts, fp_pos[np.repeat(is_flagged, sizes)], params)
    return Segment(
        name, entries, text, starts, fp_hash, fp_pos, flagged, tk_hash, tk_pos, texts=tuple(texts)
    )


def _tgram_table(
    codes: npt.NDArray[np.unsignedinteger],
    starts: I64,
    flagged_pos: npt.NDArray[np.uint32],
    params: FingerprintParams,
) -> tuple[U64, npt.NDArray[np.uint32]]:
    """Keys of every t-gram that contains a flagged fingerprint (at ``flagged_pos``), sorted."""
    if flagged_pos.size == 0:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint32)
    p = flagged_pos.astype(np.int64)
    doc = np.searchsorted(starts, p, side="right") - 1
    lo, hi = starts[doc][:, None], starts[doc + 1][:, None]
    t, k = params.t, params.k
    cand = p[:, None] - np.arange(t - k + 1)[None, :]
    tstarts = np.sort(cand[(cand >= lo) & (cand + t <= hi)])
    del cand, lo, hi, doc
    if tstarts.size:
        tstarts = tstarts[np.r_[True, tstarts[1:] != tstarts[:-1]]]
    keys, order = sort_keys(tgram_keys_at(codes, tstarts, t))
    return keys, tstarts[order].astype(np.uint32)


def tgram_keys_at(codes: npt.NDArray[np.unsignedinteger], positions: I64, t: int) -> U64:
    """Keys of the t-grams starting at ``positions`` (ascending), hashed in cache-sized blocks."""
    out = np.empty(positions.shape[0], dtype=np.uint64)
    block = 65_536
    i = 0
    n = positions.shape[0]
    while i < n:
        a = int(positions[i])
        j = int(np.searchsorted(positions, a + block, side="left"))
        j = max(j, i + 1)
        b = int(positions[j - 1]) + t
        hs = gram_hashes(codes[a:b], t, seed=SEED_TGRAM)
        out[i:j] = hs[positions[i:j] - a]
        i = j
    return out


# ---------------------------------------------------------------------------------------------
# On disk


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _save(path: Path, arr: npt.NDArray[Any]) -> None:
    with open(path, "wb") as f:
        np.save(f, np.ascontiguousarray(arr), allow_pickle=False)
        f.flush()
        os.fsync(f.fileno())


def write_segment(directory: Path, seg: Segment) -> None:
    """Write ``seg`` as ``directory/seg.name`` via a temporary directory and one rename."""
    tmp = directory / f".tmp-{seg.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    idx = np.zeros(len(seg.entries) + 1, dtype=np.int64)
    with open(tmp / "canon.bin", "wb") as f:
        for i in range(len(seg.entries)):
            blob = (seg.texts[i] if seg.texts is not None else seg.canonical_text(i)).encode(
                "utf-8"
            )
            f.write(blob)
            idx[i + 1] = idx[i] + len(blob)
        f.flush()
        os.fsync(f.fileno())
    _save(tmp / "canon_idx.npy", idx)
    for fname, arr in (
        ("text.npy", seg.text),
        ("starts.npy", seg.starts),
        ("fp_hash.npy", seg.fp_hash),
        ("fp_pos.npy", seg.fp_pos),
        ("flagged.npy", seg.flagged),
        ("tk_hash.npy", seg.tk_hash),
        ("tk_pos.npy", seg.tk_pos),
    ):
        _save(tmp / fname, arr)
    meta = {"name": seg.name, "docs": [e.to_json() for e in seg.entries]}
    _fsync_write(tmp / "meta.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    os.replace(tmp, directory / seg.name)


def load_segment(path: Path) -> Segment:
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))

    def arr(name: str) -> Any:
        return np.load(path / name, mmap_mode="r", allow_pickle=False)

    entries = tuple(CorpusEntry.from_json(d) for d in meta["docs"])
    canon_size = (path / "canon.bin").stat().st_size
    canon = np.memmap(path / "canon.bin", dtype=np.uint8, mode="r") if canon_size else b""
    return Segment(
        name=str(meta["name"]),
        entries=entries,
        text=arr("text.npy"),
        starts=np.asarray(arr("starts.npy")),
        fp_hash=arr("fp_hash.npy"),
        fp_pos=arr("fp_pos.npy"),
        flagged=np.asarray(arr("flagged.npy")),
        tk_hash=arr("tk_hash.npy"),
        tk_pos=arr("tk_pos.npy"),
        canon=canon,
        canon_idx=np.asarray(arr("canon_idx.npy")),
    )


@dataclass(slots=True, eq=False)
class Index:
    """Segments searched together: the on-disk corpus, or an in-memory one (a team, a library)."""

    params: FingerprintParams
    common: int
    segments: list[Segment]
    removed: frozenset[int] = frozenset()
    _by_sha: dict[str, list[CorpusEntry]] | None = field(default=None, repr=False)

    def with_sha256(self, sha: str) -> list[CorpusEntry]:
        """Live entries whose canonical text has this SHA-256 (the same material added before)."""
        if self._by_sha is None:
            table: dict[str, list[CorpusEntry]] = {}
            for _, _, e in self.entries():
                table.setdefault(e.sha256, []).append(e)
            self._by_sha = table
        return list(self._by_sha.get(sha, []))

    def entries(self) -> list[tuple[Segment, int, CorpusEntry]]:
        return [
            (s, i, e)
            for s in self.segments
            for i, e in enumerate(s.entries)
            if e.id not in self.removed
        ]

    def entry(self, doc_id: int) -> tuple[Segment, int, CorpusEntry]:
        for s in self.segments:
            hit = np.flatnonzero(s.ids == doc_id)
            if hit.size:
                return s, int(hit[0]), s.entries[int(hit[0])]
        raise KeyError(doc_id)

    @staticmethod
    def in_memory(
        materials: Sequence[NewMaterial],
        params: FingerprintParams | None = None,
        *,
        common: int | None = None,
    ) -> Index:
        """An index of a few materials (a team): nothing is common unless ``common`` is given."""
        p = params or FingerprintParams()
        cap = common if common is not None else max(len(materials), 1) + 1
        seg = build_segment("memory", materials, 0, p, common=cap)
        return Index(p, cap, [seg])

    def fingerprint_counts(self, hashes: U64) -> I64:
        total = np.zeros(hashes.shape[0], dtype=np.int64)
        for s in self.segments:
            total += _count_in(s.fp_hash, hashes)
        return total


class Corpus(Index):
    """The corpus directory: an :class:`Index` plus the manifest that makes writes atomic."""

    __slots__ = ("next_id", "path")

    def __init__(
        self,
        path: Path,
        params: FingerprintParams,
        common: int,
        segments: list[Segment],
        removed: frozenset[int],
        next_id: int,
    ) -> None:
        super().__init__(params, common, segments, removed, None)
        self.path = path
        self.next_id = next_id

    @staticmethod
    def exists(path: Path) -> bool:
        return (path / "manifest.json").is_file()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        create: bool = False,
        params: FingerprintParams | None = None,
        common: int = DEFAULT_COMMON,
    ) -> Corpus:
        path = Path(path)
        mf = path / "manifest.json"
        if not mf.is_file():
            if not create:
                raise InputError(MSG["not_corpus"], path)
            p = params or FingerprintParams()
            return cls(path, p, common, [], frozenset(), 0)
        try:
            m = json.loads(mf.read_text(encoding="utf-8"))
            if m.get("format") != FORMAT or int(m.get("version", 0)) != VERSION:
                raise ValueError(f"format={m.get('format')!r} version={m.get('version')!r}")
            p = FingerprintParams(int(m["k"]), int(m["t"]))
            segments = [load_segment(path / name) for name in m["segments"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(MSG["bad_manifest"].format(error=exc), path) from exc
        if params is not None and params != p:
            raise ConfigError(MSG["params"].format(k=p.k, t=p.t, qk=params.k, qt=params.t))
        return cls(
            path,
            p,
            int(m["common"]),
            segments,
            frozenset(int(i) for i in m["removed"]),
            int(m["next_id"]),
        )

    def _write_manifest(
        self, segment_names: Sequence[str], removed: Iterable[int], next_id: int
    ) -> None:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "k": self.params.k,
            "t": self.params.t,
            "common": self.common,
            "segments": list(segment_names),
            "removed": sorted(set(removed)),
            "next_id": next_id,
        }
        tmp = self.path / f".manifest-{uuid.uuid4().hex[:8]}.tmp"
        _fsync_write(tmp, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        os.replace(tmp, self.path / "manifest.json")

    def _cleanup(self) -> None:
        """Delete what no manifest refers to: leftovers of interrupted or superseded writes."""
        live = {s.name for s in self.segments}
        for child in self.path.iterdir():
            if child.name == "manifest.json" or child.name in live:
                continue
            if child.name.startswith((".tmp-", "seg-", ".manifest-")):
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)  # Windows: a mapped file may stay
                else:
                    with contextlib.suppress(OSError):
                        child.unlink()

    def _segment_name(self) -> str:
        return f"seg-{uuid.uuid4().hex[:12]}"

    def add(
        self, materials: Sequence[NewMaterial]
    ) -> tuple[list[CorpusEntry], list[tuple[NewMaterial, CorpusEntry]]]:
        """Add materials; returns (added entries, skipped duplicates with the entry they repeat)."""
        self.path.mkdir(parents=True, exist_ok=True)
        known = {e.sha256: e for _, _, e in self.entries()}
        fresh: list[NewMaterial] = []
        skipped: list[tuple[NewMaterial, CorpusEntry]] = []
        for m in materials:
            for tag in m.tags:
                check_tag(tag)
            sha = text_sha256(m.text)
            if sha in known:
                skipped.append((m, known[sha]))
                continue
            known[sha] = CorpusEntry(-1, m.name, m.path, m.tags, sha, 0)
            fresh.append(m)
        added: list[CorpusEntry] = []
        batch: list[NewMaterial] = []
        size = 0
        new_segments: list[Segment] = []
        next_id = self.next_id

        def flush() -> None:
            nonlocal batch, size, next_id
            if not batch:
                return
            seg = build_segment(
                self._segment_name(),
                batch,
                next_id,
                self.params,
                common=self.common,
                prior=[*self.segments, *new_segments],
            )
            write_segment(self.path, seg)
            new_segments.append(load_segment(self.path / seg.name))
            next_id += len(batch)
            added.extend(seg.entries)
            batch, size = [], 0

        for m in fresh:
            batch.append(m)
            size += len(m.text)
            if size >= SEGMENT_CHARS:
                flush()
        flush()
        if new_segments:
            # The one commit point of the whole add: until this replace, readers (and a restart
            # after a crash) see the corpus as it was.
            self._write_manifest(
                [s.name for s in (*self.segments, *new_segments)], self.removed, next_id
            )
            self.segments.extend(new_segments)
            self.next_id = next_id
            self._by_sha = None
        if len(self.segments) > MAX_SEGMENTS:
            self.compact(small_only=True)
        self._cleanup()
        return added, skipped

    def resolve(self, key: str) -> CorpusEntry:
        for _, _, e in self.entries():
            if str(e.id) == key or e.name == key or e.path == key:
                return e
        raise InputError(MSG["unknown"].format(key=key))

    def remove(self, keys: Sequence[str]) -> list[CorpusEntry]:
        gone = [self.resolve(k) for k in keys]
        self.removed = frozenset(self.removed | {e.id for e in gone})
        self._by_sha = None
        self._write_manifest([s.name for s in self.segments], self.removed, self.next_id)
        return gone

    def compact(self, *, small_only: bool = False) -> None:
        """Rewrite live materials into as few segments as possible (drops removed ones).

        With ``small_only`` only the segments smaller than a quarter of :data:`SEGMENT_CHARS`
        are merged (what ``add`` does when segments pile up); the large ones stay as they are.
        """
        if small_only:
            merge = [s for s in self.segments if int(s.text.shape[0]) < SEGMENT_CHARS // 4]
            if len(merge) < 2:
                return
        else:
            merge = list(self.segments)
        keep = [s for s in self.segments if s not in merge]
        live = [
            (e.id, NewMaterial(e.name, s.canonical_text(i), e.path, e.tags))
            for s in merge
            for i, e in enumerate(s.entries)
            if e.id not in self.removed
        ]
        new_segments: list[Segment] = []
        start = 0
        while start < len(live):
            end, size = start, 0
            while end < len(live) and (
                end == start or size + len(live[end][1].text) <= SEGMENT_CHARS
            ):
                size += len(live[end][1].text)
                end += 1
            batch = live[start:end]
            seg = build_segment(
                self._segment_name(),
                [m for _, m in batch],
                0,
                self.params,
                common=self.common,
                prior=[*keep, *new_segments],
            )
            seg.entries = tuple(
                CorpusEntry(i, e.name, e.path, e.tags, e.sha256, e.chars)
                for (i, _), e in zip(batch, seg.entries, strict=True)
            )
            seg.ids = np.asarray([i for i, _ in batch], dtype=np.int64)
            write_segment(self.path, seg)
            new_segments.append(load_segment(self.path / seg.name))
            start = end
        merged_ids = {e.id for s in merge for e in s.entries}
        removed = self.removed - merged_ids
        self._write_manifest([s.name for s in (*keep, *new_segments)], removed, self.next_id)
        self.segments = [*keep, *new_segments]
        self.removed = frozenset(removed)
        self._by_sha = None
        self._cleanup()
