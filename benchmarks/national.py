#!/usr/bin/env python3
"""planwatch at national scale: ../shared/corpus-national (2,923 work reports of provinces and cities).

usage: python benchmarks/national.py [--limit N] [--seed S] [--sample N] [--keep DIR] [--no-timing]
                                    [--lint-sample CLASS N] [--json]

Unpacks reports.tar.xz to a temporary folder (or --keep DIR, reused when already there) and prints:
  1. wall time and peak memory to extract every report with one process and with two (each
     process a fresh interpreter; peak = the largest resident set of a process);
  2. the corpus lint (benchmarks/corpus_lint.py) on the facts, with ../shared/eval/corpus_lint.py beside;
  3. the GDP panel: per report since 2000, whether it yields its own place's 地区生产总值 growth target
     (in %) for the plan year and growth result for the year before; how many reports, and how many
     place-year-kinds over all reports, get two different values (a range 5%—6% is one value);
  4. a seeded random sample of reports where one is missing, with the sentences that name
     生产总值 or GDP, for a person to check whether the figure is truly not there.
Extraction goes through the Python API with each report's path as its doc name (the files are
named by year inside per-place folders, so a bare file name would not tell them apart).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NATIONAL = SHARED / "corpus-national"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_lint as CL  # a module beside this one

GDP = "地区生产总值"
SINCE = 2000
GDP_WORDS = re.compile(r"生产总值|GDP|ＧＤＰ")
SENTENCE = re.compile(r"[^。；;！？\n]+")


# ------------------------------------------------------------------ the corpus

def unpack(dest: Path | None) -> tuple[Path, bool]:
    """The folder holding reports/ and INDEX.csv, and whether it is temporary."""
    if dest is not None and (dest / "INDEX.csv").is_file():
        return dest, False
    folder = dest or Path(tempfile.mkdtemp(prefix="planwatch-national-"))
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(NATIONAL / "reports.tar.xz", "r:xz") as tar:
        tar.extractall(folder, filter="data")
    if not (folder / "INDEX.csv").is_file():
        shutil.copy(NATIONAL / "INDEX.csv", folder / "INDEX.csv")
    return folder, dest is None


def read_index(folder: Path) -> list[CL.DocInfo]:
    import variants as V

    r = V.regions()
    provinces = {p.code[:2]: p for p in r.places if p.level == "province"}
    out = []
    with (folder / "INDEX.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = next((p.code for p in r.places if p.name == row["place"]), "")
            prov = provinces.get(code[:2])
            out.append(CL.DocInfo(row["file"], folder / row["file"], row["place"],
                                  (prov.short or prov.name) if prov else "", row["level"],
                                  int(row["year"]) if row["year"].isdigit() else None, "政府工作报告",
                                  int(row["chars"] or 0)))
    return out


# ------------------------------------------------------------------ extraction in worker processes

def worker(root: Path, listing: Path, out: Path) -> None:
    """Extract the files listed (paths relative to root) and write one JSON line per report."""
    from planwatch import extract_text, read_file

    with out.open("w", encoding="utf-8") as fh:
        for rel in listing.read_text(encoding="utf-8").splitlines():
            text = read_file(root / rel).text
            facts = [f.to_dict() for f in extract_text(text, doc=rel)]
            fh.write(json.dumps({"doc": rel, "facts": facts}, ensure_ascii=False) + "\n")


@dataclass
class Timing:
    processes: int
    wall_s: float
    cpu_s: float      # user + system time of the workers: what the work costs on a machine shared with others
    peak_mb: float
    chars: int

    def __str__(self) -> str:
        return (f"{self.processes} process{'es' if self.processes > 1 else ''}: {self.wall_s:6.1f} s wall "
                f"({self.chars / self.wall_s / 1e6:.2f} M chars/s), {self.cpu_s:6.1f} s CPU "
                f"({self.chars / self.cpu_s / 1e6:.2f} M chars per CPU second), peak {self.peak_mb:.0f} MB per process")


def extract_all(folder: Path, docs: list[CL.DocInfo], processes: int, work: Path) -> tuple[Timing, list[Path]]:
    """Run `processes` workers over the reports, split by size; their wall time and peak memory."""
    sizes = {d.name: (folder / d.name).stat().st_size for d in docs}
    parts: list[list[str]] = [[] for _ in range(processes)]
    load = [0] * processes
    for name in sorted(sizes, key=lambda n: -sizes[n]):
        k = load.index(min(load))
        parts[k].append(name)
        load[k] += sizes[name]
    outs, procs = [], []
    t0 = time.perf_counter()
    for k, part in enumerate(parts):
        listing = work / f"list-{processes}-{k}.txt"
        listing.write_text("\n".join(sorted(part)), encoding="utf-8")
        out = work / f"facts-{processes}-{k}.jsonl"
        outs.append(out)
        procs.append(subprocess.Popen([sys.executable, __file__, "--worker", str(folder), str(listing), str(out)]))
    peak, cpu = 0, 0.0
    for p in procs:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode:
            raise RuntimeError(f"worker {p.args} failed ({p.returncode})")
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
        cpu += usage.ru_utime + usage.ru_stime
    wall = time.perf_counter() - t0
    chars = sum(d.chars for d in docs)
    return Timing(processes, wall, cpu, peak / 1024, chars), outs


def read_facts(outs: list[Path]) -> dict[str, list[dict]]:
    """{doc: its facts without duplicates} (GDP facts are few; all facts fit: ~1 KB each)."""
    facts: dict[str, list[dict]] = {}
    for out in outs:
        with out.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                facts[row["doc"]] = [f for f in row["facts"] if not f.get("duplicate")]
    return facts


# ------------------------------------------------------------------ the GDP panel

@dataclass
class Panel:
    reports: int = 0
    with_target: int = 0
    with_result: int = 0
    both: int = 0
    two_in_report: int = 0             # reports with two values for the same kind and year
    two_in_sentence: int = 0           # …of them, where every value comes from one sentence (增长8.5%，力争9%)
    values: dict | None = None          # (place, period, kind) → {value: [docs]}
    missing: list | None = None         # (doc, what is missing)
    examples: list | None = None        # reports with two values: (doc, kind, values)

    def __post_init__(self) -> None:
        self.values = defaultdict(lambda: defaultdict(list))
        self.missing = []
        self.examples = []


def is_home(f: dict, info: CL.DocInfo, tree: CL.Tree | None) -> bool:
    return f.get("region") == info.place or bool(tree and tree.home_code and f.get("region_code") == tree.home_code)


def distinct(facts: list[dict]) -> set[float]:
    """The values of a kind-period's facts, a range (at_least + at_most) counted as one."""
    vals = {f["value"] for f in facts if f.get("value") is not None}
    quals = {f.get("qualifier") for f in facts}
    if len(vals) == 2 and {"at_least", "at_most"} <= quals:
        return {min(vals)}
    return vals


_SENTENCE_ENDS = re.compile(r"[。！？!?\n]")


def one_sentence(text: str | None, group: list[dict]) -> bool:
    """Do the facts stand in one sentence of the text (增长8.5%，力争9%)? Without the text, do they share
    their evidence?"""
    if text is None:
        return len({f.get("evidence") for f in group}) == 1
    starts = [f["start"] for f in group]
    return _SENTENCE_ENDS.search(text, min(starts), max(starts)) is None


def add_to_panel(panel: Panel, info: CL.DocInfo, facts: list[dict], text: str | None = None) -> None:
    if not info.year or info.year < SINCE:
        return
    tree = CL.tree_of(info.place, info.year)
    gdp = [f for f in facts if f.get("indicator") == GDP and f.get("measure") == "growth" and f.get("unit") == "%"
           and is_home(f, info, tree)]
    target = [f for f in gdp if f.get("kind") == "target" and f.get("period") == str(info.year)]
    result = [f for f in gdp if f.get("kind") == "actual" and f.get("period") == str(info.year - 1)]
    panel.reports += 1
    panel.with_target += bool(target)
    panel.with_result += bool(result)
    panel.both += bool(target and result)
    two = False
    together = True
    for kind, group in (("target", target), ("actual", result)):
        vals = distinct(group)
        if len(vals) > 1:
            two = True
            # the text itself gives two when they stand in one sentence: a goal and a stretch goal
            # (增长8.5%，力争9%), an estimate and an adjusted figure (预计增长3%，剔除…实际增长6%)
            together &= one_sentence(text, [f for f in group if f.get("value") in vals])
            if len(panel.examples) < 200:
                panel.examples.append((info.name, kind, sorted(vals), [f.get("evidence", "")[:80] for f in group]))
        for v in vals:
            assert panel.values is not None
            panel.values[(info.place, group[0]["period"], kind)][v].append(info.name)
    panel.two_in_report += two
    panel.two_in_sentence += two and together
    if not (target and result):
        panel.missing.append((info.name, ("target " if not target else "") + ("result" if not result else "")))


def conflicts(panel: Panel) -> tuple[int, int]:
    """Place-year-kinds with two values, and of those, how many come from two different reports."""
    assert panel.values is not None
    two = [v for v in panel.values.values() if len(v) > 1]
    across = sum(1 for v in two if len({d for docs in v.values() for d in docs}) > 1)
    return len(two), across


def gdp_sentences(text: str, limit: int = 10) -> list[str]:
    """Sentences naming 生产总值/GDP with a rate in them (增长, 增速, %), in text order."""
    out = []
    for m in SENTENCE.finditer(text):
        s = m.group(0).strip()
        if GDP_WORDS.search(s) and re.search(r"增长|增速|[%％]", s):
            out.append(s[:180])
            if len(out) >= limit:
                break
    return out


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", nargs=3, metavar=("ROOT", "LIST", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--keep", type=Path, help="unpack here (and reuse it next time) instead of a temporary folder")
    ap.add_argument("--limit", type=int, help="only the first N reports (by path), for a quick run")
    ap.add_argument("--no-timing", action="store_true", help="extract once, with two processes, and skip the timing")
    ap.add_argument("--sample", type=int, default=50, help="reports to sample where a GDP figure is missing")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--lint-sample", nargs=2, metavar=("CLASS", "N"),
                    help="also print N random facts (or documents) of a lint class")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.worker:
        worker(Path(args.worker[0]), Path(args.worker[1]), Path(args.worker[2]))
        return 0
    if not (NATIONAL / "reports.tar.xz").is_file():
        print(f"no national corpus at {NATIONAL}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    folder, temporary = unpack(args.keep)
    try:
        return _run(args, folder, time.perf_counter() - t0)
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)


def _run(args: argparse.Namespace, folder: Path, unpack_s: float) -> int:
    from planwatch import read_file

    docs = sorted(read_index(folder), key=lambda d: d.name)[: args.limit]
    chars = sum(d.chars for d in docs)
    print(f"{len(docs):,} reports ({chars / 1e6:.1f} M characters) unpacked in {unpack_s:.1f} s to {folder}")
    report: dict = {"reports": len(docs)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        timings = []
        runs = (2,) if args.no_timing else (1, 2)
        outs: list[Path] = []
        for n in runs:
            t, o = extract_all(folder, docs, n, work)
            timings.append(t)
            outs = outs or o
            print(f"  extract: {t}")
        report["timing"] = [t.__dict__ for t in timings]
        facts = read_facts(outs)

        # the lint, one report at a time, with the engine's context of each
        lint = CL.Lint()
        panel = Panel()
        flat = work / "facts.jsonl"
        with flat.open("w", encoding="utf-8") as fh:
            for info in docs:
                text = read_file(info.path).text
                fs = facts.get(info.name, [])
                ctx = CL.context_of(info.path, info.name) or CL.context_from_facts(fs)
                lint.add(info, text, fs, ctx)
                add_to_panel(panel, info, fs, text)
                for f in fs:
                    fh.write(json.dumps(f, ensure_ascii=False) + "\n")
        lint.finish()
        sources = work / "SOURCES.md"  # the shared lint reads a SOURCES.md table
        sources.write_text("".join(f"| `{d.name}` | {d.place} | {d.province} | {d.level} | {d.year or ''} | x |\n"
                                   for d in docs), encoding="utf-8")
        other = CL.shared_lint(flat, sources)

    print()
    CL.print_report(lint, "national corpus")
    CL.print_comparison(lint, other)
    if args.lint_sample:
        CL.print_sample(lint, None, args.lint_sample[0], int(args.lint_sample[1]), args.seed)
    report["lint"] = lint.to_dict()

    n = max(panel.reports, 1)
    two, across = conflicts(panel)
    print(f"\nGDP panel ({GDP} growth of the report's own place), {panel.reports:,} reports since {SINCE}:")
    print(f"  target for the plan year    {panel.with_target:6,d}  {100 * panel.with_target / n:5.1f} %")
    print(f"  result for the year before  {panel.with_result:6,d}  {100 * panel.with_result / n:5.1f} %")
    print(f"  both                        {panel.both:6,d}  {100 * panel.both / n:5.1f} %")
    print(f"  reports with two different values for one kind and year: {panel.two_in_report} "
          f"({panel.two_in_sentence} of them from one sentence, the text giving two: 增长8.5%，力争9%)")
    print(f"  place-year-kinds with two different values over all reports: {two} ({across} of them from two reports)")
    for doc, kind, vals, ev in panel.examples[:8]:
        print(f"    {doc} {kind}: {vals}  | " + " | ".join(ev)[:160])
    report["panel"] = {"reports": panel.reports, "target": panel.with_target, "result": panel.with_result,
                       "both": panel.both, "two_in_report": panel.two_in_report,
                       "two_in_one_sentence": panel.two_in_sentence,
                       "place_year_kinds_with_two": two, "of_them_across_reports": across}

    rng = random.Random(args.seed)
    assert panel.missing is not None
    picked = rng.sample(panel.missing, min(args.sample, len(panel.missing)))
    print(f"\n{len(picked)} of the {len(panel.missing)} reports missing a figure, at random (seed {args.seed}), "
          f"with their sentences naming 生产总值/GDP:")
    by_name = {d.name: d for d in docs}
    for k, (doc, what) in enumerate(sorted(picked), 1):
        info = by_name[doc]
        gdp = [f for f in facts.get(doc, []) if f.get("indicator") == GDP]
        got = "; ".join(f"{f['kind']} {f.get('period')} {f.get('region')} {f.get('measure')} {f.get('value')}"
                        for f in gdp[:4]) or "none"
        print(f"[{k}] {doc} ({info.place} {info.year}) missing: {what.strip()}; its {GDP} facts: {got}")
        for s in gdp_sentences(read_file(info.path).text):
            print(f"     · {s}")
    report["missing_sample"] = [d for d, _ in picked]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
