"""Intake: formats, headers, rejected rows by number, identity dropped, small groups counted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from mingjing.errors import InputError, UnsupportedFormatError
from mingjing.opinions.intake import header_role, looks_garbled, parse_mapping, read_opinions
from mingjing.opinions.model import Role
from tests.opinions.labelled import DATA, FILES, labels, rows_of


@pytest.mark.parametrize("name", FILES)
def test_every_labelled_row_is_kept_and_every_broken_row_rejected_by_number(name: str) -> None:
    intake = read_opinions(DATA / name)
    assert [o.row for o in intake.opinions] == sorted(rows_of(name))
    assert [r.row for r in intake.rejected] == labels()["files"][name]["rejected"]
    assert intake.read == len(intake.opinions) + len(intake.rejected)


def test_workbook_header_is_found_below_its_title_and_identity_columns_are_dropped() -> None:
    intake = read_opinions(DATA / "汇总表_2023.xlsx")
    roles = dict((h, r) for r, h in intake.columns)
    assert roles["意见内容"] == "text" and roles["来源渠道"] == "channel"
    assert roles["意见对象"] == "target"
    assert set(intake.dropped) == {"提出人姓名", "联系电话", "工作单位"}
    assert all(o.identity == () for o in intake.opinions)
    assert intake.identity_kept is False


def test_reasons_name_what_is_wrong_with_each_rejected_row() -> None:
    reasons = {r.row: r.reason for r in read_opinions(DATA / "汇总表_2023.xlsx").rejected}
    assert "为空" in reasons[11]
    assert "实质内容" in reasons[24]
    assert "乱码" in reasons[39]


def test_contributors_per_channel_are_counted_before_identity_is_dropped() -> None:
    sizes = read_opinions(DATA / "汇总表_2023.xlsx").channel_sizes()
    assert sizes["个别访谈"] == 1  # one person interviewed alone
    assert sizes["征求意见表"] > 3


def test_keep_identity_keeps_the_identity_fields_on_the_opinions() -> None:
    intake = read_opinions(DATA / "汇总表_2023.xlsx", keep_identity=True)
    assert intake.identity_kept
    first = dict(intake.opinions[0].identity)
    assert set(first) == {"提出人姓名", "联系电话", "工作单位"}
    assert all(v in labels()["identity_values"] for v in first.values() if v)


def test_gb18030_csv_is_decoded_and_an_over_long_row_and_mojibake_are_rejected() -> None:
    intake = read_opinions(DATA / "网上征求_2023_GB18030.csv")
    assert intake.encoding == "gb18030"
    reasons = {r.row: r.reason for r in intake.rejected}
    assert "列数" in reasons[15] and "乱码" in reasons[7]
    assert any("柳垭村" in o.text or "镇" in o.text for o in intake.opinions)
    assert set(intake.dropped) == {"联系方式", "IP地址"}


def test_txt_headings_set_the_target_and_the_title_line_is_not_an_opinion() -> None:
    intake = read_opinions(DATA / "意见箱_2023.txt", channel="意见箱")
    assert not any("开箱记录" in o.text for o in intake.opinions)
    assert {o.target for o in intake.opinions} >= {"对班子的意见", "对镇长的意见"}
    assert all(o.channel == "意见箱" for o in intake.opinions)
    assert not any(o.text[0].isdigit() for o in intake.opinions)  # list numbers stripped


def test_txt_paragraphs_wrapped_over_lines_are_one_opinion_each(tmp_path: Path) -> None:
    f = tmp_path / "座谈会记录.txt"
    f.write_text(
        "镇长到村里调研的时间太短，听汇报多，\n进农户少，很多情况了解不到\n\n"
        "农贸市场周边占道经营反复\n回潮，整治一阵又反弹\n",
        encoding="utf-8",
    )
    intake = read_opinions(f)
    assert [o.row for o in intake.opinions] == [1, 4]
    assert intake.opinions[0].text.endswith("很多情况了解不到")


def test_a_headerless_single_column_csv_is_one_opinion_per_row(tmp_path: Path) -> None:
    f = tmp_path / "网上留言.csv"
    f.write_text("希望镇里多办实事\n路灯坏了很久没人修\n\n无\n", encoding="utf-8")
    intake = read_opinions(f)
    assert [o.row for o in intake.opinions] == [1, 2]
    assert [r.row for r in intake.rejected] == [4]


def test_column_mapping_names_unusual_headers(tmp_path: Path) -> None:
    f = tmp_path / "表.csv"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["编号", "群众心声", "给谁提", "备注"])
    w.writerow(["1", "镇长下村调研太少，听汇报多", "镇长", "林秋实提"])
    f.write_text(buf.getvalue(), encoding="utf-8")
    with pytest.raises(InputError, match="意见内容"):
        read_opinions(f)
    intake = read_opinions(
        f, columns=parse_mapping(["text=群众心声,target=给谁提", "identity=备注"])
    )
    assert intake.opinions[0].target == "镇长"
    assert "林秋实" not in repr(intake)


def test_a_mapping_to_a_missing_header_says_which_headers_exist(tmp_path: Path) -> None:
    f = tmp_path / "表.csv"
    f.write_text("意见内容,来源\n镇长下村调研太少,座谈会\n", encoding="utf-8")
    with pytest.raises(InputError, match="意见内容、来源"):
        read_opinions(f, columns=parse_mapping(["text=群众心声"]))


def test_bad_mapping_syntax_is_refused() -> None:
    with pytest.raises(InputError, match="角色"):
        parse_mapping(["内容"])


def test_old_excel_files_are_refused_with_advice(tmp_path: Path) -> None:
    f = tmp_path / "旧表.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnsupportedFormatError, match=r"另存为 \.xlsx"):
        read_opinions(f)


def test_an_xlsx_sheet_can_be_chosen(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["说明"])  # type: ignore[union-attr]
    ws = wb.create_sheet("网上")
    ws.append(["意见建议", "针对对象"])
    ws.append(["卫生院缺医生，群众小病也要跑县城", "镇长"])
    f = tmp_path / "多表.xlsx"
    wb.save(f)
    intake = read_opinions(f, sheet="网上")
    assert intake.sheet == "网上" and intake.opinions[0].row == 2
    with pytest.raises(InputError, match="网上"):
        read_opinions(f, sheet="没有")


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("意见内容", Role.TEXT),
        ("意见对象", Role.TARGET),
        ("提出人姓名", Role.IDENTITY),
        ("联系电话（选填）", Role.IDENTITY),
        ("工作单位", Role.IDENTITY),
        ("意见类别", Role.CATEGORY),
        ("征求方式", Role.CHANNEL),
        ("序号", Role.IGNORED),
        ("附件", None),
    ],
)
def test_usual_headers_are_recognised(header: str, role: Role | None) -> None:
    assert header_role(header) is role


def test_mojibake_is_told_from_rare_place_names() -> None:
    assert looks_garbled("闀囬暱涓嬫潙璋冪爺鏃堕棿澶煭锛屽惉姹囨姤澶氥€")
    assert looks_garbled("ÒâÔ­ÄÚÈÝ ÎÞ")
    assert not looks_garbled("澂岺河沿岸翯溱县养殖场粪污直排，汛期过后河水又发臭。")
