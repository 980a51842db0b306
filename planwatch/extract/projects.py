"""Named projects and the stage their clause gives them (../shared/gold-projects/GUIDE.md).

A clause is cut at its stage words (rules/projects.toml [stages]); the text between two stage
words, or before the first, is a candidate list. The list is cut into conjuncts (、和及与), each
conjunct trimmed of time words, adverbs and trailing category words; a conjunct is a project when
its name ends with a head noun (高速, 产业园, 变电站, 二期, 改扩建 …), or when the list says it is one
of projects (…等41个重点项目) or shares its last conjunct's head (甲、乙、丙高速公路). The stage word
after the list decides its stage (抓好…等项目前期 → preparing), else the one before it. Kind and
period are read as a figure's are (kinds.read: clause, sentence, section, document date); the
region is the county the sentence names before the list, else the document's home.

Two more ways a name is found: a clause that is only a name, opening a sentence (甲产业园，正在…),
and every later occurrence of a name already found (each with its own clause's stage, or unknown).
Pure functions of the text and its context; offsets index the text the user reads.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any, Final

from ..model import Document
from . import kinds, regions, spans
from .context import DocumentContext, build_context
from .lexicon import ProjectRules, project_rules
from .segment import repeated
from .textview import TextView, make_view

FIELDS: Final = ("doc", "start", "end", "name", "stage", "kind", "period", "region", "optional")

_CLAUSE: Final = re.compile(r"[，,。；;！？!?：:\n\t]")
_SENTENCE: Final = re.compile(r"[。；;！？!?\n]")
_QUOTE: Final = re.compile(r"“[^”\n]{0,30}”|\"[^\"\n]{0,30}\"|《[^》\n]{0,40}》")
_NOTE_END: Final = re.compile(r"[（(][^（）()]{1,16}[）)]$")
_SPACE: Final = re.compile(r"\s+")


@dataclass(frozen=True)
class ProjectMention:
    doc: str
    start: int
    end: int
    name: str
    stage: str
    kind: str
    period: str | None
    region: str | None
    optional: bool = False
    why: str = field(default="", compare=False)
    head: str = field(default="", compare=False)  # the head a list's conjunct shares (青云 of 甲、青云高速)

    def to_dict(self, *, why: bool = False) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in FIELDS}
        if why:
            d["why"] = self.why
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    word: str
    stage: str


@dataclass(frozen=True)
class _Conj:
    start: int  # clean offsets
    end: int
    name: str   # clean text


def stage_hits(clause: str, base: int, rules: ProjectRules) -> list[_Hit]:
    """The stage words of a clause (clean offsets from `base`), outside quotes (“环境修复+开发建设”)."""
    quoted = [m.span() for m in _QUOTE.finditer(clause)]
    out = []
    for m in rules.verbs_re.finditer(clause):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        w = m.group(0)
        stage = rules.stage_of.get(w) or next((s for p, s in rules.patterns if p.fullmatch(w)), "unknown")
        out.append(_Hit(base + m.start(), base + m.end(), w, stage))
    return out


def _trim(text: str, start: int, end: int, rules: ProjectRules) -> tuple[int, int]:
    """A conjunct without bullets, spaces, time words and adverbs on its left, category words on its right."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (text[start] in rules.strip_left or text[start].isspace()):
            start, changed = start + 1, True
        for w in rules.drop_left:
            if text.startswith(w, start) and end - start > len(w):
                start, changed = start + len(w), True
                break
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (text[end - 1].isspace() or text[end - 1] in "、，,"):
            end, changed = end - 1, True
        for w in rules.drop_right:
            if text.endswith(w, start, end) and end - start > len(w):
                end, changed = end - len(w), True
                break
    return start, end


def has_head(name: str, rules: ProjectRules, *, work: bool = False) -> bool:
    """Does the name end with a project's head noun (a trailing note in brackets aside)? A quoted
    name makes a programme's head a name's (甲片区“环境修复+开发建设”试点). With `work`, a work head
    (甲扩容工程) counts too, as it does in a list that holds a name with a head."""
    core = _NOTE_END.sub("", name)
    if core.endswith(rules.not_heads):
        return False
    if core.endswith(rules.heads):
        return True
    if core.endswith(rules.work_heads):
        if work:
            return True
        rest = core
        while True:
            w = next((w for w in rules.work_words if rest.endswith(w) and len(rest) > len(w)), None)
            if w is None:
                break
            rest = rest[:-len(w)]
        return rest != core and (has_head(rest, rules) or rules.town_re.search(rest) is not None)
    q = core.find("“")
    return q > 0 and core.endswith(rules.quoted_heads) and core.rfind("”") > q


def is_generic(name: str, rules: ProjectRules) -> bool:
    """Is the name made only of describing words (城市公园, 老旧小区改造): a category, not a name?"""
    rest = _NOTE_END.sub("", name)
    while rest:
        for w in rules.generic:
            if rest.startswith(w):
                rest = rest[len(w):]
                break
        else:
            return False
    return True


def name_ok(name: str, rules: ProjectRules) -> bool:
    """Could this conjunct be a name at all (length, no count or money, no clause opener)?"""
    core = _SPACE.sub("", _NOTE_END.sub("", name))
    if not (rules.min_len <= len(core) <= rules.max_len):
        return False
    bare = _QUOTE.sub("", name)  # a quoted name may hold any word (“环境修复+开发建设”)
    if name.startswith(rules.bad_start) or rules.bad_inside_re.search(bare):
        return False
    if len(_SPACE.sub("", bare)) < 2 or bare in rules.heads or bare in rules.quoted_heads:
        return False  # “甲乙”项目, “甲乙”学院: a programme known by a slogan
    if any(c in name for c in "。；;！？!?：:"):
        return False
    return not is_generic(name, rules) and not is_generic(bare, rules)


def _conjuncts(clean: str, start: int, end: int, rules: ProjectRules) -> tuple[list[_Conj], bool]:
    """A candidate list cut into its conjuncts, and whether it says it is a list of projects (…等项目)."""
    marked = False
    parts: list[tuple[int, int]] = []
    pos = start
    # 、 first: `甲等十大产业项目、乙等十大基础设施项目` is two lists, each cut at its 等
    for m in re.finditer("、", clean[start:end] + "、"):
        a, b = pos, start + m.start()
        pos = start + m.end()
        etc = rules.etc_re.search(clean, a, b)
        if etc is not None:
            after = clean[etc.end():end if clean.find("、", etc.end(), end) == -1 else b]
            if rules.etc_not_re.search(after):
                return [], False  # 甲等龙头企业, 甲等示范街: a list of something else
            if rules.etc_named_re.search(after.strip()):
                marked = True
            b = etc.start()
        # then 和/及/与 inside one 、 part (北山和南岭抽水蓄能)
        q = a
        for j in rules.joiners_re.finditer(clean, a, b):
            if j.group(0) == "、":
                continue
            if j.start() - q >= 2 and b - j.end() >= 2 and not _in_quote(clean, a, j.start()):
                parts.append((q, j.start()))
                q = j.end()
        parts.append((q, b))
        if etc is not None:
            pos = max(pos, b)
            # what follows 等 up to the next 、 is the list's category: nothing more of this list
            break_rest = clean.find("、", etc.end(), end)
            if break_rest == -1:
                break
            pos = break_rest + 1
    out = []
    for a, b in parts:
        a, b = _trim(clean, a, b, rules)
        k = clean.find("——", a, b)
        if k != -1 and not name_ok(clean[a:k], rules):
            a, b = _trim(clean, k + 2, b, rules)  # 全市首个甲平台——乙研究院: the name after the dash
        elif k != -1:
            b = k  # 甲基地——乙基地: the first name (apposition)
        if b > a:
            out.append(_Conj(a, b, clean[a:b]))
    return out, marked


def _in_quote(clean: str, start: int, pos: int) -> bool:
    seg = clean[start:pos]
    return seg.count("“") > seg.count("”")


@dataclass
class _Found:
    start: int          # clean offsets
    end: int
    stage: str
    why: str
    optional: bool = False
    head: str = ""


def _stage(lead: _Hit | None, tail: _Hit | None, rules: ProjectRules) -> tuple[str, str] | None:
    """The list's stage: the word after it, unless that only names the work (建设, 提质改造) after a
    stronger word before it; else the word before it."""
    work = ("建设", "提质改造", "改造提升")
    if tail is not None and (lead is None or tail.word not in work or lead.stage == "unknown"
                             or lead.word in rules.weak_lead and tail.stage != "in_progress"):
        return tail.stage, f"{tail.word!r} after the list"
    if lead is not None:
        return lead.stage, f"{lead.word!r} before the list"
    return None


def _lists(clean: str, cs: int, ce: int, rules: ProjectRules) -> list[_Found]:
    """Projects of one clause [cs, ce) of the clean text."""
    hits = stage_hits(clean[cs:ce], cs, rules)
    if not hits:
        return []
    out: list[_Found] = []
    bounds = [cs] + [h.end for h in hits]
    for i, h_end in enumerate([h.start for h in hits] + [ce]):
        a = bounds[i]
        lead = hits[i - 1] if i > 0 else None
        tail = hits[i] if i < len(hits) else None
        if lead is not None and lead.word in rules.tail_only:
            lead = None
        if tail is not None and tail.word in rules.lead_only:
            tail = None
        st = _stage(lead, tail, rules)
        if st is None or h_end <= a:
            continue
        ta, _ = _trim(clean, a, h_end, rules)
        if clean.startswith(rules.bad_list_start, ta):
            continue  # 加快以甲、乙为主体的…: a prepositional phrase
        conj, marked = _conjuncts(clean, a, h_end, rules)
        conj = [c for c in conj if name_ok(c.name, rules)]
        if not conj:
            continue
        shared = has_head(conj[-1].name, rules)
        concrete = any(has_head(c.name, rules) for c in conj)
        for k, c in enumerate(conj):
            own = has_head(c.name, rules, work=concrete)
            by_last = shared and k < len(conj) - 1 and len(c.name) <= 4
            if (not own and _place(c.name) and not _joined_to_head(clean, conj, k, rules)
                    and not (by_last and conj[-1].name.endswith(rules.place_heads))):
                continue  # a place alone (a county's name) is no project, unless 北山和南岭抽水蓄能 shares a head
            if own or marked or by_last:
                why = st[1] + ("" if own else ", sharing the last name's head" if by_last else
                               ", named in a list of projects")
                out.append(_Found(c.start, c.end, st[0], why, head="" if own or not by_last else conj[-1].name))
    return out


def _place(name: str) -> bool:
    idx = regions.load_index()
    return bool(idx.named(name) or idx.short_named(name))


def _joined_to_head(clean: str, conj: list[_Conj], k: int, rules: ProjectRules) -> bool:
    """Is conjunct k joined by 和/与/及 (not 、) to a next conjunct with a head noun?"""
    if k + 1 >= len(conj):
        return False
    between = clean[conj[k].end:conj[k + 1].start]
    return "、" not in between and bool(between) and has_head(conj[k + 1].name, rules)


def _alone(clean: str, cs: int, ce: int, rules: ProjectRules) -> list[_Found]:
    """A clause that is only a name, opening a sentence and followed by more of it (甲产业园，正在…),
    or a line naming a project and a second name for it (甲基地——乙基地项目)."""
    if stage_hits(clean[cs:ce], cs, rules):
        return []
    apposition = any(clean.find(mark, cs, ce) != -1 for mark in rules.appositive)
    if ce >= len(clean) or clean[ce] not in ("，,\n" if apposition else "，,"):
        return []
    if cs > 0 and clean[cs - 1] not in "\n。！？!?":
        return []
    a, b = _trim(clean, cs, ce, rules)
    for mark in rules.appositive:
        k = clean.find(mark, a, b)
        if k != -1:
            b = k
    conj, _ = _conjuncts(clean, a, b, rules)  # 甲馆、乙馆、丙博物馆，…: each its own
    return [_Found(c.start, c.end, "unknown", "a name alone opening its sentence") for c in conj
            if len(c.name) >= rules.alone_min_len and name_ok(c.name, rules) and has_head(c.name, rules)]


def _first_copies(clean: str, found: list[_Found],
                  sent_ends: list[int]) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Drop a mention whose words to the end of its sentence stand earlier in the document word for
    word: a reprinted passage spliced into another sentence (the first copy is the mention). Returns
    the mentions kept and the spans of the copies."""
    seen: set[str] = set()
    out, copies = [], []
    for f in sorted(found, key=lambda f: f.start):
        k = bisect_right(sent_ends, f.start)
        end = sent_ends[k] if k < len(sent_ends) else len(clean)
        key = clean[f.start:end]
        if len(key) >= 15 and key in seen:
            copies.append((f.start, end))
            continue
        seen.add(key)
        out.append(f)
    return out, copies


def _again(clean: str, found: list[_Found], skip: list[tuple[int, int]], rules: ProjectRules) -> list[_Found]:
    """Later (and earlier) occurrences of a name already found, not inside another mention: each a
    mention of its own, without a stage unless a stage word follows it in its clause."""
    taken = sorted((f.start, f.end) for f in found)
    names = {clean[f.start:f.end] for f in found}
    out: list[_Found] = []
    for n in sorted(names, key=len, reverse=True):
        if len(n) < 4 or not has_head(n, rules):
            continue
        for m in re.finditer(re.escape(n), clean):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken) or any(a <= s < b for a, b in skip):
                continue
            if s > 0 and "\u4e00" <= clean[s - 1] <= "\u9fff" and not _boundary(clean, s):
                continue  # inside a longer name (乙甲产业园)
            taken.append((s, e))
            out.append(_Found(s, e, "unknown", f"{n!r} found as a project elsewhere in the document"))
    return out


def _boundary(clean: str, s: int) -> bool:
    """A name may start at s after a verb or a function word (入驻甲, 把甲, 在甲)."""
    return clean[s - 1] in "驻在把将对为与和及、的了是到"


def find_projects(text: str, ctx: DocumentContext | None = None, *, doc: str = "", view: TextView | None = None,
                  home: str | None = None) -> list[ProjectMention]:
    """Every project mention of `text` with its stage, kind, period and region."""
    rules = project_rules()
    view = view or make_view(text)
    clean = view.clean
    if ctx is None:
        ctx, _ = build_context(view.folded)
    home = home or ctx.home.name
    skip_orig = repeated(view.folded)
    # repeated passages (a reprint) in clean offsets: each repeated original span mapped by search
    skip = _clean_spans(view, skip_orig)
    clause_starts = [0] + [m.end() for m in _CLAUSE.finditer(clean)]
    clause_ends = [m.start() for m in _CLAUSE.finditer(clean)] + [len(clean)]
    found: list[_Found] = []
    for cs, ce in zip(clause_starts, clause_ends, strict=True):
        if ce - cs < 2 or any(a <= cs < b for a, b in skip):
            continue
        got = _lists(clean, cs, ce, rules)
        found += got if got else _alone(clean, cs, ce, rules)
    sent_ends = [m.start() for m in _SENTENCE.finditer(clean)] + [len(clean)]
    found, copies = _first_copies(clean, found, sent_ends)
    found += _again(clean, found, skip + copies, rules)
    found.sort(key=lambda f: f.start)
    cues = kinds.cues_of(clean)
    sent_starts = [0] + [m.end() for m in _SENTENCE.finditer(clean)]
    years_lead = spans.sentence_years(clean)
    defaults = kinds.section_defaults(ctx)
    out = []
    for f in found:
        ostart, oend = view.orig(f.start), view.orig_end(f.end)
        c_start = clause_starts[bisect_right(clause_starts, f.start) - 1]
        s_start = sent_starts[bisect_right(sent_starts, f.start) - 1]
        explicit = spans.explicit_year(clean, c_start, f.start)
        si = ctx.section_index(ostart)
        r = kinds.read(clean, cues, ctx, ctx.sections[si], defaults[si], s_start, c_start, f.start, explicit,
                       spans.lead_year(years_lead, s_start, f.start))
        region = _county(clean, s_start, f.start, home, ctx) or home
        out.append(ProjectMention(doc, ostart, oend, text[ostart:oend], f.stage, r.kind, r.period, region,
                                  f.optional, f"{f.why}; kind {r.why_kind}; period {r.why_period}", f.head))
    return out


def _clean_spans(view: TextView, orig_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Original spans as clean spans (the clean view keeps runs of the original in order)."""
    return [(_to_clean(view, a), _to_clean(view, b)) for a, b in orig_spans]


def _to_clean(view: TextView, o: int) -> int:
    k = bisect_right(view._origs, o) - 1
    if k < 0:
        return 0
    nxt = view._starts[k + 1] if k + 1 < len(view._starts) else len(view.clean)
    return min(view._starts[k] + (o - view._origs[k]), nxt)


def _county(clean: str, s_start: int, pos: int, home: str | None, ctx: DocumentContext) -> str | None:
    """The county-level place the sentence names before the project (云岭县突出抓好…), if any."""
    before = clean[s_start:pos]
    if not before:
        return None
    year = ctx.date.year if ctx.date else None
    try:
        ms = regions.find_mentions(before, context_city=home, year=year)
    except Exception:  # noqa: BLE001 — a home name the index does not know: no county
        return None
    for m in reversed(ms):
        r = m.region
        if r is not None and r.level == "county" and not m.short and r.name != home:
            return r.name
    return None


def extract_projects(doc: Document, *, date: str | None = None, region: str | None = None) -> list[ProjectMention]:
    """Every project mention of a document, its context read as `planwatch extract` reads it."""
    view = make_view(doc.text)
    ctx, _ = build_context(view.folded, date=date, region=region, meta_date=(doc.meta or {}).get("date"))
    return find_projects(doc.text, ctx, doc=doc.name, view=view)


def as_dict(m: ProjectMention) -> dict[str, Any]:
    return asdict(m)
