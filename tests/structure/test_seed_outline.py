"""The seed document's outline matches the reviewer's reading in shared/domain/seed-walkthrough.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingjing import read
from mingjing.structure import Report, Scheme, SectionKind, parse


@pytest.fixture(scope="module")
def seed(request: pytest.FixtureRequest) -> Report:
    from tests.conftest import SEED_COPY

    return parse(read(SEED_COPY))


def line_of(report: Report, offset: int) -> int:
    """1-based line number of a canonical offset (the walkthrough counts lines)."""
    return report.text.count("\n", 0, offset) + 1


def test_three_top_sections_of_the_expected_kinds(seed: Report) -> None:
    assert [s.kind for s in seed.sections] == [
        SectionKind.PROBLEMS,
        SectionKind.CAUSES,
        SectionKind.MEASURES,
    ]
    assert [s.heading for s in seed.sections] == ["存在的问题", "原因分析", "下步打算"]
    assert [line_of(seed, s.span.start) for s in seed.sections] == [2, 27, 33]


def test_six_problem_aspects_in_framework_order_with_three_items_each(seed: Report) -> None:
    problems = seed.sections[0]
    assert [p.heading for p in problems.parts] == [
        "在理论学习方面",
        "在政治素质方面",
        "在能力本领方面",
        "在担当作为方面",
        "在工作作风方面",
        "在廉洁自律方面",
    ]
    assert [line_of(seed, p.span.start) for p in problems.parts] == [3, 7, 11, 15, 19, 23]
    assert [len(p.items) for p in problems.parts] == [3] * 6
    assert all(i.token and i.token.scheme is Scheme.INLINE_SHI for i in problems.items())


def test_eleven_of_eighteen_problem_items_carry_an_instance(seed: Report) -> None:
    problems = seed.sections[0]
    with_instance = [[bool(i.instances) for i in p.items] for p in problems.parts]
    assert with_instance == [
        [False, False, False],
        [True, True, True],
        [True, True, False],
        [True, True, True],
        [True, True, True],
        [False, False, False],
    ]
    assert sum(map(sum, with_instance)) == 11


def test_malformed_item_marker_is_still_the_first_item_of_its_part(seed: Report) -> None:
    part = seed.sections[0].parts[2]
    first = part.items[0]
    assert first.token is not None
    assert first.token.text == "是"
    assert first.token.broken == "missing-numeral"
    assert first.value == 1
    assert seed.text[first.span.start :].startswith("是争创一流的境界还待提高")
    assert [i.value for i in part.items] == [1, 2, 3]


def test_four_causes_with_heading_and_text_on_one_line(seed: Report) -> None:
    causes = seed.sections[1]
    assert [p.heading for p in causes.parts] == [
        "政治站位仍需持续提升",
        "宗旨意识仍需持续加强",
        "进取精神仍需持续提振",
        "工作作风仍需持续改进",
    ]
    assert causes.intro is not None
    assert seed.text[causes.intro.start : causes.intro.end].startswith(
        "针对查摆出来的问题，从六个方面"
    )
    # line 30 starts with an ideographic space; the part still starts at its label
    second = causes.parts[1]
    assert second.token is not None and second.token.text == "（二）"
    assert seed.text[second.span.start - 1] == "\u3000"


def test_four_measures_with_ten_inline_items(seed: Report) -> None:
    measures = seed.sections[2]
    assert measures.kind is SectionKind.MEASURES
    assert [len(p.items) for p in measures.parts] == [3, 2, 2, 3]
    assert sum(len(p.items) for p in measures.parts) == 10
    assert measures.parts[0].heading == "强化理论武装，提高政治站位"


def test_opinion_counts_are_present_but_unfilled(seed: Report) -> None:
    collected, merged = seed.facts.opinions_collected, seed.facts.opinions_merged
    assert collected is not None and collected.unfilled and collected.text == "**"
    assert merged is not None and merged.unfilled
    assert seed.text[collected.span.start - 3 : collected.span.end + 1] == "的意见**条"
    assert seed.text[merged.span.start - 4 : merged.span.end + 1] == "归纳意见**条"
    assert seed.facts.talks is None


def test_preamble_and_closing(seed: Report) -> None:
    assert seed.preamble is not None
    assert seed.text[seed.preamble.start :].startswith("按照**市委主题教育办")
    assert seed.closing is not None
    assert (
        seed.text[seed.closing.start : seed.closing.end]
        == "以上是我个人的对照检查情况，请同志们批评指正。"
    )
    assert seed.sections[2].span.end < seed.closing.start


def test_every_span_lies_inside_the_text(seed: Report) -> None:
    n = len(seed.text)
    for s in seed.sections:
        assert 0 <= s.span.start < s.span.end <= n
        for p in s.parts:
            assert s.span.contains(p.span)
            for i in p.items:
                assert p.span.contains(i.span)
                for inst in i.instances:
                    assert i.span.contains(inst.span)


#: SHA-256 of shared/seed/000_3e0505d78ab52181.txt, the seed as given to the project.
SEED_SHA256 = "4315960525b1c930692d7edd04b34abbc0cb55d180bd426ed3b13cf7d4c92fd8"


def test_seed_copy_is_byte_identical_to_shared_seed() -> None:
    import hashlib

    from tests.conftest import SEED, SEED_COPY

    assert hashlib.sha256(Path(SEED_COPY).read_bytes()).hexdigest() == SEED_SHA256
    if SEED.exists():  # inside the workplace: the given seed itself has not changed either
        assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
