"""归纳 speed on 10,000 opinions, and merge precision/recall on the labelled sets.

Target (issue 7): merging 10,000 opinions takes ≤ 5 s on this machine. The synthetic opinions
are built here from phrase parts (written for the project): about 1,400 base opinions about
places, facilities, problems and requests, each re-entered several times with other punctuation,
a 建议/希望 added, clauses swapped or synonyms used — the shapes real duplicates take — spread
over the team and six members. They are for timing only: built from one template, they differ
in a village name or a facility, which is not what real opinions look like, so no precision is
claimed on them. Precision and recall are measured pairwise (same cluster vs same label) on the
hand-labelled sets of tests/data/opinions.
"""

from __future__ import annotations

import itertools
import json
import random
import time
from pathlib import Path
from typing import Any

from mingjing.opinions.intake import opinions_from_texts, read_opinions
from mingjing.opinions.merge import DEFAULT_THRESHOLD, merge
from mingjing.opinions.model import Intake, Opinion
from mingjing.opinions.roster import load_roster

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "opinions"
EXAMPLE_BOOK = ROOT / "examples" / "opinions" / "澂岺镇征求意见汇总_2023.xlsx"

PLACES = [
    "桂坳村",
    "白鹭湾村",
    "杉木坪村",
    "柳垭村",
    "双槐村",
    "青岗村",
    "石碾村",
    "鹤塘社区",
    "镇区",
    "新街",
]
THINGS = [
    ("路灯", ["坏了很久没人修", "晚上不亮", "损坏后一直没有维修"]),
    ("自来水", ["水压不足", "经常停水", "水质发黄"]),
    ("通村公路", ["坑洼不平", "雨天积水", "护栏缺失"]),
    ("垃圾收运点", ["设置不规范", "清运不及时", "臭味很大"]),
    ("客运班车", ["一天只有一趟", "经常不按时发车", "停靠点太远"]),
    ("农家书屋", ["长期锁门", "书太旧", "没人管理"]),
    ("卫生室", ["缺医少药", "医生经常不在", "设备陈旧"]),
    ("便民服务点", ["办事要跑好几趟", "工作人员态度生硬", "周末找不到人"]),
    ("农贸市场", ["周边占道经营", "卫生脏乱差", "停车位不够"]),
    ("灌溉水渠", ["年久失修", "堵塞漏水", "分水不公平"]),
    ("养殖场", ["粪污直排", "臭味扰民", "离住户太近"]),
    ("村务公开栏", ["好几个月不更新", "内容看不懂", "账目公开不细"]),
]
ASKS = ["希望尽快解决", "反映多次没有下文", "群众意见很大", "建议列入为民办实事", "请镇里重视", ""]
WHO = [
    ("班子", ""),
    ("骆承岷", "镇长"),
    ("钟毓苓", "钟书记"),
    ("蒯正衡", "纪委书记"),
    ("殳晓岚", "组织委员"),
    ("阙文翰", "宣传委员"),
    ("韦砚清", "韦书记"),
]
SYNONYMS = [("群众", "老百姓"), ("解决", "处理"), ("很久", "好久"), ("希望", "盼望")]


def _base(rng: random.Random) -> tuple[str, str]:
    place = rng.choice(PLACES)
    thing, problems = rng.choice(THINGS)
    problem = rng.choice(problems)
    ask = rng.choice(ASKS)
    target, call = rng.choice(WHO)
    lead = f"{call}要重视，" if call else ""
    text = f"{place}的{thing}{problem}" + (f"，{lead}{ask}" if ask or lead else "") + "。"
    return text, target


def _variant(text: str, rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return text.replace("，", ",").rstrip("。")
    if kind == 1:
        return "建议" + text if not text.startswith("建议") else text[2:]
    if kind == 2:
        parts = text.rstrip("。").split("，")
        return "，".join(reversed(parts)) + "。" if len(parts) > 1 else text + "！"
    if kind == 3:
        for a, b in SYNONYMS:
            if a in text:
                return text.replace(a, b, 1)
        return text.replace("。", "！")
    return text.rstrip("。") + "，请重视。"


def synthetic(n: int, seed: int = 7) -> Intake:
    """``n`` opinions: base opinions drawn from the phrase parts, most of them re-entered."""
    rng = random.Random(seed)
    bases = [_base(rng) for _ in range(max(1, n // 7))]
    ops: list[Opinion] = []
    for row in range(1, n + 1):
        text, target = rng.choice(bases)
        if rng.random() < 0.7:
            text = _variant(text, rng)
        ops.append(Opinion(row=row, text=text, channel="网上征求", target=target))
    return Intake(source="synthetic", opinions=tuple(ops))


def labelled() -> dict[str, Any]:
    """Precision and recall of the default threshold on the hand-labelled sets."""
    labels = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
    roster = load_roster(DATA / "班子成员.toml")
    out: dict[str, Any] = {}
    sets = [(name, DATA / name, entry) for name, entry in labels["files"].items()]
    sets.append(("examples/opinions", EXAMPLE_BOOK, labels["examples"]))
    tp_all = fp_all = fn_all = 0
    for name, path, entry in sets:
        result = merge(read_opinions(path), roster=roster)
        topic_of = {int(r): t for r, t in entry["rows"].items()}
        of = result.cluster_of()
        tp = fp = fn = 0
        for a, b in itertools.combinations(sorted(topic_of), 2):
            same_t, same_c = topic_of[a] == topic_of[b], of[a] == of[b]
            tp += same_t and same_c
            fp += same_c and not same_t
            fn += same_t and not same_c
        out[name] = {
            "opinions": len(topic_of),
            "clusters": len(result.clusters),
            "labels": len(set(topic_of.values())),
            "precision": round(tp / max(tp + fp, 1), 3),
            "recall": round(tp / max(tp + fn, 1), 3),
        }
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    out["all"] = {
        "precision": round(tp_all / max(tp_all + fp_all, 1), 3),
        "recall": round(tp_all / max(tp_all + fn_all, 1), 3),
        "threshold": DEFAULT_THRESHOLD,
    }
    return out


def main(quick: bool = False) -> dict[str, Any]:
    n = 2000 if quick else 10_000
    roster = load_roster(DATA / "班子成员.toml")
    intake = synthetic(n)
    merge(opinions_from_texts(t.text for t in intake.opinions[:200]), roster=roster)  # warm up
    runs = []
    result = None
    for _ in range(1 if quick else 3):
        t0 = time.perf_counter()
        result = merge(intake, roster=roster)
        runs.append(time.perf_counter() - t0)
    assert result is not None
    return {
        "opinions": n,
        "merge_seconds": round(min(runs), 2),
        "merge_seconds_runs": [round(r, 2) for r in runs],
        "target_seconds": 5.0,
        "clusters": len(result.clusters),
        "labelled": labelled(),
    }


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
