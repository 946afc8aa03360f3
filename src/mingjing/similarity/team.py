"""Team mode at the edge: read a folder of materials, compare them, write the heatmap and reports.

``team_report`` is what ``mingjing dup --team DIR`` and ``make run`` call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mingjing.errors import MingjingError
from mingjing.ingest import read
from mingjing.similarity.compare import CompareSettings, Material, TeamReport, compare_team
from mingjing.similarity.exclusion import load_default_library
from mingjing.similarity.index import Corpus
from mingjing.similarity.render import HTML_TEXT, heatmap_png, heatmap_svg, report_html, team_json

MATERIAL_SUFFIXES = {".docx", ".doc", ".wps", ".rtf", ".odt", ".txt", ".md"}


@dataclass(frozen=True, slots=True)
class TeamOutputs:
    """Files written for a team: the HTML report, the heatmap (SVG, and PNG when possible), JSON."""

    team: TeamReport
    html: Path
    svg: Path
    json: Path
    png: Path | None


def _is_note(f: Path) -> bool:
    """README.md, DEFECTS.md …: documentation beside the materials (all-caps ASCII name)."""
    return f.stem.isascii() and f.stem.upper() == f.stem and any(ch.isalpha() for ch in f.stem)


def team_materials(directory: Path) -> list[Material]:
    """The materials of a team folder (not recursive: one folder = one team), sorted by name."""
    files = sorted(
        f
        for f in Path(directory).iterdir()
        if f.is_file()
        and f.suffix.lower() in MATERIAL_SUFFIXES
        and not f.name.startswith((".", "~$"))
    )
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
