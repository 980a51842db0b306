"""Ingest speed and memory: N generated documents (~10,000 characters each) into SQLite.

    python benchmarks/ingest.py                      # 5,000 documents, the real engine, one process
    python benchmarks/ingest.py --docs 500 --jobs 2
    python benchmarks/ingest.py --engine none        # storage alone (an engine finding nothing)

Prints documents/second and the process's peak RSS after every `--every`
documents, so a leak shows as RSS growing with the corpus. Goal (issue 3):
≥ 30 documents/s on one core, extraction included; memory flat.
The documents are fictional (generated sentences about invented cities).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planwatch import services  # noqa: E402
from planwatch.store.db import open_db  # noqa: E402

SYL = "澜石青云江河山川湖海松柏桐梧安平宁康丰盛和泰兴华"
INDICATORS = ["地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "地方一般公共预算收入",
              "进出口总额", "居民人均可支配收入", "城镇新增就业"]
FILLER = ["坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。", "持续优化营商环境，激发市场主体活力。",
          "统筹发展和安全，守牢不发生系统性风险的底线。", "深入推进生态文明建设，空气质量持续改善。",
          "加快建设现代化产业体系，推动传统产业转型升级。", "扎实推进乡村振兴，农村人居环境明显改善。"]


def document(rnd: random.Random, i: int, chars: int) -> str:
    city = rnd.choice(SYL) + rnd.choice(SYL) + "市"
    year = rnd.randint(2018, 2025)
    parts = [f"{city}{year}年政府工作报告（虚构第{i}号）\n\n一、{year - 1}年工作回顾\n"]
    n = 0
    while sum(map(len, parts)) < chars:
        ind = rnd.choice(INDICATORS)
        # One sentence in three carries figures: about 150 facts in 10,000 characters,
        # the density of a real work report.
        if n % 6 == 0:
            parts.append(f"{year - 1}年全市{ind}增长{rnd.uniform(-2, 12):.1f}%，"
                         f"新建项目{rnd.randint(10, 400)}个，完成投资{rnd.randint(10, 900)}亿元。")
        elif n % 6 == 3:
            parts.append(f"{year}年主要预期目标：{ind}增长{rnd.randint(3, 9)}%左右。")
        else:
            parts.append(rnd.choice(FILLER))
        n += 1
        if n % 6 == 0:
            parts.append("\n")
    return "".join(parts)[:chars] + "\n"


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cur = peak
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
    except OSError:
        pass
    return cur, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--every", type=int, default=500, help="print a line every this many documents")
    ap.add_argument("--engine", choices=("real", "none"), default="real")
    ap.add_argument("--db", default=None, help="SQLite file (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the generated documents and database")
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="planwatch-ingest-bench-"))
    corpus = work / "docs"
    corpus.mkdir()
    rnd = random.Random(42)
    for i in range(a.docs):
        (corpus / f"{i // 1000:02d}").mkdir(exist_ok=True)
        (corpus / f"{i // 1000:02d}" / f"report_{i:05d}.txt").write_text(document(rnd, i, a.chars), encoding="utf-8")
    db = a.db or str(work / "bench.db")
    open_db(db, create=True).close()  # migrations are not ingest time
    extractor: Any = None if a.engine == "real" else (lambda doc, **kw: [])
    if a.engine == "real":  # warm the engine's lexicons up outside the timing
        from planwatch import extract_text
        extract_text("2024年地区生产总值增长5%。")

    print(f"{a.docs:,} documents of {a.chars:,} characters, engine={a.engine}, jobs={a.jobs}, db={db}")
    print(f"{'docs':>7} {'docs/s (window)':>16} {'docs/s (all)':>13} {'facts':>9} {'RSS MB':>8} {'peak MB':>8}")
    t0 = time.perf_counter()
    state = {"n": 0, "t": t0, "facts": 0}

    def progress(_path: str, _status: str) -> None:
        state["n"] += 1
        if state["n"] % a.every == 0:
            now = time.perf_counter()
            cur, peak = rss_mb()
            print(f"{state['n']:>7,} {a.every / (now - state['t']):>16.1f} {state['n'] / (now - t0):>13.1f} "
                  f"{'':>9} {cur:>8.0f} {peak:>8.0f}", flush=True)
            state["t"] = now

    report = services.ingest([corpus], db, jobs=a.jobs, extractor=extractor, on_progress=progress)
    total = time.perf_counter() - t0
    cur, peak = rss_mb()
    print(f"total: {len(report.added):,} documents, {report.facts:,} facts, {len(report.failed)} failed, "
          f"{total:.1f}s → {len(report.added) / total:.1f} docs/s; RSS {cur:.0f} MB, peak {peak:.0f} MB; "
          f"database {Path(db).stat().st_size / 1e6:.0f} MB")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
