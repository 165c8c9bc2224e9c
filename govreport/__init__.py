"""govreport: Chinese government work reports (政府工作报告) as structured, source-linked data.

>>> import govreport
>>> report = govreport.parse("各位代表：\\n一、2023年工作回顾\\n全市地区生产总值增长6.0%。")
>>> [(f.indicator, f.period, f.year, f.value) for f in report.facts]
[('gdp', 'actual', 2023, 6.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govreport.model import Commitment, Document, Fact, IndexScore, Metadata, Report, Section, Sentence
from govreport.pipeline import parse

if TYPE_CHECKING:  # pragma: no cover
    from govreport.store import Corpus

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Corpus":  # the store pulls in SQLite code only when it is used
        from govreport.store import Corpus

        return Corpus
    raise AttributeError(name)


__all__ = ["parse", "Corpus", "Report", "Document", "Fact", "Commitment", "IndexScore", "Metadata",
           "Section", "Sentence", "__version__"]
