"""Readers for .docx, .pdf and .html, and where the report proper starts and ends.

Fixtures are built here from the shared corpus (never copied into the project): a Word file
and a PDF from the start of a development report, a web page wrapped around its paragraphs,
and broken files of each kind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from govreport.errors import EmptyDocument, GovReportError, NotAReport, ReadError
from govreport.read import read_document
from govreport.read.docx import read_docx
from govreport.read.html import read_html
from govreport.read.pdf import read_pdf
from govreport.read.start import (
    clutter,
    find_body_end,
    find_body_start,
    is_header_clutter,
    is_trailer_clutter,
)
from govreport.read.text import read_text_file

CORPUS = Path(os.environ.get("GOVREPORT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
SEED = CORPUS / "seeds" / "004_9ccbc78c2cb184b9.txt"
RAW = CORPUS / "raw"
needs_corpus = pytest.mark.skipif(not SEED.exists(), reason=f"corpus not found at {CORPUS}")

# Debian package fonts-wqy-zenhei; fonts-noto-cjk works too. Other paths come from fc-list.
CJK_FONTS = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]


def _cjk_font() -> str | None:
    """A TrueType CJK font fpdf2 can embed, or None."""
    for path in CJK_FONTS:
        if Path(path).exists():
            return path
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.endswith((".ttf", ".ttc")):
                return path
    return None


def _seed_head() -> str:
    return SEED.read_text(encoding="utf-8")[:3000]


# --- Word -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = docx.Document()
    for line in _seed_head().splitlines():
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "指标", (0, 1): "目标", (1, 0): "地区生产总值", (1, 1): "增长7%"}.items():
        table.cell(r, c).text = value
    doc.add_paragraph("表后一段。")
    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    doc.save(str(path))
    return path


@needs_corpus
def test_docx_reads_paragraphs_and_tables_in_order(seed_docx: Path) -> None:
    text, fmt = read_docx(seed_docx)
    assert fmt == "docx"
    assert "地区生产总值388.2亿元" in text
    assert text.startswith(_seed_head().splitlines()[0])
    assert "地区生产总值\t增长7%" in text
    assert text.index("增长7%") < text.index("表后一段。")


@needs_corpus
def test_docx_through_read_document(seed_docx: Path) -> None:
    doc = read_document(seed_docx)
    assert doc.format == "docx" and doc.name == "seed.docx"
    assert "各位代表" in doc.text


REAL_DOCX = sorted(RAW.glob("2025_*.docx")) if RAW.exists() else []


@pytest.mark.parametrize("path", REAL_DOCX, ids=[p.stem for p in REAL_DOCX])
def test_docx_real_provincial_reports(path: Path) -> None:
    text, _ = read_docx(path)
    assert len(text) > 5000
    assert "各位代表" in text


# --- PDF ------------------------------------------------------------------------------------


def write_pdf(lines: list[str], path: Path) -> Path:
    """A PDF with a text layer, one paragraph per non-empty line (skips without a CJK font)."""
    font = _cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font (apt-get install fonts-wqy-zenhei)")
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=font)
    pdf.set_font("cjk", size=11)
    pdf.add_page()
    for line in lines:
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pdf(_seed_head().splitlines(), tmp_path_factory.mktemp("pdf") / "seed.pdf")


@needs_corpus
def test_pdf_text_layer_with_paragraphs_rejoined(seed_pdf: Path) -> None:
    text, fmt = read_pdf(seed_pdf)
    assert fmt == "pdf"
    assert "地区生产总值388.2亿元" in text
    # Visual lines are joined back into the source's paragraphs, across the page break too.
    source = [line.strip() for line in _seed_head().splitlines() if line.strip()]
    got = [line.strip() for line in text.splitlines()]
    assert got[1:-1] == [" ".join(s.split()) for s in source[1:len(got) - 1]]


# --- HTML -----------------------------------------------------------------------------------

MENU = "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(
    ["网站首页", "政务公开", "新闻中心", "办事服务", "互动交流", "走进伊宁"]))


def _page(body: str, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>政府工作报告</title></head>
<body><header><div class="logo">某某市人民政府门户网站</div><nav><ul>{MENU}</ul></nav></header>
<div class="crumb">您的位置：网站首页 &gt; 政务公开 &gt; 政府工作报告</div>
<div class="main">{body}</div><aside><h3>热点专题</h3><ul>{MENU}</ul></aside>
<footer><p>主办单位：某某市人民政府办公室 版权所有 备案号：新ICP备00000000号</p></footer></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
@needs_corpus
def test_html_keeps_report_drops_menus(tmp_path: Path, charset: str) -> None:
    paras = "".join(f"<p>{line}</p>\n" for line in _seed_head().splitlines() if line.strip())
    path = tmp_path / "report.html"
    path.write_bytes(_page(f"<article><h1>政府工作报告</h1>{paras}</article>", charset).encode(charset))
    text, fmt = read_html(path)
    assert fmt == "html"
    assert "地区生产总值388.2亿元" in text
    assert "现在，我代表伊宁市人民政府向大会报告工作" in text
    for furniture in ("政务公开", "新闻中心", "版权所有", "备案号", "热点专题"):
        assert furniture not in text
    assert all(line.strip() for line in text.splitlines())  # paragraphs as lines, no blanks


# --- find_body_start / find_body_end --------------------------------------------------------

PAGES_2026 = sorted(RAW.glob("2026_*.txt")) if RAW.exists() else []


@pytest.mark.parametrize("path", PAGES_2026, ids=[p.stem for p in PAGES_2026])
def test_body_bounds_provincial_web_pages(path: Path) -> None:
    text, _ = read_text_file(path)
    start, end = find_body_start(text), find_body_end(text)
    first = text[start:].lstrip().splitlines()[0]
    assert "工作报告" in first or "日在" in first or first.startswith("各位代表")
    assert not is_header_clutter(first)
    words = [w for w in (*clutter().header_lines, *clutter().header_prefixes) if len(w) > 1]
    assert not [w for w in words if w in first], first
    body = text[start:end]
    assert not any(is_trailer_clutter(line) for line in body.splitlines())
    assert "各位代表" in body[:2000]
    assert len(body) > 0.9 * len(text) - 1500  # trimmed only page furniture


# Where the header line starts, per file: title (T), meeting line (D), or 0 (no clutter).
START_KINDS = {
    "2026_guangdong": 0, "2026_hainan": 0, "2026_qinghai": 0,
    "2026_guizhou": "T", "2026_ningxia": "T", "2026_shaanxi": "T", "2026_beijing": "T",
    "2026_sichuan": "D", "2026_yunnan": "D",
}


@pytest.mark.parametrize("stem,kind", START_KINDS.items(), ids=list(START_KINDS))
@needs_corpus
def test_body_start_kind(stem: str, kind: int | str) -> None:
    text, _ = read_text_file(RAW / f"{stem}.txt")
    start = find_body_start(text)
    line = text[start:].splitlines()[0]
    if kind == 0:
        assert start == 0
    elif kind == "T":
        assert line.endswith("工作报告")
    else:
        assert "日在" in line and "工作报告" not in line


# Trailing clutter each page ends with, and report text that must stay inside the body.
END_CASES = {
    "2026_beijing": ("相关报道：", "奋力谱写中国式现代化的北京新篇章"),
    "2026_neimenggu": ("相关报道：", "10.发放城镇住房保障家庭租赁补贴1.6万户"),  # 民生实事 list
    "2026_jiangxi": ("相关报道：", "26.治安“三张图”"),  # notes after the closing words
    "2026_sichuan": ("责任编辑：", "20.“一件事”全链条专项整治"),
    "2026_ningxia": ("扫一扫在手机打开当前页", "共圆伟大中国梦而团结奋斗！"),
    "2026_qinghai": ("（来源：青海日报）", "为谱写中国式现代化青海篇章不懈奋斗！"),
    "2026_yunnan": ("》》点击图片进入专题《《", "变为幸福实景！"),
    "2026_hainan": (None, "［28］三个立法权"),
}


@pytest.mark.parametrize("stem,case", END_CASES.items(), ids=list(END_CASES))
@needs_corpus
def test_body_end(stem: str, case: tuple[str | None, str]) -> None:
    trailer, kept = case
    text, _ = read_text_file(RAW / f"{stem}.txt")
    end = find_body_end(text)
    assert kept in text[find_body_start(text):end]
    if trailer is None:
        assert end == len(text)
    else:
        assert text[end:].lstrip().startswith(trailer)


NATIONAL = sorted(RAW.glob("20*_national.txt")) if RAW.exists() else []
SEEDS = sorted((CORPUS / "seeds").glob("*.txt")) if CORPUS.exists() else []


@pytest.mark.parametrize("path", NATIONAL + SEEDS, ids=[p.stem for p in NATIONAL + SEEDS])
def test_body_start_without_clutter(path: Path) -> None:
    """Reports with no page furniture start at 0, or at the title after a news dateline."""
    text, _ = read_text_file(path)
    start = find_body_start(text)
    if start:
        assert text[start:].splitlines()[0].replace(" ", "").endswith("工作报告")
        assert start < 60
    assert find_body_end(text) >= len(text.rstrip()) - 20


@pytest.mark.parametrize("text,expected", [
    pytest.param("", 0, id="empty"),
    pytest.param("各位代表：\n现在，我代表市人民政府向大会报告工作。", 0, id="opener-only"),
    pytest.param("首页\n>\n要闻\n各位代表：\n现在……", 8, id="breadcrumb-then-opener"),
    pytest.param("下载\n打印\n一段没有页眉的文字。", 6, id="furniture-no-header"),
    pytest.param("政府工作报告\n国务院总理 李克强\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n"
                 "各位代表：", 0, id="speaker-before-date"),
])
def test_body_start_small_cases(text: str, expected: int) -> None:
    assert find_body_start(text) == expected


# --- Bad input: each error names the file ---------------------------------------------------


def _valid_pdf(tmp_path: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for i in range(40):
        pdf.cell(0, 6, f"Line {i} of a text PDF", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _no_text_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # what Word writes for an encrypted .docx

BAD = {
    "empty-docx": ("empty.docx", lambda tmp: b"", EmptyDocument),
    "random-bytes-docx": ("random.docx", lambda tmp: os.urandom(4096), ReadError),
    "encrypted-docx": ("secret.docx", lambda tmp: OLE_HEADER, ReadError),
    "corrupt-zip-docx": ("broken.docx", lambda tmp: b"PK\x03\x04" + os.urandom(2000), ReadError),
    "truncated-pdf": ("half.pdf", lambda tmp: (d := _valid_pdf(tmp))[: len(d) // 2], ReadError),
    "not-a-pdf": ("fake.pdf", lambda tmp: b"<html>not a pdf</html>", ReadError),
    "scanned-pdf": ("scan.pdf", lambda tmp: _no_text_pdf(), EmptyDocument),
    "menu-only-html": ("menu.html", lambda tmp: _page("<p>欢迎访问</p>").encode(), NotAReport),
    "empty-html": ("blank.html", lambda tmp: b"", EmptyDocument),
}


@pytest.mark.parametrize("name,make,error", BAD.values(), ids=list(BAD))
def test_bad_input(tmp_path: Path, name: str, make, error: type[Exception]) -> None:  # noqa: ANN001
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(error) as info:
        read_document(path)
    assert isinstance(info.value, GovReportError)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    if error is not NotAReport:  # NotAReport is not a ReadError in errors.py
        assert isinstance(info.value, ReadError)


def test_encrypted_docx_message(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(OLE_HEADER)
    with pytest.raises(ReadError, match="password-protected"):
        read_docx(path)


def test_scanned_pdf_message(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_no_text_pdf())
    with pytest.raises(EmptyDocument, match=r"no text layer \(scanned PDF\?\); run OCR first"):
        read_pdf(path)


def test_valid_ascii_pdf_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.pdf"
    path.write_bytes(_valid_pdf(tmp_path))
    text, _ = read_pdf(path)
    assert "Line 0 of a text PDF" in text and "Line 39 of a text PDF" in text
