"""The HTML review report: valid, offline, escaped, every finding shown and highlighted."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from mingjing import parse, read, read_text_string
from mingjing.cli import run
from mingjing.render.html import render_html
from mingjing.review import review
from mingjing.review.engine import Category, Severity
from mingjing.review.runner import ReviewResult
from mingjing.structure.model import SectionKind
from tests.conftest import EXAMPLES, ROOT
from tests.render.helpers import finding, result_with

ARTIFACTS = ROOT / "tests" / "artifacts"
RANK = {"error": 0, "warning": 1, "info": 2}


def _tree(text: str) -> etree._Element:
    """Parse strictly: any HTML5 parse error fails the test."""
    parser = html5lib.HTMLParser(
        tree=html5lib.getTreeBuilder("lxml"), strict=True, namespaceHTMLElements=False
    )
    doc = parser.parse(text)
    root: etree._Element = doc.getroot()
    return root


def _materials(root: etree._Element) -> list[etree._Element]:
    return root.xpath('//section[contains(concat(" ", @class, " "), " material ")]')


def _examples() -> list[Path]:
    return sorted(
        p
        for p in EXAMPLES.glob("*")
        if p.suffix in (".docx", ".txt", ".md") and not p.name.startswith(("README", "DEFECTS"))
    )


@pytest.fixture(scope="module")
def seed_result() -> ReviewResult:
    from tests.conftest import SEED_COPY

    return review(parse(read(SEED_COPY)))


# --- validity, offline, escaping ------------------------------------------------------------


def test_report_is_valid_html5_and_self_contained(seed_result: ReviewResult) -> None:
    text = render_html([seed_result])
    root = _tree(text)
    assert root.tag == "html" and root.get("lang") == "zh-CN"
    # no external resources at all: no link elements, no src, links only to fragments
    assert not root.xpath("//link")
    assert not root.xpath("//*[@src]")
    hrefs = root.xpath("//@href")
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "http://" not in text.split("</style>")[0].split("<style>")[1]
    csp = root.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp and "default-src 'none'" in csp[0]
    styles = "".join(root.xpath("//style/text()"))
    assert "@media print" in styles
    assert len(root.xpath("//script")) == 1


def test_user_text_is_escaped(tmp_path: Path) -> None:
    hostile = (
        '关于<script>alert("x")</script>的材料\n'
        "一、存在的问题\n"
        "一是学习不够系统 & <b>加粗</b>，比如“<img src=x onerror=alert(1)>”。\n"
    )
    doc = read_text_string(hostile, name='a&b"<x>.txt')
    f = finding(doc.text, "<b>加粗</b>", suggestion='<i>"改"</i>')
    text = render_html([result_with(doc, f)])
    root = _tree(text)
    assert len(root.xpath("//script")) == 1  # only the report's own script
    assert not root.xpath("//img") and not root.xpath("//article//b")
    body_text = "".join(root.xpath("//article")[0].itertext())
    assert '<script>alert("x")</script>' in body_text
    assert "<img src=x onerror=alert(1)>" in body_text
    assert root.xpath("//h2/text()")[0] == 'a&b"<x>.txt'
    fix = root.xpath('//p[@class="f-fix"]/strong/text()')
    assert fix == ['<i>"改"</i>']


# --- every finding, highlighted -----------------------------------------------------------


def test_every_json_finding_appears_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import SEED_COPY

    inputs = [str(SEED_COPY), *map(str, _examples())]
    report = tmp_path / "report.html"
    findings_json = tmp_path / "check.json"
    run(["check", "--format", "json", "-o", str(findings_json), *inputs])
    run(["check", "--format", "html", "-o", str(report), *inputs])
    assert "审核报告" in capsys.readouterr().err
    data = json.loads(findings_json.read_text(encoding="utf-8"))
    root = _tree(report.read_text(encoding="utf-8"))
    sections = _materials(root)
    assert len(sections) == len(data["documents"]) == len(inputs)
    total = 0
    for section, doc in zip(sections, data["documents"], strict=True):
        assert section.get("data-material") == Path(doc["file"]).name
        shown = [
            (li.get("data-rule"), int(li.get("data-start")), int(li.get("data-end")))
            for li in section.xpath('.//li[contains(@class, "finding")]')
        ]
        expected = [(f["rule"], f["span"][0], f["span"][1]) for f in doc["findings"]]
        assert shown == expected
        total += len(expected)
    assert total > 50  # the examples and the seed carry many planted defects


def test_highlights_cover_exactly_the_flagged_text_with_the_worst_severity(
    seed_result: ReviewResult,
) -> None:
    root = _tree(render_html([seed_result]))
    article = root.xpath("//article")[0]
    marks = article.xpath(".//mark[@data-f]")
    by_id: dict[str, list[etree._Element]] = {}
    for m in marks:
        for fid in m.get("data-f").split():
            by_id.setdefault(fid, []).append(m)
    severities = {}
    for i, f in enumerate(seed_result.findings):
        fid = f"m0-f{i}"
        severities[fid] = f.severity.value
        assert article.xpath(f'.//*[@id="{fid}"]'), f  # the list entry's jump target exists
        if len(f.span):
            covered = "".join("".join(m.itertext()) for m in by_id[fid])
            assert covered == f.text.replace("\n", ""), f
    for m in marks:
        worst = min((severities[x] for x in m.get("data-f").split()), key=RANK.__getitem__)
        assert f"sev-{worst}" in m.get("class").split()
    # and the document text itself is complete, line by line
    lines = ["".join(p.itertext()) for p in article.xpath(".//p[@data-line]")]
    assert lines == seed_result.report.text.split("\n")


def test_filters_offer_every_severity_and_each_category_found(seed_result: ReviewResult) -> None:
    root = _tree(render_html([seed_result]))
    sev = root.xpath('//input[@data-filter="sev"]/@value')
    cats = root.xpath('//input[@data-filter="cat"]/@value')
    assert sev == [s.value for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    assert set(cats) == {f.category.value for f in seed_result.findings}
    assert all(c in {x.value for x in Category} for c in cats)


def test_outline_counts_and_marks_items_without_instance(seed_result: ReviewResult) -> None:
    root = _tree(render_html([seed_result]))
    report = seed_result.report
    without = [
        i
        for s in report.sections
        if s.kind in (SectionKind.PROBLEMS, SectionKind.CASES)
        for i in s.items()
        if not i.instances
    ]
    assert without  # the seed has problem items without a concrete example
    marked = root.xpath('//li[contains(@class, "no-instance")]')
    assert len(marked) == len(without)
    sections = root.xpath('//li[@class="o-sec"]/a/text()')
    assert sections[1:] == [s.heading for s in report.sections]
    # the counts of a section are the findings that start inside it
    problems = report.section(SectionKind.PROBLEMS)
    assert problems is not None
    li = root.xpath(f'//li[@class="o-sec"][a="{problems.heading}"]')[0]
    shown = sum(int(x) for x in li.xpath('./span[contains(@class, "cnt")]/text()'))
    inside = [
        f for f in seed_result.findings if problems.span.start <= f.span.start < problems.span.end
    ]
    assert shown == len(inside)


def test_several_materials_get_a_table_of_contents_and_summary_table() -> None:
    results = [review(parse(read(p))) for p in _examples()]
    root = _tree(render_html(results))
    rows = root.xpath('//table[@class="summary"]/tbody/tr')
    assert len(rows) == len(results)
    for row, r in zip(rows, results, strict=True):
        cells = ["".join(td.itertext()) for td in row.xpath("./td")]
        s = r.summary()
        assert cells[0] == r.report.document.name
        assert cells[1] == (r.framework.name if r.framework else "未能确定")
        assert cells[2:5] == [str(s["error"]), str(s["warning"]), str(s["info"])]
        assert f"（{s['problem_items_with_instance']}/{s['problem_items']}）" in cells[5]
        target = row.xpath("./td/a/@href")[0]
        assert root.xpath(f'//section[@id="{target[1:]}"]')
    assert len(_materials(root)) == len(results)


def test_table_cells_are_grouped_in_reading_order() -> None:
    team = EXAMPLES / "领导班子_对照检查材料_2023.docx"
    result = review(parse(read(team)))
    root = _tree(render_html([result]))
    doc = result.report.document
    cells = [p.span.of(doc.text) for p in doc.paragraphs if p.region.value == "table"]
    shown = root.xpath('//div[@class="tbl"]/p')
    assert ["".join(p.itertext()) for p in shown] == cells
    assert all("ln-cell" in p.get("class").split() for p in shown)


def test_a_clean_material_says_so() -> None:
    clean = EXAMPLES / "组织委员_殳晓岚_对照检查材料_2023_无缺陷.docx"
    result = review(parse(read(clean)))
    assert not result.findings
    root = _tree(render_html([result]))
    assert root.xpath('//p[@class="clean"]')
    assert not root.xpath("//mark[@data-f]")


# --- headless Chromium ------------------------------------------------------------------------


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes], int]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG into rows of raw pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    idat = b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows, channels


def _chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.mark.chromium
def test_seed_report_screenshot_in_headless_chromium(
    chromium: str, tmp_path: Path, seed_result: ReviewResult
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = ARTIFACTS / "seed-report.html"
    page.write_text(render_html([seed_result]), encoding="utf-8")
    shot = ARTIFACTS / "seed-report.png"
    shot.unlink(missing_ok=True)
    proc = _chromium(
        chromium,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        page.as_uri(),
    )
    assert shot.is_file(), proc.stderr.decode("utf-8", "replace")
    width, height, rows, ch = _png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    colors: set[bytes] = set()
    ink = 0
    for row in rows[::8]:
        for x in range(0, width * ch, 8 * ch):
            px = row[x : x + 3]
            colors.add(px)
            if min(px) < 200:
                ink += 1
    sampled = (height // 8) * (width // 8)
    assert len(colors) > 100  # text, highlights, badges: not a blank or flat page
    assert ink / sampled > 0.03
    # the report's header band (brand red) rendered, i.e. the inline stylesheet applied
    top = rows[30]
    reds = sum(
        1 for x in range(0, width * ch, ch) if top[x] > 120 and top[x + 1] < 90 and top[x + 2] < 90
    )
    assert reds > width // 2


@pytest.mark.chromium
def test_report_script_runs_without_errors(
    chromium: str, tmp_path: Path, seed_result: ReviewResult
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html([seed_result]), encoding="utf-8")
    proc = _chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    dom = proc.stdout.decode("utf-8")
    root = _tree(dom) if dom.startswith("<!DOCTYPE") else etree.HTML(dom)
    # the script marked the page, selected the findings tab and filled in the counter
    assert "js" in (root.get("class") or "").split()
    outline = root.xpath('//div[@data-panel="outline"]')[0]
    assert outline.get("hidden") is not None
    n = len(seed_result.findings)
    assert root.xpath('//span[@class="shown"]/text()') == [f"显示 {n} / {n} 条"]


def test_cli_html_output_into_a_folder(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "报告"
    out.mkdir()
    assert run(["check", "--format", "html", "-o", str(out), str(seed_path)]) == 1
    report = out / "审核报告.html"
    root = _tree(report.read_text(encoding="utf-8"))
    assert len(_materials(root)) == 1
    assert str(report) in capsys.readouterr().err
