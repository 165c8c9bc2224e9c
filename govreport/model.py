"""The data model: one Document flows through the pipeline and comes out as a Report.

Every span anywhere (section, sentence, fact, commitment) is a pair of ``start``/``end``
character offsets into ``Document.text``, the decoded original text. Evidence is always
``text[start:end]``; it is derived, never stored apart from the offsets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Part = Literal["front", "review", "plan", "other"]
Period = Literal["actual", "target"]
Measure = Literal["level", "growth"]
Qualifier = Literal["about", "at_least", "at_most", "range"]


@dataclass(slots=True)
class Metadata:
    """What a report says about itself: who delivered it, where and when."""

    region: str | None = None
    level: str | None = None  # national | province | city | county
    year: int | None = None  # the year the report was delivered
    date: str | None = None  # ISO date of the meeting, when the header states it
    speaker: str | None = None
    title: str | None = None
    region_code: str | None = None  # administrative division code (GB/T 2260), when known
    meeting: str | None = None  # e.g. 伊宁市第十八届人民代表大会第四次会议

    @property
    def review_year(self) -> int | None:
        """The year reviewed: the year before delivery."""
        return self.year - 1 if self.year else None


@dataclass(slots=True)
class Section:
    """A heading and the text under it, down to the next heading of the same or higher rank."""

    index: int
    depth: int  # 1 = top level (一、 or a part title), 2 = （一）, 3 = 1、 ...
    heading: str
    start: int  # start of the heading line
    heading_end: int
    end: int  # end of the section's content
    parent: int | None
    part: Part = "other"

    def path(self, sections: list[Section]) -> list[str]:
        """Headings from the top of the tree down to this section."""
        out: list[str] = []
        node: Section | None = self
        while node is not None:
            out.append(node.heading)
            node = sections[node.parent] if node.parent is not None else None
        return out[::-1]


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    part: Part = "other"
    section: int | None = None  # index into Document.sections


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """Decoded text plus what the reader learned about where it came from."""

    text: str
    name: str = "<text>"  # file name, or <text> for a string
    path: str | None = None
    format: str = "txt"
    encoding: str | None = None
    body_start: int = 0  # where the report proper begins (after web clutter, titles ...)
    body_end: int | None = None
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    norm: str = ""  # text with full-width forms folded, same length: offsets are shared
    warnings: list[str] = field(default_factory=list)

    def part_at(self, offset: int) -> Part:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s.part
        return "other"


@dataclass(slots=True)
class Fact:
    """One headline-indicator figure, tied to the span of text that states it."""

    indicator: str
    period: Period
    year: int | None
    measure: Measure
    value: float
    unit: str
    start: int
    end: int
    qualifier: Qualifier | None = None
    value_high: float | None = None
    value_text: str = ""  # the number as written (e.g. 4168.5, 千, 1.7)
    unit_text: str = ""  # the unit as written (亿元, ％, 倍 ...)

    def evidence(self, text: str) -> str:
        return text[self.start : self.end]

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = asdict(self)
        if text is not None:
            d["evidence"] = self.evidence(text)
        return d


@dataclass(slots=True)
class Commitment:
    """A quantified promise of the plan part: action, subject, how much."""

    action: str
    subject: str
    value: float
    unit: str
    start: int
    end: int
    qualifier: Qualifier | None = None
    value_text: str = ""
    section_path: list[str] = field(default_factory=list)

    def evidence(self, text: str) -> str:
        return text[self.start : self.end]

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = asdict(self)
        d["section"] = " / ".join(self.section_path)
        if text is not None:
            d["evidence"] = self.evidence(text)
        return d


@dataclass(slots=True)
class IndexScore:
    """Attention to a theme: keyword occurrences in one part of one report."""

    index: str  # e.g. environment
    part: str  # all | review | plan
    count: int
    chars: int
    per_10k: float
    sentences: int
    sentence_share: float
    top_terms: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Report:
    """A processed document: the text, its structure and everything extracted from it."""

    document: Document
    facts: list[Fact] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    indices: list[IndexScore] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def metadata(self) -> Metadata:
        return self.document.metadata

    @property
    def sections(self) -> list[Section]:
        return self.document.sections

    @property
    def sentences(self) -> list[Sentence]:
        return self.document.sentences

    @property
    def name(self) -> str:
        return self.document.name

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape written by ``govreport extract --out`` (read by the scorer)."""
        md = self.metadata
        text = self.text
        return {
            "report": self.name,
            "region": md.region,
            "level": md.level,
            "year": md.year,
            "date": md.date,
            "speaker": md.speaker,
            "title": md.title,
            "facts": [f.to_dict(text) for f in self.facts],
            "commitments": [c.to_dict(text) for c in self.commitments],
            "indices": [i.to_dict() for i in self.indices],
            "outline": [
                {"depth": s.depth, "heading": s.heading, "start": s.start, "end": s.end, "part": s.part}
                for s in self.sections
            ],
        }

    def facts_frame(self) -> Any:
        """Facts as a pandas DataFrame, one row per fact, with evidence and report metadata."""
        import pandas as pd

        from govreport.analyze.track import FACT_COLUMNS
        from govreport.extract.targets import read_targets

        rows = []
        r = read_targets(self.text, self.facts, self.metadata.year)
        review_status, review_evidence = r.review or (None, None)
        for f, kind, hit in zip(self.facts, r.target_sentence, r.self_status, strict=True):
            row = f.to_dict(self.text)
            status, evidence = hit or (None, None)
            row.update(report=self.name, region=self.metadata.region, level=self.metadata.level,
                       report_year=self.metadata.year, target_sentence=kind, self_status=status,
                       self_evidence=evidence, review_self_status=review_status,
                       review_self_evidence=review_evidence)
            rows.append(row)
        return pd.DataFrame(rows, columns=FACT_COLUMNS)
