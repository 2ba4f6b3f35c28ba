"""Corpus runs: ingest many documents (in this process, a pool of processes or on Dask) into a
store, resumably; re-code what is stored when the coder changes."""

from __future__ import annotations

from .engines import Engine, InProcessEngine, PoolEngine, local_engine
from .jobs import Job, Outcome, code_job, coder_key
from .progress import LineReporter, QuietReporter, Reporter, reporter_for
from .recode import run_recode
from .request import DEFAULT_BATCH_SIZE, IngestRequest
from .runner import run_ingest
from .sinks import ParquetSink, Sink, StoreSink
from .summary import RunSummary

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "Engine",
    "InProcessEngine",
    "IngestRequest",
    "Job",
    "LineReporter",
    "Outcome",
    "ParquetSink",
    "PoolEngine",
    "QuietReporter",
    "Reporter",
    "RunSummary",
    "Sink",
    "StoreSink",
    "code_job",
    "coder_key",
    "local_engine",
    "reporter_for",
    "run_ingest",
    "run_recode",
]
