"""Which field of a JSON object or CSV row holds a document's text, title, date...: the user's
`--map text=body,published_at=date`, else the aliases in `data/ingest_fields.tsv`; and dates
from metadata in the formats feeds, APIs and databases write them."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import InvalidOption
from ..kb import in_force

FIELDS = ("text", "title", "url", "outlet", "published_at", "language")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_SLASH_DAY = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})(?:$|\s)")
_DIGITS = re.compile(r"[0-9]{1,20}")
_LATEST_SECONDS = 253402300799  # 9999-12-31T23:59:59Z, the last second a date can hold


def default_aliases() -> dict[str, tuple[str, ...]]:
    """Field -> the names it goes by in other people's data, lower case, most likely first
    (`ingest_fields.tsv`, part of the process's knowledge)."""
    return in_force().field_aliases


@dataclass(frozen=True)
class FieldMap:
    """Field -> the key to read it from. `explicit` keys were named by the user."""

    explicit: Mapping[str, str]

    def value(self, record: Mapping[str, object], field: str) -> object:
        """The record's value for a document field (None when absent or blank)."""
        if field in self.explicit:
            return _present(record.get(self.explicit[field]))
        lowered = {str(k).lower(): v for k, v in record.items()}
        for alias in default_aliases().get(field, ()):
            value = _present(lowered.get(alias))
            if value is not None:
                return value
        return None


def parse_field_map(spec: str | None) -> FieldMap:
    """`text=body,published_at=date` -> FieldMap; a malformed spec is an InvalidOption."""
    if not spec:
        return FieldMap({})
    explicit: dict[str, str] = {}
    for part in spec.split(","):
        field, sep, key = (p.strip() for p in part.partition("="))
        if not sep or not field or not key:
            raise InvalidOption(f"--map: {part.strip()!r} is not FIELD=COLUMN (e.g. text=body)")
        if field not in FIELDS:
            raise InvalidOption(f"--map: unknown field {field!r}; fields: {', '.join(FIELDS)}")
        explicit[field] = key
    return FieldMap(explicit)


def _present(value: object) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def metadata_date(value: object) -> dt.date | None:
    """A publication date from metadata: ISO dates and datetimes, RFC 2822 (feeds, e-mail),
    YYYY/MM/DD, Unix seconds, `time.struct_time` (feedparser). None when it is none of those,
    or names no day a date can hold (year 0, year 99999999999, a 400-digit epoch)."""
    try:
        return _metadata_date(value)
    except (ValueError, OverflowError, TypeError, IndexError, OSError):
        return None


def _metadata_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_timestamp(value)
    if isinstance(value, str):
        return _date_from_text(value)
    return None


def _date_from_text(text: str) -> dt.date | None:
    match = _ISO_DAY.match(text) or _SLASH_DAY.match(text)
    if match:
        return dt.date(*(int(g) for g in match.groups()))
    if _DIGITS.fullmatch(text.strip()):  # ASCII digits only: `²` and `١` are digits to isdigit()
        return _from_timestamp(int(text))
    return email.utils.parsedate_to_datetime(text).date()


def _from_timestamp(number: float) -> dt.date | None:
    if abs(number) > _LATEST_SECONDS * 1000:  # not a time a news article was published at
        return None
    seconds = float(number)
    if seconds > 1e11:  # milliseconds, as JavaScript and many APIs write them
        seconds /= 1000
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
