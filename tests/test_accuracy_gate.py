"""The accuracy gate: extraction over the development sets and their metamorphic variants must not
score below the floors pinned in tests/accuracy_floors.toml (scored by ../shared/eval/score.py),
and the floors must have been measured on the data that is there now (a sha256 of it).

The development sets live outside the project (../shared); where they are absent, as on a user's
machine, the gate skips and says so. The floor-keeping logic (benchmarks/accuracy.py) is tested
here on made-up figures and runs everywhere.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = tomllib.loads((ROOT / "tests" / "accuracy_floors.toml").read_text(encoding="utf-8"))
HAVE_SHARED = (SHARED / "eval" / "score.py").is_file()
needs_shared = pytest.mark.skipif(not HAVE_SHARED,
                                  reason=f"no development sets at {SHARED}: the accuracy gate runs where they are")


def _load_accuracy():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


accuracy = _load_accuracy()


# ------------------------------------------------------------------ the gate

@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return accuracy.run(tmp_path_factory.mktemp("accuracy"))


@needs_shared
@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_accuracy_floor(results: dict, dataset: str) -> None:
    if dataset not in results:
        pytest.skip(f"{dataset} is not in {SHARED}")
    bad = accuracy.check_floors({dataset: FLOORS[dataset]}, results)
    assert not bad, f"{dataset}: {bad[dataset]}"


@needs_shared
def test_every_dataset_has_a_floor(results: dict) -> None:
    missing = sorted(set(results) - set(FLOORS))
    assert not missing, f"no floor for {missing}: run `python benchmarks/accuracy.py --update-floors`"


def test_floors_file_is_well_formed() -> None:
    for name, fl in FLOORS.items():
        assert len(fl.get("data_sha256", "")) == 64, f"{name}: no data digest"
        for k in accuracy.METRICS:
            assert 0.0 <= fl[k] <= 1.0, f"{name}.{k}"
            assert fl[k] <= fl["measured"][k], f"{name}.{k}: the floor is above what was measured"


# ------------------------------------------------------------------ floor keeping, on made-up figures

def _result(strict: float, tier_a: float = 0.9, f1: float = 0.99, digest: str = "a" * 64) -> dict:
    return {"all": {"f1": f1, "strict_f1": strict}, "tier_A": {"strict_f1": tier_a}, "data_sha256": digest}


def _floors(results: dict) -> dict:
    new, lowered = accuracy.update_floors({}, results, today="2030-01-01")
    assert not lowered
    return new


def test_a_floor_sits_a_margin_below_what_was_measured() -> None:
    fl = _floors({"seeds": _result(0.971, 1.0, 0.995)})["seeds"]
    assert (fl["all_strict_f1"], fl["tier_a_strict_f1"], fl["all_f1"]) == (0.966, 0.995, 0.99)
    assert fl["measured"]["all_strict_f1"] == 0.971


def test_raising_is_free() -> None:
    old = _floors({"seeds": _result(0.90)})
    new, lowered = accuracy.update_floors(old, {"seeds": _result(0.95)})
    assert not lowered
    assert new["seeds"]["all_strict_f1"] == 0.945


def test_a_small_dip_above_the_floor_keeps_the_floor() -> None:
    old = _floors({"seeds": _result(0.90)})  # floor 0.895
    new, lowered = accuracy.update_floors(old, {"seeds": _result(0.897)})
    assert not lowered
    assert new["seeds"]["all_strict_f1"] == 0.895


def test_lowering_is_refused_without_a_reason() -> None:
    old = _floors({"seeds": _result(0.90, tier_a=0.95)})
    new, lowered = accuracy.update_floors(old, {"seeds": _result(0.80, tier_a=0.95)})
    assert lowered == ["seeds.all_strict_f1: 0.895 → 0.795 (measured below it)"]
    assert "lowered" not in new["seeds"]


def test_lowering_with_a_reason_is_kept_in_the_file() -> None:
    old = _floors({"seeds": _result(0.90)})
    new, lowered = accuracy.update_floors(old, {"seeds": _result(0.80)}, allow_lower="scorer fixed", today="2030-01-02")
    assert lowered
    assert new["seeds"]["all_strict_f1"] == 0.795
    assert new["seeds"]["lowered"] == "2030-01-02: scorer fixed"
    assert tomllib.loads(accuracy.format_floors(new)) == new


def test_other_data_counts_as_lowering_when_a_floor_would_fall() -> None:
    old = _floors({"dev": _result(0.90, digest="a" * 64)})
    new, lowered = accuracy.update_floors(old, {"dev": _result(0.85, digest="b" * 64)})
    assert lowered == ["dev.all_strict_f1: 0.895 → 0.845 (measured on other data)"]
    new, lowered = accuracy.update_floors(old, {"dev": _result(0.95, digest="b" * 64)})
    assert not lowered and new["dev"]["data_sha256"] == "b" * 64


def test_dropping_a_floor_counts_as_lowering() -> None:
    old = _floors({"seeds": _result(0.9), "seeds-places": _result(0.8)})
    _, lowered = accuracy.update_floors(old, {"seeds": _result(0.9)})
    assert lowered == ["seeds-places: not measured (its floor would be dropped)"]


def test_a_variant_keeps_its_gap_to_the_original() -> None:
    fl = _floors({"seeds": _result(0.97), "seeds-places": _result(0.90)})
    assert fl["seeds-places"]["gap"] == -0.07
    assert "gap" not in fl["seeds"]


def test_the_check_finds_a_fall_and_other_data() -> None:
    floors = _floors({"seeds": _result(0.90), "dev": _result(0.90)})
    bad = accuracy.check_floors(floors, {"seeds": _result(0.85), "dev": _result(0.95, digest="c" * 64)})
    assert set(bad) == {"seeds", "dev"}
    assert "below the floor" in bad["seeds"] and "other data" in bad["dev"]
    assert accuracy.check_floors(floors, {"seeds": _result(0.90), "dev": _result(0.91)}) == {}


def test_update_floors_refuses_on_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text(accuracy.format_floors(_floors({"seeds": _result(0.90)})), encoding="utf-8")
    monkeypatch.setattr(accuracy, "FLOORS", floors)
    monkeypatch.setattr(accuracy, "SHARED", tmp_path)  # score.py must look present
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "score.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(accuracy, "run", lambda *a, **k: {"seeds": _result(0.80)})
    assert accuracy.main(["--update-floors"]) == 1
    assert "refused" in capsys.readouterr().err
    assert tomllib.loads(floors.read_text(encoding="utf-8"))["seeds"]["all_strict_f1"] == 0.895
    assert accuracy.main(["--update-floors", "--allow-lower", "gold corrected"]) == 0
    written = tomllib.loads(floors.read_text(encoding="utf-8"))["seeds"]
    assert written["all_strict_f1"] == 0.795 and written["lowered"].endswith("gold corrected")
