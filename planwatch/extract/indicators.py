"""The indicator of a figure: the headline name (tier A) or the shortest phrase that names it."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

_PUNCT_EDGE = re.compile(r"^[、，,：:；;（(“”\"'\s\-—*#>]+|[、，,：:；;（(“\"'\s\-—*#>]+$")
_YEAR_WORDS = re.compile(r"(?:到|至|截至|截止)?(?:19|20)\d{2}年(?:底|末|前|内|度)?|今年|去年|全年|当年|上年")
_RIGHT_STOP = re.compile(r"[，,。；;：:、\n\t（(]")
_STREAK = re.compile(r"连续(?:\d+|[一二两三四五六七八九十]+)年|(?:近)?(?:\d+|[一二两三四五六七八九十]+)年(?:来|间)?(?=[^\d]{0,6}$)")
# 营业收入较“十三五”末期翻一番: the comparison base is not part of the indicator
_COMPARE_TAIL = re.compile(r"(?:较|比|同比)“?(?:上年|去年|上年同期|十[一二三四五]五|\d{4}年)?”?(?:同期|末期|末|期末|时期)?$")
_BOUNDARY = re.compile(r"预计|全年|力争|确保|其中|实现|完成|累计|今年|去年|同比|较上年|比上年")
_RIGHT_BAD = re.compile(r"^[和与及、或]")
_RIGHT_CUT = re.compile(r"[和与及]?\d")


@lru_cache(maxsize=8192)
def headline(phrase: str) -> str | None:
    """The canonical headline name when `phrase` names a headline indicator, else None.

    The synonym must end the phrase (after dropping form words such as 增速, 增幅) and
    only allowed words may stand before it (全市, 全社会, a place), so 高新区营业收入
    or B保中心进出口额 stay tier B.

    >>> headline("全市规上工业增加值增幅"), headline("城镇居民人均可支配收入"), headline("单位GDP能耗")
    ('规模以上工业增加值', None, '节能减排')
    """
    name = _headline(phrase)
    if name is None:
        core = lexicon().suffixes_re.sub("", phrase)
        name = _headline(core) if core and core != phrase else None
    return name


def _headline(core: str) -> str | None:
    lx = lexicon()
    best: tuple[int, int, str] | None = None  # (end, length, name)
    for _, end, (word, name) in lx.headline_automaton.iter(core):
        key = (end, len(word), name)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None or not best[2]:
        return None
    end, length, name = best
    if end != len(core):
        return None
    before = core[:end - length]
    if before and before not in lx.prefixes and not _is_place(before):
        return None
    return name


_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:省|市|县|区|州|旗|盟)$")


def _is_place(s: str) -> bool:
    return _PLACE.match(s) is not None or s.startswith(("全", "我"))


@lru_cache(maxsize=8192)
def left_phrase(left: str) -> str:
    """The indicator phrase in the text left of a number: cue words and triggers removed.

    >>> left_phrase("预计全年地区生产总值增长"), left_phrase("力争高新技术企业突破")
    ('地区生产总值', '高新技术企业')
    """
    lx = lexicon()
    s = _COMPARE_TAIL.sub("", _STREAK.sub("", _YEAR_WORDS.sub("", left)))
    prev = None
    while prev != s:
        prev = s
        s = _PUNCT_EDGE.sub("", s)
        s = lx.leading_re.sub("", s)
        s = lx.triggers_re.sub("", s)
    # 发展质量稳步提升，全年实现地区生产总值: what follows the last cue word names the figure
    parts = [p for p in _BOUNDARY.split(s) if p]
    if len(parts) > 1:
        # keep a short verb with what precedes it (班列预计发运 → 班列发运)
        s = _PUNCT_EDGE.sub("", parts[-1] if len(parts[-1]) > 2 else parts[-2] + parts[-1])
    if s.count("”") > s.count("“") and f"“{s}" in left:
        s = "“" + s  # “三类500强”项目: keep the opening quote of a name the phrase closes
    # 为中小企业发放知识价值信用贷款: the object of the last verb names the figure
    v = _object_verbs().search(s, 1) if headline(s) is None else None
    while v is not None:
        rest = s[v.end():]
        nxt = _object_verbs().search(s, v.end())
        if nxt is None:
            if len(rest) >= 3:
                s = rest
            break
        v = nxt
    return s


@lru_cache(maxsize=1)
def _object_verbs() -> re.Pattern[str]:
    words = [w for w in lexicon().verbs_before_noun if len(w) >= 2]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def right_phrase(right: str) -> str:
    """The noun after a number's unit, for figures named on their right (新增2家省级重点实验室)."""
    m = _RIGHT_STOP.search(right)
    s = right[:m.start()] if m else right
    d = _RIGHT_CUT.search(s)
    s = s[:d.start()] if d else s
    s = _PUNCT_EDGE.sub("", s)[:24]
    return "" if _RIGHT_BAD.search(s) else s
