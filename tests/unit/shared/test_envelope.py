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


def _outcome(fn, raw):
    try:
        value = fn(raw)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return ("error", type(exc))
    return ("value", repr(value), json.dumps(value, sort_keys=True, allow_nan=True))


EDGE_CASES = [
    b'{"a":1,"a":2}',  # duplicate key: the last wins
    b'{"x":1e400,"y":-1e400}',  # overflow to infinity (orjson refuses)
    b'{"a":NaN,"b":Infinity,"c":-Infinity}',  # not JSON, but the standard library reads it
    b"[123456789012345678901234567890, -9223372036854775809, 18446744073709551616]",  # beyond 64 bits
    b"[9223372036854775807, -9223372036854775808, 18446744073709551615, 999999999999999999]",
    b"[1.0000000000000002, 0.1, 1e-320, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0.0]",
    b'"\\ud800"',  # a lone surrogate escape
    b'"\\ud83d\\ude00 \\u00e4 \xc3\xa4"',
    b'"tab\tin a string"',  # a raw control character
    b"\xef\xbb\xbf{}",  # UTF-8 byte-order mark
    '{"a": "ä"}'.encode("utf-16"),
    '{"a": "ä"}'.encode("utf-32-le"),
    b'{"a": "\xff"}',  # not UTF-8
    b"",
    b" ",
    b"{} x",
    b"[1,]",
    b"{'a': 1}",
    b"01",
    b"[" * 2000 + b"]" * 2000,  # deeper than orjson reads
    b'{"payload": {"skills": [{"uri": "http://data.europa.eu/esco/skill/x", "level": "expert"}]}}',
]


@pytest.mark.parametrize("raw", EDGE_CASES)
def test_the_fast_reader_gives_what_the_standard_library_gives(raw):
    from shared.messaging.envelope import loads

    assert _outcome(loads, raw) == _outcome(json.loads, raw)


def test_the_fast_reader_reads_random_documents_like_the_standard_library():
    import random

    from shared.messaging.envelope import loads

    rng = random.Random(9)

    def value(depth: int):
        kind = rng.randrange(7 if depth < 4 else 4)
        if kind == 0:
            return rng.choice([None, True, False])
        if kind == 1:
            return rng.randint(-(2**70), 2**70) if rng.random() < 0.2 else rng.randint(-(10**6), 10**6)
        if kind == 2:
            return rng.choice([rng.uniform(-1e6, 1e6), rng.random() * 10.0 ** rng.randint(-300, 300)])
        if kind == 3:
            return "".join(rng.choice('aä€\\"/\n\x01 😀z') for _ in range(rng.randint(0, 12)))
        if kind in (4, 5):
            return {str(rng.randint(0, 9)): value(depth + 1) for _ in range(rng.randint(0, 5))}
        return [value(depth + 1) for _ in range(rng.randint(0, 5))]

    for _ in range(2000):
        doc = value(0)
        for raw in (json.dumps(doc).encode(), json.dumps(doc, ensure_ascii=False).encode()):
            assert _outcome(loads, raw) == _outcome(json.loads, raw)
