"""Temporal expressions scored on TimeBank (TempEval-3 form) against its TIMEX3 gold.

For each .tml document the publication date is the TIMEX3 with functionInDocument=
"CREATION_TIME"; the text inside <TEXT> is coded with eventwire's time stage (the tense of each
clause from the spaCy parse, as in the product) and compared with the gold TIMEX3s:

- strict span P/R/F1: same characters (surrounding spaces and punctuation ignored);
- relaxed span P/R/F1: the spans overlap (one system mention per gold one);
- value accuracy: among relaxed matches, the share whose TimeML value equals the gold value;
  value F1 = relaxed F1 x value accuracy (TempEval-3's "value" column);
- per TIMEX3 type (DATE, TIME, DURATION, SET, and DATE+TIME): gold of that type against system
  mentions of that kind.

The documents are split in two halves (alternating, by file name): the rules were tuned looking
only at errors in the "dev" half; the "test" half was not looked at. Both are printed.
`--split dev-halves` prints the dev half and its two halves by document (dev-a, dev-b): a rule
fitted on dev errors should help both before it is kept.

Usage: python bench/time.py [--corpus DIR] [--split all|dev|test|both|dev-halves]
                            [--tense time|pipeline]
                            [--no-parse] [--errors N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.time import Timex, find_timexes

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TIMEBANK = SHARED / "time" / "TimeBank"
TYPES = ("DATE", "TIME", "DURATION", "SET")
KIND_TO_TYPE = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TRIM = " \t\n.,;:'\"()"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Document:
    name: str
    dct: dt.date
    text: str
    gold: list[Gold] = field(default_factory=list)


def _creation_date(xml: str, name: str) -> dt.date:
    for tag in re.finditer(r"<TIMEX3([^>]*)>", xml):
        attrs = dict(_ATTR.findall(tag[1]))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            return dt.date.fromisoformat(attrs["value"][:10])
    raise ValueError(f"{name}: no CREATION_TIME TIMEX3")


def load_tml(path: Path) -> Document:
    """The text inside <TEXT> with tags removed, and the TIMEX3 spans in that text."""
    xml = path.read_text(encoding="utf-8")
    body = xml[xml.index("<TEXT>") + len("<TEXT>") : xml.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[position : tag.start()])
        parts.append(piece)
        length += len(piece)
        position = tag.end()
        if tag[2] != "TIMEX3":
            continue
        if tag[1] == "":
            open_timex = (length, dict(_ATTR.findall(tag[3])))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            gold.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", ""), text))
            open_timex = None
    parts.append(html.unescape(body[position:]))
    return Document(path.stem, _creation_date(xml, path.name), "".join(parts), gold)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _tense_functions(docs: list[Document], parse: bool, which: str) -> list[Callable[[int], str]]:
    if not parse:
        return [lambda _offset: "past" for _ in docs]
    from eventwire import nlp

    if which == "pipeline":
        from eventwire.pipeline import tense_at
    else:
        from eventwire.time.tense import tense_at
    model = nlp.load()
    return [tense_at(d) for d in nlp.parse(model, (doc.text for doc in docs))]


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    value: int = 0

    def as_dict(self) -> dict[str, float | int]:
        p_strict, r_strict = _ratio(self.strict, self.system), _ratio(self.strict, self.gold)
        p_relaxed = _ratio(self.relaxed_system, self.system)
        r_relaxed = _ratio(self.relaxed_gold, self.gold)
        relaxed_f1 = _f1(p_relaxed, r_relaxed)
        accuracy = _ratio(self.value, self.relaxed_gold)
        return {
            "gold": self.gold,
            "system": self.system,
            "strict_p": p_strict,
            "strict_r": r_strict,
            "strict_f1": _f1(p_strict, r_strict),
            "relaxed_p": p_relaxed,
            "relaxed_r": r_relaxed,
            "relaxed_f1": relaxed_f1,
            "value_accuracy": accuracy,
            "value_f1": relaxed_f1 * accuracy,
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _match(gold: list[Gold], system: list[Timex], text: str) -> list[tuple[Gold, Timex | None]]:
    """Each gold TIMEX3 with the system mention that overlaps it most (each used once)."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for index, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if index not in used and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
        pairs.append((g, system[best] if best is not None else None))
    return pairs


def score(
    docs: list[Document], systems: list[list[Timex]], show_errors: int = 0
) -> dict[str, dict[str, float | int]]:
    counts = {name: Counts() for name in (*TYPES, "DATE+TIME", "ALL")}
    errors: list[str] = []
    for doc, system in zip(docs, systems, strict=True):
        for s in system:
            for name in (
                "ALL",
                KIND_TO_TYPE[s.kind],
                *(["DATE+TIME"] if s.kind in {"date", "time"} else []),
            ):
                counts[name].system += 1
        for g, s in _match(doc.gold, system, doc.text):
            groups = ["ALL", g.type, *(["DATE+TIME"] if g.type in {"DATE", "TIME"} else [])]
            system_groups = set() if s is None else {"ALL", KIND_TO_TYPE[s.kind]}
            if s is not None and s.kind in {"date", "time"}:
                system_groups.add("DATE+TIME")
            for name in groups:
                counts[name].gold += 1
                if s is None:
                    continue
                same_kind = name in system_groups
                counts[name].relaxed_gold += 1
                counts[name].relaxed_system += same_kind
                strict = _trimmed(doc.text, g.start, g.end) == _trimmed(doc.text, s.start, s.end)
                counts[name].strict += strict and same_kind
                counts[name].value += s.value == g.value
            if (s is None or s.value != g.value) and len(errors) < show_errors:
                got = "-" if s is None else f"{s.text!r} {s.value} ({s.rule})"
                errors.append(
                    f"{doc.name} dct={doc.dct} gold {g.text!r} {g.type} {g.value} | got {got}"
                )
        matched = {id(s) for _, s in _match(doc.gold, system, doc.text) if s is not None}
        for s in system:
            if id(s) not in matched and len(errors) < show_errors:
                errors.append(
                    f"{doc.name} dct={doc.dct} spurious {s.text!r} {s.kind} {s.value} ({s.rule})"
                )
    for line in errors:
        print(line, file=sys.stderr)
    return {name: c.as_dict() for name, c in counts.items()}


def _halves(items: list[int], which: str) -> list[int]:
    """Alternating halves by file name: "dev" (tuned on) and "test" (never looked at); "dev-a"
    and "dev-b" split the dev half in two the same way, to check that a rule fitted on dev errors
    helps both quarters before it is kept."""
    if which.startswith("dev"):
        dev = items[0::2]
        return dev[0::2] if which == "dev-a" else dev[1::2] if which == "dev-b" else dev
    if which == "test":
        return items[1::2]
    return items


def _table(title: str, rows: dict[str, dict[str, float | int]]) -> None:
    print(f"\n{title}")
    print(
        f"{'type':10s} {'gold':>5s} {'sys':>5s}  {'strict P/R/F1':>18s}  {'relaxed P/R/F1':>18s}  {'value acc':>9s} {'value F1':>8s}"
    )
    for name, r in rows.items():
        strict = f"{r['strict_p']:.3f}/{r['strict_r']:.3f}/{r['strict_f1']:.3f}"
        relaxed = f"{r['relaxed_p']:.3f}/{r['relaxed_r']:.3f}/{r['relaxed_f1']:.3f}"
        print(
            f"{name:10s} {r['gold']:5d} {r['system']:5d}  {strict:>18s}  {relaxed:>18s}  {r['value_accuracy']:9.3f} {r['value_f1']:8.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=TIMEBANK, help="a folder of .tml files")
    parser.add_argument(
        "--split",
        choices=("all", "dev", "test", "both", "dev-halves"),
        default="both",
        help="both: all, dev and test; dev-halves: dev, dev-a and dev-b (dev split by document)",
    )
    parser.add_argument("--no-parse", action="store_true", help="no spaCy parse: every clause past")
    parser.add_argument(
        "--tense",
        choices=("time", "pipeline"),
        default="time",
        help="clause tense from eventwire.time.tense (default) or eventwire.pipeline.tense_at",
    )
    parser.add_argument("--errors", type=int, default=0, help="print N errors to stderr")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.tml"))
    if not paths:
        sys.exit(f"no .tml files in {args.corpus}")
    docs = [load_tml(p) for p in paths]
    tenses = _tense_functions(docs, not args.no_parse, args.tense)
    systems = [find_timexes(d.text, d.dct, t) for d, t in zip(docs, tenses, strict=True)]
    splits = {"both": ("all", "dev", "test"), "dev-halves": ("dev", "dev-a", "dev-b")}.get(
        args.split, (args.split,)
    )
    results = {}
    for split in splits:
        chosen = _halves(list(range(len(docs))), split)
        errors = args.errors if split == "dev" or args.split == split else 0  # dev errors once
        rows = score([docs[i] for i in chosen], [systems[i] for i in chosen], errors)
        rows["ALL"]["documents"] = len(chosen)
        results[split] = rows
    if args.json:
        print(json.dumps({"corpus": str(args.corpus), "results": results}, indent=2))
        return
    for split, rows in results.items():
        _table(f"{args.corpus.name} [{split}: {rows['ALL']['documents']} documents]", rows)


if __name__ == "__main__":
    main()
