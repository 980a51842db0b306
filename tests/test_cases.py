"""Behaviour tests of the extraction engine: case tables in tests/cases/*.toml.

Every table is a list of `[[case]]`s, grouped by rule family (numbers and units,
qualifiers, measures and signs, indicators, kinds and periods, non-facts, tables,
regions). The sentences are written for these tests; they are not taken from any
real report. A case is

    [[case]]
    id = "percent_fullwidth"        # unique within its table
    text = "……"                     # the text given to planwatch.extract_text
    date = "2025-01-20"             # optional: extract_text(date=…)
    region = "云岭市"               # optional: extract_text(region=…)
    exact = true                    # optional: no fact beyond the expected ones
    none = true                     # optional: the text must yield no fact at all
    absent = ["10"]                 # optional: no fact's span may overlap these numbers
                                    # (each string's first stand-alone occurrence)
    xfail = "one-line reason"       # optional: a known gap, run as strict xfail
    [[case.facts]]
    number = "7.5"                  # the characters the fact's span must cover
    occurrence = 2                  # optional: the 2nd time `number` appears (1-based);
                                    # a number is never found inside a longer one (4 in 124)
    within = "增长6%左右"           # optional: find `number` inside this string (its
                                    # `occurrence`-th appearance) instead of the whole text
    kind = "target"                 # optional, any of the fact fields below
    ...

A table may set `date`, `region` and `exact` at its top level; a case overrides them
(an empty string means "not given": the text's own date or region applies).
`requires = "regions"` at the top level: the table needs planwatch/extract/regions.py (the
place data); without it every case of the table is an expected failure.
The fields an expected fact may give: kind, indicator, measure, value, unit, qualifier,
region, region_code, period, tier, optional, duplicate; and `indicator_like`, a lenient indicator check for
tier-B phrases (either string contains the other, as eval/score.py matches tier B). `value`, `unit`, `region` and `period` may be
the string "null" for None (a relation has no value and no unit).
An expected fact may also set `xfail = "reason"` itself: the whole case then runs as
strict xfail (the reason lists the facts that are known to be wrong).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from planwatch import extract_text

CASES_DIR = Path(__file__).resolve().parent / "cases"

FACT_FIELDS = ("kind", "indicator", "measure", "value", "unit", "qualifier", "region", "region_code", "period",
               "tier", "optional", "duplicate")
EXPECT_KEYS = {"number", "within", "occurrence", "xfail", "indicator_like", *FACT_FIELDS}
CASE_KEYS = {"id", "text", "date", "region", "exact", "none", "absent", "xfail", "facts", "note"}
TABLE_KEYS = {"case", "date", "region", "exact", "description", "requires"}
TOLERANCE = 1e-6


def _load_tables() -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, tomllib.loads(p.read_text(encoding="utf-8"))) for p in sorted(CASES_DIR.glob("*.toml"))]


def _collect() -> list[Any]:
    params = []
    for table, data in _load_tables():
        unknown = set(data) - TABLE_KEYS
        assert not unknown, f"{table}.toml: unknown top-level keys {sorted(unknown)}"
        seen: set[str] = set()
        for case in data.get("case", []):
            cid = f"{table}::{case.get('id', '?')}"
            assert "id" in case and "text" in case, f"{cid}: a case needs `id` and `text`"
            assert case["id"] not in seen, f"{cid}: duplicate id"
            seen.add(case["id"])
            unknown = set(case) - CASE_KEYS
            assert not unknown, f"{cid}: unknown keys {sorted(unknown)}"
            for fact in case.get("facts", []):
                unknown = set(fact) - EXPECT_KEYS
                assert not unknown, f"{cid}: unknown keys in a fact {sorted(unknown)}"
                assert "number" in fact, f"{cid}: an expected fact needs `number`"
            assert case.get("facts") or case.get("none") or case.get("absent"), \
                f"{cid}: give `facts`, `absent` or `none = true`"
            merged = {k: data[k] for k in ("date", "region", "exact", "requires") if k in data} | case
            reasons = [case["xfail"]] if case.get("xfail") else []
            reasons += [f["xfail"] for f in case.get("facts", []) if f.get("xfail")]
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason="; ".join(reasons))] if reasons else []
            params.append(pytest.param(merged, id=cid, marks=marks))
    return params


class CaseError(Exception):
    """A broken case (its number is not in its text): never taken for a known gap."""


_DIGITS = set("0123456789０１２３４５６７８９")
_POINTS = set(".,．")


def _occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of `needle`; a number is not found inside a longer one (4 in 124, 234 in 1,234)."""
    numeric = needle[:1] in _DIGITS or needle[-1:] in _DIGITS
    out, i = [], text.find(needle)
    while i >= 0:
        j = i + len(needle)
        before, after, after2 = text[i - 1:i] if i else "", text[j:j + 1], text[j + 1:j + 2]
        inside = numeric and (before in _DIGITS | _POINTS and before != ""
                              or after in _DIGITS or (after in _POINTS and after2 in _DIGITS))
        if not inside:
            out.append(i)
        i = text.find(needle, i + 1)
    return out


def _span_of(text: str, want: dict[str, Any], cid: str) -> tuple[int, int]:
    number, occurrence = want["number"], int(want.get("occurrence", 1))
    base, hay = 0, text
    if "within" in want:
        starts = [i for i in range(len(text)) if text.startswith(want["within"], i)]
        if len(starts) < occurrence:
            raise CaseError(f"{cid}: within={want['within']!r} does not occur {occurrence} time(s) (a broken case)")
        base = starts[occurrence - 1]
        hay, occurrence = want["within"], 1
    starts = _occurrences(hay, number)
    if len(starts) < occurrence:
        raise CaseError(f"{cid}: {number!r} does not occur {occurrence} time(s) in the text (a broken case)")
    start = base + starts[occurrence - 1]
    return start, start + len(number)


def _fmt(f: Any, text: str) -> str:
    return (f"[{f.start}:{f.end}] {text[f.start:f.end]!r} surface={f.surface!r} kind={f.kind.value} "
            f"indicator={f.indicator!r} measure={f.measure.value} value={f.value} unit={f.unit!r} "
            f"qualifier={f.qualifier.value} region={f.region!r} period={f.period!r} tier={f.tier}"
            + (" optional" if f.optional else "") + (" duplicate" if f.duplicate else ""))


def _same(field: str, want: Any, got: Any) -> bool:
    if isinstance(want, str) and want == "null":
        want = None
    if hasattr(got, "value") and not isinstance(got, (int, float)):
        got = got.value  # enums compare by their word
    if field == "value":
        if want is None or got is None:
            return want is None and got is None
        return math.isclose(float(want), float(got), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    if field == "period" and want is not None:
        want = str(want)
    return want == got


def _norm(s: str) -> str:
    return "".join(ch for ch in s if ch not in " \u3000“”\"'（）()《》")


def _like(want: str, got: str) -> bool:
    a, b = _norm(want), _norm(got)
    return bool(a) and bool(b) and (a in b or b in a)


@pytest.mark.parametrize("case", _collect())
def test_case(case: dict[str, Any], request: pytest.FixtureRequest) -> None:
    cid = request.node.callspec.id
    if case.get("requires") == "regions":
        from planwatch.extract import places
        if places.rg is None:
            pytest.xfail("planwatch/extract/regions.py has not landed: every figure keeps the home region")
    text = case["text"]
    facts = extract_text(text, doc="case", date=case.get("date") or None, region=case.get("region") or None)
    listing = "\n".join("    " + _fmt(f, text) for f in facts) or "    (none)"
    header = f"{cid}\n  text: {text!r}\n  got:\n{listing}"

    if case.get("none"):
        assert not facts, f"{header}\n  expected no fact"
        return

    problems: list[str] = []
    for number in case.get("absent", []):
        s, e = _span_of(text, {"number": number}, cid)
        problems += [f"{number!r} at [{s}:{e}] is not a fact, got {_fmt(f, text)}"
                     for f in facts if f.start < e and s < f.end]
    matched: set[int] = set()
    for want in case.get("facts", []):
        s, e = _span_of(text, want, cid)
        hits = [i for i, f in enumerate(facts) if (f.start, f.end) == (s, e)]
        if not hits:
            near = [f for f in facts if f.start < e and s < f.end]
            problems.append(f"no fact spans {want['number']!r} at [{s}:{e}]"
                            + (f" (overlapping: {', '.join(_fmt(f, text) for f in near)})" if near else ""))
            continue
        matched.update(hits)
        f = facts[hits[0]]
        for field in FACT_FIELDS:
            if field in want and not _same(field, want[field], getattr(f, field)):
                got = getattr(f, field)
                problems.append(f"{want['number']!r} at [{s}:{e}]: {field} expected {want[field]!r}, "
                                f"got {getattr(got, 'value', got)!r}")
        like = want.get("indicator_like")
        if like is not None and not _like(like, f.indicator):
            problems.append(f"{want['number']!r} at [{s}:{e}]: indicator expected like {like!r}, got {f.indicator!r}")
    if case.get("exact"):
        extra = [f for i, f in enumerate(facts) if i not in matched]
        problems += [f"unexpected fact {_fmt(f, text)}" for f in extra]
    assert not problems, header + "\n  problems:\n" + "\n".join("    - " + p for p in problems)
