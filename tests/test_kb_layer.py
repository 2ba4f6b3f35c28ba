"""The knowledge layer (`eventwire.kb`): one frozen Knowledge read on first use and never at
import, every file checked on load (E007 naming the file and line), every file's header saying
where its knowledge comes from and when, and the files' hash in the coder's key."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import kb as kb_module
from eventwire import pipeline
from eventwire.batch.jobs import coder_key
from eventwire.batch.recode import count_to_recode
from eventwire.errors import KnowledgeError
from eventwire.ingest import make_document
from eventwire.kb import Knowledge
from eventwire.kb.events import load_attribution, load_event_words, load_modality
from eventwire.kb.tables import content_hash, data_dir, knowledge_files, provenance
from eventwire.model import CodedDocument
from eventwire.store import Provenance, open_store

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"

_IMPORT_EVERY_MODULE = """
import importlib, pkgutil, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and "/eventwire/data/" in args[0]:
        opened.append(args[0])
sys.addaudithook(hook)
import eventwire.cli
from eventwire import kb
assert kb.default.cache_info().currsize == 0, "eventwire.cli loaded the knowledge"
import eventwire
for found in sorted(m.name for m in pkgutil.walk_packages(eventwire.__path__, "eventwire.")):
    importlib.import_module(found)
assert kb.default.cache_info().currsize == 0, "a module loaded the knowledge at import"
assert not opened, opened
print("ok")
"""


def test_no_module_reads_a_data_file_at_import() -> None:
    """`python -X importtime -c "import eventwire.cli"` reads nothing under eventwire/data/:
    neither it nor any other module of the package opens a data file when imported."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EVERY_MODULE], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if package else parts), package


def _imports(tree: ast.Module, name: str, package: bool, known: set[str]) -> set[str]:
    """The package's modules that a module imports when it is imported (not in functions, not
    for type checking)."""
    found: set[str] = set()
    nodes: list[ast.stmt] = list(tree.body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.If | ast.Try):
            nodes += [*node.body, *node.orelse]
            nodes += [s for h in getattr(node, "handlers", []) for s in h.body]
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = name.split(".") if package else name.split(".")[:-1]
            if node.level:
                base = base[: len(base) - node.level + 1] + ([node.module] if node.module else [])
                target = ".".join(base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): ast.parse(p.read_text("utf-8")) for p in SRC.rglob("*.py")}
    known = {name for name, _ in modules}
    return {name: _imports(tree, name, pkg, known) for (name, pkg), tree in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    """Every module can be imported alone: no module imports, when it is imported, one that
    imports it back (the graph of the package's imports has no cycle)."""
    graph = import_graph()
    assert len(graph) > 100 and graph["eventwire.kb.user"] >= {"eventwire.kb.actors"}
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [{"a", "b", "c"}]


def test_the_knowledge_is_frozen_and_holds_every_stage(kb: Knowledge) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        kb.countries = ()  # type: ignore[misc]
    assert kb.time.months["january"] == 1 and kb.quantities.numbers["dozen"].value == 12
    assert kb.places.terms and kb.places.extra is not None and kb.places.extra.is_file()
    assert kb.field_aliases["text"][0] == "text" and "the" in kb.common_words["en"]
    assert "the" in kb.stopwords and kb.content_hash == content_hash()
    assert {"civilian", "resident"} <= kb.event_words.local_people
    assert {"refugee", "prisoner"} <= kb.event_words.away_people
    assert "with" in kb.event_words.verb_partner_preps
    assert "of" in kb.event_words.noun_partner_preps - kb.event_words.verb_partner_preps
    assert kb.civilian_sectors >= {"CVL", "REF"} and not kb.civilian_sectors & {"MIL", "REB"}


def test_the_longest_cue_is_counted_on_load(kb: Knowledge) -> None:
    longest = max(len(c) for row in kb.modes for c in row.cues)
    assert kb.modes.longest == longest > 1
    assert kb.contexts.longest == max(len(c) for row in kb.contexts for c in row.cues)


def test_users_actor_files_make_a_new_knowledge(kb: Knowledge, tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "code\tname\taliases\tcountry\tsector\tkind\nXYZ\tXyz Front\tXYZF\tSYR\tREB\tarmed_group\n"
    )
    mine = kb_module.load(extra_actors=[path])
    assert mine.organisations[0].code == "XYZ" and "XYZ" not in {o.code for o in kb.organisations}
    assert mine.time is not kb.time or mine.time.months == kb.time.months


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            "code\tname\taliases\tcountry\tsector\tkind",
            "XYZ\tXyz\t\tSYR\tREBEL\tarmed_group",
            "REBEL",
        ),
        (
            "name\taliases\tcountry\tsector\trole\tstart\tend",
            "A B\t\tSYR\tSOLDIER\tx\t\t",
            "SOLDIER",
        ),
    ],
)
def test_an_unknown_sector_names_the_file_and_line(
    tmp_path: Path, header: str, row: str, message: str
) -> None:
    path = tmp_path / "actors.tsv"
    path.write_text(f"{header}\n# a comment\n{row}\n")
    with pytest.raises(
        KnowledgeError, match=rf"actors\.tsv:3: .*unknown sector '{message}'"
    ) as err:
        kb_module.load(extra_actors=[path])
    assert err.value.code == "E007"


def test_package_roles_and_organisations_are_checked_against_the_sectors(tmp_path: Path) -> None:
    roles = tmp_path / "roles.tsv"
    roles.write_text("phrase\tsector\trefers\nminister\tGOV\tperson\ngeneral\tARMY\tperson\n")
    with pytest.raises(KnowledgeError, match=r"roles\.tsv:3: general: unknown sector 'ARMY'"):
        kb_module.load_roles(roles, {"GOV", "MIL", ""})


def test_a_modality_scope_or_modality_out_of_the_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "modality.tsv"
    path.write_text("cue\tmodality\tscope\nplan\tplanned\tgovernor\nmay\tplanned\tauxiliary\n")
    with pytest.raises(KnowledgeError, match=r"modality\.tsv:3: may: scope must be one of aux"):
        load_modality(path)
    path.write_text("cue\tmodality\tscope\nplan\tplotted\tgovernor\n")
    with pytest.raises(KnowledgeError, match=r"modality\.tsv:2: plan: unknown modality"):
        load_modality(path)


def test_an_attribution_kind_out_of_the_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "attribution.tsv"
    path.write_text("cue\tkind\nsay\tverb\n# note\naccording to\tpreposition\n")
    with pytest.raises(KnowledgeError, match=r"attribution\.tsv:4: according to: kind must be"):
        load_attribution(path)
    path.write_text("cue\tkind\nsay\tverb\naccording to\tprep\n")
    assert load_attribution(path) == {"say": "verb", "according to": "prep"}


def test_an_event_word_kind_out_of_the_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "event_words.tsv"
    path.write_text("kind\twords\nlocal_people\tvillager\nfar_people\ttourist\n")
    with pytest.raises(KnowledgeError, match=r"event_words\.tsv:3: kind must be one of"):
        load_event_words(path)


def test_every_knowledge_file_says_its_source_and_as_of_date() -> None:
    files = [p for p in knowledge_files() if p.suffix != ".json"]  # JSON: models, their metadata
    assert len(files) >= 30
    for path in files:
        said = provenance(path)
        assert said.source, f"{path.name}: no '# source:' line before the first row"
        assert said.as_of, f"{path.name}: no '# as of:' line before the first row"
        assert dt.date.fromisoformat(said.as_of[:10]) <= dt.date.today(), path.name


def test_the_content_hash_follows_the_files_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert content_hash(copy) == content_hash()
    lexicon = copy / "event_lexicon.tsv"
    lexicon.write_text(lexicon.read_text("utf-8") + "AGREE\t030\tVERB\tconcur\t\t\tX concurred.\n")
    assert content_hash(copy) != content_hash()


def test_an_edited_lexicon_makes_recode_recode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document stored by today's coder is up to date; once a knowledge file changes (its
    hash), the coder's key changes and `recode` counts the document as stale."""
    today = coder_key(pipeline.versions())
    assert pipeline.versions()["knowledge"] == content_hash()
    coded = CodedDocument(document=make_document("Iran and Iraq agreed.", published_at=None))
    with open_store(tmp_path / "events.duckdb") as store:
        store.save(coded, Provenance(coder=today))
        assert count_to_recode(store, today, everything=False) == 0
        monkeypatch.setattr(kb_module, "content_hash", lambda: "0123456789abcdef")
        edited = coder_key(pipeline.versions())
        assert edited != today
        assert count_to_recode(store, edited, everything=False) == 1
