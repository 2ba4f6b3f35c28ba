"""What a run did, kept current as it goes: read by the runner, the reporters and the CLI."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

from ..ingest import InputFailure
from ..store import runs as run_table


@dataclass
class RunSummary:
    run_id: str
    target: str
    status: str = run_table.RUNNING
    documents_read: int = 0  # distinct documents taken from the inputs (up to --limit)
    documents_coded: int = 0  # coded and stored by this run
    documents_skipped: int = 0  # stored already, or repeated in the inputs
    events: int = 0
    documents_undated: int = 0  # coded without a publication date: anchored to the coding day
    documents_other_language: int = 0  # stored, not coded: not in English
    failures: list[InputFailure] = field(default_factory=list)
    failed: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def done(self) -> int:
        """Inputs dealt with: coded, skipped or failed."""
        return self.documents_coded + self.documents_skipped + self.failed

    def fail(self, failure: InputFailure) -> None:
        self.failed += 1
        if len(self.failures) < run_table.MAX_STORED_FAILURES:
            self.failures.append(failure)

    def failure_records(self) -> list[dict[str, str]]:
        return [asdict(f) for f in self.failures]
