"""Units as written → base units, so 1.3万亩 and 13000亩 compare equal.

A unit's leading magnitude characters (万, 亿, 千, 百, 十) are stripped and
multiplied into the value; what remains is the base unit. Units are
comparable only when their base units are the same word: `个` and `家` are
different things and never compare, even though both count.

    >>> to_base(1.3, "万亩")
    (13000.0, '亩')
    >>> to_base(1, "万亿元") == to_base(10000, "亿元")
    True
    >>> comparable("个", "家")
    False
    >>> to_base(2.5, "个百分点")
    (2.5, '个百分点')
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

MAGNITUDES: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

# Unit words that begin with a magnitude character but are not scaled by it.
_PROTECTED: frozenset[str] = frozenset({"百分点", "个百分点", "千分点", "百分比"})

# Other spellings of the same unit: word → (base word, factor). 30基点 = 0.3个百分点.
ALIASES: dict[str, tuple[str, Decimal]] = {
    "百分点": ("个百分点", Decimal(1)),
    "基点": ("个百分点", Decimal("0.01")),
    "个基点": ("个百分点", Decimal("0.01")),
    "％": ("%", Decimal(1)),
    "公里": ("米", Decimal(1000)),
}

# Units whose numbers are rates or positions: compared by absolute difference in points.
POINT_UNITS: frozenset[str] = frozenset({"%", "个百分点", "‰", "位"})


@lru_cache(maxsize=4096)  # few distinct unit words, called for every fact
def split_unit(unit: str | None) -> tuple[str, Decimal]:
    """(base unit, factor) for a unit as written; `None` becomes "".

    >>> split_unit("万元/亩")
    ('元/亩', Decimal('10000'))
    """
    u = "".join((unit or "").split())
    factor = Decimal(1)
    while u and u not in _PROTECTED and u not in ALIASES and u[0] in MAGNITUDES and len(u) > 1:
        factor *= MAGNITUDES[u[0]]
        u = u[1:]
    if u in ALIASES:
        u, f = ALIASES[u]
        factor *= f
    return u, factor


def to_base(value: float | None, unit: str | None) -> tuple[float | None, str]:
    """The value in the base unit, computed in Decimal so 1.3万 is exactly 13000."""
    base, factor = split_unit(unit)
    if value is None:
        return None, base
    if factor == 1:
        return float(value), base
    return float(Decimal(repr(float(value))) * factor), base


def convert(value: float, from_unit: str | None, to_unit: str | None) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`; None when they are not comparable.

    >>> convert(1.04, "万亩", "亩")
    10400.0
    """
    b1, f1 = split_unit(from_unit)
    b2, f2 = split_unit(to_unit)
    if b1 != b2:
        return None
    return float(Decimal(repr(float(value))) * f1 / f2)


def base_unit(unit: str | None) -> str:
    """The base word of a unit: 万亿元 → 元."""
    return split_unit(unit)[0]


def comparable(a: str | None, b: str | None) -> bool:
    """True when two units measure the same thing (same base word)."""
    return base_unit(a) == base_unit(b)


def is_point_unit(unit: str | None) -> bool:
    """True for %, 个百分点, 基点, ‰ and 位: differences are read in points, not ratios."""
    return base_unit(unit) in POINT_UNITS
