"""Bad input: each file gets a clear one-line reason, none stops the batch, none leaves rows.

The bad files are made inside the tests from real reports (truncated, corrupted, re-encoded);
nothing is copied into the project.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import govreport
from tests.helpers import RAW, YINING

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NEWS = (  # a news story about a report (written for this test): figures, a region, no report
    "政府工作报告提出今年发展主要预期目标\n"
    "新华社北京3月5日电 十四届全国人大二次会议5日上午在人民大会堂开幕。国务院总理作政府工作报告时介绍，"
    "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；居民消费价格涨幅3%左右。\n"
    "报告说，过去一年，国内生产总值超过126万亿元，增长5.2%。\n"
    "代表们表示，报告实事求是、鼓舞人心。\n"
    "责任编辑：王五\n"
)


def _pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=str(FONT))
    pdf.set_font("cjk", size=10)
    pdf.multi_cell(0, 5, YINING.read_text(encoding="utf-8")[:3000])
    return bytes(pdf.output())


def _gbk_with_bad_bytes() -> bytes:
    data = bytearray(YINING.read_text(encoding="utf-8").encode("gbk"))
    for i in (500, 9000, 20000):
        data[i] = 0xFF  # never valid in GBK/GB18030
    return bytes(data)


def _junk() -> bytes:
    return random.Random(7).randbytes(8192)


def _huge() -> bytes:
    return YINING.read_bytes() * (50_000_000 // YINING.stat().st_size)


def _truncated_pdf() -> bytes:
    data = _pdf_bytes()
    return data[: len(data) // 2]


def _truncated_docx() -> bytes:
    return (RAW / "2025_beijing.docx").read_bytes()[:20000]


def _locked_docx() -> bytes:  # Word saves an encrypted .docx as an OLE compound file
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def _menu_page() -> bytes:
    return ("<html><head><title>首页</title></head><body><nav><a>首页</a><a>新闻</a><a>政务公开</a></nav>"
            "<div class='content'><p>欢迎访问本网站。</p></div><footer>版权所有 联系我们</footer>"
            "</body></html>").encode()


# name → (file name, how to make its bytes, words expected in the reason)
CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty file": ("empty.txt", lambda: b"", "empty"),
    "blank file": ("blank.txt", lambda: b" \n\r\n\t", "empty"),
    "binary junk named .txt": ("junk.txt", _junk, "binary"),
    "50 MB of repeated text": ("huge.txt", _huge, "too large"),
    "truncated PDF": ("truncated.pdf", _truncated_pdf, "truncated PDF"),
    "corrupt .docx (truncated zip)": ("broken.docx", _truncated_docx, "not a valid .docx"),
    "password-protected .docx": ("locked.docx", _locked_docx, "password"),
    "HTML with no report": ("menu.html", _menu_page, "no report"),
    "news article, not a work report": ("news.txt", NEWS.encode, "not look like a government work"),
    "unsupported file type": ("report.xyz", lambda: b"abc", "unsupported file type"),
}


def _make(folder: Path, name: str) -> Path:
    file_name, make, _ = CASES[name]
    path = folder / file_name
    path.write_bytes(make())
    return path


def _orphans(conn: sqlite3.Connection) -> int:
    sql = "SELECT count(*) FROM {} WHERE report_id NOT IN (SELECT id FROM reports)"
    return sum(conn.execute(sql.format(t)).fetchone()[0]
               for t in ("sections", "sentences", "facts", "commitments", "indices", "passages"))


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_fails_with_a_clear_reason_and_leaves_no_rows(tmp_path, name):
    bad = _make(tmp_path, name)
    with govreport.Corpus(tmp_path / "bad.db") as corpus:
        result = corpus.ingest([bad])
        assert not result.ingested
        assert [p for p, _ in result.failed] == [bad]
        why = result.failed[0][1]
        assert CASES[name][2].lower() in why.lower(), why
        assert "\n" not in why and len(why) < 200
        assert corpus.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
        assert corpus.conn.execute("SELECT count(*) FROM passages").fetchone()[0] == 0


def test_gbk_file_with_a_few_bad_bytes_is_ingested_with_a_warning(tmp_path):
    path = tmp_path / "yining_gbk.txt"
    path.write_bytes(_gbk_with_bad_bytes())
    with govreport.Corpus(tmp_path / "gbk.db") as corpus:
        result = corpus.ingest([path])
        assert result.ingested == [path], result.failed
        assert result.warnings and "U+FFFD" in result.warnings[0][1]
        r = corpus.report("yining_gbk")
        assert (r["region"], r["year"]) == ("伊宁市", 2024) and "gb18030" in r["encoding"]
        assert r["warnings"] and r["facts"]
        assert corpus.search("高标准农田")


def test_a_missing_path_is_a_failure_not_a_crash(tmp_path):
    with govreport.Corpus(tmp_path / "m.db") as corpus:
        result = corpus.ingest([tmp_path / "nowhere", YINING])
    assert result.ingested == [YINING]
    assert result.failed == [(tmp_path / "nowhere", "no such file or folder")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_batch_of_every_bad_file_among_good_ones(tmp_path, jobs):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    bad = {_make(folder / ("sub" if i % 2 else ""), name) for i, name in enumerate(CASES)
           if not name.startswith("unsupported")}  # folders are walked for supported types only
    good = [folder / "yining.txt", folder / "sub" / "2024_national.txt", folder / "gbk.txt",
            folder / "2025_hainan.docx"]
    good[0].write_bytes(YINING.read_bytes())
    good[1].write_bytes((RAW / "2024_national.txt").read_bytes())
    good[2].write_bytes(_gbk_with_bad_bytes())
    good[3].write_bytes((RAW / "2025_hainan.docx").read_bytes())
    full_pdf = folder / "yining.pdf"  # a real PDF of part of the report: its figures are still found
    full_pdf.write_bytes(_pdf_bytes())
    with govreport.Corpus(tmp_path / "batch.db") as corpus:
        result = corpus.ingest([folder], jobs=jobs)
        assert {p for p, _ in result.failed} == bad
        assert set(result.ingested) == {*good, full_pdf}
        stored = corpus.reports()
        assert len(stored) == len(good) + 1
        assert set(stored["region"]) == {"伊宁市", "全国", "海南省"}
        assert _orphans(corpus.conn) == 0
        pdf_id = int(stored.loc[stored["name"] == "yining.pdf", "id"].iloc[0])
        gdp = corpus.facts(report=pdf_id, indicator="gdp", period="actual")
        assert 388.2 in gdp["value"].tolist()
