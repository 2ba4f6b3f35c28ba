"""Places: the offline gazetteer, toponym recognition and resolution, explanations, users'
places files and the knowledge files behind them. Sentences are written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.errors import InputNotFound, KnowledgeError
from eventwire.kb import KnowledgeBase
from eventwire.model import PlaceMention
from eventwire.pipeline import Coder
from eventwire.places import (
    Gazetteer,
    explain,
    find_places,
    fold,
    gazetteer,
    load_user_places,
    name_key,
    resolve_spans,
    to_mentions,
)
from eventwire.places.cues import demonym_before, qualifier_after, relative_after
from eventwire.places.knowledge import (
    data_path,
    default_terms,
    find_place,
    load_aliases,
    load_region_abbreviations,
    load_terms,
)
from eventwire.places.mentions import candidate_rows

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def gaz(coder: Coder) -> Gazetteer:
    return coder.gazetteer


@pytest.fixture(scope="module")
def places_in(
    gaz: Gazetteer, parse: Callable[[str], Doc]
) -> Callable[..., dict[str, PlaceMention]]:
    """Resolved places of a sentence, by their text."""

    def run(text: str, context: frozenset[str] = frozenset()) -> dict[str, PlaceMention]:
        return {p.text: p for p in find_places(parse(text), gaz, set(context))}

    return run


def resolve_text(gaz: Gazetteer, text: str, *names: str) -> dict[str, PlaceMention]:
    """Resolve the given names (first occurrences) as gold spans, without the parser."""
    spans = [(text.index(n), text.index(n) + len(n), "") for n in names]
    return {p.text: p for p in to_mentions(gaz, resolve_spans(gaz, text, spans))}


# names and keys


def test_fold_removes_accents_and_case() -> None:
    assert fold("Élysée") == "elysee"
    assert fold(" São Paulo ") == "sao paulo"


def test_name_key_drops_article_possessive_and_hyphens() -> None:
    assert name_key("The Hague") == "hague"
    assert name_key("Kyiv’s") == "kyiv"
    assert name_key("Saint-Jean") == "saint jean"


# the gazetteer


def test_gazetteer_has_towns_alternate_names_and_countries(gaz: Gazetteer) -> None:
    (yelabuga,) = [p for p in gaz.candidates("Yelabuga") if p.country == "RUS"]
    assert yelabuga.lat == pytest.approx(55.76, abs=0.05)
    assert yelabuga.lon == pytest.approx(52.04, abs=0.05)
    assert any(p.name == "Yelabuga" for p in gaz.candidates("Elabuga"))
    assert any(p.feature == "country" and p.country == "UKR" for p in gaz.candidates("Ukraine"))


def test_gazetteer_has_first_level_regions_with_geonames_codes(gaz: Gazetteer) -> None:
    (georgia,) = [p for p in gaz.candidates("Georgia") if p.feature == "admin"]
    assert georgia.country == "USA" and georgia.admin1 == "GA"
    assert georgia.gazetteer_id == "geonames:4197000"  # GeoNames' own id for the US state
    (tatarstan,) = [p for p in gaz.candidates("Tatarstan") if p.feature == "admin"]
    (kazan,) = [p for p in gaz.candidates("Kazan") if p.country == "RUS" and p.population > 10**6]
    assert tatarstan.admin1 == kazan.admin1 != ""  # linked by the nearest cities' vote
    assert tatarstan.population > kazan.population


def test_gazetteer_lookups_abbreviations_demonyms_and_short_forms(gaz: Gazetteer) -> None:
    louisiana = gaz.abbreviation("La.")
    assert louisiana is not None and gaz.place(louisiana).name == "Louisiana"
    assert gaz.abbreviation("N.Y") == gaz.abbreviation("N.Y.")
    ireland = gaz.demonym_row("irish")
    assert ireland is not None and gaz.place(ireland).country == "IRL"
    texas = gaz.demonym_row("texans")
    assert texas is not None and gaz.place(texas).name == "Texas"
    assert "ft. worth" not in gaz.table.index  # only the long form is known
    assert any(p.name == "Fort Worth" for p in gaz.candidates("Ft. Worth"))


def test_capitals_are_known(gaz: Gazetteer) -> None:
    names = {(gaz.table.names[r], gaz.table.countries[r]) for r in gaz.capitals}
    assert ("Moscow", "RUS") in names and ("Tbilisi", "GEO") in names


# cues in the words around a name


def test_qualifier_after_a_comma() -> None:
    text = "He was arrested in Alexandria, La., on Friday."
    assert qualifier_after(text, text.index(",")) == (["La."], "hint")
    assert qualifier_after("Talks in Paris ended.", len("Talks in Paris")) == ([], "hint")


def test_qualifiers_in_brackets_and_after_in() -> None:
    note = "Gunmen attacked Andar (Andar district, Ghazni province) on Monday."
    phrases, binding = qualifier_after(note, note.index(" ("))
    assert binding == "must" and "Ghazni" in phrases and "Andar" in phrases
    assert qualifier_after("Hanoi (VNA) - Viet", len("Hanoi")) == ([], "must")  # an acronym
    text = "Clashes in Tripoli in Lebanon."
    assert qualifier_after(text, text.index(" in Lebanon")) == (["Lebanon"], "preferred")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Clashes broke out in Tripoli in Lebanon on Sunday.", "Tripoli", "LBN"),
        ("Clashes broke out in Tripoli on Sunday.", "Tripoli", "LBY"),
        # no Andar in the gazetteer's Afghanistan: the province stands in, approximately
        ("Gunmen attacked a convoy in Andar (Ghazni province).", "Andar", "AFG"),
        # a region named by a compass point alone binds nothing: many countries have one, and
        # Botswana's North-West is no clue against the Cameroonian town
        ("Separatists raided a school in Bamenda (Mezam, North-West) at dawn.", "Bamenda", "CMR"),
        ("Soldiers searched houses in Buea (Fako, South-West) on Friday.", "Buea", "CMR"),
    ],
)
def test_a_containing_region_binds_the_place(
    gaz: Gazetteer, text: str, name: str, country: str
) -> None:
    assert resolve_text(gaz, text, name)[name].country == country


def test_an_arabic_name_without_its_article_is_the_same_place(gaz: Gazetteer) -> None:
    text = "Tribal fighters took back two villages in Anbar last week."
    assert resolve_text(gaz, text, "Anbar")["Anbar"].country == "IRQ"  # not Ambar in Turkey
    with_article = set(gaz.table.rows("al wa"))
    assert with_article  # a town "Al Wa" exists, but an acronym gains no article
    assert not with_article & set(candidate_rows(gaz, "WA")[0])


def test_demonym_and_settlement_word_before_a_name(gaz: Gazetteer) -> None:
    text = "a plant in the Russian industrial town of Yelabuga"
    assert demonym_before(text, text.index("Yelabuga"), gaz) == "RUS"
    assert demonym_before("Russian officials visited Yelabuga", 27, gaz) is None


def test_relative_expression_after_a_name() -> None:
    text = "Kazan, some 800 kilometres east-northeast of Moscow, hosted it."
    rel = relative_after(text, len("Kazan"), default_terms())
    assert rel is not None and rel.km == 800 and rel.bearing == 67.5
    assert text[rel.anchor_start :].startswith("Moscow")
    miles = relative_after("Salem, 40 miles north of Boston", 5, default_terms())
    assert miles is not None and miles.km == pytest.approx(64.4, abs=0.1)


# resolution


def test_yelabuga_in_a_sentence_of_our_own(gaz: Gazetteer) -> None:
    text = "The drones will be built in the Russian town of Yelabuga, 960 km east of Moscow."
    found = resolve_text(gaz, text, "Yelabuga", "Moscow")
    yelabuga = found["Yelabuga"]
    assert (yelabuga.country, yelabuga.admin1) == ("RUS", "Tatarstan")
    assert yelabuga.lat == pytest.approx(55.76, abs=0.05)
    assert yelabuga.lon == pytest.approx(52.04, abs=0.05)


def test_georgia_is_the_country_in_a_text_about_tbilisi(
    places_in: Callable[..., dict[str, PlaceMention]],
) -> None:
    found = places_in("Thousands marched in Tbilisi as Georgia's parliament met to debate the law.")
    assert found["Georgia"].feature == "country" and found["Georgia"].country == "GEO"


def test_georgia_is_the_us_state_in_a_text_about_atlanta(
    places_in: Callable[..., dict[str, PlaceMention]],
) -> None:
    found = places_in("Voters in Atlanta lined up for hours as Georgia counted its ballots.")
    assert found["Georgia"].feature == "admin" and found["Georgia"].country == "USA"
    assert found["Atlanta"].admin1 == "Georgia"


def test_a_region_named_after_the_place_decides(gaz: Gazetteer) -> None:
    found = resolve_text(
        gaz, "A fire broke out in Alexandria, Louisiana, late on Friday.", "Alexandria"
    )
    assert found["Alexandria"].country == "USA" and found["Alexandria"].admin1 == "Louisiana"
    assert "qualifier" in found["Alexandria"].rule
    found = resolve_text(gaz, "Officials in Paris, Texas, closed the road.", "Paris")
    assert found["Paris"].admin1 == "Texas"


def test_a_demonym_before_the_name_decides(gaz: Gazetteer) -> None:
    found = resolve_text(gaz, "Crowds gathered in the Canadian city of London.", "London")
    assert found["London"].country == "CAN"
    found = resolve_text(gaz, "Crowds gathered in London.", "London")
    assert found["London"].country == "GBR"


def test_relative_expression_is_used_as_a_check(gaz: Gazetteer) -> None:
    text = "The ship docked at Portland, 160 km north-northeast of Boston, at dawn."
    (entry,) = [
        e for e in explain_spans(gaz, text, "Portland", "Boston") if e["text"] == "Portland"
    ]
    assert entry["chosen"]["admin1"] == "Maine"
    by_state = {c["admin1"]: c["features"] for c in entry["candidates"]}
    assert by_state["Maine"]["relative"] > 0 > by_state["Oregon"]["relative"]


def explain_spans(gaz: Gazetteer, text: str, *names: str) -> list[dict[str, object]]:
    from eventwire.places import explain_resolutions

    spans = [(text.index(n), text.index(n) + len(n), "") for n in names]
    return explain_resolutions(gaz, resolve_spans(gaz, text, spans), top=10)


def test_country_context_prefers_a_namesake_of_similar_size(gaz: Gazetteer) -> None:
    text = "Talks were held in Valencia on Monday."
    spans = [(text.index("Valencia"), text.index("Valencia") + 8, "")]
    spain = to_mentions(gaz, resolve_spans(gaz, text, spans, context={"ESP"}))
    alone = to_mentions(gaz, resolve_spans(gaz, text, spans))
    assert spain[0].country == "ESP" and alone[0].country == "VEN"


def test_nearby_places_decide_between_local_namesakes(gaz: Gazetteer) -> None:
    text = "The storm hit Springfield and nearby Decatur and Champaign overnight."
    found = resolve_text(gaz, text, "Springfield", "Decatur", "Champaign")
    assert {p.admin1 for p in found.values()} == {"Illinois"}


def test_capitals_stand_for_governments(gaz: Gazetteer) -> None:
    text = "Washington said the talks with Moscow would resume."
    found = resolve_text(gaz, text, "Washington", "Moscow")
    assert found["Washington"].feature == "city" and found["Washington"].country == "USA"
    assert found["Washington"].lon == pytest.approx(-77.04, abs=0.1)


def test_compass_words_are_not_places(
    places_in: Callable[..., dict[str, PlaceMention]],
) -> None:
    found = places_in("Iran's pivot to the East brought it closer to Moscow.")
    assert "East" not in found and found["Moscow"].country == "RUS"


def test_acronyms_are_not_the_alternate_names_of_small_towns(gaz: Gazetteer) -> None:
    found = resolve_text(gaz, "The EU agreed new sanctions.", "EU")
    assert found["EU"].feature == "continent" and found["EU"].name == "Europe"


def test_generic_words_pick_the_kind_of_place(gaz: Gazetteer) -> None:
    text = "Shelling continued in the Kherson region and in Kherson itself."
    spans = [(text.index("Kherson region"), text.index("Kherson region") + 14, "")]
    spans.append((text.rindex("Kherson"), text.rindex("Kherson") + 7, ""))
    region, city = to_mentions(gaz, resolve_spans(gaz, text, spans))
    assert region.feature == "admin" and city.feature == "city"
    assert region.country == city.country == "UKR"


def test_a_county_gets_an_approximate_point_in_its_state(gaz: Gazetteer) -> None:
    text = "Deputies in Rapides Parish arrested two men in Pineville on Friday."
    found = resolve_text(gaz, text, "Rapides Parish", "Pineville")
    parish, town = found["Rapides Parish"], found["Pineville"]
    assert parish.approximate and parish.admin1 == "Louisiana" and not town.approximate
    assert (parish.lat, parish.lon) == (town.lat, town.lon)  # the state's only town named here


def test_an_unknown_facility_lies_in_the_town_the_text_is_about(gaz: Gazetteer) -> None:
    text = "Police in Harare closed Freedom Plaza after the rally; Harare was calm."
    start = text.index("Freedom Plaza")
    spans = [
        (start, start + 13, "FAC"),
        (10, 16, "GPE"),
        (text.rindex("Harare"), len(text) - 9, "GPE"),
    ]
    plaza = to_mentions(gaz, resolve_spans(gaz, text, spans))[1]
    assert plaza.text == "Freedom Plaza" and plaza.approximate and plaza.country == "ZWE"
    unknown = [(start, start + 13, "GPE")]  # an unknown GPE is not guessed
    assert to_mentions(gaz, resolve_spans(gaz, text, unknown)) == []


# recognition


def test_demonyms_are_not_places_but_tell_the_country(
    places_in: Callable[..., dict[str, PlaceMention]],
) -> None:
    found = places_in("Iranian officials met Russian diplomats in Tehran.")
    assert set(found) == {"Tehran"}


def test_gazetteer_finds_places_the_model_missed(
    places_in: Callable[..., dict[str, PlaceMention]], parse: Callable[[str], Doc]
) -> None:
    text = "Fighting continued near Bakhmut and Soledar through the night."
    labels = {e.text: e.label_ for e in parse(text).ents}
    found = places_in(text)
    assert labels.get("Soledar") != "GPE"  # the model's miss that this rule covers
    assert found["Soledar"].country == "UKR"


def test_explain_gives_candidates_and_features(gaz: Gazetteer, parse: Callable[[str], Doc]) -> None:
    entries = explain(parse("Officials met in Springfield, Illinois."), gaz)
    springfield = next(e for e in entries if e["text"] == "Springfield")
    chosen, candidates = springfield["chosen"], springfield["candidates"]
    assert chosen["admin1"] == "Illinois" and len(candidates) > 1
    assert candidates[0]["score"] >= candidates[1]["score"]
    assert chosen["features"]["qualifier"] > 0
    assert springfield["cues"]["qualifier"] == ["Illinois"]


# users' places and our knowledge files


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_places_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.csv",
        "# our field sites\nname,aliases,country,lat,lon\nCamp Alpha,Alpha Base|CA-1,SYR,36.2,37.1\n",
    )
    (camp,) = load_user_places(path)
    assert (camp.name, camp.country, camp.feature) == ("Camp Alpha", "SYR", "custom")
    assert camp.aliases == ("Alpha Base", "CA-1") and camp.gazetteer_id == "user:camp-alpha"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,lat\nX,1\n", "missing: lon"),
        ("name,lat,lon,height\nX,1,2,3\n", "unknown: height"),
        ("name,lat,lon\nX,north,2\n", "mine.csv:2: lat"),
        ("name,lat,lon\nX,1,200\n", "outside"),
        ("name,lat,lon,country\nX,1,2,Syria\n", "alpha-3"),
        ("name,lat,lon,feature\nX,1,2,village\n", "feature"),
    ],
)
def test_bad_user_places_files_raise_coded_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message) as err:
        load_user_places(write(tmp_path, "mine.csv", text))
    assert err.value.code == "E007"


def test_missing_user_places_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound) as err:
        load_user_places(tmp_path / "none.csv")
    assert err.value.code == "E001"


def test_user_places_win_over_namesakes(
    tmp_path: Path, kb: KnowledgeBase, parse: Callable[[str], Doc]
) -> None:
    path = write(tmp_path, "mine.tsv", "name\tcountry\tlat\tlon\nParis\tUSA\t40.0\t-90.0\n")
    mine = gazetteer(kb, places=(str(path),))
    (paris,) = find_places(parse("Talks were held in Paris."), mine, set())
    assert paris.feature == "custom" and paris.lat == 40.0
    assert mine is not gazetteer(kb)


def test_terms_file_loads_and_rejects_unknown_kinds(tmp_path: Path) -> None:
    terms = default_terms()
    assert terms.kinds["county"] == "admin" and terms.expansions["st."] == "saint"
    assert terms.directions["northeast"] == 45 and terms.units["miles"] == pytest.approx(1.609344)
    with pytest.raises(KnowledgeError):
        load_terms(write(tmp_path, "t.tsv", "term\tkind\tvalue\nfoo\tbar\t\n"))


def test_every_abbreviation_and_alias_names_a_place(gaz: Gazetteer) -> None:
    for country, region, abbreviation in load_region_abbreviations(
        data_path("places_region_abbreviations.tsv")
    ):
        row = gaz.abbreviation(abbreviation)
        assert row is not None and gaz.table.names[row] == region, abbreviation
        assert gaz.table.countries[row] == country
    for alias, place, country, _ in load_aliases(data_path("places_aliases.tsv")):
        assert find_place(gaz, place, country) is not None, alias


def test_extra_regions_load_with_points(gaz: Gazetteer) -> None:
    extra = load_user_places(data_path("places_extra.tsv"))
    assert len(extra) >= 30 and all(p.feature == "region" for p in extra)
    assert {p.name for p in extra} >= {"Gaza Strip", "Crimea", "Strait of Hormuz"}
    assert any(p.name == "Crimea" and p.country == "UKR" for p in gaz.candidates("Crimea"))
