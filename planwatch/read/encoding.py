"""Bytes → str without being told the encoding, and without moving a character.

Order: a byte-order mark decides; NUL bytes without a BOM mean binary; strict
UTF-8 (the fast path, no detector call); then a charset the HTML declares;
then charset-normalizer. The result is the bytes decoded as they are: no
newline translation, no normalisation, so offsets match the file on disk.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError

BINARY = "binary or unknown encoding"

# UTF-32 LE's mark starts with UTF-16 LE's, so it must be tried first.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# GB18030 is a superset of GBK and GB2312: same text for their bytes, and it
# also decodes the characters files labelled "gbk" often carry anyway.
_UPGRADE = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030"}

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def canonical(name: str) -> str | None:
    """Python's name for a codec (``GBK`` → ``gbk``), or None when Python has no such codec."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML head declares in its first 4 KB, if Python knows it."""
    m = _DECLARED.search(data, 0, 4096)
    if not m:
        return None
    return canonical((m.group(1) or m.group(2)).decode("ascii"))


def _try(data: bytes, encoding: str) -> tuple[str, str] | None:
    """(text, codec actually used): the GB18030 superset first for the GB family."""
    for candidate in dict.fromkeys((_UPGRADE.get(encoding, encoding), encoding)):
        try:
            return data.decode(candidate), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, bytes replaced) when `data` is UTF-8 but for a few bad bytes (a damaged file, a
    line pasted from elsewhere): each bad byte becomes U+FFFD, every other character stays put.
    GBK or Big5 text read as UTF-8 fails on nearly every character, so it never passes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    wide = len(text) - len(text.encode("ascii", "ignore").decode("ascii")) - bad
    if 0 < bad <= max(8, len(data) // 20_000) and wide >= 20 * bad:
        return text, bad
    return None


def decode_report(data: bytes, path: str | Path, *,
                  declared: str | None = None) -> tuple[str, str, str | None]:
    """(text, encoding, warning): as `decode`, and a warning when bad bytes were replaced."""
    try:
        text, enc = decode(data, path, declared=declared)
        return text, enc, None
    except InputError:
        got = None if data.startswith(tuple(b for b, _ in _BOMS)) or b"\x00" in data else _mostly_utf8(data)
        if got is None:
            raise
        text, bad = got
        return text, "utf-8", f"{bad} bytes that are not UTF-8 were read as U+FFFD (the file is damaged?)"


def decode(data: bytes, path: str | Path, *, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name) of `data`; InputError(path, BINARY) when it is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc  # these codecs drop the mark themselves
            except UnicodeDecodeError as e:
                raise InputError(path, BINARY) from e
    if b"\x00" in data:  # text in any 8-bit or multibyte encoding we accept never holds NUL
        raise InputError(path, BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        named = canonical(declared)
        if named and named not in ("utf-8", "utf-16", "utf-32"):
            got = _try(data, named)
            if got is not None:
                return got
    # Imported late: the UTF-8 path never needs it.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, BINARY)
    got = _try(data, canonical(best.encoding) or best.encoding)
    if got is None:
        raise InputError(path, BINARY)
    return got
