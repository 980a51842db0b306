"""The national benchmark's GDP panel: two values of one kind and year, and whether the text gives both."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus_lint as CL  # noqa: E402
import national as N  # noqa: E402

TEXT = "今年的主要预期目标是：地区生产总值增长6%，力争6.5%。\n各开发区要力争地区生产总值增长9%。\n"


def _fact(text: str, number: str, value: float, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(number, start + 1)
    return {"indicator": N.GDP, "measure": "growth", "unit": "%", "kind": "target", "period": "2026",
            "region": "云岭市", "value": value, "qualifier": "exact", "start": start, "evidence": ""}


def test_two_values_in_one_sentence_are_the_texts_own():
    facts = [_fact(TEXT, "6%", 6.0), _fact(TEXT, "6.5%", 6.5)]
    assert N.one_sentence(TEXT, facts)
    panel = N.Panel()
    info = CL.DocInfo(name="a.txt", path=Path("a.txt"), place="云岭市", province="", level="city", year=2026)
    N.add_to_panel(panel, info, facts, TEXT)
    assert (panel.two_in_report, panel.two_in_sentence) == (1, 1)


def test_two_values_from_two_sentences_are_counted_apart():
    facts = [_fact(TEXT, "6%", 6.0), _fact(TEXT, "9%", 9.0)]
    assert not N.one_sentence(TEXT, facts)
    panel = N.Panel()
    info = CL.DocInfo(name="a.txt", path=Path("a.txt"), place="云岭市", province="", level="city", year=2026)
    N.add_to_panel(panel, info, facts, TEXT)
    assert (panel.two_in_report, panel.two_in_sentence) == (1, 0)
