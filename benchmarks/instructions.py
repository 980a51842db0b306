#!/usr/bin/env python3
"""Instructions per pass of extraction over the seeds, counted by callgrind: a figure that stays within about 1 %
on a shared machine, where CPU seconds vary by up to 2× (benchmarks/speed.py gives the seconds).

    .venv/bin/python benchmarks/instructions.py              # pure Python (this checkout)
    .venv/bin/python benchmarks/instructions.py --compiled   # the compiled build (benchmarks/compiled.py)
    .venv/bin/python benchmarks/instructions.py --keep DIR   # also keep callgrind's files, for callgrind_annotate

`valgrind --tool=callgrind` runs one and three passes of `extract_document` over the documents (read once), each in
a fresh interpreter with PYTHONHASHSEED=0 (string hashing otherwise moves a count by ±2 M), the two side by side;
half the difference is one pass, without imports, rule tables and the first pass's caches. About a minute per
build (valgrind runs some 50× slower). A count is not a time: regex scans run at several
instructions a cycle and the place-name automaton (13 MB of tables, waiting on memory) at well under one, so
their shares of the count and of the seconds differ (`perf record` shows the seconds).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path("/work/shared/seeds")

PASSES = """
import sys
from pathlib import Path
from planwatch.extract.pipeline import extract_document
from planwatch.read import read_file
docs = [read_file(p) for p in sys.argv[2:]]
for _ in range(int(sys.argv[1])):
    for d in docs:
        extract_document(d)
"""


def count(passes: int, files: list[Path], path: Path, out: Path) -> int:
    """Instructions callgrind counts for a fresh interpreter running `passes` passes over `files`."""
    env = {**os.environ, "PYTHONPATH": str(path), "PYTHONHASHSEED": "0"}
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-P", "-c", PASSES,
           str(passes), *map(str, files)]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", res.stderr)
    if res.returncode != 0 or found is None:
        raise SystemExit(f"callgrind failed ({res.returncode}):\n{res.stderr[-3000:]}")
    return int(found.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path, help="documents (default: the seeds)")
    ap.add_argument("--compiled", action="store_true", help="count the compiled build (built if not cached)")
    ap.add_argument("--keep", type=Path, help="a folder to keep callgrind.1 and callgrind.3 in")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 1
    files = args.inputs or sorted(SEEDS.glob("*.txt"))
    if not files:
        print(f"no documents given and none in {SEEDS}", file=sys.stderr)
        return 1
    path = ROOT
    if args.compiled:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import compiled

        path = compiled.build()
    with tempfile.TemporaryDirectory(prefix="planwatch-callgrind-") as tmp:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(2) as ex:  # (the two runs side by side: a count does not depend on the load)
            one, three = ex.map(lambda n: count(n, files, path, keep / f"callgrind.{n}"), (1, 3))
    per_pass = (three - one) / 2
    from planwatch.read import read_file
    chars = sum(len(read_file(p).text) for p in files)
    print(f"{'compiled' if args.compiled else 'pure Python'}: {per_pass / 1e6:.1f} M instructions per pass over "
          f"{len(files)} documents ({chars:,} chars; {per_pass / chars:,.0f} per char)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
