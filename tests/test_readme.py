"""The README's sample sessions are what the commands print.

Each ```console block of the README is a session: lines starting `$ planwatch` are run (with
`demo.db` and `seeds.db` standing for databases made here), and the lines after each are its
stdout, exactly. `python tests/test_readme.py --update` rewrites the blocks from a fresh run.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SEEDS = ROOT.parent / "shared" / "seeds"
_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def sessions(text: str) -> list[list[tuple[str, list[str]]]]:
    """Each console block as [(command, expected stdout lines), …]."""
    out = []
    for block in _BLOCK.findall(text):
        steps: list[tuple[str, list[str]]] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        out.append(steps)
    return out


def run(command: str, dbs: dict[str, str]) -> list[str]:
    """stdout of one README command, as the lines a user sees."""
    import contextlib
    import io

    from planwatch.cli import main
    args = shlex.split(command.split(" > ")[0])
    assert args[0] == "planwatch", command
    args = [dbs.get(a, a) for a in args[1:]]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.suppress(SystemExit):
        main(args)
    if " > /dev/null" in command:
        return []
    return [line.rstrip() for line in out.getvalue().rstrip("\n").splitlines()]


def databases(tmp: Path) -> dict[str, str]:
    from planwatch import services
    dbs = {"demo.db": str(tmp / "demo.db")}
    if SEEDS.is_dir():
        dbs["seeds.db"] = str(tmp / "seeds.db")
        services.ingest([SEEDS], dbs["seeds.db"])
    return dbs


def test_readme_sessions_are_what_the_commands_print(tmp_path: Path) -> None:
    dbs = databases(tmp_path)
    checked = 0
    for steps in sessions(README.read_text(encoding="utf-8")):
        if any("seeds.db" in c for c, _ in steps) and "seeds.db" not in dbs:
            continue   # ../shared/seeds is not here
        for command, expected in steps:
            assert run(command, dbs) == [line.rstrip() for line in expected], command
            checked += 1
    assert checked >= 3
    if not SEEDS.is_dir():
        pytest.skip("the seeds' session was not checked: ../shared/seeds is not here")


def test_every_setting_is_documented() -> None:
    from dataclasses import fields

    from planwatch.config import Settings
    text = README.read_text(encoding="utf-8")
    for f in fields(Settings):
        assert f"{f.name} = " in text and f"PLANWATCH_{f.name.upper()}" in text, f.name


def update(tmp: Path) -> None:
    """Rewrite every console block with what its commands print now."""
    dbs = databases(tmp)
    text = README.read_text(encoding="utf-8")

    def fill(m: re.Match[str]) -> str:
        lines = []
        for command, _ in sessions(m.group(0))[0]:
            lines.append("$ " + command)
            lines += run(command, dbs)
        return "```console\n" + "\n".join(lines) + "\n```"

    README.write_text(_BLOCK.sub(fill, text), encoding="utf-8")


if __name__ == "__main__":
    import tempfile
    if sys.argv[1:] == ["--update"]:
        with tempfile.TemporaryDirectory() as d:
            update(Path(d))
