"""Rendering a phone page, with the headers every one of them carries.

- ``Content-Security-Policy``: nothing but this site's own stylesheet and images, forms
  post only here, no scripts at all, and no other site may frame the page
  (``frame-ancestors 'none'``; ``X-Frame-Options: DENY`` for older browsers).
- ``Cache-Control: no-store``: a page may show a name, an address or an order's state; a
  shared or back-button cache must not keep it.
- ``Referrer-Policy: no-referrer``: the token in the address never leaks to another site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def secured(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def page(template: str, status_code: int = 200, **context: Any) -> Response:
    """The template rendered, with the security headers."""
    html = _env.get_template(template).render(**context)
    return secured(HTMLResponse(html, status_code=status_code))


def see_other(url: str) -> Response:
    """303 to ``url`` (after a POST, so a reload never posts again)."""
    return secured(RedirectResponse(url, status_code=303))
