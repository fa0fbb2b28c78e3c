"""Outside tester 37, K1, over HTTP where it was stored: variation selectors, invisible operators, U+180E,
tag characters and other scripts' digits carried a pregnancy, a religion, identity codes and phone numbers
past the screens of an outcome comment, a vacancy's title, a jobseeker's name and the contact look-up's
``purpose``. Each is now a 422 naming the field, and nothing is stored, published or audited with it; ordinary
Finnish, Swedish, Sámi, Arabic, Persian (with its zero-width non-joiner) and emoji text is stored unchanged."""

from __future__ import annotations

import pytest

from services.profile.repository import profiles
from services.vacancy.repository import outbox as vacancy_outbox
from services.vacancy.repository import vacancies
from tests.api.matching_world import post_outcome, welders_world
from tests.helpers import WELDER, auth, profile_body, row_count
from tests.unit.shared.test_unicode_reading37 import K1_COMMENTS, between, tags

RECRUITER = auth("recruiter", "agency-a")
EMPLOYER = auth("employer", "konepaja-oy")
COACH = auth("coach", "tampere-tyollisyys")
OFFICER = auth("data_protection_officer", "tampere-tyollisyys")

HIDDEN = [
    "Hyvä puhelu." + tags(" raskaana, hetu 131052-308T"),  # the tester's hidden comment
    "Hyvä puhelu." + "\ufe00\ufe01\ufe02\ufe03\ufe04",  # bytes written as variation selectors
]
#: Titles and names the tester stored (K1), and more of the kind.
SHORT_TEXTS = [
    "Hitsaaja" + tags(" soita 0401234567"),
    "Aino" + tags("131052-308T"),
    "Aino " + between("131052-308T", "\ufe0f"),
    "Hitsaaja, soita " + between("0401234567", "\u2063"),
    "Hitsaaja, soita \u07c040 123 4567",
    "Aino ١٣١٠٥٢-٣٠٨T",
]
#: Ordinary texts a reader writes, stored exactly as sent.
ORDINARY_COMMENTS = [
    "Haastattelu sujui hyvin, jatketaan ensi viikolla.",
    "Bra samtal, vi fortsätter på måndag.",
    "Buorre ságastallan, joatkit boahtte vahkus.",
    "كانت المقابلة جيدة، سنتابع الأسبوع القادم.",
    "مصاحبه خوب بود، می\u200cخواهد ادامه دهد.",
    "Hyvä fiilis 👍🏽 ❤️ 👩\u200d🍳 🇫🇮 \U0001f3f4" + tags("gbsct") + "\U000e007f",
]
ORDINARY_NAMES = ["Áilu Čárdá", "زهرا حسین\u200cزاده", "عبد الله العلي", "Märta Sjöholm", "Aino 🌻"]


@pytest.fixture
def matching(database_url):
    return welders_world(database_url, 1)


def test_an_outcome_comment_with_tester_37s_tricks_is_refused_and_ordinary_ones_kept(matching):
    client = matching.test_client()
    for text, kind in K1_COMMENTS:
        r = post_outcome(client, RECRUITER, matching.candidate_ids[0], comment=text)
        assert r.status_code == 422, (text, r.json)
        assert kind in " ".join(r.json["errors"]["json"]["comment"]), (text, r.json)
    for text in HIDDEN:
        r = post_outcome(client, RECRUITER, matching.candidate_ids[0], comment=text)
        assert r.status_code == 422, (text, r.json)
        assert "hidden text" in r.json["errors"]["json"]["comment"][0], r.json
    assert client.get("/api/v1/vacancies/v-weld/outcomes", headers=RECRUITER).json["items"] == []
    for text in ORDINARY_COMMENTS:
        r = post_outcome(client, RECRUITER, matching.candidate_ids[0], comment=text)
        assert r.status_code == 201 and r.json["comment"] == text, (text, r.json)


def test_the_refusal_of_hidden_text_is_in_the_callers_language(matching):
    r = matching.test_client().post(
        "/api/v1/vacancies/v-weld/outcomes?lang=fi",
        json={"candidate_id": matching.candidate_ids[0], "status": "contacted", "comment": HIDDEN[0]},
        headers=RECRUITER,
    )
    assert r.status_code == 422 and "piilotekstiä" in r.json["errors"]["json"]["comment"][0], r.json


def test_a_vacancy_title_with_a_hidden_or_disguised_identifier_is_refused(vacancy_app):
    client = vacancy_app.test_client()
    body = {"occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}
    for title in SHORT_TEXTS:
        r = client.post("/api/v1/vacancies", json={**body, "title": title}, headers=EMPLOYER)
        assert r.status_code == 422 and r.json["errors"]["json"]["title"], (title, r.json)
    description = "Hitsaustöitä." + tags(" hetu 131052-308T")
    r = client.post(
        "/api/v1/vacancies", json={**body, "title": "Hitsaaja", "description": description}, headers=EMPLOYER
    )
    assert r.status_code == 422 and r.json["errors"]["json"]["description"], r.json
    assert row_count(vacancy_app, vacancies) == 0 and row_count(vacancy_app, vacancy_outbox) == 0
    title = "Kokki 👩\u200d🍳 ❤️ \U0001f3f4" + tags("gbwls") + "\U000e007f"
    r = client.post("/api/v1/vacancies", json={**body, "title": title}, headers=EMPLOYER)
    assert r.status_code == 201 and r.json["title"] == title, r.json


def test_a_jobseekers_name_with_a_hidden_or_disguised_identity_code_is_refused(profile_app):
    client = profile_app.test_client()
    for name in SHORT_TEXTS:
        body = profile_body(personal={"name": name, "email": None, "phone": None})
        r = client.put("/api/v1/profiles/t37", json=body, headers=COACH)
        assert r.status_code == 422 and r.json["errors"]["json"]["personal"]["name"], (name, r.json)
    assert row_count(profile_app, profiles) == 0
    for i, name in enumerate(ORDINARY_NAMES):
        body = profile_body(personal={"name": name, "email": None, "phone": None})
        r = client.put(f"/api/v1/profiles/t37-{i}", json=body, headers=COACH)
        assert r.status_code == 201 and r.json["personal"]["name"] == name, (name, r.json)


def test_a_contact_look_ups_purpose_with_hidden_or_disguised_personal_data_is_refused_and_not_audited(
    profile_app,
):
    client = profile_app.test_client()
    cid = client.put("/api/v1/profiles/t37-op", json=profile_body(), headers=COACH).json["candidate_id"]
    purposes = [
        "Haastattelu, hetu " + between("131052-308T", "\ufe0f"),
        "Haastattelu; hän on " + between("raskaana", "\u2063"),
        "Haastattelu" + tags(" hetu 131052-308T"),
        "Haastattelu, soita ۰۴۰۱۲۳۴۵۶۷",
    ]
    for purpose in purposes:
        r = client.post(
            "/api/v1/contacts/lookup", json={"candidate_ids": [cid], "purpose": purpose}, headers=RECRUITER
        )
        assert r.status_code == 422 and r.json["errors"]["json"]["purpose"], (purpose, r.json)
    r = client.post(
        "/api/v1/contacts/lookup",
        json={"candidate_ids": [cid], "purpose": "Haastattelu 👍"},
        headers=RECRUITER,
    )
    assert r.status_code == 200 and r.json["items"][0]["name"] == "Aino Virtanen", r.json
    audit = client.get("/api/v1/audit?profile_id=t37-op&action=contact.read", headers=OFFICER).json["items"]
    assert [(e["granted"], e["purpose"]) for e in audit] == [("yes", "Haastattelu 👍")], audit
