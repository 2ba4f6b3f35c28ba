"""Ingest: files, directories, feeds, archives and standard input -> `Document`s.

`read_source` reads one text file for `eventwire code`; `iter_items` reads everything
`eventwire ingest` accepts (text, HTML, JSON, JSON Lines, CSV, RSS/Atom, gzip, directories) and
yields each document with its location, or a failure saying where and why.
"""

from __future__ import annotations

from .core import decode, document_id, make_document, parse_date, read_source, split_title
from .fields import FieldMap, metadata_date, parse_field_map
from .items import DEFAULT_MAX_CHARS, InputFailure, Item, ReadOptions, Sourced
from .sources import FORMATS, check_inputs, count_items, iter_items, read_stream

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FORMATS",
    "FieldMap",
    "InputFailure",
    "Item",
    "ReadOptions",
    "Sourced",
    "check_inputs",
    "count_items",
    "decode",
    "document_id",
    "iter_items",
    "make_document",
    "metadata_date",
    "parse_date",
    "parse_field_map",
    "read_source",
    "read_stream",
    "split_title",
]
