"""The stages' tuning weights are data (`data/weights.tsv`): every weight the code reads has one
number there, with what it does; a misspelt name or a value that is no number is an E007 naming
the file and line; a coder whose knowledge holds other weights scores with them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventwire import kb as kb_module
from eventwire.errors import KnowledgeError
from eventwire.events.dyads import ConfidenceWeights, confidence_weights
from eventwire.ingest import make_document
from eventwire.kb.tables import data_path, provenance
from eventwire.kb.weights import KNOWN, Weights, load_weights
from eventwire.pipeline import Coder
from eventwire.places.resolve import Weights as PlaceWeights
from eventwire.places.resolve import default_weights

HEADER = "stage\tname\tvalue\twhat\n"


def _rows() -> list[str]:
    lines = data_path("weights.tsv").read_text("utf-8").splitlines(keepends=True)
    return [line for line in lines[1:] if not line.startswith("#")]


def _written(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "weights.tsv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_the_weights_file_says_where_its_numbers_come_from() -> None:
    said = provenance(data_path("weights.tsv"))
    assert "dev" in said.source and "bench/" in said.source and said.as_of[:4].isdigit()


def test_each_stage_reads_the_weights_of_its_group() -> None:
    weights = kb_module.default().weights
    fields = {f.name for f in dataclasses.fields(ConfidenceWeights)}
    assert fields == set(KNOWN["events.confidence"])
    assert {f.name for f in dataclasses.fields(PlaceWeights)} == set(KNOWN["places.resolve"])
    assert dataclasses.asdict(confidence_weights()) == weights.of("events.confidence")
    assert dataclasses.asdict(default_weights()) == weights.of("places.resolve")
    assert weights["events.confidence.base"] == 0.45 and weights["places.resolve.nearby"] == 3.25


def test_a_misspelt_weight_is_an_error_naming_its_line(tmp_path: Path) -> None:
    rows = _rows()
    first = rows[0].split("\t")
    misspelt = "\t".join([first[0], first[1] + "x", *first[2:]])
    path = _written(tmp_path, [*rows, misspelt])
    with pytest.raises(KnowledgeError, match=rf"weights.tsv:{len(rows) + 2}: unknown weight") as e:
        load_weights(path)
    assert e.value.code == "E007"


def test_a_weight_that_is_no_number_is_an_error_naming_its_line(tmp_path: Path) -> None:
    rows = _rows()
    stage, name, _, what = rows[1].split("\t")
    broken = [rows[0], "\t".join([stage, name, "high", what]), *rows[2:]]
    with pytest.raises(KnowledgeError, match=r"weights.tsv:3: not a number: 'high'"):
        load_weights(_written(tmp_path, broken))
    nan = [rows[0], "\t".join([stage, name, "nan", what]), *rows[2:]]
    with pytest.raises(KnowledgeError, match=r"weights.tsv:3: .* not a finite number"):
        load_weights(_written(tmp_path, nan))


def test_a_missing_or_repeated_weight_is_an_error(tmp_path: Path) -> None:
    rows = _rows()
    name = rows[-1].split("\t")[1]
    with pytest.raises(KnowledgeError, match=rf"no value for weight .*{name}"):
        load_weights(_written(tmp_path, rows[:-1]))
    with pytest.raises(KnowledgeError, match="given twice"):
        load_weights(_written(tmp_path, [*rows, rows[0]]))
    assert load_weights(_written(tmp_path, rows)) == kb_module.default().weights


def test_a_coder_scores_with_the_weights_of_its_knowledge(coder: Coder) -> None:
    package = kb_module.default()
    lower = {**package.weights.values, "events.confidence.base": 0.25}
    other = dataclasses.replace(coder, kb=dataclasses.replace(package, weights=Weights(lower)))
    document = make_document("Russian forces shelled the Ukrainian city of Kharkiv on Monday.")

    def scores(chosen: Coder) -> list[float]:
        return [e.confidence for e in next(chosen.code_documents([document])).events]

    edited, default = scores(other), scores(coder)
    assert edited and len(edited) == len(default)
    assert all(e < d for e, d in zip(edited, default, strict=True))
    assert scores(other) == edited


def test_a_coder_checks_events_with_the_thresholds_of_its_knowledge(coder: Coder) -> None:
    package = kb_module.default()
    assert package.weights["events.checks.noun_state_none"] == 0.9
    assert package.weights["events.checks.background_none"] == 0.7
    never = {**package.weights.values, "events.checks.noun_state_none": 1.01}
    other = dataclasses.replace(coder, kb=dataclasses.replace(package, weights=Weights(never)))
    text = "The United Nations sent food to refugees fleeing the civil war in Liberia."
    document = make_document(text)

    def triggers(chosen: Coder) -> list[str]:
        return [e.trigger.text for e in next(chosen.code_documents([document])).events]

    assert "war" not in triggers(coder)
    assert "war" in triggers(other)
