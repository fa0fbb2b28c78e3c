"""Data minimisation across the real stack (issue 8): profiles whose every free-text field carries a
personal identity code, an e-mail address and a phone number, pushed through the API, leave nothing
of them on any topic (every topic of deploy/kafka/topics.py, read from the beginning) or in the
matching service's database; attempts to smuggle them into ids, consent and outcome comments are
refused. The counts are printed for the closing note."""

from __future__ import annotations

import sqlite3

import pytest

from deploy.http_client import call, wait_for
from deploy.kafka.topics import TOPICS
from shared.config import KafkaSettings
from shared.messaging.kafka import make_consumer
from tests.helpers import profile_body, token

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]

COACH = token("coach", "tampere-tyollisyys")
RECRUITER = token("recruiter", "agency-a")
# What a careless person types into free text: an identity code (both century-sign styles), an
# e-mail address and phone numbers in Finnish and international form.
SECRETS = ("150390-911X", "010594Y9032", "mirja.salminen@example.fi", "0401234567", "+358 50 765 4321")


def everything_on(bootstrap: str) -> tuple[int, bytes]:
    """Every message of every topic (keys, values, headers), concatenated, and how many there were."""
    settings = KafkaSettings(bootstrap_servers=bootstrap)
    consumer = make_consumer(settings, group_id=None, consumer_timeout_ms=3000)
    try:
        consumer.subscribe([t.name for t in TOPICS])
        blob, n = bytearray(), 0
        for message in consumer:
            n += 1
            blob += (message.key or b"") + b"\n" + (message.value or b"") + b"\n"
            for _, value in message.headers or []:
                blob += value or b""
        return n, bytes(blob)
    finally:
        consumer.close()


def matching_database(stack) -> tuple[int, str]:
    path = stack.home / "data" / "matching.db"
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = [row for t in tables for row in db.execute(f'SELECT * FROM "{t}"')]
    return len(rows), "\n".join(map(repr, rows))


def test_personal_data_typed_anywhere_reaches_no_topic_and_not_matching(stack, kafka_broker):
    free_text = " ".join(SECRETS)
    refused, created = 0, []
    for i in range(3):
        body = profile_body(
            personal={
                "name": f"Mirja Salminen {free_text}",
                "email": "mirja.salminen@example.fi",
                "phone": "+358 50 765 4321",
            },
            consented_orgs=["agency-a"],
        )
        r = call("PUT", f"{stack.url('profile')}/api/v1/profiles/minimi-{i}", COACH, body)
        assert r.status == 201, r.json()
        created.append(r.json()["candidate_id"])
    for bad_id in ("150390-911X", "010594Y9032"):
        r = call("PUT", f"{stack.url('profile')}/api/v1/profiles/{bad_id}", COACH, profile_body())
        refused += r.status == 422
    for bad_consent in (["150390-911X"], ["0401234567"], ["mirja.salminen@example.fi"]):
        r = call(
            "PUT",
            f"{stack.url('profile')}/api/v1/profiles/minimi-x",
            COACH,
            profile_body(consented_orgs=bad_consent),
        )
        refused += r.status == 422
    assert refused == 5

    vacancy = call(
        "POST",
        f"{stack.url('vacancy')}/api/v1/vacancies",
        token("employer", "konepaja-oy"),
        {"title": "Hitsaaja", "occupation_uri": "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b",
         "municipality": "536", "working_time": "full_time"},
    ).json()["id"]  # fmt: skip
    outcomes = f"{stack.url('matching')}/api/v1/vacancies/{vacancy}/outcomes"

    def known() -> bool:
        body = {"candidate_id": created[0], "status": "proposed"}
        return call("POST", outcomes, RECRUITER, body).status == 201

    wait_for(known, timeout=120, what="the vacancy and the candidates in matching")
    for field, body in (
        ("comment", {"comment": f"Soita {free_text}"}),
        ("follow_up", {"follow_up": {"action": f"Soita {SECRETS[3]}", "owner": "rekrytoija@agency-a"}}),
        ("follow_up", {"follow_up": {"action": "Soita", "owner": SECRETS[2]}}),
    ):
        r = call("POST", outcomes, RECRUITER, {"candidate_id": created[1], "status": "contacted", **body})
        assert r.status == 422 and field in r.json()["errors"]["json"], r.json()

    messages, blob = everything_on(kafka_broker.bootstrap_servers)
    rows, stored = matching_database(stack)
    print(
        f"\ndata minimisation: {messages} messages on {len(TOPICS)} topics and {rows} matching rows scanned"
    )
    assert messages > 0 and rows > 0
    for secret in (*SECRETS, "Mirja", "Salminen", "minimi-"):
        assert secret.encode() not in blob, secret
        assert secret not in stored, secret
