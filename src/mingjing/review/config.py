"""``mingjing.toml``: switch rules on or off and change severities, per project or folder.

Found upward from the reviewed file's folder (the first ``mingjing.toml`` wins), or given with
``--config``. Example::

    [review]
    framework = "2023-zhuti-personal"   # skip detection
    frameworks_dir = "框架"              # extra framework files (relative to this file)
    corpus = ".mingjing/corpus"          # 查重: compare with this corpus (relative to this file)

    [rules]
    disable = ["MJ901"]                 # codes or names
    enable = ["MJ903"]                  # rules that are off by default ([存疑])
    [rules.severity]
    MJ751 = "warning"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mingjing.errors import ConfigError
from mingjing.review.engine import REGISTRY, Rule, Severity

CONFIG_NAME = "mingjing.toml"

MSG = {
    "syntax": "配置文件格式错误：{error}",
    "unreadable": "无法读取配置文件（{error}）",
    "unknown_rule": "配置中的规则“{rule}”不存在（可用 mingjing rules 查看全部规则）",
    "bad_severity": "规则 {rule} 的级别“{value}”无效，应为 error、warning 或 info",
    "bad_type": "配置项 {key} 应为{expected}",
}


@dataclass(frozen=True, slots=True)
class Config:
    """Rule switches and review options; the default config changes nothing."""

    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    framework: str | None = None
    frameworks_dir: Path | None = None
    corpus: Path | None = None
    path: Path | None = None

    def is_enabled(self, r: Rule) -> bool:
        if r.code in self.disabled:
            return False
        return r.code in self.enabled or r.default_enabled

    def severity(self, r: Rule) -> Severity:
        return self.severities.get(r.code, r.default_severity)


def find_config(start: Path) -> Path | None:
    """The nearest ``mingjing.toml`` in ``start`` (a file's folder) or any parent folder."""
    folder = start if start.is_dir() else start.parent
    for d in (folder.resolve(), *folder.resolve().parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def _codes(path: Path, key: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(MSG["bad_type"].format(key=key, expected="规则代码的列表"), path)
    out = set()
    for v in value:
        r = REGISTRY.get(v)
        if r is None:
            raise ConfigError(MSG["unknown_rule"].format(rule=v), path)
        out.add(r.code)
    return frozenset(out)


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(MSG["syntax"].format(error=exc), path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(MSG["unreadable"].format(error=exc), path) from exc
    rules = data.get("rules", {})
    review = data.get("review", {})
    if not isinstance(rules, dict) or not isinstance(review, dict):
        raise ConfigError(MSG["bad_type"].format(key="[rules]/[review]", expected="表"), path)
    severities: dict[str, Severity] = {}
    sev = rules.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(MSG["bad_type"].format(key="rules.severity", expected="表"), path)
    for key, value in sev.items():
        r = REGISTRY.get(key)
        if r is None:
            raise ConfigError(MSG["unknown_rule"].format(rule=key), path)
        try:
            severities[r.code] = Severity(str(value).lower())
        except ValueError as exc:
            raise ConfigError(MSG["bad_severity"].format(rule=key, value=value), path) from exc
    framework = review.get("framework")
    fdir = review.get("frameworks_dir")
    corpus = review.get("corpus")
    return Config(
        disabled=_codes(path, "rules.disable", rules.get("disable", [])),
        enabled=_codes(path, "rules.enable", rules.get("enable", [])),
        severities=severities,
        framework=str(framework) if framework else None,
        frameworks_dir=(path.parent / str(fdir)) if fdir else None,
        corpus=(path.parent / str(corpus)) if corpus else None,
        path=path,
    )
