"""The parts of a text with no heading at all: where its review ends and its plan begins.

A news page, a summary in lists or a report whose headings were lost still runs as a report does,
from the review of the year to the plan for the next. A reader finds the turn from the words of each
paragraph, so this does the same: each paragraph (a run of list lines is one, with the line leading
into them) counts its evidence —

    plan:   goal words (目标, 力争, 预期 …, unless they compare with a goal met: 超过预期目标), the plan year,
            a relative year that names it (今年 in a report of January);
    review: estimates (预计全年 …), goals met (实现了…目标), the review year or one before, a
            relative year naming them,
            a paragraph opening with the review again (过去一年，…);

— and, with neither, hedged goals (增长7%左右) count for the plan. Words that open a paragraph
frame all of it and count twice. A paragraph where one side leads by two sets the part; any
other reads as the one before it (before the first such paragraph, the sentences decide alone). Only paragraphs holding a figure decide: a
title or a dateline names years, not figures; a table's rows are left to the table reader. Each change of part becomes a Section with source "inferred" and the evidence that made
it, so every fact can say why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from ..lexicon import (
    ContextRules,
    context_rules,
    match_gate,
    may_match,
    may_open,
    scanning,
)
from .dates import DocDate

LEAD: Final = 2     # how much more evidence one side needs to set the part
OPENING: Final = 12  # a cue this close to a paragraph's start frames all of it (预计全年：… / - 预计全年…): it counts twice
_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年(?!以来|来|代)")
_DIGIT: Final = re.compile(r"\d")
_SENTENCE_ENDS: Final = "。！？!?；;"
_CLOSERS: Final = "”’\"）)"
_CLAUSE_MARKS: Final = re.compile(r"[，,、；;：:]")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines separate; a line that does not end a sentence
    goes on in the next (a PDF's wrapped lines, a lead-in 主要指标是：) unless it is a title, and a
    run of list lines is one paragraph with the line leading into them."""
    rules = context_rules()
    start = end = -1
    in_list = False
    pos = 0
    last = ""  # the paragraph's last line so far
    list_opens = match_gate(rules.list_line_re)  # (most lines open with no list mark: no match tried)
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if not body:
            if start >= 0:
                yield start, end
            start, in_list = -1, False
            pos += len(line)
            continue
        listed = may_open(list_opens, line) and rules.list_line_re.match(line) is not None
        # a title or a dateline (short, no clause inside) opens nothing that goes on below it
        titled = len(last) <= rules.bare_max and not _CLAUSE_MARKS.search(last)
        open_end = start >= 0 and not titled and last.rstrip(_CLOSERS)[-1:] not in _SENTENCE_ENDS
        if start >= 0 and (open_end or (listed and in_list)):
            end, in_list = pos + len(line.rstrip("\r\n")), in_list or listed
        else:
            if start >= 0:
                yield start, end
            start, end, in_list = pos, pos + len(line.rstrip("\r\n")), listed
        last = body
        pos += len(line)
    if start >= 0:
        yield start, end


# the date words and goals met opened by a lookahead of their first characters: the same matches, but re tries an
# alternation at every position otherwise (half to a quarter of the cost)
_scanning = lru_cache(maxsize=4)(scanning)


def _has_figure(text: str, s: int, e: int, rules: ContextRules) -> bool:
    """Digits that are not a date: a paragraph that can hold a fact."""
    # (no digit at all: no date to take out either)
    return _DIGIT.search(text, s, e) is not None \
        and _DIGIT.search(_scanning(rules.date_word_re).sub("", text[s:e])) is not None


def evidence(text: str, s: int, e: int, date: DocDate, rules: ContextRules) -> tuple[int, int, list[str]]:
    """(plan, review, words) of the paragraph text[s:e]: how much points each way, and what."""
    lead = rules.list_line_re.match(text, s)
    opening = (lead.end() if lead else s) + OPENING

    def weight(at: int) -> int:
        return 2 if at < opening else 1

    plan_n = review_n = 0
    words: list[str] = []
    blocked = [(m.start(), m.end()) for m in rules.clause_blocked_re.finditer(text, s, e)]
    blocked += [(m.start(), m.end()) for m in rules.clause_target_not_re.finditer(text, s, e)]
    for m in _scanning(rules.achieved_re).finditer(text, s, e):
        review_n += weight(m.start())
        words.append(m.group(0))
        blocked.append((m.start(), m.end()))
    for m in rules.part_goal_re.finditer(text, s, e):
        if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in blocked):
            plan_n += weight(m.start())
            words.append(m.group(0))
    for m in rules.estimate_re.finditer(text, s, e):
        review_n += weight(m.start())
        words.append(m.group(0))
    named: list[tuple[int, int, str]] = []  # (where, year, word): the years the paragraph names
    for m in _YEAR.finditer(text, s, e):
        if not ((dw := rules.date_word_re.match(text, m.start())) and dw.end() > m.end()):  # 2025年3月: a date
            named.append((m.start(), int(m.group(1)), m.group(0)))
    if date.month is not None:  # 今年, 去年 need the month to tell which year they name
        named += [(m.start(), date.year + rules.relative_years[m.group(0)], m.group(0))
                  for m in rules.relative_re.finditer(text, s, e)
                  if not ((m.start() and text[m.start() - 1] in rules.relative_not_after)
                          or text.startswith(rules.relative_not_before, m.end()))]  # 比去年, 去年同期: a base
    for at, y, word in named:
        if y >= date.plan_year > date.review_year:
            plan_n += weight(at)
        elif y <= date.review_year:
            review_n += weight(at)
        else:
            continue
        words.append(word)
    if opener := rules.inline_review_re.match(text[s:s + OPENING]):  # (its ^ holds at a string's start only)
        review_n += 2
        words.append(opener.group(0))
    if not plan_n and not review_n:
        hedges = len(rules.hedge_re.findall(text, s, e)) if may_match(rules.hedge_re, text, s, e) else 0
        if hedges:
            plan_n = hedges
            words.append(f"{hedges}× 左右")
    return plan_n, review_n, words


def inferred_parts(text: str, date: DocDate | None, current: str | None = None) -> list[tuple[int, str, str]]:
    """(start, kind, evidence) where the kind of a headless text changes, review first. `current`: the kind the
    text opens in (None: before the first paragraph with evidence, the sentences decide)."""
    if date is None or date.plan_year == date.review_year:
        return []  # no date, or a date that cannot tell plan from review: the sentences decide alone
    rules = context_rules()
    out: list[tuple[int, str, str]] = []
    for s, e in paragraphs(text):
        if not _has_figure(text, s, e, rules):
            continue
        if "|" in text[s:e] or "\t" in text[s:e]:
            continue  # a table's row: its columns say what it holds (the table reader reads them)
        plan_n, review_n, words = evidence(text, s, e, date, rules)
        # a part needs a clear lead (one 目标 in a project's description does not turn a review into a plan)
        kind = "target" if plan_n >= review_n + LEAD else "actual" if review_n >= plan_n + LEAD else current
        if kind is not None and kind != current:
            head = text[s:e].strip().splitlines()[0][:24]
            part = "plan" if kind == "target" else "review"
            out.append((s, kind, f"{part} from {head!r} ({', '.join(dict.fromkeys(words))})"))
            current = kind
    return out
