"""The document's home region, decided from evidence a reader would use, with that evidence.

1. `--region` when given.
2. The title, dateline and speaker lines (regions.document_region weighs names by their line).
3. The level the text speaks at: the speaker (我代表市人民政府 → a 市) and the whole-words it uses
   (全市 ×41 → a 市). A head answer of another level is set aside (a province named in a quoted
   speech is no city report's home).
4. Then the places of that level named in the body (outside quotations and speech titles), and the
   parents of the sub-units it names; the most named wins when it is named often enough.
5. Else the place form of the dateline chain (`澜江市青石区第八届人民代表大会` → 青石区) for places
   the data does not hold; else unknown, said so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

from .. import regions as rg
from ..lexicon import context_rules

# the level char a place's name ends with, for each level char a text can speak at
_LEVEL_OK: Final = {"省": ("province",), "市": ("prefecture", "county"), "州": ("prefecture",), "盟": ("prefecture",),
             "县": ("county",), "旗": ("county",), "区": ("county", "province")}


@dataclass(frozen=True)
class HomeDecision:
    name: str | None
    code: str | None
    level: str | None            # province | prefecture | county (the data's level), None when unknown
    source: str                  # given | title/dateline | body count | place form | none
    evidence: str                # what decided it, for people ("speaker 市人民政府; 全市 ×41; 云岭市 ×4")
    confidence: str              # high | medium | low | none
    level_char: str | None = None  # the level the text speaks at (市 from 全市 and the speaker)

    def describe(self) -> str:
        return f"{self.name or 'unknown'} ({self.source}: {self.evidence}; {self.confidence})"


def speaking_level(text: str) -> tuple[str | None, str]:
    """The level char the text speaks at, and why: the speaker first, else the most used whole-word."""
    rules = context_rules()
    for pat in rules.speaker_res:
        m = pat.search(text[:6000])
        if m:
            # an autonomous region (自治区) speaks as a province
            return ("省" if m["l"] == "自治区" else m["l"]), f"speaker {m.group(0)!r}"
    counts: Counter[str] = Counter()
    for m in rules.whole_re.finditer(text):
        if m.start() and text[m.start() - 1] in rules.whole_not_before:
            continue  # 居全省第3: a rank's scope, not the text's own whole
        counts[m["l"]] += 1
    if not counts:
        return None, ""
    (lvl, n), *rest = counts.most_common(2)
    if rest and rest[0][1] * 2 > n:
        return None, f"whole-words undecided ({', '.join(f'全{k} ×{v}' for k, v in counts.most_common(3))})"
    return lvl, f"全{lvl} ×{n}"


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks and title marks, and sentences about a leader's visit or speech."""
    rules = context_rules()
    out: list[tuple[int, int]] = []
    for pair in rules.quote_pairs:
        a, b = pair[0], pair[1]
        i = text.find(a)
        while i >= 0:
            j = text.find(b, i + 1, i + 80)
            if j < 0:
                i = text.find(a, i + 1)
                continue
            out.append((i, j + 1))
            i = text.find(a, j + 1)
    for cue in rules.speech_cues:
        i = text.find(cue)
        while i >= 0:
            s = max(text.rfind(c, 0, i) for c in "。；\n") + 1
            e = min((k for k in (text.find(c, i) for c in "。；\n") if k >= 0), default=len(text))
            out.append((s, e))
            i = text.find(cue, e)
    return out


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)


def _fits(region: rg.Region, level_char: str | None) -> bool:
    if level_char is None:
        return True
    if level_char == "市" and region.level == "province" and region.name.endswith("市"):
        return True  # 北京市, 重庆市: a province that speaks as a 市
    if level_char == "省" and region.level == "province":
        return True  # 广西壮族自治区 speaks as a province
    return region.level in _LEVEL_OK.get(level_char, ()) and region.name.endswith(
        level_char if level_char != "区" else ("区",))


_BELOW_PROVINCE: Final = frozenset("市县州盟旗")
_BELOW_PREFECTURE: Final = frozenset("县旗")


def _above(region: rg.Region, level_char: str | None) -> bool:
    """A place above the level the text speaks at (a province in a 市 report): named, never home.
    A report never speaks for less than its home, so a place below is not set aside here."""
    if level_char is None:
        return False
    if region.level == "province" and region.name.endswith("市"):
        return level_char in _BELOW_PREFECTURE  # 北京市, 上海市: a province that speaks as 全市
    return (region.level == "province" and level_char in _BELOW_PROVINCE) or (
        region.level == "prefecture" and level_char in _BELOW_PREFECTURE)


def decide_home(text: str, override: str | None = None, year: int | None = None) -> HomeDecision:
    """The home region of a (folded) text, with its evidence."""
    idx = rg.load_index()
    if override:
        r = idx.resolve(override, year=year)
        if r is None:
            return HomeDecision(override, None, None, "given (--region)", override, "high", override[-1:])
        return HomeDecision(r.name, r.code, r.level, "given (--region)", override, "high", r.name[-1:])
    level_char, level_why = speaking_level(text)
    by_speaker = level_why.startswith("speaker")
    firsts = [ln.strip() for ln in text[:800].splitlines() if ln.strip()][:4]
    title = next((ln for p in context_rules().national_titles for ln in firsts if p.search(ln)), None)
    if title:
        return HomeDecision("全国", None, "national", "title", f"title line {title[:40]!r}", "high", "国")
    head = idx.document_region(text, year=year)
    if level_char == "国":
        # the State Council's report, or a communiqué that names no place of its own: national figures.
        # 全国 alone is weak (全国第一, 全国百强 in any local report)
        if by_speaker or head is None:
            return HomeDecision("全国", None, "national", "speaker/whole-words", level_why,
                                "high" if by_speaker else "medium", "国")
        level_char, level_why = None, ""
    line = _line_naming(text, head) if head is not None else None
    strong = line is not None and _strong_line(line, text)
    # the speaker's level is firm (a 市人民政府 speaks for a 市); whole-words only rule out places above
    fits = head is not None and (_fits(head, level_char) if by_speaker else not _above(head, level_char))
    if head is not None and fits and strong:
        return HomeDecision(head.name, head.code, head.level, "title/dateline",
                            f"{head.name} in the title/dateline {_shown(line)!r}" + (f"; {level_why}" if level_why else ""), "high",
                            level_char)
    body = _by_body(text, level_char, year)
    if head is not None and fits and (body is None or body[0] == head):
        return HomeDecision(head.name, head.code, head.level, "opening",
                            f"{head.name} named in the opening {_shown(line)!r}" + (f"; {level_why}" if level_why else ""),
                            "medium" if body is not None else "low", level_char)
    if body is not None:
        r, why = body
        set_aside = f"; set aside {head.name} (above a {level_char})" if head is not None else ""
        return HomeDecision(r.name, r.code, r.level, "body count", f"{level_why}; {why}{set_aside}", "medium",
                            level_char)
    if head is not None and by_speaker and not fits:
        # 代表市人民政府 … 攸县、茶陵县获评…: a 市 never speaks for one of its counties; the county's parent of the
        # speaker's level is the better reading (no place of that level being named often enough)
        p = idx.parent_of(head)
        while p is not None and not _fits(p, level_char):
            p = idx.parent_of(p)
        if p is not None:
            return HomeDecision(p.name, p.code, p.level, "parent",
                                f"{p.name}, the {level_char} above {head.name} named in the opening; {level_why}", "low",
                                level_char)
    if head is not None and not _above(head, level_char):
        return HomeDecision(head.name, head.code, head.level, "title/dateline",
                            f"{head.name} in the opening; {level_why or 'no level found'}", "low", level_char)
    if head is not None:
        # 代表县人民政府 … 考察四川时的重要讲话: a county never speaks for its province; better no home than a wrong one
        return HomeDecision(None, None, None, "none", f"{level_why}; set aside {head.name} (above a {level_char}); "
                            f"no place of that level named often enough", "none", level_char)
    return HomeDecision(None, None, None, "none", level_why or "no place, speaker or whole-word found", "none",
                        level_char)


def _strong_line(line: str, text: str) -> bool:
    """A title, dateline or speaker line: it holds a cue word of regions.toml [document], or it is
    one of the first lines."""
    rules = rg.load_index().document_rules
    if any(c in line for c in rules.strong_cues + rules.medium_cues):
        return True
    firsts = [ln.strip() for ln in text[:600].splitlines() if ln.strip()][:rules.title_lines]
    return any(line in f or f in line for f in firsts)


def _line_naming(text: str, region: rg.Region) -> str | None:
    """The first line of the opening that names the region (its full or short name)."""
    names = [n for n in (region.name, region.short) if n]
    for line in text[:rg.load_index().document_rules.window].splitlines():
        if any(n in line for n in names):
            return line.strip()
    return None


def _shown(line: str | None) -> str:
    return "" if line is None else (line if len(line) <= 60 else line[:57] + "…")


def _by_body(text: str, level_char: str | None, year: int | None) -> tuple[rg.Region, str] | None:
    """The most named place of the speaking level in the body (quotations left out), with the parents
    of the sub-units named as votes."""
    if level_char is None:
        return None
    rules = context_rules()
    idx = rg.load_index()
    quoted = _quoted(text)
    own: Counter[rg.Region] = Counter()
    parents: Counter[rg.Region] = Counter()
    for m in idx.find_mentions(text, year=year):
        r = m.region
        if r is None or _inside(quoted, m.start):
            continue
        if m.short and r.level == "county" and level_char not in ("县", "旗"):
            continue  # a county's short name is too often part of a word, unless a county speaks
        if _fits(r, level_char):
            own[r] += 1
        p = idx.parent_of(r)
        while p is not None:
            if _fits(p, level_char):
                parents[p] += 1
                break
            p = idx.parent_of(p)
    score = {r: own[r] + 0.5 * parents[r] for r in set(own) | set(parents)}
    if not score:
        return None
    best = max(score, key=lambda r: (score[r], own[r], r.code))
    if own[best] < rules.min_mentions and parents[best] < 2 * rules.min_mentions:
        return None
    why = f"{best.name} ×{own[best]} in the text"
    if parents[best]:
        why += f", its sub-units ×{parents[best]}"
    return best, why

