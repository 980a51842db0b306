"""The doctests of the extraction modules run (each helper's examples stay true)."""

from __future__ import annotations

import importlib

import pytest
from doctest_support import run_doctests


@pytest.mark.parametrize("module", ["words", "context.dates", "context.sections", "indicators", "textview",
                                    "spans", "lexicon"])
def test_doctests(module):
    m = importlib.import_module(f"planwatch.extract.{module}")
    result = run_doctests(m)  # (a compiled module's examples too)
    assert result.failed == 0 and result.attempted > 0
