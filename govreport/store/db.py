"""Open the database and write one Report in one transaction.

The database is one SQLite file in WAL mode (readers never block the writer), with a 30 s
busy timeout so concurrent ``govreport ingest`` processes wait for each other instead of
failing, and foreign keys on. Every write takes the write lock up front (``BEGIN IMMEDIATE``)
and commits once: a crash or kill leaves each report either whole or absent.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from govreport.errors import StoreError
from govreport.model import Report
from govreport.store import schema, search

BUSY_TIMEOUT_S = 30.0


def connect(path: str | Path = "govreport.db") -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database at ``path``; ``":memory:"`` works too."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe with WAL
        schema.migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc
    return conn


def known_hashes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT sha256 FROM reports")}


def _unique_slug(conn: sqlite3.Connection, stem: str) -> str:
    base = re.sub(r"\s+", "_", stem.strip()) or "report"
    slug, n = base, 1
    while conn.execute("SELECT 1 FROM reports WHERE slug = ?", (slug,)).fetchone():
        n += 1
        slug = f"{base}-{n}"
    return slug


def delete_report(conn: sqlite3.Connection, report_id: int) -> None:
    """Remove a report and everything derived from it (inside the caller's transaction)."""
    search.unindex_report(conn, report_id)
    for table in ("facts", "commitments", "indices", "sentences", "sections"):
        conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))


def write_report(conn: sqlite3.Connection, report: Report, source_path: str | Path,
                 sha256: str) -> int | None:
    """Store ``report`` in one transaction; return its id, or None if this content is already stored.

    A report previously stored from the same ``source_path`` (a file that changed since) is
    replaced in the same transaction and keeps its slug. The hash check runs under the write
    lock, so two processes ingesting the same file store it once.
    """
    source = str(source_path)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM reports WHERE sha256 = ?", (sha256,)).fetchone():
            conn.execute("ROLLBACK")
            return None
        old = conn.execute("SELECT id, slug FROM reports WHERE source_path = ?", (source,)).fetchone()
        if old is not None:
            delete_report(conn, old[0])
            slug = old[1]
        else:
            slug = _unique_slug(conn, Path(report.name).stem)
        report_id = _insert(conn, report, source, sha256, slug)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return report_id


def _insert(conn: sqlite3.Connection, report: Report, source: str, sha256: str, slug: str) -> int:
    doc, md = report.document, report.metadata
    cur = conn.execute(
        "INSERT INTO reports (slug, name, source_path, sha256, format, encoding, region, level, year, date, "
        "speaker, title, region_code, meeting, chars, body_start, body_end, warnings, ingested_at, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (slug, doc.name, source, sha256, doc.format, doc.encoding, md.region, md.level, md.year, md.date,
         md.speaker, md.title, md.region_code, md.meeting, len(doc.text), doc.body_start,
         doc.body_end if doc.body_end is not None else len(doc.text),
         json.dumps(doc.warnings, ensure_ascii=False), datetime.now(UTC).isoformat(timespec="seconds"),
         doc.text))
    rid = cur.lastrowid
    assert rid is not None
    conn.executemany(
        'INSERT INTO sections (report_id, idx, depth, heading, part, parent, start, heading_end, "end") '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(rid, s.index, s.depth, s.heading, s.part, s.parent, s.start, s.heading_end, s.end)
         for s in doc.sections])
    conn.executemany(
        'INSERT INTO sentences (report_id, idx, part, section, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
        [(rid, i, s.part, s.section, s.start, s.end) for i, s in enumerate(doc.sentences)])
    conn.executemany(
        "INSERT INTO facts (report_id, indicator, period, year, measure, value, value_high, unit, qualifier, "
        'value_text, unit_text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(rid, f.indicator, f.period, f.year, f.measure, f.value, f.value_high, f.unit, f.qualifier,
          f.value_text, f.unit_text, f.start, f.end) for f in report.facts])
    conn.executemany(
        "INSERT INTO commitments (report_id, action, subject, value, unit, qualifier, value_text, section, "
        'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(rid, c.action, c.subject, c.value, c.unit, c.qualifier, c.value_text, " / ".join(c.section_path),
          c.start, c.end) for c in report.commitments])
    conn.executemany(
        "INSERT INTO indices (report_id, index_name, part, count, chars, per_10k, sentences, sentence_share, "
        "top_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(rid, i.index, i.part, i.count, i.chars, i.per_10k, i.sentences, i.sentence_share,
          json.dumps(i.top_terms, ensure_ascii=False)) for i in report.indices])
    search.index_report(conn, rid, doc.text)
    return rid
