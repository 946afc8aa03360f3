"""Fixtures of the ledger tests: extracted ledgers of the seed and the examples, written once."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing import parse, read
from mingjing.ledger import Ledger, extract, save
from tests.conftest import EXAMPLES, SEED_COPY

TOWN_HEAD = EXAMPLES / "镇长_骆承岷_对照检查材料_2023.txt"
TEAM = EXAMPLES / "领导班子_对照检查材料_2023.docx"


@pytest.fixture(scope="session")
def seed_ledger() -> Ledger:
    return extract(parse(read(SEED_COPY)))


@pytest.fixture(scope="session")
def team_ledger() -> Ledger:
    return extract(parse(read(TEAM)))


@pytest.fixture(scope="session")
def head_ledger() -> Ledger:
    return extract(parse(read(TOWN_HEAD)))


@pytest.fixture
def team_xlsx(tmp_path: Path, team_ledger: Ledger) -> Path:
    out = tmp_path / "台账.xlsx"
    save(team_ledger, out)
    return out
