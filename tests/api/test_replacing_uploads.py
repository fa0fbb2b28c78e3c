"""Uploads that replace stored sets (outside tester 34, F13: a one-course file silently replaced a
school's 45 courses): the training catalogue and the shortage lists both answer a dry run with what
would change, storing and publishing nothing, and refuse with a 409 a file that would remove most of
a stored set until the removal is confirmed (SQLite and PostgreSQL)."""

import pytest
from sqlalchemy import func, select

from services.matching.team.repository import courses, outbox, shortage_history, shortage_lists
from tests.api.matching_world import WELDER, essential, welding_shortage_world
from tests.helpers import auth

OPERATOR = auth("operator", "kohtaanto")
TEAM = auth("team_member", "tampere-tyollisyys")
CSV = {"Content-Type": "text/csv"}
HEADER = (
    "course_id;provider;title_fi;title_sv;skills;length_weeks;municipality;online;apprenticeship;start_dates"
)
#: ISCO-08 unit groups, each with ESCO occupations (welders, nurses, cooks, cleaners, …)
CODES = ["7212", "2221", "5120", "9112", "7411", "2512", "5321", "7231", "7115", "8332", "2341", "4110"]


@pytest.fixture
def app(database_url):
    return welding_shortage_world(database_url)


def count(app, table):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def stored_course_ids(app):
    with app.extensions["kohtaanto.engine"].connect() as conn:
        return sorted(r.course_id for r in conn.execute(select(courses.c.course_id)))


def catalogue(ids, title="Hitsauksen perusteet"):
    skill = essential(WELDER, 100)[-1]
    lines = [f"{i};tredu;{title};;{skill};8;Tampere;ei;ei;jatkuva haku" for i in ids]
    return "\n".join([HEADER, *lines]).encode()


def post_catalogue(client, data, query="", lang="en"):
    url = f"/api/v1/training/catalogue?lang={lang}{query}"
    return client.post(url, data=data, headers={**OPERATOR, **CSV})


TWELVE = [f"HITS-{i:02}" for i in range(12)]


# -- the training catalogue ----------------------------------------------------------------------------
def test_a_file_that_would_remove_most_of_a_schools_courses_is_refused_until_confirmed(app):
    client = app.test_client()
    assert post_catalogue(client, catalogue(TWELVE)).status_code == 201
    outbox_rows = count(app, outbox)
    r = post_catalogue(client, catalogue(["HITS-00"]))
    assert r.status_code == 409, r.json
    assert "confirm_removal=true" in r.json["message"] and "dry_run=true" in r.json["message"]
    [reason] = r.json["errors"]["query"]["confirm_removal"]
    assert reason.startswith("tredu: 11 of its 12 stored courses") and "HITS-11" in reason
    assert stored_course_ids(app) == TWELVE and count(app, outbox) == outbox_rows  # nothing changed
    confirmed = post_catalogue(client, catalogue(["HITS-00"]), "&confirm_removal=true")
    assert confirmed.status_code == 201, confirmed.json
    assert confirmed.json["dry_run"] is False and confirmed.json["import_id"]
    assert [c["course_id"] for c in confirmed.json["removed"]] == TWELVE[1:]
    [change] = confirmed.json["changes"]
    assert change["counts"] == {"added": 0, "changed": 0, "removed": 11, "unchanged": 1}
    assert stored_course_ids(app) == ["HITS-00"]


def test_a_dry_run_answers_what_would_be_added_changed_and_removed_and_stores_nothing(app):
    client = app.test_client()
    first = post_catalogue(client, catalogue(TWELVE), "&dry_run=true")  # a first import, checked
    assert first.status_code == 200, first.json
    assert (first.json["dry_run"], first.json["import_id"], first.json["added"]) == (True, None, 12)
    assert first.json["changes"][0]["added"] == TWELVE and count(app, courses) == 0
    assert post_catalogue(client, catalogue(TWELVE)).status_code == 201
    outbox_rows = count(app, outbox)
    data = catalogue(["HITS-00", "NEW-1"], title="Hitsaus, uusittu")
    dry = post_catalogue(client, data, "&dry_run=true")  # no confirmation needed to look
    assert dry.status_code == 200, dry.json
    [change] = dry.json["changes"]
    assert (change["scope"], change["stored"], change["needs_confirming"]) == ("tredu", 12, True)
    assert (change["added"], change["changed"], change["removed"]) == (["NEW-1"], ["HITS-00"], TWELVE[1:])
    assert change["counts"] == {"added": 1, "changed": 1, "removed": 11, "unchanged": 0}
    assert [c["course_id"] for c in dry.json["removed"]] == TWELVE[1:]
    assert any("confirm_removal=true" in w for w in dry.json["warnings"])
    assert stored_course_ids(app) == TWELVE and count(app, outbox) == outbox_rows
    # the same file, applied, does what the dry run said
    done = post_catalogue(client, data, "&confirm_removal=true")
    assert done.status_code == 201 and done.json["changes"] == dry.json["changes"]


def test_a_dry_run_checks_the_file_as_an_import_does(app):
    r = post_catalogue(
        app.test_client(), catalogue(["HITS-00"]).replace(b"Tampere", b"Tamperr"), "&dry_run=true"
    )
    assert r.status_code == 422 and r.json["errors"]["file"]["2"], r.json


def test_a_small_catalogue_or_most_of_a_large_one_kept_needs_no_confirmation(app):
    client = app.test_client()
    assert post_catalogue(client, catalogue(TWELVE[:3])).status_code == 201
    r = post_catalogue(client, catalogue(["HITS-00"]))  # 2 of 3 go: fewer than 10
    assert r.status_code == 201 and len(r.json["removed"]) == 2
    assert post_catalogue(client, catalogue(TWELVE * 2)).status_code == 422  # an id twice
    many = [f"K-{i:02}" for i in range(30)]
    assert post_catalogue(client, catalogue(many)).status_code == 201
    r = post_catalogue(client, catalogue(many[:15]))  # half goes: not more than half
    assert r.status_code == 201 and len(r.json["removed"]) == 15


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_refusal_is_in_the_callers_language(app, lang):
    client = app.test_client()
    post_catalogue(client, catalogue(TWELVE))
    en = post_catalogue(client, catalogue(["HITS-00"]))
    r = post_catalogue(client, catalogue(["HITS-00"]), lang=lang)
    assert r.status_code == 409 and "confirm_removal=true" in r.json["message"]
    assert r.json["message"] != en.json["message"]
    [reason] = r.json["errors"]["query"]["confirm_removal"]
    assert reason != en.json["errors"]["query"]["confirm_removal"][0] and "11" in reason and "12" in reason


# -- shortage lists ------------------------------------------------------------------------------------
def shortage_file(codes, level="shortage"):
    return (
        "occupation,region,period,level\n" + "".join(f"{c},pirkanmaa,2026H2,{level}\n" for c in codes)
    ).encode()


def post_shortages(client, data, query=""):
    return client.post(f"/api/v1/shortages?source=Barometri{query}", data=data, headers={**OPERATOR, **CSV})


def stored_rows(client):
    [listed] = [
        x for x in client.get("/api/v1/shortages?region=pirkanmaa", headers=TEAM).json["items"]
        if x["period"] == "2026H2"
    ]  # fmt: skip
    return sorted(e["occupation"] for e in listed["entries"])


def test_a_shortage_file_that_would_remove_most_of_a_stored_list_is_refused_until_confirmed(app):
    client = app.test_client()
    assert post_shortages(client, shortage_file(CODES)).status_code == 201
    history, published = count(app, shortage_history), count(app, outbox)
    r = post_shortages(client, shortage_file(["7212"]))
    assert r.status_code == 409, r.json
    [reason] = r.json["errors"]["query"]["confirm_removal"]
    assert reason.startswith("pirkanmaa 2026H2: 11 of the 12 rows") and "2221" in reason
    assert stored_rows(client) == sorted(CODES)
    assert (count(app, shortage_history), count(app, outbox)) == (history, published)  # nor audited
    confirmed = post_shortages(client, shortage_file(["7212"]), "&confirm_removal=true")
    assert confirmed.status_code == 201, confirmed.json
    assert confirmed.json["changes"][0]["removed"] == sorted(CODES[1:])
    assert stored_rows(client) == ["7212"]
    # the history (the shortage data's audit trail) says the removal was confirmed, and how much went
    [latest, *_] = client.get("/api/v1/shortages/history", headers=OPERATOR).json["items"]
    assert (latest["action"], latest["rows"]) == ("replaced", 1)
    assert latest["reason"] == "removal confirmed: 11 of 12 stored rows not in the file"


def test_a_shortage_dry_run_answers_the_changes_notices_and_warnings_and_stores_records_and_publishes_nothing(
    app,
):
    client = app.test_client()
    assert post_shortages(client, shortage_file(CODES)).status_code == 201
    before = (count(app, shortage_lists), count(app, shortage_history), count(app, outbox))
    data = shortage_file(["7212", "2221"], level="severe_shortage")
    dry = post_shortages(client, data, "&dry_run=true")
    assert dry.status_code == 200, dry.json
    assert (dry.json["dry_run"], dry.json["import_id"]) == (True, None)
    [change] = dry.json["changes"]
    assert (change["scope"], change["stored"], change["needs_confirming"]) == ("pirkanmaa|2026H2", 12, True)
    assert (change["changed"], change["removed"]) == (["2221", "7212"], sorted(CODES[2:]))
    assert any("confirm_removal=true" in w for w in dry.json["warnings"])
    assert dry.json["warnings"][1:], "the occupations taken out of shortage are named as in an import"
    assert (count(app, shortage_lists), count(app, shortage_history), count(app, outbox)) == before
    assert stored_rows(client) == sorted(CODES)
    done = post_shortages(client, data, "&confirm_removal=true")
    assert done.status_code == 201 and done.json["changes"] == dry.json["changes"]
    assert done.json["warnings"] == dry.json["warnings"][1:]


def test_a_new_list_or_a_small_correction_needs_no_confirmation(app):
    client = app.test_client()
    assert post_shortages(client, shortage_file(CODES[:5])).status_code == 201  # 2221 stored: 1 row
    r = post_shortages(client, shortage_file(CODES[:1]))  # 4 of 5 go: fewer than 10
    assert r.status_code == 201 and r.json["changes"][0]["counts"]["removed"] == 4


def test_both_uploads_document_the_dry_run_the_confirmation_and_the_409(app):
    spec = app.test_client().get("/openapi.json").json
    for path in ("/api/v1/training/catalogue", "/api/v1/shortages"):
        post = spec["paths"][path]["post"]
        names = {p["name"] for p in post["parameters"] if p["in"] == "query"}
        assert {"dry_run", "confirm_removal"} <= names
        assert {"200", "201", "409"} <= set(post["responses"])
