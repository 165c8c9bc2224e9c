"""Attention indices: how much of a report is about a theme, by keyword frequency.

A dictionary (``lexicon/data/indices/*.yaml``, or a user's file of the same shape) gives a
theme's ``name``, ``label`` and ``terms``. All dictionaries' terms go into one Aho-Corasick
automaton and are matched over the folded body text longest first and without overlap, so
生态环境 counts once (for 生态环境), not also as 环境 or 生态. A term listed in two dictionaries
(网络安全: digital and security) counts for both.

Each theme is scored for the whole body (``all``) and for the ``review`` and ``plan`` parts:
occurrences, characters, occurrences per 10,000 characters, sentences mentioning the theme and
their share, and the most frequent terms.

>>> from govreport.pipeline import parse
>>> r = parse("各位代表：\\n一、2023年工作回顾\\n加强生态环境保护。\\n二、2024年主要工作\\n治理环境污染。")
>>> env = next(s for s in r.indices if s.index == "environment" and s.part == "all")
>>> env.count, env.top_terms
(3, {'生态环境': 1, '环境': 1, '污染': 1})
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, groupby, repeat
from operator import attrgetter, eq, itemgetter, sub
from pathlib import Path

from govreport.errors import LexiconError
from govreport.lexicon import load_yaml
from govreport.matcher import Matcher
from govreport.model import Document, IndexScore
from govreport.normalize import fold

PARTS = ("all", "review", "plan")
_SCORED_PARTS = frozenset(PARTS[1:])  # the parts scored apart; "all" is the whole body
_first, _second, _third = itemgetter(0), itemgetter(1), itemgetter(2)
_start, _end, _part = attrgetter("start"), attrgetter("end"), attrgetter("part")
TOP_TERMS = 10
_KEYS = {"name", "label", "terms"}


@dataclass(frozen=True)
class Dictionary:
    """One theme: its identifier, the label readers see and the words that count for it."""

    name: str
    label: str
    terms: tuple[str, ...]
    source: str = ""


def load_dictionary(path: str | Path) -> Dictionary:
    """Read and check one dictionary file (``name``, ``label``, ``terms``)."""
    where = str(path)
    data = load_yaml(Path(path)) if isinstance(path, (str, Path)) and Path(path).exists() else None
    if data is None:
        raise LexiconError(f"{where}: index dictionary not found")
    unknown, missing = set(data) - _KEYS, _KEYS - set(data)
    if unknown or missing:
        raise LexiconError(f"{where}: index dictionary has unknown key(s) {sorted(unknown)} or lacks "
                           f"{sorted(missing)}; expected name, label, terms")
    name, label, terms = data["name"], data["label"], data["terms"]
    if not isinstance(name, str) or not name.strip() or " " in name:
        raise LexiconError(f"{where}: name must be one word (e.g. environment)")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
        raise LexiconError(f"{where}: terms must be a non-empty list of words")
    folded = [fold(t.strip()) for t in terms]
    dupes = sorted({t for t in folded if folded.count(t) > 1})
    if dupes:
        raise LexiconError(f"{where}: duplicate term(s) {dupes}")
    return Dictionary(name=name, label=str(label), terms=tuple(folded), source=where)


@cache
def builtin_dictionaries() -> tuple[Dictionary, ...]:
    """The dictionaries shipped in ``lexicon/data/indices``, by file name."""
    folder = resources.files("govreport.lexicon") / "data" / "indices"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    out = tuple(load_dictionary(Path(str(f))) for f in files)
    _check_names(out)
    return out


def dictionaries(extra: Iterable[str | Path] = ()) -> tuple[Dictionary, ...]:
    """The built-in dictionaries plus users' files; a user's dictionary replaces a built-in one
    of the same name."""
    user = [load_dictionary(p) for p in extra]
    names = {d.name for d in user}
    out = tuple(d for d in builtin_dictionaries() if d.name not in names) + tuple(user)
    _check_names(out)
    return out


def _check_names(dicts: Sequence[Dictionary]) -> None:
    seen: dict[str, str] = {}
    for d in dicts:
        if d.name in seen:
            raise LexiconError(f"{d.source}: index name {d.name!r} is also used by {seen[d.name]}")
        seen[d.name] = d.source


@cache
def _matcher(dicts: tuple[Dictionary, ...]) -> Matcher[tuple[str, tuple[str, ...], int]]:
    """One automaton over every dictionary's terms: term -> (term, names of its dictionaries,
    the place of that tuple of names in :func:`_groups`)."""
    place = {names: k for k, names in enumerate(_groups(dicts))}
    return Matcher({t: (t, names, place[names]) for t, names in _owners(dicts).items()})


@cache
def _groups(dicts: tuple[Dictionary, ...]) -> list[tuple[str, ...]]:
    """The distinct tuples of dictionary names that own a term (one name, mostly)."""
    return list(dict.fromkeys(_owners(dicts).values()))


@cache
def _owners(dicts: tuple[Dictionary, ...]) -> dict[str, tuple[str, ...]]:
    """Term -> the names of the dictionaries that list it, in dictionary order."""
    owners: dict[str, list[str]] = {}
    for d in dicts:
        for t in d.terms:
            owners.setdefault(t, []).append(d.name)
    return {t: tuple(names) for t, names in owners.items()}


def find_terms(text: str, dicts: Sequence[Dictionary] | None = None,
               start: int = 0, end: int | None = None) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Every term occurrence in ``text[start:end]`` as (start, end, term, index names): longest
    match first, no overlaps, across all dictionaries at once."""
    dicts = tuple(dicts) if dicts is not None else builtin_dictionaries()
    if not any(d.terms for d in dicts):
        return []
    end = len(text) if end is None else end
    return [(s, e, term, names) for s, e, (term, names, _) in _matcher(dicts).find(text, start, end)]


def score_indices(doc: Document, dictionaries: Sequence[Dictionary] | None = None) -> list[IndexScore]:
    """Each theme's attention score for the body and for its review and plan parts."""
    dicts = tuple(dictionaries) if dictionaries is not None else builtin_dictionaries()
    norm = doc.norm or fold(doc.text)
    body_start = doc.body_start
    body_end = doc.body_end if doc.body_end is not None else len(norm)
    sentences = doc.sentences
    if sentences and not (body_start <= sentences[0].start and sentences[-1].start < body_end):
        sentences = [s for s in sentences if body_start <= s.start < body_end]
    starts = list(map(_start, sentences))
    ends = list(map(_end, sentences))
    part_of = list(map(_part, sentences))
    lengths = list(map(sub, ends, starts))
    chars = {"all": body_end - body_start,
             **{p: sum(compress(lengths, map(eq, part_of, repeat(p)))) for p in ("review", "plan")}}
    per_part = Counter(part_of)
    n_sent = {"all": len(sentences), "review": per_part["review"], "plan": per_part["plan"]}

    # Each hit lies in a sentence (terms hold no blanks, sentences cover all else), found by
    # bisection; every pass below runs at C speed. Counting the terms of a part in text order
    # keeps ties in the top terms in first-seen order. A theme's sentences are those of its
    # terms' hits; a term listed by two themes forms a group of its own, hence the unions.
    h_starts, _, found = _matcher(dicts).window(norm, body_start, body_end)
    in_sent = list(map(sub, map(bisect_right, repeat(starts), h_starts), repeat(1)))
    gids = list(map(_third, found))
    # hits by (group, part, term), each key first seen where its term first appears in that part
    keyed = Counter(zip(gids, map(part_of.__getitem__, in_sent), map(_first, found), strict=True))
    group_names = _groups(dicts)
    counts: dict[tuple[str, str], dict[str, int]] = {(d.name, p): {} for d in dicts for p in PARTS}
    for (gid, part, term), n in keyed.items():
        for name in group_names[gid]:
            whole = counts[name, "all"]
            whole[term] = whole.get(term, 0) + n  # first inserted where the term first appears
            if part in _SCORED_PARTS:
                counts[name, part][term] = n
    pairs = sorted(set(zip(gids, in_sent, strict=True)))
    mentioned: dict[str, set[int]] = {d.name: set() for d in dicts}
    for gid, g in groupby(pairs, key=_first):
        found_in = set(map(_second, g))
        for name in group_names[gid]:
            mentioned[name] |= found_in

    out: list[IndexScore] = []
    for d in dicts:
        sents = Counter(map(part_of.__getitem__, mentioned[d.name]))
        n_of = {"all": len(mentioned[d.name]), "review": sents["review"], "plan": sents["plan"]}
        for p in PARTS:
            c = counts[d.name, p]
            total = sum(c.values())
            n = n_of[p]
            out.append(IndexScore(
                index=d.name, part=p, count=total, chars=chars[p],
                per_10k=round(total * 10000 / chars[p], 3) if chars[p] else 0.0,
                sentences=n, sentence_share=round(n / n_sent[p], 4) if n_sent[p] else 0.0,
                # Counter.most_common: by count, ties in first-seen order (a stable sort)
                top_terms=dict(sorted(c.items(), key=itemgetter(1), reverse=True)[:TOP_TERMS]),
            ))
    return out


def index_labels(dicts: Sequence[Dictionary] | None = None) -> dict[str, str]:
    """Index name -> label, for tables and charts."""
    return {d.name: d.label for d in (dicts if dicts is not None else builtin_dictionaries())}
