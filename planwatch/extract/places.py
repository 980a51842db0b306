"""The region of each figure: the document's own place, or a sub-unit its sentence is about.

The place data and name resolution live in regions.py (GB/T 2260 codes with validity
years); this module applies them to a document: the home region from the title, dateline
and speaker, a `--region` override, and the sub-unit a sentence opens with (醴陵市…,
高新区…) or a plan table's 市计划 column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

try:  # regions.py lands with the place data; until then every figure keeps the home region
    from . import regions as rg
except ImportError:  # pragma: no cover
    rg = None  # type: ignore[assignment]

_OPENING = re.compile(r"^(?:[-*#>\s]|预计|其中|全年|今年|去年|同时|此外|如今|目前|近年来|一是|二是|三是|四是|五是|六是|七是|八是)*")
_WHOLE = re.compile(r"全(?:市|省|县|区|州|旗|盟)")
ZONE_WORDS = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "经开区", "开发区", "新区", "自贸试验区", "自贸区")


@lru_cache(maxsize=1)
def _index() -> Any:
    return rg.RegionIndex.load()


@dataclass
class Home:
    """The document's region and the memory of the sub-unit the current paragraph is about."""

    name: str | None
    code: str | None = None
    region: Any = None           # regions.Region of the home, when known
    city_name: str | None = None
    city_code: str | None = None
    year: int | None = None
    _memo: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)

    def region_for(self, clean: str, sentence_start: int, pos: int) -> tuple[str | None, str | None]:
        """The region a figure at `pos` is about: a place opening its sentence, else home."""
        if rg is None:
            return self.name, self.code
        if sentence_start in self._memo:
            return self._memo[sentence_start]
        head = clean[sentence_start:min(pos, sentence_start + 24)]
        lead = _OPENING.match(head)
        rest = head[lead.end() if lead else 0:]
        found = self._subunit(rest) if not _WHOLE.match(rest) else None
        result = found or (self.name, self.code)
        self._memo[sentence_start] = result
        return result

    def _subunit(self, rest: str) -> tuple[str | None, str | None] | None:
        for word in ZONE_WORDS:
            if rest.startswith(word) and self.region is not None:
                return rg.zone_name(word, home=self._zone_home(word)), None
        idx = _index()
        for m in idx.find_mentions(rest[:12]):
            if m.start > 0:
                break
            r = idx.resolve(m.name, context_city=self.city_code, context_province=None, year=self.year)
            if r is None or r.code == self.code:
                return None
            # a unit below the home (醴陵市 in a 株洲市 report), not a distant namesake
            if self.code and not _inside(r.code, self.code):
                return None
            return r.name, r.code
        return None

    def _zone_home(self, word: str) -> Any:
        # 高新区 is named after the city (株洲高新区); 开发区 after the county or district
        if word in ("高新区", "高新技术产业开发区") and self.city_region is not None:
            return self.city_region
        return self.region

    @property
    def city_region(self) -> Any:
        if self.region is None:
            return None
        return rg.city_of(self.region) or self.region


def _inside(code: str, home_code: str) -> bool:
    if home_code.endswith("0000"):
        return code[:2] == home_code[:2]
    if home_code.endswith("00"):
        return code[:4] == home_code[:4]
    return code == home_code


def home_region(text: str, override: str | None = None, year: int | None = None) -> Home:
    """The document's home region: `override` (a name) when given, else from its opening lines."""
    if rg is None:
        return Home(name=override, year=year)
    idx = _index()
    region = None
    if override:
        region = idx.resolve(override, year=year)
        if region is None:
            return Home(name=override, year=year)
    else:
        region = rg.document_region(text[:1500])
    if region is None:
        return Home(name=None, year=year)
    city = rg.city_of(region) or region
    return Home(name=region.name, code=region.code, region=region,
                city_name=city.name, city_code=city.code, year=year)
