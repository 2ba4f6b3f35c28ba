"""The dashboard: its pages and static files, read from the package once at start-up and
served from memory. A request names a key of that table, never a file."""

from __future__ import annotations

import mimetypes
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..problems import Problem

PAGES = ("events", "map", "timeline", "dyad", "shifts", "network")
SWAGGER = "vendor/swagger-ui/"
router = APIRouter(include_in_schema=False)


def load_web_files() -> dict[str, tuple[bytes, str]]:
    """Every file of `eventwire/web` by its path there, with its media type."""
    files: dict[str, tuple[bytes, str]] = {}

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif not entry.name.endswith((".py", ".pyc")):
                kind = mimetypes.guess_type(entry.name)[0] or "application/octet-stream"
                if kind.startswith("text/") or kind in (
                    "application/javascript",
                    "application/json",
                ):
                    kind += "; charset=utf-8"
                files[prefix + entry.name] = (entry.read_bytes(), kind)

    walk(resources.files("eventwire.web"), "")
    return files


def _files(request: Request) -> dict[str, tuple[bytes, str]]:
    files: dict[str, tuple[bytes, str]] = request.app.state.web_files
    return files


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/ui/events")


@router.get("/ui/{page}")
def page(request: Request, page: Annotated[str, Path(max_length=20)]) -> Response:
    if page not in PAGES:
        raise Problem(404, f"no page {page}; pages: {', '.join(PAGES)}")
    body, kind = _files(request)["index.html"]
    return Response(body, media_type=kind, headers={"Cache-Control": "no-cache"})


@router.get("/static/{name:path}")
def static(request: Request, name: Annotated[str, Path(max_length=200)]) -> Response:
    found = _files(request).get(name)
    if found is None or name.endswith(".html"):
        raise Problem(404, "no such file")
    body, kind = found
    return Response(body, media_type=kind, headers={"Cache-Control": "max-age=3600"})


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """Swagger UI from the package's own copy (the stock page loads it from a CDN)."""
    if f"{SWAGGER}swagger-ui-bundle.js" not in _files(request):
        raise Problem(404, "Swagger UI is not shipped in this build; see /openapi.json")
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="eventwire API",
        swagger_js_url=f"/static/{SWAGGER}swagger-ui-bundle.js",
        swagger_css_url=f"/static/{SWAGGER}swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        swagger_ui_parameters={"validatorUrl": None},  # no call to validator.swagger.io
    )
