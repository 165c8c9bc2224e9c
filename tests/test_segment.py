"""Structure of real reports: where the review and the plan begin, and the heading tree.

The expected headings were read in each report: the review begins at the heading about last
year's (or the past five years') work, the plan at the heading about this year's work or the
five-year plan that precedes it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from govreport.model import Document
from govreport.normalize import fold
from govreport.pipeline import prepare
from govreport.read import read_document
from tests.helpers import RAW, URUMQI, YINING


@cache
def _doc(path: Path) -> Document:
    return prepare(read_document(path))


def _first(doc: Document, part: str) -> str:
    s = next(s for s in doc.sentences if s.part == part)
    return fold(doc.text[s.start:s.end])


PARTS = [
    ("2003_national.txt", "一、过去五年政府工作的回顾", "二、对今年政府工作的建议"),
    ("2004_national.txt", "一、一年来工作回顾", "二、2004年主要任务"),
    ("2005_national.txt", "一、过去一年工作回顾", "二、2005年工作总体部署"),
    ("2006_national.txt", "一、去年工作回顾", "二、今年主要任务"),
    ("2007_national.txt", "一、2006年工作回顾", "二、2007年工作总体部署"),
    ("2008_national.txt", "一、 过去五年工作回顾", "二、2008年主要任务"),
    ("2009_national.txt", "一、2008年工作回顾", "二、2009年工作总体部署"),
    ("2010_national.txt", "一、2009年工作回顾", "二、2010年主要任务"),
    ("2011_national.txt", "一、“十一五”时期国民经济和社会发展的回顾", "二、“十二五”时期的主要目标和任务"),
    ("2012_national.txt", "一、2011年工作回顾", "二、2012年工作总体部署"),
    ("2013_national.txt", "一、过去五年工作回顾", "二、今年经济社会发展的总体要求"),
    ("2014_national.txt", "一、2013年工作回顾", "二、2014年工作总体部署"),
    ("2015_national.txt", "一、2014年工作回顾", "二、2015年工作总体部署"),
    ("2016_national.txt", "一、2015年工作回顾", "二、“十三五”时期主要目标任务和重大举措"),
    ("2017_national.txt", "一、2016年工作回顾", "二、2017年工作总体部署"),
    ("2018_national.txt", "一、过去五年工作回顾", "二、2018年经济社会发展总体要求和政策取向"),
    ("2019_national.txt", "一、2018年工作回顾", "二、2019年经济社会发展总体要求和政策取向"),
    ("2020_national.txt", "一、2019年和今年以来工作回顾", "二、今年发展主要目标和下一阶段工作总体部署"),
    ("2021_national.txt", "一、2020年工作回顾", "二、“十三五”时期发展成就和“十四五”时期主要目标任务"),
    ("2022_national.txt", "一、2021年工作回顾", "二、2022年经济社会发展总体要求和政策取向"),
    ("2024_national.txt", "一、2023年工作回顾", "二、2024年经济社会发展总体要求和政策取向"),
    # a heading led by NBSPs (Word), and a plan heading between two NBSP-led ones
    ("2025_anhui.docx", "一、2024年工作回顾", "二、2025年工作总体要求和主要目标任务"),
    ("2025_gansu.docx", "一、2024年工作回顾", "二、2025年工作总体要求和预期目标"),
    # a review heading without 回顾 names the reviewed year; the plan heading names a plan period
    ("2026_zhejiang.txt", "一、2025年主要工作和“十四五”发展成就", "二、“十五五”时期的主要目标任务"),
    ("2026_henan.txt", "一、“十四五”时期和2025年工作回顾", "二、“十五五”时期主要目标任务"),
    ("2026_sichuan.txt", "一、2025年工作回顾和“十四五”发展主要成绩", "二、“十五五”发展的主要考虑"),
]


@pytest.mark.parametrize(("file", "review", "plan"), PARTS, ids=[p[0].split(".")[0] for p in PARTS])
def test_review_and_plan_begin_at_their_headings(file, review, plan):
    doc = _doc(RAW / file)
    assert _first(doc, "review").startswith(review)
    assert _first(doc, "plan").startswith(plan)


def test_development_reports_split_at_their_part_titles():
    uru, yin = _doc(URUMQI), _doc(YINING)
    for doc in (uru, yin):
        assert "2023年" in _first(doc, "review") or "过去一年" in _first(doc, "review")
        assert "2024年" in _first(doc, "plan") or "今年" in _first(doc, "plan")


def test_nbsp_led_headings_are_top_level():
    doc = _doc(RAW / "2025_anhui.docx")
    tops = [fold(s.heading).strip() for s in doc.sections if s.depth == 1]
    assert tops[:3] == ["一、2024年工作回顾", "二、2025年工作总体要求和主要目标任务", "三、2025年重点工作"]


@pytest.mark.parametrize("file", ["2019_national.txt", "2021_national.txt"])
def test_one_sentence_a_line_files_keep_their_sentences(file):
    doc = _doc(RAW / file)
    lines = [ln for ln in doc.text[doc.body_start:doc.body_end].splitlines() if ln.strip()]
    # every line holds at least one sentence, none spans two lines
    assert len(doc.sentences) >= len(lines) * 0.95
    assert all("\n" not in doc.text[s.start:s.end] for s in doc.sentences)


def test_sections_nest_and_cover_their_text():
    doc = _doc(RAW / "2024_national.txt")
    for sec in doc.sections:
        assert sec.start < sec.heading_end <= sec.end
        if sec.parent is not None:
            parent = doc.sections[sec.parent]
            assert parent.depth < sec.depth and parent.start <= sec.start and sec.end <= parent.end
