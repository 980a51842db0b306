"""The public id of a fact: derived from what it is, not from when it was stored.

A fact's id is a hash of its document's content (sha256), its span and its origin
(the engine, or a person who added it), with a counter for the rare second fact at
the same characters. Re-extracting a document, even with a better engine, gives a
fact at the same characters the same id, so links, notes and web addresses keep
pointing at the same figure; ingesting the same file into another database gives
the same ids too.

    >>> fact_uid("0" * 64, 10, 13)
    'p727c4cl7vet'
    >>> fact_uid("0" * 64, 10, 13) == fact_uid("0" * 64, 10, 13, n=1)
    False
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

UID_LENGTH = 12   # base32: 60 bits, so a million facts meet a collision about once in a million databases
UID_RE = re.compile(r"^[a-z2-7]{12}$")


def fact_uid(sha256: str, start: int, end: int, *, origin: str = "engine", n: int = 0) -> str:
    digest = hashlib.sha256(f"{sha256}:{start}:{end}:{origin}:{n}".encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:UID_LENGTH].lower()


def assign_uids(sha256: str, spans: Iterable[tuple[int, int]], *, origin: str = "engine",
                taken: Iterable[tuple[int, int]] = ()) -> list[str]:
    """Ids for facts of one document in their given order: the k-th fact at a span gets n=k
    (counting the spans in `taken` first: facts of this origin already stored there)."""
    seen: dict[tuple[int, int], int] = defaultdict(int)
    for span in taken:
        seen[span] += 1
    out = []
    for span in spans:
        out.append(fact_uid(sha256, span[0], span[1], origin=origin, n=seen[span]))
        seen[span] += 1
    return out


def looks_like_uid(text: str) -> bool:
    return bool(UID_RE.match(text))
