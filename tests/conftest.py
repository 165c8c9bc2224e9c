"""Shared fixtures: databases ingested once per test session, on fresh temp files.

- ``corpus_db``: every report of ``../shared/corpus`` (seeds and raw), ingested once; the
  Path of the SQLite file. Tests that only read may share it.
- ``seed_db``: the two seed reports and the two fictional ``examples/`` reports; a Path.

Open them with ``govreport.Corpus(path)`` (and close it), or with ``sqlite3``; do not write to
them: copy the file first (``shutil.copy``) when a test must change it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CORPUS, EXAMPLES, SEEDS


def _ingest(path: Path, sources: list[Path], jobs: int) -> Path:
    from govreport import Corpus

    with Corpus(path) as corpus:
        result = corpus.ingest(sources, jobs=jobs)
    assert result.ingested, f"nothing ingested from {sources}: {result.failed}"
    return path


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shared corpus in one database (5–10 s; one process is faster than two on 85 files)."""
    return _ingest(tmp_path_factory.mktemp("corpus") / "corpus.db", [CORPUS], jobs=1)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed reports and the example reports."""
    return _ingest(tmp_path_factory.mktemp("seed") / "seed.db", [SEEDS, EXAMPLES], jobs=1)
