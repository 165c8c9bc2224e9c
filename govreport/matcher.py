"""Dictionary matching: every occurrence of a set of words in a text, longest first, no overlaps.

One Aho-Corasick automaton (``ahocorasick_rs``, a compiled DFA) scans a text in a single pass
whatever the number of words, and reports leftmost-longest matches: at each place the longest
word that starts there wins, and the scan goes on after it (生态环境 is one match, not also 环境).
Offsets are character offsets into the text.

>>> m = Matcher({"环境": "env", "生态环境": "eco", "污染": "env"})
>>> m.find("加强生态环境保护，治理环境污染")
[(2, 6, 'eco'), (11, 13, 'env'), (13, 15, 'env')]
>>> m.find("加强生态环境保护，治理环境污染", 9, 13)
[(11, 13, 'env')]

A text is scanned whole, once, and the last one scanned is remembered, so that a caller can
ask for many windows of one long text (a sentence at a time) at the cost of one scan.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from operator import itemgetter
from typing import Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")

_first, _second, _third = itemgetter(0), itemgetter(1), itemgetter(2)


class Matcher(Generic[V]):
    """Leftmost-longest, non-overlapping matches of ``words`` (word -> value) in texts."""

    __slots__ = ("words", "values", "_auto", "_last")

    def __init__(self, words: Mapping[str, V]) -> None:
        self.words = [w for w in words if w]
        self.values = [words[w] for w in self.words]
        self._auto = ahocorasick_rs.AhoCorasick(
            self.words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA) if self.words else None
        self._last: tuple[str, list[int], list[int], list[V]] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, V]]:
        """(start, end, value) of every match in ``text[start:end]``, offsets into ``text``."""
        return list(zip(*self.window(text, start, end), strict=True))

    def window(self, text: str, start: int = 0, end: int | None = None,
               ) -> tuple[list[int], list[int], list[V]]:
        """(starts, ends, values) of the matches in ``text[start:end]``, offsets into ``text``.

        They are the whole-text matches inside the window, unless one runs over an edge of the
        window: then the leftmost-longest choices inside may differ, and the window is scanned
        alone."""
        end = len(text) if end is None else end
        starts, ends, values = self.scan(text)
        if start <= 0 and end >= len(text):
            return starts, ends, values
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        if (lo > 0 and ends[lo - 1] > start) or (hi > lo and ends[hi - 1] > end):
            s, e, v = self._scan(text[start:end])
            return [x + start for x in s], [x + start for x in e], v
        return starts[lo:hi], ends[lo:hi], values[lo:hi]

    def scan(self, text: str) -> tuple[list[int], list[int], list[V]]:
        """(starts, ends, values) of every match in the whole of ``text``; the last text scanned
        is remembered."""
        last = self._last
        if last is None or last[0] is not text:
            last = self._last = (text, *self._scan(text))
        return last[1], last[2], last[3]

    def _scan(self, text: str) -> tuple[list[int], list[int], list[V]]:
        if self._auto is None:
            return [], [], []
        found = self._auto.find_matches_as_indexes(text)
        return (list(map(_second, found)), list(map(_third, found)),
                list(map(self.values.__getitem__, map(_first, found))))
