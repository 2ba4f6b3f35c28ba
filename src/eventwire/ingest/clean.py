"""Text that every store accepts. PostgreSQL refuses NUL in text, neither DuckDB nor PostgreSQL
can hold a lone surrogate (it has no UTF-8 form), and other C0 controls are noise from broken
exports: a reader cleans every string it yields, so one bad character never loses a batch."""

from __future__ import annotations

import re

# NUL, the C0 controls other than tab, newline and carriage return, and UTF-16 surrogates
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable(text: str) -> str:
    """`text` without NUL (removed), with other C0 controls as spaces (a form feed or vertical
    tab separates words) and lone surrogates as U+FFFD; a surrogate pair becomes the character
    it encodes. Unchanged, and not copied, when there is nothing to clean."""
    if not _UNSTORABLE.search(text):
        return text
    text = _CONTROLS.sub(" ", text.replace("\x00", ""))
    if _SURROGATE.search(text):
        # a high and a low surrogate side by side are one character written in UTF-16
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def storable_or_none(text: str | None) -> str | None:
    return None if text is None else storable(text)
