"""Metadata of every report of the corpus: region, level and year against MANIFEST.tsv, and the
meeting date and speaker where the header states them (each checked by hand in the header; the
test also finds them there)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from cn2an import an2cn

from govreport.metadata import NATIONAL, detect
from govreport.model import Document
from govreport.normalize import fold
from govreport.pipeline import prepare
from govreport.read import read_document
from tests.helpers import CORPUS, manifest

ROWS = manifest()


@cache
def _doc(path: Path) -> Document:
    return prepare(read_document(path))


@pytest.mark.parametrize("row", ROWS, ids=[Path(r["file"]).stem for r in ROWS])
def test_region_level_year_match_the_manifest(row):
    md = _doc(CORPUS / row["file"]).metadata
    region = NATIONAL if row["level"] == "national" else row["region"]
    assert (md.region, md.level, md.year) == (region, row["level"], int(row["year"]))


# (file, meeting date, speaker) as the header states them; None where it states none
HEADERS = [
    ("000_c029eef56a02c8f7.txt", None, None),
    ("004_9ccbc78c2cb184b9.txt", '2024-01-25', '哈米提·阿克木'),
    ("2003_national.txt", '2003-03-05', '朱镕基'),
    ("2004_national.txt", '2004-03-05', None),
    ("2005_national.txt", '2005-03-05', None),
    ("2006_national.txt", '2006-03-05', '温家宝'),
    ("2007_national.txt", '2007-03-05', '温家宝'),
    ("2008_national.txt", '2008-03-05', None),
    ("2009_national.txt", '2009-03-05', '温家宝'),
    ("2010_national.txt", '2010-03-05', '温家宝'),
    ("2011_national.txt", '2011-03-05', '温家宝'),
    ("2012_national.txt", '2012-03-05', '温家宝'),
    ("2013_national.txt", '2013-03-05', '温家宝'),
    ("2014_national.txt", '2014-03-05', '李克强'),
    ("2015_national.txt", '2015-03-05', '李克强'),
    ("2016_national.txt", None, None),
    ("2017_national.txt", None, None),
    ("2018_national.txt", '2018-03-05', '李克强'),
    ("2019_national.txt", '2019-03-05', '李克强'),
    ("2020_national.txt", '2020-05-22', '李克强'),
    ("2021_national.txt", '2021-03-05', '李克强'),
    ("2022_national.txt", None, None),
    ("2024_national.txt", '2024-03-05', '李强'),
    ("2025_shanghai.docx", '2025-01-15', '龚正'),
    ("2026_shanghai.txt", '2026-02-03', '龚正'),
    ("2025_yunnan.docx", '2025-01-18', '王予波'),
    ("2026_yunnan.txt", '2026-01-28', '王予波'),
    ("2025_neimenggu.docx", '2025-01-14', '王莉霞'),
    ("2026_neimenggu.txt", '2026-02-04', '包钢'),
    ("2025_beijing.docx", '2025-01-14', '殷勇'),
    ("2026_beijing.txt", '2026-01-25', '殷勇'),
    ("2025_jilin.docx", '2025-01-14', '胡玉亭'),
    ("2026_jilin.txt", '2026-01-27', '胡玉亭'),
    ("2025_sichuan.docx", '2025-01-20', '施小琳'),
    ("2026_sichuan.txt", '2026-02-03', '施小琳'),
    ("2025_tianjin.docx", '2025-01-14', '张工'),
    ("2026_tianjin.txt", '2026-01-26', '张工'),
    ("2025_ningxia.docx", '2025-01-19', '张雨浦'),
    ("2026_ningxia.txt", '2026-02-03', '张雨浦'),
    ("2025_anhui.docx", '2025-01-20', '王清宪'),
    ("2026_anhui.txt", '2026-02-05', '王清宪'),
    ("2025_shandong.docx", '2025-01-20', '周乃翔'),
    ("2026_shandong.txt", '2026-01-27', '周乃翔'),
    ("2025_shanxi.docx", '2025-01-17', '金湘军'),
    ("2026_shanxi.txt", '2026-02-02', '卢东亮'),
    ("2025_guangdong.docx", '2025-01-15', '王伟中'),
    ("2026_guangdong.txt", '2026-01-26', '孟凡利'),
    ("2025_guangxi.docx", '2025-01-13', '蓝天立'),
    ("2026_guangxi.txt", '2026-02-02', '韦韬'),
    ("2025_xinjiang.docx", '2025-01-19', '艾尔肯·吐尼亚孜'),
    ("2026_xinjiang.txt", '2026-01-27', '艾尔肯·吐尼亚孜'),
    ("2025_jiangsu.docx", '2025-01-19', '许昆林'),
    ("2026_jiangsu.txt", '2026-02-03', '刘小涛'),
    ("2025_jiangxi.docx", '2025-01-17', '叶建春'),
    ("2026_jiangxi.txt", '2026-01-27', '叶建春'),
    ("2025_hebei.docx", '2025-01-13', '王正谱'),
    ("2026_hebei.txt", '2026-01-26', '王正谱'),
    ("2025_henan.docx", '2025-01-18', '王凯'),
    ("2026_henan.txt", '2026-01-26', '王凯'),
    ("2025_zhejiang.docx", '2025-01-14', '刘捷'),
    ("2026_zhejiang.txt", '2026-01-14', '刘捷'),
    ("2025_hainan.docx", '2025-01-14', '刘小明'),
    ("2026_hainan.txt", '2026-01-27', '刘小明'),
    ("2025_hubei.docx", '2025-01-16', '李殿勋'),
    ("2026_hubei.txt", '2026-01-27', '李殿勋'),
    ("2025_hunan.docx", '2025-01-14', '毛伟明'),
    ("2026_hunan.txt", '2026-02-03', '毛伟明'),
    ("2025_gansu.docx", '2025-01-20', '任振鹤'),
    ("2026_gansu.txt", '2026-01-27', '任振鹤'),
    ("2025_fujian.docx", '2025-01-13', '赵龙'),
    ("2026_fujian.txt", '2026-01-27', '赵龙'),
    ("2025_xizang.docx", '2025-01-19', '嘎玛泽登'),
    ("2026_xizang.txt", '2026-01-31', '嘎玛泽登'),
    ("2025_guizhou.docx", '2025-01-19', '李炳军'),
    ("2026_guizhou.txt", '2026-01-27', '李炳军'),
    ("2025_liaoning.docx", '2025-01-16', '李乐成'),
    ("2026_liaoning.txt", '2026-01-27', '王新伟'),
    ("2025_chongqing.docx", '2025-01-19', '胡衡华'),
    ("2026_chongqing.txt", '2026-01-28', '胡衡华'),
    ("2025_shaanxi.docx", '2025-01-16', '赵刚'),
    ("2026_shaanxi.txt", '2026-01-27', '赵刚'),
    ("2025_qinghai.docx", '2025-01-19', '罗东川'),
    ("2026_qinghai.txt", '2026-01-27', '罗东川'),
    ("2025_heilongjiang.docx", '2025-01-13', '梁惠玲'),
    ("2026_heilongjiang.txt", '2026-01-31', '梁惠玲'),
]


@pytest.mark.parametrize(("file", "date", "speaker"), HEADERS, ids=[h[0].split(".")[0] for h in HEADERS])
def test_date_and_speaker_from_the_header(file, date, speaker):
    path = next(CORPUS / r["file"] for r in ROWS if Path(r["file"]).name == file)
    doc = _doc(path)
    md = doc.metadata
    assert (md.date, md.speaker) == (date, speaker)
    opener = fold(doc.text).find("各位代表")
    header = re.sub(r"\s", "", fold(doc.text)[: max(opener, 0) + 200])
    if date:
        y, m, d = (int(x) for x in date.split("-"))
        cn_year = "".join("〇一二三四五六七八九"[int(c)] for c in str(y))
        written = (f"{y}年{m}月{d}日", f"{cn_year}年{an2cn(m)}月{an2cn(d)}日")  # 二〇二六年一月二十七日
        assert any(w in header for w in written), written
    if speaker:
        assert speaker in header


def test_header_lines_alone():
    md = detect("2025年上海市政府工作报告\n----2025年1月15日龚正市长在上海市第十六届人民代表大会"
                "第三次会议的政府工作报告\n来源：解放日报\n各位代表：", body_start=0)
    assert (md.region, md.level, md.year) == ("上海市", "province", 2025)
    assert (md.date, md.speaker) == ("2025-01-15", "龚正")
    md = detect("——2025年1月14日自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会"
                "第三次会议上的讲话\n各位代表：")
    assert (md.region, md.speaker) == ("内蒙古自治区", "王莉霞")
