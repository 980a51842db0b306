#!/usr/bin/env python3
"""Numbers read in part: facts whose span leaves part of its number outside (goal: 0 in every set).

Runs planwatch over ../shared/seeds, ../shared/dev/docs, ../shared/corpus/docs and the national
corpus ../shared/corpus-national/reports.tar.xz (unpacked to a temporary directory; 2,923 reports,
50 M characters) with a process pool, and checks every fact with a value by
planwatch.extract.numbers.cut on the text as the user sees it: no digit of any width, no decimal
point before a digit, no thousands separator (`,` or `，` before exactly three digits) and no
Chinese numeral character of the same number may touch the span. Files that fail are counted too.

    .venv/bin/python benchmarks/partial_numbers.py                    # all four sets, 2 processes
    .venv/bin/python benchmarks/partial_numbers.py --sets seeds dev   # some sets
    .venv/bin/python benchmarks/partial_numbers.py --limit 200        # the first 200 files of each set

Exits 2 when ../shared is absent, 1 when a number is read in part or a file fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
SETS = ("seeds", "dev", "corpus", "national")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def check_file(path: str) -> tuple[str, int, int, list[tuple[str, str]], str]:
    """(path, characters, facts, [(reason, context)] of the numbers read in part, error)."""
    from planwatch.extract.numbers import cut
    from planwatch.extract.pipeline import extract_document
    from planwatch.read import read_file
    try:
        doc = read_file(path)
        facts = extract_document(doc)
    except Exception as e:  # noqa: BLE001 -- a benchmark counts failures instead of stopping
        return path, 0, 0, [], f"{type(e).__name__}: {e}"
    text = doc.text
    bad = []
    for f in facts:
        if f.value is None:
            continue
        why = cut(text, f.start, f.end)
        if why:
            ctx = (text[max(0, f.start - 12):f.start] + "【" + text[f.start:f.end] + "】"
                   + text[f.end:f.end + 12]).replace("\n", "⏎")
            bad.append((why, f"{ctx}  → {f.value:g} {f.unit}"))
    return path, len(text), len(facts), bad, ""


def run_set(name: str, files: list[Path], jobs: int, examples: int) -> tuple[int, int]:
    t0 = time.perf_counter()
    chars = facts = 0
    bad: list[tuple[str, str, str]] = []
    errors: list[tuple[str, str]] = []
    with ProcessPoolExecutor(jobs) as pool:
        for path, n, k, b, err in pool.map(check_file, [str(p) for p in files], chunksize=8):
            chars += n
            facts += k
            bad += [(Path(path).name, why, ctx) for why, ctx in b]
            if err:
                errors.append((Path(path).name, err))
    dt = time.perf_counter() - t0
    print(f"{name:9s} {len(files):5d} files {chars / 1e6:7.2f} M chars {facts:8d} facts  "
          f"read in part: {len(bad):4d}  failed files: {len(errors)}  ({dt:.0f} s)")
    for doc, why, ctx in bad[:examples]:
        print(f"    {why:16s} {doc}: {ctx}")
    for doc, err in errors[:examples]:
        print(f"    failed           {doc}: {err[:160]}")
    return len(bad), len(errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="at most this many files per set (0: all)")
    ap.add_argument("--examples", type=int, default=5)
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent", file=sys.stderr)
        return 2
    folders = {"seeds": SHARED / "seeds", "dev": SHARED / "dev" / "docs", "corpus": SHARED / "corpus" / "docs"}
    total_bad = total_err = 0
    with tempfile.TemporaryDirectory(prefix="planwatch-national-") as tmp:
        for name in args.sets:
            if name == "national":
                archive = SHARED / "corpus-national" / "reports.tar.xz"
                if not archive.is_file():
                    print(f"national  {archive} is absent")
                    continue
                subprocess.run(["tar", "-xJf", str(archive), "-C", tmp], check=True)
                files = _files(Path(tmp))
            else:
                files = _files(folders[name])
            if args.limit:
                files = files[:args.limit]
            b, e = run_set(name, files, args.jobs, args.examples)
            total_bad += b
            total_err += e
    print(f"all sets: {total_bad} numbers read in part, {total_err} failed files (goal 0 and 0)")
    return 1 if total_bad or total_err else 0


if __name__ == "__main__":
    raise SystemExit(main())
