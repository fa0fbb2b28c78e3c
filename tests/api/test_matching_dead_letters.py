"""What ``/health/ready`` says about dead letters: counted from the service's ``dead_letters`` table,
so a restart does not hide them (outside tester 19, P9)."""

from __future__ import annotations

from types import SimpleNamespace

from services.matching.index.events import INDEX_FEED
from services.matching.team.events import ERASURE_CONSUMER
from shared.messaging.consumer import DeadLetters
from shared.messaging.deadletters import dead_letter_ledger
from shared.messaging.topics import CANDIDATES
from tests.api.matching_world import Clock, matching_app
from tests.helpers import FakeSender


def poison(offset: int) -> SimpleNamespace:
    """A record as kafka-python hands it over: not an envelope, nor UTF-8."""
    return SimpleNamespace(topic=CANDIDATES.name, partition=0, offset=offset, key=b"c-x", value=b"\xff\xfe")


def test_dead_letters_sent_before_a_restart_are_still_reported_by_the_restarted_service(database_url):
    """The tester dead-lettered two poison records once per consumer (4 rows), restarted matching,
    and read `dead_lettered: 0`: the index's counts are since its start. `checks.dead_letters` reads
    the table."""
    before = matching_app(database_url, Clock())
    assert before.test_client().get("/health/ready").json["checks"]["dead_letters"] == {
        "ok": True,
        "stored": 0,
        "by_consumer": {},
        "latest": None,
    }
    ledger = dead_letter_ledger(before.extensions["kohtaanto.engine"])
    for consumer in (INDEX_FEED.name, ERASURE_CONSUMER.name):
        letters = DeadLetters(FakeSender(), consumer_name=consumer, ledger=ledger)
        for offset in (7, 8):
            assert letters.send(poison(offset), "ValueError: not an envelope")
        assert not letters.send(poison(7), "again"), "met again after a restart: not sent twice"

    restarted = matching_app(database_url, Clock())
    ready = restarted.test_client().get("/health/ready")
    check = ready.json["checks"]["dead_letters"]
    assert ready.status_code == 200 and check["ok"], "a dead letter needs a look, not a stop"
    assert (check["stored"], check["by_consumer"]) == (4, {ERASURE_CONSUMER.name: 2, INDEX_FEED.name: 2})
    assert check["latest"].endswith("+00:00")
