"""What an employer sends the vacancy service in API tests, and what the tests read back: a valid vacancy's
body, a posting that must be taken, its warnings, and how many vacancies and events are stored. Shared by the
vacancy API's test files and the outside testers' ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from services.vacancy.repository import outbox, vacancies
from tests.helpers import WELDER, auth

EMPLOYER = auth("employer", "konepaja-oy")


def valid(**overrides: Any) -> dict[str, Any]:
    """A welder's vacancy in Tampere (837) that the service takes, with ``overrides`` put over its fields."""
    body: dict[str, Any] = {
        "title": "Hitsaaja (MIG/MAG)",
        "occupation_uri": WELDER,
        "description": "Hitsaustöitä konepajassa, kaksivuorotyö.",
        "municipality": "837",
        "working_time": "full_time",
        "openings": 2,
        "languages": [{"code": "fi", "level": "B1"}],
        "start_date": "2027-01-10",
        "application_deadline": "2026-12-20",
    }
    body.update(overrides)
    return body


def rows(app: Any) -> tuple[int, int]:
    """``(vacancies, outbox rows)`` stored in the vacancy ``app``'s database."""
    engine = app.extensions["kohtaanto.engine"]
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(vacancies)).scalar_one(),
            conn.execute(select(func.count()).select_from(outbox)).scalar_one(),
        )


def post_taken(app: Any, lang: str, **fields: Any) -> Any:
    """POST :func:`valid` with no required language and ``fields`` over it, as :data:`EMPLOYER` reading
    ``lang``; checks it was taken (201) and returns the answer."""
    body = valid(languages=[], **fields)
    r = app.test_client().post("/api/v1/vacancies", json=body, headers={**EMPLOYER, "Accept-Language": lang})
    assert r.status_code == 201, r.json
    return r


def warning(r: Any, code: str) -> dict[str, Any] | None:
    """The warning of ``code`` in the answer ``r`` (``None``: no such warning)."""
    return {w["code"]: w for w in r.json["warnings"]}.get(code)  # type: ignore[no-any-return]
