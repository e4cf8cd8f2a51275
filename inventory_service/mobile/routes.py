"""Everything the phone feature adds to the service, in one call from ``create_app``."""

from __future__ import annotations

from fastapi import FastAPI

from inventory_service.mobile.kiosk_api import add_handoff_routes
from inventory_service.mobile.pages import add_mobile_pages
from inventory_service.mobile.staff_lookup import add_staff_lookup


def add_phone_routes(app: FastAPI) -> None:
    add_handoff_routes(app)
    add_staff_lookup(app)
    add_mobile_pages(app)
