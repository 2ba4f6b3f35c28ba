"""The knowledge files: they load, they are consistent, and they are big enough to be useful."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.kb import KnowledgeBase, load, load_organisations, read_tsv
from eventwire.model import PLOVER_TYPES

from .conftest import shared_path

SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "SPY",
    "JUD",
    "LEG",
    "REB",
    "OPP",
    "PTY",
    "BUS",
    "MED",
    "CVL",
    "EDU",
    "REL",
    "HLH",
    "NGO",
    "IGO",
    "LAB",
    "REF",
    "CRM",
    "ELI",
    "UAF",
    "",
}


def test_countries_cover_un_members_and_more(kb: KnowledgeBase) -> None:
    iso3 = {c.iso3 for c in kb.countries}
    assert len(iso3) == len(kb.countries) >= 197
    assert {"TWN", "XKX", "PSE", "ESH", "VAT", "IRN", "RUS"} <= iso3
    names = Counter(n.lower() for c in kb.countries for n in (c.name, *c.aliases, *c.adjectives))
    assert not [n for n, k in names.items() if k > 1]


def test_organisations_and_roles(kb: KnowledgeBase) -> None:
    assert len({o.code for o in kb.organisations}) == len(kb.organisations) >= 300
    assert {o.sector for o in kb.organisations} <= SECTORS | {"GOV"}
    assert len(kb.roles) >= 350 and {r.sector for r in kb.roles} <= SECTORS


def test_people_have_ordered_dates(kb: KnowledgeBase) -> None:
    for person in kb.people:
        assert person.start is None or person.end is None or person.start <= person.end, person


def test_lexicon_covers_every_plover_type(kb: KnowledgeBase) -> None:
    counts = Counter(e.type for e in kb.lexicon)
    assert set(counts) == set(PLOVER_TYPES)
    assert min(counts.values()) >= 20
    keys = Counter((e.pos, e.lemma, e.particle, e.object) for e in kb.lexicon)
    assert not [k for k, n in keys.items() if n > 1]
    assert all(re.fullmatch(r"\d{2,4}", e.cameo) for e in kb.lexicon)
    assert set(kb.plover) == set(PLOVER_TYPES)


def test_lexicon_cameo_codes_agree_with_the_plover_table(kb: KnowledgeBase) -> None:
    table = {}
    for line in shared_path("plover", "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        if m := re.match(r"^(\d+):\s*([A-Z]+)", line):
            table.setdefault(m[1], m[2])
    for entry in kb.lexicon:
        code = next((entry.cameo[:n] for n in (4, 3, 2) if entry.cameo[:n] in table), None)
        assert code is not None and table[code] == entry.type, entry


def test_bad_files_raise_knowledge_errors(tmp_path: Path) -> None:
    bad = tmp_path / "orgs.tsv"
    bad.write_text("code\tname\n")
    with pytest.raises(KnowledgeError):
        load_organisations(bad)
    bad.write_text("a\tb\n1\t2\t3\n")
    with pytest.raises(KnowledgeError, match=":2:"):
        list(read_tsv(bad, ("a", "b")))


def test_every_un_member_and_observer_and_the_disputed_states(kb: KnowledgeBase) -> None:
    status = Counter(c.status for c in kb.countries)
    assert status["member"] == 193 and status["observer"] == 2
    observers = {c.iso3 for c in kb.countries if c.status == "observer"}
    assert observers == {"VAT", "PSE"}
    assert {"TWN", "XKX", "ESH"} <= {c.iso3 for c in kb.countries if c.status == "other"}


@pytest.mark.parametrize(
    ("phrase", "iso3", "sector"),
    [
        ("Tehran", "IRN", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("the White House", "USA", "GOV"),
        ("Foggy Bottom", "USA", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("Downing Street", "GBR", "GOV"),
        ("Beijing", "CHN", "GOV"),
        ("Zhongnanhai", "CHN", "GOV"),
    ],
)
def test_capitals_and_seats_of_government_stand_for_states(
    kb: KnowledgeBase, phrase: str, iso3: str, sector: str
) -> None:
    country = kb.country(iso3)
    assert country is not None and (phrase, sector) in country.metonyms


def test_igos_armed_groups_parties_and_role_words_are_plentiful(kb: KnowledgeBase) -> None:
    assert sum(o.sector == "IGO" for o in kb.organisations) >= 150
    non_state = [o for o in kb.organisations if o.sector in {"REB", "PTY", "OPP"}]
    assert len(non_state) >= 150 and all(o.country for o in non_state)
    refers = Counter(r.refers for r in kb.roles)
    assert refers["person"] >= 300 and refers["group"] >= 300 and refers["state"] >= 5
    phrases = Counter(r.phrase for r in kb.roles)
    assert not [p for p, n in phrases.items() if n > 1]


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_user_organisation_file_adds_and_overrides(tmp_path: Path) -> None:
    orgs = _write(
        tmp_path / "mine.tsv",
        [
            "code\tname\taliases\tcountry\tsector\tkind",
            "HAMAS\tHamas\tHarakat Hamas\tPSE\tPTY\tparty",
            "ACMEMIL\tAcme Militia\tAcme Boys\tSYR\tREB\tmilitia",
        ],
    )
    kb = load(extra_actors=[orgs])
    hamas = [o for o in kb.organisations if o.code == "HAMAS"]
    assert [(o.sector, o.aliases) for o in hamas] == [("PTY", ("Harakat Hamas",))]
    assert kb.organisations[1].name == "Acme Militia"  # user rows come first


def test_user_people_replace_the_package_rows_for_that_name(tmp_path: Path) -> None:
    people = _write(
        tmp_path / "people.tsv",
        [
            "name\taliases\tcountry\tsector\trole\tstart\tend",
            "Joe Biden\tBiden\tUSA\tLEG\tsenator\t1973-01-03\t2009-01-15",
            "Jane Quill\tQuill\tNZL\tGOV\tenvoy\t2020-01-01\t",
        ],
    )
    kb = load(extra_actors=[people])
    assert [p.role for p in kb.people if p.name == "Joe Biden"] == ["senator"]
    assert any(p.name == "Jane Quill" and p.start == dt.date(2020, 1, 1) for p in kb.people)


def test_user_country_rows_add_names_to_a_known_country(tmp_path: Path) -> None:
    extra = _write(
        tmp_path / "countries.tsv",
        ["iso3\taliases\tmetonyms", "IRN\tIslamic Republic\tPasteur Street=GOV"],
    )
    kb = load(extra_actors=[extra])
    iran = kb.country("IRN")
    assert iran is not None and "Islamic Republic" in iran.aliases and "Persia" in iran.aliases
    assert ("Pasteur Street", "GOV") in iran.metonyms and iran.name == "Iran"
    assert len(kb.countries) == len(load().countries)


def test_user_yaml_file(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    extra = tmp_path / "actors.yaml"
    extra.write_text(
        "countries:\n"
        "  - {iso3: XSL, name: Somaliland, aliases: [Republic of Somaliland],\n"
        "     adjectives: [Somalilander], metonyms: {Hargeisa: GOV}, lat: 9.5, lon: 44}\n"
        "people:\n"
        "  - {name: Jane Quill, aliases: [Quill], country: NZL, sector: GOV,\n"
        "     role: envoy, start: 2020-01-01}\n",
        encoding="utf-8",
    )
    kb = load(extra_actors=[extra])
    somaliland = kb.country("XSL")
    assert somaliland is not None and somaliland.metonyms == (("Hargeisa", "GOV"),)
    quill = next(p for p in kb.people if p.name == "Jane Quill")
    assert quill.start == dt.date(2020, 1, 1) and quill.end is None and quill.aliases == ("Quill",)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tsv", "what\tever\n", "header"),
        ("new.tsv", "iso3\tname\nXAA\tAtlantis\n", "lat"),
        ("actors.json", "{}", ".tsv or .yaml"),
        ("bad.yaml", "people:\n  - {name: X, colour: red}\n", "fields"),
        ("metonym.tsv", "iso3\tmetonyms\nIRN\tTehran=CAPITAL\n", "metonym"),
    ],
)
def test_bad_user_files_raise_knowledge_errors(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    if name.endswith(".yaml"):
        pytest.importorskip("yaml")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load(extra_actors=[path])
    with pytest.raises(KnowledgeError, match="not found"):
        load(extra_actors=[tmp_path / "missing.tsv"])


def test_every_un_member_has_its_institutions(kb: KnowledgeBase) -> None:
    """organisations_states.tsv: each UN member's legislature, police and (where the state has
    one) armed forces; no code twice, every country a known state."""
    members = {c.iso3 for c in kb.countries if c.status == "member"}
    sectors: dict[str, set[str]] = {}
    for org in kb.organisations:
        sectors.setdefault(org.country, set()).add(org.sector)
    suspended = {"AFG", "NER"}  # legislatures dissolved by their rulers
    no_army = {"AND", "CRI", "DMA", "FSM", "GRD", "ISL", "KIR", "LCA", "LIE", "MCO", "MHL", "MUS"}
    no_army |= {"NRU", "PAN", "PLW", "SLB", "SMR", "TUV", "VCT", "VUT", "WSM"}
    assert not [m for m in members - suspended if "LEG" not in sectors.get(m, set())]
    assert not [m for m in members if "COP" not in sectors.get(m, set())]
    assert not [m for m in members - no_army if "MIL" not in sectors.get(m, set())]
    states = load_organisations(
        Path(__file__).parents[1] / "src/eventwire/data/organisations_states.tsv"
    )
    assert len(states) >= 900 and {o.country for o in states} <= {c.iso3 for c in kb.countries}
