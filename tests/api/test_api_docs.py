"""/docs serves Swagger UI from the app itself (swagger-ui-bundle), never from a CDN."""

from __future__ import annotations

import re


def test_the_docs_page_loads_only_assets_the_app_serves(vacancy_app) -> None:
    client = vacancy_app.test_client()
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
    }
    for asset in assets:
        assert asset.startswith("/docs/assets/"), asset
        served = client.get(asset)
        assert served.status_code == 200 and len(served.data) > 1000, asset
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost)", re.sub(r'"url": "[^"]*"', "", html))
    assert client.get("/docs/assets/../../config.py").status_code == 404
