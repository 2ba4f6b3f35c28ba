"""People from Wikidata: the converter (scripts/build_people.py) on a few rows of its own, the
generated file's header and the hand-written corrections on top of it, dated roles."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from eventwire import kb as kb_module
from eventwire.actors import role_on
from eventwire.kb import Person

ROOT = Path(__file__).resolve().parents[1]
HEADER = "country_iso3,country_name,position_qid,position,person_qid,person,start,end,source_repo"
REPO = "every-politician-scrapers/x"
ROWS = [
    # a president, then prime minister, then president again (open in Wikidata)
    f"RUS,Russia,Q1,President,Q10,Vladimir Putin,2000-05-07,2008-05-07,{REPO}",
    f"RUS,Russia,Q2,Prime Minister,Q10,Vladimir Putin,2008-05-08,2012-05-07,{REPO}",
    f"RUS,Russia,Q1,President,Q10,Vladimir Putin,2012-05-07,,{REPO}",
    # his command of the armed forces is the presidency, not a second (MIL) role
    f"RUS,Russia,Q3,Supreme Commander-in-Chief of the Armed Forces,Q10,Vladimir Putin,2012-05-07,,{REPO}",
    # a Cyrillic label, family name first, with a patronymic
    f'BLR,Belarus,Q4,Minister of Defence,Q11,"Хренин, Виктор Геннадьевич",2014-11-25,,{REPO}',
    # one-holder post left open in Wikidata: closed by the next holder's start
    f"JPN,Japan,Q5,Minister of Foreign Affairs,Q12,Fumio Kishida,2012-12-26,,{REPO}",
    f"JPN,Japan,Q5,Minister of Foreign Affairs,Q13,Tarō Kōno,2017-08-03,2019-09-11,{REPO}",
    # reappointed to a new cabinet: one row
    f"EST,Estonia,Q6,Chief of Defence,Q14,Martin Herem,2018-12-05,2021-12-04,{REPO}",
    f"EST,Estonia,Q6,Chief of Defence,Q14,Martin Herem,2021-12-05,,{REPO}",
    # dropped: an ambassador, a spouse, a date error
    f"EST,Estonia,Q7,ambassador to Fiji,Q15,Some Diplomat,2019-01-01,,{REPO}",
    f"USA,United States,Q8,First Lady,Q16,Jill Biden,2021-01-20,,{REPO}",
    f"KEN,Kenya,Q9,Chief Justice,Q17,Martha Koome,2021-05-21,2020-01-01,{REPO}",
    f"KEN,Kenya,Q19,Governor of the Central Bank,Q18,Patrick Njoroge,2015,2023-06,{REPO}",
]


@pytest.fixture(scope="module")
def converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_people", ROOT / "scripts/build_people.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_people"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(converter: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("leaders")
    source = folder / "office_holders.csv.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.write("\n".join([HEADER, *ROWS]) + "\n")
    out = folder / "people_wikidata.tsv"
    assert converter.main(["--source", str(source), "--out", str(out)]) == 0
    return out


def _rows(path: Path) -> list[Person]:
    return kb_module.load_people(path)


def test_posts_map_to_sector_and_role(generated: Path) -> None:
    rows = {(p.name, p.role): p for p in _rows(generated)}
    assert rows[("Viktor Khrenin", "defence minister")].sector == "GOV"
    assert rows[("Martin Herem", "chief of defence")].sector == "MIL"
    assert rows[("Patrick Njoroge", "central bank governor")].start == dt.date(2015, 1, 1)
    assert rows[("Patrick Njoroge", "central bank governor")].end == dt.date(2023, 6, 1)
    assert not [p for p in rows.values() if p.name in {"Some Diplomat", "Jill Biden"}]
    assert "Martha Koome" not in {p.name for p in rows.values()}  # ends before it starts
    assert {p.sector for p in rows.values() if p.name == "Vladimir Putin"} == {"GOV"}


def test_holdings_are_merged_and_open_ones_closed(generated: Path) -> None:
    herem = [p for p in _rows(generated) if p.name == "Martin Herem"]
    assert [(p.start, p.end) for p in herem] == [(dt.date(2018, 12, 5), None)]
    kishida = next(p for p in _rows(generated) if p.name == "Fumio Kishida")
    assert kishida.end == dt.date(2017, 8, 2)


def test_name_variants(generated: Path) -> None:
    people = {p.name: p for p in _rows(generated)}
    assert "Viktor Gennadyevich Khrenin" not in people  # romanised, patronymic dropped
    assert "Viktor Khrenin" in people
    assert "Kishida Fumio" in people["Fumio Kishida"].aliases  # family name first
    assert "Taro Kono" in people["Tarō Kōno"].aliases  # accents folded
    putin = [p for p in _rows(generated) if p.name == "Vladimir Putin"]
    assert all("Putin" in p.aliases for p in putin)  # a head's surname, on every row


def test_header_records_source_licence_and_date(generated: Path) -> None:
    head = generated.read_text(encoding="utf-8").splitlines()[:6]
    text = "\n".join(head)
    assert "Wikidata" in text and "CC0" in text and "sha256" in text
    assert "As of 2021-12-05" in text  # the newest start date, not today's


def test_regenerating_gives_the_same_file(converter: ModuleType, generated: Path) -> None:
    again = generated.with_name("again.tsv")
    source = generated.with_name("office_holders.csv.gz")
    converter.main(["--source", str(source), "--out", str(again)])
    assert again.read_bytes() == generated.read_bytes()


def test_the_package_file_is_current(converter: ModuleType, tmp_path: Path) -> None:
    """The shipped people_wikidata.tsv is what the converter makes of the shared source."""
    if not converter.SOURCE.is_file():
        pytest.skip("the shared leaders data is not beside this checkout")
    out = tmp_path / "people_wikidata.tsv"
    converter.main(["--out", str(out)])
    assert out.read_bytes() == (converter.OUT).read_bytes()


def test_hand_written_rows_win() -> None:
    written = [Person("Joe Biden", ("Biden",), "USA", "GOV", "president", None, None)]
    generated = [
        Person("Joe Biden", (), "USA", "GOV", "vice president", None, None),
        Person("Jose Ramos-Horta", (), "TLS", "GOV", "president", None, None),
    ]
    merged = kb_module.with_generated_people(written, generated)
    assert [(p.name, p.role) for p in merged] == [
        ("Joe Biden", "president"),
        ("Jose Ramos-Horta", "president"),
    ]
    assert len(kb_module.default().people) > 25_000  # the generated file is loaded


def test_role_held_on_the_day(generated: Path) -> None:
    putin = [p for p in _rows(generated) if p.name == "Vladimir Putin"]
    states = {"RUS"}
    assert role_on(putin, dt.date(2010, 1, 1), states).person.role == "prime minister"
    assert role_on(putin, dt.date(2020, 1, 1), states).person.role == "president"
    kishida = [p for p in _rows(generated) if p.name == "Fumio Kishida"]
    assert role_on(kishida, dt.date(2018, 1, 1), {"JPN"}).sector == "ELI"  # former
