"""The shipped story model (`data/story_model.tsv`): one logistic weight per piece of story
evidence (`story_score.Evidence.features`, in `FEATURES` order), the bias, how many words open
a document (its lead) and how many tokens of it the lead's embedding reads (`analysis.embed`;
a weight of 0 for `lead_embedding` leaves the embedding out, unloaded). Fitted by `python bench/clusters.py --fit` on the ECB+ tune half."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import KnowledgeError
from ..kb.tables import data_path, number, read_table

# the evidence, in the order of `Evidence.features` and of the weights
FEATURES = (
    "words",  # TF-IDF cosine of the words
    "names",  # of the names
    "figures",  # of the figures other than years
    "year_shared",  # a year named in both texts
    "years_apart",  # both name years, none in common
    "lead_year_words",  # the words' cosine when a year is named in both leads, else 0
    "lead_embedding",  # the cosine of the leads' static embeddings (`analysis.embed`)
)
COLUMNS = ("name", "value", "what")
MODEL_PATH = data_path("story_model.tsv")


@dataclass(frozen=True)
class StoryModel:
    weights: tuple[float, ...]  # one per FEATURES, then the bias
    lead_words: int
    lead_tokens: int  # the WordPiece tokens of a text its lead's embedding reads

    @property
    def embeds(self) -> bool:
        """Whether the model reads the leads' embeddings (a weight other than 0)."""
        return self.weights[FEATURES.index("lead_embedding")] != 0.0


def load_model(path: Path) -> StoryModel:
    """The model in `path`; every weight once, nothing else (KnowledgeError naming the line)."""
    known = {f"weight.{f}" for f in (*FEATURES, "bias")} | {"lead_words", "lead_tokens"}
    values: dict[str, float] = {}
    for where, row in read_table(path, COLUMNS, path.name):
        if row["name"] not in known or row["name"] in values:
            raise KnowledgeError(f"{where}: unknown or repeated story model value {row['name']!r}")
        values[row["name"]] = number(row["value"], where)
    missing = sorted(known - set(values))
    if missing:
        raise KnowledgeError(f"{path.name}: no value for {missing[0]!r}")
    weights = tuple(values[f"weight.{f}"] for f in (*FEATURES, "bias"))
    return StoryModel(weights, int(values["lead_words"]), int(values["lead_tokens"]))


@cache
def shipped_model() -> StoryModel:
    return load_model(MODEL_PATH)


def weights_for(configured: Sequence[float]) -> tuple[float, ...]:
    """The weights to score with: `configured` when it is one per feature and a bias; the
    shipped ones when it is empty (ClusterConfig's default)."""
    if len(configured) == len(FEATURES) + 1:
        return tuple(configured)
    if not configured:
        return shipped_model().weights
    raise ValueError(
        f"story weights: {len(configured)} given, the model takes {len(FEATURES) + 1} "
        f"({', '.join(FEATURES)}, bias)"
    )
