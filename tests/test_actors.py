"""Actors: countries, demonyms, capitals as governments, organisations, people as of a date, role
words, titles and appositions, coordination, fuzzy names, nominal coreference, explanations."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import kb as kb_module
from eventwire.actors import ActorHit, ActorMatcher, explain_actor, find_actors, pick_person
from eventwire.kb import Person
from eventwire.pipeline import Coder

from .conftest import shared_path

pytestmark = pytest.mark.model
Found = list[tuple[str, str | None, str | None]]
DAY = dt.date(2023, 2, 12)


@pytest.fixture(scope="module")
def hits_of(coder: Coder, parse: Callable[[str], Doc]) -> Callable[..., list[ActorHit]]:
    def run(text: str, day: dt.date | None = DAY, matcher: ActorMatcher | None = None) -> list:
        return find_actors(parse(text), matcher or coder.actors, day)

    return run


@pytest.fixture(scope="module")
def actors(hits_of: Callable[..., list[ActorHit]], parse: Callable[[str], Doc]) -> Callable:
    def run(text: str, day: dt.date | None = DAY, matcher: ActorMatcher | None = None) -> Found:
        return [(text[h.start : h.end], h.country, h.sector) for h in hits_of(text, day, matcher)]

    return run


@pytest.fixture(scope="module")
def own_matcher(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> ActorMatcher:
    """A knowledge base with people of our own, so that rules are tested apart from the data."""
    path = tmp_path_factory.mktemp("kb") / "people.tsv"
    path.write_text(
        "name\taliases\tcountry\tsector\trole\tstart\tend\n"
        "Jane Quillfeather\tQuillfeather\tNZL\tLEG\tsenator\t2001-01-01\t2008-12-31\n"
        "Jane Quillfeather\tQuillfeather\tUN\tIGO\tminister for widgets\t2010-01-01\t2014-12-31\n"
        "Orrin Blackwater\tBlackwater\tCAN\tMIL\tchief of the defence staff\t2015-01-01\t\n",
        encoding="utf-8",
    )
    return ActorMatcher(nlp, kb_module.load(extra_actors=[path]))


def test_country_names_demonyms_and_capitals(actors: Callable[..., Found]) -> None:
    found = actors("Tehran criticised the Kremlin while Iranian officials praised Britain.")
    assert ("Tehran", "IRN", "GOV") in found
    assert ("the Kremlin", "RUS", "GOV") in found
    assert ("Iranian officials", "IRN", "GOV") in found
    assert ("Britain", "GBR", None) in found


@pytest.mark.parametrize(
    ("sentence", "phrase", "country", "sector"),
    [
        ("Beijing rejected the claim.", "Beijing", "CHN", "GOV"),
        ("Zhongnanhai kept silent.", "Zhongnanhai", "CHN", "GOV"),
        ("Foggy Bottom issued a travel warning.", "Foggy Bottom", "USA", "GOV"),
        ("Downing Street denied the report.", "Downing Street", "GBR", "GOV"),
        ("The Pentagon sent more jets.", "Pentagon", "USA", "MIL"),
        ("Moscow warned Kyiv.", "Moscow", "RUS", "GOV"),
    ],
)
def test_seats_of_government_act_for_their_state(
    actors: Callable[..., Found], sentence: str, phrase: str, country: str, sector: str
) -> None:
    found = [(c, s) for t, c, s in actors(sentence) if t.endswith(phrase)]
    assert found == [(country, sector)], found


def test_a_capital_inside_a_longer_name_is_no_government(actors: Callable[..., Found]) -> None:
    found = actors("The Washington Post and Westminster International University said so.")
    assert not [f for f in found if f[2] == "GOV"], found


def test_titles_give_country_and_sector_to_unknown_people(actors: Callable[..., Found]) -> None:
    found = actors("Kenyan Defence Minister Juma Okello met the press.")
    assert any(c == "KEN" and s == "GOV" and "Okello" in t for t, c, s in found), found


@pytest.mark.parametrize(
    ("sentence", "name", "country", "sector"),
    [
        ("US National security adviser Ellen Marwick said so.", "Marwick", "USA", "GOV"),
        ("The IDF chief of staff Lt Gen Amos Gadot flew home.", "Gadot", "ISR", "MIL"),
        ("Amos Gadot, the Israeli army chief, flew home.", "Gadot", "ISR", "MIL"),
        ("The Kenyan foreign minister, Amina Wanjiru, flew home.", "Wanjiru", "KEN", "GOV"),
    ],
)
def test_titles_and_appositions_of_people_not_in_the_knowledge_base(
    hits_of: Callable[..., list[ActorHit]], sentence: str, name: str, country: str, sector: str
) -> None:
    person = [h for h in hits_of(sentence) if name in h.name]
    assert [(h.kind, h.country, h.sector) for h in person] == [("person", country, sector)]


def test_organisations_and_armed_groups(actors: Callable[..., Found]) -> None:
    found = actors("NATO warned the Houthis and Hezbollah.")
    countries = {c for _, c, _ in found}
    assert "NATO" in countries and "YEM" in countries and "LBN" in countries


def test_an_organisation_names_the_sector_of_its_people(actors: Callable[..., Found]) -> None:
    assert ("Hamas fighters", "PSE", "REB") in actors("Hamas fighters crossed the fence.")
    found = actors("The terrorist group ISIL retreated.")
    assert [(c, s) for t, c, s in found if "ISIL" in t] == [("ISIS", "REB")]


def test_role_with_place_of_origin(actors: Callable[..., Found]) -> None:
    assert ("Protesters in Georgia", "GEO", "CVL") in actors("Protesters in Georgia marched.")
    found = actors("Senior officials of the EU met.")
    assert ("Senior officials of the EU", "EU", "IGO") in found  # the institution's sector


def test_a_possessor_lends_its_country_and_stays_an_actor(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    hits = hits_of("Putin's spokesman spoke and Russia's Foreign Ministry agreed.")
    names = {h.name: (h.country, h.sector, h.kind) for h in hits}
    assert names["Vladimir Putin"] == ("RUS", "GOV", "person")
    assert names["Russian spokesman"] == ("RUS", "GOV", "role_person")
    assert names["Russian foreign ministry"] == ("RUS", "GOV", "role")


def test_coordinated_countries_on_one_group_noun_are_two_actors(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    hits = hits_of("Israeli and Palestinian negotiators met in Cairo.")
    pair = [(h.name, h.country, h.sector) for h in hits if "negotiators" in h.name]
    assert pair == [
        ("Israeli negotiators", "ISR", "GOV"),
        ("Palestinian negotiators", "PSE", "GOV"),
    ]
    assert len({h.head for h in hits if "negotiators" in h.name}) == 1  # one noun, two actors


def test_canonical_names_use_the_adjective(hits_of: Callable[..., list[ActorHit]]) -> None:
    names = {h.name for h in hits_of("Iranian officials and US troops met.")}
    assert {"Iranian officials", "American troops"} <= names


def test_a_plural_demonym_is_the_people_and_with_the_the_state(
    actors: Callable[..., Found],
) -> None:
    assert ("Syrians", "SYR", "CVL") in actors("Thousands of Syrians fled.")
    assert ("Saudis", "SAU", None) in actors("The US sold arms to the Saudis.")


@pytest.mark.parametrize(
    ("sentence", "misspelt", "name", "country"),
    [
        ("Ayatollah Ali Khameini spoke on Friday.", "Khameini", "Ali Khamenei", "IRN"),
        ("President Zelenski visited the front.", "Zelenski", "Volodymyr Zelensky", "UKR"),
    ],
)
def test_misspelt_known_person_is_resolved(
    hits_of: Callable[..., list[ActorHit]], sentence: str, misspelt: str, name: str, country: str
) -> None:
    person = next(h for h in hits_of(sentence) if misspelt in sentence[h.start : h.end])
    assert (person.name, person.country, person.sector) == (name, country, "GOV")
    assert person.score < 1.0 and person.rules[0].startswith("fuzzy")


def test_an_unrelated_name_is_not_forced_onto_a_known_person(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    person = next(h for h in hits_of("Maria Kowalczyk spoke.") if "Kowalczyk" in h.name)
    assert person.country is None and person.rules == ["ner-person"]


def test_the_seed_article_people_capitals_and_forces(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    text = shared_path("seed", "pivot_to_the_east.txt").read_text(encoding="utf-8")
    hits = hits_of(text, DAY)
    by_name = {(h.name, h.country, h.sector) for h in hits if h.kind == "person"}
    assert {
        ("Ali Khamenei", "IRN", "GOV"),
        ("Herzi Halevi", "ISR", "MIL"),
        ("Jake Sullivan", "USA", "GOV"),
        ("Antony Blinken", "USA", "GOV"),
        ("Joe Biden", "USA", "GOV"),
    } <= by_name
    governments = {
        text[h.start : h.end]: (h.country, h.sector) for h in hits if h.kind == "country"
    }
    assert governments["Tehran"] == ("IRN", "GOV")
    assert governments["Moscow"] == ("RUS", "GOV")
    assert governments["Beijing"] == ("CHN", "GOV")
    halevi = next(h for h in hits if h.name == "Herzi Halevi")
    assert "IDF" in text[halevi.start : halevi.end] and "org:IDF" in halevi.rules
    officials = {h.name for h in hits if "American and Israel officials" in text[h.start : h.end]}
    assert officials == {"American officials", "Israeli officials"}
    powers = {h.country for h in hits if text[h.start : h.end] == "powers"}
    assert powers == {"RUS", "CHN"}


def test_roles_are_resolved_as_of_the_publication_date() -> None:
    older = Person("A", (), "USA", "GOV", "president", dt.date(2001, 1, 1), dt.date(2009, 1, 1))
    newer = Person("A", (), "USA", "GOV", "senator", dt.date(2010, 1, 1), None)
    assert pick_person([older, newer], dt.date(2005, 6, 1)) is older
    assert pick_person([older, newer], dt.date(2020, 6, 1)) is newer


@pytest.mark.parametrize(
    ("day", "country", "sector", "status"),
    [
        (dt.date(2005, 5, 1), "NZL", "LEG", "in office"),
        (dt.date(2012, 5, 1), "UN", "IGO", "in office"),
        (dt.date(2009, 6, 1), "NZL", "ELI", "former"),  # between the two roles
        (dt.date(2020, 5, 1), "NZL", "ELI", "former"),  # the UN role ended: her state, an elite
        (dt.date(1995, 5, 1), "NZL", None, "not yet in office"),
    ],
)
def test_the_same_name_resolves_to_different_roles_on_different_dates(
    hits_of: Callable[..., list[ActorHit]],
    own_matcher: ActorMatcher,
    day: dt.date,
    country: str,
    sector: str | None,
    status: str,
) -> None:
    hits = hits_of("Jane Quillfeather arrived.", day, own_matcher)
    (person,) = [h for h in hits if h.kind == "person"]
    assert (person.country, person.sector, person.rules[0]) == (country, sector, f"person:{status}")


def test_package_people_change_roles_with_the_date(hits_of: Callable[..., list[ActorHit]]) -> None:
    def rutte(day: dt.date) -> tuple[str | None, str | None]:
        hit = next(h for h in hits_of("Mark Rutte spoke.", day) if h.kind == "person")
        return hit.country, hit.sector

    assert rutte(dt.date(2020, 3, 1)) == ("NLD", "GOV")
    assert rutte(dt.date(2025, 3, 1)) == ("NATO", "IGO")


def test_a_title_resolves_to_its_holder_on_the_day(
    hits_of: Callable[..., list[ActorHit]], own_matcher: ActorMatcher
) -> None:
    text = "The Minister for Widgets visited the plant."
    holder = hits_of(text, dt.date(2012, 1, 1), own_matcher)[0]
    assert (holder.name, holder.country) == ("Jane Quillfeather", "UN")
    assert holder.rules[-1] == "title-holder:minister for widgets"
    assert hits_of(text, dt.date(2016, 1, 1), own_matcher)[0].country is None  # nobody then
    # in a text about another state, the one holder of the title is no clue
    text = "Kenyan police said the Minister for Widgets had ordered the arrests."
    titled = [h for h in hits_of(text, dt.date(2012, 1, 1), own_matcher) if h.titles]
    assert titled and all(h.name != "Jane Quillfeather" for h in titled)


def test_a_definite_title_or_group_noun_refers_back(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    text = (
        "Kenyan Defence Minister Juma Okello met the Syrian regime's envoy. "
        "The minister said the regime had agreed."
    )
    hits = hits_of(text)
    minister = next(h for h in hits if text[h.start : h.end] == "minister")
    assert (minister.name, minister.country, minister.sector) == ("Juma Okello", "KEN", "GOV")
    regime = next(h for h in hits if text[h.start : h.end] == "regime")
    assert (regime.country, regime.sector) == ("SYR", "GOV")


def test_a_surname_takes_the_full_mention_before_or_after(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    text = (
        "Amina Wanjiru arrived on Monday. Kenyan Foreign Minister Amina Wanjiru then spoke. "
        "Later, Wanjiru left."
    )
    people = [h for h in hits_of(text) if h.kind == "person"]
    assert [(h.country, h.sector) for h in people] == [("KEN", "GOV")] * 3


def test_a_surname_is_the_person_named_in_full_not_a_namesake(
    hits_of: Callable[..., list[ActorHit]], own_matcher: ActorMatcher
) -> None:
    day = dt.date(2012, 1, 1)
    text = "Tomas Quillfeather, a farmer, sued the council. Quillfeather said he would appeal."
    bare = [h for h in hits_of(text, day, own_matcher) if text[h.start : h.end] == "Quillfeather"]
    assert bare and all((h.name, h.country) == ("Tomas Quillfeather", None) for h in bare)
    alone = hits_of("Quillfeather said the plan would pass.", day, own_matcher)
    assert [(h.name, h.country) for h in alone] == [("Jane Quillfeather", "UN")]


def test_state_nouns_stand_for_the_states_beside_or_before_them(
    actors: Callable[..., Found],
) -> None:
    found = actors("Russia and China met. Both countries signed a pact.")
    assert {c for t, c, _ in found if t == "countries"} == {"RUS", "CHN"}
    found = actors("Iraq faces challenges and the country needs help.")
    assert ("country", "IRQ", None) in found
    assert not [f for f in actors("Many countries signed.") if f[0] == "countries"]


def test_an_institution_after_a_possessive_pronoun(actors: Callable[..., Found]) -> None:
    found = actors("Prime Minister Ali Sabri of Iraq thanked his government.")
    assert ("government", "IRQ", "GOV") in found


def test_explain_actor_gives_candidates_and_rules(coder: Coder) -> None:
    explained = explain_actor("IDF chief of staff Herzi Halevi", DAY, coder)
    (actor,) = explained.actors
    assert (actor.name, actor.country, actor.sector) == ("Herzi Halevi", "ISR", "MIL")
    assert actor.rules[0] == "person:in office" and len(actor.because) == len(actor.rules)
    chosen = [c for c in actor.candidates if c.chosen]
    assert chosen and "chief of staff" in chosen[0].note
    json.dumps(explained.to_dict())
    assert any("Herzi Halevi" in line for line in explained.lines())
    earlier = explain_actor("IDF chief of staff Herzi Halevi", dt.date(2015, 1, 1), coder)
    assert earlier.actors[0].rules[0] == "person:not yet in office"
    assert earlier.actors[0].sector == "MIL"  # the title still says so


def test_explain_actor_shows_close_names(coder: Coder) -> None:
    (actor,) = explain_actor("Ayatollah Ali Khameini", DAY, coder).actors
    assert actor.name == "Ali Khamenei" and actor.rules[0].startswith("fuzzy")
    assert any(c.chosen for c in actor.candidates)


def test_both_countries_are_the_states_of_the_actors_just_named(
    actors: Callable[..., Found],
) -> None:
    text = (
        "Kenyan Foreign Minister Amina Wanjiru met Tanzanian officials to discuss the fighting "
        "in Somalia. Both countries want a ceasefire."
    )
    assert {c for t, c, _ in actors(text) if t == "countries"} == {"KEN", "TZA"}


def test_a_definite_group_noun_refers_to_the_armed_group_named_before(
    actors: Callable[..., Found],
) -> None:
    text = "Hezbollah fired rockets at dawn. The army returned fire. These militants then fled."
    assert ("militants", "LBN", "REB") in actors(text)


def test_a_definite_noun_refers_to_the_organisation_it_heads(
    actors: Callable[..., Found],
) -> None:
    text = "The Global Coalition struck the town. The Coalition said the strikes worked."
    assert ("Coalition", "ANTIISIS", "IGO") in actors(text)


def test_civilians_without_a_country_belong_to_the_state_the_text_is_about(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    text = "Yemen's war goes on. Yemen needs aid and Yemeni officials asked for help for civilians."
    civilians = next(h for h in hits_of(text) if h.name == "civilians")
    assert (civilians.country, civilians.rules[-1]) == ("YEM", "setting:YEM")
    assert civilians.score < 1.0
    lone = next(h for h in hits_of("Civilians fled.") if h.name == "civilians")
    assert lone.country is None  # no state named: no setting


def test_coordinated_nouns_share_their_country(actors: Callable[..., Found]) -> None:
    found = actors("The UK stands with the government and people of Iraq.")
    assert ("government", "IRQ", "GOV") in found and ("people", "IRQ", "CVL") in found


def test_a_title_set_off_by_commas_is_the_persons_whatever_the_parse(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    text = "The council urged the Prime Minister-designate, Haider al-Abadi, to act."
    abadi = next(h for h in hits_of(text, dt.date(2014, 8, 11)) if "Abadi" in h.name)
    assert (abadi.country, abadi.sector) == ("IRQ", "GOV")
    assert "Prime Minister-designate" in text[abadi.start : abadi.end]


def test_a_capital_before_a_title_still_acts(actors: Callable[..., Found]) -> None:
    found = actors("White House Press Secretary Karine Jean-Pierre spoke.")
    assert [(c, s) for _, c, s in found] == [("USA", "GOV")]


def test_a_country_inside_an_apposed_title_gives_the_person_its_country(
    hits_of: Callable[..., list[ActorHit]],
) -> None:
    # "the" and "UK" both hang on "Representative": the country's head is "UK", not "the"
    text = "Gareth Bayley, the UK Special Representative for Syria, said the talks failed."
    bayley = next(h for h in hits_of(text) if h.name == "Gareth Bayley")
    assert (bayley.country, bayley.sector) == ("GBR", "GOV")


def test_a_long_name_matches_whatever_its_case(actors: Callable[..., Found]) -> None:
    found = actors(
        "The Independent International Commission of inquiry on the Syrian Arab Republic met."
    )
    assert any(country == "UN" and "Commission" in words for words, country, _ in found)


def test_a_surname_the_tagger_took_for_a_nationality_is_still_the_person(
    hits_of: Callable[..., list[ActorHit]], parse: Callable[[str], Doc]
) -> None:
    text = "One day Asad and other perpetrators of war crimes can be held to account."
    assert any(t.text == "Asad" and t.ent_type_ == "NORP" for t in parse(text))  # the premise
    assert [(h.name, h.country) for h in hits_of(text) if h.kind == "person"] == [
        ("Bashar al-Assad", "SYR")
    ]
    # a real demonym in the same place stays a nationality
    assert not [h for h in hits_of("One day Syrian and other fighters left.") if h.kind == "person"]
