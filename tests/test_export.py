"""Every export format written and read back; fact columns; atomic writes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from planwatch import export
from planwatch.export import FACT_COLUMNS, columns_of, fact_rows, write
from planwatch.model import FACT_FIELDS, Fact

FACT = Fact(doc="云岭市2024报告.txt", start=95, end=96, surface="6%左右", kind="target", indicator="地区生产总值",
            measure="growth", value=6.0, unit="%", qualifier="about", region="云岭市", period="2024", tier="A",
            evidence="预期目标：地区生产总值增长6%左右，“双引号”, 逗号,\n换行")
REL = Fact(doc="b.txt", start=3, end=9, surface="高于经济增长", kind="target", indicator="居民人均可支配收入",
           measure="relation", value=None, unit=None, qualifier="above", region=None, period=None,
           optional=True, duplicate=True, region_code="530100")


def rows():
    out = fact_rows([FACT, REL])
    out[0]["id"] = "kh7jwcv5nk3b"
    out[1]["id"] = "p727c4cl7vet"
    return out


def test_fact_columns_follow_the_guide():
    assert FACT_COLUMNS[:len(FACT_FIELDS)] == FACT_FIELDS
    assert FACT_COLUMNS[:17] == ("doc", "start", "end", "surface", "kind", "indicator", "measure", "value", "unit",
                                 "qualifier", "region", "period", "tier", "optional", "evidence", "duplicate",
                                 "region_code")
    assert "id" in FACT_COLUMNS
    # a store row puts id first: the export puts it after the GUIDE's fields
    assert columns_of([{"id": 1, **FACT.to_dict(), "status": "ok"}]) == [*FACT_FIELDS, "id", "status"]
    # other rows keep their own order
    assert columns_of([{"b": 1}, {"a": 2, "b": 3}]) == ["b", "a"]


def test_fact_rows_words_not_enums():
    r = fact_rows([FACT])[0]
    assert r["kind"] == "target" and type(r["kind"]) is str and "id" not in r
    assert list(r) == list(FACT_FIELDS)


def _read_csv(data: bytes):
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _as_csv(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


@pytest.mark.parametrize("bom", [False, True])
def test_csv_round_trip(tmp_path, bom):
    path = tmp_path / "facts.csv"
    write(rows(), "csv", path, bom=bom)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") is bom
    back = _read_csv(data)
    assert list(back[0]) == [*FACT_FIELDS, "id"]
    for got, want in zip(back, rows()):
        assert got == {k: _as_csv(v) for k, v in want.items()} | {c: "" for c in FACT_FIELDS if c not in want}
    assert back[0]["evidence"] == FACT.evidence  # quotes, commas and a line break survive


def test_json_and_jsonl_round_trip(tmp_path):
    write(rows(), "json", tmp_path / "f.json")
    assert json.loads((tmp_path / "f.json").read_text("utf-8")) == rows()
    write(rows(), "jsonl", tmp_path / "f.jsonl")
    lines = (tmp_path / "f.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x) for x in lines] == rows()
    assert "地区生产总值" in lines[0]  # not \u-escaped
    write([], "json", tmp_path / "e.json")
    assert json.loads((tmp_path / "e.json").read_text()) == []


def test_xlsx_round_trip(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "facts.xlsx"
    r = rows()
    r[0]["surface"] = "=1+1"  # never becomes a formula
    write(r, "xlsx", path)
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == [*FACT_FIELDS, "id"] and all(c.font.bold for c in ws[1])
    got = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    for g, want in zip(got, r):
        # XLSX has no empty string: "" comes back as an empty cell
        assert g == {c: (None if want.get(c) == "" else want.get(c)) for c in header}
    assert ws["D2"].value == "=1+1" and ws["D2"].data_type == "s"


def test_parquet_round_trip_with_explicit_schema(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "facts.parquet"
    write(rows(), "parquet", path)
    t = pq.read_table(path)
    types = {f.name: f.type for f in t.schema}
    assert types["value"] == pa.float64() and types["start"] == pa.int64() and types["optional"] == pa.bool_()
    assert types["period"] == pa.string() and types["region_code"] == pa.string() and types["id"] == pa.string()
    back = t.to_pylist()
    assert back == [{c: r.get(c) for c in t.column_names} for r in rows()]
    assert back[1]["value"] is None and back[1]["region"] is None  # None kept as null


def test_parquet_other_rows_infer_types(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    data = [{"region": "云岭市", "period": "2024", "地区生产总值|growth": 5.6, "n": 3, "ok": True, "empty": None,
             "list": [1, 2]},
            {"region": "青川县", "period": "2024", "地区生产总值|growth": None, "n": None, "ok": False, "empty": None,
             "list": None}]
    path = tmp_path / "panel.parquet"
    write(data, "parquet", path)
    t = pq.read_table(path)
    types = {f.name: f.type for f in t.schema}
    assert types == {"region": pa.string(), "period": pa.string(), "地区生产总值|growth": pa.float64(),
                     "n": pa.int64(), "ok": pa.bool_(), "empty": pa.string(), "list": pa.string()}
    back = t.to_pylist()
    assert back[0]["list"] == "[1, 2]" and back[1]["地区生产总值|growth"] is None


def test_streams():
    text = io.StringIO()
    write(rows(), "jsonl", text)
    assert len(text.getvalue().splitlines()) == 2
    binary = io.BytesIO()
    write(rows(), "csv", binary, bom=True)
    assert binary.getvalue().startswith(b"\xef\xbb\xbf") and not binary.closed
    xbin = io.BytesIO()
    write(rows(), "xlsx", xbin)
    assert xbin.getvalue()[:2] == b"PK"
    with pytest.raises(TypeError):
        write(rows(), "parquet", io.StringIO())


def test_text_stream_with_a_buffer_takes_binary(tmp_path):
    with open(tmp_path / "x.parquet", "w") as fh:   # like sys.stdout
        write(rows(), "parquet", fh)
    assert (tmp_path / "x.parquet").read_bytes()[:4] == b"PAR1"


def test_unknown_format():
    with pytest.raises(ValueError):
        write(rows(), "xml", io.StringIO())


def test_explicit_columns():
    out = io.StringIO()
    write(rows(), "csv", out, columns=["indicator", "value"])
    assert out.getvalue().splitlines()[:2] == ["indicator,value", "地区生产总值,6.0"]


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    path.write_text("old")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, "_write_text", boom)
    with pytest.raises(RuntimeError):
        write(rows(), "csv", path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind


def test_analysis_rows_export(tmp_path):
    from planwatch.analyse import scorecard

    actual = FACT.replace(kind="actual", value=5.6, qualifier="exact", doc="r.txt")
    lines = scorecard([FACT, actual])
    write([ln.to_row() for ln in lines], "xlsx", tmp_path / "s.xlsx")
    write([ln.to_dict() for ln in lines], "parquet", tmp_path / "s.parquet")  # nested lists → JSON text
    import pyarrow.parquet as pq
    back = pq.read_table(tmp_path / "s.parquet").to_pylist()[0]
    assert back["verdict"] == "met" and json.loads(back["actual_sources"])[0]["doc"] == "r.txt"
