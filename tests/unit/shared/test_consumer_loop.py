from shared.messaging.consumer import ConsumerLoop, DeadLetters, PoisonMessageError
from shared.messaging.deadletters import MemoryDeadLetterLedger
from shared.messaging.envelope import Envelope
from tests.helpers import TP, FakeConsumer, FakeSender, Message


def good(offset, key="k"):
    return Message("t", 0, offset, key.encode(), Envelope("e", key, {"n": offset}, producer="p").encode())


def test_a_poison_message_goes_to_dead_letters_and_the_loop_goes_on():
    consumer = FakeConsumer([good(0), Message("t", 0, 1, b"k", b"garbage"), good(2)])
    handled, dlq = [], FakeSender()
    loop = ConsumerLoop(
        consumer, lambda r: handled.append(r.offset), DeadLetters(dlq, "dlq", "test"), name="t"
    )
    assert loop.poll_once()
    assert handled == [0, 2]
    assert len(dlq.sent) == 1
    topic, key, value, headers = dlq.sent[0]
    assert (topic, key, value) == ("dlq", "k", b"garbage")
    assert dict(headers)["dlq.original.offset"] == b"1"
    assert consumer.commits == [{TP("t", 0): 3}]


def test_a_handler_rejecting_a_payload_sends_it_to_dead_letters():
    def handler(record):
        raise PoisonMessageError("missing field")

    dlq = FakeSender()
    loop = ConsumerLoop(FakeConsumer([good(0)]), handler, DeadLetters(dlq, "dlq", "test"), name="t")
    loop.poll_once()
    assert b"missing field" in dict(dlq.sent[0][3])["dlq.reason"]


def test_a_transient_failure_commits_only_what_was_done_and_rewinds_to_the_failed_message():
    def handler(record):
        if record.offset == 1:
            raise ConnectionError("database down")

    consumer = FakeConsumer([good(0), good(1), good(2)])
    loop = ConsumerLoop(consumer, handler, DeadLetters(FakeSender(), "dlq", "test"), name="t")
    assert not loop.poll_once()
    assert consumer.commits == [{TP("t", 0): 1}]
    assert consumer.seeks == [1]


def test_a_tombstone_reaches_the_handler_without_an_envelope():
    seen = []
    consumer = FakeConsumer([Message("t", 0, 0, b"c-1", None)])
    ConsumerLoop(consumer, seen.append, DeadLetters(FakeSender(), "dlq", "t"), name="t").poll_once()
    assert seen[0].envelope is None and seen[0].key == "c-1"


def test_after_poll_applies_a_polls_buffered_effects_before_the_commit():
    events = []
    consumer = FakeConsumer([good(0), good(1)])
    consumer.commit = lambda offsets: events.append("commit")
    loop = ConsumerLoop(
        consumer,
        lambda r: events.append(f"handle {r.offset}"),
        DeadLetters(FakeSender(), "dlq", "t"),
        name="t",
        after_poll=lambda: events.append("flush"),
    )
    loop.poll_once()
    assert events[:4] == ["handle 0", "handle 1", "flush", "commit"]


def test_a_dead_letter_too_large_for_the_broker_is_written_truncated_with_its_origin_and_the_loop_goes_on():
    huge = Message("t", 0, 1, b"k", b"x" * 1_048_000)  # ~1 MB: headers would push it over the limit
    consumer = FakeConsumer([good(0), huge, good(2)])
    handled, dlq = [], FakeSender(max_bytes=1_048_576 - 2048)
    loop = ConsumerLoop(
        consumer, lambda r: handled.append(r.offset), DeadLetters(dlq, "dlq", "test"), name="t"
    )
    assert loop.poll_once()
    assert handled == [0, 2]
    [(topic, key, value, headers)] = dlq.sent
    headers = dict(headers)
    assert topic == "dlq" and key == "k" and value == b"x" * len(value) and len(value) < 1_048_000
    assert headers["dlq.truncated"] == b"true" and headers["dlq.original.size"] == b"1048000"
    assert (
        headers["dlq.original.topic"],
        headers["dlq.original.partition"],
        headers["dlq.original.offset"],
    ) == (
        b"t",
        b"0",
        b"1",
    )
    assert headers["dlq.reason"].startswith(b"EnvelopeError")
    assert consumer.commits == [{TP("t", 0): 3}]


def test_a_dead_letter_the_broker_still_refuses_keeps_its_origin_and_reason_without_the_value():
    consumer = FakeConsumer([Message("t", 0, 5, b"k", b"y" * 5000)])
    dlq = FakeSender(max_bytes=100)  # a broker whose limit is far below what we assume
    loop = ConsumerLoop(consumer, lambda r: None, DeadLetters(dlq, "dlq", "test"), name="t")
    assert loop.poll_once()
    [(_, _, value, headers)] = dlq.sent
    assert value == b"" and dict(headers)["dlq.original.offset"] == b"5"
    assert dict(headers)["dlq.truncated"] == b"true"


def test_poison_met_again_after_a_restart_is_not_dead_lettered_twice():
    ledger, dlq = MemoryDeadLetterLedger(), FakeSender()
    poison = Message("t", 0, 1, b"k", b"garbage")
    for _ in range(2):  # the second loop re-reads the topic from the start, as matching does
        loop = ConsumerLoop(
            FakeConsumer([good(0), poison, good(2)]),
            lambda r: None,
            DeadLetters(dlq, "dlq", "test", ledger=ledger),
            name="t",
        )
        assert loop.poll_once()
    assert len(dlq.sent) == 1
    assert (loop.dead_lettered, loop.dead_letters_known) == (0, 1)


def test_a_temporary_dead_letter_failure_is_retried_not_skipped():
    consumer = FakeConsumer([Message("t", 0, 0, b"k", b"garbage")])
    loop = ConsumerLoop(consumer, lambda r: None, DeadLetters(FakeSender(fail_after=0), "dlq", "t"), name="t")
    assert not loop.poll_once()
    assert consumer.seeks == [0] and consumer.commits == []


def test_an_unexpected_handler_error_is_retried_then_dead_lettered_so_the_partition_goes_on():
    def handler(record):
        if record.offset == 1:
            raise KeyError("a field the code assumed")

    dlq = FakeSender()
    loop = ConsumerLoop(FakeConsumer([]), handler, DeadLetters(dlq, "dlq", "test"), name="t", max_attempts=3)
    for attempt in range(3):
        loop.consumer = FakeConsumer([good(1), good(2)])
        healthy = loop.poll_once()
        assert healthy is (attempt == 2)
    assert len(dlq.sent) == 1 and b"handler failed 3 times" in dict(dlq.sent[0][3])["dlq.reason"]
    assert loop.consumer.commits == [{TP("t", 0): 3}]


def test_a_database_outage_is_retried_for_as_long_as_it_lasts_and_never_dead_lettered():
    from sqlalchemy.exc import OperationalError

    def handler(record):
        raise OperationalError("SELECT 1", {}, ConnectionError("database down"))

    dlq = FakeSender()
    loop = ConsumerLoop(FakeConsumer([]), handler, DeadLetters(dlq, "dlq", "test"), name="t", max_attempts=3)
    for _ in range(10):
        loop.consumer = FakeConsumer([good(0)])
        assert not loop.poll_once()
    assert dlq.sent == []


def test_the_services_own_record_of_a_dead_letter_names_no_pseudonym():
    """privacy37: the ``dead_letters`` rows stay for good, so a reason naming the record's key or another
    candidate id ("candidate 'c-…' differs from the record's key 'c-…'") would outlive the jobseeker's
    withdrawal; the dead letter on the topic still carries the record and the whole reason."""
    key, other = "c-0123456789abcdef01234567", "c-89abcdef0123456789abcdef"

    def handler(record):
        raise PoisonMessageError(f"candidate {other!r} differs from the record's key {record.key!r}")

    ledger, dlq = MemoryDeadLetterLedger(), FakeSender()
    loop = ConsumerLoop(
        FakeConsumer([good(0, key)]), handler, DeadLetters(dlq, "dlq", "test", ledger=ledger), name="t"
    )
    loop.poll_once()
    (reason,) = ledger.reasons.values()
    assert key not in reason and other not in reason
    assert reason == "PoisonMessageError: candidate '<pseudonym>' differs from the record's key '<key>'"
    assert key.encode() in dict(dlq.sent[0][3])["dlq.reason"] and dlq.sent[0][1] == key
