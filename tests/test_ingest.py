"""Reading input: decoding, titles, stable ids and clear errors for bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import BinaryInput, EmptyInput, EncodingError, InputNotFound, InvalidDate
from eventwire.ingest import (
    decode,
    document_id,
    make_document,
    parse_date,
    read_source,
    split_title,
)


def test_title_is_a_short_first_line_without_full_stop() -> None:
    assert split_title("Talks collapse\nIran walked out of the talks.") == "Talks collapse"
    assert split_title("Iran walked out.\nThen it left.") is None
    assert split_title("One line only") is None


def test_ids_are_stable_and_depend_on_content_alone() -> None:
    assert document_id("a text") == document_id("a text")
    assert document_id("a text") != document_id("another text")
    assert document_id("a text", "http://x/1") == document_id("a text", "http://x/2")
    assert make_document("Body.\nMore.").id == make_document("Body.\nMore.").id


def test_decode_refuses_empty_binary_and_non_utf8() -> None:
    with pytest.raises(EmptyInput):
        decode(b"  \n\t", "x")
    with pytest.raises(BinaryInput):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "x")
    with pytest.raises(EncodingError):
        decode("Caf\u00e9 in Gen\u00e8ve".encode("latin-1"), "x")
    assert decode("\ufeffIran".encode(), "x") == "Iran"


def test_read_source_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        read_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputNotFound):
        read_source(str(tmp_path))


def test_parse_date() -> None:
    assert str(parse_date("2023-02-12")) == "2023-02-12"
    assert parse_date(None) is None
    for bad in ("12/02/2023", "2023-02-30", "yesterday"):
        with pytest.raises(InvalidDate):
            parse_date(bad)


def test_error_codes_are_stable() -> None:
    codes = [
        cls.code for cls in (InputNotFound, EmptyInput, BinaryInput, EncodingError, InvalidDate)
    ]
    assert codes == ["E001", "E002", "E003", "E004", "E005"]


def test_metadata_dates_in_the_formats_sources_write() -> None:
    import time

    from eventwire.ingest import metadata_date

    day = dt.date(2023, 1, 5)
    assert metadata_date("2023-01-05") == day
    assert metadata_date("2023-01-05T23:30:00-05:00") == day  # the date as written
    assert metadata_date("2023-01-05 12:24:52.002364-05") == day
    assert metadata_date("Thu, 05 Jan 2023 10:00:00 GMT") == day
    assert metadata_date("2023/01/05") == day
    assert metadata_date(1672912800) == day  # Unix seconds (2023-01-05 10:00 UTC)
    assert metadata_date(1672912800000) == day  # milliseconds
    assert metadata_date(time.strptime("2023-01-05", "%Y-%m-%d")) == day
    for unreadable in ("last Thursday", "2023-13-45", "", None, True, [2023]):
        assert metadata_date(unreadable) is None


def test_field_aliases_file_loads_and_names_document_fields() -> None:
    from eventwire.ingest.fields import FIELDS, default_aliases

    aliases = default_aliases()
    assert set(aliases) == set(FIELDS)
    assert all(name == name.lower() for names in aliases.values() for name in names)
    assert aliases["text"][0] == "text" and "body" in aliases["text"]


def test_aliases_are_found_without_case() -> None:
    from eventwire.ingest import parse_field_map

    fields = parse_field_map(None)
    assert fields.value({"Headline": "Talks", "BODY": "Iran met Iraq."}, "text") == "Iran met Iraq."
    assert fields.value({"Headline": "Talks"}, "title") == "Talks"
    assert fields.value({"body": "  "}, "text") is None
