"""Golden tests: planwatch on its own fictional examples, scored against hand-checked gold.

- the gold files are consistent with the documents (spans point at numbers) and
  up to date with scripts/make_golden.py;
- planwatch.extract_file on each example reaches the floors in tests/golden/floors.toml;
- the scorer itself (planwatch.evaluate.score) behaves on tiny hand-made cases.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest

from planwatch.evaluate import score

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "planwatch" / "examples"
GOLDEN = ROOT / "tests" / "golden"
DOCS = ("lanjiang_2025_work_report.txt", "qingshi_2025_plan_report.txt", "lanjiang_2025_news.html")
FLOORS = tomllib.loads((GOLDEN / "floors.toml").read_text(encoding="utf-8"))
HEADLINE = {"地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
            "地方一般公共预算收入", "进出口总额", "居民消费价格", "居民人均可支配收入",
            "城镇调查失业率", "城镇登记失业率", "城镇新增就业", "粮食总产量", "节能减排",
            "研发投入强度"}
NUMBER = re.compile(r"^(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)$")


def gold_of(doc: str) -> list[dict]:
    path = GOLDEN / (Path(doc).stem + ".jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def text_of(doc: str) -> str:
    from planwatch.read import read_file
    return read_file(EXAMPLES / doc).text


# ---------------------------------------------------------------------------
# the gold itself


@pytest.mark.parametrize("doc", DOCS)
def test_gold_points_at_numbers(doc):
    text = text_of(doc)
    if doc.endswith(".txt"):  # GUIDE: offsets in the file's text decoded as UTF-8 exactly as on disk
        assert text == (EXAMPLES / doc).read_bytes().decode("utf-8")
    seen = set()
    for g in gold_of(doc):
        assert g["doc"] == doc
        span = text[g["start"]:g["end"]]
        assert (g["start"], g["end"]) not in seen
        seen.add((g["start"], g["end"]))
        if g["measure"] == "relation":
            assert g["value"] is None and span in g["surface"]
        else:
            assert NUMBER.match(span), (g, span)
        assert g["tier"] == ("A" if g["indicator"] in HEADLINE else "B")


def test_work_report_has_every_headline_indicator():
    gold = gold_of("lanjiang_2025_work_report.txt")
    for kind in ("actual", "target"):
        names = {g["indicator"] for g in gold if g["tier"] == "A" and g["kind"] == kind}
        assert names == HEADLINE, (kind, HEADLINE - names)


def test_gold_is_up_to_date_with_make_golden():
    """Editing an example (or the HTML reader's text) without re-running the script fails here."""
    spec = importlib.util.spec_from_file_location("make_golden", ROOT / "scripts" / "make_golden.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for make in mod.SPECS:
        s = make()
        text = mod.document_text(s.name)
        assert text is not None, f"cannot read {s.name}"
        facts = mod.build(s, text)
        assert facts == gold_of(s.name), (
            f"tests/golden for {s.name} is stale: run .venv/bin/python scripts/make_golden.py")


# ---------------------------------------------------------------------------
# planwatch against the gold


def _extract(doc: str) -> list[dict]:
    import planwatch
    return [f.to_dict() for f in planwatch.extract_file(EXAMPLES / doc)]


def _check_floors(name: str, result: dict) -> None:
    floors = FLOORS.get(name, {})
    got = {
        "f1": result["all"]["f1"], "strict_f1": result["all"]["strict_f1"],
        "tier_A_f1": result["tier_A"]["f1"], "tier_A_strict_f1": result["tier_A"]["strict_f1"],
    }
    low = {k: (round(got[k], 4), v) for k, v in floors.items() if got[k] + 1e-9 < v}
    assert not low, f"{name}: below floor (got, floor): {low}"


@pytest.mark.parametrize("doc", DOCS)
def test_extract_reaches_floors(doc):
    result = score(gold_of(doc), _extract(doc))
    print(f"\n{doc}: F1 {result['all']['f1']:.3f} strict {result['all']['strict_f1']:.3f} "
          f"tier A F1 {result['tier_A']['f1']:.3f} strict {result['tier_A']['strict_f1']:.3f}")
    _check_floors(Path(doc).stem, result)


def test_extract_reaches_floors_overall():
    gold, pred = [], []
    for doc in DOCS:
        gold += gold_of(doc)
        pred += _extract(doc)
    _check_floors("all", score(gold, pred))


# ---------------------------------------------------------------------------
# the scorer on tiny cases


def _g(start, end, **kw):
    base = dict(doc="d.txt", start=start, end=end, surface="", kind="actual", indicator="新增高新技术企业",
                measure="level", value=10.0, unit="家", qualifier="exact", region="澜江市",
                period="2024", tier="B", optional=False)
    base.update(kw)
    return base


GDP = dict(indicator="地区生产总值", measure="growth", value=5.5, unit="%", tier="A", qualifier="about")


def test_scorer_perfect_match():
    gold = [_g(0, 2), _g(10, 13, **GDP)]
    r = score(gold, [dict(x) for x in gold])
    for block in ("all", "tier_A"):
        b = r[block]
        assert b["precision"] == b["recall"] == b["f1"] == b["strict_f1"] == 1.0
        assert all(v == 1.0 for v in b["field_accuracy"].values())
    assert r["all"]["gold"] == 2 and r["tier_A"]["gold"] == 1


def test_scorer_wrong_value_is_a_strict_miss():
    gold = [_g(0, 2), _g(10, 13, **GDP)]
    pred = [_g(0, 2), _g(10, 13, **{**GDP, "value": 5.6})]
    r = score(gold, pred)
    assert r["all"]["f1"] == 1.0                   # detected
    assert r["all"]["strict_correct"] == 1 and r["all"]["strict_f1"] == 0.5
    assert r["all"]["field_accuracy"]["value"] == 0.5
    assert r["tier_A"]["f1"] == 1.0 and r["tier_A"]["strict_f1"] == 0.0


def test_scorer_values_compare_in_base_units():
    gold = [_g(0, 3, value=1.3, unit="万亩")]
    assert score(gold, [_g(0, 3, value=13000, unit="亩")])["all"]["strict_f1"] == 1.0
    assert score(gold, [_g(0, 3, value=1.3, unit="万个")])["all"]["strict_f1"] == 0.0   # 亩 != 个
    neg = [_g(0, 2, value=-30.0, unit="基点", measure="change")]
    assert score(neg, [_g(0, 2, value=30.0, unit="基点", measure="change")])["all"]["strict_f1"] == 0.0


def test_scorer_optional_gold_is_neither_rewarded_nor_punished():
    gold = [_g(0, 2), _g(20, 21, optional=True)]
    with_it = score(gold, [_g(0, 2), _g(20, 21)])
    without = score(gold, [_g(0, 2)])
    for r in (with_it, without):
        assert r["all"]["gold"] == 1 and r["all"]["predicted"] == 1
        assert r["all"]["precision"] == r["all"]["recall"] == r["all"]["strict_f1"] == 1.0


def test_scorer_ignores_duplicates():
    gold = [_g(0, 2)]
    r = score(gold, [_g(0, 2), _g(50, 52, duplicate=True), _g(1, 2, duplicate=True)])
    assert r["all"]["predicted"] == 1 and r["all"]["f1"] == 1.0


def test_scorer_one_to_one_and_false_positives():
    gold = [_g(0, 4)]
    r = score(gold, [_g(0, 2), _g(2, 4), _g(30, 32)])
    assert r["all"]["matched"] == 1 and r["all"]["predicted"] == 3
    assert r["all"]["precision"] == pytest.approx(1 / 3) and r["all"]["recall"] == 1.0
    # tier A: only unmatched predictions naming a headline indicator are its false positives
    assert r["tier_A"]["gold"] == 0 and r["tier_A"]["predicted"] == 0
    r = score(gold, [_g(0, 4), _g(30, 32, **GDP)])
    assert r["tier_A"]["predicted"] == 1 and r["tier_A"]["precision"] == 0.0


def test_scorer_other_document_never_matches():
    r = score([_g(0, 2)], [_g(0, 2, doc="other.txt")])
    assert r["all"]["matched"] == 0 and r["all"]["f1"] == 0.0


def test_scorer_indicator_leniency():
    gold = [_g(0, 2, indicator="湘粤非铁海联运班列"), _g(10, 13, **GDP)]
    pred = [_g(0, 2, indicator="非铁海联运班列"), _g(10, 13, **{**GDP, "indicator": "生产总值"})]
    r = score(gold, pred)
    assert r["all"]["field_accuracy"]["indicator"] == 0.5   # tier B substring ok, tier A needs the canonical name
    pred[0]["indicator"] = "新增高新技术企业"
    assert score(gold, pred)["all"]["field_accuracy"]["indicator"] == 0.0


def test_scorer_accepts_fact_objects():
    from planwatch.model import Fact
    gold = [_g(0, 2)]
    assert score(gold, [Fact.from_dict(_g(0, 2))])["all"]["strict_f1"] == 1.0


def test_scorer_empty():
    r = score([], [])
    assert r["all"]["f1"] == 1.0 and r["all"]["gold"] == 0
    r = score([_g(0, 2)], [])
    assert r["all"]["recall"] == 0.0 and r["all"]["f1"] == 0.0
