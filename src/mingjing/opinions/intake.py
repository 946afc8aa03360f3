"""Intake (意见收集): opinions from .xlsx, .csv (UTF-8 or GB18030) and .txt into :class:`Intake`.

Columns are recognised by their usual Chinese headers (意见内容, 来源/渠道, 对象/针对, 提出时间,
类别); a mapping overrides them when a form uses other words. Identity columns (姓名, 联系方式,
单位 …) and unknown columns are dropped here unless the caller keeps identity explicitly, so no
later step can see who wrote what. Unusable rows are rejected with their row number and reason;
the caller reports them — nothing is silently lost. The input file is only ever read.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from mingjing.errors import CorruptFileError, InputError, UnsupportedFormatError
from mingjing.ingest.sniff import OLE_MAGIC, ZIP_MAGIC, read_bytes
from mingjing.ingest.text import decode
from mingjing.opinions.model import Intake, Opinion, Rejected, Role
from mingjing.textnorm import fold

log = logging.getLogger(__name__)

MSG = {
    "no_text_column": "没有找到意见内容所在的列（常见表头：意见内容、意见建议、内容）；请用 --columns text=表头 指定",
    "bad_mapping": "列映射“{item}”有误：应写成 角色=表头，角色可为 {roles}",
    "mapping_missing": "列映射中的表头“{header}”在表格中不存在（现有表头：{headers}）",
    "xls": "这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
    "not_xlsx": "文件是压缩包，但不是 Excel 工作簿（.xlsx）",
    "xlsx_corrupt": "Excel 工作簿已损坏，无法打开（{error}）",
    "no_sheet": "工作簿中没有名为“{sheet}”的工作表（现有：{sheets}）",
    "empty_text": "意见内容为空",
    "garbled": "意见内容是乱码（原文件编码可能有误），请核对原始记录后重新录入",
    "no_substance": "没有实质内容（如“无”“同上”“没有意见”）",
    "columns": "这一行的列数（{n}）多于表头（{m}），可能有未配对的引号或多余的分隔符",
    "csv_error": "无法按表格解析这一行（{error}）",
    "merged_rows": "有 {n} 行意见内容超过 {limit} 字，可能把几条意见写在了一格里，请核对",
}

#: Exact header words per role (after folding, without spaces, stars and （必填）-like notes).
HEADERS: dict[Role, tuple[str, ...]] = {
    Role.TEXT: (
        "意见内容",
        "意见建议",
        "意见和建议",
        "意见及建议",
        "意见建议内容",
        "具体意见",
        "意见",
        "建议",
        "内容",
        "问题及意见",
        "反映问题",
        "问题描述",
        "主要意见",
    ),
    Role.CHANNEL: (
        "来源渠道",
        "征求渠道",
        "征集渠道",
        "征求方式",
        "收集方式",
        "意见来源",
        "来源",
        "渠道",
        "方式",
    ),
    Role.TARGET: (
        "意见对象",
        "针对对象",
        "对象",
        "针对",
        "所提对象",
        "涉及领导",
        "涉及对象",
        "针对人员",
        "意见针对",
        "提给",
    ),
    Role.TIME: ("提出时间", "提交时间", "填写时间", "收集时间", "时间", "日期"),
    Role.CATEGORY: ("类别", "意见类别", "意见分类", "分类", "类型", "所属方面", "方面"),
    Role.IDENTITY: (
        "姓名",
        "提出人",
        "提交人",
        "填表人",
        "署名",
        "联系方式",
        "联系电话",
        "电话",
        "手机",
        "手机号",
        "单位",
        "工作单位",
        "所在单位",
        "部门",
        "身份证号",
        "邮箱",
        "微信",
        "qq",
        "ip",
        "ip地址",
        "地址",
        "住址",
        "性别",
        "年龄",
        "职务",
        "身份",
    ),
    Role.IGNORED: ("序号", "编号", "no", "id"),
}
#: Substrings that mark a header as identity even when worded freely (提出人姓名, 联系人电话 …).
_IDENTITY_PARTS = (
    "姓名",
    "提出人",
    "提交人",
    "填表人",
    "署名",
    "联系",
    "电话",
    "手机",
    "单位",
    "部门",
    "身份证",
    "邮箱",
    "微信",
    "qq",
    "ip",
    "住址",
    "性别",
    "年龄",
)
#: Substring rules for the other roles, most specific first (意见对象 is a target, not a text).
_ROLE_PARTS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.TARGET, ("对象", "针对", "涉及领导")),
    (Role.CATEGORY, ("类别", "分类", "类型")),
    (Role.CHANNEL, ("来源", "渠道", "方式")),
    (Role.TIME, ("时间", "日期")),
    (Role.TEXT, ("意见", "建议", "内容", "问题")),
    (Role.IGNORED, ("序号", "编号")),
)
_HEADER_NOISE = re.compile(r"[\s*＊:：]+|[（(](?:必填|选填|可选|可不填|非必填)[)）]")
#: Opinions that say nothing (a questionnaire's "无").
_NO_SUBSTANCE = frozenset(
    {
        "无",
        "没有",
        "暂无",
        "无意见",
        "没有意见",
        "暂无意见",
        "无建议",
        "没有建议",
        "暂无建议",
        "无意见建议",
        "同上",
        "好",
        "很好",
        "满意",
        "非常满意",
        "略",
        "无其他意见",
        "没有其他意见",
        "不清楚",
        "不了解",
    }
)
_PUNCT = re.compile(r"[\W_]+")
_LATIN1 = re.compile(r"[\u00c0-\u00ff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
LONG_TEXT = 600

_LIST_MARK = re.compile(
    r"^\s*(?:\d{1,3}\s*[.、．)）]|[（(]\s*\d{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(][一二三四五六七八九十]{1,3}[)）]|[①-⑳]|[-*•·●]\s)\s*"
)
_TXT_HEADING = re.compile(r"^(?:对|关于|针对)?.{0,24}?(?:的)?意见(?:建议)?[：:]?$")
_TXT_CHANNEL = re.compile(r"^(?:来源|渠道|征求方式|来源渠道)[：:]\s*(.+)$")
_CHANNEL_WORDS = (
    "座谈",
    "意见箱",
    "问卷",
    "征求意见表",
    "网上",
    "线上",
    "谈心谈话",
    "访谈",
    "信访",
)


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column (0-based) plays which role, and the header words as written."""

    roles: dict[int, Role]
    headers: tuple[str, ...]

    def of(self, role: Role) -> list[int]:
        return [i for i, r in sorted(self.roles.items()) if r is role]


def header_role(header: str) -> Role | None:
    """The role of a column from its header, or None when it is not recognised."""
    h = _HEADER_NOISE.sub("", fold(header)).lower()
    if not h:
        return None
    for role, words in HEADERS.items():
        if h in words:
            return role
    if any(p in h for p in _IDENTITY_PARTS):
        return Role.IDENTITY
    for role, parts in _ROLE_PARTS:
        if any(p in h for p in parts):
            return role
    return None


def parse_mapping(items: Iterable[str]) -> dict[Role, list[str]]:
    """``["text=意见", "identity=备注"]`` → {Role.TEXT: ["意见"], Role.IDENTITY: ["备注"]}."""
    out: dict[Role, list[str]] = {}
    roles = "、".join(r.value for r in Role if r is not Role.IGNORED)
    for raw in items:
        for item in re.split(r"[,，;；]", raw):
            if not item.strip():
                continue
            key, sep, value = item.partition("=")
            try:
                role = Role(key.strip().lower())
            except ValueError:
                role = None
            if not sep or role is None or not value.strip():
                raise InputError(MSG["bad_mapping"].format(item=item.strip(), roles=roles))
            out.setdefault(role, []).append(value.strip())
    return out


def _column_index(header: str, headers: Sequence[str]) -> int | None:
    if re.fullmatch(r"[A-Za-z]{1,2}", header):
        n = 0
        for ch in header.upper():
            n = n * 26 + ord(ch) - 64
        return n - 1
    key = _HEADER_NOISE.sub("", fold(header)).lower()
    for i, h in enumerate(headers):
        if _HEADER_NOISE.sub("", fold(h)).lower() == key:
            return i
    return None


def recognise(headers: Sequence[str], mapping: Mapping[Role, Sequence[str]]) -> Columns:
    """Roles of the columns: the mapping first, then the usual headers; unknown → dropped."""
    roles: dict[int, Role] = {}
    for role, names in mapping.items():
        for name in names:
            idx = _column_index(name, headers)
            if idx is None:
                shown = "、".join(h for h in headers if h) or "无"
                raise InputError(MSG["mapping_missing"].format(header=name, headers=shown))
            roles[idx] = role
    for i, h in enumerate(headers):
        if i in roles or not h.strip():
            continue
        found = header_role(h)
        if found is not None:
            if found is Role.TEXT and mapping.get(Role.TEXT):
                found = Role.IGNORED  # the user named the text column; other text-like ones go
            roles[i] = found
    return Columns(roles, tuple(headers))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def looks_garbled(text: str) -> bool:
    """Mojibake: replacement characters; GB18030 read as Latin-1 (ÒâÔ­); UTF-8 read as GBK, which
    yields mostly characters outside the 3,755 common ones (闀囬暱涓嬫潙) — ordinary opinions,
    even with rare place names, stay far below half."""
    if "\ufffd" in text or "锟斤拷" in text:
        return True
    latin = len(_LATIN1.findall(text))
    cjk = _CJK.findall(text)
    if latin >= 4 and latin > len(cjk):
        return True
    if len(cjk) < 6:
        return False
    rare = sum(1 for ch in cjk if not _common(ch))
    return rare * 2 > len(cjk)


@lru_cache(maxsize=8192)
def _common(ch: str) -> bool:
    """In GB2312 level 1 (the 3,755 most used characters)."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _substance(text: str) -> bool:
    core = _PUNCT.sub("", fold(text))
    if core in _NO_SUBSTANCE or core.rstrip("了的") in _NO_SUBSTANCE:
        return False
    return len(core) >= 4


@dataclass
class _Builder:
    """Collects kept and rejected rows of one source; knows nothing of formats."""

    keep_identity: bool
    default_channel: str
    opinions: list[Opinion]
    rejected: list[Rejected]
    contributors: dict[str, set[tuple[str, ...]]]
    anonymous: dict[str, int]
    blank: int = 0
    long: int = 0

    def add(
        self,
        row: int,
        text: str,
        *,
        channel: str = "",
        target: str = "",
        category: str = "",
        when: str = "",
        identity: Sequence[tuple[str, str]] = (),
    ) -> None:
        text = text.strip()
        channel = channel.strip() or self.default_channel
        if not text:
            self.rejected.append(Rejected(row, MSG["empty_text"]))
            return
        if looks_garbled(text):
            self.rejected.append(Rejected(row, MSG["garbled"]))
            return
        if not _substance(text):
            self.rejected.append(Rejected(row, MSG["no_substance"]))
            return
        values = tuple(v for _, v in identity if v)
        if values:
            self.contributors.setdefault(channel, set()).add(values)
        else:
            self.anonymous[channel] = self.anonymous.get(channel, 0) + 1
        if len(text) > LONG_TEXT:
            self.long += 1
        self.opinions.append(
            Opinion(
                row=row,
                text=text,
                channel=channel,
                target=target.strip(),
                category=category.strip(),
                time=when.strip(),
                identity=tuple(identity) if self.keep_identity else (),
            )
        )

    def contributor_counts(self, had_identity: bool) -> tuple[tuple[str, int], ...] | None:
        if not had_identity:
            return None
        channels = sorted(set(self.contributors) | set(self.anonymous))
        return tuple(
            (c, len(self.contributors.get(c, ())) + self.anonymous.get(c, 0)) for c in channels
        )

    def warnings(self) -> tuple[str, ...]:
        return (MSG["merged_rows"].format(n=self.long, limit=LONG_TEXT),) if self.long else ()


def _new_builder(keep_identity: bool, default_channel: str) -> _Builder:
    return _Builder(keep_identity, default_channel, [], [], {}, {})


def _table_rows(
    rows: Iterator[tuple[int, list[str]]],
    *,
    mapping: Mapping[Role, Sequence[str]],
    builder: _Builder,
    strict_width: bool,
) -> tuple[Columns | None, bool]:
    """Find the header among the first rows, then feed every data row to ``builder``.

    Title lines above the header are skipped. Returns the columns (None when the table has one
    column and no header: every cell is an opinion) and whether an identity column existed.
    """
    head: list[tuple[int, list[str]]] = []
    columns: Columns | None = None
    mapping_error: InputError | None = None
    for row_no, cells in rows:
        if columns is not None:
            if any(c.strip() for c in cells):
                _data_row(row_no, cells, columns, builder, strict_width)
            else:
                builder.blank += 1
            continue
        head.append((row_no, cells))
        if not any(c.strip() for c in cells):
            continue
        try:
            cand = recognise(cells, mapping)
        except InputError as exc:
            mapping_error = mapping_error or exc
            cand = None
        if cand is not None and _is_header(cand, bool(mapping.get(Role.TEXT))):
            columns = cand
            builder.blank += sum(1 for _, c in head[:-1] if not any(x.strip() for x in c))
            head = []
        elif len(head) >= _HEADER_SEARCH:
            break
    if columns is not None:
        return columns, bool(columns.of(Role.IDENTITY))
    if mapping_error is not None:
        raise mapping_error
    single = all(len([c for c in cells if c.strip()]) <= 1 for _, cells in head)
    if not head or not single:
        raise InputError(MSG["no_text_column"])
    for row_no, cells in (*head, *rows):
        text = next((c for c in cells if c.strip()), "")
        if text:
            builder.add(row_no, text)
        else:
            builder.blank += 1
    return None, False


_HEADER_SEARCH = 12


def _is_header(cols: Columns, text_mapped: bool) -> bool:
    """A header row names the opinion column with a usual word (意见内容), or names it loosely
    next to at least one other recognised column; a long title line is never a header."""
    text_cols = cols.of(Role.TEXT)
    if not text_cols:
        return False
    if text_mapped:
        return True
    words = HEADERS[Role.TEXT]
    exact = any(_HEADER_NOISE.sub("", fold(cols.headers[i])).lower() in words for i in text_cols)
    short = all(len(cols.headers[i].strip()) <= 16 for i in text_cols)
    return short and (exact or _header_score(cols) >= 2)


def _header_score(cols: Columns) -> int:
    return sum(1 for r in cols.roles.values() if r is not Role.IGNORED)


def _data_row(
    row_no: int, cells: list[str], cols: Columns, builder: _Builder, strict_width: bool
) -> None:
    width = len(cols.headers)
    used = [c for i, c in enumerate(cells) if c.strip() and cols.roles.get(i) is not Role.IGNORED]
    if not used:  # a pre-numbered row of a form template, nothing written in it
        builder.blank += 1
        return
    if strict_width and len(cells) > width and any(c.strip() for c in cells[width:]):
        builder.rejected.append(Rejected(row_no, MSG["columns"].format(n=len(cells), m=width)))
        return

    def get(role: Role) -> str:
        return "；".join(
            cells[i].strip() for i in cols.of(role) if i < len(cells) and cells[i].strip()
        )

    identity = [
        (cols.headers[i] or f"第{i + 1}列", cells[i].strip())
        for i in cols.of(Role.IDENTITY)
        if i < len(cells)
    ]
    builder.add(
        row_no,
        get(Role.TEXT),
        channel=get(Role.CHANNEL),
        target=get(Role.TARGET),
        category=get(Role.CATEGORY),
        when=get(Role.TIME),
        identity=identity,
    )


def _dropped(cols: Columns | None, keep_identity: bool) -> tuple[str, ...]:
    if cols is None:
        return ()
    out = []
    for i, h in enumerate(cols.headers):
        role = cols.roles.get(i)
        if not h.strip():
            continue
        if role is None or (role is Role.IDENTITY and not keep_identity):
            out.append(h.strip())
    return tuple(out)


def _described(cols: Columns | None) -> tuple[tuple[str, str], ...]:
    if cols is None:
        return ((Role.TEXT.value, "（无表头，每行一条）"),)
    return tuple(
        (r.value, cols.headers[i].strip())
        for i, r in sorted(cols.roles.items())
        if r is not Role.IGNORED
    )


# --- formats -----------------------------------------------------------------------------------


def _xlsx_rows(
    path: Path, data: bytes, sheet: str | None
) -> tuple[str, Iterator[tuple[int, list[str]]], list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise CorruptFileError(MSG["xlsx_corrupt"].format(error=type(exc).__name__), path) from exc
    names = list(wb.sheetnames)
    if sheet is not None and sheet not in names:
        raise InputError(MSG["no_sheet"].format(sheet=sheet, sheets="、".join(names)), path)

    def rows_of(name: str) -> Iterator[tuple[int, list[str]]]:
        ws = wb[name]
        for i, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            yield i, [_cell(v) for v in values]

    return (sheet or names[0]), rows_of(sheet or names[0]), ([] if sheet else names[1:])


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|，")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, ["\x00csv-error", str(exc)]
            start = reader.line_num + 1
            continue
        yield start, cells
        start = reader.line_num + 1


def _txt_opinions(text: str, builder: _Builder) -> None:
    """One opinion per line; or per paragraph when blank lines separate blocks whose lines are
    wrapped sentences rather than numbered or complete opinions. Heading lines (对班子的意见：,
    来源：座谈会) set the target or channel of the opinions under them."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for i, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            blocks[-1].append((i, line.strip()))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    body_lines = [
        (i, ln) for b in blocks for i, ln in b if not _is_heading(ln) and not _TXT_CHANNEL.match(ln)
    ]
    marked = sum(1 for _, ln in body_lines if _LIST_MARK.match(ln))
    complete = sum(
        1 for _, ln in body_lines if ln.endswith(("。", "！", "？", "!", "?", ".", "；"))
    )
    multi = any(
        sum(1 for _, ln in b if not _is_heading(ln) and not _TXT_CHANNEL.match(ln)) > 1
        for b in blocks
    )
    by_paragraph = (
        len(blocks) > 1
        and multi
        and marked * 2 < len(body_lines)
        and complete * 2 < len(body_lines)
    )
    units: list[tuple[int, str]] = []
    for block in blocks:
        if not by_paragraph:
            units.extend(block)
            continue
        rest: list[tuple[int, str]] = []
        for row, line in block:
            if not rest and (_is_heading(line) or _TXT_CHANNEL.match(line)):
                units.append((row, line))
            else:
                rest.append((row, line))
        if rest:
            units.append((rest[0][0], "".join(ln for _, ln in rest)))
    channel = ""
    target = ""
    if units and _is_title(units[0][1]):
        units = units[1:]
    for row, unit in units:
        body = _LIST_MARK.sub("", unit, count=1).strip()
        m = _TXT_CHANNEL.match(body)
        if m:
            channel = m.group(1).strip()
            continue
        if _is_heading(unit):
            heading = body.rstrip("：:")
            if any(w in heading for w in _CHANNEL_WORDS):
                channel = heading
            else:
                target = heading
            continue
        builder.add(row, body, channel=channel, target=target)


def _is_title(line: str) -> bool:
    """The title line of a notes file (意见箱开箱记录, 征求意见汇总): not an opinion."""
    return (
        len(line) <= 40
        and not re.search(r"[，。！？；,]", line)
        and any(w in line for w in _TITLE_WORDS)
        and not _LIST_MARK.match(line)
    )


_TITLE_WORDS = ("记录", "汇总", "清单", "征求意见", "意见箱", "意见建议表", "整理")


def _is_heading(line: str) -> bool:
    body = _LIST_MARK.sub("", line, count=1).strip()
    if len(body) > 30 or re.search(r"[。！？；]", body):
        return False
    return bool(_TXT_HEADING.match(body)) and (
        body.startswith(("对", "关于", "针对")) or body.endswith(("：", ":"))
    )


def read_opinions(
    path: str | Path,
    *,
    columns: Mapping[Role, Sequence[str]] | None = None,
    keep_identity: bool = False,
    sheet: str | None = None,
    encoding: str | None = None,
    channel: str = "",
) -> Intake:
    """Read one opinion file (.xlsx, .csv, .tsv, .txt); the content decides the format.

    ``columns`` maps roles to headers (or column letters) when the usual headers are not used;
    ``channel`` is the channel of opinions whose source gives none (e.g. a .txt of 意见箱 notes).
    Raises :class:`~mingjing.errors.InputError` for a file that cannot be used at all.
    """
    p = Path(path)
    data = read_bytes(p)
    mapping = dict(columns or {})
    builder = _new_builder(keep_identity, channel)
    used_encoding: str | None = None
    used_sheet: str | None = None
    cols: Columns | None = None
    had_identity = False
    if data.startswith(OLE_MAGIC):
        raise UnsupportedFormatError(MSG["xls"], p)
    if data.startswith(ZIP_MAGIC):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "xl/workbook.xml" not in zf.namelist():
                raise UnsupportedFormatError(MSG["not_xlsx"], p)
        used_sheet, rows, _ = _xlsx_rows(p, data, sheet)
        cols, had_identity = _table_rows(rows, mapping=mapping, builder=builder, strict_width=False)
    else:
        text, used_encoding = decode(data, p, encoding)
        text = text.removeprefix("\ufeff")
        if p.suffix.lower() in (".csv", ".tsv") or _looks_tabular(text):
            rows_iter = _reject_csv_errors(_csv_rows(text), builder)
            cols, had_identity = _table_rows(
                rows_iter, mapping=mapping, builder=builder, strict_width=True
            )
        else:
            _txt_opinions(text, builder)
    log.debug(
        "intake %s: %d kept, %d rejected, %d blank",
        p.name,
        len(builder.opinions),
        len(builder.rejected),
        builder.blank,
    )
    return Intake(
        source=str(p),
        opinions=tuple(builder.opinions),
        rejected=tuple(sorted(builder.rejected, key=lambda r: r.row)),
        blank=builder.blank,
        columns=_described(cols),
        dropped=_dropped(cols, keep_identity),
        identity_kept=keep_identity and had_identity,
        contributors=builder.contributor_counts(had_identity),
        encoding=used_encoding,
        sheet=used_sheet,
        warnings=builder.warnings(),
    )


def _reject_csv_errors(
    rows: Iterator[tuple[int, list[str]]], builder: _Builder
) -> Iterator[tuple[int, list[str]]]:
    for row_no, cells in rows:
        if cells and cells[0] == "\x00csv-error":
            builder.rejected.append(Rejected(row_no, MSG["csv_error"].format(error=cells[1])))
            continue
        yield row_no, cells


def _looks_tabular(text: str) -> bool:
    """A .txt that is really a tab-separated table with an opinion column in its header."""
    for line in text.splitlines()[:12]:
        if "\t" in line:
            cells = line.split("\t")
            return any(header_role(c) is Role.TEXT for c in cells)
    return False


def opinions_from_texts(texts: Iterable[str], *, source: str = "（内存）") -> Intake:
    """An intake from texts already in memory (tests, the web form); rows are 1-based positions."""
    builder = _new_builder(False, "")
    for i, t in enumerate(texts, start=1):
        builder.add(i, t)
    return Intake(
        source=source,
        opinions=tuple(builder.opinions),
        rejected=tuple(builder.rejected),
        columns=((Role.TEXT.value, "（文本）"),),
    )
