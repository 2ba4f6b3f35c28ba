"""The CLI's options and settings (issue 12, item 4): every option is checked while the command
line is parsed, so a bad value is one line with its code and no store is created or changed;
the environment is read in one module; `ingest --resume` continues a run with the options it
was started with, and refuses options that differ (issue 17's leftover)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from eventwire.batch import IngestRequest, InProcessEngine, LineReporter, StoreSink, run_ingest
from eventwire.errors import InvalidOption
from eventwire.settings import VARIABLES, Settings, markdown_table
from eventwire.store import DuckDBStore

from .cli import run_main
from .engines import FakeCoder, InterruptingEngine

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"
ACTORS = (
    "code\tname\taliases\tcountry\tsector\tkind\n"
    "NWF\tNorthern Wolves Front\tWolves Front\tSDN\tREB\tarmed group\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    article = tmp_path / "article.txt"
    article.write_text("Iran signed a deal with Russia on Monday.\n", encoding="utf-8")
    actors = tmp_path / "actors.tsv"
    actors.write_text(ACTORS, encoding="utf-8")
    bad_actors = tmp_path / "bad_actors.tsv"
    bad_actors.write_text("code\tname\nNWF\n", encoding="utf-8")
    return {"article": article, "actors": actors, "bad_actors": bad_actors}


# -- a bad value: one line, its code, and no store ----------------------------------------------

BAD_VALUES = [
    (["code", "{article}", "--date", "12/02/2023", "--db", "{db}"], "E005"),
    (["code", "{article}", "--language", "fr", "--db", "{db}"], "E009"),
    (["code", "{article}", "--actors", "{bad_actors}", "--db", "{db}"], "E007"),
    (["code", "{article}", "--places", "{tmp}/none.csv", "--db", "{db}"], "E001"),
    (["ingest", "{article}", "--date", "2023-13-01", "--db", "{db}"], "E005"),
    (["ingest", "--resume", "--date", "12/02/2023", "--db", "{db}"], "E005"),
    (["ingest", "{article}", "--workers", "0", "--db", "{db}"], "E009"),
    (["ingest", "{article}", "--batch-size", "0", "--db", "{db}"], "E009"),
    (["ingest", "{article}", "--limit", "-1", "--db", "{db}"], "E009"),
    (["ingest", "{article}", "--language", "xx", "--db", "{db}"], "E009"),
    (["ingest", "{article}", "--actors", "{tmp}/none.tsv", "--db", "{db}"], "E007"),
    (["ingest", "{article}", "--scheduler", "tcp://127.0.0.1:1", "--db", "{db}"], "E009"),
    (["ingest", "--resume", "--db", "{db}"], "E009"),  # nothing to resume: nothing created
    (["recode", "--workers", "0", "--db", "{db}"], "E009"),
    (["events", "--since", "May 1", "--db", "{db}"], "E005"),
    (["clusters", "--until", "2023/05/01", "--db", "{db}"], "E005"),
    (["dyads", "IRN", "RUS", "--since", "yesterday", "--db", "{db}"], "E005"),
]


@pytest.mark.parametrize(("args", "code"), BAD_VALUES)
def test_a_bad_value_is_one_line_and_creates_no_store(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    files: dict[str, Path],
    args: list[str],
    code: str,
) -> None:
    db = tmp_path / "new.duckdb"
    filled = [a.format(db=db, tmp=tmp_path, **files) for a in args]
    status, out, err = run_main(capsys, *filled)
    assert status == 1, err
    assert err.startswith(f"error {code}: "), err
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert out == ""
    assert not db.exists(), "the store must not be created"


def test_a_bad_value_leaves_an_existing_store_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, Path]
) -> None:
    db = tmp_path / "events.duckdb"
    with DuckDBStore(db):
        pass
    before = db.read_bytes()
    status, _, err = run_main(
        capsys, "ingest", str(files["article"]), "--db", str(db), "--date", "last week"
    )
    assert status == 1 and err.startswith("error E005: --date: invalid date 'last week'")
    assert db.read_bytes() == before


def test_a_value_of_the_wrong_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(capsys, "events", "--unit", "story")
    assert status == 2 and "Usage: " in err and "E999" not in err


def test_the_cli_defaults_are_the_library_defaults() -> None:
    """The corpus commands write out the library's defaults (so that --help imports little)."""
    from eventwire.batch.request import DEFAULT_BATCH_SIZE
    from eventwire.cli import corpus
    from eventwire.ingest import DEFAULT_MAX_CHARS

    assert corpus.DEFAULT_BATCH_SIZE == DEFAULT_BATCH_SIZE
    assert corpus.DEFAULT_MAX_CHARS == DEFAULT_MAX_CHARS


# -- settings -----------------------------------------------------------------------------------


def test_settings_are_read_from_the_environment_and_checked(tmp_path: Path) -> None:
    empty = Settings.from_env({})
    assert (empty.db, empty.dask_scheduler, empty.debug, empty.api_token) == (
        "events.duckdb",
        None,
        False,
        None,
    )
    assert empty.cache_dir == Path("~/.cache/eventwire").expanduser()
    given = Settings.from_env(
        {
            "EVENTWIRE_DB": "corpus.duckdb",
            "EVENTWIRE_SPACY_MODEL": "en_core_web_trf",
            "EVENTWIRE_CACHE_DIR": str(tmp_path),
            "EVENTWIRE_DEBUG": "1",
            "EVENTWIRE_API_CORS": "https://a.example, https://b.example,",
            "EVENTWIRE_API_PAGE_CACHE": "0",
            "COLUMNS": "80",
        }
    )
    assert (given.db, given.spacy_model, given.cache_dir) == (
        "corpus.duckdb",
        "en_core_web_trf",
        tmp_path,
    )
    assert given.debug and given.api_page_cache == 0 and given.columns == 80
    assert given.api_cors == ("https://a.example", "https://b.example")
    assert Settings.from_env({"XDG_CACHE_HOME": str(tmp_path)}).cache_dir == tmp_path / "eventwire"
    assert not Settings.from_env({"EVENTWIRE_DEBUG": "0"}).debug
    with pytest.raises(InvalidOption, match="EVENTWIRE_API_PAGE_CACHE must be a whole number"):
        Settings.from_env({"EVENTWIRE_API_PAGE_CACHE": "many"})


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if re.search(r"os\.environ|getenv\(", path.read_text("utf-8"))
    ]
    assert readers == ["settings.py"]
    table = markdown_table()
    for variable in VARIABLES:
        assert f"| `{variable.name}` |" in table
    settings_text = (SRC / "settings.py").read_text("utf-8")
    named = set(re.findall(r'= "((?:EVENTWIRE_|COLUMNS|XDG_)\w*)"', settings_text))
    assert named - {"XDG_CACHE_HOME"} == {v.name for v in VARIABLES}


def test_the_store_defaults_to_eventwire_db(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "from-env.duckdb"))
    status, _, err = run_main(capsys, "stats")
    assert status == 1 and "from-env.duckdb" in err and err.startswith("error E008")


def test_the_dask_scheduler_setting_is_for_the_dask_engine_only(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    files: dict[str, Path],
) -> None:
    seen: list[str | None] = []

    def ingest_command(request: Any, **options: Any) -> Any:
        seen.append(options["scheduler"])
        raise KeyboardInterrupt  # stop here: what was asked is all this test needs

    monkeypatch.setattr("eventwire.batch.commands.ingest_command", ingest_command)
    monkeypatch.setenv("EVENTWIRE_DASK_SCHEDULER", "tcp://scheduler.example:8786")
    db = str(tmp_path / "x.duckdb")
    for engine in ("local", "dask"):
        run_main(capsys, "ingest", str(files["article"]), "--db", db, "--engine", engine)
    assert seen == [None, "tcp://scheduler.example:8786"]


# -- --resume: the run's own options ------------------------------------------------------------


@pytest.fixture
def interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Path]
) -> dict[str, Any]:
    """A store with an ingest run interrupted after its first batch, started with an actor
    file, `--language any` and a date; later engines record the coder they are given."""
    monkeypatch.setattr("eventwire.pipeline.coder", lambda model=None, *a, **k: FakeCoder())
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"report {i}"}) + "\n" for i in range(7)))
    db = tmp_path / "events.duckdb"
    request = IngestRequest(
        [str(corpus)],
        date="2023-02-13",
        batch_size=3,
        actors=(str(files["actors"]),),
        language="any",
    )
    with DuckDBStore(db) as store, pytest.raises(KeyboardInterrupt):
        run_ingest(
            request, StoreSink(store), InterruptingEngine(), LineReporter(io.StringIO()), "v"
        )
    specs: list[Any] = []

    def local_engine(workers: int, model: Any = None) -> InProcessEngine:
        specs.append(model)
        return InProcessEngine(model)

    monkeypatch.setattr("eventwire.batch.commands.local_engine", local_engine)
    return {"db": db, "corpus": corpus, "specs": specs, **files}


def runs_of(db: Path) -> list[tuple[Any, ...]]:
    with DuckDBStore(db) as store:
        return store.fetchall("SELECT status, resumed, documents_coded FROM runs")


def test_resume_codes_the_rest_with_the_runs_own_options(
    capsys: pytest.CaptureFixture[str], interrupted: dict[str, Any]
) -> None:
    db = str(interrupted["db"])
    status, out, err = run_main(capsys, "ingest", "--resume", "--db", db, "-q")
    assert status == 0, err
    (spec,) = interrupted["specs"]
    assert spec.actors == (str(interrupted["actors"].resolve()),)
    assert spec.language == "any" and spec.places == ()
    assert runs_of(interrupted["db"]) == [("completed", 1, 7)]
    assert "stored 4 documents" in out


def test_resume_takes_the_same_options_named_again(
    capsys: pytest.CaptureFixture[str], interrupted: dict[str, Any]
) -> None:
    args = ["--actors", str(interrupted["actors"]), "--language", "any", "-d", "2023-02-13"]
    status, _, err = run_main(capsys, "ingest", "--resume", "--db", str(interrupted["db"]), *args)
    assert status == 0, err
    assert runs_of(interrupted["db"]) == [("completed", 1, 7)]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--language", "en"], "--language any, not en"),  # the default, named: still differs
        (["--actors", "{other}"], "--actors {actors}, not {other}"),
        (["--date", "2023-02-14"], "--date 2023-02-13, not 2023-02-14"),
        (["--batch-size", "5"], "--batch-size 3, not 5"),
    ],
)
def test_resume_refuses_options_that_differ_from_the_runs(
    capsys: pytest.CaptureFixture[str],
    interrupted: dict[str, Any],
    tmp_path: Path,
    args: list[str],
    named: str,
) -> None:
    other = tmp_path / "other.tsv"
    other.write_text(ACTORS, encoding="utf-8")
    paths = {"other": other.resolve(), "actors": interrupted["actors"].resolve()}
    filled = [a.format(**paths) for a in args]
    status, _, err = run_main(capsys, "ingest", "--resume", "--db", str(interrupted["db"]), *filled)
    assert status == 1 and err.startswith("error E009: run "), err
    assert named.format(**paths) in err and "without --resume" in err
    assert err.strip().count("\n") == 0
    assert interrupted["specs"] == []  # refused before any coder was made
    assert runs_of(interrupted["db"]) == [("interrupted", 0, 3)]


def test_resume_refuses_when_an_actor_file_changed(
    capsys: pytest.CaptureFixture[str], interrupted: dict[str, Any]
) -> None:
    interrupted["actors"].write_text(ACTORS.replace("Wolves", "Hawks"), encoding="utf-8")
    status, _, err = run_main(capsys, "ingest", "--resume", "--db", str(interrupted["db"]))
    assert status == 1 and err.startswith("error E009: the actor or place files of run")
    assert runs_of(interrupted["db"]) == [("interrupted", 0, 3)]


def test_a_run_recorded_without_coder_options_resumes_with_those_given(
    capsys: pytest.CaptureFixture[str], interrupted: dict[str, Any]
) -> None:
    """A run recorded by an older eventwire (no model, files or language): --resume takes
    what is named now, as it always did."""
    with DuckDBStore(interrupted["db"]) as store:
        ((options,),) = store.fetchall("SELECT options FROM runs")
        recorded = json.loads(options) if isinstance(options, str) else options
        older = {k: recorded[k] for k in ("date", "field_map", "input_format", "limit")}
        older |= {"batch_size": recorded["batch_size"], "max_chars": recorded["max_chars"]}
        store.execute("UPDATE runs SET options = ?", [json.dumps(older)])
    status, _, err = run_main(
        capsys, "ingest", "--resume", "--db", str(interrupted["db"]), "--language", "en"
    )
    assert status == 0, err
    (spec,) = interrupted["specs"]
    assert (spec.actors, spec.language) == ((), "en")


def test_clusters_parquet_reads_the_dask_scheduler_setting_too(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    seen: list[str | None] = []

    def cluster_parquet(directory: Any, out: Any, **options: Any) -> Any:
        seen.append(options["scheduler"])
        raise KeyboardInterrupt  # stop here: what was asked is all this test needs

    monkeypatch.setattr("eventwire.analysis.parquet_clusters.cluster_parquet", cluster_parquet)
    monkeypatch.setenv("EVENTWIRE_DASK_SCHEDULER", "tcp://scheduler.example:8786")
    for given in ([], ["--scheduler", "tcp://given.example:8786"]):
        run_main(capsys, "clusters", "--parquet", str(tmp_path), *given)
    assert seen == ["tcp://scheduler.example:8786", "tcp://given.example:8786"]
