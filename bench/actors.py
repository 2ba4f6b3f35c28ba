"""Actor resolution against a gold file: is each gold mention found, and with the right country
and sector as of the publication date? Also how fast the knowledge base loads and resolves.

Usage: python bench/actors.py [--gold PATH | --cases PATH] [--data-root DIR] [--errors] [--json]
       [--mentions N]

Case file format (`--cases`, TSV: text date country sector part): each text is a document of
its own, context-free ("Nigeria's airlines", "former President Evo Morales"), scored as one
mention per part (`tune`, `heldout`) and in all; bench/data/actors_cases.tsv is the default.
A text with a mention in square brackets is a short document and only the bracketed words are
scored ("Kenya's president spoke. [Police] broke up a rally.": the document's context for a
group noun, bench/data/actors_context_cases.tsv).

Gold file format (TSV, UTF-8, `#` comment lines, one header row, one mention per row):
    document  date  start  end  text  country  sector
- `document`: where the text is, read at scoring time: `re3d:<folder>/<_id>` (a re3d
  documents.json record), `gwn:<file>` or `lgl:<docid>` (an article of geo/GWN.xml or
  geo/lgl.xml), all under --data-root (default ../shared/data); or `file:<path>` (a UTF-8 text
  file, relative to the gold file).
- `date`: the publication date (ISO), the anchor for dated roles; may be empty.
- `start`, `end`: character offsets of the mention; `text`: its words (checked, whitespace-folded).
- `country`, `sector`: the right answer; `-` for none (a bare state has no sector); `a|b` when
  either is right.

A gold mention is found when a system actor overlaps it (the one with the largest overlap).
Accuracy counts the mentions whose value is right (a missed mention counts as no value);
precision and recall count only the values given: a value that is not among the gold ones is a
false positive, and a gold value not given is a false negative.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import re
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire import kb as kb_module
from eventwire.actors import ActorHit, ActorMatcher, find_actors
from eventwire.pipeline import coder

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
COLUMNS = ["document", "date", "start", "end", "text", "country", "sector"]
CASE_COLUMNS = ["text", "date", "country", "sector", "part"]
FIELDS = ("country", "sector")


@dataclass(frozen=True)
class Gold:
    document: str
    day: dt.date | None
    start: int
    end: int
    text: str
    country: frozenset[str]
    sector: frozenset[str]
    line: int


def read_gold(path: Path) -> list[Gold]:
    rows: list[Gold] = []
    header_seen = False
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != COLUMNS:
                raise SystemExit(f"{path}:{line_no}: header must be {' '.join(COLUMNS)}")
            header_seen = True
            continue
        if len(fields) != len(COLUMNS):
            raise SystemExit(f"{path}:{line_no}: expected {len(COLUMNS)} fields")
        doc, day, start, end, text, country, sector = fields
        rows.append(
            Gold(
                doc,
                dt.date.fromisoformat(day) if day else None,
                int(start),
                int(end),
                text,
                frozenset(country.split("|")),
                frozenset(sector.split("|")),
                line_no,
            )
        )
    return rows


@cache
def _re3d(path: Path) -> dict[str, str]:
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {r["_id"]: r["text"] for r in records}


@cache
def _geo(path: Path, key: str) -> dict[str, str]:
    root = ET.parse(path).getroot()
    return {a.get(key) or "": a.findtext("text") or "" for a in root.iter("article")}


def document_text(ref: str, data_root: Path, gold_dir: Path) -> str:
    scheme, _, rest = ref.partition(":")
    if scheme == "re3d":
        folder, _, doc_id = rest.rpartition("/")
        return _re3d(data_root / "re3d" / folder / "documents.json")[doc_id]
    if scheme == "gwn":
        return _geo(data_root / "geo" / "GWN.xml", "file")[rest]
    if scheme == "lgl":
        return _geo(data_root / "geo" / "lgl.xml", "docid")[rest]
    if scheme == "file":
        return (gold_dir / rest).read_text(encoding="utf-8")
    raise SystemExit(f"unknown document reference {ref!r}")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def best_hit(gold: Gold, hits: list[ActorHit]) -> ActorHit | None:
    def overlap(h: ActorHit) -> int:
        return min(h.end, gold.end) - max(h.start, gold.start)

    touching = [h for h in hits if overlap(h) > 0]
    return max(touching, key=lambda h: (overlap(h), -abs(h.start - gold.start)), default=None)


def resolve_gold(
    gold: list[Gold], data_root: Path, gold_dir: Path
) -> list[tuple[Gold, ActorHit | None]]:
    c = coder()
    by_doc: dict[tuple[str, dt.date | None], list[Gold]] = defaultdict(list)
    for g in gold:
        by_doc[(g.document, g.day)].append(g)
    keys = list(by_doc)
    texts = [document_text(ref, data_root, gold_dir) for ref, _ in keys]
    pairs = []
    for (ref, day), text, doc in zip(keys, texts, c.nlp.pipe(texts), strict=True):
        hits = find_actors(doc, c.actors, day)
        for g in by_doc[(ref, day)]:
            if _fold(text[g.start : g.end]) != _fold(g.text):
                raise SystemExit(f"gold line {g.line}: text {g.text!r} is not at {g.start}")
            pairs.append((g, best_hit(g, hits)))
    return pairs


def read_cases(path: Path) -> list[tuple[str, Gold]]:
    """(part, gold mention spanning the whole text) for each row of a case file."""
    cases = []
    header_seen = False
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != CASE_COLUMNS:
                raise SystemExit(f"{path}:{line_no}: header must be {' '.join(CASE_COLUMNS)}")
            header_seen = True
            continue
        marked, day, country, sector, part = fields
        text, start, end = _bracketed(marked)
        gold = Gold(
            f"text:{text}",
            dt.date.fromisoformat(day) if day else None,
            start,
            end,
            text[start:end],
            frozenset(country.split("|")),
            frozenset(sector.split("|")),
            line_no,
        )
        cases.append((part, gold))
    return cases


def _bracketed(marked: str) -> tuple[str, int, int]:
    """The text without its brackets and the bracketed mention's offsets (all of it if none)."""
    start, end = marked.find("["), marked.find("]")
    if start < 0 or end < start:
        return marked, 0, len(marked)
    text = marked[:start] + marked[start + 1 : end] + marked[end + 1 :]
    return text, start, end - 1


def resolve_cases(cases: list[tuple[str, Gold]]) -> list[tuple[Gold, ActorHit | None]]:
    c = coder()
    texts = [g.document.removeprefix("text:") for _, g in cases]
    pairs = []
    for (_, g), text, doc in zip(cases, texts, c.nlp.pipe(texts), strict=True):
        hits = find_actors(doc, c.actors, g.day)
        whole = g.start == 0 and g.end == len(text)
        pairs.append((g, _head_hit(doc, hits) if whole else best_hit(g, hits)))
    return pairs


def _head_hit(doc: Doc, hits: list[ActorHit]) -> ActorHit | None:
    """The actor a description names is the one of its head word ("Nigeria's airlines": the
    airlines; "Muslim leaders in France": the leaders), else the widest actor found."""
    root = next(iter(doc.sents)).root.i if len(doc) else -1
    for hit in hits:
        if root in hit.tokens or hit.head == root:
            return hit
    return max(hits, key=lambda h: h.end - h.start, default=None)


def score(pairs: list[tuple[Gold, ActorHit | None]]) -> dict[str, Any]:
    result: dict[str, Any] = {"mentions": len(pairs)}
    result["found"] = sum(h is not None for _, h in pairs) / len(pairs)
    for name in FIELDS:
        right = tp = fp = fn = 0
        for g, h in pairs:
            wanted: frozenset[str] = getattr(g, name)
            given = (getattr(h, name) if h else None) or "-"
            ok = given in wanted
            right += ok
            tp += ok and given != "-"
            fp += not ok and given != "-"
            fn += not ok and wanted != {"-"}
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        result[name] = {
            "accuracy": right / len(pairs),
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
        }
    both = sum(_ok(g, h, "country") and _ok(g, h, "sector") for g, h in pairs)
    result["both_accuracy"] = both / len(pairs)
    return result


def _ok(g: Gold, h: ActorHit | None, name: str) -> bool:
    return ((getattr(h, name) if h else None) or "-") in getattr(g, name)


def speed(pairs_docs: int, mentions: int) -> dict[str, float]:
    """Knowledge-base load and matcher build (from the on-disk caches: the coder built them
    first), the memory they hold, then find_actors over parsed gold documents until `mentions`
    actors are resolved (the spaCy parse is not counted: it is the nlp stage's)."""
    c = coder()
    gc.collect()
    start = time.perf_counter()
    knowledge = kb_module.load()
    kb_s = time.perf_counter() - start
    matcher = ActorMatcher(c.nlp, knowledge)
    load_s = time.perf_counter() - start
    del knowledge, matcher
    held_mb = _held_mb(lambda: ActorMatcher(c.nlp, kb_module.load()))
    matcher = c.actors
    docs = list(c.nlp.pipe(t for t in _speed_texts(pairs_docs)))
    resolved, start = 0, time.perf_counter()
    while resolved < mentions:
        matcher.index.forget()  # cold: no fuzzy lookup remembered from the previous pass
        for doc in docs:
            resolved += len(find_actors(doc, matcher, dt.date(2016, 6, 1)))
    resolve_s = time.perf_counter() - start
    return {
        "kb_load_s": kb_s,
        "matcher_build_s": load_s - kb_s,
        "kb_load_and_build_s": load_s,
        "kb_memory_mb": held_mb,
        "mentions_resolved": resolved,
        "resolve_s": resolve_s,
        "ms_per_1000_mentions": 1000 * resolve_s / resolved * 1000,
        "total_s_per_1000_mentions": (load_s + resolve_s) / resolved * 1000,
    }


def _held_mb(build: Callable[[], object]) -> float:
    """The memory (MB) that what `build` returns holds, as Python allocated it (tracemalloc: the
    process's resident size hides it, memory freed by the coder's own build being reused)."""
    gc.collect()
    tracemalloc.start()
    value = build()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del value
    return held / 1e6


def _speed_texts(n: int) -> list[str]:
    texts = list(_re3d_all().values())
    return texts[:n] if n else texts


def _re3d_all() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((SHARED / "re3d").glob("*/documents.json")):
        found.update(_re3d(path))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "data" / "actors_dev.tsv")
    parser.add_argument("--cases", type=Path, help="a case file (see above) instead of --gold")
    parser.add_argument("--data-root", type=Path, default=SHARED)
    parser.add_argument("--errors", action="store_true", help="list the wrong mentions")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--mentions", type=int, default=10_000, help="for the speed figure")
    args = parser.parse_args()
    if args.cases:
        _main_cases(args)
        return
    pairs = resolve_gold(read_gold(args.gold), args.data_root, args.gold.parent)
    result = score(pairs)
    result["gold"] = str(args.gold)
    result["speed"] = speed(0, args.mentions) if args.mentions else {}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    if args.errors:
        _print_errors(pairs)
    _print_table(result)


def _main_cases(args: argparse.Namespace) -> None:
    cases = read_cases(args.cases)
    pairs = resolve_cases(cases)
    results: dict[str, Any] = {}
    for part in ("tune", "heldout", "all"):
        chosen = [p for (name, _), p in zip(cases, pairs, strict=True) if part in {name, "all"}]
        results[part] = score(chosen) | {"gold": f"{args.cases} [{part}]"}
    speed_figures = speed(0, args.mentions) if args.mentions else {}
    if args.json:
        print(json.dumps(results | {"speed": speed_figures}, indent=2))
        return
    if args.errors:
        _print_errors(pairs)
    for part in ("tune", "heldout", "all"):
        _print_table(results[part] | {"speed": speed_figures if part == "all" else {}})


def _print_errors(pairs: list[tuple[Gold, ActorHit | None]]) -> None:
    for g, h in pairs:
        if not (_ok(g, h, "country") and _ok(g, h, "sector")):
            got = f"{h.name!r} {h.country} {h.sector} {h.rules}" if h else "-- not found"
            want = f"{'|'.join(sorted(g.country))} {'|'.join(sorted(g.sector))}"
            print(f"line {g.line:4d} {g.text[:45]!r:48s} want {want:14s} got {got}")


def _print_table(result: dict[str, Any]) -> None:
    print(f"gold: {result['gold']}  ({result['mentions']} mentions, found {result['found']:.3f})")
    print(f"{'':8s} {'accuracy':>9s} {'precision':>10s} {'recall':>7s} {'F1':>6s}")
    for name in FIELDS:
        r = result[name]
        print(
            f"{name:8s} {r['accuracy']:9.3f} {r['precision']:10.3f} {r['recall']:7.3f} {r['f1']:6.3f}"
        )
    print(f"country and sector both right: {result['both_accuracy']:.3f}")
    if s := result["speed"]:
        print(
            f"speed: knowledge base load from cache {s['kb_load_s']:.2f} s + actor matcher "
            f"build {s['matcher_build_s']:.2f} s, holding {s['kb_memory_mb']:.0f} MB; "
            f"{s['mentions_resolved']} mentions resolved in {s['resolve_s']:.2f} s "
            f"({s['ms_per_1000_mentions']:.0f} ms per 1,000); load + resolve "
            f"{s['total_s_per_1000_mentions']:.3f} s per 1,000 mentions"
        )


if __name__ == "__main__":
    main()
