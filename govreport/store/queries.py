"""Read the store: reports, facts, commitments and indices as DataFrames; one report as a dict.

Filters are optional and combine with AND. ``region`` matches the stored region or its start
(伊宁 matches 伊宁市); ``year`` is the year a figure refers to for facts, and the report's
year for everything else (``report_year`` filters facts by the report's year).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from typing import Any

from govreport.errors import GovReportError

FACT_COLUMNS = ["report_id", "report", "region", "level", "report_year", "indicator", "period", "year",
                "measure", "value", "value_high", "unit", "qualifier", "value_text", "unit_text", "evidence",
                "start", "end", "target_sentence", "self_status", "self_evidence", "review_self_status",
                "review_self_evidence"]
REPORT_COLUMNS = ["id", "slug", "region", "level", "year", "date", "speaker", "title", "name", "format",
                  "encoding", "chars", "facts", "commitments", "source_path", "sha256", "ingested_at"]
EXPORT_TABLES = {  # table name on the CLI → what is exported (views add region, year, evidence)
    "reports": "reports_list",
    "facts": "facts_view",
    "sections": "sections_view",
    "commitments": "commitments_view",
    "indices": "indices_view",
}


# FACT_COLUMNS, selected from _FACTS_JOINED (a facts row with its report's slug, region, level and year)
_FACT_SELECT = ("report_id, slug AS report, region, level, report_year, indicator, period, year, measure, "
                'value, value_high, unit, qualifier, value_text, unit_text, evidence, start, "end", '
                "target_sentence, self_status, self_evidence, review_self_status, review_self_evidence")
_FACTS_JOINED = ("SELECT f.*, r.slug, r.region, r.level, r.year AS report_year, "
                 "r.self_status AS review_self_status, r.self_evidence AS review_self_evidence "
                 "FROM facts f JOIN reports r ON r.id = f.report_id")
_TEXT_READ_ROWS = 8  # rows of one report from which reading its whole text is cheaper
_LAST_CHAR = "\U0010ffff"  # sorts after every character: [prefix, prefix + it) holds every extension


class ReportNotFound(GovReportError):
    """No stored report has this id or slug."""


def _where(filters: dict[str, Any], columns: dict[str, str]) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for key, value in filters.items():
        if value is None:
            continue
        column = columns[key]
        if key == "region":  # the region or its start, as a range the (region, year) index serves
            clauses.append(f"{column} >= ? AND {column} < ?")
            params += [str(value), f"{value}{_LAST_CHAR}"]
        else:
            clauses.append(f"{column} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _with_evidence(conn: sqlite3.Connection, cur: sqlite3.Cursor, evidence_at: int) -> Any:
    """The rows of ``cur`` as a DataFrame, ``evidence`` inserted at column ``evidence_at``.

    The cursor's first three columns are report_id, start and end. Reading a text into
    Python costs about as much as ten ``substr`` in SQLite (which reads the value but builds
    only the slice), so a report with many rows has its text read once and sliced here, and a
    report with a few rows gets its evidence from ``substr`` — never once per row of the
    whole text, as the views' substr in a scan did.
    """
    import pandas as pd

    names = [d[0] for d in cur.description][3:]
    rows = cur.fetchall()
    per_report = Counter(row[0] for row in rows)
    evidence: list[str | None] = [None] * len(rows)
    rid_now, text, few = None, "", []
    for i, (rid, start, end, *_rest) in enumerate(rows):  # the rows of one report come together
        if per_report[rid] >= _TEXT_READ_ROWS:
            if rid != rid_now:
                rid_now = rid
                text = conn.execute("SELECT text FROM reports WHERE id = ?", (rid,)).fetchone()[0]
            evidence[i] = text[start:end]
        else:
            few.append((i, rid, start + 1, end - start))
    for k in range(0, len(few), 2000):  # 4 parameters a row, under SQLite's limit of 32766
        chunk = few[k:k + 2000]
        values = ", ".join(["(?, ?, ?, ?)"] * len(chunk))
        sql = (f"WITH w(i, rid, s, n) AS (VALUES {values}) "
               "SELECT w.i, substr(r.text, w.s, w.n) FROM w JOIN reports r ON r.id = w.rid")
        for i, piece in conn.execute(sql, [v for row in chunk for v in row]):
            evidence[i] = piece
    out = []
    for row, ev in zip(rows, evidence, strict=True):
        rest = list(row[3:])
        rest.insert(evidence_at, ev)
        out.append(rest)
    names.insert(evidence_at, "evidence")
    return pd.DataFrame(out, columns=names)


def frame(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
    """Run a query and return a pandas DataFrame with the cursor's column names."""
    import pandas as pd

    cur = conn.execute(sql, params)
    columns = [d[0] for d in cur.description]
    return pd.DataFrame(cur.fetchall(), columns=columns)


def records(df: Any) -> list[dict[str, Any]]:
    """DataFrame rows as dicts, with None (not NaN) for missing values."""
    return df.astype(object).where(df.notna(), None).to_dict(orient="records")


def reports(conn: sqlite3.Connection, region: str | None = None, year: int | None = None,
            level: str | None = None) -> Any:
    where, params = _where({"region": region, "year": year, "level": level},
                           {"region": "region", "year": "year", "level": "level"})
    return frame(conn, f"SELECT {', '.join(REPORT_COLUMNS)} FROM reports_list{where} "
                       "ORDER BY year, level, region, id", params)


def facts(conn: sqlite3.Connection, region: str | None = None, year: int | None = None,
          indicator: str | None = None, period: str | None = None, level: str | None = None,
          report_year: int | None = None, report: int | str | None = None) -> Any:
    filters = {"region": region, "year": year, "indicator": indicator, "period": period, "level": level,
               "report_year": report_year,
               "report_id": _report_id(conn, report) if report is not None else None}
    where, params = _where(filters, {"region": "r.region", "year": "f.year", "indicator": "f.indicator",
                                     "period": "f.period", "level": "r.level", "report_year": "r.year",
                                     "report_id": "f.report_id"})
    return frame(conn, f"SELECT {_FACT_SELECT} FROM ({_FACTS_JOINED}{where}) "
                       "ORDER BY report_year, region, report_id, start", params)


def first_outcomes(conn: sqlite3.Connection, indicator: str, year: int,
                   measure: str | Callable[[set[str]], str | None] | None = None) -> Any:
    """Of the facts :func:`facts` returns for the outcomes of ``indicator`` in ``year`` stated in
    the reports of ``year + 1``, the first of each region and measure in the order
    :func:`govreport.analyze.track.outcome_candidates` takes them (plain figures before
    qualified ones, then by report slug and offset): every fact that
    :func:`govreport.analyze.compare.compare` can rank. ``measure`` keeps one measure's facts
    only, or is a function choosing it from the measures found. Rows whose region is unknown
    are left out, as compare leaves them out.

    A whole country's comparison has ~20,000 such facts and ranks ~3,000, and a row costs
    ~10 µs to read and frame in full: the order is taken on three narrow columns, then only
    the facts kept are read.
    """
    keys = conn.execute(
        "SELECT f.id, r.region, f.measure FROM facts f JOIN reports r ON r.id = f.report_id "
        "WHERE f.indicator = ? AND f.period = 'actual' AND f.year = ? AND r.year = ? "
        "AND r.region IS NOT NULL "
        "ORDER BY r.region, f.measure, f.qualifier IS NOT NULL, r.slug, f.start, f.id",
        (indicator, year, year + 1)).fetchall()
    if callable(measure):
        measure = measure({m for _, _, m in keys})
    first: dict[tuple[str, str], int] = {}
    for fid, region, m in keys:
        if measure is None or m == measure:
            first.setdefault((region, m), fid)
    return frame(conn, f"SELECT {_FACT_SELECT} FROM ({_FACTS_JOINED} "
                       "WHERE f.id IN (SELECT value FROM json_each(?))) "
                       "ORDER BY report_year, region, report_id, start", [json.dumps(list(first.values()))])


def commitments(conn: sqlite3.Connection, region: str | None = None, year: int | None = None,
                action: str | None = None, level: str | None = None, report: int | str | None = None) -> Any:
    filters = {"region": region, "year": year, "action": action, "level": level,
               "report_id": _report_id(conn, report) if report is not None else None}
    where, params = _where(filters, {"region": "r.region", "year": "r.year", "action": "c.action",
                                     "level": "r.level", "report_id": "c.report_id"})
    cur = conn.execute(
        'SELECT c.report_id, c.start, c."end", c.id, c.report_id, r.slug AS report, r.region, r.level, '
        "r.year AS report_year, c.action, c.subject, c.value, c.unit, c.qualifier, c.value_text, c.section, "
        'c.start, c."end" '
        f"FROM commitments c JOIN reports r ON r.id = c.report_id{where} "
        "ORDER BY r.year, r.region, c.report_id, c.start", params)
    return _with_evidence(conn, cur, 13)  # where commitments_view has it


def indices(conn: sqlite3.Connection, region: str | None = None, year: int | None = None,
            index: str | None = None, part: str | None = None, level: str | None = None,
            report: int | str | None = None) -> Any:
    """Index scores; the column ``index`` holds ``IndexScore.index``, ``top_terms`` is a dict."""
    filters = {"region": region, "year": year, "index": index, "part": part, "level": level,
               "report_id": _report_id(conn, report) if report is not None else None}
    where, params = _where(filters, {"region": "region", "year": "report_year", "index": "index_name",
                                     "part": "part", "level": "level", "report_id": "report_id"})
    df = frame(conn, f"SELECT * FROM indices_view{where} "
                     "ORDER BY report_year, region, report_id, index_name, part", params)
    df["top_terms"] = [json.loads(t) for t in df["top_terms"]]
    return df.rename(columns={"index_name": "index"})


def _report_id(conn: sqlite3.Connection, key: int | str) -> int:
    """The id of the report named by an id (int or digits) or a slug."""
    row = None
    if isinstance(key, int) or (isinstance(key, str) and key.isascii() and key.isdigit() and len(key) <= 18):
        row = conn.execute("SELECT id FROM reports WHERE id = ?", (int(key),)).fetchone()
    if row is None:
        row = conn.execute("SELECT id FROM reports WHERE slug = ?", (str(key),)).fetchone()
    if row is None:
        raise ReportNotFound(str(key), "no stored report with this id or slug", "see `govreport reports`")
    return row[0]


def report(conn: sqlite3.Connection, key: int | str) -> dict[str, Any]:
    """One stored report: metadata, outline (heading tree with paths), text, facts with evidence."""
    rid = _report_id(conn, key)
    cur = conn.execute("SELECT * FROM reports WHERE id = ?", (rid,))
    out = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    out["warnings"] = json.loads(out["warnings"])
    text = out["text"]
    outline = []
    for idx, depth, heading, part, parent, start, heading_end, end in conn.execute(
            'SELECT idx, depth, heading, part, parent, start, heading_end, "end" FROM sections '
            "WHERE report_id = ? ORDER BY idx", (rid,)):
        outline.append({"index": idx, "depth": depth, "heading": heading, "part": part, "parent": parent,
                        "start": start, "heading_end": heading_end, "end": end})
    out["outline"] = outline
    out["facts"] = records(facts(conn, report=rid))
    out["commitments"] = records(commitments(conn, report=rid))
    out["text"] = text
    return out
