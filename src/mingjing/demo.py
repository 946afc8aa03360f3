"""What ``make run`` does: run every part of mingjing on the bundled examples (a fictional
township team) and say where the results are.

1. read and parse every material (outline JSON);
2. review them, with copy detection against the team and the bundled template (JSON, an offline
   HTML report, annotated Word copies with comments);
3. copy detection for the team: heatmap and side-by-side report;
4. opinions: merge, classify, assign the team's 征求意见 and check each material answers its own;
5. the rectification ledger (整改台账) from all materials' measures;
6. GB/T 9704 formatted Word copies.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from mingjing.cli import run
from mingjing.cli.common import expand_inputs, progress_iter, write_json
from mingjing.ingest import read
from mingjing.render.docx_comments import annotated_name, write_annotated
from mingjing.render.findings import JSON_VERSION, document_dict
from mingjing.render.html import write_html
from mingjing.render.outline import outline_dict
from mingjing.review import review
from mingjing.review.runner import ReviewResult
from mingjing.similarity.index import Index, NewMaterial
from mingjing.structure import parse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

MSG = {
    "title": "示例材料审核结果（虚构的澂岺镇党委班子）",
    "step_failed": "  {what}未能完成（退出码 {code}）：{detail}",
    "outline": "结构提取结果（JSON）",
    "check": "审核结果（JSON）",
    "html": "审核报告（在浏览器中打开，离线可用）",
    "docx": "带批注的 Word 副本（用 Word 或 WPS 打开，批注按类别署名“明镜·……”）",
    "copy": "查重：班子成员两两比对的热力图和并排对照报告",
    "opinions": "征求意见归纳、分派结果与每人的反馈表",
    "ledger": "整改台账（Excel）",
    "format": "按 GB/T 9704 排版的 Word 文档",
    "more": "逐条查看审核意见：.venv/bin/mingjing check examples/    全部命令：.venv/bin/mingjing --help",
}


def materials(examples: Path) -> list[Path]:
    return [
        p
        for p in expand_inputs([examples])
        if not {"templates", "opinions"} & set(p.relative_to(examples).parts)
    ]


def team_index(examples: Path, files: list[Path]) -> Index:
    """The corpus the examples are checked against: the bundled template and every member."""
    templates = expand_inputs([examples / "templates"]) if (examples / "templates").is_dir() else []
    entries = [NewMaterial(p.stem, read(p).text, str(p), ("template",)) for p in templates]
    entries += [NewMaterial(p.stem, read(p).text, str(p), ("member",)) for p in files]
    return Index.in_memory(entries)


def review_examples(examples: Path) -> list[ReviewResult]:
    files = materials(examples)
    options: dict[str, object] = {"corpus": team_index(examples, files)}
    return [review(parse(read(p)), options=options) for p in progress_iter(files, "审核示例材料")]


def _quiet(argv: list[str]) -> tuple[int, str]:
    """Run a CLI command, keeping its console output for when it fails."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(argv)
    lines = (err.getvalue() or out.getvalue()).strip().splitlines()
    return code, lines[-1] if lines else ""


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("out")
    examples = Path(argv[1]) if len(argv) > 1 else EXAMPLES
    out.mkdir(parents=True, exist_ok=True)
    console = Console(highlight=False, soft_wrap=True)
    results = review_examples(examples)
    files = [r.report.document.path for r in results if r.report.document.path]

    written: list[tuple[str, Path]] = []
    write_json([outline_dict(r.report) for r in results], out / "outline.json")
    written.append((MSG["outline"], out / "outline.json"))
    write_json(
        {"version": JSON_VERSION, "documents": [document_dict(r) for r in results]},
        out / "check.json",
    )
    written.append((MSG["check"], out / "check.json"))
    written.append((MSG["html"], write_html(results, out / "审核报告.html")))
    annotated_dir = out / "审核意见"
    for r in results:
        write_annotated(
            r, annotated_dir / annotated_name(r.report.document.path or r.report.document.name)
        )
    written.append((MSG["docx"], annotated_dir))

    failures: list[str] = []

    def step(what: str, argv: list[str], target: Path) -> None:
        code, detail = _quiet(argv)
        if code == 0:
            written.append((MSG[what], target))
        else:
            failures.append(MSG["step_failed"].format(what=MSG[what], code=code, detail=detail))

    from mingjing.similarity.team import examples_report

    copy_dir = out / "查重"
    if copy_dir.exists():
        shutil.rmtree(copy_dir)  # the demo's own corpus: rebuilt from the examples each run
    team = examples_report(examples, copy_dir)
    written.append((MSG["copy"], team.team.html))

    opinion_files = (
        sorted((examples / "opinions").glob("*.xlsx")) if (examples / "opinions").is_dir() else []
    )
    rosters = sorted((examples / "opinions").glob("*.toml")) if opinion_files else []
    if opinion_files:
        argv_op = [
            "opinions",
            "run",
            str(opinion_files[0]),
            "-f",
            "2023-zhuti-personal",
            "-o",
            str(out / "意见"),
        ]
        if rosters:
            argv_op += ["-t", str(rosters[0])]
        for f in files:
            argv_op += ["-m", str(f)]
        step("opinions", argv_op, out / "意见")

    ledger = out / "整改台账.xlsx"
    step("ledger", ["ledger", "extract", *map(str, files), "-o", str(ledger), "--force"], ledger)

    format_dir = out / "公文格式"
    format_dir.mkdir(exist_ok=True)
    codes = [
        _quiet(["format", str(p), "-o", str(format_dir / f"{p.stem}_公文格式.docx")]) for p in files
    ]
    bad = [(p, c) for p, c in zip(files, codes, strict=True) if c[0] != 0]
    if bad:
        failures += [
            MSG["step_failed"].format(what=MSG["format"], code=c[0], detail=f"{p.name}：{c[1]}")
            for p, c in bad
        ]
    else:
        written.append((MSG["format"], format_dir))

    table = Table(title=MSG["title"])
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
    for label, path in written:
        console.print(f"{label}：{path.resolve()}")
    for line in failures:
        console.print(f"[red]{line}[/]")
    console.print(MSG["more"])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
