"""Item 7 of issue 18 in a real browser: headless Chromium at a phone's size opens the
QR code's link, picks a size, is told a wrong postcode, places the order with a double
tap (one order), sees "reserved" on the status page, then "paid" once staff marked it
paid from the admin client. Screenshots of each page are saved (see ``screenshots``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.api import Api

from inventory_client import InventoryClient
from inventory_client.handoff import handoff_link
from inventory_client.models import OrderStatus
from inventory_service.launcher import ServiceProcess

NAME = "Paula Phone"
WAIT_S = 15


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    with ServiceProcess(tmp_path_factory.mktemp("phone") / "inventory.db", seed="demo") as made:
        yield made


def warehouse_style(catalogue: dict[str, Any]) -> tuple[str, list[str]]:
    """The warehouse-only style's first GTIN and the GTINs the warehouses have."""
    style = next(
        s for s in catalogue["styles"] if s["id"] == catalogue["scenarios"]["warehouse_only"]
    )
    gtins = [v["gtin"] for v in style["variants"]]
    stocked = [s["gtin"] for s in catalogue["stock"] if s["gtin"] in gtins and s["on_hand"] > 0]
    return gtins[0], stocked


def test_order_on_the_phone_then_follow_it(
    phone_browser: Any, service: ServiceProcess, catalogue: dict, screenshots: Path, tmp_path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = phone_browser
    wait = WebDriverWait(driver, WAIT_S)
    first_gtin, stocked = warehouse_style(catalogue)
    with Api(service.url, service.kiosk_key) as kiosk:
        made = kiosk.post(
            "/v1/handoffs",
            json={
                "kiosk_id": service.kiosk_id,
                "store_id": service.store_id,
                "gtin": first_gtin,
                "language": "en",
            },
        )
        assert made.status_code == 201, made.text
    driver.get(handoff_link(service.url, made.json()["token"], "en"))
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form fieldset.sizes")))
    assert driver.execute_script("return window.innerWidth") == 390  # a phone's viewport
    driver.save_screenshot(str(screenshots / "phone-order.png"))

    # Pick a size with stock (a tap on its tile), then type the address with a bad postcode.
    size = stocked[-1]
    driver.find_element(By.CSS_SELECTOR, f"input[name=gtin][value='{size}']").find_element(
        By.XPATH, ".."
    ).click()
    fields = {
        "name": NAME,
        "street": "Lindenallee 3",
        "postcode": "123",
        "city": "Potsdam",
        "email": "paula.phone@example.org",
    }
    for name, value in fields.items():
        driver.find_element(By.ID, name).send_keys(value)
    Select(driver.find_element(By.ID, "country")).select_by_value("DE")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    error = wait.until(ec.presence_of_element_located((By.ID, "postcode-error")))
    assert error.text == "This postcode does not look right for Germany."
    assert driver.find_element(By.ID, "postcode").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "name").get_attribute("value") == NAME  # kept
    checked = driver.find_element(By.CSS_SELECTOR, "input[name=gtin]:checked")
    assert checked.get_attribute("value") == size  # the chosen size too
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", error)
    driver.save_screenshot(str(screenshots / "phone-order-errors.png"))

    postcode = driver.find_element(By.ID, "postcode")
    postcode.clear()
    postcode.send_keys("14467")
    ActionChains(driver).double_click(
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
    ).perform()  # the double tap
    wait.until(ec.url_contains("/m/s/"))
    status = wait.until(ec.presence_of_element_located((By.ID, "status")))
    assert status.text.endswith("reserved")
    number = driver.find_element(By.ID, "number").text
    driver.save_screenshot(str(screenshots / "phone-status.png"))

    client = InventoryClient(
        service.url,
        service.kiosk_key,
        kiosk_id=service.kiosk_id,
        store_id=service.store_id,
        outbox_path=tmp_path / "outbox.sqlite",
    )
    with client:
        staff = client.staff(service.staff_key)
        mine = [o for o in staff.orders() if o.ship_to.name == NAME]
        assert len(mine) == 1  # the double tap made one order
        assert mine[0].number == number and mine[0].lines[0].gtin == size
        staff.set_order_status(mine[0].id, OrderStatus.PAID, actor="test")

    driver.refresh()
    status = wait.until(ec.presence_of_element_located((By.ID, "status")))
    assert status.text.endswith("paid")
    assert NAME not in driver.page_source  # the status page shows nothing personal
    driver.save_screenshot(str(screenshots / "phone-status-paid.png"))
