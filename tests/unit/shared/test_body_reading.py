"""How the shared input guard (``shared.http.guard_input``, every service's) reads a body: a JSON
object may not give a key twice, and a body is never decompressed (outside tester 9, K3 and K6)."""

import gzip
import json

import pytest
from flask import Flask

from shared.http import (
    MAX_JSON_ITEMS,
    MAX_JSON_KEYS,
    MAX_JSON_VALUES,
    MAX_LISTED_ERRORS,
    BadInputError,
    abort,
    bounded_errors,
    create_api,
    load_json_strictly,
)


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


# -- bounded work and answers (outside tester 27, T27-11: a 1.9 MB object of 110,000 unknown keys cost
# 11-12 s of CPU and was answered with 3 MB of "Unknown field." on every service) ---------------------
def test_an_object_of_more_keys_than_any_schema_declares_is_refused_before_validation():
    raw = json.dumps({f"k{i}": i for i in range(MAX_JSON_KEYS + 1)}).encode()
    with pytest.raises(BadInputError) as err:
        load_json_strictly(raw)
    assert err.value.errors == {"json": [f"A JSON object holds more than {MAX_JSON_KEYS} keys."]}
    assert len(load_json_strictly(json.dumps({f"k{i}": i for i in range(MAX_JSON_KEYS)}).encode())) == 256


def test_a_longer_array_than_any_schema_takes_is_refused_naming_where():
    raw = json.dumps({"skills": [{"k": 1}] * (MAX_JSON_ITEMS + 1)}).encode()
    with pytest.raises(BadInputError) as err:
        load_json_strictly(raw)
    assert err.value.errors == {"json": {"skills": [f"A JSON array holds more than {MAX_JSON_ITEMS} items."]}}


def test_a_body_of_too_many_values_in_small_parts_is_refused():
    part = {f"k{i}": i for i in range(60)}
    raw = json.dumps({"a": [part] * 500, "b": [part] * 500}).encode()
    with pytest.raises(BadInputError) as err:
        load_json_strictly(raw)
    assert err.value.errors == {"json": [f"The JSON body holds more than {MAX_JSON_VALUES} values."]}


def test_the_error_tree_is_cut_to_its_first_reasons_and_counts_them_all():
    errors = {"json": {f"k{i}": ["Unknown field."] for i in range(120)} | {"n": {"0": {"x": ["A.", "B."]}}}}
    cut, total = bounded_errors(errors, limit=3)
    assert total == 122
    assert cut == {"json": {"k0": ["Unknown field."], "k1": ["Unknown field."], "k2": ["Unknown field."]}}
    assert bounded_errors({"json": {"a": ["x"]}}) == ({"json": {"a": ["x"]}}, 1)


def test_an_answer_lists_at_most_the_first_reasons_and_says_how_many_there_were():
    flask_app = app()

    @flask_app.post("/many")
    def many():
        abort(422, "Invalid.", errors={"json": {f"k{i}": ["Unknown field."] for i in range(200)}})

    r = flask_app.test_client().post("/many?lang=fi", json={})
    assert r.status_code == 422
    assert len(r.json["errors"]["json"]) == MAX_LISTED_ERRORS
    assert f"Kenttävirheitä on 200; niistä luetellaan ensimmäiset {MAX_LISTED_ERRORS}." in r.json["message"]
