"""The methods answered at the edge and the metrics' bounded method and status labels (tester 37, K2, K3)."""

from __future__ import annotations

from flask import Flask, g

from shared import methods
from shared.metrics import status_label


def test_an_invented_method_is_one_other_label_value() -> None:
    for known in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        assert methods.metric_method(known) == known
    for odd in ("TRACE", "CONNECT", "PROPFIND", "XABCDEFGHIJKLMNOP", "get", "G" * 90, ""):
        assert methods.metric_method(odd) == "other"


def test_a_status_label_is_a_known_status_or_other() -> None:
    assert [status_label(s) for s in (200, 204, 401, 404, 405, 429, 503)] == [
        "200",
        "204",
        "401",
        "404",
        "405",
        "429",
        "503",
    ]
    assert {status_label(s) for s in (0, 99, 299, 600, 999, 10**6)} == {"other"}


def test_only_health_metrics_docs_and_assets_are_impersonal() -> None:
    for endpoint in ("health.live", "metrics.metrics", "api-docs.openapi_json", "static", "meetings.static"):
        assert methods.impersonal(endpoint), endpoint
    for endpoint in (
        None,
        "",
        "profiles.ProfileItem",
        "meetings.page",
        "rating_pages.rate",
        "staticx",
        "health",
    ):
        assert not methods.impersonal(endpoint), endpoint


def test_options_and_head_are_answered_before_any_later_hook_and_with_no_caller() -> None:
    app = Flask(__name__)
    methods.install(app)
    seen: list[str] = []

    @app.before_request
    def sign_in() -> None:
        seen.append("sign-in")

    @app.route("/api/v1/things/<thing_id>", methods=["GET", "PUT"])
    def thing(thing_id: str) -> str:
        seen.append("view")
        return thing_id

    @app.after_request
    def audit(response):  # type: ignore[no-untyped-def]
        seen.append(f"caller={g.get('principal', 'unset')}")
        return response

    client = app.test_client()
    r = client.options("/api/v1/things/t1")
    assert (r.status_code, r.data, set(r.headers["Allow"].split(", "))) == (
        200,
        b"",
        {"GET", "PUT", "OPTIONS"},  # no HEAD: it is a 405 here (outside tester 37b, L4)
    )
    r = client.head("/api/v1/things/t1")
    assert r.status_code == 405 and set(r.headers["Allow"].split(", ")) == {"GET", "PUT", "OPTIONS"}
    assert client.open("/api/v1/things/t1", method="TRACE").status_code == 405
    assert seen == ["caller=None", "caller=None", "sign-in", "caller=unset"]
    assert client.get("/api/v1/things/t1").data == b"t1"
