"""Write training/events/corpus.jsonl from the templates, triggers and fillers (fixed seed).

Usage: .venv/bin/python training/events/generate.py [--out PATH]
Running it twice gives the same file byte for byte.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `training.events` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.events.implied import implied_roles
from training.events.knowledge import HERE, Knowledge, load, read_tsv
from training.events.render import Filled, render

SEED = 20261201
PER_TYPE = 400  # sentences generated per type file (positives and the type's own negatives)
NEGATIVES = 900  # sentences generated from negatives.tsv
HELD_OUT = 0.17  # share of each file's families held out (whole families)
YEARS = (1990, 2025)
OUT = HERE / "corpus.jsonl"
SPLIT = HERE / "split.tsv"  # the split of the families that existed before (kept when adding)
# Types whose sentences happen where there is armed conflict (warplanes do not bomb Dresden).
VIOLENT = {"assault", "retreat", "threaten", "mobilize", "request", "reject", "agree", "places"}


@dataclass(frozen=True)
class Template:
    file: str
    family: str
    construction: str
    negative: str
    modality: tuple[str, ...]
    text: str


def load_templates() -> list[Template]:
    """Every template row of templates/*.tsv, in file and row order."""
    rows = []
    for path in sorted((HERE / "templates").glob("*.tsv")):
        for row in read_tsv(path):
            modality = tuple(row["modality"].split()) if row["modality"] else ()
            rows.append(
                Template(
                    path.stem,
                    row["family"],
                    row["construction"],
                    row["negative"],
                    modality,
                    row["template"],
                )
            )
    return rows


def events_of(filled: Filled, template: Template, kb: Knowledge) -> list[dict[str, Any]]:
    """The event objects of a rendered sentence, in trigger-number order, with the roles the
    sentence implies (implied.py) where it names no actor for them."""
    events = []
    for number in sorted(filled.triggers):
        span, trig = filled.triggers[number]
        spec = template.modality[number - 1] if len(template.modality) >= number else "asserted"
        source = filled.roles.get(("s", number))
        target = filled.roles.get(("o", number))
        event: dict[str, Any] = {
            "trigger": list(span),
            "source": list(source) if source else None,
            "target": list(target) if target else None,
            "type": trig.type,
            "mode": trig.mode or None,
            "cameo": trig.cameo,
            "modality": spec.lstrip("!"),
            "negated": spec.startswith("!"),
            "implied": [],
        }
        implied = implied_roles(filled, number, event, lambda iso: kb.countries[iso])
        for key, found in zip(("source", "target"), implied, strict=True):
            if found is not None:
                event[key] = list(found)
                event["implied"].append(key)
        events.append(event)
    return events


def generate_rows(
    kb: Knowledge, templates: list[Template], rng: random.Random
) -> list[dict[str, Any]]:
    """Render each template the number of times its file's quota asks, without duplicates."""
    per_file: dict[str, int] = defaultdict(int)
    for template in templates:
        per_file[template.file] += 1
    conflict = set(kb.groups["conflict"])
    places = {False: kb.places, True: [p for p in kb.places if p["country"] in conflict]}
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    for template in templates:
        quota = NEGATIVES if template.file == "negatives" else PER_TYPE
        wanted = math.ceil(quota / per_file[template.file])
        made = 0
        for _ in range(wanted * 6):
            if made == wanted:
                break
            country = rng.choice(places[template.file in VIOLENT])["country"]
            filled = render(template.text, kb, rng, rng.randint(*YEARS), country)
            if filled.text in seen:
                continue
            seen.add(filled.text)
            made += 1
            records.append(
                {
                    "id": f"{template.family}-{made:03d}",
                    "text": filled.text,
                    "family": template.family,
                    "construction": template.construction,
                    "negative": template.negative or None,
                    "file": template.file,
                    "events": events_of(filled, template, kb),
                }
            )
    return records


def held_out_families(records: list[dict[str, Any]], rng: random.Random) -> set[str]:
    """Families listed in split.tsv keep their split; of the others, whole families per file,
    a HELD_OUT share of that file's new sentences, never a family whose construction has no
    training family in its file (so every type keeps each construction in training)."""
    listed = {row["family"]: row["split"] for row in read_tsv(SPLIT)}
    chosen = {family for family, split in listed.items() if split == "heldout"}
    by_file: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    sizes: dict[str, int] = defaultdict(int)
    for record in records:
        families = by_file[record["file"]][record["construction"]]
        if record["family"] not in families:
            families.append(record["family"])
        sizes[record["family"]] += 1
    for file in sorted(by_file):
        constructions = by_file[file]
        new = [f for fams in constructions.values() for f in fams if f not in listed]
        total = sum(sizes[f] for f in new)
        trained = {c for c, fams in constructions.items() if any(f not in chosen for f in fams)}
        eligible = [
            f
            for c, fams in constructions.items()
            for i, f in enumerate(fams)
            if f not in listed and (c in trained and any(g != f and g not in chosen for g in fams))
        ]
        rng.shuffle(eligible)
        held = 0
        for family in eligible:
            if held >= HELD_OUT * total:
                break
            chosen.add(family)
            held += sizes[family]
    return chosen


def build() -> list[dict[str, Any]]:
    """The whole corpus as records, with their split."""
    rng = random.Random(SEED)
    records = generate_rows(load(), load_templates(), rng)
    held = held_out_families(records, random.Random(SEED + 1))
    for record in records:
        record["split"] = "heldout" if record["family"] in held else "train"
        del record["file"]
    return records


def write(path: Path) -> int:
    """Write the corpus to `path`; return the number of sentences."""
    records = build()
    order = ("id", "text", "family", "construction", "split", "negative", "events")
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps({k: record[k] for k in order}, ensure_ascii=False) + "\n")
    return len(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    count = write(args.out)
    print(f"wrote {count} sentences to {args.out}")


if __name__ == "__main__":
    main()
