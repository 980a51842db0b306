"""The indicator of a figure: the headline name (tier A) or the shortest phrase that names it.

Each function is pure and answers one question about a phrase:
- `headline`: is this phrase a headline indicator (older names, a place before it)?
- `left_phrase` / `right_phrase`: the phrase that names a figure, left or right of the number;
- `tidy`: a phrase cut to a readable indicator (no function word at an end, not overlong);
- `is_bare`: is the phrase only a verb, a function word or a place (用, 在, 市)?
- `shared_subject`: the indicator of a figure shared by a list (生产总值、财政收入增幅均居全市第3位);
- `count_phrase`: a count must not carry an amount's name (地区生产总值跨越3个千亿元台阶).
The word lists live in rules/indicators.toml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Final

from .lexicon import (
    alternation,
    end_gate,
    lexicon,
    match_gate,
    may_end,
    may_open,
    plan_names,
    scanning,
    unit_kind,
)

_PUNCT_EDGE: Final = re.compile(r"^[、，,：:；;（(）)“”\"'\s\-—*#>|→]+|[、，,：:；;（(“\"'\s\-—*#>|→]+$")
# _PUNCT_EDGE.sub("", s) as two C strips, five times faster: its ^-run is a strip of the first set, its $-run (tried
# at every position) one of the second (\s is str.isspace, whose last character is U+3000; a final \n is in the set)
_SPACES: Final = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
_EDGE_OPEN: Final = "、，,：:；;（(）)“”\"'-—*#>|→" + _SPACES  # (a close paren opens no name: …（增长37%）、汽车)
_EDGE_CLOSE: Final = "、，,：:；;（(“\"'-—*#>|→" + _SPACES  # (→: a list's arrow, **国家森林公园**→共565个)


def _punct_edge(s: str) -> str:
    return s.lstrip(_EDGE_OPEN).rstrip(_EDGE_CLOSE)


_YEAR_WORDS: Final = scanning(re.compile(r"(?:到|至|截至|截止)?(?:(?:19|20)\d{2}年?[-—–~～至到])?(?:19|20)\d{2}年(?:底|末|前|内|度)?|(?:截至|截止)?(?:今年|去年|上一?年|当年)(?:底|末|度)?|全年"
                                         rf"|(?:到|至)“?{plan_names()['@PLAN@']}”?(?:末|期末)|(?:本届政府)?任期内"
                                         r"|(?:经过|再用|用|通过)(?:[二两三四五六七八九十\d]年)?(?:左右)?(?:的|时间)?(?:努力|奋斗|时间)"))
# (围绕到“十四五”末新增就业…, 用三年时间新建学校…: a deadline or years of effort are the period, no name; a span of
# years, 2017-2019年, goes whole)
_RIGHT_STOPS: Final = "，,。；;：:、\n\t（(|"
_RIGHT_STOP: Final = re.compile(f"[{re.escape(_RIGHT_STOPS)}]")
# 连续3年, 近5年来 (a calendar year such as 2019年 is left for _YEAR_WORDS)
# an amount written in words after a cue (近万亿元, 突破千亿元): a figure of its own, never part of a name
# (with no 元 the amount must end its clause or meet its milestone: 超百亿企业 and 超百人的 are names)
_AMOUNT_WORDS: Final = r"(?:[一二两三四五六七八九十]{1,2}个)?[一二两三四五六七八九]?[十百千万]+亿?(?:元|(?=[，,、。；;]|$|大关|新台阶|台阶|关口))"
_PUT_AS: Final = re.compile(r"把([^，,。；;把]{2,24}?)(?:确定|设定|调整|确立|定)(?:为|在)$")
_WORD_AMOUNT: Final = re.compile(r"(?:相继|连续|先后|首次)?(?:近|超|逾|约|突破|超过|跨过|跨越|跨上|迈上|迈过|跃上|站上|达到|达|破|再跨|再上|连跨)"
                          rf"{_AMOUNT_WORDS}(?:[、和]{_AMOUNT_WORDS})*(?:大关|新台阶|台阶|关口)?"
                          r"(?!的?(?:企业|项目|工程|产业|集群|园区|龙头|级))")  # (超百亿元企业: a class, named so)
_STREAK: Final = scanning(re.compile(r"连续(?:\d+|[一二两三四五六七八九十]+)年|(?:近)?(?:(?<![\d.．A-Za-z_])(?!(?:19|20)\d\d年)\d+|[一二两三四五六七八九十]+)年"
                             r"(?:来|间|内)?(?=[^\d]{0,6}$)"))
_PLAN: Final = "“?" + plan_names()["@PLAN@"] + "”?"  # (the plans of rules/context.toml, “九五” and older too)
# 营业收入较“十三五”末期翻一番, 是“十二五”末的: the comparison base is not part of the indicator (占比 is a share, 之比 a ratio,
# and a bare 比 ending 贷存比, 收入比, 投入产出比 too)
# figures a revision is compared with (比快报数增加37亿元: the census's revision of the figure before)
_REVISED_BASES: Final = "快报数|初步核算数|原统计数|原核算数|年报数"
_COMPARE_TAIL: Final = scanning(re.compile(rf"(?:较|(?<![之占])比(?!$)|(?<![之占存贷入出价])比|同比|是|由|从|与)(?:{_PLAN}|上年|去年|上年同期|上一?届|\d{{4}}年|年|{_REVISED_BASES})?"
                                    r"(?:同期|末期|末|期末|时期|期间|初)?的?$"))  # (比上届增长一倍: the fair before)
# 2003—2007年…: a span of years before an indicator is its time, not its name (a plan period, “十二五”末…, is a
# leading pattern of cues.toml)
_YEARS_LEAD: Final = re.compile(r"^(?:19|20)\d{2}年?[-—至到](?:19|20)?\d{2}年")
# 全省排名较上年提升: a comparison inside a phrase goes, its year is no new subject
_COMPARE_MID: Final = re.compile(r"(?:较|比|同比|与|同)(?:上年|去年|上年同期|年初|上一?届|(?:19|20)\d{2}年|" + _REVISED_BASES
                                 + r")(?:同期|末|底)?")
# （四）固定资产投资总额, 3、…: a list or section number opening the phrase
# (一、二、三产业 is a list of industries, not a list number)
_ENUM_LEAD: Final = re.compile(r"^(?:[（(]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)、.．](?!第?[一二三][、和]?第?[一二三]?(?:产业|产))"
                        r"|[\u2460-\u249b\u3251-\u325f])")  # (⑼, ①, ⒈: circled and bracketed list numbers)
# 达到8—9%: the low end of a range before the number; 为100.7: a bare number closing the phrase
# (a short number run on from Latin letters is a name's: PM2.5控制在40微克, SO2; 人均GDP2000美元 is a figure)
_NUMBER_TAIL: Final = scanning(re.compile(r"(?:为|是|达到|达)?(?:(?<![A-Za-z\d.])\d|(?<=[A-Za-z])\d{4})[\d.,]*[%％]?[—\-~～至到]?$"))
_COMPARE_TAIL_END: Final = end_gate(_COMPARE_TAIL)  # (for _cut_end)
_NUMBER_TAIL_END: Final = end_gate(_NUMBER_TAIL)
_FOOTNOTE: Final = scanning(re.compile(r"\[\d{1,3}\]|〔\d{1,3}〕|[①-⑳]"))
# a stray character a trigger left behind a headline (城镇调查失业率平均为, 城镇登记失业率预计可控制在)
_STRAY_END: Final = frozenset("可平负仍也将已均都要再")
_RIGHT_GOAL: Final = re.compile(r"的?(?:目标|任务)$")
_RIGHT_BAD: Final = re.compile(r"^(?:[和与及、或]|[一二两三四五六七八九十几]+个)")  # (迈上4万亿、5万亿两个台阶: a count names nothing)
# (建成8条示范带的基础上: the base, no part of the name; 125家企业中的70%: the group a share is taken of; a number
# run into Latin letters is a name's, 5G基站, 4A级景区, 3D打印)
_RIGHT_CUT: Final = re.compile(r"(?:以及|[和与及或])?\d(?![\d.]*(?:[A-Za-zＡ-Ｚａ-ｚ]|强))|的?基础上|的?同时|(?<![高初])中(?:的|有)?(?=\d)")
_SENTENCE_END: Final = re.compile(r"[。！？；;!?\n|]")
# footnote marks and short asides: 国内生产总值[2], 地区生产总值（GDP）, 固定资产投资（不含农户）
_ASIDE: Final = scanning(re.compile(r"\[\d{1,3}\]|〔\d{1,3}〕|[①-⑳]|（[^（）]{1,12}）|\([^()]{1,12}\)"))
_PLACE_FORM: Final = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:省|市|县|区|州|旗|盟)")
# 第一产业增加值增速、工业投资增速…5项主要指标居全市第一: the list is the subject of the rank
_RANK_VERB: Final = re.compile(r"(?:位居|位列|名列|排名|稳居|跃居|跻身|居于|居|排在|排|列|进入|保持)(?=[^，,。；;\d]{0,14}$)")
# 工业增加值和社会消费品零售总额均增长…: 均/都/双双 before the trigger shares one figure
_SHARED_CUE: Final = scanning(re.compile(r"(?:(?<![人平年])均|(?<![首成])都|双双)(?=[^，,。；;\d]{0,6}$)"))
_LIST_TAIL: Final = re.compile(r"(?:(?:[\d一二两三四五六七八九十]+项)?(?:主要)?(?:经济)?指标(?:增速|增幅|总量)?)?(?:均|都|双双|分别|同比)*$")
_DIGIT: Final = re.compile(r"\d")
_NUMBERED_NAME: Final = re.compile(r"\d+号(?=[\u4e00-\u9fff])")
_NUMBER: Final = re.compile(r"\d[\d.,]*")
_LIST_SEP: Final = re.compile(r"[\d一二三四五六七八九十][^\d一二三四五六七八九十、，,；;。]{0,5}[、和及与]")
_LIST_SPLIT: Final = scanning(re.compile(r"、|(?<=[\u4e00-\u9fff]{2})(?:和|及|与)(?=[\u4e00-\u9fff]{2})"))
_ITEM_END: Final = re.compile(r"[、和及与]")  # where a list's first item ends


@lru_cache(maxsize=8192)
def headline(phrase: str) -> str | None:
    """The canonical headline name when `phrase` names a headline indicator, else None.

    The synonym must end the phrase (after dropping form words such as 增速, 增幅, footnote
    marks and short asides) and only allowed words may stand before it: 全市, 全社会, a place
    (云岭市, 东部地区), so 高新区营业收入 or B保中心进出口额 stay tier B.

    >>> headline("全市规上工业增加值增幅"), headline("城镇居民人均可支配收入"), headline("单位GDP能耗")
    ('规模以上工业增加值', None, '节能减排')
    >>> headline("青石县规模以上工业增加值"), headline("财政一般预算收入"), headline("园区生产总值")
    ('规模以上工业增加值', '地方一般公共预算收入', None)
    >>> headline("上海的GDP"), headline("企业的营业收入"), headline("的GDP"), headline("年均经济增长速度")
    ('地区生产总值', None, None, '地区生产总值')
    """
    s = _ASIDE.sub("", phrase) if "[" in phrase or "（" in phrase or "(" in phrase or "〔" in phrase else phrase
    if "的比" in s and "占" in s:
        s = s.replace("的比重", "比重").replace("的比例", "比例")  # …经费支出占地区生产总值的比重: the same share
    name = _headline(s)
    end = lexicon().phrase.end_re
    end_at = _ends(end) if name is None else None
    while name is None and s:
        # one form word at a time (社会消费品零售总额实际 → …总额, not …零售)
        m = end.search(s) if may_end(end_at, s) else None
        if m is None:
            if s.endswith("年"):
                name = _headline(s[:-1])  # 进出口总额年(均): a 年 left of 年均 by a trigger
            break
        s = s[:m.start()]
        if "占" in s or (m.group().endswith(SHARE_WORDS) and not s.endswith(("强度", "率"))):
            break  # 服务业占全市生产总值比重, 城阳区经济占比: a share, not the headline (unless a synonym whole)
        name = _headline(s)
    return name


def synonym_of(phrase: str) -> str | None:
    """The canonical headline when `phrase` is written exactly as one of its names (地方财政收入), else None
    (青石县地方财政收入, 地方财政收入增速: more than the name)."""
    hits = lexicon().headline_automaton.ending(phrase)
    return next((name for _, _, (word, name) in hits if word == phrase and name), None)


def _headline(core: str) -> str | None:
    lx = lexicon()
    # the names ending the core, longest first (全地区生产总值: 地区生产总值 leaves 全, 生产总值 leaves the whole-word)
    hits = lx.headline_automaton.ending(core)
    if not hits:
        return None  # (most cores: no name ends them)
    ends = sorted(((len(word), name) for _, _, (word, name) in hits), reverse=True)
    if not ends or not ends[0][1]:
        return None
    for k, (length, name) in enumerate(ends):
        if not name:
            return None
        before = core[:len(core) - length]
        if before.endswith("的") and len(before) > 1:
            before = before[:-1]  # 上海的GDP, 全市的地区生产总值
        if before.endswith("年均"):
            before = before[:-2]  # “十五”期间年均经济增长速度: an average of the headline's growth
        # (a shorter name only after a whole-word: 净增地区生产总值 is no 生产总值 of a place 净增地区)
        if only_places(before) and (k == 0 or before in lx.phrase.whole):
            return name
    return None


@lru_cache(maxsize=4096)
def only_places(s: str, prefixes: bool = True) -> bool:
    """True when `s` is empty or only places, whole-words and prefixes (云岭市, 全市全社会, 我县).

    A place is a name of the region data (株洲, 深圳市) or a word of place form (2–6
    characters ending in 省/市/县/区/州/旗/盟) that is no zone or part of a place (园区, 城区).

    >>> only_places("云岭市"), only_places("全市"), only_places("高新区"), only_places("城区")
    (True, True, False, False)
    """
    lx = lexicon()
    ph = lx.phrase
    while s:
        n = (prefixes and _word_at(s, lx.prefixes)) or _word_at(s, ph.whole) or _word_at(s, ph.areas) or _place_at(s)
        if not n:
            return False
        s = s[n:]
        s = s.removeprefix("的")  # 重庆的GDP总量
    return True


def _word_at(s: str, words: frozenset[str]) -> int:
    if s[:1] not in _firsts(words):
        return 0  # (most texts: no word opens with their first character, and no prefix of them is looked up)
    for n in range(min(len(s), 8), 1, -1):
        if s[:n] in words:
            return n
    return 0


@lru_cache(maxsize=16)
def _firsts(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:1] for w in words)  # (a frozenset's hash is kept: the lookup is cheap)


def _place_at(s: str) -> int:
    """Length of the place name opening `s`, or 0."""
    ends = lexicon().phrase.not_place_endings
    for m in _places_in(s):
        name = s[:m]
        if not name.endswith(ends):
            return m
    return 0


@lru_cache(maxsize=1)
def _regions() -> Any:
    # (imported when first asked: an import statement costs each call)
    from . import regions

    return regions


@lru_cache(maxsize=4096)
def _places_in(s: str) -> list[int]:
    """Candidate lengths of a place opening `s`, longest first: region data, then form."""
    out: list[int] = []
    try:
        rg = _regions()
        # (the first mention, if it opens s: only it is resolved, not every one find_mentions would; most texts open
        # with two characters no name opens with)
        index = rg.load_index()
        first = index.mentions(s[:12]).get(0) if index.may_open_name(s) else None
        if first is not None:
            out.append(first.end)
    except ImportError:  # the place data has not landed: the form alone
        pass
    m = _PLACE_FORM.match(s)
    if m and m.end() >= 2:
        out.append(m.end())
    return sorted(set(out), reverse=True)


@lru_cache(maxsize=8192)
def left_phrase(left: str) -> str:
    """The indicator phrase in the text left of a number: cue words and triggers removed.

    >>> left_phrase("预计全年地区生产总值增长"), left_phrase("力争高新技术企业突破")
    ('地区生产总值', '高新技术企业')
    >>> left_phrase("经济运行稳中有进全年地区生产总值预期增长"), left_phrase("“十二五”末社会消费品零售总额是")
    ('地区生产总值', '社会消费品零售总额')
    >>> left_phrase("经慎重研究，市政府把全市生产总值增长目标确定为")
    '生产总值'
    """
    lx = lexicon()
    ph = lx.phrase
    s = _last_sentence(left)  # a window may reach into the sentence before
    if "（" in s or "(" in s:
        s = _SHORT_ASIDE.sub("", s)  # 地区生产总值（预计，下同）: an aside names nothing
    if _aside_gate().search(s):
        s = ph.aside_re.sub("", s)  # 生产总值受疫情冲击影响下降, 以微弱优势居, 在…带动下: so does an adverbial
    f = None
    # (most phrases hold no digit: no figure before, no number closing them; what follows only cuts s)
    digits = _DIGIT.search(s) is not None
    # 城市居民消费价格指数为100.7，同比…: what a figure listed before ends (、 ， ；) is not this one's name
    for f in ph.after_figure_re.finditer(s) if digits else ():
        pass
    if f is not None and len(s) - f.end() >= 2:
        s = s[f.end():]
    s = _punct_edge(s)
    if "把" in s and (put := _PUT_AS.search(s)):
        s = put.group(1)  # 市委市政府把全市生产总值增长目标确定为: what is set is named between 把 and the verb
    if "：" in s and len(s) - s.rfind("：") > 2:
        s = s[s.rfind("：") + 1:]  # CPI：城市居民消费价格指数
    if "→" in s and len(s) - s.rfind("→") > 2:
        s = s[s.rfind("→") + 1:]  # **某保护区**→退牧还草: a list's label before its arrow
    if digits:
        s = _cut_end(_NUMBER_TAIL, _NUMBER_TAIL_END, s)
    if "年" in s:  # (a streak ends on 年)
        s = _STREAK.sub("", s)
    s = _cut_end(_COMPARE_TAIL, _COMPARE_TAIL_END, s)
    # a year word opens a new subject (…稳中有进，全年地区生产总值): keep what follows it
    if "万" in s or "千" in s or "百" in s or "十" in s:  # (an amount in words holds one)
        s = _WORD_AMOUNT.sub("，", s)  # 固定资产投资近万亿元、增长: an amount in words ends the name
    s = _YEAR_WORDS.sub("，", _COMPARE_MID.sub("", s))
    if ph.year_part_gate is None or ph.year_part_gate.search(s):
        s = ph.year_part_re.sub(_part_to_comma, s)  # 增速从一季度 → 增速从，: a part of a year names nothing
    # (the three patterns end the text: a text ending with a character none of their words ends with spares the call)
    trig_end, tail_end = _ends(lx.triggers_re), _ends(ph.tail_re)
    if "，" in s:
        # the last piece that names something, with what follows it (预计GDP全年增长 → 预计GDP增长)
        pieces = s.split("，")
        k = len(pieces) - 1
        while k > 0 and len(_cut_end(lx.triggers_re, trig_end, _cut_end(ph.tail_re, tail_end, "".join(pieces[k:])))) < 2:
            k -= 1
        tail = "".join(pieces[k:])
        s = tail if len(tail) >= 2 else s.replace("，", "")
    prev = None
    leading_gate, lead_gate, years_gate = _opens(lx.leading_re), _opens(ph.lead_re), _opens(_YEARS_LEAD)
    enum_gate = _opens(_ENUM_LEAD)
    while prev != s:
        prev = s
        s = _cut_end(_COMPARE_TAIL, _COMPARE_TAIL_END, _punct_edge(s))
        if not s.startswith(ph.keep_starts):
            # (both anchored: a first character none of their words opens with spares the call)
            if may_open(leading_gate, s):
                s = _kept_from(lx.leading_re, s, ph.keep_starts)
            if may_open(lead_gate, s):
                s = _kept_from(ph.lead_re, s, ph.keep_starts)
        if may_open(enum_gate, s):
            s = _ENUM_LEAD.sub("", s)
        if may_open(years_gate, s):  # (a span of years opens with 1 or 2)
            s = _YEARS_LEAD.sub("", s)
        if s.endswith(ph.average_rates):
            s = s[:s.rfind("年均")]  # 收入年均增幅: the trigger would leave 年 of 年均 behind
        s = _cut_end(lx.triggers_re, trig_end, s)
        t = _cut_end(ph.tail_re, tail_end, s)
        s = t if len(t) >= 2 else s
    # 发展质量稳步提升，全年实现地区生产总值: what follows the last cue word names the figure
    parts = [p for p in ph.boundary_re.split(s) if p]
    if len(parts) > 1:
        # keep a short verb, or an attribute, with what precedes it (班列预计发运 → 班列发运,
        # 民营经济实现增加值 → 民营经济增加值)
        # (营口港要努力实现吞吐量: the words closing the piece before say how, not whose: 营口港吞吐量)
        last = parts[-1] if len(parts[-1]) > 2 and parts[-1] not in lx.attributes \
            else (_cut_end(ph.tail_re, tail_end, parts[-2]) or parts[-2]) + parts[-1]
        s = _punct_edge(last)
    t = s if s.startswith(ph.keep_starts) else _punct_edge(ph.lead_re.sub("", s))
    s = t if len(t) >= 2 else s  # 五年累计创造地区生产总值: a cue word after the boundary
    if s[-1:] in _STRAY_END and headline(s) is None and headline(s[:-1]):
        s = s[:-1]
    if "”" in s and s.count("”") > s.count("“") and f"“{s[:s.index('”') + 1]}" in left:
        # “三类500强”项目, “两免一补”累计受益 → “两免一补”受益: keep the opening quote of a name the phrase closes
        s = "“" + s
    # 为中小企业发放知识价值信用贷款: the object of the last verb names the figure
    if headline(s) is None:
        cut = 0
        v = _object_verbs().search(s, 1)
        while v is not None:
            rest = s[v.end():]
            if _says_only_done(rest):
                s = s[:v.end()]  # 棚户区改造基本建成: only adverbs and verbs follow, 棚户区改造 is the name
                break
            # (not inside a list's item: 问题解决率、群众满意率, 污水处理率和垃圾处理率 are no objects of 解决, 处理)
            # (…卫生服务覆盖率: a rate alone after the verb makes it a noun, the rate of that service)
            if len(rest) >= 3 and len(_ITEM_END.split(rest, 1)[0]) >= 2 and not (len(rest) <= 4 and rest.endswith("率")):
                # (株洲新增国家制造业单项冠军: 新增 names what a year added, and stays with it)
                cut = v.start() if v.group() in ph.new_prefixes else v.end()
            v = _object_verbs().search(s, v.end())
        s = s[cut:]
        if cut == 0 and (lead := _verb_lead(s)) and headline(s[lead:]):
            s = s[lead:]  # 计划安排国内生产总值1230亿元: the verb before a headline names nothing
    if "的有" in s and len(s) - s.rfind("的有") >= 4:
        s = s[s.rfind("的有") + 2:]  # 增幅较大的有啤酒（增长37%）: the things introduced are named (超亿元的有15家: none)
    return _whole_split(s)


@lru_cache(maxsize=1)
def _aside_gate() -> re.Pattern[str]:
    """A pattern found in a text holding any character an aside opens with (one search, not a generator of `in`
    tests)."""
    return re.compile("|".join(map(re.escape, lexicon().phrase.aside_firsts)) or "(?!)")


_GATES: Final[dict[int, tuple[re.Pattern[str], tuple[frozenset[str], bool, bool] | None]]] = {}


_ENDS: Final[dict[int, tuple[re.Pattern[str], tuple[frozenset[str], bool, bool] | None]]] = {}


def _ends(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool, bool] | None:
    """For may_end: the characters a match of a pattern anchored at the end ends with (kept by id, as _opens)."""
    got = _ENDS.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _ENDS[id(pattern)] = (pattern, end_gate(pattern))
    return got[1]


def _cut_end(pattern: re.Pattern[str], gate: tuple[frozenset[str], bool, bool] | None, s: str) -> str:
    """pattern.sub("", s) for a pattern anchored at the end, not tried when its gate (end_gate) rules a match out
    (most texts: a name ends with none of the trailing words' last characters)."""
    return pattern.sub("", s) if may_end(gate, s) else s


def _opens(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool, bool] | None:
    """For may_open: the characters a match of an anchored pattern opens with (kept by the pattern's id: hashing a
    pattern hashes its compiled code, some microseconds for the lexicon's long ones)."""
    got = _GATES.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _GATES[id(pattern)] = (pattern, match_gate(pattern))
    return got[1]


def group_named(phrase: str) -> str:
    """The group's name after items listed (石化、造船…四大优势产业增加值 → 四大优势产业增加值), else `phrase`."""
    if "、" in phrase and (g := _GROUP_NAMED.search(phrase)) is not None and "、" in phrase[:g.start()]:
        return phrase[g.start():]
    return phrase


_GROUP_NAMED: Final = re.compile(r"(?<![、和及与])[两二三四五六七八九十]{1,2}(?:大|类|个|项|种)(?![、和及与])[\u4e00-\u9fff“”]{2,}$")


def _verb_lead(s: str) -> int:
    """The length of a verb of lexicon's headline_lead_verbs (安排, 带动) opening `s`, or 0."""
    verbs = lexicon().phrase.headline_lead_verbs
    if not s.startswith(verbs):
        return 0  # (most phrases: one C-speed test, no generator)
    return next((len(v) for v in verbs if s.startswith(v)), 0)


def _part_to_comma(m: re.Match[str]) -> str:
    return "，" if m.group("part") else m.group(0)


def clause_words(left: str) -> str:
    """The words of the clause left of a number, with their verb (地区生产总值跨越): only the
    sentence before and the opening cue words (全年, 其中 …) removed."""
    s = _punct_edge(_last_sentence(left))
    s = s[s.rfind("，") + 1:]
    lx = lexicon()
    prev = None
    while prev != s:
        prev = s
        s = lx.phrase.lead_re.sub("", lx.leading_re.sub("", s) if not s.startswith(lx.phrase.keep_starts) else s)
    return s


def _kept_from(lead_re: re.Pattern[str], s: str, keep: tuple[str, ...]) -> str:
    """`s` without the words `lead_re` strips from its start, up to a kept word opening among them (全市对俄进出口总额:
    全市 goes, 对俄 stays)."""
    m = lead_re.match(s)
    if m is None or not m.end():
        return s
    end = m.end()
    return s[next((p for p in range(1, end) if s.startswith(keep, p)), end):]


def _last_sentence(left: str) -> str:
    """What follows the last end of sentence (。！？；); after a line break or a table bar only
    when words follow it (a figure opening a line is named by the line before)."""
    m = None
    for m in _SENTENCE_END.finditer(left):
        pass
    if m is None:
        return left
    rest = left[m.end():]
    if m.group() in "\n|" and len(_punct_edge(rest)) < 2:
        before = left[:m.start()].rstrip("\n|")
        return _last_sentence(before) if before != left else rest
    return rest


def _whole_split(s: str) -> str:
    """地方投资表现良好全市固定资产投资 (a lost comma): a whole-word opening a headline starts the phrase."""
    for m in _whole_re().finditer(s, 2):
        i = m.start()
        if s[i - 1] not in "占于比与对较为是的同和及、" and headline(s[i:]):
            return s[i:]
    return s


@lru_cache(maxsize=1)
def _whole_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, lexicon().phrase.whole), key=len, reverse=True)))


def verb_chain(phrase: str, words: frozenset[str]) -> bool:
    """Is the phrase (two characters or more) a chain of verb words (重点 + 建设 + 完善)?"""
    n = len(phrase)
    if n < 2:
        return False
    ends = [True] + [False] * n  # ends[i]: a chain of words (of four characters at most) reads phrase[:i]
    last = 0  # the last end found
    for i in range(1, n + 1):
        if i - last > 4:
            return False  # (no word reaches past a gap of five: most phrases fail at their first characters)
        for j in range(max(0, i - 4), i):
            if ends[j] and phrase[j:i] in words:
                ends[i] = True
                last = i
                break
    return ends[n]


def _says_only_done(rest: str) -> bool:
    """Is `rest` only adverbs and verbs (基本建成, 全部完成), which name no object of the verb before it?"""
    return verb_chain(rest, _done_words())


@lru_cache(maxsize=1)
def _done_words() -> frozenset[str]:
    lx = lexicon()
    return lx.verb_chain | lx.verbs_before_noun | lx.phrase.verb_adverbs


@lru_cache(maxsize=1)
def _object_verbs() -> re.Pattern[str]:
    words = [w for w in lexicon().verbs_before_noun if len(w) >= 2]
    heads = alternation(list(lexicon().phrase.verb_noun_heads))  # 服务业企业: a noun, no verb
    return re.compile("(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + f")(?!{heads})")


_CLOSE_PAREN: Final = re.compile(r"[）)]")
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


def _verb_at(s: str, i: int) -> bool:
    return s.startswith(_verb_words(), i)


@lru_cache(maxsize=1)
def _verb_words() -> tuple[str, ...]:
    """The verbs (and words chaining with them) one str.startswith call tests."""
    lx = lexicon()
    return tuple(lx.verb_chain | lx.verbs_before_noun)


def _verb_to_next(s: str) -> bool:
    """Is `s` (the words after a figure up to the next) only a trigger word, an adverb before it (接连突破, 增至)?"""
    lx = lexicon()
    t = next((m for m in lx.triggers_re.finditer(s) if m.end() == len(s)), None)
    return t is not None and (t.start() == 0 or s[:t.start()] in lx.phrase.verb_adverbs)


def right_phrase(right: str, counted: bool = False) -> str:
    """The noun after a number's unit, for figures named on their right (新增2家省级重点实验室).

    A first item of one or two characters in a list (1372个市、县、乡、村公共文化场馆) takes
    the whole list, so a place word alone never names the figure.

    >>> right_phrase("镇（街）文化站达标升级，"), right_phrase("县、乡、村文化站全部建成。")
    ('镇（街）文化站', '县、乡、村文化站')
    >>> right_phrase("增至3719亿元，")
    ''
    """
    if not right or right[0] in _RIGHT_STOPS:
        return ""  # (most figures: their clause ends right after the unit)
    if (size := lexicon().phrase.size_lead_re.match(right)) and (noun := right_phrase(right[size.end():])):
        return size.group() + noun  # 100个投资5000万元以上工业项目: the size is part of the name
    if (scope := lexicon().phrase.scope_lead_re.match(right)) is not None:
        return right_phrase(right[scope.end():], counted)  # 600名0—6岁残疾儿童: who they are, no part of the name
    m = _RIGHT_STOP.search(right)
    while m and m.group() in "（(" and 1 <= m.start() <= 6:
        close = _CLOSE_PAREN.search(right, m.end(), m.end() + 8)
        if close is None or m.start() > 1 and (not _CJK.match(right, close.end()) or _verb_at(right, close.end())):
            break  # (21个项目(夜市)增强…: a verb after the aside, the noun ended before it)
        # 41个镇（街）文化站, 7.2万名高龄（长寿）老人: an aside inside the noun, which goes on after it
        m = _RIGHT_STOP.search(right, close.end())
    s = right[:m.start()] if m else right
    if m and m.group() == "、" and s:
        end = _RIGHT_STOP.search(right, m.end())
        while end and end.group() == "、":
            end = _RIGHT_STOP.search(right, end.end())
        rest = right[m.end():end.start() if end else len(right)]
        # 25个非城关镇污水、垃圾处理设施: a count's items with no figure of their own share the noun after the
        # last (…中心、完善养老设施: a verb opens a clause of its own; 贫困村全部出列、…: so the first item said
        # all; 兰铝28万吨电解铝、榆中钢厂二期: a size is the first item's alone)
        if len(s) <= 2 or (counted and rest and not _DIGIT.search(rest) and not _ORDINAL.search(rest)
                           and not _CN_COUNT_LEAD.match(rest)
                           and not _verb_at(right, m.end())
                           and not lexicon().triggers_re.match(rest) and not rest.startswith("其")
                           and not predicate_in(s) and not _LAST_JOIN_IN.search(s)):
            s = right[:end.start()] if end else right
    lead = _NUMBERED_NAME.match(s)  # 3号高炉系统项目: a name may open with its number
    d = _RIGHT_CUT.search(s, lead.end() if lead else 0)
    if d:
        s = s[:d.start()]
        if _verb_to_next(s):
            return ""  # 从…的1.45万亿元接连突破2万亿元: adverbs and the verb leading to the next figure name nothing
        # 80个小区约10万住户: the bound of the next figure is no part of this one's name
        s = next((s[:-len(w)] for w in _bound_words() if s.endswith(w) and len(s) > len(w) + 1), s)
    if s.endswith(("目标", "任务")) and (goal := _RIGHT_GOAL.search(s, 2)) is not None and (goal.group().startswith("的") or any(
            s.endswith(v, 0, goal.start()) for v in lexicon().phrase.stage_verbs)):
        # 实现20万人脱贫的目标, 完成1.2万户农村危房改造任务: the goal is the thing named (120项重点任务: a noun)
        s = s[:goal.start()]
    s = _predicate_cut(_stage_cut(_punct_edge(s)))
    ph = lexicon().phrase
    if len(s) > ph.max_length and m is not None and "的" in s and len(tail := s[s.rfind("的") + 1:]) >= 2 \
            and (tail.endswith(ph.shared_heads) or tail.endswith(ph.plant_heads)):
        # 15个面向…产业发展的技术创新服务平台: the thing after the last 的 is what is counted (…项目的支持力度: no thing)
        s = tail
    s = s[:24]
    if s.count("”") > s.count("“"):
        s = "“" + s  # 40万件“五小水利”工程: keep the opening quote of a name it closes
    if _RIGHT_BAD.search(s) or (s and (m := lexicon().triggers_re.search(s)) and m.start() == 0):
        return ""  # (…从2375亿元增至3719亿元: a verb leading to the next figure names nothing)
    return s


_LAST_JOIN_IN: Final = re.compile(r"[和及与]")
# an item opening with a count in Chinese numerals (…平台、千余名科技人才入驻): a figure of its own, no shared noun
_CN_COUNT_LEAD: Final = re.compile(r"[一二两三四五六七八九十百千万]{1,4}[余多]?[名个家人户项座所台套条]")
_ORDINAL: Final = re.compile(r"第[一二三四五六七八九十]")  # (…名录、数量全省第三: a rank in words, the next figure)  # (4家医疗单位和福贡县、…: the first item is a list of its own)


def predicate_in(s: str) -> bool:
    """Does a verb, an adverb of one or a preposition stand inside `s` after its first character?"""
    adverbs = _adverb_words()
    return any(s[i] in "在被" or _verb_at(s, i) or s.startswith(adverbs, i) for i in range(1, len(s)))


@lru_cache(maxsize=1)
def _adverb_words() -> tuple[str, ...]:
    return tuple(lexicon().phrase.verb_adverbs)


@lru_cache(maxsize=1)
def _bound_words() -> tuple[str, ...]:
    """Words hedging a number before it (约, 近), longest first. (超, 达 stay: 年产值超10亿元的企业 is a class.)"""
    return tuple(sorted((w for w, q in lexicon().before.items() if q == "about"), key=len, reverse=True))


def _stage_cut(s: str) -> str:
    """A works named without the stage it reaches (600万千瓦风电项目建成并网, 14个产业链项目建设 → …项目)."""
    ph = lexicon().phrase
    for head in ph.plant_heads:
        i = s.rfind(head, 2)
        if i > 0 and i + len(head) < len(s) \
                and verb_chain(s[i + len(head):], _stage_words()):
            return s[:i + len(head)]
    return s


def _predicate_cut(s: str) -> str:
    """A right name without what is said of it: an adverb and its verbs, or two verbs or more (重点改革任务深入推进 →
    重点改革任务, 大数据企业签约落地 → 大数据企业); a verb whose object is an amount (企业实现销售收入 → 企业), the close
    of 以…为… (贫困村为突破口) or words of how the things fare (项目进展顺利), with the adverbs left before them
    (indicators.toml right_amount_verbs, right_frame_words, right_fare_words, right_dangling_words). One verb alone
    stays (棚户区改造 names the works counted), and so do stages alone (项目竣工投产: as the gold names them)."""
    j = s.find("并", 2)
    while j > 0:
        if s[j - 1] not in _JOINED_BEFORE and (_verb_at(s, j + 1) or s.startswith(_predicate_tuple(), j + 1)):
            return s[:j]  # 1所初中并实现秋季招生: what is then done of the things is no part of their name
        j = s.find("并", j + 1)
    words = _predicate_words()
    adverbs = _adverb_words()
    ph = lexicon().phrase
    firsts = _predicate_firsts()
    for i in range(2, len(s) - 1):
        if firsts is not None and s[i] not in firsts:
            continue  # (most positions: no word looked for below opens there)
        rest = s[i:]
        if (rest.startswith(adverbs) or _two_verbs(rest, words)) and verb_chain(rest, words) \
                and not verb_chain(rest, _stage_words()):  # (230个项目竣工投产: the stage names the things counted)
            return s[:i]
        if rest.startswith(ph.predicate_adverbs) \
                and rest.startswith(_predicate_tuple(), len(next(a for a in ph.predicate_adverbs if rest.startswith(a)))) \
                and not rest.startswith(ph.predicate_not) \
                and not is_bare(s[:i]) and s[:i] not in ph.whole:  # (…核心起步区已经建成, 全国率先…: a place alone names nothing)
            return s[:i]  # 84个乡镇深入实施分类帮扶: an adverb and its verb open what is said of the things
        if (rest.startswith(ph.right_frame_words) and s[i - 1] not in _FRAME_NOT_AFTER) or rest in ph.right_fare_words or (
                rest.startswith(ph.right_amount_verbs) and rest.endswith(ph.money_names)):
            # 130家龙头企业实现销售收入…亿元, 以300个贫困村为突破口 (152个省重点项目分别完成…: 分别 goes too)
            head = s[:i]
            while (adv := next((w for w in ph.right_dangling_words if head.endswith(w) and len(head) > len(w) + 1), None)):
                head = head[:-len(adv)]
            return head
    return s


@lru_cache(maxsize=1)
def _predicate_tuple() -> tuple[str, ...]:
    return tuple(_predicate_words())


@lru_cache(maxsize=1)
def _predicate_firsts() -> frozenset[str] | None:
    """The characters the words _predicate_cut looks for at a position open with (None with an empty word: no
    position can be passed over)."""
    ph = lexicon().phrase
    words = [w for g in (_predicate_words(), _adverb_words(), ph.right_frame_words, ph.right_fare_words,
                         ph.right_amount_verbs, ph.predicate_adverbs) for w in g]
    return None if "" in words else frozenset(w[0] for w in words)


_JOINED_BEFORE: Final = "合归兼吞"  # (合并, 归并: a verb of their own, no 并 of a second verb)
_FRAME_NOT_AFTER: Final = "作成认视列"  # (100家重点企业作为重点…: 作为 is a verb, no frame)


@lru_cache(maxsize=1)
def _predicate_words() -> frozenset[str]:
    """Verbs and adverbs of two characters or more (新, 已 alone would cut inside a word: 泵站更新改造), less 规划, a noun
    as often (县级总体规划获批)."""
    return frozenset(w for w in _done_words() if len(w) >= 2) - {"规划"}


def _two_verbs(rest: str, words: frozenset[str]) -> bool:
    """Is `rest` two words of `words` or more (签约落地), not one (改造)?"""
    # (each prefix of `rest` looked up in the set, not each of its hundreds of words tried with startswith; none when
    # no word opens with its first character, and none longer than the longest word)
    if rest[:1] not in _firsts(words) and "" not in words:
        return False
    return rest not in words and any(rest[:k] in words and (rest[k:] in words or verb_chain(rest[k:], words))
                                     for k in range(min(len(rest), _longest(words) + 1)))


@lru_cache(maxsize=16)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


@lru_cache(maxsize=1)
def _stage_words() -> frozenset[str]:
    return frozenset(lexicon().phrase.stage_verbs) | lexicon().phrase.verb_adverbs


@lru_cache(maxsize=8192)
def tidy(phrase: str, head_first: bool = False) -> str:
    """A phrase as an indicator: no function word at either end (的, 和, 在 …) unless it opens a
    name (在校生), and no longer than the limit (cut at its last boundary: 的, 等, 、 …).

    >>> tidy("的研发投入"), tidy("港口货物吞吐量等"), tidy("在校生")
    ('研发投入', '港口货物吞吐量', '在校生')
    >>> tidy("用于住房、交通通信、教育文化娱乐和旅游保健等方面的人均支出")
    '人均支出'

    A phrase named on the right of its number starts with its noun (`head_first`): a long one
    keeps its beginning, cut before a boundary (农业科技特派员和…扎根田间带农致富 → 农业科技特派员).
    """
    ph = lexicon().phrase
    s = _punct_edge(_FOOTNOTE.sub("", phrase))
    quoted = phrase.lstrip().startswith("“")
    if len(s) > ph.max_length and headline(s) is None:  # (a long headline's name is its canonical one)
        share = _LONG_SHARE.fullmatch(s)
        if share and len(share.group(1)) + 2 <= ph.max_length:
            s = share.group(1) + "占比"  # 战略性新兴产业总产值占全市规模以上工业总产值的比重 → …总产值占比, not 比重
        else:
            s = _shorten_head(s, ph.max_length, ph.cut_after) if head_first \
                else _shorten(s, ph.max_length, ph.cut_after, ph.uncut_words)
    if "》" in s and "《" not in s and len(s) - s.rfind("》") > 2:
        s = s[s.rfind("》") + 1:]  # …实施细则》出台的12条政策措施: the end of a title is no part of the name
    prev = None
    while prev != s and s:
        prev = s
        while s and s[-1] in ph.function_words and not s.endswith(ph.not_joiners):
            s = s[:-1]  # (涉及, 普及: a word, no joiner)
        if s and s[0] in ph.function_words and not s.startswith(ph.keep_starts):
            s = s[1:]
        s = _punct_edge(s)
    if s.endswith("占") and len(s) > 2:
        s += "比"  # 三类海水占15.4%: the share of what precedes it
    if quoted and s.count("”") > s.count("“") and len(s) < ph.max_length:
        s = "“" + s  # “揭榜挂帅”项目: the name keeps its opening quote
    return s


SHARE_WORDS: Final = ("比重", "占比", "比例")  # (a share's own words: also 一三产业比重, whose 比 is no comparison)
_LONG_SHARE: Final = re.compile(r"(.{2,}?)占.+?的?(?:比重|比例|份额)")


def _shorten(s: str, limit: int, cut_after: frozenset[str], uncut: frozenset[str]) -> str:
    """The longest tail of `s` within `limit` that starts right after a boundary: after 的 first
    (…等方面的人均支出), then after 等, then after any other boundary character that opens no word (中央)."""
    for marks in ("的", "等", cut_after):
        for i in range(max(1, len(s) - limit), len(s) - 1):
            if s[i - 1] in marks and s[i] not in cut_after and s[i - 1:i + 1] not in uncut:
                return s[i:]
    # then before a quoted name that a noun follows (“粤菜师傅”“广东技工”…培训: never inside one; …比“四经普”: a
    # name alone closing the phrase is no head)
    i = s.find("“", max(1, len(s) - limit)) if "“" in s else -1
    while i > 0:
        close = s.find("”", i)
        if close < 0 or len(s) - close > 2:
            return s[i:]
        i = s.find("“", close)
    # then after a word the lexicon knows (一般社会投资|工程建设项目…), never inside one (…投资工|程建设项目)
    words = _cut_words()
    for i in range(max(2, len(s) - limit), len(s) - 1):
        if any(s[i - n:i] in words for n in (2, 3, 4) if i >= n):
            return s[i:]
    return s[-limit:]


@lru_cache(maxsize=1)
def _cut_words() -> frozenset[str]:
    """Words a long name may be cut after: verbs, adverbs, stages, attributes and amounts."""
    lx = lexicon()
    words = lx.verbs_before_noun | lx.verb_chain | lx.phrase.verb_adverbs | lx.attributes | lx.count_attributes \
        | frozenset(lx.phrase.stage_verbs) | frozenset(lx.phrase.amount_words)
    return frozenset(w for w in words if len(w) >= 2)


def _shorten_head(s: str, limit: int, cut_after: frozenset[str]) -> str:
    """The longest head of `s` within `limit` that ends right before a boundary character (a word it opens
    goes whole)."""
    for i in range(limit, 1, -1):
        if (s[i] in cut_after and s[i - 1] not in cut_after or s[i - 1] == "）") \
                and s.count("（", 0, i) <= s.count("）", 0, i):
            return s[:i]  # (县（市、区）…: never inside an aside, and after one as after a boundary)
    return s[:limit]


@lru_cache(maxsize=8192)
def is_bare(phrase: str) -> bool:
    """True when a phrase cannot name a figure: a function word, a verb fragment, a place alone.

    >>> is_bare("用"), is_bare("市"), is_bare("云岭市"), is_bare("公共文化场馆")
    (True, True, True, False)
    """
    ph = lexicon().phrase
    if not phrase or phrase in ph.bare or phrase in ph.verb_adverbs or (len(phrase) == 1 and not phrase.isascii()):
        return True
    if not any(ch.isalnum() for ch in phrase):
        return True  # (400兆瓦/1600兆瓦时: a mark alone)
    if ph.function_words.issuperset(phrase) or ph.tail_re.fullmatch(phrase):  # (each character a function word)
        return True  # (年均实际: only words that close a name)
    # only a place: a short name (深圳) or a name ending in its level (云岭市, 全县); or places listed (韶关、揭阳)
    if "、" in phrase and len(phrase) <= 24:
        return all(p and is_bare(p) for p in phrase.split("、"))
    return (len(phrase) <= 4 or phrase[-1] in "省市县区州旗盟国") and len(phrase) <= 12 \
        and only_places(phrase, prefixes=False)


def shared_subject(clause_left: str, rank: bool = True) -> str | None:
    """The indicator of one figure shared by a listed subject, or None when there is no list.

    One fact per number (the gold's convention): the first headline of the list, else the
    first item (生产总值、财政收入增幅均排全市第3位 → 生产总值). A list of form words only
    (总量及增速均居全市第二位) gives its first word, which takes the figure before it.

    >>> shared_subject("生产总值、财政收入增幅均排全市第")
    '生产总值'
    >>> shared_subject("第一产业增加值增速、工业投资增速、一般公共预算收入总量5项主要指标居全市第")
    '一般公共预算收入总量'
    >>> shared_subject("肉牛屠宰量从全省第11位跃升至第") is None
    True
    """
    # (a cue of two characters at most stands 14 or 6 characters before the end, or a final line break:
    # only the end is searched)
    cue = _RANK_VERB.search(clause_left, max(0, len(clause_left) - 17)) if rank else None
    cue = cue or _SHARED_CUE.search(clause_left, max(0, len(clause_left) - 9))
    if cue is None:
        return None
    subject = _LIST_TAIL.sub("", _ASIDE.sub("", clause_left[:cue.start()]))
    subject = subject[max(subject.rfind("，"), subject.rfind(","), subject.rfind("：")) + 1:]
    pieces = [p for p in _LIST_SPLIT.split(subject) if p]
    if len(pieces) < 2 or any(_DIGIT.search(p) or len(p) > 16 for p in pieces):
        return None
    items = [left_phrase(p) or p for p in pieces]  # 总量及增速: a form word alone is kept
    # 货物和集装箱吞吐量: without 、 a list of names is one name unless it holds a headline
    return _first_of(items) if "、" in subject or any(map(headline, items)) \
        or all(lexicon().suffixes_re.fullmatch(i) for i in items[1:]) else None


def graded(phrase: str, prev_indicator: str) -> str | None:
    """A grade alone (国家级) names the thing of the figure before it, at that grade
    (新增省级专精特新企业15家、国家级5家 → 新增国家级专精特新企业), else None.

    >>> graded("国家级", "新增省级专精特新企业"), graded("省级", "规模以上农业产业化龙头企业")
    ('新增国家级专精特新企业', '省级农业产业化龙头企业')
    """
    grades = lexicon().phrase.grades
    if phrase not in grades:
        return None
    verb = next((v for v in ("新增", "新认定", "新培育", "培育", "认定", "新获批", "获批") if prev_indicator.startswith(v)), "")
    rest = prev_indicator[len(verb):]
    g = next((g for g in grades if rest.startswith(g)), "")
    rest = rest[len(g):]
    return verb + phrase + rest if len(rest) >= 2 else None


# 、2家省级重点农业龙头企业: the next item of a list of grades, with its count and the noun the grades share
_NEXT_GRADE_ITEM: Final = re.compile(r"、(?:[\d.]+|[一二两三四五六七八九十]+)[家个项所座名位处]?")


def graded_ahead(grade: str, after: str) -> str | None:
    """A grade alone before the next item of a list (新培育1家国家级、2家省级重点农业龙头企业) takes the noun
    of that item: 国家级重点农业龙头企业; None when `after` (the text after the grade) holds no such item.

    >>> graded_ahead("国家级", "、2家省级重点农业龙头企业，打造…"), graded_ahead("国家级", "，省级2家")
    ('国家级重点农业龙头企业', None)
    """
    ph = lexicon().phrase
    grades = ph.grades
    # (强力推动14个过百亿、6个过50亿产业链项目: sizes are grades too)
    sized = (z := ph.size_lead_re.match(grade + "项")) is not None and z.end() == len(grade)
    m = _NEXT_GRADE_ITEM.match(after) if grade in grades or sized else None
    if m is None:
        return None
    g = next((g for g in grades if after.startswith(g, m.end()) and g != grade), "")
    if sized and (z := ph.size_lead_re.match(after[m.end():])):
        g = z.group()
    noun = right_phrase(after[m.end() + len(g):]) if g else ""
    return grade + noun if len(noun) >= 2 and noun not in grades else None


def year_part(before: str) -> str:
    """The part of a year a figure is for, from its sentence before it (地区生产总值一季度下降 →
    一季度; 上半年回落至…，全年增长 → ""): the last time word decides.

    >>> year_part("地区生产总值一季度下降"), year_part("前三季度扭负为正，全年完成4222亿元，增长")
    ('一季度', '')
    >>> year_part("1-11月，规模以上工业增加值增长"), year_part("预计全年地区生产总值增长")
    ('1-11月', '')
    """
    ph = lexicon().phrase
    if ph.year_part_gate is not None and not ph.year_part_gate.search(before):
        return ""  # (most sentences name no part of a year: a search for a class is cheap)
    last = None
    for last in ph.year_part_re.finditer(before):
        pass
    return last.group("part") if last is not None and last.group("part") else ""


_PART_JOIN: Final = re.compile(r"[、和及与,，\s]*")


def listed_year_parts(before: str) -> tuple[int, list[str]]:
    """Parts of a year listed before 分别 (一季度、上半年和全年分别增长…): where the list starts in
    `before`, and each one's part ("" for a word of the whole year) in the order of the figures they
    pair with; (-1, []) when no such list ends at 分别.

    >>> listed_year_parts("全省生产总值一季度、上半年、前三季度和全年分别增长")
    (6, ['一季度', '上半年', '前三季度', ''])
    >>> listed_year_parts("城镇和农村居民收入分别增长")
    (-1, [])
    """
    at = before.rfind("分别")
    if at < 0:
        return -1, []
    found = list(lexicon().phrase.year_part_re.finditer(before, 0, at))
    items: list[str] = []
    end = at
    for m in reversed(found):  # back from 分别: parts joined by 、/和 only
        if not _PART_JOIN.fullmatch(before, m.end(), end):
            break
        items.append(m.group("part") or "")
        end = m.start()
    return (end, items[::-1]) if len(items) > 1 else (-1, [])


def list_index(after_fenbie: str) -> int:
    """The place of a figure in a 分别 list, from the text between 分别 and the figure
    (分别居全省第3位、第 → 1): the separators that follow an earlier number."""
    return len(_LIST_SEP.findall(after_fenbie))


def item_name(item: str, last: str, pairs: frozenset[str], two: bool = True) -> str:
    """A short first item of a list that shares the last item's noun (城镇和农村居民人均可支配收入,
    对东盟、共建国家进出口总额): the item with that noun, a headline's name first.

    >>> item_name("城镇", "农村居民人均可支配收入", frozenset()), item_name("东盟", "共建国家进出口总额", frozenset())
    ('城镇居民人均可支配收入', '东盟进出口总额')
    >>> item_name("国家级", "部级创新平台", frozenset()), item_name("存", "贷款余额", frozenset())
    ('国家级创新平台', '存款余额')
    """
    grades = lexicon().phrase.grades
    g = next((g for g in grades if last.startswith(g)), "") if item in grades else ""
    if g and len(last) > len(g):
        return item + last[len(g):]  # 国家级、部级创新平台 → 国家级创新平台
    if 2 < len(item) <= 6 and (shared := _parallel_rest(item, last)):
        return item + shared  # 城镇居民、农村居民人均可支配收入 → 城镇居民人均可支配收入 (the items end alike)
    if len(item) > 2 or len(last) <= 2:
        return item
    if len(item) == 1 and two:
        # 存、贷款余额 → 存款余额: one character stands for the word the other opens (of two items only:
        # 茶、竹、油樟产业 lists words of their own)
        return item + last[1:]
    for i in range(1, len(last) - 1):
        if headline(last[i:]):
            return item + last[i:]
    if (head := next((h for h in lexicon().phrase.shared_heads if last.endswith(h) and len(last) > len(h)), None)) \
            and len(item) <= 3 and not item.endswith(head) and not only_places(item):
        rest = last[len(item):]
        if len(item) == 2 and len(rest) > len(head) and not only_places(last[:2]) and headline(rest) is None:
            return item + rest  # 失业、工伤和生育保险参保人数: a modifier as long as the item, the rest is shared
        return item + head  # 雏鹰、瞪羚、领军企业分别超过… → 雏鹰企业
    # 城镇和农村… (an item of a pair word); 城市和农村清洁取暖率 (the last item opens with one)
    return item + last[len(item):] if item in pairs or last[:len(item)] in pairs else item


def _parallel_rest(item: str, last: str) -> str:
    """What the last item says after an ending it shares with `item` at the same place (城镇居民 and
    农村居民人均可支配收入: 人均可支配收入), two characters of it at least; "" when none."""
    for k in range(len(item) - 1, 1, -1):
        j = len(item) - k
        if last.startswith(item[j:], j) and last[:j] != item[:j] and len(last) > len(item):
            return last[len(item):]
    return ""


def listed_subject(phrase: str) -> str | None:
    """The indicator of one figure whose phrase is a list with a headline in it
    (地方生产总值、固定资产投资力争翻一番 → 地方生产总值), else None.

    >>> listed_subject("地方生产总值、固定资产投资"), listed_subject("交通运输、仓储和邮政业增加值")
    ('地方生产总值', None)
    >>> listed_subject("工业增加值和社会消费品零售总额"), listed_subject("城镇和农村居民人均可支配收入")
    ('社会消费品零售总额', None)
    """
    if not _LIST_SPLIT.search(phrase) or headline(phrase):
        return None
    pieces = [p for p in _LIST_SPLIT.split(phrase) if p]
    if len(pieces) < 2 or any(len(p) < 2 or _DIGIT.search(p) for p in pieces):
        return None
    if "的" in pieces[-1] and not headline(pieces[-1][:pieces[-1].index("的")]):
        return None  # 对沿线国家和地区的进出口: owners listed before 的, one measure of theirs (not 地区的进出口)
    items = [left_phrase(p) or p for p in pieces]
    if "的" in items[-1] and items[-1].endswith(_OF_LIST):
        return None  # …地区生产总值和…总产值对全市增长的贡献率: a rate of the things listed, not one of them
    first = next((i for i in items if headline(i)), None)
    if first is None and "、" in phrase and items == pieces \
            and all(len(i) >= 4 and "的" not in i and i.endswith(_measures()) for i in items):
        first = items[0]  # 新兴产业产值、高新技术产业增加值年均增长15%: each item names a measure of its own
    return first


@lru_cache(maxsize=1)
def _measures() -> tuple[str, ...]:
    """Words that close the name of a measure (产值, 增加值, 覆盖率 …)."""
    lx = lexicon()
    return tuple(sorted(set(lx.phrase.money_names) | set(lx.shared_measures) | lx.attributes, key=len, reverse=True))


_OF_LIST: Final = ("贡献率", "比重", "占比", "比例")


def _first_of(items: list[str]) -> str | None:
    """The first headline of a list, else its first item when every item is a name (three
    characters or more) or every one a form word; a name followed by form words only
    (城镇固定资产投资总量、增速) gives the name."""
    if any(not i for i in items):
        return None
    lx = lexicon()
    for i in items:
        if headline(i):
            return i
    if all(lx.suffixes_re.fullmatch(i) for i in items):
        return items[0]
    if all(lx.suffixes_re.fullmatch(i) for i in items[1:]):
        stem = lx.suffixes_re.sub("", items[0])
        return stem if len(stem) >= 2 else items[0]
    if min(map(len, items)) >= 3:
        return items[0]
    return None


def inherited(prev_indicator: str, prev_unit: str | None, unit: str | None) -> str:
    """The indicator a figure takes from the figure before it: a headline kept inside a count's
    phrase goes on to the amount after it (地区生产总值跨越3个千亿元台阶，达到1.5万亿元).

    >>> inherited("地区生产总值跨越千亿元台阶", "个", "万亿元"), inherited("地区生产总值增速高于省平", "个百分点", "%")
    ('地区生产总值', '地区生产总值')
    >>> inherited("生产总值连跨", "个", "%"), inherited("新增就业参保大学生", "万人", "%")
    ('地区生产总值', '新增就业参保大学生')
    """
    # (新增就业参保大学生34万人，增长60%: a percentage after people counted is their own growth; after a count it
    # may be the headline's that passed the milestones counted: 生产总值连跨5个百亿元台阶，年均增长9.4%)
    counted = unit_kind(prev_unit) in ("count", "people") and unit_kind(unit) not in ("count", "people") and (
        unit_kind(unit) != "percent" or unit_kind(prev_unit) == "count")
    gap = prev_unit == "个百分点" and unit != "个百分点"  # 增速高于省平1个百分点、增长6.5%: the rate itself
    if (counted or gap) and headline(prev_indicator) is None and (h := headline_head(prev_indicator)):
        return headline(h) or h
    return prev_indicator


def headline_head(s: str) -> str | None:
    """The headline phrase opening `s` (地区生产总值相继跨越千亿元大关 → 地区生产总值), else None."""
    for i in range(min(len(s), 24), 1, -1):
        if headline(s[:i]):
            return s[:i]
    return None


def list_before(text: str, size: int = 0) -> str:
    """The listed subject of the clauses before a 分别 that names none (地方生产总值和全部财政收入
    年均递增27.7%，分别达到439亿元、36亿元): the words before the first number of the nearest
    of the two clauses before that is a list; else, for a list of `size` figures, the subjects of
    the `size` clauses before when each names one figure (生产总值9亿元，人均生产总值7万元，分别
    增长…); else ""."""
    s = _SHORT_ASIDE.sub("", _last_sentence(text))  # （初步预计数，下同） is no clause
    every = [c for c in re.split(r"[，,；;]", s) if c]
    clauses = every[-2:]
    for c in reversed(clauses):
        d = _DIGIT.search(c)
        subject = left_phrase(c[:d.start()] if d else c)
        if len([p for p in _LIST_SPLIT.split(subject) if p]) >= 2:
            return subject
        # 实现地区生产总值900亿元、固定资产投资300亿元，分别增长…: each item named before its own figure
        items = [left_phrase(part[:m.start()] if (m := _DIGIT.search(part)) else part)
                 for part in _FIGURE_ITEM.split(c)]
        items = [i for i in items if i]
        if len(items) >= 2:
            return "、".join(items)
    last = every[-size:] if size >= 2 and len(every) >= size else []
    subjects = [left_phrase(c[:m.start()]) for c in last
                if (m := _DIGIT.search(c)) is not None and len(_NUMBER.findall(c)) == 1]
    if len(subjects) == size and all(len(x) >= 2 for x in subjects) and len(set(subjects)) == size:
        return "、".join(subjects)
    return ""


# (an aside that explains, （即…）/（含…）, may be longer: 恩格尔系数（即…食品支出占…的比重）为47.2%)
_SHORT_ASIDE: Final = re.compile(r"[（(](?:[^（）()]{1,12}|[即含包][^（）()]{1,40})[）)]")
_FIGURE_ITEM: Final = re.compile(r"\d[\d.]*[^\d、和及，,]{0,6}[、和及]")


def clause_subject(clause: str) -> str:
    """The indicator named by a clause before a figure's own (…大关，2010年达到2643亿元): a headline
    opening it, else its phrase."""
    s = _punct_edge(_last_sentence(clause))
    s = s[max(s.rfind("，"), s.rfind(",")) + 1:]
    s = _punct_edge(lexicon().phrase.lead_re.sub("", s))
    return headline_head(s) or left_phrase(clause)


def count_phrase(phrase: str, left: str, right: str, unit: str | None) -> str | None:
    """A better phrase for a count (个, 家 …) whose phrase names an amount, else None.

    A headline that is no count (地区生产总值跨越3个千亿元台阶) takes the words around the
    number; an amount's word ends no count (重点项目获银行授信金额 → 重点项目获银行授信).

    >>> count_phrase("地区生产总值", "全年地区生产总值跨越", "千亿元台阶", "个")
    '地区生产总值跨越千亿元台阶'
    >>> count_phrase("重点项目获银行授信金额", "", "重点项目获银行授信金额", "个")
    '重点项目获银行授信'
    """
    if unit_kind(unit) not in ("count", "people"):
        return None
    lx = lexicon()
    base = unit or ""
    while base[:1] in "十百千万亿" and len(base) > 1:
        base = base[1:]
    name = headline(phrase)
    if name is not None:
        if base in lx.headline_counts.get(name, ()):
            return None
        head = _punct_edge(clause_words(left))  # (the clause's words only when they are needed)
        return tidy(head + right) if right and not headline(head + right) else head or None
    if not phrase.endswith(lx.phrase.amount_words):
        return None  # (one C call for the common case)
    for w in lx.phrase.amount_words:
        if phrase.endswith(w) and len(phrase) - len(w) >= 2:
            return phrase[:-len(w)]
    return None
