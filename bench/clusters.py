"""Stories and event clusters on ECB+ (../shared/data/ecbplus, the odd-numbered half of its
topics): each topic holds two seminal events of one kind (two earthquakes, two air strikes),
each reported by several outlets.

Every figure is printed for two parts of the data and for the whole: the tune part (topics 1,
5, 9, ...: topic mod 4 = 1), on which the story weights and cut were fitted (`--fit`), and the
held-out part (topics 3, 7, 11, ...: topic mod 4 = 3), which no setting has seen.

1. Stories, pairwise over document pairs: a pair is positive when both documents report the
   same seminal event; predicted positive when eventwire puts them in one story. Precision,
   recall and F1 within topics (pairs of one topic) and over all pairs.
2. Event clusters, for the coded events whose trigger overlaps a gold event mention that has a
   cross-document chain: B³ precision, recall and F1 of eventwire's clusters over the chains.

ECB+ has no publication dates: every document is ingested with one fixed --date. The documents
are coded once into --db (a temporary file by default; pass a path to keep it between runs: an
existing file is not coded again).

`--fit` fits the story model by logistic regression on the tune part's document pairs within
topics (`bench/story_fit.py`) and prints its rows for `src/eventwire/data/story_model.tsv`, the
tune part's F1 per cut (in-sample and leave-one-topic-out), and the held-out total at the
configured cut only; the cut is chosen on the tune part (`ClusterConfig.story_link`).

Usage: python bench/clusters.py [--db FILE] [--data DIR] [--date 2013-06-01] [--json] [--fit]
                                [--story-link 0.5] [--link-score 0.6] [--link-share 0.6]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire.analysis import ClusterConfig, update_clusters
from eventwire.store import DuckDBStore

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"


PARTS = {"tune": 1, "held_out": 3}  # topic mod 4


def part_of(topic: int) -> str:
    return "tune" if topic % 4 == PARTS["tune"] else "held_out"


def ingest(data: Path, db: Path, date: str) -> None:
    """Code the documents into db (the ECB+ id goes in as the URL, to map them back)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ecbplus.jsonl"
        with (data / "documents.jsonl").open() as lines, source.open("w") as out:
            for line in lines:
                doc = json.loads(line)
                out.write(json.dumps({"text": doc["text"], "url": f"ecb:{doc['id']}"}) + "\n")
        command = [sys.executable, "-m", "eventwire", "ingest", str(source), "--db", str(db)]
        command += ["--date", date, "--map", "text=text,url=url", "--quiet"]
        subprocess.run(command, check=True)


def pairwise(
    gold: dict[str, str], predicted: dict[str, str], pairs: list[tuple[str, str]]
) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in pairs:
        same_gold, same_predicted = gold[a] == gold[b], predicted[a] == predicted[b]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    return scores(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def scores(p: float, r: float) -> dict[str, float]:
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def b_cubed(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_predicted: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_predicted[predicted[item]].add(item)
    p = r = 0.0
    for item in gold:
        both = len(by_gold[gold[item]] & by_predicted[predicted[item]])
        p += both / len(by_predicted[predicted[item]])
        r += both / len(by_gold[gold[item]])
    n = len(gold) or 1
    return scores(p / n, r / n)


def story_scores(store: DuckDBStore, documents: list[dict[str, Any]]) -> dict[str, Any]:
    rows = store.fetchall(
        "SELECT d.url, s.story_id FROM documents d JOIN stories s ON s.document_id = d.id"
    )
    predicted = {str(url)[4:]: str(story) for url, story in rows}
    gold = {d["id"]: f"{d['topic']}:{d['seminal']}" for d in documents}
    topic = {d["id"]: d["topic"] for d in documents}
    result: dict[str, Any] = {"documents": len(gold), "stories": len(set(predicted.values()))}
    for part in (*PARTS, "all"):
        ids = sorted(i for i in gold if part in ("all", part_of(topic[i])))
        every = list(itertools.combinations(ids, 2))
        within = [(a, b) for a, b in every if topic[a] == topic[b]]
        result[part] = {
            "documents": len(ids),
            "within_topics": pairwise(gold, predicted, within),
            "all_pairs": pairwise(gold, predicted, every),
        }
    return result


def mention_scores(store: DuckDBStore, data: Path) -> dict[str, Any]:
    """B³ over gold chains, for coded events whose trigger overlaps a chained gold mention."""
    chains: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    with (data / "mentions.jsonl").open() as lines:
        for line in lines:
            m = json.loads(line)
            if m["chain"]:
                chains[m["doc"]].append((m["start"], m["end"], m["chain"]))
    rows = store.fetchall(
        "SELECT d.url, e.id, e.trigger_start, e.trigger_end, m.cluster_id FROM events e "
        "JOIN documents d ON d.id = e.document_id JOIN cluster_members m ON m.event_id = e.id"
    )
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    part: dict[str, str] = {}
    for url, event_id, start, end, cluster in rows:
        for m_start, m_end, chain in chains.get(str(url)[4:], []):
            if start is not None and start < m_end and m_start < end:
                gold[event_id], predicted[event_id] = chain, str(cluster)
                part[event_id] = part_of(int(str(url)[4:].split("_")[0]))
                break
    result: dict[str, Any] = {"coded_events": len(rows)}
    for name in (*PARTS, "all"):
        keep = [e for e in gold if name in ("all", part[e])]
        result[name] = {
            "events_matched": len(keep),
            **b_cubed({e: gold[e] for e in keep}, {e: predicted[e] for e in keep}),
        }
    return result


def fit(store: DuckDBStore, documents: list[dict[str, Any]], cut: float) -> None:
    """Fit the story model on the tune part's pairs within topics (`story_fit`)."""
    from story_fit import Pairs, report_fit

    from eventwire.analysis.stories import document_terms_of
    from eventwire.analysis.story_score import Evidence

    ids_by_url = dict(store.fetchall("SELECT substr(url, 5), id FROM documents"))
    documents = [d for d in documents if d["id"] in ids_by_url]
    terms = document_terms_of(store, [ids_by_url[d["id"]] for d in documents], embedding=True)
    evidence = Evidence.of([terms[ids_by_url[d["id"]]] for d in documents])
    topics = [d["topic"] for d in documents]
    pairs = Pairs(evidence, topics, [f"{d['topic']}:{d['seminal']}" for d in documents])
    tune = sorted({t for t in topics if part_of(t) == "tune"})
    held_out = sorted({t for t in topics if part_of(t) == "held_out"})
    report_fit(pairs, tune, held_out, cut, pairwise)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--date", default="2013-06-01")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--story-link", type=float, default=ClusterConfig.story_link)
    parser.add_argument("--link-score", type=float, default=ClusterConfig.link_score)
    parser.add_argument("--link-share", type=float, default=ClusterConfig.cluster_link_share)
    args = parser.parse_args()
    documents = [json.loads(line) for line in (args.data / "documents.jsonl").open()]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "ecbplus.duckdb"
        started = time.perf_counter()
        if not db.exists():
            ingest(args.data, db, args.date)
        coded = time.perf_counter() - started
        config = ClusterConfig(
            story_link=args.story_link,
            link_score=args.link_score,
            cluster_link_share=args.link_share,
        )
        with DuckDBStore(db) as store:
            if args.fit:
                fit(store, documents, args.story_link)
                return
            started = time.perf_counter()
            update = update_clusters(store, config, full=True)
            clustered = time.perf_counter() - started
            result = {
                "stories": story_scores(store, documents),
                "events": mention_scores(store, args.data),
                "clusters": update.clusters,
                "seconds": {"ingest": round(coded, 1), "cluster": round(clustered, 2)},
            }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    report(result, args.data)


def report(result: dict[str, Any], data: Path) -> None:
    stories, events = result["stories"], result["events"]
    print(
        f"ECB+ ({data}): {stories['documents']} documents, {stories['stories']} stories, "
        f"{result['clusters']} event clusters"
    )
    for part in (*PARTS, "all"):
        print(f"{part} ({stories[part]['documents']} documents):")
        for name in ("within_topics", "all_pairs"):
            s = stories[part][name]
            print(
                f"  stories {name:14} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            )
        e = events[part]
        print(
            f"  events B3 ({e['events_matched']} coded events on gold chains)    "
            f"P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}"
        )
    seconds = result["seconds"]
    print(f"coded events: {events['coded_events']}; seconds: ingest {seconds['ingest']}, "
          f"cluster {seconds['cluster']}")  # fmt: skip


if __name__ == "__main__":
    main()
