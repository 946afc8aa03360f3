"""Status as of a day: overdue and due-soon items by owner, progress by aspect and owner."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from mingjing.cli import run
from mingjing.ledger import Row, Settings, Urgency, assess, progress_svg, read_ledger
from mingjing.ledger.sheet import COLUMNS
from mingjing.ledger.xlsx import SHEET_LEDGER


def _row(
    measure: str, owner: str, deadline: str, status: str = "未启动", aspect: str = "理论学习"
) -> Row:
    return Row(
        None,
        {
            "measure": measure,
            "owner": owner,
            "deadline": deadline,
            "status": status,
            "aspect": aspect,
        },
    )


ROWS = [
    _row("甲", "党委书记韦砚清", "2024-03-31"),
    _row("乙", "镇长骆承岷、党委副书记钟毓苓", "2024-04-05"),
    _row("丙", "镇长骆承岷", "2024-04-20", aspect="工作作风"),
    _row("丁", "镇长骆承岷", "2024-06-30"),
    _row("戊", "镇长骆承岷", "2024-03-01", status="已完成"),
    _row("己", "纪委书记蒯正衡", "立行立改"),
    _row("庚", "纪委书记蒯正衡", "长期坚持", status="长期坚持"),
    _row("辛", "（未写明责任人）", ""),
]
TODAY = date(2024, 4, 1)


def test_classification_as_of_a_day() -> None:
    report = assess(ROWS, TODAY, Settings(soon=20, urgent=10))
    got = {r.row.get("measure"): r.urgency for r in report.rows}
    assert got == {
        "甲": Urgency.OVERDUE,
        "乙": Urgency.URGENT,  # 4 days left
        "丙": Urgency.SOON,  # 19 days left
        "丁": Urgency.LATER,
        "戊": Urgency.DONE,  # done before its date: not overdue
        "己": Urgency.IMMEDIATE,
        "庚": Urgency.ONGOING,
        "辛": Urgency.NO_DEADLINE,
    }
    assert report.rows[0].days_left == -1


def test_thresholds_change_the_classification() -> None:
    report = assess(ROWS, TODAY, Settings(soon=3, urgent=1))
    assert report.rows[1].urgency is Urgency.LATER


def test_overdue_and_due_soon_by_owner_split_shared_items() -> None:
    report = assess(ROWS, TODAY, Settings())
    soon = report.by_owner(Urgency.URGENT, Urgency.SOON)
    assert sorted(soon) == ["钟毓苓", "骆承岷"]
    assert [r.row.get("measure") for r in soon["骆承岷"]] == ["乙", "丙"]
    assert list(report.by_owner(Urgency.OVERDUE)) == ["韦砚清"]


def test_counts_by_aspect_and_owner() -> None:
    report = assess(ROWS, TODAY, Settings())
    assert report.counts("aspect")["工作作风"] == {"未启动": 1}
    assert report.counts("owner")["骆承岷"] == {"未启动": 3, "已完成": 1}
    assert report.totals()["已完成"] == 1


def test_svg_chart_is_well_formed_and_labelled() -> None:
    svg = progress_svg(assess(ROWS, TODAY, Settings()))
    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "骆承岷" in texts and "理论学习" in texts
    assert len(list(root.iter("{http://www.w3.org/2000/svg}rect"))) >= 8


def test_cli_status_reads_edits_made_in_the_workbook(
    tmp_path: Path, team_xlsx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = load_workbook(team_xlsx)
    ws = wb[SHEET_LEDGER]
    ws.cell(row=5, column=COLUMNS.index("status") + 1, value="已完成")  # 2024-06-30 item done
    path = tmp_path / "已填.xlsx"
    wb.save(path)
    chart = tmp_path / "进度.svg"
    assert (
        run(
            [
                "ledger",
                "status",
                str(path),
                "--today",
                "2024-06-20",
                "--format",
                "json",
                "--chart",
                str(chart),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2024-06-20"
    overdue = {r["measure"][:12] for r in data["overdue"]}
    assert any("耕地保护巡查" in m for m in {r["measure"] for r in data["overdue"]})
    assert not any("年轻干部" in m for m in overdue)  # marked done
    due_soon = [r["measure"] for r in data["due_soon"]]
    assert any("小微权力" in m for m in due_soon)  # 2024-06-30, 10 days left
    assert data["totals"]["已完成"] == 1
    assert chart.read_text(encoding="utf-8").startswith("<svg")


def test_cli_status_text(team_xlsx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ledger", "status", str(team_xlsx), "--today", "2024年6月20日"]) == 0
    out = capsys.readouterr().out
    assert "已逾期（2）" in out and "韦砚清" in out


def test_cli_status_bad_date(team_xlsx: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["ledger", "status", str(team_xlsx), "--today", "下周"]) == 2
    assert "无法识别的日期" in capsys.readouterr().err


def test_read_ledger_settings_are_used(tmp_path: Path, team_ledger) -> None:  # type: ignore[no-untyped-def]
    from mingjing.ledger import save

    path = tmp_path / "t.xlsx"
    save(team_ledger, path, Settings(soon=45, urgent=15))
    assert read_ledger(path).settings == Settings(soon=45, urgent=15)


def test_cli_png_chart(tmp_path: Path, team_xlsx: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "进度.png"
    assert (
        run(["ledger", "status", str(team_xlsx), "--today", "2024-06-20", "--chart", str(chart)])
        == 0
    )
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_cli_chart_other_suffix_is_refused(tmp_path: Path, team_xlsx: Path) -> None:
    assert run(["ledger", "status", str(team_xlsx), "--chart", str(tmp_path / "x.gif")]) == 2
