"""When two statements of a figure agree: the same number, allowing only for the rounding
their written digits show.

A source that writes 498.5亿元 and one that writes 498.53亿元 agree (498.53 rounds to 498.5);
5.7% and 5.74% agree; 190家 and 186家 do not, nor do 498.5亿元 and 508.7亿元, however close.
The coarser figure must be the finer one rounded half up to the coarser's last digit
(1.5% is not a rounding of 1%: 1.5 rounds to 2). 1.3万亩 is written to the thousand 亩, so
it agrees with 13000亩 and 13200亩 but not 13600亩. 以上/以内 are bounds: 230多个 (at least
230) agrees with 260个; 左右 (about) is not widened. No tolerance enters here: a tolerance
decides how much a disagreement matters (conflicts' severity), never that different
numbers agree.

    >>> from types import SimpleNamespace as F
    >>> def f(v, u="亿元", q="exact", s=None): return F(value=v, unit=u, qualifier=q, surface=s or f"{v}{u}")
    >>> consistent(f(498.5), f(498.53)), consistent(f(498.5), f(508.7)), consistent(f(190, "家"), f(186, "家"))
    (True, False, False)
    >>> consistent(f(1.0, "%", s="1%"), f(1.5, "%")), consistent(f(1.0, "%", s="1%"), f(1.4, "%"))
    (False, True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from . import word
from .units import split_unit

_INF = Decimal("Infinity")
_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CN_DECIMALS = re.compile(r"点([零〇一二两三四五六七八九]+)")


@lru_cache(maxsize=65536)
def written_decimals(surface: str, value: float) -> int:
    """How many decimals the source wrote for `value` (read from its surface; 0 for integers)."""
    s = (surface or "").translate(_DIGITS)
    target = abs(value)
    tokens = _ARABIC.findall(s)
    for t in tokens:
        t = t.replace(",", "")
        try:
            if float(t) == target:
                return len(t.split(".", 1)[1]) if "." in t else 0
        except ValueError:
            continue
    m = _CN_DECIMALS.search(s)
    if m and not tokens:
        return len(m.group(1))
    # the value alone: its shortest form (5.7 → 1; 13000.0 → 0)
    exp = Decimal(repr(target)).normalize().as_tuple().exponent
    return max(0, -int(exp)) if isinstance(exp, int) else 0


@lru_cache(maxsize=65536)
def _statement(value: float, unit: str | None, qualifier: str, surface: str) -> tuple[Decimal, Decimal, Decimal]:
    """(low, high, step) in base units: what a fact allows, and the rounding its digits show."""
    _, factor = split_unit(unit)
    v = Decimal(repr(float(value))) * factor
    step = Decimal(1).scaleb(-written_decimals(surface, value)) * factor
    lo = -_INF if qualifier in ("at_most", "below") else v
    hi = _INF if qualifier in ("at_least", "above") else v
    return lo, hi, step


def statement(f: Any) -> tuple[Decimal, Decimal, Decimal] | None:
    if f.value is None:
        return None
    return _statement(float(f.value), f.unit, word(f.qualifier) or "exact", f.surface or "")


def _round(x: Decimal, step: Decimal) -> Decimal:
    """x rounded half up (away from zero) to a multiple of step."""
    q = (abs(x) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return q if x >= 0 else -q


def _le(x: Decimal, sx: Decimal, y: Decimal, sy: Decimal) -> bool:
    """x ≤ y, reading the finer of the two at the coarser one's precision."""
    if x.is_infinite() or y.is_infinite():
        return x <= y
    if sx < sy:
        x = _round(x, sy)
    elif sy < sx:
        y = _round(y, sx)
    return x <= y


def _consistent(a: tuple[Decimal, Decimal, Decimal], b: tuple[Decimal, Decimal, Decimal]) -> bool:
    (alo, ahi, sa), (blo, bhi, sb) = a, b
    return _le(alo, sa, bhi, sb) and _le(blo, sb, ahi, sa)


def consistent(a: Any, b: Any) -> bool:
    """True when two facts (of one base unit) can both be right: the same figure up to the
    rounding their digits show, or bounds that overlap. Facts without a value always are."""
    sa, sb = statement(a), statement(b)
    return sa is None or sb is None or _consistent(sa, sb)


def disagree(facts: Sequence[Any]) -> bool:
    """True when some two of the facts (one base unit) cannot both be right."""
    sts = list({s for s in (statement(f) for f in facts) if s is not None})
    for i, a in enumerate(sts):
        for b in sts[i + 1:]:
            if not _consistent(a, b):
                return True
    return False


def clusters(facts: Sequence[Any]) -> list[list[Any]]:
    """Facts with values (one base unit) in groups that agree: sorted by value, each joins
    the group before it when it agrees with every member."""
    ordered = []
    for f in facts:
        st = statement(f)
        if st is not None:
            ordered.append(((st[0] if not st[0].is_infinite() else st[1], f.doc, f.start), st, f))
    ordered.sort(key=_first)
    out: list[list[Any]] = []
    seen: set[tuple[Decimal, Decimal, Decimal]] = set()   # the distinct statements of the last group
    for _, st, f in ordered:
        if out and (st in seen or all(_consistent(g, st) for g in seen)):
            out[-1].append(f)
            seen.add(st)
        else:
            out.append([f])
            seen = {st}
    return out


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]
