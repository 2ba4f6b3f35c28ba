"""Polarity and modality of events on TimeBank, given the gold trigger.

For every EVENT instance (MAKEINSTANCE) of TimeBank, the EVENT tag's character span is mapped
onto the spaCy parse of the document text, and `eventwire.events.modality` is called on the
span's head token. Gold, as TimeBank annotates it:

- polarity: MAKEINSTANCE `polarity` (POS / NEG); compared with the predicate's own negation
  (`marking(...).negated`). The event-level `negated` of `modality_of` (which also counts
  "refused to withdraw", a negation TimeBank leaves POS) is printed beside it.
- modal or future: a MAKEINSTANCE `modality` other than "none" (would, could, may, might,
  must, have to, ...) or `tense="FUTURE"`; compared with `marking(...)` having a modal or the
  future. Modal and future are also scored apart.

Usage: python bench/modality.py [--corpus DIR] [--json] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventwire import kb as kb_module
from eventwire import nlp as nlp_module
from eventwire.events.modality import ModalityCues, marking, modality_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NOT_MODAL = {"none", ""}


@dataclass
class TimeMLDocument:
    name: str
    text: str
    events: dict[str, tuple[int, int]]  # eid -> character span in `text`
    instances: list[dict[str, str]]  # MAKEINSTANCE attributes


def read_timeml(path: Path) -> TimeMLDocument:
    """The TEXT element's plain text, with the character span of every EVENT tag."""
    root = ET.parse(path).getroot()
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no TEXT element")
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}

    def walk(element: ET.Element) -> None:
        parts.append(element.text or "")
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "EVENT":
                spans[child.get("eid", "")] = (start, sum(map(len, parts)))
            parts.append(child.tail or "")

    walk(text_element)
    instances = [dict(mi.attrib) for mi in root.iter("MAKEINSTANCE")]
    return TimeMLDocument(path.name, "".join(parts), spans, instances)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, gold: bool, predicted: bool, context: str) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
            self.errors.append(f"FP {context}")
        elif gold:
            self.fn += 1
            self.errors.append(f"FN {context}")
        else:
            self.tn += 1

    def scores(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        total = self.tp + self.fp + self.fn + self.tn
        accuracy = (self.tp + self.tn) / total if total else 0.0
        return {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "accuracy": round(accuracy, 4),
        }


def score(corpus: Path) -> tuple[dict[str, Counts], int, float]:
    nlp = nlp_module.load()
    knowledge = kb_module.default()
    reporting = frozenset(c for c, kind in knowledge.reporting.items() if kind == "verb")
    cues = ModalityCues(knowledge.modality_cues, reporting)
    documents = [read_timeml(p) for p in sorted(corpus.glob("*.tml"))]
    if not documents:
        raise SystemExit(f"no .tml files in {corpus}")
    counts = {
        k: Counts() for k in ("NEG", "NEG (event-level)", "modal or future", "modal", "future")
    }
    start, n = time.perf_counter(), 0
    for document, doc in zip(
        documents, nlp_module.parse(nlp, (d.text for d in documents)), strict=True
    ):
        for instance in document.instances:
            begin, end = document.events[instance["eventID"]]
            span = doc.char_span(begin, end, alignment_mode="expand")
            if span is None:
                continue
            token, n = span.root, n + 1
            own = marking(token, cues)
            context = f"{document.name} {token.text!r}: {token.sent.text.strip()[:160]}"
            modal_gold = instance.get("modality", "").lower() not in NOT_MODAL
            future_gold = instance.get("tense") == "FUTURE"
            negated_gold = instance.get("polarity") == "NEG"
            counts["NEG"].add(negated_gold, own.negated, context)
            counts["NEG (event-level)"].add(negated_gold, modality_of(token, cues).negated, context)
            counts["modal or future"].add(
                modal_gold or future_gold, own.modal is not None or own.future, context
            )
            counts["modal"].add(modal_gold, own.modal is not None, context)
            counts["future"].add(future_gold, own.future, context)
    return counts, n, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "time" / "TimeBank")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print N errors per measure")
    args = parser.parse_args()
    counts, n, seconds = score(args.corpus)
    figures = {name: c.scores() for name, c in counts.items()}
    polarity_accuracy = figures["NEG"]["accuracy"]
    if args.json:
        print(
            json.dumps(
                {
                    "instances": n,
                    "polarity_accuracy": polarity_accuracy,
                    "measures": figures,
                    "seconds": round(seconds, 1),
                },
                indent=2,
            )
        )
        return
    print(f"TimeBank ({args.corpus}): {n} event instances, {seconds:.1f}s")
    print(f"polarity accuracy: {polarity_accuracy:.3f}")
    print(f"{'measure':20s} {'gold':>5s} {'pred':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, f in figures.items():
        print(
            f"{name:20s} {f['gold']:5d} {f['predicted']:5d} {f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f}"
        )
    for name, c in counts.items():
        for line in c.errors[: args.errors]:
            print(f"[{name}] {line}")


if __name__ == "__main__":
    main()
