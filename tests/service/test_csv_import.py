"""CSV import over HTTP and on the command line: every bad line reported, all or nothing."""

from __future__ import annotations

import pytest
from support.api import Api, assert_error

from inventory_client.models import ImportReport
from inventory_service.__main__ import main
from inventory_service.csv_import import MAX_IMPORT_BYTES

from .db_helpers import dump, open_storage, rows

HEADER = "style_id,name,brand,colour,price,currency,description,gtin,size_eu,size_uk,size_us,width"
GOOD_CATALOGUE = f"""{HEADER}
test-runner,Test Runner,Testbrand,blue,79.95,EUR,A light runner,4006381333931,42,8,9,standard
test-runner,Test Runner,Testbrand,blue,79.95,EUR,A light runner,4006381333948,43,9,10,standard
test-boot,"Boot, Winter",Testbrand,black,120,EUR,,4006381333955,44,9.5,10.5,wide
test-upc,Upc Shoe,Testbrand,white,10,EUR,,012345678905,40,6.5,7.5,
"""
# Lines 3, 4, 6, 7 and 8 are bad; lines 2 and 5 are fine (and must not be applied either).
BAD_CATALOGUE = f"""{HEADER}
test-runner,Test Runner,Testbrand,blue,79.95,EUR,,4006381333931,42,8,9,standard
test-runner,Test Runner,Testbrand,blue,79.95,EUR,,4006381333940,43,9,10,standard
test-boot,Boot,Testbrand,black,"12,50",EUR,,4006381333955,44,9.5,10.5,wide

test-boot,Boot,Testbrand,black,"12,50",EUR,,4006381333962,45,10,11,wide
test-clog,Clog,Testbrand,red,30,EUR,,4006381333931,40,6.5,7.5,standard
test-mule,,Testbrand,red,30,EUR,,4006381333979,41,7,8,standard
test-sock,Sock,Testbrand,red,30,EURO,,4006381333986,4x,7,8,standard
"""


_dump = dump


@pytest.fixture
def head_office(fresh_service):
    """The catalogue and its prices are the chain's: head office imports them."""
    with Api(fresh_service.url, fresh_service.head_office_key) as api:
        yield api


def _post(api: Api, kind: str, text: str | bytes, *, dry_run: bool, **headers: str):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return api.post(
        f"/v1/imports/{kind}",
        params={"dry_run": str(dry_run).lower()},
        data=data,
        headers={"Content-Type": "text/csv", **headers},
    )


def test_bad_catalogue_is_rejected_with_line_numbers_and_nothing_changes(
    head_office, fresh_service
) -> None:
    before = _dump(fresh_service.db_path)
    reports = []
    for dry_run in (True, False):
        resp = _post(head_office, "catalogue", BAD_CATALOGUE, dry_run=dry_run)
        assert resp.status_code == 200, resp.text
        reports.append(ImportReport.model_validate(resp.json()))
        assert _dump(fresh_service.db_path) == before
    dry, real = reports
    assert not dry.applied and not real.applied
    assert dry.errors == real.errors  # the dry run said exactly what the import would
    assert real.rows == 7  # the blank line is not a row
    found = [(e.line, e.column) for e in real.errors]
    assert found == [
        (3, "gtin"),
        (4, "price"),
        (6, "price"),
        (7, "gtin"),
        (8, "name"),
        (9, "currency"),
        (9, "size_eu"),
    ]
    messages = {(e.line, e.column): e.message for e in real.errors}
    assert "check digit" in messages[(3, "gtin")] and "should be 8" in messages[(3, "gtin")]
    assert "not a number" in messages[(4, "price")] and "dot" in messages[(4, "price")]
    assert "line 2" in messages[(7, "gtin")]  # duplicate: names the first line
    assert messages[(8, "name")] == "name is empty"


def test_good_catalogue_dry_run_then_apply(staff, head_office, fresh_service) -> None:
    before = _dump(fresh_service.db_path)
    dry = _post(
        head_office, "catalogue", GOOD_CATALOGUE, dry_run=True, **{"X-Actor": "Anna"}
    ).json()
    assert dry == {
        "kind": "catalogue",
        "dry_run": True,
        "applied": False,
        "rows": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "errors_omitted": 0,
    }
    assert _dump(fresh_service.db_path) == before
    assert staff.get("/v1/variants/4006381333931").status_code == 404

    real = _post(
        head_office, "catalogue", GOOD_CATALOGUE, dry_run=False, **{"X-Actor": "Anna"}
    ).json()
    assert (real["applied"], real["created"], real["errors"]) == (True, 4, [])
    detail = staff.get("/v1/variants/4006381333955").json()
    assert detail["style"]["name"] == "Boot, Winter"
    assert detail["style"]["price"] == "120.00" or float(detail["style"]["price"]) == 120
    assert detail["style"]["image"] == "test-boot.png"
    assert detail["variant"]["width"] == "wide"

    again = _post(head_office, "catalogue", GOOD_CATALOGUE, dry_run=False).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4)
    cheaper = GOOD_CATALOGUE.replace("79.95", "69.95")
    changed = _post(head_office, "catalogue", cheaper, dry_run=False).json()
    assert (changed["updated"], changed["unchanged"]) == (2, 2)
    # The UPC-A row was stored as GTIN-13; search finds it by either form.
    for q in ("012345678905", "0012345678905", "upc shoe"):
        [hit] = staff.get("/v1/catalogue/search", params={"q": q}).json()
        assert hit["variants"][0]["gtin"] == "0012345678905"
        assert hit["variants"][0]["width"] == "standard"

    imports = rows(
        fresh_service.db_path,
        "SELECT actor, store_id FROM audit_events WHERE action = 'import.catalogue'",
    )
    assert len(imports) == 3  # dry runs are not audited
    assert {(a["actor"], a["store_id"]) for a in imports} == {
        ("Anna", "*"),
        ("head-office:demo head office", "*"),
    }


def test_stock_import_over_http_sets_counts_for_own_store_only(staff, fresh_service) -> None:
    store = fresh_service.store_id
    text = f"location_id,gtin,on_hand\n{store},2400103800008,9\n{store},2400093600008,2\n"
    report = _post(staff, "stock", text, dry_run=False, **{"X-Actor": "Ben"}).json()
    assert (report["applied"], report["created"], report["updated"]) == (True, 1, 1)
    adjustments = staff.get("/v1/stock-adjustments", params={"location_id": store}).json()
    assert {
        (a["gtin"], a["kind"], a["quantity"], a["actor"], a["reason"]) for a in adjustments
    } == {
        ("2400103800008", "set_count", 9, "Ben", "CSV import"),
        ("2400093600008", "set_count", 2, "Ben", "CSV import"),
    }
    # Without a location_id column every row is for the key's store.
    report = _post(staff, "stock", "gtin;on_hand\n2400103800008;4\n", dry_run=False).json()
    assert report["applied"] and report["updated"] == 1
    assert (
        staff.get("/v1/stock-adjustments", params={"location_id": store}).json()[0]["on_hand"] == 4
    )

    before = _dump(fresh_service.db_path)
    other = _post(
        staff, "stock", "location_id,gtin,on_hand\npotsdam,2400103800008,1\n", dry_run=False
    )
    assert other.json()["errors"] == [
        {
            "line": 2,
            "column": "location_id",
            "message": f"this import is limited to location {store!r}",
        }
    ]
    assert _dump(fresh_service.db_path) == before


def test_unreadable_files_are_reported_not_500(staff, head_office, fresh_service) -> None:
    before = _dump(fresh_service.db_path)
    latin1 = "gtin,on_hand\n2400103800008,1\nGrö,1\n2400103800008,2\nMüll,1\n".encode("latin-1")
    errors = _post(staff, "stock", latin1, dry_run=False).json()["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(3, None), (5, None)]
    assert "UTF-8" in errors[0]["message"]

    missing = _post(staff, "stock", "location_id,gtin\nx,1\n", dry_run=True).json()
    assert missing["errors"] == [
        {"line": 1, "column": "on_hand", "message": "missing column 'on_hand'"}
    ]
    for junk in (b"", b"\x00\x01\x02", b'gtin,on_hand\n"2400103800008,1\n', bytes(range(256))):
        resp = _post(staff, "stock", junk, dry_run=False)
        assert resp.status_code == 200, resp.text
        assert not resp.json()["applied"] and resp.json()["errors"]
    short = _post(head_office, "catalogue", f"{HEADER}\na,b\n", dry_run=False).json()
    assert short["errors"][0]["message"] == "expected 12 fields like the header, found 2"
    assert _dump(fresh_service.db_path) == before


def test_import_limits_and_auth(fresh_service) -> None:
    with Api(fresh_service.url, fresh_service.staff_key) as staff:
        resp = staff.post(
            "/v1/imports/stock", data=b"{}", headers={"Content-Type": "application/json"}
        )
        assert_error(resp, 415, "invalid_request")
        assert_error(_post(staff, "prices", "a\n", dry_run=True), 404, "not_found")
        # Store staff no longer import the chain's catalogue (prices on every kiosk).
        resp = _post(staff, "catalogue", f"{HEADER}\n", dry_run=True)
        assert_error(resp, 403, "forbidden")
        resp = _post(staff, "stock", b"x" * (MAX_IMPORT_BYTES + 1), dry_run=True)
        assert_error(resp, 413, "invalid_request")
        big = "gtin,on_hand\n" + "2400103800008,1\n" * 20_000  # > 64 KiB, under the import limit
        resp = _post(staff, "stock", big, dry_run=True)
        assert resp.status_code == 200 and resp.json()["rows"] == 20_000
        assert len(resp.json()["errors"]) == 1000 and resp.json()["errors_omitted"] == 18_999
    with Api(fresh_service.url, fresh_service.kiosk_key) as kiosk:
        assert_error(_post(kiosk, "stock", "gtin,on_hand\n", dry_run=True), 403, "forbidden")
    with Api(fresh_service.url) as anonymous:
        assert_error(_post(anonymous, "stock", "gtin,on_hand\n", dry_run=True), 401, "unauthorized")


def test_cli_import_reports_lines_and_applies_all_or_nothing(service_db, tmp_path, capsys) -> None:
    db = service_db
    assert main(["seed", "--db", str(db)]) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "location_id,gtin,on_hand\n"
        "berlin-mitte,2400103800008,5\n"  # fine
        "nowhere,2400103800008,5\n"  # unknown location (database check)
        "berlin-mitte,2400103800008,6\n"  # duplicate of line 2
        "wh-central,2400093600008,-3\n"  # negative
        "wh-central,4006381333931,1\n"  # valid GTIN, not in the catalogue
        "wh-central,2400093600007,1\n",  # bad check digit
        encoding="utf-8",
    )
    before = _dump(db)
    for extra in ([], ["--dry-run"]):
        assert main(["import", "--db", str(db), "--stock", str(bad), *extra]) == 1
        out = capsys.readouterr().out
        assert "6 rows" in out and "5 errors; nothing was changed." in out
        for line in (
            "line 3, location_id: unknown location 'nowhere'",
            "line 4, gtin: duplicate: GTIN 2400103800008 at berlin-mitte is also on line 2",
            "line 5, on_hand: on_hand cannot be negative (found -3)",
            "line 6, gtin: GTIN 4006381333931 is not in the catalogue",
            "line 7, gtin: bad GTIN check digit in 2400093600007 (the last digit should be 8)",
        ):
            assert line in out
        assert _dump(db) == before

    good = tmp_path / "good.csv"
    good.write_text("location_id,gtin,on_hand\nwh-central,2400093600008,0\n", encoding="utf-8")
    assert main(["import", "--db", str(db), "--stock", str(good), "--dry-run"]) == 0
    assert "nothing was changed (dry run)" in capsys.readouterr().out
    assert _dump(db) == before
    assert main(["import", "--db", str(db), "--stock", str(good), "--actor", "IT Ops"]) == 0
    assert "applied." in capsys.readouterr().out
    on_hand = rows(
        db, "SELECT on_hand FROM stock WHERE location_id = 'wh-central' AND gtin = '2400093600008'"
    )[0]["on_hand"]
    actor = rows(db, "SELECT actor, kind, reason FROM stock_adjustments ORDER BY at DESC LIMIT 1")
    assert on_hand == 0 and actor == [
        {"actor": "IT Ops", "kind": "set_count", "reason": "CSV import"}
    ]

    limited = ["import", "--db", str(db), "--stock", str(good), "--location", "berlin-mitte"]
    assert main(limited) == 1
    assert "limited to location 'berlin-mitte'" in capsys.readouterr().out
    assert main(["import", "--db", str(db), "--catalogue", str(good), "--location", "x"]) == 2


def test_count_below_reserved_is_refused(service_db, tmp_path, capsys) -> None:
    """A stock count cannot drop below pairs reserved for orders (database check)."""
    from datetime import UTC, datetime, timedelta

    from support.api import order_body as body

    from inventory_client.models import OrderCreate
    from inventory_service.storage import Idempotency

    db = service_db
    assert main(["seed", "--db", str(db)]) == 0
    with open_storage(db) as storage:
        request = OrderCreate.model_validate(
            body("2400093800002", kiosk_id="kiosk-1", store_id="berlin-mitte", quantity=2)
        )
        storage.create_order(
            request,
            idempotency=Idempotency("k" * 8, "h"),
            actor="t",
            now=datetime.now(UTC),
            hold=timedelta(hours=1),
        )
    csv_file = tmp_path / "count.csv"
    csv_file.write_text("location_id,gtin,on_hand\nwh-central,2400093800002,1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "--db", str(db), "--stock", str(csv_file)]) == 1
    assert "2 pairs are reserved for orders at wh-central" in capsys.readouterr().out
