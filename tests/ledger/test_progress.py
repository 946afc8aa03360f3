"""The 整改落实情况 report draft: counts from the ledger, progress quoted, nothing invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook

from mingjing.cli import run
from mingjing.ledger import Row, Settings, assess, read_ledger, report_paragraphs, write_report
from mingjing.ledger.sheet import COLUMNS
from mingjing.ledger.xlsx import SHEET_LEDGER

ROWS = [
    Row(
        "a#1.1",
        {
            "aspect": "理论学习",
            "measure": "强化理论学习：每月精读1篇原文",
            "owner": "葛云舟",
            "deadline": "长期坚持",
            "status": "长期坚持",
            "progress": "1—5月精读原文5篇，撰写笔记5篇。",
            "evidence": "学习笔记",
        },
    ),
    Row(
        "a#1.2",
        {
            "aspect": "理论学习",
            "measure": "强化理论学习：年底前撰写学习体会2篇",
            "owner": "葛云舟",
            "deadline": "2024-12-31",
            "status": "推进中",
        },
    ),
    Row(
        "a#2.1",
        {
            "aspect": "廉洁自律",
            "measure": "严守廉洁底线：2024年3月底前完成家属廉洁谈话",
            "owner": "葛云舟",
            "deadline": "2024-03-31",
            "status": "未启动",
        },
    ),
    Row(
        "a#2.2",
        {
            "aspect": "廉洁自律",
            "measure": "严守廉洁底线：公务用车登记",
            "owner": "葛云舟",
            "deadline": "",
            "status": "已完成",
            "progress": "已建立登记本。",
        },
    ),
]


def _texts(today: date = date(2024, 6, 1)) -> list[tuple[str, str]]:
    return report_paragraphs(assess(ROWS, today, Settings()))


def test_counts_come_from_the_ledger() -> None:
    overall = next(t for s, t in _texts() if s == "body")
    assert "整改措施4条" in overall
    assert "已完成1条，推进中1条，长期坚持1条，未启动1条，已延期0条" in overall
    assert "已过完成时限仍未完成1条" in overall
    assert "截至2024年6月1日" in overall


def test_progress_is_quoted_and_empty_progress_is_said_so() -> None:
    bodies = [t for s, t in _texts() if s == "body"]
    assert "整改进展：1—5月精读原文5篇，撰写笔记5篇。" in bodies
    assert bodies.count("整改进展：台账中未填写整改进展。") == 2
    assert "佐证材料：学习笔记" in bodies


def test_items_are_grouped_by_aspect() -> None:
    heads = [t for s, t in _texts() if s == "h2"]
    assert heads == ["（一）理论学习方面", "（二）廉洁自律方面"]


def test_open_items_are_listed_with_why() -> None:
    bodies = [t for s, t in _texts() if s == "body"]
    overdue = next(t for t in bodies if "家属廉洁谈话" in t and "逾期" in t)
    assert "已逾期62天" in overdue


def test_no_next_steps_are_invented() -> None:
    texts = _texts()
    i = next(k for k, (s, t) in enumerate(texts) if t == "四、下步打算")
    assert "不代拟" in texts[i + 1][1]


def test_docx_is_a4_with_east_asian_font(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    write_report(out, assess(ROWS, date(2024, 6, 1), Settings()))
    doc = Document(str(out))
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(1) and abs(sec.page_height - Mm(297)) < Mm(1)
    body = next(p for p in doc.paragraphs if p.text.startswith("整改进展：1—5月"))
    fonts = body.runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    assert body.runs[0].font.size.pt == 16


def test_cli_report_from_an_edited_ledger(
    tmp_path: Path, team_xlsx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = load_workbook(team_xlsx)
    ws = wb[SHEET_LEDGER]
    ws.cell(row=3, column=COLUMNS.index("progress") + 1, value="党委会议“第一议题”学习12次。")
    path = tmp_path / "已填.xlsx"
    wb.save(path)
    out = tmp_path / "整改落实情况报告.docx"
    assert run(["ledger", "report", str(path), "-o", str(out), "--today", "2024-12-31"]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "党委会议“第一议题”学习12次。" in text
    assert text.count("台账中未填写整改进展") == len(read_ledger(path).rows) - 1


def test_cli_report_for_one_owner(tmp_path: Path, team_xlsx: Path) -> None:
    out = tmp_path / "蒯正衡.docx"
    assert run(["ledger", "report", str(team_xlsx), "-o", str(out), "--owner", "蒯正衡"]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "整改措施3条" in text
    assert (
        run(
            [
                "ledger",
                "report",
                str(team_xlsx),
                "-o",
                str(tmp_path / "x.docx"),
                "--owner",
                "无此人",
            ]
        )
        == 2
    )
