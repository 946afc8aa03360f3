"""Synthetic 对照检查材料 of a chosen length, built from the project's own sentences.

Deterministic for a given seed. The text has the real shape (preamble, sections, aspects, inline
items, instances, closing) so that parsing and checking cost what they cost on real materials.
"""

from __future__ import annotations

import random
from pathlib import Path

ASPECTS = ["理论学习", "政治素质", "能力本领", "担当作为", "工作作风", "廉洁自律"]
PROBLEMS = [
    "学习的系统性还不够强，满足于读原文、记笔记，对重要论述的内在联系思考不深",
    "运用党的创新理论指导实践的能力有待提升，研究新情况、解决新问题的办法还不多",
    "统筹推进重点工作的本领还有短板，面对群众的急难愁盼问题有时办法不多",
    "攻坚克难的劲头有所减弱，遇到矛盾有时绕着走，存在求稳怕乱的心态",
    "深入基层调查研究不够经常，听汇报多、进村入户少，掌握的一手情况不全面",
    "对分管领域的廉政风险排查不够细，日常监督提醒多停留在会议上",
    "对重大决策部署的领会还停留在字面上，结合本镇实际推动落实的措施还不够具体",
]
CAUSES = [
    "理想信念有所松懈。对加强世界观、人生观、价值观改造的重要性认识不足，思想上的总开关拧得不够紧",
    "党性修养有所放松。自我要求有所降低，对照党章党规检视自身不够经常",
    "宗旨意识有所淡化。对群众的感情还不够深厚，换位思考、将心比心做得不够",
    "担当精神有所弱化。面对矛盾和困难，有时瞻前顾后，缺少迎难而上的闯劲",
]
MEASURES = [
    "持续加强理论武装。一是制定个人学习计划，每月精读一篇重要讲话原文。二是结合分管工作撰写学习体会，年底前形成两篇调研报告",
    "着力提升能力本领。一是围绕乡村振兴重点任务开展专题学习。二是每季度到联系村蹲点调研一次，帮助解决实际问题",
    "切实转变工作作风。一是坚持问题导向，建立群众诉求办理台账。二是对反映集中的问题实行销号管理，2024年6月底前全部回复",
    "严守廉洁自律底线。一是严格执行中央八项规定及其实施细则精神。二是管好亲属和身边工作人员，自觉接受监督",
]
CN = "一二三四五六七八九十"
# Fragments combined into sentences, so that a long material does not repeat itself (real ones
# rarely do, and the repeated-sentence rule would otherwise dominate the review time).
OPENERS = [
    "在抓{w}工作中",
    "对{w}的部署",
    "推进{w}时",
    "在分管的{w}领域",
    "落实{w}任务过程中",
    "围绕{w}开展工作时",
]
TOPICS = [
    "乡村振兴",
    "基层治理",
    "安全生产",
    "信访维稳",
    "耕地保护",
    "环境整治",
    "招商引资",
    "民生实事",
    "党建引领",
    "集体经济",
]
FLAWS = [
    "还停留在开会部署、层层转发上，跟踪问效不够",
    "对困难估计不足，推进节奏前紧后松",
    "调查研究不够深入，掌握的情况不够全面",
    "与相关站所沟通协调不够，合力没有形成",
    "满足于完成上级交办的任务，主动谋划不够",
    "对群众反映的问题回应不够及时",
]


def material(target_chars: int = 5000, seed: int = 0) -> str:
    """A material of about ``target_chars`` characters (within one item's length)."""
    per_item = 80
    while True:
        text = _material(per_item, seed)
        if len(text) >= target_chars or per_item > 10 * target_chars:
            return text
        per_item += max(10, (target_chars - len(text)) // 18)


def _material(per_item: int, seed: int) -> str:
    rng = random.Random(seed)
    out = [
        "按照镇党委关于召开主题教育专题民主生活会的通知要求，我认真学习规定篇目，广泛征求意见建议，"
        f"共征求意见{rng.randint(20, 60)}条，归纳意见{rng.randint(8, 19)}条，开展谈心谈话{rng.randint(10, 30)}人次。"
        "现将个人对照检查情况报告如下：",
        "一、存在的问题",
    ]
    for a, aspect in enumerate(ASPECTS):
        out.append(f"（{CN[a]}）在{aspect}方面")
        for k in range(3):
            sentence = rng.choice(PROBLEMS)
            text = f"{CN[k]}是{sentence[:8]}，在{rng.choice(TOPICS)}等{rng.randint(2, 9)}项工作中表现明显。"
            while len(text) < per_item:
                opener = rng.choice(OPENERS).format(w=rng.choice(TOPICS))
                text += f"{opener}，{rng.choice(FLAWS)}，全年共涉及{rng.randint(2, 60)}件具体事项。"
            if rng.random() < 0.7:
                text += f"比如：{rng.randint(1, 12)}月在{rng.choice(TOPICS)}推进会上，{rng.choice(FLAWS)}，涉及{rng.randint(2, 30)}户群众。"
            out.append(text)
    out.append("二、原因分析")
    for c, cause in enumerate(CAUSES):
        out.append(f"（{CN[c]}）{cause}。")
    out.append("三、整改措施")
    for m, measure in enumerate(MEASURES):
        out.append(f"（{CN[m]}）{measure}。")
    out.append("以上是我的对照检查，请同志们批评指正。")
    return "\n".join(out)


def write_txt(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def write_docx(path: Path, text: str, seed: int = 0) -> None:
    """A .docx with Word-like run fragmentation (each paragraph split into several runs)."""
    from docx import Document as new_document

    rng = random.Random(seed)
    doc = new_document()
    for line in text.split("\n"):
        para = doc.add_paragraph()
        pos = 0
        while pos < len(line):
            step = rng.randint(5, 40)
            run = para.add_run(line[pos : pos + step])
            if rng.random() < 0.1:
                run.bold = True
            pos += step
    doc.save(str(path))
