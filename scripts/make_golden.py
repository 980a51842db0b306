#!/usr/bin/env python3
"""Write tests/golden/<doc>.jsonl, the hand-checked gold facts of planwatch/examples.

Offsets are never typed by hand. Each fact is given by a *context*: a piece of the
document's text, unique in it, with the number (or, for a relation, the indicator's
words) marked 【like this】. The script finds the context, asserts that
text[start:end] is the marked string, derives value / surface / tier, and writes
the JSONL in the field order of ../shared/gold/GUIDE.md.

Conventions follow GUIDE.md; where it is silent, see the README of the examples
and the notes at the fact lists below.

    .venv/bin/python scripts/make_golden.py          # write all gold files
    .venv/bin/python scripts/make_golden.py --check  # only verify, write nothing

The .txt documents are read exactly as on disk (UTF-8). The HTML document's
offsets refer to `planwatch.read.read_file(path).text`, the text planwatch shows
for it; if that reader is not usable, its gold is left as it is (with a warning).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "planwatch" / "examples"
GOLDEN = ROOT / "tests" / "golden"

FIELDS = ("doc", "start", "end", "surface", "kind", "indicator", "measure", "value", "unit",
          "qualifier", "region", "period", "tier", "optional")
HEADLINE = {"地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
            "地方一般公共预算收入", "进出口总额", "居民消费价格", "居民人均可支配收入",
            "城镇调查失业率", "城镇登记失业率", "城镇新增就业", "粮食总产量", "节能减排",
            "研发投入强度"}
MEASURES = {"growth", "level", "change", "rank", "relation"}
QUALIFIERS = {"about", "at_least", "at_most", "above", "below", "exact"}
CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
PREFIX_WORDS = ("首次突破", "突破", "超过", "超", "过", "近", "约", "不少于", "全省第", "全市第", "第", "前")
SUFFIX_WORDS = ("左右", "以上", "以内", "以下")


def cn_number(s: str) -> float:
    """Small Chinese numerals: 三, 十二, 二十, 百, 千 (a lone magnitude is itself)."""
    if s in CN_UNIT:
        return float(CN_UNIT[s])
    total, digit = 0, 0
    for ch in s:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            total += (digit or 1) * CN_UNIT[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return float(total + digit)


def parse_number(s: str) -> float:
    s = s.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    return cn_number(s)


class DocSpec:
    """The gold facts of one document, written as contexts with 【】 marks."""

    def __init__(self, name: str, **defaults):
        self.name = name
        self.defaults = dict(kind=None, region=None, period=None)
        self.defaults.update(defaults)
        self.items: list[dict] = []

    def sec(self, **kw) -> None:
        """Change the defaults (kind, period, region) for the facts that follow."""
        self.defaults.update(kw)

    def f(self, ctx: str, indicator: str, measure: str, unit: str | None = None,
          q: str = "exact", *, neg: bool = False, opt: bool = False, nth: int | None = None,
          surface: str | None = None, value: float | None = None, **kw) -> None:
        item = dict(self.defaults)
        item.update(kw)
        item.update(ctx=ctx, indicator=indicator, measure=measure, unit=unit, qualifier=q,
                    neg=neg, optional=opt, nth=nth, surface=surface, value=value)
        self.items.append(item)

    def rel(self, ctx: str, indicator: str, q: str, surface: str, **kw) -> None:
        """A relation: no number; the span is the marked indicator words."""
        self.f(ctx, indicator, "relation", None, q, surface=surface, **kw)

    def table(self, label: str, indicator: str, measure: str, columns: list[dict], **kw) -> None:
        """One row of a tab-separated table: cells are parsed, `/` cells skipped.

        columns: one dict (kind, period, region) per data cell, left to right.
        """
        self.items.append(dict(table=label, indicator=indicator, measure=measure,
                               columns=columns, **kw))


# ---------------------------------------------------------------------------
# resolution


class GoldError(Exception):
    pass


def locate(text: str, ctx: str, nth: int | None) -> tuple[int, int, str]:
    m = re.fullmatch(r"(.*?)【(.+?)】(.*)", ctx, flags=re.S)
    if not m:
        raise GoldError(f"context without 【】: {ctx!r}")
    pre, mark, post = m.groups()
    needle = pre + mark + post
    hits = [i for i in range(len(text)) if text.startswith(needle, i)]
    if not hits:
        raise GoldError(f"context not found: {ctx!r}")
    if nth is None:
        if len(hits) != 1:
            raise GoldError(f"context occurs {len(hits)} times (give nth=): {ctx!r}")
        pos = hits[0]
    else:
        if len(hits) < 2:
            raise GoldError(f"nth= given but context is unique: {ctx!r}")
        pos = hits[nth]
    start = pos + len(pre)
    end = start + len(mark)
    assert text[start:end] == mark, (text[start:end], mark)
    return start, end, mark


def auto_surface(text: str, start: int, end: int, unit: str | None) -> str:
    left = start
    for w in PREFIX_WORDS:
        if text[max(0, start - len(w)):start] == w:
            left = start - len(w)
            break
    right = end
    tail = text[end:end + 30]
    m = re.match(r"[ \t]*(?:[余多])?", tail)
    right += m.end()
    if unit:
        u = unit
        # 余/多 may sit inside the unit: 1.5万余个, 1000余万元
        for i in range(len(u) + 1):
            cand = u[:i] + "余" + u[i:]
            if text.startswith(cand, right):
                u = cand
                break
        if text.startswith(u, right):
            right += len(u)
        elif text.startswith("个" + u, right):  # 28个基点 → unit 基点
            right += 1 + len(u)
        elif unit == "位" and text.startswith("位", right):
            right += 1
    for w in SUFFIX_WORDS:
        j = right + (len(text[right:]) - len(text[right:].lstrip(" ")))
        if text.startswith(w, j):
            right = j + len(w)
            break
    return text[left:right]


def resolve_fact(doc: str, text: str, it: dict) -> dict:
    start, end, mark = locate(text, it["ctx"], it["nth"])
    measure = it["measure"]
    if measure == "relation":
        value, unit = None, None
    else:
        value = it["value"] if it["value"] is not None else parse_number(mark)
        if it["neg"] or text[start - 1:start] in ("-", "−"):
            value = -abs(value)
        unit = it["unit"]
    surface = it["surface"] or auto_surface(text, start, end, it["unit"])
    if text[start - 1:start] in ("-", "−") and not surface.startswith(("-", "−")):
        surface = text[start - 1] + surface
    return dict(doc=doc, start=start, end=end, surface=surface, kind=it["kind"],
                indicator=it["indicator"], measure=measure, value=value, unit=unit,
                qualifier=it["qualifier"], region=it["region"], period=it["period"],
                tier="A" if it["indicator"] in HEADLINE else "B", optional=it["optional"])


CELL = re.compile(r"^(-?)\s*(\d+(?:\.\d+)?)\s*(万人|人|万吨|吨|家|个|%)\s*(左右|以上|以内|以下)?$")
CELL_QUAL = {None: "exact", "左右": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most"}
RELATION_CELLS = {"高于经济增长": "above", "与经济增长同步": "exact", "低于经济增长": "below"}


def resolve_row(doc: str, text: str, it: dict) -> list[dict]:
    label = it["table"]
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]*", text) if m.group(0).startswith(label)]
    if len(lines) != 1:
        raise GoldError(f"table row {label!r} found {len(lines)} times")
    line_start, line = lines[0]
    cells, pos = [], line_start
    for c in line.split("\t"):
        cells.append((pos, c))
        pos += len(c) + 1
    data = cells[1:]
    if len(data) != len(it["columns"]):
        raise GoldError(f"row {label!r}: {len(data)} cells, {len(it['columns'])} columns")
    out = []
    for (cpos, cell), col in zip(data, it["columns"]):
        raw = cell.strip()
        if raw in ("/", ""):
            continue
        lead = len(cell) - len(cell.lstrip())
        if raw in RELATION_CELLS:
            start, end = cpos + lead, cpos + lead + len(raw)
            fact = dict(value=None, unit=None, measure="relation", qualifier=RELATION_CELLS[raw],
                        surface=raw)
        else:
            m = CELL.match(raw)
            if not m:
                raise GoldError(f"row {label!r}: cannot read cell {raw!r}")
            sign, num, unit, qual = m.groups()
            start = cpos + lead + m.start(2)
            end = cpos + lead + m.end(2)
            value = float(num) * (-1 if sign else 1)
            fact = dict(value=value, unit=unit, measure=it["measure"], qualifier=CELL_QUAL[qual],
                        surface=raw)
            assert text[start:end] == num
        assert text[start:end] == text[start:end].strip()
        out.append(dict(doc=doc, start=start, end=end, surface=fact["surface"], kind=col["kind"],
                        indicator=it["indicator"], measure=fact["measure"], value=fact["value"],
                        unit=fact["unit"], qualifier=fact["qualifier"], region=col["region"],
                        period=col["period"], tier="A" if it["indicator"] in HEADLINE else "B",
                        optional=it.get("opt", False)))
    return out


def check_fact(f: dict) -> list[str]:
    bad = []
    if f["kind"] not in ("target", "actual"):
        bad.append(f"kind {f['kind']!r}")
    if f["measure"] not in MEASURES:
        bad.append(f"measure {f['measure']!r}")
    if f["qualifier"] not in QUALIFIERS:
        bad.append(f"qualifier {f['qualifier']!r}")
    if f["measure"] == "relation":
        if f["value"] is not None or f["unit"] is not None:
            bad.append("a relation has no value or unit")
        if f["qualifier"] not in ("above", "below", "exact"):
            bad.append("relation qualifier")
    else:
        if not isinstance(f["value"], float):
            bad.append("no value")
        if not f["unit"] and not f["optional"]:
            bad.append("no unit")
        if f["qualifier"] in ("above", "below"):
            bad.append("above/below is for relations")
    if f["measure"] == "rank" and f["unit"] != "位":
        bad.append("rank unit must be 位")
    if not f["region"] or not f["indicator"]:
        bad.append("no region / indicator")
    if f["period"] is None and not f["optional"]:
        bad.append("no period")
    return bad


def build(spec: DocSpec, text: str) -> list[dict]:
    facts: list[dict] = []
    for it in spec.items:
        facts.extend(resolve_row(spec.name, text, it) if "table" in it else [resolve_fact(spec.name, text, it)])
    facts.sort(key=lambda f: (f["start"], f["end"]))
    problems = []
    for a, b in zip(facts, facts[1:]):
        if b["start"] < a["end"]:
            problems.append(f"overlapping spans {a['start']}:{a['end']} {a['surface']!r} / {b['surface']!r}")
    for f in facts:
        problems += [f"{f['start']} {f['surface']!r}: {p}" for p in check_fact(f)]
    if problems:
        raise GoldError(f"{spec.name}:\n  " + "\n  ".join(problems))
    return [{k: f[k] for k in FIELDS} for f in facts]


# ---------------------------------------------------------------------------
# the facts

def work_report() -> DocSpec:
    """澜江市政府工作报告, dated 2025-01-15: 一、2024年工作回顾 → actual 2024; 二、… → target 2025."""
    d = DocSpec("lanjiang_2025_work_report.txt", kind="actual", period="2024", region="澜江市")
    f, rel = d.f, d.rel
    # 经济总量 (headline results)
    f("实现地区生产总值【3286】亿元", "地区生产总值", "level", "亿元")
    f("亿元，增长【5.6】%左右，增速居全省", "地区生产总值", "growth", "%", "about")
    f("增速居全省第【3】位", "地区生产总值", "rank", "位")
    f("规模以上工业增加值增长【7.1】%", "规模以上工业增加值", "growth", "%")
    f("全社会固定资产投资增长【4.3】%", "固定资产投资", "growth", "%")
    f("社会消费品零售总额【1275】亿元", "社会消费品零售总额", "level", "亿元")
    f("1275亿元、增长【5.2】%", "社会消费品零售总额", "growth", "%")
    f("预算收入完成【218.6】亿元", "地方一般公共预算收入", "level", "亿元")
    f("同口径增长【4.8】%", "地方一般公共预算收入", "growth", "%")
    f("税收收入占比达到【71.3】%", "税收收入占比", "level", "%")
    f("进出口总额首次突破【600】亿元", "进出口总额", "level", "亿元", "at_least")
    f("600亿元，增长【9.4】%", "进出口总额", "growth", "%")
    f("居民消费价格上涨【0.3】%", "居民消费价格", "growth", "%")
    f("产业增加值分别增长【3.2】%", "第一产业增加值", "growth", "%")
    f("3.2%、【6.4】%", "第二产业增加值", "growth", "%")
    f("6.4%、【5.5】%，服务业", "第三产业增加值", "growth", "%")
    f("贡献率为【52.8】%", "服务业对经济增长的贡献率", "level", "%")
    f("可支配收入预计达到【41860】元", "居民人均可支配收入", "level", "元")
    f("41860元，增长【5.7】%", "居民人均可支配收入", "growth", "%")
    f("可支配收入分别增长【4.9】%", "城镇居民人均可支配收入", "growth", "%")
    f("4.9%、【7.1】%", "农村居民人均可支配收入", "growth", "%")
    f("城镇新增就业【6.12】万人", "城镇新增就业", "level", "万人")
    rel("【城镇调查失业率】低于全省平均水平，城镇登记", "城镇调查失业率", "below",
        "城镇调查失业率低于全省平均水平")
    f("城镇登记失业率为【2.86】%", "城镇登记失业率", "level", "%")
    f("粮食总产量达【182.4】万吨", "粮食总产量", "level", "万吨")
    f("单位地区生产总值能耗下降【3.6】%", "节能减排", "growth", "%", neg=True)
    f("研发投入强度达到【2.46】%", "研发投入强度", "level", "%")
    f("比上年提高【0.12】个百分点", "研发投入强度", "change", "个百分点")
    # （一）工业
    f("营业收入分别达到【860】亿元", "新能源装备产业集群营业收入", "level", "亿元")
    f("860亿元、【520】亿元", "精细化工产业集群营业收入", "level", "亿元")
    f("520亿元和【310】亿元", "电子信息产业集群营业收入", "level", "亿元")
    f("新增规模以上工业企业【186】家", "新增规模以上工业企业", "level", "家")
    f("总数达到【1642】家", "规模以上工业企业总数", "level", "家")
    f("智能化技术改造项目【215】个", "智能化技术改造项目", "level", "个")
    f("智能制造示范工厂【11】家", "省级智能制造示范工厂", "level", "家")
    f("数字化车间【46】个", "数字化车间", "level", "个")
    f("规模以上服务业营业收入增长【8.9】%", "规模以上服务业营业收入", "growth", "%")
    f("“小巨人”企业【9】家", "国家级专精特新“小巨人”企业", "level", "家")
    f("专精特新中小企业【73】家", "省级专精特新中小企业", "level", "家")
    f("高新技术企业净增【152】家", "高新技术企业净增", "level", "家")
    f("总数突破【1100】家", "高新技术企业总数", "level", "家", "at_least")
    f("占地区生产总值比重达【8.7】%", "数字经济核心产业增加值占地区生产总值比重", "level", "%")
    # a count that only lists what was named (两家: 新能源装备、精细化工)
    f("精细化工【两】家省级制造业创新中心", "省级制造业创新中心", "level", "家", opt=True)
    f("综合评价中居第【二】位", "全省高新区综合评价", "rank", "位", region="澜江高新区")
    f("较上年前进【2】位", "全省高新区综合评价", "change", "位", region="澜江高新区")
    # （二）项目
    f("全年实施市级重点项目【326】个", "市级重点项目", "level", "个")
    f("完成投资【912】亿元", "市级重点项目完成投资", "level", "亿元")
    f("等【48】个项目建成投用", "建成投用项目", "level", "个")
    f("新开工亿元以上产业项目【137】个", "新开工亿元以上产业项目", "level", "个")
    f("通车里程达到【486】公里", "市域高速公路通车里程", "level", "公里")
    f("“断头路”打通【17】条", "城区主干道“断头路”打通", "level", "条")
    f("工业投资增长【11.6】%", "工业投资", "growth", "%")
    f("的比重提高【2.3】个百分点", "制造业投资占固定资产投资的比重", "change", "个百分点")
    f("预算内资金约【46】亿元", "争取超长期特别国债和中央预算内资金", "level", "亿元", "about")
    f("专项债券近【80】亿元", "发行地方政府专项债券", "level", "亿元", "about")
    # （三）改革开放
    f("营商环境评价居全省第【一】", "营商环境评价", "rank", "位")
    f("新登记经营主体【5.3】万户", "新登记经营主体", "level", "万户")
    f("5.3万户，增长【6.2】%", "新登记经营主体", "growth", "%")
    f("平均利率下降【28】个基点", "企业贷款平均利率", "change", "基点", neg=True)
    f("退税缓费超【21】亿元", "减税降费及退税缓费", "level", "亿元", "at_least")
    f("吞吐量完成【58.6】万标箱", "澜江港集装箱吞吐量", "level", "万标箱")
    f("58.6万标箱、增长【12.3】%", "澜江港集装箱吞吐量", "growth", "%")
    f("国际货运航线【三】条", "新开通国际货运航线", "level", "条")
    f("开行量达到【214】列", "中欧班列开行量", "level", "列")
    f("跨境电商交易额增长【31.5】%", "跨境电商交易额", "growth", "%")
    f("外贸备案企业总数超过【2600】家", "外贸备案企业总数", "level", "家", "at_least")
    f("实际使用外资【1.92】亿美元", "实际使用外资", "level", "亿美元")
    f("世界【500】强企业投资项目", "世界500强企业", "rank", "位", "at_most", opt=True)
    f("企业投资项目【4】个", "新引进世界500强企业投资项目", "level", "个")
    f("企业开办时间压缩至【1】个工作日以内", "企业开办时间", "level", "个工作日", "at_most")
    # （四）城乡 — this paragraph is printed twice; the first copy is annotated
    f("城镇化率达到【61.5】%，比上年", "常住人口城镇化率", "level", "%", nth=0)
    f("比上年提高【0.8】个百分点", "常住人口城镇化率", "change", "个百分点", nth=0)
    f("新改建农村公路【420】公里", "新改建农村公路", "level", "公里", nth=0)
    f("改造城镇老旧小区【96】个", "改造城镇老旧小区", "level", "个", nth=0)
    f("惠及居民【2.1】万户", "老旧小区改造惠及居民", "level", "万户", nth=0)
    f("4A级旅游景区【2】家", "国家4A级旅游景区", "level", "家", nth=0)
    f("接待游客【3860】万人次", "接待游客", "level", "万人次", nth=0)
    f("旅游总收入增长【14.6】%", "旅游总收入", "growth", "%", nth=0)
    f("平均浓度降至【29】微克/立方米", "PM2.5平均浓度", "level", "微克/立方米", nth=0)
    f("优良天数比率为【91.2】%", "空气质量优良天数比率", "level", "%", nth=0)
    # 乡村振兴
    f("新建高标准农田【7.2】万亩", "新建高标准农田", "level", "万亩")
    f("播种面积稳定在【412】万亩", "粮食播种面积", "level", "万亩")
    f("农业产业化省级龙头企业【14】家", "农业产业化省级龙头企业", "level", "家")
    f("之比提高到【2.6】∶1", "农产品加工业产值与农业总产值之比", "level", None, opt=True)
    rel("【农村居民人均可支配收入增速】连续多年快于城镇居民", "农村居民人均可支配收入增速", "above",
        "农村居民人均可支配收入增速连续多年快于城镇居民", opt=True)
    f("人均纯收入增长【9.3】%", "脱贫人口人均纯收入", "growth", "%")
    # 县域: 禾湾县 is the subject until 全市
    f("首次突破【300】亿元、增长", "地区生产总值", "level", "亿元", "at_least", region="禾湾县")
    f("300亿元、增长【6.8】%", "地区生产总值", "growth", "%", region="禾湾县")
    f("增速居全市第【一】", "地区生产总值", "rank", "位", region="禾湾县")
    f("全县新增规模以上工业企业【21】家", "新增规模以上工业企业", "level", "家", region="禾湾县")
    f("跃居全省第【12】位", "县域经济综合实力", "rank", "位", region="禾湾县")
    f("较上年前进【4】位", "县域经济综合实力", "change", "位", region="禾湾县")
    f("综合实力【百】强镇", "全国综合实力百强镇", "rank", "位", "at_most", opt=True)
    f("百强镇【1】个", "新增全国综合实力百强镇", "level", "个")
    # 生态
    f("水质优良比例达到【100】%", "国控断面水质优良比例", "level", "%")
    f("营造林面积【12.6】万亩", "营造林面积", "level", "万亩")
    f("森林覆盖率提高到【58.4】%", "森林覆盖率", "level", "%")
    f("落后产能企业【19】家", "关停淘汰落后产能企业", "level", "家")
    f("装机容量【38】万千瓦", "新增光伏发电装机容量", "level", "万千瓦")
    # （五）民生
    f("比重保持在【78】%以上", "民生支出占一般公共预算支出的比重", "level", "%", "at_least")
    f("【10】件民生实事全部办结", "民生实事", "level", "件", opt=True)
    f("新增公办学位【1.2】万个", "新增公办学位", "level", "万个")
    f("养老服务设施【64】处", "城乡社区嵌入式养老服务设施", "level", "处")
    f("参保率稳定在【96】%以上", "城乡居民基本医疗保险参保率", "level", "%", "at_least")
    f("幼儿园【23】所", "新建改扩建中小学、幼儿园", "level", "所")
    f("医师数达到【3.4】人", "每千人口执业（助理）医师数", "level", "人")
    f("惠民补贴资金约【9.6】亿元", "惠民补贴资金", "level", "亿元", "about")
    f("每人每月【820】元", "城镇低保标准", "level", "元")
    f("820元、【650】元", "农村低保标准", "level", "元")
    f("分别下降【12.5】%", "安全生产事故起数", "growth", "%", neg=True)
    f("12.5%、【9.8】%", "安全生产事故死亡人数", "growth", "%", neg=True)
    f("连续【5】年未发生", "未发生较大以上安全事故", "level", "年", opt=True, period="2020-2024")
    # （六）政府建设
    f("提案共计【486】件", "办理人大代表建议和政协提案", "level", "件")
    f("办结率【100】%", "人大代表建议和政协提案办结率", "level", "%")
    f("一般性支出压减【8】%", "一般性支出压减", "level", "%")

    # 二、2025年主要预期目标和重点工作
    d.sec(kind="target", period="2025", region="澜江市")
    f("地区生产总值增长【5.5】%左右，在实际", "地区生产总值", "growth", "%", "about")
    f("规模以上工业增加值增长【6.5】%以上", "规模以上工业增加值", "growth", "%", "at_least")
    f("固定资产投资增长【5】%；", "固定资产投资", "growth", "%")
    f("社会消费品零售总额增长【6】%左右", "社会消费品零售总额", "growth", "%", "about")
    f("地方一般公共预算收入增长【3】%", "地方一般公共预算收入", "growth", "%")
    f("外贸进出口总额增长【5】%左右", "进出口总额", "growth", "%", "about")
    f("居民消费价格涨幅【2】%左右", "居民消费价格", "growth", "%", "about")
    rel("【居民收入增长】与经济增长同步", "居民人均可支配收入", "exact", "居民收入增长与经济增长同步")
    f("城镇新增就业【5.8】万人以上", "城镇新增就业", "level", "万人", "at_least")
    f("城镇调查失业率【5.5】%左右", "城镇调查失业率", "level", "%", "about")
    f("城镇登记失业率控制在【3.5】%以内", "城镇登记失业率", "level", "%", "at_most")
    f("粮食总产量稳定在【180】万吨以上", "粮食总产量", "level", "万吨", "at_least")
    rel("完成省下达的【节能减排任务】", "节能减排", "exact", "完成省下达的节能减排任务")
    f("二氧化碳排放下降【3.8】%左右", "单位地区生产总值二氧化碳排放", "growth", "%", "about", neg=True)
    f("研发投入强度提高到【2.55】%", "研发投入强度", "level", "%")
    # （一）
    f("力争新增规模以上工业企业【150】家以上", "新增规模以上工业企业", "level", "家", "at_least")
    f("高新技术企业总数突破【1250】家", "高新技术企业总数", "level", "家", "at_least")
    f("高新技术产业增加值增长【10】%", "高新技术产业增加值", "growth", "%")
    f("迈上【千】亿元台阶", "新能源装备产业集群营业收入", "level", "亿元", "at_least", opt=True)
    f("新建5G基站【1500】个", "新建5G基站", "level", "个")
    f("增加值占比提高到【9.5】%", "数字经济核心产业增加值占比", "level", "%")
    f("省级以上创新平台【20】个", "新建省级以上创新平台", "level", "个")
    f("技术合同成交额增长【15】%以上", "技术合同成交额", "growth", "%", "at_least")
    f("急需紧缺人才【1】万人", "引进培育高层次人才和急需紧缺人才", "level", "万人")
    # （二）
    f("安排市级重点项目【350】个", "市级重点项目", "level", "个")
    f("年度计划投资【950】亿元以上", "市级重点项目年度计划投资", "level", "亿元", "at_least")
    f("产业项目突破【140】个", "新开工亿元以上产业项目", "level", "个", "at_least")
    f("夜间消费集聚区【8】个", "新培育夜间消费集聚区", "level", "个")
    f("网络零售额增长【12】%", "网络零售额", "growth", "%")
    f("上级资金增长【10】%左右", "争取上级资金", "growth", "%", "about")
    # （三）
    f("新增经营主体【5】万户以上", "新增经营主体", "level", "万户", "at_least")
    f("吞吐量突破【65】万标箱", "澜江港集装箱吞吐量", "level", "万标箱", "at_least")
    f("实际使用外资【2】亿美元", "实际使用外资", "level", "亿美元")
    # （四）
    f("新建高标准农田【8.5】万亩", "新建高标准农田", "level", "万亩")
    f("改造城镇老旧小区【110】个", "改造城镇老旧小区", "level", "个")
    f("城镇化率提高【1】个百分点", "常住人口城镇化率", "change", "个百分点")
    # （五）
    f("办好【12】件民生实事", "民生实事", "level", "件", opt=True)
    f("托育托位【2000】个", "新增托育托位", "level", "个")
    f("新增公办学位【8000】个", "新增公办学位", "level", "个")
    f("农贸市场【30】个", "改造提升农贸市场", "level", "个")
    # （六）
    rel("确保【政府法定债务率】控制在警戒线以内", "政府法定债务率", "below",
        "政府法定债务率控制在警戒线以内", opt=True)
    f("新增储备能力【5】万吨", "新增储备能力", "level", "万吨")
    return d


def plan_report() -> DocSpec:
    """青石区计划报告, dated 2025-01-10: 一、2024年…执行情况 → actual 2024; 二/三 → target 2025;
    the 附件 table's columns decide kind, period and region (市计划 → 澜江市)."""
    d = DocSpec("qingshi_2025_plan_report.txt", kind="actual", period="2024", region="青石区")
    f, rel = d.f, d.rel
    f("地区生产总值增长【5.8】%，高于全市", "地区生产总值", "growth", "%")
    # the gap to another figure is the fact (GUIDE: 高于…N个百分点 → change, exact)
    f("高于全市平均水平【0.2】个百分点", "地区生产总值增速高于全市平均水平", "change", "个百分点")
    f("规模以上工业增加值增长【7.9】%", "规模以上工业增加值", "growth", "%")
    f("增速排名全市第【二】", "规模以上工业增加值", "rank", "位")
    f("社会消费品零售总额增长【5.4】%", "社会消费品零售总额", "growth", "%")
    f("外贸进出口总额增长【10.2】%", "进出口总额", "growth", "%")
    f("预算收入完成【26.7】亿元", "地方一般公共预算收入", "level", "亿元")
    f("26.7亿元、增长【4.3】%", "地方一般公共预算收入", "growth", "%")
    f("固定资产投资下降【2.1】%", "固定资产投资", "growth", "%", neg=True)
    # （一）the 开发区 is the subject of the first sentence
    f("营业收入分别增长【8.2】%", "规模以上工业总产值", "growth", "%", region="青石经济开发区")
    f("8.2%、【7.6】%", "营业收入", "growth", "%", region="青石经济开发区")
    f("综合考评中位列第【9】位", "全省省级开发区综合考评", "rank", "位", region="青石经济开发区")
    f("全区新增规模以上工业企业【28】家", "新增规模以上工业企业", "level", "家")
    f("规模以上工业企业总数达到【312】家", "规模以上工业企业总数", "level", "家")
    f("产值10亿元以上企业【14】家", "产值10亿元以上企业", "level", "家")
    f("主导产业完成产值【412】亿元", "主导产业产值", "level", "亿元")
    f("总产值的比重达到【63】%", "主导产业占规模以上工业总产值的比重", "level", "%")
    f("新增高新技术企业【31】家，", "新增高新技术企业", "level", "家")
    f("省级企业技术中心【6】家", "省级企业技术中心", "level", "家")
    f("研发投入强度达到【2.35】%", "研发投入强度", "level", "%")
    f("对接活动【16】场", "产业链上下游对接活动", "level", "场")
    # （二）
    f("区级重点项目【88】个", "区级重点项目", "level", "个")
    f("完成投资【136.5】亿元", "区级重点项目完成投资", "level", "亿元")
    f("投资占比提升至【58.6】%", "产业项目投资占比", "level", "%")
    f("比上年提高【4.2】个百分点", "产业项目投资占比", "change", "个百分点")
    f("等【19】个项目竣工投产", "竣工投产项目", "level", "个")
    f("总投资【50】亿元以上的储能", "储能产业园项目总投资", "level", "亿元", "at_least", opt=True)
    f("专项债券资金【12.8】亿元", "争取地方政府专项债券资金", "level", "亿元")
    f("多争取【3.1】亿元", "争取地方政府专项债券资金", "change", "亿元")
    f("融资等难题【150】余个", "协调解决用地、用能、融资等难题", "level", "个", "at_least")
    # how a shortened time should be signed is a matter of taste (GUIDE: 压缩审批时限 stays positive)
    f("准备时间缩短【20】天", "项目平均开工准备时间缩短", "level", "天", opt=True)
    # （三）
    f("等促消费活动【42】场", "促消费活动", "level", "场")
    f("销售额超过【9】亿元", "促消费活动带动销售额", "level", "亿元", "at_least")
    f("零售业销售额增长【6.7】%", "限额以上批发和零售业销售额", "growth", "%")
    f("网络零售额达到【38.4】亿元", "网络零售额", "level", "亿元")
    f("外贸实绩企业【23】家", "新增外贸实绩企业", "level", "家")
    f("进出口额突破【5】亿元", "跨境电商进出口额", "level", "亿元", "at_least")
    f("实际使用外资【2860】万美元", "实际使用外资", "level", "万美元")
    f("压缩至【60】个工作日以内", "工程建设项目审批时限", "level", "个工作日", "at_most")
    f("经营主体【4310】户", "新登记各类经营主体", "level", "户")
    f("总量突破【3.6】万户", "经营主体总量", "level", "万户", "at_least")
    # （四）
    f("市政道路工程【12】条", "市政道路工程", "level", "条")
    f("城市绿地面积【18.5】万平方米", "新增城市绿地面积", "level", "万平方米")
    f("老旧小区改造【27】个", "城镇老旧小区改造", "level", "个")
    f("农村户厕改造【1300】户", "农村户厕改造", "level", "户")
    f("和美乡村示范村【5】个", "新建和美乡村示范村", "level", "个")
    f("播种面积稳定在【9.8】万亩", "粮食播种面积", "level", "万亩")
    f("粮食总产量【6.3】万吨。", "粮食总产量", "level", "万吨")
    f("优良天数比率为【90.5】%", "空气质量优良天数比率", "level", "%")
    # （五）
    f("城镇新增就业【9640】人", "城镇新增就业", "level", "人")
    f("控制在【5.1】%左右", "城镇调查失业率", "level", "%", "about")
    f("民生支出【11.2】亿元", "民生支出", "level", "亿元")
    f("预算支出的【81】%", "民生支出占一般公共预算支出比重", "level", "%")
    f("幼儿园学位【900】个", "新增幼儿园学位", "level", "个")
    f("居民消费价格上涨【0.4】%", "居民消费价格", "growth", "%")
    f("可支配收入达到【45210】元", "居民人均可支配收入", "level", "元")
    f("45210元，增长【5.9】%", "居民人均可支配收入", "growth", "%")
    # （六）
    f("安全隐患【2630】处", "排查整改安全隐患", "level", "处")
    f("事故起数下降【18】%", "安全生产事故起数", "growth", "%", neg=True)
    f("积案化解率达到【92】%", "信访积案化解率", "level", "%")
    f("满意度保持在【95】%以上", "平安青石建设群众满意度", "level", "%", "at_least")

    d.sec(kind="target", period="2025", region="青石区")
    f("地区生产总值增长【6】%左右；", "地区生产总值", "growth", "%", "about")
    f("工业增加值增长【7】%以上", "规模以上工业增加值", "growth", "%", "at_least")
    f("固定资产投资增长【5】%左右", "固定资产投资", "growth", "%", "about")
    f("社会消费品零售总额增长【6】%左右；", "社会消费品零售总额", "growth", "%", "about")
    f("进出口总额增长【6】%左右", "进出口总额", "growth", "%", "about")
    f("预算收入增长【3.5】%", "地方一般公共预算收入", "growth", "%")
    rel("【居民收入增幅】高于经济增长", "居民人均可支配收入", "above", "居民收入增幅高于经济增长")
    f("居民消费价格涨幅【2】%左右；", "居民消费价格", "growth", "%", "about")
    f("城镇新增就业【9500】人", "城镇新增就业", "level", "人")
    f("调查失业率控制在【5.5】%以内", "城镇调查失业率", "level", "%", "at_most")
    f("粮食总产量稳定在【6.2】万吨", "粮食总产量", "level", "万吨")
    rel("完成市下达的【节能减排任务】", "节能减排", "exact", "完成市下达的节能减排任务")
    f("研发投入强度达到【2.4】%", "研发投入强度", "level", "%")
    # 三、主要任务
    f("力争新增规模以上工业企业【30】家", "新增规模以上工业企业", "level", "家")
    f("产业产值突破【300】亿元", "新能源电池材料产业产值", "level", "亿元", "at_least")
    f("改造覆盖率达到【70】%", "规模以上工业企业数字化改造覆盖率", "level", "%")
    f("产业项目【25】个以上", "引进亿元以上产业项目", "level", "个", "at_least")
    f("营业收入增长【8】%左右", "开发区营业收入", "growth", "%", "about", region="青石经济开发区")
    f("安排区级重点项目【95】个", "区级重点项目", "level", "个")
    f("年度计划投资【145】亿元", "区级重点项目年度计划投资", "level", "亿元")
    f("新开工项目不少于【40】个", "新开工项目", "level", "个", "at_least")
    f("上级资金【15】亿元以上", "争取上级资金", "level", "亿元", "at_least")
    f("促消费活动【40】场以上", "促消费活动", "level", "场", "at_least")
    f("品牌首店【10】家", "新引进品牌首店", "level", "家")
    f("零售总额力争突破【200】亿元", "社会消费品零售总额", "level", "亿元", "at_least")
    f("老旧小区改造【30】个", "城镇老旧小区改造", "level", "个")
    f("高标准农田【1.2】万亩", "新建高标准农田", "level", "万亩")
    f("治理率提高到【55】%", "农村生活污水治理率", "level", "%")
    f("供水管网【42】公里", "改造老旧供水管网", "level", "公里")
    f("普惠托位【300】个", "新增普惠托位", "level", "个")
    f("养老服务中心【3】个", "新建社区养老服务中心", "level", "个")
    f("城镇登记失业率控制在【3】%以内", "城镇登记失业率", "level", "%", "at_most")

    # 附件 table (labels end with a tab where a prose line could start the same way): 2024年计划 | 2024年预计完成 | 2025年计划: 市计划 | 区计划
    cols = [dict(kind="target", period="2024", region="青石区"),
            dict(kind="actual", period="2024", region="青石区"),
            dict(kind="target", period="2025", region="澜江市"),
            dict(kind="target", period="2025", region="青石区")]
    t = d.table
    t("地区生产总值增长率", "地区生产总值", "growth", cols)
    t("　其中：规模以上工业增加值增长率", "规模以上工业增加值", "growth", cols)
    t("固定资产投资增长率", "固定资产投资", "growth", cols)
    t("社会消费品零售总额增长率", "社会消费品零售总额", "growth", cols)
    t("外贸进出口总额增长率", "进出口总额", "growth", cols)
    t("地方一般公共预算收入增长率", "地方一般公共预算收入", "growth", cols)
    t("全体居民人均可支配收入增长", "居民人均可支配收入", "relation", cols)
    t("居民消费价格指数涨幅", "居民消费价格", "growth", cols)
    t("城镇新增就业\t", "城镇新增就业", "level", cols)
    t("城镇调查失业率\t", "城镇调查失业率", "level", cols)
    t("粮食总产量\t", "粮食总产量", "level", cols)
    t("全社会研发投入强度\t", "研发投入强度", "level", cols)
    t("新增高新技术企业\t", "新增高新技术企业", "level", cols)
    return d


def news() -> DocSpec:
    """澜江日报, 2025-01-16, retelling the city report: 2024 → actual, 今年 → target 2025.
    Offsets refer to planwatch.read.read_file(...).text (navigation, caption, 扫码, footer dropped)."""
    d = DocSpec("lanjiang_2025_news.html", kind="actual", period="2024", region="澜江市")
    f, rel = d.f, d.rel
    f("预计达到【3286】亿元", "地区生产总值", "level", "亿元")
    f("增长【5.6】%左右，增速位居", "地区生产总值", "growth", "%", "about")
    f("位居全省第【3】位", "地区生产总值", "rank", "位")
    f("规模以上工业增加值增长【7.2】%", "规模以上工业增加值", "growth", "%")
    f("规模以上工业企业【190】家", "新增规模以上工业企业", "level", "家")
    f("首次突破【600】亿元", "进出口总额", "level", "亿元", "at_least")
    f("600亿元，增长【9.4】%", "进出口总额", "growth", "%")
    f("可支配收入达到【41860】元", "居民人均可支配收入", "level", "元")
    f("41860元，增长【5.7】%", "居民人均可支配收入", "growth", "%")
    f("城镇新增就业【6.12】万人", "城镇新增就业", "level", "万人")
    f("粮食总产量达【182.4】万吨", "粮食总产量", "level", "万吨")
    f("综合评价中位列第【二】", "全省高新区综合评价", "rank", "位", region="澜江高新区")
    f("营商环境评价居全省第【一】", "营商环境评价", "rank", "位")
    f("平均利率下降【28】个基点", "企业贷款平均利率", "change", "基点", neg=True)
    f("退税缓费超【21】亿元", "减税降费及退税缓费", "level", "亿元", "at_least")
    d.sec(kind="target", period="2025")
    f("地区生产总值增长【5.5】%左右的预期目标", "地区生产总值", "growth", "%", "about")
    f("力争增长【6.5】%以上", "规模以上工业增加值", "growth", "%", "at_least")
    f("城镇新增就业【5.8】万人以上", "城镇新增就业", "level", "万人", "at_least")
    f("城镇调查失业率【5.5】%左右", "城镇调查失业率", "level", "%", "about")
    rel("【居民收入增长】与经济增长同步", "居民人均可支配收入", "exact", "居民收入增长与经济增长同步")
    f("安排市级重点项目【350】个", "市级重点项目", "level", "个")
    f("年度计划投资【950】亿元以上", "市级重点项目年度计划投资", "level", "亿元", "at_least")
    f("办好【12】件民生实事", "民生实事", "level", "件", opt=True)
    f("托育托位【2000】个", "新增托育托位", "level", "个")
    return d


SPECS = (work_report, plan_report, news)


def document_text(name: str) -> str | None:
    path = EXAMPLES / name
    if path.suffix == ".txt":
        return path.read_bytes().decode("utf-8")
    try:
        sys.path.insert(0, str(ROOT))
        from planwatch.read import read_file
        text = read_file(path).text
    except Exception as e:  # the reader is someone else's work in progress
        print(f"warning: cannot read {name} through planwatch.read ({type(e).__name__}: {e})", file=sys.stderr)
        return None
    if re.search(r"<(html|body|div|p)\b", text, re.I):
        print(f"warning: planwatch.read returned markup for {name}; its gold is not (re)written", file=sys.stderr)
        return None
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="verify only; write nothing")
    args = ap.parse_args(argv)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    status = 0
    for make in SPECS:
        spec = make()
        text = document_text(spec.name)
        if text is None:
            status = 1
            continue
        try:
            facts = build(spec, text)
        except GoldError as e:
            print(f"error: {e}", file=sys.stderr)
            status = 2
            continue
        req = [x for x in facts if not x["optional"]]
        tier_a = [x for x in req if x["tier"] == "A"]
        out = GOLDEN / (Path(spec.name).stem + ".jsonl")
        body = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in facts)
        if args.check:
            same = out.is_file() and out.read_text(encoding="utf-8") == body
            print(f"{spec.name}: {len(facts)} facts ({len(req)} required, {len(tier_a)} tier A)"
                  f" — {'up to date' if same else 'DIFFERS from ' + out.name}")
            status = status or (0 if same else 3)
        else:
            out.write_text(body, encoding="utf-8")
            print(f"{out.relative_to(ROOT)}: {len(facts)} facts ({len(req)} required, "
                  f"{len(facts) - len(req)} optional, {len(tier_a)} tier A required)")
    return status


if __name__ == "__main__":
    sys.exit(main())
