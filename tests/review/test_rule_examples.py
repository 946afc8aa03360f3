"""Every rule carries examples it must flag and must not flag; they all run here.

In a flag example the expected span may be marked with ⟦…⟧ (several marks allowed): the rule must
then report exactly those spans (it may not report others in that example).
"""

from __future__ import annotations

import re

import pytest

from mingjing import parse, read_text_string
from mingjing.review import REGISTRY, Rule, review

_MARK = re.compile(r"⟦(.*?)⟧", re.S)


def strip_marks(example: str) -> tuple[str, list[tuple[int, int]]]:
    """The example text without ⟦⟧ and the spans the marks enclosed."""
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    pos = 0
    removed = 0
    for m in _MARK.finditer(example):
        out.append(example[pos : m.start()])
        start = m.start() - removed
        spans.append((start, start + len(m.group(1))))
        out.append(m.group(1))
        removed += 2
        pos = m.end()
    out.append(example[pos:])
    return "".join(out), spans


RULES = list(REGISTRY)
FLAGS = [(r.code, i) for r in RULES for i in range(len(r.flags))]
PASSES = [(r.code, i) for r in RULES for i in range(len(r.passes))]


def _run(rule: Rule, text: str) -> list[tuple[int, int]]:
    options = rule.example_options() if rule.example_options else None
    result = review(parse(read_text_string(text)), rules=[rule], options=options)
    return [(f.span.start, f.span.end) for f in result.findings]


@pytest.mark.parametrize(("code", "index"), FLAGS, ids=[f"{c}-flag{i}" for c, i in FLAGS])
def test_rule_flags_its_examples(code: str, index: int) -> None:
    rule = REGISTRY.get(code)
    assert rule is not None
    text, marked = strip_marks(rule.flags[index])
    found = _run(rule, text)
    assert found, f"{code} did not flag: {text!r}"
    if marked:
        assert sorted(found) == sorted(marked), (
            f"{code} flagged {[text[a:b] for a, b in found]}, expected {[text[a:b] for a, b in marked]}"
        )


@pytest.mark.parametrize(("code", "index"), PASSES, ids=[f"{c}-pass{i}" for c, i in PASSES])
def test_rule_does_not_flag_its_counter_examples(code: str, index: int) -> None:
    rule = REGISTRY.get(code)
    assert rule is not None
    text = rule.passes[index]
    found = _run(rule, text)
    assert not found, f"{code} wrongly flagged {[text[a:b] for a, b in found]} in {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_metadata_and_both_kinds_of_example(rule: Rule) -> None:
    assert re.fullmatch(r"MJ\d{3,4}", rule.code)
    assert re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)+", rule.name)
    assert rule.message and rule.rationale and rule.source
    assert rule.flags, f"{rule.code} has no example it must flag"
    assert rule.passes, f"{rule.code} has no example it must not flag"
