"""A matching app for API tests (no broker: ``start_feed=False``) and a small world to put in it:
vacancies and pseudonymous candidates applied to its state as the feed would apply them."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from unittest import mock

from services.matching import app as app_module
from services.matching.app import create_app
from services.matching.config import Settings
from services.matching.index.domain import engine as engine_module
from services.matching.index.reference import load_recognizer, load_taxonomy, load_title_reader
from shared.config import REPO_ROOT
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from tests.api.databases import migrated
from tests.helpers import MATCHING_KEY, WELDER, common_settings

VACANCIES = "kohtaanto.vacancies.v1"
CANDIDATES = "kohtaanto.candidates.v1"
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # Tuesday of ISO week 2026-W48


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@functools.cache
def _taxonomy(*_: Any) -> Any:
    return load_taxonomy()


@functools.cache
def _recognizer(*_: Any, **__: Any) -> Any:
    return load_recognizer(_taxonomy())


@functools.cache
def _title_reader(*_: Any) -> Any:
    return load_title_reader(_taxonomy(), _recognizer())


_SPACES: list[tuple[Any, Any, Any, Any]] = []  # (taxonomy, params, title reader, their skill space)
_build_skill_space = engine_module.build_skill_space


def _skill_space(taxonomy: Any, params: Any, titles: Any = None) -> Any:
    """`vectors.build_skill_space`, once per taxonomy, `RankingParams` and title reader in the test
    process (about a third of each matching app's start). The space is read-only: a frozen dataclass
    whose lazy parts (`functools.cached_property`) derive from these same inputs, so every app
    built on it ranks as one built on a space of its own. Raises what `build_skill_space` raises."""
    for known, known_params, known_titles, space in _SPACES:
        if known is taxonomy and known_params == params and known_titles is titles:
            return space
    space = _build_skill_space(taxonomy, params, titles)
    _SPACES.append((taxonomy, params, titles, space))
    return space


def matching_app(
    database_url: str, clock: Clock, rate_limits: Any = None, cors_origins: tuple[str, ...] = ()
) -> Any:
    """The app, with the taxonomy, recogniser, title reader and skill space made once per test session
    (they are read-only);
    `rate_limits`: `RateLimitSettings` instead of the defaults; `cors_origins`: the
    ``KOHTAANTO_CORS_ORIGINS``."""
    common = common_settings("matching", migrated(database_url, "matching"))
    if rate_limits is not None:
        common = common.model_copy(update={"rate_limits": rate_limits})
    if cors_origins:
        common = common.model_copy(update={"cors_origins": cors_origins})
    settings = Settings(
        common=common,
        cache_dir=REPO_ROOT / ".cache" / "matching",
        start_feed=False,
        record_key=MATCHING_KEY,
    )
    with (
        mock.patch.object(app_module, "load_taxonomy", _taxonomy),
        mock.patch.object(app_module, "load_recognizer", _recognizer),
        mock.patch.object(app_module, "load_title_reader", _title_reader),
        mock.patch.object(engine_module, "build_skill_space", _skill_space),
    ):
        return create_app(settings, testing=True, clock=clock)


def essential(occupation: str, n: int) -> list[str]:
    return list(_taxonomy().occupation_skills(occupation)[0][:n])


def apply(
    app: Any,
    topic: str,
    key: str,
    event_type: str | None,
    payload: dict[str, Any] | None,
    *,
    buffered: bool = False,
) -> None:
    """Apply one record to ``app``'s index as the feed would; ``buffered``: as one record of a poll
    (a candidate is indexed by `end_poll`, with the poll's others), else indexed at once."""
    state = app.extensions["kohtaanto.matching.state"]
    envelope = None if payload is None else Envelope(event_type or "", key, payload, "test")
    state.apply(Record(topic, 0, 0, key, envelope), buffered=buffered)


def end_poll(app: Any) -> None:
    """What the feed does after each poll: index the poll's buffered candidates as one batch (one
    rebuild and one rewarm of the vacancies asked about, not one per candidate), then read the
    waiting vacancies' texts."""
    state = app.extensions["kohtaanto.matching.state"]
    state.flush()
    state.enrich_pending()


def vacancy(
    app: Any,
    vacancy_id: str,
    *,
    occupation: str = WELDER,
    title: str = "Hitsaaja",
    municipality: str = "837",
    region: str = "pirkanmaa",
    version: int = 1,
    status: str = "open",
    close_reason: str | None = None,
    skills: Iterable[str] | None = None,
    openings: int = 2,
    start_date: str | None = "2027-01-11",
    description: str = "",
    rejected_skills: Iterable[str] = (),
    event_type: str | None = None,
    optional_skills: Iterable[str] = (),
    **extra: Any,
) -> None:
    """Apply a ``vacancy.*`` event (``event_type``: by default posted at version 1, else updated);
    ``skills`` are essential, ``optional_skills`` not; ``extra``: more payload fields (``work_mode``,
    ``other_municipalities``, ``salary``, ...)."""
    payload = {
        "vacancy_id": vacancy_id,
        "version": version,
        "employer_org": "konepaja-oy",
        "status": status,
        "close_reason": close_reason,
        "title": title,
        "occupation_uri": occupation,
        "description": description,
        "municipality": municipality,
        "region": region,
        "working_time": "full_time",
        "openings": openings,
        "skills": [
            {"uri": u, "essential": True}
            for u in (skills if skills is not None else essential(occupation, 8))
        ]
        + [{"uri": u, "essential": False} for u in optional_skills],
        "languages": [{"code": "fi", "level": "B1"}],
        "start_date": start_date,
        "application_deadline": "2026-12-20",
        "updated_at": NOW.isoformat(),
    }
    if rejected_skills:
        payload["rejected_skills"] = list(rejected_skills)
    payload.update(extra)
    kind = event_type or ("vacancy.posted" if version == 1 else "vacancy.updated")
    apply(app, VACANCIES, vacancy_id, kind, payload)


def pid(name: str) -> str:
    """A test candidate's pseudonymous id ("c-" and 24 hex digits, as the candidates topic's reader
    requires) derived from a readable `name`."""
    return "c-" + hashlib.sha256(name.encode()).hexdigest()[:24]


def candidate(
    app: Any,
    candidate_id: str,
    *,
    skills: Iterable[str],
    municipality: str = "837",
    consent: Iterable[str] = ("agency-a",),
    version: int = 1,
    status: str = "active",
    history: str | None = WELDER,
    available_from: str = "2026-11-01",
    max_commute_km: int = 50,
    buffered: bool = False,
) -> None:
    """Apply a ``candidate.upserted`` event (``buffered``: as part of a poll, see `apply`)."""
    payload = {
        "candidate_id": candidate_id,
        "version": version,
        "status": status,
        "skills": [{"uri": u, "level": "advanced"} for u in skills],
        "suggested_skills": [],
        "work_history": [{"occupation_uri": history, "years": 5, "ended_year": 2025}] if history else [],
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": municipality,
        "max_commute_km": max_commute_km,
        "available_from": available_from,
        "working_time": "any",
        "consented_orgs": sorted(consent),
    }
    apply(app, CANDIDATES, candidate_id, "candidate.upserted", payload, buffered=buffered)


def second_welder(app: Any, candidate_id: str, *, consent: Iterable[str], version: int) -> None:
    """Re-publish ``candidate_id`` as ``welders`` makes the second one (a welder lacking one of the
    welder's essential skills), now consenting to ``consent``, at ``version``."""
    candidate(app, candidate_id, skills=essential(WELDER, 100)[:-1], consent=consent, version=version)


def welders(app: Any, n: int = 6) -> list[str]:
    """``n`` welder candidates in Tampere, in rank order: three experienced welders claiming all of
    the welder's essential skills but zero, one, two, then people without welding experience who
    claim all but two, four, six … of them (near matches: they lack a few essential skills). Applied
    as one poll of the feed (one batch: an index rebuild and a rewarm per candidate cost each
    matching test 0.15 CPU-s, one per poll 0.03)."""
    skills = essential(WELDER, 100)
    ids = [f"c-{i:024x}" for i in range(1, n + 1)]
    for i, cid in enumerate(ids):
        if i < 3:
            candidate(app, cid, skills=skills[: len(skills) - i], buffered=True)
        else:
            candidate(app, cid, skills=skills[: len(skills) - 2 * (i - 2)], history=None, buffered=True)
    end_poll(app)
    return ids


def welders_world(database_url: str, n: int = 6, clock: Clock | None = None) -> Any:
    """The app with one welder's vacancy in Tampere (``v-weld``, :func:`vacancy`'s defaults) and ``n`` welders
    (:func:`welders`; ``app.candidate_ids``: the welders, best first). A new app and database each call."""
    app = matching_app(database_url, clock or Clock())
    vacancy(app, "v-weld")
    app.candidate_ids = welders(app, n)
    return app


def post_outcome(
    client: Any,
    headers: dict[str, str],
    candidate_id: str,
    status: str = "contacted",
    vacancy_id: str = "v-weld",
    **more: Any,
) -> Any:
    """POST an outcome (``status`` and any of reason, comment, follow_up …) for ``candidate_id`` on
    ``vacancy_id`` as ``headers``'s caller; returns the answer, whatever its status."""
    return client.post(
        f"/api/v1/vacancies/{vacancy_id}/outcomes",
        headers=headers,
        json={"candidate_id": candidate_id, "status": status, **more},
    )


def record_outcome(
    client: Any,
    headers: dict[str, str],
    candidate_id: str,
    status: str,
    vacancy_id: str = "v-weld",
    **more: Any,
) -> None:
    """POST an outcome (``status`` and any of reason, comment, follow_up …) for ``candidate_id`` on
    ``vacancy_id`` as ``headers``'s caller, and check it was recorded (201)."""
    r = post_outcome(client, headers, candidate_id, status, vacancy_id, **more)
    assert r.status_code == 201, r.json


SHORTAGE_CSV = (
    "occupation,region,period,level\n7212,national,2026H2,shortage\n2221,pirkanmaa,2026H2,severe_shortage\n"
)


def welding_shortage_world(database_url: str, clock: Clock | None = None) -> Any:
    """The app with one welder's vacancy in Tampere, six welders and the shortage list that flags
    welders (``app.candidate_ids``: the welders, best first)."""
    from tests.helpers import auth

    app = matching_app(database_url, clock or Clock())
    vacancy(app, "v-weld", openings=3)
    app.candidate_ids = welders(app)
    r = app.test_client().post(
        "/api/v1/shortages",
        data=SHORTAGE_CSV,
        headers={**auth("operator", "kohtaanto"), "Content-Type": "text/csv"},
    )
    assert r.status_code == 201, r.json
    return app
