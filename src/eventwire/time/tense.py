"""The tense of the clause a date sits in, from the spaCy parse: it decides which "Monday",
"Jan 5" or "spring" a text means ("met on Monday" is the last one, "will meet on Monday" the
next one; "is scheduled for Dec. 10" and "payable Dec. 7" look ahead)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .lexicon import time_words

_WILL = {"will", "'ll", "shall", "wo", "going"}
_PAST_AUX = {"had", "did", "was", "were", "has", "have", "'ve", "'d"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "be"}
_MODALS = {"may", "might", "could", "should", "must", "can", "would", "ought"}
_MAX_STEPS = 8

Token = Any  # spacy.tokens.Token (spaCy ships no type information)


_TO = {"to", "until", "till", "through", "by", "for", "into"}
# a participle that modifies a noun ("the shares bought", "the shares tendered") is past unless
# the clause around it looks ahead ("will buy the shares tendered through Nov. 17")
_REDUCED = {"acl", "amod"}


def _is_cue(token: Token, through_to: bool = False) -> bool:
    """A word that looks ahead; a verb that moves a date only when the date is where it moves
    to ("extended to Nov. 20")."""
    words = time_words()
    lemma = token.lemma_.lower()
    return lemma in words.future_cues or (through_to and lemma in words.deadline_cues)


def _auxiliaries(verb: Token) -> list[str]:
    return [t.lower_ for t in verb.children if t.dep_ in {"aux", "auxpass"}]


def verb_tense(verb: Token) -> str | None:
    """past, present or future of one verb, from its auxiliaries and its tag; None for a verb
    that has no tense of its own ("to meet", "withdrawing"): its governor decides."""
    aux = _auxiliaries(verb)
    if any(a in _WILL for a in aux):
        return "future"
    if any(a in _MODALS for a in aux):
        return "past" if "have" in aux else "future"  # "could meet", but "could have met"
    if any(a in _PAST_AUX for a in aux):
        return "past"
    if any(a in _PRESENT_BE for a in aux):
        return "present"  # "is scheduled", "are meeting"
    if "to" in aux:
        governor = verb.head
        if governor.i != verb.i and _is_cue(governor):  # "scheduled to expire Friday"
            return "past" if "had" in _auxiliaries(governor) else "future"
        if governor.i != verb.i and "have" not in aux and _said_of_now(governor):
            return "future"  # "talks are set to resume Monday", "he is likely to quit Friday"
        return None
    if verb.tag_ in {"VBD", "VBN"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return None


def _said_of_now(governor: Token) -> bool:
    """A passive participle or an adjective in the present tense that governs an infinitive:
    what it says of now is that something lies ahead ("is set to", "are expected to", "is
    likely to", "is due to"); "is said to have met" keeps its past (see the caller)."""
    if governor.tag_ == "VBN":
        be = _auxiliaries(governor)
    elif governor.pos_ == "ADJ" and governor.dep_ == "acomp":
        be = [governor.head.lower_]
    else:
        return False
    return any(word in _PRESENT_BE - {"be"} for word in be)


def tense_at(doc: Any) -> Callable[[int], str]:
    """A function: character offset -> the tense of the clause around it ("past", "present",
    "future"). Going up the parse from the word at the offset, a word that looks ahead
    ("scheduled", "payable", "extended ... to") makes it future; else the first verb with a
    tense decides (an infinitive or a gerund takes its governor's)."""

    def tense(offset: int) -> str:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return "past"
        token = span.root
        through_to = infinitive = False
        participle: str | None = None
        for _ in range(_MAX_STEPS):
            if token.i != span.root.i and _is_cue(token, through_to):
                return "future"
            through_to = through_to or (token.dep_ == "prep" and token.lower_ in _TO)
            found = verb_tense(token) if token.pos_ in {"VERB", "AUX"} else None
            if found is not None and participle is None and _is_reduced(token):
                participle, found = found, None
            if found is not None:
                if participle is not None and found != "future":
                    found = participle
                # "agreed to buy it in February": after the agreeing, before or after the
                # publication date: the nearer one
                return "present" if infinitive and found == "past" else found
            infinitive = infinitive or (token.pos_ == "VERB" and "to" in _auxiliaries(token))
            if token.head.i == token.i:
                break
            token = token.head
        return "present" if infinitive or participle is None else participle

    return tense


def _is_reduced(verb: Token) -> bool:
    return verb.dep_ in _REDUCED and verb.tag_ == "VBN" and not _auxiliaries(verb)
