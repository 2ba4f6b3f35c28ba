"""Places from a file (a user's `--places my_places.csv`, or our own `places_extra.tsv`).

CSV (comma) or TSV (tab, for `.tsv` and `.tab` files), UTF-8, with a header row naming the
columns; `#` starts a comment line. Required: `name`, `lat`, `lon`. Optional: `aliases`
(`|`-separated), `country` (ISO 3166-1 alpha-3), `admin1` (first-level region code),
`population`, `feature` (continent, region, country, admin, city, custom; default custom; a
user's custom place wins over its namesakes unless the text says otherwise) and `id`
(default `user:<name>`). These are the fields of every gazetteer place.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import InputNotFound, KnowledgeError
from .gazetteer import FEATURES, Place, name_key

COLUMNS = ("name", "aliases", "country", "admin1", "lat", "lon", "population", "feature", "id")
REQUIRED = ("name", "lat", "lon")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def load_user_places(path: Path | str, source: str | None = None) -> list[Place]:
    """Read a places file; raises InputNotFound (E001) or KnowledgeError (E007, with the line)."""
    path = Path(path)
    name = source or str(path)
    if not path.is_file():
        raise InputNotFound(f"{name}: no such places file")
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            numbered = [(n, line) for n, line in enumerate(handle, start=1)]
    except UnicodeDecodeError as err:
        raise KnowledgeError(f"{name}: not valid UTF-8 ({err.reason})") from None
    kept = [(n, line) for n, line in numbered if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader((line for _, line in kept), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    _check_header(header, name)
    reader.fieldnames = header
    return [_place(row, f"{name}:{kept[reader.line_num - 1][0]}") for row in reader]


def _check_header(header: list[str], name: str) -> None:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        raise KnowledgeError(
            f"{name}: header needs {', '.join(REQUIRED)} and may have {', '.join(COLUMNS)}"
            f" (missing: {', '.join(missing) or '-'}; unknown: {', '.join(unknown) or '-'})"
        )


def _number(value: str | None, where: str, low: float, high: float) -> float:
    try:
        number = float((value or "").strip())
    except ValueError:
        raise KnowledgeError(f"{where}: not a number: {value!r}") from None
    if not low <= number <= high:
        raise KnowledgeError(f"{where}: {number} is outside {low}..{high}")
    return number


def _place(row: dict[str, str | None], where: str) -> Place:
    def field(column: str) -> str:
        return (row.get(column) or "").strip()

    if not field("name"):
        raise KnowledgeError(f"{where}: empty name")
    country, feature = field("country").upper(), field("feature").lower() or "custom"
    if country and not _ISO3.match(country):
        raise KnowledgeError(f"{where}: country must be ISO 3166-1 alpha-3, not {country!r}")
    if feature not in FEATURES:
        raise KnowledgeError(f"{where}: feature must be one of {', '.join(FEATURES)}")
    population = field("population")
    return Place(
        gazetteer_id=field("id") or f"user:{name_key(field('name')).replace(' ', '-')}",
        name=field("name"),
        country=country or None,
        lat=_number(field("lat"), f"{where}: lat", -90, 90),
        lon=_number(field("lon"), f"{where}: lon", -180, 180),
        population=int(_number(population, f"{where}: population", 0, 1e10)) if population else 0,
        feature=feature,
        admin1=field("admin1"),
        aliases=tuple(a.strip() for a in field("aliases").split("|") if a.strip()),
    )
