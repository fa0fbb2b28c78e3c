"""Outside tester 21, Q4, over a real broker: a partner's refused explanation on the matching service
(a candidate who gave it no consent: 404) ends up in the profile service's audit log, found by the
owner's data-protection officer's ``?profile_id=``: matching's outbox → its relay → the outcomes
topic → the profile worker's outcomes consumer (the same factory the worker runs)."""

from __future__ import annotations

import threading

import pytest

from deploy.http_client import wait_for
from services.matching.team.repository import outbox as matching_outbox
from services.profile.app import create_app as create_profile_app
from services.profile.config import Settings as ProfileSettings
from services.profile.events import OUTCOMES_CONSUMER
from services.profile.handlers import ProfileHandlers
from services.profile.paths.repository import JourneyUnitOfWork
from shared.messaging.outbox import Outbox, OutboxRelay, RelayError
from shared.worker import LazySender, group_consumer
from tests.api.databases import migrated
from tests.api.matching_world import Clock, candidate, essential, matching_app, vacancy
from tests.helpers import PSEUDONYM_KEY, WELDER, auth, common_settings, profile_body, sqlite_url

pytestmark = pytest.mark.kafka

COACH = auth("coach", "tampere-tyollisyys")
DPO = auth("data_protection_officer", "tampere-tyollisyys")
NORDIC = auth("recruiter", "nordic-staffing-ab", sub="recruiter@nordic-staffing-ab")


def test_a_refused_explanation_reaches_the_profile_services_audit_log(kafka_broker, tmp_path):
    broker = kafka_broker
    profile_common = common_settings("profile", migrated(sqlite_url(tmp_path, "p"), "profile")).model_copy(
        update={"kafka": broker.client_settings("profile")}
    )
    profile = create_profile_app(
        ProfileSettings(common=profile_common, pseudonym_key=PSEUDONYM_KEY), testing=True
    )
    client = profile.test_client()
    cid = client.put("/api/v1/profiles/t21-cook-full", json=profile_body(), headers=COACH).json[
        "candidate_id"
    ]

    matching = matching_app(sqlite_url(tmp_path, "m"), Clock())
    vacancy(matching, "f1720797-6152-44cc-9c59-06fb97ae36d1")
    candidate(matching, cid, skills=essential(WELDER, 8), consent=("pirkan-rekry-oy",))
    r = matching.test_client().get(
        f"/api/v1/vacancies/f1720797-6152-44cc-9c59-06fb97ae36d1/candidates/{cid}/explanation", headers=NORDIC
    )
    assert r.status_code == 404

    matching_engine = matching.extensions["kohtaanto.engine"]
    sender = LazySender(broker.client_settings("matching"))
    stop = threading.Event()
    consumer = group_consumer(
        OUTCOMES_CONSUMER, lambda engine: ProfileHandlers(lambda: JourneyUnitOfWork(engine), PSEUDONYM_KEY)
    )(profile_common, profile.extensions["kohtaanto.engine"], stop, LazySender(profile_common.kafka))
    thread = threading.Thread(target=consumer, daemon=True)
    thread.start()
    try:
        relay = OutboxRelay(matching_engine, matching_outbox, sender)

        def relayed() -> int | None:
            try:
                return relay.relay_once() or None
            except RelayError:  # the broker not ready for the producer yet: try again
                return None

        wait_for(
            relayed,
            timeout=120,
            what="matching's outbox relayed",
        )
        with matching_engine.connect() as conn:
            assert Outbox(matching_outbox).pending(conn) == 0

        def refused():
            items = client.get("/api/v1/audit?profile_id=t21-cook-full", headers=DPO).json["items"]
            return [e for e in items if e["granted"] == "no"] or None

        (entry,) = wait_for(refused, timeout=120, what="the refusal in the profile service's audit log")
        assert (entry["actor"], entry["actor_org"], entry["action"], entry["candidate_id"]) == (
            "recruiter@nordic-staffing-ab",
            "nordic-staffing-ab",
            "request.refused",
            cid,
        )
        assert "candidate_not_visible" in entry["purpose"]
    finally:
        stop.set()
        thread.join(timeout=30)
        sender.close()
