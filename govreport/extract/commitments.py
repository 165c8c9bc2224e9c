"""Commitments: the quantified tasks of the plan part ("新建高标准农田3.7万亩").

Every number-with-unit of a plan sentence (:func:`govreport.numbers.find_quantities`) is a
candidate. It becomes a commitment when something in its clause says it is a task:

1. an *action* verb before it in the clause (新建, 完成, 培育 ...), or a *level verb* right
   before the number (覆盖率达到88%以上); a list item without its own verb inherits the verb
   of the item before it in the same sentence ("新续建排水管网242.6公里、城市公厕50处"); a clause
   with neither that opens with a goal word sets a target all the same ("力争整车产量200万辆"),
   and so does a clause that is only a measure and its figure ("货邮吞吐量100万吨"); a count of
   those a task serves takes the verb after them ("为2万名特殊困难老年人提供居家上门服务");
2. and nothing says it is something else: a name (a number in quotes, "8+1+1", Chinese
   numerals such as 六大 or 十四五), a forecast or comparison (预计, 比上年), a project's
   attribute (总投资2.5亿元的…项目, 5万千瓦光伏发电项目), or a headline target already
   captured as a fact (its span lies inside the fact's span; a 分别 list keeps the items that
   are not the fact's indicator).

The subject is what the number counts: the words between the verb and the number, or, after a
classifier (个, 家, 条 ...), the noun that follows it (创建14个城市一刻钟便民生活圈示范点).
The words are data (``lexicon/data/commitments.yaml``).

>>> from govreport.pipeline import parse
>>> r = parse("各位代表：\\n一、2023年工作回顾\\n增长。\\n二、2024年主要工作\\n"
...           "新续建排水管网242.6公里、城市公厕50处、公园游园及街头绿地7处。")
>>> [(c.action, c.subject, c.value, c.unit) for c in r.commitments]
... # doctest: +NORMALIZE_WHITESPACE
[('新续建', '排水管网', 242.6, '公里'), ('新续建', '城市公厕', 50.0, '处'),
 ('新续建', '公园游园及街头绿地', 7.0, '处')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat

from govreport.errors import LexiconError
from govreport.extract.facts import plan_period_sections
from govreport.lexicon import grammar, indicators, load_lexicon, phrases
from govreport.model import Commitment, Document, Fact, Sentence
from govreport.normalize import fold
from govreport.numbers import Quantity, find_quantities, spans

_KEYS = {
    "actions", "level_verbs", "lead_words", "between_words", "skip_before", "attribute_before",
    "project_words", "classifiers", "not_counted", "subject_trim", "list_markers", "not_verbs", "from_words",
    "not_list_markers", "glue", "name_before", "modifier_mark", "year_word", "goal_words",
    "target_measures", "beneficiary_marks", "noun_suffixes", "count_actions", "glossary_heads",
    "annex_heads",
}
_CLAUSE_END = "，,；;：:。!?！？\n"
_PHRASE_END = _CLAUSE_END + "、"
_QUOTES = {"“": "”", "《": "》", "\"": "\"", "「": "」"}
# a quote runs to its closing mark; one left open runs to the sentence's end and closes nothing
_QUOTED = re.compile("|".join(f"{re.escape(o)}[^{re.escape(c)}]*(?:{re.escape(c)}|\\Z)"
                              for o, c in _QUOTES.items()))
_FROM_CUT = re.compile(r"[\d，,；;。]")
# a bracket right after a count naming another classifier for it: 套（间）, 户（套）
_UNIT_ALT = re.compile(r"[（(][^\d（()）]{1,2}[)）]")
# a bracket that opens an aside (含…, 牵头单位：…), to its close or the sentence's end
_ASIDE = re.compile(r"[（(][^（()）]*(?:[)）]|\Z)")
_OPENING = "（("
_FROM_SPAN = 20  # how far from the figure a subject's from word may stand (从每人每月202元、270元)
_CLAUSE_MARK = re.compile("[" + re.escape(_CLAUSE_END) + "]")
# the words a glossary heading may have before its head (附件2, 《政府工作报告》有关内容 …)
_GLOSSARY_LEAD = "[^\n" + re.escape(_CLAUSE_END) + "]{0,16}"


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def _any_of(words: list[str]) -> re.Pattern[str]:
    """A pattern found wherever one of ``words`` occurs (never, for no words)."""
    return _alternation(words) if words else re.compile("(?!)")


@cache
def _digit() -> re.Pattern[str]:
    """A character a figure written in digits can start with: a sentence without one holds no
    commitment, so its quantities need not be read."""
    g = grammar()
    numerals = [*g["digits"], *g["zeros"], *g["multiplier_digits"], g["two"], g["ten"]]
    return re.compile(r"[\d" + "".join(re.escape(c) for c in numerals if c.isdigit()) + "]")


@dataclass(frozen=True)
class _Lexicon:
    verbs: re.Pattern[str]  # actions and lead words: 力争创建 is 力争 + 创建, not 争创
    action_words: frozenset[str]
    level_verbs: _Words
    lead_words: _Words
    goal_words: frozenset[str]  # lead words that set a target: the clause's verb when it has none
    target_measures: _Words  # a clause that is such a measure and a figure sets a target
    beneficiary_marks: tuple[str, ...]  # 为/对 before those a task serves (为2万名…老年人提供…)
    noun_suffixes: tuple[str, ...]  # an action followed by one is a noun (建成率)
    count_actions: frozenset[str]  # actions that only count things (形成30项成果)
    between_words: _Words
    skip_before: re.Pattern[str]
    attribute_before: tuple[str, ...]
    project_words: re.Pattern[str]
    classifiers: frozenset[str]
    not_counted: tuple[str, ...]
    subject_trim: _Words
    list_markers: tuple[str, ...]
    from_words: re.Pattern[str]
    not_list_markers: tuple[str, ...]
    glue: str  # list glue characters: 、 and the glue words
    name_before: str
    of: str  # the modifier particle
    year: re.Pattern[str]
    to_words: re.Pattern[str]
    q_after: dict[str, str]
    q_before: dict[str, str]
    q_after_words: _Words
    q_before_words: _Words
    strip_left: str  # characters _strip_left skips: list glue, spaces, commas
    glossary: re.Pattern[str]  # a heading line that opens the glossary (名词解释)
    annex: re.Pattern[str]  # a heading line that opens an annex (附件2), which ends a glossary


def _heading_line(words: list[str], lead: str = "", tail: str = "") -> re.Pattern[str]:
    """A line that is one of ``words``, after ``lead`` and before ``tail`` (spaces aside)."""
    space = r"[^\S\n]*"
    return re.compile(f"^{space}{lead}(?:{_any_of(words).pattern}){space}{tail}{space}$", re.M)


def _by_length(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Words:
    """A word list for longest-first prefix and suffix look-ups: one C-level ``endswith`` over
    all words rules most texts out, then one set look-up per word length."""

    words: tuple[str, ...]  # longest first
    lengths: tuple[int, ...]  # distinct lengths, longest first
    members: frozenset[str]

    @classmethod
    def of(cls, words: list[str]) -> _Words:
        ordered = _by_length(words)
        return cls(ordered, tuple(sorted({len(w) for w in ordered}, reverse=True)), frozenset(ordered))

    def suffix(self, text: str) -> str | None:
        """The longest word ``text`` ends with, or None."""
        if not text.endswith(self.words):
            return None
        for n in self.lengths:
            if n <= len(text) and text[-n:] in self.members:
                return text[-n:]
        return None  # pragma: no cover - endswith said one matches

    def prefix(self, text: str, pos: int) -> str | None:
        """The longest word ``text`` holds at ``pos``, or None."""
        if not text.startswith(self.words, pos):
            return None
        for n in self.lengths:
            w = text[pos:pos + n]
            if len(w) == n and w in self.members:
                return w
        return None  # pragma: no cover


@cache
def lexicon() -> _Lexicon:
    """The commitment word lists (``commitments.yaml``), validated and compiled once."""
    data = load_lexicon("commitments.yaml", _KEYS)
    for key, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"commitments.yaml: {key} must be a list of words")
    q = phrases()["qualifiers"]
    return _Lexicon(
        verbs=_alternation(data["actions"] + data["lead_words"] + data["not_verbs"]),
        action_words=frozenset(data["actions"]),
        level_verbs=_Words.of(data["level_verbs"]),
        lead_words=_Words.of(data["lead_words"]),
        goal_words=frozenset(data["goal_words"]),
        target_measures=_Words.of(data["target_measures"]),
        beneficiary_marks=_by_length(data["beneficiary_marks"]),
        noun_suffixes=_by_length(data["noun_suffixes"]),
        count_actions=frozenset(data["count_actions"]),
        between_words=_Words.of(data["between_words"] + list(q["before"])),
        skip_before=_alternation(data["skip_before"]),
        attribute_before=_by_length(data["attribute_before"]),
        project_words=_alternation(data["project_words"]),
        classifiers=frozenset(data["classifiers"]),
        not_counted=_by_length(data["not_counted"]),
        subject_trim=_Words.of(data["subject_trim"]),
        list_markers=_by_length(data["list_markers"]),
        from_words=_any_of(data["from_words"]),
        not_list_markers=_by_length(data["not_list_markers"]),
        glue="、" + "".join(data["glue"]),
        name_before="".join(data["name_before"]),
        of=data["modifier_mark"][0],
        year=re.compile(r"\d{4}(?:" + "|".join(map(re.escape, data["year_word"])) + ")"),
        to_words=_any_of(phrases()["to_words"]),
        q_after=dict(q["after"]),
        q_before=dict(q["before"]),
        q_after_words=_Words.of(list(q["after"])),
        q_before_words=_Words.of(list(q["before"])),
        strip_left="、" + "".join(data["glue"]) + " ，,",
        glossary=_heading_line(data["glossary_heads"], lead=_GLOSSARY_LEAD),
        annex=_heading_line(data["annex_heads"], tail=r"\d*"),
    )


def _strip_right(text: str, words: _Words) -> str:
    while text:
        w = words.suffix(text)
        if w is None:
            break
        text = text[: -len(w)]
    return text


def _strip_left(text: str, words: _Words) -> tuple[str, int]:
    """``text`` without leading words, years and list glue; also how many characters went."""
    lex = lexicon()
    start = 0
    while start < len(text):
        if text[start] in lex.strip_left:
            start += 1
            continue
        m = lex.year.match(text, start)
        if m:
            start = m.end()
            continue
        w = words.prefix(text, start)
        if w is None:
            break
        start += len(w)
    return text[start:], start


def _quoted(norm: str, sent: Sentence) -> list[tuple[int, int]]:
    """The spans of the sentence's closed quotes (“…”, 《…》 ...)."""
    return [m.span() for m in _QUOTED.finditer(norm, sent.start, sent.end)
            if m.end() - m.start() >= 2 and norm[m.end() - 1] == _QUOTES[norm[m.start()]]]


def _is_name(norm: str, q: Quantity, quoted: list[tuple[int, int]]) -> bool:
    """A number that names something (六大产业, “七个100%”, 8+1+1, 第3) or is a rate's base
    (每50公斤) rather than counts it."""
    if not q.value_text[:1].isdigit():
        return True
    if any(a < q.start and q.end < b for a, b in quoted):
        return True
    before = norm[q.start - 1] if q.start else ""
    after = norm[q.end] if q.end < len(norm) else ""
    return before in "+" + lexicon().name_before or after == "+"


def _qualifier(norm: str, q: Quantity, lex: _Lexicon, before: str) -> tuple[str | None, int]:
    """The qualifier and where the figure's words end (after 以上, 左右 ...)."""
    if q.value_high is not None:
        return "range", q.end
    word = lex.q_after_words.prefix(norm, q.end)
    if word is not None:
        return lex.q_after[word], q.end + len(word)
    word = lex.q_before_words.suffix(before)
    if word is not None:
        return lex.q_before[word], q.end
    return None, q.end


def _noun_after(norm: str, pos: int, limit: int, stops: str) -> tuple[str, int]:
    """The noun phrase from ``pos`` up to the next clause mark (or ``limit``)."""
    end = pos
    while end < limit and norm[end] not in stops:
        end += 1
    return norm[pos:end], end


def _is_attribute(norm: str, q: Quantity, lex: _Lexicon, before: str, after_pos: int, limit: int) -> bool:
    """Describes a project (总投资2.5亿元, 年产6万吨, 5万千瓦光伏发电项目), is not a task's size.
    A level verb (not a mere bound such as 不低于) between the word and a figure that ends its
    phrase sets a level instead (交通、水利、能源领域投资额分别达2400亿元、450亿元), and so does a
    bound on a sum a task acts on (推介重大项目总投资不低于2000亿元)."""
    if q.unit in lex.classifiers:
        return False  # a count is no project's size (淘汰落后产能400项)
    if _strip_right(before, lex.between_words).endswith(lex.attribute_before):
        ends_phrase = after_pos >= limit or norm[after_pos] in _PHRASE_END
        verb = _level_verb(before, lex)
        if ends_phrase and verb is not None and verb not in lex.q_before:
            return False
        # a capacity a task acts on is its size: 压减钢铁产能5000万吨左右; a sum only with a bound
        # (推介重大项目总投资不低于2000亿元), not one that describes a project (总投资2.5亿元)
        acted_on = (q.unit_class != "money" or verb is not None) and any(
            _is_action(norm, m, lex) for m in lex.verbs.finditer(norm, q.start - len(before), q.start))
        return not (ends_phrase and acted_on)
    if q.unit_class in ("percent", "points", "length", "area") or after_pos >= limit:
        return False  # nor is a rate, and a length or an area glued to a project is the task's
        # size (实施1000公里普通国道低等级路段提质改造工程), not a capacity (5万千瓦光伏发电项目)
    nxt = norm[after_pos]
    if nxt in _PHRASE_END or nxt == lex.of:
        return False
    verb = lex.verbs.match(norm, after_pos, limit)
    if verb is not None and _is_action(norm, verb, lex):
        return False  # a sum put to a task: 筹措111.74亿元实施助农惠民工程
    phrase, _ = _noun_after(norm, after_pos, limit, _CLAUSE_END)
    return bool(lex.project_words.search(phrase))


@lru_cache(maxsize=8192)
def _clean_subject(text: str) -> str:
    """``text`` without list heads, lead words, trailing link words and trims (cached: the same
    short texts recur)."""
    lex = lexicon()
    masked = text
    for word in lex.not_list_markers:
        masked = masked.replace(word, "\0" * len(word))
    for marker in lex.list_markers:
        at = masked.rfind(marker)
        if at >= 0 and _clean_subject(text[at + len(marker):]):  # 省实验室、研究院等10家: keep all
            text = text[at + len(marker):]
    text, _ = _strip_left(text, lex.lead_words)
    aside = _ASIDE.match(text)
    if aside is not None and text[aside.end() - 1:aside.end()] in ")）" and aside.end() < len(text):
        text = text[aside.end():]  # 加装（更新）电梯: the bracket goes with the verb
    text = _strip_right(text, lex.between_words)
    text = _strip_right(text, lex.subject_trim)
    return text.strip(lex.glue + " ，,：:")


def _fact_residual(subject: str, inside: list[Fact]) -> str | None:
    """For a figure inside a fact's span: the list items the fact does not cover, or None."""
    items = [s for s in re.split(r"[、]", subject) if s]
    if len(items) < 2:
        return None
    aliases = indicators().alias_to_ids
    covered_ids = {f.indicator for f in inside}
    rest = [it for it in items
            if not any((a in it or it in a) and set(ids) & covered_ids for a, ids in aliases.items())]
    return "、".join(rest) if rest and len(rest) < len(items) else None


@dataclass(slots=True)
class _State:
    """What the sentence said so far: the verb and subject a following list item inherits."""

    action: str | None = None
    subject: str = ""
    last_end: int = -1  # end of the last figure that counted (kept or a fact)
    item_end: int = -1  # end of its item: the figure, or the noun it counts (1所境外高校独立办学机构)
    unit_class: str = ""


def _sentence_commitments(doc: Document, norm: str, sent: Sentence, facts: list[Fact],
                          quantities: list[Quantity]) -> list[Commitment]:
    lex = lexicon()
    quoted = _quoted(norm, sent)
    # clause starts: the sentence's start and every position after a clause mark
    clause_starts = [sent.start] + [m.end() for m in _CLAUSE_MARK.finditer(norm, sent.start, sent.end)]
    path: list[str] | None = None
    state = _State()
    out: list[Commitment] = []
    for q in quantities:
        clause_start = clause_starts[bisect_right(clause_starts, q.start) - 1]
        if clause_start > state.last_end >= 0:
            state.last_end = state.item_end = -1  # a new clause: the list (if any) ended
        if _is_name(norm, q, quoted):
            continue
        seg_start = max(clause_start, state.item_end)
        before = norm[clause_start:q.start]
        if lex.skip_before.search(before):
            continue
        qualifier, fig_end = _qualifier(norm, q, lex, before)
        if _is_attribute(norm, q, lex, before, fig_end, sent.end) or \
                _is_from_value(norm, q, lex, seg_start, fig_end) or \
                _is_size_class(norm, q, qualifier, fig_end, sent.end):
            continue

        # the verb: an action in this item, an action earlier in the clause (a list), a level
        # verb right before the number, or the verb of the sentence's previous item
        segment = norm[seg_start:q.start]
        own = _first_action(norm, seg_start, q.start, lex, at_start=state.last_end >= 0)
        earlier = None if own else [m.group() for m in lex.verbs.finditer(norm, clause_start,
                                                                          max(clause_start, state.last_end))
                                    if _is_action(norm, m, lex)]
        level = _level_verb(segment, lex)
        action_start = None
        served: tuple[int, int] | None = None  # who the task serves, when its verb follows them
        if own is not None and not _measured(segment, level, lex):
            action, action_start, subj_from = _chain(norm, own, q.start, lex)
        elif earlier and not _measured(segment, level, lex):
            action, subj_from = earlier[-1], seg_start
        elif level is not None:
            action, subj_from = level, seg_start
        elif (verb := _verb_after_served(norm, clause_start, q, fig_end, sent.end, lex)) is not None:
            # its own verb after those it serves, not the list's before them: "在3000个小区设置
            # 智能回收机，为800个老旧小区引入物业服务"
            action, subj_from, served = verb.group(), seg_start, (fig_end, verb.start())
        elif state.action is not None and (state.last_end >= 0 or _is_list_item(segment, q, state, lex)):
            action, subj_from = state.action, seg_start
        elif (goal := _goal_word(norm, clause_start, q.start, lex)) is not None:
            action, subj_from = goal, seg_start
        elif _is_bare_target(norm, clause_start, q, fig_end, sent.end, lex):
            action, subj_from = "", seg_start
        elif (opening := _opening_level_verb(norm, clause_start, q.start, lex)) is not None:
            action, subj_from = opening  # 增加中小学学位2万个: a level verb opens the clause
        else:
            continue
        if action in lex.count_actions and q.unit not in lex.classifiers:
            continue  # 形成 counts what it forms (形成30项以上创新成果), not shares (形成以农户占60%…)
        pre = norm[subj_from:q.start]
        lv = _level_verb(pre, lex)
        if lv is not None and lv in pre:  # the verb may end in a between word (降至, 提高到)
            pre = pre[: pre.rfind(lv)]
        pre = _before_from(pre, lex)
        subject = _clean_subject(pre)
        end = item_end = fig_end
        counts_after = q.unit in lex.classifiers or not subject  # 14个示范点, 抓好3万亩高标准农田建设
        noun_at = fig_end
        if q.unit in lex.classifiers and (alt := _UNIT_ALT.match(norm, fig_end, sent.end)) is not None:
            noun_at = end = item_end = alt.end()  # 2.5万套（间）城市危旧房: （间） goes with the unit
        elif q.unit in lex.classifiers and (aside := _ASIDE.match(norm, fig_end, sent.end)) is not None:
            noun_at = aside.end()  # 危旧桥梁180座（含“渡改桥”工程）: an aside names nothing counted
        if counts_after and noun_at < sent.end and norm[noun_at] not in _PHRASE_END:
            if norm.startswith(lex.not_counted, noun_at):
                continue
            phrase, noun_end = _noun_after(norm, noun_at, sent.end, _PHRASE_END)
            head = _head_noun(phrase, lex)
            noun = _clean_subject(head)
            if noun:
                subject, end = noun, noun_end
                # the next item starts after the noun ("1所境外高校独立办学机构、新筹建1个…"),
                # unless the noun holds another figure ("7个老旧小区1502户")
                item_end = noun_end if head == phrase else fig_end
        if served is not None:
            subject = _clean_subject(norm[served[0]:served[1]]) or subject
        if not subject and action_start is not None and state.last_end >= 0 and state.subject:
            subject = state.subject  # …项目新开工43个以上、竣工38个以上: the list's subject
        if not subject and action_start is not None:  # 中央预算内投资拟安排7000亿元
            subject = _clean_subject(_strip_right(norm[clause_start:action_start], lex.lead_words))
        if not subject:  # 分别增长3.5%、3.2%: the list shares its subject
            subject = state.subject
        if action_start is not None:
            start = action_start
        else:
            at = norm.find(subject, subj_from, q.start) if subject else -1
            start = at if at >= 0 else q.start
        inside = [f for f in facts if f.start <= q.start and q.end <= f.end]
        state.action, state.last_end, state.subject, state.unit_class = action, fig_end, subject, q.unit_class
        state.item_end = item_end
        if inside:
            residual = _fact_residual(subject, inside)
            if residual is None:
                continue
            subject = residual
        if path is None:
            path = doc.sections[sent.section].path(doc.sections) if sent.section is not None else []
        out.append(Commitment(action=action, subject=subject, value=q.value, unit=q.unit, start=start,
                              end=end, qualifier=qualifier, value_text=q.value_text, section_path=path))
    return out


def _is_action(norm: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """A verb match that is an action, not the head of a noun (建成率, 治理率)."""
    if m.group() not in lex.action_words:
        return False
    after = m.end()
    if norm[after:after + 1] in _OPENING and (aside := _ASIDE.match(norm, after)) is not None:
        after = aside.end()  # 治理（管控）率 is a rate too
    return not norm.startswith(lex.noun_suffixes, after)


def _first_action(norm: str, start: int, end: int, lex: _Lexicon, at_start: bool) -> re.Match[str] | None:
    """The first action verb in ``norm[start:end]``, reading lead words (力争 ...) as words of their
    own; for a list item (``at_start``), only a verb that opens the item counts: in
    ``实施退化林修复1万亩、草原生态修复治理29万亩`` the second item's 修复 is part of its subject."""
    for m in lex.verbs.finditer(norm, start, end):
        if _is_action(norm, m, lex):
            if at_start and norm[start:m.start()].strip(lex.glue + " ，,") and \
                    _strip_left(norm[start:m.start()], lex.lead_words)[0]:
                return None
            return m
    return None


def _is_from_value(norm: str, q: Quantity, lex: _Lexicon, segment_start: int, fig_end: int) -> bool:
    """"由55元提高到70元", "从15个县扩大到57个县": the first figure is where it starts from."""
    if not lex.from_words.search(norm, segment_start, q.start):
        return False
    after = norm[fig_end:fig_end + 10]
    cut = _FROM_CUT.search(after)
    return lex.to_words.search(after, 0, cut.start() if cut else len(after)) is not None


def _before_from(pre: str, lex: _Lexicon) -> str:
    """A subject without the figure it starts from: "标准从每人每月2295元" (提高到2375元) is
    the 标准. The from word must be followed by a figure, close to the end."""
    for m in lex.from_words.finditer(pre):
        rest = pre[m.end():]
        if len(rest) <= _FROM_SPAN and _digit().search(rest) and m.start() > 0:
            return pre[: m.start()]
    return pre


def _opening_level_verb(norm: str, clause_start: int, end: int, lex: _Lexicon) -> tuple[str, int] | None:
    """A level verb opening the clause, after its lead words, and where its object starts:
    "增加中小学学位2万个", "提高大病保险最高支付限额3800元"."""
    _, skipped = _strip_left(norm[clause_start:end], lex.lead_words)
    verb = lex.level_verbs.prefix(norm, clause_start + skipped)
    if verb is None or _digit().search(norm, clause_start, end):
        return None
    return verb, clause_start + skipped + len(verb)


def _measured(segment: str, level: str | None, lex: _Lexicon) -> bool:
    """The level verb before the figure follows a measure's name, so it is the verb even after an
    action: in "转化科技成果数量增长15%" the figure is the growth of 转化科技成果数量."""
    if level is None:
        return False
    name = _strip_right(segment, lex.between_words)
    name = name[: name.rfind(level)] if level in name else name
    return lex.target_measures.suffix(name) is not None


def _is_bare_target(norm: str, clause_start: int, q: Quantity, fig_end: int, limit: int,
                    lex: _Lexicon) -> bool:
    """A clause that is only a measure and its figure sets a target though no verb says so:
    "重型载货车辆绿色替代率50%以上", "郑州机场货邮吞吐量100万吨"."""
    if fig_end < limit and norm[fig_end] not in _CLAUSE_END:
        return False
    name = _strip_right(norm[clause_start:q.start], lex.between_words)
    return not _digit().search(name) and lex.target_measures.suffix(name) is not None


def _verb_after_served(norm: str, clause_start: int, q: Quantity, fig_end: int, limit: int,
                       lex: _Lexicon) -> re.Match[str] | None:
    """The task verb after a count of those it serves, the clause opening with 为/对 and the
    count: "为2万名特殊困难老年人提供居家上门服务", "为超300万名婴幼儿发放育儿补贴"."""
    if q.unit not in lex.classifiers:
        return None
    head = _strip_right(norm[clause_start:q.start], lex.q_before_words)  # 为超300万名
    mark = next((m for m in lex.beneficiary_marks if head.endswith(m)), None)
    if mark is None and head.endswith(lex.of) and not _digit().search(head):
        # 对前两年…发现问题的40家…单位进行再检查: the count after the mark's modifier
        opened, skipped = _strip_left(head, lex.lead_words)
        mark = next((m for m in lex.beneficiary_marks if opened.startswith(m)), None)
        head = head[: skipped + len(mark)] if mark else head
    if mark is None or _strip_left(head[: -len(mark)], lex.lead_words)[0]:
        return None
    cut = _CLAUSE_MARK.search(norm, fig_end, limit)
    for m in lex.verbs.finditer(norm, fig_end, cut.start() if cut else limit):
        if _is_action(norm, m, lex):
            return m
    return None


def _goal_word(norm: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """The goal word among the lead words opening ``norm[start:end]``: "力争整车产量200万辆" sets
    a target though no verb says so. Only for the clause's first figure: a later one is an item
    of a list whose first figure said what the list is."""
    if _digit().search(norm, start, end):
        return None
    pos = start
    while pos < end:
        word = lex.lead_words.prefix(norm, pos)
        if word is None:
            return None
        if word in lex.goal_words:
            return word
        pos += len(word)
    return None


def _is_size_class(norm: str, q: Quantity, qualifier: str | None, fig_end: int, limit: int) -> bool:
    """A sum with a bound word glued to the noun after it names a class of that noun, it is not
    a task's size: "营收1亿元以上企业有研发机构", "投资2000万元以上的技改项目3000个"."""
    return q.unit_class == "money" and qualifier in ("at_least", "at_most") and fig_end > q.end and \
        fig_end < limit and norm[fig_end] not in _PHRASE_END


def _level_verb(text: str, lex: _Lexicon) -> str | None:
    """The level verb that ``text`` ends with (达到, 稳定在 ...), looking past 分别, 不少于 ..."""
    while text:
        verb = lex.level_verbs.suffix(text)
        if verb is not None:
            return verb
        word = lex.between_words.suffix(text)
        if word is None:
            return None
        text = text[: -len(word)]
    return None


def _head_noun(noun: str, lex: _Lexicon) -> str:
    """What a classifier counts: 老旧小区 in 老旧小区1502户,
    装备制造项目 in 年度计划总投资100亿元的装备制造项目."""
    m = re.search(r"\d", noun)
    if m is None:
        return noun
    head = noun[: m.start()]
    if lex.of in noun and _strip_right(head, lex.between_words).endswith(lex.attribute_before):
        return noun.rsplit(lex.of, 1)[1]
    return head


def _chain(norm: str, m: re.Match[str], limit: int, lex: _Lexicon) -> tuple[str, int, int]:
    """An action and the ones joined to it: 新建和提升, 新续建、改扩建, 建成并投入使用."""
    end = m.end()
    while end < limit and norm[end] in lex.glue:
        nxt = lex.verbs.match(norm, end + 1, limit)
        if nxt is None or not _is_action(norm, nxt, lex):
            break
        end = nxt.end()
    return norm[m.start():end], m.start(), end


def _is_list_item(segment: str, q: Quantity, state: _State, lex: _Lexicon) -> bool:
    """A clause that only names what is counted continues the sentence's list: "开工建设保障性
    住房1000套，公共租赁住房576套" or "…等12个…项目". A short clause with a figure of another
    kind ("…10个县级托育服务机构，惠及超50万名") is not an item of the list."""
    if lex.skip_before.search(segment):
        return False
    if _strip_right(segment, lex.between_words).endswith(lex.list_markers):
        return True
    return len(segment) <= 16 and q.unit_class == state.unit_class


def _glossaries(norm: str) -> list[tuple[int, int]]:
    """The spans of the glossaries after the report (名词解释 …): they explain names and promise
    nothing. One runs to the next annex heading (附件, 附件2: the year's 民生实事 may follow)."""
    lex = lexicon()
    out = []
    pos = 0
    while (m := lex.glossary.search(norm, pos)) is not None:
        nxt = lex.annex.search(norm, m.end())
        end = nxt.start() if nxt else len(norm)
        out.append((m.start(), end))
        pos = end
    return out


def extract_commitments(doc: Document, facts: list[Fact] | None = None) -> list[Commitment]:
    """Every quantified commitment of the plan part, in text order."""
    norm = doc.norm or fold(doc.text)
    facts = [f for f in facts or () if f.period == "target"] or list(facts or ())
    digit = _digit()
    out: list[Commitment] = []
    goals = plan_period_sections(doc)  # five-year goals, not this year's tasks
    glossaries = _glossaries(norm)
    # only sentences that a place of the text's figures lies in or runs into can hold one
    sentences = doc.sentences
    heads = [s.start for s in sentences]
    q_starts, q_ends = spans(norm)
    hit = set(map(bisect_right, repeat(heads), q_starts))
    hit.update(map(bisect_right, repeat(heads), [e - 1 for e in q_ends]))
    # a sentence's figures can only lie inside the facts that overlap it
    facts.sort(key=lambda f: f.start)
    f_starts = [f.start for f in facts]
    longest = max((f.end - f.start for f in facts), default=0)
    for k in sorted(hit):
        sent = sentences[k - 1] if k else None
        if sent is None or sent.part != "plan" or sent.section in goals or \
                any(a <= sent.start < b for a, b in glossaries) or \
                not digit.search(norm, sent.start, sent.end):
            continue
        quantities = list(find_quantities(norm, sent.start, sent.end))
        # only a figure written in digits can be a commitment (_is_name); the others only end lists
        if any(q.value_text[:1].isdigit() for q in quantities):
            near = facts[bisect_left(f_starts, sent.start - longest): bisect_left(f_starts, sent.end)]
            out.extend(_sentence_commitments(doc, norm, sent, near, quantities))
    return out
