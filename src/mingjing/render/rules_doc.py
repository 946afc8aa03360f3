"""The rule reference (docs/rules.md), generated from the rules' own metadata.

Regenerate after changing a rule: ``.venv/bin/mingjing rules --markdown > docs/rules.md``
(``tests/review/test_rules_doc.py`` fails while the committed file is out of date).
"""

from __future__ import annotations

from mingjing.review.engine import CATEGORY_LABELS, REGISTRY, Category

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

HEADER = """# 审核规则参考

本文件由 `mingjing rules --markdown` 根据规则自身的元数据生成，请勿手工修改。

每条规则有稳定的代码和名称、类别、默认级别（依据来源的可信度：[官方] → 错误，[实践] → 警告，[存疑] → 默认关闭），
说明它检查什么、为什么、怎样修改，并附有必须报告和不应报告的示例（这些示例同时是自动测试）。
可在 `mingjing.toml` 中关闭规则或调整级别，见 README。
"""


def _example(text: str) -> str:
    return "`" + text.replace("\n", "⏎").replace("`", "'") + "`"


def rules_markdown() -> str:
    lines = [HEADER]
    rules = list(REGISTRY)
    lines.append("| 代码 | 名称 | 类别 | 级别 | 默认 |")
    lines.append("| --- | --- | --- | --- | --- |")
    for r in rules:
        d = r.describe()
        lines.append(
            f"| [{r.code}](#{r.code.lower()}) | {r.name} | {CATEGORY_LABELS[r.category]} | "
            f"{SEVERITY[d['severity']]} | {'启用' if d['enabled'] else '关闭'} |"
        )
    for category in Category:
        group = [r for r in rules if r.category is category]
        if not group:
            continue
        lines.append(f"\n## {CATEGORY_LABELS[category]}（{category.value}）\n")
        for r in group:
            d = r.describe()
            lines.append(f"### {r.code}\n")
            lines.append(
                f"**{r.name}** · {SEVERITY[d['severity']]} · 依据：[{r.confidence.value}] · "
                f"{'默认启用' if d['enabled'] else '默认关闭'}\n"
            )
            lines.append(f"- 提示：{r.message}")
            lines.append(f"- 为什么：{r.rationale}")
            lines.append(f"- 出处：{r.source}")
            if r.fix:
                lines.append(f"- 如何修改：{r.fix}")
            lines.append("- 应当报告：" + "；".join(_example(x) for x in r.flags))
            lines.append("- 不应报告：" + "；".join(_example(x) for x in r.passes))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
