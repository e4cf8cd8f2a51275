"""Service tests' clients: a kiosk and a staff member on a fresh, demo-seeded service.

Modules that only read use ``live_service`` instead and override these fixtures locally.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.api import Api


@pytest.fixture
def kiosk(fresh_service) -> Iterator[Api]:
    with Api(fresh_service.url, fresh_service.kiosk_key) as api:
        yield api


@pytest.fixture
def staff(fresh_service) -> Iterator[Api]:
    with Api(fresh_service.url, fresh_service.staff_key) as api:
        yield api
