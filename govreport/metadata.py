"""Who delivered a report, where and when: region, level, year, meeting date, speaker.

The header (date/meeting line, speaker line) is read when there is one; otherwise the region is
the most-named administrative division of the text and the year comes from the part titles
("2023年工作回顾" → delivered 2024). Division names and codes come from the GB/T 2260 table
shipped with the ``cpca`` package.

>>> md = detect("政府工作报告\\n——2024年1月25日在伊宁市第十八届人民代表大会第四次会议上"
...             "\\n市长  哈米提·阿克木\\n各位代表：")
>>> (md.region, md.level, md.year, md.date, md.speaker)
('伊宁市', 'city', 2024, '2024-01-25', '哈米提·阿克木')
>>> detect("——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强\\n各位代表：").region
'全国'
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cn2an

from govreport.lexicon import grammar, phrases
from govreport.matcher import Matcher
from govreport.model import Metadata
from govreport.normalize import fold

NATIONAL: str = grammar()["national"]  # the region of the national report


@dataclass(frozen=True)
class _Patterns:
    date: re.Pattern[str]  # 2024年1月25日, 二〇二四年一月二十五日
    meeting: re.Pattern[str]  # 在某市第十八届人民代表大会第四次会议
    year_part: re.Pattern[str]  # 2023年工作回顾
    self_level: re.Pattern[str]  # 我代表市人民政府
    year: re.Pattern[str]  # 2024年
    year_digits: dict[str, int]  # 〇 一 … 九 (and 零) -> digit


@cache
def _patterns() -> _Patterns:
    g = grammar()
    e = re.escape
    year_digits = "".join(g["zeros"] + g["digits"])
    small = "".join(g["digits"]) + g["ten"]  # month, day, term and session numbers
    at, ordinal = e(g["at"]), e(g["ordinal"])
    year, month, day = e(g["year"]), e(g["month"]), e(g["day"])
    levels = "|".join(map(e, g["suffix_levels"]))
    me, government = map(e, g["self_reference"])
    digits = {c: i + 1 for i, c in enumerate(g["digits"])} | dict.fromkeys(g["zeros"], 0)
    return _Patterns(
        date=re.compile(rf"(\d{{4}}|[{year_digits}]{{4}})\s*{year}\s*(\d{{1,2}}|[{small}]{{1,3}})\s*{month}"
                        rf"\s*(\d{{1,2}}|[{small}]{{1,3}})\s*{day}"),
        meeting=re.compile(rf"{at}(?P<region>[^\s，。{at}]{{0,20}}?){ordinal}?[{small}]{{1,3}}{e(g['term'])}"
                           rf"(?P<nat>{e(g['national'])})?{e(g['congress'])}{ordinal}?[{small}]{{1,3}}"
                           rf"{e(g['session'])}"),
        year_part=re.compile(rf"(?m)^\s*(?:[{small}]{{1,2}}、)?\s*(\d{{4}}){year}(?:{e(g['of'])})?"
                             "(" + "|".join(map(e, g["year_parts"])) + ")"),
        self_level=re.compile(rf"{me}(\S{{0,12}}?)({levels}){government}"),
        year=re.compile(rf"(\d{{4}}){year}"),
        year_digits=digits,
    )
_CJK_NAME = r"[\u4e00-\u9fff]{1,10}(?:[·•][\u4e00-\u9fff]{1,10})+|[\u4e00-\u9fff]{2,4}"
# how far before the report proper (各位代表) the header may begin: a Word file's meeting line can sit
# above a 来源 line that the body finder skips
_HEADER_BEFORE = 600


@dataclass(frozen=True)
class Division:
    name: str
    code: str
    level: str  # province | city | county


@cache
def gazetteer() -> dict[str, list[Division]]:
    """Division name -> divisions of that name, from cpca's GB/T 2260 table (adcodes.csv)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (administrative-division table) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    table: dict[str, list[Division]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"], row["name"]
            if code[2:] == "0" * 10:
                level = "province"
            elif code[4:] == "0" * 8:
                level = "city"
            else:
                level = "city" if name.endswith(grammar()["city_suffix"]) else "county"
            table.setdefault(name, []).append(Division(name, code, level))
    return table


def short_name(name: str) -> str:
    """乌鲁木齐市 -> 乌鲁木齐, 内蒙古自治区 -> 内蒙古, 宁夏回族自治区 -> 宁夏."""
    for suffix in grammar()["division_suffixes"]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def _matcher() -> Matcher[str]:
    """Every division's full name, and its short form where that names one division only
    (several full names sharing a short form map it to "")."""
    words: dict[str, str] = {}
    city = grammar()["city_suffix"]
    for name in gazetteer():
        words[name] = name
    for name in gazetteer():
        short = short_name(name)
        levels = {d.level for d in gazetteer()[name]}
        if short != name and short not in gazetteer() and "county" not in levels and not (
                name.endswith(city) and all(d.code[4:6] != "00" for d in gazetteer()[name])):
            prev = words.get(short)
            words[short] = name if prev is None or prev == name else ""
    return Matcher(words)


def _cn_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    digits = _patterns().year_digits
    if len(s) == 4 and all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    return int(cn2an.cn2an(s, "smart"))


def _division(name: str) -> Division | None:
    found = gazetteer().get(name)
    if not found:
        return None
    return sorted(found, key=lambda d: ("province", "city", "county").index(d.level))[0]


def most_named_region(text: str, level: str | None = None) -> Division | None:
    """The division named most often in ``text`` (full names and unambiguous short forms),
    among those of ``level`` when it is given."""
    counts = Counter(name for _, _, name in _matcher().find(text) if name)
    for name, _ in counts.most_common():
        div = _division(name)
        if div is not None and (level is None or div.level == level):
            return div
    return None


def _suffix_level(name: str) -> str | None:
    """Level from how a division's name ends: 某某市 -> city."""
    for suffix, level in grammar()["suffix_levels"].items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return None


def _level_hint(header: str, norm: str) -> str | None:
    """The level a report speaks for: 我代表市人民政府 -> city."""
    own = _patterns().self_level
    m = own.search(header) or own.search(norm, 0, 5000)
    return grammar()["suffix_levels"][m.group(2)] if m else None


def detect(text: str, body_start: int = 0, review_year_hint: int | None = None, *,
           norm: str | None = None) -> Metadata:
    """Metadata from the header when present, else from the content. ``norm`` is ``fold(text)``
    when the caller has it already."""
    norm = fold(text) if norm is None else norm
    opener = min((i for w in phrases()["report_openers"] if (i := norm.find(w, body_start)) >= 0), default=-1)
    header_end = opener + 60 if 0 <= opener < body_start + 3000 else body_start + 1500
    header = norm[max(0, body_start - _HEADER_BEFORE) if body_start < _HEADER_BEFORE * 3 else body_start:
                  header_end]
    g, pat = grammar(), _patterns()
    md = Metadata()
    lines = [ln.strip() for ln in header.splitlines() if ln.strip()]
    for line in lines[:6]:
        head = re.sub(r"\s+", "", line.split("——")[0])
        if g["report_word"] in head and len(head) <= 30 and not re.search(r"[。，：]", head):
            md.title = head
            break

    meeting = pat.meeting.search(header)
    dates = list(pat.date.finditer(header))
    date = next((d for d in dates if header.startswith(g["at"], d.end())), dates[0] if dates else None)
    if date and (meeting is None or date.start() < meeting.end()):
        try:
            y, mo, d = (_cn_int(g) for g in date.groups())
            md.date = f"{y:04d}-{mo:02d}-{d:02d}"
            md.year = y
        except (ValueError, TypeError):
            pass
    if meeting:
        md.meeting = meeting.group(0)[1:]
        if meeting.group("nat"):
            md.region, md.level = NATIONAL, "national"
        else:
            name = meeting.group("region")
            div = _division(name) or most_named_region(name)
            if div and div.name == name:
                md.region, md.level, md.region_code = div.name, div.level, div.code
            elif _suffix_level(name):
                # a division the table does not know (new, renamed): trust the header
                md.region, md.level = name, _suffix_level(name)
    md.speaker = _speaker(header)
    if md.region is None and any(w in header for w in g["national_markers"]):
        md.region, md.level = NATIONAL, "national"
    if md.region is None:
        div = most_named_region(norm[body_start:], _level_hint(header, norm))
        if div:
            md.region, md.level, md.region_code = div.name, div.level, div.code
    if md.year is None:
        md.year = _year_from_content(norm, body_start)
    if md.year is None and md.title:
        m = pat.year.search(md.title)
        md.year = int(m.group(1)) if m else None
    return md


@cache
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    g = grammar()
    titles = sorted(phrases()["speaker_titles"], key=len, reverse=True)
    title = "(?:" + "|".join(map(re.escape, titles)) + ")"
    lazy_name = _CJK_NAME.replace("{2,4}", "{2,4}?")
    return (re.compile(title),
            # 省长王清宪作政府工作报告, 市长 殷勇同志作…, 主席王莉霞在…会议上的讲话
            re.compile(rf"{title}[\s?？]*(?P<name>{lazy_name})(?:{re.escape(g['comrade'])})?"
                       "(?:" + "|".join(map(re.escape, g["speaker_verbs"])) + ")"),
            # 2025年1月15日龚正市长在…
            re.compile(rf"{re.escape(g['day'])}(?P<name>[\u4e00-\u9fff]{{2,3}}){title}{re.escape(g['at'])}"))


def _speaker(header: str) -> str | None:
    """The name after a title (省长, 市长, 国务院总理 ...) that ends its header line, or that
    comes before 作/在 (省长王清宪作政府工作报告), or the name before a title (龚正市长在)."""
    title, before_verb, name_first = _speaker_patterns()
    for line in header.splitlines():
        for m in title.finditer(line):
            name = re.sub(r"[\s?？]", "", line[m.end():])
            if re.fullmatch(_CJK_NAME, name):
                return name
    for pattern in (before_verb, name_first):
        m = pattern.search(header)
        if m:
            return m.group("name")
    return None


def _year_from_content(norm: str, start: int) -> int | None:
    votes: Counter[int] = Counter()
    review = grammar()["review_word"]
    for m in _patterns().year_part.finditer(norm, start, start + 20000):
        y = int(m.group(1))
        votes[y + 1 if review in m.group(2) else y] += 1
    if votes:
        return votes.most_common(1)[0][0]
    return None
