"""The ranking benchmark through the services' own path: what a team re-running its benchmark
through the HTTP APIs gets.

    python -m benchmarks.ranking_quality --families indep-1,indep-2 --rankers engine,service \\
        --candidates 5000 --vacancies 100

The ``service`` ranker takes a family's generated candidates and vacancies (`benchmarks.ranking_families`)
the way users bring them in: each candidate is a ``PUT /api/v1/profiles/<id>`` by a coach (claimed
skills with levels, work history, Tampere, consent to the recruiter's agency), each vacancy a
``POST /api/v1/vacancies`` by an employer (the variant's occupation, skills or title and
description); the profile and vacancy services' outbox rows are handed to the matching service's
index feed as its consumer would (`MatchingState.apply`, then the feed's enrichment of vacancy
texts), and the recruiter reads ``GET /api/v1/vacancies/<id>/shortlist?k=10``. Everything runs
in-process (Flask test clients, SQLite in a temporary folder, no broker: Kafka's part is tested by
the integration and end-to-end tiers), so any difference from the ``engine`` ranker, which calls
`MatchingEngine.shortlist` on the generated records directly, is made by the services' schemas,
events, defaults, filters and rendering.

What the HTTP path needs that the generator leaves open is filled as a coach and an employer would:
a name, education ``vocational``, ``max_commute_km`` 100 (everyone lives where the job is), title
"Job opening" for a vacancy given by its skills only (the API requires a title; a generic one names
no occupation).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from services.matching.app import create_app as create_matching_app
from services.matching.config import Settings as MatchingSettings
from services.matching.index.domain.model import Candidate, Vacancy
from services.matching.index.domain.taxonomy import Taxonomy
from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.profile.repository import outbox as profile_outbox
from services.vacancy.app import create_app as create_vacancy_app
from services.vacancy.config import Settings as VacancySettings
from services.vacancy.repository import outbox as vacancy_outbox
from shared.config import REPO_ROOT, CommonSettings, RateLimitSettings
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from tests.helpers import MATCHING_KEY, PSEUDONYM_KEY, auth, common_settings, sqlite_url

COACH_ORG, AGENCY, EMPLOYER_ORG = "tampere-tyollisyys", "agency-a", "konepaja-oy"
K = 10
SKILLS_ONLY_TITLE = "Job opening"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def profile_body(c: Candidate, number: int) -> dict[str, Any]:
    """The coach's ``PUT`` body for a generated candidate."""
    return {
        "personal": {"name": f"Jobseeker {number}"},
        "skills": [{"uri": s.uri, "level": s.level} for s in c.skills],
        "work_history": [
            {"occupation_uri": w.occupation_uri, "years": w.years, "ended_year": w.ended_year}
            for w in c.experience
        ],
        "education_level": "vocational",
        "languages": [{"code": "fi", "level": "native"}],
        "municipality": c.municipality,
        "max_commute_km": 100,
        "available_from": c.available_from.isoformat(),
        "working_time": "any",
        "consented_orgs": [AGENCY],
    }


def vacancy_body(v: Vacancy, text: str | None) -> dict[str, Any]:
    """The employer's ``POST`` body for a generated vacancy of any variant."""
    body: dict[str, Any] = {
        "title": v.title or SKILLS_ONLY_TITLE,
        "municipality": v.municipality,
        "working_time": "full_time",
        "openings": 1,
    }
    if v.occupation_uri:
        body["occupation_uri"] = v.occupation_uri
    if v.skills:
        body["skills"] = [{"uri": s.uri, "essential": s.essential} for s in v.skills]
    if text:
        body["description"] = text
    return body


def _common(service: str, home: Path) -> CommonSettings:
    """Test settings without the per-caller rate limits (one coach pushes thousands of profiles)."""
    common = common_settings(service, sqlite_url(home, service))
    return common.model_copy(update={"rate_limits": RateLimitSettings(enabled=False)})


class ServicePath:
    """The three services in-process, sharing one temporary folder; events relayed by hand."""

    def __init__(self, home: Path, today: datetime) -> None:
        clock = Clock(today)
        self.profile = create_profile_app(
            ProfileSettings(common=_common("profile", home), pseudonym_key=PSEUDONYM_KEY),
            testing=True,
        )
        self.vacancy = create_vacancy_app(VacancySettings(common=_common("vacancy", home)), testing=True)
        self.matching = create_matching_app(
            MatchingSettings(
                common=_common("matching", home),
                cache_dir=REPO_ROOT / ".cache" / "matching",
                start_feed=False,
                record_key=MATCHING_KEY,
            ),
            testing=True,
            clock=clock,
        )
        self.state = self.matching.extensions["kohtaanto.matching.state"]
        self._relayed = {"profile": 0, "vacancy": 0}

    def relay(self) -> None:
        """Hand every new outbox row of the profile and vacancy services to matching's index feed
        (only the topics the feed reads; other events are not matching's)."""
        feed_topics = {"kohtaanto.candidates.v1", "kohtaanto.vacancies.v1"}
        for name, app, table in (
            ("profile", self.profile, profile_outbox),
            ("vacancy", self.vacancy, vacancy_outbox),
        ):
            with app.extensions["kohtaanto.engine"].connect() as conn:
                rows = conn.execute(
                    select(table).where(table.c.id > self._relayed[name]).order_by(table.c.id)
                ).all()
            for row in rows:
                self._relayed[name] = row.id
                if row.topic not in feed_topics:
                    continue
                envelope = None if row.value is None else Envelope.decode(row.value)
                self.state.apply(Record(row.topic, 0, row.id, row.message_key, envelope), buffered=True)
            self.state.flush()
        self.state.enrich_pending(None)


def service_ranker(taxonomy: Taxonomy, p: Any) -> Callable[[str, int], np.ndarray]:
    """A `benchmarks.ranking_quality` ranker over the services' HTTP path (module docstring)."""
    from benchmarks.ranking_families import REFERENCE_DAY, VARIANTS

    home = Path(tempfile.mkdtemp(prefix="kohtaanto-service-ranking-"))
    path = ServicePath(home, datetime.combine(REFERENCE_DAY, datetime.min.time(), UTC).replace(hour=9))
    coach = path.profile.test_client()
    employer = path.vacancy.test_client()
    recruiter = path.matching.test_client()
    coach_auth, employer_auth = auth("coach", COACH_ORG), auth("employer", EMPLOYER_ORG)
    recruiter_auth = auth("recruiter", AGENCY)

    position: dict[str, int] = {}
    for i, c in enumerate(p.data.candidates):
        r = coach.put(f"/api/v1/profiles/bench-{i}", json=profile_body(c, i), headers=coach_auth)
        if r.status_code not in (200, 201):
            raise RuntimeError(f"profile {i}: {r.status_code} {r.get_data(as_text=True)[:500]}")
        position[r.get_json()["candidate_id"]] = i
        if i % 500 == 499:
            path.relay()
    ids: dict[str, list[str]] = {v: [] for v in VARIANTS}
    for variant in VARIANTS:
        for v, text in zip(
            p.data.vacancies[variant],
            p.data.vacancy_texts if variant == "text" else [None] * len(p.data.vacancies[variant]),
            strict=True,
        ):
            r = employer.post("/api/v1/vacancies", json=vacancy_body(v, text), headers=employer_auth)
            if r.status_code != 201:
                raise RuntimeError(f"vacancy: {r.status_code} {r.get_data(as_text=True)[:500]}")
            ids[variant].append(r.get_json()["id"])
    path.relay()

    def rank(variant: str, i: int) -> np.ndarray:
        r = recruiter.get(f"/api/v1/vacancies/{ids[variant][i]}/shortlist?k={K}", headers=recruiter_auth)
        if r.status_code != 200:
            raise RuntimeError(f"shortlist: {r.status_code} {r.get_data(as_text=True)[:500]}")
        return np.asarray([position[e["candidate_id"]] for e in r.get_json()["entries"]], dtype=np.int64)

    return rank
