"""A change and the level it reaches: in 'sales increased by $4 million to $30 million' and
'the index rose 12 points to 3,400' the first figure is the rise and the second the level
reached. The parse often hangs both on the verb's 'by' (or on neither), so the direction is
read from the words: the change verb (or 'up', 'down') right before the first figure gives it
its direction, and the figure after 'to' is a level, not a rise."""

from __future__ import annotations

from typing import Any

from .lexicon import quantity_words
from .ranges import Found

Doc = Any  # spacy.tokens.Doc
Token = Any
_MAX_BACK = 3  # words between the change verb and its figure: "rose sharply by"
_PASSED = {"by", "a", "an", "some", "nearly", "almost", "about", "around", "roughly"}
_TO_LEVEL = (["to"], ["at"], ["to", "close", "at"], ["to", "end", "at"], ["to", "finish", "at"])


def changes_to_levels(doc: Doc, found: list[Found]) -> list[Found]:
    """Each figure written 'CHANGE-VERB [by] X to Y': X takes the verb's direction, Y is the
    level reached ('=' unless it has a qualifier of its own)."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        aside = i + 2 < len(out) and _or_aside(doc, first, second)
        if aside:  # "fell 350 points, or 1.2%, to 28,900": both figures are the fall
            second = out[i + 2]
        words = _between(doc, out[i + 1] if aside else first, second.start)
        if (words[1:] if aside and words[:1] == [","] else words) not in _TO_LEVEL:
            continue
        direction = _direction_before(doc, first.start)
        if direction is None:
            continue
        out[i] = _with_change(first, direction)
        if aside:
            out[i + 1] = _with_change(out[i + 1], direction)
        level = i + 2 if aside else i + 1
        if second.mention.change == direction and not second.mention.qualifier:
            out[level] = _with_change(second, "=")
        out[level] = _with_unit_of(out[level], first)
    return out


def _or_aside(doc: Doc, first: Found, second: Found) -> bool:
    """', or 1.2%,' right after the first figure: the same change in another unit."""
    words = _between(doc, first, second.start)
    closing = doc[second.end].text if second.end < len(doc) else ""
    return words == [",", "or"] and closing == ","


def _with_unit_of(level: Found, change: Found) -> Found:
    """'rose 12 points to 3,400': a bare level is counted in the change's unit (3,400 points);
    not in a share ('rose 8% to 3.65' is no percentage)."""
    ours, theirs = level.mention, change.mention
    if ours.unit or ours.counted or ours.unit_name or not theirs.unit_name:
        return level
    shares = {u.code for u in quantity_words().units.values() if u.kind == "percent"}
    if theirs.unit in shares:
        return level
    update = {"unit": theirs.unit, "counted": theirs.counted, "unit_name": theirs.unit_name}
    return Found(ours.model_copy(update=update), level.start, level.end)


def _between(doc: Doc, first: Found, stop: int) -> list[str]:
    """The words from the first figure to the second, less the noun it counts: 'points to'
    in 'rose 12 points to 3,400'."""
    end = first.end
    counted = (first.mention.counted or "").split()
    if counted and [t.text for t in doc[end : end + len(counted)]] == counted:
        end += len(counted)
    return [t.lower_ for t in doc[end:stop]]


def _with_change(item: Found, change: str) -> Found:
    mention = item.mention
    if mention.change in {"~", ">", "<"} or mention.change == change:
        return item  # "rose more than 3%": the floor wins, as in names.change_sign
    return Found(mention.model_copy(update={"change": change}), item.start, item.end)


def _direction_before(doc: Doc, start: int) -> str | None:
    """'up' or 'down' from the change word right before token `start`, past 'by', a
    qualifier and adverbs ('rose sharply by about 12 points')."""
    changes = quantity_words().changes
    sentence_start = doc[start].sent.start if start < len(doc) else 0
    i = start - 1
    while i >= sentence_start and start - i <= _MAX_BACK + 1:
        token = doc[i]
        direction = _direction(token, changes)
        if direction is not None:
            return direction
        if token.lower_ == "by" and token.head.i < i:  # "cut its workforce by 200"
            return _direction(token.head, changes)
        if token.lower_ not in _PASSED and token.pos_ != "ADV":
            return None
        i -= 1
    return None


def _direction(token: Token, changes: dict[str, str]) -> str | None:
    if token.lower_ in {"up", "down"}:
        return changes.get(token.lower_)
    if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
        return changes.get(token.lemma_.lower())
    return None
