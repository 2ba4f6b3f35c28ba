"""Convert Wikidata's national office holders (../shared/data/leaders/office_holders.csv.gz, CC0)
into the package's generated people file, src/eventwire/data/people_wikidata.tsv, in the columns
of people.tsv. One command, the same file every time:

    .venv/bin/python scripts/build_people.py [--source CSV.GZ] [--out TSV]

Each post is mapped to a sector and a role by src/eventwire/data/people_posts.tsv (first
matching pattern wins; sector `-` drops the post). A holding left open in Wikidata ends when the
next holder of a one-holder post starts; consecutive holdings of one post by one person are
merged. Names get variants: accents folded, Cyrillic romanised (people_translit.tsv), the
patronymic dropped (the full name kept as an alias), other spellings of the given name (people_name_variants.tsv), Japanese names
family name first, and the surname alone for heads of state and government. The header records
the source, its licence, its SHA-256 and its newest start date (the as-of date): no clock is read.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventwire" / "data"
SOURCE = ROOT.parent / "shared" / "data" / "leaders" / "office_holders.csv.gz"
OUT = DATA / "people_wikidata.tsv"
COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end")
SURNAME_ROLES = {"president", "prime minister", "head of state"}
FAMILY_LAST_TO_FIRST = {"JPN"}  # Wikidata labels Japanese names given name first
_PATRONYMIC = re.compile(
    r"(ovich|evich|ovych|yevych|ich|ovna|evna|ivna|yevna|ichna|uly|uli|kyzy|qizi|oglu|ogly)$", re.I
)
_PARENS = re.compile(r"\s*\([^)]*\)")
_QUOTED = re.compile(r"\s*\"[^\"]*\"")


@dataclass(frozen=True)
class Post:
    pattern: re.Pattern[str]
    sector: str
    role: str
    single: bool


@dataclass
class Holding:
    qid: str
    name: str
    full: str  # the label as romanised, patronymic and all
    country: str
    post: str  # the post's id (QID, else its title)
    sector: str
    role: str
    single: bool
    start: dt.date
    end: dt.date | None


def read_table(path: Path) -> Iterator[list[str]]:
    """Rows of a package TSV file (header, comments and blanks skipped)."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if row and not row[0].startswith("#") and any(f.strip() for f in row):
                yield [f.strip() for f in row]


def load_posts(path: Path) -> list[Post]:
    return [Post(re.compile(p), s, r, single == "yes") for p, s, r, single in read_table(path)]


def load_translit(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for row in read_table(path):
        letter, latin = row[0], row[1] if len(row) > 1 else ""
        table[letter] = latin
        table[letter.upper()] = latin[:1].upper() + latin[1:]
    return table


def load_variants(path: Path) -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for name, variants in read_table(path):
        group = (name, *variants.split("|"))
        for word in group:
            groups[word] = tuple(w for w in group if w != word)
    return groups


def map_post(title: str, posts: list[Post]) -> Post | None:
    lowered = title.lower().strip()
    return next((p for p in posts if p.pattern.search(lowered)), None)


def parse_date(value: str) -> dt.date | None:
    """Wikidata's precisions: YYYY-MM-DD, YYYY-MM, YYYY or a decade YYYYs (first day known)."""
    value = value.strip().rstrip("s")
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


def clean_name(label: str, translit: dict[str, str]) -> str:
    """A person's label as news writes it: romanised, "Family, Given" turned round, no
    parenthesised note, nickname in quotes or second surname after a slash."""
    name = _QUOTED.sub("", _PARENS.sub("", label)).split("/")[0]
    if "," in name and not re.search(r",\s*(Jr|Sr|I+)\.?$", name):
        family, _, given = name.partition(",")
        name = f"{given.strip()} {family.strip()}"
    if any("\u0400" <= c <= "\u04ff" for c in name):
        name = "".join(translit.get(c, c) for c in name)
    return " ".join(name.split())


def fold_accents(name: str) -> str:
    """'Nguyễn Thị Kim Ngân' -> 'Nguyen Thi Kim Ngan'; the Polynesian ʻokina as an apostrophe."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\u02bb", "'").replace("\u2018", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_variants(
    name: str, country: str, role: str, variants: dict[str, tuple[str, ...]]
) -> list[str]:
    """Other ways news writes the name; the name itself is not among them."""
    found = [fold_accents(name)]
    if "-" in name:  # "Sassou-Nguesso" is written "Sassou Nguesso" too
        found += [name.replace("-", " "), fold_accents(name.replace("-", " "))]
    words = name.split()
    base = [name, *found]
    for form in base:
        first, *rest = form.split()
        found += [" ".join([v, *rest]) for v in variants.get(first, ()) if rest]
    if country in FAMILY_LAST_TO_FIRST and len(words) == 2:
        found.append(f"{words[1]} {words[0]}")
    if role in SURNAME_ROLES and len(words) >= 2 and len(words[-1]) >= 5:
        found.append(fold_accents(words[-1]))
    unique = dict.fromkeys(v for v in found if v != name and len(v) > 1)
    return list(unique)


def without_patronymic(name: str) -> str:
    """ "Viktor Gennadevich Khrenin" as news writes it: "Viktor Khrenin"."""
    words = name.split()
    if len(words) >= 3 and _PATRONYMIC.search(words[1]):
        return " ".join([words[0], *words[2:]])
    return name


def read_holdings(source: Path, posts: list[Post], translit: dict[str, str]) -> list[Holding]:
    holdings = []
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            post = map_post(row["position"], posts)
            start, end = parse_date(row["start"]), parse_date(row["end"])
            if post is None or post.sector == "-" or start is None:
                continue
            if end is not None and end < start:
                continue  # a data error in Wikidata: which date is wrong is unknown
            role = post.role.replace("{post}", row["position"].lower().strip())
            full = clean_name(row["person"], translit)
            holdings.append(
                Holding(
                    row["person_qid"],
                    without_patronymic(full),
                    full,
                    row["country_iso3"],
                    row["position_qid"] or row["position"],
                    post.sector,
                    role,
                    post.single,
                    start,
                    end,
                )
            )
    return holdings


def close_open_holdings(holdings: list[Holding]) -> None:
    """A one-holder post's open holding ends the day before the next holder's start."""
    by_post: dict[tuple[str, str], list[Holding]] = {}
    for h in holdings:
        by_post.setdefault((h.country, h.post), []).append(h)
    for rows in by_post.values():
        rows.sort(key=lambda h: h.start)
        for h in rows:
            if h.single and h.end is None:
                later = [o.start for o in rows if o.qid != h.qid and o.start > h.start]
                if later:
                    h.end = min(later) - dt.timedelta(days=1)


def merge_consecutive(holdings: list[Holding]) -> list[Holding]:
    """One row for a person's run of holdings of one post (reappointments to new cabinets)."""
    merged: list[Holding] = []
    holdings = sorted(holdings, key=lambda h: (h.country, h.qid, h.role, h.start))
    for h in holdings:
        last = merged[-1] if merged else None
        if (
            last is not None
            and (last.country, last.qid, last.role) == (h.country, h.qid, h.role)
            and (last.end is None or h.start <= last.end + dt.timedelta(days=31))
        ):
            last.end = None if last.end is None or h.end is None else max(last.end, h.end)
            continue
        merged.append(h)
    return merged


def drop_covered_command(holdings: list[Holding]) -> list[Holding]:
    """A head of state's command of the armed forces, held with the presidency, is the
    presidency (Putin is GOV, not MIL); a commander-in-chief who is not head of state stays."""
    heads = [h for h in holdings if h.role in SURNAME_ROLES or h.role.endswith(" president")]
    spans: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for h in heads:
        spans.setdefault(h.qid, []).append((h.start, h.end or dt.date.max))

    def covered(h: Holding) -> bool:
        end, held = h.end or dt.date.max, spans.get(h.qid, [])
        return any(s <= h.start <= e for s, e in held) and any(s <= end <= e for s, e in held)

    return [h for h in holdings if not (h.sector == "MIL" and covered(h))]


def people_rows(
    holdings: Iterable[Holding], variants: dict[str, tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """One line per holding; every line of a person carries all their names' variants (a
    surname known from their presidency also finds their earlier ministry)."""
    holdings = list(holdings)
    names: dict[str, dict[str, None]] = {}
    for h in holdings:
        found = names.setdefault(h.qid, {})
        found.update(dict.fromkeys(name_variants(h.name, h.country, h.role, variants)))
        if h.full != h.name:
            found.update(dict.fromkeys([h.full, fold_accents(h.full)]))
    rows = []
    for h in holdings:
        aliases = "|".join(a for a in names[h.qid] if a != h.name)
        end = h.end.isoformat() if h.end else ""
        rows.append((h.name, aliases, h.country, h.sector, h.role, h.start.isoformat(), end))
    rows.sort(key=lambda r: (r[2], r[0], r[5], r[4]))
    return rows


def header(source: Path, holdings: list[Holding], rows: int) -> list[str]:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    as_of = max(h.start for h in holdings).isoformat()
    return [
        "\t".join(COLUMNS),
        "# GENERATED by scripts/build_people.py: do not edit; corrections go in people.tsv.",
        "# Source: Wikidata, via every-politician-scrapers (office_holders.csv.gz,",
        f"# sha256 {digest}). Licence: CC0 1.0 (Wikidata).",
        f"# As of {as_of} (the newest start date in the source); {rows} rows.",
    ]


def build(source: Path, out: Path, data: Path = DATA) -> int:
    posts = load_posts(data / "people_posts.tsv")
    translit = load_translit(data / "people_translit.tsv")
    variants = load_variants(data / "people_name_variants.tsv")
    holdings = read_holdings(source, posts, translit)
    close_open_holdings(holdings)
    rows = people_rows(drop_covered_command(merge_consecutive(holdings)), variants)
    lines = header(source, holdings, len(rows)) + ["\t".join(r) for r in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"error: {args.source}: source file not found", file=sys.stderr)
        return 2
    count = build(args.source, args.out)
    print(f"{args.out}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
