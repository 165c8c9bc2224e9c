"""Fold full-width forms to half-width, one character for one, so offsets never move.

Matching runs on the folded copy; because every replacement is a single character for a
single character, an offset into the folded copy is the same offset into the original text
(the offset map is the identity), and evidence is always sliced from the original.

>>> fold("增长６．５％")
'增长6.5%'
>>> len(fold("２０２４年")) == len("２０２４年")
True
"""

from __future__ import annotations

import re

_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII block
# Chinese full-width punctuation keeps its own meaning (，；：（）) in the lexicons, so fold only
# what is a digit, a letter, a sign or a space.
for _ch in "，；：（）！？":
    _TABLE.pop(ord(_ch), None)
_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20})
_TABLE.update({0xFF5E: ord("~")})


_MAP = {chr(k): chr(v) for k, v in _TABLE.items()}
# A report is mostly CJK that nothing folds: substituting the few characters that do is ~15x
# faster than ``str.translate`` with a dict, which looks up every character (benchmarks/throughput.py).
_FOLDABLE = re.compile("[" + re.escape("".join(_MAP)) + "]")


def _fold_char(m: re.Match[str]) -> str:
    return _MAP[m.group()]


def fold(text: str) -> str:
    """Return ``text`` with full-width digits, letters, ％ and spaces folded; same length."""
    return _FOLDABLE.sub(_fold_char, text)
