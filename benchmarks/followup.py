#!/usr/bin/env python3
"""Follow-up beyond the seeds: promises in year Y's work report, evidence in Y+1's.

usage: python benchmarks/followup.py [--pairs N] [--seed S] [--keep DIR] [--show N] [--json]

Unpacks ../shared/corpus-national (benchmarks/national.py; --keep DIR reuses a folder), draws N
places with reports for two consecutive years Y and Y+1 (seeded), runs the follow-up of each
place's Y plan over the two reports (services.followup: the region is the home the Y report's
context finds) and prints: how many named projects were promised, the share with a later mention
(any status but not_mentioned), the statuses, and --show N rows with a later mention (seeded), each
with the promise's and the evidence's sentence, for a person to judge the tie and the status.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import national as N  # a module beside this one

from planwatch.analyse.followup import NOT_MENTIONED, STATUSES
from planwatch.model import Document
from planwatch.services.followup import follow_doc, followup


def consecutive(folder: Path) -> list[tuple[str, int, Path, Path]]:
    """(place, Y, report of Y, report of Y+1) for every place with both years."""
    by: dict[str, dict[int, Path]] = {}
    with (folder / "INDEX.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["year"].isdigit():
                by.setdefault(row["place"], {})[int(row["year"])] = folder / row["file"]
    return [(p, y, ys[y], ys[y + 1]) for p, ys in sorted(by.items()) for y in sorted(ys) if y + 1 in ys]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not (N.NATIONAL / "reports.tar.xz").is_file():
        print("../shared/corpus-national is not here", file=sys.stderr)
        return 2
    folder, temporary = N.unpack(a.keep)
    try:
        pairs = consecutive(folder)
        rnd = random.Random(a.seed)
        chosen = rnd.sample(pairs, min(a.pairs, len(pairs)))
        statuses: Counter[str] = Counter()
        tied, promised, places = [], 0, 0
        for place, y, p1, p2 in chosen:
            d1 = follow_doc(Document(str(p1.relative_to(folder)), p1.read_text(encoding="utf-8")))
            d2 = follow_doc(Document(str(p2.relative_to(folder)), p2.read_text(encoding="utf-8")))
            region = d1.home or place
            rows = [r for r in followup([d1, d2], region, y) if r.type == "project" and r.promised]
            places += 1
            promised += len(rows)
            statuses.update(r.status for r in rows)
            tied += [(place, y, r) for r in rows if r.status != NOT_MENTIONED]
        with_status = promised - statuses[NOT_MENTIONED]
        summary = {"reports": 2 * places, "places_years": places, "promised": promised,
                   "with_a_later_mention": with_status,
                   "share": round(with_status / promised, 3) if promised else None,
                   "statuses": {s: statuses[s] for s in STATUSES}}
        shown = rnd.sample(tied, min(a.show, len(tied)))
        if a.json:
            print(json.dumps({**summary, "shown": [{"place": p, "year": y, **r.to_dict()} for p, y, r in shown]},
                             ensure_ascii=False, indent=1))
            return 0
        print(f"{places} places × (Y, Y+1): {promised} named projects promised for Y, "
              f"{with_status} ({summary['share']}) with a mention in Y+1's report")
        print("statuses: " + ", ".join(f"{s} {statuses[s]}" for s in STATUSES))
        for i, (place, y, r) in enumerate(shown, 1):
            print(f"\n{i}. {place} {y}: {r.name} [{r.promised_stage}] → {r.status} ({r.reached}) {r.note}")
            print(f"   promise:  {r.promise[0].passage[:120]}")
            for s in r.evidence[:2]:
                print(f"   evidence: {s.text} ({s.stage}, {s.confidence}): {s.passage[:120]}")
    finally:
        if temporary:
            import shutil
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
