"""Scale: ingest a synthetic corpus of N reports, then time the queries a user runs on it.

The synthetic reports recombine real paragraphs of the corpus (``/work/shared/corpus``) into a
real report's skeleton (``skeleton.yaml``: title and meeting line naming a division of the
gazetteer and the year, the opening address, a review heading and review paragraphs, a plan
heading and plan paragraphs), 25 consecutive years per division, each as long as a real report
drawn at random. The seed makes the corpus the same on every run.

The corpus is ingested by ``govreport ingest DIR --db X --jobs J`` in a child process, whose
process tree's memory is sampled from /proc (peak of the summed RSS; the largest single process
is from ``getrusage``). Then, through the library as the CLI calls it, each query runs
``--runs`` times (median and 95th percentile): ``facts`` of one region, ``track`` of that
region, ``compare`` of one indicator in one year (the regions' outcomes, then their targets),
``search`` for a 4-character term. Last, the
figures are extrapolated to 80,000 reports (~4.5 GB, 25 years of every Chinese government).

Run: ``.venv/bin/python benchmarks/scale.py [--reports N] [--jobs J] [--keep DIR] [--smoke]``.
"""

from __future__ import annotations

import argparse
import bisect
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from govreport.errors import GovReportError
from govreport.metadata import gazetteer
from govreport.pipeline import prepare
from govreport.read import SUPPORTED, read_document

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus"
YEARS = 25  # consecutive reports per division
FIRST_YEAR = 2001
TARGET_REPORTS, TARGET_BYTES = 80_000, 4.5e9
MIN_PARAGRAPH = 30  # characters; shorter lines are headings, list stubs or clutter


# --- the synthetic corpus ----------------------------------------------------------------------

def paragraph_pool(files: list[Path]) -> tuple[list[str], list[str], list[int]]:
    """(review paragraphs, plan paragraphs, body lengths in characters) of the real reports."""
    review: list[str] = []
    plan: list[str] = []
    lengths: list[int] = []
    for path in files:
        try:
            doc = prepare(read_document(path))
        except GovReportError:
            continue
        end = doc.body_end if doc.body_end is not None else len(doc.text)
        lengths.append(end - doc.body_start)
        headings = {s.start for s in doc.sections}
        starts = [s.start for s in doc.sentences]
        for para in doc.paragraphs:
            if para.start in headings or para.end - para.start < MIN_PARAGRAPH:
                continue
            k = bisect.bisect_right(starts, para.start) - 1
            part = doc.sentences[k].part if k >= 0 else "other"
            if part == "review":
                review.append(doc.text[para.start:para.end])
            elif part == "plan":
                plan.append(doc.text[para.start:para.end])
    return review, plan, lengths


def divisions(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct division names of the gazetteer (provinces, cities, counties)."""
    names = sorted(name for name, divs in gazetteer().items() if len(divs) == 1 and len(name) >= 2)
    return rng.sample(names, min(n, len(names)))


def build_corpus(folder: Path, n: int, source_files: list[Path], seed: int = 7) -> int:
    """Write ``n`` synthetic reports into ``folder``; return their size in UTF-8 bytes."""
    sk = yaml.safe_load((HERE / "skeleton.yaml").read_text(encoding="utf-8"))
    review, plan, lengths = paragraph_pool(source_files)
    if not review or not plan:
        raise SystemExit("no review or plan paragraphs found in the source reports")
    rng = random.Random(seed)
    regions = divisions(rng, math.ceil(n / YEARS))
    numerals = sk["numerals"]
    total = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        region, year = regions[i // YEARS % len(regions)], FIRST_YEAR + i % YEARS
        fields = {"year": year, "review_year": year - 1, "region": region, "month": rng.randint(1, 3),
                  "day": rng.randint(1, 28), "congress": numerals[9 + year // 5 % 8],
                  "session": numerals[year % 5]}
        lines = [sk[k].format(**fields) for k in ("title", "meeting", "opener", "address", "review_heading")]
        target = rng.choice(lengths)
        lines += _fill(rng, review, target * 0.45)
        lines.append(sk["plan_heading"].format(**fields))
        lines += _fill(rng, plan, target * 0.5)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (folder / f"{i:06d}_{year}.txt").write_bytes(data)
        total += len(data)
    return total


def _fill(rng: random.Random, pool: list[str], chars: float) -> list[str]:
    out: list[str] = []
    size = 0
    while size < chars:
        p = rng.choice(pool)
        out.append(p)
        size += len(p)
    return out


# --- the ingest --------------------------------------------------------------------------------

def _tree_rss(root: int) -> int:
    """Summed resident memory (bytes) of process ``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent pid
        rss[pid] = int(fields[21]) * page  # field 24 of stat: resident pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


def _stored(db: Path) -> int | None:
    """How many reports the database holds so far (read-only; None before it exists)."""
    import sqlite3

    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5) as conn:
            return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.Error:
        return None


def _checkpoint(db: Path) -> None:
    """Fold the write-ahead log into the database file, so its size is the database's."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def ingest(folder: Path, db: Path, jobs: int) -> tuple[float, int, int, list[tuple[float, int, int]]]:
    """Run ``govreport ingest``; return (seconds, peak tree RSS, largest process RSS, samples).

    ``samples`` are (seconds, reports stored, tree RSS) about once a second, to show the rate
    and the memory over the run.
    """
    exe = Path(sys.executable).with_name("govreport")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from govreport.cli import main; main()"]
    cmd += ["ingest", str(folder), "--db", str(db), "--jobs", str(jobs)]
    peak = 0
    samples: list[tuple[float, int, int]] = []
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "COLUMNS": "100", "TERM": "dumb"})
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout or ()), daemon=True)
    reader.start()
    can_sample = Path("/proc/self/stat").exists()
    last = 0.0
    while proc.poll() is None:
        rss = _tree_rss(proc.pid) if can_sample else 0
        peak = max(peak, rss)
        now = time.perf_counter() - t0
        if now - last >= 1.0:
            stored = _stored(db)
            if stored is not None:
                samples.append((now, stored, rss))
            last = now
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    reader.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KB on Linux
    if proc.returncode != 0:
        raise SystemExit(f"govreport ingest failed ({proc.returncode}):\n" + "".join(out[-20:]))
    return seconds, max(peak, largest), largest, samples


def quarters(samples: list[tuple[float, int, int]], n: int) -> list[tuple[float, int]]:
    """(ms per report, peak tree RSS) over each quarter of the reports, from the samples."""
    out = []
    bounds = [0, n // 4, n // 2, 3 * n // 4, n]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        inside = [s for s in samples if lo <= s[1] <= hi]
        if len(inside) < 2 or inside[-1][1] == inside[0][1]:
            continue
        (t_a, n_a, _), (t_b, n_b, _) = inside[0], inside[-1]
        out.append(((t_b - t_a) * 1e3 / (n_b - n_a), max(s[2] for s in inside)))
    return out


# --- the queries -------------------------------------------------------------------------------

def latency(fn: Callable[[], Any], runs: int, budget: float) -> tuple[float, float, int, int]:
    """(median ms, p95 ms, rows of the last result, runs done) after one warm-up call; stops
    early, after at least 3 runs, when ``budget`` seconds are spent (a query far too slow)."""
    t0 = time.perf_counter()
    result = fn()
    times = [(time.perf_counter() - t0) * 1000]  # replaced by the timed runs when there are any
    timed: list[float] = []
    spent = times[0] / 1000
    while len(timed) < runs:
        if spent > budget and (len(timed) >= 3 or not timed):
            break
        t = time.perf_counter()
        result = fn()
        timed.append((time.perf_counter() - t) * 1000)
        spent += timed[-1] / 1000
    times = sorted(timed or times)
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(result), len(timed) or 1


def queries(db: Path, region: str, year: int, indicator: str, term: str) -> dict[str, Callable[[], Any]]:
    """The four queries, called as the CLI calls them (Corpus methods, else the analyze functions)."""
    from govreport import Corpus

    corpus = Corpus(db)

    def track() -> Any:
        if hasattr(corpus, "track"):
            return corpus.track(region=region)
        from govreport.analyze.track import track_corpus

        return track_corpus(corpus, region=region)

    def compare(period: str = "actual") -> Any:
        if hasattr(corpus, "compare"):
            return corpus.compare(indicator=indicator, year=year, period=period)
        from govreport.analyze.compare import compare_corpus

        return compare_corpus(corpus, indicator=indicator, year=year, period=period)

    return {
        f"facts(region={region})": lambda: corpus.facts(region=region),
        f"track(region={region})": track,
        f"compare({indicator}, {year})": compare,
        f"compare({indicator}, {year}, target)": lambda: compare("target"),
        f"search({term})": lambda: corpus.search(term),
    }


# --- main --------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=1000, help="synthetic reports (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=2, help="ingest worker processes (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=50, help="runs of each query (default: %(default)s)")
    ap.add_argument("--budget", type=float, default=60.0,
                    help="seconds after which a slow query stops being repeated (default: %(default)s)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="build the corpus and database in this folder and keep them")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: time the queries on the database already there (no build, no ingest)")
    ap.add_argument("--queries", default="facts,track,compare,search",
                    help="which queries to time, comma-separated (default: %(default)s)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="real reports to take paragraphs from (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--smoke", action="store_true", help="a quick check: 10 source reports, 1 run per query")
    args = ap.parse_args(argv)

    sources = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
    sources += sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                      and p.suffix.lower() != ".txt")
    runs, budget = args.runs, args.budget
    if args.smoke:
        sources, runs, budget = sources[::max(1, len(sources) // 10)][:10], 1, 2.0
    if not sources:
        print(f"{args.corpus}: no reports found", file=sys.stderr)
        return 2
    if args.reuse and args.keep is None:
        ap.error("--reuse needs --keep DIR")
    work = args.keep or Path(tempfile.mkdtemp(prefix="govreport-scale-"))
    folder, db = work / "reports", work / "scale.db"
    n = args.reports
    try:
        if args.reuse:
            size = sum(f.stat().st_size for f in folder.glob("*.txt"))
            n = len(list(folder.glob("*.txt")))
        else:
            size = _build_and_ingest(folder, db, n, sources, args)
        _checkpoint(db)
        db_bytes = sum(f.stat().st_size for f in work.glob(db.name + "*"))
        print(f"database {db_bytes / 1e6:.1f} MB ({db_bytes / size:.2f}x the text)")

        sk = yaml.safe_load((HERE / "skeleton.yaml").read_text(encoding="utf-8"))
        region = divisions(random.Random(args.seed), math.ceil(n / YEARS))[0]
        year = FIRST_YEAR + min(n, YEARS) // 2
        wanted = set(args.queries.split(","))
        for name, fn in queries(db, region, year, sk["compare_indicator"], sk["search_term"]).items():
            if name.split("(")[0] not in wanted:
                continue
            med, p95, rows, done = latency(fn, runs, budget)
            print(f"query    {name:28s} median {med:8.1f} ms  p95 {p95:8.1f} ms  ({rows} rows, {done} runs)")
        scale = TARGET_BYTES / size
        print(f"extrapolated to {TARGET_REPORTS:,} reports ({TARGET_BYTES / 1e9:.1f} GB): "
              f"database {db_bytes * scale / 1e9:.1f} GB")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _build_and_ingest(folder: Path, db: Path, n: int, sources: list[Path], args: argparse.Namespace) -> int:
    """Build the synthetic corpus, ingest it and print the figures; return its size in bytes."""
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        f.unlink(missing_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    size = build_corpus(folder, n, sources, seed=args.seed)
    mb = size / 1e6
    print(f"corpus   {n} synthetic reports, {mb:.1f} MB ({mb * 1e3 / n:.0f} KB/report), "
          f"built in {time.perf_counter() - t0:.1f} s from {len(sources)} real reports")
    seconds, peak, largest, samples = ingest(folder, db, args.jobs)
    print(f"ingest   {n} reports in {seconds:.1f} s: {n / seconds:.1f} reports/s, "
          f"{mb / seconds:.2f} MB/s, {seconds * 1e3 / n:.1f} ms/report (--jobs {args.jobs})")
    print(f"memory   peak RSS {peak / 1e6:.0f} MB (ingest process tree; "
          f"largest single process {largest / 1e6:.0f} MB)")
    q = quarters(samples, n)
    if q:
        print("by quarter of the reports: "
              + ", ".join(f"{ms:.0f} ms/report {rss / 1e6:.0f} MB" for ms, rss in q))
    scale = TARGET_BYTES / size
    print(f"extrapolated to {TARGET_REPORTS:,} reports ({TARGET_BYTES / 1e9:.1f} GB): ingest "
          f"{seconds * scale / 60:.0f} min at --jobs {args.jobs}")
    return size


if __name__ == "__main__":
    raise SystemExit(main())
