"""How the shared input guard (``shared.http.guard_input``, every service's) reads a body: a JSON
object may not give a key twice, and a body is never decompressed (outside tester 9, K3 and K6)."""

import gzip

import pytest
from flask import Flask

from shared.http import BadInputError, create_api, load_json_strictly


@pytest.mark.parametrize(
    ("raw", "where", "key"),
    [
        (b'{"consented_orgs": [], "consented_orgs": ["agency-a"]}', "consented_orgs", "consented_orgs"),
        (b'{"a": 1, "b": 2, "a": 1}', "a", "a"),  # the same value twice too
        (b'{"x": {"y": [{"k": 1}, {"k": 1, "k": 2}]}}', "x.y.1.k", "k"),
        (b'[{"k": 1, "k": 2}]', "0.k", "k"),
    ],
)
def test_a_key_given_twice_in_one_object_is_refused_naming_it_at_any_depth(raw, where, key):
    with pytest.raises(BadInputError) as err:
        load_json_strictly(raw)
    assert err.value.errors == {"json": {where: [f"The key {key!r} appears more than once."]}}


def test_the_same_key_in_different_objects_is_fine():
    assert load_json_strictly(b'{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 3}, {"k": 4}]}')["c"][1] == {
        "k": 4
    }


def app() -> Flask:
    flask_app = Flask(__name__)
    create_api(flask_app, "test")

    @flask_app.post("/things")
    def things():
        return {"ok": True}

    return flask_app


def test_a_repeated_key_is_a_400_in_the_error_shape():
    r = app().test_client().post("/things?lang=en", data=b'{"a": 1, "a": 2}', content_type="application/json")
    assert r.status_code == 400
    assert r.json["errors"] == {"json": {"a": ["The key 'a' appears more than once."]}}
    assert set(r.json) == {"code", "status", "message", "errors"}


@pytest.mark.parametrize(
    "encoding", ["gzip", "x-gzip", "deflate", "br", "zstd", "compress", "gzip, identity"]
)
def test_a_body_with_a_content_encoding_is_a_415_saying_so(encoding):
    r = (
        app()
        .test_client()
        .post(
            "/things?lang=en",
            data=gzip.compress(b'{"a": 1}'),
            headers={"Content-Type": "application/json", "Content-Encoding": encoding},
        )
    )
    assert r.status_code == 415, r.json
    assert r.json["message"].startswith("Content encodings are not accepted")
    assert set(r.json) == {"code", "status", "message", "errors"}


@pytest.mark.parametrize("encoding", ["identity", "Identity", ""])
def test_identity_is_no_content_encoding(encoding):
    r = (
        app()
        .test_client()
        .post(
            "/things?lang=en",
            data=b'{"a": 1}',
            headers={"Content-Type": "application/json", "Content-Encoding": encoding},
        )
    )
    assert r.status_code == 200, r.json


def test_the_reasons_are_given_in_the_request_language():
    client = app().test_client()
    r = client.post("/things?lang=fi", data=b'{"a": 1, "a": 2}', content_type="application/json")
    assert r.json["errors"] == {"json": {"a": ["Avain 'a' esiintyy useammin kuin kerran."]}}
    r = client.post(
        "/things?lang=sv", data=b"x", headers={"Content-Type": "application/json", "Content-Encoding": "gzip"}
    )
    assert r.status_code == 415 and r.json["message"].startswith("Innehållskodningar")
