"""Outside testers 40, T40-4 and T40-7: every free text one organisation writes that another reads about a
jobseeker takes the full comment screen (special categories too): an outcome's comment and follow-up action
(matching), a handover's note and decline reason (profile), an employer's rating comment (profile: "Hakija
kertoi olevansa raskaana, joten ei sovi vuorotyöhön." was stored and shown to the coach). The inventory reads the
routes' schemas; one test per endpoint kind goes through the real app (422 naming the field and the kind, nothing
stored, an ordinary text then stored). The jobseeker's own rating comment (told to their own coach, or typed on
the rating page) keeps the identifier screen: nobody else reads it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.profile.paths.rating_store import ratings
from shared import pii
from tests.api.matching_world import Clock, matching_app, vacancy, welders
from tests.api.ratings_world import referral
from tests.api.ratings_world import world as world  # the fixture
from tests.api.test_free_text_fields import apps as apps  # the fixture
from tests.api.test_free_text_fields import inputs, refused
from tests.api.test_profile_paths import COACH, SCHOOL, jobseeker, open_path, send
from tests.helpers import auth

#: (service, route, field) → a special-category example of what such a field was found or might be used to carry.
ORG_TO_ORG = {
    (
        "matching",
        "POST /api/v1/vacancies/<vacancy_id>/outcomes",
        "comment",
    ): "He had a heart attack last year.",
    (
        "matching",
        "POST /api/v1/vacancies/<vacancy_id>/outcomes",
        "follow_up.action",
    ): "Kysy, onko sädehoito ohi.",
    ("profile", "POST /api/v1/paths/<path_id>/handovers", "note"): "He had a stroke last year.",
    ("profile", "POST /api/v1/handovers/<handover_id>/decline", "reason"): "Hon fick cellgifter i våras.",
    (
        "profile",
        "POST /api/v1/ratings",
        "comment",
    ): "Hakija kertoi olevansa raskaana, joten ei sovi vuorotyöhön.",
}
MORE = [
    ("Kuuluu helluntaiseurakuntaan.", "religion"),
    ("Han är medlem i IF Metall.", "trade_union_membership"),
    ("She told us she is pregnant.", "health_data"),
    ("Hänellä on rikosrekisteri.", "criminal_record"),
]

pytestmark = pytest.mark.storage_independent  # refused before storage; the stored halves run on SQLite


@pytest.mark.parametrize("key", sorted(ORG_TO_ORG))
def test_every_text_one_organisation_writes_to_another_takes_the_full_screen(apps, key):
    field = inputs(apps)[key]
    assert pii.refuse_sensitive_data in field.validators, key
    assert refused(field, ORG_TO_ORG[key]), key
    for text, _kind in MORE:
        assert refused(field, text), (key, text)
    assert not refused(field, "Hyvä haastattelu, aloittaa maanantaina."), key


def test_the_jobseekers_own_rating_comment_keeps_the_identifier_screen(apps):
    field = inputs(apps)[("profile", "POST /api/v1/profiles/<profile_id>/ratings", "comment")]
    assert pii.refuse_personal_data_in_own_words in field.validators
    assert pii.refuse_sensitive_data not in field.validators


EMPLOYER = auth("employer", "konepaja-oy")


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        ("Hakija kertoi olevansa raskaana, joten ei sovi vuorotyöhön.", "health_data"),  # the tester's
        ("Hon berättade att hon är gravid.", "health_data"),
        ("He had a heart attack last year.", "health_data"),
        ("Kuuluu helluntaiseurakuntaan, ei voi tehdä lauantaisin.", "religion"),
        ("Aktiv i facket, förtroendevald på förra jobbet.", "trade_union_membership"),
        ("Hänellä on pieniä lapsia kotona.", "family_status"),
    ],
)
def test_an_employers_rating_comment_with_special_categories_is_a_422_and_nothing_is_stored(
    world, profile_app, comment, kind
):
    client, candidate = world
    r = client.post(
        "/api/v1/ratings", json={**referral(2, comment), "candidate_id": candidate}, headers=EMPLOYER
    )
    assert r.status_code == 422, r.json
    assert kind in " ".join(r.json["errors"]["json"]["comment"]), r.json
    with profile_app.extensions["kohtaanto.engine"].connect() as conn:
        assert conn.execute(select(ratings)).all() == []
    ok = {**referral(4, "Hyvä haastattelu, tuli ajoissa."), "candidate_id": candidate}
    assert client.post("/api/v1/ratings", json=ok, headers=EMPLOYER).status_code == 201


@pytest.fixture
def paths_client(profile_app):
    return profile_app.test_client()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("note", "He had a stroke last year."),  # the tester's
        ("note", "Hänelle tehtiin selkäleikkaus keväällä."),
    ],
)
def test_a_handover_note_with_an_illness_event_is_a_422(paths_client, field, text):
    jobseeker(paths_client)
    path = open_path(paths_client)
    r = send(paths_client, path, **{field: text}, shared=["name", "work_ability"])
    assert r.status_code == 422, r.json
    assert "health_data" in " ".join(r.json["errors"]["json"][field]), r.json
    assert paths_client.get(f"/api/v1/paths/{path['id']}", headers=COACH).json.get("handovers", []) == []
    fine = send(paths_client, path, purpose="Työkokeilun suunnittelu", shared=["name", "work_ability"])
    assert fine.status_code == 201, fine.json
    r = paths_client.post(
        f"/api/v1/handovers/{fine.json['id']}/decline",
        json={"reason": "Hon fick cellgifter i våras."},
        headers=SCHOOL,
    )
    assert r.status_code == 422 and "health_data" in " ".join(r.json["errors"]["json"]["reason"]), r.json


@pytest.fixture
def matching(database_url):
    app = matching_app(database_url, Clock())
    vacancy(app, "v-nurse")
    app.candidate_ids = welders(app)
    return app


@pytest.mark.parametrize(
    "body",
    [
        {"comment": "He had a heart attack last year."},  # the tester's
        {"comment": "Han fick en stroke i fjol."},
        {"comment": "Syöpähoidot päättyivät kesällä."},
        {"follow_up": {"action": "Kysy, onko sädehoito ohi.", "due": "2026-12-20"}},
    ],
)
def test_an_outcome_naming_an_illness_event_is_a_422_and_a_nurses_comment_passes(matching, body):
    client = matching.test_client()
    recruiter = auth("recruiter", "agency-a")
    c = matching.candidate_ids[0]
    r = client.post(
        "/api/v1/vacancies/v-nurse/outcomes",
        json={"candidate_id": c, "status": "interviewed", **body},
        headers=recruiter,
    )
    assert r.status_code == 422 and "health_data" in str(r.json["errors"]), r.json
    assert client.get("/api/v1/vacancies/v-nurse/outcomes", headers=recruiter).json["items"] == []
    work = "Hoitaa syöpäpotilaita, kokemusta sytostaattihoidoista ja aivohalvauspotilaiden kuntoutuksesta."
    r = client.post(
        "/api/v1/vacancies/v-nurse/outcomes",
        json={"candidate_id": c, "status": "interviewed", "comment": work},
        headers=recruiter,
    )
    assert r.status_code == 201, r.json


@pytest.mark.parametrize(
    "purpose",
    ["Työkyvyn arviointi", "ammatillinen kuntoutus", "Arbetsförmågebedömning", "work ability assessment"],
)
def test_a_handovers_purpose_may_name_why_health_data_is_shared(paths_client, purpose):
    """The purpose says why special-category data is shared (required when it is), so it may name the
    service: "työkyvyn arviointi" is the commonest reason to share work ability. It keeps the identifier
    screen (an identity code is still a 422); the data itself travels in `shared`, with consent."""
    jobseeker(paths_client)
    path = open_path(paths_client)
    bad = send(paths_client, path, purpose=f"{purpose} 131052-308T", shared=["name", "work_ability"])
    assert bad.status_code == 422 and "purpose" in bad.json["errors"]["json"], bad.json
    r = send(paths_client, path, purpose=purpose, shared=["name", "work_ability"])
    assert r.status_code == 201, r.json
