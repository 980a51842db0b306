"""planwatch.read: HTML, .docx and PDF, each built here at test time.

PDFs are written by hand (one standard font, so ASCII text); the encrypted
one uses the PDF standard security handler, revision 2 (RC4, 40-bit key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from planwatch.errors import InputError
from planwatch.read import read_file

# --- helpers ----------------------------------------------------------------------------------


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def reason_of(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_file(path)
    return info.value.reason


# --- HTML -------------------------------------------------------------------------------------

NAV = "首页 | 新闻中心 | 政务公开 | 互动交流"
FOOTER = "版权所有：云岭市人民政府办公室 主办单位联系电话：0000-0000000"
OPENING = "各位代表：现在，我代表云岭市人民政府向大会报告工作，请予审议，并请市政协委员提出意见。"
RESULT = "过去一年，全市地区生产总值增长6.1%，一般公共预算收入完成45.3亿元，城镇新增就业2.4万人。"
TARGET = "今年全市发展的主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。"
CLOSING = "各位代表，新的一年，让我们团结一心，为建设更加美好的云岭市而努力奋斗！"


def report_page(charset: str | None = "utf-8") -> str:
    head = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html><head>{head}<title>云岭市2024年政府工作报告</title>
<meta name="date" content="2024-01-20"></head>
<body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/gk">政务公开</a></li><li><a href="/hd">互动交流</a></li></ul></nav>
<div class="sidebar"><h3>热点专题</h3><ul><li><a href="/t1">乡村振兴专题</a></li></ul></div>
<article>
<h1>云岭市2024年政府工作报告</h1>
<p>{OPENING}</p>
<p>{RESULT}</p>
<p>{TARGET}</p>
<table>
<tr><th>指标</th><th>2023年计划</th><th>2024年计划</th></tr>
<tr><td>地区生产总值增速</td><td>6.5%</td><td>6%左右</td></tr>
<tr><td>城镇新增就业</td><td>2.2万人</td><td>2.3万人</td></tr>
</table>
<p>{CLOSING}</p>
</article>
<footer><p>{FOOTER}</p><p>网站标识码 0000000000</p></footer>
</body></html>
"""


def check_report_text(text: str) -> None:
    for para in (OPENING, RESULT, TARGET, CLOSING):
        assert para in text
    assert "指标\t2023年计划\t2024年计划" in text.splitlines()
    assert "地区生产总值增速\t6.5%\t6%左右" in text.splitlines()
    # in page order: the table between the target paragraph and the closing one
    assert text.index(TARGET) < text.index("城镇新增就业\t2.2万人\t2.3万人") < text.index(CLOSING)
    assert "版权所有" not in text
    assert "新闻中心" not in text
    assert "|" not in text  # no Markdown table drawing


def test_html_main_text_tables_and_meta(tmp_path: Path) -> None:
    data = report_page().encode("utf-8")
    doc = read_file(write(tmp_path, "yunling_2024.html", data))
    assert doc.format == "html"
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    check_report_text(doc.text)
    assert doc.meta["title"] == "云岭市2024年政府工作报告"
    assert doc.meta["date"] == "2024-01-20"


def test_html_short_page_keeps_its_table_rows(tmp_path: Path) -> None:
    """On a page too short for trafilatura's main extraction its fallback reads a table one cell per line; the rows
    come back TAB-joined, as on a long page."""
    page = ("<html><head><title>青石县统计公报</title></head><body><h1>青石县2030年统计公报</h1>"
            "<p>全年地区生产总值210.4亿元，比上年增长5.2%。</p><p>表1 主要农产品产量</p><table>"
            "<tr><td>产品名称</td><td>单位</td><td>绝对数</td><td>比上年增长（%）</td></tr>"
            "<tr><td>粮食</td><td>万吨</td><td>31.5</td><td>2.2</td></tr>"
            "<tr><td>油料</td><td>万吨</td><td>2.8</td><td>-1.4</td></tr></table></body></html>")
    doc = read_file(write(tmp_path, "short.html", page.encode("utf-8")))
    assert "产品名称\t单位\t绝对数\t比上年增长（%）\n粮食\t万吨\t31.5\t2.2\n油料\t万吨\t2.8\t-1.4" in doc.text
    assert "全年地区生产总值210.4亿元" in doc.text


def test_html_gbk_declared(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "yunling.htm", report_page("gbk").encode("gbk")))
    assert doc.format == "html"
    assert doc.encoding == "gb18030"
    check_report_text(doc.text)


def test_html_gbk_undeclared(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "yunling.html", report_page(None).encode("gb18030")))
    assert doc.encoding == "gb18030"
    check_report_text(doc.text)


def test_html_declared_utf8_but_really_gbk(tmp_path: Path) -> None:
    # A page converted to GBK that still says utf-8: the bytes win over the label.
    doc = read_file(write(tmp_path, "liar.html", report_page("utf-8").encode("gbk")))
    check_report_text(doc.text)


def test_html_falls_back_to_lxml_when_trafilatura_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    doc = read_file(write(tmp_path, "short.html", report_page().encode("utf-8")))
    assert RESULT in doc.text
    assert TARGET in doc.text.splitlines()  # one line per block element
    assert doc.meta["title"] == "云岭市2024年政府工作报告"


def test_html_falls_back_when_trafilatura_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*a: object, **k: object) -> None:
        raise RuntimeError("heuristics gave up")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    assert RESULT in read_file(write(tmp_path, "r.html", report_page().encode("utf-8"))).text


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    page = b"<html><head><script>var a = 1;</script><style>p{}</style></head><body> </body></html>"
    assert reason_of(write(tmp_path, "blank.html", page)).startswith("empty")


def test_html_binary(tmp_path: Path) -> None:
    assert reason_of(write(tmp_path, "x.html", b"<html>\x00\x01\x02</html>")) == "binary or unknown encoding"


# --- DOCX -------------------------------------------------------------------------------------


def make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("青川市2024年国民经济和社会发展计划")
    d.add_paragraph("一、2023年计划执行情况")
    d.add_paragraph("全年地区生产总值增长5.8%，规模以上工业增加值增长7.2%。")
    t = d.add_table(rows=4, cols=3)
    for r, row in enumerate(
        [("指标", "2023年计划", "2024年计划"), ("地区生产总值增速", "6%", "6%左右"),
         ("城镇新增就业", "1.8万人", "2万人"), ("备注", "", "")]
    ):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    merged = t.cell(3, 1).merge(t.cell(3, 2))  # one cell across two columns
    merged.text = "均为预期性指标"
    t.cell(2, 2).add_paragraph("以上")  # a second paragraph in a cell stays on the row's line
    d.add_paragraph("二、2024年主要目标")
    d.add_paragraph("粮食播种面积稳定在85万亩。")
    d.core_properties.title = "青川市2024年计划报告"
    d.core_properties.created = dt.datetime(2024, 1, 18, 9, 30, tzinfo=dt.UTC)
    d.save(str(path))


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    p = tmp_path / "qingchuan_plan.docx"
    make_docx(p)
    doc = read_file(p)
    assert doc.format == "docx"
    assert doc.encoding is None
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
    assert doc.text.split("\n") == [
        "青川市2024年国民经济和社会发展计划",
        "一、2023年计划执行情况",
        "全年地区生产总值增长5.8%，规模以上工业增加值增长7.2%。",
        "指标\t2023年计划\t2024年计划",
        "地区生产总值增速\t6%\t6%左右",
        "城镇新增就业\t1.8万人\t2万人 以上",
        "备注\t均为预期性指标",  # the merged cell once, not twice
        "二、2024年主要目标",
        "粮食播种面积稳定在85万亩。",
    ]
    assert doc.meta == {"title": "青川市2024年计划报告", "date": "2024-01-18"}


def test_docx_content_control_is_read_through(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("第一段：青川市概况。")
    inner = d.add_paragraph("控件中的段落：森林覆盖率达到68%。")
    d.add_paragraph("第三段：结束。")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inner._p.addprevious(sdt)
    sdt.append(content)
    content.append(inner._p)  # moves the paragraph inside the content control
    p = tmp_path / "sdt.docx"
    d.save(str(p))
    assert read_file(p).text.split("\n") == [
        "第一段：青川市概况。", "控件中的段落：森林覆盖率达到68%。", "第三段：结束。",
    ]


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    import docx

    p = tmp_path / "blank.docx"
    docx.Document().save(str(p))
    assert reason_of(p) == "empty"


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "青川市")
    assert reason_of(write(tmp_path, "fake.docx", buf.getvalue())).startswith("not a valid docx")


def test_docx_with_broken_document_part(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    make_docx(good)
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:document>not xml" if item.filename == "word/document.xml" else data)
    assert reason_of(write(tmp_path, "broken.docx", buf.getvalue())).startswith("not a valid docx")


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_docx(tmp_path: Path, keep: float) -> None:
    good = tmp_path / "good.docx"
    make_docx(good)
    data = good.read_bytes()
    assert reason_of(write(tmp_path, "cut.docx", data[: int(len(data) * keep)])).startswith("not a valid docx")


def test_old_word_doc_renamed_docx(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # the OLE2 signature of a .doc
    assert reason_of(write(tmp_path, "old.docx", ole)).startswith("not a valid docx")


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    make_docx(good)
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("word/media/padding.bin", b"\x00" * (8 * 1024 * 1024))
    p = write(tmp_path, "bomb.docx", buf.getvalue())
    with pytest.raises(InputError, match="too large when unzipped"):
        read_file(p, max_bytes=len(buf.getvalue()) + 1)


def test_zip_with_unknown_suffix_is_read_as_docx(tmp_path: Path) -> None:
    p = tmp_path / "plan.docx"
    make_docx(p)
    doc = read_file(write(tmp_path, "plan.bin", p.read_bytes()))
    assert doc.format == "docx"
    assert "指标\t2023年计划\t2024年计划" in doc.text


# --- PDF --------------------------------------------------------------------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def build_pdf(
    pages: list[list[str]], *, title: str | None = None, user_password: str | None = None,
    draw_only: bool = False,
) -> bytes:
    """A PDF with one Helvetica text line per string; `draw_only` pages carry a rectangle, no text."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    streams: list[bytes] = []
    for lines in pages:
        if draw_only:
            streams.append(b"0.5 g 72 400 300 200 re f")
        else:
            shown = b" ".join(_pdf_string(ln) + b" Tj T*" for ln in lines)
            streams.append(b"BT /F1 12 Tf 72 720 Td 14 TL " + shown + b" ET")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    first_content = len(objs) + 1
    pages_id = first_content + 2 * len(pages)
    content_ids = [first_content + i for i in range(len(pages))]
    page_ids = [first_content + len(pages) + i for i in range(len(pages))]

    key = b""
    file_id = hashlib.md5(b"planwatch test pdf").digest()
    trailer_extra = b""
    encrypt_body = b""
    if user_password is not None:
        padded_user = (user_password.encode("latin-1") + _PAD)[:32]
        padded_owner = (b"owner-" + user_password.encode("latin-1") + _PAD)[:32]
        owner_value = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
        perms = -4
        p_bytes = perms.to_bytes(4, "little", signed=True)
        key = hashlib.md5(padded_user + owner_value + p_bytes + file_id).digest()[:5]
        user_value = _rc4(key, _PAD)
        encrypt_body = (b"<< /Filter /Standard /V 1 /R 2 /O <" + owner_value.hex().encode() + b"> /U <"
                        + user_value.hex().encode() + b"> /P " + str(perms).encode() + b" >>")

    for num, stream in zip(content_ids, streams, strict=True):
        if key:
            stream = _rc4(hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10], stream)
        add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    for cid in content_ids:
        add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (pages_id, font, cid))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids)
               + b"] /Count %d >>" % len(page_ids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    if title is not None and not key:
        info = add(b"<< /Title " + _pdf_string(title) + b" /CreationDate (D:20240120093000+08'00') >>")
        trailer_extra += b" /Info %d 0 R" % info
    if key:
        trailer_extra += b" /Encrypt %d 0 R" % add(encrypt_body)
    trailer_extra += b" /ID [<" + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">]"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (len(objs) + 1, catalog) + trailer_extra
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PAGES = [["Yunling GDP 2023: 1234.5", "Growth 6.1% (target 6%)"], ["Target 2024: 5.5%", "Jobs: 23000"]]


def test_pdf_text_layer_pages_joined(tmp_path: Path) -> None:
    data = build_pdf(PAGES, title="Yunling Report 2024")
    doc = read_file(write(tmp_path, "yunling.pdf", data))
    assert doc.format == "pdf"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.text == (
        "Yunling GDP 2023: 1234.5\nGrowth 6.1% (target 6%)"
        "\n\n"
        "Target 2024: 5.5%\nJobs: 23000"
    )
    assert "\r" not in doc.text
    assert doc.meta == {"title": "Yunling Report 2024", "date": "2024-01-20"}


def test_pdf_blank_page_keeps_page_joining(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "p.pdf", build_pdf([["page one 1"], [], ["page three 3"]])))
    assert doc.text == "page one 1\n\n\n\npage three 3"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    scan = write(tmp_path, "scan.pdf", build_pdf([[], []], draw_only=True))
    assert reason_of(scan) == "no text layer (scanned PDF?)"


def test_encrypted_pdf(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    data = build_pdf(PAGES, user_password="qingchuan")
    # the fixture is a real encrypted PDF: with the password PDFium reads it
    with pdfium.PdfDocument(data, password="qingchuan") as pdf:
        assert "Target 2024: 5.5%" in pdf[1].get_textpage().get_text_range()
    assert reason_of(write(tmp_path, "locked.pdf", data)).startswith("encrypted")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.97])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    data = build_pdf(PAGES)
    with pytest.raises(InputError):
        read_file(write(tmp_path, "cut.pdf", data[: int(len(data) * keep)]))


def test_not_a_pdf(tmp_path: Path) -> None:
    assert "PDF" in reason_of(write(tmp_path, "fake.pdf", "青川市报告，不是PDF。".encode()))


def test_pdf_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "download", build_pdf(PAGES)))
    assert doc.format == "pdf"
    assert "Jobs: 23000" in doc.text
