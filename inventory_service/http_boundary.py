"""Where HTTP meets the service: every non-2xx answer is one ``ErrorBody``.

Handlers turn domain errors, validation errors, unknown routes and unexpected exceptions
into one shape (never echoing input, which may hold personal data); ``BodySizeLimit``
refuses oversized bodies before they are parsed.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from inventory_client.models import ErrorCode
from inventory_service.errors import ServiceError, Unauthorized

log = logging.getLogger("inventory_service.app")  # the name operators already filter on


# --- error bodies --------------------------------------------------------------------


def error_response(
    status: int,
    code: ErrorCode,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"code": str(code), "message": message, "details": details}}
    return JSONResponse(status_code=status, content=body, headers=headers)


def _clean_validation_details(errors: list[Any]) -> list[dict[str, Any]]:
    """Location, message and type only: never echo input (it may hold personal data)."""
    out = []
    for err in errors[:20]:
        out.append(
            {
                "loc": [str(p) if not isinstance(p, int) else p for p in err.get("loc", ())],
                "msg": str(err.get("msg", "invalid")),
                "type": str(err.get("type", "invalid")),
            }
        )
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(_: Request, exc: ServiceError) -> JSONResponse:
        challenge = getattr(exc, "challenge", "Bearer")  # deps.BasicUnauthorized: Basic
        headers = {"WWW-Authenticate": challenge} if isinstance(exc, Unauthorized) else None
        return error_response(exc.status_code, exc.code, exc.message, exc.details, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = _clean_validation_details(list(exc.errors()))
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"])
        return error_response(
            422, ErrorCode.INVALID_REQUEST, f"Invalid request: {where}: {first['msg']}", details
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {
            401: ErrorCode.UNAUTHORIZED,
            403: ErrorCode.FORBIDDEN,
            404: ErrorCode.NOT_FOUND,
        }.get(exc.status_code, ErrorCode.INVALID_REQUEST)
        if exc.status_code >= 500:
            code = ErrorCode.INTERNAL
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return error_response(exc.status_code, code, str(exc.detail), headers=headers or None)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, ErrorCode.INTERNAL, "Internal error; it has been logged.")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this request's path, for a 405's ``Allow``.

    Starlette lists only the methods of the first route whose path matched, so
    ``OPTIONS /v1/orders`` answered ``Allow: POST`` though ``GET /v1/orders`` exists."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        route_methods = getattr(route, "methods", None)
        if route_methods and route.matches(request.scope)[0] != Match.NONE:
            methods |= set(route_methods)
    return sorted(methods)


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed (chunked) body passes the limit."""


class BodySizeLimit:
    """Refuse bodies larger than ``limit`` (pure ASGI, before any parsing).

    A declared Content-Length over the limit gets a 413 ``ErrorBody`` at once; a chunked
    body is counted while it streams and cut off (FastAPI then answers 400).
    """

    def __init__(self, app: Any, limit: int, overrides: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.overrides = dict(overrides or {})

    def limit_for(self, path: str) -> int:
        """The limit for a path: the longest matching override prefix, else the default."""
        matches = [prefix for prefix in self.overrides if path.startswith(prefix)]
        return self.overrides[max(matches, key=len)] if matches else self.limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > limit
                except ValueError:
                    too_big = True
                if too_big:
                    response = error_response(
                        413, ErrorCode.INVALID_REQUEST, "Request body too large."
                    )
                    await response(scope, receive, send)
                    return
        seen = 0

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen
            message: dict[str, Any] = await receive()
            if message.get("type") == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge("request body too large")
            return message

        await self.app(scope, counting_receive, send)
