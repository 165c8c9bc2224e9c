"""The pipeline: read → segment → metadata → extract → Report. One bad document stops only itself.

>>> r = parse("各位代表：\\n一、2023年工作回顾\\n地区生产总值增长6.0%。")
>>> r.metadata.year, r.facts[0].value
(2024, 6.0)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from govreport import metadata as metadata_mod
from govreport.errors import NotAReport
from govreport.extract.facts import extract_facts
from govreport.lexicon import phrases
from govreport.model import Document, Report
from govreport.normalize import fold
from govreport.read import document_from_text, read_document
from govreport.read.start import find_body_end, find_body_start
from govreport.segment import segment


def _normalise(doc: Document) -> None:
    doc.norm = fold(doc.text)


def _find_body(doc: Document) -> None:
    norm = doc.norm or fold(doc.text)
    doc.body_start = find_body_start(norm)
    doc.body_end = find_body_end(norm, doc.body_start)
    if doc.body_end <= doc.body_start:
        doc.body_start, doc.body_end = 0, len(doc.text)


def _detect_metadata(doc: Document) -> None:
    doc.metadata = metadata_mod.detect(doc.text, doc.body_start, norm=doc.norm)


def _segment(doc: Document) -> None:
    segment(doc, review_year=doc.metadata.review_year)


# what prepare() does, step by step (named, so that benchmarks can time each)
PREPARE_STEPS: tuple[tuple[str, Callable[[Document], None]], ...] = (
    ("normalise", _normalise), ("body", _find_body), ("metadata", _detect_metadata), ("segment", _segment))


def prepare(doc: Document) -> Document:
    """Find the report proper, its metadata and its structure (in place); returns ``doc``."""
    for _, step in PREPARE_STEPS:
        step(doc)
    return doc


def process(doc: Document, *, stages: tuple[str, ...] = ("facts", "commitments", "indices")) -> Report:
    """Run the extraction stages over a read document."""
    prepare(doc)
    report = Report(document=doc)
    if "facts" in stages:
        report.facts = extract_facts(doc)
    if "commitments" in stages:
        try:
            from govreport.extract.commitments import extract_commitments
        except ImportError:  # pragma: no cover - the stage is optional while it is built
            pass
        else:
            report.commitments = extract_commitments(doc, report.facts)
    if "indices" in stages:
        try:
            from govreport.extract.indices import score_indices
        except ImportError:  # pragma: no cover
            pass
        else:
            report.indices = score_indices(doc)
    return report


def check_is_report(report: Report) -> None:
    """Raise NotAReport when the text does not read like a government work report."""
    md, doc = report.metadata, report.document
    has_parts = any(s.part == "review" for s in report.sentences) and any(
        s.part == "plan" for s in report.sentences)
    if not (has_parts or report.facts) or (md.year is None and md.region is None):
        raise NotAReport(report.name, "does not look like a government work report "
                         "(no review/plan parts, no headline figures)")
    # A news story about a report has figures, a region and review/plan words too, but it is
    # not addressed to the deputies (各位代表) near its start and has no review and plan sections.
    head = doc.text[doc.body_start:doc.body_start + 3000]
    addressed = any(o in head for o in phrases()["report_openers"])
    sectioned = {"review", "plan"} <= {s.part for s in report.sections}
    if not (addressed or sectioned):
        raise NotAReport(report.name, "does not look like a government work report "
                         "(no opening address such as 各位代表, no review and plan sections)")


def parse(source: str | Path, *, name: str | None = None) -> Report:
    """Parse a report from a file path or from its text.

    A ``str`` that names an existing file is read as a file; any other string is report text.
    """
    if isinstance(source, Path) or (isinstance(source, str) and len(source) < 1024 and "\n" not in source
                                    and _is_file(source)):
        doc = read_document(source)
    else:
        doc = document_from_text(str(source), name or "<text>")
    return process(doc)


def _is_file(name: str) -> bool:
    """Whether ``name`` names an existing file; a text too long to be a file name is not one."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # ENAMETOOLONG; NUL in the string
        return False


def parse_file(path: str | Path) -> Report:
    """Read and process one file; raises a GovReportError subclass on bad input."""
    return process(read_document(path))
