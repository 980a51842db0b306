"""How a figure reads in a Chinese table: 7%左右, 10%以上, 下降5%以上, 第37位, 高于经济增长.

    >>> fact_text(7.0, "%", "about", "growth")
    '7%左右'
    >>> fact_text(-5.0, "%", "at_most", "growth")
    '下降5%以上'
    >>> fact_text(3.0, "%", "at_most", "growth")
    '3%以内'
    >>> fact_text(37.0, "位", "exact", "rank")
    '第37位'
    >>> fact_text(None, None, "above", "relation", "居民收入增幅高于经济增长")
    '高于经济增长'
"""

from __future__ import annotations

from decimal import Decimal

_WORDS = {"about": "左右", "at_least": "以上", "at_most": "以内", "above": "以上", "below": "以下", "exact": ""}
# A fall stated with 以上 is a bound on the size of the fall: -5 at_most reads 下降5%以上.
_FLIPPED = {"about": "左右", "at_least": "以内", "at_most": "以上", "above": "以内", "below": "以上", "exact": ""}
_RELATION_WORDS = ("不低于", "不高于", "高于", "低于", "快于", "慢于", "优于", "跑赢", "超过", "居", "完成")


def number(v: float) -> str:
    """A float as a person writes it: 7.0 → 7, 5.48 → 5.48, 13000.0 → 13000.

    >>> number(1.3e4), number(0.1 + 0.2)
    ('13000', '0.3')
    """
    d = Decimal(repr(round(float(v), 9))).normalize()
    return format(d, "f")


def relation_text(surface: str | None, qualifier: str | None) -> str:
    """The words of a relation from the relation word on (the table cell's words)."""
    s = "".join((surface or "").split())
    for w in _RELATION_WORDS:
        i = s.find(w)
        if i >= 0:
            return s[i:]
    return s or {"above": "高于", "below": "低于"}.get(qualifier or "", "")


def fact_text(value: float | None, unit: str | None, qualifier: str | None, measure: str | None,
              surface: str | None = None) -> str:
    """The figure with its unit and qualifier words, as a Chinese reader expects it."""
    q = qualifier or "exact"
    if measure == "relation" or value is None:
        return relation_text(surface, q) if measure == "relation" else "".join((surface or "").split())
    u = unit or ""
    if measure == "rank":
        return f"前{number(value)}{u}" if q == "at_most" else f"第{number(value)}{u}{_WORDS[q] if q != 'exact' else ''}"
    if measure == "change":
        up = "上升" if u == "位" else "提高"
        verb = up if value >= 0 else "下降"
        words = (_WORDS if value >= 0 else _FLIPPED).get(q, "")
        return f"{verb}{number(abs(value))}{u}{words}"
    if value < 0 and measure == "growth":
        return f"下降{number(-value)}{u}{_FLIPPED.get(q, '')}"
    return f"{number(value)}{u}{_WORDS.get(q, '')}"
