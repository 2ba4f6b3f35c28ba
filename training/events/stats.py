"""Print counts of the events corpus per type, mode, construction, modality and split.

Usage: .venv/bin/python training/events/stats.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.events.corpus import load


def show(title: str, counts: Counter[str]) -> None:
    print(f"\n{title}")
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {key:<28} {count:>6}")


def main() -> None:
    records = load("all")
    events = [e for r in records for e in r["events"]]
    print(f"sentences {len(records)}, events {len(events)}")
    show("split", Counter(r["split"] for r in records))
    show("construction", Counter(r["construction"] for r in records))
    show("hard negative kind", Counter(r["negative"] or "-" for r in records))
    show("type", Counter(e["type"] for e in events))
    show("type/mode", Counter(f"{e['type']}/{e['mode'] or '-'}" for e in events))
    show("modality", Counter(e["modality"] + ("/negated" if e["negated"] else "") for e in events))
    print(
        f"\nheld-out families {len({r['family'] for r in records if r['split'] == 'heldout'})}"
        f" of {len({r['family'] for r in records})}"
    )


if __name__ == "__main__":
    main()
