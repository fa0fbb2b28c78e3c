"""gunicorn at the edge: its own errors in the services' JSON shape, and access logs without secrets.

* ``JsonErrorWorker`` (``worker_class``): requests gunicorn refuses before the app sees them (a request
  line over ``limit_request_line``: 414; headers over ``limit_request_field_size`` or
  ``limit_request_fields``: 431; malformed requests: 400) are answered as
  ``{code, status, message, errors}`` JSON, like every error of the apps, not gunicorn's HTML page.
  The message never echoes the request (it may hold a token or an identity code).
* ``JsonErrorWorker`` gives a request to a worker thread only once the whole request has arrived.
  gunicorn's threaded worker hands a connection to one of its few threads (four) as soon as it is
  accepted, and the thread then reads the request from the client: eight connections that sent half a
  request line and waited held every thread of the matching service, and its health checks and
  shortlists timed out (outside tester 5, F14). A one-per-request read deadline did not end it: the
  same eight, reopened every 30 s, kept the service off the air (outside tester 6, G1). Now the
  worker's event loop, which waits on every connection without a thread, reads each request into
  memory (``RequestGatherer``: the head, and the body its ``Content-Length`` or chunked encoding
  announces, up to ``MAX_REQUEST_BODY_BYTES``) and only then hands it over. A client that has not
  sent its whole request within ``KOHTAANTO_REQUEST_READ_SECONDS`` of starting it is disconnected;
  the same deadline still bounds reads a thread makes (a body over the size cap, read by the app),
  a body read after it is a 400. What one client can still hold is connections:
  ``worker_connections`` (1,000) per worker, each for the deadline. Limiting connections per client
  is a proxy's job: in production a buffering reverse proxy in front (an ingress, nginx) does it.
* ``ScrubbingLogger`` (``logger_class``): the access log never records the value of a ``token``
  query parameter (``/login?token=…``), nor personal identity codes, e-mail addresses or phone numbers
  in paths and query strings (``shared.pii`` masks them).
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
import selectors
import socket
import time
from functools import partial
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.glogging import Logger
from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import TConn, ThreadWorker

from shared.config import MAX_REQUEST_BODY_BYTES, ServerSettings
from shared.pii import mask_url_part

_MESSAGES = {
    414: "The request line (method, path and query) is too long.",
    431: "The request's header fields are too large.",
    400: "The request is malformed.",
}


def write_json_error(sock: Any, status_int: int, reason: str, mesg: str) -> None:
    """Drop-in for ``gunicorn.util.write_error``: the same status, a JSON body."""
    phrase = HTTPStatus(status_int).phrase if status_int in HTTPStatus._value2member_map_ else reason
    message = _MESSAGES.get(status_int, f"{phrase}.")
    body = json.dumps({"code": status_int, "status": phrase, "message": message, "errors": {}}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode("latin-1")
    util.write_nonblock(sock, head + body)


_HEAD_END = b"\r\n\r\n"
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding[ \t]*:[^\r\n]*chunked", re.IGNORECASE)
_EXPECT_CONTINUE = re.compile(rb"\r\nexpect[ \t]*:[ \t]*100-continue", re.IGNORECASE)


class RequestGatherer:
    """The bytes of one HTTP/1.x request as they arrive, and whether they are all there.

    ``complete`` is True once the head (request line and header fields, up to the blank line) and the
    body it announces (``Content-Length`` bytes, or chunks up to the last one and its trailer) have
    arrived, and also as soon as the request is one gunicorn or the app will refuse without reading
    further: a head longer than ``max_head`` bytes, a body announced or sent longer than ``max_body``
    bytes, an unreadable length or chunk size. Bytes after the request (a pipelined next one) are kept.
    Chunks are walked incrementally, so the cost of a request is linear in its size."""

    def __init__(self, data: bytes = b"", *, max_head: int, max_body: int) -> None:
        self.data = bytearray()
        self.max_head, self.max_body = max_head, max_body
        self.complete = False
        self.wants_continue = False  # the head asks for "100 Continue" before the body is sent
        self._body_start: int | None = None
        self._length: int | None = None  # Content-Length, or None for chunked
        self._chunk_at = 0  # chunked: where the next chunk's size line starts
        self._seen_last_chunk = False
        self.feed(data)

    def feed(self, data: bytes) -> bool:
        """Add ``data`` (the next bytes read from the client); returns ``complete``."""
        self.data += data
        if not self.complete:
            self.complete = self._check()
        return self.complete

    def _check(self) -> bool:
        if self._body_start is None:
            end = self.data.find(_HEAD_END)
            if end < 0:
                return len(self.data) > self.max_head
            head = bytes(self.data[: end + 2])
            self._body_start = self._chunk_at = end + 4
            lengths = _CONTENT_LENGTH.findall(head)
            if _CHUNKED.search(head):
                self._length = None
            elif not lengths:
                return True  # no body
            else:
                try:
                    values = {int(v.strip()) for v in lengths}
                except ValueError:
                    return True  # the parser answers 400
                if len(values) != 1 or (length := values.pop()) < 0 or length > self.max_body:
                    return True  # the parser or the app refuses it (400, 413) without the body
                self._length = length
            self.wants_continue = bool(_EXPECT_CONTINUE.search(head))
        body = len(self.data) - self._body_start
        if self._length is not None:
            return body >= self._length
        if body > self.max_body + self.max_head:  # chunk framing and trailer on top of the body
            return True
        return self._chunks_done()

    def _chunks_done(self) -> bool:
        data = self.data
        while True:
            if self._seen_last_chunk:  # the trailer section ends with an empty line
                if data.startswith(b"\r\n", self._chunk_at):
                    return True
                return data.find(_HEAD_END, self._chunk_at - 2) >= 0
            line_end = data.find(b"\r\n", self._chunk_at)
            if line_end < 0:
                return len(data) - self._chunk_at > 1024  # a size line this long is refused anyway
            size_text = bytes(data[self._chunk_at : line_end]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                return True  # the parser answers 400
            if size == 0:
                self._seen_last_chunk = True
                self._chunk_at = line_end + 2
                continue
            after = line_end + 2 + size + 2
            if after > len(data):
                return False
            self._chunk_at = after


class DeadlineSocket:
    """A client socket whose reads share one deadline (``start``); everything else is the socket's.
    A read after the deadline, or one that would wait past it, raises ``NoMoreData`` (gunicorn then
    closes the connection quietly; the apps answer a body they cannot read with 400)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._deadline: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def start(self, seconds: float) -> None:
        """Reads from now on must end within ``seconds`` (s)."""
        self._deadline = time.monotonic() + seconds

    def recv(self, size: int, *flags: int) -> bytes:
        return self._read(self._sock.recv, size, *flags)  # type: ignore[no-any-return]

    def recv_into(self, buffer: Any, *args: int) -> int:
        return self._read(self._sock.recv_into, buffer, *args)  # type: ignore[no-any-return]

    def _read(self, read: Any, *args: Any) -> Any:
        if self._deadline is None or self._sock.gettimeout() == 0.0:  # no deadline, or non-blocking
            return read(*args)
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise NoMoreData(b"")
        self._sock.settimeout(left)
        try:
            return read(*args)
        except TimeoutError:
            raise NoMoreData(b"") from None
        finally:
            self._sock.settimeout(None)  # blocking again: writes are not bound by the read deadline


class JsonErrorWorker(ThreadWorker):
    """gunicorn's threaded worker whose own error answers are JSON, which hands a request to a thread
    only once it has arrived whole, and whose clients must send a request within a deadline (see the
    module docstring)."""

    def init_process(self) -> None:
        util.write_error = write_json_error  # gunicorn calls util.write_error at the moment of the error
        self.read_seconds = ServerSettings.from_env().request_read_seconds
        cfg = self.cfg
        self.max_head = (
            (cfg.limit_request_line or 8190)
            + (cfg.limit_request_fields or 100) * ((cfg.limit_request_field_size or 8190) + 2)
            + 4
        )
        self.gathering: dict[Any, float] = {}  # connection -> deadline (s, monotonic), oldest first
        super().init_process()

    # --- connections wait in the event loop, without a thread, until their request is whole ---

    def accept(self, listener: Any) -> None:
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())
        if self.cfg.is_ssl:  # TLS is read in the thread (gunicorn's own path, under the deadline)
            client_sock.setblocking(True)
            self.enqueue_req(conn)
            return
        self._gather(conn, b"")

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        """A kept-alive connection's next request has started."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._gather(conn, b"")

    def finish_request(self, conn: Any, fs: Any) -> None:
        # A request read ahead into the next one (pipelining, a drained body): gather that one too,
        # rather than gunicorn's direct hand-over of the connection to a thread that would wait on it.
        read_ahead = (
            not fs.cancelled()
            and fs.exception() is None
            and fs.result() is True
            and self.alive
            and not self.cfg.is_ssl
            and conn.parser is not None
            and conn.parser.unreader.buf.getvalue()
        )
        if read_ahead:
            self._gather(conn, conn.parser.unreader.take_buffered())
            return
        super().finish_request(conn, fs)

    def _gather(self, conn: Any, data: bytes) -> None:
        conn.gatherer = RequestGatherer(data, max_head=self.max_head, max_body=MAX_REQUEST_BODY_BYTES)
        if conn.gatherer.complete:
            self._hand_over(conn)
            return
        conn.sock.setblocking(False)
        self.gathering[conn] = time.monotonic() + self.read_seconds
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_gather_readable, conn))

    def _on_gather_readable(self, conn: Any, client: Any) -> None:
        gatherer: RequestGatherer = conn.gatherer
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client closed before its request was whole
            self._drop(conn)
            return
        if not gatherer.feed(data):
            if gatherer.wants_continue:  # the client waits for this before it sends the body
                gatherer.wants_continue = False
                try:
                    conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
                except OSError:
                    self._drop(conn)
            return
        self.poller.unregister(conn.sock)
        del self.gathering[conn]
        self._hand_over(conn)

    def _hand_over(self, conn: Any) -> None:
        conn.data_ready = True
        conn.sock.setblocking(True)
        self.enqueue_req(conn)

    def _drop(self, conn: Any) -> None:
        self.gathering.pop(conn, None)
        with contextlib.suppress(OSError, KeyError, ValueError):
            self.poller.unregister(conn.sock)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """gunicorn's sweep of idle connections, and of requests not sent whole by their deadline."""
        super().murder_pending()
        now = time.monotonic()
        while self.gathering:
            conn, deadline = next(iter(self.gathering.items()))
            if deadline > now:
                break
            self._drop(conn)

    def handle(self, conn: Any) -> Any:
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)  # before the parser is made: it reads through this
        conn.sock.start(self.read_seconds)
        gatherer = getattr(conn, "gatherer", None)
        if gatherer is not None:
            conn.gatherer = None
            conn.sock.setblocking(True)
            conn.init()  # the parser, for a new connection
            unreader = conn.parser.unreader
            unreader.unread(unreader.take_buffered() + bytes(gatherer.data))
        return super().handle(conn)


class ScrubbingLogger(Logger):
    """gunicorn's logger, with the request's path and query scrubbed in access-log lines."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("U", "q"):
            if isinstance(atoms.get(key), str):
                atoms[key] = mask_url_part(atoms[key])
        if isinstance(atoms.get("r"), str):
            atoms["r"] = mask_url_part(atoms["r"])
        return atoms
