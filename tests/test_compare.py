"""Comparison: regions side by side in a year (ranked), a region's years side by side.

Expected values were read in the report texts (the 2026 provincial reports' reviews, the
national reports' target sentences and reviews).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from govreport.analyze import compare, facts_from_reports
from govreport.cli import app
from govreport.pipeline import parse_file
from tests.helpers import EXAMPLES, RAW

runner = CliRunner(env={"COLUMNS": "250"})


@pytest.fixture(scope="module")
def provinces():
    files = sorted(RAW.glob("2025_*.docx")) + sorted(RAW.glob("2026_*.txt"))
    return facts_from_reports(parse_file(p) for p in files)


@pytest.fixture(scope="module")
def national():
    return facts_from_reports(parse_file(p) for p in sorted(RAW.glob("20*_national.txt")))


def test_regions_ranked_by_2025_gdp_growth(provinces):
    facts, texts = provinces
    df = compare(facts, indicator="gdp", year=2025, texts=texts)
    by = df.set_index("region")
    # 2026 reviews: 西藏 地区生产总值增长7%, 甘肃 增长5.8%, 河北 全省生产总值增长5.6%, 河南 生产总值增长5.6%,
    # 广东 地区生产总值增长3.9%, 辽宁 增长3.7%
    assert df.iloc[0]["region"] == "西藏自治区" and df.iloc[0]["value"] == 7.0 and df.iloc[0]["rank"] == 1
    assert by.loc["甘肃省", "value"] == 5.8 and by.loc["甘肃省", "rank"] == 2
    assert by.loc["河北省", "rank"] == by.loc["河南省", "rank"] == 3  # a tie shares its rank
    assert by.loc["广东省", "value"] == 3.9 and by.loc["辽宁省", "value"] == 3.7
    assert list(df["value"]) == sorted(df["value"], reverse=True)
    assert set(df["period"]) == {"actual"} and set(df["year"]) == {2025} and len(df) >= 25


def test_regions_ranked_by_2026_targets(provinces):
    facts, texts = provinces
    df = compare(facts, indicator="gdp", year=2026, period="target", texts=texts).set_index("region")
    # 2026 plans: 西藏 地区生产总值增长7%以上, 浙江 全省生产总值增长5%—5.5%
    assert df.loc["西藏自治区", "rank"] == 1 and df.loc["西藏自治区", "qualifier"] == "at_least"
    assert (df.loc["浙江省", "value"], df.loc["浙江省", "value_high"]) == (5.0, 5.5)


def test_levels_in_different_units_are_converted(provinces):
    facts, texts = provinces
    df = compare(facts, indicator="gdp", year=2025, measure="level", texts=texts).set_index("region")
    assert set(df["unit"]) == {"万亿元"}
    # 四川 地区生产总值67665亿元 against 北京 地区生产总值5.2万亿元
    assert df.loc["四川省", "value"] == pytest.approx(6.7665)
    assert df.loc["北京市", "value"] == pytest.approx(5.2)
    assert df.loc["四川省", "rank"] < df.loc["北京市", "rank"]


def test_national_gdp_time_series(national):
    facts, texts = national
    df = compare(facts, indicator="gdp", region="全国", texts=texts).set_index("year")
    assert df.loc[2014, "target"] == 7.5 and df.loc[2014, "outcome"] == 7.4
    assert df.loc[2014, "status"] == "met (about)"
    assert (df.loc[2016, "target"], df.loc[2016, "target_high"], df.loc[2016, "outcome"]) == (6.5, 7.0, 6.7)
    assert df.loc[2020, "status"] == "no target" and df.loc[2020, "outcome"] == 2.3
    # 2023: the 2024 report's review (国内生产总值超过126万亿元，增长5.2%); no 2023 report in the corpus
    assert df.loc[2023, "outcome"] == 5.2 and df.loc[2023, "target"] != df.loc[2023, "target"]
    assert df.loc[2024, "target"] == 5.0 and df.loc[2024, "status"] == "no outcome reported"
    assert list(df.index) == sorted(df.index) and set(range(2003, 2025)) <= set(df.index)


def test_compare_needs_a_year_or_a_region(national):
    facts, _ = national
    with pytest.raises(ValueError, match="year"):
        compare(facts, indicator="gdp")
    with pytest.raises(ValueError, match="unknown indicator"):
        compare(facts, indicator="happiness", year=2020)


def test_compare_command(tmp_path):
    files = [str(EXAMPLES / "2024_青禾市.txt"), str(EXAMPLES / "2025_青禾市.txt")]
    result = runner.invoke(app, ["compare", *files, "--indicator", "gdp", "--region", "青禾市", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["year"]: r for r in json.loads(result.output)}
    # 2023: 地区生产总值1286.4亿元、增长5.9%; 2024: 增长6%左右 / 增长5.8%; 2025: 增长5.5%左右
    assert rows[2023]["outcome"] == 5.9
    assert (rows[2024]["target"], rows[2024]["outcome"], rows[2024]["status"]) == (6.0, 5.8, "met (about)")
    assert rows[2025]["target"] == 5.5
    out = tmp_path / "c.html"
    result = runner.invoke(app, ["compare", *files, "--indicator", "gdp", "--year", "2024",
                                 "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert "青禾市" in result.output and out.stat().st_size > 100_000
    result = runner.invoke(app, ["compare", *files, "--indicator", "gdp"])
    assert result.exit_code == 1 and "--year" in result.output


@pytest.mark.slow
def test_compare_on_the_store_ranks_as_compare_on_all_the_facts(corpus_db):
    """Corpus.compare reads only the first outcome of each region and measure
    (Corpus.first_outcomes); the ranking is the one compare makes of every fact."""
    import govreport
    from govreport.lexicon import indicators

    with govreport.Corpus(corpus_db) as corpus:
        facts = corpus.facts(period="actual")
        cases = 0
        for name in indicators().names:
            mine = facts[facts["indicator"] == name]
            for year in sorted(set(mine["year"].dropna().astype(int))):
                for measure in (None, "level") if name == "gdp" else (None,):
                    got = corpus.compare(indicator=name, year=year, measure=measure)
                    want = compare(mine, indicator=name, year=year, measure=measure)
                    assert got.equals(want), (name, year, measure)
                    cases += len(want) > 1
    assert cases > 30


@pytest.mark.slow
def test_targets_ranked_on_the_store_read_no_text_and_rank_as_with_the_texts(corpus_db, monkeypatch):
    """Headline targets are picked by the stored target_sentence: ranking every region's targets
    reads no report text, and ranks as picking them from the texts does."""
    import govreport
    from govreport.analyze.track import corpus_texts
    from govreport.lexicon import indicators

    with govreport.Corpus(corpus_db) as corpus:
        facts = corpus.facts(period="target")
        texts = corpus_texts(corpus, facts["report"].unique())
        monkeypatch.setattr(type(corpus), "texts", lambda self, names: pytest.fail("read report texts"))
        cases = 0
        for name in indicators().names:
            mine = facts[facts["indicator"] == name]
            for year in sorted(set(mine["report_year"].dropna().astype(int))):
                got = corpus.compare(indicator=name, year=year, period="target")
                want = compare(mine.drop(columns="target_sentence"), indicator=name, year=year,
                               period="target", texts=texts)
                assert got.equals(want), (name, year)
                cases += len(want) > 1
    assert cases > 20
