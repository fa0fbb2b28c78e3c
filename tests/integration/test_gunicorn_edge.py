"""gunicorn's own answers (before the app) are JSON too, and its access log holds no token or identity
code. Runs the vacancy service under gunicorn with deploy/gunicorn.conf.py (no broker needed)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.config import REPO_ROOT
from tests.helpers import JWT_SECRET


@contextlib.contextmanager
def serving(
    home: Path, port: int, read_seconds: float, write_seconds: float = 60
) -> Iterator[tuple[int, Path]]:
    """The vacancy service under gunicorn with deploy/gunicorn.conf.py, one worker, on ``port``."""
    log_path = home / "gunicorn.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KOHTAANTO_")},
        "KOHTAANTO_JWT_SECRET": JWT_SECRET,
        "KOHTAANTO_DATA_DIR": str(home),
        "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1",
        "PYTHONUNBUFFERED": "1",
        "KOHTAANTO_REQUEST_READ_SECONDS": str(read_seconds),
        "KOHTAANTO_RESPONSE_WRITE_SECONDS": str(write_seconds),
    }
    env.pop("DATABASE_URL", None)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        str(REPO_ROOT / "deploy" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "services.vacancy.app:create_app()",
    ]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.2)
        yield port, log_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, free_ports) -> Iterator[tuple[int, Path]]:
    (port,) = free_ports(1)
    with serving(tmp_path_factory.mktemp("gunicorn"), port, read_seconds=3) as served:
        yield served


def raw(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def test_an_over_long_request_line_is_a_json_414(server):
    port, _ = server
    status, headers, body = raw(port, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 414
    assert headers["content-type"] == "application/json"
    error = json.loads(body)
    assert set(error) == {"code", "status", "message", "errors"}
    assert error["code"] == 414 and "too long" in error["message"]


def test_an_over_long_header_is_a_json_431(server):
    port, _ = server
    status, headers, body = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n")
    assert status == 431
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["code"] == 431


@pytest.mark.parametrize("expect", [b"Expect: 100-continue\r\n", b""])
def test_a_body_announced_over_2_mib_is_a_json_413_at_once_and_the_connection_closes(server, expect):
    """Outside tester 13, P8: "100 Continue" first, then a 413 saying keep-alive on a socket closed under
    the upload (one of three tries got no answer at all)."""
    port, _ = server
    size = 3 * 1024 * 1024
    head = (
        b"POST /api/v1/vacancies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + expect
        + f"Content-Length: {size}\r\n\r\n".encode()
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        if not expect:  # a client that sends its body at once: the answer must survive it
            with contextlib.suppress(OSError):
                s.sendall(b" " * size)
        data = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := s.recv(65536):
                data += chunk
    assert data.startswith(b"HTTP/1.1 413 "), data[:80]
    head_out, _, body = data.partition(b"\r\n\r\n")
    assert b"\r\nConnection: close\r\n" in head_out
    assert json.loads(body)["code"] == 413 and "2 MiB" in json.loads(body)["message"]


@pytest.mark.parametrize(
    ("asks", "said"),
    [
        (b"Accept-Language: sv\r\n", {414: "för lång", 431: "för stora", 413: "större än 2 MiB"}),
        (
            b"Accept-Language: fi-FI,fi;q=0.9,en;q=0.5\r\n",
            {414: "liian pitkä", 431: "liian suuria", 413: "suurempi kuin 2 MiB"},
        ),
        (b"Cookie: kohtaanto_lang=sv\r\n", {414: "för lång", 431: "för stora", 413: "större än 2 MiB"}),
        (b"", {414: "too long", 431: "too large", 413: "larger than 2 MiB"}),
    ],
)
def test_gunicorns_own_refusals_follow_the_requests_language(server, asks, said):
    """Outside tester 28, T28-3: a Swedish-speaking coach's 30 MB upload, 9,000-character query and
    9,000-byte header were answered in English, though every error of the apps follows Accept-Language."""
    port, _ = server
    line = b"GET /api/v1/vacancies?x=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n" + asks + b"\r\n"
    big = b"GET /api/v1/vacancies HTTP/1.1\r\nHost: x\r\n" + asks + b"X-Big: " + b"b" * 9000 + b"\r\n\r\n"
    upload = (
        b"POST /api/v1/vacancies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + asks
        + f"Content-Length: {30 * 1024 * 1024}\r\n\r\n".encode()
    )
    for code, request in ((414, line), (431, big), (413, upload)):
        status, headers, body = raw(port, request)
        assert status == code and headers["content-type"] == "application/json"
        assert said[code] in json.loads(body)["message"], (code, body)


def test_a_malformed_request_is_a_json_400_that_does_not_echo_it(server):
    port, _ = server
    status, headers, body = raw(port, b"GET /131052-308T HTTP/1.1 junk\r\nHost: x\r\n\r\n")
    assert status == 400 and headers["content-type"] == "application/json"
    assert b"131052" not in body


def test_the_access_log_holds_no_token_and_no_identity_code(server):
    port, log_path = server
    secret_token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl"
    for path in (
        f"/api/v1/vacancies?token={secret_token}",
        "/api/v1/vacancies/131052-308T",
        "/api/v1/vacancies?q=aino.virtanen%40example.fi&p=%2B358401234567",
    ):
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
    deadline = time.monotonic() + 10
    while log_path.read_text().count("/api/v1/vacancies") < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log_path.read_text()
    assert text.count("/api/v1/vacancies") >= 3
    for secret in (secret_token, "131052-308T", "aino.virtanen", "example.fi", "401234567"):
        assert secret not in text


def test_stalled_half_sent_requests_do_not_hold_the_worker_threads(server):
    """Outside tester 5, F14: eight connections that sent half a request and waited held every thread
    of the service (its health checks and shortlists timed out for as long as they stayed). Each
    request now has a deadline for being read (here 3 s): the stalled ones are disconnected, the
    others are answered."""
    port, _ = server
    stalled = []
    try:
        for _ in range(12):  # three times the worker's threads
            s = socket.create_connection(("127.0.0.1", port), timeout=60)
            s.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")  # never the headers' end
            stalled.append(s)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=60) as r:
            assert r.status == 200
        for s in stalled:
            with contextlib.suppress(ConnectionResetError):
                assert s.recv(1) == b"", "a stalled connection is closed by the server"
    finally:
        for s in stalled:
            s.close()


def test_a_body_slower_than_the_deadline_is_a_400_not_a_500(server):
    port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(
            b"POST /api/v1/vacancies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        data = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := s.recv(65536):
                data += chunk
    assert not data or data.split(b" ", 2)[1] in (b"400", b"401"), data[:200]


STALLS = [
    b"GET /health/live HTTP/1.1\r\nHost: x\r\n",  # never the headers' end
    b"GET /health/li",  # half a request line
    b"POST /api/v1/vacancies HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",  # half a body
    b"POST /api/v1/vacancies HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{",
    # a whole request answered, then half of the next one on the same connection
    b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\nGET /health/live HTTP/1.1\r\nHost: x\r\n",
]


def test_half_sent_requests_never_hold_a_worker_thread(tmp_path, free_ports):
    """Outside tester 6, G1: the read deadline alone left the service off the air for as long as the
    deadline, round after round (8 half-sent requests for matching, 16 for profile). Requests now wait
    for their last byte without a thread: with ten times the worker's threads stalled in every way
    and a deadline far away, the service answers while all of them are still open."""
    (port,) = free_ports(1)
    with serving(tmp_path, port, read_seconds=300):
        stalled = []
        try:
            for i in range(40):
                s = socket.create_connection(("127.0.0.1", port), timeout=60)
                s.sendall(STALLS[i % len(STALLS)])
                stalled.append(s)
            for _ in range(3):
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=60) as r:
                    assert r.status == 200
            for i, s in enumerate(stalled):
                s.setblocking(False)
                try:
                    data = s.recv(65536)
                except BlockingIOError:
                    continue  # still open, nothing said: as it should be
                # the pipelined connection got its first answer, and is still open for the second
                assert i % len(STALLS) == 4 and data.startswith(b"HTTP/1.1 200"), (i, data[:80])
                with pytest.raises(BlockingIOError):
                    s.recv(65536)
        finally:
            for s in stalled:
                s.close()


def test_answers_nobody_reads_do_not_hold_the_worker_threads(tmp_path, free_ports):
    """Outside tester 6, G6: eight clients that asked for a large answer and never read it held every
    thread in its write, for as long as they kept the sockets. Each answer now has a deadline for
    being taken (here 3 s): past it the write is abandoned, the thread freed, the connection closed."""
    (port,) = free_ports(1)
    large = "/docs/assets/swagger-ui-bundle.js.map"  # 1.5 MB, no token needed
    pipelined = f"GET {large} HTTP/1.1\r\nHost: x\r\n\r\n".encode() * 10  # 15 MB: more than any buffer
    with serving(tmp_path, port, read_seconds=300, write_seconds=3):
        readers = []
        try:
            for _ in range(6):  # more than the worker's threads
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                s.connect(("127.0.0.1", port))
                s.sendall(pipelined)
                readers.append(s)
            # by now every thread has filled the socket buffers and waits in a write; without the
            # deadline they would wait as long as the readers keep their sockets (and this would hang)
            time.sleep(5)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=60) as r:
                assert r.status == 200
        finally:
            for s in readers:
                s.close()
