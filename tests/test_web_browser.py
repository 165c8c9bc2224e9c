"""The dashboard in a real headless Chromium: `govreport serve` over the whole corpus, the Yining
report with its figures highlighted and clickable, tracking and comparison charts drawn.

Screenshots go to test-output/ (git-ignored). Needs Debian's chromium (/usr/bin/chromium) and
Python playwright (never `playwright install`: the browser is the system one).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, YINING

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUT = ROOT / "test-output"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus_db: Path):
    """`govreport serve` in a subprocess on a free port; yields the base URL it printed."""
    port = _free_port()
    cmd = [sys.executable, "-c", "from govreport.cli import main; main()", "serve", "--db", str(corpus_db),
           "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/" in line, line
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/reports?limit=1", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk (.ci/run does)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    OUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("request", lambda req: errors.append(f"off-site request {req.url}")
          if not req.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    yield pg
    context.close()
    assert not errors, errors  # no script error, no CSP violation, no request to a CDN


def test_yining_report_highlights_gdp_and_shows_its_details(server, page):
    text = YINING.read_text(encoding="utf-8")
    evidence = "地区生产总值388.2亿元"
    start = text.index(evidence)  # the span the fact must cover, found in the report itself
    page.goto(f"{server}/reports/{YINING.stem}")
    mark = page.locator("mark.fact[data-indicator='gdp'][data-measure='level']", has_text=evidence).first
    mark.wait_for()
    assert mark.text_content() == evidence
    assert mark.get_attribute("data-period") == "actual" and mark.get_attribute("data-year") == "2023"
    # the text before the mark is the report's own text up to the fact's start
    before = page.evaluate("""m => { const r = document.createRange();
        r.setStart(document.getElementById('report-text'), 0); r.setEndBefore(m); return r.toString(); }""",
                           mark.element_handle())
    assert len(before) == start
    mark.click()
    card = page.locator("#details-body .card").first
    card.wait_for()
    details = card.text_content()
    for expected in ("地区生产总值", "388.2", "亿元", "actual", "2023", "level", evidence):
        assert expected in details, (expected, details)
    assert "selected" in (mark.get_attribute("class") or "")
    page.screenshot(path=str(OUT / "report_yining.png"))

    # the outline jumps to a heading of the plan part
    page.locator("nav.outline a", has_text="2024年主要工作").first.click()
    assert page.evaluate("location.hash") == "#sec-1"
    heading_top = page.locator("#sec-1").bounding_box()
    assert heading_top is not None and 0 <= heading_top["y"] < 300
    page.screenshot(path=str(OUT / "report_yining_plan.png"))


def _assert_chart(page, selector: str = ".chart") -> None:
    page.locator(f"{selector} .plot-container").first.wait_for(timeout=20000)
    assert page.locator(f"{selector} svg.main-svg").count() >= 1
    assert page.locator(f"{selector} .trace").count() >= 1  # something was drawn, not just axes


def test_tracking_page_draws_the_status_chart(server, page):
    page.goto(f"{server}/track")
    _assert_chart(page, "#chart-status")
    assert page.locator("details.region").count() >= 10
    assert page.locator("span.status-met").count() > 0 and page.locator("span.status-missed").count() > 0
    page.screenshot(path=str(OUT / "track.png"))
    page.goto(f"{server}/track?region=全国")
    _assert_chart(page)
    # 2003 report: 经济增长预期目标为７％左右; 2004 report: 国内生产总值比上年增长９．１％
    row = page.locator("details.region[open] tr.row-status-met").first
    cells = [c.strip() for c in row.locator("td").all_text_contents()]
    assert cells[:5] == ["2003", "地区生产总值", "growth", "7 % (about)", "9.1 %"], cells
    page.screenshot(path=str(OUT / "track_national.png"), full_page=False)


def test_comparison_page_draws_plotly_charts(server, page):
    page.goto(f"{server}/compare?indicator=gdp")
    _assert_chart(page, "#chart-compare")
    bars = page.locator("#chart-compare .trace.bars .point")
    assert bars.count() >= 2
    page.screenshot(path=str(OUT / "compare_gdp.png"))
    page.goto(f"{server}/compare?indicator=gdp&region=全国")
    _assert_chart(page, "#chart-compare")
    page.screenshot(path=str(OUT / "compare_national_series.png"))


def test_search_page_highlights_hits(server, page):
    page.goto(f"{server}/search?q=高标准农田")
    hits = page.locator("ol.hits mark.hit")
    assert hits.count() > 0 and hits.first.text_content() == "高标准农田"
    page.screenshot(path=str(OUT / "search.png"))
    page.locator("ol.hits a.hit-report").first.click()
    page.locator("mark#hit").wait_for()
    assert page.locator("mark#hit").text_content() == "高标准农田"


def test_screenshots_are_kept_out_of_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", "test-output/x.png"], cwd=ROOT).returncode == 0
    assert ignored or shutil.which("git") is None
