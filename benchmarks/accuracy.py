#!/usr/bin/env python3
"""Accuracy of planwatch on the development sets, scored by ../shared/eval/score.py.

usage: python benchmarks/accuracy.py [--json] [--out DIR] [--no-variants]

Runs extraction over ../shared/seeds and ../shared/dev/docs, writes the facts as JSONL and
prints the scorer's figures for each set. It also scores two variants of every document that
real files take: `pdf` (lines wrapped at 36 characters, a page number every 40 lines, as text
extracted from a PDF), `fullwidth` (digits, ． and ％ in full width) and `gbk-crlf` (the file in
GB18030 with Windows line ends); their gold offsets are moved with the text. Exits 2 when ../shared is absent.
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
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
WRAP, PAGE_EVERY = 36, 40


def pdf_like(text: str) -> tuple[str, list[int]]:
    """Wrap long lines at WRAP characters (not table rows) and add page numbers.

    Returns the new text and, for every old offset, its new offset."""
    out: list[str] = []
    where = [0] * (len(text) + 1)
    n = col = wrapped = 0
    page = 1
    lines = text.split("\n")
    pos = 0
    for k, line in enumerate(lines):
        table = "\t" in line
        for i, ch in enumerate(line):
            if not table and col >= WRAP:
                out.append("\n")
                n += 1
                col = 0
                wrapped += 1
                if wrapped % PAGE_EVERY == 0:
                    page += 1
                    mark = f"\n\n- {page} -\n\n"
                    out.append(mark)
                    n += len(mark)
            where[pos + i] = n
            out.append(ch)
            n += 1
            col += 1
        pos += len(line)
        if k < len(lines) - 1:
            where[pos] = n
            out.append("\n")
            n += 1
            pos += 1
            col = 0
    where[len(text)] = n
    return "".join(out), where


def full_width(text: str) -> tuple[str, list[int]]:
    return text.translate(FULL_WIDTH), list(range(len(text) + 1))


def gbk_crlf(text: str) -> tuple[str, list[int]]:
    """Windows line ends (the file is written in GB18030, see ENCODINGS)."""
    where, n = [], 0
    for ch in text:
        where.append(n)
        n += 2 if ch == "\n" else 1
    where.append(n)
    return text.replace("\n", "\r\n"), where


VARIANTS = {"pdf": pdf_like, "fullwidth": full_width, "gbk-crlf": gbk_crlf}
ENCODINGS = {"gbk-crlf": "gb18030"}


def make_variant(name: str, docs: Path, gold: Path, out: Path) -> tuple[Path, Path]:
    """Write the variant of every document and its gold, offsets moved with the text."""
    vdocs, vgold = out / f"{name}-docs", out / f"{name}-gold"
    vdocs.mkdir(parents=True, exist_ok=True)
    vgold.mkdir(parents=True, exist_ok=True)
    for doc in sorted(docs.glob("*.txt")):
        text, where = VARIANTS[name](doc.read_text(encoding="utf-8"))
        (vdocs / doc.name).write_bytes(text.encode(ENCODINGS.get(name, "utf-8")))
        rows = []
        for line in (gold / f"{doc.stem}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                g["start"], g["end"] = where[g["start"]], where[g["end"] - 1] + 1
                rows.append(json.dumps(g, ensure_ascii=False))
        (vgold / f"{doc.stem}.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return vdocs, vgold


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


def run(out_dir: Path | None = None, variants: bool = True) -> dict[str, dict]:
    results = {}
    tmp = Path(tempfile.mkdtemp()) if out_dir is None else out_dir
    tmp.mkdir(parents=True, exist_ok=True)
    for name, (docs, gold) in SETS.items():
        if not (SHARED / docs).is_dir():
            continue
        pred = tmp / f"{name}.jsonl"
        extract_set(SHARED / docs, pred)
        results[name] = score(pred, SHARED / gold)
        for v in VARIANTS if variants else ():
            vdocs, vgold = make_variant(v, SHARED / docs, SHARED / gold, tmp / name)
            vpred = tmp / f"{name}-{v}.jsonl"
            extract_set(vdocs, vpred)
            results[f"{name}-{v}"] = score(vpred, vgold)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, help="keep the predicted JSONL files (and variants) here")
    ap.add_argument("--no-variants", action="store_true", help="score the documents as they are only")
    args = ap.parse_args()
    if not (SHARED / "eval" / "score.py").is_file():
        print(f"no development sets at {SHARED}: nothing to score", file=sys.stderr)
        return 2
    results = run(args.out, variants=not args.no_variants)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for name, r in results.items():
        for part in ("all", "tier_A"):
            x = r[part]
            fields = " ".join(f"{k}={v:.2f}" for k, v in x["field_accuracy"].items())
            print(f"{name:15s} {part:6s} gold={x['gold']:4d} pred={x['predicted']:4d} P={x['precision']:.3f} "
                  f"R={x['recall']:.3f} F1={x['f1']:.3f} strictF1={x['strict_f1']:.3f}  {fields}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
