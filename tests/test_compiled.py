"""The compiled build (`PLANWATCH_COMPILE=1 pip install .`: the extraction modules compiled with mypyc) gives
byte for byte the output of the pure Python one: every fact, the context and the warnings of the bundled
examples and of every case text in tests/cases.

mypyc compiles the same source to different behaviour where Python's dynamism leaks (a tuple narrowed from
Optional is a copy, so `is` fails on it; a value breaking its annotation raises TypeError), so the rules must
keep type-checking and keep their meaning compiled. The build (benchmarks/compiled.py: `pip wheel` of a copy
of the sources, in a cache folder named by their hash, never in the tree) takes a few minutes the first time
the sources are in a given state; `-m "not compiled"` leaves that test out (not the quick one: the modules
type-check as mypyc needs). It skips, saying so, where no C compiler is found.
"""

from __future__ import annotations

import difflib
import importlib.util
import shutil
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# pip's words when the index cannot be reached (the build environment gets setuptools and mypy from it)
OFFLINE = ("No matching distribution found", "NewConnectionError", "Network is unreachable",
           "Temporary failure in name resolution")


def _compiled_module():
    spec = importlib.util.spec_from_file_location("planwatch_compiled_build", ROOT / "benchmarks" / "compiled.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _inputs() -> list[dict]:
    examples = sorted(p for p in (ROOT / "planwatch" / "examples").iterdir() if p.suffix in (".txt", ".html"))
    out: list[dict] = [{"path": str(p)} for p in examples]
    for table in sorted((ROOT / "tests" / "cases").glob("*.toml")):
        data = tomllib.loads(table.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            out.append({"text": case["text"], "date": case.get("date", data.get("date")),
                        "region": case.get("region", data.get("region"))})
    return out


def test_compiled_modules_type_check() -> None:
    """mypyc compiles only code that type-checks (with setup.py's flags): a quick warning, without the build."""
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[dev]')")
    import subprocess
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    flags = ["--follow-imports=silent", "--ignore-missing-imports"]
    assert all(f'"{f}"' in setup for f in flags)  # (the flags setup.py gives mypyc)
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["planwatch"]["compiled"]
    paths = sorted({str(p.relative_to(ROOT)) for pat in patterns["modules"] for p in ROOT.glob(pat)})
    res = subprocess.run([sys.executable, "-m", "mypy", *flags, *paths], cwd=ROOT, capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0, f"the compiled build would fail: mypy finds\n{res.stdout[-3000:]}"


@pytest.mark.compiled
def test_compiled_build_gives_the_pure_output() -> None:
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        pytest.skip(f"no C compiler ({cc}): the compiled build cannot be made here")
    compiled = _compiled_module()
    try:
        build_dir = compiled.build()
    except compiled.BuildError as e:
        if any(w in str(e) for w in OFFLINE):
            pytest.skip(f"the build's requirements (setuptools, mypy) could not be fetched: {e}")
        pytest.fail(f"the compiled build failed (mypyc needs the extraction modules to type-check):\n{e}")
    inputs = _inputs()
    assert len(inputs) > 100
    pure = compiled.run_dump(inputs, None)
    built = compiled.run_dump(inputs, build_dir)
    assert pure.splitlines()[0] == "compiled: False" and built.splitlines()[0] == "compiled: True"
    if built.splitlines()[1:] != pure.splitlines()[1:]:
        diff = difflib.unified_diff(pure.splitlines()[1:], built.splitlines()[1:], "pure", "compiled",
                                    lineterm="", n=1)
        pytest.fail("the compiled build's output differs:\n" + "\n".join(list(diff)[:40]))
