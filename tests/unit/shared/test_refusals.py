"""shared.refusals (outside tester 21, Q4): whom a refused request names, and why it was refused, read
from a bare Flask request (no service): only pseudonyms, each once, capped; a marked reason wins."""

import pytest
from flask import Flask

from shared.refusals import MAX_NAMED, mark_refused, named_candidates, refusal_of

A, B = "c-" + "a" * 24, "c-" + "b" * 24
app = Flask(__name__)
app.add_url_rule("/v/<vacancy_id>/c/<candidate_id>", "one", lambda **_: "")
app.add_url_rule("/v/<vacancy_id>", "body", lambda **_: "", methods=["POST"])


def test_the_path_and_the_body_name_pseudonyms_only_each_once():
    with app.test_request_context("/v/x/c/" + A):
        app.preprocess_request()
        assert named_candidates() == [A]
    body = {"candidate_ids": [B, "131052-308T", 7, None, B], "candidate_id": A}
    with app.test_request_context("/v/x", method="POST", json=body):
        assert named_candidates() == [B, A]
    for odd in (["not", "a", "dict"], {"candidate_ids": "c-x"}, {"candidate_id": "Aino Virtanen"}):
        with app.test_request_context("/v/x", method="POST", json=odd):
            assert named_candidates() == []
    with app.test_request_context("/v/x", method="POST", data="{not json", content_type="application/json"):
        assert named_candidates() == []


def test_at_most_max_named_ids_are_named():
    many = [f"c-{i:024x}" for i in range(MAX_NAMED + 50)]
    with app.test_request_context("/v/x", method="POST", json={"candidate_ids": many}):
        assert named_candidates() == many[:MAX_NAMED]


@pytest.mark.parametrize(
    ("mark", "status", "reason"),
    [
        (None, 403, "role"),
        (None, 404, "not_found"),
        (None, 422, None),  # bad input is no refusal
        (None, 200, None),
        ("unknown_candidate", 422, "unknown_candidate"),
        ("candidate_not_visible", 404, "candidate_not_visible"),
        ("unknown_candidate", 201, None),  # marked, but the answer granted it
    ],
)
def test_the_reason_is_the_marked_one_or_the_status(mark, status, reason):
    with app.test_request_context("/v/x"):
        if mark:
            mark_refused(mark)
        assert refusal_of(status) == reason
