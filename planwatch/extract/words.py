"""The words right before a number: its qualifier word (突破, 约, 达到) and the trigger that gives its
measure (增长, 下降至, 新增). One reading for prose and for table cells."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final

from .lexicon import lexicon

# a count of new things is a level, not a change (新增3家, 新增1500名)
LEVEL_VERBS: Final = ("新增", "新建", "新引进", "新开工", "新签约", "新培育", "新认定")
RANK_CHANGE: Final = ("前进", "上升", "提升", "跃升", "提高", "后退", "下降", "进位", "前移", "后移")


def qualifier_word(left: str) -> str:
    """The qualifier word ending `left` (突破, 约, 达到 …), unless it ends another word (节约).

    >>> qualifier_word("高新技术企业突破"), qualifier_word("节约")
    ('突破', '')
    """
    words, last_chars = _qualifier_words()
    if left[-1:] not in last_chars:
        return ""  # (most figures: no qualifier word ends so)
    lx = lexicon()
    for n in range(min(lx.before_max, len(left)), 0, -1):
        w = left[-n:]
        if w in words:
            prev = left[-n - 1:-n] if len(left) > n else ""
            return "" if prev and prev in lx.before_blocked.get(w, "") else w
    return ""


def trigger(core: str, *, ranks: bool = True) -> str:
    """The trigger word ending `core` (增长, 下降, 增加到 …; with `ranks`, 前进 and the other rank moves).

    >>> trigger("地区生产总值增长"), trigger("新增"), trigger("位次进位", ranks=False), trigger("事项减少了")
    ('增长', '', '', '减少')
    """
    core = core.removesuffix("了")  # (审批事项减少了52%: the particle says it happened)
    if core.endswith(LEVEL_VERBS):
        return ""
    words, last_chars = _trigger_words(ranks)
    if core[-1:] not in last_chars:
        return ""
    for n in (4, 3, 2, 1):
        w = core[-n:]
        if len(w) == n and w in words:
            return w
    return ""


@lru_cache(maxsize=1)
def _qualifier_words() -> tuple[frozenset[str], frozenset[str]]:
    """Qualifier words of either kind (one set: a figure looks them up at every length), and the
    characters they end with."""
    lx = lexicon()
    words = frozenset(lx.before) | lx.neutral_before
    return words, frozenset(w[-1] for w in words if w)


@lru_cache(maxsize=2)
def _trigger_words(ranks: bool) -> tuple[frozenset[str], frozenset[str]]:
    """Trigger words: growth, change, level, and with `ranks` the rank moves (one set, looked up at
    every length), and the characters they end with."""
    lx = lexicon()
    words = lx.growth | lx.change | lx.level_after | (frozenset(RANK_CHANGE) if ranks else frozenset())
    return words, frozenset(w[-1] for w in words if w)


def qualifier_of(c: Any, qword: str, negative: bool = False) -> str:
    """A number candidate's qualifier: the words after it (以上, 左右), else the word before it (突破, 约),
    else its own shape (1.5万余 → at_least, 前二 → at_most). `negative`: a fall, read on the signed
    value (下降5%以上 and 下降不低于5% are falls of at least 5: at most −5)."""
    lx = lexicon()
    q = c.qualifier
    if q == "exact":
        q = lx.before.get(qword, "exact") if qword not in lx.neutral_before else "exact"
    if q == "exact" and c.approx:
        q = "at_least"
    if q == "exact" and c.before_qualifier:
        q = c.before_qualifier
    if negative and q in ("at_least", "at_most"):
        q = "at_most" if q == "at_least" else "at_least"  # (下降不低于12%, as 下降12%以上: at most −12)
    return q
