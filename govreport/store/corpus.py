"""``govreport.Corpus``: a folder of reports as one SQLite file to query, search and export.

>>> import govreport
>>> corpus = govreport.Corpus(":memory:")
>>> corpus.reports().empty
True
>>> corpus.close()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from govreport.store import db, queries
from govreport.store import search as search_mod
from govreport.store.ingest import IngestResult, Progress
from govreport.store.ingest import ingest as ingest_files


class Corpus:
    """The store at ``path`` (created and migrated on first use). Use as a context manager or call close()."""

    def __init__(self, path: str | Path = "govreport.db") -> None:
        self.path = path
        self.conn = db.connect(path)

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def ingest(self, paths: str | Path | Iterable[str | Path], jobs: int = 1,
               progress: Progress | None = None) -> IngestResult:
        """Store the reports in files and folders (recursively); already stored content is skipped.

        ``progress(file, status, done, total)`` is called once per file, status being
        ``ingested``, ``skipped`` or ``failed``.
        """
        if isinstance(paths, str | Path):
            paths = [paths]
        return ingest_files(self.conn, paths, jobs=jobs, progress=progress)

    def reports(self, region: str | None = None, year: int | None = None, level: str | None = None) -> Any:
        """The stored reports (metadata, no text) as a DataFrame."""
        return queries.reports(self.conn, region=region, year=year, level=level)

    def report(self, key: int | str) -> dict[str, Any]:
        """One report by id or slug: metadata, outline, facts with evidence, text."""
        return queries.report(self.conn, key)

    def facts(self, region: str | None = None, year: int | None = None, indicator: str | None = None,
              period: str | None = None, level: str | None = None, report_year: int | None = None,
              report: int | str | None = None) -> Any:
        """Facts with evidence and their report's region, level and year, as a DataFrame."""
        return queries.facts(self.conn, region=region, year=year, indicator=indicator, period=period,
                             level=level, report_year=report_year, report=report)

    def first_outcomes(self, indicator: str, year: int,
                       measure: str | Callable[[set[str]], str | None] | None = None) -> Any:
        """The facts compare can rank for ``indicator`` in ``year`` (see queries.first_outcomes)."""
        return queries.first_outcomes(self.conn, indicator=indicator, year=year, measure=measure)

    def commitments(self, region: str | None = None, year: int | None = None, action: str | None = None,
                    level: str | None = None, report: int | str | None = None) -> Any:
        return queries.commitments(self.conn, region=region, year=year, action=action, level=level,
                                   report=report)

    def indices(self, region: str | None = None, year: int | None = None, index: str | None = None,
                part: str | None = None, level: str | None = None, report: int | str | None = None) -> Any:
        return queries.indices(self.conn, region=region, year=year, index=index, part=part, level=level,
                               report=report)

    def search(self, query: str, limit: int = 20) -> list[search_mod.Hit]:
        """Passages holding ``query`` (any characters, across word boundaries), best first."""
        return search_mod.search(self.conn, query, limit=limit)

    def texts(self, reports: Iterable[str]) -> dict[str, str]:
        """Report texts by slug, in one query."""
        slugs = list(dict.fromkeys(reports))
        out: dict[str, str] = {}
        for i in range(0, len(slugs), 500):  # stay under SQLite's parameter limit
            chunk = slugs[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT slug, text FROM reports WHERE slug IN ({marks})", chunk)
            out.update((slug, text) for slug, text in rows)
        return out

    def track(self, region: str | None = None, indicator: str | None = None, year: int | None = None,
              about_tolerance: float = 0.5) -> Any:
        """Targets of year N against the outcomes reported in N+1 (see govreport.analyze.track)."""
        from govreport.analyze.track import track_corpus

        return track_corpus(self, region=region, indicator=indicator, year=year,
                            about_tolerance=about_tolerance)

    def compare(self, indicator: str, year: int | None = None, region: str | None = None,
                period: str = "actual", measure: str | None = None) -> Any:
        """Regions side by side for a year, or one region across years (see govreport.analyze.compare)."""
        from govreport.analyze.compare import compare_corpus

        return compare_corpus(self, indicator=indicator, year=year, region=region,
                              period=period, measure=measure)  # type: ignore[arg-type]

    def table(self, name: str) -> Any:
        """A whole table for export: reports, facts, sections, commitments or indices (with region, year…)."""
        try:
            view = queries.EXPORT_TABLES[name]
        except KeyError:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(queries.EXPORT_TABLES)}") from None
        return queries.frame(self.conn, f"SELECT * FROM {view}")
