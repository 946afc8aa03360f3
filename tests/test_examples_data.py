"""Consistency of the bundled examples and the test documents, checked without any parser.

What these tests hold the data to:

- ``examples/DEFECTS.md`` is well formed and every quote is found exactly once in its file's
  canonical text (docx: paragraphs, table cells included, joined by newlines, with the labels of
  Word auto-numbering in front — quotes never contain labels);
- every material has an entry in ``tests/data/expected_outlines.json`` and every entry a file;
  the facts stated there appear in the text;
- the formats are what their names promise (GB18030 bytes, CRLF, real Word auto-numbering);
- ``tools/examples/build.py`` reproduces the committed files;
- the PDF-pasted variants carry the same text as their originals;
- the only long passages shared between materials are the documented copies.

Regenerate after editing a source: ``.venv/bin/python tools/examples/build.py``; then update
DEFECTS.md and expected_outlines.json by hand (they are the specification, not an output).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MATERIALS = ROOT / "tests" / "data" / "materials"
PDF_PASTED = ROOT / "tests" / "data" / "pdf_pasted"
OUTLINES = ROOT / "tests" / "data" / "expected_outlines.json"
DEFECTS = EXAMPLES / "DEFECTS.md"
BUILD = ROOT / "tools" / "examples" / "build.py"

CATEGORIES = {
    "placeholder",
    "numbering",
    "count",
    "repetition",
    "formulation",
    "typo",
    "punctuation",
    "structure",
    "framework",
    "specificity",
    "correspondence",
    "whitespace",
    "copy",
}
SECTION_KINDS = {"problems", "cases", "causes", "measures", "other"}
NOT_MATERIALS = {"README.md", "DEFECTS.md"}
CN_DIGITS = "一二三四五六七八九十"

# --------------------------------------------------------------------------- reading


def _chinese_counting(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens - 1]) + "十" + (CN_DIGITS[ones - 1] if ones else "")


def _iter_paragraphs(document: docx.document.Document) -> Iterator[object]:
    """Body paragraphs in document order, descending into table cells (merged cells once)."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs
        else:
            yield block


@dataclass(frozen=True, slots=True)
class NumberingLevel:
    fmt: str
    text: str


def _numbering_levels(document: docx.document.Document) -> dict[str, dict[int, NumberingLevel]]:
    """numId → ilvl → (numFmt, lvlText), for the simple case our generator writes."""
    root = document.part.numbering_part.element
    abstract: dict[str, dict[int, NumberingLevel]] = {}
    for an in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in an.findall(qn("w:lvl")):
            levels[int(lvl.get(qn("w:ilvl")))] = NumberingLevel(
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")),
            )
        abstract[an.get(qn("w:abstractNumId"))] = levels
    return {
        num.get(qn("w:numId")): abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
        for num in root.findall(qn("w:num"))
    }


def _num_pr(paragraph: object) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    if ppr is None or ppr.numPr is None:
        return None
    return ppr.numPr.numId.val and str(ppr.numPr.numId.val), int(ppr.numPr.ilvl.val)


def _docx_lines(path: Path, *, labels: bool) -> list[str]:
    """Paragraph texts; with ``labels`` the auto-numbering label is written in front."""
    document = docx.Document(str(path))
    levels = _numbering_levels(document)
    counters: dict[str, list[int]] = {}
    lines = []
    for paragraph in _iter_paragraphs(document):
        text = paragraph.text  # type: ignore[attr-defined]
        numbered = _num_pr(paragraph)
        if labels and numbered is not None:
            num_id, ilvl = numbered
            count = counters.setdefault(num_id, [0] * 9)
            count[ilvl] += 1
            count[ilvl + 1 :] = [0] * (8 - ilvl)
            level = levels[num_id][ilvl]
            label = level.text
            for k in range(ilvl + 1):
                fmt = levels[num_id][k].fmt
                value = count[k]
                shown = _chinese_counting(value) if fmt == "chineseCounting" else str(value)
                label = label.replace(f"%{k + 1}", shown)
            text = label + text
        lines.append(text)
    return lines


@cache
def canonical_text(path: Path) -> str:
    """The text later features see: decoded file, or docx paragraphs with labels."""
    if path.suffix == ".docx":
        return "\n".join(_docx_lines(path, labels=True))
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def plain_lines(path: Path) -> list[str]:
    """Paragraphs without labels, line endings normalised; blank lines dropped."""
    if path.suffix == ".docx":
        return [t for t in _docx_lines(path, labels=False) if t.strip()]
    text = canonical_text(path).replace("\r\n", "\n")
    return [line for line in text.split("\n") if line.strip()]


def normalise(text: str) -> str:
    """Han characters, letters and digits only (what copy detection compares)."""
    return "".join(ch for ch in text if re.match(r"[\u4e00-\u9fffA-Za-z0-9]", ch))


# --------------------------------------------------------------------------- data under test


@dataclass(frozen=True, slots=True)
class Defect:
    id: str
    file: str
    category: str
    quote: str
    note: str

    @property
    def path(self) -> Path:
        return EXAMPLES / self.file


@cache
def defects() -> tuple[Defect, ...]:
    rows = []
    for line in DEFECTS.read_text(encoding="utf-8").splitlines():
        if not re.match(r"^\| D\d", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        assert len(cells) == 5, line
        quote = cells[3]
        assert quote.startswith("`") and quote.endswith("`"), line
        rows.append(Defect(cells[0], cells[1], cells[2], quote[1:-1], cells[4]))
    return tuple(rows)


@cache
def outlines() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return data


def example_materials() -> list[Path]:
    return sorted(
        p
        for p in EXAMPLES.rglob("*")
        if p.is_file()
        and p.name not in NOT_MATERIALS
        and not p.name.startswith(".")
        and "opinions" not in p.relative_to(EXAMPLES).parts  # opinion sets, not materials
    )


def test_materials() -> list[Path]:
    return sorted(p for p in MATERIALS.iterdir() if p.is_file() and not p.name.startswith("."))


test_materials.__test__ = False  # type: ignore[attr-defined]

CLEAN = "组织委员_殳晓岚_对照检查材料_2023_无缺陷.docx"
AUTO_NUMBERED = EXAMPLES / "领导班子_对照检查材料_2023.docx"
GB18030_FILE = EXAMPLES / "党委副书记_钟毓苓_对照检查材料_2023_GB18030.txt"

# --------------------------------------------------------------------------- DEFECTS.md


def test_defects_table_is_well_formed() -> None:
    rows = defects()
    assert len(rows) >= 40
    assert [r.id for r in rows] == [f"D{i:02d}" for i in range(1, len(rows) + 1)]
    for row in rows:
        assert row.category in CATEGORIES, row
        assert row.path.is_file(), row
        assert row.quote and row.note, row
    header = "| id | file | category | quote | note |"
    assert header in DEFECTS.read_text(encoding="utf-8")


@pytest.mark.parametrize("row", defects(), ids=lambda r: r.id)
def test_each_quote_occurs_exactly_once(row: Defect) -> None:
    text = canonical_text(row.path)
    assert text.count(row.quote) == 1, f"{row.id}: {row.quote!r} occurs {text.count(row.quote)}×"


def test_quotes_of_the_auto_numbered_docx_are_found_without_labels() -> None:
    plain = "\n".join(_docx_lines(AUTO_NUMBERED, labels=False))
    for row in defects():
        if row.path == AUTO_NUMBERED:
            assert plain.count(row.quote) == 1, row


def test_every_category_is_planted_and_spread_over_formats() -> None:
    rows = defects()
    assert {r.category for r in rows} == CATEGORIES
    suffixes = {r.path.suffix for r in rows}
    assert {".docx", ".txt", ".md"} <= suffixes
    planted_in = {r.file for r in rows}
    assert AUTO_NUMBERED.name in planted_in and GB18030_FILE.name in planted_in
    for category in CATEGORIES - {"copy"}:
        assert sum(r.category == category for r in rows) >= 1


def test_defects_inside_auto_numbered_paragraphs_and_table_cells() -> None:
    document = docx.Document(str(AUTO_NUMBERED))
    numbered = [p.text for p in document.paragraphs if _num_pr(p) is not None]
    cells = [
        p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    quotes = [r.quote for r in defects() if r.path == AUTO_NUMBERED]
    assert any(q in text for q in quotes for text in numbered)
    assert any(q in text for q in quotes for text in cells)


def test_exactly_one_clean_material_and_it_is_named_in_defects() -> None:
    materials = [p for p in example_materials() if p.parent == EXAMPLES]
    with_defects = {r.path for r in defects()}
    clean = [p for p in materials if p not in with_defects]
    assert [p.name for p in clean] == [CLEAN]
    assert CLEAN in DEFECTS.read_text(encoding="utf-8").split("## 问题清单")[0]


def test_clean_material_has_none_of_the_surface_defects() -> None:
    text = canonical_text(EXAMPLES / CLEAN)
    for marker in ("**", "XX", "xx", "××", "某", "___", "【", "习总书记", "新世代", "十个坚持"):
        assert marker not in text, marker
    assert not re.search(r"[\u4e00-\u9fff][,;:!?()][\u4e00-\u9fff]", text)
    assert not re.search(r"[\u00a0\u3000]|[\u4e00-\u9fff] [\u4e00-\u9fff]", text)
    for line in text.split("\n"):
        assert line.count("“") == line.count("”"), line
        assert line.count("（") == line.count("）"), line


def test_copied_passages_are_long_enough_and_present_on_both_sides() -> None:
    rows = [r for r in defects() if r.category == "copy"]
    texts = {p: normalise(canonical_text(p)) for p in example_materials()}
    for row in rows:
        q = normalise(row.quote)
        partners = [p for p, t in texts.items() if p != row.path and q in t]
        assert partners, f"{row.id}: quote not found in any other example"
        for partner in partners:
            assert _longest_common(texts[row.path], texts[partner]) >= 50, row
    member_rows = [r for r in rows if "templates" not in r.note]
    assert len(member_rows) >= 4  # two passages, listed on both sides


def _longest_common(a: str, b: str, floor: int = 20) -> int:
    """Length of the longest common substring, found by growing from ``floor``-grams."""
    grams = {b[i : i + floor] for i in range(len(b) - floor + 1)}
    best = 0
    i = 0
    while i <= len(a) - floor:
        if a[i : i + floor] in grams:
            n = floor
            while i + n < len(a) and a[i : i + n + 1] in b:
                n += 1
            best = max(best, n)
            i += 1
        else:
            i += 1
    return best


def test_member_copies_reach_sixty_characters() -> None:
    zhen = normalise(canonical_text(EXAMPLES / "镇长_骆承岷_对照检查材料_2023.txt"))
    fu = normalise(canonical_text(GB18030_FILE))
    runs = _common_runs(zhen, fu, 40)
    assert len(runs) == 2 and min(runs) >= 60, runs


def _common_runs(a: str, b: str, k: int) -> list[int]:
    """Lengths of maximal runs of shared k-grams (each shared passage gives one run)."""
    grams = {b[i : i + k] for i in range(len(b) - k + 1)}
    hits = [i for i in range(len(a) - k + 1) if a[i : i + k] in grams]
    runs = []
    for _, group in itertools.groupby(enumerate(hits), key=lambda x: x[1] - x[0]):
        positions = [pos for _, pos in group]
        runs.append(positions[-1] - positions[0] + k)
    return runs


def test_no_undocumented_long_passage_is_shared() -> None:
    files = example_materials() + test_materials()
    texts = {p: normalise(canonical_text(p)) for p in files}
    documented = set()
    for row in defects():
        if row.category == "copy":
            q = normalise(row.quote)
            documented |= {
                frozenset((row.path, p)) for p, t in texts.items() if p != row.path and q in t
            }
    for a, b in itertools.combinations(files, 2):
        if frozenset((a, b)) in documented:
            continue
        runs = _common_runs(texts[a], texts[b], 40)
        assert not runs, f"{a.name} and {b.name} share {runs} characters"


# --------------------------------------------------------------------------- outlines


def test_every_material_has_an_expected_outline_and_vice_versa() -> None:
    files = example_materials() + test_materials() + sorted(PDF_PASTED.glob("*.pdf.txt"))
    keys = {p.relative_to(ROOT).as_posix() for p in files}
    assert keys == set(outlines())


@pytest.mark.parametrize("key", sorted(outlines()))
def test_outline_entry_is_well_formed_and_its_facts_are_in_the_text(key: str) -> None:
    entry = outlines()[key]
    assert set(entry) == {"sections", "items_with_instance", "facts"}
    sections = entry["sections"]
    assert isinstance(sections, list)
    items = 0
    for section in sections:
        assert set(section) == {"kind", "parts"} and section["kind"] in SECTION_KINDS
        assert all(isinstance(n, int) and n >= 0 for n in section["parts"])
        items += sum(section["parts"])
    assert isinstance(entry["items_with_instance"], int)
    assert 0 <= entry["items_with_instance"] <= items
    facts = entry["facts"]
    assert isinstance(facts, dict)
    assert set(facts) == {"opinions_collected", "opinions_merged", "talks"}
    text = canonical_text(ROOT / key).replace("\n", "")
    for name in ("opinions_collected", "opinions_merged"):
        value = facts[name]
        if value == "unfilled":
            assert "**条" in text
        elif value is not None:
            assert isinstance(value, int) and f"{value}条" in text, (name, value)
    if facts["talks"] is not None:
        assert f"{facts['talks']}人次" in text
    if isinstance(facts["opinions_collected"], int) and isinstance(facts["opinions_merged"], int):
        planted = any(
            r.category == "count" and r.path == ROOT / key and "意见" in r.quote for r in defects()
        )
        assert (facts["opinions_merged"] > facts["opinions_collected"]) == planted


def test_items_with_instance_never_exceed_the_instance_words_in_the_text() -> None:
    for key, entry in outlines().items():
        text = canonical_text(ROOT / key)
        words = len(re.findall(r"比如|例如|譬如|如：", text))
        assert entry["items_with_instance"] <= words, key


def test_the_notice_is_flat_and_every_material_has_sections() -> None:
    for key, entry in outlines().items():
        if "会议通知" in key:
            assert entry["sections"] == []
        else:
            assert entry["sections"], key


# --------------------------------------------------------------------------- formats


def test_gb18030_file_is_really_gb18030() -> None:
    data = GB18030_FILE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "存在的问题" in data.decode("gb18030")


def test_auto_numbered_docx_has_real_word_numbering() -> None:
    document = docx.Document(str(AUTO_NUMBERED))
    levels = _numbering_levels(document)
    headings = [p for p in document.paragraphs if p.style.name in ("公文一级标题", "公文二级标题")]
    assert len(headings) >= 8
    for paragraph in headings:
        numbered = _num_pr(paragraph)
        assert numbered is not None, paragraph.text
        num_id, ilvl = numbered
        assert levels[num_id][0] == NumberingLevel("chineseCounting", "%1、")
        assert levels[num_id][1] == NumberingLevel("chineseCounting", "（%2）")
        assert ilvl == (0 if paragraph.style.name == "公文一级标题" else 1)
        assert not re.match(rf"^[（(]?[{CN_DIGITS}]+[、）)]", paragraph.text), paragraph.text
    lines = _docx_lines(AUTO_NUMBERED, labels=True)
    for label in ("一、", "二、存在的问题", "（六）在履行全面从严治党政治责任方面", "四、整改措施"):
        assert any(line.startswith(label) for line in lines), label


def test_text_materials_cover_the_promised_variants() -> None:
    files = test_materials()
    raw = {p: p.read_bytes() for p in files if p.suffix in (".txt", ".md")}
    assert any(b"\r\n" in data for data in raw.values())
    texts = [canonical_text(p) for p in files]
    assert any(re.search(r"^\u3000", t, re.M) for t in texts)
    assert any("(一)" in t and "（二）" in t for t in texts)
    for marker in ("1．", "1、", "（1）", "①", "第一，", "首先，", "反面典型案例剖析"):
        assert any(marker in t for t in texts), marker
    assert {p.suffix for p in files} >= {".txt", ".md", ".docx"}


def test_lengths_are_in_range() -> None:
    for path in example_materials():
        if path.parent == EXAMPLES:
            assert 2500 <= len(canonical_text(path)) <= 6000, path.name
    for path in test_materials():
        n = len(canonical_text(path).replace("\r\n", "\n"))
        assert 1000 <= n <= 3000, path.name


# --------------------------------------------------------------------------- generator


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mingjing_examples_build", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_build_script_reproduces_the_committed_files(tmp_path: Path) -> None:
    build = _load_build()
    written = build.build(tmp_path)
    assert written
    for fresh in written:
        committed = ROOT / fresh.relative_to(tmp_path)
        assert committed.is_file(), committed
        if fresh.suffix == ".docx":
            assert _docx_lines(fresh, labels=True) == _docx_lines(committed, labels=True)
        else:
            assert fresh.read_bytes() == committed.read_bytes(), committed


# --------------------------------------------------------------------------- PDF-pasted


PAGE_NUMBER = re.compile(r"^[-—]\s*\d+\s*[-—]$")


@pytest.mark.parametrize("pasted", sorted(PDF_PASTED.glob("*.pdf.txt")), ids=lambda p: p.name)
def test_pdf_pasted_variant_has_the_original_text(pasted: Path) -> None:
    stem = pasted.name.removesuffix(".pdf.txt")
    originals = [p for p in example_materials() + test_materials() if p.stem == stem]
    assert len(originals) == 1, stem
    original = originals[0]
    lines = pasted.read_text(encoding="utf-8").rstrip("\n").split("\n")
    page_numbers = [i for i, line in enumerate(lines) if PAGE_NUMBER.match(line)]
    assert page_numbers and lines[-1] == lines[page_numbers[-1]]
    counts = [line for line in lines if lines.count(line) == len(page_numbers)]
    header = counts[0] if counts and not PAGE_NUMBER.match(counts[0]) else None
    body = [line for line in lines if not PAGE_NUMBER.match(line) and line != header]
    assert "".join(body) == "".join(plain_lines(original))
    # every paragraph starts on its own line
    starts = set(body)
    joined = "\n".join(body)
    for paragraph in plain_lines(original):
        assert any(paragraph.startswith(s) for s in starts if s), paragraph[:20]
        assert paragraph[:10] in joined
    wrapped = [len(line) for line in body if len(line) > 0]
    assert max(wrapped) <= 34
    assert sum(28 <= n <= 34 for n in wrapped) > len(wrapped) / 2
    gaps = [b - a for a, b in itertools.pairwise(page_numbers)]
    assert all(20 <= g <= 26 for g in gaps)
    assert (
        outlines()[pasted.relative_to(ROOT).as_posix()]
        == outlines()[original.relative_to(ROOT).as_posix()]
    )


def test_one_pdf_variant_has_a_running_header() -> None:
    headers = 0
    for pasted in PDF_PASTED.glob("*.pdf.txt"):
        lines = pasted.read_text(encoding="utf-8").split("\n")
        pages = sum(bool(PAGE_NUMBER.match(line)) for line in lines)
        repeated = {line for line in lines if line and lines.count(line) == pages}
        headers += any(not PAGE_NUMBER.match(line) for line in repeated)
    assert headers == 1
