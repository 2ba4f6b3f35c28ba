"""`eventwire serve`: the REST API and the dashboard over a store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import InvalidOption
from ..settings import API_TOKEN_ENV
from .app import app
from .options import DbOption


@app.command()
def serve(
    db: DbOption = "",
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
            help=f"Take POST /ingest (with the token in ${API_TOKEN_ENV}); else read-only.",
        ),
    ] = False,
) -> None:
    """Serve the API (/docs) and the dashboard (/ui/events) over a store."""
    import uvicorn

    from ..api import ServeSettings, create_app

    settings = ServeSettings.from_env(db, allow_writes=allow_writes)
    if allow_writes and not settings.token:
        raise InvalidOption(
            f"--allow-writes needs a token: set {API_TOKEN_ENV} (16 characters or more)"
        )
    if settings.token and len(settings.token) < 16:
        raise InvalidOption(f"{API_TOKEN_ENV} is too short: 16 characters or more")
    api = create_app(settings)
    typer.echo(
        f"eventwire serve: http://{host}:{port}/ui/events ({'writes allowed' if allow_writes else 'read-only'})",
        err=True,
    )
    uvicorn.run(api, host=host, port=port, log_level="warning", server_header=False)
