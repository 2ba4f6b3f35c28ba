"""Errors as RFC 9457 problem details (`application/problem+json`): a status, a title, one
line of detail and, for the errors eventwire names, its code. Never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import EventwireError, InvalidOption, StoreError

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("eventwire.api")


class Problem(Exception):
    """A refusal with its HTTP status (raised by routes and dependencies)."""

    def __init__(
        self,
        status: int,
        detail: str,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.headers = headers or {}


def problem_response(
    request: Request,
    status: int,
    detail: str,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_TYPE)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(EventwireError, _on_eventwire)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_internal)


async def _on_problem(request: Request, exc: Problem) -> JSONResponse:
    return problem_response(request, exc.status, exc.detail, exc.code, exc.headers)


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    """A bad parameter or body: which one and why, in one line (and each, listed)."""
    errors = [
        {"location": ".".join(str(p) for p in err.get("loc", ())), "message": err.get("msg", "")}
        for err in exc.errors()
    ]
    first = errors[0] if errors else {"location": "request", "message": "invalid"}
    detail = f"{first['location']}: {first['message']}"
    return problem_response(request, 422, detail, InvalidOption.code, errors=errors)


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem_response(request, exc.status_code, str(exc.detail), headers=exc.headers)


async def _on_eventwire(request: Request, exc: EventwireError) -> JSONResponse:
    # a store that cannot answer is the server's trouble, a bad value the client's
    status = 503 if isinstance(exc, StoreError) else 400
    if isinstance(exc, InvalidOption):
        status = 422
    elif exc.code == "E011":  # NoEvents: nothing matches what was asked
        status = 404
    return problem_response(request, status, exc.message, exc.code)


async def _on_internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("internal error on %s: %s: %s", request.url.path, type(exc).__name__, exc)
    return problem_response(request, 500, "internal error (logged by the server)", "E999")
