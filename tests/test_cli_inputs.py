"""Inputs and options (issue 17, item 12): `code` reads files as `ingest` does; the user's
`--actors`/`--places` files reach `ingest`, `recode` (its pool and Dask workers too), `explain`
and the Python API; a `--map` column that no record has is fatal before anything is written;
`events --type/--modality` check their values, in any case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from eventwire.batch.jobs import Job, Outcome
from eventwire.ingest import ReadOptions, Sourced, make_document, parse_field_map
from tests.cli import run_main
from tests.test_cli_output import stored_db  # noqa: F401 (a fixture)

WOLVES = "The Northern Wolves Front attacked Sudanese soldiers in Qaryat Zulfa on Monday."
PAGE = """<!DOCTYPE html><html><head><title>Talks in Geneva</title>
<meta property="article:published_time" content="2023-01-09T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Talks in Geneva</h1>
<p>Iran and Russia held talks in Geneva on Friday, officials said.</p>
<p>China accused the United States of spying on Tuesday, a spokesman said in Beijing.</p>
</article><footer>Copyright 2023</footer></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Geneva</title><link>http://wire.example/1</link>
<pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate>
<description>Iran and Russia held talks in Geneva on Friday.</description></item>
<item><title>Spies</title><link>http://wire.example/2</link>
<description>China accused the United States of spying.</description></item>
<item><title>Empty</title></item></channel></rss>"""
RECORDS = [
    {"text": "Iran signed a deal with Russia on Thursday.", "date": "2023-01-06"},
    {"text": "China accused the United States of spying.", "date": "2023-02-10"},
    {"text": "Turkey will sign a trade deal with Iraq next week.", "date": "2023-03-01"},
]


@pytest.fixture(scope="module")
def user_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An actor file and a place file, shared by the module so that one coder serves it."""
    root = tmp_path_factory.mktemp("user")
    actors = root / "actors.tsv"
    actors.write_text(
        "code\tname\taliases\tcountry\tsector\tkind\n"
        "NWF\tNorthern Wolves Front\tWolves Front\tSDN\tREB\tarmed group\n",
        encoding="utf-8",
    )
    places = root / "places.tsv"
    places.write_text(
        "name\taliases\tcountry\tadmin1\tlat\tlon\tpopulation\tfeature\tid\n"
        "Qaryat Zulfa\t\tSDN\t\t14.5\t24.25\t2000\tcity\tmy:1\n",
        encoding="utf-8",
    )
    return actors, places


def user_options(user_files: tuple[Path, Path]) -> list[str]:
    actors, places = user_files
    return ["--actors", str(actors), "--places", str(places)]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- code reads what ingest reads ----------------------------------------------------------


@pytest.mark.model
def test_code_codes_each_json_lines_record_as_a_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_jsonl(tmp_path / "wire.jsonl", RECORDS)
    status, out, err = run_main(capsys, "code", str(corpus), "-f", "json")
    assert status == 0, err
    coded = json.loads(out)  # several documents: a list
    assert [c["document"]["text"] for c in coded] == [r["text"] for r in RECORDS]
    assert [c["document"]["published_at"] for c in coded] == [r["date"] for r in RECORDS]
    status, out, _ = run_main(capsys, "code", str(corpus), "-f", "jsonl")
    assert status == 0 and len(out.splitlines()) == 3


@pytest.mark.model
def test_code_reads_an_html_page_for_its_main_text_and_a_feed_for_its_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page, feed = tmp_path / "page.html", tmp_path / "wire.xml"
    page.write_text(PAGE, encoding="utf-8")
    feed.write_text(FEED, encoding="utf-8")
    status, out, err = run_main(capsys, "code", str(page), str(feed), "-f", "jsonl")
    assert status == 3, err  # coded, but the feed's empty entry was skipped
    assert "warning E010:" in err and "wire.xml#3" in err
    coded = [json.loads(line) for line in out.splitlines()]
    assert len(coded) == 3  # the page, and the feed's two entries with text
    html = coded[0]
    assert "<" not in html["document"]["text"] and "Copyright" not in html["document"]["text"]
    assert html["document"]["published_at"] == "2023-01-09"
    assert html["events"] and all(not e["evidence"]["text"].startswith("<") for e in html["events"])
    assert [c["document"]["url"] for c in coded[1:]] == [
        "http://wire.example/1",
        "http://wire.example/2",
    ]


def test_a_file_code_cannot_read_at_all_is_one_fatal_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty_page = tmp_path / "empty.html"
    empty_page.write_text("<html><body></body></html>", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    status, out, err = run_main(capsys, "code", str(empty_page), "--db", str(db))
    assert status == 1 and out == ""
    assert err.startswith("error E010: ") and "empty.html" in err
    assert err.strip().count("\n") == 0
    assert not db.exists()  # nothing coded, nothing stored


# -- the user's files everywhere -----------------------------------------------------------


def _wolves(actors: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(a["country"], a["sector"]) for a in actors if "Wolves" in str(a["text"])]


@pytest.mark.model
def test_the_python_api_takes_user_files(user_files: tuple[Path, Path]) -> None:
    import eventwire

    actors, places = user_files
    plain = eventwire.code(WOLVES, date="2023-05-01")
    coded = eventwire.code(WOLVES, date="2023-05-01", actors=[actors], places=[str(places)])
    assert not any("Wolves" in a.text for a in plain.mentions.actors)
    assert [(a.country, a.sector) for a in coded.mentions.actors if "Wolves" in a.text] == [
        ("SDN", "REB")
    ]
    place = next(p for p in coded.mentions.places if p.text == "Qaryat Zulfa")
    assert (place.lat, place.lon) == (14.5, 24.25)


@pytest.mark.model
def test_ingest_recode_and_explain_take_user_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, user_files: tuple[Path, Path]
) -> None:
    corpus = write_jsonl(tmp_path / "w.jsonl", [{"text": WOLVES, "date": "2023-05-01"}])
    db = str(tmp_path / "w.duckdb")
    options = user_options(user_files)

    def sources() -> set[tuple[str, str, str]]:
        with duckdb.connect(db, read_only=True) as con:
            rows = con.execute("SELECT source_name, source_country, source_sector FROM events")
            return set(rows.fetchall())

    status, _, err = run_main(capsys, "ingest", str(corpus), "--db", db, "-q", *options)
    assert status == 0, err
    assert ("Northern Wolves Front", "SDN", "REB") in sources()
    status, _, err = run_main(capsys, "recode", "--db", db, "--all", "-q")
    assert status == 0, err
    assert ("Northern Wolves Front", "SDN", "REB") not in sources()  # the package's coder
    status, _, err = run_main(capsys, "recode", "--db", db, "--all", "-q", *options)
    assert status == 0, err
    assert ("Northern Wolves Front", "SDN", "REB") in sources()

    article = tmp_path / "a.txt"
    article.write_text(WOLVES + "\n", encoding="utf-8")
    status, out, err = run_main(
        capsys, "explain", str(article), "--sentence", "0", "--date", "2023-05-01", *options
    )
    assert status == 0, err
    assert "'The Northern Wolves Front' (SDN/REB)" in out


def _job() -> Job:
    document = make_document(WOLVES, published_at=None)
    return Job(0, [Sourced(document, "w.jsonl:1")], "run")


def _wolves_in(outcome: Outcome) -> list[tuple[str | None, str | None]]:
    (coded, _), *_ = outcome.coded
    return [(a.country, a.sector) for a in coded.mentions.actors if "Wolves" in a.text]


@pytest.mark.model
def test_pool_and_dask_workers_build_their_coder_with_the_user_files(
    user_files: tuple[Path, Path],
) -> None:
    from dask.distributed import Client, LocalCluster

    from eventwire.batch.commands import coder_spec
    from eventwire.batch.distributed import DaskEngine
    from eventwire.batch.engines import PoolEngine
    from eventwire.pipeline import CoderSpec

    actors, places = user_files
    spec = coder_spec(None, [actors], [places])
    assert isinstance(spec, CoderSpec) and Path(spec.actors[0]).is_absolute()
    pool = PoolEngine(1, spec)  # a spawned process: it shares nothing with this one
    try:
        (outcome,) = list(pool.run(iter([_job()])))
    finally:
        pool.close()
    assert _wolves_in(outcome) == [("SDN", "REB")]
    cluster = LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
    )
    client = Client(cluster)
    try:
        (outcome,) = list(DaskEngine(client=client, model=spec).run(iter([_job()])))
    finally:
        client.close()
        cluster.close()
    assert _wolves_in(outcome) == [("SDN", "REB")]


def test_a_malformed_user_file_fails_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = write_jsonl(tmp_path / "w.jsonl", RECORDS)
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tlat\n", encoding="utf-8")  # no lon
    db = tmp_path / "x.duckdb"
    status, _, err = run_main(capsys, "ingest", str(corpus), "--db", str(db), "--places", str(bad))
    assert status == 1 and err.startswith("error E007") and err.strip().count("\n") == 0
    assert not db.exists()


# -- --map and the events filters ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_map_column_that_no_record_has_is_fatal_before_anything_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    if fmt == "jsonl":
        corpus = write_jsonl(tmp_path / "c.jsonl", [{"body": r["text"]} for r in RECORDS])
    else:
        corpus = tmp_path / "c.csv"
        corpus.write_text("body,date\n" + "".join(f'"{r["text"]}",x\n' for r in RECORDS))
    db = tmp_path / "x.duckdb"
    status, out, err = run_main(capsys, "ingest", str(corpus), "--db", str(db), "--map", "text=bdy")
    assert status == 1 and out == ""
    assert err.startswith("error E009: --map text=bdy: no record has that column")
    assert "body" in err and err.strip().count("\n") == 0
    assert not db.exists()


def test_mapped_columns_that_some_record_has_pass(tmp_path: Path) -> None:
    from eventwire.batch.columns import check_mapped_columns

    corpus = write_jsonl(
        tmp_path / "c.jsonl", [{"body": "a"}, {"body": "b", "headline": "only here"}]
    )
    options = ReadOptions(fields=parse_field_map("text=body,title=headline"))
    check_mapped_columns([str(corpus)], options)  # raises nothing
    text_only = tmp_path / "a.txt"
    text_only.write_text("No records here.\n", encoding="utf-8")
    check_mapped_columns([str(text_only)], options)  # nothing to sample: the readers decide


@pytest.fixture()
def stored_types(stored_db: str) -> Iterator[set[str]]:  # noqa: F811 (the fixture)
    with duckdb.connect(stored_db, read_only=True) as con:
        yield {row[0] for row in con.execute("SELECT DISTINCT type FROM events").fetchall()}


@pytest.mark.model
def test_events_type_and_modality_are_checked_in_any_case(
    capsys: pytest.CaptureFixture[str],
    stored_db: str,  # noqa: F811 (the fixture)
    stored_types: set[str],
) -> None:
    kind = sorted(stored_types)[0]
    status, out, err = run_main(
        capsys, "events", "--db", stored_db, "--type", kind.lower(), "-f", "jsonl"
    )
    assert status == 0, err
    found = [json.loads(line) for line in out.splitlines()]
    assert found and {e["type"] for e in found} == {kind}
    status, out, err = run_main(
        capsys, "events", "--db", stored_db, "--modality", "ASSERTED", "-f", "jsonl"
    )
    assert status == 0 and out.strip(), err
    for option, value, valid in (
        ("--type", "attack", "ASSAULT"),
        ("--modality", "maybe", "feared"),
    ):
        status, out, err = run_main(capsys, "events", "--db", stored_db, option, value)
        assert status == 1 and out == ""
        assert err.startswith(f"error E009: {option}: unknown value {value!r}"), err
        assert valid in err and err.strip().count("\n") == 0


@pytest.mark.model
def test_explain_reads_a_page_as_code_does_so_sentence_numbers_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    _, out, _ = run_main(capsys, "code", str(page), "-f", "json")
    event = json.loads(out)["events"][-1]
    number = str(event["evidence"]["sentence"])
    status, out, err = run_main(capsys, "explain", str(page), "--sentence", number)
    assert status == 0, err
    assert out.startswith(f"sentence {number}: {event['evidence']['text'].strip()}")
    corpus = write_jsonl(tmp_path / "w.jsonl", RECORDS)
    status, _, err = run_main(capsys, "explain", str(corpus), "--sentence", "0")
    assert status == 1 and err.startswith("error E009: ") and "3 documents" in err
