"""The same report in every format gives the same facts: .txt, .docx, .pdf and a saved web page,
each written inside the test from the whole Yining report."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest

from govreport.pipeline import parse_file
from tests.helpers import URUMQI, YINING
from tests.test_read import write_pdf


def _key(report) -> set[tuple]:  # noqa: ANN001
    return {(f.indicator, f.period, f.year, f.measure, round(f.value, 6), f.unit, f.qualifier)
            for f in report.facts}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write_docx(src: Path, dest: Path) -> Path:
    doc = docx.Document()
    for line in _lines(src):
        doc.add_paragraph(line)
    doc.save(str(dest))
    return dest


def _write_pdf(src: Path, dest: Path) -> Path:
    return write_pdf(_lines(src), dest)


def _write_html(src: Path, dest: Path) -> Path:
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in _lines(src) if line.strip())
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>政府工作报告</title></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/gk">政务公开</a></li></ul></nav>
<article><h1>政府工作报告</h1>{paragraphs}</article>
<footer>主办单位：某某市人民政府办公室 版权所有 网站标识码 6500000000 备案号 新ICP备00000000号</footer>
</body></html>"""
    dest.write_text(page, encoding="utf-8")
    return dest


WRITERS = {"docx": _write_docx, "pdf": _write_pdf, "html": _write_html}


@pytest.mark.parametrize("source", [YINING, URUMQI], ids=["yining", "urumqi"])
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_same_facts_from_every_format(tmp_path: Path, source: Path, fmt: str) -> None:
    expected = parse_file(source)
    converted = parse_file(WRITERS[fmt](source, tmp_path / f"{source.stem}.{fmt}"))
    assert converted.document.format == fmt
    assert converted.metadata.region == expected.metadata.region
    assert converted.metadata.year == expected.metadata.year
    assert len(expected.facts) >= 40
    assert _key(converted) == _key(expected)
    for f in converted.facts:  # spans point into the converted document's own text
        assert f.value_text.split("-")[0] in converted.text[f.start:f.end].replace("．", ".")
