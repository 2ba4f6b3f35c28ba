"""Span-level scoring of coded events against gold events, and the summary table of
bench/events.py (one row per gold set, one column per measure).

A gold event has the spans of its source and target (several spans: any of them), the types
it accepts and their quad classes, and where the gold set gives them its trigger and mode.
Measures, per gold set:

- src R / tgt R / dyad R: share of gold events with a source (a target; both) span for which
  some coded event of the sentence has a source (target; both) overlapping it, whatever its
  type (either order for symmetric relations).
- P / R / F1 (dyad + type): a coded event is right when its type is accepted and its sides fit
  a gold event: a side with gold spans overlaps one of them, a side without is empty (a
  reciprocal event's target may also be one of the parties).
- type and quad: per set, either over all gold events (type: some coded event of the
  sentence has the type; quad: the coded event aligned with the gold one, by trigger or the
  most confident) or only over gold events whose dyad was found (re3d, country-level gold).
- ev/sent: coded events per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy

from eventwire.kb import PloverType
from eventwire.model import Actor, Event

Spans = tuple[tuple[int, int], ...]
TypeOf = Callable[[Event], str]
Measures = dict[str, float | None]
CONFIDENT = "confidence >= 0.5"
Rows = dict[str, Measures]  # "all" / CONFIDENT -> a set's measures
COLUMNS = (
    "type",
    "src R",
    "tgt R",
    "dyad R",
    "P",
    "R",
    "F1",
    "quad",
    "ev/sent",
    "mode",
    "neg none",
    "neg clean",
)
NO_MODE = {None, "", "-"}


def prf(tp_predicted: int, predicted: int, found: int, gold: int) -> dict[str, float | int]:
    p = tp_predicted / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "gold": gold,
        "predicted": predicted,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
    }


@dataclass(frozen=True)
class SpanGold:
    types: frozenset[str]
    quads: frozenset[int]
    sources: Spans
    targets: Spans
    symmetric: bool = False  # either order fits (re3d AlliesOf, CommWith)
    reciprocal: bool = False  # parties are all in `sources`; the target may be empty or a party
    trigger: tuple[int, int] | None = None
    mode: str | None = None


@dataclass
class Unit:
    """One sentence (or document) of a gold set: its gold events and what the coder found."""

    golds: list[SpanGold]
    events: list[Event]
    sentences: int = 1
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def overlaps(actor: Actor | None, spans: Spans) -> bool:
    return actor is not None and any(actor.span.start < e and s < actor.span.end for s, e in spans)


def _side_fits(actor: Actor | None, spans: Spans) -> bool:
    return overlaps(actor, spans) if spans else actor is None


def source_hit(event: Event, gold: SpanGold) -> bool:
    other = gold.targets if gold.symmetric else ()
    return overlaps(event.source, gold.sources + other)


def target_hit(event: Event, gold: SpanGold) -> bool:
    other = gold.sources if gold.symmetric else ()
    return overlaps(event.target, gold.targets + other)


def dyad_fits(event: Event, gold: SpanGold) -> bool:
    if gold.reciprocal:
        fits_target = event.target is None or overlaps(event.target, gold.sources)
        return overlaps(event.source, gold.sources) and fits_target
    forward = _side_fits(event.source, gold.sources) and _side_fits(event.target, gold.targets)
    backward = _side_fits(event.source, gold.targets) and _side_fits(event.target, gold.sources)
    return forward or (gold.symmetric and backward)


def both_sides(gold: SpanGold) -> bool:
    return bool(gold.sources and gold.targets)


def share(hits: Iterable[bool]) -> float | None:
    values = list(hits)
    return round(sum(values) / len(values), 3) if values else None


def aligned(gold: SpanGold, events: Sequence[Event]) -> list[Event]:
    """The coded events that stand for a gold event: those on its trigger where the gold gives
    one, else the most confident event of the sentence."""
    if gold.trigger is not None:
        start, end = gold.trigger
        return [e for e in events if e.trigger.start < end and start < e.trigger.end]
    return [max(events, key=lambda e: e.confidence)] if events else []


@dataclass(frozen=True)
class Scoring:
    """How one gold set is scored: the type a coded event counts as, which coded events can
    be right at all (the precision's denominator), and whether type and quad class are scored
    only where the dyad was found."""

    type_of: TypeOf
    quad_of: Callable[[str], int]
    counted: Callable[[Event], bool] = lambda e: True
    given_dyad: bool = False


def span_measures(units: Sequence[Unit], scoring: Scoring) -> Measures:
    golds = [(g, u.events) for u in units for g in u.golds]
    typed = [(g, [e for e in events if scoring.type_of(e) in g.types]) for g, events in golds]
    right = [e for u in units for e in u.events if scoring.counted(e) and _right(e, u, scoring)]
    coded = sum(scoring.counted(e) for u in units for e in u.events)
    found = sum(any(dyad_fits(e, g) for e in events if scoring.counted(e)) for g, events in typed)
    figures = prf(len(right), coded, found, len(golds))
    n_events = sum(len(u.events) for u in units)
    return {
        "type": _type_share(golds, scoring),
        "src R": share(any(source_hit(e, g) for e in ev) for g, ev in golds if g.sources),
        "tgt R": share(any(target_hit(e, g) for e in ev) for g, ev in golds if g.targets),
        "dyad R": share(any(dyad_fits(e, g) for e in ev) for g, ev in golds if both_sides(g)),
        "P": float(figures["precision"]),
        "R": float(figures["recall"]),
        "F1": float(figures["f1"]),
        "quad": _quad_share(golds, scoring),
        "ev/sent": round(n_events / max(1, sum(u.sentences for u in units)), 2),
    }


def _right(event: Event, unit: Unit, scoring: Scoring) -> bool:
    kind = scoring.type_of(event)
    return any(kind in g.types and dyad_fits(event, g) for g in unit.golds)


def _type_share(golds: list[tuple[SpanGold, list[Event]]], scoring: Scoring) -> float | None:
    if scoring.given_dyad:
        found = [(g, [e for e in ev if dyad_fits(e, g)]) for g, ev in golds]
        return share(any(scoring.type_of(e) in g.types for e in ev) for g, ev in found if ev)
    return share(any(scoring.type_of(e) in g.types for e in ev) for g, ev in golds)


def _quad_share(golds: list[tuple[SpanGold, list[Event]]], scoring: Scoring) -> float | None:
    def quad_right(gold: SpanGold, events: list[Event]) -> bool:
        return any(scoring.quad_of(scoring.type_of(e)) in gold.quads for e in events)

    if scoring.given_dyad:
        found = [(g, [e for e in ev if dyad_fits(e, g)]) for g, ev in golds]
        return share(quad_right(g, ev) for g, ev in found if ev)
    return share(quad_right(g, aligned(g, ev)) for g, ev in golds)


def mode_share(units: Sequence[Unit]) -> float | None:
    """Of the gold events with a coded event of their type (on their trigger, if any is), the
    share whose coded mode is the gold mode (no mode on both sides counts as equal)."""
    hits = []
    for unit in units:
        for gold in unit.golds:
            same = [e for e in unit.events if e.type in gold.types]
            if not same:
                continue
            best = [e for e in aligned(gold, same) if gold.trigger is not None] or same
            coded = max(best, key=lambda e: e.confidence).mode
            hits.append(_mode(coded) == _mode(gold.mode))
    return share(hits)


def _mode(value: str | None) -> str | None:
    return None if value in NO_MODE else value


def asserted(event: Event) -> bool:
    return event.modality == "asserted" and not event.negated


def confident(events: Iterable[Event], threshold: float = 0.5) -> list[Event]:
    return [e for e in events if e.confidence >= threshold]


@lru_cache(maxsize=1)
def _sentencizer() -> spacy.language.Language:
    """Sentence counts for multi-sentence documents (events per sentence): spaCy's rule-based
    splitter, fast and without a second parse."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def count_sentences(texts: Iterable[str]) -> list[int]:
    return [max(1, len(list(doc.sents))) for doc in _sentencizer().pipe(texts)]


def find_span(text: str, phrase: str) -> tuple[int, int] | None:
    """Where an annotator's actor text lies in the sentence: case- and space-insensitive, and
    "A ... B" (a discontinuous actor) spans from A to B."""
    pieces = [p for p in re.split(r"\s*\.{2,}\s*", phrase.strip()) if p]
    found = []
    start = 0
    for piece in pieces:
        pattern = r"\s+".join(re.escape(w) for w in piece.split())
        match = re.search(pattern, text[start:], flags=re.IGNORECASE)
        if match is None:
            return None
        found.append((start + match.start(), start + match.end()))
        start += match.end()
    return (found[0][0], found[-1][1]) if found else None


# --- the training corpus' held-out part (training/events/README.md) -------------------------


def corpus_gold(record: dict[str, Any], plover: dict[str, PloverType]) -> list[SpanGold]:
    return [_corpus_event(e, plover) for e in record["events"]]


def _corpus_event(event: dict[str, Any], plover: dict[str, PloverType]) -> SpanGold:
    kind = plover[event["type"]]
    return SpanGold(
        frozenset({kind.type}),
        frozenset({kind.quad_class}),
        (tuple(event["source"]),) if event["source"] else (),
        (tuple(event["target"]),) if event["target"] else (),
        symmetric="symmetric" in kind.properties,
        trigger=tuple(event["trigger"]),
        mode=event.get("mode"),
    )


def is_negative(record: dict[str, Any]) -> bool:
    return bool(record.get("negative")) or not record["events"]


def asserted_gold(record: dict[str, Any]) -> list[int]:
    """Indices of the record's events that happened (asserted, not negated)."""
    events = record["events"]
    return [i for i, e in enumerate(events) if e["modality"] == "asserted" and not e["negated"]]


def negative_measures(units: Sequence[Unit]) -> Measures:
    """Hard negatives. neg none: of those whose gold has no event that happened, the share
    coded without an asserted event. neg clean: of all, the share whose asserted coded events
    all fit (type and dyad) a gold event that happened (a reporter or a place made a party
    fails)."""
    negatives = [u for u in units if u.extra["negative"]]
    return {
        "neg none": share(
            not any(asserted(e) for e in u.events)
            for u in negatives
            if not u.extra["asserted gold"]
        ),
        "neg clean": share(not false_asserted(u) for u in negatives),
    }


def false_asserted(unit: Unit) -> list[Event]:
    real = [unit.golds[i] for i in unit.extra["asserted gold"]]
    return [
        e
        for e in unit.events
        if asserted(e) and not any(e.type in g.types and dyad_fits(e, g) for g in real)
    ]


def negatives_by_kind(units: Sequence[Unit]) -> dict[str, str]:
    kinds = sorted({str(u.extra["negative"]) for u in units if u.extra["negative"]})
    lines = {}
    for kind in kinds:
        group = [u for u in units if u.extra["negative"] == kind]
        none = sum(not any(asserted(e) for e in u.events) for u in group)
        clean = sum(not false_asserted(u) for u in group)
        lines[kind] = f"{len(group)} sentences: no asserted event {none}, clean {clean}"
    return lines


def quad_of(kind: str, plover: dict[str, PloverType]) -> int:
    return plover[kind].quad_class if kind in plover else 0


def quads_of(kinds: Iterable[str], plover: dict[str, PloverType]) -> frozenset[int]:
    return frozenset(quad_of(k, plover) for k in kinds)


def span_rows(units: Sequence[Unit], scoring: Scoring) -> Rows:
    sure = confident_units(units)
    return {"all": span_measures(units, scoring), CONFIDENT: span_measures(sure, scoring)}


def gsr_span_gold(record: dict[str, Any], kind: str, plover: dict[str, PloverType]) -> SpanGold:
    """Reciprocal records (SRC/TAR, no target) list every party as a source."""
    markup = record["textInfo"]["markup"]
    sources = _gsr_spans(record["text"], record.get("source"), markup, r"SRC(?:/TAR|/LOC)?")
    reciprocal = not _gsr_actors(record.get("target"))
    targets = (
        () if reciprocal else _gsr_spans(record["text"], record["target"], markup, r"(?:SRC/)?TAR")
    )
    return SpanGold(
        frozenset({kind}),
        frozenset({quad_of(kind, plover)}),
        sources,
        targets,
        symmetric="symmetric" in plover[kind].properties,
        reciprocal=reciprocal,
    )


def _gsr_actors(actors: Any) -> list[dict[str, Any]]:
    actors = [actors] if isinstance(actors, dict) else actors
    return [a for a in actors if isinstance(a, dict)] if isinstance(actors, list) else []


def _gsr_spans(text: str, actors: Any, markup: str, tags: str) -> tuple[tuple[int, int], ...]:
    """Each actor's actorText in the sentence; where none is found, the role's markup."""
    phrases = [str(a.get("actorText", "")) for a in _gsr_actors(actors)]
    spans = [find_span(text, p) for p in phrases if p.strip()]
    if not any(spans):
        marked = re.findall(rf"\((?:{tags}): ([^()]*?)\)", markup)
        spans = [find_span(text, m) for m in marked if m.strip()]
    return tuple(s for s in spans if s is not None)


def re3d_span_gold(
    relation: dict[str, Any], kinds: set[str], symmetric: bool, plover: dict[str, PloverType]
) -> SpanGold:
    return SpanGold(
        frozenset(kinds),
        quads_of(kinds, plover),
        ((relation["sourceBegin"], relation["sourceEnd"]),),
        ((relation["targetBegin"], relation["targetEnd"]),),
        symmetric=symmetric,
    )


def corpus_unit(record: dict[str, Any], events: list[Event], plover: dict[str, PloverType]) -> Unit:
    negative = record.get("negative") or ("no_event" if is_negative(record) else None)
    extra = {
        "negative": negative,
        "asserted gold": asserted_gold(record),
        "construction": record["construction"],
        "text": record["text"],
    }
    return Unit(corpus_gold(record, plover), events, 1, record["id"], extra)


def confident_units(units: Sequence[Unit]) -> list[Unit]:
    return [Unit(u.golds, confident(u.events), u.sentences, u.label, u.extra) for u in units]


def recall_by(units: Sequence[Unit], key: str) -> dict[str, str]:
    groups: dict[str, list[bool]] = {}
    for unit in units:
        for gold in unit.golds:
            hit = any(e.type in gold.types and dyad_fits(e, gold) for e in unit.events)
            groups.setdefault(str(unit.extra[key]), []).append(hit)
    return {k: f"{sum(v) / len(v):.3f} ({len(v)} events)" for k, v in sorted(groups.items())}


def corpus_errors(units: Sequence[Unit]) -> list[str]:
    lines = []
    for unit in units:
        coded = sorted({_described(e) for e in unit.events})
        for gold in unit.golds:
            if not any(e.type in gold.types and dyad_fits(e, gold) for e in unit.events):
                lines.append(
                    f"corpus FN {unit.label} {sorted(gold.types)} coded {coded}: {unit.extra['text'][:120]}"
                )
        if unit.extra["negative"] and false_asserted(unit):
            lines.append(
                f"corpus negative {unit.label} ({unit.extra['negative']}) coded {coded}: {unit.extra['text'][:120]}"
            )
    return lines


def _described(event: Event) -> str:
    source = event.source.text if event.source else "-"
    target = event.target.text if event.target else "-"
    return f"{event.type}({source} -> {target}, {event.modality})"


def print_table(summary: dict[str, dict[str, Measures]]) -> None:
    for block, rows in summary.items():
        print(f"== summary, {block}")
        width = max([len(name) for name in rows] + [8])
        print(" " * width + "".join(f"{c:>10s}" for c in COLUMNS))
        for name, measures in rows.items():
            cells = "".join(f"{_cell(measures.get(c)):>10s}" for c in COLUMNS)
            print(f"{name:{width}s}{cells}")


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
