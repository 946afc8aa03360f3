"""What ``make run`` does: run mingjing on the bundled examples and say where the results are."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from mingjing.cli.common import expand_inputs, progress_iter, write_json
from mingjing.ingest import read
from mingjing.render.docx_comments import annotated_name, write_annotated
from mingjing.render.findings import JSON_VERSION, document_dict
from mingjing.render.html import write_html
from mingjing.render.outline import outline_dict
from mingjing.review import review
from mingjing.review.runner import ReviewResult
from mingjing.structure import parse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def review_examples(examples: Path) -> list[ReviewResult]:
    files = [p for p in expand_inputs([examples]) if "templates" not in p.parts]
    return [review(parse(read(p))) for p in progress_iter(files, "审核示例材料")]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("out")
    examples = Path(argv[1]) if len(argv) > 1 else EXAMPLES
    out.mkdir(parents=True, exist_ok=True)
    console = Console(highlight=False)
    results = review_examples(examples)
    write_json([outline_dict(r.report) for r in results], out / "outline.json")
    write_json(
        {"version": JSON_VERSION, "documents": [document_dict(r) for r in results]},
        out / "check.json",
    )
    report = write_html(results, out / "审核报告.html")
    annotated_dir = out / "审核意见"
    annotated = [
        write_annotated(
            r, annotated_dir / annotated_name(r.report.document.path or r.report.document.name)
        )
        for r in results
    ]

    table = Table(title="示例材料审核结果")
    for col in ("材料", "对照框架", "错误", "警告", "提示", "有事例的问题条目"):
        table.add_column(col)
    for r in results:
        s = r.summary()
        fw = r.framework
        table.add_row(
            r.report.document.name,
            fw.name if fw else "未能确定",
            str(s["error"]),
            str(s["warning"]),
            str(s["info"]),
            f"{s['problem_items_with_instance']}/{s['problem_items']}",
        )
    console.print(table)
    console.print(f"结构提取结果：{(out / 'outline.json').resolve()}")
    console.print(f"审核结果（JSON）：{(out / 'check.json').resolve()}")
    console.print(f"审核报告（在浏览器中打开，离线可用）：{report.resolve()}")
    console.print(
        f"带批注的 Word 副本（{len(annotated)} 份，用 Word 或 WPS 打开）：{annotated_dir.resolve()}"
    )
    for path in annotated:
        console.print(f"  {path.name}")
    console.print("逐条查看审核意见：.venv/bin/mingjing check examples/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
