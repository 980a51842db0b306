"""The words right before a number: its qualifier word (突破, 约, 达到) and the trigger that gives its
measure (增长, 下降至, 新增). One reading for prose and for table cells."""

from __future__ import annotations

from .lexicon import lexicon

# a count of new things is a level, not a change (新增3家, 新增1500名)
LEVEL_VERBS = ("新增", "新建", "新引进", "新开工", "新签约", "新培育", "新认定")
RANK_CHANGE = ("前进", "上升", "提升", "跃升", "提高", "后退", "下降", "进位")


def qualifier_word(left: str) -> str:
    """The qualifier word ending `left` (突破, 约, 达到 …), unless it ends another word (节约).

    >>> qualifier_word("高新技术企业突破"), qualifier_word("节约")
    ('突破', '')
    """
    lx = lexicon()
    for n in range(min(lx.before_max, len(left)), 0, -1):
        w = left[-n:]
        if w in lx.before or w in lx.neutral_before:
            prev = left[-n - 1:-n] if len(left) > n else ""
            return "" if prev and prev in lx.before_blocked.get(w, "") else w
    return ""


def trigger(core: str, *, ranks: bool = True) -> str:
    """The trigger word ending `core` (增长, 下降, 增加到 …; with `ranks`, 前进 and the other rank moves).

    >>> trigger("地区生产总值增长"), trigger("新增"), trigger("位次进位", ranks=False)
    ('增长', '', '')
    """
    lx = lexicon()
    if core.endswith(LEVEL_VERBS):
        return ""
    for n in (4, 3, 2, 1):
        w = core[-n:]
        if len(w) == n and (w in lx.growth or w in lx.change or w in lx.level_after or (ranks and w in RANK_CHANGE)):
            return w
    return ""
