"""Where jobs are coded: in this process, or in a pool of worker processes (each loads the
coder once). Jobs are handed out a few at a time, so reading a million documents never queues
them all in memory; outcomes come back as they finish, for the one writer to store."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

from .jobs import Job, Outcome, code_job

if TYPE_CHECKING:
    from ..pipeline import CoderSpec  # a model name, or the model and the user's files


class Engine(Protocol):
    workers: int
    remote: bool  # True: workers can store batches themselves, given a target

    def warm(self) -> None:
        """Load the coder everywhere it will run (so that timings measure coding alone)."""

    def run(self, jobs: Iterator[Job], target: str | None = None) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


class InProcessEngine:
    """One process: parse and code here."""

    workers = 1
    remote = False

    def __init__(self, model: str | CoderSpec | None = None) -> None:
        self.model = model

    def warm(self) -> None:
        from ..pipeline import coder

        coder(self.model)

    def run(self, jobs: Iterator[Job], target: str | None = None) -> Iterator[Outcome]:
        for job in jobs:
            yield code_job(job, self.model)

    def close(self) -> None:
        pass


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 1.0


def _init_worker(parent: int) -> None:
    # Ctrl-C is the parent's to handle: it stores what is done, then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """End this worker when the process that started it dies, even by SIGKILL (which gives
    the parent no chance to stop its pool): at once on Linux (the kernel's parent-death
    signal), within a second elsewhere (a thread that watches the parent's pid)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the watchdog below still holds
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    watchdog = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
    watchdog.start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)  # orphaned: nobody will store what this worker codes


def _warm_worker(model: str | CoderSpec | None) -> int:
    from ..pipeline import coder

    coder(model)
    return multiprocessing.current_process().pid or 0


class PoolEngine:
    """`workers` processes (spawned: nothing of the parent's state, such as an open database,
    is shared), each with its own coder."""

    remote = False

    def __init__(
        self, workers: int, model: str | CoderSpec | None = None, in_flight: int | None = None
    ):
        self.workers = workers
        self.model = model
        self.in_flight = in_flight or 2 * workers
        context = multiprocessing.get_context("spawn")
        self.pool = context.Pool(workers, initializer=_init_worker, initargs=(os.getpid(),))

    def warm(self) -> None:
        # one blocking task per worker; a worker busy loading cannot take a second one
        results = [self.pool.apply_async(_warm_worker, (self.model,)) for _ in range(self.workers)]
        for result in results:
            result.get()

    def run(self, jobs: Iterator[Job], target: str | None = None) -> Iterator[Outcome]:
        finished: queue.Queue[tuple[bool, Any]] = queue.Queue()
        pending = 0
        for job in jobs:
            self.pool.apply_async(
                code_job,
                (job, self.model),
                callback=lambda outcome: finished.put((True, outcome)),
                error_callback=lambda err: finished.put((False, err)),
            )
            pending += 1
            while pending >= self.in_flight:
                pending -= 1
                yield _result(finished.get())
        while pending:
            pending -= 1
            yield _result(finished.get())

    def close(self) -> None:
        """Stop the workers now (after an interrupt, work in flight is not waited for)."""
        self.pool.terminate()
        self.pool.join()


def _result(item: tuple[bool, Any]) -> Outcome:
    ok, value = item
    if not ok:
        raise value
    assert isinstance(value, Outcome)
    return value


def local_engine(workers: int, model: str | CoderSpec | None = None) -> Engine:
    return InProcessEngine(model) if workers <= 1 else PoolEngine(workers, model)
