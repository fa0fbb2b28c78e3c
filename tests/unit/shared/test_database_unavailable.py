"""A database that is down, restarting or failing over is a 503 with ``Retry-After`` in the JSON error
shape, and a race lost on every retry a 409, never a 500; the readiness answer (open to anyone) names
a failed check's exception class, not its text (outside tester 6, G8: PostgreSQL stopped gave 500s,
and ``/health/ready`` showed the database's host and port)."""

import pytest
from flask import Flask
from sqlalchemy.exc import InterfaceError, OperationalError

from shared.db import ConcurrentChangeError
from shared.http import create_api, health_blueprint

DRIVER_TEXT = 'connection to server at "10.1.2.3", port 25461 failed: Connection refused'


def app_raising(exc: Exception) -> Flask:
    app = Flask(__name__)
    create_api(app, "test")

    @app.get("/things")
    def things():
        raise exc

    return app


@pytest.mark.parametrize(
    "exc",
    [
        OperationalError("SELECT 1", {}, Exception(DRIVER_TEXT)),
        InterfaceError("SELECT 1", {}, Exception(DRIVER_TEXT)),
    ],
)
def test_a_database_that_is_down_is_a_503_to_retry_without_the_drivers_text(exc):
    r = app_raising(exc).test_client().get("/things")
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert set(r.json) == {"code", "status", "message", "errors"}
    assert "10.1.2.3" not in r.get_data(as_text=True)


def test_a_race_lost_on_every_retry_is_a_409_to_send_again():
    r = (
        app_raising(ConcurrentChangeError("profile p1 changed since version 3 was read"))
        .test_client()
        .get("/things")
    )
    assert r.status_code == 409 and r.headers["Retry-After"] == "1"
    assert "p1" not in r.json["message"]


def test_the_readiness_answer_names_a_failed_checks_class_not_its_text():
    app = Flask(__name__)
    create_api(app, "test")

    def database():
        raise OperationalError("SELECT 1", {}, Exception(DRIVER_TEXT))

    app.register_blueprint(health_blueprint({"database": database}, required={"database"}))
    r = app.test_client().get("/health/ready")
    assert r.status_code == 503
    assert r.json["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert "10.1.2.3" not in r.get_data(as_text=True)
