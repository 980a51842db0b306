"""Fast paths of the engine agree with the slow forms they replace, on texts written here.

- lexicon.alternation: a tree of shared beginnings matches as the flat longest-first list;
- numbers: the number patterns opening with a class find what the lookahead forms found;
- segment: clause and sentence bounds read off one scan of the separators;
- lexicon.found_matches: matches found from str.find of their first characters, as finditer finds them;
- kinds.CueSpans: the last cue word in a window, bisected by starts, as by tuples;
- model: Fact built through fast_init and serialised through the C encoder;
- segment.repeated: sentences read off each squeezed line, as off each sentence squeezed;
- aho.Automaton(longest=True): the matches of an alternation of words sorted longest first;
- lexicon.may_match: a text it turns away holds no match (the date forms, and patterns written here);
- regions.find_mentions: mentions read from a scan made once, as from a scan of their own;
- lexicon.may_open: a line it turns away opens with no match (headings, list marks, review phrases);
- lexicon.windowed_matches, matches_from: matches searched before their rarest characters, or matched at the
  offsets they must begin at (a year's 年, a 成), as finditer finds them;
- regions.Mentions: mentions resolved when asked for, in any order, as find_mentions resolves them all;
- textview.TextView.run_at: one shift maps every offset of a run of kept characters, as orig and orig_end do;
- the __init__ written out for numbers.Candidate, regions.Mention, TextView and tables' Cell (native when compiled)
  takes the dataclass's fields, in order, with their defaults; regions.Region's hash is the dataclass's.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract import kinds, numbers, pipeline, segment, spans
from planwatch.extract.aho import Automaton
from planwatch.extract.lexicon import (
    alternation,
    context_rules,
    end_gate,
    first_literals,
    found_matches,
    lexicon,
    match_gate,
    matches_from,
    may_end,
    may_match,
    may_open,
    needs,
    numerals,
    windowed_matches,
)
from planwatch.extract.textview import make_view
from planwatch.model import Fact, Kind, Measure, Qualifier, fact_fields


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


WORDS = st.lists(st.text(alphabet="万亿元个百分点.-]^a", min_size=0, max_size=4), min_size=1, max_size=10)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="万亿元个百分点.-]^axy", max_size=40))
def test_alternation_tree_matches_as_the_flat_list(words: list[str], text: str) -> None:
    for frame in ("{}", "(?:{})+$", "x(?!{})", "(?:{})?y", "(?P<u>{})?(?:个|y)"):
        flat, tree = re.compile(frame.format(_flat(words))), re.compile(frame.format(alternation(words)))
        assert [m.span() + m.groups() for m in tree.finditer(text)] == [m.span() + m.groups() for m in flat.finditer(text)]
        for i in range(0, len(text), 3):
            a, b = flat.match(text, i), tree.match(text, i)
            assert (a and a.span()) == (b and b.span())


def test_alternation_longest_word_first() -> None:
    assert re.fullmatch(alternation(["个", "个百分点", "百分点"]), "个百分点")
    assert re.match(alternation(["万", "万元", "万亿元"]), "万亿元增长").group() == "万亿元"


# the number patterns as they were written before they opened with a class (the same matches)
def _old_arabic() -> re.Pattern[str]:
    new = numbers.patterns().arabic_tail.pattern
    assert new.startswith("(?P<num>" + numbers._ARABIC_FIRST)
    return re.compile(r"(?=[-\d])(?P<neg>-)?(?P<num>(?:" + numbers._ARABIC + ")" + new[len("(?P<num>" + numbers._ARABIC_FIRST):])


NUMBER_TEXT = st.text(alphabet="0123456789,.-%万亿千百元个人年月以上左右约增长下降一二三四五六七八九十零〇两点成第位，。、 ",
                      max_size=60)


@settings(max_examples=400, deadline=None)
@given(NUMBER_TEXT)
def test_arabic_pattern_finds_what_the_lookahead_form_found(text: str) -> None:
    old = _old_arabic()
    was = [(m.start(), m.end(), m.group("neg")) for m in old.finditer(text)]
    now, prev_end = [], 0
    for m in numbers.patterns().arabic_tail.finditer(text):
        s = m.start("num")
        neg = s > prev_end and text[s - 1] == "-"  # (as _arabic reads the minus)
        prev_end = m.end()
        now.append((s - 1 if neg else s, m.end(), "-" if neg else None))
    assert now == was


@settings(max_examples=400, deadline=None)
@given(NUMBER_TEXT)
def test_chinese_pattern_finds_what_the_lookahead_form_found(text: str) -> None:
    nm = numerals()
    d, z, p, m, pt = nm.digits_cls, nm.zeros_cls, nm.places_cls, nm.mags_cls, nm.points_cls
    run = rf"(?:[{d}{p}][{d}{z}{p}{m}]*+|[{z}](?=[{pt}]))(?:[{pt}][{d}{z}]++)?+"
    run_first = rf"[{d}{p}{z}](?:(?<=[{d}{p}])[{d}{z}{p}{m}]*+|(?<=[{z}])(?=[{pt}]))(?:[{pt}][{d}{z}]++)?+"
    new = numbers.patterns().chinese_tail
    head = f"(?P<num>{run_first})"
    assert new.pattern.startswith(head)
    old = re.compile(rf"(?=[{d}{p}{z}])(?P<num>{run})" + new.pattern[len(head):])
    assert [(x.span(), x.groups()) for x in new.finditer(text)] == [(x.span(), x.groups()) for x in old.finditer(text)]


def test_a_minus_taken_by_the_number_before_is_no_sign() -> None:
    cands = numbers.find_numbers("增长5%-6%，下降-3.2%，余额-12亿元")
    assert [(c.value, c.negative) for c in cands if c.unit == "%"][-1] == (3.2, True)
    assert any(c.value == 12 and c.negative for c in cands)


SEP_TEXT = st.text(alphabet="甲乙，：:；;。！？!?\n\t,1234（）()", max_size=60)


@settings(max_examples=300, deadline=None)
@given(SEP_TEXT)
def test_bounds_read_off_one_scan(text: str) -> None:
    clause = re.compile(r"[，：:；;。！？!?\n\t,](?:(?<!,)|(?!\d{3}(?!\d))|(?<!\d,))")
    sentence = re.compile(r"[。！？!?；;\n\t]")
    assert list(segment.sentences(text).seps) == [m.start() for m in sentence.finditer(text)]
    seps = [m.start() for m in clause.finditer(text)]
    asides = [m.span() for m in re.finditer(r"[（(][^（）()\n。]{1,12}[）)]", text) if "，" in m.group() or "," in m.group()]
    inside = {i for a, b in asides for i in range(a, b)}
    assert list(segment.clauses(text).seps) == [i for i in seps if i not in inside]
    assert segment.separators(text, "，,；;：:") == [m.start() for m in re.finditer("[，,；;：:]", text)]


_FIELD_TEXT = st.none() | st.text(alphabet="云岭\"\\\n\t\x00\x1f\u2028 a%", max_size=8)


@settings(max_examples=300, deadline=None)
@given(_FIELD_TEXT, _FIELD_TEXT, _FIELD_TEXT, _FIELD_TEXT, st.booleans(), st.booleans(),
       st.none() | st.floats() | st.integers(-10**20, 10**20), st.text(max_size=6))
def test_fact_json_written_out_as_json_dumps(unit: str | None, region: str | None, period: str | None, why: str | None,
                                            optional: bool, duplicate: bool, value: float | None, text: str) -> None:
    f = Fact(doc=text, start=1, end=2, surface=text, kind=Kind.ACTUAL, indicator=text, measure=Measure.LEVEL,
             value=value, unit=unit, qualifier=Qualifier.EXACT, region=region, period=period, optional=optional,
             evidence=text, duplicate=duplicate, region_code=region, why=why)
    assert f.to_json() == json.dumps(fact_fields(f), ensure_ascii=False)


def test_fact_fast_init_and_json() -> None:
    f = Fact(doc="云岭\"市\"\n", start=3, end=5, surface="增长6%", kind=Kind.TARGET, indicator="地区生产总值",
             measure=Measure.GROWTH, value=6.0, unit="%", qualifier=Qualifier.ABOUT, region=None, period="2031",
             why="kind: clause '力争'")
    assert f.tier == "B" and f.optional is False and f.region_code is None  # defaults kept
    assert f.replace(tier="A").tier == "A" and f.replace(tier="A") != f and hash(f) == hash(f.replace())
    assert f.to_dict() == fact_fields(f) and all(type(f.to_dict()[k]) is str for k in ("kind", "measure", "qualifier"))
    assert f.to_json() == json.dumps(fact_fields(f), ensure_ascii=False)
    for v in (float("nan"), float("inf"), float("-inf"), 1e-7, None, 12345678901234.5, -0.0, 3):
        g = f.replace(value=v)
        assert g.to_json() == json.dumps(fact_fields(g), ensure_ascii=False)
    # fields of another type than declared go through json's own way
    for odd in ({"optional": 1}, {"duplicate": 0}, {"period": 2031}, {"start": True}, {"kind": "target"},
                {"region": "\t\\\u2028"}, {"unit": None, "region_code": "430200"}):
        g = f.replace(**odd)
        assert g.to_json() == json.dumps(fact_fields(g), ensure_ascii=False)
    try:
        f.start = 4  # type: ignore[misc]
        raise AssertionError("a Fact must stay frozen")
    except AttributeError:
        pass


def test_lexicon_alternations_still_compile() -> None:
    lx = lexicon()
    assert re.fullmatch(f"(?:{lx.units_re})", "个百分点") and re.fullmatch(f"(?:{lx.after_re})", "以上")


_FOUND_TEXT = st.text(alphabet="到至2019年05底末，（）(),、高于同步任务第前3位名过超万亿元美x \n今去上明本度一十四五“”规划期", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_FOUND_TEXT)
def test_found_matches_are_what_finditer_finds(text: str) -> None:
    pt = numbers.patterns()
    own = [re.compile(r"(?<=[,，])到|至(?=x)|第[3-5]+|(?:过|超)万(?:亿)?"), re.compile(r"[ x][ x]*"),
           re.compile(r"(?:到|至)?x"), re.compile(r"\\d+x")]  # (an optional opening; a class of digits: finditer itself)
    rules = (context_rules().relative_re, context_rules().phrases["plan_end_lead"])
    for pattern in (segment._ASIDE, spans._AIM_YEAR, pt.rank, pt.magnitude, *rules, *own):
        assert [m.span() + m.groups() for m in found_matches(pattern, text)] == \
            [m.span() + m.groups() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="高低快慢跑同任于赢步务比x", max_size=60))
def test_relation_words_found_as_their_alternation(text: str) -> None:
    alternation = re.compile("|".join(pipeline._RELATION_WORDS))
    assert [(a, b) for a, b, _ in pipeline._RELATION_WORD.iter(text)] == [m.span() for m in alternation.finditer(text)]


def test_first_literals() -> None:
    assert first_literals(re.compile(r"(?:到|至)(\d)年")) == "到至"
    assert first_literals(re.compile(r"[（(]x")) == "(（"
    assert first_literals(re.compile(r"[a-c]x")) is None  # a range: re's own scan
    assert first_literals(re.compile(r"\dx")) is None
    assert first_literals(re.compile(r"x?")) is None  # a match may be empty


_CUES = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6), st.sampled_from(["今年", "去年", "目标"])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(_CUES, st.integers(0, 50), st.integers(0, 50))
def test_cue_spans_last_in_as_by_tuples(raw: list[tuple[int, int, str]], start: int, pos: int) -> None:
    spans_ = tuple(sorted({(a, a + n, w) for a, n, w in raw}))
    k = bisect_left(spans_, (pos,)) - 1  # the slow form: a bisect over the tuples themselves
    slow = None
    while k >= 0 and spans_[k][0] >= start:
        if spans_[k][1] <= pos:
            slow = spans_[k][2]
            break
        k -= 1
    assert kinds.CueSpans.of(spans_).last_in(start, pos) == slow


def _repeated_slow(text: str) -> list[tuple[int, int]]:
    """segment.repeated as first written: every line's sentences found and squeezed one by one."""
    heads: dict[str, list[str]] = {}
    tails: dict[str, list[str]] = {}
    seen: set[str] = set()
    out = []
    for s, e in segment.paragraphs(text):
        key = "".join(text[s:e].split())
        if len(key) < segment.MIN_REPEAT:
            continue
        h, t = key[:segment.MIN_REPEAT], key[-segment.MIN_REPEAT:]
        if any(k.startswith(key) for k in heads.get(h, ())) or any(k.endswith(key) for k in tails.get(t, ())):
            out.append((s, e))
            continue
        heads.setdefault(h, []).append(key)
        tails.setdefault(t, []).append(key)
        for m in segment._SENTENCE_END.finditer(text, s, e):
            skey = "".join(m.group(0).split())
            if len(skey) < segment.MIN_REPEAT:
                continue
            if skey in seen:
                out.append(m.span())
            else:
                seen.add(skey)
    out.sort()
    return out


# lines of a few sentences, some repeated, with spaces, ends and breaks anywhere
_SENTENCE = st.text(alphabet="甲乙丙 。；!\u3000\t\r", min_size=0, max_size=24)
_REPEAT_TEXT = st.lists(st.sampled_from(["甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未。", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午 未；"]) | _SENTENCE,
                        max_size=14).map("".join).flatmap(
    lambda t: st.lists(st.integers(0, len(t)), max_size=5).map(
        lambda cuts: "".join(t[a:b] + "\n" for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), len(t)]))))


@settings(max_examples=400, deadline=None)
@given(_REPEAT_TEXT)
def test_repeated_reads_sentences_off_the_squeezed_line(text: str) -> None:
    assert segment.repeated(text) == _repeated_slow(text)


def test_repeated_finds_a_spliced_sentence() -> None:
    first = "全县粮食总产量达到十二万吨，比上年增长百分之三。"
    text = f"甲乡有进展。 {first.replace('十二', '十二 ')}乙乡也有进展。\n丙乡新建道路九公里。{first}\n"
    assert segment.repeated(text) == _repeated_slow(text) != []


_ZONE_WORDS = st.lists(st.text(alphabet="高新区开发经济", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_ZONE_WORDS, st.text(alphabet="高新区开发经济县", max_size=40))
def test_longest_automaton_finds_what_the_alternation_finds(words: list[str], text: str) -> None:
    flat = re.compile(_flat(words))
    auto = Automaton([(w, w) for w in sorted(set(words), key=len, reverse=True)], longest=True)
    assert [(a, b) for a, b, _ in auto.iter(text)] == [m.span() for m in flat.finditer(text)]


def test_section_defaults_and_bounds_read_once_by_index() -> None:
    from planwatch.extract.context import build_context

    text = "澜江市政府工作报告\n2031年1月20日\n一、2030年工作回顾\n生产总值增长5%。\n二、2031年主要目标\n生产总值增长6%左右。\n"
    ctx, _ = build_context(text)
    defaults = kinds.section_defaults(ctx)
    assert len(defaults) == len(ctx.sections) > 1
    for offset in range(len(text)):
        assert defaults[ctx.section_index(offset)] == kinds._section_default(ctx.section_at(offset), ctx.date)
        lo, hi = ctx.section_bounds(ctx.section_index(offset))
        assert lo <= offset < hi
        assert all(ctx.section_index(o) == ctx.section_index(offset) for o in range(max(lo, 0), min(hi, len(text))))


_NEED_TEXT = st.text(alphabet="（(—-2019年1月7日：:发布时间Jan Mar.,/ 〇一二十http://t_art左右%成", max_size=50)
_NEED_OWN = [r"(?:ab|c)[xy]d+", r"a?b(?:c|d)*e", r"(?i)jan", r"[^a]b", r"(?:x|)y", r"\d+[-/](?=z)\w", r"a{0}b|c{2,}"]


@settings(max_examples=400, deadline=None)
@given(_NEED_TEXT)
def test_may_match_turns_away_only_texts_without_a_match(text: str) -> None:
    rules = context_rules()
    pats = [f.pattern for f in rules.date_forms] + list(rules.plan_year_res) + list(rules.review_year_res) \
        + list(rules.address_res) + [re.compile(p) for p in _NEED_OWN]
    pats.append(rules.hedge_re)
    for pattern in pats:
        if not may_match(pattern, text):
            assert pattern.search(text) is None, (pattern.pattern, text)
        for s, e in ((1, len(text) - 1), (len(text) // 2, len(text))):
            if not may_match(pattern, text, s, e):
                assert pattern.search(text, s, e) is None, (pattern.pattern, text, s, e)


def test_needs() -> None:
    assert needs(re.compile(r"(?:——|—|（)\s*(\d{4})年(?:\d+月)?")) == (frozenset("—（"), frozenset("年"))
    assert needs(re.compile(r"(?i)年")) == ()
    assert needs(re.compile(r"(?:a|b?)c")) == (frozenset("c"),)  # an alternative that may be empty needs nothing
    assert not may_match(re.compile(r"(?:Jan|Feb)\s+\d"), "2024年1月") and may_match(re.compile(r"x|y"), "ay")
    # literals in a row are one need: a text with J, a and n apart holds no Jan
    assert needs(re.compile(r"\d+\s+(?:Jan|Feb)[a-z]*")) == (frozenset({"Jan", "Feb"}),)
    assert not may_match(re.compile(r"\d (?:Jan|Feb)"), "2 Nai J") and may_match(re.compile(r"\d (?:Jan|Feb)"), "2 Jan")


def test_mentions_from_one_scan_as_from_their_own() -> None:
    from planwatch.extract import regions
    idx = regions.load_index()
    text = "湖南省株洲市天元区召开会议，长沙、湘潭和醴陵的代表参加；创新平台建设加快，北京市来人考察。"
    for ctx in (None, "株洲市", "北京市"):
        for year in (None, 2024, 1990):
            assert idx.find_mentions(text, context_city=ctx, year=year, scanned=idx.scan(text)) == \
                idx.find_mentions(text, context_city=ctx, year=year)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="株洲市天元区湖南省长沙湘潭醴陵北京创新平台新华社的，", max_size=12))
def test_may_open_name_turns_away_only_texts_no_name_opens(text: str) -> None:
    from planwatch.extract import regions
    idx = regions.load_index()
    if not idx.may_open_name(text):
        assert idx.mentions(text).get(0) is None and not any(s == 0 for s, _, _ in idx.scan(text))


_OPEN_TEXT = st.text(alphabet=" \t\u3000#*-•（(）)、.．12３一二十第部分这一年来过去的刚x：", max_size=16)
_OPEN_OWN = [r"^\s*\d+x", r"(?:ab|c)?d", r"^[a-c]x", r"\w+", r"^(?:一|过去)\s"]


@settings(max_examples=400, deadline=None)
@given(_OPEN_TEXT)
def test_may_open_turns_away_only_lines_without_a_match(text: str) -> None:
    rules = context_rules()
    for pattern in (rules.inline_review_re, rules.heading_mark_re, rules.list_line_re,
                    *(re.compile(p) for p in _OPEN_OWN)):
        if not may_open(match_gate(pattern), text):
            assert pattern.match(text) is None, (pattern.pattern, text)
    # a short range is spelled out (A-Z, ①-⒛); a long one, or a match that may be empty, tells nothing
    assert match_gate(re.compile(r"[a-c]x")) == (frozenset("abc"), False, False)
    assert match_gate(re.compile("[\u4e00-\u9fff]x")) is None and match_gate(re.compile(r"x?")) is None


_END_TEXT = st.text(alphabet=" \n\t\u3000增长比上年较的率值%.12３一二十第届xyAZ：", max_size=16)
_END_OWN = [r"(?:增长|比上年)+$", r"[A-Z]$|第$", r"\d[%.]?$", r"(?:较|比)(?:上年)?的?$", r"(?:x|y$)", r"x$|y",
            r"(?=[增比])(?:增长|比)+$", r"(?<![的])率$", r"\s$"]


@settings(max_examples=400, deadline=None)
@given(_END_TEXT)
def test_may_end_turns_away_only_texts_without_a_match(text: str) -> None:
    lx = lexicon()
    for pattern in (lx.triggers_re, lx.phrase.tail_re, lx.phrase.end_re, lx.not_before, *(re.compile(p) for p in _END_OWN)):
        if not may_end(end_gate(pattern), text):
            assert pattern.search(text) is None, (pattern.pattern, text)
    # a pattern not anchored at the end in every alternative has no gate
    assert end_gate(re.compile(r"x|y$")) is None and end_gate(re.compile(r"(?:x|y$)")) is None
    assert end_gate(re.compile(r"x*$")) is None  # (a match may be empty)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="2019年3月12日实现了完成达到目标提前两年，。增长5%左右 成", max_size=60))
def test_scanning_forms_of_the_parts_patterns_match_alike(text: str) -> None:
    from planwatch.extract.lexicon import scanning
    rules = context_rules()
    for pattern in (rules.date_word_re, rules.achieved_re):
        fast = scanning(pattern)
        assert fast.sub("", text) == pattern.sub("", text)
        assert [m.span() for m in fast.finditer(text, 2, 50)] == [m.span() for m in pattern.finditer(text, 2, 50)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u00a0\u2002\u2009\u200b\u1680\u0085\u001c一、二x", max_size=30))
def test_split_squeezes_as_the_whitespace_pattern(text: str) -> None:
    assert "".join(text.split()) == re.sub(r"\s+", "", text)  # (sections: a heading's words without spaces)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="比较与同和跟从由2010年末底上去相的“十三五”开局之年第一期初增长", max_size=40))
def test_compared_base_opened_as_the_plain_pattern(text: str) -> None:
    plain = re.compile(spans._COMPARED_SOURCE)
    assert [m.span() + m.groups() for m in spans._COMPARED.finditer(text, 1, 35)] == \
        [m.span() + m.groups() for m in plain.finditer(text, 1, 35)]


_YEARS_TEXT = st.text(alphabet="2019年五十一“”八九是的过去今后未来本届政府任期内时期规划至—- 　，：成点三半零", max_size=60)


@settings(max_examples=400, deadline=None)
@given(_YEARS_TEXT)
def test_windowed_and_anchored_matches_are_what_finditer_finds(text: str) -> None:
    rules = context_rules()
    own = [re.compile(r"是[^。，]{0,6}的五年|本届|十五"), re.compile(r"a|五x")]
    for pattern in (rules.five_prose_re, rules.future_span_re, *own):
        assert [m.span() for m in windowed_matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]
    years = [m.start() for m in spans._YEAR_NIAN.finditer(text)]
    colon = rules.phrases["year_colon_lead"]
    assert [m.span() for m in matches_from(colon, text, [i - 4 for i in years])] == \
        [m.span() for m in colon.finditer(text)]
    assert [m.span() for m in matches_from(spans._RANGE_LEAD, text, spans._range_starts(text, years))] == \
        [m.span() for m in spans._RANGE_LEAD.finditer(text)]
    pt, nm = numbers.patterns(), numerals()
    assert [m.span() for m in matches_from(pt.tenths, text, numbers._tenths_starts(text, nm))] == \
        [m.span() for m in pt.tenths.finditer(text)]


def test_mentions_resolved_in_any_order_are_find_mentions() -> None:
    from planwatch.extract import regions

    idx = regions.load_index()
    text = "株洲市天元区、醴陵市和攸县：长沙市岳麓区生产总值增长，湘潭县、株洲县合并后，天元区再增长"
    every = idx.find_mentions(text, context_city="株洲市", year=2024)
    assert len(every) > 3
    lazy = idx.mentions(text, context_city="株洲市", year=2024)
    assert lazy.starts() == [m.start for m in every]
    assert [lazy.get(m.start) for m in reversed(every)] == every[::-1]  # (the last first: its parents then)
    assert lazy.get(every[0].end - 1) is None  # (no mention begins inside another)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="增长5%。，\n \u3000\r２ab", max_size=60))
def test_run_shift_maps_as_orig(text: str) -> None:
    view = make_view(text)
    n = len(view.clean)
    for i in range(n):
        lo, hi, shift = view.run_at(i)
        assert lo <= i < hi
        for j in range(lo, min(hi, n + 1)):
            assert view.orig(j) == j + shift
        for j in range(lo + 1, min(hi, n) + 1):  # (an end offset maps as the character before it)
            assert view.orig_end(j) == j + shift
    assert n == 0 or len({view.run_at(i) for i in range(n)}) == len(set(view._starts) - {n})


def test_written_out_inits_take_the_fields_in_order_with_their_defaults() -> None:
    """The dataclasses whose __init__ is written out (native when compiled) take every field, in order, with the
    field's default, and store each as given; Region's written-out hash is the one dataclasses would write."""
    import dataclasses
    import inspect

    from planwatch.extract.numbers import Candidate
    from planwatch.extract.regions import Mention, Region
    from planwatch.extract.tables.grid import Cell
    from planwatch.extract.textview import TextView

    for cls in (Candidate, Mention, TextView, Cell):
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        fields = dataclasses.fields(cls)
        assert [p.name for p in params] == [f.name for f in fields], cls
        assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING
                                              else f.default for f in fields], cls
        values = [7 if f.name == "lead" else object() for f in fields]  # (a lead is compared with 0)
        made = cls(*values)
        assert all(getattr(made, f.name) is v for f, v in zip(fields, values, strict=True)), cls
    assert Candidate(3, 4, 5, 1.0, "%", "exact", False, False, "number").lead == 3  # (-1, the default: the start)
    r = Region("110000", "北京市", "北京", "province", None, 1980, None, ("京",))
    assert hash(r) == hash(tuple(getattr(r, f.name) for f in dataclasses.fields(Region)))
