#!/usr/bin/env python3
"""Accuracy of planwatch's named projects on the seeds: mentions and cross-document matches.

usage: python benchmarks/projects.py [--json] [--out DIR]
       python benchmarks/projects.py --check
       python benchmarks/projects.py --update-floors [--allow-lower "REASON"]

Runs what `planwatch projects ../shared/seeds` and `… --matches` print (services.project_files
and services.project_matches), scores both with ../shared/eval/score_projects.py against
../shared/gold-projects, and prints mentions P/R/F1, strict F1 (stage, kind and period right) and
matches P/R/F1. tests/projects_floors.toml pins the figures with a sha256 of the data they were
measured on; --check compares (tests/test_projects_gate.py runs it), --update-floors re-pins
(raising is free, lowering needs --allow-lower and a reason, which the file keeps). Exits 2 when
../shared is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold-projects"
SCORER = SHARED / "eval" / "score_projects.py"
FLOORS = ROOT / "tests" / "projects_floors.toml"
METRICS = ("mentions_f1", "strict_f1", "matches_f1")
MARGIN = 0.005  # a floor sits this far below what was measured (runs are deterministic)


def data_digest(seeds: Path = SEEDS, gold: Path = GOLD) -> str:
    """sha256 over the seeds' texts and the projects gold (names and bytes)."""
    h = hashlib.sha256()
    for f in sorted([*seeds.glob("*.txt"), *gold.glob("*.jsonl")]):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def write_predictions(out: Path) -> tuple[Path, Path]:
    """The mentions and matches `planwatch projects SEEDS [--matches]` prints, as two JSONL files."""
    sys.path.insert(0, str(ROOT))
    from planwatch import services

    mentions = []
    m_path, x_path = out / "mentions.jsonl", out / "matches.jsonl"
    with m_path.open("w", encoding="utf-8") as f:
        for res in services.project_files([SEEDS]):
            if res.error:
                raise SystemExit(f"{res.path}: {res.error}")
            mentions.extend(res.mentions)
            for m in res.mentions:
                f.write(m.to_json() + "\n")
    with x_path.open("w", encoding="utf-8") as f:
        for p in services.project_matches(mentions):
            f.write(p.to_json() + "\n")
    return m_path, x_path


def run(out: Path | None = None) -> dict:
    """Scorer figures on the seeds, with the data digest."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(out or tmp)
        d.mkdir(parents=True, exist_ok=True)
        m_path, x_path = write_predictions(d)
        r = subprocess.run([sys.executable, str(SCORER), str(m_path), str(x_path), str(GOLD), "--json"],
                           capture_output=True, text=True, check=True)
    res = json.loads(r.stdout)
    res["data_sha256"] = data_digest()
    return res


def figures(result: dict) -> dict[str, float]:
    return {"mentions_f1": result["mentions"]["f1"], "strict_f1": result["mentions"]["strict_f1"],
            "matches_f1": result["matches"]["f1"]}


# ------------------------------------------------------------------ floors

def _floor(x: float) -> float:
    return math.floor((x - MARGIN) * 1000 + 1e-9) / 1000


def update_floors(old: dict, result: dict, *, allow_lower: str | None = None,
                  today: str | None = None) -> tuple[dict, list[str]]:
    """New floors from a result: each a margin below what was measured, never lower than the old one
    unless `allow_lower` gives a reason (then kept in the file). Returns (floors, what would fall)."""
    got = figures(result)
    same_data = old.get("data_sha256") == result["data_sha256"]
    new: dict = {"data_sha256": result["data_sha256"]}
    lowered = []
    for k in METRICS:
        f = _floor(got[k])
        if k in old and f < old[k]:
            if same_data and got[k] >= old[k]:
                f = old[k]  # a dip within the margin keeps the floor
            else:
                why = "measured below it" if same_data else "measured on other data"
                lowered.append(f"{k}: {old[k]} → {f} ({why})")
                if not allow_lower:
                    f = old[k]
        new[k] = f
    new["measured"] = {k: round(got[k], 4) for k in METRICS}
    if lowered and allow_lower:
        new["lowered"] = f"{today or dt.date.today().isoformat()}: {allow_lower}"
    elif "lowered" in old:
        new["lowered"] = old["lowered"]
    return new, lowered


def check_floors(floors: dict, result: dict) -> list[str]:
    """What is wrong: a figure below its floor, or data other than the floors were measured on."""
    bad = []
    if floors.get("data_sha256") != result["data_sha256"]:
        bad.append("other data than the floors were measured on: run --update-floors")
    got = figures(result)
    bad += [f"{k} {got[k]:.4f} below the floor {floors[k]}" for k in METRICS if got[k] < floors[k]]
    return bad


def format_floors(fl: dict) -> str:
    head = ("# Floors of the named-projects figures on the seeds (benchmarks/projects.py, scored by\n"
            "# ../shared/eval/score_projects.py). tests/test_projects_gate.py fails when a figure falls below\n"
            "# its floor or the data changed. Written by `python benchmarks/projects.py --update-floors`:\n"
            "# raising is free, lowering needs --allow-lower \"REASON\" (kept in `lowered`).\n\n")
    lines = [f'data_sha256 = "{fl["data_sha256"]}"'] + [f"{k} = {fl[k]}" for k in METRICS]
    lines.append("measured = { " + ", ".join(f"{k} = {fl['measured'][k]}" for k in METRICS) + " }")
    if "lowered" in fl:
        lines.append(f"lowered = {json.dumps(fl['lowered'], ensure_ascii=False)}")
    return head + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--update-floors", action="store_true")
    ap.add_argument("--allow-lower", metavar="REASON")
    a = ap.parse_args(argv)
    if not SCORER.is_file():
        print(f"no scorer at {SCORER}: the projects benchmark runs where ../shared is", file=sys.stderr)
        return 2
    result = run(a.out)
    if a.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        m, x = result["mentions"], result["matches"]
        print(f"mentions  P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  strict F1={m['strict_f1']:.3f}"
              f"  (gold {m['gold']}, predicted {m['predicted']}, stage accuracy {m['stage_accuracy']:.3f})")
        print(f"matches   P={x['precision']:.3f} R={x['recall']:.3f} F1={x['f1']:.3f}"
              f"  (sure gold pairs {x['gold_sure']}, predicted {x['predicted']})")
    old = tomllib.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.is_file() else {}
    if a.update_floors:
        new, lowered = update_floors(old, result, allow_lower=a.allow_lower)
        if lowered and not a.allow_lower:
            print("refused: a floor would fall (" + "; ".join(lowered) + "); give --allow-lower REASON",
                  file=sys.stderr)
            return 1
        FLOORS.write_text(format_floors(new), encoding="utf-8")
        print(f"floors written to {FLOORS}")
    elif a.check:
        bad = check_floors(old, result)
        for b in bad:
            print(f"below floor: {b}", file=sys.stderr)
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
