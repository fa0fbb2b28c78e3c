"""Swagger UI at /docs renders in a real browser that can reach nothing but the service."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from services.vacancy.app import create_app
from services.vacancy.config import Settings
from tests.helpers import common_settings, sqlite_url

pytestmark = pytest.mark.browser


@pytest.fixture
def served_vacancy_app(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    app = create_app(Settings(common=common_settings("vacancy", sqlite_url(tmp_path, "v"))), testing=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_swagger_ui_renders_the_api_with_no_network_beyond_the_service(
    new_browser, served_vacancy_app
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser = new_browser()
    # Requests to any https:// address (a CDN) are blocked; the service itself is plain http.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*cdn*", "https://*"]})
    browser.get(f"{served_vacancy_app}/docs")
    title = WebDriverWait(browser, 60).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, ".swagger-ui .info .title"))
    )
    assert "Kohtaanto vacancy service" in title.text
    operations = browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    assert any("/api/v1/vacancies" in o.text for o in operations)
