"""rules/context.toml: every pattern's examples match and its counter-examples do not, and a broken
rules file is refused with an error naming the file and the entry."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from planwatch.errors import ConfigError
from planwatch.extract.context.dates import find_date
from planwatch.extract.lexicon import context_rules, expand_plan_names, parse_context_rules

# (the patterns as the loader reads them: plan names written out from [sections.plan_periods])
RAW = expand_plan_names(tomllib.loads(resources.files("planwatch.rules").joinpath("context.toml").read_text(encoding="utf-8")))


def _date_cases():
    for i, form in enumerate(RAW["dates"]["form"]):
        for ex in form.get("examples", []):
            yield pytest.param(form["pattern"], ex, True, id=f"date{i}-{form['source']}-yes-{ex[:12]}")
        for ex in form.get("not", []):
            yield pytest.param(form["pattern"], ex, False, id=f"date{i}-{form['source']}-no-{ex[:12]}")


@pytest.mark.parametrize("pattern, text, matches", list(_date_cases()))
def test_date_form_examples(pattern, text, matches):
    assert (re.search(pattern, text) is not None) == matches


def _list_cases():
    """(patterns, examples, counter-examples) of every list-of-regex entry with examples."""
    s, d, h, c = RAW["sections"], RAW["dates"]["session"], RAW["home"], RAW["clause"]
    return [
        ("plan_year", d["plan_year"], d["plan_year_examples"], d.get("plan_year_not", [])),
        ("address", RAW["dates"]["address"]["patterns"], RAW["dates"]["address"]["examples"],
         RAW["dates"]["address"]["not"]),
        ("review_year", d["review_year"], d["review_year_examples"], []),
        ("reviewed_heading", d["reviewed_heading"], d["reviewed_heading_examples"], d["reviewed_heading_not"]),
        ("part_of_year", [RAW["dates"]["part_of_year"]], RAW["dates"]["part_of_year_examples"],
         RAW["dates"]["part_of_year_not"]),
        ("speaker", h["speaker"], h["speaker_examples"], []),
        ("national_titles", h["national_titles"], h["national_titles_examples"], h.get("national_titles_not", [])),
        ("heading_mark", [s["heading_mark"]], s["heading_mark_examples"], []),
        ("heading_top", [s["heading_top"]], s["heading_top_examples"], s["heading_top_not"]),
        ("heading_turn", [s["heading_turn"]], s["heading_turn_examples"], s["heading_turn_not"]),
        ("plan_heading", [s["plan_heading"]], s["plan_heading_examples"], s["plan_heading_not"]),
        ("five_prose", s["five_year"]["prose"], s["five_year"]["prose_examples"], []),
        ("year_opener", s["five_year"]["year_opener"], s["five_year"]["year_opener_examples"],
         s["five_year"]["year_opener_not"]),
        ("plan_title", [s["five_year"]["plan_title"]], s["five_year"]["plan_title_examples"],
         ["“十四五”时期经济社会发展回顾", "十四五以来，全市"]),
        ("five_heading", s["five_year"]["heading"], s["five_year"]["heading_examples"],
         s["five_year"].get("heading_not", [])),
        ("notes", ["^(?:" + s["notes"] + ")$"], s["notes_examples"], s["notes_not"]),
        ("notes_works", [s["notes_works"]], s["notes_works_examples"], s["notes_works_not"]),
        ("five_year state", [s["five_year"]["state"]], s["five_year"]["state_examples"], []),
        ("five_year state_not", [s["five_year"]["state_not"]], s["five_year"]["state_not_examples"],
         s["five_year"]["state_examples"]),
        ("target_blocked", c["target_blocked"], c["target_blocked_examples"], []),
        ("future_span", [c["future_span"]], c["future_span_examples"], []),
        ("average_words", [c["average_words"]], c["average_words_examples"], c["average_words_not"]),
        ("mean_words", [c["mean_words"]], c["mean_words_examples"], c["mean_words_not"]),
        ("coming marker", [s["coming"]["marker"]], s["coming"]["marker_examples"], s["coming"]["marker_not"]),
        ("coming one_year", ["^(?:" + s["coming"]["one_year"] + ")"], s["coming"]["one_year_examples"],
         s["coming"]["one_year_not"]),
        ("estimate", [c["estimate"]], c["estimate_examples"], c["estimate_not"]),
        ("undated_future", [c["undated_future"]], c["undated_future_examples"], c["undated_future_not"]),
        ("effort_years", [c["effort_years"]], c["effort_years_examples"], c["effort_years_not"]),
        *((f"phrase {k}", [v], c["phrases"][f"{k}_examples"], c["phrases"][f"{k}_not"])
          for k, v in c["phrases"].items() if not k.endswith(("_examples", "_not"))),
        ("no_heading hedge", [s["no_heading"]["hedge"]], s["no_heading"]["hedge_examples"],
         s["no_heading"]["hedge_not"]),
        ("no_heading list_line", [s["no_heading"]["list_line"]], s["no_heading"]["list_line_examples"],
         s["no_heading"]["list_line_not"]),
        ("no_heading achieved", [s["no_heading"]["achieved"]], s["no_heading"]["achieved_examples"],
         s["no_heading"]["achieved_not"]),
        ("no_heading date_word", [s["no_heading"]["date_word"]], s["no_heading"]["date_word_examples"], []),
    ]


@pytest.mark.parametrize("name, patterns, yes, no", _list_cases(), ids=[x[0] for x in _list_cases()])
def test_pattern_list_examples(name, patterns, yes, no):
    for ex in yes:
        assert any(re.search(p, ex) for p in patterns), f"{name}: {ex!r} should match"
    for ex in no:
        assert not any(re.search(p, ex) for p in patterns), f"{name}: {ex!r} should not match"


def test_word_lists_examples():
    r = context_rules()
    for ex in RAW["sections"]["actual_examples"]:
        assert r.section_actual_re.search(ex), ex
    for ex in RAW["sections"]["target_examples"]:
        assert r.section_target_re.search(ex), ex
    for ex in RAW["clause"]["target_examples"]:
        assert r.clause_target_re.search(ex), ex
    for ex in RAW["clause"]["target_not_examples"]:
        assert r.clause_target_re.search(ex) and r.clause_target_not_re.search(ex), ex
    for ex in RAW["clause"]["relative_examples"]:
        assert r.relative_re.search(ex), ex
    # a word of expectation is a goal word first: only then may a year already reviewed make it an estimate
    assert r.estimate_goals and all(r.clause_target_re.fullmatch(w) for w in r.estimate_goals)


@pytest.mark.parametrize("text, date, source", [
    ("Date: Tue, 16 Jan 2024 08:30:00 +0800\n正文", "2024-01-16", "web header"),
    ("发布时间：2023-12-28 10:00\n正文", "2023-12-28", "publication date"),
    ("——二〇二五年一月十五日在青石县第九届人民代表大会", "2025-01-15", "dateline"),
    ("青石日报\n2022.04.12\n正文", "2022-04-12", "date line"),
    ("青石日报\n2022/4/12\n正文", "2022-04-12", "date line"),
    ("各位代表：\n一、2021年政府工作回顾\n全县", "2022-01", "session report, review year named"),
    ("澜江市2019年政府工作报告\n正文", "2019-01", "the title or opening names its plan year"),
])
def test_date_forms_found(text, date, source):
    d = find_date(text)
    assert str(d.date) == date and d.source == source


def test_a_page_stamp_years_after_the_report_gives_way_to_its_review_heading():
    # a report put online again years later: its review heading dates it, and both pieces of evidence are shown
    text = "澜江市人民政府工作报告\n发布时间：2033-05-06 10:00\n各位代表：\n一、2030年工作回顾\n全市地区生产总值增长5.8%。"
    d = find_date(text)
    assert str(d.date) == "2031-01" and d.confidence == "low" and "2033-05-06" in d.source
    # a stamp a few months after the session, as most pages have, stands
    d = find_date(text.replace("2033-05-06", "2031-02-10"))
    assert str(d.date) == "2031-02-10" and d.source == "publication date"
    # a dateline is the report's own date: no heading overrules it
    d = find_date(text.replace("发布时间：2033-05-06 10:00", "——2033年1月10日在澜江市第十届人民代表大会"))
    assert str(d.date) == "2033-01-10"


def test_a_newspaper_edition_line_at_the_foot_of_a_long_page_dates_it():
    # past the head the forms are looked for in: only forms marked tail = true, in the last characters
    body = "本报讯 1月15日，澜江市第九届人民代表大会第四次会议开幕。" + "代表们认真审议各项报告，积极建言献策。" * 120
    text = body + "\n澜江日报 2031年01月16日 第01版\n"
    assert len(body) > context_rules().date_head
    d = find_date(text)
    assert str(d.date) == "2031-01-16" and d.source == "newspaper edition" and d.start == text.index("2031年")
    # a date in the head still comes first; a stamp left in the middle of a long page is no foot
    assert find_date("发布时间：2031-01-17 09:00\n" + text).source == "publication date"
    middle = body + "\n澜江日报 2031年01月16日 第01版\n" + "会议号召全市上下团结奋斗。" * 80
    assert find_date(middle).source != "newspaper edition"


def test_plan_names_are_written_out_from_the_plan_periods():
    # a new plan is a line of [sections.plan_periods]: every pattern naming plans takes it, none keeps a placeholder
    raw = tomllib.loads(resources.files("planwatch.rules").joinpath("context.toml").read_text(encoding="utf-8"))
    raw["sections"]["plan_periods"]["十六五"] = "2031-2035"
    rules = parse_context_rules(raw, "context.toml")
    assert "@PLAN" not in repr(RAW)
    assert rules.plan_heading_re.search("二、“十六五”时期的主要任务")
    assert not rules.plan_heading_re.search("二、“十七五”时期的主要任务")
    assert context_rules().phrases["plan_end_lead"].search("到“十五五”末")
    assert not context_rules().phrases["plan_end_lead"].search("到“十六五”末")  # (not in the shipped periods)


def test_page_stamp_names_are_date_form_sources():
    from planwatch.extract.context.dates import _PAGE_STAMPS
    assert _PAGE_STAMPS <= {f.source for f in context_rules().date_forms}


def test_date_override_and_bad_override():
    assert str(find_date("2020年1月1日讯", override="2024-12-25").date) == "2024-12-25"
    with pytest.raises(ValueError, match="not a date"):
        find_date("x", override="25-12-2024")


def test_meta_date_used_only_when_the_text_has_none():
    assert str(find_date("正文没有日期", meta_date="2023-05-06T10:00:00").date) == "2023-05-06"
    assert str(find_date("——2024年1月16日在青石县", meta_date="2023-05-06").date) == "2024-01-16"


def test_bad_rules_are_refused_with_the_file_and_entry():
    raw = tomllib.loads(resources.files("planwatch.rules").joinpath("context.toml").read_text(encoding="utf-8"))
    with pytest.raises(ConfigError, match="unknown section"):
        parse_context_rules({**raw, "extra": {}}, "context.toml")
    broken = {**raw, "dates": {**raw["dates"], "form": [{"source": "x", "confidence": "high", "pattern": "("}]}}
    with pytest.raises(ConfigError, match=r"context.toml: \[\[dates.form\]\] #1: bad pattern"):
        parse_context_rules(broken, "context.toml")
    bad_conf = {**raw, "dates": {**raw["dates"], "form": [{"source": "x", "confidence": "sure", "pattern": "x"}]}}
    with pytest.raises(ConfigError, match="confidence must be"):
        parse_context_rules(bad_conf, "context.toml")
    bad_rel = {**raw, "clause": {**raw["clause"], "relative_years": {"今年": "zero"}}}
    with pytest.raises(ConfigError, match="must be an integer"):
        parse_context_rules(bad_rel, "context.toml")
    missing = {k: v for k, v in raw.items() if k != "home"}
    with pytest.raises(ConfigError, match="missing key 'home'"):
        parse_context_rules(missing, "context.toml")
    phrases = raw["clause"]["phrases"]
    typo = {**raw, "clause": {**raw["clause"], "phrases": {**phrases, "plan_end_laed": phrases["plan_end_lead"]}}}
    with pytest.raises(ConfigError, match=r"\[clause.phrases\] missing \[\], unknown \['plan_end_laed'\]"):
        parse_context_rules(typo, "context.toml")
    gone = {**raw, "clause": {**raw["clause"], "phrases": {k: v for k, v in phrases.items() if k != "reached"}}}
    with pytest.raises(ConfigError, match=r"missing \['reached'\]"):
        parse_context_rules(gone, "context.toml")


@pytest.mark.parametrize("name", ["cues.toml", "qualifiers.toml", "not_facts.toml"])
def test_simple_rules_files_refuse_unknown_and_missing_keys(name):
    from planwatch.extract.lexicon import check_keys, load_rules
    data = load_rules(name)  # the shipped file passes
    with pytest.raises(ConfigError, match=rf"{name}: unknown key\(s\) \['typo'\]"):
        check_keys(name, {**data, "typo": []})
    first = min(data)
    with pytest.raises(ConfigError, match=rf"{name}: missing key\(s\) \['{first}'\]"):
        check_keys(name, {k: v for k, v in data.items() if k != first})
