"""The projects gate: named projects and their matches on the seeds must not score below the floors
pinned in tests/projects_floors.toml (scored by ../shared/eval/score_projects.py), measured on the
data that is there now (a sha256 of it). Where ../shared is absent the gate skips and says so; the
floor keeping (benchmarks/projects.py) is tested on made-up figures and runs everywhere."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = tomllib.loads((ROOT / "tests" / "projects_floors.toml").read_text(encoding="utf-8"))


def _load():
    spec = importlib.util.spec_from_file_location("projects_bench", ROOT / "benchmarks" / "projects.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load()
needs_shared = pytest.mark.skipif(not (bench.SCORER.is_file() and bench.GOLD.is_dir()),
                                  reason=f"no projects gold at {bench.GOLD}: the gate runs where it is")


@needs_shared
def test_projects_floors() -> None:
    bad = bench.check_floors(FLOORS, bench.run())
    assert not bad, "; ".join(bad)


def test_floors_file_is_well_formed() -> None:
    assert len(FLOORS["data_sha256"]) == 64
    for k in bench.METRICS:
        assert 0.0 <= FLOORS[k] <= FLOORS["measured"][k] <= 1.0, k


def test_the_goals_are_met_by_the_floors() -> None:
    """The issue's goals on the seeds: mentions F1 ≥ 0.85, strict F1 ≥ 0.75, matches F1 ≥ 0.85."""
    assert FLOORS["mentions_f1"] >= 0.85 and FLOORS["strict_f1"] >= 0.75 and FLOORS["matches_f1"] >= 0.85


# ------------------------------------------------------------------ floor keeping, on made-up figures

def _result(m: float, s: float, x: float, digest: str = "a" * 64) -> dict:
    return {"mentions": {"f1": m, "strict_f1": s}, "matches": {"f1": x}, "data_sha256": digest}


def test_a_floor_sits_a_margin_below_and_raising_is_free() -> None:
    fl, lowered = bench.update_floors({}, _result(0.95, 0.90, 0.92))
    assert not lowered and (fl["mentions_f1"], fl["strict_f1"], fl["matches_f1"]) == (0.945, 0.895, 0.915)
    up, lowered = bench.update_floors(fl, _result(0.97, 0.90, 0.92))
    assert not lowered and up["mentions_f1"] == 0.965


def test_a_dip_within_the_margin_keeps_the_floor() -> None:
    fl, _ = bench.update_floors({}, _result(0.95, 0.90, 0.92))
    new, lowered = bench.update_floors(fl, _result(0.947, 0.90, 0.92))
    assert not lowered and new["mentions_f1"] == 0.945


def test_a_floor_cannot_fall_silently() -> None:
    fl, _ = bench.update_floors({}, _result(0.95, 0.90, 0.92))
    new, lowered = bench.update_floors(fl, _result(0.80, 0.90, 0.92))
    assert lowered == ["mentions_f1: 0.945 → 0.795 (measured below it)"]
    assert new["mentions_f1"] == 0.945 and "lowered" not in new
    new, lowered = bench.update_floors(fl, _result(0.80, 0.90, 0.92), allow_lower="gold corrected", today="2030-01-01")
    assert new["mentions_f1"] == 0.795 and new["lowered"] == "2030-01-01: gold corrected"
    assert tomllib.loads(bench.format_floors(new)) == new


def test_the_check_finds_a_fall_and_other_data() -> None:
    fl, _ = bench.update_floors({}, _result(0.95, 0.90, 0.92))
    assert bench.check_floors(fl, _result(0.95, 0.90, 0.92)) == []
    bad = bench.check_floors(fl, _result(0.90, 0.90, 0.92, digest="b" * 64))
    assert any("other data" in b for b in bad) and any("mentions_f1" in b for b in bad)
