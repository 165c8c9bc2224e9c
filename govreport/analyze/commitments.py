"""Commitments of year N against what the review of year N+1 reports of them.

A commitment of the plan part ("新建高标准农田3万亩") is looked up in the next report's review:
a sentence holding its subject — exactly, or failing that the longest run of characters it
shares with the subject, at least ``min_common`` long — followed closely (within the clause) by a
figure in the same unit class ("新建高标准农田3.2万亩"). Status: ``done`` (at or above the
commitment; at or under for an ``at_most`` one), ``not done``, or ``not reported``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from typing import Any

import pandas as pd

from govreport.analyze.track import convert, unit_scale
from govreport.lexicon import units
from govreport.model import Report

_MAX_GAP = 8  # characters allowed between the subject and its figure
_CLAUSE_END = "，,；;。！？\n"
COLUMNS = ["region", "year", "action", "subject", "value", "unit", "qualifier", "status", "outcome",
           "outcome_unit", "match", "commitment_evidence", "outcome_evidence", "commitment_report",
           "outcome_report", "commitment_start", "commitment_end", "outcome_start", "outcome_end"]


@cache
def _figure(base: str) -> re.Pattern[str]:
    """A number, an optional multiplier and the base unit ``base`` (万亩 for 亩)."""
    mult = "|".join(sorted(map(re.escape, units().multipliers), key=len, reverse=True))
    return re.compile(rf"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>(?:{mult})?{re.escape(base)})")


def _review_spans(report: Report) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in report.sentences if s.part == "review"]
    if spans:
        return spans
    doc = report.document
    return [(doc.body_start, doc.body_end or len(doc.text))]


def _find(report: Report, subject: str, unit: str, min_common: int) -> dict[str, Any] | None:
    """The best review figure for ``subject`` in ``unit``'s class, or None."""
    text = report.document.norm or report.text
    _, base = unit_scale(unit)
    pattern = _figure(base)
    best: tuple[tuple[int, int, int], dict[str, Any]] | None = None
    for s, e in _review_spans(report):
        sentence = text[s:e]
        pos = sentence.find(subject)
        if pos >= 0:
            exact, size = 1, len(subject)
        else:
            m = SequenceMatcher(None, subject, sentence, autojunk=False).find_longest_match(
                0, len(subject), 0, len(sentence))
            if m.size < min_common:
                continue
            exact, size, pos = 0, m.size, m.b
        after = s + pos + size
        stops = [i for i in (text.find(c, after, e) for c in _CLAUSE_END) if i >= 0]
        clause_end = min(stops) if stops else e
        fig = pattern.search(text, after, clause_end)
        if fig is None or fig.start() - after > _MAX_GAP:
            continue
        value = convert(float(fig.group("num")), fig.group("unit"), unit)
        if value is None:
            continue
        key = (exact, size, -(s + pos))
        if best is None or key > best[0]:
            best = (key, {"outcome": value, "outcome_unit": unit, "outcome_start": s + pos,
                          "outcome_end": fig.end(), "match": "exact" if exact else
                          f"partial: {sentence[pos:pos + size]}"})
    return best[1] if best else None


def track_commitments(report_n: Report, report_n1: Report, *, min_common: int = 3) -> pd.DataFrame:
    """One row per commitment of ``report_n``, with what ``report_n1``'s review reports of it."""
    rows = []
    for c in report_n.commitments:
        row: dict[str, Any] = {
            "region": report_n.metadata.region, "year": report_n.metadata.year, "action": c.action,
            "subject": c.subject, "value": c.value, "unit": c.unit, "qualifier": c.qualifier,
            "commitment_evidence": c.evidence(report_n.text), "commitment_report": report_n.name,
            "commitment_start": c.start, "commitment_end": c.end, "outcome_report": report_n1.name,
        }
        hit = _find(report_n1, c.subject, c.unit, min_common)
        if hit is None:
            row["status"] = "not reported"
        else:
            row.update(hit)
            row["outcome_evidence"] = report_n1.text[hit["outcome_start"]:hit["outcome_end"]]
            ok = hit["outcome"] <= c.value if c.qualifier == "at_most" else hit["outcome"] >= c.value
            row["status"] = "done" if ok else "not done"
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)
