from __future__ import annotations

import random

from mingjing.similarity.compare import Material, compare_material
from mingjing.similarity.findings import copy_findings
from mingjing.similarity.index import Index, NewMaterial

from .conftest import salad


def test_nearby_passages_of_one_source_form_one_group_and_far_ones_another() -> None:
    r = random.Random(31)
    src = salad(r, 3000, punct=False)
    b = (
        salad(r, 300, punct=False)
        + src[100:160]
        + "这一句是本人改写的"
        + src[400:460]
        + salad(r, 600, punct=False)
        + src[2000:2070]
        + salad(r, 300, punct=False)
    )
    index = Index.in_memory([NewMaterial("往年材料", src, tags=("year:2022",))])
    findings = copy_findings(compare_material(Material("b", b), index))
    assert len(findings) == 2
    first, second = sorted(findings, key=lambda f: f.span.start)
    assert len(first.passages) == 2 and first.chars == 120
    assert second.chars == 70
    assert all(f.alert and "《往年材料》" in f.message for f in findings)
    assert b[first.span.start : first.span.end].startswith(src[100:105])
