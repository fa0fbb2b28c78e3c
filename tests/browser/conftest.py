"""Real headless Chromium (Debian's package, driven by Selenium) against real services.

The browser tests run their own stack (same session broker) so that their region's meeting holds only
their own data. Selenium is given Debian's chromedriver and chromium explicitly, so Selenium Manager
never downloads anything; ``deploy/ensure-test-tools.sh`` (run by ``make test``) installs them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from deploy.stack import Stack
from tests.helpers import JWT_SECRET, MATCHING_KEY, PSEUDONYM_KEY, TEST_ORGANISATIONS

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def taxonomy() -> Any:
    from services.matching.index.reference import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="module")
def browser_stack(kafka_broker, tmp_path_factory, free_ports) -> Iterator[Stack]:
    ports = dict(zip(("vacancy", "profile", "matching"), free_ports(3), strict=True))
    stack = Stack.on_broker(
        kafka_broker,
        tmp_path_factory.mktemp("browser-stack"),
        ports=ports,
        env={
            "KOHTAANTO_JWT_SECRET": JWT_SECRET,
            "KOHTAANTO_PSEUDONYM_KEY": PSEUDONYM_KEY.decode(),
            "KOHTAANTO_MATCHING_KEY": MATCHING_KEY.decode(),
            "KOHTAANTO_ORGANISATIONS_FILE": str(TEST_ORGANISATIONS),
        },
    )
    try:
        stack.start(timeout=240)
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def new_browser(tmp_path_factory) -> Iterator[Callable[..., Any]]:
    """Opens headless Chromium sessions (each with its own profile: no shared cookies); closes them all."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail(
            "Chromium and ChromeDriver are missing: run `make test` (deploy/ensure-test-tools.sh installs them)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    drivers: list[Any] = []

    def open_one(language: str = "fi-FI") -> Any:
        """``language``: the browser's UI language and Accept-Language (as a Finnish user's)."""
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        options.add_experimental_option("prefs", {"intl.accept_languages": f"{language},{language[:2]}"})
        options.add_argument(f"--lang={language}")
        for arg in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1600,1200",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
        ):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        driver.set_page_load_timeout(60)
        drivers.append(driver)
        return driver

    try:
        yield open_one
    finally:
        for driver in drivers:
            driver.quit()
        for path in tmp_path_factory.getbasetemp().glob("chromium*"):
            shutil.rmtree(path, ignore_errors=True)
