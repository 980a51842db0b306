"""Help text as a reader wants it: an argument shown by its name (PATH...), not by its Python type.

Typer prints `{paths}` and `<list[Path]>` for an argument; every option here has a
metavar instead (URL, N, REGION), and flags show none. The click exceptions are
imported from wherever this Typer keeps them (its own copy of click, or click).
"""

from __future__ import annotations

from typing import Any

try:  # newer Typer vendors click; its exceptions derive from TyperException
    from typer import Abort as ClickAbort
    from typer import TyperException as ClickException
except ImportError:  # pragma: no cover - older Typer depends on click
    from click.exceptions import Abort as ClickAbort  # type: ignore[no-redef,assignment]
    from click.exceptions import ClickException  # type: ignore[no-redef,assignment]

__all__ = ["ClickAbort", "ClickException", "plain_help"]


def plain_help() -> None:
    """Show an argument by its metavar alone, in the help and in the usage line."""
    try:
        from typer.core import TyperArgument
    except ImportError:  # pragma: no cover
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        return None if self.metavar else type(self).__mro__[1].display_type_rich(self, ctx)  # type: ignore[attr-defined]

    def usage_name(self: Any) -> str:
        name = self.metavar or self.name.upper()
        return name if self.required else f"[{name}]"

    TyperArgument.display_type_rich = display_type_rich  # type: ignore[method-assign]
    if hasattr(TyperArgument, "_usage_display_name"):
        TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
