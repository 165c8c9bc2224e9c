"""Headline facts on real reports: what must be extracted, what must not, and the dev-set gate.

Each positive case names a figure that the report states for its own region (checked by hand in
the report text) and a snippet of the sentence that states it; the test asserts that a fact with
exactly these fields exists and that the text at its start/end holds the snippet. Negative cases
are figures of a part, a sum over several years, a 年均 rate or a goal for a five-year plan, which
must not come out as the indicator's fact.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from govreport.model import Report
from govreport.normalize import fold
from govreport.pipeline import parse, parse_file
from tests.helpers import GOLD, RAW, SCORER, SEEDS, URUMQI, YINING


@cache
def _report(path: Path) -> Report:
    return parse_file(path)


def _find(path: Path, indicator: str, period: str, year: int, measure: str, value: float,
          unit: str) -> list:
    report = _report(path)
    return [f for f in report.facts
            if (f.indicator, f.period, f.year, f.measure, f.unit) == (indicator, period, year, measure, unit)
            and abs(f.value - value) < 1e-6]


def _case(file: Path | str, indicator: str, period: str, year: int, measure: str, value: float,
          unit: str, qualifier: str | None, snippet: str, *, id: str, value_high: float | None = None,
          marks: tuple = ()):  # noqa: A002
    path = file if isinstance(file, Path) else RAW / file
    return pytest.param(path, indicator, period, year, measure, value, unit, qualifier, snippet,
                        value_high, id=id, marks=marks)


DEVELOPMENT = [
    _case(URUMQI, "gdp", "actual", 2023, "growth", 6.0, "%", None, "地区生产总值增长6.0%",
          id="urumqi-gdp-growth"),
    _case(URUMQI, "tourists", "actual", 2023, "level", 1, "亿人次", "at_least", "接待游客突破1亿人次",
          id="urumqi-tourists-tupo"),
    _case(URUMQI, "grain_area", "target", 2024, "level", 10, "万亩", None, "10万亩粮食生产任务",
          id="urumqi-grain-area-postfix"),
    _case(URUMQI, "foreign_trade", "target", 2024, "level", 1000, "亿元", "at_least", "突破千亿元",
          id="urumqi-trade-qianyi"),
    _case(URUMQI, "unemployment_rate", "target", 2024, "level", 5.5, "%", "at_most", "控制在5.5%以内",
          id="urumqi-unemployment-target"),
    _case(YINING, "rural_income", "actual", 2023, "growth", 9, "%", None, "分别增长6%和9%",
          id="yining-fenbie-across-clauses"),
    _case(YINING, "tourism_revenue", "target", 2024, "growth", 20, "%", None, "均增长20％", id="yining-jun"),
    _case(YINING, "high_tech_firms", "target", 2024, "level", 50, "家", "at_least", "分别达到50家以上",
          id="yining-placeholder-list"),
]

NATIONAL = [
    _case("2003_national.txt", "gdp", "target", 2003, "growth", 7, "%", "about", "经济增长预期目标为7%左右",
          id="2003-gdp-target-fullwidth"),
    _case("2003_national.txt", "gdp", "actual", 2002, "level", 10.2, "万亿元", None,
          "增加到2002年的10.2万亿元",
          id="2003-gdp-from-to"),
    _case("2008_national.txt", "cpi", "actual", 2007, "growth", 4.8, "%", None, "比上年上涨4.8%",
          id="2008-cpi-actual"),
    _case("2008_national.txt", "energy_intensity", "actual", 2007, "growth", -3.27, "%", None, "下降3.27%",
          id="2008-energy-intensity"),
    _case("2008_national.txt", "urban_income", "actual", 2007, "level", 13786, "元", None,
          "增加到2007年13786元", id="2008-urban-income-from-to"),
    _case("2008_national.txt", "registered_unemployment", "target", 2008, "level", 4.5, "%", "about",
          "城镇登记失业率控制在4.5%左右", id="2008-registered-unemployment"),
    _case("2010_national.txt", "new_urban_jobs", "target", 2010, "level", 900, "万人", "at_least",
          "城镇新增就业900万人以上", id="2010-jobs-fullwidth"),
    _case("2011_national.txt", "gdp", "actual", 2010, "growth", 10.3, "%", None, "国内生产总值增长10.3%",
          id="2011-lookback-paragraph-in-plan"),
    _case("2011_national.txt", "deficit_ratio", "target", 2011, "level", 2, "%", "about",
          "赤字率下降到2%左右",
          id="2011-deficit-ratio"),
    _case("2013_national.txt", "cpi", "actual", 2012, "growth", 2.6, "%", None, "涨幅回落到2.6%",
          id="2013-qunian-in-plan"),
    _case("2013_national.txt", "rd_intensity", "actual", 2012, "level", 1.97, "%", None,
          "提高到2012年的1.97%", id="2013-rd-intensity-from-to"),
    _case("2014_national.txt", "urban_income", "actual", 2013, "growth", 7, "%", None,
          "城镇居民人均可支配收入实际增长7%", id="2014-shiji-zengzhang"),
    _case("2014_national.txt", "grain_output", "actual", 2013, "level", 1.2, "万亿斤", "at_least",
          "粮食产量超过1.2万亿斤", id="2014-grain"),
    _case("2014_national.txt", "deficit_ratio", "target", 2014, "level", 2.1, "%", None, "赤字率稳定在2.1%",
          id="2014-deficit-ratio"),
    _case("2015_national.txt", "foreign_trade", "target", 2015, "growth", 6, "%", "about", "进出口增长6%左右",
          id="2015-jinchukou-bare"),
    _case("2009_national.txt", "foreign_trade", "actual", 2008, "level", 2.56, "万亿美元", None,
          "进出口贸易总额2.56万亿美元", id="2009-trade-usd-fullwidth"),
    _case("2016_national.txt", "gdp", "target", 2016, "growth", 6.5, "%", "range", "国内生产总值增长6.5%",
          id="2016-gdp-range", value_high=7.0),
    _case("2016_national.txt", "energy_intensity", "target", 2016, "growth", -3.4, "%", "at_least",
          "单位国内生产总值能耗下降3.4%以上", id="2016-energy-target"),
    _case("2016_national.txt", "disposable_income", "actual", 2015, "growth", 7.4, "%", None,
          "全国居民人均可支配收入实际增长7.4%", id="2016-disposable-income"),
    _case("2019_national.txt", "gdp", "target", 2019, "growth", 6, "%", "range", "国内生产总值增长6%",
          id="2019-gdp-range-one-sentence-a-line", value_high=6.5),
    _case("2019_national.txt", "unemployment_rate", "target", 2019, "level", 5.5, "%", "about",
          "城镇调查失业率5.5%左右", id="2019-surveyed-unemployment"),
    _case("2019_national.txt", "unemployment_rate", "actual", 2018, "level", 5, "%", "about",
          "调查失业率稳定在5%左右", id="2019-surveyed-unemployment-without-town"),
    _case("2026_tianjin.txt", "air_quality_days", "actual", 2025, "growth", 13, "天", None,
          "增加13天", id="tianjin-2026-days-after-the-rate"),
    _case("2026_tianjin.txt", "new_urban_jobs", "actual", 2025, "level", 32.7, "万人", None,
          "新增就业32.7万人", id="tianjin-2026-jobs-without-town"),
    _case("2026_shaanxi.txt", "foreign_trade", "target", 2026, "growth", 6, "%", None,
          "力争货物和服务进出口增长6％", id="shaanxi-2026-goods-and-services-trade"),
    _case("2026_guizhou.txt", "grain_output", "target", 2030, "level", 1121, "万吨", "at_least",
          "粮食综合生产能力每年稳定在1121万吨以上", id="guizhou-2026-floor-held-every-year"),
    _case("2019_national.txt", "energy_intensity", "target", 2019, "growth", -3, "%", "about",
          "单位国内生产总值能耗下降3%左右", id="2019-energy-target"),
    _case("2019_national.txt", "deficit_ratio", "target", 2019, "level", 2.8, "%", None, "赤字率拟按2.8%",
          id="2019-deficit-nian-an"),
    _case("2020_national.txt", "deficit_ratio", "target", 2020, "level", 3.6, "%", "at_least",
          "赤字率拟按3.6%以上", id="2020-deficit"),
    _case("2020_national.txt", "new_urban_jobs", "target", 2020, "level", 900, "万人", "at_least",
          "城镇新增就业900万人以上", id="2020-jobs"),
    _case("2021_national.txt", "gdp", "target", 2021, "growth", 6, "%", "at_least", "国内生产总值增长6%以上",
          id="2021-gdp-yishang"),
    _case("2021_national.txt", "unemployment_rate", "actual", 2020, "level", 5.2, "%", None,
          "城镇调查失业率降到5.2%", id="2021-unemployment-actual"),
    _case("2022_national.txt", "grain_output", "target", 2022, "level", 1.3, "万亿斤", "at_least",
          "粮食产量保持在1.3万亿斤以上", id="2022-grain-target"),
    _case("2022_national.txt", "disposable_income", "actual", 2021, "growth", 8.1, "%", None,
          "居民人均可支配收入实际增长8.1%", id="2022-disposable-income"),
    _case("2024_national.txt", "gdp", "target", 2024, "growth", 5, "%", "about", "经济增长预期目标为5%左右",
          id="2024-gdp-expected-target"),
    _case("2024_national.txt", "deficit_ratio", "target", 2024, "level", 3, "%", None, "赤字率拟按3%",
          id="2024-deficit"),
    _case("2024_national.txt", "energy_intensity", "target", 2024, "growth", -2.5, "%", "about",
          "单位国内生产总值能耗降低2.5%左右", id="2024-energy-target"),
    _case("2014_national.txt", "energy_intensity", "target", 2014, "growth", -3.9, "%", "at_least",
          "能源消耗强度要降低3.9%以上", id="2014-energy-consumption-intensity"),
    _case("2014_national.txt", "rd_intensity", "actual", 2013, "level", 2, "%", "at_least",
          "研发支出占国内生产总值比重超过2%", id="2014-rd-spending-share-of-gdp"),
]

PROVINCES = [
    _case("2025_anhui.docx", "gdp", "target", 2025, "growth", 5.5, "%", "at_least",
          "地区生产总值增长5.5%以上",
          id="anhui-2025-target-after-nbsp-heading"),
    _case("2025_beijing.docx", "new_urban_jobs", "target", 2025, "level", 26, "万人", "at_least",
          "城镇新增就业不少于26万人", id="beijing-2025-bushaoyu"),
    _case("2025_fujian.docx", "gdp", "target", 2025, "growth", 5, "%", "range", "地区生产总值增长5.0%—5.5%",
          id="fujian-2025-range", value_high=5.5),
    _case("2025_fujian.docx", "urban_income", "actual", 2024, "growth", 4.6, "%", None,
          "城镇居民、农村居民人均可支配收入分别增长4.6%", id="fujian-2025-urban-rural-compound"),
    _case("2025_gansu.docx", "investment_attracted", "actual", 2024, "growth", 33.7, "%", None,
          "分别增长13.1%、33.7%", id="gansu-2025-fenbie-tail"),
    _case("2025_guangdong.docx", "rd_intensity", "actual", 2024, "level", 3.6, "%", "about",
          "研发投入强度3.6%左右", id="guangdong-2025-rd-intensity"),
    _case("2025_hunan.docx", "industry_va", "actual", 2024, "growth", 7.3, "%", None,
          "规模工业增加值增长7.3%",
          id="hunan-2025-guimo-gongye"),
    _case("2026_hebei.txt", "gdp", "actual", 2025, "level", 4.93, "万亿元", None, "增长到2025年的4.93万亿元",
          id="hebei-2026-from-to"),
    _case("2026_hebei.txt", "gdp", "actual", 2025, "growth", 5.6, "%", None, "全省生产总值增长5.6%",
          id="hebei-2026-gdp-growth"),
    _case("2026_henan.txt", "gdp", "target", 2026, "growth", 5, "%", "about", "经济增长5%左右",
          id="henan-2026-jingji-zengzhang"),
    _case("2026_jiangsu.txt", "unemployment_rate", "actual", 2025, "level", 4.6, "%", None,
          "城镇调查失业率4.6%", id="jiangsu-2026-unemployment"),
    _case("2026_shanghai.txt", "gdp", "actual", 2025, "level", 5.67, "万亿元", None,
          "全市生产总值达到5.67万亿元",
          id="shanghai-2026-gdp-level"),
    _case("2026_xizang.txt", "rural_income", "actual", 2025, "level", 23184, "元", None,
          "分别提高到58794元和23184元", id="xizang-2026-from-to-fenbie"),
    _case("2026_zhejiang.txt", "gdp", "target", 2026, "growth", 5, "%", "range", "全省生产总值增长5%—5.5%",
          id="zhejiang-2026-range", value_high=5.5),
    _case("2026_zhejiang.txt", "budget_revenue", "actual", 2025, "level", 8865, "亿元", None,
          "从7248亿元提高到8865亿元", id="zhejiang-2026-from-to"),
    _case("2026_zhejiang.txt", "urban_income", "actual", 2025, "level", 8, "万元", "at_least",
          "分别超过8万元", id="zhejiang-2026-list-qualifier-first"),
    _case("2026_zhejiang.txt", "rural_income", "actual", 2025, "level", 4.5, "万元", "at_least",
          "分别超过8万元、4.5万元", id="zhejiang-2026-list-qualifier-carries"),
]

KNOWN_GAPS = [
    # "全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元、增长5.8%": the name is two clauses
    # away, behind a count (4个), so the figures are not tied to it
    _case("2025_gansu.docx", "gdp", "actual", 2024, "level", 1.3, "万亿元", None, "2024年达到1.3万亿元",
          id="gansu-2025-gdp-behind-count", marks=(pytest.mark.xfail(strict=True, reason="name far away"),)),
]


@pytest.mark.parametrize(("path", "indicator", "period", "year", "measure", "value", "unit", "qualifier",
                          "snippet", "value_high"), DEVELOPMENT + NATIONAL + PROVINCES + KNOWN_GAPS)
def test_fact_is_extracted(path, indicator, period, year, measure, value, unit, qualifier, snippet,
                           value_high):
    found = _find(path, indicator, period, year, measure, value, unit)
    assert found, f"{path.name}: no {indicator} {period} {year} {measure} {value} {unit}"
    text = fold(_report(path).text)
    assert fold(snippet) in text, f"{path.name}: the case's snippet is not in the report: {snippet}"
    # the evidence at start/end holds the snippet, or is the part of it that states the figure
    with_evidence = [f for f in found
                     if fold(snippet) in text[f.start:f.end] or text[f.start:f.end] in fold(snippet)]
    assert with_evidence, (path.name, snippet, [text[f.start:f.end] for f in found])
    fact = with_evidence[0]
    assert fact.qualifier == qualifier, (path.name, fact)
    if value_high is not None:
        assert fact.value_high == pytest.approx(value_high)


def _absent(file: str, indicator: str, measure: str, value: float, unit: str, why: str, *, id: str,
            period: str | None = None, qualifier: str | None = None, marks: tuple = ()):  # noqa: A002
    return pytest.param(RAW / file, indicator, measure, value, unit, period, qualifier, why, id=id,
                        marks=marks)


NOT_FACTS = [
    _absent("2026_jiangsu.txt", "new_urban_jobs", "level", 690, "万人",
            "城镇新增就业超690万人 in a subsection of “十四五”时期和2025年工作回顾 that follows the "
            "five-year opening: a five-year sum", id="jiangsu-2026-five-year-subsection"),
    _absent("2026_gansu.txt", "fixed_investment", "growth", 2.7, "%",
            "扣除房地产开发投资后，固定资产投资增长2.7%: the investment without real estate, a part",
            id="gansu-2026-total-with-a-part-taken-out"),
    _absent("2007_national.txt", "energy_intensity", "growth", -4, "%",
            "没有实现年初确定的...降低4%左右的目标: last year's unmet goal, not an outcome",
            id="2007-unmet-goal-set-at-the-start-of-the-year"),
    _absent("2026_yunnan.txt", "new_urban_jobs", "level", 7.3, "万人",
            "退役军人、残疾人新增就业: groups' new jobs, not the town total",
            id="yunnan-2026-groups-new-jobs"),
    _absent("2008_national.txt", "new_urban_jobs", "level", 5100, "万人",
            "五年全国新增城镇就业: a five-year sum",
            id="2008-five-year-jobs"),
    _absent("2009_national.txt", "energy_intensity", "growth", -10.08, "%", "近三年累计: a three-year change",
            id="2009-three-year-energy"),
    _absent("2010_national.txt", "grain_output", "level", 1000, "亿斤", "千亿斤粮食生产能力: a capacity plan",
            id="2010-capacity-not-output"),
    _absent("2013_national.txt", "new_urban_jobs", "level", 5870, "万人", "累计新增城镇就业 over five years",
            id="2013-cumulative-jobs"),
    _absent("2013_national.txt", "gdp", "level", 26.6, "万亿元", "从26.6万亿元: the start of a change",
            id="2013-from-value"),
    _absent("2016_national.txt", "energy_intensity", "growth", -18.2, "%",
            "过去五年 paragraph: a five-year change",
            id="2016-five-year-energy"),
    _absent("2016_national.txt", "new_urban_jobs", "level", 5000, "万人", "“十三五” goal, not this year's",
            id="2016-plan-period-goal"),
    _absent("2018_national.txt", "gdp", "level", 54, "万亿元", "从54万亿元增加到82.7万亿元: 54 is 2012's",
            id="2018-from-value"),
    _absent("2021_national.txt", "new_urban_jobs", "level", 6000, "万人", "“十三五” achievement, a sum",
            id="2021-plan-period-section"),
    _absent("2021_national.txt", "energy_intensity", "growth", -13.5, "%", "“十四五” goal",
            id="2021-five-year-goal"),
    _absent("2026_xizang.txt", "fixed_investment", "level", 220, "亿元", "招商引资项目完成固定资产投资",
            id="xizang-2026-projects-investment"),
    _absent("2025_beijing.docx", "gdp", "level", 10000, "元", "万元地区生产总值能耗: 万 is no number",
            id="beijing-2025-wanyuan"),
    _absent("2025_guangdong.docx", "gdp", "level", 2, "万亿元", "海洋生产总值: a sector",
            id="guangdong-2025-ocean"),
    _absent("2025_guangdong.docx", "gdp", "level", 1000, "亿元",
            "生产总值超千亿元县: a size class of counties",
            id="guangdong-2025-county-class"),
    _absent("2025_zhejiang.docx", "gdp", "growth", 6.5, "%", "全省海洋生产总值增长6.5%左右",
            id="zhejiang-2025-ocean"),
    _absent("2025_hainan.docx", "tourists", "growth", 36.8, "%", "医疗旅游人次",
            id="hainan-2025-medical-tourism"),
    _absent("2026_henan.txt", "new_urban_jobs", "level", 603.7, "万人", "five-year review paragraph: a sum",
            id="henan-2026-five-year-jobs"),
    _absent("2026_jiangsu.txt", "energy_intensity", "growth", -14, "%", "累计下降超14%",
            id="jiangsu-2026-cumulative"),
    _absent("2026_jiangsu.txt", "gdp", "level", 16.7, "万元", "人均地区生产总值",
            id="jiangsu-2026-per-capita"),
    _absent("2026_sichuan.txt", "gdp", "level", 2000, "亿元", "经济总量突破2000亿元的县域",
            id="sichuan-2026-county"),
    _absent("2026_sichuan.txt", "gdp", "level", 1, "万美元", "人均地区生产总值突破1万美元",
            id="sichuan-2026-per-capita-usd"),
    _absent("2026_zhejiang.txt", "rd_intensity", "level", 3.5, "%",
            "“十五五” goal under a plan-period heading",
            id="zhejiang-2026-plan-period", period="actual"),
    _absent("2026_shaanxi.txt", "tech_transactions", "growth", 320, "%",
            "科技型中小企业、高新技术企业数量分别增长3.2倍: the first figure is not the 技术合同成交额's",
            id="shaanxi-2026-list-after-other-item"),
    _absent("2026_shaanxi.txt", "high_tech_firms", "growth", 250, "%", "五年来, mid-paragraph: five years",
            id="shaanxi-2026-five-years-mid-paragraph"),
    _absent("2026_shaanxi.txt", "industry_va", "growth", 8.1, "%", "能源工业增加值: a sector",
            id="shaanxi-2026-energy-industry"),
    _absent("2025_jiangxi.docx", "industry_va", "growth", 9.94, "%", "开发区亩均工业增加值",
            id="jiangxi-2025-per-mu"),
    _absent("2012_national.txt", "rural_income", "level", 2300, "元",
            "农民人均纯收入2300元作为扶贫标准: a threshold",
            id="2012-poverty-line"),
    _absent("2025_sichuan.docx", "rural_income", "growth", 6.8, "%", "脱贫地区农村居民: a part",
            id="sichuan-2025-poverty-areas"),
    _absent("2025_sichuan.docx", "investment_attracted", "level", 26.1, "亿美元", "外商直接投资实际到位资金",
            id="sichuan-2025-fdi"),
    _absent("2026_jilin.txt", "gdp", "level", 1000, "亿元", "跨越3个千亿元台阶: steps, not a value",
            id="jilin-2026-steps"),
    _absent("2006_national.txt", "gdp", "growth", 57.3, "%", "2005年与2000年相比…增长57.3%: five years",
            id="2006-five-year-change-with-base-year"),
    _absent("2026_guizhou.txt", "gdp", "level", 2, "万亿元", "突破2万亿元、达到23562亿元: the milestone",
            id="guizhou-2026-milestone"),
    _absent("2025_neimenggu.docx", "tourists", "level", 3, "亿人次", "我区每年接待游客近3亿人次: a habit",
            id="neimenggu-2025-every-year", qualifier="about"),  # not 力争游客数量突破3亿人次, a target
    _absent("2025_guizhou.docx", "air_quality_rate", "level", 99.1, "%", "中心城市…平均优良天数比率",
            id="guizhou-2025-city-average"),
    _absent("2025_hunan.docx", "gdp", "growth", 0.4, "个百分点", "高于全省经济增速0.4个百分点: a comparison",
            id="hunan-2025-faster-than-gdp"),
    _absent("2026_heilongjiang.txt", "grain_output", "level", 1000, "万吨",
            "千万吨粮食增产计划: the name of a programme to raise output, not the output",
            id="heilongjiang-2026-grain-increase-programme"),
    _absent("2026_shandong.txt", "budget_revenue", "level", 3.7, "万亿元",
            "一般公共预算收入累计完成3.7万亿元: a sum over the five years of the plan",
            id="shandong-2026-five-year-sum-of-revenue"),
    _absent("2026_hunan.txt", "budget_revenue", "level", 1.6, "万亿元",
            "地方一般公共预算收入累计超1.6万亿元: a sum over the five years of the plan",
            id="hunan-2026-five-year-sum-of-revenue"),
    _absent("2026_yunnan.txt", "gdp", "level", 3, "万亿元",
            "地区生产总值突破3万亿元: a milestone of the 32765亿元 the report states exactly",
            id="yunnan-2026-milestone-beside-exact-level"),
    _absent("2026_hainan.txt", "unemployment_rate", "level", 5.5, "%",
            "城镇调查失业率控制在5.5%以内 (five-year review) beside the year's 5.2%",
            id="hainan-2026-bound-beside-exact-rate", period="actual"),
    _absent("2026_liaoning.txt", "tourism_revenue", "growth", 700, "%",
            "在线旅游收入增长近7倍: online tourism revenue, a part",
            id="liaoning-2026-online-tourism-revenue"),
    _absent("2026_jilin.txt", "grain_output", "level", 1000, "亿斤",
            "“千亿斤粮食”产能建设工程: a programme's name in quotes", id="jilin-2026-quoted-grain-programme",
            period="actual"),
    _absent("2025_hebei.docx", "tech_transactions", "growth", 34.8, "%",
            "吸纳京津技术合同成交额增长34.8%: contracts bought from Beijing and Tianjin only",
            id="hebei-2025-absorbed-contracts"),
    _absent("2026_beijing.txt", "tech_transactions", "level", 996, "亿元",
            "输出到津冀技术合同成交额996亿元: contracts sold to Tianjin and Hebei only",
            id="beijing-2026-contracts-sold-to-neighbours"),
    _absent("2025_shanghai.docx", "grain_area", "level", 2.7, "万亩",
            "新建2.7万亩粮食生产无人农场: the area of farms to be built, not the area sown",
            id="shanghai-2025-grain-farms-built"),
    _absent("2026_zhejiang.txt", "rd_spending", "growth", 15.6, "%",
            "省属企业创新导向更加突出，研发经费投入增长15.6%: the provincial enterprises' R&D",
            id="zhejiang-2026-provincial-enterprises-rd"),
    _absent("2026_gansu.txt", "rd_spending", "level", 133.5, "亿元",
            "省属企业完成产业类投资553.1亿元、研发投入133.5亿元: the provincial enterprises' R&D",
            id="gansu-2026-provincial-enterprises-rd"),
    _absent("2026_hainan.txt", "tourism_revenue", "level", 83.9, "亿元",
            "医疗旅游人次86.5万、收入83.9亿元: medical tourism's revenue, a part",
            id="hainan-2026-medical-tourism-revenue"),
    _absent("2026_gansu.txt", "tourists", "level", 17.52, "亿人次",
            "“十四五”时期工作回顾: 累计接待游客17.52亿人次, a sum over the five years",
            id="gansu-2026-five-year-sum-said-before-the-name"),
    _absent("2026_gansu.txt", "tourism_revenue", "level", 1.27, "万亿元",
            "累计接待游客17.52亿人次、旅游花费1.27万亿元: the five years' spending, summed",
            id="gansu-2026-five-year-sum-of-tourism-spending"),
    _absent("2026_hainan.txt", "foreign_trade", "growth", 22.1, "%",
            "服务进出口总额增长22.1%: the trade in services, a part", id="hainan-2026-services-trade"),
    _absent("2026_sichuan.txt", "gdp", "level", 9, "万亿元",
            "成渝地区双城经济圈建设走深走实，经济总量超9万亿元: the Chengdu-Chongqing circle's",
            id="sichuan-2026-city-circle-opens-the-sentence"),
    _absent("2025_xinjiang.docx", "air_quality_rate", "level", 90, "%",
            "天山北坡城市群空气质量明显改善，空气质量优良天数比例达90%: the city cluster's",
            id="xinjiang-2025-city-cluster-opens-the-sentence"),
    _absent("2025_jilin.docx", "air_quality_days", "growth", 92.9, "%",
            "空气质量优良天数92.9％: the good-air-days rate, not a growth of the count",
            id="jilin-2025-good-days-percentage-is-no-growth"),
    _absent("2026_shanghai.txt", "foreign_trade", "growth", 12.1, "%",
            "对东盟、共建“一带一路”国家进出口总额分别增长10.4%、12.1%: trade with some partners",
            id="shanghai-2026-trade-with-partner-countries"),
    _absent("2025_hubei.docx", "high_tech_firms", "growth", 27.7, "%",
            "高新技术企业、科技型中小企业贷款分别增长27.7％: the loans to the firms, not their number",
            id="hubei-2025-loans-to-firms-shared-tail"),
    _absent("2026_shaanxi.txt", "tourists", "level", 8, "亿人次",
            "“十四五”review: …，年接待游客超过8亿人次: a yearly habit, like a bare 每年",
            id="shaanxi-2026-yearly-clause-before-name"),
    _absent("2026_hebei.txt", "air_quality_rate", "level", 80, "%",
            "京津冀区域优良天数比率接近80%: the Beijing-Tianjin-Hebei area's rate, not Hebei's",
            id="hebei-2026-wider-area-rate"),
    _absent("2025_hunan.docx", "investment_attracted", "level", 6000, "亿元",
            "湘商回归新注册企业达到1670家、到位资金突破6000亿元: one programme's funds, not all "
            "funds attracted",
            id="hunan-2025-returning-merchants-funds"),
]

# Cases found by annotating reports by hand (independently of the extractor) and scoring.
BUGS_CAUGHT = [
    _case("2010_national.txt", "urban_income", "actual", 2009, "growth", 9.8, "%", None,
          "实际增长９．８％", id="2010-list-beside-net-income"),
    _case("2005_national.txt", "grain_output", "actual", 2004, "growth", 3877, "万吨", None, "增产3877万吨",
          id="2005-grain-zengchan"),
    _case("2024_national.txt", "unemployment_rate", "actual", 2023, "level", 5.2, "%", None,
          "城镇调查失业率平均为5.2%", id="2024-unemployment-average-of-year"),
    _case("2015_national.txt", "deficit_ratio", "target", 2015, "level", 2.3, "%", None,
          "赤字率从去年的2.1%提高到2.3%", id="2015-deficit-from-last-year"),
    _case("2026_guizhou.txt", "gdp", "actual", 2025, "level", 23562, "亿元", None, "达到23562亿元",
          id="guizhou-2026-exact-after-milestone"),
    _case("2026_zhejiang.txt", "grain_output", "actual", 2025, "level", 132.4, "亿斤", None,
          "总产量132.4亿斤", id="zhejiang-2026-grain-ellipsis"),
    _case("2026_zhejiang.txt", "tourists", "actual", 2025, "growth", 9.2, "%", None,
          "全域旅游人数、旅游综合收入分别增长9.2%", id="zhejiang-2026-whole-region-tourism"),
    _case("2026_zhejiang.txt", "rd_intensity", "target", 2030, "level", 3.5, "%", "at_least",
          "全社会研发投入强度达到3.5%以上", id="zhejiang-2026-fifteenth-plan-goal"),
    _case("2021_national.txt", "unemployment_rate", "target", 2025, "level", 5.5, "%", "at_most",
          "城镇调查失业率控制在5.5%以内", id="2021-fourteenth-plan-goal"),
    _case("2026_hubei.txt", "gdp", "actual", 2025, "level", 62661, "亿元", None, "达到62661亿元",
          id="hubei-2026-exact-after-step"),
    _case("2025_guangdong.docx", "gdp", "actual", 2024, "level", 14, "万亿元", "at_least",
          "地区生产总值迈上14万亿元", id="guangdong-2025-step-is-at-least"),
    _case("2025_sichuan.docx", "high_tech_firms", "actual", 2024, "growth", 1200, "家", None,
          "国家高新技术企业1200家", id="sichuan-2025-increase-before-total"),
    _case("2025_sichuan.docx", "high_tech_firms", "actual", 2024, "level", 1.8, "万家", None,
          "总量达到1.8万家", id="sichuan-2025-total"),
    _case("2012_national.txt", "budget_revenue", "actual", 2011, "level", 10.37, "万亿元", None,
          "公共财政收入10．37万亿元", id="2012-public-finance-revenue"),
    _case("2025_beijing.docx", "foreign_trade", "actual", 2024, "level", 3.6, "万亿元", "at_least",
          "北京地区进出口总额超3.6万亿元", id="beijing-2025-own-name-area"),
    _case("2026_guizhou.txt", "tourism_revenue", "target", 2026, "growth", 8, "%", "at_least",
          "旅游总花费均增长8%以上", id="guizhou-2026-tourism-spending"),
    _case("2026_heilongjiang.txt", "tourism_revenue", "actual", 2025, "growth", 16.5, "%", None,
          "接待游客数量和游客总花费分别增长10.3%、16.5%", id="heilongjiang-2026-tourist-spending"),
    _case("2026_heilongjiang.txt", "tourists", "actual", 2025, "growth", 10.3, "%", None,
          "接待游客数量和游客总花费分别增长10.3%", id="heilongjiang-2026-tourist-number"),
    _case("2026_xizang.txt", "air_quality_rate", "actual", 2025, "level", 99, "%", "at_least",
          "环境空气质量优良天数比例保持99%以上", id="xizang-2026-environment-air-rate-not-days"),
    _case("2025_yunnan.docx", "air_quality_rate", "actual", 2024, "level", 99.1, "%", None,
          "城市空气质量优良天数比率达99.1%", id="yunnan-2025-city-air-rate-is-the-headline"),
    _case("2025_yunnan.docx", "high_tech_firms", "actual", 2024, "growth", 600, "户", None,
          "高新技术企业净增600户", id="yunnan-2025-net-increase"),
    _case("2025_yunnan.docx", "tech_transactions", "actual", 2024, "growth", 25.2, "%", None,
          "成交额分别增长21.4%、25.2%", id="yunnan-2025-contract-turnover-ellipsis"),
    _case("2026_jiangsu.txt", "rural_income", "actual", 2025, "growth", 5.3, "%", None,
          "分别达6.9万元、3.4万元，增长4.2%、5.3%", id="jiangsu-2026-second-list-of-figures"),
    _case("2026_xinjiang.txt", "tourists", "actual", 2025, "growth", 8, "%", None,
          "接待游客3.23亿人次、游客花费3700亿元，分别增长8%", id="xinjiang-2026-fenbie-after-figure-list"),
    _case("2026_jiangsu.txt", "gdp", "actual", 2025, "level", 14.2, "万亿元", None,
          "连续迈上4个万亿元台阶、达14.2万亿元", id="jiangsu-2026-figure-after-steps"),
    _case("2026_jilin.txt", "gdp", "actual", 2025, "level", 1.5, "万亿元", None,
          "跨越3个千亿元台阶，达到1.5万亿元", id="jilin-2026-figure-after-steps"),
    _case("2026_xizang.txt", "rural_income", "actual", 2021, "level", 16935, "元", None,
          "从2021年的46503元和16935元", id="xizang-2026-dated-start-of-change"),
    _case("2026_hebei.txt", "gdp", "actual", 2020, "level", 3.68, "万亿元", None,
          "全省生产总值从2020年的3.68万亿元", id="hebei-2026-dated-start-of-change"),
    _case("2026_guizhou.txt", "gdp", "target", 2030, "level", 3, "万亿元", "at_least",
          "地区生产总值年均增长5%左右、迈上3万亿元", id="guizhou-2026-level-after-yearly-average"),
    _case("2026_hunan.txt", "tourism_revenue", "actual", 2025, "growth", 9, "%", None,
          "游客人数和总花费分别增长10.6%、9%", id="hunan-2026-tourist-spending-ellipsis"),
    _case("2025_jilin.docx", "tourists", "target", 2025, "growth", 20, "%", "at_least",
          "接待游客人次、出游总花费增速均达到20％以上", id="jilin-2025-trip-spending-in-list"),
    _case("2025_xizang.docx", "tourists", "actual", 2024, "growth", 16, "%", None,
          "旅游接待人次和总花费分别增长16%", id="xizang-2025-tourism-reception"),
    _case("2017_national.txt", "rd_intensity", "actual", 2016, "level", 2.08, "%", None,
          "研发经费支出与国内生产总值之比达到2.08%", id="2017-rd-spending-to-gdp-ratio"),
    _case("2025_shanghai.docx", "rd_intensity", "target", 2025, "level", 4.5, "%", "about",
          "相当于全市生产总值的比例达到4.5%左右", id="shanghai-2025-rd-spending-as-share-of-gdp"),
    _case("2026_fujian.txt", "tourists", "actual", 2025, "growth", 10.6, "%", None,
          "接待旅游总人数、游客旅游总花费分别增长10.6%", id="fujian-2026-total-tourist-number"),
    _case("2026_guangdong.txt", "unemployment_rate", "actual", 2025, "level", 5.0, "%", None,
          "城镇调查失业率平均值为5.0%", id="guangdong-2026-unemployment-mean-of-year"),
    _case("2026_guangdong.txt", "grain_output", "target", 2026, "level", 1285, "万吨", "at_least",
          "粮食播种面积3320万亩、产量1285万吨以上", id="guangdong-2026-grain-output-ellipsis"),
    _case("2026_guangdong.txt", "industry_va", "actual", 2025, "growth", 3, "%", None,
          "规模以上工业企业达7.6万家、增加值增长3%", id="guangdong-2026-value-added-ellipsis"),
    _case("2009_national.txt", "deficit_ratio", "target", 2009, "level", 3, "%", "at_most",
          "全国财政赤字合计９５００亿元，占国内生产总值比重在３％以内", id="2009-deficit-share-of-gdp"),
    _case("2013_national.txt", "deficit_ratio", "actual", 2012, "level", 1.5, "%", "about",
          "降到去年的1.5%左右", id="2013-deficit-share-of-gdp-last-year"),
    _case("2015_national.txt", "deficit_ratio", "actual", 2014, "level", 2.1, "%", None,
          "赤字率从去年的2.1%", id="2015-deficit-start-is-last-years-outcome"),
    _case("2021_national.txt", "gdp", "actual", 2020, "level", 100, "万亿元", "at_least",
          "国内生产总值从不到70万亿元增加到超过100万亿元", id="2021-plan-section-looks-back-first"),
    _case("2026_guangxi.txt", "industry_va", "actual", 2025, "level", 8, "千亿元", "at_least",
          "全部工业增加值超8千亿元", id="guangxi-2026-plan-section-looks-back-first"),
    _case("2026_neimenggu.txt", "foreign_trade", "actual", 2025, "level", 2206, "亿元", None,
          "进出口总值翻番达到2206亿元", id="neimenggu-2026-level-reached-by-doubling"),
    _case("2026_hunan.txt", "high_tech_firms", "actual", 2025, "level", 1.8, "万家", None,
          "高新技术企业数量实现翻番、达1.8万家", id="hunan-2026-count-reached-by-doubling"),
    _case("2026_neimenggu.txt", "budget_revenue", "actual", 2025, "level", 3000, "亿元", "at_least",
          "一般公共预算收入增加近1000亿元，稳步达到3000亿元以上", id="neimenggu-2026-steadily-reaching"),
    _case("2026_chongqing.txt", "foreign_trade", "actual", 2025, "growth", 12, "%", None,
          "外贸进出口在对美贸易下降超3成的情况下增长12%", id="chongqing-2026-aside-before-figure"),
    _case("2006_national.txt", "grain_output", "actual", 2005, "level", 48401, "万吨", None,
          "粮食总产量在上年大幅度增长的基础上，又增产1454万吨，达到48401万吨",
          id="2006-aside-then-comma-before-figure"),
    _case("2026_hunan.txt", "gdp", "actual", 2025, "growth", 4.8, "%", None,
          "地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%", id="hunan-2026-rank-clause-passed-over"),
    _case("2025_hubei.docx", "gdp", "actual", 2024, "level", 60013, "亿元", None,
          "地区生产总值增长5.8％、增速全国第3，总量达到60013亿元", id="hubei-2025-growth-rank-passed"),
    _case("2008_national.txt", "grain_output", "actual", 2007, "level", 50150, "万吨", None,
          "产量达到50150万吨", id="2008-short-name-after-its-year"),
    _case("2008_national.txt", "rd_spending", "actual", 2007, "level", 3664, "亿元", None,
          "研究与实验发展经费，从2002年1288亿元增加到2007年的3664亿元", id="2008-name-before-comma-is-topic"),
    _case("2026_yunnan.txt", "grain_output", "actual", 2025, "level", 2000, "万吨", "at_least",
          "产量首次突破2000万吨", id="yunnan-2026-short-name-after-period-word"),
    _case("2008_national.txt", "rd_intensity", "actual", 2007, "level", 1.49, "%", None,
          "占国内生产总值比重从1.07%提高到1.49%", id="2008-share-of-gdp-after-rd-spending"),
    _case("2007_national.txt", "energy_intensity", "actual", 2006, "growth", -1.2, "%", None,
          "由前三年分别上升4.9％、5.5％、0.2％，转为下降1.2%", id="2007-change-that-turns"),
    _case("2026_heilongjiang.txt", "grain_output", "actual", 2025, "growth", 39.7, "亿斤", None,
          "连续16年位居全国首位，增量39.7亿斤", id="heilongjiang-2026-streak-rank-then-increment"),
    _case("2025_shandong.docx", "tourism_revenue", "actual", 2024, "level", 10000, "亿元", "at_least",
          "旅游收入破万亿", id="shandong-2025-bare-trillion-is-money"),
    _case("2025_jiangsu.docx", "budget_revenue", "actual", 2024, "level", 10000, "亿元", "at_least",
          "一般公共预算收入再次达到万亿级规模", id="jiangsu-2025-trillion-scale-is-at-least"),
    _case("2026_chongqing.txt", "air_quality_days", "actual", 2025, "level", 325, "天", "at_least",
          "空气质量优良天数连续6年稳定在325天以上", id="chongqing-2026-streak-holds-last-year"),
    _case("2025_hubei.docx", "new_urban_jobs", "actual", 2024, "level", 90, "万人", "at_least",
          "城镇新增就业连续4年超过90万人", id="hubei-2025-streak-count-not-a-multi-year-blocker"),
    _case("2025_sichuan.docx", "foreign_trade", "actual", 2024, "level", 10000, "亿元", "at_least",
          "进出口总额增长9.4%、重回万亿元", id="sichuan-2025-back-above-a-milestone"),
    _case("2018_national.txt", "disposable_income", "actual", 2017, "growth", 7.3, "%", None,
          "居民收入增长7.3%", id="2018-residents-income-short-name"),
    _case("2026_ningxia.txt", "rural_income", "actual", 2025, "growth", 5.9, "%", None,
          "城镇、农村居民收入分别增长4.8%、5.9%", id="ningxia-2026-urban-rural-income-short-names"),
    _case("2026_gansu.txt", "budget_revenue", "target", 2026, "growth", 5.5, "%", "about",
          "一般公共预算收入同口径增长5.5%左右", id="gansu-2026-like-for-like-growth"),
    _case("2026_shanxi.txt", "cpi", "target", 2026, "growth", 2, "%", "about",
          "居民消费价格总水平上涨幅度控制在2%左右", id="shanxi-2026-cpi-rise-extent"),
    _case("2026_qinghai.txt", "gdp", "actual", 2025, "level", 4000, "亿元", "at_least",
          "地区生产总值历史性迈上4000亿元", id="qinghai-2026-historic-step"),
    _case("2025_hubei.docx", "tourists", "actual", 2024, "growth", 12.8, "%", None,
          "接待游客数增长12.8％", id="hubei-2025-number-of-tourists"),
    _case("2026_sichuan.txt", "air_quality_rate", "actual", 2025, "level", 90, "%", "about",
          "空气优良天数率稳定在90%左右", id="sichuan-2026-good-air-days-rate"),
    _case("2026_shaanxi.txt", "gdp", "actual", 2025, "level", 3, "万亿元", "at_least",
          "地区生产总值跨过3万亿元", id="shaanxi-2026-crossed-a-milestone"),
    _case("2025_jiangsu.docx", "tourists", "actual", 2024, "growth", 15.8, "%", None,
          "接待境内外游客超10.9亿人次，旅游总收入超1.3万亿元，分别增长15.8%",
          id="jiangsu-2025-visitors-from-home-and-abroad"),
    _case("2026_anhui.txt", "tourists", "actual", 2025, "growth", 6.9, "%", None,
          "国内游客、入境游客数量分别增长6.9%", id="anhui-2026-domestic-tourists-listed-before-inbound"),
    _case("2025_chongqing.docx", "tourism_revenue", "actual", 2024, "growth", 16.7, "%", None,
          "国内游客总花费增长16.7%", id="chongqing-2025-domestic-tourist-spending-not-count"),
    _case("2025_zhejiang.docx", "grain_output", "target", 2025, "level", 125, "亿斤", None,
          "总产125亿斤", id="zhejiang-2025-short-total-output-after-grain"),
    _case("2025_hubei.docx", "grain_output", "actual", 2024, "level", 557, "亿斤", None,
          "总产达到557亿斤", id="hubei-2025-short-total-output-next-clause"),
    _case("2016_national.txt", "gdp", "target", 2020, "level", 90, "万亿元", "at_least",
          "届时，我国经济总量超过90万亿元", id="2016-our-country-before-scoped-name"),
    _case("2025_heilongjiang.docx", "grain_output", "actual", 2024, "level", 1600, "亿斤", "at_least",
          "粮食总产量再上新台阶，突破1600亿斤大关", id="heilongjiang-2025-new-step-then-figure"),
    _case("2025_qinghai.docx", "tourism_revenue", "actual", 2024, "growth", 20, "%", None,
          "旅游人数和收入均增长20%", id="qinghai-2025-revenue-joined-to-visitor-count"),
    _case("2025_qinghai.docx", "grain_output", "actual", 2024, "level", 118.3, "万吨", None,
          "粮食、油料、蔬菜产量分别达118.3万吨", id="qinghai-2025-grain-first-of-a-shared-head-list"),
    _case("2025_qinghai.docx", "grain_area", "target", 2025, "level", 445, "万亩", None,
          "粮食、油料作物种植面积分别保持在445万亩", id="qinghai-2025-grain-area-shared-head"),
    _case("2026_xizang.txt", "grain_output", "target", 2026, "level", 100, "万吨", "at_least",
          "粮食、肉蛋奶、蔬菜产量均稳定在百万吨以上", id="xizang-2026-grain-shared-head-jun"),
    _case("2025_ningxia.docx", "tourism_revenue", "actual", 2024, "growth", 11, "%", None,
          "游客人次、旅游花费分别增长14%、11%", id="ningxia-2025-tourism-spending"),
    _case("2025_xinjiang.docx", "grain_output", "actual", 2024, "growth", 42.2, "亿斤", None,
          "粮食增产42.2亿斤", id="xinjiang-2025-grain-right-before-its-verb"),
    _case("2026_liaoning.txt", "grain_output", "target", 2030, "level", 526, "亿斤", "about",
          "粮食综合生产能力526亿斤左右", id="liaoning-2026-draft-plan-paragraph-under-mixed-heading"),
    _case("2026_qinghai.txt", "tourism_revenue", "actual", 2025, "growth", 20, "%", "at_least",
          "旅游人次和花费增长均超20%", id="qinghai-2026-spending-joined-to-visitor-count"),
    _case("2026_beijing.txt", "rd_intensity", "target", 2030, "level", 6, "%", "at_least",
          "全社会研发投入占比6%以上", id="beijing-2026-society-wide-rd-share"),
    _case("2026_shanghai.txt", "tourists", "actual", 2025, "growth", 6.7, "%", None,
          "接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%",
          id="shanghai-2026-inbound-visitors-hold-a-slot"),
    _case("2025_xinjiang.docx", "air_quality_rate", "target", 2025, "level", 75.5, "%", "at_least",
          "全区优良天数比例达到75.5%以上", id="xinjiang-2025-own-scope-after-city-cluster"),
    _case("2025_jilin.docx", "air_quality_rate", "actual", 2024, "level", 92.9, "%", None,
          "空气质量优良天数92.9％", id="jilin-2025-good-days-as-a-percentage"),
    _case("2025_jilin.docx", "rd_spending", "target", 2025, "growth", 10, "%", "about",
          "R＆D经费投入增长10％左右", id="jilin-2025-r-and-d-spending"),
    _case("2025_jilin.docx", "tourists", "actual", 2024, "growth", 20, "%", "at_least",
          "接待国内游客人次、出游总花费均增长20％以上", id="jilin-2025-domestic-visitor-trips"),
    _case("2025_hainan.docx", "rd_intensity", "actual", 2024, "level", 1.4, "%", None,
          "投入强度提升至1.4%", id="hainan-2025-intensity-after-rd-spending"),
    _case("2025_jiangxi.docx", "rd_intensity", "target", 2025, "level", 2, "%", "at_least",
          "R&D经费支出占GDP比重突破2%", id="jiangxi-2025-rd-share-of-gdp"),
    _case("2025_hainan.docx", "foreign_trade", "actual", 2024, "growth", 20, "%", None,
          "货物贸易增长20%", id="hainan-2025-goods-trade"),
    _case("2025_neimenggu.docx", "tourism_revenue", "actual", 2024, "growth", 23.4, "%", None,
          "接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%",
          id="neimenggu-2025-revenue-after-visitors"),
    _case("2026_jiangsu.txt", "industry_va", "actual", 2025, "growth", 6.5, "%", None,
          "规上工业增加值、规上服务业营收分别增长6.5%", id="jiangsu-2026-own-head-before-revenue-item"),
    _case("2026_guangxi.txt", "unemployment_rate", "actual", 2025, "level", 5.3, "%", None,
          "城镇调查失业率从上半年5.5%降到5.3%", id="guangxi-2026-change-from-half-year"),
    _case("2026_hainan.txt", "cpi", "actual", 2025, "growth", -0.1, "%", None, "CPI微降0.1%",
          id="hainan-2026-slight-fall"),
    _case("2025_hunan.docx", "tourism_revenue", "actual", 2024, "level", 10000, "亿元", "at_least",
          "旅游业总收入迈上万亿", id="hunan-2025-bare-trillion-before-step"),
    _case("2026_jiangxi.txt", "tech_transactions", "actual", 2025, "growth", 19.5, "%", None,
          "登记技术合同成交额增长19.5%", id="jiangxi-2026-registered-tech-contracts"),
]


@pytest.mark.parametrize(("path", "indicator", "measure", "value", "unit", "period", "qualifier", "why"),
                         NOT_FACTS)
def test_not_a_fact(path, indicator, measure, value, unit, period, qualifier, why):
    wrong = [f for f in _report(path).facts
             if (f.indicator, f.measure, f.unit) == (indicator, measure, unit) and abs(f.value - value) < 1e-6
             and (period is None or f.period == period) and (qualifier is None or f.qualifier == qualifier)]
    assert not wrong, f"{path.name}: {why}: {[_report(path).text[f.start:f.end] for f in wrong]}"


def test_2020_states_no_gdp_target():
    """2020 set no growth target (the epidemic): no gdp target may appear."""
    facts = _report(RAW / "2020_national.txt").facts
    assert not [f for f in facts if f.indicator == "gdp" and f.period == "target"]


def test_development_reports_pass_the_scorer_gate(tmp_path):
    """The dev set scores F1 ≥ 0.95 with the shared scorer (it scores 1.000 today)."""
    for path in sorted(SEEDS.glob("*.txt")):
        report = _report(path)
        facts = [f.to_dict(report.text) for f in report.facts]
        (tmp_path / f"{path.name}.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(tmp_path),
                           "--min-f1", "0.95"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "F1 1.000" in done.stdout, done.stdout


def test_a_part_named_before_its_verb_is_still_a_part():
    """跨境电商实现进出口额23.8亿元 (Ürümqi) is cross-border e-commerce's trade, not the city's."""
    report = _report(URUMQI)
    assert not [f for f in report.facts if f.indicator == "foreign_trade" and f.value == 23.8]


@pytest.mark.parametrize(("path", "indicator", "period", "year", "measure", "value", "unit", "qualifier",
                          "snippet", "value_high"), BUGS_CAUGHT)
def test_bug_caught_stays_fixed(path, indicator, period, year, measure, value, unit, qualifier, snippet,
                                value_high):
    test_fact_is_extracted(path, indicator, period, year, measure, value, unit, qualifier, snippet,
                           value_high)


def test_a_group_surveyed_unemployment_rate_is_not_the_town_rate():
    """调查失业率 alone is the town rate (城镇 shared from the list before it);
    青年调查失业率 is a group's."""
    r = parse("各位代表：\n一、2025年工作回顾\n城镇新增就业50万人，青年调查失业率16.5%，调查失业率5.1%。\n")
    assert [f.value for f in r.facts if f.indicator == "unemployment_rate"] == [5.1]


@pytest.mark.parametrize("clause", ["地区生产总值突破万亿大关", "地区生产总值站上万亿关口",
                                    "地区生产总值跨越万亿门槛"])
def test_a_bare_trillion_before_a_milestone_word_is_money(clause):
    """突破万亿大关 (no 元) is a level of at least 1万亿元, like 破万亿， and 迈上万亿新台阶."""
    r = parse(f"各位代表：\n一、2025年工作回顾\n全省{clause}，居全国前列。\n")
    assert [(f.indicator, f.value, f.unit, f.qualifier) for f in r.facts] == \
        [("gdp", 10000.0, "亿元", "at_least")]


@pytest.mark.parametrize("clause", ["技术合同认定登记成交额达到1200亿元", "技术合同登记成交额达到1200亿元",
                                    "技术市场成交额达到1200亿元"])
def test_registered_tech_contract_value_is_tech_transactions(clause):
    """The official names of the technology-contract turnover are tech_transactions too."""
    r = parse(f"各位代表：\n一、2025年工作回顾\n全省{clause}，居全国前列。\n")
    assert [(f.indicator, f.value, f.unit) for f in r.facts] == [("tech_transactions", 1200.0, "亿元")]


@pytest.mark.parametrize("clause", ["一般公共预算收入3123亿元，同口径增长3.1%",
                                    "一般公共预算收入3123亿元，可比口径增长3.1%",
                                    "一般公共预算收入3123亿元，自然口径增长3.1%"])
def test_a_like_for_like_growth_after_a_comma_is_the_names(clause):
    """同口径/可比口径增长 after a comma continues the name before it; a second, like-for-like growth
    beside the first is not taken (增长1.7%，同口径增长2.5%: the first one stands)."""
    r = parse(f"各位代表：\n一、2025年工作回顾\n全省{clause}。\n")
    assert [(f.indicator, f.measure, f.value) for f in r.facts] == \
        [("budget_revenue", "level", 3123.0), ("budget_revenue", "growth", 3.1)]
    r = parse("各位代表：\n一、2025年工作回顾\n全省一般公共预算收入增长1.7%，同口径增长2.5%。\n")
    assert [(f.indicator, f.measure, f.value) for f in r.facts] == [("budget_revenue", "growth", 1.7)]


def test_a_rate_averaged_over_the_year_is_its_level():
    """城镇调查失业率平均5.2% is the year's rate, as 平均为5.2% is; 平均增长 is still an average."""
    r = parse("各位代表：\n一、2025年工作回顾\n"
              "城镇新增就业60万人，城镇调查失业率平均5.2%，地区生产总值平均增长6%。\n")
    assert [(f.indicator, f.value) for f in r.facts] == [("new_urban_jobs", 60.0), ("unemployment_rate", 5.2)]


def test_a_sown_area_after_the_grain_output_is_the_grains():
    """粮食总产量…，播种面积稳定在7100万亩以上: the short name after 粮食 is the grain's sown area;
    油料播种面积 (another crop's) is not."""
    r = parse("各位代表：\n二、2025年工作安排\n今年经济社会发展的主要预期目标是："
              "粮食总产量稳定在700亿斤以上，播种面积稳定在7100万亩以上，油料种植面积300万亩。\n")
    assert [(f.indicator, f.value, f.qualifier) for f in r.facts] == \
        [("grain_output", 700.0, "at_least"), ("grain_area", 7100.0, "at_least")]


def test_a_growth_in_another_currency_after_a_comma_is_the_names():
    """进出口总额3.6万亿美元，以人民币计价增长5%: the growth reckoned in yuan is the trade's."""
    r = parse("各位代表：\n一、2025年工作回顾\n进出口总额3.6万亿美元，以人民币计价增长5%。\n")
    assert [(f.indicator, f.measure, f.value) for f in r.facts] == \
        [("foreign_trade", "level", 3.6), ("foreign_trade", "growth", 5.0)]
