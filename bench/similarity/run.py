"""Copy-detection benchmark: winnowing corpus index against datasketch MinHashLSH, in one run.

    .venv/bin/python -m bench.similarity.run            # 20,000 and 100,000 materials (minutes)
    .venv/bin/python -m bench.similarity.run --quick    # 2,000 materials (under a minute)

Each phase runs in a fresh process (``spawn``) so its peak memory (``ru_maxrss``) is its own:
build (normalise, fingerprint, write the on-disk corpus), query (one material against the whole
corpus: latency, and recall of the planted passages), all-pairs (every pair of the corpus), and the
MinHash baseline (datasketch MinHash + MinHashLSH over character 5-grams, 128 permutations).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

from bench.similarity.corpus import P1_LENGTHS, Planted, SyntheticCorpus, generate

QUERY_SAMPLE = 300


def _peak_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _mem() -> dict[str, float]:
    """Resident memory now (MB): anonymous (heap, arrays) and file-backed (memory-mapped index
    pages, which the kernel can drop and re-read), plus the peak of the total (VmHWM)."""
    out: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


def _load(path: str) -> SyntheticCorpus:
    with open(path, "rb") as f:
        corpus: SyntheticCorpus = pickle.load(f)
    return corpus


# ---------------------------------------------------------------------------------------------
# Phases (each in its own process)


def phase_build(corpus_file: str, index_dir: str) -> dict[str, Any]:
    from mingjing.similarity.fingerprint import FingerprintParams, fingerprint_many
    from mingjing.similarity.index import Corpus, NewMaterial, _views

    corpus = _load(corpus_file)
    texts = corpus.texts
    harness = _mem()
    chars = sum(len(t) for t in texts)
    params = FingerprintParams()
    # Fingerprinting alone (normalised views in, fingerprints out), in batches of 10,000 materials.
    t_norm = t_fp = 0.0
    view_chars = 0
    n_fp = 0
    for i in range(0, len(texts), 10_000):
        t0 = time.perf_counter()
        codes, starts = _views(texts[i : i + 10_000])
        t1 = time.perf_counter()
        h, _ = fingerprint_many(codes, starts, params)
        t2 = time.perf_counter()
        t_norm += t1 - t0
        t_fp += t2 - t1
        view_chars += int(codes.shape[0])
        n_fp += int(h.shape[0])
        del codes, starts, h
    # The whole build: normalise, fingerprint, sort, flag common fingerprints, write segments.
    t0 = time.perf_counter()
    c = Corpus.open(Path(index_dir), create=True)
    c.add([NewMaterial(f"m{i:06d}", t) for i, t in enumerate(texts)])
    build = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in Path(index_dir).rglob("*") if f.is_file())
    seg_fp = sum(int(s.fp_hash.shape[0]) for s in c.segments)
    seg_tk = sum(int(s.tk_hash.shape[0]) for s in c.segments)
    return {
        "materials": len(texts),
        "characters": chars,
        "view_characters": view_chars,
        "normalise_mchars_per_s": round(chars / t_norm / 1e6, 1),
        "fingerprint_mchars_per_s": round(view_chars / t_fp / 1e6, 1),
        "fingerprints_per_material": round(n_fp / len(texts), 1),
        "build_s": round(build, 1),
        "build_mchars_per_s": round(chars / build / 1e6, 1),
        "segments": len(c.segments),
        "index_rows": seg_fp,
        "tgram_rows": seg_tk,
        "index_bytes": size,
        "build_peak_mb": _peak_mb(),
        "memory_after_loading_texts_mb": harness,
    }


def _recall(planted: list[Planted], found: dict[int, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for length in P1_LENGTHS:
        rows = [p for p in planted if p.kind == "P1" and p.length == length]
        if not rows:
            continue
        attributed = located = covered = common = 0
        for p in rows:
            raw, cover = found[p.target]
            vs, ve = p.view_span
            sel = raw.doc == p.source
            hit = sel & (raw.qs <= vs + 1) & (raw.qe >= ve - 1)
            # Inside text that more than `common` materials share (a stock sentence): reported as
            # 常用语 with its count, not attributed to one source.
            cs = raw.common_starts
            in_common = np.zeros(ve - vs, dtype=bool)
            for s in cs[(cs < ve) & (cs + 13 > vs)].tolist():
                in_common[max(s, vs) - vs : min(s + 13, ve) - vs] = True
            is_common = bool(in_common.all()) and not hit.any()
            common += is_common
            attributed += bool(hit.any())
            located += bool((sel & (np.abs(raw.qs - vs) <= 1) & (np.abs(raw.qe - ve) <= 1)).any())
            covered += bool(cover[vs:ve].mean() >= 0.9)
        out[f"P1_{length}"] = {
            "n": len(rows),
            "attributed": round(attributed / len(rows), 4),
            "common_phrase": round(common / len(rows), 4),
            "attributed_or_common": round((attributed + common) / len(rows), 4),
            "located_pm1": round(located / len(rows), 4),
            "covered": round(covered / len(rows), 4),
        }
    p3 = [p for p in planted if p.kind == "P3"]
    if p3:
        cov = []
        for p in p3:
            raw, _ = found[p.target]
            vs, ve = p.view_span
            m = np.zeros(ve - vs, dtype=bool)
            for qs, qe in zip(
                raw.qs[raw.doc == p.source].tolist(),
                raw.qe[raw.doc == p.source].tolist(),
                strict=True,
            ):
                m[max(qs, vs) - vs : max(min(qe, ve) - vs, 0)] = True
            cov.append(m.mean())
        out["P3_edited"] = {
            "n": len(p3),
            "found": round(float(np.mean(np.array(cov) > 0)), 4),
            "median_coverage": round(float(np.median(cov)), 3),
        }
    p2 = [p for p in planted if p.kind == "P2"]
    if p2:
        errs = []
        hits = 0
        for p in p2:
            raw, _ = found[p.target]
            sel = raw.doc == p.source
            n = found[p.target][1].shape[0]
            m = np.zeros(n, dtype=bool)
            for qs, qe in zip(raw.qs[sel].tolist(), raw.qe[sel].tolist(), strict=True):
                m[qs:qe] = True
            hits += bool(sel.any())
            errs.append(abs(m.mean() - p.ratio))
        out["P2_template"] = {
            "n": len(p2),
            "found": round(hits / len(p2), 4),
            "median_ratio_error": round(float(np.median(errs)), 4),
        }
    return out


def phase_query(corpus_file: str, index_dir: str) -> dict[str, Any]:
    from mingjing.similarity.compare import (
        CompareSettings,
        Material,
        compare_material,
        find_passages,
    )
    from mingjing.similarity.exclusion import load_default_library
    from mingjing.similarity.index import Corpus
    from mingjing.similarity.normalize import match_view

    corpus = _load(corpus_file)
    harness = _mem()  # the synthetic texts held by the benchmark itself, not by the index
    t0 = time.perf_counter()
    c = Corpus.open(Path(index_dir))
    open_s = time.perf_counter() - t0
    settings = CompareSettings(library=load_default_library())
    rng = np.random.default_rng(11)
    sample = rng.choice(len(corpus.texts), size=min(QUERY_SAMPLE, len(corpus.texts)), replace=False)
    # Warm the memory map once (a cold first query pays for page faults).
    compare_material(
        Material("warm", corpus.texts[int(sample[0])]),
        c,
        settings=settings,
        exclude_ids=frozenset({int(sample[0])}),
    )
    lat = []
    ratios = []
    for i in sample.tolist():
        t0 = time.perf_counter()
        r = compare_material(
            Material(f"m{i}", corpus.texts[i]), c, settings=settings, exclude_ids=frozenset({i})
        )
        lat.append(time.perf_counter() - t0)
        ratios.append(r.ratio)
    # Recall: every planted target against the whole corpus, itself excluded.
    found: dict[int, Any] = {}
    t_find = []
    for p in corpus.planted:
        if p.target in found:
            continue
        v = match_view(corpus.texts[p.target])
        t0 = time.perf_counter()
        raw = find_passages(v, c, frozenset({p.target}))
        t_find.append(time.perf_counter() - t0)
        cover = np.zeros(len(v) + 1, dtype=np.int32)
        np.add.at(cover, raw.qs, 1)
        np.add.at(cover, raw.qe, -1)
        for s in raw.common_starts.tolist():
            cover[s] += 1
            cover[s + c.params.t] -= 1
        found[p.target] = (raw, np.cumsum(cover[:-1]) > 0)
    clean = [i for i in sample.tolist() if i not in found]
    return {
        "open_s": round(open_s, 3),
        "query_ms_median": round(float(np.median(lat)) * 1e3, 1),
        "query_ms_p95": round(float(np.percentile(lat, 95)) * 1e3, 1),
        "find_passages_ms_median": round(float(np.median(t_find)) * 1e3, 1),
        "noise_ratio_median_clean": round(
            float(np.median([ratios[j] for j, i in enumerate(sample.tolist()) if i in clean]))
            if clean
            else 0.0,
            4,
        ),
        "recall": _recall(corpus.planted, found),
        "query_peak_mb": _peak_mb(),
        "memory_after_loading_texts_mb": harness,
        "memory_end_mb": _mem(),
    }


def phase_all_pairs(corpus_file: str, index_dir: str) -> dict[str, Any]:
    from mingjing.similarity.compare import all_pairs
    from mingjing.similarity.index import Corpus

    corpus = _load(corpus_file)
    c = Corpus.open(Path(index_dir))
    t0 = time.perf_counter()
    table = all_pairs(c)
    elapsed = time.perf_counter() - t0
    pairs = {
        (int(a), int(b)): (int(lg), int(tt))
        for a, b, lg, tt in zip(table.a, table.b, table.longest, table.total, strict=True)
    }
    explained: set[tuple[int, int]] = set()
    by_tpl: dict[int, list[int]] = {}
    rec: dict[str, Any] = {}
    for length in P1_LENGTHS:
        rows = [p for p in corpus.planted if p.kind == "P1" and p.length == length]
        ok = sum((min(p.source, p.target), max(p.source, p.target)) in pairs for p in rows)
        rec[f"P1_{length}"] = round(ok / len(rows), 4) if rows else None
    for p in corpus.planted:
        explained.add((min(p.source, p.target), max(p.source, p.target)))
        if p.kind == "P2":
            by_tpl.setdefault(p.source, []).append(p.target)
    for targets in by_tpl.values():
        for i in targets:
            for j in targets:
                if i < j:
                    explained.add((i, j))
    p2 = [p for p in corpus.planted if p.kind == "P2"]
    p3 = [p for p in corpus.planted if p.kind == "P3"]
    rec["P2_template"] = round(
        sum((min(p.source, p.target), max(p.source, p.target)) in pairs for p in p2)
        / max(len(p2), 1),
        4,
    )
    rec["P3_edited"] = round(
        sum((min(p.source, p.target), max(p.source, p.target)) in pairs for p in p3)
        / max(len(p3), 1),
        4,
    )
    rules = {}
    for name, cond in (
        ("longest>=13", lambda lg, tt: True),
        ("longest>=30", lambda lg, tt: lg >= 30),
        ("longest>=50", lambda lg, tt: lg >= 50),
        ("total>=60", lambda lg, tt: tt >= 60),
    ):
        chosen = [k for k, (lg, tt) in pairs.items() if cond(lg, tt)]
        rules[name] = {"pairs": len(chosen), "unexplained": sum(k not in explained for k in chosen)}
    return {
        "all_pairs_s": round(elapsed, 1),
        "pairs": len(table),
        "hits": getattr(table, "hits", 0),
        "recall": rec,
        "alert_rules": rules,
        "all_pairs_peak_mb": _peak_mb(),
    }


def phase_minhash(corpus_file: str, thresholds: tuple[float, ...]) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    from mingjing.similarity.fingerprint import gram_hashes
    from mingjing.similarity.normalize import match_view

    corpus = _load(corpus_file)
    texts = corpus.texts
    t0 = time.perf_counter()
    sigs = []
    for t in texts:
        hv = (gram_hashes(match_view(t).codes, 5) & np.uint64(0xFFFFFFFF)).tolist()
        m = MinHash(num_perm=128, hashfunc=int)
        m.update_batch(hv)
        sigs.append(m)
    sig_s = time.perf_counter() - t0
    out: dict[str, Any] = {
        "signature_ms_per_material": round(sig_s / len(texts) * 1e3, 3),
        "signature_s": round(sig_s, 1),
    }
    targets = sorted({p.target for p in corpus.planted})
    for th in thresholds:
        t0 = time.perf_counter()
        lsh = MinHashLSH(threshold=th, num_perm=128)
        with lsh.insertion_session() as s:
            for i, m in enumerate(sigs):
                s.insert(i, m, check_duplication=False)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        cand = {i: set(lsh.query(sigs[i])) - {i} for i in targets}
        q_ms = (time.perf_counter() - t0) / max(len(targets), 1) * 1e3
        rec: dict[str, Any] = {}
        for length in P1_LENGTHS:
            rows = [p for p in corpus.planted if p.kind == "P1" and p.length == length]
            rec[f"P1_{length}"] = (
                round(sum(p.source in cand[p.target] for p in rows) / len(rows), 4)
                if rows
                else None
            )
        for kind, label in (("P2", "P2_template"), ("P3", "P3_edited")):
            rows = [p for p in corpus.planted if p.kind == kind]
            rec[label] = round(sum(p.source in cand[p.target] for p in rows) / max(len(rows), 1), 4)
        sample = range(0, len(texts), max(1, len(texts) // 300))
        t0 = time.perf_counter()
        n_cand = sum(len(lsh.query(sigs[i])) - 1 for i in sample)
        out[f"lsh_{th}"] = {
            "build_s": round(build, 1),
            "query_ms": round(q_ms, 3),
            "candidates_per_material": round(n_cand / len(sample), 1),
            "recall": rec,
        }
        del lsh
    out["minhash_peak_mb"] = _peak_mb()
    return out


def _run(fn: Any, *args: Any) -> Any:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as ex:
        return ex.submit(fn, *args).result()


def machine() -> dict[str, Any]:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(
                cmd, shell=True, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except OSError:
            return ""

    return {
        "nproc": os.cpu_count(),
        "lscpu": sh("lscpu | head -n 14"),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }


def main(argv: list[str] | None = None, *, quick: bool = False) -> dict[str, Any]:
    """Run the benchmark; ``bench/__main__.py`` calls ``main(quick=…)``, the command line passes argv."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="2,000 materials only")
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv if argv is not None else [])
    quick = quick or args.quick
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([2000] if quick else [20_000, 100_000])
    )
    results: dict[str, Any] = {"machine": machine(), "runs": {}}
    work = Path(tempfile.mkdtemp(prefix="mj-bench-sim-"))
    try:
        for n in sizes:
            t0 = time.perf_counter()
            corpus = generate(n)
            gen_s = time.perf_counter() - t0
            cfile = work / f"corpus-{n}.pkl"
            with open(cfile, "wb") as f:
                pickle.dump(corpus, f, protocol=pickle.HIGHEST_PROTOCOL)
            del corpus
            idx = work / f"index-{n}"
            run: dict[str, Any] = {"generate_s": round(gen_s, 1)}
            run["build"] = _run(phase_build, str(cfile), str(idx))
            run["query"] = _run(phase_query, str(cfile), str(idx))
            if n <= 20_000:
                run["all_pairs"] = _run(phase_all_pairs, str(cfile), str(idx))
            run["minhash"] = _run(phase_minhash, str(cfile), (0.5, 0.1) if n <= 20_000 else (0.5,))
            results["runs"][str(n)] = run
            shutil.rmtree(idx, ignore_errors=True)
            cfile.unlink()
            print(
                json.dumps({str(n): run}, ensure_ascii=False, indent=1), file=sys.stderr, flush=True
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return results


if __name__ == "__main__":
    out = main(sys.argv[1:])
    print(json.dumps(out, ensure_ascii=False, indent=1))
