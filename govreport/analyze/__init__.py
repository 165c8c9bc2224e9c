"""Analyses over extracted facts: target tracking and comparison across regions and years.

The functions take a facts DataFrame (the columns of :meth:`govreport.model.Report.facts_frame`,
as ``Corpus.facts()`` returns them) and return DataFrames; they never read files themselves.
"""

from __future__ import annotations

from govreport.analyze.commitments import track_commitments
from govreport.analyze.compare import compare, compare_corpus
from govreport.analyze.track import STATUSES, facts_from_reports, track, track_corpus

__all__ = ["STATUSES", "compare", "compare_corpus", "facts_from_reports", "track", "track_commitments",
           "track_corpus"]
