"""Exporters, registered by format name: json (the contract), jsonl, csv, parquet."""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any

from ..errors import OnrecordError
from ..registry import exporters

QUOTE_COLUMNS = ["id", "source", "start", "end", "text", "kind", "speaker", "speaker_id", "mention", "cue", "venue",
                 "stance", "confidence", "stance_reason", "story_id", "copy_of"]


def quote_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for d in data["documents"]:
        for q in d["quotes"]:
            rows.append({"source": d["source"], **{k: q.get(k) for k in QUOTE_COLUMNS if k != "source"},
                         "mention": (q["mention"] or {}).get("text"), "cue": (q["cue"] or {}).get("text"),
                         "story_id": d.get("story_id")})
    return rows


def to_json(data: dict[str, Any], out: IO[str]) -> None:
    json.dump(data, out, ensure_ascii=False, indent=1)
    out.write("\n")


def to_jsonl(data: dict[str, Any], out: IO[str]) -> None:
    for row in quote_rows(data):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def to_csv(data: dict[str, Any], out: IO[str]) -> None:
    w = csv.DictWriter(out, fieldnames=QUOTE_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for row in quote_rows(data):
        w.writerow(row)


def to_parquet(data: dict[str, Any], path: str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise OnrecordError("E402", "parquet export needs pyarrow", hint="pip install 'onrecord[parquet]'") from exc
    rows = quote_rows(data)
    table = pa.Table.from_pylist(rows or [], schema=None if rows else pa.schema([(c, pa.string()) for c in
                                                                                  QUOTE_COLUMNS]))
    pq.write_table(table, path)


exporters.add("json", to_json)
exporters.add("jsonl", to_jsonl)
exporters.add("csv", to_csv)
exporters.add("parquet", to_parquet)


def render(data: dict[str, Any], fmt: str) -> str:
    """Text formats into a string (parquet needs a file path)."""
    fn = exporters.get(fmt)
    if fmt == "parquet":
        raise OnrecordError("E402", "parquet is binary: give --output FILE")
    buf = io.StringIO()
    fn(data, buf)  # type: ignore[operator]
    return buf.getvalue()
