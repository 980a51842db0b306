#!/usr/bin/env python3
"""Consistency checks of planwatch on an unlabelled corpus: what must not happen whatever the gold says.

usage: python benchmarks/corpus_lint.py [--corpus DIR] [--sample CLASS N] [--seed S] [--worst N]
                                        [--json] [--no-compare]

Runs planwatch over ../shared/corpus/docs (each document's place, level and year from its
SOURCES.md) and counts, per 1,000 facts and per document (FACT_CLASSES, DOC_CLASSES):
  always wrong   a tier-B indicator holding a headline name; an indicator that starts or ends with
                 a function word, or runs past 20 characters; a fact with no region or no period;
                 a unit not in planwatch/rules/units.toml
  often wrong    a region outside the document's own tree (its province, city, itself and below);
                 a single-year period more than a year from the document's year; a target for a
                 period already over (these can be right: a plan table's base-year column, 由2010年的…)
  per document   no facts; no date or no home region found by the engine's document context; a
                 context year or home that differs from SOURCES.md; facts per 1,000 characters far
                 (3×) from the corpus median
and prints a table, the worst documents, and with --sample CLASS N, N random facts (or documents)
of a class with their evidence, for a person to judge. It then runs ../shared/eval/corpus_lint.py on
the same facts and prints its figures beside these. Exits 2 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from planwatch.extract.spans import BASE_NAMED

MAX_INDICATOR = 20
FUNCTION_WORDS = "的和在为是了及与并将把对等从由向于以或且"
# words that start with a function word and are whole words of an indicator (在建项目, 对外贸易, 及时率)
# names that open or close with a function word and are words of their own: the engine's keep_starts
# (rules/indicators.toml: 在建, 对外, 对俄 …) and these
FUNCTION_WORD_OK = ("在外", "及时", "从业", "以上", "以下", "以内", "于是")
# a tier-B indicator may hold a headline name when it is a different measure of it (人均GDP, 占GDP比重)
HEADLINE_OK = re.compile(r"占|比重|人均|增加值率|万元|单位|农村|城镇居民|城市居民|农民|民间|工业投资|第[一二三]产业|"
                         r"贡献率|拉动|增量|总量.*位|排名|倍|目标|计划|价格|比例|中的|"
                         # a gap named with its comparison (地区生产总值增速高于全省: GUIDE, the gap is the fact)
                         r"高于|低于|快于|慢于|高出|超出")
# the engine's own word that a headline's name was kept for a wider statistic (其中…, two names in one sentence)
WIDER_WHY = "wider than the headline"
FAR = 3.0  # a document's facts per 1,000 characters more than this many times above or below the median

FACT_CLASSES = {  # class: (what, always an error?)
    "headline_in_tier_b": ("a tier-B indicator holding a headline name", True),
    "function_word": ("an indicator starting or ending with a function word", True),
    "long_indicator": (f"an indicator over {MAX_INDICATOR} characters", True),
    "no_region": ("a fact with no region", True),
    "no_period": ("a fact with no period", True),
    "no_period_undated": ("no period, in a document with no date (said in a warning)", False),
    "no_period_once_done": ("no period, a target of what a project will do once done (建成后…)", False),
    "no_region_unplaced": ("no region, in a document that names no home (said in a warning)", False),
    "unknown_unit": ("a unit not in rules/units.toml", True),
    "outside_region": ("a region outside the document's own tree", False),
    "far_period": ("a single-year period more than a year from the document's", False),
    "stale_target": ("a target for a period already over", False),
}
DOC_CLASSES = {
    "no_facts": "no facts at all",
    "no_date": "no date found (engine context)",
    "no_home": "no home region found (engine context)",
    "wrong_year": "context's plan year differs from the document's",
    "wrong_home": "context's home differs from the document's place",
    "density_far": f"facts per 1,000 characters over {FAR:g}× from the median",
}


@dataclass(frozen=True)
class DocInfo:
    name: str              # the `doc` of its facts
    path: Path
    place: str             # its own place (满城区), "" for a national or many-place document
    province: str          # 河北, 全国, 多省
    level: str             # province, prefecture, county, district, national, multi (city, city-major)
    year: int | None       # the document's plan year (a statistical text's: the year it reports on)
    kind: str = ""         # 政府工作报告, 统计公报, …
    chars: int = 0         # its length, where the index says

    @property
    def national(self) -> bool:
        return self.level in ("national", "multi") or self.province in ("全国", "多省")


def read_sources(path: Path, docs: Path) -> list[DocInfo]:
    """The rows of a corpus SOURCES.md table: | `file` | place | province | level | year | …"""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        c = [x.strip() for x in line.split("|")[1:-1]]
        name = c[0].strip("`")
        place = c[1].split(",")[0].strip()
        if "(" in place or "全国" in place:
            place = ""
        out.append(DocInfo(name, docs / name, place, c[2], c[3], int(c[4]) if c[4].isdigit() else None, c[5]))
    return out


# ------------------------------------------------------------------ rules the checks read

@lru_cache(maxsize=1)
def rules() -> dict:
    from planwatch.extract.lexicon import load_rules

    units = load_rules("units.toml")
    known: set[str] = set()
    for k in ("percent", "compound", "counts", "measures"):  # the older layout: lists at the top
        known.update(units.get(k, ()))
    for words in units.get("kinds", {}).values():  # the newer: [kinds] kind = [units]
        known.update(words)
    ind = load_rules("indicators.toml")
    names, nots = set(), set()
    for h in ind.get("headline", ()):
        names.add(h["name"])
        names.update(s for s in h.get("synonyms", ()) if len(s) >= 4 or s in ("GDP", "CPI"))
        nots.update(h.get("not", ()))
    return {"units": known, "magnitudes": sorted(units.get("magnitudes", ()), key=len, reverse=True),
            "headline": sorted(names, key=len, reverse=True), "not": tuple(nots)}


def unit_known(unit: str | None) -> bool:
    if not unit:
        return True
    r = rules()
    u = unit.strip()
    changed = True
    while changed and u not in r["units"]:
        changed = False
        for m in r["magnitudes"]:
            if u.startswith(m) and len(u) > len(m):
                u, changed = u[len(m):], True
                break
    return u in r["units"]


def headline_in(indicator: str) -> str | None:
    r = rules()
    if any(n in indicator for n in r["not"]) or HEADLINE_OK.search(indicator):
        return None
    from planwatch.extract.lexicon import lexicon

    part = lexicon().phrase.year_part_re.match(indicator)
    if part is not None and part.group("part"):
        return None  # 一季度地区生产总值: a part of a year, kept from the year's headline on purpose
    if BASE_NAMED.search(indicator):
        return None  # 地区生产总值比2015年增长: a growth over a base year, kept from the year's on purpose
    return next((h for h in r["headline"] if h in indicator), None)


def function_word(indicator: str) -> bool:
    if not indicator:
        return False
    from planwatch.extract.lexicon import lexicon

    start = indicator[0] in FUNCTION_WORDS and not indicator.startswith(FUNCTION_WORD_OK + lexicon().phrase.keep_starts)
    # (惠及, 涉及: a verb ending in a joiner's character, the engine's not_joiners, ends no name on a function word)
    end = indicator[-1] in FUNCTION_WORDS and not indicator.endswith(FUNCTION_WORD_OK + lexicon().phrase.not_joiners)
    return start or end


# ------------------------------------------------------------------ the document's tree

@dataclass(frozen=True)
class Tree:
    """Which region codes and names belong to a document: its place, the places above it and,
    for a province or a city, the places below it."""
    prefixes: tuple[str, ...]    # any code starting so is inside (a province: 13; a city: 1306, and 5222
                                 # for the 铜仁地区 that 铜仁市 was)
    codes: frozenset[str]        # and these (the ancestors, a county's renamed codes)
    names: tuple[str, ...]       # names (full and short) a codeless region may hold (株洲 + 高新区)
    home_code: str | None

    def holds(self, region: str | None, code: str | None) -> bool:
        if region in ("全国", "中国", "国家") or (region and region in self.names):
            return True
        if code:
            return code in self.codes or code.startswith(self.prefixes)
        return bool(region) and any(n in region for n in self.names)


@lru_cache(maxsize=4096)
def tree_of(place: str, year: int | None) -> Tree | None:
    """The tree of a place named as in SOURCES.md (保定市, 满城区), from regions.toml."""
    if not place:
        return None
    import variants as V

    r = V.regions()
    cands = [p for p in r.places if p.name == place]
    if not cands:
        return None
    y = year or 2020
    def off(p) -> int:  # years between y and the name's time in force
        if p.valid_from is not None and y < p.valid_from:
            return p.valid_from - y
        return y - p.valid_to if p.valid_to is not None and y > p.valid_to else 0

    home = min(cands, key=lambda p: (off(p), p.level != "prefecture"))
    prov = home.code[:2] + "0000"
    # the same place under other names and codes (铜仁地区 → 铜仁市, 徐水县 → 徐水区), in its province
    same = [p for p in r.places if p.code[:2] == home.code[:2] and p.level == home.level
            and (p.name == home.name or (home.short and p.short == home.short))]
    names = {home.name, *(n for n in (home.short,) if n)}
    if home.level in ("province", "prefecture"):  # a codeless region (成都平原经济区) may hold a name below
        prefixes = tuple({p.code[:2] if home.level == "province" else p.code[:4] for p in same})
        for p in r.places:
            if p.code.startswith(prefixes) or p.code == prov:
                names |= {p.name, *(n for n in (p.short,) if n and n not in r.stop)}
        codes = {p.code for p in same} | ({prov} if home.level == "prefecture" else set())
        return Tree(prefixes, frozenset(codes), tuple(names), home.code)
    codes = {prov, *(p.code for p in same), *(p.code[:4] + "00" for p in same)}
    for p in r.places:
        if p.code in codes and p.level != "county":
            names |= {p.name, *(n for n in (p.short,) if n)}
    return Tree((), frozenset(codes), tuple(names), home.code)


# ------------------------------------------------------------------ the engine's view of a document

def context_of(path: Path, name: str) -> dict | None:
    """The engine's document context (date, plan year, home) when planwatch has one, else None."""
    try:
        from planwatch import read_file
        from planwatch.extract.context import document_context
    except ImportError:
        return None
    d = document_context(read_file(path)).to_dict()
    return {k: d.get(k) for k in ("date", "date_source", "plan_year", "review_year", "region", "region_code",
                                  "region_source", "region_evidence")}


def context_from_facts(facts: list[dict]) -> dict:
    """What the facts say of the context, for an engine without document_context: a date when some
    fact has a period, a home when some fact has a region (the most common one)."""
    regions = Counter((f.get("region"), f.get("region_code")) for f in facts if f.get("region"))
    home = regions.most_common(1)[0][0] if regions else (None, None)
    years = Counter(int(p) for f in facts if str(p := f.get("period") or "").isdigit() and f.get("kind") == "target")
    return {"date": "from facts" if any(f.get("period") for f in facts) else None,
            "plan_year": max(years) if years else None, "region": home[0], "region_code": home[1],
            "date_source": "facts", "region_source": "facts"}


def extract(docs: Iterable[DocInfo]) -> Iterator[tuple[DocInfo, str, list[dict], dict]]:
    """(document, its text, its facts without duplicates, its context) for each document."""
    from planwatch import extract_text, read_file

    for info in docs:
        text = read_file(info.path).text
        facts = [f.to_dict() for f in extract_text(text, doc=info.name) if not f.duplicate]
        ctx = context_of(info.path, info.name) or context_from_facts(facts)
        yield info, text, facts, ctx


# ------------------------------------------------------------------ the lint

def fact_flags(f: dict, info: DocInfo, tree: Tree | None, ctx: dict | None = None) -> list[str]:
    """The classes a fact falls in. With the document's context, a fact with no period in a document
    with no date (no region, no home) is a finding about the document, not about the fact."""
    ind = f.get("indicator") or ""
    flags = []
    if f.get("tier") == "B" and headline_in(ind) and WIDER_WHY not in (f.get("why") or ""):
        flags.append("headline_in_tier_b")
    if function_word(ind):
        flags.append("function_word")
    if len(BASE_NAMED.sub("", ind)) > MAX_INDICATOR:  # (a base year named on purpose is no part of the length)
        flags.append("long_indicator")
    if not f.get("region"):
        flags.append("no_region_unplaced" if ctx is not None and not ctx.get("region") else "no_region")
    if not f.get("period"):
        if ctx is not None and not ctx.get("date"):
            flags.append("no_period_undated")
        elif f.get("kind") == "target" and "once done" in (f.get("why") or ""):
            flags.append("no_period_once_done")  # (the gold gives such targets no period)
        else:
            flags.append("no_period")
    if not unit_known(f.get("unit")):
        flags.append("unknown_unit")
    if tree is not None and f.get("region") and not tree.holds(f.get("region"), f.get("region_code")):
        flags.append("outside_region")
    p = str(f.get("period") or "")
    y = info.year
    if y and p.isdigit() and abs(int(p) - y) > 1:
        flags.append("far_period")
    end = p.rsplit("-", 1)[-1]
    if y and end.isdigit() and f.get("kind") == "target" and int(end) < y:
        flags.append("stale_target")
    return flags


@dataclass
class Lint:
    """The counts, built one document at a time (a national corpus does not fit in memory)."""
    facts: int = 0
    chars: int = 0
    counts: Counter = field(default_factory=Counter)
    per_doc: dict = field(default_factory=lambda: defaultdict(Counter))
    doc_facts: dict = field(default_factory=dict)
    doc_chars: dict = field(default_factory=dict)
    doc_flags: dict = field(default_factory=lambda: defaultdict(list))   # doc class → [(doc, detail)]
    samples: dict = field(default_factory=lambda: defaultdict(list))     # class → reservoir of facts
    seen: Counter = field(default_factory=Counter)
    keep: int = 200
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    infos: dict = field(default_factory=dict)

    def add(self, info: DocInfo, text: str, facts: list[dict], ctx: dict) -> None:
        self.infos[info.name] = info
        self.facts += len(facts)
        self.chars += len(text)
        self.doc_facts[info.name] = len(facts)
        self.doc_chars[info.name] = len(text)
        tree = None if info.national else tree_of(info.place, info.year)
        for f in facts:
            for c in fact_flags(f, info, tree, ctx):
                self.counts[c] += 1
                self.per_doc[info.name][c] += 1
                self._sample(c, f)
        if not facts:
            self.doc_flags["no_facts"].append((info.name, f"{len(text):,} characters"))
        if not ctx.get("date"):
            self.doc_flags["no_date"].append((info.name, str(ctx.get("date_source"))))
        elif info.year and ctx.get("plan_year") and info.year not in _years_of(ctx, info):
            self.doc_flags["wrong_year"].append((info.name, (f"plan year {ctx['plan_year']} (date {ctx['date']}, "
                                                            f"{ctx.get('date_source')}), SOURCES {info.year}")))
        if not ctx.get("region"):
            self.doc_flags["no_home"].append((info.name, str(ctx.get("region_source"))))
        elif not info.national and info.place and not _same_place(ctx, info, tree):
            self.doc_flags["wrong_home"].append((info.name, (f"{ctx['region']} ({ctx.get('region_source')}: "
                                                            f"{str(ctx.get('region_evidence'))[:60]}), "
                                                            f"SOURCES {info.place}")))
        elif info.national and ctx.get("region") not in ("全国", "中国", None) and info.level == "national":
            self.doc_flags["wrong_home"].append((info.name, f"{ctx['region']}, SOURCES 全国"))

    def _sample(self, cls: str, f: dict) -> None:
        self.seen[cls] += 1
        box = self.samples[cls]
        if len(box) < self.keep:
            box.append(f)
        else:
            j = self.rng.randrange(self.seen[cls])
            if j < self.keep:
                box[j] = f

    def finish(self) -> None:
        dens = {d: 1000 * n / c for d, n in self.doc_facts.items() if (c := self.doc_chars[d])}
        self.median = statistics.median(dens.values()) if dens else 0.0
        for d, x in sorted(dens.items()):
            if self.median and (x > FAR * self.median or x < self.median / FAR):
                self.doc_flags["density_far"].append((d, f"{x:.2f} facts per 1,000 characters"))

    def per_1000(self, cls: str) -> float:
        return 1000 * self.counts[cls] / max(self.facts, 1)

    def doc_rate(self, doc: str, cls: str) -> float:
        return 1000 * self.per_doc[doc][cls] / max(self.doc_facts.get(doc, 0), 1)

    def worst(self, n: int = 10) -> list[tuple[str, int, float, str]]:
        """The documents with the most always-wrong facts per 1,000 of their facts (at least 20 facts)."""
        always = [c for c, (_, a) in FACT_CLASSES.items() if a]
        rows = []
        for d, c in self.per_doc.items():
            bad = sum(c[k] for k in always)
            if self.doc_facts[d] >= 20 and bad:
                top = ", ".join(f"{k} {v}" for k, v in c.most_common(3))
                rows.append((d, self.doc_facts[d], 1000 * bad / self.doc_facts[d], top))
        return sorted(rows, key=lambda r: -r[2])[:n]

    def to_dict(self) -> dict:
        return {
            "documents": len(self.doc_facts), "characters": self.chars, "facts": self.facts,
            "per_1000": {c: round(self.per_1000(c), 1) for c in FACT_CLASSES},
            "documents_over_20": {c: sum(1 for d in self.per_doc if self.doc_rate(d, c) > 20
                                         and self.doc_facts[d] >= 20) for c in FACT_CLASSES},
            "document_classes": {c: len(self.doc_flags[c]) for c in DOC_CLASSES},
            "median_facts_per_1000_chars": round(self.median, 2),
            "worst": [{"doc": d, "facts": n, "always_wrong_per_1000": round(r, 1), "top": t}
                      for d, n, r, t in self.worst()],
        }


def _years_of(ctx: dict, info: DocInfo) -> set[int]:
    """The years a context may rightly give a document: its plan year; for a statistical text, which
    reports on a year that is over, the year it looks back on too."""
    years = {int(ctx["plan_year"])}
    if "统计" in info.kind and ctx.get("review_year"):
        years.add(int(ctx["review_year"]))
    return years


def _same_place(ctx: dict, info: DocInfo, tree: Tree | None) -> bool:
    if ctx.get("region") == info.place:
        return True
    return bool(tree and tree.home_code and ctx.get("region_code") == tree.home_code)


def print_report(lint: Lint, title: str) -> None:
    d = lint.to_dict()
    print(f"{title}: {d['documents']:,} documents, {d['characters']:,} characters, {d['facts']:,} facts "
          f"(duplicates left out)")
    print(f"  {'class':20s} {'':6s} {'facts':>7s} {'per 1,000':>9s} {'docs >20':>8s}  what")
    for c, (what, always) in FACT_CLASSES.items():
        print(f"  {c:20s} {'always' if always else 'often':6s} {lint.counts[c]:7,d} {lint.per_1000(c):9.1f} "
              f"{d['documents_over_20'][c]:8d}  {what}")
    print(f"  {'document class':20s} {'':6s} {'docs':>7s}")
    for c, what in DOC_CLASSES.items():
        names = ", ".join(x for x, _ in lint.doc_flags[c][:4])
        more = f" …+{len(lint.doc_flags[c]) - 4}" if len(lint.doc_flags[c]) > 4 else ""
        print(f"  {c:20s} {'':6s} {len(lint.doc_flags[c]):7d}  {what}" + (f": {names}{more}" if names else ""))
    print(f"  median facts per 1,000 characters: {d['median_facts_per_1000_chars']}")
    print("  worst documents (always-wrong facts per 1,000 of their facts):")
    for w in d["worst"]:
        print(f"    {w['always_wrong_per_1000']:6.1f}  {w['doc']} ({w['facts']} facts: {w['top']})")


def print_sample(lint: Lint, texts: dict[str, str] | None, cls: str, n: int, seed: int) -> None:
    rng = random.Random(seed)
    if cls in DOC_CLASSES:
        rows = lint.doc_flags[cls]
        for doc, detail in rng.sample(rows, min(n, len(rows))):
            print(f"- {doc}: {detail}")
        return
    box = lint.samples.get(cls, [])
    print(f"{cls}: {lint.counts[cls]} facts; {min(n, len(box))} at random (seed {seed}):")
    for f in rng.sample(box, min(n, len(box))):
        info = lint.infos.get(f["doc"])
        where = f"{info.place or info.province} {info.year}" if info else ""
        print(f"- {f['doc']} [{where}] {f['kind']} {f.get('period')} {f.get('region')} | {f.get('indicator')} | "
              f"{f.get('value')} {f.get('unit') or ''} {f.get('qualifier')}")
        print(f"    {(f.get('evidence') or '').strip()[:200]}")


# ------------------------------------------------------------------ the shared lint, for comparison

SHARED_KEYS = {"headline_in_tierB": "headline_in_tier_b", "long_indicator": "long_indicator",
               "function_word": "function_word", "far_period": "far_period", "stale_target": "stale_target",
               "no_region": "no_region"}


def shared_lint(facts_jsonl: Path, sources: Path) -> dict | None:
    script = SHARED / "eval" / "corpus_lint.py"
    if not script.is_file():
        return None
    r = subprocess.run([sys.executable, str(script), str(facts_jsonl), str(sources), "--json"],
                       capture_output=True, text=True, check=False)
    return json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else None


def print_comparison(lint: Lint, other: dict | None) -> None:
    if other is None:
        print("../shared/eval/corpus_lint.py: not run")
        return
    print(f"beside ../shared/eval/corpus_lint.py ({other['facts']:,} facts; its headline names and function "
          f"words are shorter lists, with fewer exceptions):")
    print(f"  {'class':20s} {'shared':>8s} {'this':>8s}   (per 1,000 facts)")
    for k, mine in SHARED_KEYS.items():
        print(f"  {mine:20s} {other['per_1000'].get(k, float('nan')):8.1f} {lint.per_1000(mine):8.1f}")
    print(f"  {'documents w/o facts':20s} {other['documents_without_facts']:8d} {len(lint.doc_flags['no_facts']):8d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a folder with docs/ and SOURCES.md")
    ap.add_argument("--sample", nargs=2, metavar=("CLASS", "N"), help="print N random facts (or documents) of CLASS")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-compare", action="store_true", help="do not run ../shared/eval/corpus_lint.py")
    args = ap.parse_args(argv)
    sources = args.corpus / "SOURCES.md"
    if not sources.is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.sample and args.sample[0] not in FACT_CLASSES and args.sample[0] not in DOC_CLASSES:
        ap.error(f"no class {args.sample[0]!r}; classes: {', '.join([*FACT_CLASSES, *DOC_CLASSES])}")
    docs = read_sources(sources, args.corpus / "docs")
    lint = Lint()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for info, text, facts, ctx in extract(docs):
                lint.add(info, text, facts, ctx)
                for f in facts:
                    fh.write(json.dumps(f, ensure_ascii=False) + "\n")
        lint.finish()
        other = None if args.no_compare else shared_lint(out, sources)
    if args.json:
        print(json.dumps(lint.to_dict() | {"shared_lint": other}, ensure_ascii=False, indent=1))
    elif args.sample:
        print_sample(lint, None, args.sample[0], int(args.sample[1]), args.seed)
    else:
        print_report(lint, f"corpus {args.corpus}")
        print_comparison(lint, other)
    return 0


if __name__ == "__main__":
    sys.exit(main())
