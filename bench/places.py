"""Toponym resolution and recognition on gold geoparsing corpora (GeoWebNews, LGL).

Two modes, as in the geoparsing literature (Gritta et al. 2018, 2019), so that the figures sit
beside published Mordecai3, CamCoder and CLIFF-CLAVIN results on the same corpora:

- gold spans: the gold toponyms are given; resolution alone is scored on those with gold
  coordinates: accuracy within 161 km, mean and median error (km), and AUC of the error curve
  (area under sorted log(1 + error), normalised by log(20039 km); lower is better). A name left
  unresolved counts as 20,039 km (the largest possible error).
- end to end: our own recognition (spaCy + gazetteer) then resolution: span precision, recall
  and F1 (exact character offsets), and the resolution figures on the correctly found spans.

It also times loading the gazetteer from its cache plus resolving 10,000 toponyms (one core).

Gold sets. LGL (`<toponym>` with `<start>`, `<end>`, `<phrase>`, `<gaztag>` holding `<lat>`,
`<lon>`): every toponym is a gold span; those with a gaztag are resolved. GeoWebNews
(`<toponym>` with `<extractedName>`, `<type>`, `<start>`, `<end>`, `<latitude>`,
`<longitude>`): toponyms with coordinates are resolved (adjectives such as "Irish" included);
recognition counts every type but the non-toponyms (Non_Toponym, Literal_Expression,
Non_Lit_Expression), the recognition-only Demonym, Homonym and Language, and adjectival
modifiers (demonyms: by design not places here); for the same reason LGL's adjectives (a gold
span that our lists know as a demonym and not as a name: "Georgian") are left out of recognition.

Usage: python bench/places.py [--corpus PATH ...] [--mode gold|e2e|both|timing]
       [--split all|dev|test]
       [--limit N] [--json]      (default corpora: ../shared/data/geo/GWN.xml and lgl.xml)
`dev` is the even-numbered documents of each corpus (used while developing), `test` the odd.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire import kb as kb_module
from eventwire import places
from eventwire.places.geo import HALF_CIRCUMFERENCE_KM, distance_km

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_CORPORA = [SHARED / "geo" / "GWN.xml", SHARED / "geo" / "lgl.xml"]
NOT_TOPONYMS = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}
RECOGNITION_ONLY = {"Demonym", "Homonym", "Language"}
TIMED_TOPONYMS = 10_000


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    recognised: bool  # part of the recognition gold set
    embedded: bool = False  # GeoWebNews: a toponym inside another name ("Jamaica Cancer Society")


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[Gold] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    return float(value) if value and value.strip() else None


def _lgl_toponym(node: ET.Element) -> Gold:
    tag = node.find("gaztag")
    lat = _float(tag.findtext("lat")) if tag is not None else None
    lon = _float(tag.findtext("lon")) if tag is not None else None
    start, end = int(node.findtext("start", "0")), int(node.findtext("end", "0"))
    return Gold(start, end, node.findtext("phrase", ""), lat, lon, True)


def _gwn_toponym(node: ET.Element) -> Gold | None:
    kind = node.findtext("type", "")
    if kind in NOT_TOPONYMS:
        return None
    adjective = node.findtext("modifierType", "") == "Adjective"
    recognised = kind not in RECOGNITION_ONLY and not adjective
    lat, lon = _float(node.findtext("latitude")), _float(node.findtext("longitude"))
    if not recognised and lat is None:
        return None
    start, end = int(node.findtext("start", "0")), int(node.findtext("end", "0"))
    embedded = kind.startswith("Embedded")
    return Gold(start, end, node.findtext("extractedName", ""), lat, lon, recognised, embedded)


def read_corpus(path: Path) -> list[Article]:
    """Articles of a GeoWebNews- or LGL-format XML file (told apart by their toponym fields)."""
    articles = []
    for number, node in enumerate(ET.parse(path).getroot().iter("article")):
        text = node.findtext("text", "")
        article = Article(node.get("docid") or node.get("file") or str(number), text)
        for top in node.iter("toponym"):
            gold = _lgl_toponym(top) if top.find("phrase") is not None else _gwn_toponym(top)
            if gold is not None and 0 <= gold.start < gold.end <= len(text):
                article.toponyms.append(gold)
        article.toponyms.sort(key=lambda g: (g.start, g.end))
        articles.append(article)
    return articles


def resolution_metrics(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"n": 0}
    ordered = sorted(errors)
    logs = [math.log(1 + e) for e in ordered]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    auc = area / (math.log(HALF_CIRCUMFERENCE_KM) * max(1, len(logs) - 1))
    return {
        "n": len(errors),
        "acc161": sum(e <= 161 for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": auc,
        "unresolved": sum(e >= HALF_CIRCUMFERENCE_KM for e in errors),
    }


def _error(mention: Any, gold: Gold) -> float:
    if mention is None or mention.lat is None or gold.lat is None or gold.lon is None:
        return HALF_CIRCUMFERENCE_KM
    return distance_km(gold.lat, gold.lon, mention.lat, mention.lon)


def gold_mode(gaz: places.Gazetteer, articles: list[Article]) -> dict[str, Any]:
    errors, misses = [], []
    start = time.perf_counter()
    for article in articles:
        spans = sorted({(g.start, g.end, "") for g in article.toponyms})
        resolutions = places.resolve_spans(gaz, article.text, spans)
        by_span = {(r.mention.start, r.mention.end): places.to_mention(gaz, r) for r in resolutions}
        for gold in article.toponyms:
            if gold.lat is None:
                continue
            error = _error(by_span.get((gold.start, gold.end)), gold)
            errors.append(error)
            if error > 161:
                misses.append((article.id, gold.text, round(error)))
    result = resolution_metrics(errors)
    result["seconds"] = time.perf_counter() - start
    return {"resolution": result, "worst": misses}


def e2e_mode(gaz: places.Gazetteer, articles: list[Article]) -> dict[str, Any]:
    from eventwire import nlp as nlp_module

    nlp = nlp_module.load(None)
    start = time.perf_counter()
    docs = list(nlp_module.parse(nlp, (a.text for a in articles)))
    parsed = time.perf_counter()
    counts = {"found": 0, "hits": 0, "gold": 0, "embedded": 0, "embedded_hits": 0}
    errors = []
    for article, doc in zip(articles, docs, strict=True):
        mentions = places.find_places(doc, gaz, set())
        spans = {(m.start, m.end): m for m in mentions}
        gold = {
            (g.start, g.end): g
            for g in article.toponyms
            if g.recognised and not _demonym(gaz, g.text)
        }
        hits = spans.keys() & gold.keys()
        counts["found"] += len(spans)
        counts["gold"] += len(gold)
        counts["hits"] += len(hits)
        counts["embedded"] += sum(g.embedded for g in gold.values())
        counts["embedded_hits"] += sum(gold[s].embedded for s in hits)
        errors += [_error(spans[s], gold[s]) for s in hits if gold[s].lat is not None]
    done = time.perf_counter()
    return {
        "recognition": recognition_metrics(counts),
        "resolution": resolution_metrics(errors),
        "seconds": {"spacy": parsed - start, "places": done - parsed, "documents": len(docs)},
    }


def _demonym(gaz: places.Gazetteer, text: str) -> bool:
    """LGL marks adjectives ("Georgian", "Palestinian") as toponyms; like GeoWebNews'
    adjectival modifiers they are not places here (they give a country to resolution)."""
    return gaz.demonym_row(places.name_key(text)) is not None and not gaz.lookup(text)


def recognition_metrics(counts: dict[str, int]) -> dict[str, float]:
    """Span precision, recall and F1; recall also without toponyms embedded in other names,
    which the recogniser leaves inside their organisation by design."""
    precision = counts["hits"] / max(1, counts["found"])
    recall = counts["hits"] / max(1, counts["gold"])
    outside = counts["gold"] - counts["embedded"]
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / max(1e-9, precision + recall),
        "gold": counts["gold"],
        "recall_not_embedded": (counts["hits"] - counts["embedded_hits"]) / max(1, outside),
        "embedded": counts["embedded"],
    }


def timing(kb: kb_module.KnowledgeBase, articles: list[Article]) -> dict[str, float]:
    """Load the gazetteer from its cache, then resolve 10,000 gold toponyms (cycling through the
    articles), the way a fresh process would. CPU seconds of this process (one core; other
    work on a shared machine does not count) and wall-clock seconds."""
    places.gazetteer(kb)  # makes sure the cache exists (a first build is not what is timed)
    places.gazetteer.cache_clear()
    clocks = [(time.process_time(), time.perf_counter())]
    gaz = places.gazetteer(kb)
    clocks.append((time.process_time(), time.perf_counter()))
    resolved, i = 0, 0
    while resolved < TIMED_TOPONYMS and articles:
        article = articles[i % len(articles)]
        spans = sorted({(g.start, g.end, "") for g in article.toponyms})
        resolved += len(places.resolve_spans(gaz, article.text, spans))
        i += 1
    clocks.append((time.process_time(), time.perf_counter()))
    (c0, w0), (c1, _), (c2, w2) = clocks
    return {"load_cpu_s": c1 - c0, "resolve_cpu_s": c2 - c1, "total_cpu_s": c2 - c0,
            "total_wall_s": w2 - w0, "toponyms": resolved}  # fmt: skip


def _pick(articles: list[Article], split: str, limit: int | None) -> list[Article]:
    chosen = [
        a for i, a in enumerate(articles) if split == "all" or (i % 2 == 0) == (split == "dev")
    ]
    return chosen[:limit] if limit else chosen


def run(args: argparse.Namespace) -> dict[str, Any]:
    kb = kb_module.default()
    corpora = [Path(p) for p in args.corpus] or DEFAULT_CORPORA
    report: dict[str, Any] = {"corpora": {}}
    every: list[Article] = []
    for path in corpora:
        articles = _pick(read_corpus(path), args.split, args.limit)
        every += articles
        entry: dict[str, Any] = {"documents": len(articles)}
        gaz = places.gazetteer(kb)
        if args.mode == "timing":
            continue
        if args.mode in {"gold", "both"}:
            entry["gold_spans"] = gold_mode(gaz, articles)
        if args.mode in {"e2e", "both"}:
            entry["end_to_end"] = e2e_mode(gaz, articles)
        report["corpora"][path.name] = entry
    report["timing"] = timing(kb, every)
    return report


def _line(name: str, r: dict[str, Any]) -> str:
    if not r.get("n"):
        return f"  {name:24s} (no toponyms)"
    return (
        f"  {name:24s} n={r['n']:5d}  acc@161km {r['acc161']:.3f}  mean {r['mean_km']:7.1f} km"
        f"  median {r['median_km']:6.1f} km  AUC {r['auc']:.3f}  unresolved {r['unresolved']}"
    )


def print_table(report: dict[str, Any], worst: int) -> None:
    for name, entry in report["corpora"].items():
        print(f"{name} ({entry['documents']} documents)")
        if "gold_spans" in entry:
            print(_line("resolution, gold spans", entry["gold_spans"]["resolution"]))
            for miss in entry["gold_spans"]["worst"][:worst]:
                print(f"      miss {miss}")
        if "end_to_end" in entry:
            e2e = entry["end_to_end"]
            rec, sec = e2e["recognition"], e2e["seconds"]
            print(f"  {'recognition, end to end':24s} P {rec['precision']:.3f}  R {rec['recall']:.3f}"
                  f"  F1 {rec['f1']:.3f}  (gold {rec['gold']}; recall without the "
                  f"{rec['embedded']} embedded in other names {rec['recall_not_embedded']:.3f})")  # fmt: skip
            print(_line("resolution, end to end", e2e["resolution"]))
            print(f"  {'time':24s} spaCy {sec['spacy']:.1f} s, places {sec['places']:.1f} s"
                  f" for {sec['documents']} documents")  # fmt: skip
    t = report["timing"]
    print(f"gazetteer load from cache {t['load_cpu_s']:.2f} s + resolving {t['toponyms']} "
          f"toponyms {t['resolve_cpu_s']:.2f} s = {t['total_cpu_s']:.2f} CPU s on one core "
          f"({t['total_wall_s']:.2f} s wall clock)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", default=[], help="GWN- or LGL-format XML")
    parser.add_argument("--mode", choices=("gold", "e2e", "both", "timing"), default="both")
    parser.add_argument("--split", choices=("all", "dev", "test"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N documents per corpus")
    parser.add_argument("--worst", type=int, default=0, help="print N misses per corpus")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    missing = [p for p in (args.corpus or DEFAULT_CORPORA) if not Path(p).exists()]
    if missing:
        sys.exit(f"corpus not found: {', '.join(map(str, missing))}")
    report = run(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report, args.worst)


if __name__ == "__main__":
    main()
