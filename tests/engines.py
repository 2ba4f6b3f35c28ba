"""Stand-ins for the coder and the batch engine, for tests of the runner and its options.

The runner, the store and the options are real; only the coding is replaced, so a test can
fail a document on purpose or stop a run half-way as Ctrl-C would."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.batch import InProcessEngine
from eventwire.batch.jobs import Job, Outcome
from eventwire.model import CodedDocument, Document


class FakeCoder:
    """Codes every document to nothing, and fails on those that say BOOM."""

    def code_documents(self, documents: Iterator[Document]) -> Iterator[CodedDocument]:
        docs = list(documents)
        if any("BOOM" in d.text for d in docs):
            raise ValueError("cannot parse")
        return iter([CodedDocument(document=d) for d in docs])

    def versions(self) -> dict[str, str]:
        return {"fake": "1"}


class InterruptingEngine(InProcessEngine):
    """Codes the first job, then is interrupted as by Ctrl-C."""

    def run(self, jobs: Iterator[Job], target: str | None = None) -> Iterator[Outcome]:
        for n, outcome in enumerate(super().run(jobs, target)):
            if n == 1:
                raise KeyboardInterrupt
            yield outcome
