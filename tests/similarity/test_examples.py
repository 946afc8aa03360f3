"""The example team (examples/): calibration of the pair alert and the demo outputs.

examples/DEFECTS.md lists the planted copies: 骆承岷 and 钟毓苓 share an instance (~70 characters)
and a cause paragraph (~75, re-punctuated and split); 蒯正衡 copies a sentence (~70) of
templates/范文模板_2023.txt. The alert rule must flag exactly these pairs and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mingjing.ingest import read
from mingjing.similarity.compare import CompareSettings, Material, compare_team
from mingjing.similarity.exclusion import load_default_library
from mingjing.similarity.findings import copy_findings
from mingjing.similarity.normalize import match_view
from mingjing.similarity.team import examples_report, team_materials

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.skipif(
    not (EXAMPLES / "templates").is_dir(), reason="examples/ not present"
)


def _short(name: str) -> str:
    return name.split("_")[1] if "_" in name else name


@pytest.fixture(scope="module")
def team() -> tuple[list[Material], object]:
    mats = team_materials(EXAMPLES) + team_materials(EXAMPLES / "templates")
    return mats, compare_team(mats, settings=CompareSettings(library=load_default_library()))


def test_alerts_are_exactly_the_planted_copies(team: tuple[list[Material], object]) -> None:
    mats, result = team
    names = [_short(m.name) for m in mats]
    alerts = {
        frozenset((names[i], names[j]))
        for i, row in enumerate(result.alerts)  # type: ignore[attr-defined]
        for j, flag in enumerate(row)
        if flag
    }
    assert alerts == {frozenset(("骆承岷", "钟毓苓")), frozenset(("蒯正衡", "2023"))}


def test_shared_passages_are_located_in_both_materials(team: tuple[list[Material], object]) -> None:
    mats, result = team
    i = next(k for k, m in enumerate(mats) if "钟毓苓" in m.name)
    report = result.reports[i]  # type: ignore[attr-defined]
    src = next(s for s in report.sources if "骆承岷" in s.name)
    other = next(m for m in mats if "骆承岷" in m.name)
    texts = [p.text for p in src.passages if p.length >= 50]
    assert any("镇区农贸市场周边占道经营问题群众反映多年" in t for t in texts)
    assert any("把群众的事当成“分内事”的自觉还不够牢固" in t for t in texts)
    for p in src.passages:
        assert match_view(p.source_span.of(other.text)).as_str() == match_view(p.text).as_str()


def test_copy_findings_carry_a_chinese_message_and_the_source(
    team: tuple[list[Material], object],
) -> None:
    mats, result = team
    i = next(k for k, m in enumerate(mats) if "蒯正衡" in m.name and "2023" in m.name)
    findings = [f for f in copy_findings(result.reports[i]) if f.alert]  # type: ignore[attr-defined]
    assert len(findings) == 1
    f = findings[0]
    assert "范文模板_2023" in f.source_name
    assert "没有把学习当作一种政治责任和精神追求" in f.span.of(mats[i].text)
    assert "疑似复制" in f.message and "本人亲自撰写" in f.message


def test_examples_report_writes_heatmap_html_and_findings(tmp_path: Path) -> None:
    out = examples_report(EXAMPLES, tmp_path)
    svg = out.team.svg.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "钟毓苓" in svg
    html = out.team.html.read_text(encoding="utf-8")
    assert '<mark class="copy"' in html and svg.splitlines()[0] in html
    assert out.team.png is not None and out.team.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(out.findings.read_text(encoding="utf-8"))
    flagged = {Path(k).name for k, v in data["materials"].items() if any(f["alert"] for f in v)}
    assert any("蒯正衡" in n for n in flagged)
    assert any("钟毓苓" in n for n in flagged) and any("骆承岷" in n for n in flagged)
    assert "DEFECTS" not in " ".join(data["materials"])


def test_members_read_through_the_ingest_contract() -> None:
    m = next(m for m in team_materials(EXAMPLES) if "钟毓苓" in m.name)
    assert m.text == read(Path(m.path)).text
