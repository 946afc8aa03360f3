"""完成时限: deadlines read from a measure's text into a typed :class:`Deadline`.

``2024年6月底前`` is a date; ``年底前`` and ``3月底前`` need the year the measures are carried out
(:func:`rectification_year`, from the material's date); ``立行立改``, ``长期坚持`` and ``每季度``
are kinds of deadline without a date; ``3个月内`` counts from the meeting month when it is known.
A measure that says nothing gets :data:`DeadlineKind.MISSING` and is flagged in the ledger.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from mingjing.ledger.model import Deadline, DeadlineKind
from mingjing.review.context import MaterialDate
from mingjing.textnorm import chinese_to_int, fold

__all__ = ["BaseYear", "parse_deadline", "parse_deadline_cell", "rectification_year"]

NOTES = {
    "year_from_text": "年份取自本条措施中的“{year}年”",
    "year_from_base": "年份按材料推定为{year}年（{why}）",
    "rolled": "该月份早于会议时间，顺延至{year}年",
    "relative_from": "自会议月份（{year}年{month}月）起算",
    "relative_unknown": "材料未写明会议月份，无法推算日期，请手工填写",
    "no_base": "无法推定年份，请手工填写日期",
    "periodic_with": "另有周期要求：每{period}",
    "missing": "材料未写明完成时限，请补充",
    "why_date_line": "落款或标题日期",
    "why_annual": "年度民主生活会次年召开",
    "why_campaign": "学习教育年份",
    "why_framework": "对照框架的召开时间",
    "why_mention": "文中出现的最晚年份",
    "why_measures": "整改措施中写明的年份",
    "why_late_meeting": "会议在年末召开，整改措施写明了次年",
}
_WHY = {
    "date-line": NOTES["why_date_line"],
    "annual": NOTES["why_annual"],
    "campaign": NOTES["why_campaign"],
    "framework": NOTES["why_framework"],
    "mention": NOTES["why_mention"],
}


@dataclass(frozen=True, slots=True)
class BaseYear:
    """The year relative deadlines (``年底前``) refer to, the meeting month if known, and why."""

    year: int | None
    meeting: tuple[int, int] | None  # (year, month) of the meeting, when the text tells
    note: str


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def rectification_year(material_date: MaterialDate | None, measures_text: str) -> BaseYear:
    """The year of the rectification: the material's date (the reviewer's
    :attr:`~mingjing.review.context.Context.date`), corrected by explicit years in the measures.

    A date inferred only from the framework or a campaign year is imprecise (a 2023 campaign
    meeting was often held in January 2024): when the measures themselves write a later year
    (``2024年6月底前``), that year is the one ``年底前`` means. A meeting in November or December
    whose measures write the next year is read the same way.
    """
    years = sorted({int(y) for y in _YEAR.findall(fold(measures_text))})
    d = material_date
    if d is None:
        if years:
            return BaseYear(
                years[0],
                None,
                NOTES["year_from_base"].format(year=years[0], why=NOTES["why_measures"]),
            )
        return BaseYear(None, None, NOTES["no_base"])
    meeting = (d.year, d.month) if d.month is not None and d.how == "date-line" else None
    if d.how == "date-line":
        if d.month is not None and d.month >= 11 and d.year + 1 in years:
            y = d.year + 1
            return BaseYear(
                y, meeting, NOTES["year_from_base"].format(year=y, why=NOTES["why_late_meeting"])
            )
        return BaseYear(
            d.year, meeting, NOTES["year_from_base"].format(year=d.year, why=_WHY[d.how])
        )
    if d.how == "annual" and d.month is not None:
        meeting = (d.year, d.month)
    later = [y for y in years if y > d.year]
    if later and d.how not in ("annual",):
        y = later[0]
        return BaseYear(
            y, meeting, NOTES["year_from_base"].format(year=y, why=NOTES["why_measures"])
        )
    return BaseYear(
        d.year, meeting, NOTES["year_from_base"].format(year=d.year, why=_WHY.get(d.how, d.how))
    )


def _num(s: str) -> int:
    if s.isdigit():
        return int(s)
    value = chinese_to_int(s)
    if value is None:
        raise ValueError(s)
    return value


_N = r"(?:\d{1,2}|十[一二]|[一二三四五六七八九十])"
_PART = r"(?:底|末|初|上旬|中旬|下旬)"
_BEFORE = r"(?:前|以前|之前|内|止)"

# 2024年6月底前, 2024年6月30日前, 2024年年底前, 2024年底前, 2024年内, 2024年上半年
_FULL = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:"
    r"(?P<m>"
    + _N
    + r")\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?\s*(?P<mp>"
    + _PART
    + r")?\s*(?P<mb>"
    + _BEFORE
    + r")?"
    r"|(?:年)?(?P<yp>底|末)\s*(?P<yb>" + _BEFORE + r")?"
    r"|(?P<half>上半年|下半年)\s*(?P<hb>" + _BEFORE + r")?"
    r"|第?(?P<q>[一二三四1-4])季度\s*(?:末|底)?\s*(?P<qb>" + _BEFORE + r")?"
    r"|(?P<yin>内|以内)"
    r")"
)
# 6月底前, 九月中旬前 (a month without a year needs 前/内)
_MONTH = re.compile(
    r"(?<![\d年])(?P<m>"
    + _N
    + r")\s*月\s*(?:(?P<d>\d{1,2})\s*[日号])?\s*(?P<mp>"
    + _PART
    + r")?\s*(?P<mb>前|以前|之前|内)"
)
# 年底前, 今年底, 明年6月底前 is handled by _NEXT_YEAR
_YEAR_END = re.compile(
    r"(?:今年|本年度?|当年)?(?<![\d一二两三四五六七八九十个每])年\s*(?:底|末)\s*(?:前|以前|之前)?"
    r"|(?:今年|本年度?)内|(?<![\d一二两三四五六七八九十个每])年内"
)
_NEXT_YEAR = re.compile(
    r"(?:明年|次年|下一年)\s*(?:(?P<m>"
    + _N
    + r")\s*月\s*(?P<mp>"
    + _PART
    + r")?|(?P<yp>底|末))\s*(?:前|以前|之前|内)?"
)
_HALF = re.compile(r"(?<![\d年])(?:今年)?(?P<half>上半年|下半年)\s*(?:前|内|完成)")
_QUARTER = re.compile(
    r"(?<![\d年每])第?(?P<q>[一二三四1-4])季度\s*(?:末|底)?\s*(?:前|以前|之前|内)"
)
_RELATIVE = re.compile(
    r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*(?P<u>月|周|星期)\s*(?:内|以内)"
    r"|(?P<dn>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:个工作日|天|日)\s*(?:内|以内)(?=完成|整改|办结|到位|销号|落实)"
)
_IMMEDIATE = re.compile(r"立行立改|立说立行|即知即改|立即整改|马上就改|立改立行|边查边改|即查即改")
_LONG = re.compile(r"长期坚持|长期执行|长期抓|常态化|常抓不懈|持续推进|久久为功")
_PERIOD = re.compile(r"(?<!不定)每(?P<p>半年|季度|年|季|月|周|旬)")


def _end_of_month(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_date(
    y: int, m: int, day: str | None, part: str | None, before: str | None
) -> date | None:
    if not 1 <= m <= 12:
        return None
    if day:
        try:
            return date(y, m, int(day))
        except ValueError:
            return None
    if part in ("上旬", "初"):
        return date(y, m, 10)
    if part == "中旬":
        return date(y, m, 20)
    if part in ("底", "末", "下旬"):
        return _end_of_month(y, m)
    if before in ("前", "以前", "之前"):  # 6月前: before June
        return date.fromordinal(date(y, m, 1).toordinal() - 1)
    return _end_of_month(y, m)  # 6月内 / 6月止


def _quarter_end(y: int, q: str) -> date:
    n = _num(q)
    return _end_of_month(y, min(max(n, 1), 4) * 3)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    due: date | None
    note: str


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _dates(text: str, base: BaseYear) -> list[_Hit]:
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _FULL.finditer(text):
        y = int(m.group("y"))
        due: date | None = None
        if m.group("m"):
            if not (m.group("d") or m.group("mp") or m.group("mb")):
                continue  # "2024年6月" alone is a time, not a deadline
            due = _month_date(y, _num(m.group("m")), m.group("d"), m.group("mp"), m.group("mb"))
        elif m.group("yp") or m.group("yin"):
            due = date(y, 12, 31)
        elif m.group("half"):
            if not m.group("hb") and not text.startswith("完成", m.end()):
                continue
            due = date(y, 6, 30) if m.group("half") == "上半年" else date(y, 12, 31)
        elif m.group("q"):
            if not m.group("qb"):
                continue
            due = _quarter_end(y, m.group("q"))
        if due is not None:
            hits.append(_Hit(m.start(), m.end(), due, ""))
            taken.append((m.start(), m.end()))

    def year_for(pos: int) -> tuple[int | None, str]:
        """The last explicit year written before ``pos`` in this measure, else the base year."""
        last = None
        for ym in _YEAR.finditer(text, 0, pos):
            last = int(ym.group(1))
        if last is not None:
            return last, NOTES["year_from_text"].format(year=last)
        if base.year is None:
            return None, NOTES["no_base"]
        return base.year, base.note

    def roll(due: date, note: str) -> tuple[date, str]:
        if base.meeting is not None and (due.year, due.month) < base.meeting:
            y2 = due.year + 1
            try:
                return due.replace(year=y2), note + "；" + NOTES["rolled"].format(year=y2)
            except ValueError:  # 29 February
                return _end_of_month(y2, due.month), note + "；" + NOTES["rolled"].format(year=y2)
        return due, note

    for m in _NEXT_YEAR.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if base.year is None:
            hits.append(_Hit(m.start(), m.end(), None, NOTES["no_base"]))
        else:
            y = base.year + 1
            due = (
                _month_date(y, _num(m.group("m")), None, m.group("mp"), "前")
                if m.group("m")
                else date(y, 12, 31)
            )
            hits.append(
                _Hit(m.start(), m.end(), due, NOTES["year_from_base"].format(year=y, why="明年"))
            )
        taken.append((m.start(), m.end()))

    for m in _MONTH.finditer(text):
        if not free(m.start(), m.end()):
            continue
        my, note = year_for(m.start())
        taken.append((m.start(), m.end()))
        if my is None:
            hits.append(_Hit(m.start(), m.end(), None, note))
            continue
        due = _month_date(my, _num(m.group("m")), m.group("d"), m.group("mp"), m.group("mb"))
        if due is not None:
            due, note = roll(due, note)
            hits.append(_Hit(m.start(), m.end(), due, note))

    for pattern in (_YEAR_END, _HALF, _QUARTER):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            yy, note = year_for(m.start())
            taken.append((m.start(), m.end()))
            if yy is None:
                hits.append(_Hit(m.start(), m.end(), None, note))
                continue
            y = yy
            g = m.groupdict()
            if g.get("half"):
                due = date(y, 6, 30) if g["half"] == "上半年" else date(y, 12, 31)
            elif g.get("q"):
                due = _quarter_end(y, g["q"])
            else:
                due = date(y, 12, 31)
            due, note = roll(due, note)
            hits.append(_Hit(m.start(), m.end(), due, note))
    return hits


def parse_deadline(text: str, base: BaseYear) -> Deadline:
    """The deadline of one measure's text (see the module doc); the latest date wins when a
    measure names several (it is done when all its steps are)."""
    folded = fold(text)
    period_m = _PERIOD.search(folded)
    period = period_m.group("p") if period_m else None
    if period == "季":
        period = "季度"
    hits = _dates(folded, base)
    dated = [h for h in hits if h.due is not None]
    if dated:
        best = max(dated, key=lambda h: h.due or date.min)
        note = best.note
        if period:
            note = "；".join(x for x in (note, NOTES["periodic_with"].format(period=period)) if x)
        return Deadline(DeadlineKind.DATE, best.due, text[best.start : best.end], period, note)
    m = _IMMEDIATE.search(folded)
    if m:
        return Deadline(DeadlineKind.IMMEDIATE, None, text[m.start() : m.end()], period)
    m = _LONG.search(folded)
    if m:
        note = NOTES["periodic_with"].format(period=period) if period else ""
        return Deadline(DeadlineKind.LONG_TERM, None, text[m.start() : m.end()], period, note)
    m = _RELATIVE.search(folded)
    if m:
        phrase = text[m.start() : m.end()]
        if m.group("u") == "月" and base.meeting is not None:
            y, mo = _add_months(*base.meeting, _num(m.group("n")))
            note = NOTES["relative_from"].format(year=base.meeting[0], month=base.meeting[1])
            return Deadline(DeadlineKind.DATE, _end_of_month(y, mo), phrase, period, note)
        return Deadline(DeadlineKind.RELATIVE, None, phrase, period, NOTES["relative_unknown"])
    if hits:  # a month or 年底 whose year could not be inferred
        h = hits[0]
        return Deadline(DeadlineKind.RELATIVE, None, text[h.start : h.end], period, h.note)
    if period_m:
        return Deadline(
            DeadlineKind.PERIODIC, None, text[period_m.start() : period_m.end()], period
        )
    return Deadline(DeadlineKind.MISSING, note=NOTES["missing"])


_CELL_DATE = re.compile(
    r"^\s*((?:19|20)\d{2})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\s*$"
)
_CELL_MONTH = re.compile(r"^\s*((?:19|20)\d{2})\s*[年./\-]\s*(\d{1,2})\s*月?\s*$")


def parse_deadline_cell(value: object, base: BaseYear | None = None) -> Deadline:
    """A deadline as a user left it in the ledger: an Excel date, ``2024/6/30``, ``2024年6月底前``,
    ``立行立改``, ``每季度`` or empty."""
    if isinstance(value, date):
        return Deadline(
            DeadlineKind.DATE,
            value if type(value) is date else date(value.year, value.month, value.day),
        )
    text = "" if value is None else str(value).strip()
    if not text:
        return Deadline(DeadlineKind.MISSING)
    m = _CELL_DATE.match(fold(text))
    if m:
        try:
            return Deadline(
                DeadlineKind.DATE, date(int(m.group(1)), int(m.group(2)), int(m.group(3))), text
            )
        except ValueError:
            pass
    m = _CELL_MONTH.match(fold(text))
    if m and 1 <= int(m.group(2)) <= 12:
        return Deadline(DeadlineKind.DATE, _end_of_month(int(m.group(1)), int(m.group(2))), text)
    if fold(text) in ("长期", "长期坚持"):
        return Deadline(DeadlineKind.LONG_TERM, None, text)
    parsed = parse_deadline(text, base or BaseYear(None, None, ""))
    if parsed.kind is DeadlineKind.MISSING:
        return Deadline(DeadlineKind.RELATIVE, None, text, note="")
    return parsed
