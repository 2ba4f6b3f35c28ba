"""Commands that show why: `actors` (how a mention was resolved), `places` (which place a name
was put at, and the runners-up) and `explain` (one sentence's parse, patterns and events)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..errors import InvalidOption
from .app import app
from .options import ActorsOption, DateOption, JsonOption, ModelOption, PlacesOption


@app.command()
def actors(
    text: Annotated[str, typer.Argument(help="A mention or a sentence: 'Ayatollah Khameini'.")],
    date: DateOption = None,
    as_json: JsonOption = False,
    model: ModelOption = None,
    user_actors: ActorsOption = None,
) -> None:
    """Resolve the actors in a short text as of a date, and say which rule chose each."""
    from ..actors.explain import explain_actor
    from ..pipeline import coder

    explanation = explain_actor(text, date, coder(model, user_actors or ()))
    if as_json:
        typer.echo(json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        typer.echo("\n".join(explanation.lines()))


@app.command()
def places(
    text: Annotated[str, typer.Argument(help="Text with place names: 'clashes in Georgia'.")],
    top: Annotated[int, typer.Option("--top", min=1, help="Candidates to show per name.")] = 5,
    as_json: JsonOption = False,
    model: ModelOption = None,
    user_places: PlacesOption = None,
) -> None:
    """Resolve the place names in a text and show the evidence and the best candidates."""
    from ..actors import find_actors
    from ..pipeline import coder
    from ..places.explain import explain

    built = coder(model, places=user_places or ())
    doc = built.nlp(text)
    context = {h.country for h in find_actors(doc, built.actors, None) if h.country}
    entries = explain(doc, built.gazetteer, context, top)
    if as_json:
        typer.echo(json.dumps(entries, indent=2, ensure_ascii=False, default=str))
        return
    if not entries:
        typer.echo("no place name found")
    for entry in entries:
        typer.echo(_place_lines(entry))


def _place_lines(entry: dict[str, object]) -> str:
    chosen = entry.get("chosen")
    head = f"{entry['text']!r} [{entry['start']}:{entry['end']}]"
    if entry.get("approximate"):
        head += f" approximate: {entry['approximate']}"
    lines = [head, f"  cues: {json.dumps(entry.get('cues'), default=str)}"]
    candidates: list[object] = entry.get("candidates") or []  # type: ignore[assignment]
    for rank, candidate in enumerate(candidates, start=1):
        mark = "*" if candidate is chosen else " "
        lines.append(f"  {mark} {rank}. {json.dumps(candidate, ensure_ascii=False, default=str)}")
    return "\n".join(lines)


@app.command()
def explain(
    source: Annotated[
        str,
        typer.Argument(
            help="A file of one document, read as `code` reads it (a page: its main text); "
            "'-' reads standard input."
        ),
    ],
    sentence: Annotated[
        int, typer.Option("--sentence", "-s", help="Sentence number, 0-based (as in evidence).")
    ],
    date: DateOption = None,
    model: ModelOption = None,
    user_actors: ActorsOption = None,
    user_places: PlacesOption = None,
) -> None:
    """Show how one sentence was coded: its parse, the lexicon patterns that fit or were
    rejected (and why), and the events made from it."""
    from ..events.explain import explain_sentence
    from ..pipeline import coder
    from .inputs import read_code_inputs

    # the same text `code` codes, so that sentence numbers are those of its evidence
    documents = read_code_inputs([source], date).documents
    if len(documents) != 1:
        raise InvalidOption(
            f"{source} holds {len(documents)} documents; explain takes one "
            f"(e.g. one JSON line on standard input: sed -n 3p {source} | eventwire explain - ...)"
        )
    built = coder(model, user_actors or (), user_places or ())
    typer.echo(explain_sentence(built, documents[0].document, sentence), nl=False)
