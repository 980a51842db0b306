"""The offset invariant: every fact points at its number in the text it was given.

For every fact: 0 <= start < end <= len(text); text[start:end] is a number (Arabic,
full-width or a Chinese numeral) or, for a relation, the words of its indicator or
cell; its surface contains those characters; and facts come sorted by position.

Checked on random compositions of fragments written for this test (numbers in
every form, spaces, line breaks, CRLF, page breaks inside words), on every example
document shipped in planwatch/examples/, and on the seed documents when
/work/shared/seeds exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch import extract_text
from planwatch.extract.pipeline import extract_document
from planwatch.read import read_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "planwatch" / "examples"
SEEDS = Path("/work/shared/seeds")

# a number as written: digits of either width with separators and decimals, Chinese numerals
# (financial and traditional digits, 点 decimals), mixtures (5万4千6百), tenths (七成六, 三成半),
# possibly cut by a space or a soft line break (4 万7 千, 25\n00)
_NUM_CHARS = "0-9０-９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億俩兩贰貳陸点點"
# (。 between digits: a converter's full stop for a decimal point, 增长18。1%, is read as one number)
NUMBER = re.compile(rf"^[{_NUM_CHARS}](?:[{_NUM_CHARS}.,．，。\s]*[{_NUM_CHARS}])?(?:成[半{_NUM_CHARS}])?$")
NO_NUMBER_WORDS = re.compile(r"^[^\s\d０-９](?:[^\n\d０-９]{0,38}[^\s\d０-９])?$")  # may hold inner spaces (高于经济 增长)


def check_invariant(text: str, facts: list, where: str = "") -> None:
    keys = [(f.start, f.end) for f in facts]
    assert keys == sorted(keys), f"{where}: facts are not sorted by position: {keys}"
    for f in facts:
        ctx = f"{where}: fact {f.start}:{f.end} {f.surface!r} ({f.indicator}) in {text[max(0, f.start - 20):f.end + 20]!r}"
        assert 0 <= f.start < f.end <= len(text), f"{ctx}: offsets outside the text (length {len(text)})"
        span = text[f.start:f.end]
        if f.measure.value == "relation":
            assert NO_NUMBER_WORDS.match(span), f"{ctx}: a relation's span should be its words, got {span!r}"
        else:
            assert NUMBER.match(span), f"{ctx}: span {span!r} is not a number"
        assert span in f.surface, f"{ctx}: surface {f.surface!r} does not contain the span {span!r}"
        assert f.indicator, f"{ctx}: a fact without an indicator (the store refuses it)"


# ---------------------------------------------------------------------------
# random compositions

SUBJECTS = ["全市地区生产总值", "规上工业增加值", "社会消费品零售总额", "一般公共预算收入", "澜江班列发运量",
            "城镇新增就业", "粮食总产量", "高新技术企业", "单位GDP能耗", "营商环境评价排名", "居民收入",
            "云岭软件园产值", "新增注册外资企业", "研发投入强度", "城镇调查失业率", "农村公路"]
TRIGGERS = ["增长", "同比增长", "下降", "达到", "达", "突破", "超过", "约", "近", "控制在", "提高", "降至",
            "居全省第", "稳居全省前", "翻", "完成", "新增", "为", "", "分别增长"]
UNITS = ["%", "％", "亿元", "万元", "万亿元", "家", "个", "万人", "人", "万吨", "个百分点", "个基点", "位",
         "倍", "番", "成", "万余个", "余万元", "多家", "万亩", "公里", "元/亩", ""]
AFTER = ["", "左右", "以上", "以内", "以下", "上下"]
SEPARATORS = ["，", "。", "、", "；", ",", "\n", "\r\n", "\n\n", " ", "　", "\t", "：", ""]
FILLERS = ["", "预计全年", "力争", "其中", "今年", "2024年", "3月5日", "第十五届人民代表大会第三次会议",
           "“三个高地”", "“1+2+N”体系", "5G", "PM2.5", "电话：0871-63128888", "十大工程", "10亿元以上项目",
           "500千伏", "一、2024年工作回顾\n", "二、2025年主要预期目标\n", "高于经济增长", "与经济增长同步",
           "这五年，", "“十四五”时期，", "高新区", "全市", "宣威市", "过亿元", "超万亿元", "九成以上"]
CN_NUMERALS = ["一", "二", "三", "两", "九", "十", "十二", "二十一", "百", "千"]

FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@st.composite
def numbers(draw) -> str:
    form = draw(st.sampled_from(["int", "dec", "sep", "fw", "cn", "spaced", "neg"]))
    n = draw(st.integers(min_value=0, max_value=99999))
    if form == "int":
        return str(n)
    if form == "dec":
        return f"{n}.{draw(st.integers(0, 99))}"
    if form == "sep":
        return f"{draw(st.integers(1, 999))},{draw(st.integers(0, 999)):03d}"
    if form == "fw":
        return f"{n}.{draw(st.integers(0, 9))}".translate(FW)
    if form == "cn":
        return draw(st.sampled_from(CN_NUMERALS))
    if form == "neg":
        return f"-{n % 100}.{draw(st.integers(0, 9))}"
    return f" {n} "


def _break_inside(word: str, draw) -> str:
    """A page break in the middle of a word (增\\n\\n长), sometimes."""
    if len(word) < 2 or not draw(st.booleans()):
        return word
    i = draw(st.integers(1, len(word) - 1))
    return word[:i] + draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n", " ", "  "])) + word[i:]


@st.composite
def clauses(draw) -> str:
    parts = [draw(st.sampled_from(FILLERS)), draw(st.sampled_from(SUBJECTS)),
             _break_inside(draw(st.sampled_from(TRIGGERS)), draw), draw(numbers()),
             draw(st.sampled_from(UNITS)), draw(st.sampled_from(AFTER))]
    if draw(st.booleans()):  # a list: 、b%
        parts += ["、", draw(numbers()), draw(st.sampled_from(UNITS)), draw(st.sampled_from(AFTER))]
    return "".join(parts) + draw(st.sampled_from(SEPARATORS))


@st.composite
def documents(draw) -> str:
    head = draw(st.sampled_from(["", "云岭市2025年政府工作报告\n——2025年1月18日在云岭市人民代表大会上\n",
                                 "澜江市2024年工作总结\r\n（2024年12月20日）\r\n", "指标\t2024年计划\t2024年预计完成\t2025年计划\n"]))
    body = "".join(draw(st.lists(clauses(), min_size=1, max_size=12)))
    if head.startswith("指标") and draw(st.booleans()):
        body = "地区生产总值增速\t6%左右\t-3.2%\t高于经济增长\n城镇新增就业\t/\t8000人\t5.2万人\n" + body
    return head + body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents(), date=st.sampled_from([None, "2025-01-20", "2024-12-26"]),
       region=st.sampled_from([None, "曲靖市", "云岭市"]))
def test_offsets_random_compositions(text: str, date: str | None, region: str | None) -> None:
    check_invariant(text, extract_text(text, date=date, region=region), "random")


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("增长下降达到约近以上左右亿万元家个%％.,，。、\n\r\t 0123456789０１２３４５６７８９一二三四五十第位翻番成过超-")),
                    max_size=80))
def test_offsets_character_soup(text: str) -> None:
    """Any mix of the characters the patterns care about: no crash, offsets still hold."""
    check_invariant(text, extract_text(text), "soup")


@pytest.mark.parametrize("text", [
    "全市地区生产总值增长7.5%左右，社会消费品零售总额增\n\n长 7.5%，",
    "全市地区生产总值增长７．５％左右。\r\n一般公共预算收入1,234亿元，增长 6 % 。\r\n",
    "这是一个用来测试页面断行的足够长的句子，全年新增注册外资企业\r\n\r\n20家。",
    "研发投入强度稳居全省前二，营业收入翻一番，九成以上企业上云，园区产值过亿元。",
])
def test_offsets_fixed(text: str) -> None:
    facts = extract_text(text, date="2025-01-20")
    assert facts
    check_invariant(text, facts, "fixed")


# ---------------------------------------------------------------------------
# whole documents

def _docs(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".docx", ".pdf"))


@pytest.mark.parametrize("path", _docs(EXAMPLES), ids=lambda p: p.name)
def test_offsets_examples(path: Path) -> None:
    doc = read_file(path)
    facts = extract_document(doc)
    assert facts, f"{path.name}: no facts at all"
    check_invariant(doc.text, facts, path.name)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="/work/shared/seeds is not available")
@pytest.mark.parametrize("path", _docs(SEEDS) if SEEDS.is_dir() else [], ids=lambda p: p.name)
def test_offsets_seeds(path: Path) -> None:
    doc = read_file(path)
    facts = extract_document(doc)
    check_invariant(doc.text, facts, path.name)
    if path.suffix == ".txt":  # GUIDE: offsets are into the file decoded as UTF-8 exactly as on disk
        assert doc.text == path.read_bytes().decode("utf-8"), f"{path.name}: read_file changed the text"
