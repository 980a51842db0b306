"""The region of each figure: the document's own place, or a sub-unit the text is about.

The place data and name resolution live in regions.py (GB/T 2260 codes with validity
years); this module applies them to a document:
- the home region from the title, dateline and speaker, or a `--region` override;
- a sub-unit that opens a sentence (醴陵市…, 高新区…, 雄安新区…) holds for the rest of
  its paragraph, until a sentence opens with another place or the home's own
  whole-word (全市 in a city report) appears;
- a sub-unit opening the figure's own clause (…，冉庄镇通过…实现增收228.9万元) holds
  for that clause only, unless its clause states a figure or is a part after ；(`_holds_on`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Final

from . import regions as rg
from .aho import Automaton
from .indicators import only_places
from .lexicon import lexicon
from .segment import separators

_OPENING: Final = re.compile(r"(?:[-*#>\s“”]|预计|其中|全年|今年|去年|同时|此外|如今|目前|近年来|[一二三四五六七八九十]是"
                      r"|推动|推进|促进|力争|确保|(?:到|至)?(?:19|20)\d\d年(?:底|末)?)*")  # (确保到2016年全省…)
# 全市 switches back to the home, unless it is the scope of a rank or comparison (居全市第一)
_WHOLE: Final = re.compile(r"全(市|省|县|区|州|旗|盟)")
_WHOLE_NOT_AFTER: Final = "居列在占于名比较为是超举集"  # 居全市第一, 占全市…, 已成为全省…增长带, 举全市之力: a scope
_WHOLE_SUBJECT: Final = re.compile(rf"(?<![{_WHOLE_NOT_AFTER}])全(?:市|省|县|区|州|旗|盟)")  # the whole home as a subject
# 全社会 opening a clause (…项目竣工投用，确保…，全社会固定资产投资增长10%) speaks of the whole home, as 全市
# does; right after a place (某县全社会…) it is that place's
# (found with str.find and checked with endswith: a pattern opening with lookbehinds is tried at every position)
_WHOLE_SOCIETY_AFTER: Final = ("，", ",", "。", "；", ";", "：", ":", "\n", "确保", "力争", "实现", "预计", "全年")
_LOCAL_START: Final = ("县城", "城区", "市区", "县域")   # 县城工业园区 belongs to the home: 徐水县县城工业园区
BARE_ZONES: Final = ("高新区", "高新技术产业开发区", "经开区", "经济技术开发区", "开发区", "经济开发区", "综合保税区", "综保区")


@lru_cache(maxsize=1)
def _unit_words() -> Automaton[str]:
    """Zone words, local words and new areas: where a unit that is no place name may begin (leftmost longest,
    as the words' alternation finds them; an automaton skips the text at C speed, re tries each position)."""
    words = set(BARE_ZONES + _LOCAL_START + ("全国", "全省")) | set(_index().new_areas)
    return Automaton(((w, w) for w in sorted(words, key=len, reverse=True)), longest=True)


@lru_cache(maxsize=1)
def _index() -> rg.RegionIndex:
    return rg.RegionIndex.load()


@dataclass
class Home:
    """The document's region, and the sub-unit the text is about at each point."""

    name: str | None
    code: str | None = None
    region: Any = None            # regions.Region of the home, when known
    city_name: str | None = None
    city_code: str | None = None
    year: int | None = None
    _para: int = -1
    _carry: tuple[str | None, str | None] | None = None   # a named zone the paragraph is about
    _carry_age: int = 0   # full sentences since the zone's own sentence, or the last that named it again
    _carry_event: bool = False   # the zone's sentence tells an event of it (获批, 通过验收 …) or a figure of its own
    _sentence: int = -1
    _in_sentence: list[tuple[int, tuple[str | None, str | None]]] = field(default_factory=list)
    _mentions: rg.Mentions | dict[int, Any] = field(default_factory=dict)  # by start
    _ends: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)   # where a place, zone or local word begins
    _places: dict[int, str] = field(default_factory=dict)  # unlisted places by their form (XX县)
    _clean_len: int = 0
    _wholes: list[int] = field(default_factory=list)   # where the home's whole-word (全市) stands
    _clause_seps: list[int] = field(default_factory=list)  # where a clause ends (，；：)

    def prepare(self, clean: str) -> None:
        """Find every place name and sentence end of the text once (lookups are then cheap)."""
        if self.name is None:
            return
        idx = _index()
        if self.region is not None:
            # (each resolved when first asked for: most are no clause's opening)
            self._mentions = idx.mentions(clean, context_city=self.city_code, year=self.year)
            mention_starts = self._mentions.starts()
            self._places = {}
        else:
            # a place the data does not hold (new or unlisted): its sub-units by their form alone
            self._mentions = {}
            mention_starts = []
            not_ends = lexicon().phrase.not_place_endings  # (棚户区, 禁养区: words of a place's form)
            forms = [m for m in _PLACE_FORM.finditer(clean) if m.group(0) not in _NOT_PLACES
                     and not m.group(0).endswith(not_ends)
                     and m.group(0)[1:] not in _NOT_PLACES  # (使城市…: a word, not a place's last two characters)
                     and m.group(0)[0] not in _NOT_FIRST and m.group(0) not in (self.name, self.city_name)]
            self._places = {m.start(): m.group(0) for m in forms}
        self._ends = separators(clean, _SENTENCE_END)
        self._clause_seps = separators(clean, _CLAUSE_SEPS)
        self._wholes = sorted([m.start() for m in _WHOLE.finditer(clean) if m.group(1) == self.level_char
                               and not (m.start() and clean[m.start() - 1] in _WHOLE_NOT_AFTER)]
                              + [i for i in _find_all(clean, "全社会") if clean.endswith(_WHOLE_SOCIETY_AFTER, 0, i)]
                              # (州域内, 市域: the home's whole area too, in a report of that level; found with
                              # str.find: an alternation opening with 市 or 县 cost re a try at each of them)
                              + (_find_all(clean, self.level_char + "域") if self.level_char and self.level_char in "市县州旗盟" else []))
        zone_starts = [a for a, _, _ in _unit_words().iter(clean)]
        if self.region is None:  # with the data, the home's name is a mention already
            for prefix in {p for p in self._zone_prefixes if p}:
                zone_starts += _find_all(clean, prefix)  # 澜江高新区, 青石经济开发区
        self._starts = sorted(set(mention_starts) | set(zone_starts) | set(self._places))
        self._clean_len = len(clean)

    def _sentence_start(self, pos: int) -> int:
        k = bisect_left(self._ends, pos)
        return self._ends[k - 1] + 1 if k > 0 else 0

    def _sentence_end(self, s: int) -> int:
        k = bisect_left(self._ends, s)
        return self._ends[k] if k < len(self._ends) else self._clean_len

    def _zone(self, word: str) -> str:
        """高新区 → 株洲高新区: a zone named after its home (the city for a city-level zone)."""
        if self.region is not None:
            return _index().zone_for(word, self.region)
        z = _index().zone(word)
        home = self.city_name if z is not None and z.home_level != "self" and self.city_name else self.name
        return _short(home or "") + (z.named if z is not None else word)

    @property
    def _zone_prefixes(self) -> tuple[str, str]:
        return _short(self.city_name or ""), _short(self.name or "")

    @cached_property
    def _zone_openings(self) -> tuple[str, ...]:
        """Every way a bare zone may open a clause: 高新区…, 株洲高新区…"""
        return BARE_ZONES + tuple(p + w for p in self._zone_prefixes if p for w in BARE_ZONES)

    @property
    def level_char(self) -> str:
        return (self.name or "")[-1:]

    def region_why(self, clean: str, sentence_start: int, pos: int) -> tuple[str | None, str | None, str]:
        """The region of a figure at clean offset `pos` (the same whatever was asked before; asking in
        text order is fastest)."""
        if self.name is None:
            return None, None, "no home region"
        s = self._sentence_start(pos)
        if s != self._sentence:
            para = clean.rfind("\n", 0, s) + 1
            if para != self._para or s < self._sentence:
                # a new paragraph, or a figure before the last one asked about (relations come after
                # the prose): walk the paragraph from its start, so the answer never depends on the order
                self._para, self._carry = para, None
                self._read_between(clean, para, s)
            else:
                self._read_between(clean, self._sentence + 1, s)
            self._sentence = s
            carry = self._carry
            self._in_sentence = self._units_of(clean, s, self._sentence_end(s))
            if self._carry is carry and carry is not None:  # (identity first: mypyc copies a narrowed tuple)
                self._age(clean, s, self._sentence_end(s))
        found = None
        for at, unit in self._in_sentence:
            if at > pos:
                break
            if (unit[0] == "全国" or clean.startswith("全省", at)) and _CLAUSE_SEP.search(clean, at, pos):
                continue  # 全国 (全省 in a city's report) holds its own clause only
            if (ex := _EXAMPLE_OF.search(clean, at, pos + 1)) and not _CLAUSE_SEP.search(clean, at, ex.start()):
                continue  # 五华区西翥街道等14个乡镇…: an example of a group, in the unit's own clause
            if at > s and (_SEMICOLON.search(clean, at, pos) or (sep := _CLAUSE_SEP.search(clean, at, pos))
                           and not _holds_on(clean, at, sep.start(), pos, unit)):
                continue  # a unit opening a clause holds to the next ；, or only its own clause (_holds_on)
            if at == s and unit[1] is not None and unit[1] != self.code and (sep := _CLAUSE_SEP.search(clean, at, pos)) \
                    and _names_a_thing(clean, at, sep.start(), pos, unit[0] or "",
                                       above=self.code is not None and _inside(self.code, unit[1])):
                continue  # 漳州核电一期投入商业运行，…，工业投资增长6.1%: the place named a thing, not the subject
            found = unit
        if found is None:
            if self._carry is not None and self._carry_age <= (0 if self._carry_event else CARRY_SENTENCES) \
                    and not self._whole_between(s, pos):
                return (*self._carry, f"paragraph about {self._carry[0]}")
            return self.name, self.code, "home"
        at = max(a for a, u in self._in_sentence if u == found and a <= pos)
        if (w := self._whole_at(at, pos)) is not None:
            return self.name, self.code, f"home ({clean[w:w + (3 if clean.startswith('全社会', w) else 2)]} after {found[0]})"
        if found == (self.name, self.code):
            return self.name, self.code, "home"
        return (*found, f"{'sentence' if at == s else 'clause'} opens with {clean[at:at + 12].strip()!r}")

    def listed_units(self, clean: str, a: int, b: int, first_run: bool = False) -> list[tuple[str, str | None]]:
        """Sub-units of the home listed in clean[a:b] (隆阳、施甸和腾冲生产总值分别增长…), in order, as
        (name, code: None for a zone); [] when the text there lists no two of them joined only by 、和及与.
        `first_run`: the first list only (a place the data does not know ends it, 甲、乙、朝阳、丙: 甲, 乙)."""
        out: list[tuple[str, str | None]] = []
        last_end = -1
        for p in self._starts[bisect_left(self._starts, a):bisect_left(self._starts, b)]:
            m = self._mentions.get(p)
            if m is None or m.region is None or not self.code or m.region.code == self.code \
                    or not _inside(m.region.code, self.code):
                continue
            if out and not _LIST_GAP.fullmatch(clean, last_end, p):
                if first_run:
                    break
                out = []  # not joined to the list before: a list begins again here
            out.append((m.region.name, m.region.code))
            last_end = m.end
        zones = self._listed_zones(clean, a, b) if self._zone_list_may_open(clean, a, b) else []
        return zones if len(zones) > len(out) else out if len(out) > 1 else []  # (永宁、贺兰工业园区: zones, not counties)

    def opening_units(self, clean: str, s: int, b: int, first_run: bool = False) -> list[tuple[str, str | None]]:
        """The units listed_units finds in clean[s:b] when a unit opens the sentence at `s` (甲高新区、乙工业园区获批…),
        else [] (…，通化、白山结束…: a list inside the sentence is no subject of its later figures)."""
        lead = _OPENING.match(clean, s, b)
        a = lead.end() if lead else s
        k = bisect_left(self._starts, a)
        return self.listed_units(clean, a, b, first_run) if k < len(self._starts) and self._starts[k] == a else []

    def _zone_list_may_open(self, clean: str, a: int, b: int) -> bool:
        """(A list of zones holds a zone word and a joiner: most clauses are skipped with two finds.)"""
        return _LIST_GAP.search(clean, a, b) is not None and any(clean.find(w, a, b) >= 0 for w in ("区", "园"))

    def _listed_zones(self, clean: str, a: int, b: int) -> list[tuple[str, str | None]]:
        """Zones listed opening clean[a:b] (高新区、经开区…排名分别居第18位、第22位; 苏银产业园和永宁、贺兰工业园区…):
        each as named (a bare zone word after its home; a short name before a listed zone word takes that word),
        in order; [] when the text opens with no two of them."""
        lead = _OPENING.match(clean, a, b)
        names, _ = zone_list(clean[lead.end() if lead else a:b])
        return [(self._zone(n) if n in BARE_ZONES else n, None) for n in names]

    def outside_owner(self, clean: str, sentence_start: int, pos: int) -> tuple[str, str] | None:
        """A place outside the home named right before the total of a figure's sentence (2021年北京市地区生产总值…,
        深圳的GDP… in a news page on several cities, or in a report comparing with another city): that place,
        whose figure it is; None for the home, its parts and the places above it."""
        if not self.code or self.region is None:
            return None
        m = None
        for m in lexicon().phrase.area_total_re.finditer(clean, sentence_start, pos):
            pass
        if m is None:
            return None
        gap = lexicon().phrase.owner_gap_re.search(clean, max(sentence_start, m.start() - 4), m.start())
        end = gap.start() if gap is not None else m.start()
        a = max(sentence_start, end - 10)
        # (looked up without the home as context: a news page's other cities are named short, 广州GDP…)
        mention = next((x for x in _index().find_mentions(clean[a:end]) if x.end == end - a and x.region), None)
        if mention is None or mention.region is None or (a + mention.start and clean[a + mention.start - 1] in _LIST_JOIN):
            return None  # (甲县、乙县生产总值分别…: the last of places listed owns no figure alone)
        code = mention.region.code
        if code == self.code or _inside(code, self.code) or _inside(self.code, code):
            return None
        return mention.region.name, code

    def is_above(self, code: str | None) -> bool:
        """Is `code` a region above the home (the province of a city's report)?"""
        return bool(code and self.code and code != self.code and _inside(self.code, code))

    def part_code(self, name: str) -> str | None:
        """The code of a part of the home named whole (曹妃甸区); None for a zone the region data does not know."""
        m = next(iter(_index().find_mentions(name, context_city=self.city_name or self.name, year=self.year)), None)
        code = m.region.code if m is not None and m.region is not None and m.end == len(name) else None
        return code if self.is_part(code) else None

    def is_part(self, code: str | None) -> bool:
        """Is `code` a region inside the home, not the home itself?"""
        return bool(code and self.code and code != self.code and _inside(code, self.code))

    def field_only(self, clean: str, sentence_start: int, pos: int, region: str | None, code: str | None,
                   ranked: bool, titled: bool) -> str | None:
        """Why the region found for a figure is only the field of the home's own figure, or None when it is the
        figure's: a rank taken in 全国 or in the place above (全国…考核排名第2, 全省市州营商环境评价第9, unless a wider
        field follows that place: 全省经济总量居全国第8 is the province's), or titles the nation or the place above
        grants, counted in a lower report (全省休闲农业示范镇2个, 全国文明村镇3个)."""
        if ranked and (region == "全国" or (self.is_above(code) and not lexicon().phrase.wider_scope_re.search(
                clean, max(sentence_start, pos - 40), pos))):
            return f"home (a rank taken in {region})"
        if titled and (region == "全国" or self.is_above(code)):
            return f"home (titles of {region} counted)"  # (全国双拥模范城3个 in a province's report: its own)
        return None

    def region_for(self, clean: str, sentence_start: int, pos: int) -> tuple[str | None, str | None]:
        name, code, _ = self.region_why(clean, sentence_start, pos)
        return name, code

    def _whole_between(self, a: int, b: int) -> bool:
        """Does the home's own whole-word (全市 in a city report) stand in [a, b)?"""
        return self._whole_at(a, b) is not None

    def _whole_at(self, a: int, b: int) -> int | None:
        """Where the first of the home's own whole-words in [a, b) stands, or None."""
        k = bisect_left(self._wholes, a)
        return self._wholes[k] if k < len(self._wholes) and self._wholes[k] < b else None

    def _read_between(self, clean: str, start: int, stop: int) -> None:
        """Sentences with no figure still move the paragraph's topic (雄安新区建设成效显著。)."""
        i = start
        while 0 <= i < stop:
            j = self._sentence_end(i)
            k = bisect_left(self._starts, i)
            p = self._starts[k] if k < len(self._starts) else -1
            carry = self._carry
            if i <= p < j and (p == i or _OPENING.fullmatch(clean, i, p)):
                unit = self._opening_unit(clean[i:min(j, i + 40)], i, sentence=True)
                self._update_carry([(i, unit)] if unit is not None else [], clean, i, j)
            if self._carry is carry and carry is not None:
                self._age(clean, i, j)
            if self._carry is not None and self._whole_between(i, j):
                self._carry = None  # …试验区建设全面完成，…，全市城乡居民…: the text is back on the whole home
            i = j + 1 if j < stop else stop

    def _units_of(self, clean: str, s: int, e: int) -> list[tuple[int, tuple[str | None, str | None]]]:
        """Sub-units opening the sentence at `s` or one of its clauses, with their clean offsets."""
        out = []
        things = []
        seen: set[int] = set()
        # only where a place or zone word begins can a clause open with one (speed)
        for p in self._starts[bisect_left(self._starts, s):bisect_left(self._starts, e)]:
            k = bisect_left(self._clause_seps, p) - 1  # the last clause end before p
            c = max(s, self._clause_seps[k] + 1) if k >= 0 else s
            item = p > c and clean[p - 1] == "、" and _DIGIT.search(clean, max(c, p - 7), p - 1) is not None
            if item:
                c = p  # 其中大连14万株、抚顺10万株: after a figure and 、, a part of the home opens an item of its own
            if c in seen or (p > c and not _OPENING.fullmatch(clean, c, p)):
                continue
            seen.add(c)
            unit = self._opening_unit(clean[c:min(e, c + 40)], c, sentence=(c == s))
            if unit is not None and unit[1] is not None and (m := self._mentions.get(p)) is not None \
                    and clean.startswith(_index().thing_heads, m.end):
                # 营口港20万吨矿石码头基本完工，…, 郑州机场旅客吞吐量…: the place names a port or an airport, whose
                # figures are the home's (the name stays in the indicator); it still ends a zone's topic
                things.append((c, unit))
                continue
            if unit is not None and item and (unit[0] == "全国" or unit[1] is not None and not self.is_part(unit[1])):
                continue  # (…、全国文明村2个, …、四川省名牌产品24个: a title's scope, no part of the home; a zone is one)
            if unit is not None:
                out.append((c, unit))
        self._update_carry([(c, u) for c, u in out + things if c == s], clean, s, e)  # (one unit opens at s)
        return out

    def _age(self, clean: str, i: int, j: int) -> None:
        """A sentence after the zone's own: a full sentence (ended by 。) ages the topic, one naming the zone
        again (…落户新区, 目前入园…) renews it; past CARRY_SENTENCES the paragraph has moved on (冬奥会筹办…)."""
        name = self._carry[0] if self._carry else None
        text = clean[i:j]
        if name and (name in text or name[-2:] in text or _ZONE_AGAIN.search(text)):
            self._carry_age = 0
        elif i > 0 and clean[i - 1] in _FULL_STOPS:  # (the sentence before ended here: ； parts count as one)
            self._carry_age += 1

    def _update_carry(self, units: list[tuple[int, tuple[str | None, str | None]]], clean: str, a: int,
                      b: int) -> None:
        """A sentence opening with a unit sets the paragraph's topic: only a named zone
        (雄安新区, …产业园区) holds on; a county named as an example (通化市入选…) does not. A sentence telling
        an event of the zone (…园区通过验收, …新区获批), stating a figure, or not a short line of its progress
        (`_topic_line`) holds only the sentences that name it again."""
        if units:
            name = units[0][1][0] or ""
            named_zone = name.endswith(_CARRY_SUFFIX) and not name.endswith(BARE_ZONES)
            self._carry = units[0][1] if named_zone else None
            self._carry_age = 0
            # (a sentence stating a figure of the zone is one item of a list of the year's work, not a topic
            # sentence: 苏州自贸片区新增制度创新成果30项。大力招引总部机构，…; in a random 16 of the archive's
            # carried facts, 13 were wrong, all after an event or a figure of the zone's own sentence)
            self._carry_event = lexicon().phrase.zone_event_re.search(clean, a, b) is not None \
                or _DIGIT.search(clean, a, b) is not None or not _topic_line(clean, a, b, name)

    def _opening_unit(self, head: str, at: int, sentence: bool = False) -> tuple[str | None, str | None] | None:
        """A place or zone opening `head` (at clean offset `at`), as (name, code); home's own
        name when it names home."""
        lead = _OPENING.match(head)
        skip = lead.end() if lead else 0
        rest = head[skip:]
        if not rest:
            return None
        if rest.startswith("全国") and not rest.startswith(_NATION_NOT, 2) and not _RANK_LIST.match(rest, 2):
            return "全国", None  # 全国粮食总产量…: a national figure quoted for comparison
        if rest.startswith("全省") and not rest.startswith(_NATION_NOT, 2) and not _PRAISE.match(rest, 2) \
                and self.region is not None and self.region.level != "province" \
                and (p := _index().province_of(self.region)) is not None:
            return p.name, p.code  # 全省经济增速已由…降至… in a city's report: the province's figure
        idx = _index()
        if rest.startswith(self._zone_openings):  # (one test first: most openings name no zone)
            prefixes = [p for p in self._zone_prefixes if p]  # (once: a property)
            for word in BARE_ZONES:
                if rest.startswith(word) and self.region is not None and self.region.name not in _index().municipalities \
                        and (self.region.level == "province" or (word == "开发区" and self.region.level == "prefecture")):
                    # 开发区营业收入增长8% in a province's report: all its zones (天津's 开发区 is one zone); so is
                    # 开发区 alone in a city's (推进开发区改革，8个开发区…; its 高新区 or 经开区 is one zone)
                    break
                if rest.startswith(word) or any(rest.startswith(p + word) for p in prefixes):
                    end = rest.find(word) + len(word)
                    if rest[end:end + 1] in _LIST_JOIN:
                        return None  # 高新区、陶瓷工业园和乐平工业园共完成…: zones listed, no one of them
                    return self._zone(word), None  # 高新区…, 株洲高新区…
        if self.region is None:
            place = self._places.get(at + skip)
            return (place, None) if place else None
        m0 = self._mentions.get(at + skip)
        first = None if m0 is None else _Local(m0.end - m0.start, m0.region, m0.short)
        z = lexicon().phrase.named_zone_re.match(rest)
        if z and (first is not None or z.group(0).startswith(_LOCAL_START) or z.group(0) in idx.new_areas) and \
                (first is None or z.end() > first.end):
            name = z.group(0)
            return ((self.name or "") + name if name.startswith(_LOCAL_START) else name), None
        if first is None or first.region is None:
            return None
        if _ROUTE.match(rest, first.end):
            return None  # 驻马店至信阳高速公路…: a route between places names a thing, not its subject
        if rest[first.end:first.end + 1] in _LIST_JOIN:
            # 通化、白山…: places listed as examples, or as the subjects of 分别/各 figures (each one's region is
            # the caller's, listed_units): no one of them, and no place of an earlier clause either
            return (self.name, self.code) if self.code and _inside(first.region.code, self.code) else None
        r = first.region
        if r.code == self.code:
            return self.name, self.code
        if self.code and r.code != self.code and _inside(self.code, r.code):
            # the province above a city report (云南省…增长5%); a short name is an
            # organisation's (湖南工业大学, 株洲西输变电站), not the place's
            return (r.name, r.code) if not first.short and len(r.name) > 2 else None
        if self.code and not _inside(r.code, self.code):
            # another place entirely (a sister city): its own figure when it is the subject, its name followed by
            # what it did or its indicator (重庆实现社会消费品零售总额…, 苏州规模以上工业总产值…); else (北京冬奥会…)
            # not this report's sub-unit
            if r.level in ("province", "prefecture") and _opens_subject(rest, first.end):
                return r.name, r.code
            return (self.name, self.code) if sentence else None
        if first.short and r.level == "county" and not _opens_subject(rest, first.end):
            # 天元工业软件园, 炎陵黄桃: a county's short name names a thing of the place (东安地区生产总值…: its total)
            return None
        return r.name, r.code


def opens_subject(rest: str) -> bool:
    """Does `rest`, the words after places listed, open with what they did or their indicator (实现…, 经济总量…)?"""
    return _opens_subject(rest, 0)


def _opens_subject(rest: str, at: int) -> bool:
    """Do regions.toml's `subject_words` (or `subject_growth`: 茶陵增长6.2%) follow another place's name at `at`
    (重庆实现…, 杭州市的GDP…), or its `speaker_clause` (长沙提出，…)?"""
    at += rest.startswith(("市", "省"), at)
    if (part := lexicon().phrase.year_part_re.match(rest, at)) is not None:
        at = part.end()  # 北京前三季度地区生产总值…: the part of the year the figure is for
    at += rest.startswith("的", at)
    if rest.startswith(_index().subject_words, at) or _index().subject_growth.match(rest, at) is not None:
        return True
    sep = _CLAUSE_SEP.search(rest, at)  # (…提出，…: the place speaks for its sentence; its clause ends on ：too)
    return sep is not None and _index().speaker_clause.fullmatch(rest, at, sep.end() if rest[sep.start()] in "：:" else sep.start()) is not None


def zone_list(text: str) -> tuple[list[str], str]:
    """The zones a text opens with, listed (经开区、高新区、苏银产业园和永宁、贺兰工业园区工业增加值…), as written (a short
    name before a listed zone word takes that word: 永宁工业园区), and the rest of the text after the last one
    (工业增加值…); ([], text) when it opens with no two of them."""
    ph = lexicon().phrase
    pieces = _LIST_GAP.split(text)
    if len(pieces) < 2 or any(ph.zone_class_re.search(p) for p in pieces[:-1]):
        return [], text  # 国家级、省级开发区分别…, 千亿、百亿园区…, 各县市区和…: classes of zones, not zones
    if (lead := ph.zone_list_lead_re.match(pieces[0])) is not None:
        pieces[0] = pieces[0][lead.end():]  # 对高新区、…分别下放, 力促某产业园区、…: the verb is no part of a name
    out: list[str] = []
    waiting: list[str] = []  # short names sharing the zone word of the next item
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        z = ph.zone_item_re.match(piece) if last else ph.zone_item_re.fullmatch(piece)
        if z is None:
            if last or len(piece) > 4 or not _CJK_ONLY.fullmatch(piece):
                return [], text
            waiting.append(piece)
            continue
        out += [w + z.group("word") for w in waiting]
        waiting = []
        if ph.zone_class_re.search(z.group(0)):
            return [], text
        out.append(z.group(0))
        if last:
            return (out, piece[z.end():]) if len(out) > 1 else ([], text)
    return [], text


def _topic_line(clean: str, a: int, b: int, name: str) -> bool:
    """Is the sentence clean[a:b] a zone's topic line, whose paragraph the sentences after it tell (雄安新区建设提速。
    正定新区建设和古城保护加快推进。), rather than a statement of its own (…园区在考核评价中实现“八连冠”, …片区申报工作
    得到省重点支持, 推动…试验区建设, …等一批合作园区建设提速)? In a random 24 of the archive's facts carried by other
    sentences, 17 were wrong, and all 7 right ones followed such a line."""
    i = clean.find(name, a, b) if name else -1
    if i < 0 or _TASK_VERB.search(clean, a, i) or "等" in clean[i + len(name):i + len(name) + 4]:
        return False
    rest = _LINE_EDGE.sub("", clean[i + len(name):b])
    return len(rest) <= 14 and "，" not in rest and "," not in rest and _DIGIT.search(rest) is None \
        and lexicon().phrase.topic_progress_re.search(rest) is not None


def _names_a_thing(clean: str, at: int, clause_end: int, pos: int, name: str, above: bool = False) -> bool:
    """Does a place opening a sentence, in a first clause with no figure, name a thing rather than stand as the
    subject of the sentence at `pos`? It does when the clause lists things (甘州区养老示范基地、市第二医院开工建设;
    南宁至某某高速公路建成通车); written short (漳州核电一期投入运行, 白城某企业建成…基地), it names a thing
    whose next clause may still speak of it (…，产能占全球30%), but not the clauses after that. (In a random
    40 of the archive's facts held by such an opener past its clause, 6 of 8 written short and both listing
    things were wrong; of those written short, the next clause was the thing's in 3 of 5.) The province above
    a city's report names a thing of its own in a figureless clause (海南省政务服务平台全覆盖，85%的事项…):
    the figures after it are the city's."""
    if _DIGIT.search(clean, at, clause_end):
        return False
    lead = _OPENING.match(clean, at)
    start = lead.end() if lead else at
    for said in (name, _short(name)):
        if said and clean.startswith(said, start) \
                and _index().speaker_clause.fullmatch(clean, start + len(said), clause_end) is not None:
            return False  # 长沙提出，…，…: the place speaks for the whole sentence (a news page retelling reports)
    if above or _THING_LIST.search(clean, start, clause_end) is not None:
        return True
    return not clean.startswith(name, start) and _CLAUSE_SEP.search(clean, clause_end + 1, pos) is not None


_THING_LIST: Final = re.compile("[、等至—]")
_TASK_VERB: Final = re.compile("推动|推进|促进")
_LINE_EDGE: Final = re.compile(r"^[。！!*#\s]+|[。！!*#\s]+$")  # a sentence's end and markup around its words
_ROUTE: Final = re.compile("[至—－–][\u4e00-\u9fff]")


def _holds_on(clean: str, at: int, clause_end: int, pos: int, unit: tuple[str | None, str | None]) -> bool:
    """Does a unit opening the clause at `at` (not its sentence) hold past that clause, to `pos`? A zone does
    (…，高新区获评国家级绿色工业园区，…，瑞德尔等5家企业…); a place does after ；or ：(a part of its own), when
    its clause states a figure (…，天元区生产总值增长6%，规模工业增加值增长8%; a grade or a date is none: 某县6.2级
    地震) or when its whole-word follows
    (…，炎陵县已形成两条产业链，全县123家…). Any other place is an example, for its own clause only
    (…，兰考县在全国首批脱贫摘帽，省定…任务全部完成). (Zones held to the figure's clause only were as often
    wrong as right in a sample of the archive.)"""
    name = unit[0] or ""
    if unit[1] is None and (lead := _OPENING.match(clean, at)) and _TASK_VERB.search(lead.group()):
        return False  # …，推动综保区二期通过封关验收，…，新培育外贸企业100户: the zone is a task's object, no subject
    if unit[1] is None:
        # …，经开区获评国家外贸转型升级示范基地，…，…，…，进出口总额年均增长14.8%: a zone's event told in a clause
        # with no figure reaches the next two clauses (…，高新区获评国家级绿色工业园区，…，某某等5家企业入选…)
        return _DIGIT.search(clean, at, clause_end) is not None \
            or lexicon().phrase.zone_event_re.search(clean, at, clause_end) is None \
            or len(_CLAUSE_SEP.findall(clean, clause_end, pos)) <= _EVENT_CLAUSES
    return clean[at - 1] in "；;：:" or _FIGURE.search(clean, at, clause_end) is not None \
        or ("全" + name[-1:]) in clean[at:pos]


_EVENT_CLAUSES: Final = 2


_DIGIT: Final = re.compile(r"\d")
# a figure of the clause, not a grade, a session or a date (乌什县7.1级地震, 第3届, 2021年)
_FIGURE: Final = re.compile(r"\d(?![\d.]*(?:级|届|周年|年|月|日|号|\d))")
_LIST_JOIN: Final = ("、", "和", "与", "及", "等")
_LIST_GAP: Final = re.compile(r"[、和与及]")
_SENTENCE_END: Final = "。！？!?\n"
_CLAUSE_SEPS: Final = "，,；;：:"
_CLAUSE_SEP: Final = re.compile(f"[{_CLAUSE_SEPS}]")
_SEMICOLON: Final = re.compile(r"[；;]")
# 全国 followed by these praises a local achievement (全国首个, 全国第一, 全国百强…): not a national figure
_NATION_NOT: Final = ("首", "第", "唯", "领", "前", "百", "先", "示", "重", "文", "一", "率", "范", "性", "同", "人大", "政协")
# 全省“五水共治”第一枪…, 全省在建最大…: praise of the place's own, not the province's figure
_PRAISE: Final = re.compile(r"[^，,。；;]{0,12}?(?:第一|首|最|率先|唯一|领先|之最)|占比|份额")  # (全省占比53.8%: the home's share)
# 全国民营企业500强达55家: a national ranking list names the home's entries, not a national figure
_RANK_LIST: Final = re.compile(r"[^，,。；;\d]{0,10}?(?:\d+|[百千])强")
_CARRY_SUFFIX: Final = ("新区", "片区", "园区", "经济区", "试验区")
_CJK_ONLY: Final = re.compile("[\u4e00-\u9fff]+")
# How many full sentences a named zone's paragraph stays on it after the last that names it (雄安新区建设成效显著。
# …完成投资1104亿元… holds; the Winter Games a few sentences on do not).
CARRY_SENTENCES: Final = 1
_EXAMPLE_OF: Final = re.compile(r"等[\d一二两三四五六七八九十]")
_ZONE_AGAIN: Final = re.compile("入园(?!率)|园内|区内|入区")  # words naming a zone again without its name (not 毛入园率)
_FULL_STOPS: Final = "。！？!?\n"



@dataclass(frozen=True)
class _Local:
    """A mention seen from the opening it starts: its end relative to that opening."""

    end: int
    region: Any
    short: bool = False


_SUFFIXES: Final = ("自治区", "自治州", "特别行政区", "省", "市", "州", "盟", "县", "区", "旗")
_UNIT_FORM: Final = r"[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|省|市|州|盟|县|区|旗|镇|乡|苏木)"  # (a town's report too)
# (never opening right after a digit: 2025年青石市政府工作报告 → 青石市, not 年青石市; 2025年日照市 → 日照市)
_CHAIN: Final = re.compile(rf"(?<!\d)((?:{_UNIT_FORM})+)(?=第[一二三四五六七八九十百\d]+届|人民政府|人民代表大会|政府工作报告"
                    rf"|发展和改革|国民经济和社会发展|\d{{4}}年(?:国民经济|度?政府工作报告|工作报告))")
# a dateline's 日 before 在 is no part of the name: ——2025年1月18日在云岭市… → 云岭市
# (现在，我代表县人民政府: the speaker's words are no place)
# (…二〇三一年一月九日在青禾县: the whole date written in numerals goes too)
_LEAD_WORDS: Final = re.compile(r"^(?:[〇零一二三四五六七八九十年月]*[日号](?=在))?(?:关于|在|受|对|由|据|向|我?代表(?:本届)?)")
_PLACE_FORM: Final = re.compile(r"[\u4e00-\u9fff]{2}(?:县|市|区)(?![\u4e00-\u9fff]{0,1}[级委])")
# words of the form XX县/XX市/XX区 that are not places
_NOT_PLACES: Final = frozenset({"全县", "全市", "全区", "城区", "市区", "辖区", "各县", "本市", "该区", "新区", "园区", "景区",
                         "社区", "片区", "街区", "库区", "山区", "灾区", "老城区", "主城区", "新城区", "开发区", "高新区",
                         "示范区", "保护区", "功能区", "自贸区", "试验区", "经济区", "农业区", "工业区", "商业区",
                         "县城区", "中心城区", "县市区", "各县区", "县区", "市县", "城市", "都市", "超市", "股市",
                         "夜市", "早市", "集市", "上市", "门市", "城乡区", "试点县", "强县", "大县", "百强县",
                         "城镇", "乡镇", "集镇", "全镇", "全乡", "本镇", "本乡", "各乡镇", "重镇", "名镇", "城乡"})


# a verb, preposition or pronoun before 市/县/区 (完成市下达, 到县, 全区) is no place name
_NOT_FIRST: Final = frozenset("完到在全各每本该我对向从由为与和及是有新老主城市县区乡镇村街省一两三四五六七八九十几诸"
                       "加推促抓建强提做实深打保稳扩优开带引落办设入出进下上")


def _find_all(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _short(name: str) -> str:
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf) + 1:
            return name[:-len(suf)]
    return name


def _home_by_form(text: str, year: int | None) -> Home:
    """The home of a place the data does not hold, read from the dateline and speaker lines:
    `澜江市青石区第八届人民代表大会` → 青石区, its city 澜江市 (no code)."""
    votes: dict[tuple[str, str], int] = {}
    for m in _CHAIN.finditer(text[:1500]):
        units = [u for u in (_LEAD_WORDS.sub("", u) for u in re.findall(_UNIT_FORM, m.group(1)))
                 if len(u) >= 2 and u not in _NOT_PLACES]
        if not units:
            continue
        home = units[-1]
        city = next((u for u in reversed(units) if u.endswith(("市", "州", "盟"))), home)
        votes[(home, city)] = votes.get((home, city), 0) + 1
    if not votes:
        return Home(name=None, year=year)
    # the most often named; on a tie the more specific (a chain names its inner unit last)
    (home, city), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0][0] != kv[0][1]))
    return Home(name=home, city_name=city, year=year)


def _inside(code: str, home_code: str) -> bool:
    if home_code.endswith("0000"):
        return code[:2] == home_code[:2]
    if home_code.endswith("00"):
        return code[:4] == home_code[:4]
    return code == home_code


def home_region(text: str, override: str | None = None, year: int | None = None) -> Home:
    """The document's home region: `override` (a name) when given, else from its opening lines."""
    idx = _index()
    if override:
        region = idx.resolve(override, year=year)
        if region is None:  # a place the data does not hold: its sub-units by their form
            city_name = override if override.endswith(("市", "州", "盟")) else None
            return Home(name=override, city_name=city_name, year=year)
    else:
        region = idx.document_region(text, year=year)
    if region is None:
        return _home_by_form(text, year)
    city = idx.city_of(region) or region
    return Home(name=region.name, code=region.code, region=region,
                city_name=city.name, city_code=city.code, year=year)


def home_from(decision: Any, text: str, year: int | None = None) -> Home:
    """The Home of a context's decision (a HomeDecision): the place with its data when the data
    holds it, a name alone when it does not, else the dateline chain's place form."""
    idx = _index()
    if decision.code:
        region = next((r for r in idx.all_by_code(decision.code) if r.name == decision.name), None) \
            or idx.by_code(decision.code, year)
        if region is not None:
            city = idx.city_of(region) or region
            return Home(name=region.name, code=region.code, region=region,
                        city_name=city.name, city_code=city.code, year=year)
    if decision.name:
        city_name = decision.name if decision.name.endswith(("市", "州", "盟")) else None
        return Home(name=decision.name, city_name=city_name, year=year)
    return _home_by_form(text, year)


# what stands before the subject: up to a year (到2020年, 初步核算2005年), else list marks, emphasis, dashes
_SUBJECT_LEAD: Final = re.compile(r"^(?:.*(?:19|20)\d{2}年(?:底|末)?|[^\u4e00-\u9fff\d]*)(?:去年|今年|当年|全年|预计)*")
_SUBJECT_CUT: Final = "，,；;：:、。\n"
# 预计（下同）全市…: an aside names no part (五县（市）'s bracket is part of its name)
_BRACKETED: Final = re.compile(r"[（(](?![县市区镇乡、]{1,5}[）)])[^（）()]{0,8}[）)]")


def area_subject(clean: str, sentence_start: int, pos: int, home: Home) -> str | None:
    """The part of the home a sentence states a total for, as written (松山湖实现生产总值630亿元，增长13.9% →
    松山湖; 44个县（市）实现生产总值… → 44个县（市）), or None when the total is the home's or its subject is
    no part of it (全市, 经济总量, 力争, 到2020年; a place the region data knows is the unit reading's).
    A total with no subject of its own speaks of the part its sentence or paragraph is about (`_topic`)."""
    ph = lexicon().phrase
    m = None
    for m in ph.area_total_re.finditer(clean, sentence_start, pos):
        pass  # the total nearest the figure (面对一季度全市生产总值下降…，全年实现生产总值增长1.7%)
    if m is None:
        return None
    k = max(sentence_start, max(clean.rfind(ch, sentence_start, m.start()) for ch in _SUBJECT_CUT) + 1)
    if k > sentence_start and clean[k - 1] == "、":
        return None  # the last of listed places (…、大邑4个重灾市县…分别): the list is the subject
    subject = ph.subject_end_re.sub("", _SUBJECT_LEAD.sub("", _BRACKETED.sub("", clean[k:m.start()])))
    if not subject:
        return _topic(clean, sentence_start, k, home)
    return subject if _part_of_home(subject, home) else None


# a zone opening the clause of a headline's figure, its verb right after it (某新区完成固定资产投资166亿元)
_ZONE_VERB: Final = re.compile(r"(?:共|累计|全年|当年)?(?:完成|实现|力争|达到)")


def generic_zone(name: str) -> bool:
    """Does `name` say only a kind of zone (园区, 产业集聚区, 产业转移工业园), not one zone (山南新区)?"""
    ph = lexicon().phrase
    m = ph.zone_item_re.fullmatch(name)
    return m is not None and (m.start("word") == 0 or name[:m.start("word")] in ph.zone_generic)


def zone_subject(clean: str, c_start: int, lead: int) -> str | None:
    """The zone whose figure a clause states (新区完成固定资产投资…, 某经开区实现规模以上工业增加值…): a name ending in a
    zone word (indicators.toml zone_list_words) opening the clause, a verb of doing right after it, and no comma before
    the figure; None otherwise. The home's whole-words before it go (全市产业转移工业园 → 产业转移工业园)."""
    ph = lexicon().phrase
    clause = clean[c_start:lead]
    m = ph.zone_item_re.match(clause.lstrip("，,；;：: "))
    if m is None:
        return None
    at = len(clause) - len(clause.lstrip("，,；;：: ")) + m.end()
    if not _ZONE_VERB.match(clause, at) or ph.zone_class_re.search(m.group()):
        return None
    name = lexicon().leading_re.sub("", m.group())  # (其中, 预计, 力争, 全年 … and 全市: words of the clause, not the name)
    if name.startswith(ph.headline_lead_verbs):
        return None  # (带动产业集聚区完成…: the zone is what a verb drives, the figure the subject's goal)
    return name if len(name) >= 2 else None


def _part_of_home(subject: str, home: Home) -> bool:
    ph = lexicon().phrase
    if not 2 <= len(subject) <= 12 or not subject.endswith(ph.subject_heads) or ph.not_subject_re.search(subject) \
            or any(w in subject for w in ph.whole) \
            or (only_places(subject) and not ph.topic_re.fullmatch(subject)
                and (_known_place(subject) or _COUNTED.search(subject))):
        # (六县 has a place's form, but counts places; 滇中直管区 has one and names no place the data knows;
        # 力争四个县 counts places it does not name)
        return False
    return not (home.name and (subject in home.name or _short(home.name) in subject))


def named_place(name: str) -> bool:
    """Is `name` whole the name of a place the region data knows (涪城区, 江油市), whatever its ending says?"""
    return any(m.start == 0 and m.end == len(name) and m.region is not None for m in _index().find_mentions(name))


def _known_place(subject: str) -> bool:
    """Does `subject` hold a place the region data names (呼和浩特市和包头市, 罗平直管区), not one of its form only?"""
    return bool(_index().find_mentions(subject))


_COUNTED: Final = re.compile(r"[一二两三四五六七八九十\d]+个|更多|各|每")


def _topic(clean: str, s: int, k: int, home: Home) -> str | None:
    """The part of the home that the clauses before a subjectless total, at clean offset `k` in the sentence
    opening at `s`, are about: the sentence's first clause or the one just before (生产建设兵团是…，要…，实现生产
    总值增长12%; …，县域经济综合实力不断增强，实现生产总值…); else the last or first clause of the sentence before
    it in the same paragraph, or any of its clauses when it has three at most (新区各项工作取得重要进展。生产总值
    增长23%); else the opening clause of the paragraph's first sentence. None when the total's sentence names the
    whole home (全市…) before it."""
    if _WHOLE_SUBJECT.search(clean, s, k):
        return None
    para = clean.rfind("\n", 0, s) + 1
    if k > s:
        clauses = _clauses(clean, s, k - 1)
        if found := _first_topic(clean, _ends_of(clean, clauses), home) \
                or _first_topic(clean, clauses[-1:] if s > para else clauses[:1] + clauses[-1:], home, task=True) \
                or _task_place(clean, clauses[:1], home):
            return found
    if s > 1 and clean[s - 1] != "\n":  # the sentence before, in the same paragraph
        before = home._sentence_start(s - 1)
        clauses = _clauses(clean, before, s - 1)
        found = _first_topic(clean, clauses[::-1] if len(clauses) <= 3 else _ends_of(clean, clauses), home) \
            or (_first_topic(clean, clauses[:1], home, task=True) if before <= para else None)
        if found is None and para < before and not _WHOLE_SUBJECT.search(clean, para, s):
            # the sentence opening the paragraph (兵团…。…。预计完成生产总值…; 加快珠源新区建设。…): what the
            # paragraph is about, unless the paragraph names the whole home before the total
            first = _clauses(clean, para, home._sentence_end(para))
            found = _first_topic(clean, _ends_of(clean, first), home) or _first_topic(clean, first[:1], home, task=True)
        return found
    return None


def _ends_of(clean: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The last and the first clause, and the next ones while those before are connectives (与此同时，新疆生产建设
    兵团…; 各位代表，过去的一年，兵团…)."""
    out = [clauses[-1], clauses[0]]
    lead = lexicon().phrase.topic_lead_re
    k = 0
    while k + 2 < len(clauses) and k < 3 and lead.match(clean, *clauses[k]).end() == clauses[k][1]:  # type: ignore[union-attr]  # (matches empty)
        k += 1
        out.append(clauses[k])
    return out


def _first_topic(clean: str, clauses: list[tuple[int, int]], home: Home, task: bool = False) -> str | None:
    """The first part of the home opening one of `clauses` (a subject); with `task`, a named zone after the
    verb opening one (加快珠源新区建设)."""
    ph = lexicon().phrase
    for a, b in clauses:
        if _WHOLE_SUBJECT.search(clean, a, b):
            continue  # 全市… names the whole home (已成为全省…增长带 does not)
        m = (ph.topic_verb_re if task else ph.topic_re).match(clean, a, b)
        t = m.group("topic") if m else ""
        # a zone may carry the home's name (新疆生产建设兵团 in 新疆's report); the home itself is no part;
        # 六县 has a place's form but counts places
        if 2 <= len(t) <= 12 and not t.startswith(ph.topic_not_starts) \
                and not (only_places(t) and not ph.topic_re.fullmatch(t)) \
                and not (home.name and (t in home.name or _short(home.name) == t)):
            return t
    return None


def _task_place(clean: str, clauses: list[tuple[int, int]], home: Home) -> str | None:
    """A part of the home the data knows, right after the verb of a task opening the sentence's first clause
    (举全市之力支持曹妃甸高质量发展，确保年内地区生产总值增长9%: the district's total): its full name."""
    for a, b in clauses:
        m = lexicon().phrase.task_verb_re.match(clean, a, b)
        mention = home._mentions.get(m.end()) if m is not None and m.end() > a else None
        if mention is not None and mention.region is not None and home.is_part(mention.region.code):
            return str(mention.region.name)
    return None


def _clauses(clean: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses of clean[a:b] as (start, end) offsets (list marks and emphasis before the first skipped)."""
    out, i = [], a
    for m in _CLAUSE_SEP.finditer(clean, a, b):
        out.append((i, m.start()))
        i = m.end()
    out.append((i, b))
    first = out[0]
    lead = _SUBJECT_LEAD_MARKS.match(clean, first[0], first[1])
    out[0] = (lead.end() if lead else first[0], first[1])
    return out


_SUBJECT_LEAD_MARKS: Final = re.compile(r"[^\u4e00-\u9fff\d]*")
