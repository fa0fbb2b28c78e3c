"""gunicorn at the edge: its own errors in the services' JSON shape, and access logs without secrets.

* ``JsonErrorWorker`` (``worker_class``): requests gunicorn refuses before the app sees them (a request
  line over ``limit_request_line``: 414; headers over ``limit_request_field_size`` or
  ``limit_request_fields``: 431; malformed requests: 400) are answered as
  ``{code, status, message, errors}`` JSON, like every error of the apps, not gunicorn's HTML page.
  The message never echoes the request (it may hold a token or an identity code).
* ``ScrubbingLogger`` (``logger_class``): the access log never records the value of a ``token``
  query parameter (``/login?token=…``), nor personal identity codes, e-mail addresses or phone numbers
  in paths and query strings (``shared.pii`` masks them).
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from gunicorn import util
from gunicorn.glogging import Logger
from gunicorn.workers.gthread import ThreadWorker

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


class JsonErrorWorker(ThreadWorker):
    """gunicorn's threaded worker whose own error answers are JSON (see the module docstring)."""

    def init_process(self) -> None:
        util.write_error = write_json_error  # gunicorn calls util.write_error at the moment of the error
        super().init_process()


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
