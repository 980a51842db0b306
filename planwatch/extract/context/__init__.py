"""What a document says about itself, decided once with its evidence: a frozen DocumentContext.

    date      the document's date and where it came from (dates.py)
    home      its home region and why (home.py)
    sections  where kind and period change, each with the heading that changed them (sections.py)
    notes     where a glossary near the text's end (名词解释) begins and ends, with its heading: no facts in it

Every later step reads the context and never changes it; `planwatch context FILE` prints it.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ...model import Document
from .. import places
from ..textview import make_view
from .dates import Dating, DocDate, find_date, parse_date
from .home import HomeDecision, decide_home
from .sections import (
    Section,
    notes_span,
    plan_span,
    plan_year_turn,
    section_at,
    sections,
    with_works,
)

__all__ = [
    "Dating",
    "DocDate",
    "DocumentContext",
    "HomeDecision",
    "Section",
    "build_context",
    "document_context",
    "parse_date",
    "plan_span",
    "plan_year_turn",
    "section_at",
    "sections",
]


@dataclass(frozen=True)
class DocumentContext:
    dating: Dating
    home: HomeDecision
    sections: tuple[Section, ...]
    notes: tuple[int, int, str] | None = None  # (start, end, heading) of a glossary near the text's end

    @cached_property  # (asked for every figure)
    def date(self) -> DocDate | None:
        return self.dating.date

    @property
    def has_headings(self) -> bool:
        return any(s.source != "default" for s in self.sections)

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        return tuple(s.start for s in self.sections)

    def section_index(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def section_bounds(self, i: int) -> tuple[int, int]:
        """[lo, hi): the offsets section_index gives `i` for (the last section's reach to the end)."""
        starts = self._starts
        return (starts[i] if i >= 0 else -1), (starts[i + 1] if i + 1 < len(starts) else sys.maxsize)

    def section_at(self, offset: int) -> Section:
        return self.sections[self.section_index(offset)]

    def to_dict(self) -> dict[str, Any]:
        d = self.dating
        h = self.home
        return {
            "date": str(d.date) if d.date else None,
            "date_source": d.source, "date_evidence": d.evidence, "date_offset": d.start,
            "date_confidence": d.confidence,
            "review_year": d.date.review_year if d.date else None,
            "plan_year": d.date.plan_year if d.date else None,
            "region": h.name, "region_code": h.code, "region_level": h.level, "region_source": h.source,
            "region_evidence": h.evidence, "region_confidence": h.confidence,
            "sections": [{"start": s.start, "kind": s.kind, "period": s.period, "five_year": s.five,
                          "heading": s.heading, "source": s.source, "plan": s.plan} for s in self.sections],
            "notes_start": self.notes[0] if self.notes else None,
            "notes_end": self.notes[1] if self.notes else None,
            "notes_heading": self.notes[2] if self.notes else None,
        }


def build_context(folded: str, *, date: str | None = None, region: str | None = None,
                  meta_date: str | None = None) -> tuple[DocumentContext, places.Home]:
    """The context of a folded text, and the Home that finds each figure's sub-unit."""
    dating = find_date(folded, override=date, meta_date=meta_date)
    year = dating.date.year if dating.date else None  # place names valid that year
    decision = decide_home(folded, region, year)
    home = places.home_from(decision, folded, year)
    if decision.name is None and home.name is not None:
        decision = HomeDecision(home.name, None, None, "place form",
                                f"{home.name} named in the dateline or speaker line (not in the region data)",
                                "medium")
    notes = notes_span(folded)
    secs = with_works(sections(folded, dating.date), folded, notes, dating.date)  # (a glossary's lists of works)
    return DocumentContext(dating, decision, secs, notes), home


def document_context(doc: Document | str, *, date: str | None = None, region: str | None = None) -> DocumentContext:
    """The DocumentContext of a document (or a text): date, home region, sections, with evidence."""
    if isinstance(doc, str):
        text, meta_date = doc, None
    else:
        text, meta_date = doc.text, (doc.meta or {}).get("date")
    ctx, _ = build_context(make_view(text).folded, date=date, region=region, meta_date=meta_date)
    return ctx
