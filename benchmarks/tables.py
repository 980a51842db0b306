#!/usr/bin/env python3
"""What the table reader makes of a folder of documents: tables found and facts from them.

usage: python benchmarks/tables.py [DIR ...] [--list]

For every .txt/.md file under each DIR (default: ../shared/corpus/docs and ../shared/seeds) prints
the runs of table lines, how many were read as tables, the facts that come from table cells, and
the table rows with a figure that gave no fact at all (planwatch.extract.tables.table_coverage,
given the document's facts from every reader). With --list, one line per document with tables.
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch import extract_text
from planwatch.extract.tables import read_tables, table_coverage
from planwatch.extract.textview import make_view

SHARED = ROOT.parent / "shared"
DEFAULT = [SHARED / "corpus" / "docs", SHARED / "seeds"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--list", action="store_true", help="one line per document with tables")
    args = ap.parse_args()
    for d in args.dirs or DEFAULT:
        if not d.is_dir():
            print(f"{d}: not a folder", file=sys.stderr)
            return 2
        files = sorted(p for p in d.rglob("*") if p.suffix in (".txt", ".md"))
        totals = {"docs": 0, "with_tables": 0, "blocks": 0, "tables": 0, "facts": 0, "table_facts": 0, "rows": 0, "read": 0,
                      "cells": 0, "cells_read": 0}
        t0 = time.perf_counter()
        for p in files:
            text = p.read_text(encoding="utf-8")
            facts = extract_text(text, doc=p.name)
            cov = table_coverage(text, facts=facts)
            spans = [(t.block.start, t.block.end) for t in read_tables(make_view(text).folded)]
            starts = [s for s, _ in spans]
            in_tables = sum(1 for f in facts if (k := bisect.bisect_right(starts, f.start) - 1) >= 0
                            and f.start < spans[k][1])
            totals["docs"] += 1
            totals["with_tables"] += cov.blocks > 0
            totals["blocks"] += cov.blocks
            totals["tables"] += cov.tables
            totals["facts"] += len(facts)
            totals["table_facts"] += in_tables
            totals["rows"] += cov.rows_with_numbers
            totals["read"] += cov.rows_with_facts
            totals["cells"] += cov.cells_with_numbers
            totals["cells_read"] += cov.cells_with_facts
            if args.list and cov.blocks:
                print(f"  {p.name}: {cov.blocks} runs, {cov.tables} tables, {in_tables} facts from tables, "
                      f"{cov.rows_with_facts}/{cov.rows_with_numbers} rows and "
                      f"{cov.cells_with_facts}/{cov.cells_with_numbers} cells with figures read")
        t = totals
        print(f"{d}: {t['docs']} documents ({t['with_tables']} with table lines), {t['blocks']} runs of table lines, "
              f"{t['tables']} read as tables; {t['table_facts']} of {t['facts']} facts from tables; "
              f"rows with figures {t['rows']}, of which {t['read']} gave a fact; "
              f"cells with figures {t['cells']}, of which {t['cells_read']} gave a fact "
              f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
