"""分派 and the sheets: who gets what, small channels masked, the files a person opens."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl

from mingjing.frameworks import get, load_builtin
from mingjing.opinions.assign import DEFAULT_MIN_GROUP, assign, channel_labels
from mingjing.opinions.classify import classify, team_framework_for
from mingjing.opinions.intake import read_opinions
from mingjing.opinions.merge import merge
from mingjing.opinions.model import TEAM
from mingjing.opinions.sheets import (
    COLUMNS,
    sheet_stem,
    write_feedback_docx,
    write_feedback_xlsx,
    write_summary_xlsx,
)
from tests.opinions.labelled import DATA, roster

FW = get("2023-zhuti-personal")


def _outcome():  # type: ignore[no-untyped-def]
    r = roster()
    result = merge(read_opinions(DATA / "汇总表_2023.xlsx"), roster=r)
    classes, _ = classify(result, FW, team_framework=team_framework_for(FW, load_builtin()))
    return result, classes, assign(result, classes, r), r


def test_every_cluster_goes_to_exactly_one_assignee_team_first() -> None:
    result, _, a, r = _outcome()
    assert a.feedback[0].assignee == TEAM
    assert [f.assignee for f in a.feedback[1:7]] == list(r.names)
    ids = [row.cluster for f in a.feedback for row in f.rows]
    assert sorted(ids) == [c.id for c in result.clusters]
    assert sum(f.counts.collected for f in a.feedback) == result.counts.collected


def test_a_channel_with_one_contributor_is_not_named() -> None:
    result, _, a, _ = _outcome()
    shown = channel_labels(result.intake, DEFAULT_MIN_GROUP)
    assert shown["个别访谈"] == "其他渠道" and shown["座谈会"] == "座谈会"
    everything = " ".join(row.channels for f in a.feedback for row in f.rows)
    assert "个别访谈" not in everything and "其他渠道" in everything
    assert a.masked_channels == ("个别访谈",)


def test_feedback_xlsx_has_the_five_columns_and_the_counts(tmp_path: Path) -> None:
    _, _, a, r = _outcome()
    mayor = a.of("骆承岷")
    assert mayor is not None and mayor.rows
    path = write_feedback_xlsx(mayor, tmp_path / f"{sheet_stem(mayor, r)}.xlsx")
    assert path.name == "意见反馈表_骆承岷.xlsx"
    ws = openpyxl.load_workbook(path).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(values) if tuple(row[:5]) == COLUMNS)
    body = values[header + 1 : header + 1 + len(mayor.rows)]
    assert [row[1] for row in body] == [x.text for x in mayor.rows]
    assert sum(row[4] for row in body) == mayor.counts.collected
    assert f"意见{mayor.counts.collected}条，归纳为{mayor.counts.merged}条" in values[2][0]


def test_feedback_docx_has_a_table_with_every_opinion(tmp_path: Path) -> None:
    _, _, a, r = _outcome()
    team = a.of(TEAM)
    assert team is not None
    path = write_feedback_docx(team, tmp_path / f"{sheet_stem(team, r)}.docx")
    assert path.name == "意见反馈表_领导班子.docx"
    d = docx.Document(str(path))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(COLUMNS)
    assert [row.cells[1].text for row in table.rows[1:-1]] == [x.text for x in team.rows]


def test_a_member_without_opinions_gets_a_sheet_saying_so(tmp_path: Path) -> None:
    from mingjing.opinions.assign import Feedback

    empty = Feedback("殳晓岚", "殳晓岚（组织委员）", ())
    ws = openpyxl.load_workbook(write_feedback_xlsx(empty, tmp_path / "x.xlsx")).active
    assert "没有征求到涉及殳晓岚同志的意见" in str(ws["A3"].value)


def test_the_summary_workbook_has_two_charts_and_the_provenance(tmp_path: Path) -> None:
    result, classes, a, r = _outcome()
    path = write_summary_xlsx(result, classes, a, r, tmp_path / "意见汇总.xlsx")
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["统计", "归纳意见", "原始意见", "未采用的行"]
    clusters = list(wb["归纳意见"].iter_rows(min_row=2, values_only=True))
    assert len(clusters) == len(result.clusters)
    rows_listed = sorted(int(x) for c in clusters for x in str(c[8]).split("、"))
    assert rows_listed == sorted(o.row for o in result.intake.opinions)
    rejected = [row[0] for row in wb["未采用的行"].iter_rows(min_row=2, values_only=True)]
    assert rejected == [r.row for r in result.intake.rejected]
