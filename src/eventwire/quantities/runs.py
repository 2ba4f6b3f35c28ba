"""Numbers in a parsed text as runs of tokens with a value: "1.2 million", "1.7bn",
"twenty-five", "a dozen", "hundreds of", "tens of thousands", "several hundred"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .glued import glued_sign
from .lexicon import Unit, quantity_words, unit_of
from .numbers import NumberWord, number_words, parse_words, split_number, split_range

Token = Any  # spacy.tokens.Token (spaCy ships no type information)
MILLION = 1e6
_MONEY_SCALES = {"m": MILLION, "b": 1e9}  # "£300m", "$5b": after a currency sign only
_HAS_DIGIT = re.compile(r"\d")
_HALF_WORDS = {"and", "a", "half", "-"}  # "two and a half", "two-and-a-half"
_JOINING = {*_HALF_WORDS, "an", "of", "m", "m."}  # the words other than numbers in a number


@dataclass
class Run:
    """One number in the text: tokens start..end (exclusive), its value and, for a vague amount
    or a range, the top of it; a unit written on the number ('10kW') and a sign ('+0.2')."""

    start: int
    end: int
    value: float
    high: float | None = None
    vague: bool = False
    unit: str = ""
    sign: str = ""
    prefix: Unit | None = None  # a currency stuck to the digits: "RM23.50", "USD10m"
    prefix_start: int = -1  # where that sign starts ("$" of "$US55")
    qualifier: str = ""  # a qualifier stuck to the digits: "sub" of "sub-7"
    fraction: bool = False  # "two-thirds of", "one out of three"


def _word(token: Token | None) -> NumberWord | None:
    if token is None:
        return None
    lower = token.lower_[:-1] if suspended(token) else token.lower_  # "four-" of "four-, five-"
    return number_words().get(lower)


def suspended(token: Token) -> bool:
    """'four-' of 'four-, five- and six-cylinder', '10-' of '10- and 20-year bonds': a number
    whose hyphen waits for the noun written once, after the last of the list."""
    return bool(len(token.text) > 1 and token.text.endswith("-") and token.text[0] != "-")


def _kind(token: Token | None) -> str:
    word = _word(token)
    return word.kind if word is not None else ""


def number_token(token: Token) -> tuple[str, float, str] | None:
    """A number in digits, maybe with a sign or a known unit or scale stuck to it."""
    if not _HAS_DIGIT.search(token.text):
        return None  # most tokens: no pattern below can match
    split = split_number(token.text)
    if split is None:
        glued = glued_sign(token)
        split = glued.split if glued is not None else None
    if split is None and (ends := split_range(token.text)) is not None:
        split = ("", ends[0], ends[2])  # "5–7", "10-$20": the top is read in `_value`
    if split is None:
        return None
    suffix = split[2]
    if suffix == "-" and suspended(token):
        split, suffix = (split[0], split[1], ""), ""
    if len(suffix) > 1 and suffix.endswith(".") and unit_of(suffix[:-1]) is not None:
        split, suffix = (split[0], split[1], suffix[:-1]), suffix[:-1]  # "180ºC." at the end
    if ")" in suffix[1:] and unit_of(suffix.split(")")[0]) is not None:
        suffix = suffix.split(")")[0]  # "(121ft)-long", one token: the unit ends at ")"
        split = (split[0], split[1], suffix)
    known = (
        not suffix
        or suffix in {"m", "M", "b"}
        or _kind_of(suffix.lower()) == "scale"
        or unit_of(suffix) is not None
    )
    return split if known else None


def number_token_or_word(token: Token) -> bool:
    """'2', 'two', 'twenty-five' (one token): a cardinal, not 'a' or 'dozens'."""
    return number_token(token) is not None or _kind(token) == "cardinal"


def _kind_of(word: str) -> str:
    entry = number_words().get(word)
    return entry.kind if entry is not None else ""


def _next(token: Token | None) -> Token | None:
    return token.nbor(1) if token is not None and token.i + 1 < len(token.doc) else None


def _word_at(token: Token | None) -> str:
    return str(token.lower_) if token is not None else ""


def _and_a_half(token: Token) -> bool:
    """Whether `token` is one of the words of 'and a half' after a whole number: 'two and a
    half years', 'two-and-a-half hours', '1 and a half million'."""
    doc, start = token.doc, token.i
    while start > 0 and doc[start].lower_ in _HALF_WORDS:
        start -= 1
    if number_token(doc[start]) is None and _kind(doc[start]) != "cardinal":
        return False
    words, end = [], start
    for following in doc[start + 1 : start + 7]:
        if following.text != "-":
            words.append(following.lower_)
        end = following.i
        if len(words) == 3:
            break
    return words == ["and", "a", "half"] and start < token.i <= end


def _plus_half(words: list[Token]) -> float | None:
    """The value of 'two and a half million' from its words less 'and' and hyphens: the whole
    number, plus a half, times the scales after it."""
    lowers = [w.lower_ for w in words]
    k = lowers.index("a")
    head, scales = words[:k], words[k + 2 :]
    digits = number_token(head[0]) if len(head) == 1 else None
    base = digits[1] if digits is not None else parse_words(" ".join(lowers[:k]))
    if base is None or any(_kind(w) != "scale" for w in scales):
        return None
    value = base + 0.5
    for scale in scales:
        value *= number_words()[scale.lower_].value
    return value


def _is_part(token: Token, run: list[Token], money: bool) -> bool:
    """Whether `token` starts a number (`run` empty) or continues the number made of `run`."""
    last = run[-1] if run else None
    kind, lower = _kind(token), token.lower_
    if last is not None and lower in _HALF_WORDS and _and_a_half(token):
        return True
    if number_token(token) is not None:
        return last is None
    if kind in {"cardinal", "vague", "approx"}:
        return last is None or number_token(last) is None
    if kind == "scale":
        return True
    following = _next(token)
    if last is None:
        if lower == "half":  # "half a million"
            return _word_at(following) in {"a", "an"} and _kind(_next(following)) == "scale"
        return lower in {"a", "an"} and _kind(following) == "scale"
    if lower in {"a", "an"}:
        return last.lower_ == "half" and _kind(following) == "scale"
    if lower == "of":  # "tens of thousands", but not "hundreds of people"
        return _kind(last) == "vague" and _kind(following) in {"scale", "vague"}
    if lower == "and":  # "a hundred and five"
        return _kind(last) == "scale" and _kind(following) == "cardinal"
    if lower == "-":  # "twenty-five"; "$5-million", "a 5.4-billion deal"
        tight = not last.whitespace_ and not token.whitespace_
        scaled = tight and number_token(last) is not None and _kind(following) == "scale"
        return scaled or (_kind(last) == "cardinal" and _kind(following) == "cardinal")
    # "£300m" is money; "4.3M sales" is millions; "37m" alone is metres
    if token.text != "M" and lower not in {"m", "m."}:
        return False
    money = money or _glued_money(last) or (not last.whitespace_ and _counts_follow(token))
    return (token.text == "M" or money) and number_token(last) is not None


def _counts_follow(scale: Token) -> bool:
    """'1.5m people', '20m tonnes', '5m euros', '2b users': the 'm' (or 'b') stuck to a number
    is millions when a plural noun or a unit follows (not '100m sprint', '5m deep', 'a 2m
    wall', nor before the plural of a race or a racer: '400m runners', 'the 100m hurdles')."""
    following = _next(scale)
    if following is None or scale.text[-1:] not in {"m", "b"}:
        return False
    if following.lemma_.lower() in quantity_words().races:
        return False
    unit = unit_of(following.text)
    if unit is not None:
        return unit.kind not in {"length", "time", "speed", "area"}
    return bool(following.tag_ in {"NNS", "NNPS"} and following.pos_ in {"NOUN", "PROPN"})


def _glued_money(token: Token) -> bool:
    """'USD10' of 'USD10 m.': a currency stuck to the digits."""
    glued = glued_sign(token)
    return glued is not None and glued.unit is not None


def _may_be_part(token: Token, words: dict[str, NumberWord]) -> bool:
    """A quick test before `_is_part`: only a digit, a number word or one of the few joining
    words ('a', 'of', 'and', '-', 'm') can be part of a number; most tokens are none."""
    lower = token.lower_
    return bool(
        lower in words
        or lower in _JOINING
        or _HAS_DIGIT.search(lower)
        or (suspended(token) and lower[:-1] in words)
    )


def _raw_runs(doc: Any, excluded: set[int], money: set[int]) -> Iterator[list[Token]]:
    run: list[Token] = []
    words = number_words()
    for token in doc:
        part = token.i not in excluded and _may_be_part(token, words)
        if part and _is_part(token, run, token.i - 1 in money):
            run.append(token)
            continue
        if run:
            yield _trimmed(run)
        run = [token] if part and _is_part(token, [], False) else []
    if run:
        yield _trimmed(run)


def _trimmed(run: list[Token]) -> list[Token]:
    while run and run[-1].lower_ in {"of", "-", "and", "a", "an"}:
        run = run[:-1]
    return run


def _value(tokens: list[Token], money: bool) -> Run | None:
    """The value of a number's tokens."""
    words = [t for t in tokens if t.lower_ not in {"of", "-", "and"}]
    if not words:
        return None
    first, rest = words[0], words[1:]
    digits = number_token(first)
    run = Run(tokens[0].i, tokens[-1].i + 1, 0.0)
    lowers = [w.lower_ for w in words]
    if "a" in lowers and lowers[lowers.index("a") + 1 :][:1] == ["half"]:
        plus_half = _plus_half(words)  # "two and a half million"
        if plus_half is not None:
            run.value = plus_half
            return run
    if digits is not None:
        run.sign, run.value, suffix = digits
        ends = split_range(first.text)
        run.high = ends[1] if ends is not None else None
        glued = glued_sign(first)
        if glued is not None:
            money = money or glued.unit is not None
            run.prefix, run.prefix_start = glued.unit, glued.start
            run.qualifier, run.sign = glued.qualifier, glued.sign or run.sign
        if run.sign == "-":
            run.value = -run.value
        if (
            suffix in {"M"}
            or (suffix in _MONEY_SCALES and (money or _counts_follow(first)))
            or _kind_of(suffix.lower()) == "scale"
        ):
            rest = [first, *rest]  # the scale on the token applies like a scale word
            run.value *= _MONEY_SCALES.get(suffix.lower()) or number_words()[suffix.lower()].value
            rest = rest[1:]
        elif suffix == "b":
            return None  # "5b" is billions only after a currency sign
        else:
            run.unit = suffix
    elif _kind(first) in {"vague", "approx"}:
        entry = number_words()[first.lower_]
        run.value, run.high, run.vague = entry.value, entry.high, entry.kind == "vague"
        if entry.kind == "vague" and entry.value < 10 and not rest:
            return None  # "several", "a few" alone count nothing precisely enough
    else:
        half = first.lower_ == "half"  # "half a million": half of what follows
        cardinal = parse_words(" ".join(w.lower_ for w in (rest if half else words)))
        if cardinal is None:
            return None
        run.value, rest = cardinal * (0.5 if half else 1.0), []
    for scale in rest:
        factor = MILLION if scale.lower_ in {"m", "m."} else number_words()[scale.lower_].value
        run.value *= factor
        run.high = run.high * factor if run.high is not None else None
    return run


def number_runs(doc: Any, excluded: set[int], money: set[int]) -> list[Run]:
    """Every number in the document; `money` holds indices of tokens right after a currency
    sign (there "m" means million: "£300m")."""
    runs = []
    for tokens in _raw_runs(doc, excluded, money):
        if not tokens or all(_kind(t) == "scale" for t in tokens):
            continue
        found = _value(tokens, tokens[0].i in money)
        if found is not None:
            runs.append(found)
    return runs
