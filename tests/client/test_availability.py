"""``InventoryClient.availability``: a scan is one request, revalidated with its ETag, and
served from the cache (with its age) when the service cannot be reached."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.api import Api

from inventory_client import CircuitBreaker, InvalidResponse, NotFound, Unavailable
from inventory_client.models import AdjustmentKind, SizeRun

from .conftest import InterceptingAdapter, canned, make_client, mount


class Recorder(InterceptingAdapter):
    """The real adapter, noting each request's path, If-None-Match and answer status."""

    def __init__(self) -> None:
        super().__init__(lambda request: None)
        self.calls: list[tuple[str, str | None, int]] = []

    def send(self, request, **kwargs):  # type: ignore[override]
        response = super().send(request, **kwargs)
        path = (request.path_url or "").split("?")[0]
        self.calls.append((path, request.headers.get("If-None-Match"), response.status_code))
        return response


class Offline:
    """The service's identity at a URL where nothing listens."""

    def __init__(self, service, url):
        self.url, self.kiosk_key = url, service.kiosk_key
        self.kiosk_id, self.store_id = service.kiosk_id, service.store_id


@pytest.fixture
def pair(fresh_service, closed_port_url, tmp_path):
    """An online and an offline client sharing one cache file."""
    made = []

    def build(service, name, **kwargs):
        client = make_client(
            service, tmp_path / name, cache_path=tmp_path / "cache.sqlite", **kwargs
        )
        made.append(client)
        return client

    online = build(fresh_service, "online.sqlite")
    offline = build(
        Offline(fresh_service, closed_port_url),
        "offline.sqlite",
        connect_timeout=0.3,
        breaker=CircuitBreaker(100, 0.0),
    )
    yield online, offline
    for client in made:
        client.close()


def _counts(run: SizeRun) -> list[tuple[str, int | None, int | None, list[str]]]:
    return [
        (s.variant.gtin, s.in_store, s.warehouse, [n.location_id for n in s.nearby])
        for s in run.sizes
    ]


def test_a_scan_is_one_request_with_what_the_three_reads_give(
    live_service, client_factory, catalogue
):
    client = client_factory(live_service)
    recorder = Recorder()
    mount(client, recorder)
    gtin = catalogue["demo_scans"][0]

    run = client.availability(gtin)

    assert [path for path, _, _ in recorder.calls] == [f"/v1/variants/{gtin}/availability"]
    assert run.scanned_gtin == gtin and not run.from_cache
    assert run.stores_known and run.warehouses_known
    assert client.last_lookup_cached_at is None
    separate = client.size_run(client.lookup(gtin))
    assert run.style == separate.style
    assert _counts(run) == _counts(separate)


def test_a_rescan_revalidates_and_a_304_makes_the_cache_young(pair, catalogue):
    online, offline = pair
    recorder = Recorder()
    mount(online, recorder)
    gtin = catalogue["demo_scans"][0]
    first = online.availability(gtin)
    checked = datetime.now(UTC)
    again = online.availability(gtin)

    (_, no_tag, status1), (_, tag, status2) = recorder.calls
    assert (no_tag, status1) == (None, 200)
    assert tag is not None and tag.startswith('W/"') and status2 == 304
    assert _counts(again) == _counts(first) and not again.from_cache
    assert again.as_of >= checked  # the service vouched for it just now

    cached = offline.availability(gtin)
    assert cached.from_cache and cached.as_of >= checked
    assert offline.last_lookup_cached_at == cached.as_of
    assert _counts(cached) == _counts(first)


def test_a_stock_change_is_seen_on_the_next_scan(pair, fresh_service, catalogue):
    online, offline = pair
    home = catalogue["home_store_id"]
    gtin = next(r["gtin"] for r in catalogue["stock"] if r["location_id"] == home)
    before = online.availability(gtin)
    made = online.staff(fresh_service.staff_key).adjust_stock(
        gtin, AdjustmentKind.RECEIVE, 3, actor="T"
    )
    assert made is not None  # applied, not queued
    after = online.availability(gtin)
    here = {s.variant.gtin: s.in_store for s in before.sizes}[gtin]
    assert {s.variant.gtin: s.in_store for s in after.sizes}[gtin] == (here or 0) + 3
    assert {s.variant.gtin: s.in_store for s in offline.availability(gtin).sizes}[gtin] == (
        (here or 0) + 3
    )


def test_offline_sibling_unseen_and_unknown(pair, catalogue):
    online, offline = pair
    gtin = catalogue["demo_scans"][0]
    run = online.availability(gtin)
    sibling = next(s.variant.gtin for s in run.sizes if s.variant.gtin != gtin)

    from_sibling = offline.availability(sibling)  # never scanned: the style's cached run
    assert from_sibling.from_cache and from_sibling.scanned_gtin == sibling
    assert _counts(from_sibling) == _counts(run)

    unseen = next(
        g for g in catalogue["demo_scans"] if g not in {s.variant.gtin for s in run.sizes}
    )
    with pytest.raises(Unavailable):
        offline.availability(unseen)
    with pytest.raises(NotFound):
        offline.availability("not-a-gtin")
    with pytest.raises(NotFound):
        online.availability("2999999999999")


def test_nonsense_answers_fall_back_to_the_cache_or_raise(live_service, client_factory, catalogue):
    client = client_factory(live_service)
    gtin, other = catalogue["demo_scans"][0], catalogue["demo_scans"][1]
    good = client.availability(gtin)
    with Api(live_service.url, live_service.kiosk_key) as api:
        foreign = api.get(
            f"/v1/variants/{other}/availability", params={"store_id": live_service.store_id}
        ).content

    class Foreign(InterceptingAdapter):
        def __init__(self) -> None:
            super().__init__(lambda request: canned(200, foreign)(request))

    mount(client, Foreign())
    served = client.availability(gtin)  # an answer for another shoe: the cached one
    assert served.from_cache and _counts(served) == _counts(good)
    seen = {s.variant.gtin for s in good.sizes} | {other}
    unseen = next(g for g in catalogue["demo_scans"] if g not in seen)
    with pytest.raises(InvalidResponse):
        client.availability(unseen)  # nothing cached for its style


def test_a_304_to_a_request_without_a_tag_is_nonsense(live_service, client_factory, catalogue):
    client = client_factory(live_service)

    class NotModified(InterceptingAdapter):
        def __init__(self) -> None:
            super().__init__(lambda request: canned(304, b"")(request))

    mount(client, NotModified())
    with pytest.raises(InvalidResponse):
        client.availability(catalogue["demo_scans"][0])
