"""Materials written for the layout tests (our own sentences), sized to fill known numbers of pages."""

from __future__ import annotations

import random

#: Numbered paragraphs but no recognisable sections: the structure is too unclear for roles.
UNCLEAR = (
    "个人发言材料\n"
    "今年以来，我按照组织安排认真学习，现将有关情况说明如下。\n"
    "（一）关于自学\n"
    "全年自学12次，撰写体会3篇。\n"
    "（二）关于调研\n"
    "到联系村走访7次，形成报告1篇。\n"
    "1.调研次数偏少。\n"
)

SENTENCES = [
    "今年以来，我坚持把理论学习摆在首位，按照镇党委的安排参加集中学习12次，撰写心得体会3篇。",
    "对照“学思想、强党性、重实践、建新功”的总要求，我逐条检视了自己在思想、工作和作风上的差距。",
    "在推进农村人居环境整治中，有时满足于面上推动，深入田间地头察看情况不够经常，掌握的一手资料还不全面。",
    "面对群众反映强烈的道路硬化问题，虽然多次协调，但拿出的办法不多——直到2023年10月才完成招标。",
    "工作中习惯凭经验办事……遇到新情况新问题时，研究政策、请教专家的主动性还不够强。",
    "我所联系的青杠村有17户群众反映饮水不稳定，我到现场查看了2次，督促水务站制定了改造方案。",
    "在落实“三重一大”集体决策制度上，我做到了重大事项会前充分沟通，但个别议题的会前调研还不够充分。",
    "今后我将每月至少安排4个工作日下村走访，逐户建立问题台账，做到件件有回音、事事有着落。",
    "对分管领域的干部，我平时提要求多、谈思想少，对他们工作之外的困难了解得不多，关心关爱还有欠缺。",
    "在廉洁自律方面，我严格执行中央八项规定精神，没有收受任何礼品礼金，但对家属的提醒教育还不够经常。",
]


def body_paragraphs(n_chars: int, seed: int = 0) -> list[str]:
    """Paragraphs of body text only (no title, no headings), about ``n_chars`` characters in all."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < n_chars:
        k = rng.randint(2, 4)
        para = "".join(rng.choice(SENTENCES) for _ in range(k))
        paragraphs.append(para)
        total += len(para)
    return paragraphs


def body_material(n_chars: int, seed: int = 0) -> str:
    return "\n".join(body_paragraphs(n_chars, seed)) + "\n"


def structured_material(n_chars: int, seed: int = 1) -> str:
    """A material with title, by-line, preamble, sections, parts, inline items, closing and date."""
    rng = random.Random(seed)
    per = max(60, n_chars // 12)

    def text(n: int) -> str:
        out = ""
        while len(out) < n:
            out += rng.choice(SENTENCES)
        return out

    lines = [
        "青杠镇党委委员个人主题教育专题民主生活会对照检查材料",
        "青杠镇党委委员、副镇长　韩述川",
        "按照县委的统一部署，我认真学习规定篇目，广泛征求意见，共征求意见23条，归纳为9条。"
        + text(per),
        "一、存在的问题",
        "（一）在理论学习方面",
        "一是学习的系统性不够。" + text(per) + "二是学用结合不够紧密。" + text(per // 2),
        "（二）在担当作为方面",
        "一是攻坚克难的劲头不足。" + text(per),
        "二、原因分析",
        "（一）理论武装不够到位。" + text(per),
        "（二）宗旨意识有所淡化。" + text(per),
        "三、整改措施",
        "（一）强化理论武装。一是制定个人学习计划。"
        + text(per)
        + "二是坚持学用结合。"
        + text(per // 2),
        "（二）勇于担当作为。一是建立问题清单。" + text(per),
        "以上是我的对照检查，请同志们批评指正。",
        "韩述川",
        "2024年1月8日",
    ]
    return "\n".join(lines) + "\n"
