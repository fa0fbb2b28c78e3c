"""The recruiter-facing shortlist and explanation responses of the matching API."""

import pytest

from tests.api.matching_world import (
    NURSE,
    Clock,
    candidate,
    essential,
    matching_app,
    pid,
    vacancy,
    welders_world,
)
from tests.helpers import (
    CONFIRMED_CARE,
    FORKLIFT,
    HEALTHCARE_ASSISTANT,
    MAG_WELDING,
    MIG_WELDING,
    WELDER,
    auth,
)

# ranking from the in-memory index: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

TEAM = auth("team_member", "tampere-tyollisyys")
RECRUITER = auth("recruiter", "agency-a")
RECRUITER_B = auth("recruiter", "agency-b")
OPERATOR = auth("operator", "kohtaanto")


@pytest.fixture
def app(database_url):
    return welders_world(database_url)


def test_a_shortlist_lists_skills_by_uri_and_labels_each_once(app):
    r = app.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=10&lang=fi", headers=TEAM)
    assert r.status_code == 200, r.json
    body = r.json
    assert [e["candidate_id"] for e in body["entries"]] == app.candidate_ids
    mentioned = set()
    for e in body["entries"]:
        mentioned |= set(e["matched_essential"] + e["matched_optional"] + e["missing_essential"])
        mentioned |= {u for rel in e["related"] for u in (rel["vacancy_skill"], rel["candidate_skill"])}
        assert e["available_from"] == "2026-11-01"
        assert abs(sum(e["components"].values()) - e["score"]) < 1e-3
    assert mentioned and mentioned == set(body["skills"])
    assert all(label for label in body["skills"].values())
    top, last = body["entries"][0], body["entries"][-1]
    assert not top["missing_essential"] and len(last["missing_essential"]) == 6


def test_a_shortlist_entry_has_a_0_to_100_match_and_says_where_each_skill_comes_from(app):
    r = app.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    entries = r.json["entries"]
    matches = [e["match"] for e in entries]
    assert all(0 <= m <= 100 for m in matches) and matches == sorted(matches, reverse=True)
    for e in entries:
        assert set(e["points"]) == set(e["components"])
        assert abs(sum(e["points"].values()) - e["match"]) < 0.1
        skills = set(e["matched_essential"] + e["matched_optional"])
        assert skills <= set(e["evidence"])
        assert set(e["evidence"]) <= set(r.json["skills"]), "every skill the evidence names has its label"
        assert {ev["kind"] for ev in e["evidence"].values()} <= {"claimed", "suggested", "inferred"}
        for ev in e["evidence"].values():
            assert (ev["level"] is None) == (ev["kind"] != "claimed")  # nobody stated a suggestion's
        # the occupation part says what it read: the agreement it used, and from where
        agreement = e["occupation_agreement"]
        assert abs(0.6 * agreement["value"] - e["components"]["occupation_match"]) < 1e-3
        assert agreement["source"] in ("inferred", "work_history", "confirmed_skills", "essential_skills")
        if agreement["source"] == "work_history":
            assert agreement["occupation"]["uri"] and agreement["occupation"]["label"]
            assert 0 < agreement["spell_weight"] <= 1
        else:
            assert agreement["occupation"] is None and agreement["spell_weight"] is None
    # a welder by history who claims all but two essential skills vs people without any history
    experienced, newcomer = entries[2], entries[-1]
    assert experienced["occupations"][0]["uri"] == WELDER and experienced["occupations"][0]["label"]
    inferred = {uri for uri, ev in experienced["evidence"].items() if ev["kind"] == "inferred"}
    assert len(inferred) == 2 and inferred <= set(experienced["matched_essential"])  # the unclaimed two
    # a past occupation's optional skills are not shown as held (outside tester 5, F4: a machinist
    # "had" TypeScript, inferred): the vacancy's optional skills count only when claimed
    assert all(experienced["evidence"][uri]["kind"] != "inferred" for uri in experienced["matched_optional"])
    assert all(ev["kind"] == "claimed" for ev in newcomer["evidence"].values())
    explained = (
        app.test_client()
        .get(f"/api/v1/vacancies/v-weld/candidates/{experienced['candidate_id']}/explanation", headers=TEAM)
        .json
    )
    assert explained["match"] == experienced["match"] and explained["evidence"] == experienced["evidence"]


def test_a_recruiter_sees_only_candidates_who_consented_to_their_organisation(app):
    client = app.test_client()
    seen_a = client.get("/api/v1/vacancies/v-weld/shortlist", headers=RECRUITER).json
    seen_b = client.get("/api/v1/vacancies/v-weld/shortlist", headers=RECRUITER_B).json
    assert len(seen_a["entries"]) == len(app.candidate_ids) and seen_a["consent_filtered_for"] == "agency-a"
    assert seen_b["entries"] == [] and seen_b["skills"] == {}


def test_an_explanation_has_the_shortlists_score_and_its_own_labels(app):
    client = app.test_client()
    listed = client.get("/api/v1/vacancies/v-weld/shortlist", headers=TEAM).json["entries"][3]
    r = client.get(f"/api/v1/vacancies/v-weld/candidates/{listed['candidate_id']}/explanation", headers=TEAM)
    assert r.status_code == 200, r.json
    assert r.json["score"] == listed["score"] and r.json["filters"] == []
    assert set(r.json["missing_essential"]) <= set(r.json["skills"]) and r.json["missing_essential"]


NOBODY = "c-" + "0" * 24  # a pseudonym no candidate has


def test_explaining_an_unknown_candidate_or_vacancy_is_404(app):
    client = app.test_client()
    assert (
        client.get(f"/api/v1/vacancies/v-weld/candidates/{NOBODY}/explanation", headers=TEAM).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/vacancies/v-none/candidates/{NOBODY}/explanation", headers=TEAM).status_code
        == 404
    )


@pytest.mark.parametrize(
    "candidate_id", ["nobody", "131052-308T", "C-" + "A" * 24, "aino@example.fi", "readme-welder-1"]
)
def test_a_candidate_id_that_is_no_pseudonym_is_a_422_naming_the_path_parameter(app, candidate_id):
    """The same rule as for every candidate id in a body (outside tester 10, L7)."""
    r = app.test_client().get(f"/api/v1/vacancies/v-weld/candidates/{candidate_id}/explanation", headers=TEAM)
    assert r.status_code == 422 and "candidate_id" in r.json["errors"]["path"], r.json


def test_a_recruiter_asking_to_explain_a_candidate_who_never_consented_to_them_gets_404_as_for_nobody(app):
    client = app.test_client()
    unknown = client.get(f"/api/v1/vacancies/v-weld/candidates/{NOBODY}/explanation", headers=RECRUITER_B)
    for candidate_id in app.candidate_ids:  # they consented to agency-a only
        url = f"/api/v1/vacancies/v-weld/candidates/{candidate_id}/explanation"
        r = client.get(url, headers=RECRUITER_B)
        assert (r.status_code, r.json) == (unknown.status_code, unknown.json) == (404, unknown.json)
        assert client.get(url, headers=RECRUITER).status_code == 200  # the organisation they consented to
        assert client.get(url, headers=TEAM).status_code == 200  # the city's own staff, pseudonymously


def test_a_recruiter_cannot_explain_a_candidate_after_consent_to_them_is_withdrawn(app):
    client = app.test_client()
    first = app.candidate_ids[0]
    url = f"/api/v1/vacancies/v-weld/candidates/{first}/explanation"
    assert client.get(url, headers=RECRUITER).status_code == 200
    candidate(app, first, skills=essential(WELDER, 100), consent=("agency-b",), version=2)
    r = client.get(url, headers=RECRUITER)
    assert r.status_code == 404 and r.json["message"] == "No such candidate."
    assert client.get(url, headers=RECRUITER_B).status_code == 200
    listed = client.get("/api/v1/vacancies/v-weld/shortlist", headers=RECRUITER).json["entries"]
    assert first not in [e["candidate_id"] for e in listed]


def test_a_shortlist_counts_what_each_hard_filter_removed_over_candidates_the_caller_may_see(app):
    """Issue 10 item 6: a short shortlist is never a mystery, and the counts leak nothing. Issue 11:
    by default only candidates within commuting reach are counted (`exclusions=country` for all)."""
    skills = essential(WELDER, 100)
    candidate(
        app, pid("far"), skills=skills, municipality="905"
    )  # Vaasa: beyond 50 km, consented to agency-a
    candidate(app, pid("far-b"), skills=skills, municipality="905", consent=("agency-b",))
    client = app.test_client()

    def counts(headers, scope=None):
        url = "/api/v1/vacancies/v-weld/shortlist" + (f"?exclusions={scope}" if scope else "")
        r = client.get(url, headers=headers)
        assert r.status_code == 200
        return r.json["exclusions"]

    team = counts(OPERATOR, "country")  # the system operator sees every candidate
    assert team["scope"] == "country"
    assert team["considered"] == len(app.candidate_ids) + 2 and team["excluded"] == 2
    assert team["by_filter"]["commute"] == 2 and set(team["by_filter"]) == {
        "hired",
        "availability",
        "working_time",
        "language",
        "commute",
    }
    # Tampere's employment services count Pirkanmaa's residents and their own jobseekers: the two in
    # Vaasa consented to neither, so they are not counted (outside tester 15, P3)
    tampere = counts(TEAM, "country")
    assert (tampere["considered"], tampere["excluded"], tampere["by_filter"]["commute"]) == (
        len(app.candidate_ids),
        0,
        0,
    )
    seen_a = counts(RECRUITER, "country")
    assert seen_a["considered"] == len(app.candidate_ids) + 1 and seen_a["by_filter"]["commute"] == 1
    seen_b = counts(RECRUITER_B, "country")
    assert (seen_b["considered"], seen_b["excluded"], seen_b["by_filter"]["commute"]) == (1, 1, 1)
    reach = counts(TEAM)  # the default: the two in Vaasa cannot commute here and are not counted
    assert reach == counts(TEAM, "commuting_reach")
    assert reach["scope"] == "commuting_reach" and set(reach["by_filter"]) == {
        "hired",
        "availability",
        "working_time",
        "language",
    }
    assert (reach["considered"], reach["excluded"]) == (len(app.candidate_ids), 0)
    assert counts(RECRUITER_B) == {
        "scope": "commuting_reach",
        "considered": 0,
        "excluded": 0,
        "by_filter": {"hired": 0, "availability": 0, "working_time": 0, "language": 0},
    }
    none = client.get("/api/v1/vacancies/v-weld/shortlist?exclusions=none", headers=TEAM).json
    assert none["exclusions"] is None and none["entries"]
    bad = client.get("/api/v1/vacancies/v-weld/shortlist?exclusions=everyone", headers=TEAM)
    assert bad.status_code == 422 and "exclusions" in str(bad.json["errors"])


def test_a_vacancy_without_a_start_date_shortlists_a_perfect_candidate_available_tomorrow(app):
    """Issue 10 item 5 (before: excluded, as only candidates available today passed)."""
    vacancy(app, "v-asap", start_date=None)
    candidate(app, pid("tomorrow"), skills=essential(WELDER, 100), available_from="2026-11-25")
    candidate(app, pid("in-6-weeks"), skills=essential(WELDER, 100), available_from="2027-01-05")
    client = app.test_client()
    body = client.get("/api/v1/vacancies/v-asap/shortlist", headers=TEAM).json
    listed = {e["candidate_id"]: e["available_from"] for e in body["entries"]}
    assert listed[pid("tomorrow")] == "2026-11-25" and pid("in-6-weeks") not in listed
    assert body["availability"] == {"rule": "window", "available_by": "2026-12-22", "window_days": 28}
    assert body["exclusions"]["by_filter"]["availability"] == 1
    wide = client.get("/api/v1/vacancies/v-asap/shortlist?available_within_days=60", headers=TEAM).json
    assert pid("in-6-weeks") in {e["candidate_id"] for e in wide["entries"]}
    narrow = client.get("/api/v1/vacancies/v-asap/shortlist?available_within_days=0", headers=TEAM).json
    assert pid("tomorrow") not in {e["candidate_id"] for e in narrow["entries"]}
    why = client.get(
        f"/api/v1/vacancies/v-asap/candidates/{pid('tomorrow')}/explanation?available_within_days=0",
        headers=TEAM,
    ).json
    assert why["filters"] == ["available from 25 Nov 2026, after 24 Nov 2026"]
    # outside tester 4, F24: the reasons were English whatever the language asked for
    url = f"/api/v1/vacancies/v-asap/candidates/{pid('tomorrow')}/explanation?available_within_days=0&lang="
    assert (
        client.get(url + "fi", headers=TEAM).json["filters"]
        == [
            "käytettävissä 25.11.2026 alkaen, myöhemmin kuin 24.11.2026"  # tester 10, L12: dates as pages write them
        ]
    )
    assert client.get(url + "sv", headers=TEAM).json["filters"] == [
        "tillgänglig från 25.11.2026, senare än 24.11.2026"
    ]
    dated = client.get("/api/v1/vacancies/v-weld/shortlist?available_within_days=0", headers=TEAM).json
    assert dated["availability"] == {"rule": "start_date", "available_by": "2027-01-11", "window_days": None}


@pytest.mark.parametrize("value", ["-1", "366", "abc", "1.5", ""])
def test_a_bad_availability_window_is_a_422_naming_the_parameter(app, value):
    r = app.test_client().get(
        f"/api/v1/vacancies/v-weld/shortlist?available_within_days={value}", headers=TEAM
    )
    assert r.status_code == 422, r.json
    assert "available_within_days" in str(r.json["errors"])


def test_a_shortlist_pages_past_the_first_page_with_real_ranks(app):
    client = app.test_client()
    whole = client.get("/api/v1/vacancies/v-weld/shortlist?k=10", headers=TEAM).json
    assert whole["page"] == {"offset": 0, "k": 10, "next_offset": None}
    first = client.get("/api/v1/vacancies/v-weld/shortlist?k=4", headers=TEAM).json
    assert first["page"] == {"offset": 0, "k": 4, "next_offset": 4}
    second = client.get("/api/v1/vacancies/v-weld/shortlist?k=4&offset=4", headers=TEAM).json
    assert second["page"] == {"offset": 4, "k": 4, "next_offset": None}
    paged = first["entries"] + second["entries"]
    assert [(e["rank"], e["candidate_id"]) for e in paged] == [
        (e["rank"], e["candidate_id"]) for e in whole["entries"]
    ]
    assert [e["rank"] for e in second["entries"]] == [5, 6]
    for bad in ("-1", "1001", "x"):
        r = client.get(f"/api/v1/vacancies/v-weld/shortlist?offset={bad}", headers=TEAM)
        assert r.status_code == 422 and "offset" in str(r.json["errors"])


def test_an_explanation_gives_the_real_rank_and_honours_k(app):
    """Before: rank was always 0 and k was ignored."""
    client = app.test_client()
    fifth = app.candidate_ids[4]
    url = f"/api/v1/vacancies/v-weld/candidates/{fifth}/explanation"
    r = client.get(url, headers=TEAM).json
    assert (r["rank"], r["k"], r["shortlisted"]) == (5, 20, True)
    r = client.get(f"{url}?k=3", headers=TEAM).json
    assert (r["rank"], r["k"], r["shortlisted"]) == (5, 3, False)
    # Tampere's own jobseeker living in Vaasa (beyond their 50 km commute)
    candidate(
        app, pid("far"), skills=essential(WELDER, 100), municipality="905", consent=("tampere-tyollisyys",)
    )
    far = client.get(f"/api/v1/vacancies/v-weld/candidates/{pid('far')}/explanation", headers=TEAM).json
    assert far["rank"] is None and not far["shortlisted"] and far["filters"]


def test_the_employer_reads_the_skills_its_vacancy_is_ranked_with_and_no_other_employer_can(app):
    """Outside tester 4, F10: the suggestions matching ranks a vacancy with were shown to nobody on
    the employer's side (matching's shortlist is not the employer's to read, and
    `POST /skills/recognise` answers the text alone, not what the vacancy gets)."""
    vacancy(
        app,
        "v-described",
        skills=[],
        description="Edellytämme tulityökorttia ja MIG/MAG-hitsausta. Tarjoamme lounasedun ja pysäköinnin.",
    )
    client = app.test_client()
    own = client.get("/api/v1/vacancies/v-described/skills?lang=en", headers=auth("employer", "konepaja-oy"))
    assert own.status_code == 200, own.get_json()
    body = own.get_json()
    labels = {s["label"] for s in body["suggested_skills"]}
    assert body["text_read"] and body["version"] == 1 and body["chosen_skills"] == []
    assert "perform first fire intervention" in labels, labels
    assert not {"parking regulations", "occupational health care"} & labels, labels
    other = client.get("/api/v1/vacancies/v-described/skills", headers=auth("employer", "other-oy"))
    unknown = client.get("/api/v1/vacancies/v-nobody/skills", headers=auth("employer", "konepaja-oy"))
    assert other.status_code == unknown.status_code == 404
    assert other.get_json()["message"] == unknown.get_json()["message"]
    assert client.get("/api/v1/vacancies/v-described/skills", headers=RECRUITER).status_code == 200


def test_each_suggestion_says_how_sure_it_is_and_which_sentence_of_the_ad_it_came_from(app):
    """Outside tester 13, P5: "contribute to registration of pharmaceutical products" was suggested
    and the employer could not see which sentence of the ad produced it, so could not judge it."""
    sentences = ["Edellytämme tulityökorttia ja MIG/MAG-hitsausta.", "Luet työpiirustuksia."]
    vacancy(app, "v-sourced", skills=[], description=" ".join([*sentences, "Tarjoamme lounasedun."]))
    client, employer = app.test_client(), auth("employer", "konepaja-oy")
    own = client.get("/api/v1/vacancies/v-sourced/skills?lang=en", headers=employer).get_json()
    suggested = own["suggested_skills"]
    assert suggested and all(s["source"] in sentences and 0.35 <= s["score"] <= 1 for s in suggested), (
        suggested
    )
    fire = next(s for s in suggested if s["label"] == "perform first fire intervention")
    assert fire["source"] == sentences[0] and fire["score"] == 1.0  # named by a rule: the card
    listed = client.get("/api/v1/vacancies/v-sourced/shortlist?lang=en", headers=TEAM).get_json()["vacancy"]
    assert listed["suggested_skills"] == suggested
    recognised = client.post(
        "/api/v1/skills/recognise", json={"text": " ".join(sentences), "top_k": 5}, headers=employer
    ).get_json()["items"]
    assert recognised and all(r["source"] in sentences for r in recognised)


def test_a_vacancy_whose_text_gives_only_guesses_ranks_with_none_and_tells_its_employer(app):
    """Outside tester 5, F18: "Hitsaaja" alone was ranked with its ten best guesses (0.22-0.26), and
    rejecting them brought in the next ten (TypeScript, AJAX …); the vacancy never said so."""
    client, employer = app.test_client(), auth("employer", "konepaja-oy")
    vacancy(app, "v-title", occupation=None, skills=[], title="Hitsaaja")
    first = client.get("/api/v1/vacancies/v-title/skills?lang=en", headers=employer).get_json()
    recognised = client.post(
        "/api/v1/skills/recognise", json={"text": "Hitsaaja", "top_k": 40}, headers=employer
    ).get_json()["items"]
    confident = {r["uri"] for r in recognised if r["score"] >= 0.35}
    suggested = {s["uri"] for s in first["suggested_skills"]}
    # the title names the welder: its suggestions are the welder's essential skills, no guess
    # (outside tester 15, P10); the title alone as a text reads the same in both doors (tester 17, P11)
    welder = set(essential(WELDER, 100))
    assert confident == {r["uri"] for r in recognised} and confident <= welder, recognised
    assert first["text_read"] and suggested and suggested <= welder and "warning" not in first
    # the employer rejects what was suggested: no guess takes its place, and the vacancy says so
    vacancy(
        app, "v-title", occupation=None, skills=[], title="Hitsaaja", version=2, rejected_skills=suggested
    )
    second = client.get("/api/v1/vacancies/v-title/skills?lang=fi", headers=employer).get_json()
    assert second["version"] == 2 and second["text_read"]
    assert second["suggested_skills"] == []  # both confident ones were rejected; no guess comes in
    english = client.get("/api/v1/vacancies/v-title/skills?lang=en", headers=employer).get_json()["warning"]
    assert english.startswith("No skill was recognised with confidence") and second["warning"] != english
    # the recruiter's shortlist says so too
    listed = client.get("/api/v1/vacancies/v-title/shortlist?lang=en", headers=TEAM).get_json()["vacancy"]
    assert listed["suggested_skills"] == [] and listed["warning"] == english
    assert (
        "warning" not in client.get("/api/v1/vacancies/v-weld/shortlist", headers=TEAM).get_json()["vacancy"]
    )
    # a vacancy whose employer chose its skills and wrote no text is not warned about text
    plain = client.get("/api/v1/vacancies/v-weld/skills", headers=employer).get_json()
    assert "warning" not in plain


def test_a_vacancy_of_three_skills_shows_perfect_candidates_as_strong_matches(app):
    """Outside tester 5, F7: a vacancy given by MAG and MIG welding and a forklift (no occupation)
    showed welders who claim MIG and MAG welding at 1.8-3.2 / 100, read as "poor fit"."""
    vacancy(
        app, "v-few", occupation=None, skills=[MAG_WELDING, MIG_WELDING, FORKLIFT], title="Tehdastyöntekijä"
    )
    r = app.test_client().get("/api/v1/vacancies/v-few/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    entries = r.json["entries"]
    matches = [e["match"] for e in entries]
    assert matches == sorted(matches, reverse=True)  # never reorders
    welders_ = [e for e in entries if e["candidate_id"] in app.candidate_ids[:3]]
    assert len(welders_) == 3
    for e in welders_:
        assert {MIG_WELDING, MAG_WELDING} <= set(e["matched_essential"])
        assert e["match"] >= 50, e  # a strong match reads as one
        assert abs(sum(e["points"].values()) - e["match"]) < 0.1


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "laajempi tai suppeampi taito"),
        ("sv", "bredare eller snävare färdighet"),
        ("en", "broader or narrower skill"),
    ],
)
def test_a_related_skills_reason_is_a_code_with_words_in_the_asked_language(app, lang, words):
    # outside tester 12, N7: related[].reason stayed English on ?lang=fi/sv while filters were localised
    from services.matching.index.domain.model import RelatedCredit
    from services.matching.index.schemas import RelatedSchema

    credit = RelatedCredit("skill:a", "skill:b", 0.5, "broader or narrower skill")
    with app.test_request_context(f"/?lang={lang}"):
        dumped = RelatedSchema().dump(credit)
    assert dumped["reason"] == "broader or narrower skill" and dumped["reason_text"] == words


def test_a_skill_the_ad_offers_as_a_plus_is_suggested_as_optional_and_a_requirement_as_essential(app):
    """Outside tester 16, P3: "Trukkikortti … katsotaan eduksi" was suggested as "operate forklift"
    with nothing to say it is a plus, and accepting it with `PUT` stored it as essential."""
    vacancy(
        app,
        "v-plus",
        skills=[],
        description="Edellytämme tulityökorttia. Trukkikortti katsotaan eduksi.",
    )
    client = app.test_client()
    own = client.get("/api/v1/vacancies/v-plus/skills?lang=en", headers=auth("employer", "konepaja-oy"))
    suggested = {s["label"]: s for s in own.get_json()["suggested_skills"]}
    fire, forklift = suggested["perform first fire intervention"], suggested["operate forklift"]
    assert fire["essential"] is True and forklift["essential"] is False, suggested
    assert forklift["source"] == "Trukkikortti katsotaan eduksi."


def test_the_items_of_a_list_under_a_plus_heading_are_suggested_as_optional(app):
    """Outside tester 19, P1: a bus-driver ad's "Eduksi katsotaan:" list (CE licence, first-aid card)
    was suggested with `essential: true`, so an employer sending the flag back made every plus a
    requirement."""
    vacancy(
        app,
        "v-plus-list",
        skills=[],
        description="Edellytämme:\n- tulityökortti\n\nEduksi katsotaan:\n- trukkikortti\n- B-ajokortti",
    )
    own = app.test_client().get(
        "/api/v1/vacancies/v-plus-list/skills?lang=en", headers=auth("employer", "konepaja-oy")
    )
    suggested = {s["label"]: s for s in own.get_json()["suggested_skills"]}
    assert suggested["perform first fire intervention"]["essential"] is True, suggested
    assert suggested["operate forklift"]["essential"] is False, suggested
    assert suggested["drive vehicles"]["essential"] is False, suggested


BUS_AD = (
    "Pirkan Liikenne Oy on tamperelainen joukkoliikenneyritys, joka hoitaa Nyssen linjaliikennettä "
    "Tampereella, Nokialla ja Ylöjärvellä. Meillä on noin 300 työntekijää ja modernit sähköbussit.\n\n"
    "Haemme nyt LINJA-AUTONKULJETTAJIA vakituisiin ja osa-aikaisiin työsuhteisiin.\n\n"
    "Tehtävässä ajat kaupunkiliikenteen linjoja vuorolistan mukaan ja palvelet matkustajia ystävällisesti.\n\n"
    "Edellytämme:\n- D-luokan ajokortti ja voimassa oleva ammattipätevyys\n- kuljettajakortti\n"
    "- hyvä suomen kielen taito\n- asiakaspalveluasenne\n\n"
    "Eduksi katsotaan:\n- kokemus kaupunkiliikenteestä\n- CE-ajokortti\n- ensiapukortti\n\n"
    "Tarjoamme kattavan perehdytyksen, vuorolisät ja työterveyshuollon. Työ alkaa heti.\n\n"
    "Hae viimeistään 31.12.2026 osoitteessa pirkanliikenne.fi/rekry."
)


def _words(label):
    return {w for w in label.lower().replace("-", " ").split() if w not in {"with", "of", "the", "and", "a"}}


def test_after_the_employer_decides_the_refill_rewords_nothing_decided_and_recruits_nobody(app):
    """Outside tester 19, P3: after accepting 8 suggestions of a bus-driver ad and rejecting 2, the
    list refilled with "manage customer service", "maintain customer service" … (rewordings of the
    accepted "customer service") and "recruit bus drivers" from the ad's "Haemme nyt …" line."""
    vacancy(app, "v-bus", occupation=None, title="Linja-autonkuljettaja", skills=[], description=BUS_AD)
    client = app.test_client()
    headers = auth("employer", "konepaja-oy")
    first = client.get("/api/v1/vacancies/v-bus/skills?lang=en", headers=headers).get_json()[
        "suggested_skills"
    ]
    assert not any(s["label"].startswith("recruit") for s in first), first
    accepted, rejected = first[:-2], first[-2:]
    vacancy(
        app,
        "v-bus",
        occupation=None,
        title="Linja-autonkuljettaja",
        version=2,
        skills=[s["uri"] for s in accepted],
        rejected_skills=[s["uri"] for s in rejected],
        description=BUS_AD,
    )
    refill = client.get("/api/v1/vacancies/v-bus/skills?lang=en", headers=headers).get_json()[
        "suggested_skills"
    ]
    decided = [_words(s["label"]) for s in first]
    for s in refill:
        words = _words(s["label"])
        assert s["uri"] not in {d["uri"] for d in first}, refill
        assert not any(d <= words or words <= d for d in decided), (s["label"], [d["label"] for d in first])
        assert not s["label"].startswith(("recruit", "hire")), refill


def test_a_vacancy_with_more_confident_skills_than_suggested_says_how_many_were_left_out(app):
    """Outside tester 19, P6: a whole developer ad's suggestions were cut to 10 with no warning, and
    the intro's "We value openness …" kept a place while real requirements fell off."""
    from tests.api.test_matching_recognise import DEVELOPER_AD

    vacancy(app, "v-dev", occupation=None, title="Software developer", skills=[], description=DEVELOPER_AD)
    own = app.test_client().get(
        "/api/v1/vacancies/v-dev/skills?lang=en", headers=auth("employer", "konepaja-oy")
    )
    body = own.get_json()
    suggested = body["suggested_skills"]
    assert len(suggested) == 10 and body["suggestions_left_out"] > 0, body
    assert f"left out: {body['suggestions_left_out']}" in body["warning"], body
    assert not any(s["source"].startswith(("Tamtech", "We value", "Our office")) for s in suggested), (
        suggested
    )
    vacancy(app, "v-short", skills=[], description="Edellytämme tulityökorttia.")
    short = app.test_client().get("/api/v1/vacancies/v-short/skills", headers=auth("employer", "konepaja-oy"))
    assert short.get_json()["suggestions_left_out"] == 0 and "warning" not in short.get_json(), (
        short.get_json()
    )


def test_a_sentence_naming_a_requirement_and_a_plus_marks_each_skill_by_its_own_clause(app):
    """Outside tester 16, P3 (rest): "Edellytämme hygieniapassia, anniskelupassi on eduksi." kept every
    suggestion essential, since the plus words were tested on the whole sentence; the clause that
    names the skill decides now."""
    vacancy(
        app,
        "v-both",
        skills=[],
        description="Edellytämme hygieniapassia, anniskelupassi on eduksi.",
    )
    own = app.test_client().get(
        "/api/v1/vacancies/v-both/skills?lang=en", headers=auth("employer", "konepaja-oy")
    )
    suggested = own.get_json()["suggested_skills"]
    by_essential = {s["label"]: s["essential"] for s in suggested}
    hygiene = [label for label in by_essential if "hygiene" in label or "food safety" in label]
    alcohol = [label for label in by_essential if "alcohol" in label]
    assert hygiene and alcohol, by_essential
    assert all(by_essential[label] for label in hygiene), by_essential
    assert not any(by_essential[label] for label in alcohol), by_essential


def test_claiming_a_skill_the_vacancy_asks_for_on_top_of_a_work_history_never_lowers_the_match(database_url):
    """Outside tester 16, P1 through the API: three welders with the same five years of welding,
    claiming three, one and none of the vacancy's essential skills on top (the tester's bus driver
    read 81.0 with one such claim and 61.5 with two). More of what the vacancy asks for never
    reads lower, and ranks first."""
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld")
    skills = essential(WELDER, 100)
    ids = [f"c-{i:024x}" for i in range(1, 4)]
    for cid, held in zip(ids, (skills[:3], skills[:1], []), strict=True):
        candidate(app, cid, skills=held)
    r = app.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    entries = {e["candidate_id"]: e for e in r.json["entries"]}
    matches = [entries[c]["match"] for c in ids]
    assert matches == sorted(matches, reverse=True), matches
    assert [entries[c]["rank"] for c in ids] == [1, 2, 3]


@pytest.mark.xfail(
    strict=True,
    reason="issue 11 item 4, open: skills of other trades count whole (RankingParams.outside_skill_weight 1); "
    "0.03 fixes this but costs the two-occupations family 0.07 NDCG@10 (docs/benchmarks.md, session 18); "
    "passes at 0.1 and 0.03, session 40: two-occupations -0.025 / -0.032 under the label, none under the "
    "recruiter's reading, the rest unmeasured",
)
def test_a_welder_holding_every_essential_skill_and_skills_of_other_trades_ranks_first_and_reads_high(
    database_url,
):
    """Issue 11, item 4 through the API (session 18): a welder of five years who also notes ten
    skills of another trade (a practical nurse's), against people claiming three quarters and half
    of the welder's essential skills and nothing else. A recruiter expects the complete one first
    and reading high; with the outside skills at 0.03 it read 84.2 at rank 1 (partials 65.1 and
    62.8), with the default it ranks below them."""
    app = matching_app(database_url, Clock())
    vacancy(app, "v-weld")
    skills = essential(WELDER, 100)
    others = [u for u in essential(NURSE, 40) if u not in skills][:10]
    people = {
        "c-" + "1" * 24: (others, WELDER),
        "c-" + "3" * 24: (skills[: 3 * len(skills) // 4], None),
        "c-" + "4" * 24: (skills[: len(skills) // 2], None),
    }
    for cid, (held, history) in people.items():
        candidate(app, cid, skills=held, history=history)
    r = app.test_client().get("/api/v1/vacancies/v-weld/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    entries = {e["candidate_id"]: e for e in r.json["entries"]}
    complete, *partial = list(people)
    assert not entries[complete]["missing_essential"]
    assert entries[complete]["rank"] == 1
    assert entries[complete]["match"] > max(entries[p]["match"] for p in partial)
    assert entries[complete]["match"] >= 80, entries[complete]["match"]


def test_a_candidate_holding_every_skill_the_employer_confirmed_ranks_first_on_a_title_only_vacancy(
    database_url,
):
    """Outside tester 18, P1 through the API: "Lähihoitaja, kotihoito" posted without an occupation
    (read from the title), seven essential skills confirmed. A candidate claiming all seven without
    work history read 58 at rank 36, below healthcare assistants by work history holding two of
    them. Now first, above them, reading as a top candidate, and saying why (the agreement's
    source is the confirmed skills)."""
    app = matching_app(database_url, Clock())
    vacancy(app, "v-care", occupation=None, title="Lähihoitaja, kotihoito", skills=CONFIRMED_CARE)
    complete = pid("claims all seven")
    candidate(app, complete, skills=CONFIRMED_CARE, history=None)
    experienced = [pid(f"assistant {i}") for i in range(4)]
    for i, cid in enumerate(experienced):
        candidate(app, cid, skills=CONFIRMED_CARE[i : i + 2], history=HEALTHCARE_ASSISTANT)
    r = app.test_client().get("/api/v1/vacancies/v-care/shortlist?k=10", headers=TEAM)
    assert r.status_code == 200, r.json
    entries = {e["candidate_id"]: e for e in r.json["entries"]}
    assert not entries[complete]["missing_essential"]
    assert entries[complete]["rank"] == 1
    assert entries[complete]["match"] > max(entries[c]["match"] for c in experienced)
    assert entries[complete]["match"] >= 85, entries[complete]["match"]
    assert entries[complete]["occupation_agreement"]["source"] == "confirmed_skills"
    assert all(entries[c]["occupation_agreement"]["source"] != "confirmed_skills" for c in experienced)


#: What a recruiter reads of an ad limiting applicants by age and sex, per language: the grounds, and the law.
AD_LIMITS_NOTE = {
    "fi": ("Ilmoituksen teksti rajaa hakijoita (ikä, sukupuoli): tarkista se.", "tasa-arvolaki 609/1986"),
    "sv": ("Annonstexten begränsar de sökande (ålder, kön): kontrollera den.", "jämställdhetslagen 609/1986"),
    "en": ("The ad text limits applicants by age, sex: check it.", "Equality Act 609/1986"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_recruiter_reading_the_shortlist_of_an_ad_limiting_applicants_is_told_so(app, lang):
    """Tester 35's leftover: a vacancy whose ad text limits applicants by age or sex (lang35's `ad_limits`) was
    marked on the weekly meeting only; the recruiter reading its shortlist, alone or in the region's batch, or
    the team's list of vacancies, was not told. Nobody is filtered or ranked by it."""
    client = app.test_client()
    before = client.get("/api/v1/vacancies/v-weld/shortlist?k=10", headers=RECRUITER).json
    assert before["vacancy"]["ad_limits"] == [] and "ad_limits_note" not in before["vacancy"]
    vacancy(app, "v-weld", description="Haemme alle 30-vuotiasta miestä hitsaajaksi.", version=2)
    said, law = AD_LIMITS_NOTE[lang]
    for path, headers in (
        (f"/api/v1/vacancies/v-weld/shortlist?k=10&lang={lang}", RECRUITER),
        (f"/api/v1/shortlists?region=pirkanmaa&k=10&lang={lang}", RECRUITER),
        (f"/api/v1/vacancies?region=pirkanmaa&lang={lang}", TEAM),
    ):
        r = client.get(path, headers=headers)
        assert r.status_code == 200, (path, r.json)
        [shown] = (
            [r.json["vacancy"]]
            if "vacancy" in r.json
            else [
                item.get("vacancy", item)
                for item in r.json["items"]
                if item.get("vacancy", item)["id"] == "v-weld"
            ]
        )
        assert shown["ad_limits"] == ["age", "sex"], (path, shown)
        assert shown["ad_limits_note"].startswith(said) and law in shown["ad_limits_note"], shown[
            "ad_limits_note"
        ]
        if "entries" in r.json:
            assert [e["candidate_id"] for e in r.json["entries"]] == [
                e["candidate_id"] for e in before["entries"]
            ]


def test_an_equality_statement_is_no_limit_on_the_shortlist(app):
    equal = "Kannustamme sekä naisia että miehiä hakemaan. We welcome applicants of all ages."
    vacancy(app, "v-weld", description=equal, version=2)
    shown = app.test_client().get("/api/v1/vacancies/v-weld/shortlist", headers=RECRUITER).json["vacancy"]
    assert shown["ad_limits"] == [] and "ad_limits_note" not in shown
