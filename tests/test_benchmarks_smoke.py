"""The benchmarks still run: their smoke modes, on a few real reports, print their figure lines.

The full benchmarks (``make bench``) are not part of the test suite; these only check that the
scripts work against the current library and print what the README's Performance section quotes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is not here")

NUMBER = r"\d+(?:\.\d+)?"


def _run(*args: str) -> str:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_throughput_smoke_prints_rates_and_ratio() -> None:
    out = _run("benchmarks/throughput.py", "--smoke")
    gov = re.search(rf"^govreport\s+best\s+({NUMBER}) MB/s\s+median\s+({NUMBER}) MB/s", out, re.M)
    jieba = re.search(rf"^jieba\s+best\s+({NUMBER}) MB/s\s+median\s+({NUMBER}) MB/s", out, re.M)
    ratio = re.search(rf"^ratio ({NUMBER})$", out, re.M)
    assert gov and jieba and ratio, out
    assert float(gov.group(1)) > 0 and float(jieba.group(1)) > 0
    # the ratio is the two medians divided, as printed (to the printed precision)
    expected = float(gov.group(2)) / float(jieba.group(2))
    assert float(ratio.group(1)) == pytest.approx(expected, rel=0.15, abs=0.2)
    assert "2 reports, 1 reps" in out


def test_scale_smoke_ingests_and_times_each_query() -> None:
    out = _run("benchmarks/scale.py", "--reports", "20", "--smoke")
    assert re.search(r"^corpus\s+20 synthetic reports", out, re.M), out
    ingest = re.search(rf"^ingest\s+20 reports in {NUMBER} s: ({NUMBER}) reports/s, ({NUMBER}) MB/s",
                       out, re.M)
    assert ingest and float(ingest.group(1)) > 0, out
    assert re.search(rf"^memory\s+peak RSS ({NUMBER}) MB", out, re.M), out
    assert re.search(rf"^database\s+({NUMBER}) MB", out, re.M), out
    queries = re.findall(rf"^query\s+(\w+)\(.*median\s+{NUMBER} ms\s+p95\s+{NUMBER} ms\s+\((\d+) rows",
                         out, re.M)
    # compare twice: the regions' outcomes, then their targets
    assert [q for q, _ in queries] == ["facts", "track", "compare", "compare", "search"], out
    rows = dict(queries)
    # every synthetic report has a header naming its region and real review/plan paragraphs:
    # the region's facts and the search for a common term find something
    assert int(rows["facts"]) > 0 and int(rows["search"]) > 0, out
    assert re.search(r"^extrapolated to 80,000 reports", out, re.M), out


def test_throughput_stages_name_every_step_of_the_pipeline() -> None:
    out = _run("benchmarks/throughput.py", "--smoke", "--stages")
    stages = dict(re.findall(rf"^stage (\w+)\s+({NUMBER}) s CPU$", out, re.M))
    expected = ["normalise", "body", "metadata", "segment", "facts", "commitments", "indices"]
    assert list(stages) == expected, out
    assert sum(map(float, stages.values())) > 0
