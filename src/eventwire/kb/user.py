"""Users' own actor files (`--actors FILE`, `kb.load(extra_actors=[...])`): read a `.tsv` or
`.yaml` file in the package files' columns and fold its rows into the actors' knowledge."""

from __future__ import annotations

import importlib
from collections.abc import Container
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import KnowledgeError
from .actors import (
    COUNTRY_COLUMNS,
    ORGANISATION_COLUMNS,
    PEOPLE_COLUMNS,
    Country,
    Organisation,
    Person,
    country_from_row,
    organisation_from_row,
    person_from_row,
)
from .tables import read_rows

WHERE = "_where"  # the file and line a user's row came from (not a column)


@dataclass
class UserActors:
    """Rows from a user's actor file, in the package files' column names."""

    countries: list[dict[str, str]] = field(default_factory=list)
    organisations: list[dict[str, str]] = field(default_factory=list)
    people: list[dict[str, str]] = field(default_factory=list)


def user_actors(path: Path) -> UserActors:
    """Read a user's actor file: `.tsv` or `.yaml`/`.yml`, in the package files' format.

    A TSV file holds one kind of row, told by its header: the header of `organisations.tsv`
    (code name aliases country sector kind), of `people.tsv` (name aliases country sector role
    start end), or `iso3` plus any columns of `countries.tsv` (e.g. `iso3 aliases adjectives
    metonyms`, to add names to a known country). A YAML file is a mapping with any of the lists
    `countries`, `organisations`, `people`, each item a mapping with the same column names; list
    fields may be YAML lists, metonyms a mapping {phrase: GOV|MIL|SPY}, dates ISO dates.

    Merging (`merge_user_actors`): a user organisation replaces the package's one with the same
    code, a user person replaces every package row with the same name (give all their dated
    roles), and a user country row adds aliases, adjectives and metonyms to the country with its
    iso3 and overrides the other fields it fills (a new iso3 needs name, lat and lon). User rows
    are matched before package rows, so a user's name wins where both claim it.
    """
    if not path.is_file():
        raise KnowledgeError(f"{path}: actor file not found")
    if path.suffix.lower() in {".yaml", ".yml"}:
        return _yaml_actors(path)
    if path.suffix.lower() not in {".tsv", ".txt"}:
        raise KnowledgeError(f"{path}: actor files are .tsv or .yaml")
    header, rows = read_rows(path, str(path))
    found = UserActors()
    if tuple(header) == ORGANISATION_COLUMNS:
        target = found.organisations
    elif tuple(header) == PEOPLE_COLUMNS:
        target = found.people
    elif "iso3" in header and set(header) <= set(COUNTRY_COLUMNS):
        target = found.countries
    else:
        raise KnowledgeError(
            f"{path}: the header must be that of organisations.tsv, people.tsv or countries.tsv"
        )
    # each row remembers its line, for errors found when it is merged (a bad date)
    target.extend(
        {**dict(zip(header, row, strict=True)), WHERE: f"{path}:{line}"} for line, row in rows
    )
    return found


def _yaml_text(value: object) -> str:
    if isinstance(value, dict):
        return "|".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return "" if value is None else str(value)


def _yaml_problem(err: Exception) -> str:
    """':LINE: not valid YAML: PROBLEM' on one line (PyYAML's own message spans several, with
    the offending text drawn under a caret)."""
    mark = getattr(err, "problem_mark", None)
    line = f":{mark.line + 1}" if mark is not None else ""
    problem = getattr(err, "problem", None) or str(err)
    return f"{line}: not valid YAML: {' '.join(str(problem).split())}"


def _yaml_actors(path: Path) -> UserActors:
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        raise KnowledgeError(f"{path}: reading YAML needs PyYAML; or give a .tsv file") from None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise KnowledgeError(f"{path}{_yaml_problem(err)}") from None
    columns = {
        "countries": COUNTRY_COLUMNS,
        "organisations": ORGANISATION_COLUMNS,
        "people": PEOPLE_COLUMNS,
    }
    if not isinstance(data, dict) or not set(data) <= set(columns):
        raise KnowledgeError(f"{path}: expected a mapping of countries, organisations, people")
    found = UserActors()
    for kind, wanted in columns.items():
        for n, item in enumerate(data.get(kind) or [], start=1):
            if not isinstance(item, dict) or not set(item) <= set(wanted):
                raise KnowledgeError(f"{path}: {kind} item {n}: fields are {', '.join(wanted)}")
            row = {k: _yaml_text(v) for k, v in item.items()} | {WHERE: f"{path}: {kind} item {n}"}
            getattr(found, kind).append(
                row if kind == "countries" else {c: row.get(c, "") for c in (*wanted, WHERE)}
            )
    return found


@dataclass(frozen=True)
class Actors:
    """The actors' part of the knowledge, as a user's file changes it."""

    countries: tuple[Country, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]


def merge_user_actors(
    actors: Actors, extra: UserActors, sectors: Container[str] | None = None
) -> Actors:
    """The actors with a user's rows folded in (rules in `user_actors`); a row's sector must
    be one of `sectors` (those of sectors.tsv)."""
    orgs = [
        organisation_from_row(r, r.get(WHERE, "user organisations"), sectors)
        for r in extra.organisations
    ]
    codes = {o.code for o in orgs}
    people = [person_from_row(r, r.get(WHERE, "user people"), sectors) for r in extra.people]
    names = {p.name for p in people}
    countries = list(actors.countries)
    for row in extra.countries:
        countries = _merge_country(countries, row)
    return Actors(
        tuple(countries),
        (*orgs, *(o for o in actors.organisations if o.code not in codes)),
        (*people, *(p for p in actors.people if p.name not in names)),
    )


def _merge_country(countries: list[Country], row: dict[str, str]) -> list[Country]:
    where = f"{row.get(WHERE, 'user countries')}: {row.get('iso3', '?')}"
    if not row.get("iso3"):
        raise KnowledgeError(f"{where}: iso3 is required")
    old = next((c for c in countries if c.iso3 == row["iso3"]), None)
    if old is None:
        if not (row.get("name") and row.get("lat") and row.get("lon")):
            raise KnowledgeError(f"{where}: a new country needs name, lat and lon")
        return [country_from_row(row, where), *countries]
    new = country_from_row({k: v for k, v in row.items() if v}, where)
    merged = replace(
        old,
        **{f: getattr(new, f) for f in ("iso2", "name", "capital") if row.get(f)},
        **{f: getattr(new, f) for f in ("lat", "lon", "status") if row.get(f)},
        aliases=new.aliases + old.aliases,
        adjectives=new.adjectives + old.adjectives,
        metonyms=new.metonyms + old.metonyms,
    )
    return [merged, *(c for c in countries if c.iso3 != old.iso3)]
