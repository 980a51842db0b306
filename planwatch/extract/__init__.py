"""The extraction engine: Document → facts. Only pipeline.py knows the order of steps."""

import os
from importlib.machinery import EXTENSION_SUFFIXES

_HERE = os.path.dirname(os.path.abspath(__file__))


def _refuse_compiled_in_checkout() -> None:
    """Compiled modules (a mypyc build, see setup.py) belong in an installed package only: inside a source
    checkout they would be imported instead of the .py files beside them, and an edit would silently not take
    effect. (In a checkout, pyproject.toml stands next to the package; a few stat calls, once.)"""
    if not os.path.isfile(os.path.join(_HERE, os.pardir, os.pardir, "pyproject.toml")):
        return
    stray = [os.path.join(d, f) for d in (_HERE, os.path.join(_HERE, "context"), os.path.join(_HERE, "tables"))
             if os.path.isdir(d) for f in os.listdir(d) if f.endswith(tuple(EXTENSION_SUFFIXES))]
    if stray:
        raise ImportError(f"compiled modules inside the source checkout would shadow its .py files: delete "
                          f"{', '.join(sorted(stray))} (a compiled build is `PLANWATCH_COMPILE=1 pip install .`)")


_refuse_compiled_in_checkout()
