"""The ledger workbook: layout people rely on, and reading it back (also after LibreOffice saved it)."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mingjing.cli import run
from mingjing.errors import CorruptFileError, FileMissingError, InputError, UnsupportedFormatError
from mingjing.ledger import Ledger, read_ledger, row_from_item, save
from mingjing.ledger.sheet import COLUMNS, HEADERS
from mingjing.ledger.xlsx import SHEET_LEDGER, SHEET_STATE


def _col(name: str) -> int:
    return COLUMNS.index(name) + 1


def test_layout_offices_use(team_xlsx: Path) -> None:
    wb = load_workbook(team_xlsx)
    ws = wb[SHEET_LEDGER]
    header = [c.value for c in ws[2]][:9]
    assert header == [
        "序号",
        "所属方面",
        "问题",
        "整改措施",
        "责任人",
        "完成时限",
        "整改进展",
        "完成情况",
        "佐证材料",
    ]
    assert ws.freeze_panes == "C3"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$1:$2"
    assert ws.cell(row=3, column=_col("measure")).alignment.wrap_text
    assert ws.column_dimensions["N"].hidden  # 条目编号
    assert wb[SHEET_STATE].sheet_state == "hidden"


def test_status_column_has_a_drop_down(team_xlsx: Path) -> None:
    ws = load_workbook(team_xlsx)[SHEET_LEDGER]
    lists = [
        dv
        for dv in ws.data_validations.dataValidation
        if dv.type == "list" and "已完成" in (dv.formula1 or "")
    ]
    assert len(lists) == 1
    assert lists[0].formula1 == '"未启动,推进中,已完成,长期坚持,已延期"'
    assert "H3" in str(lists[0].sqref)


def test_due_colours_use_the_thresholds(tmp_path: Path, team_ledger: Ledger) -> None:
    from mingjing.ledger import Settings

    out = tmp_path / "t.xlsx"
    save(team_ledger, out, Settings(soon=30, urgent=7))
    ws = load_workbook(out)[SHEET_LEDGER]
    formulas = [r.formula[0] for cf in ws.conditional_formatting for r in cf.rules]
    assert any("<TODAY()" in f for f in formulas)
    assert any("<=7)" in f for f in formulas)
    assert any("<=30)" in f for f in formulas)


def test_dates_are_real_excel_dates(team_xlsx: Path) -> None:
    ws = load_workbook(team_xlsx)[SHEET_LEDGER]
    cell = ws.cell(row=5, column=_col("deadline"))  # item 3: 2024年6月底前
    assert isinstance(cell.value, datetime)
    assert cell.value.date() == date(2024, 6, 30)
    assert "年" in cell.number_format
    assert ws.cell(row=3, column=_col("deadline")).value == "长期坚持"


def test_round_trip_reads_what_was_written(team_xlsx: Path, team_ledger: Ledger) -> None:
    book = read_ledger(team_xlsx)
    assert [r.values for r in book.rows] == [
        dict(row_from_item(i).values) for i in team_ledger.items
    ]
    assert [r.id for r in book.rows] == [i.id for i in team_ledger.items]
    assert set(book.base) == {i.id for i in team_ledger.items}
    assert book.materials[0].name == "领导班子_对照检查材料_2023.docx"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError):
        read_ledger(tmp_path / "无.xlsx")


def test_corrupted_file_gives_a_clear_message(tmp_path: Path, team_xlsx: Path) -> None:
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(team_xlsx.read_bytes()[:3000])
    with pytest.raises(CorruptFileError) as err:
        read_ledger(broken)
    assert "已损坏" in str(err.value)


def test_text_renamed_to_xlsx(tmp_path: Path) -> None:
    fake = tmp_path / "台账.xlsx"
    fake.write_text("序号,整改措施\n1,加强学习\n", encoding="utf-8")
    with pytest.raises(CorruptFileError):
        read_ledger(fake)


def test_old_xls_is_named(tmp_path: Path) -> None:
    old = tmp_path / "台账.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(UnsupportedFormatError) as err:
        read_ledger(old)
    assert ".xls" in str(err.value)


def test_foreign_workbook_is_refused(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["序号", "问题", "整改措施", "责任人", "完成时限"])
    ws.append([1, "学习不深", "加强学习", "张三", "2024年6月底前"])
    path = tmp_path / "别人的台账.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as err:
        read_ledger(path)
    assert "不是明镜生成的整改台账" in str(err.value)


def test_damaged_state_sheet_is_reported(tmp_path: Path, team_xlsx: Path) -> None:
    wb = load_workbook(team_xlsx)
    state = wb[SHEET_STATE]
    first_base = next(
        r for r in range(1, state.max_row + 1) if state.cell(row=r, column=1).value == "base"
    )
    state.cell(row=first_base, column=3, value="{not json")
    path = tmp_path / "改坏.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as err:
        read_ledger(path)
    assert "_mingjing" in str(err.value)


def test_cli_exit_2_with_chinese_message_on_a_foreign_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    assert run(["ledger", "status", str(path)]) == 2
    err = capsys.readouterr().err
    assert "错误" in err and "Traceback" not in err


def test_user_may_move_columns(tmp_path: Path, team_xlsx: Path) -> None:
    wb = load_workbook(team_xlsx)
    ws = wb[SHEET_LEDGER]
    ws.insert_cols(2)  # a column of the user's own, before 所属方面
    ws.cell(row=2, column=2, value="督办科室")
    path = tmp_path / "加列.xlsx"
    wb.save(path)
    book = read_ledger(path)
    assert book.rows[0].get("aspect") == "学习贯彻新思想"
    assert book.rows[0].id is not None


# --- LibreOffice ------------------------------------------------------------------------------


def _convert(
    soffice: str, src: Path, outdir: Path, target: str
) -> subprocess.CompletedProcess[str]:
    profile = (outdir / "profile").as_uri()
    return subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.soffice
def test_libreoffice_opens_the_ledger_and_computes_the_statistics(
    soffice: str, tmp_path: Path, team_xlsx: Path
) -> None:
    outdir = tmp_path / "lo"
    outdir.mkdir()
    # all sheets to CSV (UTF-8); formulas are recalculated by LibreOffice
    proc = _convert(
        soffice,
        team_xlsx,
        outdir,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
    )
    assert proc.returncode == 0, proc.stderr
    ledger_csv = outdir / f"{team_xlsx.stem}-{SHEET_LEDGER}.csv"
    assert ledger_csv.exists(), (proc.stdout, proc.stderr, list(outdir.iterdir()))
    text = ledger_csv.read_text(encoding="utf-8")
    assert HEADERS["measure"] in text and "严格落实“第一议题”制度" in text
    stats = (outdir / f"{team_xlsx.stem}-进度统计.csv").read_text(encoding="utf-8").splitlines()
    row = next(line for line in stats if line.startswith("学习贯彻新思想,"))
    # 未启动 1, 推进中 0, 已完成 0, 长期坚持 2, 已延期 0, …, 合计 3
    cells = row.split(",")
    assert cells[1:6] == ["1", "0", "0", "2", "0"]
    assert cells[-1] == "3"


@pytest.mark.soffice
def test_ledger_saved_by_libreoffice_reads_back_the_same(
    soffice: str, tmp_path: Path, team_xlsx: Path
) -> None:
    outdir = tmp_path / "lo"
    outdir.mkdir()
    proc = _convert(soffice, team_xlsx, outdir, "xlsx:Calc MS Excel 2007 XML")
    assert proc.returncode == 0, proc.stderr
    resaved = outdir / team_xlsx.name
    assert resaved.exists(), proc.stderr
    assert [r.values for r in read_ledger(resaved).rows] == [
        r.values for r in read_ledger(team_xlsx).rows
    ]
    assert [r.id for r in read_ledger(resaved).rows] == [r.id for r in read_ledger(team_xlsx).rows]


@pytest.mark.soffice
def test_libreoffice_prints_the_ledger_to_pdf(
    soffice: str, tmp_path: Path, team_xlsx: Path
) -> None:
    outdir = tmp_path / "pdf"
    outdir.mkdir()
    proc = _convert(soffice, team_xlsx, outdir, "pdf")
    assert proc.returncode == 0, proc.stderr
    pdf = outdir / f"{team_xlsx.stem}.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), proc.stderr
