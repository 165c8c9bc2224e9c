"""The whole path from a file to source-linked facts, over every report of the corpus."""

from __future__ import annotations

import pytest

import govreport
from govreport.normalize import fold
from govreport.pipeline import parse_file
from tests.helpers import EXAMPLES, YINING, all_reports


@pytest.fixture(scope="module")
def corpus_reports():
    return {p.name: parse_file(p) for p in all_reports()}


def test_every_corpus_report_parses_with_spans_into_its_text(corpus_reports):
    assert len(corpus_reports) == len(all_reports())
    for name, report in corpus_reports.items():
        text = report.text
        assert report.sections, name
        assert report.sentences, name
        for f in report.facts:
            assert 0 <= f.start < f.end <= len(text), (name, f)
            evidence = fold(f.evidence(text))
            # the figure as written is inside its evidence
            assert f.value_text.split("-")[0] in evidence.replace("，", ","), (name, f, evidence)
            assert f.unit_text in evidence, (name, f)
        for s in report.sentences:
            assert text[s.start:s.end].strip() == text[s.start:s.end], name


def test_every_report_has_review_and_plan_parts(corpus_reports):
    for name, report in corpus_reports.items():
        parts = {s.part for s in report.sentences}
        assert {"review", "plan"} <= parts, name


def test_most_reports_state_a_gdp_figure(corpus_reports):
    with_gdp = [n for n, r in corpus_reports.items() if any(f.indicator == "gdp" for f in r.facts)]
    assert len(with_gdp) >= 0.9 * len(corpus_reports)


def test_parse_accepts_a_path_or_text():
    by_path = govreport.parse(YINING)
    by_str = govreport.parse(str(YINING))
    by_text = govreport.parse(YINING.read_text(encoding="utf-8"), name=YINING.name)
    assert by_path.metadata.region == by_str.metadata.region == by_text.metadata.region == "伊宁市"
    assert [f.to_dict() for f in by_path.facts] == [f.to_dict() for f in by_text.facts]


def test_facts_convert_to_a_dataframe():
    report = govreport.parse(YINING)
    df = report.facts_frame()
    assert len(df) == len(report.facts)
    row = df[(df.indicator == "gdp") & (df.measure == "level")].iloc[0]
    assert (row.value, row.unit, row.period, row.year) == (388.2, "亿元", "actual", 2023)
    assert row.evidence == report.text[row.start:row.end]
    assert "388.2亿元" in row.evidence


def test_example_reports_parse():
    for path in sorted(EXAMPLES.glob("*.txt")):
        report = govreport.parse(path)
        md = report.metadata
        assert md.region == "青禾市" and md.level == "city"
        assert md.year == int(path.name[:4])
        assert md.speaker and md.date and md.date.startswith(path.name[:4])
        periods = {f.period for f in report.facts if f.indicator == "gdp"}
        assert periods == {"actual", "target"}, path.name


def test_parse_reads_a_long_line_of_text_as_text_not_as_a_file_name():
    # 300 characters are 900 bytes in UTF-8, too long for a file name: os.stat raises
    # ENAMETOOLONG, which must not escape parse()
    line = "各位代表：2023年地区生产总值增长6.0%。" * 12
    report = govreport.parse(line)
    assert report.text == line
    assert [(f.indicator, f.value) for f in report.facts] == [("gdp", 6.0)] * 12
