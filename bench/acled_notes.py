"""ACLED-style event notes: does eventwire find the event ACLED would code in one of its notes?

Reads the team's own notes (bench/data/acled_notes/dev.jsonl, format in its README), codes each
note as one document dated its event date, and turns the events into ACLED rows the way
`eventwire export --format acled` does (interop/acled.py: asserted, not negated, with an ACLED
counterpart). Per split (`dev`, `heldout`), the share of notes with:

- right family: some ACLED row of the gold event type (battles, explosions/remote violence,
  violence against civilians, protests, riots, strategic developments);
- no event: no coded event at all; no ACLED row: no event that makes an ACLED row;
- and, for the row chosen (the most confident row of the right family, else the most confident
  row): sub-event type, actor 1 country (the event's source), place country, and place within
  161 km of the gold place. A note without a row counts as wrong for all of them.

Held-out notes (the split `heldout`, 30% of the notes by template family) are reported as
totals only; `--errors N` lists dev misses only.

Usage: python bench/acled_notes.py [--data FILE] [--split dev|heldout|all] [--errors N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.ingest import make_document
from eventwire.interop.acled import acled_rows
from eventwire.kb import default
from eventwire.pipeline import coder

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "acled_notes" / "dev.jsonl"
SPLITS = ("dev", "heldout")
NEAR_KM = 161
MEASURES = (
    "right family",
    "no event",
    "no ACLED row",
    "sub-event type",
    "actor 1 country",
    "place country",
    "place <=161 km",
)


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    date: dt.date
    split: str
    event_type: str
    sub_event_type: str
    actor1_country: str
    place: dict[str, Any]


def load(path: Path) -> list[Note]:
    notes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        notes.append(
            Note(
                r["id"],
                r["text"],
                dt.date.fromisoformat(r["date"]),
                r["split"],
                r["event_type"],
                r["sub_event_type"],
                r["actor1_country"],
                r["place"],
            )
        )
    return notes


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


@dataclass(frozen=True)
class Outcome:
    note: Note
    events: int
    rows: list[tuple[dict[str, Any], dict[str, Any]]]  # (ACLED row, event record)

    def chosen(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        right = [p for p in self.rows if p[0]["event_type"] == self.note.event_type]
        pool = right or self.rows
        return max(pool, key=lambda p: p[0]["confidence"] or 0.0) if pool else None

    def scores(self) -> dict[str, bool]:
        pick = self.chosen()
        row, record = pick if pick else ({}, {})
        source = record.get("source") or {}
        place = record.get("location") or {}
        gold = self.note.place
        near = place.get("lat") is not None and (
            km(place["lat"], place["lon"], gold["lat"], gold["lon"]) <= NEAR_KM
        )
        return {
            "right family": any(r["event_type"] == self.note.event_type for r, _ in self.rows),
            "no event": self.events == 0,
            "no ACLED row": not self.rows,
            "sub-event type": row.get("sub_event_type") == self.note.sub_event_type,
            "actor 1 country": source.get("country") == self.note.actor1_country,
            "place country": place.get("country") == gold["country"],
            "place <=161 km": bool(near),
        }


def code(notes: list[Note]) -> Iterator[Outcome]:
    kb = default()
    documents = [make_document(n.text, published_at=n.date) for n in notes]
    for note, coded in zip(notes, coder().code_documents(documents), strict=True):
        records = [e.model_dump(mode="json") for e in coded.events]
        by_id = {r["id"]: r for r in records}
        pairs = [(r, {"published_at": note.date.isoformat()}) for r in records]
        rows = [(row, by_id[row["event_id"]]) for row in acled_rows(kb, pairs)]
        yield Outcome(note, len(records), rows)


def shares(outcomes: Iterable[Outcome]) -> dict[str, float]:
    scored = [o.scores() for o in outcomes]
    n = len(scored) or 1
    result: dict[str, float] = {"n": float(len(scored))}
    result.update({m: round(sum(s[m] for s in scored) / n, 3) for m in MEASURES})
    return result


def describe(o: Outcome) -> str:
    misses = [m for m, ok in o.scores().items() if ok == (m in ("no event", "no ACLED row"))]
    pick = o.chosen()
    got = "no row"
    if pick:
        row, record = pick
        src = (record.get("source") or {}).get("country")
        loc = (record.get("location") or {}).get("name")
        got = f"{row['event_type']}|{row['sub_event_type']} src={src} loc={loc}"
    gold = f"{o.note.event_type}|{o.note.sub_event_type} src={o.note.actor1_country}"
    return f"{o.note.id}: {', '.join(misses)}\n  gold {gold}\n  got  {got}\n  {o.note.text}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    ap.add_argument("--errors", type=int, default=0, help="list N dev notes with a miss")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    notes = load(args.data)
    splits = SPLITS if args.split == "all" else (args.split,)
    outcomes = list(code([n for n in notes if n.split in splits]))
    report = {s: shares(o for o in outcomes if o.note.split == s) for s in splits}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{'measure':<18}" + "".join(f"{s:>10}" for s in splits))
        for m in ("n", *MEASURES):
            print(f"{m:<18}" + "".join(f"{report[s][m]:>10g}" for s in splits))
    dev_misses = [o for o in outcomes if o.note.split == "dev" and not _clean(o)]
    for o in dev_misses[: args.errors]:
        print(describe(o))


def _clean(o: Outcome) -> bool:
    s = o.scores()
    return all(s[m] for m in MEASURES if m not in ("no event", "no ACLED row"))


if __name__ == "__main__":
    main()
