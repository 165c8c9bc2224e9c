"""Export a table or a query result (a DataFrame) to CSV, Parquet, Excel or JSON.

CSV is UTF-8 with a byte-order mark, so Excel opens it with the Chinese intact; JSON is an
array of records with Chinese as is (not ``\\uXXXX``). Dict and list cells (``top_terms``) are
written as JSON text in CSV and Excel.

>>> import pandas as pd, tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> export_frame(pd.DataFrame({"地区": ["伊宁市"]}), out).read_bytes()[:3]
b'\\xef\\xbb\\xbf'
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"
    json = "json"


def _cells_as_text(df: Any) -> Any:
    """Dict/list cells as JSON text (CSV and Excel hold only scalars)."""
    df = df.copy()
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, dict | list)).any():
            df[col] = df[col].map(
                lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
    return df


def export_frame(df: Any, out: str | Path, fmt: ExportFormat | str | None = None) -> Path:
    """Write ``df`` to ``out``; the format is ``fmt`` or else the file's suffix. Returns the path."""
    out = Path(out)
    if fmt is None:
        fmt = out.suffix.lstrip(".").lower()
    try:
        fmt = ExportFormat(fmt)
    except ValueError:
        raise ValueError(f"{out.name}: unknown export format {fmt!r}; one of "
                         + ", ".join(f.value for f in ExportFormat)) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.csv:
        _cells_as_text(df).to_csv(out, index=False, encoding="utf-8-sig")
    elif fmt is ExportFormat.parquet:
        df.to_parquet(out, index=False, engine="pyarrow")
    elif fmt is ExportFormat.xlsx:
        _cells_as_text(df).to_excel(out, index=False, engine="openpyxl")
    else:
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        out.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def export_table(corpus: Any, table: str, out: str | Path, fmt: ExportFormat | str | None = None) -> Path:
    """Export a stored table (reports, facts, sections, commitments, indices) of a Corpus."""
    return export_frame(corpus.table(table), out, fmt)
