"""While matching's index loads after a restart (its snapshot, then the topics written since), what
it reads answers 503 with Retry-After in the error shape, not a 404 "No such vacancy" nor a shortlist
that may still hold a candidate withdrawn since the snapshot (outside tester 18, P17). The broker
restart itself is in tests/faults/test_restart_from_snapshot.py; here the app's hook is driven by a
flag as the feed's `caught_up` event drives it."""

import pytest

from services.matching.app import INDEX_LOADING, index_backed
from shared.http import unavailable_while
from tests.api.matching_world import Clock, matching_app, vacancy, welders
from tests.helpers import auth

RECRUITER = auth("recruiter", "agency-a")
COACH = auth("coach", "tampere-tyollisyys")


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    app.loading = True
    app.before_request(unavailable_while(lambda: app.loading, index_backed, INDEX_LOADING))
    vacancy(app, "v-weld")
    welders(app)
    return app


@pytest.mark.parametrize(
    "path", ["/api/v1/vacancies/v-weld/shortlist?k=5", "/api/v1/vacancies/v-new/shortlist?k=5"]
)
def test_a_shortlist_while_the_index_loads_is_a_503_to_retry_then_a_200_or_a_404(app, path):
    client = app.test_client()
    for lang, words in (("en", "still loading"), ("sv", "laddas")):
        r = client.get(path, headers={**RECRUITER, "Accept-Language": lang})
        assert r.status_code == 503, r.json
        assert r.json["code"] == 503 and words in r.json["message"], r.json
        assert int(r.headers["Retry-After"]) > 0
    app.loading = False
    r = client.get(path, headers=RECRUITER)
    assert r.status_code == (200 if "v-weld" in path else 404), r.json


def test_recognition_health_and_sign_in_do_not_wait_for_the_index(app):
    client = app.test_client()
    assert client.get("/health/live").status_code == 200
    r = client.post("/api/v1/skills/recognise", json={"text": "Osaa MIG-hitsauksen."}, headers=COACH)
    assert r.status_code == 200, r.json
    assert client.get("/api/v1/vacancies/v-weld/skills", headers=RECRUITER).status_code == 503


def test_a_meeting_page_while_the_index_loads_is_a_page_saying_so(app):
    r = app.test_client().get(
        "/meetings/pirkanmaa/2026-W49", headers={**COACH, "Accept": "text/html", "Accept-Language": "fi"}
    )
    assert r.status_code == 503 and r.mimetype == "text/html"
    assert "Retry-After" in r.headers
    assert "latautuu" in r.get_data(as_text=True)
