#!/usr/bin/env python3
"""Throughput of the whole planwatch pipeline: read → clean → extract → serialise to JSONL.

The text of the given documents (default: /work/shared/seeds/*.txt if present, else
the bundled planwatch/examples) is copied into a temporary directory as files of
their own, realistic size until the corpus holds at least --min-mb MB, and every
file goes through planwatch.read.read_file, the extraction pipeline and
Fact.to_json, one after another on one core. In the same run a plain regex pass
(re.finditer(r"\\d+(?:\\.\\d+)?", text)) over the same texts gives the floor that
any number extractor must pay.

Repeating the same texts flatters the pipeline: its phrase caches (lru_cache) are warm after the first pass, which
documents a user brings never find. So the run also times, first, a cold figure: --unseen N reports of the archive
(/tmp/nat, as INDEX.csv lists them) or else of the corpus (/work/shared/corpus/docs), spread evenly over it and each
read once, in the order listed, no copy repeated; the same regex floor is taken over them. The two figures are
printed apart: "unseen" (what a user meets) and "seeds" (the repeated corpus, caches warm).

    .venv/bin/python benchmarks/speed.py                 # default corpus, one core
    .venv/bin/python benchmarks/speed.py a.txt b.html    # your documents
    .venv/bin/python benchmarks/speed.py --jobs 4        # also a 4-process pool
    .venv/bin/python benchmarks/speed.py --json          # machine-readable
    .venv/bin/python benchmarks/speed.py --unseen 150    # the cold figure over 150 archive reports (0: none)
    .venv/bin/python benchmarks/speed.py --compiled      # pure Python and the mypyc-compiled build, each
                                                         # timed --rounds times in turn (best of each)

Goals checked: >= 1,000,000 chars/s on one core; within 50x of the regex floor;
peak RSS < 150 MB (speed and ratio for both figures; RSS after both runs).

Without --compiled the planwatch timed is this checkout's, as the editable install runs it: pure Python.
--compiled builds the compiled package (benchmarks/compiled.py: the wheel `PLANWATCH_COMPILE=1 pip install .`
makes, cached by a hash of the sources; a few minutes the first time) and times both builds in fresh
processes, alternately, on the same corpus: the figures printed are the best run of each, and every run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = Path("/work/shared/seeds")
ARCHIVE = Path("/tmp/nat")                     # the national archive unpacked (INDEX.csv, reports/)
CORPUS = Path("/work/shared/corpus/docs")
EXAMPLES = ROOT / "planwatch" / "examples"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
NUMBER = re.compile(r"\d+(?:\.\d+)?")

GOAL_CPS = 1_000_000
GOAL_RATIO = 50.0
GOAL_MB = 150.0


def default_inputs() -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        return seeds
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in SUFFIXES)


def unseen_inputs(n: int) -> tuple[list[Path], str]:
    """`n` documents of the archive (else of the corpus), spread evenly over its listing, and where they came from;
    none when neither is there."""
    if n <= 0:
        return [], ""
    if (ARCHIVE / "INDEX.csv").is_file():
        import csv
        with open(ARCHIVE / "INDEX.csv", encoding="utf-8") as fh:
            listed = [ARCHIVE / row["file"] for row in csv.DictReader(fh)]
        source = str(ARCHIVE)
    elif CORPUS.is_dir():
        listed = sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES)
        source = str(CORPUS)
    else:
        return [], ""
    listed = [p for p in listed if p.is_file()]
    step = max(1, len(listed) // n)
    return listed[::step][:n], source


def build_corpus(inputs: list[Path], out_dir: Path, min_bytes: int) -> list[Path]:
    """Copies of the inputs (each its own file, as on disk) until min_bytes are written.

    Text files get a short trailing line naming the copy so that no two files are
    identical (nothing can be cached by content); other formats are copied as they are.
    """
    files: list[Path] = []
    total, n = 0, 0
    while total < min_bytes:
        for src in inputs:
            n += 1
            dst = out_dir / f"{n:05d}_{src.name}"
            if src.suffix in (".txt", ".md"):
                data = src.read_bytes() + f"\n（副本 {n}）\n".encode("utf-8")
                dst.write_bytes(data)
            else:
                shutil.copyfile(src, dst)
            files.append(dst)
            total += dst.stat().st_size
            if total >= min_bytes:
                break
    return files


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --------------------------------------------------------------------------- pipeline


def _pipeline():
    from planwatch.extract.pipeline import extract_document
    from planwatch.read import read_file
    return read_file, extract_document


def process_file(path: str) -> tuple[int, int, int]:
    """read + extract + serialise one file; returns (chars, facts, bytes of JSONL)."""
    read_file, extract_document = _pipeline()
    doc = read_file(path)
    facts = extract_document(doc)
    out = "".join(f.to_json() + "\n" for f in facts)
    return len(doc.text), len(facts), len(out)


def _warm(_: object = None) -> None:
    process_file(str(default_inputs()[0]))


def run_serial(files: list[Path]) -> dict:
    # CPU time of this process, not wall time: "on one core" is the CPU the pipeline costs,
    # and a machine shared with other work would otherwise add its waiting to the figure
    read_file, extract_document = _pipeline()
    wall0 = time.perf_counter()
    t_read = t_extract = t_json = 0.0
    chars = n_facts = 0
    texts: list[str] = []
    for p in files:
        t0 = time.process_time()
        doc = read_file(p)
        t1 = time.process_time()
        facts = extract_document(doc)
        t2 = time.process_time()
        out = "".join(f.to_json() + "\n" for f in facts)
        t3 = time.process_time()
        t_read += t1 - t0
        t_extract += t2 - t1
        t_json += t3 - t2
        chars += len(doc.text)
        n_facts += len(facts)
        texts.append(doc.text)
        del out
    total = t_read + t_extract + t_json
    wall = time.perf_counter() - wall0
    # the regex floor over exactly the same texts
    t0 = time.process_time()
    n_numbers = 0
    for text in texts:
        for _ in NUMBER.finditer(text):
            n_numbers += 1
    t_regex = time.process_time() - t0
    return dict(files=len(files), chars=chars, facts=n_facts, numbers=n_numbers,
                seconds=total, wall_s=wall, read_s=t_read, extract_s=t_extract, json_s=t_json,
                cps=chars / total if total else float("inf"),
                regex_s=t_regex, regex_cps=chars / t_regex if t_regex else float("inf"))


def run_pool(files: list[Path], jobs: int) -> dict:
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as ex:
        # make sure every worker is up and warm before timing
        list(ex.map(_warm, range(jobs)))
        t0 = time.perf_counter()
        results = list(ex.map(process_file, [str(p) for p in files], chunksize=max(1, len(files) // (jobs * 8))))
        wall = time.perf_counter() - t0
    chars = sum(r[0] for r in results)
    return dict(jobs=jobs, seconds=wall, chars=chars, facts=sum(r[1] for r in results),
                cps=chars / wall if wall else float("inf"))


def compiled_build() -> bool:
    """Are the extraction modules imported compiled ones?"""
    from planwatch.extract import pipeline
    return not str(pipeline.__file__).endswith((".py", ".pyc"))


def compare(args: argparse.Namespace) -> int:
    """Time the pure and the compiled build in fresh processes, one after the other, --rounds times each."""
    import subprocess
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import compiled as build_helper

    print("building the compiled package (cached by the sources' hash) …", file=sys.stderr, flush=True)
    try:
        build_dir = build_helper.build()
    except build_helper.BuildError as e:
        print(e, file=sys.stderr)
        return 1
    child = [sys.executable, "-P", str(Path(__file__).resolve()), "--json", "--min-mb", str(args.min_mb),
             "--unseen", str(args.unseen), *map(str, args.inputs)]
    runs: dict[str, list[dict]] = {"pure": [], "compiled": []}
    for _ in range(args.rounds):
        for name, extra in (("pure", []), ("compiled", ["--build", str(build_dir)])):
            out = subprocess.run(child + extra, capture_output=True, text=True, check=True).stdout
            report = json.loads(out)
            if report["compiled"] != (name == "compiled"):
                raise SystemExit(f"the {name} run imported the {'compiled' if report['compiled'] else 'pure'} "
                                 "build: not what it was to time")
            runs[name].append(report)
    best = {k: max(r["serial"]["cps"] for r in v) for k, v in runs.items()}
    if args.json:
        print(json.dumps({"build_dir": str(build_dir), "best_cps": best, "runs": runs}, ensure_ascii=False, indent=2))
        return 0
    first = runs["pure"][0]
    print(f"corpus      {first['corpus_files']} files, {first['corpus_bytes'] / 1e6:.2f} MB on disk, "
          f"{first['serial']['chars']:,} chars of text; each build run {args.rounds}× in turn, in fresh processes")
    for name, rs in runs.items():
        r = max(rs, key=lambda r: r["serial"]["cps"])
        s = r["serial"]
        every = ", ".join(f"{x['serial']['cps'] / 1e6:.2f}" for x in rs)
        print(f"{name:<11} seeds  {s['cps']:,.0f} chars/s on one core, best run (every run, M chars/s: {every}); "
              f"extract {s['extract_s']:.3f} s of {s['seconds']:.3f} s; peak RSS {r['peak_rss_mb']:.0f} MB")
        if r.get("unseen"):
            u = max((x["unseen"] for x in rs), key=lambda u: u["cps"])
            every = ", ".join(f"{x['unseen']['cps'] / 1e6:.2f}" for x in rs)
            print(f"{'':<11} unseen {u['cps']:,.0f} chars/s cold over {u['files']} reports, best run "
                  f"(every run, M chars/s: {every})")
    mark = {True: "yes", False: "NO"}
    print(f"speed-up    compiled / pure = {best['compiled'] / best['pure']:.2f}×   "
          f"goal ≥ {GOAL_CPS:,} chars/s: pure {mark[best['pure'] >= GOAL_CPS]}, "
          f"compiled {mark[best['compiled'] >= GOAL_CPS]}")
    print(f"build       {build_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path, help="documents (default: seeds, else examples)")
    ap.add_argument("--min-mb", type=float, default=2.0, help="corpus size in MB of files on disk (default 2)")
    ap.add_argument("--jobs", type=int, default=0, help="also time a process pool of N workers")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus directory")
    ap.add_argument("--compiled", action="store_true", help="time pure Python and the compiled build, in turn")
    ap.add_argument("--rounds", type=int, default=3, help="with --compiled: runs of each build (default 3)")
    ap.add_argument("--unseen", type=int, default=100, metavar="N",
                    help="also time N archive (else corpus) reports cold, each read once (default 100; 0: none)")
    ap.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # (a child's: import planwatch from here)
    args = ap.parse_args(argv)
    if args.build:
        sys.path.insert(0, str(args.build))
    if args.compiled:
        return compare(args)

    inputs = args.inputs or default_inputs()
    missing = [p for p in inputs if not p.is_file()]
    if missing:
        ap.error(f"not a file: {missing[0]}")

    cold_inputs, cold_source = unseen_inputs(args.unseen)
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-speed-"))
    try:
        files = build_corpus(inputs, tmp, int(args.min_mb * 1_000_000))
        corpus_bytes = sum(p.stat().st_size for p in files)

        # one core: pin this process to a single CPU for the serial run, if the OS allows
        cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        if cpus:
            os.sched_setaffinity(0, {min(cpus)})
        t0 = time.perf_counter()
        _warm()                                    # imports, rule tables, automata
        warm_s = time.perf_counter() - t0
        gc.collect()
        # first the cold figure: documents no cache has seen (only the warm-up's one document went before)
        unseen = run_serial(cold_inputs) if cold_inputs else None
        gc.collect()
        serial = run_serial(files)
        peak = rss_mb()
        if cpus:
            os.sched_setaffinity(0, cpus)

        pool = run_pool(files, args.jobs) if args.jobs > 0 else None
    finally:
        if args.keep:
            print(f"corpus kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    ratio = serial["regex_cps"] / serial["cps"] if serial["cps"] else float("inf")
    goals = {
        "chars_per_s": serial["cps"] >= GOAL_CPS,
        "within_50x_regex": ratio <= GOAL_RATIO,
        "peak_rss_mb": peak < GOAL_MB,
    }
    if unseen:
        unseen["source"] = cold_source
        unseen["ratio_regex_over_pipeline"] = u_ratio = \
            unseen["regex_cps"] / unseen["cps"] if unseen["cps"] else float("inf")
        goals["unseen_chars_per_s"] = unseen["cps"] >= GOAL_CPS
        goals["unseen_within_50x_regex"] = u_ratio <= GOAL_RATIO
    report = dict(compiled=compiled_build(), inputs=[str(p) for p in inputs], corpus_files=len(files),
                  corpus_bytes=corpus_bytes,
                  warmup_s=warm_s, unseen=unseen, serial=serial, ratio_regex_over_pipeline=ratio, peak_rss_mb=peak,
                  pool=pool, goals=goals)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0

    s = serial
    mark = {True: "yes", False: "NO"}
    print(f"build       {'compiled (mypyc)' if compiled_build() else 'pure Python'}")
    print(f"warm-up     {warm_s:.2f} s (imports and rule tables, first document)")
    if unseen:
        u = unseen
        print(f"— unseen: {u['files']} reports of {cold_source}, each read once (cold caches: what a user meets)")
        print(f"pipeline    {u['seconds']:.3f} s CPU ({u['wall_s']:.3f} s wall)  →  {u['cps']:,.0f} chars/s on one core  "
              f"(read {u['read_s']:.3f} s, extract {u['extract_s']:.3f} s, json {u['json_s']:.3f} s; "
              f"{u['chars']:,} chars, {u['facts']:,} facts)")
        print(f"regex floor {u['regex_s']:.3f} s  →  {u['regex_cps']:,.0f} chars/s  ({u['numbers']:,} numbers); "
              f"pipeline {u['ratio_regex_over_pipeline']:.1f}× slower")
        print(f"goals       ≥ {GOAL_CPS:,} chars/s: {mark[goals['unseen_chars_per_s']]}   "
              f"within {GOAL_RATIO:.0f}× of regex: {mark[goals['unseen_within_50x_regex']]}")
    src = "seeds" if inputs and inputs[0].parent == SEEDS else ", ".join(sorted({p.parent.name for p in inputs}))
    print(f"— {src}: repeated to {args.min_mb:g} MB (caches warm after the first pass)")
    print(f"corpus      {len(files)} files, {corpus_bytes / 1e6:.2f} MB on disk, {s['chars']:,} chars of text "
          f"(from {len(inputs)} documents in {src})")
    print(f"pipeline    {s['seconds']:.3f} s CPU ({s['wall_s']:.3f} s wall)  →  {s['cps']:,.0f} chars/s on one core  "
          f"(read {s['read_s']:.3f} s, extract {s['extract_s']:.3f} s, json {s['json_s']:.3f} s; "
          f"{s['facts']:,} facts)")
    print(f"regex floor {s['regex_s']:.3f} s  →  {s['regex_cps']:,.0f} chars/s  ({s['numbers']:,} numbers)")
    print(f"ratio       pipeline is {ratio:.1f}× slower than the regex floor")
    print(f"peak RSS    {peak:.1f} MB")
    if pool:
        print(f"pool        {pool['jobs']} processes: {pool['seconds']:.3f} s  →  {pool['cps']:,.0f} chars/s  "
              f"(×{pool['cps'] / s['cps']:.2f} of one core)" if s["cps"] else "")
    print(f"goals       ≥ {GOAL_CPS:,} chars/s: {mark[goals['chars_per_s']]}   "
          f"within {GOAL_RATIO:.0f}× of regex: {mark[goals['within_50x_regex']]}   "
          f"< {GOAL_MB:.0f} MB: {mark[goals['peak_rss_mb']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
