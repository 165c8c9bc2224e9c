"""Numbers with units: "4168.5亿元", "7.5%左右", "6.5%—7%", "1.7倍", "千亿元", "3.4个百分点".

A :class:`Quantity` keeps what was written (``value_text``, ``unit_text``) beside what it means
(``value``, ``unit``) and the span it came from. Units keep their multiplier (亿元 stays 亿元),
as the scorer and readers expect; ``base_value`` gives the value in base units.

>>> q = parse_quantity("地区生产总值4168.5亿元")
>>> (q.value, q.unit, q.unit_class, q.start, q.end)
(4168.5, '亿元', 'money', 6, 14)
>>> q.base_value
416850000000.0
>>> q = parse_quantity("增长1.7倍")
>>> (q.value, q.unit, q.value_text, q.unit_text)
(170.0, '%', '1.7', '倍')
>>> q = parse_quantity("6.5%—7%")
>>> (q.value, q.value_high, q.unit)
(6.5, 7.0, '%')
>>> parse_quantity("突破千亿元").value
1000.0
>>> [q.value for q in find_quantities("分别增长6.0%、8.3%")]
[6.0, 8.3]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import cn2an

from govreport.lexicon import grammar, units

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"


@dataclass(slots=True)
class Quantity:
    value: float
    unit: str  # normalised: % | 个百分点 | multiplier+base (亿元, 万人次, 家)
    unit_class: str  # percent | points | money | people | visits | count | ...
    start: int
    end: int
    value_text: str
    unit_text: str
    value_high: float | None = None

    @property
    def base_value(self) -> float:
        """The value in base units (亿元 -> 元)."""
        return self.value * unit_scale(self.unit)[0]


@cache
def unit_scale(unit: str) -> tuple[float, str]:
    """(factor, base) of a normalised unit: 万亿元 -> (1e12, 元), % -> (1, %).

    >>> unit_scale("万亿元"), unit_scale("万人次"), unit_scale("%")
    ((1000000000000.0, '元'), (10000.0, '人次'), (1.0, '%'))
    """
    u = units()
    if unit in u.percent or unit in u.points:
        return 1.0, unit
    for prefix in _multipliers():
        if unit.startswith(prefix) and unit[len(prefix):] in u.bases:
            return float(u.multipliers[prefix]), unit[len(prefix):]
    return 1.0, unit


@cache
def _numerals() -> tuple[frozenset[str], frozenset[str]]:
    """(every character of a Chinese numeral, the multiplying ones: 十百千万亿)."""
    g = grammar()
    mult = frozenset(g["multiplier_digits"])
    return frozenset([*g["zeros"], *g["digits"], g["two"], g["ten"]]) | mult, mult


@cache
def _pattern() -> re.Pattern[str]:
    u = units()
    g = grammar()
    mult = "|".join(sorted(map(re.escape, u.multipliers), key=len, reverse=True))
    bases = "|".join(sorted(map(re.escape, u.bases), key=len, reverse=True))
    pct = "|".join(map(re.escape, u.percent))
    points = "|".join(map(re.escape, u.points))
    times = "|".join(map(re.escape, u.times))
    unit = rf"(?:{pct}|{points}|{times}|(?:{mult})?(?:{bases}){_bare_unit()})"
    numerals = "".join(sorted(_numerals()[0]))
    dash = "-—–~～－" + "".join(g["range_words"])
    # Every match begins with a digit or a numeral, and the pattern begins with that character
    # class, so the engine skips to the next such character at C speed. The first number is an
    # Arabic one (\d, its first character) or a Chinese one ([numerals]+?); only an Arabic first
    # number can be the low end of a range (6.5%—7%, 6—6.5%), whose high end is then ``second``.
    return re.compile(
        rf"(?P<first>[\d{numerals}](?:(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?|(?<!\d)[{numerals}]*?))"
        rf"(?:(?<=\d)\s*(?P<lowunit>{unit})?\s*[{dash}]+\s*(?P<second>{_ARABIC}|[{numerals}]+?))?"
        rf"\s*(?P<unit>{unit})"
    )


@cache
def _bare_unit() -> str:
    """An alternative of the unit pattern: a big multiplier standing for money with no base
    after it (万亿 in 破万亿，), whole (1.3万亿) or as the last character of a numeral (万|亿)."""
    u = units()
    if not u.bare:
        return ""
    before = "|".join(map(re.escape, u.bare_before))
    alts = [re.escape(w) for w in sorted(u.bare, key=len, reverse=True)]
    alts += [rf"(?<={re.escape(w[:-1])}){re.escape(w[-1])}" for w in u.bare if len(w) > 1]
    return rf"|(?:{'|'.join(alts)})(?=\s*(?:{before})|$)"


@cache
def _to_float(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    if text[0] in _numerals()[1]:
        text = grammar()["digits"][0] + text
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


@cache
def _multipliers() -> tuple[str, ...]:
    """The unit multipliers (万, 亿 ...), longest first."""
    return tuple(sorted(units().multipliers, key=len, reverse=True))


@cache
def _classify(unit_text: str) -> tuple[str, str, float]:
    """(normalised unit, unit class, factor to apply to the value)."""
    u = units()
    if unit_text in u.percent:
        return ("%" if unit_text == "%" else unit_text), "percent", 1.0
    if unit_text in u.points:
        return u.points[0], "points", 1.0
    if unit_text in u.times:
        return "%", "percent", 100.0
    for prefix in _multipliers():
        base = unit_text[len(prefix):]
        if unit_text.startswith(prefix) and base in u.bases:
            return unit_text, u.bases[base], 1.0
    if unit_text in u.multipliers and u.bare_base:  # 破万亿 (first 万, unit 亿), 1.3万亿: money
        return unit_text + u.bare_base, u.bases[u.bare_base], 1.0
    return unit_text, u.bases.get(unit_text, "other"), 1.0


def _from_match(m: re.Match[str], offset: int = 0) -> Quantity | None:
    ranged = m.group("second") is not None
    num = "second" if ranged else "first"
    num_text = m.group(num)
    unit_text = m.group("unit")
    # a Chinese numeral must stand alone: 一般 or 统一 are not numbers
    if not num_text[0].isdigit() and m.start(num) > 0 and m.string[m.start(num) - 1] in _numerals()[0]:
        return None
    unit, unit_class, factor = _classify(unit_text)
    # a lone multiplier is a number only before a unit that has its own multiplier (千亿元 is
    # 1000 亿元); before a bare unit it is the unit's multiplier (万元 per ..., 万亩 of ...)
    if all(c in _numerals()[1] for c in num_text) and unit_class not in ("percent", "points") \
            and not unit_text.startswith(_multipliers()):
        return None
    value = _to_float(num_text)
    if value is None:
        return None
    low = m.group("first") if ranged else None
    start = m.start()
    high = None
    if low is not None:
        lv = _to_float(low)
        if lv is None:
            return None
        value, high = lv * factor, value * factor
    else:
        value *= factor
    return Quantity(value, unit, unit_class, start + offset, m.end() + offset, num_text if low is None
                    else f"{low}-{num_text}", unit_text, high)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[Quantity]:
    """Every number-with-unit in ``text[start:end]``, offsets into ``text``.

    A long text is scanned once, whole (see :class:`_Scan`); a window of it is then read from that
    scan, which gives what scanning the window alone would give.
    """
    end = len(text) if end is None else end
    if len(text) < _SCAN_MIN or end - start > len(text) // 2:
        for m in _pattern().finditer(text, start, end):
            q = _quantity(text, m)
            if q is not None:
                yield q
        return
    scan = _scan(text)
    window = scan.window(start, end)
    if window is None:  # a figure runs over an edge of the window: scan the window alone
        for m in _pattern().finditer(text, start, end):
            q = _quantity(text, m)
            if q is not None:
                yield q
        return
    for k in range(*window):
        q = scan.quantity(k)
        if q is not None:
            yield q


def may_hold_quantity(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when neither ``text[start:end]`` nor any part of it holds a quantity (a quick test).

    A long text is looked up in its whole-text scan: with no match in the window and none running
    into it, scanning the window finds nothing, nor does scanning any part of it (a match the
    part allows the window allows too). Otherwise: is there a digit or a numeral at all.
    """
    end = len(text) if end is None else end
    if len(text) >= _SCAN_MIN:
        scan = _scan(text)
        lo = bisect_left(scan.starts, start)
        if not (lo > 0 and scan.ends[lo - 1] > start):
            return lo < len(scan.starts) and scan.starts[lo] < end
    return _numeral_char().search(text, start, end) is not None


def quantity_test(text: str) -> Callable[[int, int], bool]:
    """``may_hold_quantity`` of ``text`` as a function of (start, end): quicker over many windows."""
    if len(text) < _SCAN_MIN:
        return lambda start, end: may_hold_quantity(text, start, end)
    scan = _scan(text)
    starts, ends, n = scan.starts, scan.ends, len(scan.starts)
    numeral = _numeral_char().search

    def test(start: int, end: int) -> bool:
        lo = bisect_left(starts, start)
        if lo > 0 and ends[lo - 1] > start:
            return numeral(text, start, end) is not None
        return lo < n and starts[lo] < end

    return test


def spans(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the places in ``text`` that may hold a quantity (its whole-text scan):
    a window holds a quantity only if one of them lies inside it or runs into it."""
    scan = _scan(text)
    return scan.starts, scan.ends


@cache
def _numeral_char() -> re.Pattern[str]:
    return re.compile(r"[\d" + "".join(sorted(_numerals()[0])) + "]")


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    # a number glued to a preceding digit or letter is part of something else (5G, 2023年)
    s = m.start()
    if s > 0 and (text[s - 1].isascii() and text[s - 1].isalnum() or text[s - 1] == "."):
        return None
    return _from_match(m)


_SCAN_MIN = 4000  # texts shorter than this are scanned window by window
_UNSET = object()


class _Scan:
    """Every match of the pattern in a whole text, in order, each read into a Quantity when asked.

    Scanning a window ``[start, end)`` alone finds exactly the whole-text matches that lie inside
    it, provided no whole-text match runs over ``start`` or ``end``: before ``start`` the scan has
    found nothing that reaches it, and a match inside the window never needs a character after
    ``end`` (the pattern has no lookahead past its match) — so the first match the engine prefers
    at a position is the same in both. When a match does run over an edge, :meth:`window` says so.
    """

    __slots__ = ("text", "matches", "starts", "ends", "quantities")

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = list(_pattern().finditer(text))
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]
        self.quantities: list[object] = [_UNSET] * len(self.matches)

    def window(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices of the matches inside ``[start, end)``, or None when one runs over an edge."""
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end, lo)
        if (lo > 0 and self.ends[lo - 1] > start) or (hi > lo and self.ends[hi - 1] > end):
            return None
        return lo, hi

    def quantity(self, k: int) -> Quantity | None:
        q = self.quantities[k]
        if q is _UNSET:
            q = self.quantities[k] = _quantity(self.text, self.matches[k])
        return q  # type: ignore[return-value]


_last_scan: list[_Scan] = []  # the text read last (the pipeline reads one document at a time)


def _scan(text: str) -> _Scan:
    if _last_scan and _last_scan[0].text is text:
        return _last_scan[0]
    scan = _Scan(text)
    _last_scan[:] = [scan]
    return scan


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in ``text``, or None."""
    return next(find_quantities(text), None)
