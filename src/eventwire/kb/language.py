"""Knowledge of languages and of the other readers' words: common words per language
(`language_words.tsv`), where a document's fields are found in other people's data
(`ingest_fields.tsv`) and words that tell no event apart (`analysis_stopwords.txt`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import KnowledgeError
from .tables import read_lines, read_table, split

ENGLISH = "en"


def load_common_words(path: Path) -> dict[str, frozenset[str]]:
    words = {
        row["language"]: frozenset(w.lower() for w in split(row["words"]))
        for _, row in read_table(path, ("language", "words"))
    }
    if not words.get(ENGLISH):
        raise KnowledgeError(f"{path}: no common words for {ENGLISH!r}")
    return words


def load_field_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """Field -> the names it goes by in other people's data, lower case, most likely first."""
    return {
        row["field"]: tuple(a.lower() for a in row["aliases"].split("|"))
        for _, row in read_table(path, ("field", "aliases"), path.name)
    }


def load_stopwords(path: Path) -> frozenset[str]:
    return frozenset(line.casefold() for line in read_lines(path))
