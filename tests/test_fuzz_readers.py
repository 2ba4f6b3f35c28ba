"""Fuzzing every reader (issue 17): text, HTML, JSON, JSON Lines, CSV, TSV, RSS/Atom, gzip and
standard input, in process, seeded and bounded. For every input: no exception escapes, no
failure is one no reader foresaw (the last guard's `unexpected error`), every document can be
stored (no NUL, C0 control or lone surrogate in any field), and every record is accounted
for: it gives a document or a failure at its location, so failures == records skipped.
2,000 inputs per reader (`EVENTWIRE_FUZZ_EXAMPLES=20000` hunts deeper); a failure names the
seed that rebuilds its input."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import random
import re
from typing import IO

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from eventwire.ingest import InputFailure, ReadOptions, Sourced
from eventwire.ingest.items import UNEXPECTED
from eventwire.ingest.sources import read_one, read_stream, sniff_format

EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "2000"))  # inputs per reader
MAX_CHARS = 400  # small, so that over-long documents are generated too
OPTIONS = ReadOptions(max_chars=MAX_CHARS)
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

# -- what hostile inputs are made of ------------------------------------------------------------
# Hypothesis draws a seed (and the kind of input); the input is built from a Random it seeds:
# drawing each size, cut and character through Hypothesis costs 2-3 ms an input, and the suite
# must stay small (issue 17: < 25 s for every reader). A failure prints its seed.
CONTROLS = ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\ud800", "\udfff", "\ufeff", "\x85"]
SYMBOLS = ["²", "١", "é", "😀", "\u2028", '"', "'", ",", "\t", "\r", "\n", "\r\n", "&", ";", "\\"]
WORDS = ["Iran", "met", "Iraq", "in", "Baghdad.", " ", "  ", "&amp;", "&#99999999;", "&#xd800;"]
TAGS = ["<", ">", "<p>", "</p>", "<![ ", "<![s]]>", "<!", "<b>", "<script>", "]]>"]
PIECES = [*CONTROLS, *SYMBOLS, *WORDS, *TAGS]
DAYS = ["2023-01-05", "2023-13-45", "0000-01-01", "99999999999-01-01", "2023/01/05", "²"]
RFC_DAYS = ["Mon, 09 Jan 0 10:00:00 GMT", "Thu, 05 Jan 99999999999 10:00:00 GMT"]
EPOCHS = [10**400, -(10**400), "1" * 400, 1672912800000, "1672912800", 1e308, -1, True]
DATE_CASES = [*DAYS, *RFC_DAYS, *EPOCHS, float("nan"), float("inf")]
KEYS = ["text", "body", "content", "title", "url", "link", "date", "source", "lang", "x"]
SEEDS = st.integers(0, 2**32)
# Every reader takes several inputs an example: Hypothesis's own cost per example (about 1-2 ms)
# would otherwise be most of the suite's time. Every reader still reads EXAMPLES inputs.
PER_EXAMPLE = 4
BATCHED = settings(FUZZ, max_examples=max(1, EXAMPLES // PER_EXAMPLE))


def cases(seed: int) -> range:
    """The seeds of the inputs of one example."""
    return range(seed * PER_EXAMPLE, (seed + 1) * PER_EXAMPLE)


class Hostile:
    """Hostile contents from a seed: text of hostile pieces, dates no calendar holds, records."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def text(self, pieces: int = 12) -> str:
        roll = self.rng.random()
        if roll < 0.05:
            return "x" * self.rng.randint(MAX_CHARS - 2, MAX_CHARS + 2)  # at the length limit
        if roll < 0.15:
            return "".join(chr(self.rng.randint(0, 0x10FFFF)) for _ in range(pieces))
        return "".join(self.rng.choice(PIECES) for _ in range(self.rng.randint(0, pieces)))

    def date(self) -> object:
        return self.rng.choice(DATE_CASES) if self.rng.random() < 0.7 else self.text(4)

    def value(self) -> object:
        roll = self.rng.random()
        if roll < 0.6:
            return self.text()
        if roll < 0.8:
            return self.date()
        return self.rng.choice([None, 0, False, [], {}, [self.text()]])

    def record(self) -> object:
        if self.rng.random() < 0.1:  # not an object: a list, a number, nothing
            return self.rng.choice([None, 1, [self.text()], [[[]]], self.text()])
        keys = self.rng.sample(KEYS, self.rng.randint(0, 5))
        return {key: (self.date() if key == "date" else self.value()) for key in keys}

    def binary(self, size: int) -> bytes:
        return self.rng.randbytes(self.rng.randint(0, size))

    def line_bytes(self) -> bytes:
        """Bytes of one line that holds no line break."""
        return self.binary(40).replace(b"\r", b"").replace(b"\n", b"")


# -- the checks every input must pass -----------------------------------------------------------
def check(items: list[Sourced | InputFailure], origin: str) -> list[Sourced | InputFailure]:
    for item in items:
        assert item.location.startswith(origin), item
        assert not UNSTORABLE.search(item.location)
        if isinstance(item, InputFailure):
            assert UNEXPECTED not in item.message, item
            assert re.fullmatch(r"E0\d\d", item.code) and not UNSTORABLE.search(item.message)
            continue
        doc = item.document
        assert doc.text.strip() and len(doc.text) <= MAX_CHARS
        for value in (doc.id, doc.text, doc.title, doc.url, doc.outlet, doc.language):
            assert value is None or not UNSTORABLE.search(value), (value, item)
    return items


def read_bytes(data: bytes, origin: str, fmt: str) -> list[Sourced | InputFailure]:
    """One input as `ingest` reads a file: buffered (so its first bytes can be checked)."""
    items = list(read_one(lambda: io.BufferedReader(io.BytesIO(data)), origin, fmt, OPTIONS))
    return check(items, origin)


def binary_head(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates as a broken encoder writes them


# -- text and HTML: one file, one record ------------------------------------------------------
@BATCHED
@given(SEEDS)
def test_fuzz_text(seed: int) -> None:
    for case in cases(seed):
        text_case(case, ["text", "bytes", "bom"][case % 3])


def text_case(seed: int, kind: str) -> None:
    hostile = Hostile(seed)
    data = hostile.binary(600) if kind == "bytes" else bytes_of(hostile.text(40))
    if kind == "bom":
        data = b"\xef\xbb\xbf" + data
    assert len(read_bytes(data, "a.txt", "text")) == 1


PAGE_TAGS = ["<html>", "<head>", "<title>", "</title>", "<body>", "<article>", "<p>", "</p>"]
META = ['<meta property="article:published_time" content="', '">', '<link rel="canonical" href="']
ODD = ['<meta property="og:site_name" content="', "<?xml", "<meta charset='undefined'>", "<!--"]
HTML_PARTS = [*PAGE_TAGS, *META, *ODD, "<div>"]


NEWS = "Iran met Iraq in Baghdad on Monday to talk about the border, officials said. " * 4


def page(hostile: Hostile, parts: int, news: bool) -> bytes:
    """A page of hostile parts; with `news`, a paragraph long enough to be a page's main text
    (trafilatura then takes its fast path: the suite must stay small)."""
    choices = [lambda: hostile.rng.choice(HTML_PARTS), hostile.text, lambda: str(hostile.date())]
    html = "".join(hostile.rng.choice(choices)() for _ in range(parts))
    if news:
        cut = hostile.rng.randint(0, len(html))
        html = f"{html[:cut]}<article><p>{NEWS}{hostile.text()}</p></article>{html[cut:]}"
    return bytes_of(html)


@BATCHED
@given(SEEDS)
def test_fuzz_html(seed: int) -> None:
    for case in cases(seed):
        html_case(case)


def html_case(seed: int) -> None:
    hostile = Hostile(seed)
    data = page(hostile, hostile.rng.randint(0, 24), news=hostile.rng.random() < 0.9)
    assert len(read_bytes(data, "p.html", "html")) == 1


# -- JSON: one item per record, a bad byte costs its record, a broken file is one failure ----
@BATCHED
@given(SEEDS)
def test_fuzz_json(seed: int) -> None:
    for case in cases(seed):
        json_case(case)


def json_case(seed: int) -> None:
    hostile = Hostile(seed)
    rng = hostile.rng
    size, shape, ascii_only = (
        rng.randint(0, 8),
        rng.choice(["list", "articles", "one"]),
        rng.random() < 0.5,
    )
    cut = rng.randint(0, 400) if rng.random() < 0.4 else None
    junk = rng.choice([b"\xff", b"[" * 3000, b"}", b"\x00", b'"', b","])
    records = [hostile.record() for _ in range(size)]
    document: object = {"list": records, "articles": {"articles": records}}.get(shape)
    if shape == "one":
        document = {"text": hostile.text(), "date": hostile.date()}
    data = bytes_of(json.dumps(document, ensure_ascii=ascii_only))
    if cut is not None:
        data = data[:cut] + junk + data[cut:]
    items = read_bytes(data, "a.json", "json")
    if cut is None:
        assert len(items) == (1 if shape == "one" else size)


# -- JSON Lines: one item per line that is not blank ---------------------------------------------
def jsonl_lines(hostile: Hostile, size: int) -> list[bytes]:
    lines = []
    for _ in range(size):
        roll = hostile.rng.random()
        if roll < 0.7:
            ascii_only = hostile.rng.random() < 0.5
            lines.append(bytes_of(json.dumps(hostile.record(), ensure_ascii=ascii_only)))
        elif roll < 0.8:
            depth = hostile.rng.choice([10, 900, 1500])  # 1500: past the recursion limit
            lines.append(b"[" * depth + b"]" * depth)
        else:
            lines.append(hostile.line_bytes())
    return [line.removeprefix(b"\xef\xbb\xbf") for line in lines]  # a BOM starts a file only


def joined(lines: list[bytes], newline: str) -> bytes:
    ends = {"mixed": ["\n", "\r\n", "\r"]}.get(newline, [newline])
    return b"".join(line + ends[i % len(ends)].encode() for i, line in enumerate(lines))


def expected_lines(lines: list[bytes]) -> int:
    """Lines that are records: not blank once decoded (an undecodable line is a record)."""
    count = 0
    for line in lines:
        try:
            count += bool(line.decode("utf-8").strip())
        except UnicodeDecodeError:
            count += 1
    return count


NEWLINES = ["\n", "\r\n", "\r", "mixed"]


@BATCHED
@given(SEEDS)
def test_fuzz_jsonl(seed: int) -> None:
    for case in cases(seed):
        jsonl_case(case)


def jsonl_case(seed: int) -> None:
    hostile = Hostile(seed)
    lines = jsonl_lines(hostile, hostile.rng.randint(0, 10))
    data = joined(lines, hostile.rng.choice(NEWLINES))
    items = read_bytes(data, "a.jsonl", "jsonl")
    assert len(items) == (1 if binary_head(data) else expected_lines(lines))


# -- CSV and TSV: written by csv.writer, so each row is one record; bad bytes cost their row --
SENTINEL = "\ue000"
HEADERS = [["title", "text", "date"], ["headline", "body"], ["text"], ["TEXT", "url", "lang"]]


def table(seed: int, rows: int, bad: set[int], delimiter: str, newline: str) -> bytes:
    hostile = Hostile(seed)
    body = [
        [hostile.text().replace("\x00", "") for _ in range(hostile.rng.randint(1, 4))]
        for _ in range(rows)
    ]
    for number in bad & set(range(rows)):
        body[number][0] += SENTINEL  # where a byte that is not UTF-8 will be
    out = []
    for row in [hostile.rng.choice(HEADERS), *body]:
        handle = io.StringIO()
        ending = hostile.rng.choice(["\n", "\r\n", "\r"]) if newline == "mixed" else newline
        # CRLF as the writer's terminator makes it quote fields holding a CR or a LF
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerow(row)
        text = handle.getvalue().removesuffix("\r\n") + ending
        out.append(bytes_of(text).replace(SENTINEL.encode(), b"\xff"))
    return b"".join(out)


@BATCHED
@given(SEEDS)
def test_fuzz_csv_and_tsv(seed: int) -> None:
    for case in cases(seed):
        csv_case(case, ["csv", "tsv"][case % 2])


def csv_case(seed: int, fmt: str) -> None:
    rng = random.Random(seed)
    kind = rng.choice(["table", "table", "bytes", "quotes"])
    if kind == "table":
        rows, bad = rng.randint(0, 8), {rng.randint(0, 7) for _ in range(rng.randint(0, 3))}
        data = table(seed, rows, bad, "," if fmt == "csv" else "\t", rng.choice(NEWLINES))
        assert len(read_bytes(data, f"a.{fmt}", fmt)) == rows
        return
    hostile = Hostile(seed)
    data = hostile.binary(400)
    if kind == "quotes":  # quotes opened and closed anywhere: rows merged if a reader is careless
        data = b"h,text\n" + bytes_of(hostile.text(30)).replace(b"<", b'"')
    read_bytes(data, f"b.{fmt}", fmt)


# -- RSS and Atom: one item per entry, or one failure for the feed ------------------------------
def xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;")


def feed(seed: int, entries: int, atom: bool, well_formed: bool, encoding: str) -> bytes:
    hostile = Hostile(seed)
    safe = ["Iran met Iraq.", "&#99999999;", "&lt;![ x", "&lt;p&gt;Oman&lt;/p&gt;", ""]

    def part() -> str:
        if well_formed:
            return hostile.rng.choice(safe)
        return hostile.rng.choice([xml_text(hostile.text()), hostile.text()])

    items = []
    for _ in range(entries):
        body, title = part(), part()
        date = xml_text(str(hostile.date()).replace("\x00", ""))
        if atom:
            items.append(
                f"<entry><title>{title}</title><content type='html'>{body}</content>"
                f"<updated>{date}</updated></entry>"
            )
        else:
            items.append(
                f"<item><title>{title}</title><description>{body}</description>"
                f"<pubDate>{date}</pubDate></item>"
            )
    head = f'<?xml version="1.0" encoding="{encoding}"?>'
    inner = "".join(items)
    if atom:
        return bytes_of(
            f'{head}<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{inner}</feed>'
        )
    return bytes_of(f'{head}<rss version="2.0"><channel><title>T</title>{inner}</channel></rss>')


@BATCHED
@given(SEEDS)
def test_fuzz_feed(seed: int) -> None:
    for case in cases(seed):
        feed_case(case)


def feed_case(seed: int) -> None:
    rng = random.Random(seed)
    entries, atom, well_formed = rng.randint(0, 2), rng.random() < 0.5, rng.random() < 0.5
    encoding = rng.choice(["utf-8", "undefined", "punycode", "latin-1", "bogus"])
    items = read_bytes(feed(seed, entries, atom, well_formed, encoding), "f.xml", "feed")
    located = [i for i in items if i.location.startswith("f.xml#")]
    assert [int(i.location.split("#")[1]) for i in located] == list(range(1, len(located) + 1))
    assert located == items or (len(items) == 1 and isinstance(items[0], InputFailure))
    if well_formed:
        assert len(located) == entries


# -- gzip: the same records through a gzip stream, whole or cut short -------------------------
@BATCHED
@given(SEEDS)
def test_fuzz_gzip(seed: int) -> None:
    for case in cases(seed):
        gzip_case(case)


def gzip_case(seed: int) -> None:
    hostile = Hostile(seed)
    lines = jsonl_lines(hostile, hostile.rng.randint(0, 10))
    cut = hostile.rng.randint(0, 300) if hostile.rng.random() < 0.4 else None
    plain = joined(lines, "\n")
    packed = gzip.compress(plain, compresslevel=1, mtime=0)
    truncated = cut is not None and cut < len(packed)
    data = packed[:cut] if truncated else packed

    def opener() -> IO[bytes]:
        return gzip.GzipFile(fileobj=io.BytesIO(data))

    items = check(list(read_one(opener, "a.jsonl.gz", "jsonl", OPTIONS)), "a.jsonl.gz")
    if not truncated:
        assert len(items) == (1 if binary_head(plain) else expected_lines(lines))
    elif data and not binary_head(plain):
        assert isinstance(items[-1], InputFailure) and items[-1].location == "a.jsonl.gz"


# -- standard input: the format guessed from the first bytes --------------------------------
STDIN_KINDS = ["jsonl", "json", "csv", "bytes"] * 3 + ["feed", "html"]  # feeds, pages cost more


@BATCHED
@given(SEEDS)
def test_fuzz_stdin_guessing(seed: int) -> None:
    for case in cases(seed):
        stdin_case(case, STDIN_KINDS[case % len(STDIN_KINDS)])


def stdin_case(seed: int, kind: str) -> None:
    hostile = Hostile(seed)
    expected: int | None = None
    options = OPTIONS
    if kind == "jsonl":
        lines = [b'{"text": "Iran met Iraq."}', *jsonl_lines(hostile, 4)]
        data, expected = joined(lines, "\n"), expected_lines(lines)
    elif kind == "json":
        data, expected = bytes_of(json.dumps([hostile.record() for _ in range(3)])), 3
    elif kind == "feed":
        data = feed(seed, 2, hostile.rng.random() < 0.5, True, "utf-8")
        expected = 2
    elif kind == "csv":
        data, expected = table(seed, 4, set(), ",", "\n"), 4
        options = dataclasses.replace(OPTIONS, input_format="csv")  # no guessing a CSV
    elif kind == "html":
        data, expected = b"  <!DOCTYPE html>" + page(hostile, 5, news=True), 1
    else:
        data = hostile.binary(300)
    items = check(list(read_stream(io.BytesIO(data), "standard input", options)), "standard input")
    # read once, as a pipe is: the bytes read to guess the format are read again, not lost
    if expected is not None and not binary_head(data):
        assert len(items) == expected, sniff_format(data)
