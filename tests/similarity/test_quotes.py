"""去除引用复制比: quotations and the 引用库 are 引用, not 复制."""

from __future__ import annotations

from mingjing.similarity.compare import CompareSettings, Material, PassageKind, compare_material
from mingjing.similarity.exclusion import QuotationLibrary, load_default_library, quoted_mask
from mingjing.similarity.index import Index, NewMaterial
from mingjing.similarity.normalize import match_view

# Two materials by different people, written for this test: they share only the formulations
# every member is expected to write, and one quotation in quotation marks.
MEMBER_A = """一、存在的问题
（一）在理论学习方面
我对照检查发现，自己深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”还不够自觉。
平时忙于分管的水利工程，读原著的时间被挤占，去年只写了两篇心得。正如文件指出的“学思用贯通、知信行统一”，我在学用结合上差距明显。
（二）在工作作风方面
去年防汛检查时，我在河堤上只听了汇报，没有沿着堤段一段一段走完，对渗水点的底数没有掌握。
"""

MEMBER_B = """一、存在的问题
（一）在理论学习方面
作为分管教育的副镇长，我必须深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。
但对照检查，我参加中心组学习时发言准备不足，三次专题研讨中有两次照着材料念，体现了“学思用贯通、知信行统一”做得不到位。
（二）在担当作为方面
城东小学扩建项目拖了八个月，我召集过两次协调会，但没有盯住土地手续这一关键环节，导致开学时新教室仍未投用。
"""


def test_unrelated_materials_sharing_only_formulations_have_zero_ratio_excluding_quotes() -> None:
    index = Index.in_memory([NewMaterial("甲", MEMBER_A)])
    report = compare_material(
        Material("乙", MEMBER_B), index, settings=CompareSettings(library=load_default_library())
    )
    assert report.ratio > 0.05  # the formulations are shared text …
    assert report.ratio_excluding_quotes == 0.0  # … but none of it is copying
    kinds = {p.kind for s in report.sources for p in s.passages}
    assert kinds == {PassageKind.QUOTE}
    assert not report.alert


def test_an_unquoted_formulation_counts_as_quotation_only_through_the_library() -> None:
    a = MEMBER_A + "今后我将自觉在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致。"
    b = MEMBER_B + "下一步必须自觉在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致。"
    index = Index.in_memory([NewMaterial("甲", a)])
    without = compare_material(Material("乙", b), index, settings=CompareSettings(library=None))
    with_library = compare_material(
        Material("乙", b), index, settings=CompareSettings(library=load_default_library())
    )
    assert without.ratio_excluding_quotes > 0.0
    assert with_library.ratio_excluding_quotes == 0.0


def test_copied_text_next_to_a_formulation_still_counts() -> None:
    copied = (
        "去年防汛检查时，我在河堤上只听了汇报，没有沿着堤段一段一段走完，对渗水点的底数没有掌握。"
    )
    index = Index.in_memory([NewMaterial("甲", MEMBER_A)])
    report = compare_material(
        Material("乙", MEMBER_B + copied),
        index,
        settings=CompareSettings(library=load_default_library()),
    )
    assert report.ratio_excluding_quotes > 0.0
    copies = [p for s in report.sources for p in s.passages if p.kind is PassageKind.COPY]
    assert any("渗水点" in p.text for p in copies)


def test_quoted_mask_covers_text_inside_quotation_and_title_marks() -> None:
    text = "学习《中国共产党纪律处分条例》，牢记“国之大者”，其余照常。"
    v = match_view(text)
    mask = quoted_mask(text, v)
    inside = "".join(ch for ch, m in zip(v.as_str(), mask.tolist(), strict=True) if m)
    assert inside == "中国共产党纪律处分条例国之大者"


def test_overlong_quotation_is_not_a_quotation() -> None:
    text = "“" + "甲" * 300 + "”"
    assert not quoted_mask(text, match_view(text)).any()


def test_library_accepts_phrases_from_any_source() -> None:
    lib = QuotationLibrary.from_phrases(["严格落实基层减负的各项规定"]).extended(
        ["另一条规范表述，来自审核词典"], "review"
    )
    v = match_view("我们要严格落实基层减负的各项规定。另一条规范表述来自审核词典。")
    assert lib.mask(v).sum() == len("严格落实基层减负的各项规定") + len(
        "另一条规范表述来自审核词典"
    )


def test_default_library_entries_carry_their_source() -> None:
    lib = load_default_library()
    assert len(lib.entries) >= 40
    assert all(q.source for q in lib.entries)
    assert any("formulations §3" in q.source for q in lib.entries)


def test_numbered_headings_are_prescribed_wording_not_copying() -> None:
    from mingjing.similarity.exclusion import heading_mask

    text = "一、存在的问题\n（一）在理论学习方面\n我去年只读了两本书。\n1.强化学习。每周读原著。"
    v = match_view(text)
    inside = "".join(
        ch for ch, m in zip(v.as_str(), heading_mask(text, v).tolist(), strict=True) if m
    )
    assert inside == "一存在的问题一在理论学习方面1强化学习"
