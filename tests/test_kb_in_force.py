"""The knowledge in force is the coder's own: a coder built with another Knowledge (a user's
actor files, an edited lexicon) codes time and quantities with its words, and what the stages
build from the words (compiled time rules, trigger words) is never shared between knowledges."""

from __future__ import annotations

import dataclasses
import datetime as dt

from eventwire import kb as kb_module
from eventwire.ingest import make_document
from eventwire.kb import Knowledge
from eventwire.kb.quantities import Unit
from eventwire.model import CodedDocument
from eventwire.pipeline import Coder
from eventwire.time import find_dates

ANCHOR = dt.date(2024, 3, 10)
TEXT = "The caravan will cross 40 parasangs of desert and reach the oasis overmorrow."


def _edited() -> Knowledge:
    """The package's knowledge with one more day word and one more unit."""
    package = kb_module.default()
    time = dataclasses.replace(package.time, deictic={**package.time.deictic, "overmorrow": 2})
    units = {**package.quantities.units, "parasangs": Unit("parasang", "length")}
    quantities = dataclasses.replace(package.quantities, units=units)
    return dataclasses.replace(package, time=time, quantities=quantities)


def _code(coder: Coder) -> CodedDocument:
    return next(coder.code_documents([make_document(TEXT, published_at=ANCHOR)]))


def _day_and_unit(coded: CodedDocument) -> tuple[set[dt.date], set[str | None]]:
    dates = {d.date_start for d in coded.mentions.dates if "overmorrow" in d.text}
    units = {q.unit for q in coded.mentions.quantities if q.value == 40}
    return dates, units


def test_a_coder_codes_with_its_own_knowledge(coder: Coder) -> None:
    other = dataclasses.replace(coder, kb=_edited())
    # the edited coder first, so that its compiled rules would be the ones cached if they were
    # shared; then the package's coder; then the edited one again
    edited_first, package, edited_again = _code(other), _code(coder), _code(other)
    assert _day_and_unit(edited_first) == ({ANCHOR + dt.timedelta(days=2)}, {"parasang"})
    assert _day_and_unit(edited_again) == _day_and_unit(edited_first)
    dates, units = _day_and_unit(package)
    assert dates == set() and "parasang" not in units


def test_outside_a_coder_the_package_knowledge_is_in_force() -> None:
    edited = _edited()
    assert kb_module.in_force() is kb_module.default()
    with kb_module.using(edited):
        assert kb_module.in_force() is edited
        assert any("overmorrow" in d.text for d in find_dates(TEXT, ANCHOR))
    assert kb_module.in_force() is kb_module.default()
    assert not any("overmorrow" in d.text for d in find_dates(TEXT, ANCHOR))


def test_what_is_derived_from_a_knowledge_is_built_once_for_it() -> None:
    built: list[Knowledge] = []

    @kb_module.derived
    def marker() -> Knowledge:
        built.append(kb_module.in_force())
        return kb_module.in_force()

    edited = _edited()
    assert marker() is kb_module.default()
    with kb_module.using(edited):
        assert marker() is edited and marker() is edited
    assert marker() is kb_module.default()
    assert built == [kb_module.default(), edited]


def test_group_modifiers_and_blocs_are_part_of_the_knowledge() -> None:
    from eventwire.analysis import load_blocs

    package = kb_module.default()
    assert package.modifiers and all(k == k.lower() for k in package.modifiers)
    assert load_blocs() == package.blocs and all(package.blocs.values())
