from collections import namedtuple

from shared.messaging.consumer import ConsumerLoop, DeadLetters, PoisonMessageError
from shared.messaging.envelope import Envelope
from tests.helpers import FakeSender

TP = namedtuple("TP", "topic partition")
Message = namedtuple("Message", "topic partition offset key value")


class FakeConsumer:
    """Serves fixed batches; records commits and seeks, as kafka-python's consumer would take them."""

    def __init__(self, messages):
        self.tp = TP("t", 0)
        self.pending = list(messages)
        self.commits = []
        self.seeks = []

    def poll(self, timeout_ms=0):
        batch, self.pending = self.pending, []
        return {self.tp: batch} if batch else {}

    def commit(self, offsets):
        self.commits.append({tp: o.offset for tp, o in offsets.items()})

    def seek(self, tp, offset):
        self.seeks.append(offset)

    def close(self):
        pass


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
