"""The one query model: what to look at, parsed and validated once for every command and page.

    q = Query.parse(region="株洲", period="2024年", kind="target")   # UsageError on a bad value
    q = resolve(conn, q)        # 株洲 → 株洲市, 规上工业增加值 → 规模以上工业增加值 (q.notes says so)

`Query.parse` checks the form of each value (a period is a year or a span, a kind
is target or actual, a limit is a whole number ≥ 1 …) and refuses anything else
with a UsageError naming the flag and what it accepts. `resolve` then reads
names the way the engine does: an indicator synonym becomes its headline name
(the engine's lexicon), a short place name the full name of the one stored
region it can mean, or of the region data's (GB/T 2260). A name that can mean
several stored regions, or nothing at all, is refused.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import Any

from sqlalchemy import Connection

from ..errors import UsageError
from ..model import Kind, Measure, Qualifier
from ..store import repo
from ..store.repo import FactFilter

STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")
TIERS = ("A", "B")
MAX_INT = 2**31 - 1            # PostgreSQL's integer: offsets and limits beyond it are refused
LENGTHS = {"indicator": 256, "region": 128, "unit": 64, "period": 32, "doc": 512, "author": 128,
           "note": 4000, "region_code": 32}
FIRST_YEAR, LAST_YEAR = 1949, 2100
FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
             "十五五": (2026, 2030), "十六五": (2031, 2035)}
_PERIOD = re.compile(r"^(\d{4})\s*年?(?:\s*(?:-|–|—|~|～|至|到)\s*(\d{4})\s*年?)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SUFFIXES = ("市", "县", "区", "省", "州", "旗", "盟", "自治州", "自治县", "自治区", "特别行政区", "新区", "高新区",
             "经济开发区", "开发区")


def _show(v: Any) -> str:
    """A value as an error line may quote it: no line breaks or escape sequences."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(v))[:80]


def text_value(flag: str, v: str | None, field: str) -> str | None:
    """A free-text value: stripped, not empty, no control characters, not longer than its column."""
    if v is None:
        return None
    s = str(v).strip()
    if not s:
        raise UsageError(f"{flag}: empty; give a value")
    if _CONTROL.search(s):
        raise UsageError(f"{flag} {_show(s)}: control characters are not allowed")
    limit = LENGTHS[field]
    if len(s) > limit:
        raise UsageError(f"{flag}: {len(s)} characters; at most {limit}")
    return s


def period_value(flag: str, v: str | None) -> str | None:
    """A year (2024, 2024年) or a span (2021-2025, 2021年至2025年, 十四五) as the facts store it."""
    if v is None:
        return None
    s = str(v).strip().strip("“”\"'「」")
    if s in FIVE_YEAR:
        first, last = FIVE_YEAR[s]
        return f"{first}-{last}"
    m = _PERIOD.match(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if m:
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else None
        if FIRST_YEAR <= a <= LAST_YEAR and (b is None or a < b <= LAST_YEAR):
            return str(a) if b is None else f"{a}-{b}"
    raise UsageError(f"{flag} {_show(v)}: a year (2024) or a span (2021-2025, 十四五), "
                     f"years {FIRST_YEAR}-{LAST_YEAR}")


def choice(flag: str, v: str | None, allowed: tuple[str, ...], *, fold: bool = False) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    if fold:
        s = s.upper() if all(a.isupper() for a in allowed) else s.lower()
    if s not in allowed:
        raise UsageError(f"{flag} {_show(v)}: one of {', '.join(allowed)}")
    return s


def whole(flag: str, v: int | None, *, minimum: int) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int):
        raise UsageError(f"{flag} {_show(v)}: a whole number")
    if not minimum <= v <= MAX_INT:
        raise UsageError(f"{flag} {v}: a whole number from {minimum} to {MAX_INT}")
    return v


def number(flag: str, v: float | None, *, minimum: float | None = None, positive: bool = False) -> float | None:
    """A finite number (inf and nan refused), at least `minimum`, above zero when `positive`."""
    if v is None:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise UsageError(f"{flag} {_show(v)}: a number") from None
    if not math.isfinite(x) or abs(x) >= 1e15:
        raise UsageError(f"{flag} {_show(v)}: a finite number (below 10^15)")
    if positive and x <= 0:
        raise UsageError(f"{flag} {_show(v)}: a number above 0")
    if minimum is not None and x < minimum:
        raise UsageError(f"{flag} {_show(v)}: a number of at least {minimum:g}")
    return x


def date_value(flag: str, v: str | None) -> str | None:
    """A calendar date written YYYY-MM-DD."""
    if v is None:
        return None
    s = str(v).strip()
    try:
        d = Date.fromisoformat(s) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else None
    except ValueError:
        d = None
    if d is None or not FIRST_YEAR <= d.year <= LAST_YEAR:
        raise UsageError(f"{flag} {_show(v)}: a date written YYYY-MM-DD (2025-01-16)")
    return d.isoformat()


def kind_value(flag: str, v: str | None) -> str | None:
    return choice(flag, v, tuple(k.value for k in Kind), fold=True)


def measure_value(flag: str, v: str | None) -> str | None:
    return choice(flag, v, tuple(m.value for m in Measure), fold=True)


def qualifier_value(flag: str, v: str | None) -> str | None:
    return choice(flag, v, tuple(q.value for q in Qualifier), fold=True)


@dataclass(frozen=True, slots=True)
class Query:
    """Filters on facts, validated; None means any. Superseded and rejected facts are left
    out unless asked for. `notes` say how names were resolved (株洲 → 株洲市)."""

    indicator: str | None = None
    region: str | None = None
    period: str | None = None
    kind: str | None = None
    measure: str | None = None
    tier: str | None = None
    doc: str | None = None
    status: str | None = None
    include_superseded: bool = False
    include_rejected: bool = False
    limit: int | None = None
    offset: int = 0
    notes: tuple[str, ...] = ()
    resolved: bool = False

    def __post_init__(self) -> None:
        # what reaches SQL as a number is checked however the query was made (parse checks the rest)
        whole("--limit", self.limit, minimum=1)
        whole("--offset", self.offset, minimum=0)

    @classmethod
    def parse(cls, *, indicator: str | None = None, region: str | None = None, period: str | int | None = None,
              kind: str | None = None, measure: str | None = None, tier: str | None = None,
              doc: str | None = None, status: str | None = None, all: bool = False,
              limit: int | None = None, offset: int | None = 0) -> Query:
        """A query from the words a user typed (flags); UsageError names the first bad one."""
        return cls(
            indicator=text_value("--indicator", indicator, "indicator"),
            region=text_value("--region", region, "region"),
            period=period_value("--period", None if period is None else str(period)),
            kind=kind_value("--kind", kind),
            measure=measure_value("--measure", measure),
            tier=choice("--tier", tier, TIERS, fold=True),
            doc=text_value("--doc", doc, "doc"),
            status=choice("--status", status, STATUSES, fold=True),
            include_superseded=bool(all), include_rejected=bool(all),
            limit=whole("--limit", limit, minimum=1),
            offset=whole("--offset", 0 if offset is None else offset, minimum=0) or 0,
        )

    def filter(self) -> FactFilter:
        return FactFilter(indicator=self.indicator, region=self.region, period=self.period, kind=self.kind,
                          measure=self.measure, tier=self.tier, doc=self.doc, status=self.status,
                          include_superseded=self.include_superseded, include_rejected=self.include_rejected)

    def but(self, **changes: Any) -> Query:
        return replace(self, **changes)


# ---------------------------------------------------------------- names, as the engine reads them

def canonical_indicator(name: str) -> str:
    """A headline indicator's canonical name for any of its synonyms (规上工业增加值 → 规模以上工业增加值)."""
    from ..extract.indicators import headline
    return headline(name) or name


class StoredNames:
    """What the database holds, asked lazily through indexed look-ups (the full lists are read
    only to suggest a name after a miss)."""

    def __init__(self, conn: Connection | None) -> None:
        self.conn = conn

    def has_region(self, name: str) -> bool:
        return self.conn is not None and repo.has_value(self.conn, "region", name)

    def regions_from(self, prefix: str) -> list[str]:
        return [] if self.conn is None else repo.values_with_prefix(self.conn, "region", prefix)

    def has_indicator(self, name: str) -> bool:
        return self.conn is not None and repo.has_value(self.conn, "indicator", name)

    def all(self, column: str) -> list[str]:
        return [] if self.conn is None else repo.distinct_values(self.conn, column, limit=100_000)


def region_candidates(name: str, stored: StoredNames) -> list[str]:
    """The stored regions a short name can mean (株洲 → 株洲市, 株洲县)."""
    return sorted(r for r in stored.regions_from(name) if r[len(name):] in _SUFFIXES)


def region_from_data(name: str) -> str | None:
    """The full name the region data (GB/T 2260) gives a short or full name, if any."""
    from ..extract.regions import resolve as resolve_region
    r = resolve_region(name)
    return r.name if r is not None else None


def resolve_region(flag: str, name: str, stored: StoredNames, *, strict: bool = True) -> tuple[str, str | None]:
    """(full name, note) of a region the user typed; UsageError when it means several or,
    with `strict`, nothing stored or known."""
    if stored.has_region(name):
        return name, None
    cands = region_candidates(name, stored)
    if len(cands) == 1:
        return cands[0], f"{flag} {name} → {cands[0]}"
    if len(cands) > 1:
        raise UsageError(f"{flag} {_show(name)}: several regions match ({', '.join(cands[:6])}); give the full name")
    full = region_from_data(name)
    if full is not None:
        return full, (None if full == name else f"{flag} {name} → {full}")
    if not strict:
        return name, None
    near = difflib.get_close_matches(name, stored.all("region"), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise UsageError(f"{flag} {_show(name)}: no region of that name is stored or known{hint}")


def resolve_indicator(flag: str, name: str, stored: StoredNames, *, strict: bool = True) -> tuple[str, str | None]:
    """(indicator, note): a stored name as is, a synonym as its headline name; UsageError when
    `strict` and it names nothing stored."""
    squeezed = "".join(name.split())
    if stored.has_indicator(squeezed):
        return squeezed, None
    canon = canonical_indicator(squeezed)
    if canon != squeezed:
        return canon, f"{flag} {name} → {canon}"
    if not strict:
        return squeezed, None
    near = difflib.get_close_matches(squeezed, stored.all("indicator"), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise UsageError(f"{flag} {_show(name)}: no indicator of that name is stored{hint}")


def resolve(conn: Connection, q: Query) -> Query:
    """`q` with its region and indicator read as the engine reads them (see the module docstring)."""
    if q.resolved:
        return q
    stored = StoredNames(conn)
    notes = list(q.notes)
    changes: dict[str, Any] = {}
    if q.region is not None:
        changes["region"], note = resolve_region("--region", q.region, stored)
        notes += [note] if note else []
    if q.indicator is not None:
        changes["indicator"], note = resolve_indicator("--indicator", q.indicator, stored)
        notes += [note] if note else []
    return replace(q, **changes, notes=tuple(notes), resolved=True)
