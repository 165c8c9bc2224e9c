"""Commitments: the quantified tasks of the plan part ("新建高标准农田3.7万亩").

Every number-with-unit of a plan sentence (:func:`govreport.numbers.find_quantities`) is a
candidate. It becomes a commitment when something in its clause says it is a task:

1. an *action* verb before it in the clause (新建, 完成, 培育 ...), or a *level verb* right
   before the number (覆盖率达到88%以上); a list item without its own verb inherits the verb
   of the item before it in the same sentence ("新续建排水管网242.6公里、城市公厕50处");
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
from dataclasses import dataclass
from functools import cache

from govreport.errors import LexiconError
from govreport.lexicon import indicators, load_yaml, phrases
from govreport.model import Commitment, Document, Fact, Sentence
from govreport.normalize import fold
from govreport.numbers import Quantity, find_quantities

_KEYS = {
    "actions", "level_verbs", "lead_words", "between_words", "skip_before", "attribute_before",
    "project_words", "classifiers", "not_counted", "subject_trim", "list_markers", "not_verbs", "from_words",
    "not_list_markers", "glue", "name_before", "modifier_mark", "year_word",
}
_CLAUSE_END = "，,；;：:。!?！？\n"
_PHRASE_END = _CLAUSE_END + "、"
_QUOTES = {"“": "”", "《": "》", "\"": "\"", "「": "」"}


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


@dataclass(frozen=True)
class _Lexicon:
    verbs: re.Pattern[str]  # actions and lead words: 力争创建 is 力争 + 创建, not 争创
    action_words: frozenset[str]
    level_verbs: tuple[str, ...]
    lead_words: tuple[str, ...]
    between_words: tuple[str, ...]
    skip_before: re.Pattern[str]
    attribute_before: tuple[str, ...]
    project_words: re.Pattern[str]
    classifiers: frozenset[str]
    not_counted: tuple[str, ...]
    subject_trim: tuple[str, ...]
    list_markers: tuple[str, ...]
    from_words: tuple[str, ...]
    not_list_markers: tuple[str, ...]
    glue: str  # list glue characters: 、 and the glue words
    name_before: str
    of: str  # the modifier particle
    year: re.Pattern[str]
    to_words: tuple[str, ...]
    q_after: dict[str, str]
    q_before: dict[str, str]


def _by_length(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@cache
def lexicon() -> _Lexicon:
    """The commitment word lists (``commitments.yaml``), validated and compiled once."""
    data = load_yaml("commitments.yaml")
    unknown, missing = set(data) - _KEYS, _KEYS - set(data)
    if unknown or missing:
        raise LexiconError(f"commitments.yaml: unknown key(s) {sorted(unknown)}, "
                           f"missing key(s) {sorted(missing)}")
    for key, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"commitments.yaml: {key} must be a list of words")
    q = phrases()["qualifiers"]
    return _Lexicon(
        verbs=_alternation(data["actions"] + data["lead_words"] + data["not_verbs"]),
        action_words=frozenset(data["actions"]),
        level_verbs=_by_length(data["level_verbs"]),
        lead_words=_by_length(data["lead_words"]),
        between_words=_by_length(data["between_words"] + list(q["before"])),
        skip_before=_alternation(data["skip_before"]),
        attribute_before=_by_length(data["attribute_before"]),
        project_words=_alternation(data["project_words"]),
        classifiers=frozenset(data["classifiers"]),
        not_counted=_by_length(data["not_counted"]),
        subject_trim=_by_length(data["subject_trim"]),
        list_markers=_by_length(data["list_markers"]),
        from_words=_by_length(data["from_words"]),
        not_list_markers=_by_length(data["not_list_markers"]),
        glue="、" + "".join(data["glue"]),
        name_before="".join(data["name_before"]),
        of=data["modifier_mark"][0],
        year=re.compile(r"\d{4}(?:" + "|".join(map(re.escape, data["year_word"])) + ")"),
        to_words=tuple(phrases()["to_words"]),
        q_after=dict(q["after"]),
        q_before=dict(q["before"]),
    )


def _strip_right(text: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed and text:
        changed = False
        for w in words:
            if text.endswith(w):
                text, changed = text[: -len(w)], True
                break
    return text


def _strip_left(text: str, words: tuple[str, ...]) -> tuple[str, int]:
    """``text`` without leading words, years and list glue; also how many characters went."""
    lex = lexicon()
    start = 0
    while start < len(text):
        if text[start] in lex.glue + " ，,":
            start += 1
            continue
        m = lex.year.match(text, start)
        if m:
            start = m.end()
            continue
        w = next((w for w in words if text.startswith(w, start)), None)
        if w is None:
            break
        start += len(w)
    return text[start:], start


def _quoted(norm: str, sent: Sentence) -> list[tuple[int, int]]:
    spans, opened = [], None
    for i in range(sent.start, sent.end):
        ch = norm[i]
        if opened is None and ch in _QUOTES:
            opened = (i, _QUOTES[ch])
        elif opened is not None and ch == opened[1]:
            spans.append((opened[0], i + 1))
            opened = None
    return spans


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
    for word, qual in sorted(lex.q_after.items(), key=lambda kv: -len(kv[0])):
        if norm.startswith(word, q.end):
            return qual, q.end + len(word)
    for word, qual in sorted(lex.q_before.items(), key=lambda kv: -len(kv[0])):
        if before.endswith(word):
            return qual, q.end
    return None, q.end


def _noun_after(norm: str, pos: int, limit: int, stops: str) -> tuple[str, int]:
    """The noun phrase from ``pos`` up to the next clause mark (or ``limit``)."""
    end = pos
    while end < limit and norm[end] not in stops:
        end += 1
    return norm[pos:end], end


def _is_attribute(norm: str, q: Quantity, lex: _Lexicon, before: str, after_pos: int, limit: int) -> bool:
    """Describes a project (总投资2.5亿元, 年产6万吨, 5万千瓦光伏发电项目), is not a task's size."""
    if _strip_right(before, lex.between_words).endswith(lex.attribute_before):
        return True
    if q.unit in lex.classifiers or after_pos >= limit:
        return False
    nxt = norm[after_pos]
    if nxt in _PHRASE_END or nxt == lex.of:
        return False
    phrase, _ = _noun_after(norm, after_pos, limit, _CLAUSE_END)
    return bool(lex.project_words.search(phrase))


def _clean_subject(text: str, lex: _Lexicon) -> str:
    masked = text
    for word in lex.not_list_markers:
        masked = masked.replace(word, "\0" * len(word))
    for marker in lex.list_markers:
        at = masked.rfind(marker)
        if at >= 0 and _clean_subject(text[at + len(marker):], lex):  # 省实验室、研究院等10家: keep all
            text = text[at + len(marker):]
    text, _ = _strip_left(text, lex.lead_words)
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
    unit_class: str = ""


def _sentence_commitments(doc: Document, norm: str, sent: Sentence, facts: list[Fact],
                          path: list[str]) -> list[Commitment]:
    lex = lexicon()
    quoted = _quoted(norm, sent)
    state = _State()
    out: list[Commitment] = []
    for q in find_quantities(norm, sent.start, sent.end):
        clause_start = sent.start
        for i in range(q.start - 1, sent.start - 1, -1):
            if norm[i] in _CLAUSE_END:
                clause_start = i + 1
                break
        if clause_start > state.last_end >= 0:
            state.last_end = -1  # a new clause: the list (if any) ended
        if _is_name(norm, q, quoted):
            continue
        seg_start = max(clause_start, state.last_end)
        before = norm[clause_start:q.start]
        if lex.skip_before.search(before):
            continue
        qualifier, fig_end = _qualifier(norm, q, lex, before)
        if _is_attribute(norm, q, lex, before, fig_end, sent.end) or \
                _is_from_value(norm, q, lex, seg_start, fig_end):
            continue

        # the verb: an action in this item, an action earlier in the clause (a list), a level
        # verb right before the number, or the verb of the sentence's previous item
        segment = norm[seg_start:q.start]
        own = _first_action(norm, seg_start, q.start, lex, at_start=state.last_end >= 0)
        earlier = None if own else [m.group() for m in lex.verbs.finditer(norm, clause_start, seg_start)
                                    if m.group() in lex.action_words]
        level = _level_verb(segment, lex)
        action_start = None
        if own is not None:
            action, action_start, subj_from = _chain(norm, own, q.start, lex)
        elif earlier:
            action, subj_from = earlier[-1], seg_start
        elif level is not None:
            action, subj_from = level, seg_start
        elif state.action is not None and (state.last_end >= 0 or _is_list_item(segment, q, state, lex)):
            action, subj_from = state.action, seg_start
        else:
            continue
        pre = norm[subj_from:q.start]
        lv = _level_verb(pre, lex)
        if lv is not None:
            pre = _strip_right(pre, lex.between_words)
            pre = pre[: pre.rfind(lv)] if lv in pre else pre
        subject = _clean_subject(pre, lex)
        end = fig_end
        counts_after = q.unit in lex.classifiers or not subject  # 14个示范点, 抓好3万亩高标准农田建设
        if counts_after and fig_end < sent.end and norm[fig_end] not in _PHRASE_END:
            if norm.startswith(lex.not_counted, fig_end):
                continue
            noun, noun_end = _noun_after(norm, fig_end, sent.end, _PHRASE_END)
            noun = _clean_subject(_head_noun(noun, lex), lex)
            if noun:
                subject, end = noun, noun_end
        if not subject and action_start is not None:  # 中央预算内投资拟安排7000亿元
            subject = _clean_subject(_strip_right(norm[clause_start:action_start], lex.lead_words), lex)
        if not subject:  # 分别增长3.5%、3.2%: the list shares its subject
            subject = state.subject
        if action_start is not None:
            start = action_start
        else:
            at = norm.find(subject, subj_from, q.start) if subject else -1
            start = at if at >= 0 else q.start
        inside = [f for f in facts if f.start <= q.start and q.end <= f.end]
        state.action, state.last_end, state.subject, state.unit_class = action, fig_end, subject, q.unit_class
        if inside:
            residual = _fact_residual(subject, inside)
            if residual is None:
                continue
            subject = residual
        out.append(Commitment(action=action, subject=subject, value=q.value, unit=q.unit, start=start,
                              end=end, qualifier=qualifier, value_text=q.value_text, section_path=path))
    return out


def _first_action(norm: str, start: int, end: int, lex: _Lexicon, at_start: bool) -> re.Match[str] | None:
    """The first action verb in ``norm[start:end]``, reading lead words (力争 ...) as words of their
    own; for a list item (``at_start``), only a verb that opens the item counts: in
    ``实施退化林修复1万亩、草原生态修复治理29万亩`` the second item's 修复 is part of its subject."""
    for m in lex.verbs.finditer(norm, start, end):
        if m.group() in lex.action_words:
            if at_start and norm[start:m.start()].strip(lex.glue + " ，,") and \
                    _strip_left(norm[start:m.start()], lex.lead_words)[0]:
                return None
            return m
    return None


def _is_from_value(norm: str, q: Quantity, lex: _Lexicon, segment_start: int, fig_end: int) -> bool:
    """"由55元提高到70元", "从15个县扩大到57个县": the first figure is where it starts from."""
    if not any(w in norm[segment_start:q.start] for w in lex.from_words):
        return False
    after = norm[fig_end:fig_end + 10]
    cut = re.search(r"[\d，,；;。]", after)
    return any(w in (after[: cut.start()] if cut else after) for w in lex.to_words)


def _level_verb(text: str, lex: _Lexicon) -> str | None:
    """The level verb that ``text`` ends with (达到, 稳定在 ...), looking past 分别, 不少于 ..."""
    while text:
        verb = next((v for v in lex.level_verbs if text.endswith(v)), None)
        if verb is not None:
            return verb
        word = next((w for w in lex.between_words if text.endswith(w)), None)
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
        if nxt is None or nxt.group() not in lex.action_words:
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


def extract_commitments(doc: Document, facts: list[Fact] | None = None) -> list[Commitment]:
    """Every quantified commitment of the plan part, in text order."""
    norm = doc.norm or fold(doc.text)
    facts = [f for f in facts or () if f.period == "target"] or list(facts or ())
    out: list[Commitment] = []
    for sent in doc.sentences:
        if sent.part != "plan":
            continue
        path = doc.sections[sent.section].path(doc.sections) if sent.section is not None else []
        out.extend(_sentence_commitments(doc, norm, sent, facts, path))
    return out
