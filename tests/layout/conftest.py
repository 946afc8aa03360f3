"""Fixtures for the layout tests: materials to format, and one LibreOffice run that renders them all.

Rendering is the slow part (about a second per LibreOffice start), so every document the render tests
measure is converted to PDF in a single ``soffice`` call the first time a test asks for it. Tests
still request the ``soffice`` fixture, so they skip on a machine without LibreOffice and fail in CI.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mingjing import read
from mingjing.layout import FormatResult, LayoutOptions, Style, format_file
from tests.conftest import EXAMPLES, SEED_COPY, in_ci
from tests.layout import fontsetup, samples
from tests.layout.pdfmeasure import Page, read_pages

#: The materials of ``examples/`` (not its README, defect notes or opinion sheets).
EXAMPLE_FILES = sorted(
    p
    for p in EXAMPLES.rglob("*")
    if p.is_file()
    and p.suffix.lower() in {".txt", ".md", ".docx", ".doc", ".wps"}
    and ("材料" in p.stem or p.parent.name == "templates")
)


@dataclass
class Rendered:
    """One formatted material: its .docx, the plan behind it and the measured PDF pages."""

    docx: Path
    result: FormatResult
    pdf: Path | None = None
    pages: list[Page] = field(default_factory=list)


class RenderCache:
    """Formats the test materials, then renders all of them with one LibreOffice run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: dict[str, Rendered] = {}
        self.done = False

    def sources(self) -> dict[str, tuple[Path, LayoutOptions]]:
        data = self.root / "in"
        data.mkdir(parents=True, exist_ok=True)
        body = data / "body.txt"
        body.write_text(samples.body_material(2400), encoding="utf-8")
        three = data / "three_pages.txt"
        three.write_text(samples.structured_material(1500), encoding="utf-8")
        out: dict[str, tuple[Path, LayoutOptions]] = {
            "body": (body, LayoutOptions()),
            "three_pages": (three, LayoutOptions()),
            "three_pages_common": (three, LayoutOptions(style=Style.COMMON)),
            "seed": (SEED_COPY, LayoutOptions()),
        }
        for path in EXAMPLE_FILES:
            out[f"example:{path.name}"] = (path, LayoutOptions())
        return out

    def format_all(self) -> dict[str, Rendered]:
        if not self.items:
            outdir = self.root / "docx"
            outdir.mkdir(parents=True, exist_ok=True)
            for n, (name, (path, options)) in enumerate(self.sources().items()):
                out = outdir / f"{n:02d}.docx"
                self.items[name] = Rendered(out, format_file(read(path), out, options))
        return self.items

    def render(self, soffice: str) -> dict[str, Rendered]:
        items = self.format_all()
        if self.done:
            return items
        try:
            conf = fontsetup.fontconfig_file(self.root)
        except Exception as exc:  # no Fandol and no way to fetch it
            if in_ci():
                pytest.fail(f"Fandol fonts for the layout tests could not be set up: {exc}")
            pytest.skip(f"Fandol fonts not available: {exc}")
        pdfdir = self.root / "pdf"
        profile = self.root / "lo-profile"
        env = dict(os.environ, FONTCONFIG_FILE=str(conf))
        cmd = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdfdir),
            *(str(r.docx) for r in items.values()),
        ]
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=600)
        for r in items.values():
            pdf = pdfdir / (r.docx.stem + ".pdf")
            assert pdf.is_file(), f"LibreOffice did not render {r.docx}"
            r.pdf = pdf
            r.pages = read_pages(pdf)
        self.done = True
        return items


@pytest.fixture(scope="session")
def render_cache(tmp_path_factory: pytest.TempPathFactory) -> RenderCache:
    return RenderCache(tmp_path_factory.mktemp("layout"))


@pytest.fixture
def rendered(render_cache: RenderCache, soffice: str) -> dict[str, Rendered]:
    """Every test material formatted and rendered to PDF (measured pages included)."""
    return render_cache.render(soffice)


@pytest.fixture
def formatted(render_cache: RenderCache) -> dict[str, Rendered]:
    """Every test material formatted (no rendering)."""
    return render_cache.format_all()
