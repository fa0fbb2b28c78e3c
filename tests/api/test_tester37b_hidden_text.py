"""Outside tester 37b, L1, over HTTP where it was stored: one variation selector per letter (a byte or a nibble
of an identity code, a phone number, "raskaana") and runs of zero-width joiners, spaces, invisible operators
and Hangul fillers (a bit per character) were a 201/200 in an outcome comment, a jobseeker's name, a vacancy's
title and description, the contact look-up's ``purpose`` (then read verbatim in the owner's audit), a
catalogue's ``title_fi`` and a shortage list's ``source``. Each is now a 422 naming the field ("hidden text"),
and nothing is stored, published or audited with it; ordinary Finnish, Swedish, Sámi, Arabic with an RLM,
Persian with a ZWNJ, Hindi and Tamil with ZWJ/ZWNJ, CJK with an ideographic variation selector and emoji
(👩‍🍳, ❤️‍🔥, the Scottish flag) are stored exactly as sent."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from services.matching.team.repository import courses, outbox
from services.profile.repository import profiles
from services.vacancy.repository import outbox as vacancy_outbox
from services.vacancy.repository import vacancies
from shared.text import hidden_text, plain_typography
from tests.api.matching_world import SHORTAGE_CSV, post_outcome, welders_world, welding_shortage_world
from tests.api.uploads import catalogue_rows, csv_bytes, import_catalogue
from tests.helpers import WELDER, auth, profile_body, row_count
from tests.unit.shared.test_hidden_text37b import ORDINARY, TESTER_37B

RECRUITER = auth("recruiter", "agency-a")
EMPLOYER = auth("employer", "konepaja-oy")
COACH = auth("coach", "tampere-tyollisyys")
OFFICER = auth("data_protection_officer", "tampere-tyollisyys")
OPERATOR = auth("operator", "kohtaanto")


#: What ``ScreenedText`` and ``DisplayText`` fields remove before storing: the invisible characters that only
#: split a word (zero-width space, word joiner, byte-order mark, soft hyphen), as pasted text carries them.
WORD_SPLITTING = str.maketrans(dict.fromkeys("\u200b\u2060\ufeff\u00ad"))


def inputs(*fields: str, stripped: bool = True) -> list[str]:
    """Tester 37b's texts for ``fields``, and every one of them in any field (the channel is not the field's).
    ``stripped``: the field removes the word-splitting invisibles before storing, so only the texts that still
    hide something without them are refused (the others are ``pasted``)."""
    own = [text for field, text in TESTER_37B if field in fields]
    every = own + [text for _, text in TESTER_37B if text not in own]
    return [text for text in every if not stripped or hidden_text(text.translate(WORD_SPLITTING))]


def pasted() -> list[str]:
    """Tester 37b's texts whose hidden part is only word-splitting invisibles: stored without them."""
    return [text for _, text in TESTER_37B if not hidden_text(text.translate(WORD_SPLITTING))]


def hidden_text_refused(r, *path: str) -> bool:
    """Whether ``r`` is a 422 whose reasons at ``path`` (``json``, ``comment``) say "hidden text"."""
    errors = r.json.get("errors", {}) if r.is_json and isinstance(r.json, dict) else {}
    for key in path:
        errors = errors.get(key, {}) if isinstance(errors, dict) else {}
    return r.status_code == 422 and any("hidden text" in m for m in errors)


@pytest.fixture
def matching(database_url):
    return welders_world(database_url, 1)


def test_an_outcome_comment_carrying_hidden_text_is_refused_and_ordinary_ones_kept(matching):
    client = matching.test_client()
    cid = matching.candidate_ids[0]
    for text in inputs("comment"):
        r = post_outcome(client, RECRUITER, cid, comment=text)
        assert hidden_text_refused(r, "json", "comment"), [hex(ord(c)) for c in text]
    assert client.get("/api/v1/vacancies/v-weld/outcomes", headers=RECRUITER).json["items"] == []
    for text in ORDINARY:
        r = post_outcome(client, RECRUITER, cid, comment=text)
        assert r.status_code == 201 and r.json["comment"] == text, (text, r.json)


def test_a_vacancys_title_and_description_carrying_hidden_text_are_refused(vacancy_app):
    client = vacancy_app.test_client()
    body = {"occupation_uri": WELDER, "municipality": "837", "working_time": "full_time"}
    for text in inputs("title"):
        r = client.post("/api/v1/vacancies", json={**body, "title": text}, headers=EMPLOYER)
        assert hidden_text_refused(r, "json", "title"), text
    for text in inputs("description"):
        r = client.post(
            "/api/v1/vacancies", json={**body, "title": "Hitsaaja", "description": text}, headers=EMPLOYER
        )
        assert hidden_text_refused(r, "json", "description"), text
    assert row_count(vacancy_app, vacancies) == 0 and row_count(vacancy_app, vacancy_outbox) == 0
    for i, text in enumerate(ORDINARY):
        title = f"Kokki {i} {text}"[:100]
        r = client.post(
            "/api/v1/vacancies", json={**body, "title": title, "description": text}, headers=EMPLOYER
        )
        assert r.status_code == 201 and (r.json["title"], r.json["description"]) == (title, text), r.json


def test_a_jobseekers_name_and_a_look_ups_purpose_carrying_hidden_text_are_refused_and_not_audited(
    profile_app,
):
    client = profile_app.test_client()
    for text in inputs("name"):
        body = profile_body(personal={"name": text, "email": None, "phone": None})
        r = client.put("/api/v1/profiles/t37b", json=body, headers=COACH)
        if r.status_code == 201:  # a name is stored tidy: zero-width spaces and word joiners removed
            stored = r.json["personal"]["name"]
            assert hidden_text(stored) is None and stored == plain_typography(text).strip(), (text, stored)
            assert client.delete("/api/v1/profiles/t37b", headers=COACH).status_code == 204
        else:
            assert hidden_text_refused(r, "json", "personal", "name"), (text, r.json)
    assert row_count(profile_app, profiles) <= 1  # at most the withdrawn row, without a name
    names = [
        "Aino Plakkaraatti",
        "زهرا حسین\u200cزاده",
        "محمد علي\u200f",
        "辻\U000e0101 太郎",
        "Anna 🌸",
        "Kokki 👩\u200d🍳",
    ]
    for i, name in enumerate(names):
        body = profile_body(personal={"name": name, "email": None, "phone": None})
        r = client.put(f"/api/v1/profiles/t37b-{i}", json=body, headers=COACH)
        assert r.status_code == 201 and r.json["personal"]["name"] == name, (name, r.json)
    cid = client.get("/api/v1/profiles/t37b-0", headers=COACH).json["candidate_id"]
    for text in inputs("purpose"):
        r = client.post(
            "/api/v1/contacts/lookup", json={"candidate_ids": [cid], "purpose": text}, headers=RECRUITER
        )
        assert hidden_text_refused(r, "json", "purpose"), text
    purpose = "Haastattelu ❤\ufe0f\u200d🔥"
    r = client.post(
        "/api/v1/contacts/lookup", json={"candidate_ids": [cid], "purpose": purpose}, headers=RECRUITER
    )
    assert r.status_code == 200 and r.json["items"][0]["name"] == "Aino Plakkaraatti", r.json
    audit = client.get("/api/v1/audit?profile_id=t37b-0&action=contact.read", headers=OFFICER).json["items"]
    assert [(e["granted"], e["purpose"]) for e in audit] == [("yes", purpose)], audit


@pytest.fixture
def world(database_url):
    return welding_shortage_world(database_url)


def test_a_catalogue_title_and_a_shortage_source_carrying_hidden_text_are_refused(world):
    client = world.test_client()
    before = row_count(world, outbox)
    for text in inputs("title_fi", stripped=False):
        rows = catalogue_rows()
        rows[0][2] = text
        r = import_catalogue(client, csv_bytes(rows))
        assert r.status_code == 422 and any("hidden text" in m for m in r.json["errors"]["file"]["2"]), r.json
    assert row_count(world, courses) == 0
    for text in inputs("source"):
        r = client.post(
            f"/api/v1/shortages?source={quote(text)}",
            data=SHORTAGE_CSV,
            headers={**OPERATOR, "Content-Type": "text/csv"},
        )
        assert hidden_text_refused(r, "query", "source"), (text, r.json)
    assert row_count(world, outbox) == before
    source = "Ammattibarometri 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    r = client.post(
        f"/api/v1/shortages?source={quote(source)}",
        data=SHORTAGE_CSV,
        headers={**OPERATOR, "Content-Type": "text/csv"},
    )
    assert r.status_code == 201 and r.json["source"] == source, r.json
    stored = client.get("/api/v1/shortages?region=pirkanmaa", headers=OPERATOR).json["items"]
    assert stored and all(x["source"] == source for x in stored), stored


def test_a_comment_pasted_with_word_splitting_invisibles_is_stored_without_them(matching):
    """A zero-width space, word joiner, byte-order mark or soft hyphen shows nothing and only splits a word: text
    pasted from a web page (``&shy;`` hyphenation) carries them. They are removed, not refused: what is stored
    is what a reader saw, and a bit hidden in each gap (tester 37b, L1) is not stored."""
    client = matching.test_client()
    cid = matching.candidate_ids[0]
    texts = [*pasted(), "Hitsaus\u00adkokemus ja työ\u200bturvallisuus\u2060kortti.\ufeff"]
    for text in texts:
        r = post_outcome(client, RECRUITER, cid, comment=text)
        assert r.status_code == 201, r.json
        assert r.json["comment"] == text.translate(WORD_SPLITTING) and not hidden_text(r.json["comment"])
    assert r.json["comment"] == "Hitsauskokemus ja työturvallisuuskortti."


def test_a_description_pasted_with_soft_hyphens_is_stored_without_them(vacancy_app):
    client = vacancy_app.test_client()
    body = {
        "title": "Hitsaaja",
        "occupation_uri": WELDER,
        "municipality": "837",
        "working_time": "full_time",
        "description": "Etsimme hitsaajaa. Vaaditaan hitsaus\u00adkokemusta ja työ\u00adturvallisuus\u200bkorttia.",
    }
    r = client.post("/api/v1/vacancies", json=body, headers=EMPLOYER)
    assert r.status_code == 201, r.json
    assert r.json["description"] == "Etsimme hitsaajaa. Vaaditaan hitsauskokemusta ja työturvallisuuskorttia."
