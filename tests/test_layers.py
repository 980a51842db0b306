"""The layers import one way (ARCHITECTURE.md): model, errors and config import nothing of
planwatch's; read and extract only those; analyse never the store; services never the CLI;
the CLI reaches the store, the readers and the engine only through services."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "planwatch"

# module prefix → planwatch modules it may import (prefixes)
ALLOWED: dict[str, tuple[str, ...]] = {
    "planwatch.model": (),
    "planwatch.errors": (),
    "planwatch.config": ("planwatch.errors",),
    "planwatch.read": ("planwatch.read", "planwatch.model", "planwatch.errors", "planwatch.config"),
    "planwatch.extract": ("planwatch.extract", "planwatch.model", "planwatch.errors"),
    "planwatch.analyse": ("planwatch.analyse", "planwatch.model", "planwatch.errors"),
    "planwatch.export": ("planwatch.model", "planwatch.errors"),
    "planwatch.present": (),
    "planwatch.store": ("planwatch.store", "planwatch.model", "planwatch.errors", "planwatch.analyse"),
    "planwatch.services": ("planwatch.services", "planwatch.store", "planwatch.analyse", "planwatch.read",
                           "planwatch.extract", "planwatch.model", "planwatch.errors", "planwatch.config",
                           "planwatch.export", "planwatch.__version__", "planwatch.present"),
    "planwatch.cli": ("planwatch.cli", "planwatch.services", "planwatch.present", "planwatch.errors",
                      "planwatch.config", "planwatch.model", "planwatch.export", "planwatch.__version__",
                      "planwatch.web"),
    # the web pages and API: like the CLI, through services only
    "planwatch.web": ("planwatch.web", "planwatch.services", "planwatch.present", "planwatch.errors",
                      "planwatch.config", "planwatch.model", "planwatch.export", "planwatch.__version__"),
}


def _module(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("planwatch")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("planwatch"):
                out.add(name if node.module else name)
                if not node.module:  # from . import x
                    out |= {f"{name}.{a.name}" for a in node.names}
    return out


CASES = [(p, _module(p)) for p in sorted(PKG.rglob("*.py"))
         if any(_module(p) == k or _module(p).startswith(k + ".") for k in ALLOWED)]


@pytest.mark.parametrize("path,module", CASES, ids=[m for _, m in CASES])
def test_imports_go_one_way(path: Path, module: str) -> None:
    layer = next(k for k in sorted(ALLOWED, key=len, reverse=True) if module == k or module.startswith(k + "."))
    bad = {i for i in _imports(path, module)
           if i not in (module, "planwatch") and not any(i == a or i.startswith(a + ".") for a in ALLOWED[layer])}
    assert not bad, f"{module} imports {sorted(bad)}, outside its layer ({layer})"


def test_cli_reaches_the_store_only_through_services() -> None:
    files = sorted((PKG / "cli").glob("*.py"))
    assert len(files) >= 7
    for path in [*files, *sorted((PKG / "web").glob("*.py"))]:
        imports = _imports(path, _module(path))
        assert not {i for i in imports if i.startswith("planwatch.store")}, f"{path.name} imports the store directly"


def test_the_import_reader_sees_relative_imports() -> None:
    # the check above is only as good as this reader: pipeline.py imports model and places relatively
    found = _imports(PKG / "extract" / "pipeline.py", "planwatch.extract.pipeline")
    assert "planwatch.model" in found and "planwatch.extract.places" in found


def test_inline_target_phrases_hold_a_hint_word() -> None:
    # context.sections only looks for inline target phrases on lines holding a hint word (speed):
    # the shipped rules hold one each, and the loader refuses a phrase without one
    import copy
    import tomllib

    from planwatch.extract.lexicon import INLINE_HINTS, ConfigError, parse_context_rules
    rules = tomllib.loads((PKG / "rules" / "context.toml").read_text(encoding="utf-8"))
    assert all(any(h in w for h in INLINE_HINTS) for w in rules["sections"]["inline"]["target"])
    bad = copy.deepcopy(rules)
    bad["sections"]["inline"]["target"].append("今年要做到")
    with pytest.raises(ConfigError, match="今年要做到"):
        parse_context_rules(bad, "context.toml")
