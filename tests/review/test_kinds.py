"""The data-driven rule kinds: TOML rule files, guards, per-entry confidence, each kind's
behaviour, and the data files the project ships."""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

import pytest

from mingjing import parse, read, read_text_string
from mingjing.errors import ConfigError
from mingjing.review import REGISTRY, Rule, Severity, review
from mingjing.review.engine import Confidence
from mingjing.review.kinds import (
    DATA_DIR,
    DATA_RULES,
    Kind,
    register_data_rules,
    rules_from_file,
    union_pattern,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


# -- helpers shared with the family tests ------------------------------------------------------------


def planted_defects(category: str, rules: Sequence[Rule]) -> list[str]:
    """Ids of the planted defects of ``category`` in examples/DEFECTS.md that ``rules`` miss
    (a finding of that category must overlap the quoted text)."""
    table = (EXAMPLES / "DEFECTS.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (D\d+) \| (.+?) \| (\w+) \| `(.+?)` \|", table, re.M)
    missing = []
    cache: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for id_, file, cat, quote in rows:
        if cat != category:
            continue
        if file not in cache:
            result = review(parse(read(EXAMPLES / file)), rules=list(rules))
            cache[file] = (
                result.report.text,
                [(f.span.start, f.span.end) for f in result.findings if f.category.value == cat],
            )
        text, found = cache[file]
        start = text.find(quote)
        end = start + len(quote)
        if start < 0 or not any(a < end and start < b for a, b in found):
            missing.append(id_)
    return missing


def clean_example_findings(rules: Sequence[Rule]) -> list[str]:
    """Error and warning findings of ``rules`` on the example DEFECTS.md names as clean."""
    table = (EXAMPLES / "DEFECTS.md").read_text(encoding="utf-8")
    m = re.search(r"唯一无缺陷的材料：`(.+?)`", table)
    assert m, "DEFECTS.md names no clean material"
    result = review(parse(read(EXAMPLES / m.group(1))), rules=list(rules))
    return [
        f"{f.rule} {f.text}"
        for f in result.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    ]


def write_rule(tmp_path: Path, body: str) -> Rule:
    path = tmp_path / "rule.toml"
    path.write_text(body, encoding="utf-8")
    (rule,) = rules_from_file(path)
    return rule


def run(rule: Rule, text: str, **options: object) -> list[tuple[str, Severity, str | None]]:
    result = review(parse(read_text_string(text)), rules=[rule], options=dict(options) or None)
    return [(f.text, f.severity, f.suggestion) for f in result.findings]


HEAD = """
[rule]
code = "MJ9990"
name = "test-@kind@"
kind = "@kind@"
category = "typo"
confidence = "官方"
message = "@message@"
rationale = "测试规则。"
source = "测试"
"""


def head(kind: str, message: str = "“{text}”不对") -> str:
    return HEAD.replace("@kind@", kind).replace("@message@", message)


# -- union_pattern ----------------------------------------------------------------------------


def test_union_pattern_matches_exactly_the_words_longest_first() -> None:
    rng = random.Random(7)
    alphabet = "党员干部学习整改台账"
    for _ in range(200):
        words = {
            "".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 8))
        }
        rx = re.compile(union_pattern(words))
        for w in words:
            assert rx.fullmatch(w), (w, words)
            longest = max((v for v in words if w.startswith(v)), key=len)
            assert rx.match(w).group() == longest  # type: ignore[union-attr]
        text = "".join(rng.choices(alphabet, k=30))
        naive = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in naive.finditer(text)]


# -- substitution -------------------------------------------------------------------------------


SUBST = (
    head("substitution", "“{text}”应为“{right}”")
    + """
swap = [
  { wrong = "自已", right = "自己", exceptions = ["不能自已"], source = "词典" },
  { wrong = "坚苦", right = "艰苦", confidence = "实践", source = "词典" },
  { wrong = "旧说法", right = "新说法", since = "2022-10", source = "文件" },
  { wrong = "八个", right = "十个", context = "明确", unless = "十九大", source = "文件" },
  { wrong = "存疑词", right = "别的词", confidence = "存疑", source = "未核实" },
  { wrong = '(?P<hit>增强)(?=“四个自信”)', regex = true, right = "坚定", source = "文件" },
]
[options]
skip_negated = true
skip_quotations = true
"""
)


@pytest.fixture()
def subst(tmp_path: Path) -> Rule:
    return write_rule(tmp_path, SUBST)


def test_substitution_flags_and_suggests(subst: Rule) -> None:
    assert run(subst, "自已要带头。") == [("自已", Severity.ERROR, "自己")]


def test_substitution_exception_is_a_longer_correct_word(subst: Rule) -> None:
    assert run(subst, "他激动得不能自已。") == []


def test_an_entry_of_weaker_confidence_lowers_the_severity(subst: Rule) -> None:
    assert run(subst, "发扬坚苦奋斗精神。") == [("坚苦", Severity.WARNING, "艰苦")]


def test_negated_form_is_skipped(subst: Rule) -> None:
    assert run(subst, "切忌写成自已，应写自己。") == []
    assert run(subst, "我没有管好自已。") == [("自已", Severity.ERROR, "自己")]


def test_quoted_passage_is_skipped_but_a_quoted_term_is_not(subst: Rule) -> None:
    assert run(subst, "他说：“这件事自已来办。”") == []
    assert run(subst, "应当把“自已”改掉。") == [("自已", Severity.ERROR, "自己")]


def test_since_needs_a_date_at_or_after_it(subst: Rule) -> None:
    assert run(subst, "材料\n沿用旧说法。\n2023年3月1日\n") == [
        ("旧说法", Severity.ERROR, "新说法")
    ]
    assert run(subst, "材料\n沿用旧说法。\n2021年3月1日\n") == []
    assert run(subst, "沿用旧说法。") == []


def test_context_and_unless_look_at_the_sentence(subst: Rule) -> None:
    assert run(subst, "学习八个明确。") == [("八个", Severity.ERROR, "十个")]
    assert run(subst, "学习八个方面。") == []
    assert run(subst, "党的十九大提出八个明确。") == []


def test_unconfirmed_entries_only_with_the_option(subst: Rule) -> None:
    assert run(subst, "这是存疑词。") == []
    assert run(subst, "这是存疑词。", unconfirmed=True) == [("存疑词", Severity.INFO, "别的词")]


def test_regex_entry_reports_its_hit_group(subst: Rule) -> None:
    assert run(subst, "要增强“四个自信”。") == [("增强", Severity.ERROR, "坚定")]


# -- existence, consistency, occurrence ------------------------------------------------------------


def test_existence_flags_every_term(tmp_path: Path) -> None:
    rule = write_rule(
        tmp_path,
        head("existence") + 'term = [{ text = "某某" }, { text = "XX", confidence = "实践" }]\n',
    )
    assert run(rule, "某某同志到XX村。") == [
        ("某某", Severity.ERROR, None),
        ("XX", Severity.WARNING, None),
    ]


CONSISTENCY = head("consistency", "“{text}”与“{other}”（{other_where}）混用") + (
    'group = [{ variants = ["其他", "其它"] }, { variants = ["十个明确", "八个明确"], prefer = "十个明确" }]\n'
)


def test_consistency_flags_the_minority_variant(tmp_path: Path) -> None:
    rule = write_rule(tmp_path, CONSISTENCY)
    text = "其他同志。\n其它部门。\n其他单位。"
    result = review(parse(read_text_string(text)), rules=[rule])
    ((f),) = result.findings
    assert (f.text, f.span.start) == ("其它", text.index("其它"))
    assert f.message == "“其它”与“其他”（第1段）混用"


def test_consistency_prefers_the_declared_variant(tmp_path: Path) -> None:
    rule = write_rule(tmp_path, CONSISTENCY)
    assert [t for t, _, _ in run(rule, "八个明确。八个明确。十个明确。")] == [
        "八个明确",
        "八个明确",
    ]
    assert run(rule, "只写八个明确。") == []


def test_occurrence_flags_the_uses_beyond_the_limit(tmp_path: Path) -> None:
    rule = write_rule(
        tmp_path,
        head("occurrence") + 'term = [{ text = "进一步", max = 2 }, { text = "比如", min = 1 }]\n',
    )
    text = "进一步学习，进一步调研，进一步整改。"
    result = review(parse(read_text_string(text)), rules=[rule])
    assert [(f.text, f.span.start) for f in result.findings] == [
        ("进一步学习，进一步调研，进一步整改。", 0),  # 比如 missing: anchored on the first line
        ("进一步", text.rindex("进一步")),
    ]


# -- repetition --------------------------------------------------------------------------------------


def test_repetition_kind_from_data(tmp_path: Path) -> None:
    rule = write_rule(
        tmp_path,
        head("repetition") + '[options]\nmode = "enumeration"\nlead_ins = "在"\ntails = "上"\n',
    )
    assert run(rule, "在真学、真懂、真学、笃用上下功夫。") == [("真学", Severity.ERROR, None)]
    assert run(rule, "在真学、真懂、真信、真用上下功夫。") == []


# -- loading errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (head("sequence") + 'term = [{ text = "一" }]\n', "只能用 Python"),
        (head("nonsense"), "kind"),
        (head("substitution"), "没有任何条目"),
        (head("substitution") + 'swap = [{ wrong = "(" , regex = true }]\n', "正则表达式"),
        (head("substitution") + 'swap = [{ wrong = "甲" }, { wrong = "甲" }]\n', "重复"),
        (head("substitution") + 'swap = [{ right = "乙" }]\n', "wrong"),
        (head("substitution").replace('confidence = "官方"', 'confidence = "大概"'), "confidence"),
        ("[rule\ncode = 1", "格式错误"),
    ],
)
def test_bad_rule_files_raise_a_chinese_config_error(tmp_path: Path, body: str, words: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        rules_from_file(path)
    assert words in str(err.value) and "bad.toml" in str(err.value)


def test_register_data_rules_from_another_folder_with_its_own_registry(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(SUBST, encoding="utf-8")
    (tmp_path / "dictionary.toml").write_text('words = ["党员"]\n', encoding="utf-8")
    got: list[Rule] = []
    register_data_rules(tmp_path, register=lambda r: got.append(r) or r)  # type: ignore[func-returns-value]
    assert [r.code for r in got] == ["MJ9990"]
    assert REGISTRY.get("MJ9990") is None


def test_several_rules_in_one_file(tmp_path: Path) -> None:
    body = """
[[rules]]
code = "MJ9991"
name = "test-one"
kind = "existence"
category = "typo"
confidence = "实践"
message = "m"
rationale = "r"
source = "s"
term = [{ text = "甲" }]

[[rules]]
code = "MJ9992"
name = "test-two"
kind = "substitution"
category = "typo"
confidence = "官方"
message = "m"
rationale = "r"
source = "s"
swap = [{ wrong = "乙", right = "丙" }]
[rules.options]
skip_negated = true
"""
    path = tmp_path / "two.toml"
    path.write_text(body, encoding="utf-8")
    one, two = rules_from_file(path)
    assert (one.code, two.code) == ("MJ9991", "MJ9992")
    assert run(one, "甲乙") == [("甲", Severity.WARNING, None)]
    assert run(two, "甲乙") == [("乙", Severity.ERROR, "丙")]


# -- the shipped data ---------------------------------------------------------------------------------


def test_every_shipped_data_file_parses_and_its_rules_are_registered() -> None:
    declared = []
    for path in sorted(DATA_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "rule" in data:
            declared.append(data["rule"]["code"])
        declared += [r["code"] for r in data.get("rules", [])]
    assert sorted(r.code for r in DATA_RULES) == sorted(declared)
    for code in declared:
        assert REGISTRY.get(code) is not None


def test_every_entry_of_every_shipped_rule_has_a_source() -> None:
    for path in sorted(DATA_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        tables = [data["rule"] | data] if "rule" in data else data.get("rules", [])
        for t in tables:
            for key in ("swap", "term"):
                for entry in t.get(key, []):
                    assert entry.get("source"), (path.name, entry)
            assert t.get("source"), path.name


def test_kind_enum_covers_vale_kinds() -> None:
    assert {k.value for k in Kind} >= {
        "existence",
        "substitution",
        "consistency",
        "occurrence",
        "repetition",
        "sequence",
    }


def test_data_rule_confidences_follow_the_reference_tags() -> None:
    for r in DATA_RULES:
        assert r.confidence in set(Confidence)
        if r.confidence is Confidence.UNCONFIRMED:
            assert not r.default_enabled
