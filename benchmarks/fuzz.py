"""Fuzz the readers and the engine: every input must end in facts or an InputError, quickly.

    python benchmarks/fuzz.py [--seconds 120] [--seed 1] [--files DIR ...]

Four sources of input, in turn, until the time is up:

* hypothesis-generated text (CJK, digits, 、 and punctuation, spaces, newlines) through `extract_text`;
* pathological runs (long runs of digits, of 、, of spaces, of blank lines before a heading, one
  line without punctuation) through `extract_text`;
* bytes mutated from real files (the examples, and any --files: flipped, cut, duplicated and
  spliced bytes) written to disk and read with `read_file` (suffix kept, so each reader is hit);
* the same mutated files through `extract_document`.

Prints the inputs tried, every exception that is not an InputError (with the input's size and
a reproduction file), the slowest input per 10,000 characters and the largest output (JSON
bytes of the facts) per input character. Exit code 1 when an exception other than InputError
was seen or an input took more than --slow seconds per 10,000 characters.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch import extract_text
from planwatch.errors import InputError
from planwatch.extract.pipeline import extract_document
from planwatch.read import SUPPORTED, read_file

WORDS = ["地区生产总值", "增长", "左右", "以上", "亿元", "万人", "个百分点", "第", "位", "目标", "预计", "今年",
         "去年", "2024年", "一、", "二、", "工作回顾", "主要预期目标", "十四五", "全市", "县", "区", "、", "，", "。",
         "%", "％", "５", "．", "\n", "\t", " ", "|", "——", "年均", "累计", "下降", "提高", "三", "十四", "五",
         "点", "万", "亿", "=", "-", "（", "）"]


class Stats:
    def __init__(self) -> None:
        self.tried = 0
        self.crashes: list[tuple[str, str, Path]] = []
        self.timeouts: list[tuple[str, int, Path]] = []   # stopped after LIMIT seconds
        self.slowest = (0.0, "", 0)       # seconds per 10k characters, what, size
        self.largest = (0.0, "", 0)       # output bytes per input character, what, size

    def record(self, what: str, size: int, seconds: float, out_bytes: int) -> None:
        self.tried += 1
        per10k = seconds / max(size, 1) * 10_000
        if size >= 200 and per10k > self.slowest[0]:
            self.slowest = (per10k, what, size)
        per_char = out_bytes / max(size, 1)
        if size >= 50 and per_char > self.largest[0]:
            self.largest = (per_char, what, size)


def _facts_bytes(facts: list) -> int:  # type: ignore[type-arg]
    return sum(len(f.to_json().encode("utf-8")) + 1 for f in facts)


class _TooSlow(Exception):
    pass


def _alarm(_sig: int, _frame: object) -> None:
    raise _TooSlow


LIMIT = 10.0   # seconds one input may take; a slower one is stopped and counted as that slow


def _run(stats: Stats, what: str, size: int, fn: Callable[[], list], keep: Callable[[], Path]) -> None:  # type: ignore[type-arg]
    t0 = time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        facts = fn()
    except InputError:
        facts = []
    except _TooSlow:
        facts = []
        stats.timeouts.append((what, size, keep()))
    except Exception:  # noqa: BLE001 — this is what the fuzzer looks for
        stats.crashes.append((what, traceback.format_exc(limit=4), keep()))
        facts = []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    stats.record(what, size, time.perf_counter() - t0, _facts_bytes(facts))


def generated(rng: random.Random) -> Iterator[str]:
    """hypothesis-shaped text: words of the domain, random code points, digits."""
    try:
        from hypothesis import strategies as st
        words = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6),
                                   st.integers(0, 10**7).map(str),
                                   st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.2f}")),
                         max_size=400).map("".join)
        while True:
            yield words.example()  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        while True:
            yield "".join(rng.choice(WORDS) for _ in range(rng.randint(0, 400)))


def pathological(rng: random.Random) -> Iterator[str]:
    n = rng.choice([1_000, 10_000, 50_000])
    head = "云岭市2025年政府工作报告\n——2025年1月18日\n"
    yield head + "1" * n
    yield head + "增长" + "、".join(str(i % 10) for i in range(n // 2)) + "%"
    yield head + " " * n + "地区生产总值增长5.8%"
    yield head + "地区生产总值增长5.8%" + "\n" * n + "二、2025年主要预期目标\n"
    yield head + "\n" * n
    yield head + "".join(f"第{i}项增长{i % 9}.{i % 7}% " for i in range(n // 15))
    yield head + "、" * n
    yield head + ("|" + "5.8%|" * 40 + "\n") * (n // 200)


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        if not b:
            break
        i = rng.randrange(len(b))
        if op == 0:
            b[i] = rng.randrange(256)
        elif op == 1:
            del b[i:i + rng.randint(1, 64)]
        elif op == 2:
            b[i:i] = b[i:i + rng.randint(1, 256)] * rng.randint(1, 20)
        elif op == 3:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randint(1, 512)]
        else:
            del b[rng.randrange(len(b)):]
    return bytes(b)


def real_files(extra: list[Path]) -> list[Path]:
    out = sorted((ROOT / "planwatch" / "examples").glob("*.*"))
    for d in extra:
        out += sorted(p for p in (d.rglob("*") if d.is_dir() else [d]) if p.suffix.lower() in SUPPORTED)
    return [p for p in out if p.is_file() and p.stat().st_size < 5_000_000]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--slow", type=float, default=0.5, help="seconds per 10,000 characters that count as slow")
    ap.add_argument("--files", type=Path, nargs="*", default=[], help="more real files to mutate")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    stats = Stats()
    work = Path(tempfile.mkdtemp(prefix="planwatch-fuzz-"))
    files = real_files(args.files)
    gen, path_ = generated(rng), None
    deadline = time.perf_counter() + args.seconds
    k = 0
    while time.perf_counter() < deadline:
        k += 1
        if k % 4 == 0:
            path_ = path_ or pathological(rng)
            try:
                text = next(path_)
            except StopIteration:
                path_ = pathological(rng)
                text = next(path_)
            what = "pathological"
        elif k % 4 == 1 or not files:
            text, what = next(gen), "generated"
        else:
            src = rng.choice(files)
            data = mutate(src.read_bytes(), rng)
            p = work / f"m{k}{src.suffix}"
            p.write_bytes(data)
            _run(stats, f"read {src.name} (mutated)", len(data), lambda p=p: (read_file(p), [])[1],
                 lambda p=p: p)

            def read_and_extract(p: Path = p) -> list:  # type: ignore[type-arg]
                return extract_document(read_file(p))
            _run(stats, f"extract {src.name} (mutated)", len(data), read_and_extract, lambda p=p: p)
            continue

        def keep(text: str = text, k: int = k) -> Path:
            q = work / f"input{k}.txt"
            q.write_text(text, encoding="utf-8", errors="surrogatepass")
            return q
        _run(stats, what, len(text), lambda text=text: extract_text(text), keep)

    print(f"inputs tried: {stats.tried} in {args.seconds:g} s (seed {args.seed}; inputs kept in {work})")
    print(f"exceptions other than InputError: {len(stats.crashes)}")
    for what, tb, p in stats.crashes[:10]:
        print(f"  {what}: {p}\n    " + tb.strip().splitlines()[-1])
    for what, size, p in stats.timeouts[:10]:
        print(f"  stopped after {LIMIT:g} s: {what}, {size} characters: {p}")
    print(f"slowest: {stats.slowest[0]:.3f} s per 10,000 characters ({stats.slowest[1]}, {stats.slowest[2]} chars)")
    print(f"largest output: {stats.largest[0]:.1f} bytes per input character ({stats.largest[1]}, "
          f"{stats.largest[2]} chars)")
    return 1 if stats.crashes or stats.slowest[0] > args.slow else 0


if __name__ == "__main__":
    sys.exit(main())
