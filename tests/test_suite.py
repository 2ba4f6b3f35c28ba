"""What keeps the suite honest and fast: its own cache, and real processes only where a test
needs one (the CLI is tested in this process, through tests/cli.py)."""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.cache import cache_dir

TESTS = Path(__file__).parent
# files whose tests start Python (eventwire, mostly) as a process of its own, and why
PROCESS_TESTS = {
    "test_cli_process.py": "exit statuses as the shell sees them; a Dask worker process",
    "test_cli_output.py": "a closed pipe, --version",
    "test_resume.py": "a run killed with SIGKILL, stopped with Ctrl-C",
    "test_reliability_store.py": "a parent killed under its pool workers",
    "test_kb_layer.py": "each module imported alone, in a fresh interpreter",
}


def test_the_cache_is_the_runs_own() -> None:
    own = cache_dir()
    assert own != Path("~/.cache/eventwire").expanduser()
    assert os.environ["EVENTWIRE_CACHE_DIR"] == str(own)
    assert own.is_dir()


def test_only_the_process_tests_start_processes() -> None:
    starting = {
        path.name
        for path in TESTS.glob("test_*.py")
        if path.name != Path(__file__).name and "sys.executable" in path.read_text("utf-8")
    }
    assert starting <= set(PROCESS_TESTS), (
        f"{sorted(starting - set(PROCESS_TESTS))} start processes: run commands with tests/cli.py "
        "unless only a real process shows what the test checks (then add it here, with why)"
    )
