"""How likely two documents of one bin report the same happening, and the stories that follow.

Evidence, each from the two texts and the bin they share (IDF is over the bin's documents, the
corpus itself; never over a gold set):

* the TF-IDF cosine of their words (names and figures weighted up, as for event evidence);
* the TF-IDF cosine of their names alone (capitalised words inside a sentence: people, places,
  organisations), which tell two happenings of one kind apart (two DUI arrests of two players);
* the TF-IDF cosine of their figures other than years (magnitudes, tolls, scores);
* their years (1800-2099 written out): a year in common is for, two texts that both name years
  but none in common is against (two earthquakes four years apart);
* the years of their leads (the first `lead_words` words: a title, a dateline, the opening
  sentence): a lead dates the happening the text reports, where the years further on are as
  often background (the tsunami of 2004 in reports of two later earthquakes); a year in common
  in the leads makes like words count for more (the words' cosine again, when the leads share
  a year; alone, a shared year would link any two reports of one year);
* the cosine of their leads' sentence embeddings (`analysis.embed`: a static model distilled
  from all-MiniLM-L6-v2, the first `lead_tokens` WordPiece tokens, about a title and the
  opening sentence), which sees two wordings of one happening ("quake" and "temblor") where
  the words' cosine does not; left out, and the embedding not loaded, when its weight is 0.

The evidence is combined by a logistic model (the shipped weights in `data/story_model.tsv`,
`story_model`, fitted on the ECB+ tune half with `python bench/clusters.py --fit`; or
`ClusterConfig.story_weights` when it gives one per feature) into a probability; documents are
grouped by average linkage on it, cut at `ClusterConfig.story_link`. Average linkage: a
document joins a group only when it is, on average, like the group's members, so one similar
pair does not chain two stories together.

Memory stays bounded: the probabilities are computed a block of rows at a time and only the
pairs at or above the cut are kept; a story never spans two connected components of those
pairs (an average at or above the cut needs one pair at or above it), so average linkage runs
on each component alone."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from . import embed
from .story_model import shipped_model, weights_for
from .text import _WORD, Vector, stopwords, vector

_YEAR = re.compile(r"(?:1[89]|20)\d\d")
ROWS_AT_ONCE = 512  # rows of the pair probabilities held at once


@dataclass(frozen=True)
class DocumentTerms:
    """What the story evidence reads from one document's title and text."""

    words: Vector  # `text.vector`: content words with name and figure weights
    names: Counter[str]  # capitalised words inside sentences
    figures: Counter[str]  # numbers other than years
    years: frozenset[str]
    lead_years: frozenset[str] = frozenset()  # years among the first `lead_words` words
    lead_embedding: np.ndarray | None = None  # unit length (`embed.embed`), when the model reads it


def _starts(gap: str) -> bool:
    """Whether the text between two words ends a sentence (a capital after it is no name)."""
    return "\n" in gap or gap.strip().endswith((".", "!", "?", ":"))


def document_terms(text: str | None, embedding: bool | None = None) -> DocumentTerms:
    """The evidence of one text; its lead's embedding when `embedding` says so (by default
    when the shipped model weighs it)."""
    names: Counter[str] = Counter()
    figures: Counter[str] = Counter()
    years: set[str] = set()
    lead: set[str] = set()
    stop, lead_words = stopwords(), shipped_model().lead_words
    previous_end = -1
    for position, match in enumerate(_WORD.finditer(text or "")):
        token = match.group()
        gap = (text or "")[previous_end : match.start()] if previous_end >= 0 else "."
        previous_end = match.end()
        key = token.casefold()
        if token[0].isdigit():
            if _YEAR.fullmatch(token):
                years.add(token)
                if position < lead_words:
                    lead.add(token)
            else:
                figures[key] += 1
        elif key not in stop and len(key) > 2 and token[0].isupper() and not _starts(gap):
            names[key] += 1
    model = shipped_model()
    lead_embedding = None
    if model.embeds if embedding is None else embedding:
        lead_embedding = embed.embed([text], model.lead_tokens)[0]
    return DocumentTerms(
        vector(text), names, figures, frozenset(years), frozenset(lead), lead_embedding
    )


def _tfidf(rows: Sequence[dict[str, float]]) -> csr_matrix:
    """Sublinear-count (already in `rows`) TF-IDF rows at unit length; IDF over these rows."""
    df = Counter(key for row in rows for key in row)
    n = len(rows)
    vocabulary: dict[str, int] = {}
    indices, columns, values = [], [], []
    for i, row in enumerate(rows):
        raw = {key: x * (1.0 + math.log((n + 1) / (df[key] + 1))) for key, x in row.items()}
        norm = math.sqrt(sum(x * x for x in raw.values()))
        for key, x in raw.items():
            if x and norm:
                indices.append(i)
                columns.append(vocabulary.setdefault(key, len(vocabulary)))
                values.append(x / norm)
    shape = (n, max(1, len(vocabulary)))
    return csr_matrix((values, (indices, columns)), shape=shape)


def _sublinear(counts: Counter[str]) -> dict[str, float]:
    return {key: 1.0 + math.log(c) for key, c in counts.items()}


def _indicators(sets: Sequence[frozenset[str]]) -> csr_matrix:
    """A 0/1 row per set (a column per item)."""
    matrix = _tfidf([dict.fromkeys(items, 1.0) for items in sets])
    matrix.data[:] = 1.0
    return matrix


def _stacked(vectors: Sequence[np.ndarray | None]) -> np.ndarray:
    """A row per document (zeros where it has no embedding; one column when none has)."""
    width = next((len(v) for v in vectors if v is not None), 1)
    found = np.zeros((len(vectors), width), dtype=np.float32)
    for i, v in enumerate(vectors):
        if v is not None:
            found[i] = v
    return found


def _agreement(
    matrix: csr_matrix, rows: np.ndarray, columns: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(an item in common, items on both sides but none in common) for every pair."""
    shared = np.asarray((matrix[rows] @ matrix[columns].T).todense()) > 0
    named = np.asarray(matrix.getnnz(axis=1)) > 0
    both = np.outer(named[rows], named[columns])
    return 1.0 * shared, 1.0 * (both & ~shared)


@dataclass(frozen=True)
class Evidence:
    words: csr_matrix
    names: csr_matrix
    figures: csr_matrix
    years: csr_matrix  # 0/1 per year named
    lead_years: csr_matrix  # 0/1 per year named in the lead
    lead_embeddings: np.ndarray  # a unit row per document (zeros: none)

    @classmethod
    def of(cls, terms: Sequence[DocumentTerms]) -> Evidence:
        return cls(
            _tfidf([t.words for t in terms]),
            _tfidf([_sublinear(t.names) for t in terms]),
            _tfidf([_sublinear(t.figures) for t in terms]),
            _indicators([t.years for t in terms]),
            _indicators([t.lead_years for t in terms]),
            _stacked([t.lead_embedding for t in terms]),
        )

    def __len__(self) -> int:
        return int(self.words.shape[0])

    def subset(self, rows: np.ndarray) -> Evidence:
        """The evidence of some documents, weighted as among all (IDF over all)."""
        return Evidence(*(m[rows] for m in self.matrices()))

    def matrices(self) -> tuple[csr_matrix | np.ndarray, ...]:
        return (
            self.words,
            self.names,
            self.figures,
            self.years,
            self.lead_years,
            self.lead_embeddings,
        )

    def features(self, rows: np.ndarray, columns: np.ndarray) -> list[np.ndarray]:
        """The evidence for every pair rows x columns, as dense blocks, in the order of
        `story_model.FEATURES`: the cosines of words, names and figures; a year in common,
        years on both sides but none in common; the words' cosine when the leads share a year;
        the cosine of the leads' embeddings."""

        def cos(m: csr_matrix) -> np.ndarray:
            return np.asarray((m[rows] @ m[columns].T).todense())

        words = cos(self.words)
        lead_year_shared, _ = _agreement(self.lead_years, rows, columns)
        return [
            words,
            cos(self.names),
            cos(self.figures),
            *_agreement(self.years, rows, columns),
            words * lead_year_shared,
            self.lead_embeddings[rows] @ self.lead_embeddings[columns].T,
        ]

    def probability(
        self, rows: np.ndarray, columns: np.ndarray, weights: Sequence[float]
    ) -> np.ndarray:
        """P(same story) for every pair rows x columns (a dense block)."""
        *coefficients, bias = weights
        z = sum(w * x for w, x in zip(coefficients, self.features(rows, columns), strict=True))
        return np.asarray(1.0 / (1.0 + np.exp(-(z + bias))))


def stories_of(terms: Sequence[DocumentTerms], weights: Sequence[float], cut: float) -> list[int]:
    """A story label (0, 1, ...) per document (`weights`: see `story_model.weights_for`)."""
    return group(Evidence.of(terms), weights, cut) if len(terms) > 1 else [0] * len(terms)


def group(evidence: Evidence, weights: Sequence[float], cut: float) -> list[int]:
    """A story label (0, 1, ...) per document of `evidence`."""
    weights = weights_for(weights)
    n = len(evidence)
    if n < 2:
        return [0] * n
    component = _components(evidence, weights, cut)
    probabilities = _within_components(evidence, weights, component)
    labels = [0] * n
    next_label = 0
    for members in _members(component):
        local = _average_linkage(probabilities.get(int(component[members[0]])), members, cut)
        for doc, label in zip(members, local, strict=True):
            labels[int(doc)] = next_label + label
        next_label += max(local) + 1
    return labels


def _blocks(n: int) -> Iterator[np.ndarray]:
    everyone = np.arange(n)
    for start in range(0, n, ROWS_AT_ONCE):
        yield everyone[start : start + ROWS_AT_ONCE]


def _components(evidence: Evidence, weights: Sequence[float], cut: float) -> np.ndarray:
    """The connected components of the pairs at or above the cut (a label per document)."""
    n = len(evidence)
    everyone = np.arange(n)
    linked_rows, linked_columns = [], []
    for block in _blocks(n):
        i, j = np.nonzero(evidence.probability(block, everyone, weights) >= cut)
        linked_rows.append(block[i])
        linked_columns.append(j)
    rows, columns = np.concatenate(linked_rows), np.concatenate(linked_columns)
    graph = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, n))
    return np.asarray(connected_components(graph, directed=False)[1])


def _within_components(
    evidence: Evidence, weights: Sequence[float], component: np.ndarray
) -> dict[int, np.ndarray]:
    """The probabilities among the members of each component of three or more (a dense matrix
    per component, rows and columns in document order), computed a block of rows at a time."""
    n = len(component)
    sizes = np.bincount(component)
    big = sizes[component] >= 3
    if not big.any():
        return {}
    everyone = np.arange(n)
    found: dict[int, np.ndarray] = {
        int(c): np.zeros((int(sizes[c]), int(sizes[c]))) for c in np.unique(component[big])
    }
    position = np.zeros(n, dtype=int)  # each document's place among its component's members
    for members in _members(component):
        position[members] = np.arange(len(members))
    for block in _blocks(n):
        block = block[big[block]]
        if not len(block):
            continue
        probability = evidence.probability(block, everyone, weights)
        i, j = np.nonzero(component[block][:, None] == component[None, :])
        # one vectorised write per component (a loop over pairs cost 70 s at 100,000 events)
        order = np.argsort(component[block[i]], kind="stable")
        i, j = i[order], j[order]
        bounds = np.flatnonzero(np.diff(component[block[i]])) + 1
        for part_i, part_j in zip(np.split(i, bounds), np.split(j, bounds), strict=True):
            matrix = found[int(component[block[part_i[0]]])]
            matrix[position[block[part_i]], position[part_j]] = probability[part_i, part_j]
    return found


def _members(component: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    return np.split(order, bounds)


def _average_linkage(probability: np.ndarray | None, members: np.ndarray, cut: float) -> list[int]:
    """Story labels (0, 1, ...) of one component's members."""
    if probability is None:  # one document, or two: linked, or there would be two components
        return [0] * len(members)
    distance = 1.0 - np.clip((probability + probability.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(label) - 1 for label in fcluster(tree, 1.0 - cut, criterion="distance")]
