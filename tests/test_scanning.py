"""lexicon.scanning: the lookahead it opens a pattern with changes no match, only where re looks;
lexicon.gate: a text without the gate's characters holds no match.

Patterns and texts here are written for these tests: the property runs each pattern and its
scanning form over texts hypothesis builds from the characters the patterns use.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract.lexicon import gate, lexicon, scanning

PATTERNS = [
    r"(?:到|至|截至|截止)?(?P<y>(?:19|20)\d{2})年(?:底|末)?[，,]",  # an optional part first
    r"(?:(?<![人平年])均|(?<![首成])都|双双)(?=[^，,。；;\d]{0,6}$)",  # lookbehinds in an alternation
    r"(?:增长|下降|以上|了)+$",  # trailing words, read with sub
    r"“?(十[一二三四五]?五)”?(?P<w>期末|末|期间)",
    r"a*b|c",  # an optional first item: the next one counts too
    r"(?:ab,\s*)?\d{1,2} [c-e]",  # a class of a category
    r"(?:ab)?cd》?\s*[（(][^）)\n]{0,5}?(?P<y>(?:19|20)\d{2})\s*年?[）)]",  # an optional word, then a bracket (the session's)
]
TEXT = st.text(alphabet="到至截止12095年底末，,均都双人平首成增长下降以上了“”十一二五期末间abcde 。》（()）", max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_the_lookahead_changes_no_match(text: str) -> None:
    for source in PATTERNS:
        plain, fast = re.compile(source), scanning(re.compile(source))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert [m.groups() for m in fast.finditer(text)] == [m.groups() for m in plain.finditer(text)]
        assert fast.sub("#", text) == plain.sub("#", text)


def test_a_lookahead_only_where_re_cannot_skip_ahead() -> None:
    assert scanning(re.compile(PATTERNS[0])).pattern.startswith("(?=[")
    for source in (r"年均|平均每年", r"[，,]", r"预计(?!到)", r"(?P<op>高于|低于)x"):  # re skips to these itself
        assert scanning(re.compile(source)).pattern == source
    for source in (r".?x", r"[^x]?y", r"(?i:a)b|c", r"^x|y", r"x?"):  # any character may open a match
        assert scanning(re.compile(source)).pattern == source



GATED = [r"(?:第?[一二三四])季度", r"前[三两二]个月", r"[1一][-至]\d{1,2}月(?:份)?", r"上半年", r"年末", r"(?:ab|cb)d+"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="第一二三四季度前两个月1-至05份上下半年末abcd，", max_size=30))
def test_a_text_the_gate_shuts_holds_no_match(text: str) -> None:
    shut = gate(GATED)
    assert shut is not None
    if shut.search(text) is None:
        assert all(re.search(p, text) is None for p in GATED)


def test_the_gate_of_the_year_parts() -> None:
    ph = lexicon().phrase
    assert ph.year_part_gate is not None and ph.year_part_gate.search("地区生产总值增长") is None
    for text in ("一季度地区生产总值", "1-11月，规模以上工业增加值", "全年完成"):
        assert ph.year_part_re.search(text) and ph.year_part_gate.search(text)
    assert gate([r"a?b?"]) is None and gate([r"x|y"]) is None  # an alternative that need hold no character


# Alternations scanning() rewrites so each alternative opens with a literal (re then skips ahead to a
# class of those characters): (?:A|B)C = AC|BC, X?C = XC|C, [ab]C = aC|bC.
LITERAL_FIRST = [
    r"(?:甲|乙丙)(?:了)?(?:丁|戊)*(?:目标|计划)|计划执行|已(?:经)?(?:完成|实现)",  # a group of words first
    r"这五年|是[^。，]{0,6}的五年|“?十[一二三四五]五”?(?:时期|期间)?|(?:十|[八九])五(?:计划|时期)",
    r"(?:到|至)?(?:19|20)\d{2}年(?:底|末)?|今年|去年",  # an optional group, then a group of literals
    r"[ab]c|(?:x|y)?z",
]
LITERAL_TEXT = st.text(alphabet="甲乙丙丁戊了目标计划执行已经完成实现这五年是的，。“”十一二三四五八九时期间到至1920年底末今去abcxyz",
                       max_size=50)


def test_literal_first_rewrites_to_literal_alternatives() -> None:
    for source in LITERAL_FIRST:
        fast = scanning(re.compile(source))
        assert not fast.pattern.startswith("(?=["), fast.pattern
        assert all(alt[:1] not in "([?*+\\" for alt in fast.pattern.split("|") if not alt.startswith(("[^", "]"))), fast.pattern
    for source in (r"(?:a|b)+c", r"(a|b)c", r"\dx|y", r"(?:a|)"):  # a repeat, a capturing group, \d, empty: kept
        assert scanning(re.compile(source)).pattern in (source, f"(?=[{''.join(sorted(_firsts(source)))}])(?:{source})")


def _firsts(source: str) -> set[str]:
    from planwatch.extract.lexicon import _first_chars
    return _first_chars(re.compile(source)) or set()


@settings(max_examples=400, deadline=None)
@given(LITERAL_TEXT, st.integers(0, 50), st.integers(0, 50))
def test_literal_first_changes_no_match(text: str, i: int, j: int) -> None:
    for source in LITERAL_FIRST:
        plain, fast = re.compile(source), scanning(re.compile(source))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert fast.sub("#", text) == plain.sub("#", text)
        for f in ("search", "match", "fullmatch"):
            a, b = getattr(plain, f)(text, i, j), getattr(fast, f)(text, i, j)
            assert (a and a.span()) == (b and b.span())


# A one-character lookbehind opening a pattern moves after the literal opening each alternative:
# (?<!X)c… = c(?<!Xc)…, the same test of the character before the match.
BEHIND = [r"(?<!\d)((?:19|20)\d{2})\s*年", r"(?<![比较])(?:上一年|去年|今年)", r"(?<![甲乙])(?P<a>丙|丁戊)x"]
BEHIND_TEXT = st.text(alphabet="0123456789年 比较上一去今甲乙丙丁戊xy", max_size=40)


@settings(max_examples=400, deadline=None)
@given(BEHIND_TEXT, st.integers(0, 40), st.integers(0, 40))
def test_lookbehind_after_literal_changes_no_match(text: str, i: int, j: int) -> None:
    for source in BEHIND:
        plain, fast = re.compile(source), scanning(re.compile(source))
        assert not fast.pattern.startswith(("(?=", "(?<")), fast.pattern
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]
        for f in ("search", "match", "fullmatch"):
            a, b = getattr(plain, f)(text, i, j), getattr(fast, f)(text, i, j)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
