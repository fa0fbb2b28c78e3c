"""A body the server cannot read (gunicorn's ``InvalidChunkSize`` and kin, raised from the request
stream when a view reads it) is the client's fault: 400 in the JSON error shape, never a 500 (outside
tester 3, F17: every POST of all three services answered 500 with a logged traceback)."""

import pytest
from flask import Flask, request
from gunicorn.http.errors import ChunkMissingTerminator, InvalidChunkSize, NoMoreData

from shared.http import create_api, unreadable_body


@pytest.mark.parametrize("exc", [InvalidChunkSize(b"ZZ"), ChunkMissingTerminator(b"xx"), NoMoreData(b"")])
def test_a_body_gunicorn_cannot_read_is_a_400_in_the_error_shape(exc):
    app = Flask(__name__)
    create_api(app, "test")

    @app.post("/things")
    def things():
        request.get_data()
        raise exc

    r = app.test_client().post("/things", data=b"x", content_type="text/plain")
    assert r.status_code == 400, r.json
    assert set(r.json) == {"code", "status", "message", "errors"} and r.json["code"] == 400


def test_other_errors_are_not_taken_for_an_unreadable_body():
    assert not unreadable_body(OSError("disk full"))
    assert not unreadable_body(ValueError("x"))
    assert unreadable_body(InvalidChunkSize(b"ZZ"))
