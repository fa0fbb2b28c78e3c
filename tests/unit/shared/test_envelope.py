import json

import pytest

from shared.messaging.envelope import Envelope, EnvelopeError


def test_an_envelope_survives_encoding_and_decoding():
    original = Envelope("vacancy.posted", "v-1", {"title": "Hitsaaja"}, producer="vacancy-service")
    decoded = Envelope.decode(original.encode())
    assert decoded == original


def test_the_envelope_carries_id_type_version_time_producer_key_and_payload():
    data = json.loads(Envelope("x.y", "k", {"a": 1}, producer="p").encode())
    assert set(data) >= {
        "event_id",
        "event_type",
        "schema_version",
        "occurred_at",
        "producer",
        "key",
        "payload",
    }


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[1,2]",
        b'{"event_id": "x"}',
        b"\xff\xfe",
        b'{"event_id":"1","event_type":"t","schema_version":"x","occurred_at":"2026-01-01",'
        b'"producer":"p","key":"k","payload":{}}',
    ],
)
def test_garbage_is_rejected_as_a_poison_message(raw):
    with pytest.raises(EnvelopeError):
        Envelope.decode(raw)
