"""The metamorphic variants of benchmarks/variants.py: each rewrites a text and moves its gold to
match. Checked on sentences written for these tests (other places and years than the sets')."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import variants as V

TEXT = ("政府工作报告\n"
        "——2031年2月3日在襄阳市第九届人民代表大会第二次会议上\n"
        "各位代表：现在，我代表市人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。\n"
        "一、2030年工作回顾\n"
        "全市地区生产总值增长6.1%，樊城区完成投资2000亿元，“十五五”时期年均增长5%。\n"
        "二、2031年主要目标\n"
        "地区生产总值增长6%左右。\n")


def gold_at(text: str, context: str, number: str, **fields) -> dict:
    """A gold fact on `number` inside `context`, which occurs once in the text."""
    assert text.count(context) == 1
    start = text.index(context) + context.index(number)
    return {"doc": "x.txt", "start": start, "end": start + len(number), "surface": number,
            "kind": "actual", "indicator": "地区生产总值", "measure": "growth", "value": float(number),
            "unit": "%", "qualifier": "exact", "region": "襄阳市", "period": "2030", "tier": "A",
            "optional": False} | fields


def doc() -> V.Doc:
    return V.Doc("x.txt", TEXT, (
        gold_at(TEXT, "增长6.1%", "6.1"),
        gold_at(TEXT, "投资2000亿元", "2000", indicator="投资", measure="level", unit="亿元", region="樊城区", tier="B"),
        gold_at(TEXT, "年均增长5%", "5", period="2026-2030"),
        gold_at(TEXT, "增长6%左右", "6", kind="target", period="2031", qualifier="about"),
    ))


def spans(d: V.Doc) -> list[str]:
    return [d.text[g["start"]:g["end"]] for g in d.gold]


def test_edits_move_every_offset() -> None:
    text, where = V.apply_edits("abcdef", [(0, 0, "XY"), (2, 4, "Q"), (5, 6, "")])
    assert text == "XYabQe"
    assert [text[where[i]] for i in (0, 1, 4)] == ["a", "b", "e"]
    assert where[6] == len(text)


def test_every_variant_keeps_the_gold_on_its_numbers() -> None:
    d = doc()
    before = [x.replace(".", "．") for x in spans(d)]
    for name in V.VARIANT_NAMES:
        if name == "places":
            continue  # needs the packaged region data: test_places_* below
        v = V.make(name, [d])(d)
        assert not V.check([v]), name
        got = [x.translate(V.FULL_WIDTH_LATIN).replace(".", "．") for x in spans(v)]
        assert got == [x.translate(V.FULL_WIDTH_LATIN) for x in before], name


def test_years_shift_with_plan_names_but_not_amounts() -> None:
    v = V.make("years+5", [doc()])(doc())
    assert "2036年2月3日" in v.text and "一、2035年工作回顾" in v.text
    assert "2000亿元" in v.text  # an amount, not a year
    assert "“十六五”时期" in v.text  # 2026-2030 → 2031-2035
    assert [g["period"] for g in v.gold] == ["2035", "2035", "2031-2035", "2036"]
    kept = V.shift_years(3)(doc())
    assert "“十五五”" in kept.text  # a shift that is no multiple of 5 leaves plan names


def test_chinese_numerals() -> None:
    assert [V.cn_number(n) for n in (9, 10, 14, 21)] == ["九", "十", "十四", "二十一"]
    assert [V.cn_value(s) for s in ("九", "十", "十四", "二十一")] == [9, 10, 14, 21]
    text = "二〇三一年一月五日"
    assert V.apply_edits(text, V.year_edits(text, -5))[0] == "二〇二六年一月五日"


@pytest.mark.parametrize(("line", "heading"), [
    ("一、2030年工作回顾", True),
    ("（二）坚持创新驱动，产业结构持续优化", True),
    ("## 主要预期目标", True),
    ("全市经济运行稳中有进", True),
    ("全市经济运行稳中有进，主要指标好于预期。", False),
    ("- 地区生产总值增长6%左右", False),
    ("——2031年2月3日在襄阳市第九届人民代表大会第二次会议上", False),
    ("指标\t单位\t2030年", False),
])
def test_headings(line: str, heading: bool) -> None:
    assert V.is_heading(line) is heading


def test_no_headings_keeps_the_title_block() -> None:
    v = V.no_headings(doc())
    assert v.text.startswith("政府工作报告\n——2031年")
    assert "一、2030年工作回顾" not in v.text and "二、2031年主要目标" not in v.text


def test_date_forms() -> None:
    d = dt.date(2031, 2, 3)
    assert V.DATE_FORMS["rfc2822"](d) == "Date: Mon, 03 Feb 2031 08:30:00 +0800"
    assert V.DATE_FORMS["cn-numerals"](d) == "二〇三一年二月三日"
    iso = V.make("date-iso", [doc()])(doc())
    assert iso.text.startswith("2031-02-03\n") and "——在襄阳市" in iso.text
    cn = V.make("date-cn-numerals", [doc()])(doc())
    assert "——二〇三一年二月三日在襄阳市" in cn.text
    gone = V.date_removed(doc())
    assert gone.date == "2031-02-03" and "2031年2月3日" not in gone.text


def test_a_date_from_the_gold_when_the_text_has_none() -> None:
    text = "12月28日上午，市人大会议开幕。今年全市地区生产总值增长6.1%，明年预期增长6%左右。"
    d = V.Doc("y.txt", text, (gold_at(text, "增长6.1%", "6.1"),
                              gold_at(text, "增长6%左右", "6", kind="target", period="2031")))
    got = V.doc_date(d)
    assert (got.date, got.source) == (dt.date(2030, 12, 28), "gold")


def test_places_are_renamed_to_another_real_city_of_the_same_shape() -> None:
    d = doc()
    v = V.make("places", [d])(d)
    assert len(v.text) == len(d.text) and spans(v) == spans(d)
    assert "襄阳" not in v.text and "樊城" not in v.text
    r = V.regions()
    city, district = v.gold[0]["region"], v.gold[1]["region"]
    c, k = r.find(city, 2031), r.find(district, 2031)
    assert c and k and k.parent == c.code and c.code[:2] != "42"  # another province's city and its district
    assert len(city) == 3 and len(district) == 3 and district.endswith("区")
    assert city in v.text and district in v.text
