"""Commitments of the plan part: tables of real cases from the corpus, grouped by where they
came from, and the gold-score gate on the development reports."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache

import pytest

from govreport.extract.commitments import extract_commitments, lexicon
from govreport.model import Report
from govreport.pipeline import parse_file
from tests.helpers import GOLD, RAW, ROOT, SCORER, SEEDS, URUMQI, YINING


@cache
def _parsed(path: str) -> Report:
    return parse_file(path)


def _find(report: Report, evidence_part: str, value: float) -> list:
    return [c for c in report.commitments
            if evidence_part in report.text[c.start:c.end] and c.value == value]


# (report, text inside the evidence, value, unit, subject, action, qualifier, heading on the path)
DEVELOPMENT = [
    pytest.param(YINING, "新建高标准农田3.7万亩", 3.7, "万亩",
                 "高标准农田", "新建", None, "（一）聚焦乡村振兴",
                 id="yining-farmland"),
    pytest.param(YINING, "牲畜出栏达27.4万头（只）", 27.4, "万头（只）",
                 "牲畜出栏", "达", None, "（一）聚焦乡村振兴",
                 id="yining-livestock-level-verb"),
    pytest.param(YINING, "开工建设保障性住房1000套", 1000, "套",
                 "保障性住房", "开工建设", None, "四、坚决打好城市建设",
                 id="yining-housing"),
    pytest.param(YINING, "公共租赁住房576套", 576, "套",
                 "公共租赁住房", "开工建设", None, "四、坚决打好城市建设",
                 id="yining-comma-list-inherits-verb"),
    pytest.param(YINING, "科技型中小企业分别达到50家以上", 50, "家",
                 "科技型中小企业", "分别达到", "at_least", "（二）聚焦工业强市",
                 id="yining-fenbie-item-beside-a-fact"),
    pytest.param(YINING, "义务教育巩固率达到99%以上", 99, "%",
                 "义务教育巩固率", "达到", "at_least", "五、坚决打好民生福祉",
                 id="yining-rate"),
    pytest.param(YINING, "开复工500万元以上项目218个", 218, "个",
                 "500万元以上项目", "开复工", None, "（四）聚焦项目攻坚",
                 id="yining-size-class-in-subject"),
    pytest.param(URUMQI, "创建14个城市一刻钟便民生活圈示范点", 14, "个",
                 "城市一刻钟便民生活圈示范点", "创建", None,
                 "三、着力推动经济高质量发展", id="urumqi-classifier-before-noun"),
    pytest.param(URUMQI, "创排交响音乐会不少于6部", 6, "部",
                 "交响音乐会", "创排", "at_least", "六、持续增进民生福祉",
                 id="urumqi-not-less-than"),
    pytest.param(URUMQI, "新建和提升农村卫生户厕4600座", 4600, "座", "农村卫生户厕", "新建和提升", None,
                 "三、着力推动经济高质量发展", id="urumqi-joined-verbs"),
    pytest.param(URUMQI, "12个年度计划总投资38亿元的新材料项目", 12, "个", "新材料项目", "抓好", None,
                 "三、着力推动经济高质量发展", id="urumqi-project-group-inherits-verb"),
    pytest.param(URUMQI, "抓好3万亩高标准农田建设", 3, "万亩", "高标准农田", "抓好", None,
                 "三、着力推动经济高质量发展", id="urumqi-figure-before-noun"),
]


# The same, from reports outside the development set (each row shows one rule)
SHANDONG_2026 = RAW / "2026_shandong.txt"
HENAN_2025 = RAW / "2025_henan.docx"
HAINAN_2026 = RAW / "2026_hainan.txt"
OTHER_REPORTS = [
    pytest.param(SHANDONG_2026, "投资2000万元以上的技改项目3000个", 3000, "个",
                 "投资2000万元以上的技改项目", "实施", None, "（二）奋力推进因地制宜发展新质生产力",
                 id="shandong-size-class-with-de-in-subject"),
    pytest.param(HENAN_2025, "整车产量200万辆", 200, "万辆", "整车产量", "力争", None,
                 "（三）更大力度推动现代化产业体系建设", id="henan-goal-word-without-verb"),
    pytest.param(HENAN_2025, "新能源汽车140万辆", 140, "万辆", "新能源汽车", "力争", None,
                 "（三）更大力度推动现代化产业体系建设", id="henan-goal-word-list-item"),
    pytest.param(HAINAN_2026, "新获批1所境外高校独立办学机构", 1, "所", "境外高校独立办学机构", "新获批",
                 None, "（四）聚力激发教育科技人才活力", id="hainan-approved-as-action"),
    pytest.param(HAINAN_2026, "新筹建1个独立办学项目", 1, "个", "独立办学项目", "新筹建", None,
                 "（四）聚力激发教育科技人才活力", id="hainan-item-after-counted-noun-has-own-verb"),
    pytest.param(RAW / "2026_neimenggu.txt", "新建90家绿色工厂", 90, "家", "绿色工厂", "新建", None,
                 "（一）立足壮大实体经济", id="neimenggu-item-after-counted-noun-has-own-verb"),
    pytest.param(RAW / "2025_guizhou.docx", "新增床位470张", 470, "张", "床位", "新增", None,
                 "（九）持续保障和改善民生", id="guizhou-item-after-counted-noun-has-own-verb"),
    pytest.param(RAW / "2025_yunnan.docx", "30个边境旅游示范村", 30, "个", "边境旅游示范村", "建成", None,
                 "（六）弘扬民族团结誓词碑光荣传统", id="yunnan-verb-inside-counted-noun-not-inherited"),
    pytest.param(SHANDONG_2026, "提速庆云至章丘等23个续建项目", 23, "个", "续建项目", "提速", None,
                 "（一）奋力推进全方位扩大内需", id="shandong-speed-up-as-action"),
    pytest.param(SHANDONG_2026, "组织企业参加境外展洽活动500场以上", 500, "场", "企业参加境外展洽活动",
                 "组织", "at_least", "（四）奋力推进高水平对外开放", id="shandong-organise-as-action"),
    pytest.param(SHANDONG_2026, "新集聚青年人才100万人左右", 100, "万人", "青年人才", "新集聚", "about",
                 "（二）奋力推进因地制宜发展新质生产力", id="shandong-gather-as-action"),
    pytest.param(RAW / "2026_jiangsu.txt", "投资额分别达2400亿元", 2400, "亿元",
                 "交通、水利、能源领域投资额", "达", None, "（一）不断巩固拓展经济稳中向好势头",
                 id="jiangsu-investment-level-not-attribute"),
    pytest.param(HENAN_2025, "重型载货车辆绿色替代率50%以上", 50, "%", "重型载货车辆绿色替代率", "",
                 "at_least", "（六）更大力度推动全面绿色转型", id="henan-bare-rate-target"),
    pytest.param(HENAN_2025, "郑州机场货邮吞吐量100万吨", 100, "万吨", "郑州机场货邮吞吐量", "", None,
                 "（七）更大力度推动深层次改革和高水平开放", id="henan-bare-throughput-target"),
    pytest.param(RAW / "2025_chongqing.docx", "加装农村公路安全护栏4000公里", 4000, "公里",
                 "农村公路安全护栏", "加装", None, "（八）聚力打造高品质生活宜居地",
                 id="chongqing-install-as-action"),
    pytest.param(RAW / "2025_hainan.docx", "推广新能源汽车10万辆以上", 10, "万辆", "新能源汽车", "推广",
                 "at_least", "（八）着力巩固生态文明建设成果", id="hainan-promote-as-action"),
    pytest.param(RAW / "2026_qinghai.txt", "扩充初高中学位1.4万个以上", 1.4, "万个", "初高中学位", "扩充",
                 "at_least", "（六）聚焦民心所系", id="qinghai-expand-as-action"),
    pytest.param(RAW / "2025_hunan.docx", "开展家庭教育指导服务和实践活动1万场", 1, "万场",
                 "家庭教育指导服务和实践活动", "开展", None, "（八）加大保障和改善民生力度",
                 id="hunan-online-offline-is-not-a-verb"),
    pytest.param(RAW / "2025_jilin.docx", "新增100万亩", 100, "万亩", "“水肥一体化”推广面积", "新增", None,
                 "（三）聚焦扛稳国家粮食安全重任", id="jilin-promoted-area-is-not-a-verb"),
    pytest.param(HENAN_2025, "工业设备投资增长10%", 10, "%", "工业设备投资", "增长", None,
                 "（一）更大力度推动全方位扩大内需", id="henan-rate-glued-to-next-sentence-is-no-attribute"),
    pytest.param(RAW / "2026_qinghai.txt", "再建500座农牧区便民桥", 500, "座", "农牧区便民桥", "再建", None,
                 "（五）聚焦协调发展", id="qinghai-build-more-as-action"),
    pytest.param(RAW / "2026_zhejiang.txt", "引育1000名乡村运营人才", 1000, "名", "乡村运营人才", "引育",
                 None, "就业创业方面", id="zhejiang-attract-and-train-as-action"),
    pytest.param(HAINAN_2026, "制定首批5项核心团体标准", 5, "项", "核心团体标准", "制定", None,
                 "（六）聚力推动城乡融合发展", id="hainan-draw-up-as-action"),
    pytest.param(HENAN_2025, "13个港航项目进度", 13, "个", "港航项目", "加快", None,
                 "（一）更大力度推动全方位扩大内需", id="henan-speed-up-lead-word-as-verb"),
    pytest.param(RAW / "2026_guangxi.txt", "筹措111.74亿元实施助农惠民工程", 111.74, "亿元",
                 "实施助农惠民工程", "筹措", None, "（十）全心全意办好民生",
                 id="guangxi-sum-put-to-a-task-is-no-attribute"),
    pytest.param(RAW / "2025_shanghai.docx", "淘汰落后产能400项", 400, "项", "落后产能", "淘汰", None,
                 "（七）聚力建设美丽上海", id="shanghai-count-after-capacity-is-no-attribute"),
    pytest.param(RAW / "2025_guizhou.docx", "2万名特殊困难老年人提供居家上门服务", 2, "万名",
                 "特殊困难老年人", "提供", None, "（九）持续保障和改善民生",
                 id="guizhou-count-of-those-served"),
    pytest.param(RAW / "2026_guangdong.txt", "53万名适龄妇女免费提供", 53, "万名", "适龄妇女", "提供",
                 "at_least", "七、提升基层医疗健康服务供给", id="guangdong-count-of-those-served-free"),
    pytest.param(RAW / "2025_yunnan.docx", "98家学生集体用餐配送单位开展现场评价", 98, "家",
                 "学生集体用餐配送单位", "开展", None, "五、实施校园食品安全放心工程",
                 id="yunnan-count-of-those-a-task-is-done-for"),
    pytest.param(RAW / "2026_guizhou.txt", "新入库规模以上工业企业400家以上", 400, "家", "规模以上工业企业",
                 "新入库", "at_least", "（三）持续优化营商环境", id="guizhou-enter-statistics-as-action"),
    pytest.param(RAW / "2025_liaoning.docx", "培育壮大工业单项冠军县5个", 5, "个", "工业单项冠军县",
                 "培育壮大", None, "（七）坚持协同联动", id="liaoning-cultivate-and-grow-is-one-verb"),
    pytest.param(RAW / "2025_yunnan.docx", "壮大19个省级先进制造业集群", 19, "个", "省级先进制造业集群",
                 "壮大", None, "（二）坚持把发展特色优势产业作为主攻方向", id="yunnan-grow-as-action"),
    pytest.param(RAW / "2025_yunnan.docx", "社会物流总费用与地区生产总值的比率降至15%左右", 15, "%",
                 "社会物流总费用与地区生产总值的比率", "降至", "about", "（五）着力增强内引外联开放功能",
                 id="yunnan-fall-to-level-verb"),
    pytest.param(RAW / "2025_ningxia.docx", "地级城市再生水利用率提高到50%", 50, "%", "地级城市再生水利用率",
                 "提高到", None, "（三）坚持以“一河三山”为基准线",
                 id="ningxia-level-verb-ending-in-to-leaves-the-subject"),
    pytest.param(RAW / "2025_shandong.docx", "新开外贸航线10条以上", 10, "条", "外贸航线", "新开", "at_least",
                 "（六）在发展壮大现代海洋经济上", id="shandong-open-new-as-action"),
    pytest.param(RAW / "2025_yunnan.docx", "9个人口20万以上的县建成特殊教育学校", 9, "个", "人口20万以上的县",
                 "建成", None, "（三）坚持推动教育科技人才良性循环",
                 id="yunnan-count-of-places-a-task-is-done-in"),
    pytest.param(RAW / "2025_shaanxi.docx", "工业投资4500亿元以上", 4500, "亿元", "工业投资", "", "at_least",
                 "（一）提振信心稳定预期", id="shaanxi-bare-investment-target"),
    pytest.param(RAW / "2025_ningxia.docx", "实现100%清洁取暖", 100, "%", "清洁取暖", "实现", None,
                 "（三）坚持以“一河三山”为基准线", id="ningxia-built-up-area-is-not-a-verb"),
    pytest.param(SHANDONG_2026, "农村生活污水治理率达到70%以上", 70, "%", "农村生活污水治理率", "达到",
                 "at_least", "（五）奋力推进乡村全面振兴", id="shandong-action-before-rate-is-a-noun"),
    pytest.param(SHANDONG_2026, "形成30项以上创新成果", 30, "项", "创新成果", "形成", "at_least",
                 "（四）奋力推进高水平对外开放", id="shandong-form-counts-what-it-forms"),
    pytest.param(RAW / "2025_guizhou.docx", "实施1000公里普通国道低等级路段升级改造", 1000, "公里",
                 "普通国道低等级路段升级改造", "实施", None, "（一）全方位扩大有效需求",
                 id="guizhou-length-glued-to-a-project-is-its-size"),
    pytest.param(RAW / "2026_heilongjiang.txt", "转化重大科技成果700项以上", 700, "项", "重大科技成果",
                 "转化", "at_least", "（二）着力发展新质生产力", id="heilongjiang-convert-as-action"),
    pytest.param(RAW / "2026_guangdong.txt", "吸纳超100万名高校毕业生", 100, "万名",
                 "高校毕业生在粤就业创业", "吸纳", "at_least", "五、为劳动者提供普惠就业公共服务",
                 id="guangdong-absorb-as-action"),
    pytest.param(RAW / "2026_jilin.txt", "转化科技成果数量增长15%以上", 15, "%", "转化科技成果数量", "增长",
                 "at_least", "（三）全面提升自主创新能力",
                 id="jilin-level-verb-after-a-measure-wins-over-an-action"),
    pytest.param(RAW / "2025_hainan.docx", "水稻耕种收综合机械化率达78%以上", 78, "%",
                 "水稻耕种收综合机械化率", "达", "at_least", "（七）着力推进乡村全面振兴",
                 id="hainan-push-is-no-part-of-the-rate"),
    pytest.param(RAW / "2025_beijing.docx", "中小学学位2万个", 2, "万个", "中小学学位", "增加", None,
                 "（四）统筹教育科技人才一体发展",
                 id="beijing-level-verb-opening-the-clause"),
    pytest.param(RAW / "2017_national.txt", "压减钢铁产能5000万吨左右", 5000, "万吨", "钢铁产能", "压减",
                 "about", "（一）用改革的办法深入推进", id="national-capacity-a-task-acts-on-is-its-size"),
    pytest.param(RAW / "2019_national.txt", "减轻企业税收和社保缴费负担近2万亿元", 2, "万亿元",
                 "企业税收和社保缴费负担", "减轻", "about", "（一）继续创新和完善宏观调控",
                 id="national-lighten-burden-as-action"),
    pytest.param(RAW / "2026_shaanxi.txt", "6个抽水蓄能电站建设", 6, "个", "抽水蓄能电站", "加快", None,
                 "（三）加快产业体系建设", id="shaanxi-speed-up-lead-word-as-verb"),
    pytest.param(RAW / "2025_yunnan.docx", "新改建农村公路1万公里以上", 1, "万公里", "农村公路", "新改建",
                 "at_least", "十、实施交通惠民工程", id="yunnan-annex-after-the-glossary-holds-tasks"),
    pytest.param(RAW / "2026_beijing.txt", "3000个小区设置智能回收机", 3000, "个", "小区", "设置", None,
                 "（六）加快超大城市", id="beijing-set-up-after-the-places-served"),
    pytest.param(RAW / "2026_beijing.txt", "800个老旧小区引入物业服务", 800, "个", "老旧小区", "引入", None,
                 "（六）加快超大城市", id="beijing-served-clause-keeps-its-own-verb-not-the-list's"),
    pytest.param(RAW / "2026_sichuan.txt", "新升规工业企业1000户以上", 1000, "户", "工业企业", "新升规",
                 "at_least", "（三）突出壮大实体经济", id="sichuan-newly-above-scale-as-action"),
    pytest.param(RAW / "2025_guangdong.docx", "快检超800万批次", 800, "万批次", "食用农产品", "快检",
                 "at_least", "九、提升食品、药品安全", id="guangdong-spot-checks-as-action"),
    pytest.param(RAW / "2025_guangdong.docx", "惠及残疾学生超7.6万名", 7.6, "万名", "残疾学生", "惠及",
                 "at_least", "四、提升县域基础教育", id="guangdong-benefit-as-action"),
    pytest.param(RAW / "2026_zhejiang.txt", "推介重大项目100个以上", 100, "个", "重大项目", "推介",
                 "at_least", "（五）着力抓项目优投资促招商", id="zhejiang-promote-projects-as-action"),
    pytest.param(RAW / "2026_neimenggu.txt", "防沙治沙1500万亩", 1500, "万亩", "防沙治沙", "完成", None,
                 "（一）坚持生态优先", id="neimenggu-of-which-is-no-part-of-the-subject"),
    pytest.param(RAW / "2025_guangdong.docx", "标准从每人每月2295元提高到2375元", 2375, "元",
                 "集中供养孤儿基本生活保障省定最低标准", "提高到", None, "二、提升困难群众兜底保障",
                 id="guangdong-from-figure-is-no-part-of-the-subject"),
    pytest.param(RAW / "2021_national.txt", "增值税起征点从月销售额10万元提高到15万元", 15, "万元",
                 "小规模纳税人增值税起征点", "提高到", None, "（一）保持宏观政策连续性",
                 id="national-jiang-is-no-part-of-the-subject"),
    pytest.param(RAW / "2026_hainan.txt", "竣工38个以上", 38, "个", "年投资亿元以上项目", "竣工", "at_least",
                 "（二）聚力释放有效需求潜力", id="hainan-list-item-with-its-own-verb-shares-the-subject"),
    pytest.param(RAW / "2025_yunnan.docx", "85个高速公路服务区充电站进行扩容增桩", 85, "个",
                 "高速公路服务区充电站", "进行", None, "十、实施交通惠民工程",
                 id="yunnan-served-count-after-a-modifier"),
]


@pytest.mark.parametrize(("path", "evidence", "value", "unit", "subject", "action", "qualifier", "heading"),
                         DEVELOPMENT + OTHER_REPORTS)
def test_development_commitments(path, evidence, value, unit, subject, action, qualifier, heading):
    report = _parsed(str(path))
    assert evidence in report.text, "the case must be copied from the report"
    found = _find(report, evidence, value)
    assert len(found) == 1, [(c.subject, c.value, report.text[c.start:c.end]) for c in report.commitments
                             if c.value == value]
    c = found[0]
    assert (c.unit, c.subject, c.action, c.qualifier) == (unit, subject, action, qualifier)
    assert any(heading in h for h in c.section_path), c.section_path


def test_a_list_in_one_sentence_gives_one_commitment_per_item():
    report = _parsed(str(YINING))
    sentence = "新续建排水管网242.6公里、城市公厕50处、公园游园及街头绿地7处"
    start = report.text.index(sentence)
    items = [c for c in report.commitments if start <= c.start < start + len(sentence)]
    assert [(c.action, c.subject, c.value, c.unit) for c in items] == [
        ("新续建", "排水管网", 242.6, "公里"), ("新续建", "城市公厕", 50, "处"),
        ("新续建", "公园游园及街头绿地", 7, "处")]


def test_fenbie_growth_list_expands():
    report = _parsed(str(YINING))
    values = [c.value for c in report.commitments if "肉蛋奶产量" in c.subject]
    assert values == [3.5, 3.2, 5.2]


def test_commitments_come_from_the_plan_part_only():
    for path in (YINING, URUMQI):
        report = _parsed(str(path))
        parts = {report.document.part_at(c.start) for c in report.commitments}
        assert parts == {"plan"}, path.name


# Figures that are names, sizes of projects, scopes or headline targets: never commitments.
NOT_COMMITMENTS = [
    pytest.param(YINING, "“七个100%”", id="quoted-name"),
    pytest.param(YINING, "8个方面29项创建标准", id="scope-without-a-verb"),
    pytest.param(YINING, "等15个重点行业领域", id="scope-after-聚焦"),
    pytest.param(YINING, "5万千瓦光伏发电项目", id="project-capacity"),
    pytest.param(YINING, "总投资2.5亿元", id="project-investment"),
    pytest.param(YINING, "高能级百万人口城市", id="chinese-numeral-name"),
    pytest.param(YINING, "粮食产量稳定在14万吨以上", id="headline-fact-grain"),
    pytest.param(YINING, "城镇新增就业9300人", id="headline-fact-jobs"),
    pytest.param(YINING, "高新技术企业14家", id="headline-fact-high-tech-firms"),
    pytest.param(URUMQI, "年产6万吨三聚氰胺", id="annual-output-of-a-project"),
    pytest.param(URUMQI, "200万千瓦光伏", id="project-capacity-in-a-list"),
    pytest.param(URUMQI, "年度计划总投资100亿元", id="annual-investment-doubtful-in-gold"),
    pytest.param(URUMQI, "完成技术交易18亿元", id="headline-fact-tech-transactions"),
    pytest.param(URUMQI, "地区生产总值增长7.5%左右", id="headline-fact-gdp"),
    pytest.param(RAW / "2024_national.txt", "高校毕业生超过1170万人", id="national-forecast"),
    pytest.param(RAW / "2024_national.txt", "“十四五”", id="national-plan-name"),
    pytest.param(RAW / "2015_national.txt", "由55元", id="national-from-value"),
    pytest.param(RAW / "2010_national.txt", "每５０公斤", id="national-per-unit-base"),
    pytest.param(RAW / "2025_henan.docx", "营收1亿元以上企业", id="henan-revenue-size-class"),
    pytest.param(RAW / "2025_henan.docx", "、5亿元以上企业", id="henan-revenue-size-class-in-a-list"),
    pytest.param(RAW / "2026_shandong.txt", "投资2000万元以上的", id="shandong-investment-size-class"),
    pytest.param(RAW / "2025_henan.docx", "建材4个重点行业", id="henan-count-of-sectors-is-a-scope"),
    pytest.param(RAW / "2025_jilin.docx", "时速250公里", id="jilin-speed-is-an-attribute"),
    pytest.param(RAW / "2019_national.txt", "行业现行10%", id="national-current-rate-is-no-task"),
    pytest.param(RAW / "2025_yunnan.docx", "形成以农户占60%", id="yunnan-form-a-share-structure-is-no-task"),
    pytest.param(RAW / "2006_national.txt", "取消了原先336亿元", id="national-original-sum-is-no-task"),
    pytest.param(RAW / "2026_sichuan.txt", "试点的4个省份之一", id="sichuan-glossary-explains-no-task"),
    pytest.param(RAW / "2026_jiangxi.txt", "布局20个左右重大专项", id="jiangxi-glossary-after-long-heading"),
]


@pytest.mark.parametrize(("path", "text"), NOT_COMMITMENTS)
def test_not_commitments(path, text):
    report = _parsed(str(path))
    at = report.text.find(text)
    assert at >= 0, "the case must be copied from the report"
    overlapping = [report.text[c.start:c.end] for c in report.commitments
                   if c.start < at + len(text) and at < c.end and
                   any(d in text for d in (c.value_text, f"{c.value:g}"))]
    assert not overlapping


def test_national_budget_commitments():
    report = _parsed(str(RAW / "2024_national.txt"))
    got = {(c.action, c.value, c.unit) for c in report.commitments}
    assert ("安排", 3.9, "万亿元") in got  # 拟安排地方政府专项债券3.9万亿元
    assert ("安排", 7000, "亿元") in got  # 中央预算内投资拟安排7000亿元
    report = _parsed(str(RAW / "2015_national.txt"))
    raised = [c for c in report.commitments if c.value == 70 and c.unit == "元"]
    assert raised and "由55元提高到70元" in report.text[raised[0].start:raised[0].end]


def test_a_period_word_may_open_a_clause_with_a_level_verb():
    report = _parsed(str(RAW / "2025_guangdong.docx"))
    raised = [report.text[c.start:c.end] for c in report.commitments if c.value == 3800 and c.unit == "元"]
    assert len(raised) == 2  # …之后每连续参保1年，提高…3800元 and 次年提高大病保险最高支付限额3800元


def test_a_bound_on_a_sum_a_task_acts_on_is_its_size():
    report = _parsed(str(RAW / "2026_beijing.txt"))
    got = [(c.value, c.unit, c.qualifier) for c in report.commitments
           if "推介重大项目总投资不低于2000亿元" in report.text[c.start:c.end]]
    assert got == [(2000, "亿元", "at_least")]  # a project's sum stays out: see project-investment


@pytest.mark.parametrize(("path", "evidence", "value", "subject"), [
    pytest.param(RAW / "2026_sichuan.txt", "改造2.5万套（间）城市危旧房", 2.5, "城市危旧房",
                 id="sichuan-bracketed-classifier-before-the-noun"),
    pytest.param(RAW / "2025_hainan.docx", "筹集保障性租赁住房6000套（间）", 6000, "保障性租赁住房",
                 id="hainan-bracketed-classifier-ends-the-item"),
    pytest.param(RAW / "2026_guangdong.txt", "改造农村公路危旧桥梁180座", 180, "农村公路危旧桥梁",
                 id="guangdong-aside-after-a-count-names-nothing"),
    pytest.param(RAW / "2026_sichuan.txt", "加装（更新）电梯6000部", 6000, "电梯",
                 id="sichuan-bracket-after-the-verb-goes-with-it"),
    pytest.param(RAW / "2025_yunnan.docx", "治理（管控）率均提高3个百分点", 3,
                 "农村卫生户厕、生活垃圾处理设施覆盖率和生活污水治理（管控）率",
                 id="yunnan-verb-bracket-rate-is-a-rate"),
])
def test_a_bracket_beside_a_count_or_verb_is_no_subject(path, evidence, value, subject):
    report = _parsed(str(path))
    assert [c.subject for c in _find(report, evidence, value)] == [subject]  # the unit is numbers.py's


def test_without_facts_headline_targets_become_commitments():
    report = _parsed(str(YINING))
    again = extract_commitments(report.document, [])
    assert len(again) > len(report.commitments)
    assert any(c.value == 9300 and c.unit == "人" for c in again)


def test_lexicon_is_data_and_checked():
    lex = lexicon()
    assert "新建" in lex.action_words and "个" in lex.classifiers
    source = (ROOT / "govreport" / "extract" / "commitments.py").read_text(encoding="utf-8")
    code = re.sub(r'""".*?"""', "", source, flags=re.S)
    code = "\n".join(line.split("#")[0] for line in code.splitlines())
    assert not re.search(r"[\u4e00-\u9fff]", code), "Chinese words belong in commitments.yaml"


def test_gold_score_gate(tmp_path):
    out = tmp_path / "pred"
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "govreport"), "extract", *seeds, "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    score = subprocess.run([sys.executable, str(SCORER), "--commitments", "--gold", str(GOLD / "commitments"),
                            "--pred", str(out), "--reports", str(SEEDS)], capture_output=True, text=True)
    assert score.returncode == 0, score.stderr
    m = re.search(r"^total:.*precision ([\d.]+)\s+recall ([\d.]+)", score.stdout, flags=re.M)
    assert m, score.stdout
    precision, recall = float(m.group(1)), float(m.group(2))
    assert recall >= 0.95 and precision >= 0.90, score.stdout
