"""doctest.testmod for a module that may be compiled: mypyc's functions show doctest no docstring, so a compiled
module's examples are read from the .py source beside it and run against the compiled module (the same
globals testmod gives)."""

from __future__ import annotations

import ast
import doctest
from pathlib import Path
from types import ModuleType


def run_doctests(module: ModuleType) -> doctest.TestResults:
    path = Path(module.__file__ or "")
    if path.suffix in (".py", ".pyc"):
        return doctest.testmod(module)
    source = path.with_name(path.name.split(".")[0] + ".py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(verbose=False)

    def visit(node: ast.AST, name: str) -> None:
        doc = ast.get_docstring(node, clean=False) if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) else None
        if doc:
            lineno = node.body[0].lineno - 1 if not isinstance(node, ast.Module) else 0  # type: ignore[attr-defined]
            test = parser.get_doctest(doc, module.__dict__.copy(), name, str(source), lineno)
            if test.examples:
                runner.run(test)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, f"{name}.{child.name}")

    visit(tree, module.__name__)
    return runner.summarize(verbose=False)
