#!/usr/bin/env python3
"""Accuracy of planwatch on the development sets, scored by ../shared/eval/score.py.

usage: python benchmarks/accuracy.py [--json] [--out DIR]
Runs extraction over ../shared/seeds and ../shared/dev/docs, writes the facts as JSONL
and prints the scorer's figures for each set. Exits 2 when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {"seeds": ("seeds", "gold"), "dev": ("dev/docs", "dev/gold")}


def extract_set(docs: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from planwatch import extract_file
    from planwatch.read import iter_inputs

    with out.open("w", encoding="utf-8") as f:
        for path in iter_inputs([docs]):
            for fact in extract_file(path):
                f.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")


def score(pred: Path, gold: Path) -> dict:
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(pred), str(gold), "--json"],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def run(out_dir: Path | None = None) -> dict[str, dict]:
    results = {}
    tmp = Path(tempfile.mkdtemp()) if out_dir is None else out_dir
    tmp.mkdir(parents=True, exist_ok=True)
    for name, (docs, gold) in SETS.items():
        if not (SHARED / docs).is_dir():
            continue
        pred = tmp / f"{name}.jsonl"
        extract_set(SHARED / docs, pred)
        results[name] = score(pred, SHARED / gold)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, help="keep the predicted JSONL files here")
    args = ap.parse_args()
    if not (SHARED / "eval" / "score.py").is_file():
        print(f"no development sets at {SHARED}: nothing to score", file=sys.stderr)
        return 2
    results = run(args.out)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for name, r in results.items():
        for part in ("all", "tier_A"):
            x = r[part]
            fields = " ".join(f"{k}={v:.2f}" for k, v in x["field_accuracy"].items())
            print(f"{name:5s} {part:6s} gold={x['gold']:4d} pred={x['predicted']:4d} P={x['precision']:.3f} "
                  f"R={x['recall']:.3f} F1={x['f1']:.3f} strictF1={x['strict_f1']:.3f}  {fields}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
