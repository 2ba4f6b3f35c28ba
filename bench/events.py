"""Event coding accuracy on four gold sets, none of them written for the coder's rules.

1. The project's dev gold (bench/data/events_dev/, format in its README): precision, recall
   and F1 of unique (source country, target country, PLOVER type) triples per document, and
   of the same with modality ((modality, negated) must match too).
2. PLOVER GSR dev (../shared/data/plover/PLOVER_GSR_dev.json), per sentence: type accuracy
   (any event / the most confident event), type + source, type + source + target, quad class,
   and events per sentence (over-generation).
3. re3d relations (../shared/data/re3d/*/relations.json) between actors, as dyadic events:
   FightingAgainst -> ASSAULT|COERCE|MOBILIZE, Dislikes -> ACCUSE|REJECT|THREATEN|PROTEST|SANCTION,
   AlliesOf -> COOPERATE|AID, Likes -> SUPPORT|AGREE, CommWith -> CONSULT; an event matches
   when its type is acceptable and its source and target spans overlap the gold spans (either
   order for AlliesOf and CommWith). Precision counts coded events with a source and a target
   of those types; re3d does not annotate every relation, so it is a lower bound.
4. The held-out part of the team's training corpus (training/events/corpus.jsonl, split
   "heldout"; format in training/events/README.md), per sentence, on its exact spans; with mode
   accuracy and its hard negatives (neg none, neg clean: bench/event_scoring.py).

A summary table follows (measures defined in bench/event_scoring.py): one row per set, once
with every coded event and once with the events of confidence >= 0.5 only. Spans: PLOVER GSR
actors are found in the sentence from their actorText (or the SRC/TAR markup); the dev gold is
country-level, so its source, target and dyad recalls are on its countries (per document), and
its type and quad class are scored, as re3d's are, where the dyad was found; GSR's type is PLOVER's reading (modality folded into the type).

Usage: python bench/events.py [--only gold|gsr|re3d|corpus] [--gold DIR] [--gsr FILE]
                              [--re3d DIR] [--corpus FILE] [--json] [--errors N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import product
from pathlib import Path
from typing import Any

import event_scoring as es
from event_scoring import CONFIDENT, Measures, Rows, Scoring, Unit, confident, prf, share

from eventwire.events.plover import plover_view
from eventwire.ingest import make_document
from eventwire.kb import PloverType
from eventwire.model import Actor, CodedDocument, Event
from eventwire.pipeline import coder

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
HERE = Path(__file__).resolve().parent
OLD_PLOVER = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
GSR_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
RE3D_TYPES = {
    "FightingAgainst": {"ASSAULT", "COERCE", "MOBILIZE"},
    "Dislikes": {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION"},
    "AlliesOf": {"COOPERATE", "AID"},
    "Likes": {"SUPPORT", "AGREE"},
    "CommWith": {"CONSULT"},
}
RE3D_SYMMETRIC = {"AlliesOf", "CommWith"}
CORPUS = HERE.parent / "training" / "events" / "corpus.jsonl"
CORPUS_DATE = dt.date(2023, 6, 1)
TypeOf = Callable[[Event], str]
KeyOf = Callable[[Event], tuple[Any, ...]]


def code_texts(items: Iterable[tuple[str, dt.date | None]]) -> Iterator[CodedDocument]:
    documents = [make_document(text, published_at=date) for text, date in items]
    yield from coder().code_documents(documents)


# --- 1. the project's dev gold ---------------------------------------------------------------


@dataclass(frozen=True)
class GoldEvent:
    types: tuple[str, ...]
    sources: tuple[str | None, ...]
    targets: tuple[str | None, ...]
    modalities: tuple[str, ...]
    negated: tuple[bool, ...]

    def keys(self, with_modality: bool) -> set[tuple[Any, ...]]:
        """Every acceptable (source, target, type[, modality, negated]) of this event."""
        roles = product(self.sources, self.targets, self.types)
        if not with_modality:
            return set(roles)
        return {(*r, m, n) for r, m, n in product(roles, self.modalities, self.negated)}


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    published: dt.date | None
    events: tuple[GoldEvent, ...]


def _alternatives(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list) else (value,)


def _negations(value: bool | None) -> tuple[bool, ...]:
    """`null` in the gold: either reading is acceptable ("refused to meet": REJECT, or CONSULT
    negated)."""
    return (False, True) if value is None else (bool(value),)


def _article_text(source: dict[str, str], shared: Path) -> str:
    """The text of an article in one of the shared geo corpora (lgl by docid, GWN by file)."""
    texts = _corpus(shared / source["corpus"])
    if source["article"] not in texts:
        raise SystemExit(f"article {source['article']} not found in {source['corpus']}")
    return texts[source["article"]]


@lru_cache(maxsize=4)
def _corpus(path: Path) -> dict[str, str]:
    root = ET.parse(path).getroot()
    return {
        str(a.get("docid") or a.get("file")): a.findtext("text") or "" for a in root.iter("article")
    }


def load_gold(directory: Path, shared: Path) -> list[GoldDocument]:
    documents = []
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        text = raw.get("text") or _article_text(raw["source"], shared)
        events = tuple(
            GoldEvent(
                tuple(e["types"]),
                _alternatives(e.get("source")),
                _alternatives(e.get("target")),
                _alternatives(e.get("modality", "asserted")),
                _negations(e.get("negated", False)),
            )
            for e in raw["events"]
        )
        published = dt.date.fromisoformat(raw["published"]) if raw.get("published") else None
        documents.append(GoldDocument(raw["id"], text, published, events))
    return documents


def triple_key(event: Event) -> tuple[Any, ...]:
    return (_code(event.source), _code(event.target), event.type)


def quad_key(event: Event) -> tuple[Any, ...]:
    return (*triple_key(event), event.modality, event.negated)


def score_gold(
    directory: Path, plover: dict[str, PloverType], errors: list[str]
) -> tuple[dict[str, Any], Rows]:
    """Dyadic: events with a source and a target country, against gold events that have
    both; all: every event with at least one side, one-sided gold events included."""
    documents = load_gold(directory, SHARED)
    coded = list(code_texts((d.text, d.published) for d in documents))
    sentences = sum(es.count_sentences(d.text for d in documents))
    events = [r.events for r in coded]
    rows = {
        "all": _gold_measures(documents, events, plover, sentences),
        CONFIDENT: _gold_measures(documents, [confident(e) for e in events], plover, sentences),
    }
    measures = {
        "dyadic triples": (triple_key, False, True),
        "dyadic, with modality": (quad_key, True, True),
        "all triples": (triple_key, False, False),
        "all, with modality": (quad_key, True, False),
    }
    counts = {name: [0, 0, 0, 0] for name in measures}
    for gold, result in zip(documents, coded, strict=True):
        for name, (key, with_modality, dyadic) in measures.items():
            tally = _score_gold_document(gold, result.events, key, with_modality, dyadic)
            counts[name] = [a + b for a, b in zip(counts[name], tally[:4], strict=True)]
            if name == "dyadic triples":
                errors += tally[4]
    n_events = sum(len(d.events) for d in documents)
    figures = (
        {"documents": len(documents), "gold events": n_events}
        | {name: prf(*c) for name, c in counts.items()}
        | {"dyadic precision by confidence": _precision_by_confidence(documents, coded)}
    )
    return figures, rows


def _gold_measures(
    documents: list[GoldDocument],
    events: list[list[Event]],
    plover: dict[str, PloverType],
    sentences: int,
) -> Measures:
    """The summary row: dyadic triples' P/R/F1; type and quad class where a coded event has
    the gold event's country dyad; no spans in this gold."""
    counts = [0, 0, 0, 0]
    found: list[tuple[GoldEvent, list[Event]]] = []
    for gold, coded in zip(documents, events, strict=True):
        tally = _score_gold_document(gold, coded, triple_key, False, True)
        counts = [a + b for a, b in zip(counts, tally[:4], strict=True)]
        for g in gold.events:
            dyads = set(product(g.sources, g.targets))
            on_dyad = [e for e in coded if (e.source or e.target) and triple_key(e)[:2] in dyads]
            found += [(g, on_dyad)] if on_dyad else []
    figures = prf(*counts)
    return {
        "type": share(any(e.type in g.types for e in ev) for g, ev in found),
        **_country_recalls(documents, events),
        "P": float(figures["precision"]),
        "R": float(figures["recall"]),
        "F1": float(figures["f1"]),
        "quad": share(
            any(es.quad_of(e.type, plover) in es.quads_of(g.types, plover) for e in ev)
            for g, ev in found
        ),
        "ev/sent": round(sum(len(e) for e in events) / max(1, sentences), 2),
    }


def _country_recalls(
    documents: list[GoldDocument], events: list[list[Event]]
) -> dict[str, float | None]:
    """The span recalls of a country-level gold: the share of gold events whose source (target)
    country is the source (target) of a coded event of its document, and whose dyad is one
    coded event's (over the gold events that name that side, or both)."""
    hits: dict[str, list[bool]] = {"src R": [], "tgt R": [], "dyad R": []}
    for gold, coded in zip(documents, events, strict=True):
        sides = {(_code(e.source), _code(e.target)) for e in coded}
        for g in gold.events:
            sources, targets = set(g.sources) - {None}, set(g.targets) - {None}
            if sources:
                hits["src R"].append(any(s in sources for s, _ in sides))
            if targets:
                hits["tgt R"].append(any(t in targets for _, t in sides))
            if sources and targets:
                hits["dyad R"].append(any(s in sources and t in targets for s, t in sides))
    return {name: share(found) for name, found in hits.items()}


def _precision_by_confidence(
    documents: list[GoldDocument], coded: list[CodedDocument]
) -> dict[str, str]:
    """Does confidence separate right from wrong? Precision of dyadic events at or above
    each threshold (every coded event counts, not unique triples)."""
    scored = []
    for gold, result in zip(documents, coded, strict=True):
        allowed = set().union(*(g.keys(False) for g in gold.events)) if gold.events else set()
        for e in result.events:
            if e.source and e.target and e.source.country and e.target.country:
                scored.append((e.confidence, triple_key(e) in allowed))
    bands = {}
    for threshold in (0.0, 0.6, 0.7, 0.8):
        kept = [ok for conf, ok in scored if conf >= threshold]
        share = sum(kept) / len(kept) if kept else 0.0
        bands[f">= {threshold:.1f}"] = f"P {share:.3f} ({len(kept)} events)"
    return bands


def _score_gold_document(
    gold: GoldDocument, events: list[Event], key: KeyOf, with_modality: bool, dyadic: bool
) -> tuple[int, int, int, int, list[str]]:
    def kept(k: tuple[Any, ...]) -> bool:
        return not dyadic or (k[0] is not None and k[1] is not None)

    predicted = {key(e) for e in events if e.source or e.target}
    predicted = {p for p in predicted if kept(p)}
    wanted = [{k for k in g.keys(with_modality) if kept(k)} for g in gold.events]
    wanted = [w for w in wanted if w]
    hits = {p for p in predicted if any(p in w for w in wanted)}
    found = sum(bool(w & predicted) for w in wanted)
    errors = [f"gold FP {gold.id}: {p}" for p in sorted(predicted - hits, key=str)]
    errors += [f"gold FN {gold.id}: {sorted(w, key=str)[0]}" for w in wanted if not w & predicted]
    return len(hits), len(predicted), found, len(wanted), errors


# --- 2. PLOVER GSR ------------------------------------------------------------------------


def _gsr_codes(actors: Any) -> set[str]:
    if isinstance(actors, dict):
        actors = [actors]
    if not isinstance(actors, list):
        return set()
    codes = {str(a.get("code", "")) for a in actors if isinstance(a, dict)}
    return {GSR_CODES.get(c, c) for c in codes if c}


def actor_codes(actor: Actor | None) -> set[str]:
    """An actor's country, and the GSR's group code for organisations (IGO, NGO, IMG)."""
    if actor is None:
        return set()
    codes = {actor.country} if actor.country else set()
    group = {"IGO": "IGO", "NGO": "NGO", "REB": "IMG"}.get(actor.sector or "")
    if group and (actor.country is None or len(actor.country) != 3 or actor.sector == "IGO"):
        codes.add(group)
    return codes


def score_gsr(
    path: Path, plover: dict[str, PloverType], errors: list[str]
) -> tuple[dict[str, Any], Rows]:
    """Per sentence, as coded and in PLOVER's reading (modality folded into the type)."""
    records = [
        r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"
    ]
    coded = list(code_texts((r["text"], dt.date(2000, 1, 1)) for r in records))
    scoring = Scoring(
        lambda e: plover_view(e.type, e.modality, e.negated, plover),
        lambda t: es.quad_of(t, plover),
    )
    units = [
        Unit([es.gsr_span_gold(r, _gsr_gold(r)[0], plover)], c.events)
        for r, c in zip(records, coded, strict=True)
    ]
    rows = es.span_rows(units, scoring)
    views: dict[str, TypeOf] = {
        "as coded": lambda e: e.type,
        "PLOVER view": lambda e: plover_view(e.type, e.modality, e.negated, plover),
    }
    figures: dict[str, Any] = {"sentences": len(records)}
    for view, type_of in views.items():
        hits: Counter[str] = Counter()
        for record, result in zip(records, coded, strict=True):
            _score_gsr_record(record, result.events, type_of, plover, hits)
        figures[view] = {name: round(k / len(records), 3) for name, k in sorted(hits.items())}
    n_events = sum(len(r.events) for r in coded)
    figures["no event"] = round(sum(not r.events for r in coded) / len(records), 3)
    figures["events per sentence"] = round(n_events / len(records), 2)
    for record, result in zip(records, coded, strict=True):
        hits = Counter()
        _score_gsr_record(record, result.events, views["PLOVER view"], plover, hits)
        if not hits["type + source + target"]:
            found = sorted(
                {(e.type, _code(e.source), _code(e.target)) for e in result.events}, key=str
            )
            errors.append(
                f"gsr {record['id']} gold {_gsr_gold(record)} coded {found}: {record['text'][:120]}"
            )
    return figures, rows


def _gsr_gold(record: dict[str, Any]) -> tuple[str, set[str], set[str]]:
    kind = OLD_PLOVER.get(record["event"], record["event"])
    return kind, _gsr_codes(record.get("source")), _gsr_codes(record.get("target"))


def _score_gsr_record(
    record: dict[str, Any],
    events: list[Event],
    type_of: TypeOf,
    plover: dict[str, PloverType],
    hits: Counter[str],
) -> None:
    gold, sources, targets = _gsr_gold(record)
    top = max(events, key=lambda e: e.confidence) if events else None
    typed = [e for e in events if type_of(e) == gold]
    with_source = [e for e in typed if actor_codes(e.source) & sources]
    with_target = [e for e in with_source if _target_fits(e.target, targets, sources)]
    hits["type (any event)"] += bool(typed)
    hits["type (top event)"] += top is not None and type_of(top) == gold
    hits["type + source"] += bool(with_source)
    hits["type + source + target"] += bool(with_target)
    top_quad = plover[type_of(top)].quad_class if top is not None else 0
    hits["quad class (top event)"] += top_quad == plover[gold].quad_class


def _target_fits(target: Actor | None, targets: set[str], sources: set[str]) -> bool:
    """Reciprocal events list both actors as sources and no target."""
    if not targets:
        return target is None or bool(actor_codes(target) & sources)
    return target is not None and bool(actor_codes(target) & targets)


def _code(actor: Actor | None) -> str | None:
    return actor.country if actor else None


# --- 3. re3d ------------------------------------------------------------------------------


def _lines(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _overlaps(actor: Actor | None, begin: int, end: int) -> bool:
    return actor is not None and actor.span.start < end and begin < actor.span.end


def _matches(event: Event, relation: dict[str, Any]) -> bool:
    if event.type not in RE3D_TYPES[relation["type"]]:
        return False
    s, t = (
        (relation["sourceBegin"], relation["sourceEnd"]),
        (relation["targetBegin"], relation["targetEnd"]),
    )
    forward = _overlaps(event.source, *s) and _overlaps(event.target, *t)
    backward = _overlaps(event.source, *t) and _overlaps(event.target, *s)
    return forward or (relation["type"] in RE3D_SYMMETRIC and backward)


def score_re3d(
    directory: Path, plover: dict[str, PloverType], errors: list[str]
) -> tuple[dict[str, Any], Rows]:
    mapped = set().union(*RE3D_TYPES.values())
    by_folder: dict[str, list[int]] = {}
    units: list[Unit] = []
    for folder in sorted(p for p in directory.iterdir() if (p / "documents.json").exists()):
        documents = _lines(folder / "documents.json")
        relations = [r for r in _lines(folder / "relations.json") if r["type"] in RE3D_TYPES]
        coded = code_texts((d["text"], None) for d in documents)
        counts = by_folder.setdefault(folder.name, [0, 0, 0, 0])
        sentences = es.count_sentences(d["text"] for d in documents)
        for document, result, n in zip(documents, coded, sentences, strict=True):
            gold = [r for r in relations if r["documentId"] == document["_id"]]
            units.append(
                Unit(
                    [
                        es.re3d_span_gold(
                            r, RE3D_TYPES[r["type"]], r["type"] in RE3D_SYMMETRIC, plover
                        )
                        for r in gold
                    ],
                    result.events,
                    n,
                )
            )
            events = [e for e in result.events if e.source and e.target and e.type in mapped]
            good = [e for e in events if any(_matches(e, r) for r in gold)]
            found = [r for r in gold if any(_matches(e, r) for e in events)]
            counts[0] += len(good)
            counts[1] += len(events)
            counts[2] += len(found)
            counts[3] += len(gold)
            errors += [
                f"re3d FN {r['type']}: {r['source']!r} -> {r['target']!r} ({r['value']!r})"
                for r in gold
                if r not in found
            ]
    total = [sum(c[i] for c in by_folder.values()) for i in range(4)]
    figures = {"all": prf(*total), **{name: prf(*c) for name, c in by_folder.items()}}
    scoring = Scoring(
        lambda e: e.type,
        lambda t: es.quad_of(t, plover),
        counted=lambda e: bool(e.source and e.target and e.type in mapped),
        given_dyad=True,
    )
    return figures, es.span_rows(units, scoring)


# --- 4. the training corpus, held out --------------------------------------------------------


def score_corpus(
    path: Path, plover: dict[str, PloverType], errors: list[str], split: str = "heldout"
) -> tuple[dict[str, Any], Rows]:
    """One Document per sentence of the split (held-out by default; `train` is the part to
    read errors from), coded in one batch; dated in the record's year, if it names one."""
    records = [r for r in _lines(path) if r["split"] == split]
    coded = list(code_texts((r["text"], _corpus_date(r)) for r in records))
    units = [es.corpus_unit(r, c.events, plover) for r, c in zip(records, coded, strict=True)]
    scoring = Scoring(lambda e: e.type, lambda t: es.quad_of(t, plover))
    rows = es.span_rows(units, scoring)
    for block, chosen in (("all", units), (CONFIDENT, es.confident_units(units))):
        rows[block] |= {"mode": es.mode_share(chosen)} | es.negative_measures(chosen)
    errors += es.corpus_errors(units)
    figures = {
        "sentences": len(records),
        "gold events": sum(len(u.golds) for u in units),
        "not coded (language)": sum(c.document.language != "en" for c in coded),
        "hard negatives": es.negatives_by_kind(units),
        "dyad + type recall by construction": es.recall_by(units, "construction"),
    }
    return figures, rows


def _corpus_date(record: dict[str, Any]) -> dt.date:
    year = record.get("year")
    return dt.date(int(year), 6, 1) if year else CORPUS_DATE


# --- output -------------------------------------------------------------------------------


SETS = {
    # --only name: (detail block, summary row, scorer)
    "gold": ("dev gold", "own articles", score_gold),
    "gsr": ("PLOVER GSR dev", "PLOVER GSR dev", score_gsr),
    "re3d": ("re3d relations", "re3d dev", score_re3d),
    "corpus": ("corpus held-out", "corpus held-out", score_corpus),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(SETS))
    parser.add_argument("--gold", type=Path, default=HERE / "data" / "events_dev")
    parser.add_argument("--gsr", type=Path, default=SHARED / "plover" / "PLOVER_GSR_dev.json")
    parser.add_argument("--re3d", type=Path, default=SHARED / "re3d")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--corpus-split",
        choices=["heldout", "train"],
        default="heldout",
        help="which part of the corpus to score; read errors on train only",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print N errors per gold set")
    args = parser.parse_args()
    plover = coder().kb.plover
    results: dict[str, Any] = {}
    summary: dict[str, dict[str, Measures]] = {"all": {}, CONFIDENT: {}}
    errors: dict[str, list[str]] = {}
    for name, (block, row, scorer) in SETS.items():
        if args.only in (None, name):
            path = getattr(args, name)
            if name == "corpus":
                scorer = partial(score_corpus, split=args.corpus_split)
                if args.corpus_split == "train":
                    block = row = "corpus train"
            results[block], rows = scorer(path, plover, errors.setdefault(name, []))
            for kept, measures in rows.items():
                summary[kept][row] = measures
    results["summary"] = summary
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, figures in results.items():
        if name != "summary":
            print(f"== {name}")
            _print(figures, "  ")
    es.print_table(summary)
    for lines in errors.values():
        for line in lines[: args.errors]:
            print(line)


def _print(figures: dict[str, Any], indent: str) -> None:
    for key, value in figures.items():
        if isinstance(value, dict) and "precision" not in value:
            print(f"{indent}{key}")
            _print(value, indent + "  ")
        else:
            print(f"{indent}{key:28s} {_fmt(value)}")


def _fmt(value: Any) -> str:
    if isinstance(value, dict):
        return (
            f"P {value['precision']:.3f}  R {value['recall']:.3f}  F1 {value['f1']:.3f}"
            f"  (gold {value['gold']}, coded {value['predicted']})"
        )
    return str(value)


if __name__ == "__main__":
    main()
