"""Team mode at the edge: read a folder of materials, compare them, write the heatmap and reports.

``team_report`` is what ``mingjing dup --team DIR`` and ``make run`` call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mingjing.errors import MingjingError
from mingjing.ingest import material_files, read
from mingjing.similarity.compare import CompareSettings, Material, TeamReport, compare_team
from mingjing.similarity.exclusion import load_default_library
from mingjing.similarity.index import Corpus
from mingjing.similarity.render import HTML_TEXT, heatmap_png, heatmap_svg, report_html, team_json


@dataclass(frozen=True, slots=True)
class TeamOutputs:
    """Files written for a team: the HTML report, the heatmap (SVG, and PNG when possible), JSON."""

    team: TeamReport
    html: Path
    svg: Path
    json: Path
    png: Path | None


def team_materials(directory: Path) -> list[Material]:
    """The materials of a team folder (not recursive: one folder = one team), sorted by name."""
    files = material_files([Path(directory)], recursive=False)
    out = []
    for f in files:
        doc = read(f)
        out.append(Material(f.stem, doc.text, str(f)))
    return out


def team_report(
    directory: Path,
    out_dir: Path,
    *,
    corpus: Corpus | None = None,
    settings: CompareSettings | None = None,
    png: bool = True,
) -> TeamOutputs:
    """Compare a team's materials pairwise (and with ``corpus``), write the outputs, return paths."""
    st = settings or CompareSettings(library=load_default_library())
    materials = team_materials(directory)
    team = compare_team(materials, corpus=corpus, settings=st)
    out_dir.mkdir(parents=True, exist_ok=True)
    svg = heatmap_svg(team)
    svg_path = out_dir / "copy-heatmap.svg"
    svg_path.write_text(svg, encoding="utf-8")
    reports = list(team.reports) + list(team.corpus_reports)
    html_path = out_dir / "copy-team.html"
    html_path.write_text(
        report_html(reports, title=HTML_TEXT["team_title"], heatmap_svg=svg), encoding="utf-8"
    )
    json_path = out_dir / "copy-team.json"
    json_path.write_text(
        json.dumps(team_json(team), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    png_path: Path | None = None
    if png:
        try:
            png_path = heatmap_png(team, out_dir / "copy-heatmap.png")
        except MingjingError:  # matplotlib is not installed: the SVG is the heatmap
            png_path = None
    return TeamOutputs(team, html_path, svg_path, json_path, png_path)


@dataclass(frozen=True, slots=True)
class DemoOutputs:
    """What ``make run`` shows for copy detection: the team outputs plus the copy findings."""

    team: TeamOutputs
    findings: Path  # JSON: per material, the copy findings (passage groups with messages)
    corpus: Path


def examples_report(examples: Path, out_dir: Path) -> DemoOutputs:
    """Copy detection on the bundled examples: templates/ as the corpus, the members as the team.

    Called by the demo (``make run``); returns the written paths.
    """
    from mingjing.similarity.findings import copy_findings

    corpus_dir = out_dir / "corpus"
    corpus = Corpus.open(corpus_dir, create=True)
    templates = examples / "templates"
    if templates.is_dir():
        corpus.add([m.as_new(("template",)) for m in team_materials(templates)])
    outputs = team_report(examples, out_dir, corpus=corpus)
    by_member: dict[str, list[dict[str, object]]] = {}
    for r in (*outputs.team.reports, *outputs.team.corpus_reports):
        for f in copy_findings(r):
            by_member.setdefault(r.path or r.name, []).append(
                {
                    "span": f.span.as_list(),
                    "source": f.source_name,
                    "source_spans": [s.as_list() for s in f.source_spans],
                    "chars": f.chars,
                    "longest": f.longest,
                    "alert": f.alert,
                    "message": f.message,
                }
            )
    findings = out_dir / "copy-findings.json"
    findings.write_text(
        json.dumps({"version": 1, "materials": by_member}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return DemoOutputs(outputs, findings, corpus_dir)
