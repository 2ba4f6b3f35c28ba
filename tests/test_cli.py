"""The command line as a user runs it: real files, real exit codes, through the real entry point
in this process (tests/cli.py); test_cli_process.py runs a few of these as real processes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import duckdb
import pytest

from .cli import one_line_error, run

pytestmark = pytest.mark.model

ARTICLE = (
    "Border talks resume\n"
    "Armenian and Azerbaijani officials held talks in Brussels on Monday. "
    "Turkey will sign a trade deal with Iraq next week, officials said.\n"
)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "E002"),
        (b"\x00\x01\x02binary\x00", "E003"),
        ("Gen\u00e8ve talks".encode("latin-1"), "E004"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    one_line_error(run("code", str(path)), code)


def test_missing_file_and_invalid_date(article: Path, tmp_path: Path) -> None:
    one_line_error(run("code", str(tmp_path / "missing.txt")), "E001")
    one_line_error(run("code", str(article), "--date", "12/02/2023"), "E005")


def test_json_output_follows_the_contract(article: Path) -> None:
    result = run("code", str(article), "--date", "2023-02-12", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"document", "events", "mentions"}
    assert set(data["mentions"]) == {"actors", "places", "dates", "quantities"}
    assert data["document"]["title"] == "Border talks resume"
    for event in data["events"]:
        span = data["document"]["text"][event["evidence"]["start"] : event["evidence"]["end"]]
        assert span == event["evidence"]["text"]
        assert 0 <= event["confidence"] <= 1
    signed = [e for e in data["events"] if e["source"] and e["source"]["country"] == "TUR"]
    assert signed and signed[0]["modality"] == "planned"
    assert signed[0]["attribution"]["kind"] == "official"


def test_stdin_jsonl_and_table(article: Path) -> None:
    result = run(
        "code", "-", "--format", "jsonl", "--date", "2023-02-12", stdin=article.read_bytes()
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["events"]
    table = run("code", str(article), "--date", "2023-02-12")
    assert table.returncode == 0
    assert "CONSULT" in table.stdout


def test_db_option_stores_idempotently(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    for _ in range(2):
        assert (
            run(
                "code", str(article), "--date", "2023-02-12", "--db", str(db), "-f", "jsonl"
            ).returncode
            == 0
        )
    con = duckdb.connect(str(db))
    assert con.execute("select count(*) from documents").fetchone() == (1,)
    n_events = con.execute("select count(*) from events").fetchone()
    assert n_events is not None and n_events[0] >= 2


def test_schema_command_prints_the_shipped_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "Event" in schema["$defs"] and "modality" in schema["$defs"]["Event"]["properties"]


# -- corpus commands ---------------------------------------------------------------------------

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Geneva</title><link>http://wire.example/1</link>
<pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate>
<description>Iran and Russia held talks in Geneva on Friday.</description></item>
<item><title>Empty</title></item></channel></rss>"""


@pytest.fixture()
def corpus(tmp_path: Path, article: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "feeds").mkdir(parents=True)
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "feeds" / "wire.xml").write_text(FEED, encoding="utf-8")
    lines = [
        json.dumps({"body": "China accused the United States of spying.", "date": "2023-02-10"}),
        "{not json",
        json.dumps({"body": "Iran signed a deal with Russia on Thursday.", "date": "2023-01-06"}),
    ]
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_ingest_codes_a_directory_reports_bad_inputs_and_is_idempotent(
    corpus: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "corpus.duckdb")
    first = run("ingest", str(corpus), "--db", db, "--map", "text=body,published_at=date")
    assert first.returncode == 3, first.stderr  # finished; some inputs failed
    err = first.stderr
    assert "Traceback" not in err
    assert re.search(r"warning E010: \S*wire\.jsonl:2: malformed JSON", err)
    assert re.search(r"warning E010: \S*wire\.xml#2: ", err)
    assert first.stdout.startswith("stored 4 documents")
    again = run("ingest", str(corpus), "--db", db, "--map", "text=body,published_at=date")
    assert again.stdout.startswith("stored 0 documents and 0 events")
    assert "4 already stored" in again.stdout

    con = duckdb.connect(db)
    dates = dict(con.execute("SELECT text, published_at FROM documents").fetchall())
    con.close()
    assert dates["Iran signed a deal with Russia on Thursday."] == dt.date(2023, 1, 6)
    assert dates["Iran and Russia held talks in Geneva on Friday."] == dt.date(2023, 1, 9)

    csv_out = run(
        "events", "--db", db, "--dyad", "RUS", "IRN", "--since", "2023-01-01", "-f", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert rows and all({r["source_country"], r["target_country"]} == {"IRN", "RUS"} for r in rows)
    assert any(r["date_start"] == "2023-01-05" for r in rows)  # "Thursday" before 2023-01-06
    assert any(r["location_name"] == "Geneva" for r in rows)

    stats = json.loads(run("stats", "--db", db, "-f", "json").stdout)
    assert stats["tables"]["documents"] == 4
    assert [r["status"] for r in stats["runs"]] == ["completed", "completed"]
    assert stats["runs"][1]["inputs_failed"] == 2
    assert {f["code"] for f in stats["runs"][1]["failures"]} == {"E010"}

    exported = run("export", str(tmp_path / "out"), "--db", db, "--format", "geojson")
    assert exported.returncode == 0
    features = json.loads((tmp_path / "out" / "events.geojson").read_text())["features"]
    assert any(f["properties"]["location_name"] == "Geneva" for f in features)


def test_recode_recodes_what_another_coder_version_coded(article: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.duckdb")
    assert run("ingest", str(article), "--db", db, "--date", "2023-02-12", "-q").returncode == 0
    con = duckdb.connect(db)
    events_before = con.execute("SELECT count(*) FROM events").fetchall()
    con.execute("UPDATE documents SET coder = 'an older coder'")
    con.execute("UPDATE events SET coder = 'eventwire.events.v0'")
    con.close()
    result = run("recode", "--db", db, "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("re-coded 1 documents")
    con = duckdb.connect(db)
    assert con.execute("SELECT count(*) FROM events").fetchall() == events_before
    assert con.execute("SELECT count(*) FROM events WHERE coder LIKE '%v0'").fetchall() == [(0,)]
    assert con.execute("SELECT DISTINCT coder FROM documents").fetchall() != [("an older coder",)]
    con.close()
    nothing = run("recode", "--db", db, "-q")
    assert nothing.stdout.startswith("re-coded 0 documents")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["ingest", "{article}", "--map", "text"], "E009"),
        (["ingest", "{article}", "--db", "{tmp}"], "E008"),
        (["ingest", "{tmp}/missing.jsonl"], "E001"),
        (["ingest", "{article}", "--db", "postgresql://127.0.0.1:1/test"], "E008"),
        (["ingest", "{article}", "--scheduler", "tcp://127.0.0.1:1"], "E009"),
        (["events", "--db", "{tmp}/none.duckdb"], "E008"),
        (["events", "--db", "{tmp}/none.duckdb", "--since", "May 1"], "E005"),
    ],
)
def test_corpus_errors_are_one_line(
    args: list[str], code: str, article: Path, tmp_path: Path
) -> None:
    filled = [a.format(article=article, tmp=tmp_path) for a in args]
    one_line_error(run(*filled), code)


@pytest.mark.parametrize(
    "args",
    [("code", "--bogus"), ("ingest", "--workers", "abc"), ("places", "Paris", "--top", "0")],
)
def test_usage_errors_exit_2_with_usage_not_an_internal_error(args: tuple[str, ...]) -> None:
    result = run(*args)
    err = result.stderr
    assert result.returncode == 2, err
    assert "Usage: " in err and "Error: " in err
    assert "E999" not in err and "Traceback" not in err
