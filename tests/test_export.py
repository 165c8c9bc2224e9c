"""Exports: CSV opens in Excel with Chinese intact (UTF-8 BOM) and round-trips with pandas;
Parquet, Excel and JSON read back to the same rows."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import govreport
from govreport.cli import app
from govreport.export import export_frame, export_table

runner = CliRunner(env={"COLUMNS": "200"})
TABLES = ["reports", "facts", "sections", "commitments", "indices"]


@pytest.fixture(scope="module")
def facts(seed_db) -> pd.DataFrame:
    with govreport.Corpus(seed_db) as corpus:
        return corpus.table("facts")


def test_csv_starts_with_the_bom_and_round_trips(facts, tmp_path):
    out = export_frame(facts, tmp_path / "facts.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "伊宁市".encode() in raw and "地区生产总值".encode() in raw
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert list(back.columns) == list(facts.columns)
    assert back["evidence"].tolist() == facts["evidence"].tolist()
    assert back["value"].tolist() == facts["value"].tolist()
    assert back["region"].tolist() == facts["region"].tolist()


def test_parquet_and_xlsx_read_back(facts, tmp_path):
    pq = pd.read_parquet(export_frame(facts, tmp_path / "facts.parquet"))
    pd.testing.assert_frame_equal(pq, facts, check_dtype=False)
    xl = pd.read_excel(export_frame(facts, tmp_path / "facts.xlsx"), engine="openpyxl")
    assert len(xl) == len(facts) and xl["evidence"].tolist() == facts["evidence"].tolist()


def test_json_keeps_chinese_and_dict_cells(seed_db, tmp_path):
    with govreport.Corpus(seed_db) as corpus:
        out = export_table(corpus, "facts", tmp_path / "facts.json")
        n = len(corpus.facts())
        indices = corpus.indices()
    text = out.read_text(encoding="utf-8")
    assert "\\u" not in text and "伊宁市" in text
    assert len(json.loads(text)) == n
    csv = export_frame(indices, tmp_path / "indices.csv")  # dict cells become JSON text
    back = pd.read_csv(csv, encoding="utf-8-sig")
    assert len(back) == len(indices)
    for cell, terms in zip(back.get("top_terms", []), indices.get("top_terms", []), strict=True):
        assert json.loads(cell) == terms


def test_unknown_format_is_a_clear_error(facts, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export_frame(facts, tmp_path / "facts.docx")


@pytest.mark.parametrize("table", TABLES)
def test_export_command_writes_every_table(seed_db, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    result = runner.invoke(app, ["export", "--table", table, "--format", "csv", "--out", str(out),
                                 "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(out, encoding="utf-8-sig")
    with govreport.Corpus(seed_db) as corpus:
        assert len(back) == len(corpus.table(table))
    if table in ("reports", "facts", "sections"):
        assert len(back) > 0 and "region" in back.columns


def test_export_command_rejects_an_unknown_table(seed_db, tmp_path):
    result = runner.invoke(app, ["export", "--table", "nope", "--out", str(tmp_path / "x.csv"),
                                 "--db", str(seed_db)])
    assert result.exit_code == 1 and "unknown table" in result.output
