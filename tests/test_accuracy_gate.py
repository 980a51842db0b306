"""The accuracy gate: extraction over the development sets must not score below the floors
pinned in tests/accuracy_floors.toml (scored by the shared scorer, ../shared/eval/score.py).

The development sets live outside the project (../shared); where they are absent, as on a
user's machine, the gate skips and says so.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = tomllib.loads((ROOT / "tests" / "accuracy_floors.toml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(),
                                reason=f"no development sets at {SHARED}: the accuracy gate runs where they are")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    accuracy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(accuracy)
    return accuracy.run(tmp_path_factory.mktemp("accuracy"))


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_accuracy_floor(results: dict, dataset: str) -> None:
    if dataset not in results:
        pytest.skip(f"{dataset} is not in {SHARED}")
    got = results[dataset]
    measured = {
        "all_f1": got["all"]["f1"],
        "all_strict_f1": got["all"]["strict_f1"],
        "tier_a_strict_f1": got["tier_A"]["strict_f1"],
    }
    below = {k: (round(v, 4), FLOORS[dataset][k]) for k, v in measured.items() if v < FLOORS[dataset][k]}
    assert not below, f"{dataset}: below the floor (measured, floor): {below}"
