"""Settings: one table of (name, default, help); defaults < file < environment < flags.

The environment variable of a setting is PLANWATCH_<NAME upper-cased>.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    max_file_mb: float = 50.0
    db: str = "planwatch.db"
    tolerance_points: float = 0.5
    tolerance_relative: float = 0.02
    conflict_points: float = 0.05
    conflict_relative: float = 0.05
    jobs: int = 1


HELP: dict[str, str] = {
    "max_file_mb": "files larger than this many megabytes are refused with an error",
    "db": "database URL (sqlite:///path.db, postgresql://…) or a bare path for SQLite",
    "tolerance_points": "scorecard: a 左右 (about) target in %, 个百分点 or 位 is met within ± this many points",
    "tolerance_relative": "scorecard: a 左右 (about) target of an amount or count is met within ± this fraction "
                          "of it (0.02 = 2%)",
    "conflict_points": "conflicts: a disagreement on a rate (%, 个百分点, 位) wider than this many points is major",
    "conflict_relative": "conflicts: a disagreement on an amount wider than this fraction of the larger value "
                         "is major (counts are always major)",
    "jobs": "worker processes for extraction",
}


def _coerce(name: str, raw: Any) -> Any:
    kind = type(getattr(Settings(), name))
    try:
        return kind(raw)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}: cannot read {raw!r} as {kind.__name__}") from e


def load_settings(config_file: str | Path | None = None, **flags: Any) -> Settings:
    """Defaults, then a TOML file ([planwatch] table), then PLANWATCH_* env, then flags."""
    s = Settings()
    names = {f.name for f in fields(Settings)}
    path = Path(config_file) if config_file else Path(os.environ.get("PLANWATCH_CONFIG", "planwatch.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("planwatch", {})
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path}: {e}") from e
        unknown = set(data) - names
        if "conflict_tolerance" in unknown:
            raise ConfigError(f"{path}: conflict_tolerance is now two settings, conflict_points (rates) and "
                              "conflict_relative (amounts)")
        if unknown:
            raise ConfigError(f"{path}: unknown settings {sorted(unknown)}")
        s = replace(s, **{k: _coerce(k, v) for k, v in data.items()})
    env = {n: os.environ[f"PLANWATCH_{n.upper()}"] for n in names if f"PLANWATCH_{n.upper()}" in os.environ}
    s = replace(s, **{k: _coerce(k, v) for k, v in env.items()})
    given = {k: _coerce(k, v) for k, v in flags.items() if v is not None and k in names}
    return replace(s, **given)
