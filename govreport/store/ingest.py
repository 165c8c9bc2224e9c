"""Ingest files into the store: walk, hash, skip what is known, parse (in parallel), write.

Parsing runs in worker processes when ``jobs > 1``; each worker returns the report's rows
(:class:`~govreport.store.rows.Rows`) or a one-line reason, and the parent writes the reports
in batches, one transaction each (up to ``BATCH_REPORTS`` reports or ``BATCH_CHARS``
characters, and at the latest ``BATCH_SECONDS`` after the first came back): see
:func:`~govreport.store.db.write_batch`. One bad file never stops the others and never leaves
rows behind: a failure is recorded with its reason and the next file goes on.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from govreport.errors import GovReportError
from govreport.read import SUPPORTED
from govreport.store import db, rows
from govreport.store.rows import Rows

Progress = Callable[[Path, str, int, int], None]  # (file, status, done, total)
BATCH_REPORTS = 64
BATCH_CHARS = 10_000_000
BATCH_SECONDS = 1.0


@dataclass
class IngestResult:
    """What one ingest did: files stored, files already stored, files that failed and why."""

    ingested: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)  # ingested files that replaced an older version
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return f"{len(self.ingested)} ingested, {len(self.skipped)} skipped, {len(self.failed)} failed"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | tuple[Path, str]]:
    """Files named or found (recursively) under folders, sorted; a missing path yields (path, reason)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (f.is_file() and f.suffix.lower() in SUPPORTED
                        and not any(part.startswith(".") for part in f.relative_to(p).parts)):
                    yield f
        elif p.is_file():
            yield p
        else:
            yield p, "no such file or folder"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def reason(exc: BaseException) -> str:
    """A one-line reason for a failure (the file's name is shown beside it)."""
    if isinstance(exc, GovReportError):
        text = exc.problem + (f" ({exc.fix})" if exc.fix else "")
    else:
        text = f"unexpected {type(exc).__name__}: {exc}"
    return " ".join(text.split()) or type(exc).__name__


def parse_checked(path: str | Path) -> Rows | str:
    """Parse one file, check it is a work report and turn it into rows; a reason string instead
    of raising.

    Runs in worker processes: exceptions are turned into strings here because custom
    exceptions do not always survive pickling back to the parent.
    """
    from govreport.pipeline import check_is_report, parse_file

    try:
        report = parse_file(path)
        check_is_report(report)
    except Exception as exc:  # noqa: BLE001 - one bad file stops only itself
        return reason(exc)
    replaced = report.text.count("\ufffd")
    if replaced:
        report.document.warnings.append(f"{replaced} undecodable characters replaced by U+FFFD "
                                        f"(encoding {report.document.encoding})")
    return rows.from_report(report)


def ingest(conn: sqlite3.Connection, paths: Iterable[str | Path], jobs: int = 1,
           progress: Progress | None = None) -> IngestResult:
    """Ingest files and folders into the open database; see the module docstring."""
    import time

    t0 = time.perf_counter()
    result = IngestResult()
    todo: list[tuple[Path, str]] = []  # (file, sha256)
    known = db.known_hashes(conn)
    entries = list(iter_files(paths))
    total, done = len(entries), 0

    def tick(path: Path, status: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(path, status, done, total)

    for entry in entries:
        if isinstance(entry, tuple):
            result.failed.append(entry)
            tick(entry[0], "failed")
            continue
        try:
            digest = sha256_file(entry)
        except OSError as exc:
            result.failed.append((entry, f"cannot read the file ({exc.strerror or exc})"))
            tick(entry, "failed")
            continue
        if digest in known:
            result.skipped.append(entry)
            tick(entry, "skipped")
            continue
        known.add(digest)  # the same content twice in one batch is stored once
        todo.append((entry, digest))

    batch: list[tuple[Path, str, Rows]] = []
    batch_chars, batch_start = 0, 0.0

    def flush() -> None:
        nonlocal batch, batch_chars
        items, batch, batch_chars = batch, [], 0
        if not items:
            return
        outcomes = db.write_batch(conn, [(r, path.resolve(), digest) for path, digest, r in items])
        for (path, _digest, r), written in zip(items, outcomes, strict=True):
            if isinstance(written, Exception):
                result.failed.append((path, f"cannot write to the database: {reason(written)}"))
                tick(path, "failed")
            elif written is None:  # another process stored it meanwhile
                result.skipped.append(path)
                tick(path, "skipped")
            else:
                result.ingested.append(path)
                if written.replaced:
                    result.replaced.append(path)
                result.warnings.extend((path, w) for w in r.warnings)
                tick(path, "ingested")

    def store(path: Path, digest: str, outcome: Rows | str) -> None:
        nonlocal batch_chars, batch_start
        if isinstance(outcome, str):
            result.failed.append((path, outcome))
            tick(path, "failed")
            return
        if not batch:
            batch_start = time.perf_counter()
        batch.append((path, digest, outcome))
        batch_chars += outcome.chars
        if (len(batch) >= BATCH_REPORTS or batch_chars >= BATCH_CHARS
                or time.perf_counter() - batch_start >= BATCH_SECONDS):
            flush()

    def idle() -> None:  # no parsed file came back for a while: write what is there
        if batch and time.perf_counter() - batch_start >= BATCH_SECONDS:
            flush()

    if jobs <= 1 or len(todo) <= 1:
        for path, digest in todo:
            store(path, digest, parse_checked(path))
    else:
        _parallel(todo, jobs, store, idle)
    flush()
    result.seconds = time.perf_counter() - t0
    return result


def _parallel(todo: list[tuple[Path, str]], jobs: int, store: Callable[[Path, str, Rows | str], None],
              idle: Callable[[], None]) -> None:
    """Parse in worker processes; files whose worker died are retried one per fresh process.

    At most ``2 × jobs`` files are in flight and each parsed report is dropped once stored
    (a batch of them at most is held), so memory stays flat however many files there are.
    When a worker dies, the files in flight are set aside for the retry and the rest go on in
    a fresh pool. ``idle()`` is called when no file came back for ``BATCH_SECONDS``.
    """
    retry: list[tuple[Path, str]] = []
    pending = iter(todo)
    more = True
    while more:
        more = False
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures: dict[Future[Rows | str], tuple[Path, str]] = {}
            broken = False
            while True:
                if not broken:
                    for path, digest in itertools.islice(pending, 2 * jobs - len(futures)):
                        try:
                            futures[pool.submit(parse_checked, str(path))] = (path, digest)
                        except BrokenProcessPool:  # died before its failed futures came back
                            retry.append((path, digest))
                            broken = more = True
                            break
                if not futures:
                    break
                finished, _ = wait(futures, timeout=BATCH_SECONDS, return_when=FIRST_COMPLETED)
                if not finished:
                    idle()
                for fut in finished:
                    path, digest = futures.pop(fut)
                    try:
                        outcome = fut.result()
                    except BrokenProcessPool:
                        retry.append((path, digest))
                        broken = more = True
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. rows that failed to unpickle
                        outcome = reason(exc)
                    store(path, digest, outcome)
    for path, digest in retry:
        with ProcessPoolExecutor(max_workers=1) as pool:
            try:
                outcome = pool.submit(parse_checked, str(path)).result()
            except BrokenProcessPool:
                outcome = "the parsing process crashed on this file"
            except Exception as exc:  # noqa: BLE001
                outcome = reason(exc)
        store(path, digest, outcome)
