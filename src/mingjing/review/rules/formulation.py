"""Fixed formulations (提法): the canonical wording of the Party's numbered series and slogans.

The dictionary is ``review/data/formulations.toml`` (the 60 formulations of the domain
reference, §3, each with its row, canonical form, verbs, typical mistakes, source and confidence);
this module only turns it into rules, using the data-driven kinds of :mod:`mingjing.review.kinds`
for the substitutions and Python for what a word list cannot say: the order and the members of a
fixed series, formulations outdated at the material's date, two versions in one document.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mingjing.document import Span
from mingjing.review import kinds
from mingjing.review.context import Context
from mingjing.review.engine import Category, Check, Confidence, Hit, Severity, rule
from mingjing.textnorm import fold

DATA_FILE = "formulations.toml"
_PATH = kinds.DATA_DIR / DATA_FILE

SOURCE = "process-frameworks-formulations §3（固有表述，第1—60行）；review/data/formulations.toml"

MSG = {
    "why": "（{note}）",
    "also": "；本文{where}已写“{right}”，前后不一致",
    "date": "{year}年{month}月",
    "year": "{year}年",
    "verbs_sep": "或",
}

_OPEN_QUOTES = '“"‘「『'
_CLOSE_QUOTES = '”"’」』'
_GAP = re.compile(r"(?:[、，\s“”\"‘’「」『』]|和|与|及|以及)*")
_MAX_GAP = 4


@dataclass(frozen=True, slots=True)
class Series:
    """A fixed enumeration (固定排列) of one formulation: members in canonical order."""

    label: str
    members: tuple[str, ...]
    intruders: tuple[str, ...] = ()
    context: re.Pattern[str] | None = None
    # the series name: when it is in the sentence, an extra (n+1-th) member is wrong too
    intrude_when_complete: re.Pattern[str] | None = None
    row: int = 0
    source: str = ""
    confidence: Confidence = Confidence.OFFICIAL

    @property
    def canonical(self) -> str:
        return "、".join(self.members)


@dataclass(frozen=True, slots=True)
class Formulation:
    """One row of the formulation dictionary (固有表述)."""

    row: int
    key: str
    canonical: str
    verbs: tuple[str, ...]
    origin: str
    noted: str
    source: str
    confidence: Confidence
    quoted: tuple[str, ...]
    mistakes: tuple[Mapping[str, Any], ...]
    series: tuple[Series, ...]


@functools.cache
def formulations() -> tuple[Formulation, ...]:
    """The dictionary, read once."""
    data = kinds.load_data(DATA_FILE)
    out: list[Formulation] = []
    for raw in data.get("formulation", []):
        conf = kinds.parse_enum(Confidence, raw.get("confidence", "官方"), "confidence", _PATH)
        row = int(raw["row"])
        source = str(raw.get("source", ""))
        series = tuple(
            Series(
                label=str(s["label"]),
                members=tuple(fold(m) for m in s["members"]),
                intruders=tuple(fold(m) for m in s.get("intruders", ())),
                context=kinds.compile_regex(s["context"], _PATH) if s.get("context") else None,
                intrude_when_complete=(
                    kinds.compile_regex(s["intrude_when_complete"], _PATH)
                    if s.get("intrude_when_complete")
                    else None
                ),
                row=row,
                source=source,
                confidence=conf,
            )
            for s in raw.get("series", ())
        )
        out.append(
            Formulation(
                row=row,
                key=str(raw["key"]),
                canonical=str(raw["canonical"]),
                verbs=tuple(str(v) for v in raw.get("verbs", ())),
                origin=str(raw.get("origin", "")),
                noted=str(raw.get("noted", "")),
                source=source,
                confidence=conf,
                quoted=tuple(str(q) for q in raw.get("quoted", ())),
                mistakes=tuple(raw.get("mistakes", ())),
                series=series,
            )
        )
    return tuple(out)


def _display_verbs(verbs: Sequence[str]) -> str:
    shown = [re.sub(r"（.*?）", "", v).strip() for v in verbs]
    return MSG["verbs_sep"].join(f"“{v}”" for v in shown if v)


def _entry(f: Formulation, m: Mapping[str, Any]) -> kinds.Entry:
    """A kinds.Entry for one mistake, inheriting the row's source and confidence."""
    raw = dict(m)
    raw.setdefault("confidence", f.confidence.value)
    raw.setdefault("source", f.source)
    note = str(raw.get("note", ""))
    data: dict[str, Any] = {"row": f.row, "why": MSG["why"].format(note=note) if note else ""}
    if raw.get("check") == "verb":
        verb, target = str(raw["verb"]), str(raw.get("target") or f.quoted[0])
        raw["wrong"] = (
            rf"(?P<hit>{re.escape(verb)}(?P<rest>[{_OPEN_QUOTES}]?{re.escape(target)}"
            rf"[{_CLOSE_QUOTES}]?))"
        )
        raw["regex"] = True
        if raw.get("right"):
            raw["right"] = str(raw["right"]) + r"\g<rest>"
        data.update(verb=verb, target=target, verbs=_display_verbs(f.verbs))
    e = kinds.make_entry(raw, _PATH)
    return replace(e, data={**data, **e.data})


@functools.cache
def _entries(check: str, unconfirmed: bool = False) -> tuple[kinds.Entry, ...]:
    out = []
    for f in formulations():
        for m in f.mistakes:
            e = _entry(f, m)
            is_unconfirmed = e.confidence is Confidence.UNCONFIRMED
            if is_unconfirmed == unconfirmed and (unconfirmed or m.get("check") == check):
                out.append(e)
    return tuple(out)


_GUARDS = kinds.Guards(skip_negated=True)


@functools.cache
def _lexicon(check: str) -> kinds.Lexicon:
    return kinds.Lexicon(_entries(check))


def _substitution(check: str, confidence: Confidence = Confidence.OFFICIAL) -> Check:
    return kinds.substitution(_lexicon(check), confidence, _GUARDS)


# -- wrong counts, verbs, names, wording -------------------------------------------------------

_series_name = _substitution("series-name")


@rule(
    "MJ501",
    "formulation-series-name",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="“{text}”写法有误，应为“{right}”{why}",
    rationale=(
        "编号式提法的数目和名称是固定的：新思想的主要内容是“十个明确”“十四个坚持”“十三个方面成就”，"
        "二十大报告讲“六个必须坚持”，还有“三个区分开来”等。“十个坚持”本身是党的百年奋斗历史经验（第60行），"
        "只有与“十个明确”等并列、又没写明“历史经验”时才是“十四个坚持”之误。来源：[C3][C4][C12]，"
        "seed-walkthrough 缺陷7。"
    ),
    source=SOURCE + "（第8、9、31、60行）",
    fix="按规范写全数目和名称（“十三个方面成就”“六个必须坚持”“十四个坚持”）。",
    flags=(
        "重点学习了“十个明确”“⟦十个坚持⟧”“⟦十三方面成就⟧”和“⟦六个坚持⟧”的丰富内涵。",
        "对“⟦十四个明确⟧”的理解还不深。",
        "落实“⟦两个区分开来⟧”，为担当者担当。",
    ),
    passes=(
        "深入学习“十个明确”“十四个坚持”“十三个方面成就”，领会“六个必须坚持”。",
        "深刻把握党的百年奋斗历史经验“十个坚持”，与“十个明确”一道学深悟透。",
        "本单位提出“六个坚持”的工作要求。",
        "落实“三个区分开来”，为担当者担当、为干事者撑腰。",
    ),
)
def formulation_series_name(ctx: Context) -> Iterator[Hit]:
    yield from _series_name(ctx)


_verb = _substitution("verb")


@rule(
    "MJ502",
    "formulation-verb",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="动词“{verb}”与“{target}”搭配不当，规范动词是{verbs}{why}",
    rationale=(
        "固定提法的动词也是固定的：深刻领悟“两个确立”的决定性意义、增强“四个意识”（“牢固树立”亦可）、"
        "坚定“四个自信”、做到“两个维护”；统筹推进“五位一体”、协调推进“四个全面”。动词互换是审核中常见的"
        "退改原因。来源：[C3][P1][C12]，seed-walkthrough 缺陷9。"
    ),
    source=SOURCE + "（第1—5、41行）",
    fix="换成规范动词，如坚定‘四个自信’、做到‘两个维护’。",
    flags=(
        "要增强“四个意识”、⟦坚持“四个自信”⟧、做到“两个维护”。",
        "⟦坚定“四个意识”⟧，⟦树立“两个维护”⟧。",
        "⟦做到“两个确立”⟧，⟦协调推进“五位一体”⟧总体布局。",
    ),
    passes=(
        "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "牢固树立“四个意识”，忠诚拥护“两个确立”，坚决做到“两个维护”。",
        "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局。",
        "在坚定“四个自信”上还有差距，没有真正做到“两个维护”。",
    ),
)
def formulation_verb(ctx: Context) -> Iterator[Hit]:
    yield from _verb(ctx)


_name = _substitution("name")


@rule(
    "MJ503",
    "formulation-name",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="“{text}”应为“{right}”{why}",
    rationale=(
        "思想、领袖、党中央和集中教育的名称必须写准：习近平新时代中国特色社会主义思想（不漏“新时代”“中国”），"
        "习近平总书记（不写“习总书记”），以习近平同志为核心的党中央，党纪学习教育、深入贯彻中央八项规定精神"
        "学习教育、树立和践行正确政绩观学习教育，全会名称用汉字数字。来源：[C3][C7][P48][P58]。"
    ),
    source=SOURCE + "（第6、7、22—24、58行）",
    fix="改为规范名称。",
    flags=(
        "学习⟦习近平中国特色社会主义思想⟧，贯彻⟦习总书记⟧重要讲话精神。",
        "坚决维护⟦以习近平总书记为核心⟧的党中央权威。",
        "开展⟦八项规定学习教育⟧和⟦党规党纪学习教育⟧，学习党的二十⟦届3中全会⟧精神。",
        "坚持以习近平⟦新世代⟧中国特色社会主义思想为指导。",
    ),
    passes=(
        "深入学习贯彻习近平新时代中国特色社会主义思想和习近平总书记重要讲话精神。",
        "自觉同以习近平同志为核心的党中央保持高度一致。",
        "开展深入贯彻中央八项规定精神学习教育和党纪学习教育，学习党的二十届三中全会精神。",
        "用新时代中国特色社会主义思想武装头脑，关心新世代青年成长。",
    ),
)
def formulation_name(ctx: Context) -> Iterator[Hit]:
    yield from _name(ctx)


_wording = _substitution("wording")


@rule(
    "MJ504",
    "formulation-wording",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="“{text}”应为“{right}”{why}",
    rationale=(
        "参考表第3节逐条列出了固定提法的常见误写：一岗双责、见人见事见思想、学思用贯通、知信行统一、"
        "学懂弄通做实、以学铸魂、国之大者、整治形式主义为基层减负、高质量发展是首要任务、中国式现代化、"
        "同中华优秀传统文化相结合、团结—批评—团结等。来源：各行所列 [C1][C2][C3][P1][P61]。"
    ),
    source=SOURCE,
    fix="按规范提法改写。",
    flags=(
        "认真履行⟦一岗两责⟧，做到⟦见人见事见细节⟧。",
        "坚持⟦学思践悟贯通⟧、⟦知行信统一⟧，把⟦学懂弄通做细⟧落到实处。",
        "高质量发展是全面建设社会主义现代化国家的⟦第一要务⟧。",
        "把马克思主义基本原理同中国具体实际相结合、同⟦中国传统文化⟧相结合。",
    ),
    passes=(
        "认真履行一岗双责，对照检查做到见人见事见思想。",
        "坚持学思用贯通、知信行统一，在学懂弄通做实上下功夫，学思践悟新思想。",
        "发展是党执政兴国的第一要务，高质量发展是首要任务。",
        "深入研究中国传统文化的当代价值。",
    ),
)
def formulation_wording(ctx: Context) -> Iterator[Hit]:
    yield from _wording(ctx)


# -- order and members of fixed series ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str


@functools.cache
def _all_series() -> tuple[tuple[Series, re.Pattern[str]], ...]:
    out = []
    for f in formulations():
        for s in f.series:
            out.append((s, re.compile(kinds.union_pattern((*s.members, *s.intruders)))))
    return tuple(out)


@functools.cache
def _any_token() -> re.Pattern[str]:
    """Every member and intruder of every series: one fast scan tells which series to look at."""
    return re.compile(
        kinds.union_pattern({t for s, _ in _all_series() for t in (*s.members, *s.intruders)})
    )


def _clusters(ctx: Context, rx: re.Pattern[str]) -> Iterator[list[_Token]]:
    """Runs of tokens of one series separated only by list separators (、，和 quotes …)."""
    folded = ctx.folded
    run: list[_Token] = []
    for m in ctx.finditer(rx):
        tok = _Token(m.start(), m.end(), m.group())
        if run:
            gap = folded[run[-1].end : tok.start]
            if len(gap) <= _MAX_GAP and "\n" not in gap and _GAP.fullmatch(gap):
                run.append(tok)
                continue
            if len(run) > 1:
                yield run
        run = [tok]
    if len(run) > 1:
        yield run


def _sentence_matches(ctx: Context, pattern: re.Pattern[str] | None, offset: int) -> bool:
    if pattern is None:
        return True
    sent = kinds.sentence_of(ctx, offset)
    return bool(pattern.search(ctx.folded[sent.start : sent.end]))


_Finding = tuple[str, Series, list[_Token], _Token | None]
_series_cache: weakref.WeakKeyDictionary[Context, list[_Finding]] = weakref.WeakKeyDictionary()


def _series_findings(ctx: Context) -> list[_Finding]:
    """("order", series, cluster, None) or ("member", series, cluster, intruder); computed once
    per document for the two rules that report them."""
    got = _series_cache.get(ctx)
    if got is None:
        got = list(_scan_series(ctx))
        _series_cache[ctx] = got
    return got


def _scan_series(ctx: Context) -> Iterator[_Finding]:
    present = {m.group() for m in ctx.finditer(_any_token())}
    for s, rx in _all_series():
        if sum(t in present for t in (*s.members, *s.intruders)) < 2:
            continue  # a cluster needs two tokens at least
        for run in _clusters(ctx, rx):
            if not _sentence_matches(ctx, s.context, run[0].start):
                continue
            members = [t for t in run if t.text in s.members]
            intruders = [t for t in run if t.text in s.intruders]
            distinct = {t.text for t in members}
            n = len(s.members)
            if intruders:
                missing = n - len(distinct)
                partial = missing >= 1 and len(distinct) >= max(2, n - 2)
                complete = (
                    missing == 0
                    and s.intrude_when_complete is not None
                    and _sentence_matches(ctx, s.intrude_when_complete, run[0].start)
                )
                if partial or complete:
                    for t in intruders:
                        yield "member", s, run, t
                continue
            if (
                len(members) == n
                and len(distinct) == n
                and tuple(t.text for t in members) != s.members
            ):
                yield "order", s, run, None


def _reordered(ctx: Context, run: list[_Token], s: Series) -> str:
    """The canonical order written with the cluster's own separators."""
    parts = [s.members[0]]
    for i in range(1, len(run)):
        parts.append(ctx.text[run[i - 1].end : run[i].start])
        parts.append(s.members[i])
    return "".join(parts)


@rule(
    "MJ505",
    "formulation-order",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="“{label}”的顺序应为“{canonical}”",
    rationale=(
        "固定排列的提法不能改序：政治判断力、政治领悟力、政治执行力；形式主义、官僚主义、享乐主义和奢靡之风；"
        "不敢腐、不能腐、不想腐；政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律；以学铸魂、以学增智、"
        "以学正风、以学促干等（参考表第3节中注明“改序”为常见错误的各行）。只有全部项目都出现在同一处并列中"
        "才检查。来源：各行所列 [C1][C3][P1][P57][P62]。"
    ),
    source=SOURCE
    + "（第3、4、6、14、16—18、20、21、26、28、29、35、37、40、43、47、52、54、57行）",
    fix="按规范顺序排列。",
    flags=(
        "不断提高⟦政治领悟力、政治判断力、政治执行力⟧。",
        "一体推进⟦不想腐、不敢腐、不能腐⟧。",
        "持续纠治⟦官僚主义、形式主义、享乐主义和奢靡之风⟧。",
    ),
    passes=(
        "不断提高政治判断力、政治领悟力、政治执行力。",
        "一体推进不敢腐、不能腐、不想腐，纠治形式主义、官僚主义。",
        "在以学铸魂、以学增智、以学正风、以学促干方面取得实效；没有“红脸出汗，咬耳扯袖”。",
        "从不想腐到不敢腐再到不能腐，是一个渐进过程。",
    ),
)
def formulation_order(ctx: Context) -> Iterator[Hit]:
    for what, s, run, _ in _series_findings(ctx):
        if what != "order":
            continue
        span = Span(run[0].start, run[-1].end)
        yield Hit(
            span,
            suggestion=_reordered(ctx, run, s),
            severity=kinds.entry_severity(s.confidence, Confidence.OFFICIAL),
            data={"label": s.label, "canonical": s.canonical, "row": s.row},
        )


@rule(
    "MJ506",
    "formulation-member",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="“{text}”不属于“{label}”，规范表述是“{canonical}”",
    rationale=(
        "固定排列中的项目不能替换或增补：政治三力不是“政治鉴别力”“政治把握力”，四风是“奢靡之风”而非"
        "“奢侈之风”，六大纪律中没有“经济纪律”，总要求是“建新功”而非“见成效”，党纪学习教育是“明纪”而非"
        "“懂纪”，“四个意识”没有第五个“纪律意识”。来源：各行所列 [C1][C3][C7][P57][P62]。"
    ),
    source=SOURCE + "（第3、9、14、17、18、20、22、26、28、46行）",
    fix="换回被替换的规范项目。",
    flags=(
        "持续纠治形式主义、官僚主义、享乐主义和⟦奢侈之风⟧。",
        "严守政治纪律、组织纪律、⟦经济纪律⟧、群众纪律、工作纪律、生活纪律。",
        "牢固树立正确的权力观、政绩观、⟦价值观⟧。",
        "增强“四个意识”即政治意识、大局意识、核心意识、看齐意识、⟦纪律意识⟧。",
    ),
    passes=(
        "持续纠治形式主义、官僚主义、享乐主义和奢靡之风，刹住奢侈之风。",
        "树立正确的世界观、人生观、价值观和权力观、政绩观、事业观。",
        "增强政治意识、大局意识、核心意识、看齐意识和纪律意识。",
        "提高政治鉴别力和政治执行力。",
    ),
)
def formulation_member(ctx: Context) -> Iterator[Hit]:
    for what, s, run, intruder in _series_findings(ctx):
        if what != "member" or intruder is None:
            continue
        present = {t.text for t in run}
        missing = [m for m in s.members if m not in present]
        only = len(missing) == 1 and sum(t.text in s.intruders for t in run) == 1
        yield Hit(
            Span(intruder.start, intruder.end),
            suggestion=missing[0] if only else None,
            severity=kinds.entry_severity(s.confidence, Confidence.OFFICIAL),
            data={
                "text": ctx.text[intruder.start : intruder.end],
                "label": s.label,
                "canonical": s.canonical,
                "row": s.row,
            },
        )


# -- outdated and inconsistent -----------------------------------------------------------------

_outdated = _substitution("outdated")


def _date_text(ctx: Context) -> str:
    d = ctx.date
    if d is None:
        return ""
    if d.month:
        return MSG["date"].format(year=d.year, month=d.month)
    return MSG["year"].format(year=d.year)


def _outdated_hits(ctx: Context) -> Iterator[Hit]:
    for h in _outdated(ctx):
        right = str(h.data.get("right", ""))
        pos = ctx.folded.find(fold(right)) if right else -1
        also = MSG["also"].format(where=kinds.where(ctx, pos), right=right) if pos >= 0 else ""
        yield replace(h, data={**h.data, "also": also, "date": _date_text(ctx)})


@rule(
    "MJ507",
    "formulation-outdated",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="“{text}”在{date}已是过时的提法，应为“{right}”{also}",
    rationale=(
        "提法随党的文献更新：党的二十大以后，新思想的主要内容是“十个明确”（“八个明确”是十九大的概括），"
        "“两个务必”发展为“三个务必”，“马克思主义中国化”发展为“马克思主义中国化时代化”。规则按材料日期判断"
        "（落款日期、年度、主题教育年份或框架的会期）；日期不明时不报告，讲历史沿革（十九大、西柏坡等）时也不报告。"
        "来源：[C3][C1][C2]，seed-walkthrough 缺陷8。"
    ),
    source=SOURCE + "（第8、11、12行）",
    fix="改用现行提法。",
    flags=(
        "学习中存在碎片化问题。比如：在学习“⟦八个明确⟧”和“十四个坚持”时不够系统。\n2023年9月6日",
        "牢记“⟦两个务必⟧”，保持谦虚谨慎、艰苦奋斗的作风。\n2024年1月15日",
    ),
    passes=(
        "党的十九大概括了“八个明确”，十九届六中全会概括为“十个明确”。\n2023年9月6日",
        "在学习“八个明确”和“十四个坚持”时不够系统。\n2018年5月4日",
        "学习毛泽东同志在西柏坡提出的“两个务必”，牢记“三个务必”。\n2024年1月15日",
    ),
)
def formulation_outdated(ctx: Context) -> Iterator[Hit]:
    yield from _outdated_hits(ctx)


@functools.cache
def _consistency_groups() -> tuple[kinds.Group, ...]:
    groups = []
    for g in kinds.load_data(DATA_FILE).get("consistency", []):
        conf = str(g.get("confidence", "官方"))
        variants = tuple(
            kinds.make_entry(
                {"text": v, "source": g.get("source", ""), "confidence": conf}, _PATH, key="text"
            )
            for v in g["variants"]
        )
        prefer = list(g["variants"]).index(g["prefer"]) if g.get("prefer") else None
        groups.append(kinds.Group(variants, prefer, str(g.get("row", ""))))
    return tuple(groups)


_consistency = kinds.consistency(_consistency_groups(), Confidence.OFFICIAL)


@rule(
    "MJ508",
    "formulation-inconsistent",
    category=Category.FORMULATION,
    confidence=Confidence.OFFICIAL,
    message="同一材料中既写“{other}”（{other_where}）又写“{text}”，应统一为“{other}”",
    rationale=(
        "同一份材料里出现同一提法的新旧两个版本（如“十个明确”与“八个明确”），说明材料由不同时期的模板拼成。"
        "材料日期已知且旧提法已过时的，由 MJ507 报告（消息中同时指出前后不一致），本规则只在日期不明时报告。"
        "来源：[C3]，seed-walkthrough 缺陷8。"
    ),
    source=SOURCE + "（第8行）",
    fix="统一为现行提法。",
    flags=("重点学习“十个明确”的内涵。比如：在学习“⟦八个明确⟧”时不够系统。",),
    passes=(
        "重点学习“十个明确”“十四个坚持”“十三个方面成就”。",
        "重点学习“十个明确”的内涵。比如：在学习“八个明确”时不够系统。\n2023年9月6日",
    ),
)
def formulation_inconsistent(ctx: Context) -> Iterator[Hit]:
    reported = {h.span for h in _outdated_hits(ctx)}
    for h in _consistency(ctx):
        if h.span not in reported:
            yield h


# -- quotation marks and unconfirmed entries ----------------------------------------------------


@functools.cache
def _quoted_rx() -> re.Pattern[str]:
    names = {fold(q) for f in formulations() for q in f.quoted}
    return re.compile(kinds.union_pattern(names))


@rule(
    "MJ509",
    "formulation-unquoted",
    category=Category.FORMULATION,
    confidence=Confidence.PRACTICE,
    severity=Severity.INFO,
    message="“{text}”是编号式提法，正式行文一般加引号",
    rationale=(
        "官方文本中编号式口号保留引号：“两个确立”“两个维护”“四个意识”“四个自信”“国之大者”“第一议题”等。"
        "来源：参考表第3节文末的行文惯例（[实践]），第44、55行。只作提示。"
    ),
    source=SOURCE + "（文末行文惯例；第44、55行）",
    fix="加上引号，如“两个确立”。",
    flags=("深刻领悟⟦两个确立⟧的决定性意义，做到“两个维护”。",),
    passes=("深刻领悟“两个确立”的决定性意义，做到“两个维护”，胸怀“国之大者”。",),
)
def formulation_unquoted(ctx: Context) -> Iterator[Hit]:
    folded = ctx.folded
    for m in ctx.finditer(_quoted_rx()):
        before = folded[m.start() - 1] if m.start() else ""
        after = folded[m.end()] if m.end() < len(folded) else ""
        if before and before in _OPEN_QUOTES and after and after in _CLOSE_QUOTES:
            continue
        span = Span(m.start(), m.end())
        if ctx.in_quotation(span) or ctx.is_ignored(span):
            continue
        yield Hit(span, data={"text": ctx.text[span.start : span.end]})


_unconfirmed = kinds.substitution(
    kinds.Lexicon(_entries("", unconfirmed=True), include_unconfirmed=True),
    Confidence.UNCONFIRMED,
    _GUARDS,
)


@rule(
    "MJ590",
    "formulation-unconfirmed",
    category=Category.FORMULATION,
    confidence=Confidence.UNCONFIRMED,
    message="“{text}”可能有误，应为“{right}”{why}（依据未经核实）",
    rationale=(
        "参考表中标为[存疑]的提法（如第36行“五个进一步到位”，内容未核实）：其误写只在用户于 mingjing.toml "
        "中启用本规则后报告。来源：[C11]。"
    ),
    source=SOURCE + "（第31、36行的[存疑]部分）",
    fix="核对原文后修改。",
    flags=("推进党的自我革命要做到“⟦四个进一步到位⟧”。",),
    passes=("推进党的自我革命要做到“五个进一步到位”。",),
)
def formulation_unconfirmed(ctx: Context) -> Iterator[Hit]:
    yield from _unconfirmed(ctx)


def dictionary_path() -> Path:
    """Where the formulation dictionary lives (for the docs and the CLI)."""
    return _PATH
