"""Paths shared by the tests: the real corpus lives beside the project, never inside it."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
RAW = CORPUS / "raw"
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples"
URUMQI = SEEDS / "000_c029eef56a02c8f7.txt"
YINING = SEEDS / "004_9ccbc78c2cb184b9.txt"


def manifest() -> list[dict[str, str]]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def all_reports() -> list[Path]:
    return [CORPUS / row["file"] for row in manifest()]
