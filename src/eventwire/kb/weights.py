"""Tuning weights and scores (`weights.tsv`): what each piece of evidence adds to a place's,
an actor's or an event's score, set by the team on the dev sets (see bench/).

`KNOWN` names every weight the stages read, by group; the file must give each of them one
number and nothing else, so that a misspelt name is an error (E007, file:line) rather than a
weight silently left at another value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from .tables import number, read_table

COLUMNS = ("stage", "name", "value", "what")
KNOWN: dict[str, tuple[str, ...]] = {
    "actors.context": ("near_score", "setting_score", "setting_min"),
    "actors.coref": ("anaphor_score", "holder_score"),
    "actors.resolve": ("fuzzy_score", "lone_cutoff", "unknown_person_score"),
    "actors.named": ("group_score",),
    "actors.names": ("person_cutoff", "surname_cutoff", "name_cutoff"),
    "places.resolve": (
        *("population", "continent", "region", "country", "admin", "city", "custom"),
        *("capital", "alternate_name", "city_namesake", "qualifier", "qualifies", "demonym"),
        *("country_context", "country_share", "admin1_context", "admin1_share"),
        *("nearby", "cluster", "relative"),
    ),
    "events.confidence": (
        *("base", "specificity", "role", "inference", "path", "same_actor", "no_country"),
        *("dated", "type_model"),
    ),
    "events.checks": ("background_none", "noun_state_none"),
    "events.roles": ("model_threshold", "overruled", "overruling"),
    "analysis.text": ("name_weight", "figure_weight"),
}


@dataclass(frozen=True)
class Weights:
    """Weight by full name ("events.confidence.base" -> 0.45)."""

    values: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, name: str) -> float:
        return self.values[name]

    def of(self, group: str) -> dict[str, float]:
        """The weights of one group by their short names: a stage's dataclass of weights."""
        return {name: self.values[f"{group}.{name}"] for name in KNOWN[group]}


def load_weights(path: Path) -> Weights:
    known = {f"{group}.{name}" for group, names in KNOWN.items() for name in names}
    values: dict[str, float] = {}
    for where, row in read_table(path, COLUMNS, path.name):
        name = f"{row['stage']}.{row['name']}"
        if name not in known:
            raise KnowledgeError(f"{where}: unknown weight {name!r}")
        if name in values:
            raise KnowledgeError(f"{where}: weight {name!r} given twice")
        if not row["what"]:
            raise KnowledgeError(f"{where}: weight {name!r} needs a line on what it does")
        value = number(row["value"], where)
        if not math.isfinite(value):
            raise KnowledgeError(f"{where}: weight {name!r} is not a finite number")
        values[name] = value
    missing = sorted(known - set(values))
    if missing:
        raise KnowledgeError(f"{path.name}: no value for weight {missing[0]!r}")
    return Weights(values)
