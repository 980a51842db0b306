"""A word automaton over ahocorasick-rs: every occurrence of a set of words in a text.

pyahocorasick slows down with thousands of CJK words (its root node scans its children
for every character: ~3 M chars/s with the 7,700 place names); the Rust automaton keeps
10–50 M chars/s. This wrapper keeps the small interface the engine uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")


class Automaton(Generic[V]):
    """Words with a value each; `iter(text)` yields (start, end, value) of every match."""

    def __init__(self, items: Iterable[tuple[str, V]], *, longest: bool = False) -> None:
        """`longest`: `iter` yields the leftmost longest matches, none overlapping: what re finds with the words as
        an alternation sorted longest first (it tries them in order at each position, left to right)."""
        words: list[str] = []
        self._values: list[V] = []
        seen: dict[str, int] = {}
        for word, value in items:
            if not word:
                continue
            if word in seen:  # the last value given for a word wins, as with a dict
                self._values[seen[word]] = value
                continue
            seen[word] = len(words)
            words.append(word)
            self._values.append(value)
        self._words = words
        # a DFA: twice as fast a search as the default NFA, for a build of tens of ms once per process
        # and some MB (the 7,700 place names: +13 MB)
        self._longest = longest
        self._by_end: dict[str | None, Any] | None = None  # (built by `ending` when first asked)
        self._heads: frozenset[str] | None = None  # (built by `heads` when first asked)
        kind = ahocorasick_rs.MatchKind.LeftmostLongest if longest else ahocorasick_rs.MatchKind.Standard
        self._ac = ahocorasick_rs.AhoCorasick(words, matchkind=kind, implementation=ahocorasick_rs.Implementation.DFA) \
            if words else None

    def ending(self, text: str) -> list[tuple[int, int, V]]:
        """What `iter` yields of the words ending `text` (end == len(text)), read backwards from its end through a
        tree of the words reversed: a short text's call into the automaton costs more than that, and most texts leave
        the tree after a character or two (a lookup of each suffix paid for every one up to the longest word).

        >>> a = Automaton([("生产总值", 1), ("地区生产总值", 2), ("地区", 3)])
        >>> sorted(a.ending("全市地区生产总值"))
        [(2, 8, 2), (4, 8, 1)]
        """
        node = self._by_end
        if node is None:
            node = self._by_end = {}
            for word, value in zip(self._words, self._values):
                at = node
                for ch in reversed(word):
                    at = at.setdefault(ch, {})
                at[None] = value  # (a word ends here: no character is None)
        n = len(text)
        found: list[tuple[int, int, V]] = []
        for start in range(n - 1, -1, -1):
            node = node.get(text[start])
            if node is None:
                break
            if None in node:
                found.append((start, n, node[None]))
        found.reverse()  # (by start, as a scan of the suffixes finds them)
        return found

    def heads(self) -> frozenset[str]:
        """The first two characters of each word (a word of one character whole): no match begins where the text
        opens with none of them (two characters tell far more than one: 3,341 heads of the place names, 977 firsts)."""
        if self._heads is None:
            self._heads = frozenset(w[:2] for w in self._words)
        return self._heads

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: str) -> bool:
        return word in set(self._words)

    def iter(self, text: str) -> Iterator[tuple[int, int, V]]:
        """Every occurrence, overlapping ones included, in order of their end (with `longest`: the leftmost
        longest ones, in order).

        >>> a = Automaton([("生产总值", 1), ("地区生产总值", 2)])
        >>> [(s, e, v) for s, e, v in a.iter("全市地区生产总值")]
        [(2, 8, 2), (4, 8, 1)]
        """
        if self._ac is None or not text:
            return iter(())
        values = self._values
        matches = self._ac.find_matches_as_indexes(text, overlapping=not self._longest)
        return ((s, e, values[i]) for i, s, e in matches)
