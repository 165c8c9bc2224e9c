"""Lexicons: the words govreport matches, kept as data files beside this module.

Each file is documented at its top, validated when loaded (an unknown key or a duplicate alias
raises :class:`~govreport.errors.LexiconError`) and loaded once per process.

>>> lex = indicators()
>>> lex.alias_to_ids["城乡居民人均可支配收入"]
('urban_income', 'rural_income')
>>> lex.names["gdp"]
'地区生产总值'
>>> units().multipliers["亿"]
100000000.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from govreport.errors import LexiconError

DATA = resources.files("govreport.lexicon") / "data"

_INDICATOR_KEYS = {"name", "aliases", "measures", "percent", "units", "needs_growth", "alias_of", "cumulates",
                   "other_units"}


def load_yaml(name: str | Path) -> dict[str, Any]:
    """Read one lexicon file (a name inside the package's data folder, or a path)."""
    path = Path(name) if isinstance(name, Path) else DATA / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{name}: cannot read lexicon ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: a lexicon file must be a mapping at its top level")
    return data


def load_lexicon(name: str, keys: set[str]) -> dict[str, Any]:
    """Read a lexicon file of the data folder that must hold exactly ``keys``."""
    data = load_yaml(name)
    unknown, missing = set(data) - keys, keys - set(data)
    if unknown or missing:
        raise LexiconError(f"{name}: unknown key(s) {sorted(unknown)}, missing key(s) {sorted(missing)}")
    return data


def _check_keys(where: str, data: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")


@dataclass(frozen=True)
class Indicators:
    names: dict[str, str]  # id -> standard name
    alias_to_ids: dict[str, tuple[str, ...]]  # every written form -> one id, or several (compounds)
    needs_growth: frozenset[str]  # written forms that count only before a growth figure
    percent: dict[str, str]  # id -> level | growth
    units: dict[str, tuple[str, ...]]  # id -> unit classes allowed for a level figure
    measures: dict[str, tuple[str, ...]]
    postfix: dict[str, dict[str, str]]  # word after a figure -> unit class -> id
    postfix_not_before: tuple[str, ...] = ()  # a postfix word going on like this does not count
    scoped: frozenset[str] = frozenset()  # names that a preceding Chinese word narrows
    cumulates: frozenset[str] = frozenset()  # ids whose multi-year figures are sums
    # short name -> (id, the words of its topic, one of which it needs before it) for each topic
    ellipses: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    other_units: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, unit class) -> id named
    shared_heads: dict[str, dict[str, str]] = field(default_factory=dict)  # first item -> list head -> id
    before_verbs: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # word -> (id, verbs)


@cache
def indicators() -> Indicators:
    data = load_yaml("indicators.yaml")
    _check_keys("indicators.yaml", data,
                {"indicators", "compounds", "postfix", "postfix_not_before", "scoped", "placeholders",
                 "ellipses", "shared_heads", "before_verbs"})
    names: dict[str, str] = {}
    alias_to_ids: dict[str, tuple[str, ...]] = {}
    needs_growth: set[str] = set()
    percent: dict[str, str] = {}
    unit_classes: dict[str, tuple[str, ...]] = {}
    measures: dict[str, tuple[str, ...]] = {}
    cumulates: set[str] = set()
    other_units: dict[tuple[str, str], str] = {}

    def add(alias: str, ids: tuple[str, ...], where: str) -> None:
        if alias in alias_to_ids and alias_to_ids[alias] != ids:
            raise LexiconError(f"indicators.yaml: duplicate alias {alias!r} ({where})")
        alias_to_ids[alias] = ids

    entries = data["indicators"]
    for key, entry in entries.items():
        _check_keys(f"indicators.yaml: {key}", entry, _INDICATOR_KEYS)
        target = entry.get("alias_of", key)
        if target not in entries or "alias_of" in entries[target]:
            raise LexiconError(f"indicators.yaml: {key}: alias_of names unknown indicator {target!r}")
        if "alias_of" not in entry:
            if "name" not in entry:
                raise LexiconError(f"indicators.yaml: {key}: missing name")
            names[key] = entry["name"]
            add(entry["name"], (key,), key)
            percent[key] = entry.get("percent", "growth")
            unit_classes[key] = tuple(entry.get("units", ()))
            measures[key] = tuple(entry.get("measures", ("level", "growth")))
            if entry.get("cumulates"):
                cumulates.add(key)
            for cls, other in (entry.get("other_units") or {}).items():
                if other not in entries:
                    raise LexiconError(f"indicators.yaml: {key}: other_units names unknown id {other!r}")
                other_units[(key, cls)] = other
        for alias in entry.get("aliases") or ():
            add(alias, (target,), key)
            if entry.get("needs_growth"):
                needs_growth.add(alias)
    for alias, ids in (data.get("compounds") or {}).items():
        unknown = [i for i in ids if i not in names]
        if unknown:
            raise LexiconError(f"indicators.yaml: compound {alias!r} names unknown ids {unknown}")
        add(alias, tuple(ids), "compounds")
    for name in data.get("placeholders") or ():
        add(name, (), "placeholders")  # a list slot, not an indicator
    postfix = {w: dict(m) for w, m in (data.get("postfix") or {}).items()}
    for word, by_class in postfix.items():
        unknown = [i for i in by_class.values() if i not in names]
        if unknown:
            raise LexiconError(f"indicators.yaml: postfix {word!r} names unknown ids {unknown}")
    scoped = frozenset(data.get("scoped") or ())
    unknown_scoped = scoped - set(alias_to_ids)
    if unknown_scoped:
        raise LexiconError(f"indicators.yaml: scoped names {sorted(unknown_scoped)} "
                           "are no indicator's name or alias")
    ellipses: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for word, entry in (data.get("ellipses") or {}).items():
        topics = entry if isinstance(entry, list) else [entry]  # one topic, or a list of them
        for topic in topics:
            _check_keys(f"indicators.yaml: ellipses: {word}", topic, {"id", "after"})
            if topic["id"] not in names:
                raise LexiconError(f"indicators.yaml: ellipsis {word!r} names unknown id {topic['id']!r}")
        add(word, tuple(dict.fromkeys(t["id"] for t in topics)), "ellipses")
        ellipses[word] = tuple((t["id"], tuple(t["after"])) for t in topics)
    shared_heads: dict[str, dict[str, str]] = {}
    for word, by_head in (data.get("shared_heads") or {}).items():
        unknown = [i for i in by_head.values() if i not in names]
        if unknown:
            raise LexiconError(f"indicators.yaml: shared head item {word!r} names unknown ids {unknown}")
        add(word, (), "shared_heads")  # no indicator alone: the list's head says which
        shared_heads[word] = dict(by_head)
    before_verbs: dict[str, tuple[str, tuple[str, ...]]] = {}
    for word, entry in (data.get("before_verbs") or {}).items():
        _check_keys(f"indicators.yaml: before_verbs: {word}", entry, {"id", "verbs"})
        if entry["id"] not in names:
            raise LexiconError(f"indicators.yaml: before_verbs {word!r} names unknown id {entry['id']!r}")
        add(word, (), "before_verbs")  # no indicator alone: only right before one of its verbs
        before_verbs[word] = (entry["id"], tuple(entry["verbs"]))
    return Indicators(names, alias_to_ids, frozenset(needs_growth), percent, unit_classes, measures, postfix,
                      tuple(data.get("postfix_not_before") or ()), scoped, frozenset(cumulates), ellipses,
                      other_units, shared_heads, before_verbs)


@dataclass(frozen=True)
class Units:
    multipliers: dict[str, float]
    bases: dict[str, str]  # base unit -> class
    percent: tuple[str, ...]
    points: tuple[str, ...]
    times: tuple[str, ...]
    trailing: tuple[str, ...]
    bare: tuple[str, ...] = ()  # 万亿, 千亿: multipliers that stand for money with no base after them
    bare_base: str = ""  # the base they stand for (元)
    bare_before: tuple[str, ...] = ()  # ... when followed by one of these (级规模, a clause end)


@cache
def units() -> Units:
    data = load_yaml("units.yaml")
    _check_keys("units.yaml", data,
                {"multipliers", "bases", "percent", "points", "times", "trailing", "bare"})
    bare = data.get("bare") or {}
    _check_keys("units.yaml: bare", bare, {"multipliers", "base", "before"})
    if bare and (bare["base"] not in data["bases"]
                 or not set(bare["multipliers"]) <= set(data["multipliers"])):
        raise LexiconError("units.yaml: bare: base and multipliers must be listed in bases and multipliers")
    return Units(
        multipliers={k: float(v) for k, v in data["multipliers"].items()},
        bases=dict(data["bases"]),
        percent=tuple(data["percent"]),
        points=tuple(data["points"]),
        times=tuple(data["times"]),
        trailing=tuple(data.get("trailing", ())),
        bare=tuple(bare.get("multipliers", ())), bare_base=bare.get("base", ""),
        bare_before=tuple(bare.get("before", ())),
    )


_PHRASE_KEYS = {
    "qualifiers", "growth_verbs", "to_words", "connectors", "blockers", "continuations", "stops",
    "subscopes_before", "subscope_suffixes", "ownscope", "review_headings", "plan_headings",
    "plan_openers", "speaker_titles", "report_openers", "from_words", "multi_year", "single_year",
    "plan_period", "last_year", "clause_blockers", "figure_scopes",
    "look_back", "scope_verbs", "total_words", "steps", "sum_words", "averages", "sentence_scopes",
    "plan_words", "aside_opens", "aside_closes", "streak_words", "shared_tails", "from_periods",
    "clause_openers", "rank_opens", "short_name_periods", "exclusion_opens", "exclusion_closes",
    "exclusion_keeps", "turn_words",
}


@cache
def phrases() -> dict[str, Any]:
    """Word lists that steer parsing (qualifiers, verbs, headings ...); see phrases.yaml."""
    data = load_lexicon("phrases.yaml", _PHRASE_KEYS)
    q = data["qualifiers"]
    allowed = {"about", "at_least", "at_most"}
    for side in ("after", "before"):
        bad = {w: v for w, v in q[side].items() if v not in allowed}
        if bad:
            raise LexiconError(f"phrases.yaml: qualifiers.{side}: unknown qualifier(s) {bad}")
    return data


_GRAMMAR_STR = {"ten", "two", "year", "month", "day", "at", "ordinal", "term", "national", "congress",
                "session", "report_word", "of", "review_word", "comrade", "city_suffix", "this_year",
                "respectively", "area_word"}
_GRAMMAR_DICT = {"suffix_levels"}
_GRAMMAR_LIST = {
    "digits", "zeros", "multiplier_digits", "range_words", "national_markers", "year_parts",
    "speaker_verbs", "division_suffixes", "self_reference", "not_heading_after", "year_words",
    "name_separators", "name_joiners", "figure_joiners", "distributors", "year_not_after", "year_to",
    "year_not_before", "opening_year_not_before", "last_year_not_after", "ordinals", "growth_after_to",
    "scope_neutral",
}
# keys whose words are single characters (they go into character classes)
_GRAMMAR_CHARS = {"digits", "zeros", "multiplier_digits", "range_words", "not_heading_after",
                  "name_joiners", "year_not_after", "last_year_not_after", "scope_neutral"}


@cache
def grammar() -> dict[str, Any]:
    """Closed word classes the parsers build patterns from (numerals, date words ...); see grammar.yaml.

    >>> grammar()["digits"][2]
    '三'
    """
    data = load_lexicon("grammar.yaml", _GRAMMAR_STR | _GRAMMAR_DICT | _GRAMMAR_LIST)
    for key, value in data.items():
        kind = str if key in _GRAMMAR_STR else dict if key in _GRAMMAR_DICT else list
        if not isinstance(value, kind) or (kind is list and not all(isinstance(w, str) and w for w in value)):
            raise LexiconError(f"grammar.yaml: {key}: expected a {kind.__name__} of words")
        if key in _GRAMMAR_CHARS and any(len(w) != 1 for w in value):
            raise LexiconError(f"grammar.yaml: {key}: every entry must be one character")
    if len(data["digits"]) != 9:
        raise LexiconError("grammar.yaml: digits: expected the nine digits 1 to 9, in order")
    return data
