"""Round trip: a ledger edited as a person would, the material changed too, merged without loss."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mingjing import parse, read
from mingjing.cli import run
from mingjing.ledger import extract, merge, read_ledger, save, save_merged
from mingjing.ledger.sheet import COLUMNS
from mingjing.ledger.xlsx import SHEET_LEDGER, SHEET_MERGE
from tests.ledger.conftest import TOWN_HEAD

NAME = TOWN_HEAD.name


def _col(name: str) -> int:
    return COLUMNS.index(name) + 1


@pytest.fixture
def material(tmp_path: Path) -> Path:
    path = tmp_path / NAME
    shutil.copyfile(TOWN_HEAD, path)
    return path


def _edit_as_user(ledger: Path, out: Path) -> None:
    """What an office worker does in Excel: fill in progress, change a wording, add, delete."""
    wb = load_workbook(ledger)
    ws = wb[SHEET_LEDGER]
    r1, r2, r3, r4, r6 = 3, 4, 5, 6, 8
    ws.cell(row=r1, column=_col("status"), value="已完成")
    ws.cell(
        row=r1, column=_col("progress"), value="已制定2024年个人学习计划，1—3月完成3个专题自学。"
    )
    ws.cell(row=r1, column=_col("evidence"), value="个人学习计划.pdf；学习笔记")
    ws.cell(row=r2, column=_col("status"), value="推进中")
    ws.cell(
        row=r3,
        column=_col("measure"),
        value="深刻领悟“两个确立”的决定性意义，每季度向党委报告一次思想认识情况。",
    )
    ws.cell(row=r4, column=_col("deadline"), value=date(2024, 4, 30))
    ws.cell(row=r6, column=_col("owner"), value="骆承岷、应急办")
    last = ws.max_row + 1
    ws.cell(row=last, column=_col("aspect"), value="工作作风")
    ws.cell(row=last, column=_col("measure"), value="督导组意见：每月公开一次重点工作进展。")
    ws.cell(row=last, column=_col("owner"), value="骆承岷")
    ws.cell(row=last, column=_col("status"), value="推进中")
    ws.delete_rows(14)  # the 12th item (严格执行项目变更签证集体会审制度)
    extra = ws.max_column + 1  # a column of the office's own
    ws.cell(row=2, column=extra, value="督办科室")
    ws.cell(row=r1, column=extra, value="党政办")
    wb.save(out)


def _change_material(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    # the author rewrites the measure the user also rewrote (a conflict) …
    text = text.replace(
        "一是深刻领悟“两个确立”的决定性意义，增强“四个意识”，增强“四个自信”，坚决做到“两个维护”，长期坚持。",
        "一是深刻领悟“两个确立”的决定性意义，增强“四个意识”，坚定“四个自信”，坚决做到“两个维护”，长期坚持。",
    )
    # … moves a deadline nobody touched in the ledger …
    text = text.replace(
        "2024年3月底前完成对全镇危房数据的复核", "2024年4月底前完成对全镇危房数据的复核"
    )
    # … and adds a sub-measure
    text = text.replace(
        "对预警信息逐条签批、限时办结。",
        "对预警信息逐条签批、限时办结。三是2024年8月底前组织1次防汛实战演练。",
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def merged(tmp_path: Path, material: Path):  # type: ignore[no-untyped-def]
    first = tmp_path / "台账.xlsx"
    save(extract(parse(read(material))), first)
    edited = tmp_path / "台账_已填写.xlsx"
    _edit_as_user(first, edited)
    _change_material(material)
    book = read_ledger(edited)
    result = merge(book, extract(parse(read(material))))
    out = tmp_path / "台账_合并.xlsx"
    save_merged(result, out)
    return book, result, read_ledger(out), out


def _row(book, start: str):  # type: ignore[no-untyped-def]
    return next(r for r in book.rows if start in r.get("measure"))


def test_progress_status_and_evidence_are_kept(merged) -> None:  # type: ignore[no-untyped-def]
    _, _, after, _ = merged
    r = _row(after, "制定2024年个人学习计划")
    assert r.get("status") == "已完成"
    assert r.get("progress") == "已制定2024年个人学习计划，1—3月完成3个专题自学。"
    assert r.get("evidence") == "个人学习计划.pdf；学习笔记"
    assert _row(after, "围绕茶叶产业").get("status") == "推进中"


def test_a_column_the_office_added_is_kept(merged) -> None:  # type: ignore[no-untyped-def]
    _, _, after, out = merged
    assert _row(after, "制定2024年个人学习计划").extra == {"督办科室": "党政办"}
    header = [c.value for c in load_workbook(out)[SHEET_LEDGER][2]]
    assert header[-1] == "督办科室"


def test_a_wording_both_changed_is_kept_and_reported(merged) -> None:  # type: ignore[no-untyped-def]
    _, result, after, out = merged
    r = _row(after, "每季度向党委报告一次思想认识情况")
    assert r.get("measure").startswith("深刻领悟")
    (conflict,) = result.conflicts
    assert conflict.field == "measure"
    assert "坚定“四个自信”" in conflict.source
    assert "每季度向党委报告" in conflict.kept
    wb = load_workbook(out)
    assert SHEET_MERGE in wb.sheetnames
    cell = wb[SHEET_LEDGER].cell(row=2 + conflict.no, column=_col("measure"))
    assert cell.comment is not None and "坚定“四个自信”" in cell.comment.text


def test_user_deadline_kept_and_untouched_deadline_follows_the_material(merged) -> None:  # type: ignore[no-untyped-def]
    _, result, after, _ = merged
    assert _row(after, "对涉及群众切身利益").get("deadline") == "2024-04-30"  # the user's date
    assert _row(after, "对危房排查").get("deadline") == "2024-04-30"  # the material's new date
    assert result.updated >= 1


def test_user_added_row_is_kept(merged) -> None:  # type: ignore[no-untyped-def]
    _, _, after, _ = merged
    r = _row(after, "督导组意见")
    assert r.id is None
    assert (r.get("owner"), r.get("status"), r.get("aspect")) == ("骆承岷", "推进中", "工作作风")


def test_deleted_row_stays_deleted(merged) -> None:  # type: ignore[no-untyped-def]
    _, result, after, _ = merged
    assert not any("项目变更签证" in r.get("measure") for r in after.rows)
    assert any("项目变更签证" in n and "未恢复" in n for n in result.notes)


def test_new_measure_is_added_after_its_siblings(merged) -> None:  # type: ignore[no-untyped-def]
    _, result, after, _ = merged
    measures = [r.get("measure") for r in after.rows]
    k = next(i for i, m in enumerate(measures) if "防汛实战演练" in m)
    assert "智慧网格" in measures[k - 1]
    assert _row(after, "防汛实战演练").get("deadline") == "2024-08-31"
    assert len(result.added) == 1


def test_nothing_the_user_wrote_is_lost(merged) -> None:  # type: ignore[no-untyped-def]
    before, _, after, _ = merged
    fields = (
        "aspect",
        "problem",
        "owner",
        "unit",
        "deadline",
        "progress",
        "status",
        "evidence",
        "measure",
    )
    after_values = [dict(r.values) for r in after.rows]
    for r in before.rows:
        base = before.base.get(r.id) if r.id else None
        edited = {f: r.get(f) for f in fields if base is None or r.get(f) != base.values.get(f, "")}
        assert any(all(v.get(f) == x for f, x in edited.items()) for v in after_values), edited


def test_merging_again_brings_no_new_conflicts(tmp_path: Path, merged, material: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, after, _ = merged
    again = merge(after, extract(parse(read(material))))
    assert again.conflicts == ()
    assert [r.values for r in again.rows] == [r.values for r in after.rows]


def test_rows_of_other_materials_are_left_alone(
    tmp_path: Path, material: Path, team_xlsx: Path
) -> None:
    team = read_ledger(team_xlsx)
    result = merge(team, extract(parse(read(material))))
    team_rows = [r for r in result.rows if r.info.get("source", "").startswith("领导班子")]
    assert [r.values for r in team_rows] == [r.values for r in team.rows]
    assert len(result.rows) == len(team.rows) + 13


def test_cli_merge_never_touches_the_input(
    tmp_path: Path, material: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "台账.xlsx"
    assert run(["ledger", "extract", str(material), "-o", str(first)]) == 0
    edited = tmp_path / "已填写.xlsx"
    _edit_as_user(first, edited)
    _change_material(material)
    before = edited.read_bytes()
    assert run(["ledger", "merge", str(edited), str(material), "-o", str(edited)]) == 2
    assert run(["ledger", "merge", str(edited), str(material)]) == 0
    assert edited.read_bytes() == before
    out = capsys.readouterr().out
    assert "冲突 1 处" in out
    assert (tmp_path / "已填写_合并.xlsx").exists()


@pytest.mark.soffice
def test_libreoffice_opens_a_merged_ledger_with_conflict_notes(
    soffice: str, tmp_path: Path, merged
) -> None:  # type: ignore[no-untyped-def]
    from tests.ledger.test_xlsx import _convert

    _, _, _, out = merged
    outdir = tmp_path / "lo"
    outdir.mkdir()
    proc = _convert(soffice, out, outdir, "xlsx:Calc MS Excel 2007 XML")
    assert proc.returncode == 0, proc.stderr
    resaved = read_ledger(outdir / out.name)
    assert [r.values for r in resaved.rows] == [r.values for r in read_ledger(out).rows]
