"""Actors built from their words (regions, religions, parties, "former", "ordinary"), the
institutions of every state, the country context that tells namesakes apart, and user actor
files that are malformed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import kb as kb_module
from eventwire.actors import ActorHit, ActorMatcher, find_actors
from eventwire.errors import KnowledgeError
from eventwire.kb import Person, with_generated_people
from eventwire.pipeline import Coder

pytestmark = pytest.mark.model
DAY = dt.date(2021, 6, 1)


@pytest.fixture(scope="module")
def head_actor(coder: Coder, parse: Callable[[str], Doc]) -> Callable[..., ActorHit]:
    """The actor of the sentence's first noun phrase, by its head word ("Nigeria's airlines":
    the airlines)."""

    def run(text: str, day: dt.date = DAY, matcher: ActorMatcher | None = None) -> ActorHit:
        doc = parse(text)
        hits = find_actors(doc, matcher or coder.actors, day)
        head = next(iter(doc.noun_chunks)).root.i  # the subject: the phrase tested
        return next(h for h in hits if head in h.tokens or h.head == head)

    return run


def _cs(hit: ActorHit) -> tuple[str | None, str | None]:
    return hit.country, hit.sector


@pytest.mark.parametrize(
    ("text", "country", "sector", "rule"),
    [
        ("Rakhine rebels attacked the town.", "MMR", "REB", "region:Rakhine"),
        ("Tigrayan fighters entered the town.", "ETH", "REB", "region:Tigrayan"),
        ("Darfur state officials met.", "SDN", "GOV", "region:Darfur"),
        ("Republican lawmakers objected.", "USA", "LEG", "party:Republican"),
    ],
)
def test_a_region_or_party_gives_its_state(
    head_actor: Callable[..., ActorHit], text: str, country: str, sector: str, rule: str
) -> None:
    hit = head_actor(text)
    assert _cs(hit) == (country, sector)
    assert rule in hit.rules


def test_a_religion_gives_leaders_the_religious_sector(
    head_actor: Callable[..., ActorHit],
) -> None:
    hit = head_actor("Muslim leaders in France condemned the attack.")
    assert _cs(hit) == ("FRA", "REL")
    assert "religion:Muslim" in hit.rules
    # rebels stay rebels, whatever their faith
    assert head_actor("Christian militias in Nigeria attacked the village.").sector == "REB"


def test_a_possessor_state_and_its_sector_noun(head_actor: Callable[..., ActorHit]) -> None:
    assert _cs(head_actor("Nigeria's airlines suspended flights.")) == ("NGA", "BUS")
    assert _cs(head_actor("Egypt's central bank raised rates.")) == ("EGY", "GOV")
    assert _cs(head_actor("Mexico's National Guard patrolled the border.")) == ("MEX", "MIL")


def test_former_makes_an_office_holder_elite(head_actor: Callable[..., ActorHit]) -> None:
    # Shinzo Abe is prime minister on this date by his dated role; the text says otherwise
    hit = head_actor("Former Prime Minister Shinzo Abe spoke.", dt.date(2015, 1, 1))
    assert _cs(hit) == ("JPN", "ELI") and "former" in hit.rules
    assert _cs(head_actor("Shinzo Abe spoke.", dt.date(2015, 1, 1))) == ("JPN", "GOV")


def test_ordinary_people_are_civilians(head_actor: Callable[..., ActorHit]) -> None:
    hit = head_actor("Ordinary Kazakhs protested.")
    assert _cs(hit) == ("KAZ", "CVL") and "ordinary" in hit.rules
    assert _cs(head_actor("Ordinary Lebanese suffered.")) == ("LBN", "CVL")


def test_pro_state_militias(head_actor: Callable[..., ActorHit]) -> None:
    assert _cs(head_actor("Pro-Russian militias seized the building.")) == ("RUS", "REB")


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("The Riigikogu voted.", "EST", "LEG"),
        ("The Kenya Defence Forces deployed.", "KEN", "MIL"),
        ("Carabineros de Chile arrested him.", "CHL", "COP"),
        ("Bank Al-Maghrib held rates.", "MAR", "GOV"),
        ("The Knesset voted.", "ISR", "LEG"),
        ("SANDF soldiers arrived.", "ZAF", "MIL"),
    ],
)
def test_institutions_of_every_state(
    head_actor: Callable[..., ActorHit], text: str, country: str, sector: str
) -> None:
    assert _cs(head_actor(text)) == (country, sector)


def test_the_role_held_on_the_publication_date(head_actor: Callable[..., ActorHit]) -> None:
    """Wikidata people: Putin is prime minister in 2010, president in 2020; Kishida, foreign
    minister until 2017, is one of the elites in 2019 and prime minister in 2022."""
    assert head_actor("Vladimir Putin spoke.", dt.date(2010, 1, 1)).titles == ["prime minister"]
    assert head_actor("Vladimir Putin spoke.", dt.date(2020, 1, 1)).titles == ["president"]
    assert head_actor("Fumio Kishida spoke.", dt.date(2019, 1, 1)).sector == "ELI"
    assert head_actor("Fumio Kishida spoke.", dt.date(2022, 6, 1)).titles == ["prime minister"]


@pytest.fixture(scope="module")
def namesakes(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> ActorMatcher:
    path = tmp_path_factory.mktemp("kb") / "people.tsv"
    path.write_text(
        "name\taliases\tcountry\tsector\trole\tstart\tend\n"
        "Arno Vellqvist\tVellqvist\tNOR\tGOV\tforeign minister\t2015-01-01\t\n"
        "Bera Vellqvist\tVellqvist\tISL\tMIL\tchief of defence\t2016-01-01\t\n",
        encoding="utf-8",
    )
    return ActorMatcher(nlp, kb_module.load(extra_actors=[path]))


def test_a_surname_resolves_by_the_country_context(
    coder: Coder, parse: Callable[[str], Doc], namesakes: ActorMatcher
) -> None:
    def vellqvist(text: str) -> ActorHit:
        hits = find_actors(parse(text), namesakes, DAY)
        return next(h for h in hits if h.name.endswith("Vellqvist") or "Vellqvist" in h.name)

    norway = vellqvist("In Norway, Vellqvist said the talks would go on.")
    assert (norway.name, norway.country) == ("Arno Vellqvist", "NOR")
    iceland = vellqvist("Iceland's forces are ready, Vellqvist said.")
    assert (iceland.name, iceland.country) == ("Bera Vellqvist", "ISL")
    neither = vellqvist("Vellqvist said the talks would go on.")
    assert (neither.country, neither.sector) == (None, None)
    assert "person:ambiguous" in neither.rules
    assert {c.name for c in neither.candidates} == {"Arno Vellqvist", "Bera Vellqvist"}


def test_a_close_name_of_another_state_is_a_namesake(
    head_actor: Callable[..., ActorHit],
) -> None:
    """'Ali Sabri' is close to Sri Lanka's Ali Sabry; the text says Iraq."""
    hit = head_actor("Prime Minister Ali Sabri of Iraq thanked the donors.", dt.date(2023, 2, 1))
    assert hit.country == "IRQ"


def test_hand_written_rows_clip_generated_ones() -> None:
    written = [
        Person("Kaja Kallas", (), "EU", "IGO", "high representative", dt.date(2024, 12, 1), None)
    ]
    generated = [
        Person("Kaja Kallas", (), "EST", "GOV", "prime minister", dt.date(2021, 1, 26), None)
    ]
    (_, estonia) = with_generated_people(written, generated)
    assert (estonia.country, estonia.end) == ("EST", dt.date(2024, 11, 30))


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("name\taliases\tcountry\tsector\trole\tstart\tend\nA B\t\tNOR\tGOV\tx\t2020-01-01\n", 2),
        (
            "name\taliases\tcountry\tsector\trole\tstart\tend\n"
            "A B\t\tNOR\tGOV\tx\t2020-01-01\t\n"
            "C D\t\tNOR\tGOV\tx\t2020-13-01\t\n",
            3,
        ),
        ("code\tname\taliases\tcountry\tsector\tkind\nX\tY\t\tNOR\tGOV\n", 2),
    ],
)
def test_a_malformed_user_actor_file_gives_e007_with_its_line(
    tmp_path: Path, content: str, line: int
) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as raised:
        kb_module.load(extra_actors=[path])
    assert raised.value.code == "E007"
    assert f"mine.tsv:{line}:" in str(raised.value)


def test_a_malformed_yaml_actor_file_gives_one_line_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("people:\n  - name: A B\n    country: [NOR\n  - name: C D\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as raised:
        kb_module.load(extra_actors=[path])
    message = str(raised.value)
    assert raised.value.code == "E007" and "\n" not in message
    assert f"{path}:" in message and "not valid YAML" in message
    assert re.search(r"mine\.yaml:\d+: ", message)
