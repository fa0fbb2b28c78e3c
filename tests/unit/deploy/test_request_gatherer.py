"""``RequestGatherer``: when a request has arrived whole, so that gunicorn's worker hands it to a thread
only then (outside testers 5, F14 and 6, G1: half-sent requests held every worker thread)."""

from __future__ import annotations

import json

import pytest

from deploy.gunicorn_edge import RequestGatherer, request_language, write_json_error


def gatherer(data: bytes = b"", max_head: int = 1000, max_body: int = 100) -> RequestGatherer:
    return RequestGatherer(data, max_head=max_head, max_body=max_body)


def fed(*parts: bytes) -> list[bool]:
    g = gatherer()
    return [g.feed(p) for p in parts]


def test_a_request_without_a_body_is_whole_at_the_blank_line():
    assert fed(b"GET /health/live HTTP/1.1\r\n", b"Host: x\r\n", b"\r\n") == [False, False, True]


@pytest.mark.parametrize(
    "stalled",
    [
        b"GET /health/live HTTP/1.1\r\nHost: x\r\n",  # the tester's: never the headers' end
        b"GET /health/li",
        b'POST /api/v1/contacts/lookup HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"ca',
        b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
        b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
        b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nTrailer: x\r\n",
    ],
)
def test_half_sent_requests_are_not_whole(stalled):
    assert not gatherer(stalled).complete


def test_a_body_is_whole_when_its_content_length_has_arrived_byte_by_byte():
    request = b'POST /x HTTP/1.1\r\ncontent-length: 7\r\n\r\n{"a":1}'
    g = gatherer()
    seen = [g.feed(request[i : i + 1]) for i in range(len(request))]
    assert seen == [False] * (len(request) - 1) + [True]
    assert bytes(g.data) == request


def test_chunked_bodies_are_whole_after_the_last_chunk_and_its_trailer():
    head = b"POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
    assert gatherer(head + b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").complete
    assert gatherer(head + b"5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n").complete
    g = gatherer(head + b"5\r\nhel")
    assert [g.feed(b"lo\r\n"), g.feed(b"0\r\n"), g.feed(b"\r\n")] == [False, False, True]


@pytest.mark.parametrize(
    "refused",
    [
        b"G" * 1001,  # a head longer than gunicorn reads: it answers 414/431
        b"POST /x HTTP/1.1\r\nContent-Length: 101\r\n\r\n",  # over the body cap: the worker's 413
        b"POST /x HTTP/1.1\r\nContent-Length: ten\r\n\r\n",  # unreadable: the parser's 400
        b"POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + b"1\r\nx\r\n" * 300,
    ],
)
def test_requests_that_will_be_refused_anyway_are_handed_over_without_waiting(refused):
    assert gatherer(refused).complete


def test_a_body_announced_over_the_cap_is_marked_to_refuse_without_asking_for_it():
    """Outside tester 13, P8: "100 Continue" was sent before the 413."""
    refused = gatherer(b"POST /x HTTP/1.1\r\nContent-Length: 101\r\nExpect: 100-continue\r\n\r\n")
    assert refused.complete and refused.oversize and not refused.wants_continue
    assert not gatherer(b"POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + b"x" * 100).oversize


def test_a_pipelined_next_request_stays_in_the_bytes():
    two = b"GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n"
    g = gatherer(two)
    assert g.complete and bytes(g.data) == two


def test_a_client_expecting_100_continue_is_told_to_send_its_body():
    g = gatherer(b"POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
    assert not g.complete and g.wants_continue
    assert g.feed(b"abc")


@pytest.mark.parametrize(
    ("head", "lang"),
    [
        (b"GET /x HTTP/1.1\r\nAccept-Language: sv\r\n\r\n", "sv"),
        (b"GET /x HTTP/1.1\r\naccept-language: fi-FI,fi;q=0.9\r\n\r\n", "fi"),
        (b"GET /x?lang=fi HTTP/1.1\r\nAccept-Language: sv\r\n\r\n", "fi"),  # ?lang first, as in the apps
        (b"GET /x HTTP/1.1\r\nCookie: a=b; kohtaanto_lang=sv\r\nAccept-Language: fi\r\n\r\n", "sv"),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nAccept-Language: sv\r\n\r\n", "sv"),  # a 414's line
        (b"GET / HTTP/1.1\r\nAccept-Language: sv\r\nX-Big: " + b"b" * 9000, "sv"),  # a head cut short (431)
        (b"GET / HTTP/1.1\r\nAccept-Language: de\r\n\r\n", None),
        (b"\xff\xfe garbage", None),
    ],
)
def test_gunicorns_own_refusals_read_the_requests_language(head, lang):
    """Outside tester 28, T28-3: 413/414/431 came in English whatever the request asked."""
    assert request_language(head) == lang


@pytest.mark.parametrize(
    ("code", "lang", "text"),
    [
        (413, "sv", "Begärans innehåll är större än 2 MiB"),
        (413, "fi", "Pyynnön sisältö on suurempi kuin 2 MiB"),
        (413, None, "The request body is larger than 2 MiB"),
        (414, "sv", "Begärans första rad (metod, sökväg och frågedel) är för lång."),
        (414, "fi", "Pyyntörivi (metodi, polku ja kyselyosa) on liian pitkä."),
        (431, "sv", "Begärans huvudfält är för stora."),
        (431, "fi", "Pyynnön otsakekentät ovat liian suuria."),
        (400, "fi", "Pyyntö on virheellisesti muodostettu."),
        (400, "en", "The request is malformed."),
    ],
)
def test_gunicorns_own_refusals_are_written_in_that_language(code, lang, text):
    class Socket:  # the little of a socket gunicorn's writer uses
        request_language = lang
        sent = b""

        def gettimeout(self) -> float:
            return 0.0

        def sendall(self, data: bytes) -> None:
            self.sent += data

    sock = Socket()
    write_json_error(sock, code, "x", "")
    body = json.loads(sock.sent.partition(b"\r\n\r\n")[2])
    assert body["code"] == code and body["message"].startswith(text)
