#!/usr/bin/env python3
"""The mypyc-compiled build of this checkout, for timing and checking it: never installed, never in the tree.

    .venv/bin/python benchmarks/compiled.py          # build (or find) it; prints the folder to put on PYTHONPATH
    PYTHONPATH="$(.venv/bin/python benchmarks/compiled.py)" .venv/bin/python -P script.py   # run with it
    (-P: the folder of the script, or the current one, is not put ahead of PYTHONPATH)

The wheel `PLANWATCH_COMPILE=1 pip install .` would install is built (`pip wheel`, build isolation: pip fetches
setuptools and the pinned mypy) from a copy of the sources, and unpacked into a cache folder named by a hash of
those sources, the Python and the platform: a folder is never stale, since any edit gives another name. Only
the two newest folders are kept. The cache is $PLANWATCH_COMPILED_CACHE, else ~/.cache/planwatch/compiled.
The first build takes a few minutes (one large C file); later calls for the same sources return at once.
Used by benchmarks/speed.py --compiled and tests/test_compiled.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP = 2
# what the wheel is built from: the package and its build files (the hash's), and the readme pyproject.toml
# names (copied, not hashed: only the wheel's description holds it, and the README changes often)
SOURCES = ("planwatch", "pyproject.toml", "setup.py")
COPIED = (*SOURCES, "README.md")


class BuildError(RuntimeError):
    """The compiled build failed; the message holds pip's output."""


def cache_root() -> Path:
    env = os.environ.get("PLANWATCH_COMPILED_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "planwatch" / "compiled"


def _files(root: Path, names: tuple[str, ...] = SOURCES) -> list[Path]:
    out: list[Path] = []
    for name in names:
        p = root / name
        if p.is_dir():
            out += [f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                    and not f.name.endswith((".pyc", ".so", ".pyd"))]
        elif p.is_file():
            out.append(p)
    return sorted(out)


def source_key(root: Path = ROOT) -> str:
    """A hash of every source file the build reads, the interpreter and the platform."""
    h = hashlib.sha256(f"{sys.version}|{sysconfig.get_platform()}|{sys.implementation.cache_tag}".encode())
    for f in _files(root):
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:20]


def is_compiled(module: object) -> bool:
    """Was this module loaded from a compiled extension (not a .py file)?"""
    return not str(getattr(module, "__file__", "") or "").endswith((".py", ".pyc"))


def build(root: Path = ROOT, *, quiet: bool = True) -> Path:
    """The folder holding the compiled build of `root`'s sources (built when not cached): put it first on
    sys.path (PYTHONPATH) and `import planwatch` is the compiled package. Raises BuildError."""
    key = source_key(root)
    cache = cache_root()
    target = cache / key
    if (target / "planwatch").is_dir():
        os.utime(target)  # (newest first when pruning)
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planwatch-compile-") as tmp:
        src = Path(tmp) / "src"
        for f in _files(root, COPIED):
            dst = src / f.relative_to(root)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dst)
        wheels = Path(tmp) / "wheels"
        env = {**os.environ, "PLANWATCH_COMPILE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(src)]
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        found = sorted(wheels.glob("planwatch-*.whl")) if wheels.is_dir() else []
        if res.returncode != 0 or not found:
            raise BuildError(f"`{' '.join(cmd)}` (PLANWATCH_COMPILE=1) failed ({res.returncode}):\n"
                             f"{res.stdout[-4000:]}\n{res.stderr[-4000:]}")
        if not quiet:
            print(res.stdout[-2000:], file=sys.stderr)
        unpacked = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache))
        with zipfile.ZipFile(found[0]) as z:
            z.extractall(unpacked)
        try:
            unpacked.rename(target)  # atomic: a build racing this one for the same sources leaves one folder
        except OSError:
            shutil.rmtree(unpacked, ignore_errors=True)
    _prune(cache)
    return target


def _prune(cache: Path) -> None:
    for part in cache.glob(".*"):  # a build's unpacking left by a process killed before its rename
        if part.is_dir() and part.stat().st_mtime < time.time() - 3600:
            shutil.rmtree(part, ignore_errors=True)
    builds = sorted((p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def dump(inputs: list[dict]) -> str:
    """Everything extraction gives for each input ({"path": file} or {"text", "date", "region"}): every fact's
    JSON, the document's context and the warnings, as text to compare byte for byte between builds; the first
    line says whether the extraction modules imported are compiled."""
    import json

    from planwatch.extract import pipeline
    from planwatch.model import Document
    from planwatch.read import read_file

    out = [f"compiled: {is_compiled(pipeline)}"]
    for item in inputs:
        doc = read_file(item["path"]) if "path" in item else Document(name="text", text=item["text"])
        res = pipeline.extract(doc, date=item.get("date") or None, region=item.get("region") or None)
        out.append(f"## {item.get('path') or item['text'][:40]!r}")
        out += [f.to_json() for f in res.facts]
        out.append("CONTEXT " + json.dumps(res.context.to_dict(), ensure_ascii=False, sort_keys=True))
        out.append("WARNINGS " + json.dumps(list(res.warnings), ensure_ascii=False))
    return "\n".join(out) + "\n"


def run_dump(inputs: list[dict], build_dir: Path | None) -> str:
    """dump(inputs) in a fresh interpreter importing planwatch from `build_dir` (a compiled build), or from this
    checkout when None; PYTHONHASHSEED=0 for both."""
    import json

    env = {**os.environ, "PYTHONPATH": str(build_dir or ROOT), "PYTHONHASHSEED": "0"}
    # (-P: the script's folder is not put first on sys.path, so PYTHONPATH decides which planwatch is imported)
    res = subprocess.run([sys.executable, "-P", __file__, "--dump"], input=json.dumps(inputs), env=env,
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise RuntimeError(f"dump with PYTHONPATH={env['PYTHONPATH']} failed:\n{res.stderr[-4000:]}")
    return res.stdout


def main() -> int:
    if sys.argv[1:] == ["--dump"]:
        import json
        sys.stdout.write(dump(json.load(sys.stdin)))
        return 0
    try:
        print(build(quiet=False))
    except BuildError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
