"""The corpus store: one SQLite file holding reports, their structure, facts and a search index.

See :mod:`govreport.store.schema` for the tables and views, :mod:`govreport.store.db` for
writing, :mod:`govreport.store.ingest` for ingesting files and :mod:`govreport.store.search`
for full-text search.
"""

from __future__ import annotations

from govreport.store.corpus import Corpus
from govreport.store.db import connect, write_report
from govreport.store.ingest import IngestResult
from govreport.store.search import Hit

__all__ = ["Corpus", "connect", "write_report", "IngestResult", "Hit"]
