"""The on-disk corpus: incremental adds, listing, removal, and safety against interrupted writes."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mingjing.errors import ConfigError, InputError
from mingjing.similarity.compare import Material, compare_material
from mingjing.similarity.index import Corpus, NewMaterial

from .conftest import salad


def _materials(seed: int, n: int, size: int = 1200) -> list[NewMaterial]:
    r = random.Random(seed)
    return [
        NewMaterial(f"m{seed}-{i}.txt", salad(r, size), f"/data/m{seed}-{i}.txt", ("year:2023",))
        for i in range(n)
    ]


def test_incremental_adds_are_all_searchable_after_reopening(tmp_path: Path) -> None:
    first, second = _materials(1, 5), _materials(2, 5)
    c = Corpus.open(tmp_path / "c", create=True)
    c.add(first)
    c.add(second)
    c = Corpus.open(tmp_path / "c")
    assert [e.name for _, _, e in c.entries()] == [m.name for m in first + second]
    assert len(c.segments) == 2
    probe = second[3].text[100:400] + first[1].text[500:700]
    report = compare_material(Material("q", probe), c)
    names = {s.name for s in report.sources}
    assert {"m2-3.txt", "m1-1.txt"} <= names


def test_adding_the_same_text_twice_is_skipped(tmp_path: Path) -> None:
    m = _materials(3, 2)
    c = Corpus.open(tmp_path / "c", create=True)
    c.add(m)
    added, skipped = c.add([NewMaterial("copy.txt", m[0].text)])
    assert added == []
    assert skipped[0][1].name == "m3-0.txt"


def test_a_material_already_in_the_corpus_is_not_its_own_source(tmp_path: Path) -> None:
    m = _materials(4, 3)
    c = Corpus.open(tmp_path / "c", create=True)
    c.add(m)
    report = compare_material(Material("again", m[1].text), c)
    assert report.sources == ()
    assert report.skipped_self == ("m4-1.txt",)


def test_removed_materials_are_no_longer_sources_and_compaction_drops_them(tmp_path: Path) -> None:
    m = _materials(5, 4)
    c = Corpus.open(tmp_path / "c", create=True)
    c.add(m)
    c.remove(["m5-2.txt"])
    probe = m[2].text[:600]
    assert compare_material(Material("q", probe), Corpus.open(tmp_path / "c")).sources == ()
    c = Corpus.open(tmp_path / "c")
    c.compact()
    c = Corpus.open(tmp_path / "c")
    assert [e.name for _, _, e in c.entries()] == ["m5-0.txt", "m5-1.txt", "m5-3.txt"]
    assert [e.id for _, _, e in c.entries()] == [0, 1, 3]
    assert compare_material(Material("q", m[3].text[:600]), c).sources[0].name == "m5-3.txt"


def test_unknown_entry_and_bad_tag_are_user_errors(tmp_path: Path) -> None:
    c = Corpus.open(tmp_path / "c", create=True)
    c.add(_materials(6, 1))
    with pytest.raises(InputError):
        c.remove(["nope"])
    with pytest.raises(ConfigError):
        c.add([NewMaterial("x", "一二三", tags=("year:23",))])


def test_opening_a_folder_that_is_not_a_corpus_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        Corpus.open(tmp_path)
    assert "比对库" in str(err.value)


_ADDER = """
import random, sys
from pathlib import Path
import mingjing.similarity.index as ix
sys.path.insert(0, sys.argv[2])
from tests.similarity.conftest import POOL
ix.SEGMENT_CHARS = 100_000   # many segments: the add takes a while and writes many files
r = random.Random(99)
mats = [ix.NewMaterial(f"late-{i}", "".join(r.choices(POOL, k=2000))) for i in range(3000)]
print("ready", flush=True)
ix.Corpus.open(Path(sys.argv[1])).add(mats)
print("done", flush=True)
"""


def test_an_add_killed_midway_leaves_the_corpus_readable_and_unchanged(tmp_path: Path) -> None:
    root = tmp_path / "c"
    base = _materials(7, 6)
    c = Corpus.open(root, create=True)
    c.add(base)
    manifest_before = (root / "manifest.json").read_bytes()
    probe = Material("q", base[4].text[200:900])
    before = compare_material(probe, c)

    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-c", _ADDER, str(root), str(repo)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(
        p.name.startswith(("seg-", ".tmp-")) and p.name not in manifest_before.decode()
        for p in root.iterdir()
    ):
        time.sleep(0.002)
    time.sleep(0.3)  # well inside the add: several segments written, the manifest not yet
    proc.kill()
    proc.wait(timeout=30)
    assert proc.returncode != 0, "the add finished before it could be interrupted"

    assert (root / "manifest.json").read_bytes() == manifest_before
    after_kill = Corpus.open(root)
    assert [e.name for _, _, e in after_kill.entries()] == [m.name for m in base]
    again = compare_material(probe, after_kill)
    assert [(s.name, s.ratio) for s in again.sources] == [(s.name, s.ratio) for s in before.sources]

    # The next successful write removes what the interrupted one left behind.
    after_kill.add(_materials(8, 1))
    live = set(json.loads((root / "manifest.json").read_text(encoding="utf-8"))["segments"])
    leftovers = [p.name for p in root.iterdir() if p.is_dir() and p.name not in live]
    assert leftovers == []


def test_many_small_adds_are_merged_and_stay_searchable(tmp_path: Path) -> None:
    from mingjing.similarity.index import MAX_SEGMENTS

    c = Corpus.open(tmp_path / "c", create=True)
    batches = [_materials(100 + k, 1, 800) for k in range(MAX_SEGMENTS + 2)]
    for b in batches:
        c.add(b)
    c = Corpus.open(tmp_path / "c")
    assert len(c.segments) <= MAX_SEGMENTS
    assert [e.id for _, _, e in c.entries()] == list(range(MAX_SEGMENTS + 2))
    probe = batches[3][0].text[100:500]
    assert compare_material(Material("q", probe), c).sources[0].name == batches[3][0].name
