"""The order of extraction steps; the only module that knows it.

1. view      the clean text and its map back to the original (textview)
2. context   the document's date, home region and sections, with their evidence (context/)
3. tables    plan tables, cell by cell (tables)
4. numbers   number candidates of the prose (numbers)
5. facts     each candidate with its qualifier, measure, sign, indicator, kind and period (kinds), region
6. relations targets without a number (居民收入增幅高于经济增长)
7. repeats   facts inside a repeated paragraph are marked duplicate
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from ..model import (
    KIND_BY_WORD,
    MEASURE_BY_WORD,
    QUALIFIER_BY_WORD,
    Document,
    Fact,
    Kind,
    Measure,
    Qualifier,
)
from . import kinds, places, spans
from .aho import Automaton
from .context import DocumentContext, build_context
from .indicators import (
    clause_subject,
    count_phrase,
    graded,
    graded_ahead,
    group_named,
    headline,
    synonym_of,
    SHARE_WORDS,
    headline_head,
    inherited,
    is_bare,
    item_name,
    left_phrase,
    list_before,
    list_index,
    listed_subject,
    listed_year_parts,
    only_places,
    predicate_in,
    right_phrase,
    shared_subject,
    tidy,
    verb_chain,
    year_part,
)
from .lexicon import context_rules, gap_words, lexicon, match_gate, may_open, unit_kind
from .numbers import Candidate, find_numbers
from .segment import Bounds, clauses, repeated, sentences
from .tables import Block, Table, blocks, read_tables, table_coverage, table_facts
from .textview import TextView, make_view
from .words import RANK_CHANGE, qualifier_of, qualifier_word, trigger

_RELATIVE: Final = ("占", "比上年", "较", "是", "高于", "低于", "超过", "优于", "好于")
_LIST_JOIN: Final = re.compile(r"^[、和及与]$")
_PART_END: Final = re.compile(r"[；;]\s*$")
_RANK_NAMES: Final = ("位次", "名次", "排名", "排位")  # a change of rank (提升3个位次) is a rank's, as the rank itself
_MAGNITUDES: Final = ("万", "亿", "千", "百", "万亿")
_ITEM_JOINS: Final = ("等", "和", "及", "或")  # (…示范线以及58个示范村: a figure after these opens an item named on its right)
# (春节期间向2.2万户贫困农民捐赠…: the preposition's object is on the right)
_GOVERNS: Final = ("向", "给", "为", "对")
_CAPACITY_KINDS: Final = ("mass", "power", "energy", "volume")  # (the units of a plant's capacity: 50万吨, 60万千瓦)
_PLANT_ITEM: Final = re.compile("[等和及与]")  # (what ends a listed plant's name: 15万千瓦光伏发电和某电厂…)
_COMPARISONS: Final = ("高于", "低于")  # (qualifier words before a level: 失业率低于3.5%)
_BIG_MAGNITUDES: Final = ("亿", "万亿", "千亿", "百亿")  # (万 alone is as often of people or things: 103万)
_CHANGE_UNITS: Final = ("个百分点", "百分点", "基点", "个基点")
# where a goal starts and where it goes (由每人每月520元提高到560元)
_FROM_BEFORE: Final = re.compile(r"(?:由|从)(?:目前的?|现在的?|现行的?|当前的?|每人每[年月]|人均|每[年月])?$")
_TO_AFTER: Final = re.compile(r"(?:提高|增加|提升|扩大|增长|上升|降低|下降|减少|压减|压缩|缩短|缩减|缩小|调整|降|增|升|压|减)(?:到|至)")
# (超额完成年度目标42.2%: what was done beyond the plan, no share of it)
# the rate of a fall stated as a level (降幅收窄至2.4%, 降幅为3.1%, 下降幅度达5%)
_FALL_RATE: Final = re.compile(r"(?:降幅|下降幅度|跌幅|减幅)(?:分别|均)?(?:收窄至|收窄到|收窄为|扩大至|扩大到|扩大为|为|是|达到|达|在)?$")
_PLAN_ENDS: Final = ("计划", "目标", "任务", "计划的", "目标的", "任务的", "计划投资的", "计划任务的", "预算", "预算的")  # (most: no search)
_RISE_FALL: Final = ("增", "降", "减少")
# a clause opening on where things go and ending on the verb that puts them there (在每个县建设1所…, 在海外设立14个…)
_GW: Final = gap_words()  # (indicators.toml [gaps] and at_place_verbs)
_AT_PLACE_VERB: Final = re.compile(r"(?:^|[，,；;：:])\s*(?:要|将|并|还|同时|重点|计划|力争|拟|分别)?在(?!地)[^，,。；;\d在的]{1,12}?"
                                   rf"{_GW.at_place_verbs}$")
_PLAN_OVER: Final = re.compile(r"(?P<over>超额完成(?:年度|全年|年初)?(?:计划|目标|任务))的?$")
_PLAN_SHARE: Final = re.compile(r"(?<!超额)(?<!超)(?:为|是|达到|达|占|完成了?)(?P<what>年度|全年|年初|全年度|年|调整)?(?:投资)?(?P<plan>计划|目标|任务|预算)(?:投资|任务)?的?$")

# a gap in points to a wider place (…增幅高于全国0.2个百分点): its comparison, as the words before the figure,
# as an item after 、 (…、全省3.2个百分点), and as it ends a gap's name
_GAP_SCOPES, _GAP_OPS, _GAP_RATES = _GW.scopes, _GW.ops, _GW.rates
# …, or to the year's own goal (增长8.6%，高于年初计划0.1个百分点): the gap is no change of the headline's rate
_GAP_PLANS: Final = _GW.plans
_GAP: Final = re.compile(rf"(?P<cmp>{_GAP_RATES}?(?:均|分别)?{_GAP_OPS}(?:{_GAP_SCOPES}[^，,。；;、\d]{{0,8}}|{_GAP_PLANS}))$")
_GAP_OP_FIRST: Final = re.compile(_GAP_OPS)
# the same gap said the other way round (…增长7.8%，比全省平均水平高1.9个百分点; rural incomes' growth 比城镇居民高):
# named as the form above
_GAP_BY: Final = re.compile(rf"(?P<rate>{_GAP_RATES})?(?:均|分别)?(?:比|较)(?P<scope>{_GAP_SCOPES}[^，,。；;、\d]{{0,6}}?|{_GW.groups}|{_GAP_PLANS})"
                            rf"(?:均|分别)?(?P<op>{_GW.short_ops})$")
_GAP_ITEM: Final = re.compile(rf"^[、，,]\s*(?P<op>{_GAP_OPS})?(?P<scope>{_GAP_SCOPES}[^，,。；;、\d]{{0,6}})$")
_GAP_NAMED: Final = re.compile(rf"(?P<op>{_GAP_OPS})(?:{_GAP_SCOPES}[^，,。；;、\d]{{0,6}}|{_GAP_PLANS})$")
_GAP_TAIL: Final = re.compile(rf"{_GAP_RATES}?{_GAP_NAMED.pattern}")
_GAP_NAME_MAX: Final = 26
_SHARE_OF_WHOLE: Final = re.compile(rf"占({_GAP_SCOPES})的?$")
_NO_WHOLE: Final = ("年", "计划", "目标", "任务", "标准", "水平", "平均")
_RATE_ENDS: Final = ("率", "比例", "比重", "占比")  # (覆盖率达到常住人口的95%: a rate is no part of a whole)
_NOT_A_WHOLE: Final = re.compile(r"[的占]|^(?:上一?年|当年|去年|全[国省市区县]最)")  # (达到上年度…的20%, 全省最高的95%)
# a share stated as reaching part of a whole (禁燃区面积达到建成区面积的60%): the subject and the whole
_REACH_SHARE: Final = re.compile(r"(?P<subj>[^，,。；;、：:\d]{2,16}?)(?:达到|提高到|提升到|增加到)(?P<whole>[^，,。；;、\d]{2,12}?)的$")
_KIND, _MEASURE, _QUALIFIER = KIND_BY_WORD, MEASURE_BY_WORD, QUALIFIER_BY_WORD
# a stretch goal opening its clause (…，力争15%) or after the figure before it in a list (年均增长6.5%、力争7%)
_TIMES_OF_BASE: Final = re.compile(r"(?:是|为|相当于)[^，,。；;\d]{0,6}?(?:(?:19|20)\d\d年)?[^，,。；;\d]{1,10}的$")
_GAP_OF_RATE: Final = re.compile(r"(?:分别)?(?:高于|低于|快于|慢于|超过|超出)[^，,。；;\d]{0,10}?")
_STRETCH: Final = re.compile(r"(?:.*[%％]、)?(?:力争|争取)(?:达到|实现|增长)?")
# (a share: 占…, …总量的50%, 约为湖州的70%, 仅为全区63%; 回升到全年的6.5% is the year's rate)
_SHARE_OF: Final = re.compile(r"(?<!年)(?<!季度)(?<!月)(?<!期)的$|(?:全国|全省|全市|全区|全县)$|总量[^，,。；;]{0,4}$")
_TOTAL_AGAIN: Final = re.compile(r"^总量|^成为[^，,。]{0,12}总量$")
_MOVED_TO: Final = re.compile(r"(?:回升|回落|提高|提升|拉升|上升|下降|加快|放缓)(?:到|至)")
_RATE_NAMED: Final = re.compile(r"增长率|增速|增幅|增长速度")
_RATE_WORDS: Final = re.compile(r"(?:(?<!自然)增长率|增速|增幅|涨幅|增长速度|增长(?:的)?(?:预期|主要预期)?目标)(?:分别|均)?(?:(?:确定|设定|调整|定)为?|为|是|达到|达|在|保持在|稳定在|控制在)?$")
_CJK: Final = re.compile(r"[\u4e00-\u9fff“]")
# a noun opening on Latin letters, after a digit or not (VOCs排放企业, PPP项目, 5G基站, 4A级景区): a name on the right
# as well as one in Chinese
_LATIN_NOUN: Final = re.compile(r"\d{0,2}[A-Za-z]{1,8}[\u4e00-\u9fff]")
# (与全省同步, 与全国基本持平, 与全省平均水平相当: as fast as the reference)
_RELATION: Final = re.compile(r"(?P<op>高于|低于|快于|慢于|跑赢|与)(?P<ref>[^，,。；;：:]{0,16}?)(?P<sync>(?:保持)?(?:同步|持平|相当)|$)")
# the words a relation clause holds, found by an automaton: no word's last character opens one, so they never overlap
# and every occurrence is what re.finditer of their alternation finds (found_matches paid a match at each 同/高/任)
_TIME_REF: Final = re.compile(r"上年|去年|年初|上一年")
_RELATION_WORDS: Final = ("高于", "低于", "快于", "慢于", "跑赢", "同步", "持平", "相当", "任务")
_RELATION_WORD: Final = Automaton([(w, w) for w in _RELATION_WORDS], longest=True)
_DIGIT: Final = re.compile(r"\d")
_RATIO_WORDS: Final = ("之比", "的比例", "的比率", "的比值")
_ASIDE_END: Final = re.compile(r"[（(][^（）()]{1,8}[）)]$")
_ADVERBS: Final = tuple(sorted(lexicon().phrase.verb_adverbs, key=lambda w: (-len(w), w)))  # (longest first: 已经 before 已)
_ADVERB_FIRSTS: Final = frozenset(a[:1] for a in _ADVERBS)  # (an empty adverb would cut nothing: "" may stay out)
_PAIR_PARTS: Final = frozenset(p for parts in lexicon().pair_words.values() for p in parts)
_LEVEL_AFTER: Final = tuple(lexicon().level_after)  # (tuples for str.endswith)
_DECREASE: Final = tuple(lexicon().decrease)
EVIDENCE_WINDOW: Final = 80  # characters either side of the number when the sentence is longer
REACH: Final = 200  # characters a figure's clause is read back at most


def _evidence_window(s_start: int, s_end: int, n_start: int, n_end: int) -> tuple[int, int]:
    """The sentence of a figure, cut to a window around it when the sentence is long (a line with no
    punctuation must not make every fact carry the whole line)."""
    if s_end - s_start <= 2 * EVIDENCE_WINDOW + (n_end - n_start):
        return s_start, s_end
    return max(s_start, n_start - EVIDENCE_WINDOW), min(s_end, n_end + EVIDENCE_WINDOW)


_TASK: Final = re.compile(r"(?P<ind>[^，,。；;：:的]{2,12}?)(?:目标)?任务")


@dataclass(frozen=True)
class Extraction:
    """Everything extraction learns of a document: its facts, its context, and what went wrong."""

    facts: list[Fact]
    context: DocumentContext
    warnings: tuple[str, ...] = ()


def extract_document(doc: Document, *, date: str | None = None, region: str | None = None) -> list[Fact]:
    """Every fact of a document; `date` (YYYY-MM-DD) and `region` override what the text says."""
    return extract(doc, date=date, region=region).facts


def extract(doc: Document, *, date: str | None = None, region: str | None = None) -> Extraction:
    """Facts, context and warnings of a document; `date` and `region` override what the text says."""
    text = doc.text
    view = make_view(text)
    folded = view.folded  # context and tables read years and cells with ASCII digits
    ctx, home = build_context(folded, date=date, region=region, meta_date=(doc.meta or {}).get("date"))

    def kind_period(orig_offset: int) -> tuple[str, str | None]:
        s = ctx.section_at(orig_offset)
        if s.kind is None:  # no heading: a table's own columns decide; else the review year
            return "actual", str(ctx.date.review_year) if ctx.date else None
        return s.kind, s.period

    home.prepare(view.clean)
    plan_year = ctx.date.plan_year if ctx.date else None
    found = blocks(folded)  # read once: the warnings count the rows of every block too
    tables = read_tables(folded, plan_year, found=found)
    tfacts, table_spans = table_facts(doc.name, text, folded, kind_period, home, plan_year, tables=tables)
    facts = [f.replace(why=_why_table(ctx, f, kind_period)) for f in tfacts]
    cl = clauses(view.clean)
    five = spans.five_year_paragraphs(view, ctx.sections)
    cues = kinds.cues_of(view.clean)
    facts += _prose_facts(doc.name, view, ctx, cues, home, table_spans, cl, five)
    facts += _relation_facts(doc.name, view, ctx, cues, home, table_spans, cl)
    if ctx.notes:
        # a glossary near the text's end defines terms (“三个100”：即100个重点项目…): its figures are no facts, but
        # for the headlines its data notes give (部分指标未达预期：地区生产总值增长1.3%)
        a, b, _ = ctx.notes
        # (…，22.2020年省下25件民生实事：（1）…: a list of works inside it is the report's, a section of its own)
        facts = [f for f in facts if f.tier == "A" or not a <= f.start < b
                 or ctx.section_at(f.start).source == "glossary list"
                 or (g := _ungapped(f)) is not None and g.tier == "A"]  # (…，低于预期目标1.9个百分点: a headline's gap)
    facts.sort(key=lambda f: (f.start, f.end))
    return Extraction(_mark_repeats(folded, facts), ctx, _warnings(ctx, view, facts, tables, found))


def _region_why(ctx: DocumentContext, why: str) -> str:
    if why.startswith("home"):
        return f"{why} {ctx.home.name} ({ctx.home.source})"
    return why


def _why_table(ctx: DocumentContext, f: Fact, kind_period) -> str:
    """A table cell's kind and period come from its column (the table reader says how), else from the
    section it stands in; its region from the home or the column or row that names a place."""
    sec = ctx.section_at(f.start)
    if f.why:
        kp = f"kind, period: {f.why}"
    elif (f.kind.value, f.period) == kind_period(f.start) and sec.source != "default":
        kp = f"kind: section {sec.heading!r}; period: section {sec.heading!r}"
    else:
        kp = "kind, period: table column"
    if f.region is None:
        region = "no home region"
    elif f.region == ctx.home.name:
        region = f"home {ctx.home.name} ({ctx.home.source})"
    else:
        region = f"table {f.region}"
    return f"{kp}; region: {region}"




def _warnings(ctx: DocumentContext, view: TextView, facts: list[Fact], tables: list[Table],
              found: list[Block] | None = None) -> tuple[str, ...]:
    """What a user must know to trust (or distrust) this document's facts."""
    out = []
    if ctx.date is None:
        out.append("no date found: every period is empty (give --date)")
    elif ctx.dating.confidence == "low":
        out.append(f"date is a guess ({ctx.dating.describe()}): check it or give --date")
    if ctx.home.name is None:
        out.append("no home region found (give --region)")
    elif ctx.home.confidence == "low":
        out.append(f"home region is uncertain ({ctx.home.describe()})")
    if "\t" in view.text or "|" in view.text:  # (space-aligned tables are rare; not worth a second read)
        cov = table_coverage(view.text, plan_year=ctx.date.plan_year if ctx.date else None, facts=facts,
                             folded=view.folded, tables=tables, found=found)
        if cov.rows_with_numbers > cov.rows_with_facts:
            out.append(f"{cov.rows_with_numbers - cov.rows_with_facts} of {cov.rows_with_numbers} table rows with "
                       "figures gave no fact")
    numbers = sum(map(view.clean.count, "0123456789"))  # ten C-speed counts, no list of matches
    if numbers >= 200 and len(facts) * 40 < numbers:
        out.append(f"only {len(facts)} facts from a text with {numbers} digits: a table or layout planwatch "
                   "does not read?")
    return tuple(out)


def _same_paragraph(clean: str, view: TextView, orig_start: int, pos: int) -> bool:
    """Does the figure at original offset `orig_start` stand in the paragraph of clean offset `pos`?"""
    return view.orig(clean.rfind("\n", 0, pos) + 1) <= orig_start


def _in_spans(spans: list[tuple[int, int]], starts: list[int], i: int) -> bool:
    k = bisect_right(starts, i) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _prose_facts(name: str, view: TextView, ctx: DocumentContext, cues: kinds.Cues, home: places.Home,
                 table_spans: list[tuple[int, int]], cl: Bounds, five: dict[int, str]) -> list[Fact]:
    lx = lexicon()
    clean = view.clean
    se = sentences(clean)
    tstarts = [s for s, _ in table_spans]
    out: list[Fact] = []
    prev: Candidate | None = None
    prev_fact: Fact | None = None
    prev_right = False
    prev_sentence = -1
    plan_share: tuple[int, Fact] | None = None  # a share of the plan's fact (为年度计划的111%) and its subject's
    unit_list: tuple[int, list] = (-1, [])  # a sentence's start and the units a list of it gave its figures
    name_list: tuple[int, list[str]] = (-1, [])  # …and the names a list of it gave its figures
    named: tuple[int, list[str]] = (-1, [])  # the current list's first figure and the names given to its figures
    cands = find_numbers(clean)
    clause_of = [cl.around(c.start) for c in cands]
    groups = _groups(clean, cands, clause_of)
    years_lead = spans.sentence_years(clean)
    marks = spans.review_marks(view, five, ctx.sections)
    coming = spans.plan_marks(view, marks)
    defaults = kinds.section_defaults(ctx)
    lead_starts = {lead[0] for lead in years_lead}
    home_named = f" {ctx.home.name} ({ctx.home.source})"  # (_region_why's words after a home reading)
    s_start = s_end = -1  # the sentence [s_start, s_end) of the figure before: its bounds and lead are read once
    s_leads = False
    sec_lo = sec_hi = si = 0  # the section [sec_lo, sec_hi) of the figure before, by index
    for ci, c in enumerate(cands):
        if c.unit == "个" and ci + 1 < len(cands) and cands[ci + 1].unit in _CHANGE_UNITS \
                and _LIST_JOIN.match(clean[c.tail_end:cands[ci + 1].lead]):
            c = replace(c, unit=cands[ci + 1].unit)  # 分别高于全省、全国1个和2.2个百分点: 个 of the unit both share
        run_lo, run_hi, shift = view.run_at(c.start)
        ostart = c.start + shift
        if tstarts and _in_spans(table_spans, tstarts, ostart):  # (most documents: no table read)
            continue
        # a clause or sentence is read at most REACH characters back (a line with no punctuation must
        # not make each figure read the whole line)
        c_start = max(clause_of[ci][0], c.start - REACH)
        if not s_start <= c.start < s_end:
            s_start, s_end = se.around(c.start)
            s_leads = s_start in lead_starts  # (most sentences open with no year: lead_year is not asked)
        s_look = max(s_start, c.start - 2 * REACH)
        same_clause = prev is not None and prev.tail_end > c_start and prev.tail_end <= c.start
        seg_start = prev.tail_end if same_clause and prev is not None else c_start
        left = clean[seg_start:c.lead]  # lead: 百分之五, 负3% begin before the number
        if left.endswith(("）", ")")):
            left = _ASIDE_END.sub("", left)  # 同比增长（下同）4%: the note stands between trigger and number
        if s_start != prev_sentence:
            prev_fact = None
        prev_sentence = s_start
        if ci + 1 < len(cands) and cands[ci + 1].start < clause_of[ci][1] \
                and _subject_of_next(clean[c.tail_end:cands[ci + 1].lead]) and _names_its_list(clean, c, c_start):
            continue  # 装备制造、医药、食品和石化4个优势产业: the count names the group listed, it measures nothing

        # qualifier word right before the number, then the trigger before that
        qword = qualifier_word(left)
        if qword in _COMPARISONS and c.unit in _CHANGE_UNITS:
            qword = ""  # 跃居高于2.8个百分点: a gap to a benchmark, no bound
        core = left[:len(left) - len(qword)]
        if qword and core[-1:] in "都均也" and trigger(core[:-1]):
            core = core[:-1]  # 增长都超过20%, 增长均超过15%: the adverb stands between trigger and bound
        trig = trigger(core.rstrip("-"))  # 增长-2.3%: the minus sits between trigger and number
        listed = same_clause and prev_fact is not None and (_LIST_JOIN.match(left) is not None or c.range_end == "high")
        if listed and prev_fact is not None:
            # 分别下降15.1%、17%: a listed figure shares the first one's measure and sign
            measure = prev_fact.measure.value
            negative = c.negative or (prev_fact.value is not None and prev_fact.value < 0)
        else:
            measure = _measure(c, trig)
            if measure == "level" and c.unit == "%" and (_GROWTH_REACHED.search(left) or _GROWTH_NAMED.match(clean, c.tail_end)):
                # 年均增长分别达到17.9%, 增速为8%, 保持10%以上的增长速度: the rate of growth reached
                measure = "growth"
            negative = c.negative or (measure in ("growth", "change") and trig.endswith(_DECREASE)
                                      and not trig.endswith(_LEVEL_AFTER))
            if measure == "change" and not negative and not qword and _things_after(clean, c):
                measure = "level"  # 能力提升67项重点工程, 增加300张床位: the things a rise brings, counted as 新增 counts
            elif c.unit == "%" and not c.negative and _FALL_RATE.search(core):
                measure, negative = "growth", True  # 降幅收窄至2.4%, 下降幅度达5%: the rate of a fall is a fall
        qual = qualifier_of(c, qword, negative)
        if qual == "exact" and not qword and c.qualifier == "exact" and _bound_before_verb(left):
            qual = "at_least"  # 每个县至少培育3家: a bound before the verb bounds its count
        if listed and qual == "exact" and (first_at := groups[ci][2]) < c.start \
                and (lead_word := qualifier_word(clean[max(c_start, first_at - 8):first_at])) \
                and ("分别" in clean[c_start:first_at] or (lx.before.get(lead_word) in ("at_least", "at_most")
                                                         and cands[ci - groups[ci][0]].unit == c.unit)):
            # 分别超过5800家、460家、310家, 连续突破200亿元、300亿元大关: the word before the first bounds each
            qual = qualifier_of(c, lead_word, negative)
        value = -abs(c.value) if negative else c.value
        unit = "基点" if c.unit == "个基点" else c.unit
        if unit in _MAGNITUDES:
            unit += _group_unit(clean, c.tail_end)  # 749万群众, 280万农村居民 → 万人; 14万农户 → 万户
        if unit in _MAGNITUDES:
            # 分别达1409万、1305万人次 (…1226万、1006万和377万人): the listed figures share the last one's unit
            at, j = c, ci + 1
            while unit in _MAGNITUDES and j < len(cands) and (nxt := cands[j]).unit \
                    and nxt.unit.startswith(unit) and _LIST_JOIN.match(clean[at.tail_end:nxt.lead]):
                unit, at, j = nxt.unit, nxt, j + 1

        # the indicator: enumeration, left phrase, right phrase, or the previous figure's
        k, size, first = groups[ci]
        earlier = name_list[1] if size > 1 and name_list[0] == s_start and len(name_list[1]) == size else []
        if not earlier and size > 1 and k == 0 and "分别" in clean[c_start:first] and unit_kind(c.unit) == "money" \
                and _after_verbs(left_phrase(clean[clean.index("分别", c_start, first) + 2:first])) in lx.count_attributes:
            # 28个省重点项目、283个市重点项目…，分别完成投资…: the counts listed before, each its own clause
            counts = [f.indicator for f in out if f.start >= view.orig(s_start) and unit_kind(f.unit) == "count"][-size:]
            if len(counts) == size and len(set(counts)) == size and all(lx.count_owner_re.search(n) for n in counts):
                name_list = (s_start, counts)
                earlier = counts
        named_by = c
        if c.range_end == "low" and ci + 1 < len(cands) and (hi := cands[ci + 1]).range_end == "high":
            named_by = replace(c, tail_end=hi.tail_end)  # 引进1—2家外资金融机构: the noun after the high end names both
        before = plan_share[1] if plan_share is not None and prev_fact is not None and prev is not None \
            and c.unit == "%" and prev_fact.start == plan_share[0] \
            and any(clean.find(w, prev.tail_end, c.lead) >= 0 for w in _RISE_FALL) \
            else _ungapped(prev_fact)  # (…的111%，增长8%: the subject's growth; …的141.5%、142.7%: a list of shares)
        indicator, tier, prev_right = _indicator(clean, named_by, c_start, seg_start, before, groups[ci], prev_right,
                                                 len(left) - len(core), tuple(earlier))
        gap = _gap(left) if c.unit in _CHANGE_UNITS else None
        if size > 1 and c.unit in _CHANGE_UNITS and (
                rate_name := _listed_rate_name(clean[c_start:first], k, size) or _listed_scope_gap(
                    clean[c_start:first], k, size,
                    own if (own := _ungapped(prev_fact)) is not None and own.start >= view.orig(s_start) else None,
                    list(earlier) or [f.indicator for f in out[max(0, len(out) - k - size):len(out) - k]
                                       if f.start >= view.orig(s_start)])):
            # 生产总值、财政收入增幅分别高于全省2、1.3个百分点: each item's rate, with the comparison (no headline:
            # the gap is the fact)
            indicator, tier = rate_name, "B"
        elif gap is not None and (subject := tidy(left_phrase(left[:gap[0]]))) and not is_bare(subject) \
                and len(subject) + len(gap[1]) <= _GAP_NAME_MAX:
            # 社会消费品零售总额增幅高于全国0.2个百分点: the gap is named with its comparison (GUIDE: the gap is the fact;
            # the name is not cut: a longer one keeps the subject's alone)
            indicator, tier = subject + gap[1], "B"
        elif gap is not None and not left[:gap[0]].strip("，,、 ") and prev_fact is not None \
                and (prev_fact.measure.value == "growth" or prev_fact.measure.value == "level" and prev_fact.unit == "%") \
                and prev_fact.start >= view.orig(s_start) \
                and (gap[1].startswith(("增速", "增幅", "增长", "涨幅")) or _GAP_OP_FIRST.match(gap[1])) \
                and (own := _ungapped(prev_fact)) is not None and len(own.indicator) + len(gap[1]) <= _GAP_NAME_MAX \
                and _GAP_NAMED.search(own.indicator) is None:  # (a name compared already is compared no twice)
            # 地区生产总值增长6%，增速高于全省1.2个百分点 (民间投资增长2.1%、高于全国…): the growth just reported is compared
            # (a rate's level too: 失业率3.4%，低于年度目标1.1个百分点 is no fall of the rate)
            indicator, tier = own.indicator + gap[1], "B"
        elif c.unit in _CHANGE_UNITS and prev_fact is not None and (item := _GAP_ITEM.match(left)) is not None \
                and (was := _GAP_NAMED.search(prev_fact.indicator)) is not None:
            # …低于全国24.22个百分点、全省10.55个百分点: the next gap is to its own place (and its own side)
            op = item.group("op") or was.group("op")
            indicator, tier = prev_fact.indicator[:was.start("op")] + op + item.group("scope"), "B"
        share_of = None
        if c.unit in _SHARE_UNITS and prev_fact is not None and left.endswith(_PLAN_ENDS) \
                and (plan := _PLAN_SHARE.search(left)) is not None \
                and prev_fact.start >= view.orig(s_start) and (own := _ungapped(prev_fact)) is not None \
                and "占" not in own.indicator and not own.indicator.endswith(("计划", "目标", "任务", "预算", "完成率")) \
                and "分别" not in clean[c_start:c.lead]:  # (甲…、乙…，分别完成年度计划的a、b: each item's own)
            # 完成投资1148亿元，为年度计划的111%: how much of the year's plan the figure before met
            indicator, tier = own.indicator + (plan.group("what") or "") + plan.group("plan") + "完成率", "B"
            share_of = own
        elif c.unit in _SHARE_UNITS and prev_fact is not None and left.endswith(_PLAN_ENDS) \
                and (over := _PLAN_OVER.search(left)) is not None \
                and prev_fact.start >= view.orig(s_start) and (own := _ungapped(prev_fact)) is not None:
            # 新增就业13938人，超额完成年度目标的42.2%: by how much the figure before passed the plan, no level of it
            indicator, tier = own.indicator + over.group("over"), "B"
        if c.unit == "%" and (reach := _REACH_SHARE.search(left)) is not None \
                and "分别" not in reach.group("subj") \
                and (subj := left_phrase(reach.group("subj"))) and not is_bare(subj) and "占" not in subj \
                and not subj.endswith(_RATE_ENDS) and not _NOT_A_WHOLE.search(reach.group("whole")) \
                and len(of_whole := left_phrase(reach.group("whole"))) >= 2 and not of_whole.endswith(_NO_WHOLE):
            # 禁燃区面积达到建成区面积的60%以上: the share of the whole named after 达到 (产值达到上年的110%: no whole)
            indicator, tier = subj + "占" + of_whole + "比重", "B"
        if indicator.endswith("占比") and (whole := _SHARE_OF_WHOLE.search(left)) is not None:
            indicator = indicator[:-1] + whole.group(1) + "比重"  # 改造量占全国50%以上: 改造量占全国比重
        if c.range_end == "high" and prev_fact is not None:
            indicator, tier = prev_fact.indicator, prev_fact.tier  # 五至六成: both ends measure one thing
        elif prev_fact is not None and prev_fact.tier == "A" and indicator and only_places(indicator, prefixes=False) \
                and prev_fact.start >= view.orig(s_start):
            # 其中，甲市生产总值增长4.8%，乙、丙分别增长…: a place names no figure; the sentence's headline before does
            indicator, tier = prev_fact.indicator, prev_fact.tier
        elif c.unit == "倍" and prev_fact is not None and prev_fact.start >= view.orig(s_start) \
                and _TIMES_OF_BASE.search(clean, max(c_start, c.lead - 16), c.lead) \
                and not (size > 1 and "分别" in clean[c_start:c.lead]):  # (…分别是上个五年的2.5倍、2.1倍: each item's)
            # …年价值量达6870亿元，是2020年全市GDP的5.9倍: the thing named after 是 is the base, the figure the subject's
            indicator, tier = prev_fact.indicator, prev_fact.tier
        elif prev_fact is None and indicator in lx.attributes and clause_of[ci][0] <= s_start \
                and (owner := _part_subject(clean, view, se, out, s_start)):
            # 规模以上工业总产值342亿元，增长23%；增加值97亿元: a part after ； opening with an attribute is the
            # subject's of the part before
            indicator = _attribute_of(owner, indicator)
            tier = "A" if headline(indicator) else tier
            indicator = headline(indicator) or indicator
        if not indicator:
            # a sentence opening with its figure (2012年达到7000亿元，…) speaks of the subject of the
            # paragraph's figure before it; with none, the figure names nothing and is no fact
            last = out[-1] if out and _same_paragraph(clean, view, out[-1].start, c.start) else None
            if last is None:
                continue
            indicator, tier = last.indicator, last.tier
        named = (first, (named[1] if named[0] == first else [])[:k] + [indicator])
        if size > 1 and k == size - 1 and len(named[1]) == size and len(set(named[1])) == size:
            name_list = (s_start, named[1])  # 城乡居民收入分别达a、b，比2011年分别增长c、d: the next list's names
        parts = listed_year_parts(clean[c_start:first])[1] if size > 1 else []  # 一季度、…和全年分别增长a、b
        look = s_look
        if prev is not None and s_look < prev.tail_end < c.lead and _MOVED_TO.search(clean, prev.tail_end, c.lead):
            look = prev.tail_end  # 增速从一季度的-13.1%回升到1.5%: the quarter is the first figure's, not the second's
        part = parts[k] if len(parts) == size else year_part(clean[look:c.lead])
        indicator, tier = _for_year_part(indicator, tier, part)
        if unit in _MAGNITUDES and (counted := _counted_unit(indicator)):
            unit += counted  # 参与冰雪运动人数超过3000万 → 万人, 新增技能人才3.6万, 旅游接待总人次达到500万 → 万人次
        rate_core = _rate_core(core) if measure == "level" and c.unit == "%" else ""
        if rate_core and (_RATE_WORDS.search(rate_core) or trigger(rate_core) in lx.growth):
            measure = "growth"  # 增长率为6.8%, 增长由一季度的6.3%: a growth rate stated as a level
        elif measure == "level" and c.unit == "%" and prev_fact is not None and prev_fact.unit == "%" \
                and prev_fact.measure.value == "growth" and not left_phrase(left) \
                and not _SHARE_OF_NOUN.match(clean, c.tail_end):  # (…，创造了60%以上的GDP: a share of what follows)
            measure = "growth"  # …的6.3%拉升到二季度的6.7%: the same rate, later in the year
        elif measure == "level" and c.unit == "%" and prev_fact is not None and prev_fact.unit == "个百分点" \
                and prev_fact.indicator == indicator and not left_phrase(left) \
                and _RATE_NAMED.search(clean, max(s_start, c.start - 40), c.start):
            measure = "growth"  # 增速高于全省两个百分点、达到13%左右: the rate the points were of
        elif measure == "level" and c.unit == "%" and indicator.removeprefix(part) in lx.phrase.growth_in_percent \
                and "占" not in clean[c_start:c.start] and not _SHARE_OF.search(clean, max(c_start, c.lead - 8), c.lead) \
                and not clean.startswith("的", c.tail_end):
            measure = "growth"  # 增速…全年达到4.3%: a percentage of a flow is its growth (占…, 总量的50%: a share)
        explicit = spans.explicit_year(clean, c_start, c.start) or spans.base_value_year(clean, c_start, c.lead, c.tail_end) \
            or spans.plan_end_base(clean, c_start, c.lead)
        lead = spans.lead_year(years_lead, s_start, c.start, clean, c_start) if s_leads else None
        # 左右 after a figure hedges a goal (增长7%左右); 以上/以下 are as often results (九成以上)
        hedge = "左右" if c.qualifier == "about" and clean.startswith("左右", c.tail_end - 2) else ""
        if not sec_lo <= ostart < sec_hi:  # (a section's figures follow one another: its bounds are read once)
            si = ctx.section_index(ostart)
            sec_lo, sec_hi = ctx.section_bounds(si)
        r = kinds.read(clean, cues, ctx, ctx.sections[si], defaults[si], s_look, c_start, c.start, explicit, lead, hedge)
        if r.kind == "target" and ctx.date is not None and r.period is not None and r.period.isdigit() \
                and int(r.period) >= ctx.date.plan_year and not explicit \
                and _FROM_BEFORE.search(clean, max(c_start, c.lead - 10), c.lead) and _TO_AFTER.match(clean, c.tail_end):
            # 今年农村低保标准由每人每月520元提高到560元 (到2025年，城镇化率由58%提高到63%): where the goal starts is the
            # level now, the year reviewed's
            r = kinds.Reading("actual", str(ctx.date.review_year), "a goal's starting point (由…提高到…): the level now",
                              f"a goal's starting point: the year reviewed, {ctx.date.review_year}")
        if r.kind == "actual" and c.unit != "项" and _goal_after().match(clean, c.tail_end):
            # 实现了10%的预期目标, 增速未达到8%的年度目标: the goal the year had, not what it reached
            # (34项预期目标如期实现, 13项预期性指标: goals counted)
            r = kinds.Reading("target", r.period, f"a goal word after the number ({clean[c.tail_end:c.tail_end + 6]!r})",
                              r.why_period)
            if measure == "level" and c.unit == "%" and prev_fact is not None and prev_fact.indicator == indicator \
                    and prev_fact.measure.value == "growth":
                measure = "growth"  # 增长7.1%，未完成8%的预期目标: the goal of the growth just reported
        if r.kind == "target" and part and ctx.date is not None and r.period == str(ctx.date.plan_year) \
                and kinds.part_over(part, ctx.date):
            # 我省一季度地区生产总值下降3% in a report of May: a part of the plan year already over is a result
            r = r._replace(kind="actual", why_kind=f"{part!r} over by the document's date {ctx.date}")
        kind, period, why_p = r.kind, r.period, r.why_period
        span = spans.span_period(clean, five, ctx, c, ostart, s_look, c_start, left, trig, measure, kind, period,
                                 bool(explicit or lead))
        if span and span[0] is None and kind == "actual" and period and period.isdigit() \
                and (review := spans.part_span(marks, ctx, ostart, kind, int(period))):
            span = review  # 年均增长14.1% in a review that named its five years before (过去五年，…)
        elif kind == "target" and period and period.isdigit() and not (explicit or lead) \
                and spans.average_before(clean, c_start, c.start) \
                and (planned := spans.part_span(coming, ctx, ostart, kind, int(period))):
            span = planned  # 年均增长6.5%左右 among the targets of a plan named before (“十四五”时期…)
        if span:
            period, why_p = span
        if c.range_end == "high" and prev_fact is not None and prev_fact.period != period:
            period, why_p = prev_fact.period, "the range's low end"  # 年均增长7%~8.5%: one figure, one span
        elif listed and prev_fact is not None and ("-" in (prev_fact.period or "") or span) \
                and prev_fact.period != period and not explicit:
            # 年均分别增长7.5%和11.9%: one span; 参保率分别达到98%、99.5%: one year, as the first's words say
            period, why_p = prev_fact.period, "listed with the figure before"
        elif prev_fact is not None and "-" in (prev_fact.period or "") and prev_fact.indicator == indicator \
                and prev_fact.start >= view.orig(s_start) and _STRETCH.fullmatch(clean, c_start, c.lead) \
                and prev_fact.period != period:
            period, why_p = prev_fact.period, "the stretch of the average before it"  # 年均增长13%，力争15%
        elif prev_fact is not None and "-" in (prev_fact.period or "") and c.unit == "个百分点" \
                and prev_fact.measure.value == "growth" and prev_fact.start >= view.orig(s_start) \
                and _GAP_OF_RATE.fullmatch(clean, c_start, c.lead) and prev_fact.period != period:
            # 规上工业增加值年均增长7.9%，高于全省1.7个百分点: the gap of that average, over its years
            period, why_p = prev_fact.period, "the gap of the average before it"
        if lead and period == lead and "-" in lead and measure == "level" and not explicit:
            # 2010年到2015年，地区生产总值由1865.7亿元增加到3090.5亿元: the span's first year's value, then its last's
            first_y, last_y = lead.split("-", 1)
            if core.endswith(lx.span_start_words):  # (core: the words before the figure, its bound word left out)
                period, why_p = first_y, f"{why_p}: the value it starts from"
            elif _FROM_TO_END.search(clean, c_start, c.lead):
                period, why_p = last_y, f"{why_p}: the value it reaches"
            elif (lx.before.get(qword) == "at_least" or c.unit in spans.STATE_UNITS or "人均" in left) \
                    and spans.span_or_end(c, left, measure, int(first_y), int(last_y), clean[s_start:c.start]) == last_y:
                # 2016—2020年，…人均GDP突破6万元, …开工率90%: a level reached at its end (a sum reached, 支出达40亿元,
                # 为3万所学校建设…, is the span's)
                period, why_p = last_y, f"{why_p}: a level reached at its end"
        base = spans.base_year(clean, s_look, c.start, int(period)) \
            if measure == "growth" and period and period.isdigit() else None
        if base and base not in indicator:
            # 比2010年增长71%: a growth over a base year names that base, and is no year's headline growth
            indicator, tier = indicator + base + ("下降" if value < 0 else "增长"), "B"
        elif not base and "年" in indicator and (plain := spans.BASE_NAMED.sub("", indicator)) != indicator:
            indicator, tier = (headline(plain), "A") if headline(plain) else (plain, tier)  # type: ignore[assignment]  # …，比上年增长4.1%
        region, code, why_r = home.region_why(clean, s_start, c.start)
        # (only a field of 全国 or above the home can be the home's: most figures' region is neither, and the
        # rank and title tests are not made for them)
        if (region == "全国" or home.is_above(code)) and (why_field := home.field_only(clean, s_start, c.start, region, code,
                                        ranked=measure == "rank" or indicator.endswith(_RANK_NAMES),
                                        titled=unit_kind(unit) == "count" and bool(lx.phrase.title_re.search(indicator)))):
            region, code, why_r = home.name, home.code, why_field  # 全省市州营商环境评价第9: the home's rank
        if c.kind == "rank" and size <= 1 and why_r.startswith("home") \
                and (fb := clean.find("分别", c_start, c.lead)) > c_start \
                and len(units := home.listed_units(clean, c_start, fb)) > (ri := list_index(clean[fb:c.start])) \
                and len(units) > 1:
            (region, code), why_r = units[ri], f"place {ri + 1} of {len(units)} listed before the ranks"  # 甲区、乙市分别位列…
        elif size > 1 and why_r.startswith("home") and len(units := home.listed_units(clean, c_start, first)) == size:
            (region, code), why_r = units[k], f"place {k + 1} of {size} listed before the figures"  # 隆阳、施甸…分别
            unit_list = (s_start, units)
        elif size <= 1 and why_r.startswith("home") and _JOINERS.search(clean, c_start, c.lead) \
                and len(units := home.opening_units(clean, c_start, c.lead, first_run=True)) > 1 \
                and (_SHARED_BY_ALL.search(clean, c_start, c.lead)
                     or ((rest := _after_place_list(clean[c_start:c.lead])) and places.opens_subject(rest))):
            # 甲市和乙市地区生产总值均增长10%以上, 甲、乙经济总量突破千亿元: places listed opening the clause share one
            # figure (each before its adverb 均, or right before what they did or its indicator); it is the first's
            # as it is each's (one fact per number, as a shared indicator list gives its first), never the home's
            (region, code), why_r = units[0], f"place 1 of {len(units)} listed sharing the figure"
            if tier == "B" and all(code_ for _, code_ in units) and (rest := _after_place_list(indicator.rstrip("都均"))) \
                    and len(rest) >= 2 and "、" not in rest and not any(n.startswith(rest) for n, _ in units):
                indicator = headline(rest) or rest  # 甲、乙土地出让金都是上年的10倍: the places are the region, not the name
                tier = "A" if headline(rest) else "B"
        elif size > 1 and why_r.startswith("home") and unit_list[0] == s_start and len(unit_list[1]) == size:
            # 甲区、乙区分别实现生产总值167亿元、225亿元，增长12.3%、8.4%: the next list of as many figures is theirs
            (region, code), why_r = unit_list[1][k], f"place {k + 1} of {size} listed earlier in the sentence"
        elif size > 1 and why_r.startswith("home") and c_start > s_start and (fb := clean.find("分别", c_start, first)) > 0 \
                and not _JOINERS.search(clean, c_start, fb) and not _DIGIT.search(clean, s_start, c_start) \
                and len(units := home.opening_units(clean, s_start, c_start)) == size:
            # 甲高新区、乙工业园区获批省级化工园区，产值增速分别达21.6%、31%: the units opening the sentence (not when
            # the figures' own subject is a list, 污水、垃圾处理率分别…, or figures before them take the 分别)
            (region, code), why_r = units[k], f"place {k + 1} of {size} listed opening the sentence"
            unit_list = (s_start, units)
        # (前三季度地区生产总值: a part of the year's total is a total too)
        total = why_r.startswith("home") and lx.phrase.area_total_re.fullmatch(indicator.removeprefix(part)) is not None
        if total and why_r == "home" and (part_of := places.area_subject(clean, s_start, c.lead, home)):
            region, code, why_r = part_of, home.part_code(part_of), f"sentence subject {part_of!r} of its total"  # 松山湖实现生产总值…
        elif total and (other := home.outside_owner(clean, s_start, c.lead)):
            (region, code), why_r = other, f"{other[0]} named before its total"  # 2021年北京市地区生产总值… (a news page)
        elif tier == "A" and why_r.startswith("home") and (zone := places.zone_subject(clean, c_start, c.lead)):
            if places.generic_zone(zone):
                indicator, tier = zone + indicator, "B"  # 全市园区完成规上工业增加值…: all the zones of a kind, no place
            else:
                region, code, why_r = zone, home.part_code(zone), f"zone {zone!r} opening the clause"  # 某新区完成固定资产投资…
        elif tier == "A" and why_r.startswith("home") and prev_fact is not None and prev_fact.indicator == indicator \
                and prev_fact.start >= view.orig(s_start) and "region: zone " in (prev_fact.why or ""):
            region, code, why_r = prev_fact.region, prev_fact.region_code, "the zone of the figure before"  # …，增长54.1%
        elif tier == "A" and why_r.startswith("home") and prev_fact is not None and prev_fact.tier == "B" \
                and prev_fact.start >= view.orig(s_start) \
                and (topic := _part_topic(prev_fact.indicator, clean, c_start, c.lead, left if same_clause else "")):
            # 县域地区生产总值增长23%，地方财政一般预算收入增长44.9%: the part of the home the sentence opened with
            # holds for its later headlines too (none of them the home's)
            indicator, tier = topic + indicator, "B"
        elif tier == "A" and why_r.startswith("home") and _JOINERS.search(clean, c_start, c.lead) \
                and (topic := _listed_topic(clean, c_start, c.lead)) \
                and not context_rules().whole_re.search(clean, c_start, c.lead):
            indicator, tier = topic + indicator, "B"  # 县域生产总值和财政一般预算收入增长20%: the part holds for the list
        if unit in _BIG_MAGNITUDES and indicator.endswith(lx.phrase.money_names):
            unit += "元"  # 地区生产总值先后跨上2万亿, 产值突破1000亿: an amount written without its currency
        ev_s, ev_e = _evidence_window(s_start, s_end, c.start, c.end)
        surf_s = c.lead - len(qword)
        # the figure, and apart its evidence, lying in the run of kept characters of its number (most figures do,
        # and the evidence of a text without spaces or broken lines): one shift maps their offsets (an end offset
        # maps as the character before it does, plus one)
        if run_lo <= surf_s and max(c.end, c.tail_end) <= run_hi:
            end, surf_s, surf_e = c.end + shift, surf_s + shift, c.tail_end + shift
        else:
            end, surf_s, surf_e = view.orig_end(c.end), view.orig(surf_s), view.orig_end(c.tail_end)
        if run_lo <= ev_s and ev_e <= run_hi:
            ev_s, ev_e = ev_s + shift, ev_e + shift
        else:
            ev_s, ev_e = view.orig(ev_s), view.orig_end(ev_e) if ev_e > ev_s else view.orig(ev_s)
        # (every field, in order, no keyword: binding 16 keywords cost a third of building a Fact, pure or compiled)
        fact = Fact(
            name, ostart, end, view.text[surf_s:surf_e],  # doc, start, end, surface
            _KIND[kind], indicator, _MEASURE[measure], value, unit, _QUALIFIER[qual], region, period, tier,
            False, view.text[ev_s:ev_e].strip(), False, code,  # optional, evidence, duplicate, region_code
            f"kind: {r.why_kind}; period: {why_p}; region: {why_r + home_named if why_r.startswith('home') else why_r}",
        )
        if listed and prev_fact is not None and qual != "exact" and prev_fact.qualifier == "exact" \
                and out and out[-1] is prev_fact:
            # 分别增长7.5%、8.5%以上: a qualifier after the last item applies to every item
            out[-1] = prev_fact.replace(qualifier=Qualifier(qual))
        out.append(fact)
        prev, prev_fact = c, fact
        if share_of is not None:
            plan_share = (ostart, share_of)
    return _wider_totals(view.text, out)


def _wider_totals(text: str, facts: list[Fact]) -> list[Fact]:
    """Figures of a total wider than the headline whose name they were given: a sentence names one headline by two
    of its names (_two_names), or a part after 其中 is the same headline under another name (完成地方财政收入500亿元，
    增长12.5%，其中：一般公共预算收入300亿元). The wider total keeps the name written (tier B)."""
    facts = _two_names(text, facts)
    for j in range(1, len(facts)):
        g, f = facts[j], facts[j - 1]
        if g.tier != "A" or f.tier != "A" or f.indicator != g.indicator or f.end > g.start:
            continue
        gap = text[f.end:g.start]
        q = gap.rfind("其中")
        if q < 0 or "。" in gap or "\n" in gap:
            continue
        part = left_phrase(gap[q + 2:])
        if not gap[q + 2:].lstrip("，,：: ").startswith(part):
            continue  # (其中成都高新综保区实现进出口…: a place's share of the total, no narrower statistic)
        i = j - 1  # the total's figures: back to the sentence's start
        while i > 0 and facts[i - 1].indicator == g.indicator and facts[i - 1].end <= facts[i].start \
                and not any(ch in text[facts[i - 1].end:facts[i].start] for ch in "。\n"):
            i -= 1
        lead = text[max(0, facts[i].start - 24):facts[i].start]
        total = left_phrase(lead[max(lead.rfind("。"), lead.rfind("\n")) + 1:])
        if total == part or synonym_of(total) != g.indicator or synonym_of(part) != g.indicator:
            continue  # (the same words, or a place or more before either name: no wider total shown)
        for k in range(i, j):
            facts[k] = facts[k].replace(indicator=total, tier="B", why=(facts[k].why or "") + (
                f"; indicator: {total!r} wider than the headline (其中 {part!r})"))
    return facts


def _two_names(text: str, facts: list[Fact]) -> list[Fact]:
    """财政总收入…、地方财政收入104.6亿元、公共财政预算收入64.4亿元，分别增长…: a sentence naming one headline by two of
    its names speaks of two statistics. The smaller amount is the headline's (a wider total holds it); without
    amounts, a loose name (indicators.toml `loose`) is the wider one. Only headlines with loose names are looked at:
    theirs are the names a wider statistic is also called by. The figures are matched to the names in order,
    unit by unit; the wider total's keep the name written (tier B)."""
    lx = lexicon()
    groups: dict[tuple[int, str], list[int]] = {}
    for i, f in enumerate(facts):
        if f.tier == "A" and f.indicator in lx.headline_loose:
            a = max(text.rfind("。", 0, f.start), text.rfind("\n", 0, f.start)) + 1
            groups.setdefault((a, f.indicator), []).append(i)
    for (a, name), idx in groups.items():
        if len(idx) < 2:
            continue
        hits = [(s, e, w) for s, e, (w, n) in lx.headline_automaton.iter(text[a:facts[idx[-1]].start]) if n == name]
        names = [(a + e, w) for s, e, w in hits
                 if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in hits)]
        written = [w for _, w in names]
        if len(set(written)) != len(written) or len(written) < 2:
            continue  # (one name, or a name said twice: one statistic)
        by_unit: dict[str | None, list[int]] = {}
        for i in idx:
            by_unit.setdefault(facts[i].unit, []).append(i)
        amounts = next((same for unit, same in by_unit.items() if unit and unit.endswith("元") and len(same) == len(written)), None)
        if amounts is not None and [max((k for k, (end, _) in enumerate(names) if end <= facts[i].start), default=-1)
                                    for i in amounts] != list(range(len(written))):
            continue  # (由1106.8亿元增加到2727.1亿元: the amounts are not one after each name, in order)
        if amounts is not None:
            values = [v for i in amounts if (v := facts[i].value) is not None]
            strict = {values.index(min(values))} if len(set(values)) == len(values) == len(amounts) else set()
        else:
            strict = {k for k, w in enumerate(written) if w not in lx.headline_loose[name]}
        if len(strict) != 1:
            continue
        for same in by_unit.values():
            if len(same) == len(written):
                for k, i in enumerate(same):
                    if k not in strict:
                        facts[i] = facts[i].replace(indicator=written[k], tier="B", why=(facts[i].why or "") + (
                            f"; indicator: {written[k]!r} wider than the headline (beside {written[min(strict)]!r}"
                            + (", a smaller amount)" if amounts is not None else ")")))
    return facts


_VERB_TIME: Final = ("年度", "今年", "全年", "当年", "年内")
# (支持每个乡镇至少办好1所…: every place the verb is for, wherever it stands, names nothing)
_EACH_PLACE: Final = re.compile(r"(?:各|每个?)(?:县（市、区）|县（市）|县市区|县区|区县|地|县|市|区|乡镇|镇|村)")


def _gap(left: str) -> tuple[int, str] | None:
    """Where a gap to a wider place opens in the words before its figure, and its comparison as a name's tail
    (增幅高于全国, and 比全省平均水平高 written 高于全省平均水平, one name for one comparison)."""
    if (m := _GAP.search(left)) is not None:
        return m.start(), m.group("cmp").rstrip("近约超逾达")  # (高出全省近10个百分点: 近 qualifies the figure)
    if (m := _GAP_BY.search(left)) is not None:
        return m.start(), (m.group("rate") or "") + _SHORT_OPS[m.group("op")] + m.group("scope")
    return None


def _ungapped(f: Fact | None) -> Fact | None:
    """A gap's fact as the figures after it read it: named by its subject alone (地区生产总值增速高于全省 →
    地区生产总值), so 总量达到3800亿元 after it is no 总量 of a comparison."""
    if f is None or f.unit not in _CHANGE_UNITS or (m := _GAP_TAIL.search(f.indicator)) is None or m.start() < 2:
        return f
    name = f.indicator[:m.start()]
    canon = headline(name)
    return f.replace(indicator=canon, tier="A") if canon else f.replace(indicator=name)


def _goal_after() -> re.Pattern[str]:
    return context_rules().phrases["goal_after"]


_NO_THING_UNITS: Final = ("位", "日", "天", "月", "年", "小时")  # (a rank, a time: no things)
_PLACES_JOINING: Final = re.compile(r"[县市区乡镇](?:[（(]|$)")


def _counted_class(name: str) -> str:
    """The class of places a count counts when a measure of theirs follows it in the name (县（市）生产总值同比增长 →
    县（市）), else ""."""
    ph = lexicon().phrase
    if not name.startswith(ph.counted_classes):
        return ""  # (most names: one C-speed test)
    cls = next(w for w in ph.counted_classes if name.startswith(w))
    rest = name[len(cls):]
    if rest and (rest.startswith(ph.counted_class_measures) or rest.startswith(_attribute_words())
                 or len(headline_head(rest) or "") > 2):  # (经济 alone: 经济社会管理权限)
        return cls
    return ""


@lru_cache(maxsize=1)
def _attribute_words() -> tuple[str, ...]:
    return tuple(lexicon().attributes)  # (for str.startswith, made once)


def _counted_unit(indicator: str) -> str:
    """The unit a bare magnitude (万, 亿) takes from a name counting visits or people (units.toml visit_nouns,
    people_nouns: the nouns `_group_unit` reads after the figure), else ''."""
    lx = lexicon()
    return "人次" if indicator.endswith(lx.visit_nouns) else "人" if indicator.endswith(lx.people_nouns) else ""


def _things_after(clean: str, c: Candidate) -> bool:
    """Is the count at `c` of the things named right after it (…提升67项重点工程), not a change of a stock named
    before it (高新技术企业增加120家，)?"""
    if c.unit is None or unit_kind(c.unit) != "count" or c.unit in _CHANGE_UNITS or c.unit.endswith(_NO_THING_UNITS) \
            or not _CJK.match(clean, c.tail_end) or clean.startswith(lexicon().phrase.not_things, c.tail_end):
        return False  # (提升6个位次, 最多2个工作日办结: the unit goes on)
    right = right_phrase(_right_text(clean, c), counted=True)
    return bool(right) and not is_bare(right) and not _PLACES_JOINING.match(right)  # (再增加44个县（区）: places join)


def _rise_before(left: str, qlen: int, clean: str, c: Candidate) -> str:
    """The rise word right before a count of the things it brings (能力提升67项重点工程 → 提升), else ''."""
    if qlen or not (t := trigger(left, ranks=False)) or t.endswith(_DECREASE) or t in lexicon().level_after:
        return ""
    return t if _things_after(clean, c) else ""


def _object_verb_end(phrase: str) -> bool:
    """Does the phrase end with a verb that takes an object (开辟, 引进), after words of its own?"""
    verbs = _object_verb_words()
    return len(phrase) > 3 and phrase.endswith(verbs) and not phrase.endswith(lexicon().phrase.stage_verbs) \
        and any(phrase.endswith(v) and len(phrase) > len(v) + 1 for v in verbs)


@lru_cache(maxsize=1)
def _object_verb_words() -> tuple[str, ...]:
    return tuple(v for v in lexicon().verbs_before_noun if len(v) >= 2)


def _bound_before_verb(left: str) -> bool:
    """Does `left` end with 至少 and a verb (至少培育, 至少建成)?"""
    i = left.rfind("至少", max(0, len(left) - 6))
    return i >= 0 and 1 <= len(verb := left[i + 2:]) <= 4 and (
        _verb_only(verb) or lexicon().triggers_re.fullmatch(verb) is not None)


@lru_cache(maxsize=8192)
def _verb_only(phrase: str) -> bool:
    """Is the phrase only a verb whose object names the figure, after the home's whole-word and cue words
    (我市共帮扶11.7万名就业困难人员, 共建成203间母婴室)?"""
    lx = lexicon()
    if phrase in lx.verbs_before_noun:
        return True
    wholes = _wholes()
    leading = _leading_gate()
    prev = None
    while prev != phrase:
        prev = phrase
        # (one C-speed test first: most phrases neither open nor end with a whole-word, and the loop then changes
        # nothing)
        for w in lx.phrase.whole if phrase.startswith(wholes) or phrase.endswith(wholes) else ():
            if phrase.startswith(w):
                phrase = phrase[len(w):]
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase = phrase[:-len(w)]  # (基本建成市域800公里高速公路: the home's whole area, before the object)
        if "各" in phrase or "每" in phrase:  # (what every place opens with)
            phrase = _EACH_PLACE.sub("", phrase)
        if may_open(leading, phrase):  # (anchored: a first character no leading word opens with spares the call)
            phrase = lx.leading_re.sub("", phrase)
        if len(phrase) > 2 and phrase.endswith(_VERB_TIME):
            phrase = phrase[:-2]  # 紧盯年度8200多名…: the verb's time, no object of it
        # 基本建成36个城市书房, 全面完成…: an adverb of the verb names nothing either
        if phrase.startswith("在") and not phrase.startswith(lx.phrase.keep_starts):
            phrase = phrase[1:]  # 在全面建成8条示范带的基础上 (在建, 在校: names)
        phrase = _without_adverb(phrase, keep=1)
    if _JOINERS.search(phrase):  # 新建、改扩建6家污水处理厂, 新建和改扩建51所: verbs listed
        return all(p in lx.verbs_before_noun or verb_chain(p, lx.verb_chain) for p in _JOINERS.split(phrase))
    return phrase in lx.verbs_before_noun or verb_chain(phrase, lx.verb_chain)


@lru_cache(maxsize=1)
def _leading_gate() -> tuple[frozenset[str], bool, bool] | None:
    return match_gate(lexicon().leading_re)  # (the characters a leading cue word opens with, for may_open)


@lru_cache(maxsize=1)
def _wholes() -> tuple[str, ...]:
    return tuple(lexicon().phrase.whole)  # (for str.startswith, made once)


# a listed subject's rate said of each item (生产总值、财政收入增幅分别高于全省…, …增速分别比上年提高…)
_LISTED_RATE: Final = re.compile(rf"(?P<rate>{_GAP_RATES})(?:分别|均)(?P<rest>[^，,。；;、\d]{{0,12}})$")


_RANK_VERB: Final = re.compile(r"^(?:分别)?(?:上升至|上升到|提升至|提升到|升至|跃居|跃升至|跃升到|位居|位列|名列|进位|居|排名|排|列|进入)")
_RANK_TAIL: Final = re.compile(r"(?:第[0-9一二三四五六七八九十]+(?:位|名)?[、和及与])*第?$")


def _rank_field(between: str) -> str:
    """The ranking a listed place holds, from the words between 分别 and its rank (位列全国百强县第59位、第 → 全国百强县排名),
    else ""."""
    verb = _RANK_VERB.match(between)
    tail = _RANK_TAIL.search(between)
    if verb is None or tail is None or tail.start() - verb.end() < 2:
        return ""
    field = between[verb.end():tail.start()]
    return field if field.endswith(("排名", "位次", "排行")) else field + "排名"


_AMONG: Final = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?<![高初集其城空])(?:当中|之中|中)(?:有|，|,)")  # (高中, 初中: words)


def _listed_rate_name(clause: str, index: int, size: int) -> str:
    """The name of the `index`-th of `size` changes in points said of a listed subject's rate, else "":
    the item, the rate and the comparison when it is to a wider place (地区生产总值增幅高于全省)."""
    m = _LISTED_RATE.search(clause)
    if m is None or index >= size:
        return ""
    items = [tidy(left_phrase(x)) for x in _enum_split(clause[:m.start()])]
    if len(items) != size or not all(items) or any(is_bare(x) for x in items):
        return ""
    named = _GAP_NAMED.search(m.group("rest"))
    name = items[index] + m.group("rate") + (m.group("rest")[named.start():] if named else "")
    return name if len(name) <= _GAP_NAME_MAX else ""


# gaps listed after 分别 (增速分别高于全国、全省a和b个百分点, 较全省、全国分别低a、b个百分点, …，分别比预期目标高a、b个百分点):
# to as many wider places as figures, or to one base for as many subjects
_SHORT_OP: Final = _GW.short_ops
_SCOPE_LIST: Final = rf"{_GAP_SCOPES}(?:[、和与及]?{_GAP_SCOPES})+"
_GAP_BASE: Final = r"[^，,。；;：:、\d]{1,10}?"
_LISTED_SCOPES: Final = re.compile(
    rf"(?:(?P<rate>{_GAP_RATES})?(?:分别|均)?(?P<op>{_GAP_OPS})(?P<scopes>{_SCOPE_LIST})(?:同期平均水平|同期水平|平均水平|同期|平均)?(?:分别|均)?"
    rf"|(?P<rate2>{_GAP_RATES})?(?:较|比)(?P<scopes2>{_SCOPE_LIST})(?:同期平均水平|同期水平|平均水平|同期|平均)?(?:分别|均)?(?P<op2>{_SHORT_OP})"
    rf"|(?P<rate3>{_GAP_RATES})?(?:分别|均)(?:(?:较|比)(?P<base>{_GAP_BASE})(?<![提降升增减])(?P<op3>{_SHORT_OP})|(?P<op4>{_GAP_OPS})(?P<base4>{_GAP_BASE})))$")
_SHORT_OPS: Final = {"高": "高于", "低": "低于", "快": "快于", "慢": "慢于", "高出": "高出", "高了": "高于", "低了": "低于"}


def _listed_scope_gap(clause: str, index: int, size: int, before: Fact | None, earlier: list[str]) -> str:
    """The name of the `index`-th of `size` gaps listed after 分别, else "": the subject (written before, the growth
    or level just reported, or the item of the list of as many figures before), its rate word, the comparison and
    what it is compared with (its own place of the places listed, or the one base)."""
    m = _LISTED_SCOPES.search(clause)
    if m is None or index >= size:
        return ""
    listed = m.group("scopes") or m.group("scopes2")
    subject = tidy(left_phrase(clause[:m.start()]))
    if listed:
        scopes = re.findall(_GAP_SCOPES, listed)
        if len(scopes) != size:
            return ""
        base = scopes[index]
        if not subject or is_bare(subject):
            if before is None:
                return ""
            subject = before.indicator
    else:
        base = m.group("base") or m.group("base4")
        items = [tidy(left_phrase(x)) for x in _enum_split(clause[:m.start()])] if subject else []
        if len(items) == size and all(items) and not any(is_bare(x) for x in items):
            subject = items[index]
        elif not subject and len(earlier) == size:
            subject = earlier[index]  # 甲增长a%，乙增长b%，分别比预期目标高c、d个百分点: each figure's own subject
        else:
            return ""
    op = m.group("op") or m.group("op4") or _SHORT_OPS[m.group("op2") or m.group("op3")]
    name = subject + (m.group("rate") or m.group("rate2") or m.group("rate3") or "") + op + base
    return name if len(name) <= _GAP_NAME_MAX else ""


def _enum_split(subject: str) -> list[str]:
    """The items of a listed subject, split at 、和及与 but not inside a word (供热普及率、燃气普及率)."""
    out, i = [], 0
    for m in lexicon().phrase.enum_split_re.finditer(subject):
        if m.group(1) is None:
            out.append(subject[i:m.start()])
            i = m.end()
    return out + [subject[i:]]


_LAST_JOIN: Final = re.compile(r"(?<=[\u4e00-\u9fff])[和及与](?=[\u4e00-\u9fff])")


_QUOTED: Final = re.compile(r"“[^”\n]{1,24}”")


def _owner(clean: str, i: int, phrase: str) -> str:
    """The name of an amount whose owner follows it after 的 (总投资10亿元的汽车灯具项目 → 汽车灯具项目总投资),
    or "" when the words before the amount name something of their own (固定资产投资560亿元的年度目标)."""
    lx = lexicon()
    word = next(w for w in lx.phrase.owned_words if phrase.endswith(w))
    rest = phrase[:-len(word)]
    # 总投资30亿元的甲项目、计划总投资50亿元的乙项目, 启动…的征迁和投资8000万元的…工程: this item's words only
    rest = rest[max(rest.rfind("、"), rest.rfind("和")) + 1:]
    if rest and not _verb_only(rest) and _without_verb(rest) not in lx.phrase.amount_leads \
            and _after_verbs(rest) not in lx.phrase.amount_leads:
        return ""
    if count := _OWNER_COUNT.match(clean, i):
        i = count.end()  # 总投资219亿元的45个项目: the amount is the projects' together
    quoted = _QUOTED.match(clean, i)
    owner = quoted.group() if quoted else right_phrase(clean[i:i + 30])
    if not quoted and (p := lx.phrase.owner_end_re.search(owner, 2)):
        owner = owner[:p.start()]  # 新浦轻烃项目开工, 韵达产业园等一批项目: the name before what is said of it
    return owner + word if owner else ""


_SHARE_UNITS: Final = ("%", "％", "成")


def _progress_subject(clean: str, c_start: int) -> str:
    """The subject of the clause right before `c_start` when that clause says only how it fares (旅游业蓬勃发展，…),
    else ""."""
    if c_start < 3 or clean[c_start - 1] not in "，,":
        return ""
    w = max(0, c_start - 40)
    # (a clause longer than the window, 以…六大产业为代表的高新技术产业快速发展: its last words)
    a = max(max(clean.rfind(p, w, c_start - 1) for p in "，,。；;：:\n") + 1, w)
    m = lexicon().phrase.progress_re.fullmatch(clean, a, c_start - 1)
    if m is None and a == w:
        m = lexicon().phrase.progress_re.search(clean, a, c_start - 1)
        m = m if m is not None and m.end() == c_start - 1 else None
    if m is None:
        return ""
    subject = _without_lead_verbs(left_phrase(m.group("subject")))  # (推进建筑业转型升级: 建筑业)
    if "的" in subject and len(subject) - subject.rfind("的") > 2:
        subject = subject[subject.rfind("的") + 1:]  # (…为代表的高新技术产业: the thing after its modifier)
    # (财政收入保持较快增长，总收入…: a subject that is an amount itself names its own total)
    return "" if is_bare(subject) or headline(subject) or subject.endswith(lexicon().phrase.money_names) else subject


def _share_name(phrase: str, left: str, right: str) -> str:
    """The name of a percentage that is the share of the things named after it (全市60%以上行政村达到…标准,
    坚持80%以上财力用于民生, 事项90%以上可网上办理): the things and what is said of them, after the subject
    before the figure when there is one; "" when the figure is a rate of its own (普及率达到95%, 增长8%)."""
    lx = lexicon()
    of = right.startswith("的")
    right = right.removeprefix("的")
    core = phrase.rstrip("".join(lx.phrase.function_words) + "从由")  # (涨幅从7.7%降到…: the rate's own figure)
    ph = lx.phrase
    if len(right) < 2 or core.endswith(ph.share_rate_ends) or trigger(left) in lx.growth or lx.suffixes_re.search(core) \
            or right.startswith(ph.share_not_after) or ph.share_growth_re.search(right) or lx.triggers_re.search(right):
        return ""  # (按不低于5%的比例…, 实现1%正增长: a rate of its own)
    # (100%的社区卫生服务中心、90%以上乡镇卫生院能够…: an item of its own)
    alone = not phrase or is_bare(phrase) or _verb_only(phrase) or phrase in lx.verb_chain or phrase in ph.share_verbs \
        or left.endswith("、")
    if of and not (alone or core.endswith(ph.share_verbs)):
        return ""  # (居住建筑节能75%的强制性标准: a noun before N%的 is what the figure is of)
    name = right if alone else phrase + right
    # (创造了全省21%的GDP、30%的一般公共预算收入: the share of an amount is its 占比, never the amount)
    return name + "占比" if headline(right) or right.endswith(lx.phrase.money_names) else name


def _purpose(clean: str, i: int) -> str:
    """What an amount spent is for, as the words after it at `i` say (开展河道整治, 用于…, 对畜禽进行强制免疫 →
    畜禽强制免疫), or ""."""
    lx = lexicon()
    m = lx.phrase.purpose_re.match(clean, i)
    if m is None:
        return ""
    at = m.start("act") if m.group("act") is not None else m.end()
    purpose = right_phrase(clean[at:at + 30])
    if not purpose or lx.phrase.tail_re.search(purpose) or lx.triggers_re.search(purpose) \
            or clean.startswith("、", at + len(purpose)):
        # (用于资助年收入低于1500元的家庭: a comparison, whose figure follows, is no purpose's name; nor is the
        # first item of a list, 支持马铃薯、中药材…建设)
        return ""
    return (m.group("object") or "") + purpose


# what a year added, opening a clause with no name of its own (…，新增266家)
_ADDED: Final = re.compile(r"新增|净增")
_ADDED_CLAUSE: Final = re.compile(r"[，,](?:新增|净增)[\d.]+[^\d，,。；;]{0,4}[，,]$")
# a project named right after an amount, with no 的 (总投资18亿元某某原料药项目开工)
_PROJECT_NAMED: Final = re.compile(r"[\u4e00-\u9fff“”]{2,24}?(?:项目|工程|基地|产业园|生产线)")
_OWNER_COUNT: Final = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)(?:个|项|家|座|处|条)(?=[\u4e00-\u9fff“])")


def _part_subject(clean: str, view: TextView, se: Bounds, out: list[Fact], s_start: int) -> str:
    """The subject of the part before ；(规模以上工业总产值342亿元，增长23%；…): the name of its first figure,
    when that is a total of money or its growth (not a share, a rank, a count of people or things), else ""."""
    if not out or not _PART_END.search(clean, max(0, s_start - 4), s_start):
        return ""
    end = s_start
    while end > 0 and clean[end - 1] in "；; \t":
        end -= 1
    p_start = view.orig(se.around(end - 1)[0])
    f = None
    for g in reversed(out):  # the first figure of the part before (the last ones of `out` are its)
        if g.start < p_start:
            break
        f = g
    if f is None or not _same_paragraph(clean, view, f.start, s_start):
        return ""
    if _NOT_A_SUBJECT.search(f.indicator) or unit_kind(f.unit) not in ("money", "percent") \
            or (unit_kind(f.unit) == "percent" and f.measure.value != "growth"):
        return ""
    return f.indicator


_NOT_A_SUBJECT: Final = re.compile(r"占|比重|比例|率|第|排名|位次|中$")


@lru_cache(maxsize=4)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _attribute_of(before: str, attribute: str) -> str:
    """The name of an attribute of the subject named before it (粮食播种面积7.8万亩、产量3.5万吨 → 粮食产量;
    销售收入和利税分别…: an attribute alone before it names none)."""
    lx = lexicon()
    head = "" if before in lx.attributes else before
    for a in _longest_first(lx.attributes):
        if head.endswith(a) and len(head) > len(a):
            return _joined(head[:-len(a)], attribute)
    # 高新区生产总值增长10%，营业收入突破800亿元: an area's total is its own attribute (高新区营业收入)
    total = None
    for total in lx.phrase.area_total_re.finditer(head):
        pass
    if total is not None and total.end() == len(head):
        head = head[:total.start()]
    return _joined(head, attribute)


def _joined(head: str, attribute: str) -> str:
    """A subject and its attribute, written once where they overlap (商品房销售 + 销售额 → 商品房销售额)."""
    for k in range(min(len(head), len(attribute) - 1), 0, -1):
        if head.endswith(attribute[:k]):
            return head + attribute[k:]
    return head + attribute


def _subject_of_next(between: str) -> bool:
    """Do the words between a count and the next figure make the counted group that figure's subject
    (…4个优势产业增加值占规上工业比重达到83%), not another item of a list (…3个区和6个镇)?"""
    return not _JOINERS.search(between) and lexicon().triggers_re.search(between) is not None


_JOINERS: Final = re.compile("[和及与、]")
_FROM_TO_END: Final = re.compile(r"(?:由|从)[^，,。；;]{0,30}?(?:到|至)$")  # (…由1865.7亿元增加到3090.5亿元: the end reached)
# (甲、乙均增长…, 甲、乙、丙分别突破200亿元 with one figure: each of the things listed; the adverb before its verb, not
# the 都 of 成都, 都安)
_SHARED_BY_ALL: Final = re.compile(r"(?:[均都]|分别)(?:已|将|要|能|可|已经)?(?=增长|下降|增加|减少|超过|超|突破|达到|达|为|是|实现|完成|保持|提高|提升"
                                   r"|位居|居|排名|排|进入|迈入|高于|低于|在|控制|列|跻身)")
_GROWTH_REACHED: Final = re.compile(r"(?:增长|年均增长|平均增长)(?:分别|均|都)?(?:达到|达|为)$")
_GROWTH_NAMED: Final = re.compile(r"(?:以上|左右)?的?(?:年均|高速|快速|较快|稳定|平稳|中高速)?(?:增长速度|增速|增幅|增长)(?![率点])")
# a percentage followed by 的 and a noun is a share of it, unless the noun names a rate or a goal (保持30%以上的增速)
_SHARE_OF_NOUN: Final = re.compile(r"的(?!增速|增幅|增长|速度|目标|调控目标|预期目标|基础上|水平|幅度|涨幅|降幅)[\u4e00-\u9fffA-Z]")
_CLAUSE_COMMA: Final = re.compile("[，,]")


def _names_its_list(clean: str, c: Candidate, c_start: int) -> bool:
    """Is a small count right after a list of as many items, a noun after it, the name of the group
    listed (网络通信、软件服务、智能汽车3个集群规模均超千亿元; GUIDE: a figure that only names a thing)? The
    caller asks only when the group is the subject of the next figure in the clause: alone, the count is
    what happened (甲、乙2家企业转入新三板)."""
    if c.value != int(c.value) or not 2 <= c.value <= 12 or c.approx or unit_kind(c.unit) != "count" \
            or not _CJK.match(clean, c.tail_end):
        return False
    pieces = clean[c_start:c.lead].split("、")
    if len(pieces) < 2 or any(not p or len(p) > 12 or _DIGIT.search(p) for p in pieces[1:]) \
            or not _CJK.match(pieces[-1][-1:]) or pieces[-1].endswith(("等", "共", "计", "达", "有")):
        return False
    return len(pieces) + min(1, len(_LAST_JOIN.findall(pieces[-1]))) == c.value


def _shared_tail(items: list[str]) -> list[str]:
    """Items listed before 等 and a measure share it (机器人、航空等产业产值 → 机器人产业产值, 航空产业产值)."""
    last = items[-1] if len(items) > 1 else ""
    p = last.find("等")
    if p <= 0 or any("等" in i for i in items[:-1]):
        return items
    lx = lexicon()
    tail = last[p + 1:]
    if len(tail) < 2 or not (lx.suffixes_re.search(tail) or tail.endswith(tuple(lx.attributes))):
        return items
    return [i + tail for i in items[:-1]] + [last[:p] + tail]


# a share closing the last item of a list (占比, 占全市比重) and the ratios an item may end with instead
_RATIO_TAIL: Final = re.compile(r"(?:占[^、，,]{1,10}?)?(?:比重|占比|比例)$")
_OWN_RATE: Final = ("率", "强度", "指数", "系数")


def _after_shared(item: str, last: str) -> str:
    """What follows, in the last item of a list, the word it shares with `item` (市区职工医疗保险、城镇居民医疗保险
    政策范围内…比例 → 政策范围内…), or "" when they share none (经济总量、人口占全市比重)."""
    for n in range(len(item) - 1, 1, -1):
        at = last.find(item[-n:])
        if at > 0:
            return last[at + n:]
    return ""


def _shared_measure(items: list[str]) -> list[str]:
    """Items that name no measure share the one the last item ends with (畜禽粪污、秸秆综合利用率分别超80%、90%
    → 畜禽粪污综合利用率; cues.toml shared_measures), when none of them ends in a measure of its own."""
    if len(items) < 2:
        return items
    measures = lexicon().shared_measures
    ratio = _RATIO_TAIL.search(items[-1], 2)
    if ratio is not None and not any(_RATIO_TAIL.search(i) or i.endswith(_OWN_RATE) for i in items[:-1]):
        # 工业投资、房地产投资占比分别…, 经济总量、人口占全市比重分别…: a share said of every item
        bare = ratio.group(0)[-2:]  # (财政收入占GDP、税收占财政收入比重: an item naming its whole takes the word)
        return [i + (bare if "占" in i else _after_shared(i, items[-1][:ratio.start()]) + ratio.group(0))
                if len(i) >= 2 else i for i in items[:-1]] + items[-1:]
    # (longest first: 对欧盟、东盟进出口 ends in 进出口, not in 出口)
    tail = next((m for m in measures if items[-1].endswith(m) and len(items[-1]) > len(m)), None)
    if tail is None or any(i.endswith(measures) or lexicon().suffixes_re.search(i)
                           or (_own_measure(i) and not _overlap(i, tail)) for i in items[:-1]):
        return items
    out = []
    for i in items[:-1]:
        # what follows a subject as long as this item in the last one, when longer and still the measure
        # (青稞、牲畜良种覆盖率 → 青稞良种覆盖率; 广播、电视人口综合覆盖率 → 广播人口综合覆盖率)
        # (互联网和相关服务业、软件和信息技术服务业营收: after the word the items share, 服务业, when they share one)
        # (as long as this item, only before a rate: 氨氮、氮氧化物排放总量 cut there would leave 化物)
        shared = _after_shared(i, items[-1])
        rest = items[-1][len(i):]
        if shared.endswith(tail):
            rest = shared
        elif not tail.endswith("率") and ((middle := rest[:len(rest) - len(tail)]) not in lexicon().shared_modifiers
                                          or (middle.endswith("业") and i.endswith("业"))):
            rest = ""  # (装备制造业、高技术产业增加值: an item ending in 业 takes no 产业)
        add = rest if len(rest) >= len(tail) and rest.endswith(tail) else tail
        # (工业中长期贷款、小微企业贷款余额: an item ending in the measure's first word takes the rest of it)
        add = add[_overlap(i, add):]
        out.append(i + add if len(i) >= 2 else i)
    return out + items[-1:]


def _overlap(item: str, measure: str) -> int:
    """How many characters (two or more) of a measure's start the item ends with (工业中长期贷款 + 贷款余额: 2), else 0."""
    return next((k for k in range(len(measure) - 1, 1, -1) if item.endswith(measure[:k])), 0)


def _own_measure(item: str) -> bool:
    """Does a listed item name a measure of its own (实际利用外资, 财政总收入, 毛入园率), which a measure closing
    the list is not added to? (cues.toml own_measure_ends; per_output_starts: 万元生产总值、工业增加值能耗 names
    a measure per unit of output, no measure of its own)"""
    lx = lexicon()
    if item.startswith(lx.per_output_starts):
        return False
    return headline(item) is not None or item.endswith(lx.phrase.money_names + lx.own_measure_ends)


def _without_adverb(phrase: str, keep: int = 2) -> str:
    """A phrase without the adverb opening it (基本建成 → 建成), when one does and leaves `keep` characters."""
    if phrase[:1] not in _ADVERB_FIRSTS:
        return phrase  # (most phrases open with no adverb: no generator over them)
    return next((phrase[len(a):] for a in _ADVERBS if phrase.startswith(a) and len(phrase) - len(a) >= keep), phrase)


def _without_new_prefix(name: str) -> str:
    """A name without the word opening it that says the things were added (新增高新技术企业 → 高新技术企业: a total
    after it is of the things, not of those added; indicators.toml new_prefixes)."""
    prefixes = lexicon().phrase.new_prefixes
    return name[next(len(w) for w in prefixes if name.startswith(w)):] if name.startswith(prefixes) else name


def _next_stage_thing(clean: str, c: Candidate) -> str:
    """The things named after the next figure when it is listed right after this one at another stage (开工12个、
    建成10个垃圾处理设施 → 垃圾处理设施), else ""."""
    m = _NEXT_STAGE.match(clean, c.tail_end)
    if m is None or m.group(1) not in lexicon().phrase.stage_verbs:
        return ""
    thing = right_phrase(clean[m.end():m.end() + 30], counted=True)
    return thing if len(thing) >= 2 and not is_bare(thing) else ""


_NEXT_STAGE: Final = re.compile(r"[、，,和]([\u4e00-\u9fff]{2,4}?)\d+(?:\.\d+)?万?[个项座所家条处套户台辆]")


def _right_text(clean: str, c: Candidate) -> str:
    """The text after a figure that may name it on its right; 21万人口安全饮水问题: the 人 the unit took opens 人口."""
    at = c.tail_end - 1 if clean.startswith("口", c.tail_end) and (c.unit or "").endswith("人") else c.tail_end
    return clean[at:c.tail_end + 30]


def _produced(clean: str, c_start: int, phrase: str) -> str:
    """An output named by an attribute alone (产量, 总产量) after the production of a thing (cues.toml produce_words)
    named in the words before it, the same clause (粮食生产再获丰收、产量…) or the one just before with no figure
    (粮食生产喜获丰收，总产量…): the thing's output (粮食产量); "" otherwise."""
    lx = lexicon()
    head, _, attr = phrase.rpartition("、")
    if attr not in lx.attributes:
        return ""
    if not head:
        if not c_start or clean[c_start - 1] not in "，,":
            return ""
        a = max(clean.rfind(p, 0, c_start - 1) for p in "，,。；;\n") + 1
        head = clean[max(a, c_start - 40):c_start - 1]
        if _DIGIT.search(head):
            return ""
    m = lx.produced_re.search(head)
    return m.group(1) + attr if m and m.start() <= 4 else ""


def _owner_and_plant(phrase: str, right: str, kind: str | None) -> str:
    """A size named by its owner on the left and its product or plant on the right, or "".

    建成开阳化工50万吨合成氨项目: the capacity of the owner's product, named by both (a verb before the owner, or a
    listed item before it); so a plant's size or its lines after its owner's name (某化工二期30万吨乙烯项目, 加快某玻璃一期
    6条生产线全部达产)."""
    if kind in _CAPACITY_KINDS and "、" in phrase and 2 <= len(owner := phrase.rsplit("、", 1)[1]) <= 6 \
            and not is_bare(owner) and not predicate_in(owner):
        return owner + _PLANT_ITEM.split(right, 1)[0]  # …、某广泰10万吨再生铝等项目: the item after the last 、 owns it
    if kind in _CAPACITY_KINDS and (owner := _without_verb(phrase)) != phrase and len(owner) <= 6:
        return owner + right
    if (plant := _plant_name(right)) and (kind in _CAPACITY_KINDS
                                          or kind == "count" and plant.endswith(lexicon().phrase.plant_parts)):
        owner = _without_lead_verbs(phrase)
        owner = owner if owner[:1].isalnum() else phrase  # (取消、停征: verbs listed, the name keeps them)
        if len(owner) <= 6 and not is_bare(owner) and not predicate_in(owner):
            return owner + plant
    return ""


def _plant_name(right: str) -> str:
    """The plant a name on the right opens with, through the first of its heads (indicators.toml plant_heads) that
    no other head goes on from (生产线全部达产 → 生产线; 光伏发电站, 储能电站项目 whole); "" when none."""
    heads = lexicon().phrase.plant_heads
    spans = [(i, i + len(h)) for h in heads for i in range(len(right)) if right.startswith(h, i)]
    for e in sorted({e for _, e in spans}):
        if not right.startswith(heads, e) and not any(a < e < b for a, b in spans):
            return right[:e]
    return ""


def _without_verb(name: str) -> str:
    """A count's name without the verbs opening it (实施省市重点项目 → 省市重点项目), to name what it counts."""
    lx = lexicon()
    for i in range(len(name) - 2, 1, -1):  # (the rest keeps two characters at least)
        head = name[:i]
        if verb_chain(head, lx.verb_chain) and any(head.endswith(v) for v in lx.verbs_before_noun):
            return name[i:]
    return name


def _without_lead_verbs(name: str) -> str:
    """A name without the chain of verbs opening it (出台营商环境优化 → 营商环境优化), two characters left at least."""
    lx = lexicon()
    words = frozenset(w for w in lx.verb_chain | lx.verbs_before_noun if len(w) >= 2)  # (新一轮: 新 opens a word)
    heads = lx.phrase.verb_noun_heads  # (支持服务业发展: 服务业 is a noun)
    return next((name[i:] for i in range(len(name) - 2, 1, -1)
                 if verb_chain(name[:i], words) and not name.startswith(heads, i)), name)


def _under_verb(before: str, verb: str, before_right: bool) -> str:
    """The name of a figure named by a bare verb (…、废止4件) after one named `before` of the same unit: the
    things before at this stage (亿元以上项目新开工30个、新投产12个), the works before, done (老旧小区改造启动112个、
    完成42个), the same things under this verb (修改政府规章21件、废止4件; 废止…的政策文件76件、修订39件: a short
    name, or one read on the right, that holds no verb); with nothing to name, the verb alone (not the name before,
    of another verb)."""
    ph = lexicon().phrase
    if noun := _stage_noun(before):
        return noun + verb
    if before.endswith(tuple(ph.stage_opening_only) + ph.works_ends):
        return before + verb
    last = next((w for w in _object_verb_words_tuple() if before.endswith(w)), "")
    if last and len(noun := before[:-len(last)]) >= 2 and _names_a_thing(noun):
        return noun + verb  # 市级行政许可事项取消85项、下放40项: the same things, under this verb
    return verb + (_verb_object(before) or (before if (before_right or 3 <= len(before) <= 8)
                                            and _names_a_thing(before) else ""))


def _verb_object(name: str) -> str:
    """The object of the verbs opening a name (修改政府规章 → 政府规章, 新增建设高标准农田 → 高标准农田, 新取消市级审批
    事项 → 市级审批事项), or of a verb inside it with three characters after it (市级政府取消行政审批事项 → 行政审批事项;
    农民转移就业: none); a thing, not a verb (场馆建设完工: none); "" otherwise."""
    words, heads = _object_verb_chain(), lexicon().phrase.verb_noun_heads
    lead = 1 if name.startswith("新") else 0  # (新 opens a word as often: it is no verb of the chain alone)
    for i in range(len(name) - 2, lead + 1, -1):
        if verb_chain(name[lead:i], words) and not name.startswith(heads, i) and _names_a_thing(name[i:]):
            return name[i:]
    verbs = _object_verb_words_tuple()
    for i in range(len(name) - 3, 1, -1):
        if name[:i].endswith(verbs) and not name.startswith(heads, i) \
                and _names_a_thing(name[i:]):
            return name[i:]
    return ""


@lru_cache(maxsize=1)
def _object_verb_words_tuple() -> tuple[str, ...]:
    """_object_verb_chain for str.endswith, longest first (the first that ends a name is the whole verb)."""
    return tuple(sorted(_object_verb_chain(), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _object_verb_chain() -> frozenset[str]:
    """Verbs that take an object, and the words chaining with them (not the modifiers of object_modifiers)."""
    lx = lexicon()
    return frozenset(w for w in lx.verb_chain - lx.object_modifiers - lx.phrase.verb_adverbs
                     if len(w) >= 2 and not w.startswith(lx.phrase.running_totals + lx.surplus_words))  # (新能源: 新 opens a word)


def _stage_noun(name: str) -> str:
    """The thing a name counts at one stage (新开工棚户区改造 → 棚户区改造, 保障性住房开工建设 → 保障性住房),
    or "" when no stage opens or closes the name (indicators.toml stage_verbs)."""
    ph = lexicon().phrase
    for v in ph.stage_verbs:
        if name.startswith(v) and len(name) - len(v) >= 2:
            return name[len(v):]
    for v in ph.stage_verbs:
        if name.endswith(v) and len(name) - len(v) >= 2 and v not in ph.stage_opening_only:
            # (亿元以上项目新签约478个、新开工480个: 新 is the stage's; 项目已建成44个、在建…: 已 says when)
            noun = name[:-len(v)].removesuffix("新")
            return next((noun[:-len(a)] for a in _ADVERBS if noun.endswith(a) and len(noun) - len(a) >= 2), noun)
    return ""


def _names_a_thing(name: str) -> bool:
    """Does a name end in a noun (经济适用住房), not in a verb or a stage (保障房建设筹集, 开工)?"""
    lx = lexicon()
    return len(name) >= 2 and not any(name.endswith(w) for w in lx.phrase.stage_verbs) \
        and not any(name[-n:] in lx.verb_chain for n in (2, 3, 4))


def _after_verbs(name: str) -> str:
    """The name without the longest chain of verbs opening it (突出抓好年度计划 → 年度计划)."""
    chain = lexicon().verb_chain
    for i in range(len(name) - 1, 0, -1):
        if verb_chain(name[:i], chain):
            return name[i:]
    return name


def _after_places(item: str) -> str:
    """What follows the places opening an item (樟树市规模以上工业增加值 → 规模以上工业增加值), or ""."""
    for i in range(len(item) - 2, 1, -1):
        if only_places(item[:i]):
            return item[i:]
    return ""


def _topic_prefix(name: str) -> str:
    """The part of the home opening a tier-B headline name (县域地区生产总值 → 县域, 67个县规模以上工业增加值 → 67个县), or
    ""."""
    topic_re = lexicon().phrase.topic_re
    if topic_re.match(name) is None:
        return ""  # (most names open with no part of the home)
    for end in range(len(name) - 2, 1, -1):  # (the longest part whose rest is a headline: 5个山区市 + 生产总值)
        if topic_re.fullmatch(name, 0, end) and headline(name[end:]):
            return name[:end]
    return ""


def _part_topic(before: str, clean: str, c_start: int, lead: int, listed_left: str) -> str:
    """The part of the home a headline before in the sentence was named with, which names this one too (县域…; after
    、 in its clause, the places a count counted: 44个县（市）生产总值增长18.8%、地方财政收入增长38%), unless a
    whole-word (全市) turns back to the home in between; else ""."""
    whole = context_rules().whole_re
    if (topic := _topic_prefix(before)) and not whole.search(clean, c_start, lead):
        return topic
    if listed_left.startswith(("、", "和")) and (cls := _counted_class(before)) and not whole.search(listed_left):
        return cls
    return ""


def _listed_topic(clean: str, c_start: int, lead: int) -> str:
    """The part of the home opening the first of the names listed before a figure they share (县域生产总值和财政一般
    预算收入增长20% → 县域), or ""."""
    first = _JOINERS.split(clean[c_start:lead], 1)
    return _topic_prefix(lexicon().leading_re.sub("", first[0])) if len(first) > 1 else ""



def _after_place_list(item: str) -> str:
    """What follows the places listed opening an item (甲、乙、丙土地出让金 → 土地出让金), or ""."""
    rest = item.lstrip("、和及与")
    while nxt := _after_places(rest):
        rest = nxt.lstrip("、和及与")
    if rest != item and (count := _PLACES_COUNTED.match(rest)):
        rest = rest[count.end():]  # 长乐、福清两地外贸出口: the count of the places listed
    return rest if rest != item else ""


_PLACES_COUNTED: Final = re.compile(r"(?:[两二三四五六七八九十]|\d{1,2})个?(?:地|县|区|市|县区|县市|市县|区县|城市|园区)(?!域)")


def _measure(c: Candidate, trig: str) -> str:
    lx = lexicon()
    if c.kind == "rank":
        return "rank"
    if c.unit == "位" and trig in RANK_CHANGE:
        return "change"
    if c.unit in _CHANGE_UNITS:
        return "change"
    if c.kind == "times":
        return "growth"
    if trig.endswith(_LEVEL_AFTER):
        return "level"
    if c.unit in ("%", "倍", "番", "成"):  # (增长两成: a growth in tenths)
        return "growth" if trig in lx.growth else "level"
    if (trig in lx.change or (trig in lx.growth and unit_kind(c.unit) != "count")) and trig not in ("新增",):
        # (同比下降12微克/立方米, 比上年增长2600元: a growth word before an amount of its own unit; 稳增长28条 names
        # a policy)
        return "change"
    return "level"


def _groups(clean: str, cands: list[Candidate], clause_of: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """For each candidate (index in its list, size of its list, clean start of the list's first number).
    `clause_of`: each candidate's clause.

    A list is a run of numbers in one clause joined only by 、/和 (6%、9%; 13%和13%)."""
    out: list[tuple[int, int, int]] = []
    run: list[int] = []
    for i, c in enumerate(cands):
        p = cands[i - 1] if i else None
        joined = (p is not None and clause_of[i - 1] == clause_of[i] and p.tail_end <= c.start
                  and _LIST_JOIN.match(clean[p.tail_end:c.start]) is not None)
        if not joined:
            run = []
        run.append(i)
        out.append((len(run) - 1, 0, cands[run[0]].start))
        for k, j in enumerate(run):
            out[j] = (k, len(run), cands[run[0]].start)
    return out


def _indicator(clean: str, c: Candidate, c_start: int, seg_start: int, prev_fact: Fact | None,
               group: tuple[int, int, int], prev_right: bool, qlen: int = 0,
               earlier: tuple[str, ...] = ()) -> tuple[str, str, bool]:
    """(indicator, tier, named on the right?) of a candidate.

    `earlier` are the names of an earlier list of as many figures in the sentence.
    In order: an item of a listed subject (分别), the phrase on the left or on the right, a
    subject shared by a list (均居全市第3位), an attribute or form word of the figure before,
    the clause before; then a count is kept from an amount's name and the phrase is tidied."""
    lx = lexicon()
    index, size, first = group
    clause_left = clean[c_start:first]
    k = clause_left.find("分别")
    phrase = ""
    listed = False  # the phrase is an item of a listed subject
    at, parts = listed_year_parts(clause_left[:k + 2]) if k >= 0 and size > 1 else (-1, [])
    if len(parts) == size:
        # 生产总值一季度、上半年和全年分别增长…: the items are parts of a year (the caller adds each one's part
        # to the name); the subject stands before them
        phrase = left_phrase(clause_left[:at])
    elif k >= 0 or size > 1:
        subject = left_phrase(clause_left[:k] if k >= 0 else clause_left)
        if not subject and (k >= 0 or size > 1):
            # …，分别达到439亿元、36亿元; 生产总值、固定资产投资跨上万亿元新台阶，年均增长11.1%和24.7%
            subject = list_before(clean[max(0, c_start - 60):c_start], size)
        items = _ordinal_items(subject, size) or [p for p in (left_phrase(x) for x in _enum_split(subject)) if p]
        if k >= 0 and len(items) <= 1 and len(earlier) == size and (not subject or is_bare(subject)) \
                and index < size:
            # 城乡居民收入分别达2.3万元、1.5万元，比2011年分别增长43.7%和75%: a 分别 naming nothing is
            # said of the items of the list before it, as they were named there
            if (attr := _after_verbs(left_phrase(clause_left[k + 2:]))) in lx.count_attributes \
                    and lx.count_owner_re.search(earlier[index]):
                return earlier[index] + attr, "B", False  # 28个省重点项目、…，分别完成投资…: each item's investment
            return earlier[index], "A" if headline(earlier[index]) else "B", False
        if k >= 0 and size > 1 and len(items) > size and "、" in subject \
                and len(plain := [p for p in (left_phrase(x) for x in subject.split("、")) if p]) == size:
            items = plain  # 机器人、航空、生物制药及医疗器械分别增长a、b、c: an item may hold 及
        items = _shared_tail(items)
        if len(items) == 2 and (split := _pair_split(items[0] + items[1], len(items[0]))):
            items = split  # 金融机构各项存、贷款余额 → …存款余额, …贷款余额: a pair word written apart
        if len(items) == 1 and size == 2:
            items = _pair_split(items[0]) or items
        if k >= 0 and size <= 1:
            index = list_index(clean[c_start + k:c.start])  # 分别居全省第3位、第5位: ranks are no group
        if len(items) > 1 and index < len(items) and (k >= 0 or len(items) == size):
            phrase, listed = items[index], True
            # 工业、城镇和农业分别完成投资480亿元、…: a measure named after 分别 is each item's
            after = left_phrase(clause_left[k + 2:]) if k >= 0 else ""
            # (分别排名全市第2和第1: what follows 分别 is said of the items, it names no measure of theirs)
            measure = after if after in lx.attributes or after in lx.count_attributes else ""
            if (zones := places.zone_list(subject))[0] and len(zones[0]) == len(items):
                # 高新区、经开区营业收入分别…: as places do (…分别下放权限166项、172项: the words after 分别)
                phrase = left_phrase(zones[1]) or after or phrase
            elif c.kind == "rank" and k >= 0 and all(only_places(x) or places.named_place(x) for x in items) \
                    and (field := _rank_field(clean[c_start + k + 2:c.lead])):
                phrase = field  # 甲区、乙市分别位列全国百强县第59位、第89位: the ranking each place holds
            elif all(only_places(x) for x in items[:-1]) and (head := _after_places(items[-1]) or
                                                                (measure if only_places(items[-1]) else "")):
                phrase = head  # 袁州区、樟树市规模以上工业增加值分别…: places share the name (each its own region)
            else:
                if index < len(items) - 1:  # 城镇和农村居民人均可支配收入 → 城镇居民人均可支配收入
                    named = item_name(phrase, items[-1], _PAIR_PARTS, len(items) == 2)
                    phrase = named if named != phrase else _shared_measure(items)[index]
                if measure and not phrase.endswith(measure):
                    phrase += measure
    from_right = False
    left = clean[seg_start:c.lead - qlen]
    right = ""
    if not phrase:
        item_next = left.endswith(_ITEM_JOINS) and not left.endswith(lx.phrase.not_joiners)  # (惠及38万人: no item)
        # (建成市域800公里高速公路、市区464公里快速路网: after 、 only a place opens an item named on its right)
        item_next = item_next or ("、" in left and len(last := left.rsplit("、", 1)[1]) >= 2
                                  and ((only_places(last, prefixes=False) or last in lx.phrase.home_parts)
                                       and not lx.phrase.title_re.search(last) and last not in lx.phrase.whole
                                       # (办好1所优质初中、每个县至少办好1所…: a verb after 、 opens the next item)
                                       or _verb_only(last) and last not in lx.phrase.stage_verbs))
        # (入围百强县、百强区20个: titles, no places; 高于全省、全市2个百分点: scopes)
        phrase = "" if item_next else left_phrase(left)
        if phrase in lx.phrase.milestones or (c.kind == "rank" and prev_fact is not None
                                                and lx.phrase.rank_field_re.search(phrase)):
            # 迈上3万亿元新台阶、达到…: the milestone of the figure before names nothing;
            # 上升至全国30个民族自治州第6位: the field of a rank is no name either
            phrase = ""
        if phrase in lx.phrase.spend_words and unit_kind(c.unit) == "money" and (purpose := _purpose(clean, c.tail_end)):
            phrase = purpose + lx.phrase.spend_words[phrase]  # 投入1.2亿元开展河道整治: 河道整治投入
        if phrase.endswith(lx.phrase.owned_words) and (clean.startswith("的", c.tail_end)
                                                        or _PROJECT_NAMED.match(clean, c.tail_end)) \
                and (owner := _owner(clean, c.tail_end + clean.startswith("的", c.tail_end), phrase)):
            # 抓好总投资10亿元的汽车灯具项目, 总投资18亿元某某原料药项目开工: the amount is the thing's after it
            phrase = owner
        if unit_kind(c.unit) == "money" and clean.startswith("的", c.tail_end) \
                and (deal := right_phrase(clean[c.tail_end + 1:c.tail_end + 31])).endswith(lx.phrase.deal_nouns):
            phrase = deal  # 签订1340亿元的战略合作协议、达成326亿元的合作意向: the agreement's amount
        if c.kind == "rank" and (scope := lx.phrase.rank_scope_re.search(phrase, 1)) \
                and not is_bare(phrase[:scope.start()]):
            phrase = phrase[:scope.start()]  # 上市公司总数列全国城市第4: the field is no part of the name
        bare = is_bare(phrase)
        if bare:
            phrase = ""  # 用21天实现…, 在19户企业…, 市8家公司…: the noun is on the right
        right = right_phrase(_right_text(clean, c), counted=unit_kind(c.unit) == "count")
        if (counted_places := unit_kind(c.unit) == "count" and bool(cls := _counted_class(right))):
            right = cls  # 44个县（市）生产总值增长…, 5个县财政收入超过…: the places counted (县 alone too), not their measure
        among = _AMONG.match(clean, c.tail_end) if unit_kind(c.unit) == "count" else None
        if among is not None:
            right = among.group(1)  # 全市26个县中有18个…: the group counted, among which the next figure counts
        right_ok = among is not None or counted_places or bool(right) and (_CJK.match(right) or lx.phrase.size_lead_re.match(right) or _LATIN_NOUN.match(right)) \
            and not is_bare(right) and (right not in lx.phrase.milestones or unit_kind(c.unit) == "count") \
            and (bare or lx.phrase.size_lead_re.match(right) or not any(lx.triggers_re.match(right[:n]) for n in (2, 3, 4)))
        # (10个增加值超千亿元的服务行业: a size opening the noun, 增加值, is no verb 增加)
        share = _share_name(phrase, left, right) if right_ok and c.unit in _SHARE_UNITS else ""
        plant = right_ok and left.endswith("、") and unit_kind(c.unit) in _CAPACITY_KINDS \
            and _PLANT_ITEM.split(right, 1)[0].endswith(lx.phrase.plant_heads) and not right.startswith("级")
        if plant:
            right = _PLANT_ITEM.split(right, 1)[0]  # …脱硝改造、100兆瓦余热发电工程等项目: a plant listed, named by its works
        rise = _rise_before(left, qlen, clean, c) if right_ok else ""
        if share:
            phrase, from_right = share, True  # 80%以上财力用于民生: the share of the things that follow
        elif right_ok and right.endswith(lx.phrase.counted_works) and phrase and not _verb_only(phrase) \
                and (c.kind == "count" or unit_kind(c.unit) == "count") \
                and (phrase.endswith(lx.phrase.works_of) or rise):
            # …示范区建设50项重点任务, 支持…一体化发展20项政策措施, 营商环境优化提升66条举措: what the works count, of
            # the work named before (with the rise it is for)
            named = _without_lead_verbs(phrase) + ("" if phrase.endswith(lx.phrase.works_of) else rise) + right
            phrase, from_right = (named if len(named) <= lx.phrase.max_length else right), True
        elif left.endswith("的") and right_ok:
            # 示范区内的20个重点建设项目 (对无人管理的破损、锈蚀严重的120个供水水箱…: a long modifier goes, its noun stays)
            named = phrase + right
            phrase, from_right = (named if len(named) <= lx.phrase.max_length else right), True
        elif right_ok and (not phrase or item_next or _verb_only(phrase) or phrase.endswith(_GOVERNS)
                           or left.endswith("中有")  # 44个县中有19个贫困县: what is counted among a group
                           or ((c.kind == "count" or unit_kind(c.unit) == "count") and phrase.endswith(lx.phrase.batch_words))
                           # 支持某货航开辟1-2条洲际货运航线: the verb's object after the figure is what is counted
                           or ((c.kind == "count" or unit_kind(c.unit) == "count") and _object_verb_end(phrase))
                           # 建成某工作站、1个国家级诊疗中心、9个省级诊治中心: after 、 a count opens an item named on its right
                           or (left.endswith("、") and (c.kind == "count" or unit_kind(c.unit) == "count" or plant))
                           or (index > 0 and prev_right) or ((c.kind == "count" or unit_kind(c.unit) == "count") and len(phrase) <= 3)
                           # 改造提升2580个老旧小区: a rise's count names the things it brings
                           or rise
                           # 在中心城区建设4所省级示范幼儿园: where the things go and the verb, no name of them
                           or ((c.kind == "count" or unit_kind(c.unit) == "count") and _AT_PLACE_VERB.search(left) is not None)
                           or (prev_right and prev_fact is not None
                               and (left.rstrip("、和及与，,").endswith(prev_fact.indicator)
                                    # 100家中小企业加快发展并建设100个重大项目: a second verb of the same subject
                                    or (k := left.rfind(prev_fact.indicator + "并")) >= 0
                                    and _verb_only(left[k + len(prev_fact.indicator) + 1:])))):
            phrase, from_right = right, True
        elif right_ok and (owned := _owner_and_plant(phrase, right, unit_kind(c.unit))):
            phrase, from_right = owned, True
        elif prev_fact is not None and ((stage := _without_adverb(phrase)) in lx.phrase.stage_verbs or _verb_only(phrase)):
            # 新开工棚户区改造2.5万套、基本建成1.5万套: what the figure before counted, at this stage
            noun = ""
            if unit_kind(prev_fact.unit) == unit_kind(c.unit):
                # (新开工建设经济适用住房350万平方米，竣工150万平方米: the thing counted before, at no stage of its own)
                noun = _stage_noun(prev_fact.indicator) or (
                    prev_fact.indicator if stage in lx.phrase.stage_verbs and (
                        _names_a_thing(prev_fact.indicator)  # (棚户区住房改造: works that name the things counted)
                        or prev_fact.indicator.endswith(tuple(lx.phrase.stage_opening_only) + lx.phrase.works_ends)) else "")
            # (累计开工88项、完工58项: with no thing named before, a stage names the figure, a bare verb nothing)
            if noun:
                phrase = noun + phrase
            elif stage in lx.phrase.stage_verbs:
                pass
            elif c.unit == prev_fact.unit and prev_fact.tier == "B" and verb_chain(phrase, _object_verb_chain()) \
                    and not _ADDED.fullmatch(phrase) and (thing := _verb_object(prev_fact.indicator)):
                phrase = phrase + thing  # 修改政府规章21件，废止4件: the same things, under this verb
            else:
                phrase = ""
        elif phrase in lx.phrase.stage_verbs and (thing := _next_stage_thing(clean, c)):
            phrase = thing + phrase  # 开工12个、建成10个垃圾处理设施: the things the next stage's figure names
        elif item_next and not right_ok and prev_fact is not None and prev_fact.tier == "B" \
                and c.unit == prev_fact.unit and _verb_only(verb := left.rsplit("、", 1)[-1]) \
                and verb not in lx.phrase.stage_verbs and not verb.startswith(lx.phrase.running_totals) \
                and not _ADDED.fullmatch(verb):  # (通车里程达2630公里、新增1209公里: what was added, below)
            # 修改政府规章21件、废止4件, 废止…的政策文件76件、修订39件: the same things, under this verb (a name
            # with no verb in it, the things themselves); 亿元以上项目新开工30个、新投产12个: at this stage; with no
            # thing to name, the verb alone (not the name before, of another verb)
            phrase = _under_verb(prev_fact.indicator, verb, prev_right)
        if not from_right and (c.kind == "rank" or size <= 1):
            # 生产总值、财政收入增幅均排全市第3位: one figure for a listed subject
            shared = shared_subject(clean[c_start:c.lead - qlen], rank=c.kind == "rank")
            phrase = shared or listed_subject(phrase) or phrase
    if prev_fact is not None and left.lstrip("，,、").startswith("与") and phrase.endswith(_RATIO_WORDS):
        phrase = prev_fact.indicator + "与" + phrase  # …经费支出X亿元，与国内生产总值之比为2.2%
    if prev_fact is not None and prev_fact.tier == "A" and _TOTAL_AGAIN.search(phrase) and not headline(phrase):
        phrase = prev_fact.indicator  # 生产总值6.51万亿元，总量折合超过1万亿美元: the same total restated
    if from_right and clean.startswith(right, c.tail_end) \
            and (ahead := graded_ahead(phrase, clean[c.tail_end + len(right):c.tail_end + 40])):
        phrase = ahead  # 新培育1家国家级、2家省级重点农业龙头企业: the grades share the noun after the last
    if not from_right and not listed and (produced := _produced(clean, c_start, phrase)):
        phrase = produced  # 粮食生产喜获丰收，总产量…: the output of the production named just before
    grade = graded(phrase, prev_fact.indicator) if prev_fact is not None and not listed else None
    if grade:
        phrase = grade  # 新增省级专精特新企业15家、国家级5家
    elif prev_fact is not None and phrase in lx.attributes:
        phrase = _attribute_of(prev_fact.indicator, phrase)
    elif prev_fact is not None and phrase in lx.prefix_attributes and not prev_fact.indicator.startswith(phrase):
        phrase = phrase + prev_fact.indicator  # 地区生产总值3200亿元，人均5.6万元: 人均地区生产总值
    elif prev_fact is not None and phrase in lx.count_attributes and unit_kind(prev_fact.unit) == "count" \
            and unit_kind(c.unit) == "money" and lx.count_owner_re.search(prev_fact.indicator):
        phrase = _without_verb(prev_fact.indicator) + phrase  # 实施重点项目50个，完成投资80亿元: 重点项目投资
    if not phrase and prev_fact is not None and seg_start == c_start and c_start and clean[c_start - 1] in "，,":
        # 增长9.1%，一般公共预算收入首次突破百亿元大关，增长16.8%: a clause with no figure that opens with a
        # headline names the figure after it, not the figure before
        # (…，调查失业率呈下降趋势，四季度为全年最低，控制在4.6%: the nearest of up to three such clauses)
        a = max(0, c_start - 60)
        before = clean[a:c_start - 1]
        cut = before.rfind("。") + 1
        pieces = _CLAUSE_COMMA.split(before[cut:])
        for own in reversed(pieces[-3:] if a == 0 or cut else pieces[1:][-3:]):
            if not own or _DIGIT.search(own):
                break
            subject = clause_subject(own + "，")
            # (带动固定资产投资大幅增长，全年突破5000亿元: the headline a verb opening the clause drives)
            if (h := headline(subject) or headline(_after_verbs(subject))) and h != prev_fact.indicator:
                return h, "A", False
    if "、" in phrase and all(p and (lx.suffixes_re.fullmatch(p) or p in lx.attributes) for p in phrase.split("、")):
        phrase = phrase[:phrase.index("、")]  # 数量、面积均居全省第一: form words listed, the first for all
    if prev_fact is not None and (not phrase or phrase.startswith(_RELATIVE) or lx.suffixes_re.fullmatch(phrase)):
        if not phrase:
            ind = inherited(prev_fact.indicator, prev_fact.unit, c.unit)
            if ind.startswith(lx.phrase.new_prefixes) and any(w in left for w in lx.phrase.running_totals) \
                    and unit_kind(c.unit) == unit_kind(prev_fact.unit):
                # 新增高新技术企业37家，累计达到102家: the total is of 高新技术企业, not of those added
                ind = _without_new_prefix(ind)
            elif (added := _ADDED.fullmatch(left.lstrip("，,、"))) and not ind.startswith(lx.phrase.new_prefixes) \
                    and unit_kind(c.unit) == unit_kind(prev_fact.unit):
                ind = added.group() + ind  # 规模工业企业达到1066家，新增266家: those added that year
            elif ind.startswith(("新增", "净增")) and c.unit == "%" and "增长" in left \
                    and _ADDED_CLAUSE.search(clean, max(0, c_start - 16), c_start):
                # 生产总值770亿元，净增129亿元，增长16.5%: the total's growth, not the increase's (新增市场主体2万户，
                # 增长52.9%: the increase named so is what grew)
                ind = ind[2:]
            if ind == prev_fact.indicator:
                return ind, prev_fact.tier, False
            return (headline(ind), "A", False) if headline(ind) else (ind, "B", False)  # type: ignore[return-value]
        # 占年计划的 → 实际利用外资占年计划的; 总量 → 经营主体总量 (or, for a headline, the headline)
        owner = prev_fact.indicator
        if phrase in lx.phrase.running_totals and unit_kind(c.unit) == unit_kind(prev_fact.unit):
            owner = _without_new_prefix(owner)  # 新增风电装机300万千瓦，总量突破2000万千瓦: the total of 风电装机
        phrase = owner + phrase
    if prev_fact is None and (phrase in lx.phrase.money_names or phrase in lx.attributes) \
            and phrase.endswith(lx.phrase.money_names) and not headline(phrase) \
            and (owner := _progress_subject(clean, c_start)):
        phrase = _joined(owner, phrase)  # 新兴服务业加快发展，实现增加值45.6亿元: the subject's 增加值
    if prev_fact is None and phrase and lx.suffixes_re.fullmatch(phrase):
        # 地区生产总值迈上新台阶，总量突破5万亿元: a form word alone takes the headline of the clause before
        phrase = headline_head(clause_subject(clean[max(0, c_start - 30):c_start])) or phrase
    if not phrase and not _after_heading(clean, c_start):
        phrase = clause_subject(clean[max(0, c_start - 30):c_start])
    counted = count_phrase(phrase, left, right, c.unit) if c.kind != "rank" else None
    phrase = counted or phrase
    if not listed and size <= 1:
        phrase = group_named(phrase)  # (电子、机械两大产业分别…: each item its own figure)
    name = headline(phrase)  # before tidy: a long headline wording (研究与试验发展经费支出与…之比)
    if name is None:
        phrase = tidy(phrase, head_first=from_right)
        name = headline(phrase)
    return (name, "A", from_right) if name else (phrase, "B", from_right)


def _after_heading(clean: str, c_start: int) -> bool:
    """Does the clause at `c_start` open a line after a heading (一、2018年工作回顾)? The heading's words name
    no figure of the text under it."""
    line = clean.rfind("\n", 0, c_start) + 1
    if line == 0 or clean[line:c_start].strip(" \t*#"):
        return False
    before = clean.rfind("\n", 0, line - 1) + 1
    return context_rules().heading_mark_re.match(clean, before, line - 1) is not None


def _for_year_part(indicator: str, tier: str, part: str) -> tuple[str, str]:
    """The indicator of a figure for a part of a year (一季度, 1-11月): the part before the name, and
    never a headline; a name taken from such a figure (上半年…，全年增长1.5%) loses the part."""
    ph = lexicon().phrase
    if ph.year_part_gate is None or ph.year_part_gate.search(indicator):  # (most names hold no year part)
        for m in ph.year_part_re.finditer(indicator):
            if m.group("part") and (m.start() == 0 or m.end() == len(indicator)) \
                    and len(indicator) > len(m.group()) + 1:
                indicator = indicator[:m.start()] + indicator[m.end():]  # 地区生产总值一季度, 一季度…
                indicator, tier = (headline(indicator), "A") if headline(indicator) else (indicator, "B")  # type: ignore[assignment]
                break
    return (part + indicator, "B") if part else (indicator, tier)


def _rate_core(core: str) -> str:
    """The words before a percentage without the time between a rate and its figure (增速从一季度的 → 增速,
    增长由上半年的 → 增长): the rate word is then read as for 增速为."""
    s = core.rstrip("-").removesuffix("的")
    last = None
    for last in lexicon().phrase.year_part_re.finditer(s):
        pass
    if last is not None and last.end() == len(s):
        s = s[:last.start()]
    return s.removesuffix("从").removesuffix("由").removesuffix("为")


def _group_unit(clean: str, at: int) -> str:
    """人次, 人 or 户 when visits, a group of people or households follow a bare magnitude at `at`, else ""."""
    lx = lexicon()
    if clean.startswith(lx.people_starts, at):
        return "人"
    m = lx.people_noun_re.match(clean, at, at + 12)
    return "" if m is None else "人次" if m.group("visits") else "人" if m.group("people") else "户"


# 第一、二、三产业增加值, 一二三产业: ordinals sharing one noun, each its own item
_ORDINALS: Final = re.compile(r"第?([一二三])[、，和与及]?(?:第?([一二三])[、，和与及]?)?第?([一二三])(?:产业|产)")


def _ordinal_items(subject: str, size: int) -> list[str] | None:
    """二、三产业增加值分别增长6%和7% → 第二产业增加值, 第三产业增加值 (as many items as figures)."""
    m = _ORDINALS.search(subject) if size > 1 else None
    if m is None:
        return None
    nums = [g for g in m.group(1, 2, 3) if g]
    if len(nums) != size:
        return None
    rest = subject[m.end():]
    rest = rest if rest in SHARE_WORDS else left_phrase(rest) if rest else ""  # (一三产业比重: 比 opens no comparison)
    return [f"第{n}产业{rest}" for n in nums]  # (一、二、三产 is written short)


def _pair_split(phrase: str, across: int = 0) -> list[str] | None:
    """城乡居民收入 → [城镇居民收入, 农村居民收入] when a two-figure list shares it; with `across`, only a pair
    word that the position `across` falls inside (where a 、 had parted it)."""
    for word, parts in lexicon().pair_words.items():
        i = phrase.find(word)
        if i >= 0 and (not across or i < across < i + len(word)):
            return [phrase[:i] + p + phrase[i + len(word):] for p in parts]
    return None


def _relation_facts(name: str, view: TextView, ctx: DocumentContext, cues: kinds.Cues, home: places.Home,
                    table_spans: list[tuple[int, int]], cl: Bounds) -> list[Fact]:
    """Targets with no number: 居民收入增幅高于经济增长, 完成…节能减排任务."""
    clean = view.clean
    tstarts = [s for s, _ in table_spans]
    out: list[Fact] = []
    seen: set[int] = set()
    defaults = kinds.section_defaults(ctx)
    for at, _, _ in _RELATION_WORD.iter(clean):
        start, end = cl.around(at)
        if start in seen:
            continue
        seen.add(start)
        clause = clean[start:end]
        if len(clause) < 4 or _DIGIT.search(clause) or _in_spans(table_spans, tstarts, view.orig(start)):
            continue
        m = _RELATION.search(clause)
        hit = None
        if m and (m.group("sync") or m.group("op") != "与") and not _TIME_REF.search(m.group("ref")):
            # (与上年持平: no change over the year, no reference to keep pace with)
            ref = m.group("ref")
            if m.group("op") == "与" or any(w in ref for w in ("经济", "GDP", "平均", "全省", "全国", "全市", "生产总值")):
                ind_text = clause[:m.start()]
                phrase = left_phrase(ind_text)
                canon = headline(phrase)
                if canon:
                    # the span is the indicator's words with their form word (居民收入增幅), up to 高于
                    i0 = start + ind_text.find(phrase) if phrase and phrase in ind_text else start
                    qual = {"高于": "above", "快于": "above", "跑赢": "above", "低于": "below", "慢于": "below"}.get(m.group("op"), "exact")
                    hit = (i0, start + m.start(), canon, qual)
        if hit is None:
            t = _TASK.search(clause)
            if t and "完成" in clause[:t.start() + 4]:
                phrase = t.group("ind")
                canon = headline(phrase) or headline(phrase + "任务")
                if canon:
                    i0 = start + t.start("ind")
                    hit = (i0, start + t.end(), canon, "exact")
        if hit is None:
            continue
        s, e, canon, qual = hit
        ostart = view.orig(s)
        si = ctx.section_index(ostart)
        r = kinds.read(clean, cues, ctx, ctx.sections[si], defaults[si], start, start, s, None, None)
        region, code, why_r = home.region_why(clean, start, s)
        out.append(Fact(
            doc=name, start=ostart, end=view.orig_end(e), surface=view.text[ostart:view.orig_end(end)],
            kind=Kind(r.kind), indicator=canon, measure=Measure.RELATION, value=None, unit=None,
            qualifier=Qualifier(qual), region=region, period=r.period, tier="A",
            evidence=view.text[view.orig(start):view.orig_end(end)], region_code=code,
            why=f"kind: {r.why_kind}; period: {r.why_period}; region: {_region_why(ctx, why_r)}",
        ))
    return out


def _mark_repeats(text: str, facts: list[Fact]) -> list[Fact]:
    reps = repeated(text)
    if not reps:
        return facts
    starts = [s for s, _ in reps]
    return [f.replace(duplicate=True) if _in_spans(reps, starts, f.start) else f for f in facts]
