"""``make demo``: the three services on this machine with a realistic demo loaded, and where to look.

    python -m deploy.demo up      # start (or restart) the services, load the demo once, print URLs
    python -m deploy.demo down    # stop the services (the Makefile then stops the broker)

Expects the local broker from ``python -m deploy.kafka.broker start``. State lives in ``.demo/``.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deploy.http_client import call
from deploy.stack import DEFAULT_PORTS, Stack
from shared.auth import Principal, Role, TokenCodec

REPO_ROOT = Path(__file__).resolve().parent.parent
HOME = REPO_ROOT / ".demo"


def _secrets() -> dict[str, str]:
    path = HOME / "secrets.json"
    if not path.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"KOHTAANTO_JWT_SECRET": secrets.token_urlsafe(48),
                                    "KOHTAANTO_PSEUDONYM_KEY": secrets.token_urlsafe(48)}))
        path.chmod(0o600)
    return json.loads(path.read_text())


def _stack() -> Stack:
    from deploy.kafka.broker import DEFAULT_HOME, LocalBroker

    broker = LocalBroker(DEFAULT_HOME)
    return Stack(home=HOME, bootstrap_servers=broker.bootstrap_servers, ports=dict(DEFAULT_PORTS), env=_secrets())


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

    def already_loaded(self) -> bool:
        page = self.call("GET", f"{self.stack.url('vacancy')}/api/v1/vacancies?limit=1",
                         self.token(Role.OPERATOR, "kohtaanto"))
        return page["total"] > 0

    def load(self, profile_count: int) -> dict[str, int]:
        from deploy import demo_data
        from services.matching.reference import load_taxonomy

        taxonomy = load_taxonomy()
        today = datetime.now(UTC).date()
        vacancies = demo_data.vacancies(taxonomy, today)
        for org, body in vacancies:
            self.call("POST", f"{self.stack.url('vacancy')}/api/v1/vacancies", self.token(Role.EMPLOYER, org), body)
        _say(f"posted {len(vacancies)} vacancies from {len(demo_data.EMPLOYERS)} employers")
        people = demo_data.profiles(taxonomy, today, profile_count)

        def push(item: tuple[str, str, dict[str, Any]]) -> None:
            org, pid, body = item
            self.call("PUT", f"{self.stack.url('profile')}/api/v1/profiles/{pid}", self.token(Role.COACH, org), body)

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
            if status["candidates"] >= expected:
                return status
            time.sleep(1)
        return status


def up(profile_count: int) -> int:
    stack = _stack()
    if stack.pid_file.exists():
        _say("stopping the services of an earlier demo run")
        stack.stop()
    _say("starting vacancy, profile and matching services (gunicorn) and their workers")
    stack.start(timeout=300)
    loader = Loader(stack, TokenCodec(_secrets()["KOHTAANTO_JWT_SECRET"]))
    if loader.already_loaded():
        _say("demo data already loaded (delete .demo/ and the broker's data to start afresh)")
    else:
        loader.load(profile_count)
    index = loader.wait_for_index(int(profile_count * 0.9))
    _say(f"matching index: {index['candidates']} candidates, {index['vacancies']} vacancies")
    _print_where_to_look(stack, loader)
    return 0


def _print_where_to_look(stack: Stack, loader: Loader) -> None:
    recruiter = loader.token(Role.RECRUITER, "pirkan-rekry-oy", "rekrytoija@pirkan-rekry")
    team = loader.token(Role.TEAM_MEMBER, "tampere-tyollisyys", "valmentaja@tampere")
    page = loader.call("GET", f"{stack.url('vacancy')}/api/v1/vacancies?region=pirkanmaa&status=open&limit=1", team)
    example = page["items"][0]["id"] if page["items"] else "<vacancy-id>"
    tokens = HOME / "tokens.json"
    tokens.write_text(json.dumps({"recruiter": recruiter, "team_member": team}, indent=2))
    print(f"""
Kohtaanto demo is running.

  API docs     vacancy  {stack.url('vacancy')}/docs
               profile  {stack.url('profile')}/docs
               matching {stack.url('matching')}/docs
  Shortlist    curl -H "Authorization: Bearer $(python3 -c 'import json;print(json.load(open(".demo/tokens.json"))["recruiter"])')" \\
                 '{stack.url('matching')}/api/v1/vacancies/{example}/shortlist?k=10&lang=fi'
  Tokens       .demo/tokens.json (recruiter of pirkan-rekry-oy, team member of tampere-tyollisyys)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.demo")
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("up")
    start.add_argument("--profiles", type=int, default=3000)
    sub.add_parser("down")
    args = parser.parse_args(argv)
    return up(args.profiles) if args.command == "up" else down()


if __name__ == "__main__":
    sys.exit(main())
