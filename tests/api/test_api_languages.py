"""The JSON APIs answer a bad request in the caller's language (fi, sv or en): the error's `message`
and every field-level reason, marshmallow's own and the project's validators' alike, while `code`,
`status` and the field names stay the same English identifiers for programs. A request that names no
language gets English (API clients send no Accept-Language; the answers are as before)."""

from datetime import UTC, datetime

import pytest

from tests.api.matching_world import Clock, matching_app, vacancy
from tests.helpers import auth, profile_body, sqlite_url

# HTTP edges: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

EMPLOYER = auth("employer", "konepaja-oy")
COACH = auth("coach", "tampere-tyollisyys")
TEAM = auth("team_member", "tampere-tyollisyys")

BAD_VACANCY = {
    "title": "",
    "occupation_uri": "http://data.europa.eu/esco/skill/not-a-uuid",
    "municipality": "999",
    "working_time": "night",
    "openings": 0,
    "start_date": "tomorrow",
    "surprise": 1,
}
VACANCY_REASONS = {
    "en": {
        "title": ["Length must be between 1 and 200."],
        "municipality_start": "Unknown municipality code '999'",
        "working_time": ["Must be one of: full_time, part_time."],
        "openings": ["Must be greater than or equal to 1 and less than or equal to 10000."],
        "start_date": [
            "Not a valid date: write it as year-month-day (2026-12-31) or day.month.year (31.12.2026)."
        ],
        "surprise": ["Unknown field."],
        "message": "The request was well-formed but was unable to be followed due to semantic errors.",
    },
    "fi": {
        "title": ["Pituuden on oltava 1–200."],
        "municipality_start": "Tuntematon kuntanumero '999'",
        "working_time": ["Arvon on oltava jokin näistä: full_time, part_time."],
        "openings": ["Arvon on oltava vähintään 1 ja enintään 10000."],
        "start_date": [
            "Ei kelvollinen päivämäärä: kirjoita se muodossa päivä.kuukausi.vuosi (31.12.2026) tai "
            "vuosi-kuukausi-päivä (2026-12-31)."
        ],
        "surprise": ["Tuntematon kenttä."],
        "message": "Pyyntö oli oikein muodostettu, mutta sitä ei voitu käsitellä sisällön virheiden vuoksi.",
    },
    "sv": {
        "title": ["Längden måste vara mellan 1 och 200."],
        "municipality_start": "Okänt kommunnummer '999'",
        "working_time": ["Värdet måste vara något av: full_time, part_time."],
        "openings": ["Värdet måste vara minst 1 och högst 10000."],
        "start_date": [
            "Inte ett giltigt datum: skriv det som dag.månad.år (31.12.2026) eller år-månad-dag (2026-12-31)."
        ],
        "surprise": ["Okänt fält."],
        "message": "Begäran var korrekt formulerad men kunde inte behandlas på grund av fel i innehållet.",
    },
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_same_bad_vacancy_is_refused_in_finnish_swedish_and_english(vacancy_app, lang):
    r = vacancy_app.test_client().post(
        "/api/v1/vacancies", json=BAD_VACANCY, headers={**EMPLOYER, "Accept-Language": f"{lang}-FI"}
    )
    want = VACANCY_REASONS[lang]
    assert r.status_code == 422 and r.json["code"] == 422 and r.json["status"] == "Unprocessable Entity"
    reasons = r.json["errors"]["json"]
    assert set(reasons) == {
        "title",
        "occupation_uri",
        "municipality",
        "working_time",
        "openings",
        "start_date",
        "surprise",
    }
    for field in ("title", "working_time", "openings", "start_date", "surprise"):
        assert reasons[field] == want[field], (lang, field, reasons[field])
    assert reasons["municipality"][0].startswith(want["municipality_start"]), reasons["municipality"]
    assert r.json["message"] == want["message"]
    if lang != "en":
        assert "ESCO" in reasons["occupation_uri"][0] and "expected" not in reasons["occupation_uri"][0]


def test_a_request_naming_no_language_is_answered_in_english_as_before(vacancy_app):
    r = vacancy_app.test_client().post("/api/v1/vacancies", json=BAD_VACANCY, headers=EMPLOYER)
    assert r.json["errors"]["json"]["openings"] == VACANCY_REASONS["en"]["openings"]
    assert r.json["message"] == VACANCY_REASONS["en"]["message"]
    rule = dict(BAD_VACANCY, title="Hitsaaja", municipality="837", working_time="full_time", openings=1)
    for key in ("occupation_uri", "start_date", "surprise"):
        rule.pop(key)
    rule["description"] = " "
    broken = vacancy_app.test_client().post("/api/v1/vacancies", json=rule, headers=EMPLOYER)
    assert broken.json["message"] == "The vacancy breaks a rule."
    sv = vacancy_app.test_client().post(
        "/api/v1/vacancies", json=rule, headers={**EMPLOYER, "Accept-Language": "sv"}
    )
    assert sv.json["message"] == "Platsannonsen bryter mot en regel."
    assert sv.json["errors"]["json"]["occupation_uri"] == [
        "Enbart en rubrik räcker inte för matchning: lägg till en beskrivning av arbetet (en mening räcker), "
        "dess nödvändiga kompetenser eller yrket (occupation_uri)."
    ]


@pytest.mark.parametrize(
    ("lang", "message", "commute", "consent", "suggested"),
    [
        (
            "fi",
            "Profiilia ei ole.",
            "Arvon on oltava vähintään 0 ja enintään 500.",
            "Organisaatioiden tunnisteet",
            "Ehdotettu osaaminen",
        ),
        (
            "sv",
            "Profilen finns inte.",
            "Värdet måste vara minst 0 och högst 500.",
            "Organisationers identifierare",
            "En föreslagen kompetens",
        ),
        (
            "en",
            "No such profile.",
            "Must be greater than or equal to 0 and less than or equal to 500.",
            "Organisation ids",
            "A suggested skill",
        ),
    ],
)
def test_the_profile_api_answers_in_the_callers_language(
    profile_app, lang, message, commute, consent, suggested
):
    client = profile_app.test_client()
    headers = {**COACH, "Accept-Language": lang}
    bad = client.put(
        "/api/v1/profiles/p-1",
        json=profile_body(max_commute_km=-1, consented_orgs=["Not An Org"]),
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json["errors"]["json"]["max_commute_km"] == [commute]
    assert bad.json["errors"]["json"]["consented_orgs"]["0"][0].startswith(consent)
    body = profile_body()
    rule = client.put(
        "/api/v1/profiles/p-1", json={**body, "suggested_skills": [body["skills"][1]["uri"]]}, headers=headers
    )
    assert rule.status_code == 422 and rule.json["errors"]["json"]["suggested_skills"][0].startswith(
        suggested
    )
    missing = client.get("/api/v1/profiles/nobody", headers=headers)
    assert missing.status_code == 404 and missing.json["message"] == message and missing.json["code"] == 404


@pytest.fixture(scope="module")
def matching(tmp_path_factory):
    """One matching app for the module (it loads the ESCO taxonomy: seconds)."""
    app = matching_app(sqlite_url(tmp_path_factory.mktemp("matching"), "matching"), Clock())
    vacancy(app, "v-weld")
    return app


@pytest.mark.parametrize(
    ("lang", "k", "vacancy_message"),
    [
        (
            "fi",
            "Arvon on oltava vähintään 1 ja enintään 200.",
            "Työpaikkaa ei ole (tai kohtaantopalvelu ei ole vielä saanut sitä).",
        ),
        (
            "sv",
            "Värdet måste vara minst 1 och högst 200.",
            "Platsannonsen finns inte (eller har inte ännu nått matchningstjänsten).",
        ),
        (
            "en",
            "Must be greater than or equal to 1 and less than or equal to 200.",
            "No such vacancy (or not yet received by the matching service).",
        ),
    ],
)
def test_the_matching_api_answers_in_the_callers_language(matching, lang, k, vacancy_message):
    client = matching.test_client()
    headers = {**TEAM, "Accept-Language": lang}
    bad = client.get("/api/v1/vacancies/v-weld/shortlist?k=0", headers=headers)
    assert bad.status_code == 422 and bad.json["errors"]["query"]["k"] == [k]
    missing = client.get("/api/v1/vacancies/nowhere/shortlist", headers=headers)
    assert missing.status_code == 404 and missing.json["message"] == vacancy_message
    by_param = client.get(f"/api/v1/vacancies/v-weld/shortlist?k=0&lang={lang}", headers=TEAM)
    assert by_param.json["errors"]["query"]["k"] == [k], "?lang= chooses too where the endpoint takes it"
    assert "Set-Cookie" not in by_param.headers, "an API answer sets no language cookie"


def test_an_unauthenticated_api_request_is_told_so_in_its_language(vacancy_app):
    client = vacancy_app.test_client()
    assert client.get("/api/v1/vacancies").json["message"] == "A bearer token is required."
    sv = client.get("/api/v1/vacancies", headers={"Accept-Language": "sv"})
    assert sv.status_code == 401 and sv.json["message"] == "En identifierare (bearer token) krävs."


# -- domain rules of service paths, vouchers and ratings (their texts are N_() catalogue messages) ----
NOW = datetime(2026, 11, 30, 9, tzinfo=UTC)
PATH_STEP = {
    "kind": "coaching",
    "org": "tampere-tyollisyys",
    "starts_on": "2026-11-02",
    "planned_end": "2026-12-18",
}
PILOT = {
    "name": "Yli 50-vuotiaat",
    "rule": {"min_age": 50, "min_unemployed_months": 3},
    "voucher_months": 4,
    "providers": ["agency-a"],
    "starts_on": "2026-09-01",
    "ends_on": "2027-06-30",
}
DOMAIN_TEXTS = {
    "sv": {
        "open_path": "den arbetssökande har redan en öppen servicestig: stäng den först",
        "path_rule": "Ändringen bryter mot en regel för servicestigen.",
        "same_org": "En överlämning går till en annan organisation; lägg annars till ett steg.",
        "ended": "steget {step} är avslutat",
        "pilot_rule": "Den arbetssökande uppfyller inte försökets villkor.",
        "age": "Försöket är för personer som fyllt 50 år.",
        "months": "Arbetslös 1 hela månader; försöket kräver minst 3.",
        "rule_text": "minst 50 år, arbetslös 3–∞ månader",
        "referral": "Den arbetssökande anvisades inte till den här platsen.",
    },
    "fi": {
        "open_path": "työnhakijalla on jo avoin palvelupolku: sulje se ensin",
        "path_rule": "Muutos rikkoo palvelupolun sääntöä.",
        "same_org": "Siirto tehdään toiselle organisaatiolle; lisää muuten vaihe.",
        "ended": "vaihe {step} on tilassa päättynyt",
        "pilot_rule": "Työnhakija ei täytä kokeilun ehtoja.",
        "age": "Kokeilu on vähintään 50-vuotiaille.",
        "months": "Työttömänä 1 täyttä kuukautta; kokeilu edellyttää vähintään 3.",
        "rule_text": "vähintään 50-vuotias, työttömänä 3–∞ kuukautta",
        "referral": "Työnhakijaa ei ehdotettu tähän työpaikkaan.",
    },
    "en": {  # as before this change: the API's default language
        "open_path": "the jobseeker already has an open path: close it first",
        "path_rule": "The change breaks a rule of the path.",
        "same_org": "A handover goes to another organisation; add a step instead.",
        "ended": "step {step} is ended",
        "pilot_rule": "The jobseeker does not meet the pilot's rule.",
        "age": "The pilot is for people aged 50 or over.",
        "months": "Unemployed 1 whole months; the pilot asks for at least 3.",
        "rule_text": "age ≥ 50, unemployed 3–∞ months",
        "referral": "The jobseeker was not proposed to this vacancy.",
    },
}


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
def test_path_voucher_and_rating_refusals_give_their_reasons_in_the_callers_language(profile_app, lang):
    for name in ("paths", "vouchers", "handlers", "ratings"):
        profile_app.extensions[f"kohtaanto.profile.{name}"].clock = lambda: NOW
    client, want = profile_app.test_client(), DOMAIN_TEXTS[lang]
    asked = {**COACH, "Accept-Language": lang} if lang != "en" else COACH  # en: no language named
    operator = auth("operator", "kohtaanto")
    assert client.put("/api/v1/pilots/yli50", json=PILOT, headers=operator).status_code == 201
    assert client.put("/api/v1/profiles/asiakas-1", json=profile_body(), headers=COACH).status_code == 201
    opened = client.post(
        "/api/v1/profiles/asiakas-1/path",
        json={"group": "young_people", "first_step": PATH_STEP},
        headers=COACH,
    ).json
    step = opened["steps"][0]["id"]

    again = client.post("/api/v1/profiles/asiakas-1/path", json={"group": "young_people"}, headers=asked)
    assert again.status_code == 409 and again.json["message"] == want["open_path"]

    same_org = {"from_step": step, "to": PATH_STEP, "consent": True, "shared": []}
    r = client.post(f"/api/v1/paths/{opened['id']}/handovers", json=same_org, headers=asked)
    assert r.status_code == 422 and r.json["message"] == want["path_rule"]
    assert r.json["errors"]["json"]["to.org"] == [want["same_org"]]

    end = {"ended_on": "2026-11-27", "reason": "completed"}
    assert (
        client.post(f"/api/v1/paths/{opened['id']}/steps/{step}/end", json=end, headers=COACH).status_code
        == 200
    )
    r = client.post(f"/api/v1/paths/{opened['id']}/steps/{step}/end", json=end, headers=asked)
    assert r.status_code == 409 and r.json["message"] == want["ended"].format(step=step)  # the state too

    young = {"pilot_id": "yli50", "age_years": 30, "unemployed_since": "2026-10-20", "takes_part": True}
    r = client.post("/api/v1/profiles/asiakas-1/vouchers", json=young, headers=asked)
    assert r.status_code == 422 and r.json["message"] == want["pilot_rule"], r.json
    assert r.json["errors"]["json"] == {"age_years": [want["age"]], "unemployed_since": [want["months"]]}
    shown = client.get(
        "/api/v1/pilots/yli50", headers={**operator, **({"Accept-Language": lang} if lang != "en" else {})}
    )
    assert shown.json["rule_text"] == want["rule_text"]

    rating = {"subject": {"kind": "referral", "vacancy_id": "v-never-proposed"}, "score": 4}
    r = client.post("/api/v1/profiles/asiakas-1/ratings", json=rating, headers=asked)
    assert r.status_code == 422 and r.json["errors"]["json"]["vacancy_id"] == [want["referral"]], r.json
    assert r.json["code"] == 422 and r.json["status"] == "Unprocessable Entity"  # for programs: unchanged


@pytest.mark.parametrize(
    ("lang", "unregistered", "wrong_kind"),
    [
        (
            "fi",
            "Tunnisteen organisaatiota ei ole rekisteröity",
            "Roolia recruiter ei voi olla organisaatiossa",
        ),
        (
            "sv",
            "Identifierarens organisation är inte registrerad",
            "Rollen recruiter finns inte i en organisation",
        ),
        ("en", "The token's organisation is not registered", "Role recruiter is not held in an organisation"),
    ],
)
def test_the_registry_s_refusals_are_told_in_the_callers_language(
    vacancy_app, lang, unregistered, wrong_kind
):
    """Outside tester 3, F1/F2: the registry's 401/403 and the sign-in page's reasons were English in
    a Finnish or Swedish answer (and said "The token is not valid" twice in English)."""
    client = vacancy_app.test_client()
    header = {"Accept-Language": lang}
    r = client.get("/api/v1/vacancies", headers={**auth("recruiter", "evil-corp-oy"), **header})
    assert r.status_code == 401 and r.json["message"].startswith(unregistered), r.json
    r = client.get("/api/v1/vacancies", headers={**auth("recruiter", "tampere-tyollisyys"), **header})
    assert r.status_code == 403 and r.json["message"].startswith(wrong_kind), r.json


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("fi", "Tunniste (bearer token) ei ole kelvollinen."),
        ("sv", "Identifieraren (bearer token) är inte giltig."),
        ("en", "The bearer token is not valid."),
    ],
)
def test_the_sign_in_page_tells_why_a_token_is_refused_in_the_page_s_language(matching, lang, reason):
    page = matching.test_client().get(f"/login?token=garbage&lang={lang}").get_data(as_text=True)
    assert reason in page and page.count("not valid") <= 1, page


@pytest.mark.parametrize(
    ("lang", "code", "expected"),
    [
        ("fi", "smi", "'smi' (Sami languages) ei ole yksi kieli: anna itse kieli, esim. 'smn' inarinsaame"),
        (
            "sv",
            "smi",
            "'smi' (Sami languages) är inte ett enskilt språk: ange själva språket, t.ex. 'smn' enaresamiska",
        ),
        (
            "en",
            "sgn",
            "'sgn' (Sign languages) is not one language: give the language itself, e.g. 'fse' Finnish Sign",
        ),
        ("fi", "sgn", "'sgn' (Sign languages) ei ole yksi kieli: anna itse kieli, esim. 'fse' Finnish Sign"),
        (
            "fi",
            "gem",
            "'gem' (Germanic languages) ei ole yksi kieli: anna itse kieli sen ISO 639-1- tai ISO 639-3-koodilla.",
        ),
    ],
)
def test_a_group_language_code_is_told_the_languages_it_may_mean_in_the_callers_language(
    profile_app, lang, code, expected
):
    """Outside tester 23: `sgn` was refused with Sámi examples. (CLDR has no Finnish or Swedish names
    for the sign languages: langcodes gives them in English.)"""
    body = profile_body(languages=[{"code": code, "level": "C1"}])
    r = profile_app.test_client().put(
        "/api/v1/profiles/p-lang", json=body, headers={**COACH, "Accept-Language": lang}
    )
    assert r.status_code == 422
    assert r.json["errors"]["json"]["languages"]["0"]["code"][0].startswith(expected), r.json


def test_a_legacy_tag_of_one_language_is_stored_as_its_code_with_a_notice(profile_app):
    body = profile_body(languages=[{"code": "sgn-SE", "level": "C1"}])
    r = profile_app.test_client().put("/api/v1/profiles/p-legacy", json=body, headers=COACH)
    assert r.status_code == 201, r.json
    assert r.json["languages"] == [{"code": "swl", "level": "C1"}]
    assert [(n["given"], n["used"]) for n in r.json["notices"]] == [("sgn-SE", "swl")]
