"""Which language a document is written in, so that only English is coded as English.

The detector is py3langid (a naive Bayes model over byte n-grams; the model ships inside the
wheel and is read from there, nothing is downloaded). Language identification is unreliable on a
few words ("Paris, 5 June"), so a text with fewer than `MIN_LETTERS` letters is taken as English,
and so is one the model does not rule out as English: another language only when the model gives
English a probability under `MAX_ENGLISH` (no English text fell under it among 9,520 of 40
letters or more: 5,626 one-sentence Wikipedia news items, and the first 40 to 200 characters and
the whole of 788 news articles; a French, Arabic or Chinese sentence gives English 0.000). Coding a doubtful text costs little;
dropping English headlines would cost more. The detector reads the first `SAMPLE_CHARS`
characters only: a document does not change language half way, and its cost stays flat.

Most English news needs no model at all: a text in which at least `COMMON_SHARE` of the words
are common English words (`data/language_words.tsv`: "the", "that", "said"...) is English, so
that coding English articles never pays the model's load (about half a second).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import InvalidOption
from .kb import in_force
from .kb.language import load_common_words as load_common_words

ENGLISH = "en"
ANY = "any"  # the `language` option that codes every document as English
OPTIONS = (ENGLISH, ANY)
MIN_LETTERS = 40
MAX_ENGLISH = 0.01
SAMPLE_CHARS = 2000
COMMON_SHARE, COMMON_MIN_WORDS = 0.1, 20
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detected:
    language: str  # ISO 639-1 code, "en" when unsure
    confidence: float  # the model's probability of the language (0 when not asked)
    reason: str  # "detected", "short", "uncertain", "common words"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # imported and loaded on first use (about 0.3 s): only a corpus of text pays for it
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> Detected:
    """The language of `text`; English when it is short or English is not ruled out."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return Detected(ENGLISH, 0.0, "short")
    if _mostly_common_english(sample):
        return Detected(ENGLISH, 1.0, "common words")
    ranked = _identifier().rank(sample)
    language, confidence = str(ranked[0][0]), float(ranked[0][1])
    english = next((float(p) for code, p in ranked if code == ENGLISH), 0.0)
    if language != ENGLISH and english >= MAX_ENGLISH:
        return Detected(ENGLISH, english, "uncertain")
    return Detected(language, confidence, "detected")


def _mostly_common_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    if len(words) < COMMON_MIN_WORDS:
        return False
    common = common_words()[ENGLISH]
    return sum(w in common for w in words) >= COMMON_SHARE * len(words)


def common_words() -> dict[str, frozenset[str]]:
    """The package's common words per language: part of the process's knowledge."""
    return in_force().common_words


def language_of(text: str) -> str:
    return detect(text).language


def option(value: str) -> str:
    """The `--language` option: "en" (other languages are stored, not coded) or "any"."""
    chosen = value.strip().lower()
    if chosen not in OPTIONS:
        raise InvalidOption(f"--language must be one of {', '.join(OPTIONS)}, not {value!r}")
    return chosen
