"""Issue 17, items 6-8: one bad record costs one record. Hostile records are warnings at their
location and skips; what a reader yields can be stored in DuckDB and PostgreSQL for real; a
bad byte in a CSV costs its row; a decompression bomb costs a warning, not the memory."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import secrets
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from eventwire.ingest import InputFailure, ReadOptions, Sourced, iter_items
from eventwire.ingest.items import UNEXPECTED
from eventwire.model import CodedDocument
from eventwire.store import Provenance, SqlStore, open_store
from eventwire.store import runs as run_table

FALLBACK = dt.date(2023, 2, 12)
SERVER = os.environ.get("EVENTWIRE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")
# what PostgreSQL or DuckDB refuse, or what a careless reader turns into an exception
HOSTILE_STRINGS = ["nul\x00byte", "lone \ud800 high", "lone \udfff low", "bell\x07 form\x0c"]


def read(path: Path, content: bytes, **options: object) -> list[Sourced | InputFailure]:
    path.write_bytes(content)
    opts = ReadOptions(fallback_date=FALLBACK, **options)  # type: ignore[arg-type]
    return list(iter_items([str(path)], opts))


def split(items: list[Sourced | InputFailure]) -> tuple[list[Sourced], list[InputFailure]]:
    docs = [i for i in items if isinstance(i, Sourced)]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert not [f for f in failures if UNEXPECTED in f.message], failures
    return docs, failures


def lines_at(failures: list[InputFailure]) -> list[int]:
    return [int(f.location.rsplit(":", 1)[1]) for f in failures]


def jsonl(*records: object) -> bytes:
    return "".join(r if isinstance(r, str) else json.dumps(r) + "\n" for r in records).encode()


# -- item 6: no exception escapes a reader; every document can be stored ----------------------


def test_deep_nesting_and_huge_numbers_are_one_bad_line_each(tmp_path: Path) -> None:
    content = jsonl(
        {"text": "Iran met Iraq."},
        "[" * 100_000 + "\n",
        '{"text": "Oman met Qatar.", "n": ' + "9" * 5000 + "}\n",
        {"text": "Chad met Niger."},
    )
    docs, failures = split(read(tmp_path / "deep.jsonl", content))
    assert [d.document.text for d in docs] == ["Iran met Iraq.", "Chad met Niger."]
    assert lines_at(failures) == [2, 3] and {f.code for f in failures} == {"E010"}
    assert "nested too deeply" in failures[0].message
    # the same nesting in a JSON file is one failure for the file, not an abort
    _, (whole,) = split(read(tmp_path / "deep.json", b"[" * 100_000))
    assert whole.code == "E010" and "nested too deeply" in whole.message


@pytest.mark.parametrize(
    "date",
    ["²", "¹²³⁴", 10**400, -(10**400)],
)
def test_dates_no_calendar_holds_fall_back(tmp_path: Path, date: object) -> None:
    content = '{"text": "Iran met Iraq.", "date": ' + json.dumps(date) + "}\n"
    (doc,), _ = split(read(tmp_path / "d.jsonl", content.encode()))
    assert doc.document.published_at == FALLBACK


def test_feed_dates_of_year_0_and_99999999999(tmp_path: Path) -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        "<entry><content>Iran met Iraq.</content><updated>0000-01-01T00:00:00Z</updated></entry>"
        "<entry><content>Oman met Qatar.</content>"
        "<updated>99999999999-01-01T00:00:00Z</updated></entry></feed>"
    )
    docs, failures = split(read(tmp_path / "f.atom", feed.encode()))
    assert len(docs) == 2 and not failures  # read, not an abort
    assert docs[0].document.published_at == FALLBACK


def test_feed_parser_errors_cost_no_feed(tmp_path: Path) -> None:
    entries = (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><description>Iran met Iraq &#99999999; in Baghdad.</description></item>"
        "<item><description>&lt;p&gt;Oman met&lt;/p&gt;&lt;![ Qatar.</description></item>"
        "<item><description>Chad met Niger.</description></item></channel></rss>"
    )
    docs, failures = split(read(tmp_path / "refs.xml", entries.encode()))
    assert len(docs) == 3 and not failures
    assert docs[0].document.text == "Iran met Iraq \ufffd in Baghdad."
    for encoding in ("undefined", "punycode", "\udcff"):
        declared = f'<?xml version="1.0" encoding="{encoding}"?>' + entries
        data = declared.encode("utf-8", "surrogateescape")
        docs, failures = split(read(tmp_path / "enc.xml", data))
        assert len(docs) == 3 and not failures, encoding


def test_html_parser_assertions_in_feed_fragments() -> None:
    from eventwire.ingest.markup import fragment_text

    assert fragment_text("<p>Iran met</p> Iraq <![ x") == "Iran met\nIraq"
    assert fragment_text("<![s]]>Oman met Qatar.") == "Oman met Qatar."


def hostile_records() -> bytes:
    records: list[object] = []
    for n, bad in enumerate(HOSTILE_STRINGS):
        records.append({"text": f"Iran {bad} met Iraq.", "url": f"http://x/{bad}"})
        records.append({"text": f"Oman met Qatar {n}.", "title": bad, "source": bad, "lang": bad})
    records.append({"text": "\x00\x01\x02"})  # nothing left once cleaned: a failure
    return "\n".join(json.dumps(r) for r in records).encode()


def test_hostile_strings_are_cleaned_at_the_reader(tmp_path: Path) -> None:
    docs, failures = split(read(tmp_path / "hostile.jsonl", hostile_records()))
    assert len(docs) == 2 * len(HOSTILE_STRINGS) and lines_at(failures) == [9]
    for item in docs:
        doc = item.document
        for value in (doc.text, doc.title, doc.url, doc.outlet, doc.language):
            assert value is None or ("\x00" not in value and "\x07" not in value)
            assert value is None or value.encode("utf-8")  # no lone surrogate
    assert docs[2].document.text == "Iran lone \ufffd high met Iraq."
    assert docs[6].document.text == "Iran bell  form  met Iraq."


def store_items(store: SqlStore, items: list[Sourced | InputFailure]) -> int:
    """Store what a reader yielded as ingest does: documents with their locations, failures
    in the run's record. Returns the documents stored."""
    docs, failures = split(items)
    run_id = run_table.start_run(store, "ingest", ["x"], {}, None)
    once = {d.document.id: d for d in reversed(docs)}.values()  # as a run skips repeats
    batch = [(CodedDocument(document=d.document), Provenance(location=d.location)) for d in once]
    written = store.save_new(batch, run_id)
    run_table.finish_run(store, run_id, run_table.COMPLETED, [f.__dict__ for f in failures])
    return written.documents


def hostile_items(tmp_path: Path) -> list[Sourced | InputFailure]:
    odd_name = tmp_path / os.fsdecode(b"odd-\xff-name.jsonl")  # a lone surrogate in Python
    return read(odd_name, hostile_records())


def test_hostile_documents_store_in_duckdb(tmp_path: Path) -> None:
    items = hostile_items(tmp_path)
    with open_store(tmp_path / "h.duckdb") as store:
        assert store_items(store, items) == 2 * len(HOSTILE_STRINGS)
        ((failures,),) = store.fetchall("SELECT failures FROM runs")
    assert "\ufffd" in json.loads(failures)[0]["location"]


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh schema on the test server, dropped afterwards (as in tests/test_postgres.py)."""
    if SERVER == "off":
        pytest.skip("EVENTWIRE_TEST_POSTGRES=off")
    schema = f"ew_readers_{os.getpid()}_{secrets.token_hex(4)}"
    yield f"{SERVER}{'&' if '?' in SERVER else '?'}schema={schema}"
    with psycopg.connect(SERVER, autocommit=True) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_hostile_documents_store_in_postgres(tmp_path: Path, pg_url: str) -> None:
    items = hostile_items(tmp_path)
    with open_store(pg_url) as store:
        assert store_items(store, items) == 2 * len(HOSTILE_STRINGS)
        ((count,),) = store.fetchall("SELECT count(*) FROM documents WHERE text LIKE 'Iran%'")
    assert count == len(HOSTILE_STRINGS)


# -- item 7: a bad byte costs its row; a broken quote or CR line ends merge nothing -----------


def test_one_bad_byte_in_a_csv_costs_one_row(tmp_path: Path) -> None:
    rows = [
        f"Title {i},Iran met Iraq for the {i}th time in a long row of text.\n" for i in range(400)
    ]
    rows[250] = rows[250].replace("Iraq", "Ir\xe4q")  # Latin-1: one byte that is not UTF-8
    content = b"headline,body\n" + "".join(rows).encode("latin-1")
    assert len(content) > 3 * 8192  # the bad byte lies beyond the first chunks
    docs, (failure,) = split(read(tmp_path / "a.csv", content))
    assert len(docs) == 399 and docs[-1].location.endswith("a.csv:401")
    assert failure.location.endswith("a.csv:252") and failure.code == "E004"


def test_an_unclosed_quote_is_a_warning_and_merges_no_rows(tmp_path: Path) -> None:
    content = (
        "headline,body\n"
        'One,"Iran met Iraq.\nThey talked.",x\n'  # a quoted newline: one row
        'Two,"Oman met Qatar.\n'  # a quote never closed
        "Three,Chad met Niger.\n"
        'Four,"Peru met Chile.",y\n'
    )
    docs, (failure,) = split(read(tmp_path / "q.csv", content.encode()))
    assert [d.document.title for d in docs] == ["One", "Three", "Four"]
    assert [d.location.rsplit(":", 1)[1] for d in docs] == ["2", "5", "6"]
    assert failure.location.endswith("q.csv:4") and "quote" in failure.message
    # a quote still open at the end of the file: the rows after it are read all the same
    docs, (failure,) = split(read(tmp_path / "e.csv", b'h,body\nA,"open\nB,Iran met Iraq.\n'))
    assert [d.document.text for d in docs] == ["Iran met Iraq."]
    assert failure.location.endswith("e.csv:2")


def test_one_bad_byte_in_a_json_file_costs_its_record(tmp_path: Path) -> None:
    content = b'[{"text": "Iran met Ir\xe4q."}, {"text": "Oman met Qatar."}, {"text": "Chad."}]'
    docs, (failure,) = split(read(tmp_path / "b.json", content))
    assert [d.document.text for d in docs] == ["Oman met Qatar.", "Chad."]
    assert failure.location.endswith("b.json[0]") and failure.code == "E004"


def test_cr_only_line_ends_are_lines(tmp_path: Path) -> None:
    content = b'{"text": "Iran met Iraq."}\r{"text": "Oman met Qatar."}\r\r{"text": "Chad."}\r'
    docs, failures = split(read(tmp_path / "mac.jsonl", content))
    assert [d.location.rsplit(":", 1)[1] for d in docs] == ["1", "2", "4"] and not failures
    docs, _ = split(read(tmp_path / "mac.csv", b"headline,body\rOne,Iran met Iraq.\rTwo,Oman.\r"))
    assert [d.document.title for d in docs] == ["One", "Two"]


# -- item 8: bounded decompression, binary refused from the first bytes, --max-chars -----------


def peak_bytes_reading(path: Path, content: bytes, **options: object) -> tuple[int, list[object]]:
    path.write_bytes(content)
    opts = ReadOptions(**options)  # type: ignore[arg-type]
    tracemalloc.start()
    try:
        items: list[object] = list(iter_items([str(path)], opts))
        return tracemalloc.get_traced_memory()[1], items
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_of_zeros_is_binary_from_its_first_bytes(tmp_path: Path) -> None:
    bomb = gzip.compress(bytes(64 * 2**20), compresslevel=9)  # 64 MiB of NUL in 64 KB
    peak, (failure,) = peak_bytes_reading(tmp_path / "bomb.json.gz", bomb)
    assert isinstance(failure, InputFailure) and failure.code == "E003"
    assert peak < 8 * 2**20


def test_whole_file_formats_stop_at_their_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eventwire.ingest.limits.FILE_BYTES", 2**20)
    monkeypatch.setattr("eventwire.ingest.limits.PAGE_BYTES", 2**19)
    spaces = b" " * (32 * 2**20)  # 32 MiB that gzip packs into about 32 KB
    bombs = {
        "big.json.gz": b'[{"text": "' + spaces + b'Iran met Iraq."}]',
        "big.xml.gz": b'<rss version="2.0"><channel>' + spaces + b"</channel></rss>",
        "big.html.gz": b"<html><body><p>" + spaces + b"Iran met Iraq.</p></body></html>",
    }
    for name, content in bombs.items():
        cap = "524,288" if name.endswith("html.gz") else "1,048,576"
        peak, (failure,) = peak_bytes_reading(
            tmp_path / name, gzip.compress(content, 9), max_chars=1000
        )
        assert isinstance(failure, InputFailure), name
        assert f"larger than {cap} bytes once decompressed" in failure.message
        assert peak < 8 * 2**20


def test_a_huge_json_line_costs_that_line_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eventwire.ingest.limits.LINE_BYTES", 2**20)
    huge = b'{"text": "' + b"a" * (32 * 2**20) + b'"}\n'
    content = gzip.compress(huge + b'{"text": "Iran met Iraq."}\n', 9)
    peak, items = peak_bytes_reading(tmp_path / "long.jsonl.gz", content, max_chars=1000)
    docs, (failure,) = split(items)  # type: ignore[arg-type]
    assert [d.location.rsplit(":", 1)[1] for d in docs] == ["2"]
    assert failure.location.endswith(":1") and "longer than" in failure.message
    assert peak < 8 * 2**20


def test_max_chars_skips_longer_documents_with_a_warning(tmp_path: Path) -> None:
    content = jsonl({"text": "x" * 100}, {"text": "y" * 101}, {"text": "Iran met Iraq."})
    docs, (failure,) = split(read(tmp_path / "m.jsonl", content, max_chars=100))
    assert [len(d.document.text) for d in docs] == [100, 14]
    assert failure.location.endswith("m.jsonl:2") and "--max-chars" in failure.message
    (too_long,) = read(tmp_path / "m.txt", b"z" * 101, max_chars=100)
    assert isinstance(too_long, InputFailure) and "over the limit of 100" in too_long.message
    (too_big,) = read(tmp_path / "b.txt", b"z" * 500, max_chars=100)  # not even read whole
    assert isinstance(too_big, InputFailure) and "--max-chars 100" in too_big.message


def test_max_chars_option_reaches_the_readers_and_is_checked() -> None:
    from eventwire.batch import IngestRequest
    from eventwire.errors import InvalidOption
    from eventwire.ingest.items import DEFAULT_MAX_CHARS

    assert IngestRequest(inputs=["-"]).read_options().max_chars == DEFAULT_MAX_CHARS == 2_000_000
    assert IngestRequest(inputs=["-"], max_chars=50).read_options().max_chars == 50
    with pytest.raises(InvalidOption):
        IngestRequest(inputs=["-"], max_chars=0).validate()


# -- a whole run: hostile records are warnings and skips, counted; the rest is stored ------------


def hostile_corpus(root: Path) -> tuple[list[str], int, int]:
    """Inputs of every format with hostile records; (paths, good documents, bad records)."""
    root.mkdir()
    lines = [
        {"text": "Iran met Iraq."},
        "[" * 50_000,  # RecursionError
        {"text": "Oman \x00met Qatar.", "url": "http://x/\ud800", "date": "²"},
        {"text": "Chad met Niger.", "published": 10**400},
        {"text": "   "},  # no text
    ]
    body = "\r".join(x if isinstance(x, str) else json.dumps(x) for x in lines)  # CR-only lines
    (root / "a.jsonl").write_bytes(body.encode() + b"\r\xff\xfe\r")  # and a line of bad bytes
    # a quote left open on the last line merges nothing: that row is read as it stands
    (root / "b.csv").write_bytes(b'title,text\nT1,Peru met Chile.\nT2,Bad \xe4 byte.\nT3,"open\n')
    feed = (
        '<?xml version="1.0" encoding="undefined"?><rss version="2.0"><channel><title>W</title>'
        "<item><description>Mali met Togo &#99999999;.</description>"
        "<pubDate>Mon, 09 Jan 99999999999 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    (root / "c.xml").write_text(feed)
    (root / "d.txt.gz").write_bytes(gzip.compress(bytes(10 * 2**20)))  # binary: refused unread
    # good: Iran, Oman, Chad, Peru, open, Mali; bad: 3 JSONL lines, 1 CSV row, the gzip file
    return [str(root)], 6, 5


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_hostile_corpus_run_never_aborts_and_counts_every_skip(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.batch import IngestRequest, InProcessEngine, LineReporter, StoreSink, run_ingest
    from tests.test_resume import FakeCoder  # the coder is not under test: the readers are

    monkeypatch.setattr("eventwire.pipeline.coder", lambda *args, **kwargs: FakeCoder())
    inputs, good, bad = hostile_corpus(tmp_path / "corpus")
    target = request.getfixturevalue("pg_url") if backend == "postgres" else tmp_path / "x.duckdb"
    with open_store(target) as store:
        summary = run_ingest(
            IngestRequest(inputs, batch_size=2),
            StoreSink(store),
            InProcessEngine(),
            LineReporter(),
            "v",
        )
        ((stored,),) = store.fetchall("SELECT count(*) FROM documents")
        ((status, failed, failures),) = store.fetchall(
            "SELECT status, inputs_failed, failures FROM runs"
        )
    assert (summary.documents_coded, summary.failed) == (good, bad) and stored == good
    assert (status, failed) == ("completed", bad)
    recorded = failures if isinstance(failures, list) else json.loads(failures)
    assert not [f for f in recorded if UNEXPECTED in f["message"]]
    assert sorted(f["location"].rsplit("/", 1)[1] for f in recorded) == [
        "a.jsonl:2",
        "a.jsonl:5",
        "a.jsonl:6",
        "b.csv:3",
        "d.txt.gz",
    ]


def fuzzed_items() -> list[Sourced | InputFailure]:
    """What the readers make of a few hundred fuzzed inputs (tests/test_fuzz_readers.py)."""
    from tests import test_fuzz_readers as fuzz

    items: list[Sourced | InputFailure] = []
    for seed in range(150):
        hostile = fuzz.Hostile(seed)
        jsonl = fuzz.joined(fuzz.jsonl_lines(hostile, 6), "\n")
        items += fuzz.read_bytes(jsonl, "f.jsonl", "jsonl")
        items += fuzz.read_bytes(fuzz.table(seed, 4, set(), ",", "\r\n"), "f.csv", "csv")
        items += fuzz.read_bytes(fuzz.feed(seed, 2, seed % 2 == 0, False, "utf-8"), "f.xml", "feed")
    return items


def test_fuzzed_documents_store_in_duckdb_and_postgres(tmp_path: Path, pg_url: str) -> None:
    items = fuzzed_items()
    distinct = {i.document.id for i in items if isinstance(i, Sourced)}
    assert len(distinct) > 300  # enough hostile documents to mean something
    for target in (tmp_path / "f.duckdb", pg_url):
        with open_store(target) as store:
            assert store_items(store, items) == len(distinct)
