"""One table cell → its readings: a bare figure, a range, a figure with its unit, a relation
(高于经济增长), or prose (新建小学3所，改造校舍2万平方米) read clause by clause."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ..indicators import left_phrase, right_phrase
from ..lexicon import alternation, lexicon, scanning, table_words
from ..numbers import Candidate, find_numbers
from ..textview import make_view
from ..words import qualifier_of, qualifier_word, trigger

_DIGIT: Final = re.compile(r"\d")
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")
_RELATION: Final = re.compile(r"(高于|低于|快于|慢于|同步)")
_RELATION_QUAL: Final = {"高于": "above", "快于": "above", "低于": "below", "慢于": "below", "同步": "exact"}
_CLAUSE_END: Final = re.compile(r"[，,。；;：:！？\n]")
_CELL_YEAR: Final = scanning(re.compile(r"(?<![较比是与同])(?:到|至|截至|截止|在)?((?:19|20)\d{2})年(?:底|末|前)?"))
_YEAR_RANGE: Final = re.compile(r"^(?:19|20)\d{2}$")
_CHANGE_UNITS: Final = ("个百分点", "百分点", "基点", "个基点")
_ITEM: Final = re.compile(r"^(?:[（(]\d{1,2}[)）]|\d{1,2}[.、．]|[①-⑳])")  # （1）… list marks inside a cell
_MAGNITUDES: Final = ("万", "亿", "千", "百", "万亿")
# 年度目标为控制在3.5%以下, 完成年度任务（6万名）的…: the figure right after such a word is the target
_TARGET_CUE: Final = scanning(re.compile(r"((?:年度)?(?:目标|任务|计划))(?:为|是)?(?:控制在|达到|达)?[（(]?$"))
PROSE_MIN: Final = 12  # a cell longer than this (or with a clause break) is prose
_NUM: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Reading:
    start: int            # offsets in the cell of the number (of a relation: its words)
    end: int
    surf_start: int       # the number with its qualifier words and unit
    surf_end: int
    value: float | None   # signed when written with a minus
    unit: str | None      # as the cell writes it; None: the row's or the column's applies
    qualifier: str
    measure: str | None   # from the cell's own words (growth, change, level, rank, relation); None: row and column decide
    phrase: str           # the cell's own words naming the figure; "": the row's indicator
    year: str | None      # a year the figure's clause gives (到2027年底…)
    falls: bool           # the cell's words name a fall (下降3%): the value is negative
    target: str = ""      # a target word just before the figure (完成年度任务（6万名）): it is the target
    summed: bool = False  # written in square brackets ([4.8]): a plan table's total over its span, not a yearly figure


@dataclass(frozen=True)
class _Patterns:
    bare: re.Pattern[str]
    range: re.Pattern[str]
    before: dict[str, str]
    after: dict[str, str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lx, tw = lexicon(), table_words()
    before = {**lx.before, **tw.cell_qualifiers}
    pre = alternation(list(before))
    unit = rf"(?:(?:{lx.magnitudes_re})?(?:{lx.units_re})|[%‰])"
    after = lx.after_re
    return _Patterns(
        bare=re.compile(rf"^(?P<pre>{pre})?(?:(?P<sq>[\[〔［【])|[(（])?(?P<neg>[-−－])?(?P<num>{_NUM})[\]〕］】)）]?"
                        rf"(?P<unit>{unit})?(?P<post>{after})?$"),
        range=re.compile(rf"^(?P<a>-?(?:{_NUM}))(?P<u1>{unit})?(?:[—–~～]|-|至|到)(?P<b>-?(?:{_NUM}))(?P<u2>{unit})?$"),
        before=before, after=lx.after,
    )


def has_figure(raw: str) -> bool:
    """Whether a cell holds a figure at all (a digit, not a 'none' mark)."""
    return _DIGIT.search(raw) is not None


def read_cell(raw: str) -> list[Reading]:
    """The readings of a cell (`raw` has its markup masked; offsets are in `raw`)."""
    view = make_view(raw)
    c = view.clean.strip()
    lead = len(view.clean) - len(view.clean.lstrip())
    if not c or c in table_words().none_cells:
        return []
    if not _DIGIT.search(c):
        m = _RELATION.search(c)
        if not m:
            return []
        s, e = view.orig(lead), view.orig_end(lead + len(c))
        return [Reading(s, e, s, e, None, None, _RELATION_QUAL[m.group(1)], "relation", "", None, False)]
    pt = _patterns()

    def at(i: int) -> int:
        return view.orig(lead + i)

    def at_end(i: int) -> int:
        return view.orig_end(lead + i)

    rm = pt.range.match(c)
    if rm and not (_YEAR_RANGE.match(rm["a"]) and _YEAR_RANGE.match(rm["b"])):
        unit = rm["u2"] or rm["u1"]
        return [Reading(at(rm.start(g) + rm[g].startswith("-")), at_end(rm.end(g)), at(0), at_end(len(c)),
                        _float(rm[g]), unit, q, None, "", None, False)
                for g, q in (("a", "at_least"), ("b", "at_most"))]
    b = pt.bare.match(c)
    if b:
        v = _float(b["num"]) * (-1 if b["neg"] else 1)
        q = pt.after.get(b["post"] or "") or pt.before.get(b["pre"] or "", "exact")
        return [Reading(at(b.start("num")), at_end(b.end("num")), at(0), at_end(len(c)),
                        v, b["unit"], q, None, "", None, False, summed=b["sq"] is not None)]
    cands = find_numbers(c)
    prose = len(c) > PROSE_MIN or _CLAUSE_END.search(c) is not None
    out: list[Reading] = []
    prev: tuple[Candidate, Reading, bool] | None = None
    for cand in cands:
        r, from_right = _prose(view, lead, c, cand, prev, prose)
        out.append(r)
        prev = (cand, r, from_right)
    return out


def _float(s: str) -> float:
    return float(s.replace(",", ""))


def _prose(view, lead: int, c: str, cand: Candidate, prev: tuple[Candidate, Reading, bool] | None,
           prose: bool) -> tuple[Reading, bool]:
    """A figure inside a sentence of a cell: its qualifier, trigger, phrase and year from its clause
    (from the figure before it, when that one is in the same clause). In a short cell (5.2万人,
    增长7%左右) only a noun phrase of the cell's own replaces the row's indicator; in prose, the
    words nearest the figure name it, as in running text."""
    lx = lexicon()
    cl = max((m.end() for m in _CLAUSE_END.finditer(c, 0, cand.start)), default=0)
    same = prev is not None and prev[0].tail_end > cl
    left = _ITEM.sub("", c[prev[0].tail_end if prev is not None and same else cl:cand.start])
    qword = qualifier_word(left)
    core = left[:len(left) - len(qword)]
    trig = trigger(core, ranks=False)
    measure = None
    if cand.kind == "rank":
        measure = "rank"
    elif cand.unit in _CHANGE_UNITS:
        measure = "change"
    elif trig in lx.level_after:
        measure = "level"
    elif trig and (cand.unit in ("%", "倍", "番") or cand.kind == "times") and trig in lx.growth:
        measure = "growth"
    elif trig and trig in lx.change and trig != "新增":
        measure = "change"
    falls = measure in ("growth", "change") and any(trig.endswith(d) for d in lx.decrease)
    q = qualifier_of(cand, qword)
    phrase = left_phrase(core)
    right = right_phrase(c[cand.tail_end:cand.tail_end + 30])
    right_ok = bool(right) and _CJK.match(right) is not None and not lx.triggers_re.match(right[:2])
    listed = same and prev is not None and prev[2] and left.rstrip("、和及与，,").endswith(prev[1].phrase)
    from_right = False
    if right_ok and (not phrase or phrase in lx.verbs_before_noun or listed):
        phrase, from_right = right, True  # 11个区疾控中心、250个预防接种单位: each named on its right
    elif not _CJK.search(phrase) and same and prev is not None:
        phrase = prev[1].phrase  # 从60%提高到70%: the figure before names it
    elif not _CJK.search(phrase) or phrase in lx.verbs_before_noun:
        phrase = ""  # 新增3000户 under 城镇新增就业, 已完成，改造32个: the row names it
    unit = cand.unit
    if unit in _MAGNITUDES and (phrase.endswith(("人数", "人口")) or c.startswith(lexicon().people_starts, cand.tail_end)):
        unit += "人"  # 受益人数达90万以上 → 万人
    y = None
    for m in _CELL_YEAR.finditer(c, cl, cand.start):
        y = m.group(1)
    value = -abs(cand.value) if cand.negative else cand.value
    cue = _TARGET_CUE.search(c, cl, cand.start)
    if cue and (not phrase or phrase.endswith(("任务", "目标", "计划")) or phrase in ("年度", "全年")):
        # 帮扶1.2万人…，完成年度任务（1万人）: the task of the figure before, else the row's
        phrase = prev[1].phrase if prev is not None else ""
    elif prev is not None and phrase in ("占", "比", "占比"):
        phrase = prev[1].phrase + phrase  # 护理型床位420张，占比达到78%: the share of the figure before
    elif len(phrase) == 1:
        phrase = ""  # one character names nothing: the row's indicator
    s = lead + cand.start
    return Reading(view.orig(s), view.orig_end(lead + cand.end), view.orig(s - len(qword)),
                   view.orig_end(lead + cand.tail_end), value, unit, q, measure, phrase, y, falls,
                   cue.group(1) if cue else ""), from_right
