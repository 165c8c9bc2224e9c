"""One catalogue of errors. Each names the file and the problem, and a fix where one exists."""

from __future__ import annotations


class GovReportError(Exception):
    """Base class: ``str(err)`` is a one-line message naming the file and the problem."""

    def __init__(self, name: str, problem: str, fix: str | None = None) -> None:
        self.name = name
        self.problem = problem
        self.fix = fix
        msg = f"{name}: {problem}"
        if fix:
            msg += f" ({fix})"
        super().__init__(msg)


class ReadError(GovReportError):
    """The file could not be read or decoded into text."""


class UnsupportedFormat(ReadError):
    """The file's type is not one govreport reads."""


class EmptyDocument(ReadError):
    """The file holds no text (empty, or a PDF without a text layer)."""


class NotAReport(GovReportError):
    """The text does not look like a government work report."""


class LexiconError(Exception):
    """A lexicon data file is malformed: unknown key, duplicate alias, bad value."""


class StoreError(Exception):
    """The database could not be opened or written."""
