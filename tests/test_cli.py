"""The extract command: JSON files for the scorer, readable tables, errors that name the file."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from govreport.cli import app
from tests.helpers import URUMQI, YINING

runner = CliRunner(env={"COLUMNS": "200"})


def test_extract_writes_one_json_per_report_in_the_scorer_shape(tmp_path):
    result = runner.invoke(app, ["extract", str(URUMQI), str(YINING), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / f"{YINING.name}.json").read_text(encoding="utf-8"))
    assert data["report"] == YINING.name
    assert (data["region"], data["level"], data["year"]) == ("伊宁市", "city", 2024)
    assert data["date"] == "2024-01-25" and data["speaker"] == "哈米提·阿克木"
    text = YINING.read_text(encoding="utf-8")
    gdp = [f for f in data["facts"] if f["indicator"] == "gdp" and f["measure"] == "level"]
    assert gdp and gdp[0]["value"] == 388.2 and gdp[0]["unit"] == "亿元"
    for f in data["facts"]:
        assert text[f["start"]:f["end"]] == f["evidence"]


def test_extract_prints_a_table_without_out():
    result = runner.invoke(app, ["extract", str(YINING)])
    assert result.exit_code == 0
    assert "地区生产总值" in result.output and "388.2" in result.output


def test_one_bad_file_is_named_and_the_others_still_processed(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    junk = tmp_path / "junk.xyz"
    junk.write_bytes(b"abc")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(bad), str(YINING), str(junk), "--out", str(out)])
    assert result.exit_code == 1
    assert (out / f"{YINING.name}.json").exists()
    assert not (out / "broken.txt.json").exists()
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert any("broken.txt" in e and "empty" in e for e in errors), result.output
    assert any("junk.xyz" in e and "unsupported" in e for e in errors), result.output


def test_extract_reads_every_report_in_a_folder(tmp_path):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / YINING.name).write_bytes(YINING.read_bytes())
    (folder / URUMQI.name).write_bytes(URUMQI.read_bytes())
    (folder / "notes.md").write_text("not a report", encoding="utf-8")  # not a report format: left out
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{URUMQI.name}.json", f"{YINING.name}.json"])
    missing = runner.invoke(app, ["extract", str(tmp_path / "nowhere"), "--out", str(out)])
    assert missing.exit_code == 1 and "nowhere: no such file or folder" in missing.output
