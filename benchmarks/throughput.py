"""Throughput: govreport's full extraction against ``jieba.lcut``, same texts, same process, same run.

Every report of the corpus (``/work/shared/corpus`` or ``--corpus``) is read once, outside the
timing. Then, for each repetition, the whole corpus is run through (a) ``govreport.pipeline.process``
on a fresh Document (structure, metadata, facts, and commitments and indices when those stages
exist) and (b) ``jieba.lcut`` (the first step of a word-count pipeline; its dictionary is loaded
before timing starts). The two are interleaved repetition by repetition so that machine noise hits
both alike. Throughput is UTF-8 megabytes of text per second; the last line is the ratio::

    govreport  best 12.3 MB/s  median 11.9 MB/s  (4.73 MB, 85 reports, 5 reps)
    jieba      best  0.52 MB/s median  0.50 MB/s
    ratio 23.7

Run: ``.venv/bin/python benchmarks/throughput.py [--reps N] [--smoke] [--profile]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from govreport.model import Document, Fact
from govreport.pipeline import PREPARE_STEPS, process
from govreport.read import SUPPORTED, read_document

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_files(root: Path) -> list[Path]:
    """Every readable report under ``root``, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)


def fresh(doc: Document) -> Document:
    """A copy of a read document with none of the pipeline's results on it."""
    return Document(text=doc.text, name=doc.name, path=doc.path, format=doc.format, encoding=doc.encoding)


def run_govreport(docs: list[Document]) -> int:
    n = 0
    for d in docs:
        n += len(process(fresh(d)).facts)
    return n


def run_jieba(texts: list[str]) -> int:
    import jieba

    n = 0
    for t in texts:
        n += len(jieba.lcut(t))
    return n


def stage_seconds(docs: list[Document], reps: int) -> dict[str, float]:
    """CPU seconds of each pipeline stage over all ``docs``, the least of ``reps`` passes."""
    from govreport.extract.commitments import extract_commitments
    from govreport.extract.facts import extract_facts
    from govreport.extract.indices import score_indices

    best: dict[str, float] = {}
    for _ in range(reps):
        total: dict[str, float] = {}
        for d0 in docs:
            d = fresh(d0)
            facts: list[Fact] = []
            steps = [*PREPARE_STEPS, ("facts", lambda d, facts=facts: facts.extend(extract_facts(d))),
                     ("commitments", lambda d, facts=facts: extract_commitments(d, facts)),
                     ("indices", score_indices)]
            for name, step in steps:
                t0 = time.process_time()
                step(d)
                total[name] = total.get(name, 0.0) + time.process_time() - t0
        best = {k: min(v, best.get(k, v)) for k, v in total.items()}
    return best


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="folder of reports (default: %(default)s)")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of each side (default: %(default)s)")
    ap.add_argument("--smoke", action="store_true", help="2 reports, 1 repetition (a quick check)")
    ap.add_argument("--profile", action="store_true", help="profile one govreport pass with pyinstrument")
    ap.add_argument("--stages", action="store_true",
                    help="also print each stage's CPU seconds over the corpus (least of the repetitions)")
    args = ap.parse_args(argv)

    files = corpus_files(args.corpus)
    if not files:
        print(f"{args.corpus}: no reports found", file=sys.stderr)
        return 2
    reps = args.reps
    if args.smoke:
        files, reps = files[:2], 1
    docs = [read_document(p) for p in files]
    texts = [d.text for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # load the dictionary outside the timing
    run_govreport(docs[:1])  # warm caches: lexicons, gazetteer, automata, regexes

    if args.profile:
        from pyinstrument import Profiler

        with Profiler(interval=0.0005) as prof:
            run_govreport(docs)
        print(prof.output_text(unicode=True, color=False, show_all=False))

    if args.stages:
        for name, seconds in stage_seconds(docs, reps).items():
            print(f"stage {name:12s} {seconds:6.3f} s CPU")

    gov, jb = [], []
    for _ in range(reps):
        gov.append(timed(lambda: run_govreport(docs)))
        jb.append(timed(lambda: run_jieba(texts)))

    def rates(times: list[float]) -> tuple[float, float]:
        return mb / min(times), mb / statistics.median(times)

    g_best, g_med = rates(gov)
    j_best, j_med = rates(jb)
    print(f"govreport  best {g_best:6.2f} MB/s  median {g_med:6.2f} MB/s  "
          f"({mb:.2f} MB, {len(docs)} reports, {reps} reps)")
    print(f"jieba      best {j_best:6.2f} MB/s  median {j_med:6.2f} MB/s")
    print(f"ratio {g_med / j_med:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
