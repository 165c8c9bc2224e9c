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
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from typing import Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")


class Matcher(Generic[V]):
    """Leftmost-longest, non-overlapping matches of ``words`` (word -> value) in texts."""

    __slots__ = ("words", "values", "_auto", "_last")

    def __init__(self, words: Mapping[str, V]) -> None:
        self.words = [w for w in words if w]
        self.values = [words[w] for w in self.words]
        self._auto = ahocorasick_rs.AhoCorasick(
            self.words or ["\x00"], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA) if self.words else None
        self._last: tuple[str, list[int], list[int], list[V]] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, V]]:
        """(start, end, value) of every match in ``text[start:end]``, offsets into ``text``."""
        if self._auto is None:
            return []
        end = len(text) if end is None else end
        if start == 0 and end == len(text):
            values = self.values
            return [(s, e, values[k]) for k, s, e in self._auto.find_matches_as_indexes(text)]
        return self._window(text, start, end)

    def find_in_windows(self, text: str, start: int, end: int) -> list[tuple[int, int, V]]:
        """``find(text, start, end)`` for callers that ask for many windows of one long text:
        the text is scanned once, whole, and each window is read from that scan. The matches in
        a window are the whole-text matches inside it unless one runs over an edge of the window
        (the leftmost-longest choice inside then starts from the same place); in that case the
        window is scanned alone."""
        if self._auto is None:
            return []
        starts, ends, vals = self.scan(text)
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        if (lo > 0 and ends[lo - 1] > start) or (hi > lo and ends[hi - 1] > end):
            return self._window(text, start, end)
        return list(zip(starts[lo:hi], ends[lo:hi], vals[lo:hi], strict=True))

    def scan(self, text: str) -> tuple[list[int], list[int], list[V]]:
        """(starts, ends, values) of every match in the whole of ``text``; the last text scanned
        is remembered, for callers that read it window by window."""
        last = self._last
        if last is None or last[0] is not text:
            if self._auto is None:
                return [], [], []
            found = self._auto.find_matches_as_indexes(text)
            values = self.values
            last = self._last = (text, [s for _, s, _ in found], [e for _, _, e in found],
                                 [values[k] for k, _, _ in found])
        return last[1], last[2], last[3]

    def _window(self, text: str, start: int, end: int) -> list[tuple[int, int, V]]:
        assert self._auto is not None
        values = self.values
        return [(s + start, e + start, values[k])
                for k, s, e in self._auto.find_matches_as_indexes(text[start:end])]
