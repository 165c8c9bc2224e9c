"""Open the database and write Reports: one in one transaction, or a batch in one.

The database is one SQLite file in WAL mode (readers never block the writer), with a 30 s
busy timeout so concurrent ``govreport ingest`` processes wait for each other instead of
failing, and foreign keys on. Every write takes the write lock up front (``BEGIN IMMEDIATE``)
and commits once: a crash or kill leaves each report either whole or absent. Ingest writes
reports in batches (:func:`write_batch`), a transaction each, for the search index's sake.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from govreport.errors import StoreError
from govreport.model import Report
from govreport.store import rows, schema, search

T = TypeVar("T")

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


@dataclass(frozen=True, slots=True)
class Written:
    """A report just stored: its id, and whether it replaced an older version of its file."""

    id: int
    replaced: bool = False


def write_report(conn: sqlite3.Connection, report: Report, source_path: str | Path,
                 sha256: str) -> int | None:
    """Store ``report`` in one transaction; return its id, or None if this content is already stored.

    A report previously stored from the same ``source_path`` (a file that changed since) is
    replaced in the same transaction and keeps its slug. The hash check runs under the write
    lock, so two processes ingesting the same file store it once.
    """
    written = write_rows(conn, rows.from_report(report), source_path, sha256)
    return None if written is None else written.id


def write_rows(conn: sqlite3.Connection, r: rows.Rows, source_path: str | Path,
               sha256: str) -> Written | None:
    """:func:`write_report` of a report already turned into rows (:func:`rows.from_report`)."""
    return _transaction(conn, lambda: _store(conn, r, str(source_path), sha256))


def write_batch(conn: sqlite3.Connection,
                items: list[tuple[rows.Rows, str | Path, str]]) -> list[Written | None | Exception]:
    """Store several (rows, source_path, sha256) in one transaction; each one's outcome, in order.

    One transaction for many reports is what makes the search index cheap to build: FTS5
    turns the tokens of a transaction into one segment at commit, and merges segments as they
    accumulate, so one report per transaction costs about twice the work per token. A crash
    still leaves every report whole or absent (a whole batch is). When any report of the batch
    fails, the batch is rolled back and written again one report per transaction, so that only
    the bad one fails, with its own exception in its place.
    """
    if len(items) > 1:
        try:
            return _transaction(conn, lambda: [_store(conn, r, str(source), sha) for r, source, sha in items])
        except Exception:  # noqa: BLE001 - found again below, report by report
            pass
    out: list[Written | None | Exception] = []
    for r, source, sha in items:
        try:
            out.append(write_rows(conn, r, source, sha))
        except Exception as exc:  # noqa: BLE001 - rolled back; the caller records why
            out.append(exc)
    return out


def _transaction(conn: sqlite3.Connection, fn: Callable[[], T]) -> T:
    """``fn()`` under the write lock (``BEGIN IMMEDIATE``), committed, or rolled back if it raises.

    Foreign keys are not checked meanwhile: every row written here refers to the report
    inserted just before it in the same transaction, and :func:`delete_report` removes a
    report's rows itself, so the checks (a lookup per row, ~1 ms a report) cannot fail.
    """
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            out = fn()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return out


def _store(conn: sqlite3.Connection, r: rows.Rows, source: str, sha256: str) -> Written | None:
    if conn.execute("SELECT 1 FROM reports WHERE sha256 = ?", (sha256,)).fetchone():
        return None
    old = conn.execute("SELECT id, slug FROM reports WHERE source_path = ?", (source,)).fetchone()
    if old is not None:
        delete_report(conn, old[0])
        slug = old[1]
    else:
        slug = _unique_slug(conn, r.stem)
    return Written(_insert(conn, r, source, sha256, slug), replaced=old is not None)


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


_INSERT_REPORT = _insert_sql("reports", rows.REPORT_COLUMNS)
_INSERT_CHILDREN = (  # (Rows attribute, SQL), the attribute named after its table
    ("sections", _insert_sql("sections", rows.SECTION_COLUMNS)),
    ("sentences", _insert_sql("sentences", rows.SENTENCE_COLUMNS)),
    ("facts", _insert_sql("facts", rows.FACT_COLUMNS)),
    ("commitments", _insert_sql("commitments", rows.COMMITMENT_COLUMNS)),
    ("indices", _insert_sql("indices", rows.INDEX_COLUMNS)),
)


def _insert(conn: sqlite3.Connection, r: rows.Rows, source: str, sha256: str, slug: str) -> int:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rid = conn.execute(_INSERT_REPORT, (slug, r.name, source, sha256, now, *r.report)).lastrowid
    assert rid is not None
    for attr, sql in _INSERT_CHILDREN:
        conn.executemany(sql, [(rid, *t) for t in getattr(r, attr)])
    search.index_passages(conn, rid, r.passages, r.tokens)
    return rid
