"""`eventwire serve`: the REST API and the dashboard over a store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import InvalidOption
from .app import app
from .corpus import CorpusDb


@app.command()
def serve(
    db: CorpusDb = "events.duckdb",
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 exposes the server.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Take POST /ingest (with the token in $EVENTWIRE_API_TOKEN); else read-only.",
        ),
    ] = False,
) -> None:
    """Serve the API (/docs) and the dashboard (/ui/events) over a store."""
    import uvicorn

    from ..api import ServeSettings, create_app
    from ..api.settings import TOKEN_ENV

    settings = ServeSettings.from_env(db, allow_writes=allow_writes)
    if allow_writes and not settings.token:
        raise InvalidOption(
            f"--allow-writes needs a token: set {TOKEN_ENV} (16 characters or more)"
        )
    if settings.token and len(settings.token) < 16:
        raise InvalidOption(f"{TOKEN_ENV} is too short: 16 characters or more")
    api = create_app(settings)
    typer.echo(
        f"eventwire serve: http://{host}:{port}/ui/events ({'writes allowed' if allow_writes else 'read-only'})",
        err=True,
    )
    uvicorn.run(api, host=host, port=port, log_level="warning", server_header=False)
