"""The whole chain (intake → merge → classify → assign → sheets) and its JSON views.

The JSON of every step is a plain dict built here, so the CLI, ``make run`` and the web later print
or store the same thing. No JSON view carries an identity value unless identity was kept at intake.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mingjing.frameworks.model import Framework
from mingjing.opinions.assign import DEFAULT_MIN_GROUP, Assignment, assign
from mingjing.opinions.classify import Classification, classify, team_framework_for
from mingjing.opinions.corrections import Corrections
from mingjing.opinions.coverage import Answer
from mingjing.opinions.intake import read_opinions
from mingjing.opinions.merge import DEFAULT_THRESHOLD, merge
from mingjing.opinions.model import Intake, MergeResult, Role
from mingjing.opinions.roster import Roster

JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything one run produced."""

    merged: MergeResult
    classifications: tuple[Classification, ...]
    assignment: Assignment
    roster: Roster
    framework: Framework | None
    team_framework: Framework | None
    warnings: tuple[str, ...] = ()


def run_steps(
    path: str | Path,
    *,
    roster: Roster | None = None,
    framework: Framework | None = None,
    pool: Sequence[Framework] = (),
    threshold: float = DEFAULT_THRESHOLD,
    corrections: Corrections | None = None,
    columns: Mapping[Role, Sequence[str]] | None = None,
    keep_identity: bool = False,
    sheet: str | None = None,
    encoding: str | None = None,
    channel: str = "",
    min_group: int = DEFAULT_MIN_GROUP,
    step: Callable[[str], None] | None = None,
) -> Outcome:
    """Read, merge, classify (when a framework is given) and assign one opinion file."""
    roster = roster or Roster()

    def say(name: str) -> None:
        if step is not None:
            step(name)

    say("读取意见")
    intake = read_opinions(
        path,
        columns=columns,
        keep_identity=keep_identity,
        sheet=sheet,
        encoding=encoding,
        channel=channel,
    )
    say("归纳意见")
    merged = merge(intake, roster=roster, threshold=threshold, corrections=corrections)
    say("按方面归类")
    team_fw = team_framework_for(framework, pool) if framework is not None else None
    warnings = list(merged.warnings)
    if framework is not None:
        classes, w = classify(merged, framework, team_framework=team_fw, corrections=corrections)
        warnings.extend(w)
    else:
        classes = tuple(
            Classification(c.id, None, None, "未归类", 0.0, (), "none") for c in merged.clusters
        )
    say("分派意见")
    assignment = assign(merged, classes, roster, min_group=min_group)
    return Outcome(merged, classes, assignment, roster, framework, team_fw, tuple(warnings))


# --- JSON views ------------------------------------------------------------------------------


def intake_dict(intake: Intake) -> dict[str, Any]:
    return {
        "source": Path(intake.source).name,
        "sheet": intake.sheet,
        "encoding": intake.encoding,
        "read": intake.read,
        "collected": len(intake.opinions),
        "rejected": len(intake.rejected),
        "blank": intake.blank,
        "columns": [{"role": r, "header": h} for r, h in intake.columns],
        "dropped_columns": list(intake.dropped),
        "identity_kept": intake.identity_kept,
        "rejected_rows": [{"row": r.row, "reason": r.reason} for r in intake.rejected],
        "warnings": list(intake.warnings),
    }


def merge_dict(result: MergeResult, roster: Roster | None = None) -> dict[str, Any]:
    """The merge step: at least ``collected``, ``rejected``, ``merged`` and ``clusters``."""
    roster = roster or Roster()
    counts = result.counts
    data: dict[str, Any] = {
        "version": JSON_VERSION,
        "collected": counts.collected,
        "rejected": counts.rejected,
        "merged": counts.merged,
        "preamble": counts.sentence(),
        "threshold": result.threshold,
        "corrections_applied": result.corrections_applied,
        "intake": intake_dict(result.intake),
        "clusters": [
            {
                "id": c.id,
                "text": c.text,
                "members": list(c.rows),
                "count": c.size,
                "representative": c.representative,
                "target": c.target,
                "target_label": roster.label(c.target),
                "manual": c.manual,
            }
            for c in result.clusters
        ],
        "warnings": list(result.warnings),
    }
    if result.intake.identity_kept:
        data["raw"] = [
            {"row": o.row, "text": o.text, "channel": o.channel, "identity": dict(o.identity)}
            for o in result.intake.opinions
        ]
    return data


def classify_dict(outcome: Outcome) -> dict[str, Any]:
    data = merge_dict(outcome.merged, outcome.roster)
    data["framework"] = outcome.framework.id if outcome.framework else None
    data["team_framework"] = outcome.team_framework.id if outcome.team_framework else None
    for c, k in zip(data["clusters"], outcome.classifications, strict=True):
        c["aspect"] = k.label
        c["aspect_title"] = k.aspect
        c["confidence"] = k.confidence
        c["basis"] = list(k.basis)
        c["classified_by"] = k.how
    data["warnings"] = list(outcome.warnings)
    return data


def assign_dict(outcome: Outcome) -> dict[str, Any]:
    """The assignment: per assignee the counts for the preamble and the opinions to answer.

    This is also the opinion book ``mingjing check --opinions`` reads.
    """
    aspect_title = {k.cluster: k.aspect for k in outcome.classifications}
    a = outcome.assignment
    r = outcome.roster
    return {
        "version": JSON_VERSION,
        "kind": "mingjing-opinion-assignment",
        "framework": outcome.framework.id if outcome.framework else None,
        "collected": outcome.merged.counts.collected,
        "rejected": outcome.merged.counts.rejected,
        "merged": outcome.merged.counts.merged,
        "preamble": outcome.merged.counts.sentence(),
        "roster": {
            "team": r.team,
            "members": [
                {"name": m.name, "posts": list(m.posts), "aliases": list(m.aliases)}
                for m in r.members
            ],
        },
        "min_group": a.min_group,
        "masked_channels": len(a.masked_channels),
        "by_aspect": [{"aspect": x, "merged": n, "collected": m} for x, n, m in a.by_aspect],
        "assignees": [
            {
                "assignee": f.assignee,
                "label": f.label,
                "collected": f.counts.collected,
                "merged": f.counts.merged,
                "preamble": f.counts.sentence(),
                "opinions": [
                    {
                        "number": row.number,
                        "text": row.text,
                        "channels": row.channels,
                        "aspect": row.aspect,
                        "aspect_title": aspect_title.get(row.cluster),
                        "count": row.count,
                        "cluster": row.cluster,
                    }
                    for row in f.rows
                ],
            }
            for f in a.feedback
        ],
        "warnings": list(outcome.warnings),
    }


def coverage_dict(material: str, owner: str | None, answers: Sequence[Answer]) -> dict[str, Any]:
    return {
        "material": material,
        "owner": owner,
        "opinions": len(answers),
        "unanswered": sum(1 for a in answers if not a.answered),
        "answers": [
            {
                "key": a.opinion.key,
                "text": a.opinion.text,
                "answered": a.answered,
                "score": a.score,
                "where": a.unit_kind,
                "span": a.unit.as_list() if a.unit else None,
            }
            for a in answers
        ],
    }


def write_json_file(data: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
