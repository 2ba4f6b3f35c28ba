"""The unit of parallel work: a job is a batch of documents; coding it gives an outcome (the
coded documents, or what a worker wrote itself) plus the documents that could not be coded.
`code_job` runs anywhere: in this process, a pool worker or a Dask worker."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import EventwireError
from ..ingest import InputFailure, Sourced
from ..model import CodedDocument
from ..store import Provenance, Written

if TYPE_CHECKING:
    from ..pipeline import Coder, CoderSpec


@dataclass(frozen=True)
class Job:
    index: int  # the batch's place in the input: the same input gives the same batches
    documents: list[Sourced]
    run_id: str | None = None


@dataclass
class Outcome:
    index: int
    coded: list[tuple[CodedDocument, Provenance]] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    written: Written | None = None  # set when the worker stored the batch itself
    seconds: float = 0.0


def coder_key(versions: Mapping[str, str]) -> str:
    """The coder's stage versions as one comparable string (stored with every document)."""
    return json.dumps(dict(versions), sort_keys=True)


def code_job(job: Job, model: str | CoderSpec | None) -> Outcome:
    """Code a batch with this process's coder (loaded once per process). A document that makes
    the coder fail is a failure of that document, not of the batch."""
    from ..pipeline import coder

    start = time.perf_counter()
    the_coder = coder(model)
    key = coder_key(the_coder.versions())
    outcome = Outcome(job.index)

    def provenance(item: Sourced) -> Provenance:
        return Provenance(coder=key, run_id=job.run_id, location=item.location)

    try:
        coded = list(the_coder.code_documents(s.document for s in job.documents))
        outcome.coded = [(c, provenance(s)) for c, s in zip(coded, job.documents, strict=True)]
    except EventwireError:
        raise  # a missing model or knowledge file stops the run
    except Exception:  # one bad document: find it, keep the others
        for item in job.documents:
            _code_one(item, the_coder, outcome, provenance)
    outcome.seconds = time.perf_counter() - start
    return outcome


def _code_one(
    item: Sourced, the_coder: Coder, outcome: Outcome, provenance: Callable[[Sourced], Provenance]
) -> None:
    try:
        (coded,) = list(the_coder.code_documents([item.document]))
        outcome.coded.append((coded, provenance(item)))
    except EventwireError:
        raise
    except Exception as err:
        message = f"the coder failed on this document: {type(err).__name__}: {err}"
        outcome.failures.append(InputFailure(item.location, "E999", message))
