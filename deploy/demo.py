"""``make demo``: the three services on this machine with a realistic demo loaded, and where to look.

    python -m deploy.demo up      # start (or restart) the services, load the demo once, print URLs
    python -m deploy.demo down    # stop the services (the Makefile then stops the broker)

Expects the local broker from ``python -m deploy.kafka.broker start``. State lives in ``.demo/``.
"""

from __future__ import annotations

import argparse
import json
import secrets
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from deploy.http_client import call
from deploy.stack import DEFAULT_PORTS, SERVICES, Stack, service_of
from services.kernel.calendar import local_day
from shared.auth import Principal, Role, TokenCodec

REPO_ROOT = Path(__file__).resolve().parent.parent
HOME = REPO_ROOT / ".demo"
SHORTAGE_SEED = REPO_ROOT / "data" / "barometer" / "fi_shortage_occupations_national_illustrative.csv"
SHORTAGE_SOURCE = (
    "illustrative national data from press mentions of the Occupational Barometer 2021–2022, "
    "not an official regional table"
)
DEMO_REGION = "pirkanmaa"


def _secrets() -> dict[str, str]:
    path = HOME / "secrets.json"
    if not path.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "KOHTAANTO_JWT_SECRET": secrets.token_urlsafe(48),
                    "KOHTAANTO_PSEUDONYM_KEY": secrets.token_urlsafe(48),
                    "KOHTAANTO_MATCHING_KEY": secrets.token_urlsafe(48),
                }
            )
        )
        path.chmod(0o600)
    kept = json.loads(path.read_text())
    if "KOHTAANTO_MATCHING_KEY" not in kept:  # a demo home from before matching had a key of its own
        kept["KOHTAANTO_MATCHING_KEY"] = secrets.token_urlsafe(48)
        path.write_text(json.dumps(kept))
        path.chmod(0o600)
    return kept


def _stack(ports: list[int] | None = None) -> Stack:
    """The demo's stack: its ports as given (kept in .demo/ports.json for the next commands), else
    as last given, else 8001-8003; the broker of ``make broker`` on the port it was started with."""
    from deploy.kafka.broker import DEFAULT_HOME, DEFAULT_PORT, LocalBroker

    saved = HOME / "ports.json"
    if ports:
        HOME.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(dict(zip(("vacancy", "profile", "matching"), ports, strict=True))))
    chosen = json.loads(saved.read_text()) if saved.exists() else dict(DEFAULT_PORTS)
    try:
        broker_port = int((DEFAULT_HOME / "broker.port").read_text().strip())
    except (OSError, ValueError):
        broker_port = DEFAULT_PORT
    broker = LocalBroker(DEFAULT_HOME, broker_port)
    return Stack.on_broker(broker, HOME, ports=chosen, env=stack_env(_secrets()))


def stack_env(secrets_: dict[str, str]) -> dict[str, str]:
    """The demo services' environment: their secrets, and a write limit for a bulk load (the demo loads
    thousands of profiles through the API as one coach per organisation, a bulk integration allowed
    more writes than a person; shared/ratelimit.py). Late preparation is not in it: the running demo
    refuses to prepare a week that has ended, as production does (``LATE_PREPARE``)."""
    return {**secrets_, "KOHTAANTO_RATE_LIMIT_WRITE": "100000 per hour"}


#: Matching's environment while the demo seeds last week's meeting, and only then: the demo has no
#: last week, so it prepares that week's meeting afterwards to show a week's changes (a 422 without
#: it). ``MeetingDemo.prepare_last_week`` runs matching with it for that one preparation and restarts
#: it without (session 22: the demo's matching kept late preparation on for its whole life).
LATE_PREPARE = {"KOHTAANTO_MEETING_LATE_PREPARE": "1"}


def _say(message: str) -> None:
    print(f"demo: {message}", flush=True)


class Loader:
    def __init__(self, stack: Stack, codec: TokenCodec) -> None:
        self.stack = stack
        self.codec = codec

    def token(self, role: Role, org: str, sub: str | None = None) -> str:
        return self.codec.mint(Principal(sub or f"{role.value}@{org}", role, org))

    def call(self, method: str, url: str, token: str, body: Any = None) -> Any:
        response = call(method, url, token, body)
        if response.status >= 400:
            raise RuntimeError(f"{method} {url} -> {response.status}: {response.body[:500]!r}")
        return response.json()

    def load(self, profile_count: int) -> dict[str, int]:
        from deploy import demo_data
        from services.matching.index.reference import load_taxonomy

        taxonomy = load_taxonomy()
        today = local_day(datetime.now(UTC))
        vacancies = demo_data.vacancies(taxonomy, today)
        for org, body in vacancies:
            self.call(
                "POST", f"{self.stack.url('vacancy')}/api/v1/vacancies", self.token(Role.EMPLOYER, org), body
            )
        _say(f"posted {len(vacancies)} vacancies from {len(demo_data.EMPLOYERS)} employers")
        people = demo_data.profiles(taxonomy, today, profile_count)

        def push(item: tuple[str, str, dict[str, Any]]) -> None:
            org, pid, body = item
            self.call(
                "PUT", f"{self.stack.url('profile')}/api/v1/profiles/{pid}", self.token(Role.COACH, org), body
            )

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(push, people))
        _say(f"pushed {len(people)} jobseeker profiles in {time.monotonic() - started:.1f} s")
        return {"vacancies": len(vacancies), "profiles": len(people)}

    def wait_for_index(self, expected: int, timeout: float = 180.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            status = call("GET", f"{self.stack.url('matching')}/health/ready").json()["checks"]["index"]
            if status["candidates"] >= expected and not status.get("vacancies_to_enrich"):
                return status  # (and every vacancy's text read: the meeting is prepared next)
            time.sleep(1)
        return status


def up(profile_count: int, ports: list[int] | None = None) -> int:
    stack = _stack(ports)
    if stack.pid_file.exists():
        _say("stopping the services of an earlier demo run")
        stack.stop()
    prepare_reference(stack)
    _say("starting vacancy, profile and matching services (gunicorn) and their workers")
    # a fresh load seeds last week's meeting first: matching starts with late preparation on, and is
    # restarted without it once that meeting is stored (MeetingDemo.prepare_last_week)
    fresh = not (HOME / "loaded").exists()
    stack.start(timeout=300, env={"matching": LATE_PREPARE} if fresh else None)
    load(stack, _secrets(), profile_count, HOME)
    return 0


def prepare_reference(stack: Stack) -> None:
    """Build the matching service's reference caches before its processes start
    (``python -m services.matching.prepare``, in the matching service's environment): on a fresh
    machine embedding ESCO's skill labels takes 10–20 CPU-minutes (once per machine, kept in
    ``~/.cache/kohtaanto``), longer than a service start may take; a later run reads them in seconds.
    An outside tester's first ``make demo`` stopped with "not ready after 300 s: matching" while the
    services were still embedding.

    Raises ``subprocess.CalledProcessError`` when the preparation fails (its log is on stderr)."""
    _say(
        "preparing matching's reference data (ESCO taxonomy, skill recogniser); the first run on a "
        "machine embeds ESCO's skill labels: 10-20 CPU-minutes, later runs a few seconds"
    )
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "services.matching.prepare"],
        cwd=REPO_ROOT,
        env=stack.service_env("matching"),
        check=True,
    )
    _say(f"reference data ready in {time.monotonic() - started:.0f} s")


def load(stack: Stack, secrets_: dict[str, str], profile_count: int, home: Path) -> dict[str, Any]:
    """Load the demo into running services once (a second call finds it loaded and prepares this week's
    meeting only if it is not stored yet), print where to look and write the demo's tokens to ``home/tokens.json``.

    ``secrets_`` holds the services' ``KOHTAANTO_JWT_SECRET`` and ``KOHTAANTO_PSEUDONYM_KEY``. Returns
    what was done: ``{"fresh": bool, "week": "YYYY-Www", "outcomes": int, "ratings": int,
    "candidates": int, "rating_link": str | None}``. Raises RuntimeError when a service refuses a request (the demo's data is
    valid, so that is a bug)."""
    loader = Loader(stack, TokenCodec(secrets_["KOHTAANTO_JWT_SECRET"]))
    fresh = False
    marker = home / "loaded"  # written once the whole demo is in: a vacancy someone posted to a
    if marker.exists():  # half-started demo no longer passes for it (an outside tester)
        _say("demo data already loaded (delete .demo/ and the broker's data to start afresh)")
    else:
        loader.load(profile_count)
        marker.write_text(datetime.now(UTC).isoformat() + "\n")
        fresh = True
    index = loader.wait_for_index(int(profile_count * 0.9))
    _say(f"matching index: {index['candidates']} candidates, {index['vacancies']} vacancies")
    meeting = MeetingDemo(stack, loader)
    week = meeting.run(fresh)
    journeys, ratings = _journeys(
        stack, loader, profile_count, fresh, week, secrets_["KOHTAANTO_PSEUDONYM_KEY"]
    )
    _print_where_to_look(stack, loader, week, journeys, home)
    return {
        "fresh": fresh,
        "week": week,
        "outcomes": meeting.recorded,
        "ratings": ratings,
        "candidates": index["candidates"],
        "rating_link": journeys.get("rating_link"),
    }


def _journeys(
    stack: Stack, loader: Loader, profile_count: int, fresh: bool, week: str, pseudonym_key: str
) -> tuple[dict[str, str], int]:
    """Service paths, the voucher pilot, the training catalogue and a week of ratings (issue 13)."""
    from deploy import demo_data
    from deploy.demo_journeys import COACH_ORG, JourneyDemo
    from services.matching.index.reference import load_taxonomy
    from services.profile.domain import pseudonym

    taxonomy = load_taxonomy()
    people = demo_data.profiles(taxonomy, local_day(datetime.now(UTC)), profile_count) if fresh else []
    key = pseudonym_key.encode()
    journeys = JourneyDemo(stack, loader, taxonomy, people)
    links = journeys.run(fresh, week, lambda pid: pseudonym(key, COACH_ORG, pid))
    return links, journeys.rated


def _iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


class MeetingDemo:
    """Shortage lists, last week's meeting and outcomes, this week's changes, this week's meeting."""

    def __init__(self, stack: Stack, loader: Loader) -> None:
        self.stack, self.loader = stack, loader
        self.matching = stack.url("matching")
        self.operator = loader.token(Role.OPERATOR, "kohtaanto", "operaattori@kohtaanto")
        self.team = loader.token(Role.TEAM_MEMBER, "tampere-tyollisyys", "valmentaja@tampere")
        self.recruiter = loader.token(Role.RECRUITER, "pirkan-rekry-oy", "rekrytoija@pirkan-rekry")
        self.recorded = 0  # outcomes recorded for last week's proposals

    def run(self, fresh: bool) -> str:
        today = local_day(datetime.now(UTC))
        this_week, last_week = _iso_week(today), _iso_week(today - timedelta(days=7))
        self.settle_index()
        if not self.loader.call("GET", f"{self.matching}/api/v1/shortages", self.operator)["items"]:
            self.import_shortages()
        if fresh:
            self.prepare_last_week(last_week)
            filled = self.record_outcomes(last_week, today - timedelta(days=today.weekday() + 7))
            self.change_vacancies(filled)
        if fresh or not self.prepared(this_week):
            self.prepare(this_week)
        else:  # the team may have prepared and discussed it (outside tester 19, P10)
            _say(f"the {DEMO_REGION} meeting of {this_week} was prepared before: kept as it is")
        return this_week

    def prepare_last_week(self, week: str) -> None:
        """Prepare last week's meeting now (the demo has no last week), with matching running with
        ``LATE_PREPARE`` for this one preparation: restarted with it unless the demo started it so,
        then restarted without it, so the demo's matching refuses late preparation afterwards as
        production does (a 422)."""
        if self.stack.overrides.get("matching") != LATE_PREPARE:
            _say("restarting matching with late preparation on, for last week's meeting only")
            self.stack.restart("matching", env=LATE_PREPARE)
        try:
            self.prepare(week)
        finally:
            _say("restarting matching with late preparation off, as in production")
            self.stack.restart("matching")

    def prepared(self, week: str) -> bool:
        """Whether the demo region's meeting of ``week`` is stored (its content answers 200)."""
        url = f"{self.matching}/meetings/{DEMO_REGION}/{week}/content.json"
        return call("GET", url, self.team).status == 200

    def settle_index(self, timeout: float = 120.0) -> None:
        """Wait until matching has indexed every profile (its count stops growing): a meeting
        prepared earlier would miss candidates and call them new next time."""
        deadline, last, steady = time.monotonic() + timeout, -1, 0
        while time.monotonic() < deadline and steady < 3:
            count = call("GET", f"{self.matching}/health/ready").json()["checks"]["index"]["candidates"]
            steady = steady + 1 if count == last else 0
            last = count
            time.sleep(1)

    def import_shortages(self) -> None:
        request = urllib.request.Request(
            f"{self.matching}/api/v1/shortages?source={quote(SHORTAGE_SOURCE)}",
            data=SHORTAGE_SEED.read_bytes(),
            method="POST",
            headers={"Content-Type": "text/csv", "Authorization": f"Bearer {self.operator}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            lists = json.loads(response.read())["lists"]
        _say(f"imported {len(lists)} national shortage lists ({SHORTAGE_SOURCE})")

    def prepare(self, week: str) -> dict[str, Any] | None:
        response = call("POST", f"{self.matching}/api/v1/meetings/{DEMO_REGION}/{week}/prepare", self.team)
        if response.status == 409:
            return None  # a past meeting stays as it was
        if response.status != 201:
            raise RuntimeError(f"preparing {week} -> {response.status}: {response.body[:300]!r}")
        _say(f"prepared the {DEMO_REGION} meeting of {week}")
        return response.json()

    def record_outcomes(self, week: str, monday: date) -> str | None:
        """What the recruiters did with last week's proposals (dated last week); returns the vacancy
        where someone was hired."""
        content = self.loader.call(
            "GET", f"{self.matching}/meetings/{DEMO_REGION}/{week}/content.json", self.recruiter
        )["content"]
        Step = tuple[str, int, dict[str, Any]]  # status, days after last Monday, other fields
        plans: list[list[Step]] = [
            [
                ("proposed", 0, {}),
                (
                    "interviewed",
                    2,
                    {
                        "comment": "Hyvä haastattelu; toinen kierros sovittu.",
                        "follow_up": {
                            "action": "Toinen haastattelu työnantajan kanssa",
                            "owner": "rekrytoija@pirkan-rekry",
                            "due": (monday + timedelta(days=9)).isoformat(),
                        },
                    },
                ),
            ],
            [
                ("proposed", 0, {}),
                (
                    "not_hired",
                    3,
                    {
                        "reason": "language",
                        "comment": "Suomen kieli vielä A2-tasolla; osaaminen muuten hyvä.",
                        "follow_up": {
                            "action": "Suomen kielen kurssi (B1) ja uusi ehdotus",
                            "owner": "valmentaja@tampere",
                            "due": (monday + timedelta(days=21)).isoformat(),
                        },
                    },
                ),
            ],
            [
                ("proposed", 0, {}),
                (
                    "contacted",
                    1,
                    {
                        "follow_up": {
                            "action": "Soita ehdokkaalle haastatteluaika",
                            "owner": "rekrytoija@pirkan-rekry",
                            "due": (monday + timedelta(days=4)).isoformat(),
                        }
                    },
                ),
            ],
            [("proposed", 1, {}), ("interviewed", 3, {}), ("hired", 4, {"comment": "Aloittaa kuun alussa."})],
            [
                ("proposed", 1, {}),
                (
                    "not_hired",
                    2,
                    {
                        "reason": "skills",
                        "comment": "Työnantajan vaatima olennainen osaaminen puuttuu.",
                        "follow_up": {
                            "action": "Lyhytkoulutus tai oppisopimus puuttuvaan osaamiseen",
                            "owner": "valmentaja@tampere",
                            "due": None,
                        },
                    },
                ),
            ],
        ]
        recorded, filled = 0, None
        for vacancy, plan in zip(content["vacancies"], [plans[0:2], plans[2:4], plans[4:5]], strict=False):
            for candidate, steps in zip(vacancy["candidates"], plan, strict=False):
                for status, day, extra in steps:
                    filled = vacancy["vacancy_id"] if status == "hired" else filled
                    body = {
                        "candidate_id": candidate["candidate_id"],
                        "status": status,
                        "occurred_on": (monday + timedelta(days=day)).isoformat(),
                        **extra,
                    }
                    self.loader.call(
                        "POST",
                        f"{self.matching}/api/v1/vacancies/{vacancy['vacancy_id']}/outcomes",
                        self.recruiter,
                        body,
                    )
                    recorded += 1
        _say(f"recorded {recorded} outcomes for last week's proposals")
        self.recorded = recorded
        return filled

    def change_vacancies(self, filled: str | None) -> None:
        """Since last week: the vacancy with a hire was filled, two new ones were posted."""
        from deploy import demo_data
        from services.matching.index.reference import load_taxonomy

        if filled:
            vacancy = self.loader.call(
                "GET", f"{self.stack.url('vacancy')}/api/v1/vacancies/{filled}", self.team
            )
            employer = self.loader.token(Role.EMPLOYER, vacancy["employer_org"])
            self.loader.call(
                "POST",
                f"{self.stack.url('vacancy')}/api/v1/vacancies/{filled}/close",
                employer,
                {"reason": "filled"},
            )
        taxonomy = load_taxonomy()
        new: list[str] = []
        for org, body in demo_data.vacancies(taxonomy, local_day(datetime.now(UTC)), seed=4711):
            if org == "pirkanmaan-hyvinvointialue" and len(new) < 2:
                posted = self.loader.call(
                    "POST",
                    f"{self.stack.url('vacancy')}/api/v1/vacancies",
                    self.loader.token(Role.EMPLOYER, org),
                    body,
                )
                new.append(posted["id"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            known = {
                v["id"]: v["status"]
                for v in self.loader.call(
                    "GET", f"{self.matching}/api/v1/vacancies?region={DEMO_REGION}&status=any", self.team
                )["items"]
            }
            if all(v in known for v in new) and (filled is None or known.get(filled) == "closed"):
                break
            time.sleep(0.5)
        _say(f"since last week: {len(new)} vacancies posted, {1 if filled else 0} filled")


def _print_where_to_look(
    stack: Stack, loader: Loader, week: str, journeys: dict[str, str], home: Path
) -> None:
    recruiter = loader.token(Role.RECRUITER, "pirkan-rekry-oy", "rekrytoija@pirkan-rekry")
    team = loader.token(Role.TEAM_MEMBER, "tampere-tyollisyys", "valmentaja@tampere")
    coach = loader.token(Role.COACH, "tampere-tyollisyys", "valmentaja@tampere")
    meeting = f"/meetings/{DEMO_REGION}/{week}"

    def login(token: str) -> str:
        return f"{stack.url('matching')}/login?token={quote(token)}&next={quote(meeting)}"

    from deploy import demo_data

    # one of the demo's own vacancies: on a shared instance someone else's may be newer (outside tester 13, P10)
    page = loader.call(
        "GET",
        f"{stack.url('vacancy')}/api/v1/vacancies?region=pirkanmaa&status=open&limit=1"
        f"&employer_org={demo_data.EMPLOYERS[0].org}",
        team,
    )
    example = page["items"][0]["id"] if page["items"] else "<vacancy-id>"
    school = loader.token(Role.COACH, "pirkan-ammattiopisto", "opettaja@pirkan-ammattiopisto")
    provider = loader.token(Role.RECRUITER, "uravalmennus-oy", "rekrytoija@uravalmennus-oy")
    profile = stack.url("profile")
    tokens = home / "tokens.json"
    tokens.write_text(
        json.dumps(
            {
                "recruiter": recruiter,
                "team_member": team,
                "coach": coach,
                "school": school,
                "provider": provider,
            },
            indent=2,
        )
    )
    tokens.chmod(0o600)  # signed tokens: as private as .demo/secrets.json

    def curl(who: str, path: str) -> str:
        return (
            f'curl -H "Authorization: Bearer $(python3 -c \'import json;print(json.load(open(".demo/tokens.json"))'
            f"[\"{who}\"])')\" '{profile}{path}'"
        )

    rating = journeys.get("rating_link", "(made when the demo is loaded afresh)")
    print(f"""
Kohtaanto demo is running.

  Weekly meeting of the Pirkanmaa recruitment team, {week}:
               {stack.url("matching")}{meeting}   (also {meeting}/content.csv and /content.json)
    Open it logged in as (the link puts a demo token in a cookie):
    - a team member of tampere-tyollisyys: candidates pseudonymous (none consented to this organisation)
               {login(team)}
    - a recruiter of pirkan-rekry-oy: names of the candidates who consented to pirkan-rekry-oy
               {login(recruiter)}
    - a coach of tampere-tyollisyys: names of the coach's own jobseekers
               {login(coach)}

  Service paths, vouchers, training, satisfaction (the meeting page shows the paths' follow-ups,
  courses under "skills most often missing" and satisfaction; the rest is in the profile service):
    - the coach's list (nobody falls off):     {curl("coach", "/api/v1/worklist?scope=organisation")}
    - the school's handover waiting for an answer: {curl("school", "/api/v1/handovers")}
    - a provider's voucher clients:            {curl("provider", "/api/v1/vouchers")}
    - voucher pilot results (page):            {profile}/login?token={quote(team)}&next={quote("/pilots/yli50-korkeakoulutetut/results")}
    - a jobseeker's rating link (single use):  {rating}

  API docs     vacancy  {stack.url("vacancy")}/docs
               profile  {stack.url("profile")}/docs
               matching {stack.url("matching")}/docs
  Shortlist    curl -H "Authorization: Bearer $(python3 -c 'import json;print(json.load(open(".demo/tokens.json"))["recruiter"])')" \\
                 '{stack.url("matching")}/api/v1/vacancies/{example}/shortlist?k=10&lang=fi'
  Tokens       .demo/tokens.json (recruiter of pirkan-rekry-oy, team member and coach of tampere-tyollisyys,
               a teacher of pirkan-ammattiopisto, a recruiter of the voucher provider uravalmennus-oy)
  Logs         .demo/logs/
  Stop         make demo-stop
""")


def down() -> int:
    stack = _stack()
    if stack.pid_file.exists():
        stack.stop()
        _say("services stopped")
    else:
        _say("no demo services running")
    return 0


def restart(service: str) -> int:
    """Restart one demo service (its web process and worker) with the settings and ports of the
    running demo, leaving the broker, the other services and the data as they are: no reference
    preparation, no loading, no meeting prepared (outside tester 19, P10: a re-run of ``make demo``
    restarted all six processes and prepared the week's meeting again). 1 when no demo is running.
    Another service's process found dead is named in a note and left alone (outside tester 38, M7:
    the restart of vacancy failed with matching-worker's log because that worker had been killed)."""
    stack = _stack()
    if not stack.pid_file.exists():
        _say("no demo services running: start them with `make demo`")
        return 1
    _say(f"restarting {service} (web and worker)")
    started = time.monotonic()
    pids = stack.restart(service)
    _say(
        f"{service} ready again in {time.monotonic() - started:.1f} s at {stack.url(service)} "
        f"(pids {', '.join(f'{n} {p}' for n, p in pids.items())})"
    )
    for name in stack.dead():  # another service's process, left alone: said, not a failure (M7)
        _say(f"note: {name} is not running (make demo-restart SERVICE={service_of(name)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.demo")
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("up")
    start.add_argument("--profiles", type=int, default=3000)
    start.add_argument(
        "--ports",
        type=int,
        nargs=3,
        metavar=("VACANCY", "PROFILE", "MATCHING"),
        help="default 8001 8002 8003",
    )
    sub.add_parser("down")
    again = sub.add_parser("restart", help="restart one service of the running demo")
    again.add_argument("service", choices=SERVICES)
    args = parser.parse_args(argv)
    if args.command == "restart":
        return restart(args.service)
    return up(args.profiles, args.ports) if args.command == "up" else down()


if __name__ == "__main__":
    sys.exit(main())
