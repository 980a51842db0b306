"""The doctests of the extraction modules run (each helper's examples stay true)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("module", ["words", "context.dates", "context.sections", "indicators", "textview",
                                    "spans", "lexicon"])
def test_doctests(module):
    m = importlib.import_module(f"planwatch.extract.{module}")
    result = doctest.testmod(m)
    assert result.failed == 0 and result.attempted > 0
