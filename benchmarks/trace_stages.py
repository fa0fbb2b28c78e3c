"""Which modules of the ranking domain one shortlist request enters, in order, and how often.

    python -m benchmarks.trace_stages                 # 5 demo vacancies over 3,000 demo profiles
    python -m benchmarks.trace_stages --vacancies 20

A module is *entered* when a Python call goes from code outside it into a function defined in it
(calls within a module, and into numpy, scipy or numba, do not count). The trace lists every
entry into the modules of ``services/matching/**/domain/`` while the index's use case
(`MatchingHandlers.shortlist`) runs, so stages that call each other back and forth show up as
repeated entries. Measured with `sys.setprofile` after a warm-up call of the same request (so
one-off compilation and caches are not counted), on the demo data (`deploy/demo_data.py`) applied
as the vacancy and profile services publish it. Only public interfaces are used, so the tool runs
on earlier layouts of the service too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from deploy import demo_data
from services.matching.app import create_app
from services.matching.config import Settings
from services.profile.domain import Profile, ProfileDetails
from services.vacancy.domain import POSTED, Vacancy, VacancyDetails, VacancyEvent
from shared.auth import Principal, Role
from shared.config import REPO_ROOT, AuthSettings, CommonSettings, KafkaSettings
from shared.messaging.consumer import Record
from shared.messaging.envelope import Envelope
from shared.reference import municipalities

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
STAGES = ("query", "pool", "filters", "scoring", "explain")


def _domain_module(frame: FrameType) -> str | None:
    path = Path(frame.f_code.co_filename)
    if "domain" in path.parts and "matching" in path.parts:
        return path.stem
    return None


def trace(call: Callable[[], Any]) -> list[str]:
    """The domain modules entered, in order, while `call()` runs."""
    entered: list[str] = []

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event != "call":
            return
        module = _domain_module(frame)
        if module is not None and (frame.f_back is None or _domain_module(frame.f_back) != module):
            entered.append(module)

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return entered


def _app(profiles: int) -> Any:
    common = CommonSettings(
        service="matching",
        database_url="sqlite://",
        kafka=KafkaSettings(bootstrap_servers="127.0.0.1:1", client_id="trace"),
        auth=AuthSettings(jwt_secret="trace-signing-key-0123456789abcdef0123456789"),
        reference_dir=REPO_ROOT / "data",
    )
    app = create_app(
        Settings(
            common=common,
            cache_dir=REPO_ROOT / ".cache" / "matching",
            start_feed=False,
            record_key=b"benchmark-matching-record-key-0123456789",
        )
    )
    taxonomy = app.extensions["kohtaanto.matching.taxonomy"]
    state = app.extensions["kohtaanto.matching.state"]

    def apply(topic: str, key: str, event_type: str, payload: dict[str, Any]) -> None:
        state.apply(Record(topic, 0, 0, key, Envelope(event_type, key, payload, "trace")))

    for i, (coach, pid, body) in enumerate(demo_data.profiles(taxonomy, NOW.date(), profiles)):
        details = ProfileDetails.from_dict({"suggested_skills": [], **body})
        p = Profile.create(pid, f"c-{i:06d}", coach, details, NOW)
        apply(state.candidates_topic, p.candidate_id, "candidate.upserted", p.for_matching())
    towns = municipalities(REPO_ROOT / "data")
    for i, (org, body) in enumerate(demo_data.vacancies(taxonomy, NOW.date())):
        details = VacancyDetails.from_dict({**body, "region": towns[body["municipality"]].region})
        event = VacancyEvent(POSTED, Vacancy.post(f"v-{i:04d}", org, details, NOW))
        apply(state.vacancies_topic, event.key, POSTED, event.payload())
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=3000)
    parser.add_argument("--vacancies", type=int, default=5)
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv)
    handlers = _app(args.profiles).extensions["kohtaanto.matching.handlers"]
    callers = (
        Principal("t", Role.TEAM_MEMBER, "city"),
        Principal("r", Role.RECRUITER, demo_data.AGENCIES[0]),
    )
    ids = sorted(r.vacancy_id for r in handlers.state.vacancies())[: args.vacancies]
    total: Counter[str] = Counter()
    requests = 0
    for caller in callers:
        for vacancy_id in ids:

            def request(caller: Principal = caller, vacancy_id: str = vacancy_id) -> Any:
                return handlers.shortlist(caller, vacancy_id, 50)

            request()  # warm-up
            entered = trace(request)
            counts = Counter(entered)
            total.update(counts)
            requests += 1
            if not args.quiet:
                print(
                    f"{caller.role.value:12} {vacancy_id}: {len(entered)} entries  "
                    + "  ".join(f"{m} {n}" for m, n in sorted(counts.items()))
                )
                print("    " + " > ".join(entered))
    print(f"\nmean entries per request over {requests} requests:")
    for module, n in sorted(total.items(), key=lambda x: -x[1]):
        print(f"  {module:12} {n / requests:5.2f}{'  (stage)' if module in STAGES else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
