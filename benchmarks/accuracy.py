#!/usr/bin/env python3
"""Accuracy of planwatch on the development sets and on metamorphic variants of them.

usage: python benchmarks/accuracy.py [--no-variants | --variant NAME ...] [--show] [--json] [--out DIR]
       python benchmarks/accuracy.py --check
       python benchmarks/accuracy.py --update-floors [--allow-lower "REASON"]

Runs extraction over ../shared/seeds and ../shared/dev/docs and over variants of both (the same
documents written as other real text is: see benchmarks/variants.py), scores every one with
../shared/eval/score.py, and prints each variant's strict F1 beside its original's. The floors in
tests/accuracy_floors.toml pin each set's figures together with a sha256 of the data they were
measured on; --check compares, --update-floors re-pins (raising is free, lowering needs
--allow-lower and a reason, which the file keeps). Exits 2 when ../shared is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "tests" / "accuracy_floors.toml"
SETS = {"seeds": ("seeds", "gold"), "dev": ("dev/docs", "dev/gold")}
METRICS = ("all_f1", "all_strict_f1", "tier_a_strict_f1")
MARGIN = 0.005  # a floor sits this far below what was measured (runs are deterministic; rounding aside)
GOAL_GAP = 0.02  # a variant's goal: within this of its original's strict F1

sys.path.insert(0, str(Path(__file__).resolve().parent))
import variants as V  # a module beside this one, not a package

# ------------------------------------------------------------------ measuring

def extract_set(docs: list[V.Doc], ddir: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from planwatch import extract_file

    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            for fact in extract_file(ddir / d.name, date=d.date):
                f.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")


def score(pred: Path, gold: Path, docs: list[str] | None = None) -> dict:
    extra = ["--docs", ",".join(docs)] if docs else []
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(pred), str(gold), "--json", *extra],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def metrics(result: dict) -> dict[str, float]:
    return {"all_f1": result["all"]["f1"], "all_strict_f1": result["all"]["strict_f1"],
            "tier_a_strict_f1": result["tier_A"]["strict_f1"]}


def run(out_dir: Path | None = None, variants: bool | list[str] = True,
        notes: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """Score every set and variant: {dataset: score.py's result + "data_sha256"}.

    `variants`: True for all (V.VARIANT_NAMES), False for none, or a list of names."""
    names = list(V.VARIANT_NAMES) if variants is True else list(variants or [])
    results: dict[str, dict] = {}
    tmp = Path(tempfile.mkdtemp()) if out_dir is None else out_dir
    tmp.mkdir(parents=True, exist_ok=True)
    for set_name, (docs_dir, gold_dir) in SETS.items():
        if not (SHARED / docs_dir).is_dir():
            continue
        docs = V.load_set(SHARED / docs_dir, SHARED / gold_dir)
        for vname in [None, *names]:
            dataset = set_name if vname is None else f"{set_name}-{vname}"
            if vname is None:
                vdocs = docs
            else:
                variant = V.make(vname, docs)
                vdocs = [variant(d) for d in docs]
            bad = V.check(vdocs)
            if bad:
                raise ValueError(f"{dataset}: the variant broke its gold: {bad[:3]}")
            ddir, gdir, digest = V.write_set(vdocs, tmp / dataset)
            pred = tmp / f"{dataset}.jsonl"
            extract_set(vdocs, ddir, pred)
            results[dataset] = score(pred, gdir) | {"data_sha256": digest}
            if notes is not None:  # each document's strict F1 beside its original's, and what was done
                per_doc = {d.name: score(pred, gdir, [d.name])["all"]["strict_f1"] for d in vdocs}
                base = results[set_name].setdefault("per_doc", per_doc)
                notes[dataset] = [f"{d.name}: strict {per_doc[d.name]:.3f} (original {base[d.name]:.3f})"
                                  + (f"; {d.note}" if d.note else "") for d in vdocs]
    return results


def original_of(dataset: str) -> str:
    return dataset.split("-", 1)[0]


# ------------------------------------------------------------------ floors

def read_floors(path: Path = FLOORS) -> dict[str, dict]:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


FLOORS_HEADER = """\
# Accuracy floors of the development sets and their metamorphic variants (benchmarks/variants.py),
# scored by ../shared/eval/score.py. tests/test_accuracy_gate.py fails when a dataset scores below a
# floor, or when the data it is built from no longer has the digest the floors were measured on.
# Written by `python benchmarks/accuracy.py --update-floors`: each floor sits {margin} below what
# was measured; raising a floor is free, lowering one needs `--allow-lower "REASON"` (kept in
# `lowered`). `measured` is the figure the floor was set from, `gap` the strict F1 gap to the
# original (the goal of every variant: within {goal} of it).
"""


def floor_of(x: float, margin: float = MARGIN) -> float:
    return math.floor(round((x - margin) * 1000, 6)) / 1000


def update_floors(old: dict[str, dict], results: dict[str, dict], *, allow_lower: str | None = None,
                  today: str | None = None, margin: float = MARGIN) -> tuple[dict[str, dict], list[str]]:
    """New floors from measured results, and what would be lowered.

    A floor rises with what was measured; it never falls unless `allow_lower` gives a reason: a
    dataset that scores below its floor, a floor measured on other data (the digest changed) that
    would come out lower, and a floor whose dataset was not measured all count as lowering.
    Returns (floors, lowered): when `lowered` is not empty and no reason is given, the caller
    must refuse to write `floors`."""
    today = today or dt.date.today().isoformat()
    new: dict[str, dict] = {}
    lowered: list[str] = []
    for name, res in results.items():
        got = metrics(res)
        prev = old.get(name, {})
        same_data = prev.get("data_sha256") == res["data_sha256"]
        entry: dict = {"data_sha256": res["data_sha256"]}
        for k in METRICS:
            cand = floor_of(got[k], margin)
            before = prev.get(k)
            if before is None:
                entry[k] = cand
            elif got[k] >= before:
                entry[k] = max(before, cand)  # holding or rising: never below the old floor
            else:
                entry[k] = cand
                why = "measured below it" if same_data else "measured on other data"
                lowered.append(f"{name}.{k}: {before:.3f} → {cand:.3f} ({why})")
        entry["measured"] = {k: round(got[k], 4) for k in METRICS}
        orig = results.get(original_of(name))
        if orig is not None and orig is not res:
            entry["gap"] = round(got["all_strict_f1"] - metrics(orig)["all_strict_f1"], 4)
        if any(x.startswith(f"{name}.") for x in lowered) and allow_lower:
            entry["lowered"] = f"{today}: {allow_lower}"
        elif "lowered" in prev and same_data:
            entry["lowered"] = prev["lowered"]
        new[name] = entry
    for name in old:
        if name not in results:
            lowered.append(f"{name}: not measured (its floor would be dropped)")
    return new, lowered


def check_floors(floors: dict[str, dict], results: dict[str, dict]) -> dict[str, str]:
    """{dataset: what is wrong} for every dataset below its floor or measured on other data."""
    bad: dict[str, str] = {}
    for name, fl in floors.items():
        res = results.get(name)
        if res is None:
            continue
        if fl.get("data_sha256") and fl["data_sha256"] != res["data_sha256"]:
            bad[name] = (f"the floors were measured on other data (sha256 {fl['data_sha256'][:12]}…, now "
                         f"{res['data_sha256'][:12]}…): re-measure with `python benchmarks/accuracy.py "
                         f"--update-floors` (with --allow-lower REASON if a floor falls)")
            continue
        got = metrics(res)
        below = {k: (round(got[k], 4), fl[k]) for k in METRICS if k in fl and got[k] < fl[k]}
        if below:
            bad[name] = f"below the floor (measured, floor): {below}"
    return bad


def _toml_value(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if not v.is_integer() else f"{v:.1f}"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    return json.dumps(v, ensure_ascii=False)


def format_floors(floors: dict[str, dict]) -> str:
    out = [FLOORS_HEADER.format(margin=MARGIN, goal=GOAL_GAP)]
    for name, entry in floors.items():
        out.append(f'\n["{name}"]')
        for k, v in entry.items():
            out.append(f"{k} = {_toml_value(v)}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ printing

def print_table(results: dict[str, dict], floors: dict[str, dict]) -> None:
    print(f"{'dataset':24s} {'detect':>6s} {'strict':>6s} {'tierA':>6s}   {'Δstrict':>7s} {'ΔtierA':>7s}  "
          f"{'floor':>5s}  fields (kind period value qualifier indicator region)")
    for name, r in results.items():
        m = metrics(r)
        orig = results.get(original_of(name))
        if orig is not None and orig is not r:
            o = metrics(orig)
            d1, d2 = m["all_strict_f1"] - o["all_strict_f1"], m["tier_a_strict_f1"] - o["tier_a_strict_f1"]
            flag = "  " if d1 >= -GOAL_GAP else " *"
            gap = f"{d1:+7.3f} {d2:+7.3f}{flag}"
        else:
            gap = f"{'':7s} {'':7s}  "
        fl = floors.get(name, {}).get("all_strict_f1")
        fields = " ".join(f"{v:.2f}" for v in r["all"].get("field_accuracy", {}).values())
        print(f"{name:24s} {m['all_f1']:6.3f} {m['all_strict_f1']:6.3f} {m['tier_a_strict_f1']:6.3f}   {gap}"
              f"{fl if fl is not None else '-':>5}  {fields}")
    print(f"(Δ: against the original set; * more than {GOAL_GAP} below it, the goal being within {GOAL_GAP})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, help="keep the variants' documents, gold and predicted JSONL here")
    ap.add_argument("--no-variants", action="store_true", help="score the documents as they are only")
    ap.add_argument("--variant", action="append", metavar="NAME",
                    help=f"score only these variants (of: {', '.join(V.VARIANT_NAMES)}, years±K)")
    ap.add_argument("--show", action="store_true",
                    help="print each document's strict F1 in each variant and what the variant did to it")
    ap.add_argument("--check", action="store_true", help="exit 1 when a dataset is below its floor")
    ap.add_argument("--update-floors", action="store_true", help="re-pin tests/accuracy_floors.toml")
    ap.add_argument("--allow-lower", metavar="REASON", help="with --update-floors: let floors fall, for this reason")
    args = ap.parse_args(argv)
    if not (SHARED / "eval" / "score.py").is_file():
        print(f"no development sets at {SHARED}: nothing to score", file=sys.stderr)
        return 2
    if args.allow_lower is not None and not args.allow_lower.strip():
        ap.error("--allow-lower needs a reason")
    if args.update_floors and (args.no_variants or args.variant):
        ap.error("--update-floors measures every variant: drop --no-variants/--variant")
    notes: dict[str, list[str]] = {}
    chosen: bool | list[str] = False if args.no_variants else (args.variant or True)
    results = run(args.out, chosen, notes)
    floors = read_floors()
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        print_table(results, floors)
    if args.show:
        for name, lines in notes.items():
            for line in lines:
                print(f"  {name}: {line}")
    if args.update_floors:
        new, lowered = update_floors(floors, results, allow_lower=args.allow_lower)
        if lowered and not args.allow_lower:
            print("refused: these floors would fall (give --allow-lower REASON to let them):", file=sys.stderr)
            for x in lowered:
                print(f"  {x}", file=sys.stderr)
            return 1
        FLOORS.write_text(format_floors(new), encoding="utf-8")
        print(f"wrote {FLOORS}" + (f" (lowered: {'; '.join(lowered)})" if lowered else ""))
    if args.check:
        bad = check_floors(floors, results)
        missing = [n for n in results if n not in floors]
        for name, why in bad.items():
            print(f"FAIL {name}: {why}", file=sys.stderr)
        for name in missing:
            print(f"FAIL {name}: no floor (run --update-floors)", file=sys.stderr)
        return 1 if bad or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
