"""Headline-indicator facts: every figure a report states for its own region-wide indicators.

The extractor walks each sentence once:

1. indicator names are found with one Aho-Corasick automaton over every alias (longest match);
2. names joined by 、/和 form a list ("接待游客量、旅游综合收入均增长20%");
3. the figures after a name (or list) belong to it while the words between are connectors
   (达, 增长, 同比 ...; ``phrases.yaml``); a comma clause that begins like a continuation
   ("，同比增长12.5%", "，分别增长6%和9%") still belongs to it;
4. each figure's measure (level or growth), sign and qualifier come from the words around it;
   分别/均 lists are distributed over the names in order.

>>> from govreport.pipeline import parse
>>> r = parse("各位代表：\\n一、2023年工作回顾\\n全年实现地区生产总值388.2亿元、增长7.2%。"
...           "\\n二、2024年主要工作\\n城镇和农村居民人均可支配收入分别增长8%和9%左右。")
>>> [(f.indicator, f.period, f.year, f.measure, f.value, f.unit, f.qualifier) for f in r.facts]
... # doctest: +NORMALIZE_WHITESPACE
[('gdp', 'actual', 2023, 'level', 388.2, '亿元', None),
 ('gdp', 'actual', 2023, 'growth', 7.2, '%', None),
 ('urban_income', 'target', 2024, 'growth', 8.0, '%', None),
 ('rural_income', 'target', 2024, 'growth', 9.0, '%', 'about')]
>>> r.text[r.facts[1].start:r.facts[1].end]
'地区生产总值388.2亿元、增长7.2%'
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, repeat
from operator import attrgetter, ne

from govreport.lexicon import Indicators, grammar, indicators, phrases, units
from govreport.matcher import Matcher
from govreport.metadata import short_name
from govreport.model import Document, Fact, Sentence
from govreport.numbers import Quantity, find_quantities, quantity_test, unit_scale

_ROUNDING = 1.5  # a bound (突破3万亿元) rounds an exact figure no more than 1.5 times itself
_PLAN_WORDS_WIDTH = 60  # a sentence about the plan's draft names it within its first 60 characters
_DRAFT_OPENING = 10  # a paragraph setting out the plan's draft (《纲要草案》…) names it this early
PLAN_SPAN = 4  # a five-year plan set out in the report of year Y runs to Y + 4 (十五五 in 2026: 2030)
_CLAUSE_END = "，,；;：:"
_TOPIC_MARK = "，,"  # a name right before one of these, its clause empty, is the next clause's topic
_CLAUSE_MARK = re.compile("[" + _CLAUSE_END + "、]")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    alias: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class _Rules:
    lex: Indicators
    names: Matcher[tuple[str, tuple[str, ...]]]  # alias -> (alias, indicator ids)
    postfix: re.Pattern[str]  # any name that follows its figure (lex.postfix)
    connectors: re.Pattern[str]
    growth_pos: tuple[str, ...]
    growth_neg: tuple[str, ...]
    to_words: tuple[str, ...]
    q_after: dict[str, str]
    q_before: list[tuple[str, str]]
    blockers: tuple[str, ...]
    clause_blockers: tuple[str, ...]
    clause_blocker: re.Pattern[str]  # any of clause_blockers
    clause_openers: frozenset[str]  # 年: a whole clause before the name that makes it yearly
    exclusion: re.Pattern[str]  # 扣除房地产开发投资后: a clause before the name's that takes a part out
    sentence_scope: re.Pattern[str]  # any of sentence_scopes: 省属企业…, 研发经费投入增长15.6%
    shared_tails: tuple[str, ...]  # 贷款: the head a list's last (non-indicator) item gives the list
    continuation: re.Pattern[str]
    rank_aside: re.Pattern[str]  # 、稳居全国前十强 between a figure and a continuing clause (、增长4.8%)
    stops: re.Pattern[str]
    aside: re.Pattern[str]  # 在…情况下 between a name and its figure
    streak: re.Pattern[str]  # 连续6年 between a name and its figure
    subscopes: tuple[str, ...]
    subscope_suffixes: str
    ownscope: tuple[str, ...]
    area_word: str
    total_words: tuple[str, ...]
    steps: tuple[str, ...]  # 台阶: 4个万亿元台阶 counts steps
    dated_start: re.Pattern[str]  # 从2021年: a change's start that names its year
    last_year_start: re.Pattern[str]  # 从去年: a planned change's start that is last year's outcome
    sum_word: re.Pattern[str]  # 累计: a figure summed over the years of a multi-year review
    averages: tuple[str, ...]  # 年均: blockers making only their own figure an average, longest first
    from_words: tuple[str, ...]
    turn: re.Pattern[str]  # 由…，转为: a change's start up to the word that turns it
    from_period: re.Pattern[str]  # 上半年 right after 从: a part of the year a change began in
    multi_year: re.Pattern[str]
    single_year: re.Pattern[str]
    plan_period: re.Pattern[str]
    plan_words: re.Pattern[str]  # 五年规划: a sentence about the plan itself
    openers: Matcher[None]  # every word of multi_year, look_back, this_year, plan_period, plan_words
    last_year: re.Pattern[str]
    look_back: re.Pattern[str]
    figure_scopes: tuple[str, ...]
    scope_verbs: tuple[str, ...]
    # from grammar.yaml
    year: re.Pattern[str]  # the year a figure is for: 2023年 (not 比2020年, 2020年以来)
    base_year: re.Pattern[str]  # the year a change is measured from: 比2020年, 与2000年相比
    opening_year: re.Pattern[str]  # 2024年，… opens a year; 2015年是“十二五”收官之年 does not
    placeholder: re.Pattern[str]  # a short non-indicator item in a list of names (not 年均)
    year_word: re.Pattern[str]  # a heading naming its year: 2024年, 今年
    name_separators: tuple[str, ...]  # 、 和 以及 … between names of a list
    name_joiners: str  # the one-character separators
    figure_joiners: tuple[str, ...]  # 、 和 及 between figures of a list
    distributors: tuple[str, ...]  # 分别 均 都
    respectively: str  # 分别
    this_year: str  # 今年
    growth_after_to: tuple[str, ...]  # 增长 下降: a growth verb that counts even after 到
    list_end: re.Pattern[str]  # the rest of a list of names up to its 分别/均, in one clause
    scope_neutral: frozenset[str]  # characters before a scoped name that do not narrow it
    bare_before: frozenset[str]  # characters a short name (ellipsis) stands right after: 、 和 ，
    year_before: re.Pattern[str]  # 2007年, 年度 right before a short name, itself after one of bare_before


@cache
def _rules() -> _Rules:
    lex = indicators()
    p = phrases()
    verbs = p["growth_verbs"]
    words = sorted(set(p["connectors"]) | set(verbs["positive"]) | set(verbs["negative"])
                   | set(p["qualifiers"]["before"]) | set(units().trailing), key=lambda w: (-len(w), w))
    g = grammar()
    year = re.escape(g["year"])
    connectors = re.compile(r"(?:" + "|".join(map(re.escape, words))
                            + rf"|\d{{4}}{year}|[\s、，,：:“”\"（）()]|" + _words(g["ordinals"]) + ")*")
    cont = _alternation(p["continuations"])
    stops = re.compile("|".join(map(re.escape, p["stops"])))
    return _Rules(
        lex=lex, names=Matcher({a: (a, ids) for a, ids in lex.alias_to_ids.items()}), connectors=connectors,
        postfix=_alternation(list(lex.postfix)) if lex.postfix else re.compile(r"(?!)"),
        growth_pos=tuple(sorted(p["growth_verbs"]["positive"], key=len, reverse=True)),
        growth_neg=tuple(sorted(p["growth_verbs"]["negative"], key=len, reverse=True)),
        to_words=tuple(p["to_words"]),
        q_after=dict(p["qualifiers"]["after"]),
        q_before=sorted(p["qualifiers"]["before"].items(), key=lambda kv: -len(kv[0])),
        blockers=tuple(p["blockers"]), clause_blockers=tuple(p["clause_blockers"]),
        clause_blocker=_alternation(p["clause_blockers"]), sentence_scope=_alternation(p["sentence_scopes"]),
        clause_openers=frozenset(p["clause_openers"]),
        exclusion=re.compile("(?:" + _words(p["exclusion_opens"]) + ")(?!" + _words(p["exclusion_keeps"])
                             + ")[^" + _CLAUSE_END + "。]+?(?:" + _words(p["exclusion_closes"]) + ")$"),
        shared_tails=tuple(p["shared_tails"]),
        continuation=cont, stops=stops,
        rank_aside=re.compile("[、，,](?:(?:" + _words(p["streak_words"]) + r")(?:\d+|["
                              + "".join(g["digits"]) + g["ten"] + g["two"] + "]+)" + year + ")?(?:"
                              + _words(sorted(p["rank_opens"], key=len, reverse=True)) + ")[^"
                              + _CLAUSE_END + "、。！？%\n]{0,12}(?=[、，,](?:" + cont.pattern + "))"),
        streak=re.compile("(?:" + _words(p["streak_words"]) + r")(?:\d+|[" + "".join(g["digits"]) + g["ten"]
                          + g["two"] + "]+)" + year),
        aside=re.compile("(?:" + _words(p["aside_opens"]) + ")[^" + _CLAUSE_END + "。、\n]{1,30}?(?:"
                         + _words(p["aside_closes"]) + ")[" + _CLAUSE_END[:2] + "]?"),
        subscopes=tuple(sorted(p["subscopes_before"], key=len, reverse=True)),
        subscope_suffixes="".join(p["subscope_suffixes"]), ownscope=tuple(p["ownscope"]),
        area_word=g["area_word"], total_words=tuple(p["total_words"]), steps=tuple(p["steps"]),
        sum_word=_alternation(p["sum_words"]), averages=tuple(sorted(p["averages"], key=len, reverse=True)),
        dated_start=re.compile("(?:" + _words(p["from_words"]) + rf")(\d{{4}}){year}"),
        last_year_start=re.compile("(?:" + _words(p["from_words"]) + ")(?:" + _words(p["last_year"]) + ")"),
        from_words=tuple(p["from_words"]), multi_year=_alternation(p["multi_year"]),
        turn=re.compile("(?:" + _words(p["from_words"]) + ")[^。；;！？\n]*?(?:"
                        + _words(p["turn_words"]) + ")"),
        from_period=re.compile("(?:" + "|".join(f"(?<={re.escape(w)})" for w in p["from_words"]) + ")(?:"
                               + _words(p["from_periods"]) + ")"),
        single_year=_alternation(p["single_year"]), plan_period=_alternation(p["plan_period"]),
        plan_words=_alternation(p["plan_words"]),
        openers=Matcher(dict.fromkeys([*p["multi_year"], *p["look_back"], *p["plan_period"], *p["plan_words"],
                                       g["this_year"]])),
        look_back=_alternation(p["look_back"]),
        scope_verbs=tuple(p["scope_verbs"]),
        figure_scopes=tuple(sorted(p["figure_scopes"], key=len, reverse=True)),
        last_year=re.compile("(?<![" + "".join(g["last_year_not_after"]) + "])(?:"
                             + "|".join(map(re.escape, p["last_year"])) + ")"),
        year=re.compile("(?<![" + "".join(g["year_not_after"]) + r"\d])(?:" + _words(g["year_to"])
                        + rf")?(\d{{4}}){year}(?!" + _words(g["year_not_before"]) + ")"),
        base_year=re.compile("(?:" + _words(g["year_not_after"]) + rf")(\d{{4}}){year}"),
        opening_year=re.compile(rf"\d{{4}}{year}(?!" + _words(g["opening_year_not_before"]) + ")"),
        placeholder=re.compile("(?:" + _words(g["name_joiners"]) + r")([^\d，；。、%]{1,15}?)(?<!" + year
                               + ")(?=" + _words(g["distributors"]) + "|、)"),
        year_word=re.compile(rf"\d{{4}}{year}|" + _words(g["year_words"])),
        name_separators=tuple(g["name_separators"]), name_joiners="".join(g["name_joiners"]),
        figure_joiners=tuple(g["figure_joiners"]), distributors=tuple(g["distributors"]),
        respectively=g["respectively"], this_year=g["this_year"],
        growth_after_to=tuple(g["growth_after_to"]), scope_neutral=frozenset(g["scope_neutral"]),
        list_end=re.compile(r"[^\d" + _CLAUSE_END + "。！？\n]{1,30}?(?=" + _words(g["distributors"]) + ")"),
        bare_before=frozenset(g["name_joiners"]) | frozenset(_CLAUSE_END),
        year_before=re.compile(rf"(?:\d{{4}}{year}|" + _words(p["short_name_periods"]) + ")$"),
    )


def _words(words: list[str]) -> str:
    """An alternation of ``words`` as written, in their order."""
    return "|".join(map(re.escape, words))


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def find_mentions(norm: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Indicator names in ``norm[start:end]`` (longest, non-overlapping)."""
    rules = _rules()
    end = len(norm) if end is None else end
    out = []
    ellipses, heads, verbs = rules.lex.ellipses, rules.lex.shared_heads, rules.lex.before_verbs
    for s, e, (alias, ids) in rules.names.find(norm, start, end):
        if alias in ellipses:
            dated = rules.year_before.search(norm, max(start, s - 5), s)  # ，2007年产量达到50150万吨:
            bare = dated.start() if dated else s  # the year is passed over
            topic = _topic(norm[start:bare], ellipses[alias]) if bare > start else None
            if topic is None or norm[bare - 1] not in rules.bare_before:
                continue  # 总产量 names grain output only after 粮食, and only standing alone in a
            # list (粮食播种面积…、总产量…), not inside another name (油料总产量)
            ids = (topic,)
        if alias in heads or alias in verbs:
            ids = _shared_head(norm, e, end, heads[alias]) if alias in heads else ()
            if not ids and alias in verbs and norm.startswith(verbs[alias][1], e):
                ids = (verbs[alias][0],)  # 粮食增产42.2亿斤
            if not ids:
                continue
        out.append(Mention(s, e, alias, ids))
    return out


@lru_cache(maxsize=1024)
def _topic(before: str, topics: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The indicator a short name stands for: that of the topic word written last in ``before``
    (赤字 … 占国内生产总值比重: the deficit ratio; 研究与实验发展经费 … : the R&D intensity), or None."""
    best, at = None, -1
    for ind, words in topics:
        i = max(before.rfind(w) for w in words)
        if i > at:
            best, at = ind, i
    return best


def _shared_head(norm: str, at: int, end: int, heads: dict[str, str]) -> tuple[str, ...]:
    """The indicator named by a list's first item ending at ``at`` when the list's items share
    the head written at its end (粮食、油料、蔬菜产量分别…: 粮食产量), else ()."""
    rules = _rules()
    if at >= end or norm[at] not in rules.name_joiners:
        return ()
    rest = rules.list_end.match(norm, at + 1, end)
    if rest is None:
        return ()
    head = next((h for h in sorted(heads, key=len, reverse=True) if rest.group().endswith(h)), None)
    return (heads[head],) if head else ()


def _own_names(region: str | None) -> tuple[str, ...]:
    """How a report names its own region right before an indicator: 北京市, 北京, 北京地区."""
    if not region:
        return ()
    names = {region, short_name(region)}
    return tuple(sorted(names | {n + _rules().area_word for n in names}, key=len, reverse=True))


def _is_subscope(norm: str, m: Mention, sent_start: int, own: tuple[str, ...] = (),
                 marks: list[int] | None = None) -> bool:
    """True when the name is about a part (工业投资, 某县地区生产总值, 人均地区生产总值 ...).
    ``marks``: the offsets of the sentence's clause marks, when the caller has them."""
    if marks is None:
        marks = [c.start() for c in _CLAUSE_MARK.finditer(norm, sent_start, m.start)]
    i = bisect_left(marks, m.start)
    clause_start = marks[i - 1] + 1 if i else sent_start
    rules = _rules()
    if rules.sentence_scope.search(norm, sent_start, m.start) and \
            not norm.endswith(rules.ownscope, sent_start, m.start):
        return True  # 省属企业创新导向更加突出，研发经费投入增长15.6%: the enterprises' figure (but
        # …城市群大气环境污染联防联控机制，…全区优良天数比例达到75.5%以上 is the region's again)
    if i and rules.exclusion.match(norm, marks[i - 2] + 1 if i > 1 else sent_start, marks[i - 1]):
        return True  # 扣除房地产开发投资后，固定资产投资增长2.7%: what is left once a part is taken out
    return _narrowed(norm[clause_start: m.start], norm[max(sent_start, m.start - 10): m.start], m.alias, own)


@lru_cache(maxsize=4096)
def _narrowed(clause: str, before: str, alias: str, own: tuple[str, ...]) -> bool:
    """_is_subscope given the name's clause up to it and the (at most 10) characters before it."""
    rules = _rules()
    if rules.clause_blocker.search(clause) or clause in rules.clause_openers:
        return True  # 年均城镇新增就业, 服务业增加值占国内生产总值比重, …，年接待游客 ...
    if before.endswith(rules.ownscope) or (own and before.endswith(own) and (
            alias not in rules.lex.scoped or before.endswith(rules.area_word))):
        return False  # 北京地区进出口总额: the region's own name with 地区 (not 带动陕西进出口, a part's)
    core = before
    while core.endswith(rules.scope_verbs):  # 跨境电商实现进出口额: the part's own verb between
        core = core[: -len(next(v for v in rules.scope_verbs if core.endswith(v)))]
    if core.endswith(rules.subscopes):
        return True
    if alias in rules.lex.scoped and before and "\u4e00" <= before[-1] <= "\u9fff" and \
            before[-1] not in rules.scope_neutral:
        return True  # 海洋生产总值, 成都经济总量
    return bool(before) and before[-1] in rules.subscope_suffixes and len(before) >= 2 and \
        "\u4e00" <= before[-2] <= "\u9fff"


@lru_cache(maxsize=4096)
def _growth_sign(prefix: str) -> int:
    """+1 / -1 when ``prefix`` ends in a growth verb (not followed by 到/至), else 0."""
    rules = _rules()
    best_pos, sign = -1, 0
    for verbs, s in ((rules.growth_pos, 1), (rules.growth_neg, -1)):
        for v in verbs:
            i = prefix.rfind(v)
            if i > best_pos or (i == best_pos and i >= 0 and s == -1):
                after = prefix[i + len(v): i + len(v) + 1]
                if after and after in rules.to_words:
                    continue
                best_pos, sign = i, s
    if best_pos < 0:
        return 0
    tail = prefix[best_pos:]
    if any(t in tail for t in rules.to_words) and not tail.endswith(rules.growth_after_to):
        return 0
    return sign


def _qualifier(norm: str, q: Quantity, prefix: str) -> tuple[str | None, int]:
    """Qualifier of a figure and the end of its span (after 左右/以上 ...)."""
    if q.value_high is not None:
        return "range", q.end
    qual, n = _qualifier_words(norm[q.end: q.end + 3], prefix)
    return qual, q.end + n


@lru_cache(maxsize=4096)
def _qualifier_words(after: str, prefix: str) -> tuple[str | None, int]:
    """The qualifier a figure's next characters or the words before it give, and how many of
    its next characters it takes."""
    rules = _rules()
    for word, qual in rules.q_after.items():
        if after.startswith(word):
            return qual, len(word)
    for word, qual in rules.q_before:
        if word in prefix:
            return qual, 0
    return None, 0


@lru_cache(maxsize=4096)
def _between(prefix: str) -> tuple[str, bool]:
    """What is left of the words between a name and its figure once connectors are taken out,
    and whether they hold a blocker (年均, 其中 ...)."""
    rules = _rules()
    prefix = rules.streak.sub("", prefix)  # 连续6年稳定在325天以上: held each year, the last one too
    return rules.connectors.sub("", prefix), any(b in prefix for b in rules.blockers)


def _zone_end(norm: str, pos: int, limit: int) -> int:
    """End of the text that belongs to the name(s) ending at ``pos``: the clause, extended over
    following clauses that read as continuations (，同比增长…)."""
    rules = _rules()
    aside = rules.aside.match(norm, pos, limit)
    i = aside.end() if aside else pos
    while i < limit:
        ch = norm[i]
        if ch in "；;。！？\n":
            return i
        if ch in _CLAUSE_END:
            rank = rules.rank_aside.match(norm, i, limit)
            if rank:  # ，连续16年位居全国首位，增量39.7亿斤: the rank is passed over
                i = rank.end()
                continue
            nxt = norm[i + 1: i + 12]
            if not rules.continuation.match(nxt) and not (i == pos and ch in _TOPIC_MARK):
                return i  # but a name alone before its comma is the next clause's topic (经费，从…)
        i += 1
    return limit


def _year_for(norm: str, sent: Sentence, at: int, default: int | None, report_year: int | None) -> int | None:
    years = [m for m in _rules().year.finditer(norm, sent.start, at)]
    if not years:
        return default
    y = int(years[-1].group(1))
    if report_year and not (report_year - 10 <= y <= report_year + 15):
        return default
    if sent.part == "review" and report_year and y >= report_year:
        return default
    return y


def extract_facts(doc: Document) -> list[Fact]:
    """Every headline-indicator figure of ``doc`` (segmented), in text order."""
    norm = doc.norm or doc.text
    md = doc.metadata
    facts: list[Fact] = []
    holds_quantity = quantity_test(norm)
    own = _own_names(md.region)
    rules = _rules()
    # every fact is a figure with a name: only sentences where a name (before or after its
    # figure) begins, and that hold a figure, are read
    hits = rules.names.scan(norm)[0] + [m.start() for m in rules.postfix.finditer(norm)]
    named = _sentences_at(doc.sentences, hits)
    for sent, multi_year, looks_back, goal in _sentences_in_scope(doc, norm, named):
        if not holds_quantity(sent.start, sent.end):
            continue
        mentions = find_mentions(norm, sent.start, sent.end)
        goal_year = md.year + PLAN_SPAN if goal and md.year else None
        found = _sentence_facts(norm, sent, mentions, md.year, looks_back, goal_year, own) if mentions else []
        found.extend(_postfix_facts(norm, sent, mentions, md.year, goal_year))
        if multi_year or goal:
            found = [f for f in found if not _sums_years(norm, sent, f)]
        facts.extend(found)
    return _without_bounds_beside_exact(facts)


def _without_bounds_beside_exact(facts: list[Fact]) -> list[Fact]:
    """A bound on a level that rounds a figure the report also states exactly (突破3万亿元 beside
    地区生产总值32765亿元; 控制在5.5%以内 beside 5.2%) is a milestone or a statement over several
    years, not a figure of its own: only the exact figure is kept. A bound far from every exact
    figure (高新技术企业超6000家 beside 4.9万家) is about something else and stays."""
    exact: dict[tuple[str, str, int | None], list[float]] = {}
    for f in facts:
        if f.measure == "level" and f.qualifier is None:
            exact.setdefault((f.indicator, f.period, f.year), []).append(_base(f))

    def rounds_exact(f: Fact) -> bool:
        bound = _base(f)
        near = exact.get((f.indicator, f.period, f.year), ())
        if f.qualifier == "at_least":
            return any(bound <= x <= bound * _ROUNDING for x in near)
        return any(bound / _ROUNDING <= x <= bound for x in near)

    return [f for f in facts if not (f.measure == "level" and f.qualifier in ("at_least", "at_most")
                                     and rounds_exact(f))]


def _base(f: Fact) -> float:
    return f.value * unit_scale(f.unit)[0]


def _sentences_at(sentences: list[Sentence], offsets: list[int]) -> set[int]:
    """The starts of the sentences that hold any of ``offsets``."""
    starts = [s.start for s in sentences]
    out = set()
    for at in offsets:
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < sentences[i].end:
            out.add(starts[i])
    return out


def _sums_years(norm: str, sent: Sentence, f: Fact) -> bool:
    """In a multi-year review, a growth figure or a summed figure (of an indicator that sums over
    years, or one said to be summed in its clause: 一般公共预算收入累计完成3.7万亿元, 累计接待游客
    17.52亿人次、旅游花费1.27万亿元) is not the last year's, unless the sentence names its year."""
    rules = _rules()
    clause = max(sent.start, *(norm.rfind(c, sent.start, f.start) + 1 for c in _CLAUSE_END))
    if f.measure != "growth" and f.indicator not in rules.lex.cumulates and \
            not rules.sum_word.search(norm, clause, f.end):
        return False
    named = rules.year.search(norm, sent.start, f.start) or rules.last_year.search(norm, sent.start, f.start)
    if named is None:
        return True
    # 2005年与2000年相比，国内生产总值增长57.3%: a change over five years, though a year is named
    base = rules.base_year.search(norm, sent.start, f.end)
    return bool(base and named.re is rules.year and int(base.group(1)) < int(named.group(1)) - 1)


def plan_period_sections(doc: Document) -> set[int]:
    """Plan sections (and their subsections) that set goals for a five-year plan period:
    a heading with a plan-period word and no year (“十五五”时期主要目标)."""
    rules = _rules()
    goal: set[int] = set()
    for sec in doc.sections:
        if sec.part == "plan" and ((sec.parent is not None and sec.parent in goal) or (
                rules.plan_period.search(sec.heading) and not rules.year_word.search(sec.heading))):
            goal.add(sec.index)
    return goal


def _sentences_in_scope(doc: Document, norm: str, wanted: set[int] | None = None,
                        ) -> Iterator[tuple[Sentence, bool, bool, bool]]:
    """Review and plan sentences (those starting at an offset in ``wanted``, when given), each
    with whether it looks back over several years (review), whether it reports last year's
    outcome (plan: the rest of a paragraph after 过去一年，…) and whether it sets goals for a
    five-year plan period (a plan section “十四五”时期主要目标任务).
    """
    rules = _rules()
    secs = doc.sections
    state: dict[int, bool | None] = {}  # section index -> multi-year (None: as the text before it)
    mixed: set[int] = set()  # headings naming both several years and one (“十四五”时期和2025年工作回顾)
    for sec in secs:
        head = sec.heading
        parent_multi = state.get(sec.parent, False) if sec.parent is not None else False
        if rules.single_year.search(head) or rules.year_word.search(head):
            state[sec.index] = False
            if rules.multi_year.search(head):
                mixed.add(sec.index)
        elif sec.parent is not None and (sec.parent in mixed or parent_multi is None) and \
                not rules.multi_year.search(head):
            state[sec.index] = None  # its subsections follow the paragraph that opened the part
        else:
            state[sec.index] = bool(rules.multi_year.search(head)) or bool(parent_multi)
    skip = plan_period_sections(doc)
    para_starts = [p.start for p in doc.paragraphs]
    n_para = len(para_starts)
    multi_year = rules.multi_year
    # the sentences whose first characters look back over several years (五年来，…), look back
    # at last year (过去一年，…) or speak of this year (今年…); candidates from one pass over the
    # text (any of these words beginning early enough in a sentence), each then tested
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    cands = _openings(norm, starts, _PLAN_WORDS_WIDTH)
    opens_multi = {s for s in cands if multi_year.search(norm, s, s + 8)}
    opens_back = {s for s in cands if rules.look_back.match(norm, s, s + 8)}
    opens_this_year = {s for s in cands if norm.find(rules.this_year, s, s + 8) >= 0}
    # a five-year plan section may first look back over the plan that ends (过去五年，…): up to a
    # sentence that opens on the new plan (“十四五”时期是…) or speaks of its draft (五年规划)
    opens_plan = {s for s in cands if rules.plan_period.search(norm, s, s + 8)
                  or rules.plan_words.search(norm, s, s + _PLAN_WORDS_WIDTH)}
    multi, back, recall, draft, cur_para, cur_sec = False, False, False, False, -1, None
    # parts follow each other (front, review, plan), so ``multi`` matters only while in the
    # review and ``back`` and ``recall`` only once in the plan
    turns = opens_multi | opens_back | opens_this_year | opens_plan
    for sent in _turns(sentences, para_starts, wanted, turns):
        part, start = sent.part, sent.start
        if sent.section != cur_sec:
            cur_sec = sent.section
            own = state.get(cur_sec, False) if cur_sec is not None else False
            multi = multi if own is None else own
            recall = False
        k = cur_para
        while k + 1 < n_para and para_starts[k + 1] <= start:
            k += 1
        if k != cur_para:
            cur_para, back = k, False
            # 《纲要（草案）》明确了经济社会发展主要指标：… under a heading that also names this year
            # (“十五五”时期目标任务和2026年工作安排): the paragraph sets the plan's goals
            draft = part == "plan" and k >= 0 and \
                rules.plan_words.search(norm, para_starts[k], para_starts[k] + _DRAFT_OPENING) is not None
            if k >= 0 and (cur_sec is None or para_starts[k] > secs[cur_sec].start):
                opening = norm[para_starts[k]: para_starts[k] + 20]
                first_multi = multi_year.search(opening)
                first_single = rules.single_year.search(opening) or rules.opening_year.search(opening)
                if first_multi and (not first_single or first_multi.start() <= first_single.start()):
                    multi = True
                elif first_single:
                    multi = False
        if part == "plan":
            if start in opens_back:
                back = True
            elif start in opens_this_year:
                back = False
            goal = sent.section in skip or draft
            if goal and start in opens_multi:
                recall = True
            elif start in opens_plan:
                recall = False
            if wanted is None or start in wanted:
                if goal and recall:
                    yield sent, True, True, False  # the ending plan's outcome: last year's, over years
                else:
                    yield sent, False, back, goal
        else:
            if start in opens_multi:
                multi = True  # …目标任务顺利完成。五年来，…: the rest of the paragraph looks back
            if wanted is None or start in wanted:
                yield sent, multi, False, sent.section in skip


def _turns(sentences: list[Sentence], para_starts: list[int], wanted: set[int] | None,
           opening: set[int]) -> list[Sentence]:
    """The review and plan sentences where the state of :func:`_sentences_in_scope` may turn:
    the first of a section or a paragraph, one that opens with a word that turns it (in
    ``opening``), and the ``wanted`` ones (all of them when ``wanted`` is None). Between two
    of these, the state stays as it is."""
    body = [s for s in sentences if s.part == "review" or s.part == "plan"]
    if wanted is None:
        return body
    starts = list(map(attrgetter("start"), body))
    secs = list(map(attrgetter("section"), body))
    visit = {0} if body else set()
    visit.update(compress(range(1, len(body)), map(ne, secs[1:], secs[:-1])))
    visit.update(map(bisect_left, repeat(starts), para_starts))
    visit.update(map(bisect_left, repeat(starts), wanted | opening))
    return [body[k] for k in sorted(visit) if k < len(body)]


def _openings(norm: str, starts: list[int], width: int) -> list[int]:
    """The starts of the sentences in whose first ``width`` characters a word of the rules'
    ``openers`` begins. One leftmost-longest scan finds them all: a word that a longer one hides
    begins inside it, so in the same sentence and no earlier (no word runs over a sentence start).
    """
    out = []
    for at in _rules().openers.scan(norm)[0]:
        i = bisect_right(starts, at) - 1
        if i >= 0 and at < starts[i] + width:
            out.append(starts[i])
    return sorted(set(out))


def _postfix_facts(norm: str, sent: Sentence, mentions: list[Mention], report_year: int | None,
                   goal_year: int | None = None) -> list[Fact]:
    """Figures named after the number: 完成10万亩粮食生产任务."""
    rules = _rules()
    postfix = rules.lex.postfix
    out: list[Fact] = []
    if not rules.postfix.search(norm, sent.start, sent.end):
        return out
    taken = {m.start for m in mentions}
    period = "actual" if sent.part == "review" else "target"
    for q in find_quantities(norm, sent.start, sent.end):
        for word, by_class in postfix.items():
            ind = by_class.get(q.unit_class)
            if ind and norm.startswith(word, q.end) and q.end not in taken and \
                    not norm.startswith(rules.lex.postfix_not_before, q.end):
                prefix = norm[max(sent.start, q.start - 6): q.start]
                qual, _ = _qualifier(norm, q, prefix)
                default = (report_year - 1 if period == "actual" else report_year) if report_year else None
                year = _year_for(norm, sent, q.start, goal_year or default, report_year)
                out.append(Fact(ind, period, year, "level", q.value, q.unit, q.start,  # type: ignore[arg-type]
                                q.end + len(word), qual, q.value_high, q.value_text, q.unit_text))
    return out


def _sentence_facts(norm: str, sent: Sentence, mentions: list[Mention], report_year: int | None,
                    looks_back: bool = False, goal_year: int | None = None,
                    own: tuple[str, ...] = ()) -> list[Fact]:
    rules = _rules()
    lex = rules.lex
    period = "actual" if sent.part == "review" else "target"
    if period == "target" and (looks_back or rules.last_year.search(norm, sent.start, mentions[0].start)):
        period = "actual"  # 去年居民消费价格涨幅回落到2.6%, said while setting this year's targets
    default_year = (report_year - 1 if period == "actual" else report_year) if report_year else None
    if period == "target" and goal_year:
        default_year = goal_year  # a five-year plan's goal: the plan's last year
    out: list[Fact] = []
    subjects: list[tuple[str | None, int]] = []  # (indicator id or None for a non-indicator item, start)
    marks = [c.start() for c in _CLAUSE_MARK.finditer(norm, sent.start, sent.end)]  # clause marks
    i = 0
    while i < len(mentions):
        group = [mentions[i]]
        pos = mentions[i].end
        j = i + 1
        placeholders = 0
        # gather a list: name、name和name; a short non-indicator item may sit in it too
        while True:
            if j < len(mentions) and norm[pos: mentions[j].start] in rules.name_separators:
                group.append(mentions[j])
                pos = mentions[j].end
                j += 1
                continue
            m = rules.placeholder.match(norm, pos, sent.end)
            if m and (j >= len(mentions) or mentions[j].start >= m.end()) and \
                    not any(b in m.group(1) for b in rules.blockers):
                placeholders += 1
                group.append(Mention(m.start(1), m.end(1), m.group(1), ()))
                pos = m.end()
                continue
            break
        i = j
        limit = mentions[j].start if j < len(mentions) else sent.end
        zone_end = _zone_end(norm, pos, limit)
        items: list[tuple[str | None, Mention]] = []
        # 高新技术企业、科技型中小企业贷款分别增长…: the last item's head (贷款) is the whole list's,
        # when the names before it count things (firms) that can have it (not 规上工业增加值、规上服务业营收)
        shared_tail = len(group) > 1 and not group[-1].ids and group[-1].alias.endswith(rules.shared_tails) \
            and all(lex.units.get(i) == ("count",) for g in group for i in g.ids)
        for g in group:
            if not g.ids or shared_tail:
                items.append((None, g))
            elif _is_subscope(norm, g, sent.start, own, marks):
                items.append((None, g))
            else:
                items.extend((ind, g) for ind in g.ids)
        for ind, g in items:
            subjects.append((ind, g.start))
        if all(ind is None for ind, _ in subjects):
            continue  # no indicator named yet; a list of figures here may still reach back to one
        needs_growth = all(g.alias in lex.needs_growth for g in group if g.ids)
        year = _year_for(norm, sent, group[0].start, default_year, report_year)
        out.extend(_zone_facts(norm, pos, zone_end, items, subjects, period, year, needs_growth))
    return out


def _zone_facts(norm: str, pos: int, zone_end: int, items: list[tuple[str | None, Mention]],
                subjects: list[tuple[str | None, int]], period: str, year: int | None,
                needs_growth: bool) -> list[Fact]:
    rules = _rules()
    lex = rules.lex
    out: list[Fact] = []
    aside = rules.aside.match(norm, pos, zone_end)
    cursor = aside.end() if aside else pos  # 在对美贸易下降超3成的情况下增长12%: the aside is passed over
    ranks = list(rules.rank_aside.finditer(norm, cursor, zone_end))
    stop = rules.stops.search(norm, cursor, zone_end)
    while stop and any(r.start() < stop.start() < r.end() for r in ranks):
        stop = rules.stops.search(norm, stop.end(), zone_end)  # 、稳居全国前十强、增长4.8%: a rank aside
    if stop:
        zone_end = stop.start()
    values: list[tuple[Quantity, str, int, str | None, int, str]] = []  # q, measure, sign, qual, end, prefix
    prev_measure, prev_sign, prev_before_qual = None, 0, None
    last_end = -1
    skip_to = cursor
    turn = rules.turn.match(norm, cursor, zone_end)
    if turn:  # 由前三年分别上升4.9％、5.5％、0.2％，转为下降1.2%: where it came from is passed over
        cursor = skip_to = turn.end()
    dated: dict[int, int] = {}  # index in values -> the year a change's dated start is for
    outcome: set[int] = set()  # indices in values of a planned change's start: last year's actual
    averaged = False  # a yearly average was passed over
    for q, following in _with_next(find_quantities(norm, pos, zone_end)):
        if q.start < skip_to or any(r.start() < q.start < r.end() for r in ranks):
            continue
        if q.start == last_end:
            break  # 跨越3个千亿元台阶: figures glued together count steps, not a value
        last_end = q.end
        prefix = norm[cursor: q.start]
        for r in ranks:
            if cursor <= r.start() and r.end() <= q.start:
                prefix = prefix.replace(r.group(), "", 1)  # the rank passed over
        rest, blocked = _between(prefix)
        step = _steps_end(norm, q, following)
        if step and not rest and not blocked:
            cursor = skip_to = step  # 连续迈上4个万亿元台阶、达14.2万亿元: the steps are passed, not a value
            continue
        if rest not in rules.from_words and rules.from_period.search(prefix):
            rest = _between(rules.from_period.sub("", prefix))[0]  # 从上半年5.5%: a start, too
        if rest in rules.from_words:
            cursor = q.end  # 从54万亿元增加到82.7万亿元: the start of the change, not a level ...
            since = rules.dated_start.search(prefix)
            if since is None and period == "target" and year is not None and not blocked and \
                    rules.last_year_start.search(prefix):
                dated[len(values)] = year - 1  # ... but 赤字率从去年的2.1%提高到2.3% (a plan) states
                outcome.add(len(values))  # last year's outcome ...
            elif since is None or blocked or period != "actual" or year is None or \
                    int(since.group(1)) >= year:
                continue
            else:
                dated[len(values)] = int(since.group(1))  # ... and 从2021年的46503元 is 2021's level
        elif not rest and blocked and q.unit_class == "percent" and _averages_only(prefix, bool(values)):
            cursor = _qualifier(norm, q, prefix)[1]  # 年均增长5%左右、迈上3万亿元台阶: a yearly average
            averaged = True  # is passed over; the figure after it is still the indicator's
            continue
        elif averaged and q.unit_class == "percent" and prefix.strip() in rules.figure_joiners:
            cursor = _qualifier(norm, q, prefix)[1]  # 年均分别增长3.5%左右、6%左右
            continue
        elif rest or blocked:
            break
        elif values and len(values) - 1 in dated and prefix.strip() in rules.figure_joiners:
            dated[len(values)] = dated[len(values) - 1]  # 从2021年的46503元和16935元
            if len(values) - 1 in outcome:
                outcome.add(len(values))
        sign = _growth_sign(prefix)
        if sign:
            measure = "growth"
        elif values and (prefix.strip() in rules.figure_joiners or not prefix.strip()) and prev_measure:
            measure, sign = prev_measure, prev_sign
        elif q.unit_class in ("percent", "points"):
            measure = "percent?"
            sign = 1
        else:
            measure, sign = "level", 1
        qual, end = _qualifier(norm, q, prefix)
        if qual is None and values and prefix.strip() in rules.figure_joiners:
            qual = prev_before_qual  # 分别超过8万元、4.5万元: the word before the list qualifies it all
        prev_before_qual = qual if qual not in (None, "range") and end == q.end else None
        if norm.startswith(rules.figure_scopes, end):
            break  # 生产总值超千亿元县: a size class of places, not the total
        values.append((q, measure, sign, qual, end, prefix))
        prev_measure, prev_sign = measure, sign
        cursor = end
    if not values:
        return out
    # 分别/均 distribute a list of figures over a list of names, in order; a list longer than
    # this group's names reaches back to the names before it in the sentence
    head = norm[pos: values[0][0].start]
    dist_at = next((k for k, v in enumerate(values) if rules.respectively in v[5]), None)
    if dist_at is None and any(w in head for w in rules.distributors):
        dist_at = 0
    if dist_at is None:  # 城镇…1.7万元，农村…5153元，实际增长9.8%和8.5%: a list of figures, one per name
        dist_at = next((k for k in range(len(values)) if len(items) < _leading_run(values[k:]) > 1), None)
    run_at = dist_at if dist_at is not None else 0
    n_same = _leading_run(values[run_at:])
    targets = items
    # 科技型中小企业、高新技术企业分别…: another (non-indicator) name listed before this one;
    # not 接待游客3.23亿人次、游客花费3700亿元，分别增长8%、8.4%, where a figure ends the item before
    listed_after_other = norm[items[0][1].start - 1] in rules.name_joiners and \
        not _figure_ends_at(norm, items[0][1].start - 1)
    if dist_at is not None and n_same > len(items) and len(subjects) >= n_same and not listed_after_other:
        targets = [(ind, None) for ind, _ in subjects[-n_same:]]  # type: ignore[misc]
    seen: dict[tuple[str, str, int | None], Fact] = {}
    back_start = subjects[-n_same][1] if targets is not items else None  # evidence covers all the names
    # the other lists of figures: 分别达6.9万元、3.4万元，增长4.2%、5.3% (one figure per name, in order)
    runs = _runs(values, 0, run_at) | _runs(values, run_at + n_same, len(values))
    for k, (q, measure, sign, qual, end, prefix) in enumerate(values):
        in_run = run_at <= k < run_at + n_same
        start_of = back_start if in_run and back_start is not None else items[0][1].start
        if in_run and dist_at is not None and n_same > len(targets):
            # 签约金额1.15万亿元、到位资金7969.9亿元，分别增长13.1%、33.7%:
            # the last names own the last figures
            idx = k - run_at - (n_same - len(targets))
            owners = [targets[idx]] if idx >= 0 else []
        elif in_run and len(targets) > 1:
            owners = [targets[k - run_at]] if n_same == len(targets) else (targets if n_same == 1 else [])
        elif in_run:
            owners = targets
        elif len(items) > 1 and runs.get(k, (0, 0))[1] == len(items):
            owners = [items[k - runs[k][0]]]
        elif len(items) > 1:
            owners = items if n_same == 1 else []
        else:
            owners = items
        for ind, _m in owners:
            if ind is None:
                continue
            classes = lex.units.get(ind, ())
            if classes and q.unit_class not in classes and (ind, q.unit_class) in lex.other_units and \
                    (q.unit_class not in ("percent", "points") or measure == "percent?"):
                # 优良天数比例达到77%、增加13天: a figure in days is the count's, not the rate's;
                # 空气质量优良天数92.9% (no verb of change): a percentage is the rate's, not the count's
                ind = lex.other_units[(ind, q.unit_class)]
                classes = lex.units.get(ind, ())
            m_kind = measure
            if m_kind == "percent?":
                m_kind = "growth" if q.unit_class == "points" else lex.percent.get(ind, "growth")
            if needs_growth and m_kind != "growth":
                continue
            if m_kind not in lex.measures.get(ind, ("level", "growth")):
                continue
            if m_kind == "level" and classes and q.unit_class not in classes:
                continue
            if m_kind == "growth" and q.unit_class not in ("percent", "points") and classes and \
                    q.unit_class not in classes:
                continue
            if q.unit_class == "points" and m_kind == "level":
                continue
            y = dated.get(k, year)
            key = (ind, m_kind, y)
            if key in seen:
                earlier = seen[key]
                if m_kind == "level" and any(w in prefix for w in rules.total_words) and \
                        (ind, "growth", y) not in seen:
                    # 新增高新技术企业1200家，总量达到1.8万家: the first figure was the increase
                    i = out.index(earlier)
                    out[i] = seen[(ind, "growth", y)] = dataclasses.replace(earlier, measure="growth")
                elif earlier.qualifier == "at_least" and qual is None and m_kind == "level":
                    out.remove(earlier)  # 突破2万亿元、达到23562亿元: the exact figure, not the milestone
                else:
                    continue
            value = q.value * sign if m_kind == "growth" else q.value
            high = q.value_high * sign if (q.value_high is not None and m_kind == "growth") else q.value_high
            per = "actual" if k in outcome else period
            seen[key] = Fact(ind, per, y, m_kind, value, q.unit, start_of, end, qual,  # type: ignore[arg-type]
                             high, q.value_text, q.unit_text)
            out.append(seen[key])
    return out


@lru_cache(maxsize=1024)
def _averages_only(prefix: str, after_values: bool) -> bool:
    """True when the only blockers in ``prefix`` are yearly-average words (年均) and no figure
    was taken before it."""
    rules = _rules()
    if after_values:
        return False
    rest = prefix
    for w in rules.averages:
        rest = rest.replace(w, "")
    return any(w in prefix for w in rules.averages) and not any(b in rest for b in rules.blockers)


def _steps_end(norm: str, q: Quantity, nxt: Quantity | None) -> int:
    """The end of a count of steps that ``q`` opens (4个 in 迈上4个万亿元台阶), else 0."""
    if q.unit_class != "count" or nxt is None or nxt.start != q.end:
        return 0
    word = next((w for w in _rules().steps if norm.startswith(w, nxt.end)), None)
    return nxt.end + len(word) if word else 0


def _runs(values: list[tuple[Quantity, str, int, str | None, int, str]], lo: int, hi: int,
          ) -> dict[int, tuple[int, int]]:
    """The lists of figures in ``values[lo:hi]``, one after another: figure index -> (the list's
    first index, its length)."""
    out: dict[int, tuple[int, int]] = {}
    k = lo
    while k < hi:
        n = min(_leading_run(values[k:hi]), hi - k)
        for j in range(k, k + n):
            out[j] = (k, n)
        k += n
    return out


def _figure_ends_at(norm: str, at: int) -> bool:
    """True when a figure (with any qualifier after it) ends right at ``at``."""
    for q in find_quantities(norm, max(0, at - 20), at):
        if q.end == at or (q.end < at and _qualifier_words(norm[q.end: at], "")[1] == at - q.end):
            return True
    return False


def _with_next(items: Iterator[Quantity]) -> Iterator[tuple[Quantity, Quantity | None]]:
    """Each item with the one after it (None for the last), reading one item ahead only."""
    prev = next(items, None)
    for item in items:
        yield prev, item  # type: ignore[misc]
        prev = item
    if prev is not None:
        yield prev, None


def _leading_run(values: list[tuple[Quantity, str, int, str | None, int, str]]) -> int:
    """How many figures at the start of the zone form one list (same measure, joined by 、/和)."""
    if not values:
        return 0
    joiners = _rules().figure_joiners
    n = 1
    for k in range(1, len(values)):
        joined = values[k][5].strip()
        if (joined in joiners or not joined) and values[k][1] == values[0][1]:
            n += 1
        else:
            break
    return n
