"""What a format reader hands back to read_file, which adds the file's identity."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from the start of an ISO-ish or PDF (D:YYYYMMDD…) date, else None."""
    if not value:
        return None
    v = value.strip().removeprefix("D:")
    digits = v[:10].replace("-", "").replace("/", "")
    if len(digits) >= 8 and digits[:8].isdigit():
        y, m, d = digits[:4], digits[4:6], digits[6:8]
        if "01" <= m <= "12" and "01" <= d <= "31":
            return f"{y}-{m}-{d}"
    return None
