"""Coding on a Dask cluster (`eventwire ingest --engine dask`).

The client reads and partitions the input (batches of documents, in input order) and submits
them a few at a time; each worker loads the coder once and codes the partitions it is given.
With a PostgreSQL database or a Parquet directory as the target, the workers store what they
coded themselves (a transaction, or one Parquet file per table and partition) and send back only
counts; with a DuckDB file, which has one writer, they send the coded documents back to the
client to store. Without a scheduler address a local cluster is started on this machine.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InvalidOption
from .jobs import Job, Outcome, code_job
from .sinks import remote_write

if TYPE_CHECKING:
    from ..pipeline import CoderSpec  # a model name, or the model and the user's files


def _dask() -> Any:
    """dask.distributed, imported when used (it ships no type hints)."""
    import dask.distributed

    return dask.distributed


def code_partition(job: Job, model: str | CoderSpec | None, target: str | None) -> Outcome:
    """On a worker: code a partition, and store it when given a target."""
    outcome = code_job(job, model)
    if target is not None:
        outcome.written = remote_write(target, job.index, outcome.coded, job.run_id or "")
        outcome.coded = []
    return outcome


def _load_coder(model: str | CoderSpec | None) -> str:
    from ..pipeline import coder

    coder(model)
    return "ready"


class DaskEngine:
    """Submits jobs to a Dask cluster: the one at `scheduler` (`tcp://host:8786`), a client
    given, or a local cluster of `workers` single-threaded worker processes."""

    remote = True

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 2,
        model: str | CoderSpec | None = None,
        client: Any = None,
        processes: bool = True,
    ) -> None:
        self.model = model
        self.cluster: Any = None
        self.own_client = client is None
        self.client = client or self._connect(scheduler, workers, processes)
        found = len(self.client.scheduler_info().get("workers", {}))
        self.workers = found or workers
        self.in_flight = 2 * self.workers

    def _connect(self, scheduler: str | None, workers: int, processes: bool) -> Any:
        dd = _dask()
        if scheduler:
            try:
                return dd.Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as err:
                raise InvalidOption(
                    f"cannot reach the Dask scheduler at {scheduler}: {err}"
                ) from None
        self.cluster = dd.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # the coder is not shared between threads
            processes=processes,
            dashboard_address="127.0.0.1:0",  # no fixed port: several runs may share a host
            # the workers' own loggers: only errors (a heartbeat racing the scheduler's close
            # logged a warning with a traceback on a normal finish, in the worker process)
            silence_logs=logging.ERROR,
        )
        return dd.Client(self.cluster)

    def warm(self) -> None:
        """Load the coder on every worker now."""
        self.client.run(_load_coder, self.model)

    def run(self, jobs: Iterator[Job], target: str | None = None) -> Iterator[Outcome]:
        wait = _dask().wait
        pending: set[Any] = set()
        for job in jobs:
            pending.add(self.client.submit(code_partition, job, self.model, target, pure=False))
            while len(pending) >= self.in_flight:
                pending = yield from self._collect(pending, wait)
        while pending:
            pending = yield from self._collect(pending, wait)

    @staticmethod
    def _collect(pending: set[Any], wait: Any) -> Generator[Outcome, None, set[Any]]:
        done, left = wait(pending, return_when="FIRST_COMPLETED")
        for future in done:
            yield future.result()
        return set(left)

    def close(self) -> None:
        if self.own_client:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
