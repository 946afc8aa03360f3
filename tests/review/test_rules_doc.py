"""docs/rules.md is generated from the rules' metadata and must not drift from it.

After changing a rule, regenerate it: ``.venv/bin/mingjing rules --markdown > docs/rules.md``.
"""

from __future__ import annotations

from mingjing.render.rules_doc import rules_markdown
from mingjing.review import REGISTRY
from tests.conftest import ROOT


def test_committed_rule_reference_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), (
        "regenerate: .venv/bin/mingjing rules --markdown > docs/rules.md"
    )


def test_rule_reference_documents_every_rule() -> None:
    doc = rules_markdown()
    for rule in REGISTRY:
        assert f"### {rule.code}\n" in doc
        assert rule.rationale in doc
