"""rules/projects.toml: every pattern's and word list's examples do what they say, the stage
examples come out of the extractor, and a broken rules file is refused naming the file and entry."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from planwatch.errors import ConfigError
from planwatch.extract.lexicon import parse_project_rules, project_rules
from planwatch.extract.projects import has_head, is_generic, name_ok, stage_hits
from planwatch.model import Document

RAW = tomllib.loads(resources.files("planwatch.rules").joinpath("projects.toml").read_text(encoding="utf-8"))


def _pattern_cases():
    for i, p in enumerate(RAW["stages"]["pattern"]):
        for ex in p.get("examples", []):
            yield pytest.param(p["pattern"], ex, True, id=f"pattern{i}-yes-{ex[:10]}")
        for ex in p.get("not", []):
            yield pytest.param(p["pattern"], ex, False, id=f"pattern{i}-no-{ex[:10]}")


@pytest.mark.parametrize("pattern, text, matches", list(_pattern_cases()))
def test_stage_pattern_examples(pattern, text, matches):
    assert (re.search(pattern, text) is not None) == matches


@pytest.mark.parametrize("sentence, stage", sorted(RAW["stages"]["examples"].items()))
def test_stage_examples_through_the_extractor(sentence, stage):
    from planwatch.extract.projects import extract_projects

    ms = extract_projects(Document("x.txt", sentence + "。\n"))
    assert ms and {m.stage for m in ms} == {stage}, [(m.name, m.stage) for m in ms]


def test_word_list_examples():
    r = project_rules()
    ls, nm = RAW["lists"], RAW["names"]
    for ex in ls["bad_start_examples"]:
        assert not name_ok(ex, r), ex
    for ex in ls["bad_inside_examples"]:
        assert r.bad_inside_re.search(ex), ex
    for ex in ls["bad_inside_not"]:
        assert not r.bad_inside_re.search(ex), ex
        assert name_ok(ex, r), ex
    for ex in nm["generic_examples"]:
        assert is_generic(ex, r) and not name_ok(ex, r), ex


def test_heads():
    r = project_rules()
    assert has_head("北山机场", r) and has_head("澜江大道路面改造", r) and has_head("云岭镇自来水一期工程", r)
    assert not has_head("节能减排工程", r)          # a programme: no facility, no town before the work
    assert has_head("节能减排工程", r, work=True)   # …unless its list names concrete projects
    assert not has_head("美丽家园", r)


def test_stage_words_outside_quotes_only():
    r = project_rules()
    assert [h.word for h in stage_hits("扎实推进江湾片区“环境修复+开发建设”试点", 0, r)] == ["扎实推进"]


def _raw():
    return tomllib.loads(resources.files("planwatch.rules").joinpath("projects.toml").read_text(encoding="utf-8"))


def test_a_word_under_two_stages_is_refused():
    raw = _raw()
    raw["stages"]["completed"].append("开工")
    with pytest.raises(ConfigError, match=r"projects.toml.*'开工'"):
        parse_project_rules(raw, "projects.toml")


def test_an_unknown_section_or_word_is_refused():
    raw = _raw()
    raw["stagez"] = {}
    with pytest.raises(ConfigError, match="unknown section"):
        parse_project_rules(raw, "projects.toml")
    raw = _raw()
    raw["stages"]["tail_only"].append("不存在的词")
    with pytest.raises(ConfigError, match="tail_only"):
        parse_project_rules(raw, "projects.toml")


def test_a_bad_pattern_is_refused():
    raw = _raw()
    raw["lists"]["bad_inside"] = "(unclosed"
    with pytest.raises(ConfigError, match="bad_inside"):
        parse_project_rules(raw, "projects.toml")
