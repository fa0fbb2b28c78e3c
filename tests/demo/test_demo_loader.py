"""``make demo``'s loader, run as written against a broker and services of its own (the e2e tier's
stack registers test organisations; the demo signs in as the organisations of the default registry,
as it does for a newcomer). A change that makes a service refuse the demo's data — a new rule about
who may record an outcome, a new required field — fails here instead of on a newcomer's machine."""

from __future__ import annotations

import json
import os
import secrets
import signal
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy import demo
from deploy.http_client import call, wait_for
from deploy.kafka.broker import LocalBroker, find_free_port
from deploy.stack import Stack
from services.matching.team.meeting import IsoWeek
from shared.auth import Principal, Role, TokenCodec
from shared.config import REPO_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

# Enough jobseekers for every part of the demo (12 on service paths, 24 vouchers, the meeting's
# consented candidates), far fewer than `make demo`'s 3,000.
PROFILES = 500


@pytest.fixture(scope="module")
def demo_stack(tmp_path_factory: pytest.TempPathFactory, free_ports) -> Iterator[tuple[Stack, dict, Path]]:
    home = tmp_path_factory.mktemp("demo")
    broker = LocalBroker(home / "kafka", find_free_port(2), libs=REPO_ROOT / ".kafka" / "libs")
    keys = {
        "KOHTAANTO_JWT_SECRET": secrets.token_urlsafe(48),
        "KOHTAANTO_PSEUDONYM_KEY": secrets.token_urlsafe(48),
        "KOHTAANTO_MATCHING_KEY": secrets.token_urlsafe(48),
    }
    broker.start(timeout=240)
    stack = Stack.on_broker(
        broker,
        home,
        ports=dict(zip(("vacancy", "profile", "matching"), free_ports(3), strict=True)),
        env=demo.stack_env(keys),
    )
    try:
        stack.start(timeout=300)
        yield stack, keys, home
    finally:
        stack.stop()
        broker.stop()


def test_the_demo_loads_on_fresh_services_and_again_on_loaded_ones(demo_stack, capsys) -> None:
    stack, keys, home = demo_stack

    first = demo.load(stack, keys, PROFILES, home)

    assert first["fresh"] and first["candidates"] >= PROFILES * 0.9
    assert first["outcomes"] > 0, "last week's outcomes were recorded as the recruiter"
    assert first["ratings"] > 0, "a week of satisfaction ratings"
    printed = capsys.readouterr().out
    meeting = f"/meetings/{demo.DEMO_REGION}/{first['week']}"
    assert f"{stack.url('matching')}{meeting}" in printed
    # The tokens it prints open what it says they open.
    assert (home / "tokens.json").stat().st_mode & 0o077 == 0, "tokens are readable by the owner only"
    tokens = json.loads((home / "tokens.json").read_text())
    page = call("GET", f"{stack.url('matching')}{meeting}/content.json", tokens["recruiter"])
    assert page.status == 200 and page.json()["content"]["vacancies"]
    assert call("GET", f"{stack.url('profile')}/api/v1/handovers", tokens["school"]).status == 200
    assert call("GET", f"{stack.url('profile')}/api/v1/vouchers", tokens["provider"]).status == 200
    # The jobseeker's rating link it prints works (an outside tester's was dead on arrival).
    link = first["rating_link"]
    assert link and "<form" in call("GET", link).body.decode()
    sent = urllib.request.urlopen(urllib.request.Request(link, data=b"score=4", method="POST"), timeout=30)
    assert sent.status == 200
    # Last week's meeting was seeded, and the demo's matching refuses late preparation afterwards as
    # production does (session 22: KOHTAANTO_MEETING_LATE_PREPARE stayed on for the demo's whole life).
    assert "KOHTAANTO_MEETING_LATE_PREPARE" not in stack.service_env("matching")
    last = IsoWeek.parse(first["week"]).previous()
    assert (
        call(
            "GET",
            f"{stack.url('matching')}/meetings/{demo.DEMO_REGION}/{last}/content.json",
            tokens["recruiter"],
        ).status
        == 200
    )
    earlier = last.previous()
    late = call(
        "POST",
        f"{stack.url('matching')}/api/v1/meetings/{demo.DEMO_REGION}/{earlier}/prepare",
        tokens["team_member"],
    )
    assert late.status == 422, late.body[:300]

    operator = TokenCodec(keys["KOHTAANTO_JWT_SECRET"]).mint(
        Principal("operaattori@kohtaanto", Role.OPERATOR, "kohtaanto")
    )

    def posted() -> int:
        return call("GET", f"{stack.url('vacancy')}/api/v1/vacancies?limit=1", operator).json()["total"]

    def prepared_at() -> str:
        return call("GET", f"{stack.url('matching')}{meeting}/content.json", tokens["recruiter"]).json()[
            "prepared_at"
        ]

    before, meeting_prepared = posted(), prepared_at()

    again = demo.load(stack, keys, PROFILES, home)  # `make demo` a second time: nothing loaded twice

    assert not again["fresh"] and again["week"] == first["week"]
    assert posted() == before
    # outside tester 19, P10: the re-run prepared the team's meeting of the week again
    assert prepared_at() == meeting_prepared, "a meeting the team has prepared is kept"

    # `make demo-restart SERVICE=matching`: matching's two processes anew, the others untouched
    others = {n: p for n, p in stack.pids.items() if not n.startswith("matching-")}
    restarted = stack.restart("matching")
    assert set(restarted) == {"matching-web", "matching-worker"}
    assert {n: p for n, p in stack.pids.items() if not n.startswith("matching-")} == others
    ready = call("GET", f"{stack.url('matching')}/health/ready").json()["checks"]["index"]
    assert ready["caught_up"] and ready["candidates"] == again["candidates"]
    assert prepared_at() == meeting_prepared and posted() == before

    # outside tester 38, M7: with another service's worker killed (its pid still in the demo's
    # pids.json), restarting one service waits for that service only, not failing with the other's log
    killed = stack.pids["profile-worker"]
    os.killpg(killed, signal.SIGKILL)
    wait_for(lambda: "profile-worker" in stack.dead(), timeout=30, what="the killed worker to be gone")
    assert set(stack.restart("vacancy")) == {"vacancy-web", "vacancy-worker"}
    assert stack.dead() == ["profile-worker"]  # named in `make demo-restart`'s note, left alone
    stack.restart("profile")
    assert stack.dead() == [] and stack.pids["profile-worker"] != killed
    assert posted() == before
