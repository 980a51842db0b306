"""planwatch.read: text files, encodings, bad input, folder expansion.

Every fixture is written here at test time about invented places (青川市, 云岭市).
"""

from __future__ import annotations

import hashlib
import os
import random
import stat
from pathlib import Path

import pytest

from planwatch.errors import InputError
from planwatch.model import Document
from planwatch.read import SUPPORTED, default_max_bytes, iter_inputs, read_file
from planwatch.read.encoding import BINARY, declared_charset

REPORT = (
    "青川市2024年政府工作报告\n"
    "一、2023年工作回顾\n"
    "全市地区生产总值达到1234.5亿元，增长6.5%；城镇新增就业2.4万人。\n"
    "二、2024年主要预期目标\n"
    "地区生产总值增长6%左右，居民消费价格涨幅3%以内，粮食产量稳定在120万吨以上。\n"
)

# A line that GBK cannot hold (𠮷 is a four-byte GB18030 character).
RARE = "云岭市新建𠮷祥路，全长3.2公里。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def reason_of(path: Path, **kw: int) -> str:
    with pytest.raises(InputError) as info:
        read_file(path, **kw)
    assert info.value.path == str(path)
    return info.value.reason


# --- text and encodings -------------------------------------------------------------------


def test_utf8_text_is_the_file_as_written(tmp_path: Path) -> None:
    data = REPORT.encode("utf-8")
    p = write(tmp_path, "qingchuan_2024.txt", data)
    doc = read_file(p)
    assert isinstance(doc, Document)
    assert doc.text == REPORT
    assert doc.name == "qingchuan_2024.txt"
    assert doc.path == str(p)
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.meta == {}


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    md = "# 云岭市概况\n\n- 常住人口 **86.3万人**\n- 森林覆盖率 72%\n"
    doc = read_file(write(tmp_path, "yunling.md", md.encode("utf-8")))
    assert doc.format == "md"
    assert doc.text == md  # markup kept: offsets are into the file as written


@pytest.mark.parametrize(
    ("encoding", "text", "expected_encoding"),
    [
        ("utf-8-sig", REPORT, "utf-8-sig"),
        ("gb18030", REPORT + RARE, "gb18030"),
        ("gbk", REPORT, "gb18030"),  # GB18030 is a superset: same text, and reported as such
        ("utf-16", REPORT, "utf-16"),  # Python writes a BOM in native order
        ("utf-16-le", "\ufeff" + REPORT, "utf-16"),
        ("utf-16-be", "\ufeff" + REPORT, "utf-16"),
        ("utf-32", REPORT, "utf-32"),
    ],
)
def test_encodings_detected_without_being_told(
    tmp_path: Path, encoding: str, text: str, expected_encoding: str
) -> None:
    p = write(tmp_path, "report.txt", text.encode(encoding))
    doc = read_file(p)
    assert doc.text == text.lstrip("\ufeff")  # a byte-order mark is never part of the text
    assert doc.encoding == expected_encoding


def test_short_gbk_line_is_detected(tmp_path: Path) -> None:
    line = "青川市2024年粮食产量稳定在120万吨。"
    assert read_file(write(tmp_path, "short.txt", line.encode("gbk"))).text == line


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_crlf_kept_and_offsets_hold(tmp_path: Path, encoding: str) -> None:
    original = REPORT.replace("\n", "\r\n")
    needle = "居民消费价格涨幅3%以内"
    start = original.index(needle)
    doc = read_file(write(tmp_path, "crlf.txt", original.encode(encoding)))
    assert doc.text == original
    assert doc.text.count("\r\n") == REPORT.count("\n")
    assert doc.text[start:start + len(needle)] == needle


def test_no_normalisation_of_full_width_or_units(tmp_path: Path) -> None:
    # NFKC would turn ７ into 7 and ㎡ into m2, moving every later offset.
    original = "云岭市新建保障性住房１２００套，面积８.５万㎡。\u3000完成率１００％。\n"
    doc = read_file(write(tmp_path, "wide.txt", original.encode("utf-8")))
    assert doc.text == original
    assert len(doc.text) == len(original)


def test_utf8_path_never_calls_the_detector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("charset-normalizer called on valid UTF-8")

    monkeypatch.setattr(charset_normalizer, "from_bytes", boom)
    assert read_file(write(tmp_path, "fast.txt", REPORT.encode("utf-8"))).text == REPORT


def test_unknown_suffix_given_explicitly_is_text(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "report.2024", REPORT.encode("gb18030")))
    assert doc.format == "txt"
    assert doc.text == REPORT


def test_uppercase_suffix(tmp_path: Path) -> None:
    assert read_file(write(tmp_path, "REPORT.TXT", REPORT.encode("utf-8"))).format == "txt"


def test_declared_charset_sniffing() -> None:
    assert declared_charset(b'<html><head><meta charset="GB2312">') == "gb2312"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gbk" />') == "gbk"
    assert declared_charset(b'<?xml version="1.0" encoding="UTF-8"?><html>') == "utf-8"
    assert declared_charset(b"<meta charset=no-such-codec>") is None
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


# --- bad input ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert reason_of(tmp_path / "nowhere.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    d = tmp_path / "folder.txt"
    d.mkdir()
    assert reason_of(d) == "is a directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    p = write(tmp_path, "secret.txt", REPORT.encode("utf-8"))
    p.chmod(0)
    try:
        assert reason_of(p) == "permission denied"
    finally:
        p.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_permission_denied_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests often run as root, where chmod 0 does not stop a read: make open() refuse instead.
    p = write(tmp_path, "secret.txt", REPORT.encode("utf-8"))

    def refuse(self: Path, *a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert reason_of(p) == "permission denied"


def test_permission_denied_on_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "locked" / "report.txt"

    def refuse(self: Path, *a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", refuse)
    assert reason_of(p) == "permission denied"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert reason_of(fifo) == "not a regular file"


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\r\n\t", "\u3000\u3000\n".encode("utf-8"), "  \r\n".encode("utf-16")],
    ids=["zero-bytes", "spaces", "newlines", "ideographic-space", "utf16-blank"],
)
def test_empty(tmp_path: Path, data: bytes) -> None:
    assert reason_of(write(tmp_path, "blank.txt", data)) == "empty"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",  # an image named .txt
        "青川市".encode() + b"\x00\x01\x02" + REPORT.encode("utf-8"),  # NUL inside text
        bytes(range(1, 256)) * 10,  # no NUL, but no encoding makes sense of it
    ],
    ids=["png", "nul", "noise"],
)
def test_binary(tmp_path: Path, data: bytes) -> None:
    assert reason_of(write(tmp_path, "notes.txt", data)) == BINARY


def test_broken_utf16_after_bom_is_binary(tmp_path: Path) -> None:
    data = "青川市".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate at the end
    assert reason_of(write(tmp_path, "bad16.txt", data)) == BINARY


def test_over_the_size_limit(tmp_path: Path) -> None:
    data = REPORT.encode("utf-8")
    p = write(tmp_path, "big.txt", data)
    reason = reason_of(p, max_bytes=len(data) - 1)
    assert reason.startswith("too large")
    assert read_file(p, max_bytes=len(data)).text == REPORT  # exactly at the limit is fine


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = write(tmp_path, "big.txt", b"x" * 2048)

    def no_read(self: Path, *a: object, **k: object) -> None:
        raise AssertionError("read a file that stat shows is too large")

    monkeypatch.setattr(Path, "open", no_read)
    assert reason_of(p, max_bytes=1024).startswith("too large")


def test_default_limit_comes_from_settings() -> None:
    from planwatch.config import Settings

    assert default_max_bytes() == int(Settings().max_file_mb * 1024 * 1024) == 50 * 1024 * 1024


def test_negative_limit_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        read_file(write(tmp_path, "a.txt", b"abc"), max_bytes=-1)


@pytest.mark.parametrize("suffix", [*SUPPORTED, ".dat"])
def test_garbage_raises_only_input_error(tmp_path: Path, suffix: str) -> None:
    """Whatever the bytes, read_file returns a Document or raises InputError: nothing else."""
    rng = random.Random(f"planwatch{suffix}")
    heads = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]
    for i in range(40):
        data = rng.choice(heads) + rng.randbytes(rng.randint(0, 600))
        p = write(tmp_path, f"junk{i}{suffix}", data)
        try:
            doc = read_file(p)
        except InputError as e:
            assert e.reason
        else:
            assert doc.text.strip()


# --- iter_inputs ----------------------------------------------------------------------------


def test_iter_inputs_expands_folders(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    for rel in [
        "2024/yunling.txt", "2024/qingchuan.docx", "2023/qingchuan.PDF", "2023/notes.csv",
        "index.html", "b.md", "a.htm", ".hidden.txt", ".cache/inside.txt", "2024/~$qingchuan.docx",
        "2024/.git/objects.txt", "picture.png",
    ]:
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"x")
    got = [p.relative_to(root).as_posix() for p in iter_inputs([root])]
    assert got == ["2023/qingchuan.PDF", "2024/qingchuan.docx", "2024/yunling.txt", "a.htm", "b.md", "index.html"]
    assert iter_inputs([str(root)]) == iter_inputs([root])  # str or Path, same answer


def test_iter_inputs_keeps_explicit_files_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "z.txt").write_text("z", encoding="utf-8")
    (folder / "a.txt").write_text("a", encoding="utf-8")
    odd = write(tmp_path, "report.2024", b"x")
    hidden = write(tmp_path, ".draft.txt", b"x")
    missing = tmp_path / "missing.txt"
    got = iter_inputs([odd, folder, hidden, missing, folder / "a.txt"])
    # explicit files kept whatever their suffix (and even when missing, so read_file reports
    # them); the folder sorted; a file reached twice listed once
    assert got == [odd, folder / "a.txt", folder / "z.txt", hidden, missing]


def test_iter_inputs_empty() -> None:
    assert iter_inputs([]) == []
