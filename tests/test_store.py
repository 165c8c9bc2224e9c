"""The corpus store: metadata of every corpus report after ingest, idempotent re-ingest,
replacement of changed files, search, one transaction per report, concurrent ingests."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import govreport
from govreport.cli import app
from govreport.store import db as store_db
from govreport.store import search as search_mod
from tests.helpers import CORPUS, EXAMPLES, RAW, SEEDS, YINING, manifest

runner = CliRunner(env={"COLUMNS": "200"})
TABLES = ("reports", "sections", "sentences", "facts", "commitments", "indices", "passages")
NATIONAL = "国务院（全国）"  # MANIFEST's name for the State Council; stored as 全国


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


# --- every corpus report, as MANIFEST.tsv describes it -------------------------------------

# Known gaps (strict: a fix makes the case pass and forces it out of this table).
KNOWN_WRONG: dict[str, str] = {}  # file → why (2025_shanghai.docx was here until metadata read its header)


def manifest_cases() -> list:
    cases = []
    for row in manifest():
        gap = KNOWN_WRONG.get(row["file"])
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        cases.append(pytest.param(row, id=row["file"], marks=marks))
    return cases


@pytest.mark.slow
@pytest.mark.parametrize("row", manifest_cases())
def test_region_level_year_of_every_manifest_report(corpus_db, row):
    with sqlite3.connect(corpus_db) as conn:
        got = conn.execute("SELECT region, level, year FROM reports WHERE source_path = ?",
                           (str((CORPUS / row["file"]).resolve()),)).fetchone()
    assert got is not None, f"{row['file']} was not ingested"
    region = "全国" if row["region"] == NATIONAL else row["region"]
    assert got == (region, row["level"], int(row["year"]))


@pytest.mark.slow
def test_whole_corpus_ingested_once_each(corpus_db):
    rows = manifest()
    with govreport.Corpus(corpus_db) as corpus:
        df = corpus.reports()
    assert len(df) == len(rows)
    assert df["sha256"].is_unique and df["slug"].is_unique
    assert (df["facts"] > 0).all(), df.loc[df["facts"] == 0, "slug"].tolist()


@pytest.mark.slow
def test_reingest_skips_everything_and_changes_nothing(corpus_db, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(corpus_db, path)
    before = counts(path)
    with govreport.Corpus(path) as corpus:
        result = corpus.ingest([CORPUS], jobs=1)
    assert not result.ingested and not result.failed
    assert len(result.skipped) == len(manifest())
    assert counts(path) == before


# --- replace, ids and slugs -----------------------------------------------------------------

def test_changed_file_replaces_its_old_version(tmp_path):
    src = tmp_path / "yining.txt"
    text = YINING.read_text(encoding="utf-8")
    assert text.count("388.2亿元") == 1
    src.write_text(text, encoding="utf-8")
    with govreport.Corpus(tmp_path / "s.db") as corpus:
        assert corpus.ingest([src]).ingested == [src]
        first = corpus.reports()
        old_gdp = corpus.facts(indicator="gdp", period="actual")
        assert 388.2 in old_gdp["value"].tolist()
        src.write_text(text.replace("388.2亿元", "401.7亿元"), encoding="utf-8")
        result = corpus.ingest([src])
        assert result.ingested == [src] and result.replaced == [src]
        second = corpus.reports()
        assert len(second) == 1 and second["slug"][0] == first["slug"][0] == "yining"
        assert second["sha256"][0] != first["sha256"][0]
        values = corpus.facts(indicator="gdp", period="actual")["value"].tolist()
        assert 401.7 in values and 388.2 not in values
        assert corpus.search("401.7亿元") and not corpus.search("388.2亿元")
        conn = corpus.conn
        conn.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")
        fts_rows = conn.execute("SELECT count(*) FROM passages_fts_docsize").fetchone()[0]
        assert fts_rows == conn.execute("SELECT count(*) FROM passages").fetchone()[0]


def test_same_file_name_in_two_folders_gets_two_slugs(tmp_path):
    for folder, extra in (("a", ""), ("b", "\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(YINING.read_text(encoding="utf-8") + extra,
                                                       encoding="utf-8")
    with govreport.Corpus(tmp_path / "s.db") as corpus:
        assert len(corpus.ingest([tmp_path]).ingested) == 2
        slugs = sorted(corpus.reports()["slug"])
        assert slugs == ["report", "report-2"]
        assert corpus.report("report-2")["region"] == "伊宁市"
        rid = int(corpus.reports()["id"][0])
        assert corpus.report(rid)["id"] == corpus.report(str(rid))["id"] == rid
        with pytest.raises(govreport.errors.GovReportError, match="no stored report"):
            corpus.report("nope")


def test_migrations_are_recorded_and_run_once(tmp_path):
    path = tmp_path / "m.db"
    govreport.Corpus(path).close()
    govreport.Corpus(path).close()
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM migrations")]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert names == [name for name, _ in store_db.schema.MIGRATIONS]


def test_a_database_of_the_first_schema_gets_facts_evidence_when_opened(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    text = "各位代表：2024年全市地区生产总值增长6.5%。"
    monkeypatch.setattr(store_db.schema, "MIGRATIONS", store_db.schema.MIGRATIONS[:1])
    conn = store_db.connect(path)
    conn.execute("INSERT INTO reports (id, slug, name, source_path, sha256, chars, body_start, body_end, "
                 "ingested_at, text) VALUES (1, 'old', 'old.txt', '/old.txt', 'x', ?, 0, ?, 'now', ?)",
                 (len(text), len(text), text))
    start = text.index("地区")
    conn.execute("INSERT INTO facts (report_id, indicator, period, year, measure, value, unit, value_text, "
                 "unit_text, start, \"end\") VALUES (1, 'gdp', 'actual', 2024, 'growth', 6.5, '%', '6.5', "
                 "'%', ?, ?)", (start, len(text) - 1))
    conn.close()
    monkeypatch.undo()
    with govreport.Corpus(path) as corpus:
        facts = corpus.facts()
        assert facts["evidence"].tolist() == ["地区生产总值增长6.5%"]
        assert corpus.table("facts")["evidence"].tolist() == ["地区生产总值增长6.5%"]
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY id")]
    assert names == [name for name, _ in store_db.schema.MIGRATIONS]


def test_a_database_before_tracking_readings_gets_them_from_its_texts_when_opened(tmp_path):
    path = tmp_path / "t.db"
    with govreport.Corpus(path) as corpus:
        corpus.ingest([YINING])
    facts_query = "SELECT id, target_sentence, self_status, self_evidence FROM facts ORDER BY id"
    report_query = "SELECT self_status, self_evidence FROM reports"
    with sqlite3.connect(path) as conn:
        facts, report = conn.execute(facts_query).fetchall(), conn.execute(report_query).fetchall()
        conn.executescript("""DROP VIEW facts_view;
            ALTER TABLE facts DROP COLUMN target_sentence; ALTER TABLE facts DROP COLUMN self_status;
            ALTER TABLE facts DROP COLUMN self_evidence; ALTER TABLE reports DROP COLUMN self_status;
            ALTER TABLE reports DROP COLUMN self_evidence;
            DELETE FROM migrations WHERE name = '004_tracking_readings';""")
    assert {kind for _, kind, _, _ in facts} >= {"targets", None}  # Yining's 预期目标 sentence; outcomes
    store_db.connect(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute(facts_query).fetchall() == facts
        assert conn.execute(report_query).fetchall() == report
        assert conn.execute("SELECT count(target_sentence) FROM facts_view").fetchone()[0] == \
            sum(kind is not None for _, kind, _, _ in facts)


# --- queries --------------------------------------------------------------------------------

def test_facts_frame_has_report_columns_and_evidence_from_offsets(seed_db):
    report = govreport.parse(YINING)
    with govreport.Corpus(seed_db) as corpus:
        df = corpus.facts(region="伊宁")
        text = corpus.report("004_9ccbc78c2cb184b9")["text"]
    assert set(report.facts_frame().columns) <= set(df.columns) and "report_id" in df.columns
    assert len(df) == len(report.facts) and set(df["region"]) == {"伊宁市"}
    for row in df.itertuples():
        assert row.evidence == text[row.start:row.end]
        assert row.value_text in row.evidence
    gdp = df[(df.indicator == "gdp") & (df.measure == "level") & (df.period == "actual")]
    assert gdp["value"].tolist()[0] == 388.2 and gdp["report_year"].tolist()[0] == 2024


def test_facts_filters_combine(seed_db):
    with govreport.Corpus(seed_db) as corpus:
        targets = corpus.facts(period="target", year=2025)
        assert len(targets) and set(targets["region"]) == {"青禾市"}
        assert set(targets["report_year"]) == {2025}
        assert corpus.facts(region="乌鲁木齐", indicator="gdp").shape[0] > 0
        assert corpus.facts(region="不存在市").empty
        assert set(corpus.facts(level="city")["level"]) == {"city"}


def test_views_make_the_file_useful_in_plain_sqlite(seed_db):
    with sqlite3.connect(seed_db) as conn:
        rows = conn.execute("SELECT v.evidence, r.text, f.start, f.\"end\" FROM facts_view v "
                            "JOIN facts f ON f.id = v.id JOIN reports r ON r.id = f.report_id").fetchall()
        assert rows
        for evidence, text, start, end in rows:
            assert evidence == text[start:end]
        assert conn.execute("SELECT count(*) FROM sections_view WHERE region = '伊宁市'").fetchone()[0] > 2
        plan = conn.execute("SELECT DISTINCT part FROM sections WHERE report_id = "
                            "(SELECT id FROM reports WHERE region = '伊宁市')").fetchall()
        assert {"review", "plan"} <= {p[0] for p in plan}


def test_report_detail_has_outline_and_facts(seed_db):
    with govreport.Corpus(seed_db) as corpus:
        r = corpus.report("004_9ccbc78c2cb184b9")
    assert (r["region"], r["level"], r["year"], r["date"]) == ("伊宁市", "city", 2024, "2024-01-25")
    headings = [s["heading"] for s in r["outline"]]
    assert "2023年工作回顾" in headings
    for s in r["outline"]:
        assert r["text"][s["start"]:s["heading_end"]].strip().endswith(s["heading"][-4:])
    assert all(f["evidence"] == r["text"][f["start"]:f["end"]] for f in r["facts"])


# --- search ---------------------------------------------------------------------------------

def occurrences(texts: dict[int, str], needle: str) -> set[tuple[int, int]]:
    return {(rid, m.start()) for rid, t in texts.items() for m in re.finditer(re.escape(needle), t)}


@pytest.fixture(scope="module")
def texts(corpus_db) -> dict[int, str]:
    with sqlite3.connect(corpus_db) as conn:
        return dict(conn.execute("SELECT id, text FROM reports"))


def test_search_finds_high_standard_farmland_in_yining_with_context(corpus_db):
    with govreport.Corpus(corpus_db) as corpus:
        hits = corpus.search("高标准农田", limit=1000)
        text = corpus.report("004_9ccbc78c2cb184b9")["text"]
    yining = [h for h in hits if h.report == "004_9ccbc78c2cb184b9"]
    assert yining and {h.region for h in yining} == {"伊宁市"} and {h.year for h in yining} == {2024}
    assert sum(len(h.spans) for h in yining) == text.count("高标准农田")
    for h in yining:
        assert text[h.start:h.end] == "高标准农田"
        assert h.snippet == text[h.snippet_start:h.snippet_start + len(h.snippet)]
        assert len(h.snippet) > len("高标准农田")  # context around the match
        assert all(h.snippet[a:b] == "高标准农田" for a, b in h.highlights)
    assert [h.score for h in hits] == sorted(h.score for h in hits)  # bm25: best (lowest) first


@pytest.mark.parametrize("query", ["标准农", "农田", "碳", "十四五", "2025年", "高质量发展"])
def test_search_finds_every_occurrence_across_word_boundaries(corpus_db, texts, query):
    with govreport.Corpus(corpus_db) as corpus:
        hits = corpus.search(query, limit=100_000)
    found = {(h.report_id, a) for h in hits for a, _ in h.spans}
    assert found == occurrences(texts, query)
    assert found  # the corpus has each of them


def test_search_folds_full_width_digits(corpus_db, texts):
    with govreport.Corpus(corpus_db) as corpus:
        hits = corpus.search("2008年", limit=100_000)
    wide = occurrences(texts, "２００８年")
    assert wide, "the 2009 national report writes ２００８年 in full-width digits"
    assert wide <= {(h.report_id, a) for h in hits for a, _ in h.spans}


def test_search_terms_separated_by_spaces_must_all_appear(corpus_db):
    with govreport.Corpus(corpus_db) as corpus:
        hits = corpus.search("粮食 安全", limit=50)
        assert hits
        for h in hits:
            passage = corpus.report(h.report_id)["text"][h.passage_start:h.passage_end]
            assert "粮食" in passage and "安全" in passage
        with pytest.raises(search_mod.SearchError, match="nothing to search"):
            corpus.search("，。 ")


def test_search_command_highlights_matches(corpus_db):
    result = runner.invoke(app, ["search", "标准农", "--db", str(corpus_db), "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "标准农" in result.output and "passages" in result.output


# --- one transaction per report -------------------------------------------------------------

def test_a_crash_mid_write_leaves_nothing_behind(tmp_path, monkeypatch):
    path = tmp_path / "crash.db"
    with govreport.Corpus(path) as corpus:
        assert corpus.ingest([SEEDS / "000_c029eef56a02c8f7.txt"]).ingested
        before = counts(path)

        def boom(*args, **kwargs):
            raise RuntimeError("disk on fire")

        # index_passages runs after the report, sections, sentences and facts rows are inserted
        monkeypatch.setattr(search_mod, "index_passages", boom)
        report = govreport.parse(YINING)
        with pytest.raises(RuntimeError):
            store_db.write_report(corpus.conn, report, str(YINING), "f" * 64)
        assert counts(path) == before
        result = corpus.ingest([YINING, EXAMPLES])
        assert len(result.failed) == 3 and "disk on fire" in result.failed[0][1]
        assert counts(path) == before
        monkeypatch.undo()
        result = corpus.ingest([YINING, EXAMPLES])
        assert len(result.ingested) == 3 and not result.failed
    assert counts(path)["reports"] == 4


def test_parallel_ingest_stores_the_same_as_sequential(tmp_path):
    files = sorted(RAW.glob("20*_national.txt"))[:6] + [YINING]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    with govreport.Corpus(one) as c1, govreport.Corpus(two) as c2:
        r1, r2 = c1.ingest(files, jobs=1), c2.ingest(files, jobs=2)
        assert len(r1.ingested) == len(r2.ingested) == len(files)
        f1 = c1.facts().drop(columns=["report_id"]).sort_values(["report", "start", "indicator"])
        f2 = c2.facts().drop(columns=["report_id"]).sort_values(["report", "start", "indicator"])
        assert f1.reset_index(drop=True).equals(f2.reset_index(drop=True))


@pytest.mark.slow
def test_two_ingest_processes_on_one_database_both_finish_without_duplicates(tmp_path):
    path = tmp_path / "concurrent.db"
    cmd = [sys.executable, "-c", "from govreport.cli import main; main()", "ingest", str(RAW), str(SEEDS),
           "--db", str(path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    expected = len(list(RAW.iterdir())) + len(list(SEEDS.iterdir()))
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT sha256), count(DISTINCT source_path) "
                            "FROM reports").fetchone() == (expected, expected, expected)
        assert conn.execute("SELECT count(*) FROM facts WHERE report_id NOT IN (SELECT id FROM reports)"
                            ).fetchone()[0] == 0
        conn.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")


# --- command line ---------------------------------------------------------------------------

def test_ingest_command_summarises_and_fails_on_a_bad_file(tmp_path):
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["ingest", str(YINING), str(bad.parent), "--db", str(db)])
    assert result.exit_code == 1
    assert "1 ingested" in result.output and "1 failed" in result.output
    assert "empty.txt" in result.output and "empty" in result.output
    again = runner.invoke(app, ["ingest", str(YINING), "--db", str(db)])
    assert again.exit_code == 0 and "1 skipped" in again.output


def test_reports_facts_show_commands(seed_db):
    db = ["--db", str(seed_db)]
    out = runner.invoke(app, ["reports", *db])
    assert out.exit_code == 0 and "伊宁市" in out.output and "青禾市" in out.output
    out = runner.invoke(app, ["facts", *db, "--region", "伊宁市", "--indicator", "gdp", "--format", "json"])
    assert out.exit_code == 0 and "388.2" in out.output and "地区生产总值" in out.output
    out = runner.invoke(app, ["show", "004_9ccbc78c2cb184b9", *db])
    assert out.exit_code == 0 and "2023年工作回顾" in out.output and "388.2" in out.output
    out = runner.invoke(app, ["show", "nope", *db])
    assert out.exit_code == 1 and "nope" in out.output


def test_commands_on_a_missing_database_say_so(tmp_path):
    out = runner.invoke(app, ["reports", "--db", str(tmp_path / "none.db")])
    assert out.exit_code == 1 and "no such database" in out.output
