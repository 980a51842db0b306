"""The quality bar of a tier-B row: outputs meant for reading (scorecard, plan table, panel)
show a tier-B fact only when its indicator looks like the name of a figure.

Each test is data in rules/analyse.toml [quality]: a phrase too short or too long, one that
starts or ends inside a clause (的…, …每年), one that names a future capacity (未来将形成…),
an amount counted in units (…授信金额 112个). Tier A (the headline indicators) is shown
unless an amount is counted in units (地区生产总值 3个). `--all-rows` shows everything.

    >>> from types import SimpleNamespace as F
    >>> def f(ind, unit="个", tier="B"): return F(indicator=ind, unit=unit, tier=tier)
    >>> [passes(f(x)) for x in ("新增托育托位", "用", "未来将形成每年", "的重点项目")]
    [True, False, False, False]
    >>> passes(f("重点项目获银行授信金额", "个")), passes(f("重点项目获银行授信金额", "亿元"))
    (False, True)
"""

from __future__ import annotations

from typing import Any

from .rules import load
from .units import base_unit


def why_not(f: Any) -> str | None:
    """Why a fact's row fails the bar, or None when it passes."""
    rules = load()
    name = "".join((f.indicator or "").split())
    unit = base_unit(getattr(f, "unit", None))
    if (getattr(f, "tier", "B") or "B") == "A":
        # a headline amount counted in units (地区生产总值 3个, from 跨越3个千亿元台阶) is misread
        return f"an amount counted in {unit}" if name in rules.percent_is_growth and unit in rules.count_units \
            else None
    q = rules.quality
    if len(name) < q.min_length:
        return f"indicator shorter than {q.min_length} characters"
    if len(name) > q.max_length:
        return f"indicator longer than {q.max_length} characters"
    if name.startswith(q.bad_start):
        return f"indicator starts with {name[0]}"
    if name.endswith(q.bad_end):
        return "indicator ends inside a clause"
    if any(w in name for w in q.bad_contains):
        return "a future capacity, not a figure of the period"
    if unit in rules.count_units and name.endswith(q.amount_words):
        return f"an amount counted in {unit}"
    return None


def passes(f: Any) -> bool:
    return why_not(f) is None
