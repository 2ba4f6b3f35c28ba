"""Golden coded output: the seed and the sentences of golden/sentences.txt (written for this
test, none from a gold set), coded as golden/coded.json recorded them. Coded output may change
only with a stage version bump: while the stage versions are those the file records, any
difference fails, naming the stages whose part changed. After a bump, regenerate the file with
`pytest tests/test_golden.py --update-golden` and commit it with the bump."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.ingest import make_document
from eventwire.model import CodedDocument
from eventwire.pipeline import VERSIONS, Coder

from .conftest import SHARED

pytestmark = pytest.mark.model

GOLDEN = Path(__file__).parent / "golden"
SENTENCES = GOLDEN / "sentences.txt"
CODED = GOLDEN / "coded.json"
SEED = SHARED / "seed" / "pivot_to_the_east.txt"
SEED_DATE = dt.date(2023, 2, 12)  # the seed's publication date (shared/data/README.md)
SENTENCE_DATE = dt.date(2023, 6, 14)  # the anchor of 'on Tuesday', 'next month'
# which stage a part of the output belongs to (events use them all, and are their own)
STAGE_OF = {
    "events": "events",
    "actors": "actors",
    "places": "places",
    "dates": "time",
    "quantities": "quantities",
}


def sentences() -> list[str]:
    lines = SENTENCES.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def plain(value: Any) -> Any:
    """JSON values with floats to 6 places: a last-bit difference in a score is no change."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def as_json(coded: CodedDocument, keep_text: bool = True) -> dict[str, Any]:
    data = plain(coded.model_dump(mode="json"))
    if not keep_text:  # the seed's text stays in shared/, not in the tests
        text = data["document"].pop("text")
        data["document"]["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return data


def parts(data: dict[str, Any]) -> dict[str, Any]:
    """The output split by the stage that makes each part."""
    found = {"events": data["events"], "document": data["document"]}
    found.update({name: data["mentions"][name] for name in STAGE_OF if name != "events"})
    return found


def changed_stages(golden: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[str]:
    """'stage: document N' for each part that differs, first differences first."""
    changes = []
    for before, after in zip(golden, now, strict=True):
        old, new = parts(before["coded"]), parts(after["coded"])
        for name in old:
            if old[name] != new[name]:
                changes.append(f"{STAGE_OF.get(name, name)}: {after['name']} ({name})")
    return changes


def code_all(coder: Coder) -> list[dict[str, Any]]:
    texts = sentences()
    docs = [make_document(t, published_at=SENTENCE_DATE) for t in texts]
    coded = [
        {"name": f"sentence {n + 1}", "coded": as_json(c)}
        for n, c in enumerate(coder.code_documents(docs))
    ]
    if SEED.exists():
        seed_doc = make_document(SEED.read_text(encoding="utf-8"), published_at=SEED_DATE)
        (seed,) = coder.code_documents([seed_doc])
        coded.insert(0, {"name": "seed", "coded": as_json(seed, keep_text=False)})
    return coded


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(CODED.read_text(encoding="utf-8"))


def test_about_thirty_sentences_of_every_kind() -> None:
    texts = sentences()
    assert 25 <= len(texts) <= 40 and len(set(texts)) == len(texts)


def test_coded_output_changes_only_with_a_stage_version_bump(
    coder: Coder, request: pytest.FixtureRequest
) -> None:
    now = code_all(coder)
    if request.config.getoption("--update-golden"):
        record = {"versions": VERSIONS, "documents": now}
        CODED.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
    golden = json.loads(CODED.read_text(encoding="utf-8"))
    bumped = sorted(k for k in VERSIONS if golden["versions"].get(k) != VERSIONS[k])
    assert not bumped, (
        f"stage versions changed ({', '.join(bumped)}): regenerate the golden output with "
        "`pytest tests/test_golden.py --update-golden` and commit it with the bump"
    )
    recorded = golden["documents"]
    if not SEED.exists():  # without shared/ the seed cannot be compared
        recorded = [d for d in recorded if d["name"] != "seed"]
    assert [d["name"] for d in now] == [d["name"] for d in recorded], "regenerate: documents differ"
    changes = changed_stages(recorded, now)
    assert not changes, (
        "coded output changed without a stage version bump; bump the version of the stage "
        "that changed, then regenerate (`pytest tests/test_golden.py --update-golden`):\n  "
        + "\n  ".join(changes[:20])
    )


def test_the_golden_output_has_events_of_many_kinds(golden: dict[str, Any]) -> None:
    """The file is worth comparing against: most sentences coded to an event, of many types
    and modalities, with dates, places and quantities."""
    documents = [d["coded"] for d in golden["documents"]]
    events = [e for d in documents for e in d["events"]]
    with_events = sum(bool(d["events"]) for d in documents)
    assert with_events >= 0.8 * len(documents)
    assert len({e["type"] for e in events}) >= 10
    assert len({e["modality"] for e in events}) >= 3
    assert any(e["negated"] for e in events)
    assert any(e["date"] for e in events) and any(e["location"] for e in events)
    assert any(e["quantities"] for e in events)
