"""Copy-detection results as text, JSON, a self-contained HTML side-by-side view and heatmaps.

Rendering only: every figure comes from :mod:`mingjing.similarity.compare`. The SVG heatmap is
written by this module (no dependency, Chinese names rendered by the viewer's own fonts, embedded
in the HTML report); a PNG copy needs matplotlib (the ``plot`` extra) because a raster image with
Chinese labels needs a font renderer, which is too heavy for the base install.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mingjing.errors import MingjingError
from mingjing.similarity.compare import (
    KIND_LABELS,
    DupReport,
    Passage,
    PassageKind,
    SourceMatch,
    TeamReport,
)

JSON_VERSION = 1

TXT = {
    "doc": "材料：{name}（{chars} 字）",
    "ratios": "  文字复制比 {ratio}　去除引用复制比 {rq}　去除常用语复制比 {rc}　最长重合 {longest} 字",
    "alert": "  ⚠ 需重点核查：与以下来源存在较长重合段落（最长段 ≥ {n} 字或累计 ≥ {m} 字）",
    "none": "  未发现与比对库中材料重合 {t} 字以上的文字。",
    "self": "  （比对库中与本材料完全相同的条目已跳过：{names}）",
    "source": "  来源 {i}：{name}{tags}　占本材料 {ratio}（去除引用 {rq}）　最长 {longest} 字{flag}",
    "flag": "　【疑似复制】",
    "passage": "    [{kind}] 本材料 {s}–{e} ↔ 来源 {ss}–{se}（{n} 字）：{text}",
    "more": "  ……另有 {n} 个来源仅有零星重合，未逐一列出。",
    "common": "  常用语（在 {n} 篇以上材料中出现）：{count} 处，例如：{example}",
}

HTML_TEXT = {
    "title": "明镜查重报告",
    "team_title": "明镜查重报告：班子成员材料两两比对",
    "legend": "红色：疑似复制；绿色：引用（引号内或引用库中的规范表述）；灰色：常用语（套话）。",
    "ratios": "文字复制比 {ratio}　去除引用复制比 {rq}　去除常用语复制比 {rc}　最长重合 {longest} 字",
    "material": "本材料",
    "source": "来源：{name}{tags}（占本材料 {ratio}，最长 {longest} 字）",
    "none": "未发现重合 {t} 字以上的文字。",
    "heatmap": "重合热力图（行：被检材料；列：来源；数值：去除引用复制比）",
    "alert": "疑似复制",
}

MSG_NO_MATPLOTLIB = (
    "生成 PNG 热力图需要 matplotlib：请安装 pip install 'mingjing[plot]'，或改用 SVG。"
)


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _clip(text: str, n: int = 60) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _tags(tags: Sequence[str]) -> str:
    return f"［{'，'.join(tags)}］" if tags else ""


# ---------------------------------------------------------------------------------------------
# JSON


def passage_json(p: Passage) -> dict[str, Any]:
    return {
        "span": p.span.as_list(),
        "source_span": p.source_span.as_list(),
        "text": p.text,
        "kind": p.kind.value,
        "length": p.length,
        "exact": p.exact,
    }


def source_json(s: SourceMatch) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "tags": list(s.tags),
        "ratio": s.ratio,
        "ratio_excluding_quotes": s.ratio_excluding_quotes,
        "ratio_excluding_common": s.ratio_excluding_common,
        "longest": s.longest,
        "alert": s.alert,
        "passages": [passage_json(p) for p in s.passages],
    }


def report_json(reports: Sequence[DupReport]) -> dict[str, Any]:
    """The ``mingjing dup --format json`` document (version 1)."""
    return {
        "version": JSON_VERSION,
        "documents": [
            {
                "file": r.path or r.name,
                "characters": r.characters,
                "ratio": r.ratio,
                "ratio_excluding_quotes": r.ratio_excluding_quotes,
                "ratio_excluding_common": r.ratio_excluding_common,
                "longest": r.longest,
                "alert": r.alert,
                "source_count": r.source_count,
                "skipped_identical": list(r.skipped_self),
                "sources": [source_json(s) for s in r.sources],
                "common": [
                    {"span": c.span.as_list(), "text": c.text, "count": c.count} for c in r.common
                ],
                "quoted": [q.as_list() for q in r.quoted],
            }
            for r in reports
        ],
    }


def team_json(team: TeamReport) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "members": list(team.names),
        "matrix": [list(r) for r in team.matrix],
        "copied": [list(r) for r in team.copied],
        "alerts": [list(r) for r in team.alerts],
        "documents": report_json(team.reports)["documents"],
        "corpus": report_json(team.corpus_reports)["documents"] if team.corpus_reports else [],
    }


# ---------------------------------------------------------------------------------------------
# Text


def report_text(
    reports: Sequence[DupReport], *, t: int = 13, alert_longest: int = 50, alert_total: int = 120
) -> str:
    lines: list[str] = []
    for r in reports:
        lines.append(TXT["doc"].format(name=r.path or r.name, chars=r.characters))
        lines.append(
            TXT["ratios"].format(
                ratio=_pct(r.ratio),
                rq=_pct(r.ratio_excluding_quotes),
                rc=_pct(r.ratio_excluding_common),
                longest=r.longest,
            )
        )
        if r.skipped_self:
            lines.append(TXT["self"].format(names="、".join(r.skipped_self)))
        if not r.sources and not r.common:
            lines.append(TXT["none"].format(t=t))
        if r.alert:
            lines.append(TXT["alert"].format(n=alert_longest, m=alert_total))
        for i, s in enumerate(r.sources, 1):
            lines.append(
                TXT["source"].format(
                    i=i,
                    name=s.name,
                    tags=_tags(s.tags),
                    ratio=_pct(s.ratio),
                    rq=_pct(s.ratio_excluding_quotes),
                    longest=s.longest,
                    flag=TXT["flag"] if s.alert else "",
                )
            )
            for p in s.passages:
                lines.append(
                    TXT["passage"].format(
                        kind=KIND_LABELS[p.kind],
                        s=p.span.start,
                        e=p.span.end,
                        ss=p.source_span.start,
                        se=p.source_span.end,
                        n=p.length,
                        text=_clip(p.text),
                    )
                )
        if r.source_count > len(r.sources):
            lines.append(TXT["more"].format(n=r.source_count - len(r.sources)))
        if r.common:
            top = max(r.common, key=lambda c: len(c.text))
            lines.append(
                TXT["common"].format(
                    n=min(c.count for c in r.common),
                    count=len(r.common),
                    example=_clip(top.text, 40),
                )
            )
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# HTML

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1em}
.fig{font-size:.95em;color:#444}.legend{font-size:.85em;color:#666}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.text{white-space:pre-wrap;line-height:1.7;border:1px solid #ddd;padding:.6em;max-height:32em;overflow:auto;font-size:.92em}
mark.copy{background:#f8c4c4}mark.quote{background:#c8ecc8}mark.common{background:#e2e2e2}
mark:target{outline:2px solid #c00}.alert{color:#b00;font-weight:bold}
table.heat td{padding:0}
"""


def _highlight(text: str, marks: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` as HTML with ``<mark>`` around each (start, end, css class, id) span."""
    out: list[str] = []
    pos = 0
    for start, end, cls, ident in sorted(marks):
        if start < pos:  # overlapping passages: keep the first
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark class="{cls}" id="{ident}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _doc_section(r: DupReport, di: int, *, t: int, max_side_by_side: int = 10) -> str:
    parts = [f"<h2>{html.escape(r.path or r.name)}</h2>"]
    parts.append(
        '<p class="fig">'
        + html.escape(
            HTML_TEXT["ratios"].format(
                ratio=_pct(r.ratio),
                rq=_pct(r.ratio_excluding_quotes),
                rc=_pct(r.ratio_excluding_common),
                longest=r.longest,
            )
        )
        + "</p>"
    )
    if not r.sources and not r.common:
        parts.append(f"<p>{html.escape(HTML_TEXT['none'].format(t=t))}</p>")
        return "\n".join(parts)
    for si, s in enumerate(r.sources[:max_side_by_side]):
        head = HTML_TEXT["source"].format(
            name=s.name, tags=_tags(s.tags), ratio=_pct(s.ratio), longest=s.longest
        )
        flag = f' <span class="alert">{HTML_TEXT["alert"]}</span>' if s.alert else ""
        left = [
            (p.span.start, p.span.end, p.kind.value, f"d{di}s{si}p{pi}a")
            for pi, p in enumerate(s.passages)
        ]
        left += [
            (c.span.start, c.span.end, PassageKind.COMMON.value, f"d{di}s{si}c{ci}")
            for ci, c in enumerate(r.common)
        ]
        right = [
            (p.source_span.start, p.source_span.end, p.kind.value, f"d{di}s{si}p{pi}b")
            for pi, p in enumerate(s.passages)
        ]
        parts.append(f"<h3>{html.escape(head)}{flag}</h3>")
        parts.append(
            '<div class="pair">'
            f'<div class="text">{_highlight(r.text, _dedupe(left))}</div>'
            f'<div class="text">{_highlight(s.text, right)}</div>'
            "</div>"
        )
    return "\n".join(parts)


def _dedupe(marks: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Passages first: a common-phrase span overlapping a passage is dropped."""
    chosen: list[tuple[int, int, str, str]] = []
    for m in sorted(marks, key=lambda m: (m[2] == PassageKind.COMMON.value, m[0])):
        if all(m[1] <= c[0] or m[0] >= c[1] for c in chosen):
            chosen.append(m)
    return chosen


def report_html(
    reports: Sequence[DupReport],
    *,
    t: int = 13,
    title: str | None = None,
    heatmap_svg: str | None = None,
) -> str:
    """A self-contained HTML page: figures, then each source side by side with the material."""
    body = [
        f"<h1>{html.escape(title or HTML_TEXT['title'])}</h1>",
        f'<p class="legend">{html.escape(HTML_TEXT["legend"])}</p>',
    ]
    if heatmap_svg:
        body.append(f"<h2>{html.escape(HTML_TEXT['heatmap'])}</h2>")
        body.append(heatmap_svg)
    for di, r in enumerate(reports):
        body.append(_doc_section(r, di, t=t))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title or HTML_TEXT['title'])}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# Heatmaps


def _color(x: float) -> str:
    """White (0) to deep red (≥ 0.5) for a share of shared text."""
    v = min(max(x / 0.5, 0.0), 1.0)
    r, g, b = 255, int(255 - 200 * v), int(255 - 200 * v)
    return f"#{r:02x}{g:02x}{b:02x}"


def _label(name: str, n: int = 16) -> str:
    """A short axis label: file names of members all say 对照检查材料, which tells nothing apart."""
    short = "_".join(part for part in name.replace("对照检查材料", "").split("_") if part) or name
    return short if len(short) <= n else short[: n - 1] + "…"


def heatmap_svg(team: TeamReport, *, cell: int = 56) -> str:
    """SVG heatmap of the team matrix: row = material, column = source, value = 去除引用复制比.

    Labels longer than 16 characters are shortened (the full name is in each cell's tooltip).
    """
    names = team.names
    labels = [_label(s) for s in names]
    n = len(names)
    label_w = max((len(s) for s in labels), default=4) * 13 + 16
    top = int(label_w * 0.75) + 10  # column labels are rotated by 50°
    w = label_w + n * cell + int(label_w * 0.6) + 10
    h = top + n * cell + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif" font-size="13">'
    ]
    for i, label in enumerate(labels):
        y = top + i * cell + cell / 2 + 5
        out.append(
            f'<text x="{label_w - 8}" y="{y}" text-anchor="end"><title>{html.escape(names[i])}</title>'
            f"{html.escape(label)}</text>"
        )
        x = label_w + i * cell + cell / 2
        out.append(
            f'<text x="{x}" y="{top - 8}" transform="rotate(-50 {x} {top - 8})">'
            f"<title>{html.escape(names[i])}</title>{html.escape(label)}</text>"
        )
    for i in range(n):
        for j in range(n):
            x, y = label_w + j * cell, top + i * cell
            if i == j:
                out.append(
                    f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="#f0f0f0" stroke="#fff"/>'
                )
                continue
            v = team.matrix[i][j]
            stroke = ' stroke="#900" stroke-width="3"' if team.alerts[i][j] else ' stroke="#fff"'
            tip = f"{names[i]} ← {names[j]}：{_pct(v)}，{team.copied[i][j]} 字"
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{_color(v)}"{stroke}>'
                f"<title>{html.escape(tip)}</title></rect>"
            )
            out.append(
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" font-size="11">{_pct(v)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
    "PingFang SC",
)


def heatmap_png(team: TeamReport, path: Path) -> Path:
    """The heatmap as PNG through matplotlib (optional dependency: the ``plot`` extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import font_manager
        from matplotlib import pyplot as plt
        from matplotlib.patches import Rectangle
    except ImportError as exc:
        raise MingjingError(MSG_NO_MATPLOTLIB) from exc
    available = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in _CJK_FONTS if f in available]
    n = len(team.names)
    with plt.rc_context({"font.sans-serif": [*fonts, "DejaVu Sans"], "font.family": "sans-serif"}):
        fig, ax = plt.subplots(figsize=(1.2 + 0.9 * n, 1.0 + 0.8 * n), dpi=120)
        data = [[team.matrix[i][j] if i != j else 0.0 for j in range(n)] for i in range(n)]
        im = ax.imshow(data, cmap="Reds", vmin=0.0, vmax=0.5)
        labels = [_label(s) for s in team.names]
        ax.set_xticks(range(n), labels, rotation=60, ha="right")
        ax.set_yticks(range(n), labels)
        for i in range(n):
            for j in range(n):
                if i != j:
                    ax.text(j, i, _pct(team.matrix[i][j]), ha="center", va="center", fontsize=8)
                    if team.alerts[i][j]:
                        ax.add_patch(
                            Rectangle(
                                (j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="#900", linewidth=2
                            )
                        )
        fig.colorbar(im, ax=ax, fraction=0.046)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
    return path
