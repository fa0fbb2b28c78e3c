"""A text vacancy ranks alike whatever the language of its title and text (outside tester 7, H1 and
H11: the Swedish nurse vacancy showed every nurse at 3/100, the English one ranked healthcare
assistants first, the Swedish welder text read certain welders at 52-67 against 94-97; only an
exact Finnish or English ESCO label in the title named the occupation)."""

import pytest

from tests.api.matching_world import NURSE, Clock, candidate, essential, matching_app, pid, vacancy
from tests.helpers import HEALTHCARE_ASSISTANT, WELDER, auth

# ranking from the in-memory index: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

TEAM = auth("team_member", "tampere-tyollisyys")

NURSE_ADS = {  # the tester's three texts, word for word
    "fi": (
        "Sairaanhoitaja",
        "Etsimme sairaanhoitajaa sisätautien osastolle. Työhön kuuluu potilaiden hoitotyö, lääkehoito ja "
        "kirjaaminen. Edellytämme sairaanhoitajan tutkintoa.",
    ),
    "sv": (
        "Sjuksköterska",
        "Vi söker en sjuksköterska till vår avdelning för internmedicin. Arbetet omfattar vård av patienter, "
        "läkemedelsbehandling och dokumentation. Vi förutsätter sjuksköterskeexamen.",
    ),
    "en": (
        "Nurse",
        "We are looking for a nurse for our internal medicine ward. The work includes patient care, "
        "medication and documentation. A nursing degree is required.",
    ),
    "sv-fi": (
        "Sjuksköterska / sairaanhoitaja",
        "Vi söker en sjuksköterska till vår avdelning för internmedicin. Arbetet omfattar vård av patienter, "
        "läkemedelsbehandling och dokumentation. Vi förutsätter sjuksköterskeexamen.",
    ),
}
WELDER_ADS = {
    "fi": (
        "Hitsaaja",
        "Haemme konepajaamme hitsaajaa. Työ sisältää MIG- ja MAG-hitsausta sekä teräsrakenteiden "
        "kokoonpanoa. Trukkikortti on eduksi.",
    ),
    "sv": (
        "Svetsare",
        "Vi söker en svetsare till vår verkstad. Arbetet omfattar MIG- och MAG-svetsning samt montering av "
        "stålkonstruktioner. Truckkort är meriterande.",
    ),
    "en": (
        "Welder",
        "We are looking for a welder for our workshop. The work includes MIG and MAG welding and assembling "
        "steel structures. A forklift licence is an advantage.",
    ),
}


@pytest.fixture
def app(database_url):
    app = matching_app(database_url, Clock())
    for i in range(4):  # nurses and healthcare assistants, each of their occupation's essential skills
        candidate(app, pid(f"nurse-{i}"), skills=essential(NURSE, 30 - 3 * i), history=NURSE)
        candidate(
            app,
            pid(f"assistant-{i}"),
            skills=essential(HEALTHCARE_ASSISTANT, 30 - 3 * i),
            history=HEALTHCARE_ASSISTANT,
        )
        candidate(app, pid(f"welder-{i}"), skills=essential(WELDER, 30 - 3 * i), history=WELDER)
    return app


def _shortlist(app, ads, kind):
    client, out = app.test_client(), {}
    for lang, (title, text) in ads.items():
        vid = f"v-{kind}-{lang}"
        vacancy(app, vid, occupation=None, skills=[], title=title, description=text)
        body = client.get(f"/api/v1/vacancies/{vid}/shortlist?k=12&lang=en", headers=TEAM).get_json()
        out[lang] = body["entries"]
    return out


def test_the_same_nurse_vacancy_in_finnish_swedish_or_english_ranks_nurses_first_at_the_same_match(app):
    lists = _shortlist(app, NURSE_ADS, "nurse")
    for lang, items in lists.items():
        top = [e["candidate_id"] for e in items[:4]]
        assert set(top) <= {pid(f"nurse-{i}") for i in range(4)}, (lang, top)
        assert items[0]["match"] >= 60, (lang, items[0]["match"])
    best = [items[0]["match"] for items in lists.values()]
    assert max(best) - min(best) <= 15, best  # a recruiter reads the same number in every language


def test_the_same_welder_vacancy_in_finnish_swedish_or_english_reads_welders_alike(app):
    lists = _shortlist(app, WELDER_ADS, "weld")
    for lang, items in lists.items():
        top = [e["candidate_id"] for e in items[:4]]
        assert set(top) <= {pid(f"welder-{i}") for i in range(4)}, (lang, top)
    best = [items[0]["match"] for items in lists.values()]
    # a text's best candidate reads 60-70: of a title and text's candidates at their ideal, a
    # quarter are of another occupation on the tuning half (params.match_scales; tester 14, P10)
    assert min(best) >= 60 and max(best) - min(best) <= 10, best


EMPLOYER = auth("employer", "konepaja-oy")


def test_the_employer_and_recruiter_see_the_occupation_a_text_vacancy_is_ranked_as(app):
    """Outside tester 7, H5 (c): the occupation inferred for a text vacancy decided its ranking and
    was shown nowhere (`occupation_label: null`)."""
    client = app.test_client()
    title, text = NURSE_ADS["sv"]
    vacancy(app, "v-sv", occupation=None, skills=[], title=title, description=text)
    for lang, label in (("en", "nurse responsible for general care"), ("fi", "sairaanhoitaja")):
        own = client.get(f"/api/v1/vacancies/v-sv/skills?lang={lang}", headers=EMPLOYER).get_json()
        ranked = own["ranked_occupation"]
        assert (ranked["uri"], ranked["label"], ranked["inferred"]) == (NURSE, label, True), ranked
        assert 0 < ranked["probability"] <= 1 and ranked["note"]
        # no occupation named: the one read from the title's skills when read surely (its profile
        # is asked for, `ranked_occupation.essential_skills`), else none
        if ranked["essential_skills"]:
            shown = {s["uri"] for s in own["occupation_skills"] if s["essential"]}
            assert shown == set(essential(NURSE, 1000)), own["occupation_skills"]
        else:
            assert own["occupation_skills"] == []
    fi_note = client.get("/api/v1/vacancies/v-sv/skills?lang=fi", headers=EMPLOYER).get_json()
    en_note = client.get("/api/v1/vacancies/v-sv/skills?lang=en", headers=EMPLOYER).get_json()
    assert fi_note["ranked_occupation"]["note"] != en_note["ranked_occupation"]["note"]
    block = client.get("/api/v1/vacancies/v-sv/shortlist?lang=en", headers=TEAM).get_json()["vacancy"]
    assert block["ranked_occupation"]["uri"] == NURSE and block["ranked_occupation"]["inferred"]
    assert block["occupation_uri"] is None  # the employer's own field stays as posted


def test_an_occupation_vacancy_shows_the_occupations_skills_it_is_ranked_with(app):
    """H5 (b): an occupation-only vacancy showed no skill at all, yet was ranked with 36."""
    client = app.test_client()
    vacancy(app, "v-occ", occupation=WELDER, skills=[], title="T7 occupation only")
    body = client.get("/api/v1/vacancies/v-occ/skills?lang=en", headers=EMPLOYER).get_json()
    essential_uris = set(essential(WELDER, 1000))
    shown = body["occupation_skills"]
    assert {s["uri"] for s in shown if s["essential"]} == essential_uris
    assert any(not s["essential"] for s in shown) and all(s["label"] for s in shown)
    assert body["ranked_occupation"] == {
        "uri": WELDER,
        "label": "welder",
        "inferred": False,
        "probability": 1.0,
        "confident": True,
        "essential_skills": True,  # its essential skills are the vacancy's
    }


def test_a_text_vacancys_shortlist_shows_which_of_its_skills_a_candidate_lacks(app):
    """H5 (a): every entry of a text vacancy showed `missing_essential: []` (its recognised skills
    are never essential), so a candidate without any of them showed nothing missing."""
    client = app.test_client()
    title, text = WELDER_ADS["fi"]  # read as welder: the welder's profile is asked for too
    vacancy(app, "v-fi", occupation=None, skills=[], title=title, description=text)
    body = client.get("/api/v1/vacancies/v-fi/shortlist?k=12&lang=en", headers=TEAM).get_json()
    asked = {s["uri"] for s in body["vacancy"]["suggested_skills"]}
    assert asked
    for e in body["entries"]:
        held = set(e["matched_optional"]) | set(e["matched_essential"])
        # every suggestion not held is missing (since session 20 beside the surely read occupation's
        # profile, whose essential skills are the vacancy's: outside tester 20, P2)
        missing = set(e["missing_optional"]) | set(e["missing_essential"])
        assert asked - held <= missing, e["candidate_id"]
        assert all(uri in body["skills"] for uri in e["missing_optional"])
    assert any(e["missing_optional"] for e in body["entries"])


COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"
BUS_DRIVER = "http://data.europa.eu/esco/occupation/00cee175-1376-43fb-9f02-ba3d7a910a58"


@pytest.mark.parametrize(
    ("title", "text", "occupation"),
    [
        # outside tester, session 13, N2: read as a home care aide (ESCO's alternative label), the
        # vacancy fell out of the practical-nurse shortage meeting; "Kokki" was uncertain (chef too)
        ("Lähihoitaja", "Haemme lähihoitajaa palvelutaloon. Työ on kolmivuorotyötä.", HEALTHCARE_ASSISTANT),
        (
            "Kokki",
            "Kokki lounasravintolaan. Valmistat lounasta ja salaatteja. Ruoanvalmistus kuuluu tehtäviin.",
            COOK,
        ),
        # N5: a D licence was read as driving heavy trucks, and the bus driver was uncertain
        ("Bussinkuljettaja", "Haemme bussinkuljettajia työsuhteeseen. D-ajokortti vaaditaan.", BUS_DRIVER),
    ],
)
def test_an_everyday_finnish_title_is_ranked_as_its_occupation_with_confidence(app, title, text, occupation):
    client = app.test_client()
    vacancy(app, "v-title", occupation=None, skills=[], title=title, description=text)
    body = client.get("/api/v1/vacancies/v-title/skills?lang=en", headers=EMPLOYER).get_json()
    ranked = body["ranked_occupation"]
    assert ranked["uri"] == occupation and ranked["confident"], ranked
