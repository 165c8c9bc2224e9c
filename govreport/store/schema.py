"""The database schema, as named migrations recorded in the ``migrations`` table.

Like ``sqlite_utils.migrations``: each migration has a name and runs once per database, in
order, inside its own transaction; ``migrations`` records which ones ran and when. A schema
change is a new migration appended to :data:`MIGRATIONS`, never an edit of an old one.

Tables (one row per …):

- ``reports``: stored report — metadata (region, level, year, date, speaker, title,
  region_code, meeting), provenance (``name``, ``source_path``, ``sha256``, ``format``,
  ``encoding``, ``ingested_at``), the decoded ``text`` and the report proper's
  ``body_start``/``body_end``. ``slug`` (the file stem, made unique) names it on the CLI.
- ``sections``: heading of the outline tree (``idx`` within the report, ``parent`` idx,
  ``depth``, ``part``, offsets).
- ``sentences``: sentence span with its part and section idx.
- ``facts``: :class:`~govreport.model.Fact` (all fields) of a report, its ``evidence`` (see
  below) and what the wording around it says for target tracking: ``target_sentence`` for a
  target of the report's own year, ``self_status``/``self_evidence`` for an outcome of the year
  before (reports hold the review's own ``self_status``/``self_evidence``); see
  :mod:`govreport.extract.targets` and migration ``004_tracking_readings``.
- ``commitments``: :class:`~govreport.model.Commitment`; ``section`` is the heading path
  joined with `` / ``.
- ``indices``: :class:`~govreport.model.IndexScore`; ``index_name`` holds ``IndexScore.index``
  (``index`` is an SQL keyword), ``top_terms`` is a JSON object.
- ``passages`` + ``passages_fts``: the non-blank lines of each report and their full-text
  index (see :mod:`govreport.store.search`).

Every span is ``start``/``end`` into ``reports.text``, and the ``*_view`` views give its
``evidence`` with the report's region, level and year beside it — so the file is useful as is
in ``sqlite3`` or ``datasette``. Evidence is ``substr(text, start + 1, end - start)`` (SQLite
counts characters, like Python), derived in the views, with one exception: ``facts.evidence``
holds it beside the offsets (written from them, in the same transaction, never updated apart).
Comparing one indicator across a whole country's regions returns ~3,000 facts from as many
reports, and deriving each one's evidence reads its report's 50 KB text: ~50 µs a fact, ~150 ms
for the query, where reading the stored copy costs ~1 µs (migration ``002_facts_evidence``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[sqlite3.Connection], None]


def _m001_initial(conn: sqlite3.Connection) -> None:
    run_script(conn, """
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        source_path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        format TEXT,
        encoding TEXT,
        region TEXT,
        level TEXT,
        year INTEGER,
        date TEXT,
        speaker TEXT,
        title TEXT,
        region_code TEXT,
        meeting TEXT,
        chars INTEGER NOT NULL,
        body_start INTEGER NOT NULL,
        body_end INTEGER NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX reports_region_year ON reports(region, year);
    CREATE INDEX reports_year ON reports(year);
    CREATE INDEX reports_level ON reports(level);

    CREATE TABLE sections (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        depth INTEGER NOT NULL,
        heading TEXT NOT NULL,
        part TEXT NOT NULL,
        parent INTEGER,
        start INTEGER NOT NULL,
        heading_end INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (report_id, idx)
    );

    CREATE TABLE sentences (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        part TEXT NOT NULL,
        section INTEGER,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (report_id, idx)
    );

    CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        period TEXT NOT NULL,
        year INTEGER,
        measure TEXT NOT NULL,
        value REAL NOT NULL,
        value_high REAL,
        unit TEXT NOT NULL,
        qualifier TEXT,
        value_text TEXT NOT NULL,
        unit_text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX facts_report ON facts(report_id);
    CREATE INDEX facts_indicator ON facts(indicator, period, year);
    CREATE INDEX facts_year ON facts(year, period);

    CREATE TABLE commitments (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        value REAL,
        unit TEXT,
        qualifier TEXT,
        value_text TEXT NOT NULL,
        section TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX commitments_report ON commitments(report_id);
    CREATE INDEX commitments_action ON commitments(action);

    CREATE TABLE indices (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        index_name TEXT NOT NULL,
        part TEXT NOT NULL,
        count INTEGER NOT NULL,
        chars INTEGER NOT NULL,
        per_10k REAL NOT NULL,
        sentences INTEGER NOT NULL,
        sentence_share REAL NOT NULL,
        top_terms TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (report_id, index_name, part)
    );
    CREATE INDEX indices_name ON indices(index_name, part);

    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX passages_report ON passages(report_id);
    CREATE VIRTUAL TABLE passages_fts USING fts5(text, content='', tokenize='unicode61');

    CREATE VIEW reports_list AS
        SELECT id, slug, region, level, year, date, speaker, title, name, format, encoding, chars,
               (SELECT count(*) FROM facts f WHERE f.report_id = r.id) AS facts,
               (SELECT count(*) FROM commitments c WHERE c.report_id = r.id) AS commitments,
               source_path, sha256, ingested_at
        FROM reports r;

    CREATE VIEW facts_view AS
        SELECT f.id, f.report_id, r.slug AS report, r.region, r.level, r.year AS report_year,
               f.indicator, f.period, f.year, f.measure, f.value, f.value_high, f.unit, f.qualifier,
               f.value_text, f.unit_text, substr(r.text, f.start + 1, f."end" - f.start) AS evidence,
               f.start, f."end"
        FROM facts f JOIN reports r ON r.id = f.report_id;

    CREATE VIEW commitments_view AS
        SELECT c.id, c.report_id, r.slug AS report, r.region, r.level, r.year AS report_year,
               c.action, c.subject, c.value, c.unit, c.qualifier, c.value_text, c.section,
               substr(r.text, c.start + 1, c."end" - c.start) AS evidence, c.start, c."end"
        FROM commitments c JOIN reports r ON r.id = c.report_id;

    CREATE VIEW indices_view AS
        SELECT i.report_id, r.slug AS report, r.region, r.level, r.year AS report_year,
               i.index_name, i.part, i.count, i.chars, i.per_10k, i.sentences, i.sentence_share,
               i.top_terms
        FROM indices i JOIN reports r ON r.id = i.report_id;

    CREATE VIEW sections_view AS
        SELECT s.report_id, r.slug AS report, r.region, r.level, r.year AS report_year,
               s.idx, s.depth, s.heading, s.part, s.parent, s.start, s.heading_end, s."end"
        FROM sections s JOIN reports r ON r.id = s.report_id;
    """)


def _m002_facts_evidence(conn: sqlite3.Connection) -> None:
    """facts.evidence, filled from the offsets; facts_view reads it instead of the text."""
    run_script(conn, """
    ALTER TABLE facts ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
    UPDATE facts SET evidence = (SELECT substr(r.text, facts.start + 1, facts."end" - facts.start)
                                 FROM reports r WHERE r.id = facts.report_id);
    DROP VIEW facts_view;
    CREATE VIEW facts_view AS
        SELECT f.id, f.report_id, r.slug AS report, r.region, r.level, r.year AS report_year,
               f.indicator, f.period, f.year, f.measure, f.value, f.value_high, f.unit, f.qualifier,
               f.value_text, f.unit_text, f.evidence, f.start, f."end"
        FROM facts f JOIN reports r ON r.id = f.report_id;
    """)


def _m003_fts_hashsize(conn: sqlite3.Connection) -> None:
    """FTS5 keeps up to 32 MB of new tokens in memory (default 1 MB) before writing a segment:
    a batch of reports written in one transaction becomes one segment, fewer to merge."""
    try:
        conn.execute("INSERT INTO passages_fts (passages_fts, rank) VALUES ('hashsize', 33554432)")
    except sqlite3.OperationalError:  # an SQLite without this option: its default is only slower
        pass


def _m004_tracking_readings(conn: sqlite3.Connection) -> None:
    """What the wording around each figure says for target tracking
    (:func:`govreport.extract.targets.read_targets`): ``facts.target_sentence`` (the kind of
    sentence a target of the report's year stands in, which ranks it as the year's headline
    target), ``facts.self_status``/``self_evidence`` (what an outcome's clause says of its target)
    and ``reports.self_status``/``self_evidence`` (what the review says of last year's targets).
    Stored so that tracking and comparing — one region or all of them — read no report text.
    Filled here from the texts of the reports already stored."""
    from types import SimpleNamespace

    from govreport.extract.targets import read_targets

    run_script(conn, """
    ALTER TABLE facts ADD COLUMN target_sentence TEXT;
    ALTER TABLE facts ADD COLUMN self_status TEXT;
    ALTER TABLE facts ADD COLUMN self_evidence TEXT;
    ALTER TABLE reports ADD COLUMN self_status TEXT;
    ALTER TABLE reports ADD COLUMN self_evidence TEXT;
    DROP VIEW IF EXISTS facts_view;
    CREATE VIEW facts_view AS
        SELECT f.id, f.report_id, r.slug AS report, r.region, r.level, r.year AS report_year,
               f.indicator, f.period, f.year, f.measure, f.value, f.value_high, f.unit, f.qualifier,
               f.value_text, f.unit_text, f.evidence, f.start, f."end", f.target_sentence,
               f.self_status, f.self_evidence
        FROM facts f JOIN reports r ON r.id = f.report_id;
    """)
    for rid, year, text in conn.execute("SELECT id, year, text FROM reports").fetchall():
        facts = [SimpleNamespace(id=fid, period=period, year=y, start=start, end=end)
                 for fid, period, y, start, end in conn.execute(
                     'SELECT id, period, year, start, "end" FROM facts WHERE report_id = ?', (rid,))]
        r = read_targets(text, facts, year)
        conn.executemany("UPDATE facts SET target_sentence = ?, self_status = ?, self_evidence = ? "
                         "WHERE id = ?", [(kind, *(hit or (None, None)), f.id)
                                          for f, kind, hit in zip(facts, r.target_sentence, r.self_status,
                                                                  strict=True)])
        conn.execute("UPDATE reports SET self_status = ?, self_evidence = ? WHERE id = ?",
                     (*(r.review or (None, None)), rid))


# Name → migration, applied in this order. Append only.
MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
    ("002_facts_evidence", _m002_facts_evidence),
    ("003_fts_hashsize", _m003_fts_hashsize),
    ("004_tracking_readings", _m004_tracking_readings),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order they ran."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                 "applied_at TEXT NOT NULL)")
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY id")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations, each in its own transaction; return the names applied.

    Safe when two processes open a new database at once: the check runs again under the
    write lock (``BEGIN IMMEDIATE``), so each migration runs exactly once.
    """
    done = set(applied(conn))
    ran: list[str] = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            migration(conn)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                         (name, datetime.now(UTC).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran


def run_script(conn: sqlite3.Connection, sql: str) -> None:
    """Run a script statement by statement: unlike ``executescript`` it stays in the transaction."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            conn.execute(buf)
            buf = ""
    if buf.strip():
        conn.execute(buf)
