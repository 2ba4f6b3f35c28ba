"""Readers: every input format, gzip, directories, field maps, metadata dates, and bad inputs
reported with their location while the rest is read."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from eventwire.errors import InputNotFound, InvalidOption
from eventwire.ingest import (
    InputFailure,
    ReadOptions,
    Sourced,
    check_inputs,
    count_items,
    iter_items,
    parse_field_map,
)
from eventwire.ingest.markup import fragment_text
from eventwire.ingest.sources import format_of, sniff_format

FALLBACK = dt.date(2023, 2, 12)

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>World Wire</title><link>http://wire.example</link>
<item><title>Talks in Geneva</title><link>http://wire.example/1</link>
<pubDate>Mon, 09 Jan 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Iran and Russia &lt;b&gt;met&lt;/b&gt; in Geneva.&lt;/p&gt;</description></item>
<item><title>No body</title><link>http://wire.example/2</link></item>
<item><title>Undated</title><description>Egypt hosted talks.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Sanctions</title><link href="http://atom.example/a"/>
<updated>2023-03-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;The EU imposed sanctions on Belarus.&lt;/p&gt;&lt;p&gt;Minsk protested.&lt;/p&gt;</content>
</entry></feed>"""

PAGE = """<html><head><title>Drone deal | Example News</title>
<meta property="og:title" content="Drone deal">
<meta property="article:published_time" content="2023-01-06T10:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example/drone-deal"></head>
<body><nav>Home | World | Sport</nav><article><h1>Drone deal</h1>
<p>Iran signed a deal with Russia on Thursday to build drones at a plant in Yelabuga.</p>
<p>The agreement was described by intelligence officials in Washington.</p></article>
<footer>Copyright</footer></body></html>"""


def read(tmp_path: Path, name: str, content: str | bytes, **options: object) -> list[object]:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    opts = ReadOptions(fallback_date=FALLBACK, **options)  # type: ignore[arg-type]
    return list(iter_items([str(path)], opts))


def docs(items: list[object]) -> list[Sourced]:
    return [i for i in items if isinstance(i, Sourced)]


def failures(items: list[object]) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


def test_plain_text_title_and_fallback_date(tmp_path: Path) -> None:
    (item,) = docs(read(tmp_path, "a.txt", "Talks resume\nIran met Iraq in Baghdad.\n"))
    assert item.document.title == "Talks resume"
    assert item.document.published_at == FALLBACK
    assert item.location.endswith("a.txt")
    (untitled,) = docs(read(tmp_path, "b.txt", "Iran met Iraq. They talked.\nThen left.\n"))
    assert untitled.document.title is None


def test_jsonl_reads_fields_dates_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"body": "Iran met Iraq.", "date": "2023-01-02T09:00:00+02:00", "link": "u1"}),
        "{not json",
        "",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Oman met Qatar.", "published": "Tue, 03 Jan 2023 10:00:00 GMT"}),
        json.dumps(["a list, not an object"]),
    ]
    items = read(tmp_path, "x.jsonl", "\n".join(lines) + "\n")
    first, second = docs(items)
    assert (first.document.text, first.document.url) == ("Iran met Iraq.", "u1")
    assert first.document.published_at == dt.date(2023, 1, 2)
    assert second.document.published_at == dt.date(2023, 1, 3)
    assert [f.location.rsplit(":", 1)[1] for f in failures(items)] == ["2", "4", "6"]
    assert {f.code for f in failures(items)} == {"E010"}


def test_field_map_names_other_columns(tmp_path: Path) -> None:
    line = json.dumps({"story": "Chad met Niger.", "when": "2022-12-01", "teaser": "Sahel"})
    fields = parse_field_map("text=story,published_at=when,title=teaser")
    (item,) = docs(read(tmp_path, "m.jsonl", line + "\n", fields=fields))
    assert item.document.text == "Chad met Niger."
    assert item.document.published_at == dt.date(2022, 12, 1)
    assert item.document.title == "Sahel"
    # an explicit map wins over the aliases: a record without the mapped field fails
    other = json.dumps({"text": "Mali met Niger.", "story": ""})
    assert failures(read(tmp_path, "n.jsonl", other + "\n", fields=fields))


@pytest.mark.parametrize("spec", ["text", "body=text,", "words=body", "=body"])
def test_bad_field_maps_are_option_errors(spec: str) -> None:
    with pytest.raises(InvalidOption):
        parse_field_map(spec)


def test_json_array_and_container(tmp_path: Path) -> None:
    data = [{"text": "Iran met Iraq."}, {"text": ""}, {"content": "Peru met Chile."}]
    items = read(tmp_path, "a.json", json.dumps(data))
    assert [d.document.text for d in docs(items)] == ["Iran met Iraq.", "Peru met Chile."]
    assert failures(items)[0].location.endswith("a.json[1]")
    wrapped = read(tmp_path, "b.json", json.dumps({"articles": data[:1]}))
    assert len(docs(wrapped)) == 1
    broken = read(tmp_path, "c.json", '{"text": "unterminated')
    assert failures(broken)[0].code == "E010"


def test_csv_with_quoted_newlines_and_line_numbers(tmp_path: Path) -> None:
    content = (
        "headline,body,pubdate\n"
        'One,"Iran met Iraq.\nThey talked.",2023-01-02\n'
        "Two,,2023-01-03\n"
        "Three,Oman met Qatar.,2023/01/04\n"
    )
    items = read(tmp_path, "c.csv", content)
    first, third = docs(items)
    assert first.document.text == "Iran met Iraq.\nThey talked."
    assert first.document.title == "One"
    assert third.document.published_at == dt.date(2023, 1, 4)
    assert third.location.endswith("c.csv:5")
    assert failures(items)[0].location.endswith("c.csv:4")


def test_rss_entries_with_dates_links_and_outlet(tmp_path: Path) -> None:
    items = read(tmp_path, "feed.xml", RSS)
    geneva, undated = docs(items)
    assert geneva.document.text == "Iran and Russia met in Geneva."
    assert geneva.document.url == "http://wire.example/1"
    assert geneva.document.outlet == "World Wire"
    assert geneva.document.published_at == dt.date(2023, 1, 9)
    assert undated.document.published_at == FALLBACK
    assert failures(items)[0].location.endswith("feed.xml#2")


def test_atom_entries(tmp_path: Path) -> None:
    (entry,) = docs(read(tmp_path, "desk.atom", ATOM))
    assert entry.document.text == "The EU imposed sanctions on Belarus.\nMinsk protested."
    assert entry.document.published_at == dt.date(2023, 3, 1)
    assert entry.document.title == "Sanctions"


def test_xml_that_is_not_a_feed_is_a_failure(tmp_path: Path) -> None:
    items = read(tmp_path, "articles.xml", "<articles><article>text</article></articles>")
    assert not docs(items)
    assert failures(items)[0].code == "E010"


def test_html_main_text_title_url_and_date(tmp_path: Path) -> None:
    (page,) = docs(read(tmp_path, "page.html", PAGE))
    assert "Iran signed a deal with Russia" in page.document.text
    assert "Copyright" not in page.document.text and "Sport" not in page.document.text
    assert page.document.title == "Drone deal"
    assert page.document.url == "https://news.example/drone-deal"
    assert page.document.published_at == dt.date(2023, 1, 6)
    assert page.document.outlet == "Example News"


def test_broken_and_binary_pages_fail(tmp_path: Path) -> None:
    assert failures(read(tmp_path, "empty.html", "<html><body></body></html>"))[0].code == "E010"
    assert failures(read(tmp_path, "bin.html", b"\x00\x01\x02<html>"))[0].code == "E003"


def test_gzip_and_a_broken_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b'{"text": "Iran met Iraq."}\n{"text": "Oman met Qatar."}\n')
    items = read(tmp_path, "a.jsonl.gz", data)
    assert [d.document.text for d in docs(items)] == ["Iran met Iraq.", "Oman met Qatar."]
    assert docs(items)[1].location.endswith("a.jsonl.gz:2")
    truncated = read(tmp_path, "b.jsonl.gz", data[: len(data) // 2])
    assert failures(truncated) and failures(truncated)[0].location.endswith("b.jsonl.gz")


def test_directory_walk_is_sorted_recursive_and_skips_unknown_and_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("Iran met Iraq.\n")
    (root / "sub" / "a.jsonl").write_text('{"text": "Oman met Qatar."}\n')
    (root / "notes.md").write_text("not an input")
    (root / "image.png").write_bytes(b"\x89PNG\x00")
    (root / ".hidden" / "c.txt").write_text("Chad met Niger.\n")
    (root / "bad.txt").write_bytes("Gen\u00e8ve".encode("latin-1"))
    items = list(iter_items([str(root)], ReadOptions()))
    assert [Path(i.location.split(":")[0]).name for i in items] == ["b.txt", "bad.txt", "a.jsonl"]
    assert isinstance(items[1], InputFailure) and items[1].code == "E004"
    assert count_items([str(root)], ReadOptions()) == 3


def test_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"text": "Iran met Iraq."}\n{"text": "Oman met Qatar."}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(iter_items(["-"], ReadOptions()))
    assert [i.location for i in items] == ["standard input:1", "standard input:2"]


def test_formats_from_extensions_and_first_bytes() -> None:
    assert format_of(Path("a/archive.JSONL.gz")) == "jsonl"
    assert format_of(Path("x.htm")) == "html"
    assert format_of(Path("README")) is None
    assert sniff_format(b'  {"a": 1}\n{"a": 2}') == "jsonl"
    assert sniff_format(b'{\n "a": 1\n}') == "json"
    assert sniff_format(b"<?xml version='1.0'?><rss>") == "feed"
    assert sniff_format(b"<!DOCTYPE html><html>") == "html"
    assert sniff_format(b"Iran met Iraq.") == "text"


def test_inputs_are_checked_before_a_run(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        check_inputs([str(tmp_path / "missing.jsonl")], ReadOptions())
    with pytest.raises(InvalidOption):
        check_inputs(["-", "-"], ReadOptions())
    with pytest.raises(InvalidOption):
        check_inputs([str(tmp_path)], ReadOptions(input_format="docx"))


def test_ids_repeat_for_the_same_article(tmp_path: Path) -> None:
    # whether the URL changes the id is document_id's business (tests/test_ingest.py)
    lines = [
        {"text": "Iran met Iraq.", "url": "http://a/1"},
        {"text": "Iran met Iraq.", "url": "http://a/2"},
        {"text": "Iran met Iraq.", "url": "http://a/1"},
    ]
    items = docs(read(tmp_path, "ids.jsonl", "\n".join(json.dumps(x) for x in lines)))
    ids = [i.document.id for i in items]
    assert ids[0] == ids[2]


def test_feed_fragments_become_plain_text() -> None:
    assert fragment_text("<p>One &amp; two</p><p>Three</p>") == "One & two\nThree"
    assert fragment_text("<script>x()</script>Body") == "Body"
    assert fragment_text("Plain &lt;text&gt;") == "Plain <text>"
