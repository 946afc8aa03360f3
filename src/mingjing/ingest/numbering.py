"""Word auto-numbering (自动编号): the labels Word draws in front of numbered paragraphs.

A heading typed as ``一、理论学习方面`` and one whose ``一、`` comes from a numbered list look the
same in Word, but only the first has the label in its text; python-docx shows no label at all. This
module recomputes what Word shows from ``numbering.xml`` and ``styles.xml``:

* the paragraph's ``w:numPr`` (or the one inherited along its style's ``w:basedOn`` chain, or the
  level whose ``w:pStyle`` names the paragraph's style);
* ``w:num`` → ``w:abstractNum`` (following ``w:numStyleLink`` to the list style's definition),
  with ``w:lvlOverride`` (``w:startOverride`` or a whole replacement ``w:lvl``);
* one set of counters per abstract definition, so several ``w:num`` that share it continue one
  sequence unless a ``w:startOverride`` restarts it; using a level resets the deeper levels
  (``w:lvlRestart`` can change that);
* ``w:lvlText`` with ``%1`` … ``%9`` expanded by each level's own ``w:numFmt`` (all decimal when the
  level is ``w:isLgl``), including the Chinese formats (``chineseCounting``,
  ``taiwaneseCountingThousand`` …, which LibreOffice writes after converting a .doc).

The suffix (``w:suff``: tab, space or nothing) is reported separately and is not part of the label.
The :class:`ListNumberer` is stateful: feed it every numbered paragraph once, in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from docx.styles import BabelFish
from lxml import etree

from mingjing.textnorm import int_to_chinese
from mingjing.wordml import (
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    W_ABSTRACT_NUM,
    W_ABSTRACT_NUM_ID,
    W_BASED_ON,
    W_DEFAULT,
    W_FORMAT,
    W_ILVL,
    W_IS_LGL,
    W_LVL,
    W_LVL_OVERRIDE,
    W_LVL_RESTART,
    W_LVL_TEXT,
    W_NAME,
    W_NULL,
    W_NUM,
    W_NUM_FMT,
    W_NUM_ID,
    W_NUM_STYLE_LINK,
    W_NUMPR,
    W_PPR,
    W_PSTYLE,
    W_START,
    W_START_OVERRIDE,
    W_STYLE,
    W_STYLE_ID,
    W_STYLE_LINK,
    W_SUFF,
    W_TYPE,
    W_VAL,
)

__all__ = [
    "AbstractNum",
    "Level",
    "ListLabel",
    "ListNumberer",
    "NumInstance",
    "NumberingDefinitions",
    "ParagraphStyle",
    "StyleSheet",
    "format_number",
]

MAX_LEVELS = 9


Element = etree._Element


def _val(el: Element | None, attr: str = W_VAL) -> str | None:
    if el is None:
        return None
    v = el.get(attr)
    return v if v is not None else None


def _int(text: str | None, default: int | None = None) -> int | None:
    if text is None:
        return default
    try:
        return int(text.strip())
    except ValueError:
        return default


def _on(el: Element | None) -> bool:
    """An OOXML on/off property: present means on unless ``w:val`` says false."""
    if el is None:
        return False
    return (el.get(W_VAL) or "true").lower() not in {"0", "false", "off"}


# --- number formats ---------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = str.maketrans("一二三四五六七八九十百千零〇", "壹贰叁肆伍陆柒捌玖拾佰仟零零")
_TW_LEGAL = str.maketrans("一二三四五六七八九十百千零〇", "壹貳參肆伍陸柒捌玖拾佰仟零零")
_TIAN_GAN = "甲乙丙丁戊己庚辛壬癸"
_DI_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = (
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    + "".join(chr(c) for c in range(0x3251, 0x3260))  # ㉑ … ㉟
    + "".join(chr(c) for c in range(0x32B1, 0x32C0))  # ㊱ … ㊿
)
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_CIRCLED_IDEOGRAPH = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_PAREN_IDEOGRAPH = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

#: Word's counting formats for Chinese and Japanese: 一 … 十 十一 … 二十 … 一百.
_COUNTING = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
    }
)
#: Digit-by-digit ideographs: 10 → 一〇.
_DIGITAL = frozenset({"ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"})


def _roman(n: int) -> str:
    parts = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        q, n = divmod(n, value)
        parts.append(sym * q)
    return "".join(parts)


def _from_table(n: int, table: str) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def _chinese_counting(n: int) -> str:
    if n == 0:
        return "〇"
    if 0 < n < 10000:
        return int_to_chinese(n)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """``n`` written in the OOXML number format ``fmt`` (``w:numFmt/@w:val``) as Word shows it.

    Unknown formats fall back to decimal, which is also what Word does for formats it lacks.
    """
    if fmt in ("none", "bullet"):
        return ""
    if fmt in _COUNTING:
        return _chinese_counting(n)
    if fmt in _DIGITAL:
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        s = _chinese_counting(n)
        if s.startswith("十"):
            s = "一" + s  # legal numerals always write the tens digit: 壹拾壹
        return s.translate(_CN_LEGAL if fmt == "chineseLegalSimplified" else _TW_LEGAL)
    if fmt == "ideographTraditional":
        return _from_table(n, _TIAN_GAN)  # 甲 … 癸, then decimal (as LibreOffice renders it)
    if fmt == "ideographZodiac":
        return _from_table(n, _DI_ZHI)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _from_table(n, _CIRCLED)
    if fmt == "decimalEnclosedParen":
        return _from_table(n, _PAREN)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(n, _FULLSTOP)
    if fmt == "ideographEnclosedCircle":
        return _from_table(n, _CIRCLED_IDEOGRAPH)
    if fmt == "ideographParenthesized":
        return _from_table(n, _PAREN_IDEOGRAPH)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH_DIGITS)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


#: Bullet glyphs of the Symbol/Wingdings fonts live in the Private Use Area; show their Unicode
#: look-alikes instead.
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0a8": "◆",
    "\uf075": "◆",
    "\uf06f": "□",
}


def _clean_glyphs(text: str) -> str:
    return "".join(
        _SYMBOL_BULLETS.get(ch, "•") if "\ue000" <= ch <= "\uf8ff" else ch for ch in text
    )


def _custom_format(spec: str) -> str | None:
    """Map Word 2010's ``w:numFmt w:val="custom" w:format="01, 02, 03, ..."`` to a known format."""
    first = spec.split(",")[0].strip()
    if re.fullmatch(r"0+1", first):
        return "decimalZero" if len(first) == 2 else None
    if first == "一":
        return "chineseCounting"
    if first == "壹":
        return "chineseLegalSimplified"
    if first == "①":
        return "decimalEnclosedCircle"
    if first == "１":
        return "decimalFullWidth"
    if first == "1":
        return "decimal"
    return None


# --- definitions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Level:
    """One level (``w:lvl``) of a list definition."""

    ilvl: int
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 1-based level whose use restarts this one; 0 never
    legal: bool = False  # w:isLgl
    suffix: str = "tab"  # w:suff: tab | space | nothing
    style_id: str | None = None  # w:pStyle: the paragraph style linked to this level


def _num_fmt(lvl: Element) -> str:
    el = lvl.find(W_NUM_FMT)
    if el is None:
        # Word 2010+ writes custom formats as mc:AlternateContent (Choice: custom, Fallback: plain).
        alt = lvl.find(MC_ALTERNATE)
        if alt is not None:
            for branch in (alt.find(MC_CHOICE), alt.find(MC_FALLBACK)):
                cand = branch.find(W_NUM_FMT) if branch is not None else None
                if cand is None:
                    continue
                v = cand.get(W_VAL) or "decimal"
                if v == "custom":
                    mapped = _custom_format(cand.get(W_FORMAT) or "")
                    if mapped is None:
                        continue
                    return mapped
                return v
        return "decimal"
    v = el.get(W_VAL) or "decimal"
    if v == "custom":
        return _custom_format(el.get(W_FORMAT) or "") or "decimal"
    return v


def _parse_level(lvl: Element, default_ilvl: int | None = None) -> Level | None:
    ilvl = _int(lvl.get(W_ILVL), default_ilvl)
    if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
        return None
    text_el = lvl.find(W_LVL_TEXT)
    text = ""
    if text_el is not None and not _on(text_el.find(W_NULL)) and text_el.get(W_NULL) is None:
        text = text_el.get(W_VAL) or ""
    return Level(
        ilvl=ilvl,
        start=_int(_val(lvl.find(W_START)), 1) or 0,
        fmt=_num_fmt(lvl),
        text=text,
        restart=_int(_val(lvl.find(W_LVL_RESTART))),
        legal=_on(lvl.find(W_IS_LGL)),
        suffix=_val(lvl.find(W_SUFF)) or "tab",
        style_id=_val(lvl.find(W_PSTYLE)),
    )


@dataclass(frozen=True, slots=True)
class AbstractNum:
    """A list definition (``w:abstractNum``): up to nine levels."""

    id: str
    levels: Mapping[int, Level]
    style_link: str | None = None  # this definition *is* the list style named here
    num_style_link: str | None = None  # this definition defers to the list style named here


@dataclass(frozen=True, slots=True)
class NumInstance:
    """A list instance (``w:num``) that paragraphs point at with ``w:numId``."""

    id: str
    abstract_id: str
    start_overrides: Mapping[int, int] = field(default_factory=dict)
    level_overrides: Mapping[int, Level] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """What numbering needs from a style: its name, parent and list membership."""

    id: str
    name: str | None
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


@dataclass(frozen=True, slots=True)
class StyleSheet:
    """Paragraph and numbering styles of ``styles.xml``, by style id."""

    paragraph: Mapping[str, ParagraphStyle] = field(default_factory=dict)
    numbering: Mapping[str, ParagraphStyle] = field(default_factory=dict)
    default_paragraph: str | None = None

    @classmethod
    def from_xml(cls, root: Element | None) -> StyleSheet:
        if root is None:
            return cls()
        paragraph: dict[str, ParagraphStyle] = {}
        numbering: dict[str, ParagraphStyle] = {}
        default: str | None = None
        for st in root.iterchildren(W_STYLE):
            sid = st.get(W_STYLE_ID)
            kind = st.get(W_TYPE) or "paragraph"
            if sid is None or kind not in ("paragraph", "numbering"):
                continue
            name = _val(st.find(W_NAME))
            num_id: str | None = None
            ilvl: int | None = None
            ppr = st.find(W_PPR)
            numpr = ppr.find(W_NUMPR) if ppr is not None else None
            if numpr is not None:
                num_id = _val(numpr.find(W_NUM_ID))
                ilvl = _int(_val(numpr.find(W_ILVL)))
            style = ParagraphStyle(
                id=sid,
                name=BabelFish.internal2ui(name) if name else None,
                based_on=_val(st.find(W_BASED_ON)),
                num_id=num_id,
                ilvl=ilvl,
            )
            if kind == "numbering":
                numbering[sid] = style
            else:
                paragraph[sid] = style
                if default is None and _on_attr(st.get(W_DEFAULT)):
                    default = sid
        return cls(paragraph=paragraph, numbering=numbering, default_paragraph=default)

    def name_of(self, style_id: str | None) -> str | None:
        if style_id is None:
            return None
        st = self.paragraph.get(style_id)
        return st.name if st is not None and st.name else style_id

    def chain(self, style_id: str | None) -> Iterator[ParagraphStyle]:
        """The style and its ``w:basedOn`` ancestors (cycle-safe)."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            st = self.paragraph.get(style_id)
            if st is None:
                return
            yield st
            style_id = st.based_on


def _on_attr(v: str | None) -> bool:
    return v is not None and v.lower() in {"1", "true", "on"}


@dataclass(frozen=True, slots=True)
class NumberingDefinitions:
    """The parsed ``numbering.xml``."""

    abstracts: Mapping[str, AbstractNum] = field(default_factory=dict)
    nums: Mapping[str, NumInstance] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: Element | None) -> NumberingDefinitions:
        if root is None:
            return cls()
        abstracts: dict[str, AbstractNum] = {}
        nums: dict[str, NumInstance] = {}
        for an in root.iterchildren(W_ABSTRACT_NUM):
            aid = an.get(W_ABSTRACT_NUM_ID)
            if aid is None:
                continue
            levels: dict[int, Level] = {}
            for lvl in an.iterchildren(W_LVL):
                level = _parse_level(lvl)
                if level is not None and level.ilvl not in levels:
                    levels[level.ilvl] = level
            abstracts[aid] = AbstractNum(
                id=aid,
                levels=levels,
                style_link=_val(an.find(W_STYLE_LINK)),
                num_style_link=_val(an.find(W_NUM_STYLE_LINK)),
            )
        for num in root.iterchildren(W_NUM):
            nid = num.get(W_NUM_ID)
            aid = _val(num.find(W_ABSTRACT_NUM_ID))
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            overrides: dict[int, Level] = {}
            for ov in num.iterchildren(W_LVL_OVERRIDE):
                ilvl = _int(ov.get(W_ILVL))
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                start = _int(_val(ov.find(W_START_OVERRIDE)))
                if start is not None:
                    starts[ilvl] = start
                lvl_el = ov.find(W_LVL)
                level = _parse_level(lvl_el, ilvl) if lvl_el is not None else None
                if level is not None:
                    overrides[ilvl] = level
            nums[nid] = NumInstance(nid, aid, starts, overrides)
        return cls(abstracts=abstracts, nums=nums)

    def resolve(self, num_id: str, styles: StyleSheet) -> tuple[str, dict[int, Level]] | None:
        """The counter key (abstract id) and effective levels of list instance ``num_id``."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract = self.abstracts.get(num.abstract_id)
        if abstract is None:
            return None
        if abstract.num_style_link is not None:
            abstract = self._linked(abstract.num_style_link, styles) or abstract
        levels = dict(abstract.levels)
        levels.update(num.level_overrides)
        return abstract.id, levels

    def _linked(self, style_id: str, styles: StyleSheet) -> AbstractNum | None:
        """The abstract definition behind list style ``style_id`` (``w:numStyleLink``)."""
        st = styles.numbering.get(style_id)
        if st is not None and st.num_id is not None:
            num = self.nums.get(st.num_id)
            if num is not None:
                target = self.abstracts.get(num.abstract_id)
                if target is not None and target.num_style_link is None:
                    return target
        for a in self.abstracts.values():
            if a.style_link == style_id:
                return a
        return None


# --- counting ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListLabel:
    """The label Word shows for one numbered paragraph (``一、``), without its suffix."""

    text: str
    level: int
    suffix: str = "tab"
    num_id: str = ""


_PLACEHOLDER = re.compile(r"%([1-9])")


class ListNumberer:
    """Counts numbered paragraphs in document order and produces their labels."""

    def __init__(self, definitions: NumberingDefinitions, styles: StyleSheet) -> None:
        self.definitions = definitions
        self.styles = styles
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        self._resolved: dict[str, tuple[str, dict[int, Level]] | None] = {}

    @classmethod
    def from_xml(cls, numbering: Element | None, styles: Element | None) -> ListNumberer:
        return cls(NumberingDefinitions.from_xml(numbering), StyleSheet.from_xml(styles))

    def list_membership(self, ppr: Element | None, style_id: str | None) -> tuple[str, int] | None:
        """``(numId, ilvl)`` of a paragraph from its own ``w:numPr`` or its style chain."""
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(W_NUMPR) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr.find(W_NUM_ID))
            ilvl = _int(_val(numpr.find(W_ILVL)))
        # numId and ilvl are inherited separately: a "level 2" style may set only the level
        # and take the list from the style it is based on.
        for st in self.styles.chain(style_id):
            if num_id is not None and ilvl is not None:
                break
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        if num_id is None or _int(num_id) == 0:
            return None
        if ilvl is None:
            ilvl = self._level_of_style(num_id, style_id)
        if not 0 <= ilvl < MAX_LEVELS:
            return None
        return num_id, ilvl

    def _level_of_style(self, num_id: str, style_id: str | None) -> int:
        resolved = self._resolve(num_id)
        if resolved is not None:
            chain_ids = [st.id for st in self.styles.chain(style_id)]
            for sid in chain_ids:
                for level in resolved[1].values():
                    if level.style_id == sid:
                        return level.ilvl
        return 0

    def _resolve(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        if num_id not in self._resolved:
            self._resolved[num_id] = self.definitions.resolve(num_id, self.styles)
        return self._resolved[num_id]

    def next_label(self, ppr: Element | None, style_id: str | None) -> ListLabel | None:
        """Count this paragraph and return its label, or None if it is not numbered."""
        membership = self.list_membership(ppr, style_id)
        if membership is None:
            return None
        num_id, ilvl = membership
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        key, levels = resolved
        level = levels.get(ilvl)
        if level is None:
            return None
        num = self.definitions.nums[num_id]
        counters = self._counters.setdefault(key, [None] * MAX_LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for lv in num.start_overrides:
                counters[lv] = None

        def start_of(k: int) -> int:
            if k in num.start_overrides:
                return num.start_overrides[k]
            lv = levels.get(k)
            return lv.start if lv is not None else 1

        # A list that starts at a deeper level counts its unused parent levels as at their start
        # value: after "（一）" with no "一、" before it, the next top-level item is "二、".
        for k in range(ilvl):
            if counters[k] is None:
                counters[k] = start_of(k)
        current = counters[ilvl]
        counters[ilvl] = start_of(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            dl = levels.get(deeper)
            restart_after = dl.restart if dl is not None and dl.restart is not None else deeper
            if ilvl < restart_after:
                counters[deeper] = None

        def expand(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters[k]
            if value is None:
                value = start_of(k)
            fmt = levels[k].fmt if k in levels else "decimal"
            if level.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(value, fmt)

        if level.fmt == "bullet":
            text = _clean_glyphs(level.text)
        else:
            text = _clean_glyphs(_PLACEHOLDER.sub(expand, level.text))
        return ListLabel(text=text, level=ilvl, suffix=level.suffix, num_id=num_id)
