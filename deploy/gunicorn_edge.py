"""gunicorn at the edge: its own errors in the services' JSON shape, and access logs without secrets.

* ``JsonErrorWorker`` (``worker_class``): requests gunicorn refuses before the app sees them (a request
  line over ``limit_request_line``: 414; headers over ``limit_request_field_size`` or
  ``limit_request_fields``: 431; malformed requests: 400) are answered as
  ``{code, status, message, errors}`` JSON, like every error of the apps, not gunicorn's HTML page.
  The message never echoes the request (it may hold a token or an identity code) and is in the
  language the request asks for (``?lang``, the ``kohtaanto_lang`` cookie, ``Accept-Language``; fi, sv
  or en, from the apps' catalogues), as every error of the apps is (outside tester 28, T28-3).
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
  a body read after it is a 400. A body announced over the cap (``Content-Length`` above 2 MiB) is
  answered 413 by the worker at once, without "100 Continue" and with ``Connection: close``, and the
  socket lingers reading the upload so that the client reads the answer (outside tester 13, P8). An answer has ``KOHTAANTO_RESPONSE_WRITE_SECONDS`` from its first
  bytes to be taken: eight clients that asked for the region's 12 MB shortlists and never read them
  held every thread in its write (outside tester 6, G6); past the deadline the answer is abandoned and
  the connection closed. gunicorn's lingering close (up to 2 s waiting for the client to close) runs
  on a thread of its own, not in the event loop. What one client can still hold is connections:
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
from concurrent import futures
from functools import cache, partial
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from babel.support import Translations
from gunicorn import util
from gunicorn.glogging import Logger
from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import TConn, ThreadWorker
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header, parse_cookie

from shared.config import MAX_REQUEST_BODY_BYTES, ServerSettings
from shared.i18n import DOMAIN, LANG_COOKIE, LANG_PARAM, LANGUAGES, N_, compile_catalogues, supported
from shared.pii import mask_url_part

_MESSAGES = {
    # the 413 is the apps' own text (shared.http), so a body over the cap reads the same with or without
    # Content-Length (outside tester 25, F1: "split a file" lost data, as an import replaces what it covers)
    413: N_(
        "The request body is larger than %(limit)s, the most this service accepts: keep only the "
        "rows needed, or send it in parts that each hold whole units, as an import replaces what "
        "it covers (a region's shortage list for a period, a provider's whole catalogue)."
    ),
    414: N_("The request line (method, path and query) is too long."),
    431: N_("The request's header fields are too large."),
    400: N_("The request is malformed."),
}
_LIMIT = f"{MAX_REQUEST_BODY_BYTES / (1024 * 1024):.4g} MiB"


def request_language(head: bytes) -> str | None:
    """The language a request's head (request line and header fields, as received, possibly cut short)
    asks for, as the apps choose it (``shared.i18n.stated_language``): ``?lang=``, then the
    ``kohtaanto_lang`` cookie, then ``Accept-Language``; one of ``shared.i18n.LANGUAGES``, or None.
    gunicorn refuses 413/414/431/400 before any app sees the request, so the worker reads it here
    (outside tester 28, T28-3: those answers were English whatever the request asked)."""
    text = head.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    line, *fields = text.split("\r\n")
    target = line.split(" ")[1] if line.count(" ") >= 1 else ""
    by_param = supported(next(iter(parse_qs(urlsplit(target).query).get(LANG_PARAM, [])), None))
    cookie, accept = "", ""
    for field in fields:
        name, _, value = field.partition(":")
        if name.strip().lower() == "cookie":
            cookie = cookie or parse_cookie(value.strip()).get(LANG_COOKIE, "")
        elif name.strip().lower() == "accept-language":
            accept = accept or value.strip()
    return by_param or supported(cookie) or parse_accept_header(accept, LanguageAccept).best_match(LANGUAGES)


@cache
def _catalogue(lang: str) -> Translations:
    """The compiled catalogue of ``lang`` (``shared.i18n.compile_catalogues``, as the apps load it)."""
    return Translations.load(str(compile_catalogues()), [lang], DOMAIN)


def edge_message(status_int: int, lang: str | None) -> str:
    """The ``message`` of gunicorn's own answer ``status_int`` in ``lang`` (English when None or not
    translated); the generic "<phrase>." for other codes. Never echoes the request."""
    msgid = _MESSAGES.get(status_int)
    if msgid is None:
        return (
            f"{HTTPStatus(status_int).phrase}." if status_int in HTTPStatus._value2member_map_ else "Error."
        )
    text = _catalogue(lang).gettext(msgid) if lang and lang != "en" else msgid
    return text % {"limit": _LIMIT} if "%(limit)s" in msgid else text


def write_json_error(sock: Any, status_int: int, reason: str, mesg: str, lang: str | None = None) -> None:
    """Drop-in for ``gunicorn.util.write_error``: the same status, a JSON body whose message is in the
    request's language (``lang``, else the one ``JsonErrorWorker.handle`` noted on the socket)."""
    phrase = HTTPStatus(status_int).phrase if status_int in HTTPStatus._value2member_map_ else reason
    lang = lang or getattr(sock, "request_language", None)
    message = edge_message(status_int, lang)
    body = json.dumps({"code": status_int, "status": phrase, "message": message, "errors": {}}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode("latin-1")
    util.write_nonblock(sock, head + body)


_OVERSIZE_DRAIN_BYTES = 16 * 1024 * 1024
"""What the lingering close after a 413 reads of a body still arriving (within its 2 s), so that the
client has read the 413 before the socket closes under its upload."""
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
        self.oversize = False  # the body announced is over ``max_body``: refused before it is read
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
                if len(values) != 1 or (length := values.pop()) < 0:
                    return True  # the parser refuses it (400) without the body
                if length > self.max_body:
                    self.oversize = True  # the worker answers 413 itself (outside tester 13, P8)
                    return True
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
    """A client socket whose reads of one request share one deadline (``start``), and whose writes of
    its answer share another, set at the first write; everything else is the socket's. A read after
    its deadline, or one that would wait past it, raises ``NoMoreData`` (gunicorn then closes the
    connection quietly; the apps answer a body they cannot read with 400). A write that would go on
    past its deadline raises ``BrokenPipeError``: the answer is abandoned and the connection closed
    (outside tester 6, G6: eight clients that asked for the region's 12 MB shortlists and never read
    them held every thread of matching in its writes, for as long as they kept the sockets)."""

    def __init__(self, sock: socket.socket, write_seconds: float = 60.0) -> None:
        self._sock = sock
        self._deadline: float | None = None
        self._write_seconds = write_seconds
        self._write_deadline: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def start(self, seconds: float) -> None:
        """Reads from now on must end within ``seconds`` (s); the next answer's writes get their own
        ``write_seconds`` from its first write."""
        self._deadline = time.monotonic() + seconds
        self._write_deadline = None

    def recv(self, size: int, *flags: int) -> bytes:
        return self._read(self._sock.recv, size, *flags)  # type: ignore[no-any-return]

    def recv_into(self, buffer: Any, *args: int) -> int:
        return self._read(self._sock.recv_into, buffer, *args)  # type: ignore[no-any-return]

    def send(self, data: Any, *flags: int) -> int:
        return self._write(self._sock.send, data, *flags)  # type: ignore[no-any-return]

    def sendall(self, data: Any, *flags: int) -> None:
        self._write(self._sock.sendall, data, *flags)

    def sendfile(self, file: Any, offset: int = 0, count: int | None = None) -> int:
        return self._write(self._sock.sendfile, file, offset, count)  # type: ignore[no-any-return]

    def _read(self, read: Any, *args: Any) -> Any:
        return self._bounded(read, self._deadline, lambda: NoMoreData(b""), *args)

    def _write(self, write: Any, *args: Any) -> Any:
        if self._write_deadline is None and self._sock.gettimeout() != 0.0:
            self._write_deadline = time.monotonic() + self._write_seconds
        return self._bounded(write, self._write_deadline, _not_taken, *args)

    def _bounded(self, op: Any, deadline: float | None, late: Any, *args: Any) -> Any:
        """``op(*args)`` ending by ``deadline``, else ``late()`` raised; a timeout the caller set on
        the socket (gunicorn's lingering close sets 2 s) still holds when it is the sooner."""
        own = self._sock.gettimeout()
        if deadline is None or own == 0.0:  # no deadline, or non-blocking
            return op(*args)
        left = deadline - time.monotonic()
        if left <= 0:
            raise late()
        self._sock.settimeout(left if own is None else min(left, own))
        try:
            return op(*args)
        except TimeoutError:
            if own is not None and own <= left:
                raise  # the caller's own timeout
            raise late() from None
        finally:
            self._sock.settimeout(own)


def _not_taken() -> BrokenPipeError:
    return BrokenPipeError(errno.EPIPE, "the client did not take the answer in time")


class _Connection(TConn):  # type: ignore[misc]
    """gunicorn's connection, whose lingering close (it waits up to 2 s for the client to close, so
    that the last answer is not cut by a reset) runs off the worker's event loop: in the loop, one
    client that never closes would hold every other connection for 2 s, again and again."""

    closer: Any = None  # the worker's one-thread executor for lingering closes

    def close(self, graceful: bool = False) -> None:
        if graceful and self.closer is not None:
            self.closer.submit(TConn.close, self, True)
        else:
            super().close(graceful)


class JsonErrorWorker(ThreadWorker):
    """gunicorn's threaded worker whose own error answers are JSON, which hands a request to a thread
    only once it has arrived whole, and whose clients must send a request within a deadline (see the
    module docstring)."""

    def init_process(self) -> None:
        util.write_error = write_json_error  # gunicorn calls util.write_error at the moment of the error
        settings = ServerSettings.from_env()
        self.read_seconds = settings.request_read_seconds
        self.write_seconds = settings.response_write_seconds
        cfg = self.cfg
        self.max_head = (
            (cfg.limit_request_line or 8190)
            + (cfg.limit_request_fields or 100) * ((cfg.limit_request_field_size or 8190) + 2)
            + 4
        )
        self.gathering: dict[Any, float] = {}  # connection -> deadline (s, monotonic), oldest first
        self.closer = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="close")
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
        conn = _Connection(self.cfg, client_sock, client_addr, listener.getsockname())
        conn.closer = self.closer
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
        if conn.gatherer.oversize:
            self._refuse_oversize(conn)
            return
        conn.data_ready = True
        conn.sock.setblocking(True)
        self.enqueue_req(conn)

    def _refuse_oversize(self, conn: Any) -> None:
        """413 for a body announced over the cap, at once: no "100 Continue" first (the client would
        send megabytes to be thrown away), ``Connection: close``, and a lingering close that reads
        what the client still sends, so the answer is not lost to a reset (outside tester 13, P8:
        100 Continue, then a 413 saying keep-alive on a socket closed under the client's body)."""
        self.gathering.pop(conn, None)
        with contextlib.suppress(OSError):
            write_json_error(
                conn.sock, 413, "Content Too Large", "", request_language(bytes(conn.gatherer.data))
            )
        self.nr_conns -= 1
        conn.sock.setblocking(True)
        # gunicorn's lingering close drains at most 64 KiB; the body may be megabytes on its way
        self.closer.submit(util.close_graceful, conn.sock, 2.0, _OVERSIZE_DRAIN_BYTES)

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
            # before the parser is made: it reads through this
            conn.sock = DeadlineSocket(conn.sock, self.write_seconds)
        conn.sock.start(self.read_seconds)
        gatherer = getattr(conn, "gatherer", None)
        if gatherer is not None:
            conn.gatherer = None
            # gunicorn's own refusals (414/431/400) are written on this socket: in the request's language
            conn.sock.request_language = request_language(bytes(gatherer.data))
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
