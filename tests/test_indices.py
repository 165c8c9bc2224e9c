"""Attention indices: exact counts on a text we wrote, orderings on the real reports, users'
dictionaries."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from govreport.cli import app
from govreport.errors import LexiconError
from govreport.extract.indices import (
    PARTS,
    builtin_dictionaries,
    dictionaries,
    find_terms,
    load_dictionary,
    score_indices,
)
from govreport.pipeline import parse, parse_file
from tests.helpers import RAW, YINING

# Written for the test: two review sentences, two plan sentences.
TEXT = ("各位代表：\n一、2023年工作回顾\n生态环境持续改善，环境污染得到治理。\n科技创新成果丰硕。\n"
        "二、2024年主要工作\n加强生态环境保护，推进绿色低碳发展。\n扩大就业，办好教育。\n")


def _score(report, index, part):
    return next(s for s in report.indices if s.index == index and s.part == part)


def test_exact_counts_longest_match_first():
    r = parse(TEXT)
    env_all = _score(r, "environment", "all")
    # 生态环境 ×2 (never also 生态 or 环境), 环境 ×1 (in 环境污染), 污染, 绿色, 低碳
    assert env_all.top_terms == {"生态环境": 2, "环境": 1, "污染": 1, "绿色": 1, "低碳": 1}
    assert env_all.count == 6
    review, plan = _score(r, "environment", "review"), _score(r, "environment", "plan")
    assert (review.count, plan.count) == (3, 3)
    assert (review.sentences, plan.sentences) == (1, 1)
    innovation = _score(r, "innovation", "all")
    assert innovation.top_terms == {"科技创新": 1}  # not also 科技 or 创新
    livelihood = _score(r, "livelihood", "plan")
    assert livelihood.top_terms == {"就业": 1, "教育": 1}
    assert livelihood.per_10k == pytest.approx(2 * 10000 / livelihood.chars, abs=1e-3)


def test_matches_do_not_overlap_across_dictionaries():
    hits = find_terms("加强生态环境保护和环境治理")
    assert [t for _, _, t, _ in hits] == ["生态环境", "环境"]
    spans = [(s, e) for s, e, _, _ in hits]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_a_term_in_two_dictionaries_counts_for_both():
    (hit,) = find_terms("维护网络安全")
    assert set(hit[3]) == {"digital", "security"}


def test_builtin_dictionaries_are_complete():
    names = {d.name for d in builtin_dictionaries()}
    assert names == {"environment", "innovation", "digital", "livelihood", "opening", "security", "rural"}
    for d in builtin_dictionaries():
        assert d.label and 20 <= len(d.terms) <= 60, d.name


NATIONAL = sorted(RAW.glob("*_national.txt"))


@pytest.mark.parametrize("path", NATIONAL, ids=[p.stem for p in NATIONAL])
def test_every_national_report_has_an_environment_index(path):
    report = parse_file(path)
    env = _score(report, "environment", "all")
    assert env.count > 0 and env.per_10k > 0 and 0 < env.sentence_share < 1


def test_parts_add_up_on_a_real_report():
    report = parse_file(YINING)
    for d in builtin_dictionaries():
        s = {p: _score(report, d.name, p) for p in PARTS}
        assert s["review"].count + s["plan"].count <= s["all"].count
        assert s["review"].chars + s["plan"].chars <= s["all"].chars
        assert s["review"].sentences + s["plan"].sentences <= s["all"].sentences
        assert s["all"].count > 0, d.name
    # 伊宁's plan is about building the city and the villages: the rural index of its plan is high
    assert _score(report, "rural", "plan").count >= 10


def test_custom_dictionary_is_picked_up(tmp_path):
    path = tmp_path / "water.yaml"
    path.write_text("name: water\nlabel: 水务\nterms: [排水管网, 供水, 污水]\n", encoding="utf-8")
    dicts = dictionaries([path])
    assert [d.name for d in dicts][-1] == "water"
    report = parse_file(YINING)
    water = next(s for s in score_indices(report.document, dicts) if s.index == "water" and s.part == "all")
    text = report.text[report.document.body_start:report.document.body_end]
    assert water.top_terms.get("排水管网") == text.count("排水管网") > 0

    result = CliRunner().invoke(app, ["indices", str(YINING), "--dict", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert any(r["index"] == "water" and r["count"] == water.count for r in rows)


@pytest.mark.parametrize(("content", "problem"), [
    ("name: x\nlabel: X\nterms: [a]\nextra: 1\n", "unknown key"),
    ("name: x\nlabel: X\nterms: [绿色, 绿色]\n", "duplicate term"),
    ("name: x\nlabel: X\nterms: []\n", "non-empty list"),
])
def test_bad_dictionary_is_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=problem):
        load_dictionary(path)


def test_plot_is_offline(tmp_path):
    out = tmp_path / "chart.html"
    files = [str(YINING), str(RAW / "2024_national.txt")]
    result = CliRunner().invoke(app, ["indices", *files, "--plot", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script src=\"http" not in html and "plotly" in html.lower()
    assert "伊宁市" in html or json.dumps("伊宁市")[1:-1] in html
