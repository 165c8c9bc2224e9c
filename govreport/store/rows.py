"""A Report as the rows of its tables: built where the report was parsed, inserted by the writer.

Ingest parses in worker processes and writes in one (SQLite has one writer at a time). What
crosses between them is a :class:`Rows` — plain tuples in the tables' column order and the
passages' search tokens — not the Report: on a 54 KB report it pickles and unpickles in
~1.2 ms where the Report's dataclasses take ~4 ms, and the writer is left only the inserts.

Each tuple lacks the leading ``report_id``, which is known only once the report row is in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.extract.targets import read_targets
from govreport.model import Report
from govreport.store import search

# Column lists in the order of the tuples below (report_id first for the child tables).
REPORT_COLUMNS = ("slug", "name", "source_path", "sha256", "ingested_at", "format", "encoding", "region",
                  "level", "year", "date", "speaker", "title", "region_code", "meeting", "chars",
                  "body_start", "body_end", "warnings", "self_status", "self_evidence", "text")
SECTION_COLUMNS = ("report_id", "idx", "depth", "heading", "part", "parent", "start", "heading_end", "end")
SENTENCE_COLUMNS = ("report_id", "idx", "part", "section", "start", "end")
FACT_COLUMNS = ("report_id", "indicator", "period", "year", "measure", "value", "value_high", "unit",
                "qualifier", "value_text", "unit_text", "start", "end", "evidence", "target_sentence",
                "self_status", "self_evidence")
COMMITMENT_COLUMNS = ("report_id", "action", "subject", "value", "unit", "qualifier", "value_text", "section",
                      "start", "end")
INDEX_COLUMNS = ("report_id", "index_name", "part", "count", "chars", "per_10k", "sentences",
                 "sentence_share", "top_terms")


@dataclass(slots=True)
class Rows:
    """One report's rows. ``report`` holds the ``reports`` columns from ``format`` to ``text``;
    the writer puts slug, name, source_path, sha256 and ingested_at before them."""

    name: str  # Document.name; its stem gives the slug
    report: tuple[Any, ...]
    sections: list[tuple[Any, ...]] = field(default_factory=list)
    sentences: list[tuple[Any, ...]] = field(default_factory=list)
    facts: list[tuple[Any, ...]] = field(default_factory=list)
    commitments: list[tuple[Any, ...]] = field(default_factory=list)
    indices: list[tuple[Any, ...]] = field(default_factory=list)
    passages: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each passage
    tokens: list[str] = field(default_factory=list)  # each passage as search.index_passages takes it
    warnings: list[str] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    @property
    def chars(self) -> int:
        return len(self.report[-1])


def from_report(report: Report) -> Rows:
    """The rows of ``report`` (cheap: ~2 ms for a 54 KB report, most of it the search tokens)."""
    doc, md = report.document, report.metadata
    text = doc.text
    passages, tokens = search.passage_tokens(text)
    readings = read_targets(text, report.facts, md.year)
    review = readings.review or (None, None)
    return Rows(
        name=doc.name,
        report=(doc.format, doc.encoding, md.region, md.level, md.year, md.date, md.speaker, md.title,
                md.region_code, md.meeting, len(text), doc.body_start,
                doc.body_end if doc.body_end is not None else len(text),
                json.dumps(doc.warnings, ensure_ascii=False), *review, text),
        sections=[(s.index, s.depth, s.heading, s.part, s.parent, s.start, s.heading_end, s.end)
                  for s in doc.sections],
        sentences=[(i, s.part, s.section, s.start, s.end) for i, s in enumerate(doc.sentences)],
        facts=[(f.indicator, f.period, f.year, f.measure, f.value, f.value_high, f.unit, f.qualifier,
                f.value_text, f.unit_text, f.start, f.end, text[f.start:f.end], kind, *(hit or (None, None)))
               for f, kind, hit in zip(report.facts, readings.target_sentence, readings.self_status,
                                       strict=True)],
        commitments=[(c.action, c.subject, c.value, c.unit, c.qualifier, c.value_text,
                      " / ".join(c.section_path), c.start, c.end) for c in report.commitments],
        indices=[(i.index, i.part, i.count, i.chars, i.per_10k, i.sentences, i.sentence_share,
                  json.dumps(i.top_terms, ensure_ascii=False)) for i in report.indices],
        passages=passages,
        tokens=tokens,
        warnings=list(doc.warnings),
    )
