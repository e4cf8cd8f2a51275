"""Headless Chromium at a phone's size, driven by Selenium through chromedriver.

Debian's ``chromium`` and ``chromium-driver`` packages (``deploy/system-packages.sh``) are
used as they are: the driver's path is given, so Selenium downloads nothing. Where they
are missing the browser tests are skipped with the reason, except in CI (``CI=true``),
where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

#: A phone's viewport (CSS pixels) and pixel ratio.
PHONE = {"width": 390, "height": 844, "pixelRatio": 2}
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
#: Debian's chromium-driver, else Ubuntu's snap (``deploy/system-packages.sh``).
DRIVERS = ("chromedriver", "chromium.chromedriver")


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (deploy/system-packages.sh installs it)")
    pytest.skip(reason)


@pytest.fixture
def phone_browser(tmp_path: Path) -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    browser = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    driver_path = next((path for name in DRIVERS if (path := shutil.which(name))), None)
    if browser is None or driver_path is None:
        _missing("headless Chromium and chromedriver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",  # root in a container has no user namespaces for the sandbox
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(argument)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE})
    service = Service(executable_path=driver_path, log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where the test saves its screenshots: ``EA_SCREENSHOTS_DIR`` (``docs/images`` when
    refreshing the README's pictures), else the test's temporary directory."""
    folder = Path(os.environ.get("EA_SCREENSHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
