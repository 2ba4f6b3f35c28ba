"""Actors (issue 11): how conflict news names its actors: plainclothes police, youths and
vigilantes, supporters, parties, donors, watchdogs, unidentified armed groups, local militias."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.actors import find_actors
from eventwire.pipeline import Coder

pytestmark = pytest.mark.model
Found = list[tuple[str, str | None, str | None]]
DAY = dt.date(2022, 3, 1)


@pytest.fixture(scope="module")
def actors(coder: Coder, parse: Callable[[str], Doc]) -> Callable[[str], Found]:
    def run(text: str) -> Found:
        hits = find_actors(parse(text), coder.actors, DAY)
        return [(text[h.start : h.end], h.country, h.sector) for h in hits]

    return run


@pytest.mark.parametrize(
    ("text", "words", "sector"),
    [
        ("Plainclothes officers seized two reporters in Accra.", "Plainclothes officers", "COP"),
        ("Youths blocked the main road in Lusaka on Monday.", "Youths", "CVL"),
        ("Vigilantes beat a suspected burglar to death in Jos.", "Vigilantes", "CVL"),
        ("Hundreds of supporters rallied outside the court.", "supporters", "CVL"),
        ("Motorcycle taxi drivers protested against a new levy.", "Motorcycle taxi drivers", "LAB"),
        ("International donors pledged more money for the appeal.", "International donors", "IGO"),
        ("A watchdog said the vote count was flawed.", "watchdog", "NGO"),
        ("An unidentified armed group burned a bus.", "unidentified armed group", "UAF"),
        ("Members of a local militia raided the market.", "local militia", "REB"),
        ("Party members gathered at the headquarters.", "Party members", "PTY"),
        ("Street vendors clashed with city officials.", "Street vendors", "BUS"),
        ("Ex-rebels took over the mining town.", "Ex-rebels", "REB"),
        ("Okada riders blocked the bridge for hours.", "Okada riders", "LAB"),
        ("Gunmen fired on Christians leaving a service.", "Christians", "CVL"),
    ],
)
def test_group_nouns_of_conflict_news(
    actors: Callable[[str], Found], text: str, words: str, sector: str
) -> None:
    assert (words, sector) in [(w, s) for w, _, s in actors(text)]


def test_a_group_noun_takes_the_state_of_its_place(actors: Callable[[str], Found]) -> None:
    assert ("Youths", "ZMB", "CVL") in actors("Youths blocked roads in Zambia on Monday.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head noun says what it is; a demonym or country inside says whose
        ("The Ruritanian Union of Nurses called a strike.", ("Ruritanian Union", None, "LAB")),
        ("The Kenya Congress of Trade Unions met in Mombasa.", ("Kenya Congress", "KEN", "LAB")),
        ("Leaders of the Jade Lotus Party were detained.", ("Jade Lotus Party", None, "PTY")),
        ("The Oromo Freedom Militia shelled the town.", ("Oromo Freedom Militia", "ETH", "REB")),
        # a role word the head is part of keeps its sector
        (
            "The Ghana Bar Association condemned the ruling.",
            ("Ghana Bar Association", "GHA", "JUD"),
        ),
    ],
)
def test_unknown_organisations_are_read_from_their_names(
    actors: Callable[[str], Found], text: str, expected: tuple[str, str | None, str]
) -> None:
    start, country, sector = expected
    found = [(w, c, s) for w, c, s in actors(text) if w.startswith(start)]
    assert found and found[0][1:] == (country, sector), actors(text)


def test_known_organisations_are_not_read_again(actors: Callable[[str], Found]) -> None:
    assert ("Nigerian Army", "NGA", "MIL") in actors("The Nigerian Army killed ten bandits.")


def test_a_title_used_as_an_adjective_names_no_one(actors: Callable[[str], Found]) -> None:
    assert [w for w, _, _ in actors("Dockers began a general strike in Tema.")] == []
    assert ("general", None, "MIL") in actors("The general said the troops would stay.")


def test_an_organisations_kind_is_a_title_it_bears(actors: Callable[[str], Found]) -> None:
    found = actors("NATO met in Brussels. The alliance sent jets to Lithuania.")
    assert ("alliance", "NATO", "IGO") in found
    found = actors("ECOWAS met in Abuja. The bloc suspended Niger.")
    assert ("bloc", "ECOWAS", "IGO") in found
