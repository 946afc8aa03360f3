"""Shared test fixtures.

Tests that need LibreOffice or Chromium skip on a developer machine without them, but fail when
``CI=true``: CI installs both, so a skip there would hide a broken setup.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seed" / "000_3e0505d78ab52181.txt"
SEED_COPY = DATA / "seed" / "seed.txt"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_tool(names: tuple[str, ...], what: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if in_ci():
        pytest.fail(f"{what} is required in CI (CI=true) but was not found on PATH")
    pytest.skip(f"{what} not installed")


@pytest.fixture
def soffice() -> str:
    """Path of headless LibreOffice."""
    return need_tool(("soffice", "libreoffice"), "LibreOffice (soffice)")


@pytest.fixture
def chromium() -> str:
    """Path of headless Chromium."""
    return need_tool(("chromium", "chromium-browser", "google-chrome"), "Chromium")


@pytest.fixture
def seed_path() -> Path:
    """The seed document (a copy is kept in tests/data so the tests run from a clean clone)."""
    return SEED_COPY
