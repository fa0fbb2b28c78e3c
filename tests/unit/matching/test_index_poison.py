"""Outside tester 9, K1: every payload the index's readers reject is a dead letter (with a reason,
counted by the dead-letter metric) and the next record is still indexed; none is dropped with only a
log line. The readers apply docs/events.md's field table, and everything they accept the index takes."""

import copy

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.events import candidate_from_payload, vacancy_from_payload
from services.matching.index.state import MatchingState
from shared import metrics
from shared.messaging.consumer import ConsumerLoop, DeadLetters, PoisonMessageError
from shared.messaging.envelope import Envelope
from shared.messaging.topics import CANDIDATES, VACANCIES
from tests import helpers
from tests.helpers import FakeConsumer, FakeSender, Message

from .conftest import MUNICIPALITIES, TODAY

CONSUMER = "matching.index"


class NoRetryConsumer(FakeConsumer):
    """The fake consumer, failing the test if the loop seeks back to retry a record."""

    def seek(self, tp, offset):
        raise AssertionError("no record may be retried")


def candidate_payload(cid, **changes):
    return helpers.candidate_payload(cid, **{"suggested_skills": ["s:mig"], **changes})


def vacancy_payload(vid, **changes):
    payload = {
        "vacancy_id": vid,
        "version": 1,
        "employer_org": "konepaja-oy",
        "status": "open",
        "close_reason": None,
        "title": "Hitsaaja",
        "occupation_uri": "o:welder",
        "description": "",
        "municipality": "837",
        "region": "pirkanmaa",
        "working_time": "full_time",
        "openings": 1,
        "skills": [{"uri": "s:weld", "essential": True}],
        "rejected_skills": [],
        "languages": [{"code": "fi", "level": "B1"}],
        "start_date": None,
        "application_deadline": None,
        "updated_at": "2026-11-30T10:00:00+00:00",
    }
    payload.update(changes)
    return payload


def message(topic, offset, key, event_type, payload):
    envelope = Envelope(event_type, key, payload, producer="p")
    return Message(topic, 0, offset, key.encode(), envelope.encode())


def cid(n):
    return "c-" + f"{n:x}" * 24 if n < 16 else f"c-{n:024x}"


# The tester's payloads, and the others K1 lists; each breaks one rule of docs/events.md's field table.
BAD_CANDIDATES = {
    "godlike skill level": {"skills": [{"uri": "s:weld", "level": "godlike"}]},
    "working time sometimes": {"working_time": "sometimes"},
    "status zombie": {"status": "zombie"},
    "unknown language level": {"languages": [{"code": "fi", "level": "fluent"}]},
    "301 skills": {"skills": [{"uri": f"s:x{i}", "level": "basic"} for i in range(301)]},
    "consented_orgs a string": {"consented_orgs": "pirkan-rekry-oy"},
    "negative commute": {"max_commute_km": -1e308},
    "infinite commute": {"max_commute_km": float("inf")},
    "commute far": {"max_commute_km": "far"},
    "municipality a name": {"municipality": "Tampere"},
    "municipality not a string": {"municipality": 837},
    "available_from not a date": {"available_from": "not-a-date"},
    "skill uri not a string": {"skills": [{"uri": ["s:weld"], "level": "basic"}]},
}


def test_every_candidate_payload_the_reader_rejects_is_a_dead_letter_and_the_next_is_indexed(taxonomy):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    state = MatchingState(engine, None)
    bad = [
        message(
            CANDIDATES.name, i, cid(i + 1), "candidate.upserted", candidate_payload(cid(i + 1), **changes)
        )
        for i, changes in enumerate(BAD_CANDIDATES.values())
    ]
    n = len(bad)
    # the payload's id is not the record's key: compaction and tombstones go by the key
    bad.append(message(CANDIDATES.name, n, cid(14), "candidate.upserted", candidate_payload(cid(15))))
    good = message(CANDIDATES.name, n + 1, cid(n + 20), "candidate.upserted", candidate_payload(cid(n + 20)))
    consumer, dlq = NoRetryConsumer(topic=CANDIDATES.name, messages=[*bad, good]), FakeSender()
    counted = metrics.DEAD_LETTERS.labels(CONSUMER, CANDIDATES.name)._value.get()
    loop = ConsumerLoop(
        consumer,
        lambda record: state.apply(record, buffered=True),
        DeadLetters(dlq, "dlq", CONSUMER),
        name=CONSUMER,
        after_poll=state.flush,
    )
    assert loop.poll_once()
    assert [key for _, key, _, _ in dlq.sent] == [m.key.decode() for m in bad]
    reasons = [dict(headers)["dlq.reason"].decode() for _, _, _, headers in dlq.sent]
    assert all(r.startswith("PoisonMessageError: candidate") for r in reasons), reasons
    assert "unknown skill level 'godlike'" in reasons[0]
    assert "unknown working time 'sometimes'" in reasons[1]
    assert "differs from the record's key" in reasons[-1]
    assert metrics.DEAD_LETTERS.labels(CONSUMER, CANDIDATES.name)._value.get() == counted + len(bad)
    assert consumer.commits == [{consumer.tp: n + 2}]
    assert cid(n + 20) in engine and len(engine) == 1  # the next record is indexed, nothing else


BAD_VACANCIES = {
    "working time sometimes": {"working_time": "sometimes"},
    "status zombie": {"status": "zombie"},
    "close reason unknown": {"close_reason": "bored"},
    "unknown language level": {"languages": [{"code": "fi", "level": "fluent"}]},
    "201 skills": {"skills": [{"uri": f"s:x{i}", "essential": True} for i in range(201)]},
    "essential a string": {"skills": [{"uri": "s:weld", "essential": "false"}]},
    "municipality a name": {"municipality": "Tampere"},
}


def test_every_vacancy_payload_the_reader_rejects_is_a_dead_letter_and_the_next_is_served(taxonomy):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    state = MatchingState(engine, None)
    bad = [
        message(VACANCIES.name, i, f"v-{i}", "vacancy.posted", vacancy_payload(f"v-{i}", **changes))
        for i, changes in enumerate(BAD_VACANCIES.values())
    ]
    n = len(bad)
    bad.append(message(VACANCIES.name, n, "v-key", "vacancy.posted", vacancy_payload("v-other")))
    good = message(VACANCIES.name, n + 1, "v-good", "vacancy.posted", vacancy_payload("v-good"))
    dlq = FakeSender()
    loop = ConsumerLoop(
        NoRetryConsumer(topic=VACANCIES.name, messages=[*bad, good]),
        lambda record: state.apply(record, buffered=True),
        DeadLetters(dlq, "dlq", CONSUMER),
        name=CONSUMER,
        after_poll=state.flush,
    )
    assert loop.poll_once()
    assert [key for _, key, _, _ in dlq.sent] == [m.key.decode() for m in bad]
    assert all(b"PoisonMessageError: vacancy" in dict(h)["dlq.reason"] for _, _, _, h in dlq.sent)
    assert [v.vacancy_id for v in state.vacancies()] == ["v-good"]


def test_what_the_profile_and_vacancy_services_send_is_read():
    """The rules refuse nothing a producer legitimately sends: every documented value, lists at their
    bounds, optional fields absent (older events), a hired candidate, a closed vacancy."""
    for level in ("basic", "intermediate", "advanced", "expert"):
        candidate_from_payload(candidate_payload(cid(1), skills=[{"uri": "s:weld", "level": level}]))
    for working_time in ("full_time", "part_time", "any"):
        candidate_from_payload(candidate_payload(cid(1), working_time=working_time))
        vacancy_from_payload(vacancy_payload("v-1", working_time=working_time))
    assert candidate_from_payload(candidate_payload(cid(1), status="hired")).hired
    big = candidate_payload(
        cid(1),
        skills=[{"uri": f"s:{i}", "level": "basic"} for i in range(300)],
        suggested_skills=[f"s:n{i}" for i in range(300)],
        work_history=[{"occupation_uri": f"o:{i}", "years": 0.5, "ended_year": 2020} for i in range(200)],
        languages=[{"code": f"l{i}", "level": "C2"} for i in range(40)],
        consented_orgs=[f"org-{i}" for i in range(200)],
        max_commute_km=0,
    )
    assert len(candidate_from_payload(big).skills) == 600
    minimal = candidate_payload(cid(1))
    for optional in (
        "status",
        "suggested_skills",
        "work_history",
        "languages",
        "working_time",
        "consented_orgs",
    ):
        del minimal[optional]
    assert candidate_from_payload(minimal).working_time == "any"
    closed = vacancy_payload("v-1", status="closed", close_reason="filled", skills=[{"uri": "s:weld"}])
    del closed["rejected_skills"]
    assert vacancy_from_payload(closed).vacancy.status == "closed"


# Values put in each field in turn: whatever the reader accepts, the index must take (the kind of K1:
# a value the reader let through and the index refused was only logged, never dead-lettered).
ODD_VALUES = [None, "", "godlike", "999", -1, 0, 1.5, 1e308, True, [], {}, ["x"], [{"uri": "s:weld"}]]


@pytest.mark.parametrize("field", sorted(candidate_payload(cid(1))))
def test_whatever_the_candidate_reader_accepts_the_index_takes(taxonomy, field):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    for value in ODD_VALUES:
        payload = copy.deepcopy(candidate_payload(cid(1)))
        payload[field] = value
        try:
            candidate = candidate_from_payload(payload)
        except PoisonMessageError:
            continue
        engine.upsert_candidate(candidate)  # raises if the index refuses it


@pytest.mark.parametrize("field", sorted(vacancy_payload("v-1")))
def test_whatever_the_vacancy_reader_accepts_the_index_takes(taxonomy, field):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    for value in ODD_VALUES:
        payload = copy.deepcopy(vacancy_payload("v-1"))
        payload[field] = value
        try:
            record = vacancy_from_payload(payload)
        except PoisonMessageError:
            continue
        engine.prepare(record.vacancy)


NESTED = [
    ("skills", 0, "uri"),
    ("skills", 0, "level"),
    ("work_history", 0, "occupation_uri"),
    ("work_history", 0, "years"),
    ("work_history", 0, "ended_year"),
    ("languages", 0, "code"),
    ("languages", 0, "level"),
]


@pytest.mark.parametrize("path", NESTED)
def test_whatever_the_candidate_reader_accepts_in_a_list_entry_the_index_takes(taxonomy, path):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    name, i, key = path
    payloads = []
    for value in ODD_VALUES:
        in_entry = copy.deepcopy(candidate_payload(cid(1)))
        in_entry[name][i][key] = value
        as_entry = copy.deepcopy(candidate_payload(cid(1)))
        as_entry[name] = [value]
        payloads += [in_entry, as_entry]
    for payload in payloads:
        try:
            candidate = candidate_from_payload(payload)
        except PoisonMessageError:
            continue
        engine.upsert_candidate(candidate)


def test_a_municipality_code_that_names_no_municipality_is_a_dead_letter(taxonomy):
    """ "999" is three digits and no municipality; an abolished code ("443", merged into two
    municipalities, so without a location) is still read: older events may carry one."""
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, clock=lambda: TODAY)
    state = MatchingState(engine, None, municipalities=frozenset(MUNICIPALITIES) | {"443"})
    records = [
        message(
            CANDIDATES.name, 0, cid(1), "candidate.upserted", candidate_payload(cid(1), municipality="999")
        ),
        message(
            CANDIDATES.name, 1, cid(2), "candidate.upserted", candidate_payload(cid(2), municipality="443")
        ),
        message(CANDIDATES.name, 2, cid(3), "candidate.upserted", candidate_payload(cid(3))),
    ]
    vacancies = [
        message(VACANCIES.name, 0, "v-1", "vacancy.posted", vacancy_payload("v-1", municipality="999")),
        message(VACANCIES.name, 1, "v-2", "vacancy.posted", vacancy_payload("v-2")),
    ]
    dlq = FakeSender()
    for topic, batch in ((CANDIDATES.name, records), (VACANCIES.name, vacancies)):
        loop = ConsumerLoop(
            NoRetryConsumer(topic=topic, messages=batch),
            lambda record: state.apply(record, buffered=True),
            DeadLetters(dlq, "dlq", CONSUMER),
            name=CONSUMER,
            after_poll=state.flush,
        )
        assert loop.poll_once()
    assert [key for _, key, _, _ in dlq.sent] == [cid(1), "v-1"]
    assert all(b"unknown municipality code '999'" in dict(h)["dlq.reason"] for _, _, _, h in dlq.sent)
    assert cid(2) in engine and cid(3) in engine and cid(1) not in engine
    assert [v.vacancy_id for v in state.vacancies()] == ["v-2"]


@pytest.mark.parametrize(
    "bad_id", ["c-1", "C-" + "a" * 24, "c-" + "g" * 24, "c-" + "a" * 25, "Matti Meikäläinen"]
)
def test_a_candidate_id_that_is_no_pseudonym_is_refused(bad_id):
    """docs/events.md: `candidate_id` is "c-" and 24 hex digits; anything else (a profile id, a name)
    is refused by the reader, so it becomes a dead letter, never an index entry."""
    with pytest.raises(PoisonMessageError, match="pseudonymous"):
        candidate_from_payload(candidate_payload(bad_id))
