"""What ``make run`` does: run mingjing on the bundled examples and say where the results are."""

from __future__ import annotations

import sys
from pathlib import Path

from mingjing.cli import run


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("out")
    out.mkdir(parents=True, exist_ok=True)
    examples = Path(__file__).resolve().parents[2] / "examples"
    target = out / "outline.json"
    code = run(["outline", "--json", "-o", str(target), str(examples)])
    if code == 0:
        print(f"结构提取结果：{target.resolve()}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
