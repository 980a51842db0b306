"""The data planwatch passes around: frozen dataclasses and string enums.

Field names and values follow ../shared/gold/GUIDE.md, which is the output
format: a Fact serialises to exactly the GUIDE's fields plus `evidence`,
`duplicate` and `region_code`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from enum import StrEnum
from json.encoder import c_make_encoder, encode_basestring
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


class Kind(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"


class Measure(StrEnum):
    GROWTH = "growth"
    LEVEL = "level"
    CHANGE = "change"
    RANK = "rank"
    RELATION = "relation"


class Qualifier(StrEnum):
    ABOUT = "about"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOVE = "above"
    BELOW = "below"
    EXACT = "exact"


# enum by word: faster than the Enum constructor where thousands of rows become facts
KIND_BY_WORD = {k.value: k for k in Kind}
MEASURE_BY_WORD = {m.value: m for m in Measure}
QUALIFIER_BY_WORD = {q.value: q for q in Qualifier}


@dataclass(frozen=True, slots=True)
class Span:
    """[start, end) in the document's text, as Python str offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")


@dataclass(frozen=True, slots=True)
class Document:
    """A document as planwatch shows it: `text` is what every offset refers to."""

    name: str                      # the file's name (the `doc` field of its facts)
    text: str
    path: str | None = None
    format: str = "txt"            # txt, md, html, docx, pdf
    encoding: str | None = None    # the encoding the bytes were decoded from
    sha256: str | None = None      # of the bytes on disk
    meta: dict[str, str] = field(default_factory=dict)  # title, date, … when the reader knows them


def fast_init(cls: type[T]) -> type[T]:
    """A frozen slots dataclass with an __init__ that stores each field through its slot: the one
    dataclasses writes calls object.__setattr__ per field (frozen), twice the cost, and thousands of
    facts and mentions are built per document. The same signature, defaults and instances."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    ns: dict[str, Any] = {}
    params, body = [], []
    for f in fields:
        if not f.init or f.default_factory is not dataclasses.MISSING or f.kw_only or hasattr(cls, "__post_init__"):
            raise TypeError(f"fast_init: {cls.__name__}.{f.name} needs the dataclass __init__")
        ns[f"_set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's own setter
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            ns[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), ns)  # noqa: S102 (as dataclasses does)
    init = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


def fact_fields(f: Any) -> dict[str, Any]:
    """FACT_FIELDS of any fact-like object (Fact, a stored fact) as a JSON-ready dict."""
    d = {name: getattr(f, name) for name in FACT_FIELDS}
    for name in ("kind", "measure", "qualifier"):  # enums, or their words when built from plain data
        d[name] = getattr(d[name], "value", d[name])
    return d


_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps(…, ensure_ascii=False) builds one per call
# its C encoder, built once (JSONEncoder.encode builds one per call); markers=None: a fact's dict holds
# no cycles to check. The same bytes as _JSON.encode.
_C_JSON = None if c_make_encoder is None else c_make_encoder(
    None, _JSON.default, encode_basestring, None, _JSON.key_separator, _JSON.item_separator,
    False, False, True)

FACT_FIELDS: tuple[str, ...] = (
    "doc", "start", "end", "surface", "kind", "indicator", "measure", "value", "unit",
    "qualifier", "region", "period", "tier", "optional", "evidence", "duplicate", "region_code", "why",
)


@fast_init
@dataclass(frozen=True, slots=True)
class Fact:
    """One quantitative target or result, tied to the characters it came from."""

    doc: str
    start: int
    end: int
    surface: str
    kind: Kind
    indicator: str
    measure: Measure
    value: float | None
    unit: str | None
    qualifier: Qualifier
    region: str | None
    period: str | None
    tier: str = "B"
    optional: bool = False
    evidence: str = ""
    duplicate: bool = False
    region_code: str | None = None
    # why the fact got its kind, period and region: the evidence that decided each
    # ("kind: clause 力争; period: section 一、2023年…; region: home 澜江市 (speaker 市人民政府)")
    why: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict in FACT_FIELDS order (enums become their words)."""
        d = dict(zip(FACT_FIELDS, _FACT_VALUES(self)))
        # str.__str__ gives a StrEnum's word as a plain str (Enum.value is a slow Python descriptor)
        kind, measure, qualifier = self.kind, self.measure, self.qualifier
        d["kind"] = str.__str__(kind) if isinstance(kind, str) else kind
        d["measure"] = str.__str__(measure) if isinstance(measure, str) else measure
        d["qualifier"] = str.__str__(qualifier) if isinstance(qualifier, str) else qualifier
        return d

    def to_json(self) -> str:
        """One JSON line (UTF-8 text kept as written, not \\u-escaped): json.dumps(self.to_dict(),
        ensure_ascii=False), written out field by field (a dict and the encoder's walk over it cost twice as much;
        every document's facts are serialised)."""
        s, u, r, p, c, w = _string, self.unit, self.region, self.period, self.region_code, self.why
        try:
            return (f'{{"doc": {s(self.doc)}, "start": {_int(self.start)}, "end": {_int(self.end)}, '
                    f'"surface": {s(self.surface)}, "kind": {s(self.kind)}, "indicator": {s(self.indicator)}, '
                    f'"measure": {s(self.measure)}, "value": {_number(self.value)}, '
                    f'"unit": {"null" if u is None else s(u)}, "qualifier": {s(self.qualifier)}, '
                    f'"region": {"null" if r is None else s(r)}, "period": {"null" if p is None else s(p)}, '
                    f'"tier": {s(self.tier)}, "optional": {_BOOL[id(self.optional)]}, "evidence": {s(self.evidence)}, '
                    f'"duplicate": {_BOOL[id(self.duplicate)]}, "region_code": {"null" if c is None else s(c)}, '
                    f'"why": {"null" if w is None else s(w)}}}')
        except (TypeError, KeyError):  # a field of another type than declared: json's own way
            return _encode(self.to_dict())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(
            doc=d["doc"], start=int(d["start"]), end=int(d["end"]), surface=d.get("surface", ""),
            kind=Kind(d["kind"]), indicator=d["indicator"], measure=Measure(d["measure"]),
            value=None if d.get("value") is None else float(d["value"]), unit=d.get("unit"),
            qualifier=Qualifier(d.get("qualifier") or "exact"), region=d.get("region"),
            period=None if d.get("period") is None else str(d["period"]), tier=d.get("tier", "B"),
            optional=bool(d.get("optional", False)), evidence=d.get("evidence", ""),
            duplicate=bool(d.get("duplicate", False)), region_code=d.get("region_code"),
            why=d.get("why"),
        )

    def replace(self, **changes: Any) -> Fact:
        return dataclasses.replace(self, **changes)


_FACT_VALUES = attrgetter(*FACT_FIELDS)


def _encode(value: Any) -> str:
    return "".join(_C_JSON(value, 0)) if _C_JSON is not None else _JSON.encode(value)


# json's words for a str (quoted and escaped; a StrEnum is its word), a bool (by identity: 1 is no true) and a
# number (an int's and a finite float's repr; None, nan, inf and any other type as json writes them)
_string = encode_basestring
_BOOL = {id(True): "true", id(False): "false"}  # (by id: the two bools are singletons)


def _int(v: int) -> str:
    return int.__repr__(v) if type(v) is int else _encode(v)


def _number(v: float | None) -> str:
    return float.__repr__(v) if type(v) is float and v - v == 0 else _encode(v)

