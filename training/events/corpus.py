"""Load the events training corpus (training/events/corpus.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus.jsonl"
SPLITS = ("train", "heldout", "all")


def load(split: str = "train", path: Path = CORPUS) -> list[dict[str, Any]]:
    """Records of one split ("train", "heldout" or "all"), in file order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split == "all" or r["split"] == split]


def span_text(record: dict[str, Any], span: list[int] | None) -> str | None:
    """The characters a [start, end] span covers, or None."""
    return None if span is None else str(record["text"][span[0] : span[1]])
