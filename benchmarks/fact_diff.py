#!/usr/bin/env python3
"""Every fact before and after a change: dump a corpus's facts, then compare two dumps field by field.

usage: python benchmarks/fact_diff.py dump OUT [--corpus DIR | --national [--keep DIR]] [--jobs N]
       python benchmarks/fact_diff.py compare A B [--field FIELD | --added | --removed] [--show N] [--seed S]

A rule that mends one sentence can move hundreds of facts elsewhere; the gold sets are too small to see it. So a
change is checked on every fact of ../shared/corpus (or of the national archive): `dump` writes one JSON line per
document ({"doc", "facts"}) with this checkout's engine; `compare` keys the facts of two dumps by (document, start,
end) and prints how many were added, removed, and changed in each field, then a seeded sample of one kind of
change with the evidence, for a person to read.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
FIELDS = ("indicator", "tier", "kind", "period", "region", "value", "unit", "qualifier", "duplicate")

Key = tuple[str, int, int]


def load(path: Path) -> dict[Key, dict]:
    """The facts of a dump by (document, start, end)."""
    out: dict[Key, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not a JSON line ({e})") from e
            for f in row["facts"]:
                out[(row["doc"], f["start"], f["end"])] = f
    return out


def compare(a: dict[Key, dict], b: dict[Key, dict]) -> tuple[list[Key], list[Key], dict[str, list[Key]]]:
    """(added, removed, {field: keys whose value of it changed}) from dump a to dump b."""
    added = sorted(k for k in b if k not in a)
    removed = sorted(k for k in a if k not in b)
    changed: dict[str, list[Key]] = {f: [] for f in FIELDS}
    for k in sorted(a.keys() & b.keys()):
        for f in FIELDS:
            if a[k].get(f) != b[k].get(f):
                changed[f].append(k)
    return added, removed, changed


def summary(a: dict, b: dict, added: list, removed: list, changed: dict[str, list[Key]]) -> str:
    counts = Counter({f: len(ks) for f, ks in changed.items() if ks})
    return (f"facts {len(a):,} → {len(b):,}: added {len(added):,}, removed {len(removed):,}"
            + "".join(f", {f} {n:,}" for f, n in counts.items()))


def show(f: dict) -> str:
    return (f"{f.get('indicator')}|{f.get('tier')}|{f.get('kind')}|{f.get('period')}|{f.get('region')}|"
            f"{f.get('value')}{f.get('unit') or ''}|{f.get('qualifier')}  «{(f.get('evidence') or '')[:80]}»")


def dump(out: Path, docs: list[Path], root: Path, jobs: int) -> None:
    """Extract every document in `jobs` processes (benchmarks/national.py's worker) and write one dump."""
    rels = sorted(str(p.relative_to(root)) for p in docs)
    with tempfile.TemporaryDirectory() as tmp:
        procs, outs = [], []
        for i in range(jobs):
            listing, part = Path(tmp) / f"list{i}", Path(tmp) / f"out{i}"
            listing.write_text("\n".join(rels[i::jobs]), encoding="utf-8")
            procs.append(subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "national.py"), "--worker",
                                           str(root), str(listing), str(part)]))
            outs.append(part)
        if any(p.wait() != 0 for p in procs):
            raise SystemExit("a worker failed: no dump written")
        tmp_out = out.with_name(out.name + ".partial")
        with tmp_out.open("w", encoding="utf-8") as fh:
            for part in outs:
                fh.write(part.read_text(encoding="utf-8"))
        tmp_out.replace(out)  # (a crash leaves no half-written dump under the name asked for)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="write every fact of a corpus")
    d.add_argument("out", type=Path)
    d.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of documents (default ../shared/corpus/docs)")
    d.add_argument("--national", action="store_true", help="the national archive (unpacked by national.py)")
    d.add_argument("--keep", type=Path, help="with --national: unpack here, or reuse it")
    d.add_argument("--jobs", type=int, default=2)
    c = sub.add_parser("compare", help="compare two dumps")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    g = c.add_mutually_exclusive_group()
    g.add_argument("--field", choices=FIELDS)
    g.add_argument("--added", action="store_true")
    g.add_argument("--removed", action="store_true")
    c.add_argument("--show", type=int, default=20)
    c.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        if args.national:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            import national

            root, temporary = national.unpack(args.keep)
            docs = [p for p in (root / "reports").rglob("*") if p.is_file()]
        else:
            root, temporary = args.corpus, False
            docs = [p for p in root.iterdir() if p.is_file()]
        try:
            dump(args.out, docs, root, max(1, args.jobs))
        finally:
            if temporary:
                shutil.rmtree(root, ignore_errors=True)
        print(f"{args.out}: {len(docs):,} documents")
        return 0
    a, b = load(args.a), load(args.b)
    added, removed, changed = compare(a, b)
    print(summary(a, b, added, removed, changed))
    rng = random.Random(args.seed)
    if args.added or args.removed:
        keys, src = (added, b) if args.added else (removed, a)
        for k in rng.sample(keys, min(args.show, len(keys))):
            print(f"{k[0]} {k[1]}  {show(src[k])}")
    elif args.field:
        keys = changed[args.field]
        for k in rng.sample(keys, min(args.show, len(keys))):
            print(f"{k[0]} {k[1]}\n   before {show(a[k])}\n   after  {show(b[k])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
