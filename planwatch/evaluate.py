"""Score extracted facts against hand-checked gold facts (rules of ../shared/gold/GUIDE.md).

    score(gold, pred) -> {"all": {...}, "tier_A": {...}}

Matching, per document: a predicted fact matches a gold fact when their [start, end)
spans overlap; each gold and each prediction is used at most once (pairs are taken
greedily, largest overlap first, then closest start, then file order, so the result
does not depend on the order of the predictions).

- Detection: precision, recall and F1 of the matches.
- Strict: a match also needs kind, period, value (in base units, with the same
  base unit: 1.3 万亩 == 13000 亩, but 个 != 家), qualifier, indicator and region to
  agree. The indicator must be the canonical name exactly for tier-A gold; for
  tier B it is lenient (one normalised string contains the other, or their
  character-bigram Dice coefficient is >= 0.5).
- Gold facts marked optional are neither rewarded nor punished: they are not
  counted in `gold`, and a prediction that matches one is not counted at all.
- Predictions marked "duplicate": true are ignored entirely.
- tier_A: recall over tier-A gold; its false positives are the unmatched
  predictions whose indicator is a headline (tier-A) name.

Each block holds gold, predicted, matched, precision, recall, f1, strict_correct,
strict_precision, strict_recall, strict_f1 and field_accuracy (the share of
matched required facts on which each field agrees; `measure` is reported there
for information but is not part of strict).

Command line: python -m planwatch.evaluate GOLD.jsonl|DIR PRED.jsonl [--json]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

HEADLINE = frozenset({
    "地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
    "地方一般公共预算收入", "进出口总额", "居民消费价格", "居民人均可支配收入",
    "城镇调查失业率", "城镇登记失业率", "城镇新增就业", "粮食总产量", "节能减排",
    "研发投入强度",
})
STRICT_FIELDS = ("kind", "period", "value", "qualifier", "indicator", "region")
REPORT_FIELDS = STRICT_FIELDS + ("measure",)
MAGNITUDE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "十": 1e1}
_DROP = set(" \t\r\n\u3000“”\"'‘’《》〈〉（）()[]【】、，,：:；;。.·")

Fact = Mapping[str, Any]


def _as_dict(f: Any) -> dict[str, Any]:
    if isinstance(f, Mapping):
        return dict(f)
    if hasattr(f, "to_dict"):
        return f.to_dict()
    raise TypeError(f"not a fact: {f!r}")


# ---------------------------------------------------------------------------
# field comparison


def base_value(value: Any, unit: Any) -> tuple[float | None, str | None]:
    """(value in base units, base unit): (1.3, 万亩) -> (13000.0, 亩); (1, 万亿元) -> (1e12, 元)."""
    if value is None:
        return None, None
    u = str(unit or "").strip()
    mult = 1.0
    while len(u) > 1 and u[0] in MAGNITUDE:
        mult *= MAGNITUDE[u[0]]
        u = u[1:]
    return float(value) * mult, u


def same_value(g: Fact, p: Fact) -> bool:
    try:
        gv, gu = base_value(g.get("value"), g.get("unit"))
        pv, pu = base_value(p.get("value"), p.get("unit"))
    except (TypeError, ValueError):
        return False
    if gv is None or pv is None:
        return gv is None and pv is None
    return gu == pu and abs(gv - pv) <= 1e-6 * max(1.0, abs(gv))


def norm_indicator(s: Any) -> str:
    return "".join(ch for ch in str(s or "") if ch not in _DROP)


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def same_indicator(g: Fact, p: Fact) -> bool:
    gi, pi = norm_indicator(g.get("indicator")), norm_indicator(p.get("indicator"))
    if g.get("tier") == "A":
        return gi == pi
    if not gi or not pi:
        return gi == pi
    return gi in pi or pi in gi or dice(gi, pi) >= 0.5


def agree(field: str, g: Fact, p: Fact) -> bool:
    if field == "value":
        return same_value(g, p)
    if field == "indicator":
        return same_indicator(g, p)
    gv, pv = g.get(field), p.get(field)
    if gv is None or pv is None:
        return gv is None and pv is None
    return str(gv) == str(pv)


# ---------------------------------------------------------------------------
# matching


def _overlap(g: Fact, p: Fact) -> int:
    try:
        return min(int(g["end"]), int(p["end"])) - max(int(g["start"]), int(p["start"]))
    except (KeyError, TypeError, ValueError):
        return 0


def match(gold: list[Fact], pred: list[Fact]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs of overlapping spans in the same document."""
    gold_by_doc: dict[Any, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        gold_by_doc[g.get("doc")].append(i)
    candidates = []
    for j, p in enumerate(pred):
        for i in gold_by_doc.get(p.get("doc"), ()):
            ov = _overlap(gold[i], p)
            if ov > 0:
                candidates.append((-ov, abs(int(gold[i]["start"]) - int(p["start"])), i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    pairs.sort()
    return pairs


# ---------------------------------------------------------------------------
# scoring


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    if n_gold == 0 and n_pred == 0:
        return 1.0, 1.0, 1.0
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _block(gold: list[dict], pred: list[dict], pairs: list[tuple[int, int]], tier_a: bool) -> dict[str, Any]:
    def counted(g: dict) -> bool:
        return not g.get("optional") and (not tier_a or g.get("tier") == "A")

    required = [g for g in gold if counted(g)]
    hits = [(i, j) for i, j in pairs if counted(gold[i])]
    matched_pred = {j for _, j in pairs}
    unmatched = [p for j, p in enumerate(pred) if j not in matched_pred]
    if tier_a:
        unmatched = [p for p in unmatched if norm_indicator(p.get("indicator")) in HEADLINE]
    n_pred = len(hits) + len(unmatched)
    strict = [(i, j) for i, j in hits if all(agree(f, gold[i], pred[j]) for f in STRICT_FIELDS)]
    p, r, f1 = _prf(len(hits), n_pred, len(required))
    sp, sr, sf1 = _prf(len(strict), n_pred, len(required))
    return {
        "gold": len(required),
        "predicted": n_pred,
        "matched": len(hits),
        "precision": p,
        "recall": r,
        "f1": f1,
        "strict_correct": len(strict),
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": sf1,
        "field_accuracy": {
            fld: (sum(agree(fld, gold[i], pred[j]) for i, j in hits) / len(hits) if hits else 0.0)
            for fld in REPORT_FIELDS
        },
    }


def score(gold: Iterable[Any], pred: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Score predictions against gold; both are lists of fact dicts (or planwatch Facts)."""
    g = [_as_dict(x) for x in gold]
    p = [_as_dict(x) for x in pred]
    p = [x for x in p if not x.get("duplicate")]
    pairs = match(g, p)
    return {"all": _block(g, p, pairs, tier_a=False), "tier_A": _block(g, p, pairs, tier_a=True)}


def errors(gold: Iterable[Any], pred: Iterable[Any]) -> dict[str, list]:
    """For reading results: missed required gold, spurious predictions, and (gold, pred, fields) disagreements."""
    g = [_as_dict(x) for x in gold]
    p = [x for x in (_as_dict(y) for y in pred) if not x.get("duplicate")]
    pairs = match(g, p)
    mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
    return {
        "missed": [g[i] for i in range(len(g)) if i not in mg and not g[i].get("optional")],
        "spurious": [p[j] for j in range(len(p)) if j not in mp],
        "wrong": [(g[i], p[j], [f for f in STRICT_FIELDS if not agree(f, g[i], p[j])])
                  for i, j in pairs if not g[i].get("optional")
                  and not all(agree(f, g[i], p[j]) for f in STRICT_FIELDS)],
    }


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Facts of a .jsonl file, or of every .jsonl file in a directory."""
    p = Path(path)
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    out = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{f}:{n}: not JSON: {e}") from e
    return out


def format_score(result: Mapping[str, Mapping[str, Any]]) -> str:
    lines = []
    for key in ("all", "tier_A"):
        b = result[key]
        lines.append(f"{key:7s} gold {b['gold']:4d}  pred {b['predicted']:4d}  matched {b['matched']:4d}  "
                     f"P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}  strict F1 {b['strict_f1']:.3f}")
        lines.append("        " + "  ".join(f"{k} {v:.2f}" for k, v in b["field_accuracy"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if len(args) != 2:
        print("usage: python -m planwatch.evaluate GOLD.jsonl|DIR PRED.jsonl [--json]", file=sys.stderr)
        return 2
    result = score(load_jsonl(args[0]), load_jsonl(args[1]))
    print(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_score(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
