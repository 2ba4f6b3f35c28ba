"""Writing the analysis tables: an aligned table, CSV, JSON or JSON Lines (lists and mappings
as JSON; dates as ISO dates)."""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from typing import Any, TextIO

import pandas as pd

from ..errors import InvalidOption

FORMATS = ("table", "csv", "json", "jsonl")


def _plain(value: Any) -> Any:
    """A cell as a JSON value."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return None if value is pd.NaT else value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return f"[{len(value)}]" if len(value) > 3 else ",".join(map(str, value))
    if isinstance(value, dict):
        return " ".join(f"{k}:{v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def write_frame(frame: pd.DataFrame, fmt: str, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt not in FORMATS:
        raise InvalidOption(f"--format: unknown value {fmt!r}; valid: {', '.join(FORMATS)}")
    if fmt == "json":
        out.write(json.dumps(records(frame), ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        for row in records(frame):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        cells = frame.apply(lambda column: column.map(_csv_cell))
        cells.to_csv(out, index=False)
    else:
        cells = frame.apply(lambda column: column.map(_cell))
        out.write(cells.to_string(index=False) + "\n")


def _csv_cell(value: Any) -> Any:
    value = _plain(value)
    return json.dumps(value) if isinstance(value, list | dict) else value
