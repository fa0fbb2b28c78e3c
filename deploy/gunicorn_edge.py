"""gunicorn at the edge: its own errors in the services' JSON shape, and access logs without secrets.

* ``JsonErrorWorker`` (``worker_class``): requests gunicorn refuses before the app sees them (a request
  line over ``limit_request_line``: 414; headers over ``limit_request_field_size`` or
  ``limit_request_fields``: 431; malformed requests: 400) are answered as
  ``{code, status, message, errors}`` JSON, like every error of the apps, not gunicorn's HTML page.
  The message never echoes the request (it may hold a token or an identity code).
* ``JsonErrorWorker`` also gives every request one deadline for reading it from the client (request
  line, headers and body: ``KOHTAANTO_REQUEST_READ_SECONDS``). gunicorn's threaded worker waits for a
  connection's first bytes without a thread, but then reads the rest of the request in one of the few
  worker threads with no time limit: eight connections that sent half a request line and waited held
  every thread of the matching service, and its health checks and shortlists timed out (an outside
  tester). A client that has not sent its whole request by the deadline is disconnected (a body read
  by the app then is a 400). In production a buffering reverse proxy in front (an ingress, nginx)
  keeps slow clients off the threads altogether.
* ``ScrubbingLogger`` (``logger_class``): the access log never records the value of a ``token``
  query parameter (``/login?token=…``), nor personal identity codes, e-mail addresses or phone numbers
  in paths and query strings (``shared.pii`` masks them).
"""

from __future__ import annotations

import json
import socket
import time
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.glogging import Logger
from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

from shared.config import ServerSettings
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
    """gunicorn's threaded worker whose own error answers are JSON and whose requests must be read
    within a deadline (see the module docstring)."""

    def init_process(self) -> None:
        util.write_error = write_json_error  # gunicorn calls util.write_error at the moment of the error
        self.read_seconds = ServerSettings.from_env().request_read_seconds
        super().init_process()

    def handle(self, conn: Any) -> Any:
        if not isinstance(conn.sock, DeadlineSocket):
            conn.sock = DeadlineSocket(conn.sock)  # before the parser is made: it reads through this
        conn.sock.start(self.read_seconds)
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
