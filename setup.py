"""Build script: pure Python unless PLANWATCH_COMPILE=1, which compiles the extraction modules with mypyc.

    pip install -e '.[dev]'                  # the README's setup: pure Python, always
    PLANWATCH_COMPILE=1 pip install .        # a compiled, non-editable install (needs a C compiler and
                                             # Python's headers; pip fetches mypy for the build)

The package works the same either way (benchmarks/speed.py --compiled times both, tests/test_compiled.py
checks both give the same output). Compiled modules are only ever built into a wheel: next to the sources
(an editable install, `build_ext --inplace`) they would be imported instead of the .py files and an edit
would silently not take effect, so such a build is refused here, and planwatch.extract refuses to import
compiled modules found inside a source checkout. The modules compiled are listed in pyproject.toml
([tool.planwatch.compiled]).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import sys
import tempfile
import tomllib

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
# the mypy whose mypyc the compiled build was checked with (byte-identical output on the four test sets):
# pinned, since another mypyc may compile the same code to different behaviour
MYPYC = "mypy==2.4.1"
# commands that build extensions (the others, egg_info and dist_info, only ask for metadata)
BUILDS = {"bdist_wheel", "build", "build_ext", "install"}
IN_PLACE = {"editable_wheel", "develop", "--inplace", "-i"}


def compiled_paths() -> list[str]:
    """The source files the compiled build compiles (relative paths, sorted; no package __init__)."""
    with open(os.path.join(HERE, "pyproject.toml"), "rb") as f:
        patterns = tomllib.load(f)["tool"]["planwatch"]["compiled"]["modules"]
    paths = {os.path.relpath(p, HERE) for pat in patterns for p in glob.glob(os.path.join(HERE, pat))}
    return sorted(p for p in paths if os.path.basename(p) != "__init__.py")


def compiling() -> bool:
    flag = os.environ.get("PLANWATCH_COMPILE", "")
    if flag not in ("", "0", "1"):
        sys.exit(f"PLANWATCH_COMPILE={flag!r}: 1 compiles the extraction modules, 0 or unset builds pure Python")
    return flag == "1"


def options() -> dict:
    if not compiling():
        return {}
    if IN_PLACE & set(sys.argv[1:]):
        sys.exit("PLANWATCH_COMPILE=1 builds a wheel or a non-editable install only (`pip install .`, not "
                 "`pip install -e .`): compiled modules next to the sources would shadow them, and edits would "
                 "silently not take effect")
    opts: dict = {"setup_requires": [MYPYC]}  # (PEP 517: pip puts mypy into the build environment)
    if not BUILDS & set(sys.argv[1:]):
        return opts
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.exit(f"PLANWATCH_COMPILE=1 needs {MYPYC} to build (pip installs it into an isolated build; with "
                 "--no-build-isolation install it first)")
    # objects and modules are built in a fresh directory of their own, so no stale module of an earlier build
    # can end up in this one (the C files mypyc writes anew each time go to build/mypyc: setuptools wants
    # sources as relative paths)
    tmp = tempfile.mkdtemp(prefix="planwatch-mypyc-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    # (the modules not compiled are read for their types only; a third-party package the build environment
    # lacks is typed Any, so the build is the same whatever else is installed)
    flags = ["--follow-imports=silent", "--ignore-missing-imports"]
    opts["ext_modules"] = mypycify(flags + compiled_paths(), opt_level="3", target_dir="build/mypyc",
                                   group_name="planwatch_extract")
    opts["options"] = {"build": {"build_base": os.path.join(tmp, "build")}}
    return opts


setup(**options())
