"""责任人: who is responsible for a measure.

A team's material names leaders and units (``责任领导：镇长骆承岷；责任单位：财政所。``); a personal
material's measures are the author's own. The author is read from the title block, the title
(``钟毓苓同志……对照检查材料``), a post line under the title (``（……纪委书记蒯正衡）``), and as a
last resort the file name (``镇长_骆承岷_对照检查材料.docx``, flagged for checking).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mingjing.structure import Report
from mingjing.textnorm import fold

__all__ = ["Assignee", "author_of", "names_in", "responsibility"]

_POST = (
    r"(?:副?书记|党委委员|纪委委员|委员|副?镇长|副?乡长|副?县长|副?区长|副?市长|副?主任|副?部长|副?局长|"
    r"副?主席|副?组长|副?所长|副?站长|副?科长|副?处长|副?厅长|副?校长|副?院长|总经理|副?经理|董事长|主管|干事)"
)
_POST_NAME = re.compile(r"(?P<post>.*" + _POST + r")(?P<name>[\u4e00-\u9fff]{2,3})$")
_POST_ONLY = re.compile(r".*" + _POST + r"$")
_TITLE_NAME = re.compile(
    r"(?:^|[\u4e00-\u9fff]*?" + _POST + r")?(?P<name>[\u4e00-\u9fff]{2,3})同志"
)
_LEADER = re.compile(r"(?:责任领导|牵头领导|责任人|包保领导|分管领导)\s*[:：]\s*(?P<v>[^；;。\n]+)")
_UNIT = re.compile(r"(?:责任单位|牵头单位|责任部门|牵头部门|配合单位)\s*[:：]\s*(?P<v>[^；;。\n]+)")
_CLAUSE = re.compile(
    r"(?:(?:责任领导|牵头领导|责任人|包保领导|分管领导|责任单位|牵头单位|责任部门|牵头部门|配合单位)"
    r"\s*[:：][^；;。\n]*[；;。]?\s*)+$"
)
_FILE_STOP = {
    "个人",
    "班子",
    "领导",
    "材料",
    "发言",
    "提纲",
    "修改",
    "定稿",
    "终稿",
    "初稿",
    "最终",
    "年度",
    "党委",
    "支部",
    "对照",
    "检查",
    "无缺陷",
    "模板",
    "范文",
    "稿件",
    "修订",
    "汇总",
    "专题",
}


@dataclass(frozen=True, slots=True)
class Assignee:
    """The responsible leaders and units a part of a team's material names."""

    leaders: str | None
    units: str | None


def responsibility(text: str) -> Assignee:
    """``责任领导：……；责任单位：……`` anywhere in ``text``."""
    f = fold(text)
    lead = _LEADER.search(f)
    unit = _UNIT.search(f)
    return Assignee(
        text[lead.start("v") : lead.end("v")].strip() if lead else None,
        text[unit.start("v") : unit.end("v")].strip() if unit else None,
    )


def strip_responsibility(text: str) -> str:
    """The measure text without a trailing ``责任领导：……`` clause."""
    m = _CLAUSE.search(fold(text))
    return text[: m.start()].rstrip() if m else text


def names_in(owner: str) -> list[str]:
    """Person names in an owner cell: ``镇长骆承岷、党委副书记钟毓苓`` → ``[骆承岷, 钟毓苓]``."""
    out: list[str] = []
    for piece in re.split(r"[、，,;；/\s]+", owner.strip()):
        if not piece:
            continue
        m = _POST_NAME.match(piece)
        out.append(m.group("name") if m else piece)
    return out


@dataclass(frozen=True, slots=True)
class Author:
    name: str | None
    post: str | None
    from_filename: bool = False


def _clean(line: str) -> str:
    return re.sub(r"[\s（）()\u3000]", "", fold(line))


def author_of(report: Report, filename: str | None = None) -> Author:
    """The author of a personal material (name and post as far as the text tells)."""
    tb = report.title_block
    post = tb.post.text.strip() if tb.post else None
    if tb.author and tb.author.text.strip():
        return Author(tb.author.text.strip(), post)
    if tb.title:
        m = _TITLE_NAME.search(_clean(tb.title.text))
        if m:
            return Author(m.group("name"), post)
    # a post line under the title: "（澂岺镇党委委员、纪委书记蒯正衡）" or "澂岺镇党委副书记、镇长"
    for p in report.document.paragraphs[:4]:
        line = _clean(report.text[p.span.start : p.span.end])
        if not line or len(line) > 40 or line.endswith(("材料", "提纲")):
            continue
        m = _POST_NAME.match(line)
        if m and not m.group("name").endswith(("书记", "委员", "镇长", "乡长")):
            return Author(m.group("name"), post or m.group("post"))
        if post is None and _POST_ONLY.match(line):
            post = line
    if filename:
        name = _name_from_filename(filename)
        if name:
            return Author(name, post, from_filename=True)
    return Author(None, post)


def _name_from_filename(filename: str) -> str | None:
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", filename)
    for token in re.split(r"[_\-—\s（）()【】\[\]]+", stem):
        t = re.sub(
            r"(?:同志)?(?:的)?(?:个人)?(?:对照检查材料|对照检查|发言提纲|检视剖析材料|材料).*$",
            "",
            token,
        )
        pm = _POST_NAME.match(t)
        t = pm.group("name") if pm else t
        if (
            re.fullmatch(r"[\u4e00-\u9fff]{2,3}", t)
            and t not in _FILE_STOP
            and not _POST_ONLY.match(t)
            and not any(w in t for w in ("材料", "班子", "年度", "党委", "支部"))
        ):
            return t
    return None


def short_post(post: str | None) -> str | None:
    """The last post of a post line: ``澂岺镇党委副书记、镇长`` → ``镇长``."""
    if not post:
        return None
    last = re.split(r"[、，,]", post.strip())[-1]
    m = re.search(r"[\u4e00-\u9fff]*?(" + _POST + r")$", last)
    return (m.group(1) if m and len(last) > 6 else last) or None
