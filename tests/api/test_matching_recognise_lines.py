"""POST /api/v1/skills/recognise on a CV's and a coach's note's lines (outside tester 17, P7, P8,
P10, P11): a job title with its place reads as the title's occupation, as a vacancy's title does;
section headings, what the jobseeker looks for and place names suggest nothing."""

import pytest

from tests.api.matching_world import Clock, matching_app
from tests.helpers import auth

# recognition reads no storage: the PostgreSQL half is opt-in (KOHTAANTO_TEST_POSTGRES_ALL=1, tests/api/conftest.py)
pytestmark = pytest.mark.storage_independent

COACH = auth("coach", "tampere-tyollisyys")
URL = "/api/v1/skills/recognise"


@pytest.fixture
def client(database_url):
    return matching_app(database_url, Clock()).test_client()


def confident(body):
    return {i["label"] for i in body["items"] if i["score"] >= 0.35}


@pytest.mark.parametrize("line", ["Lähihoitaja, Kuopio", "Lähihoitaja, Kuopio 2015–2020", "Kokki, Pori"])
def test_a_title_and_its_municipality_get_the_occupations_skills_without_a_warning(client, line):
    """P11: "Lähihoitaja, Kuopio" gave only guesses ("toimia pelinhoitajana", "vesihoito") and the
    low-confidence warning, while "Kokki, Pori" gave the cook's skills."""
    r = client.post(URL + "?lang=en", json={"text": line}, headers=COACH)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert "warning" not in body, body
    assert len(confident(body)) >= 3, body
    if line.startswith("Lähihoitaja"):
        assert "provide basic support to patients" in confident(body), body
        assert all(i["source"] == line for i in body["items"] if i["score"] >= 0.35), body
    assert not {"operate games", "hydrotherapy"} & confident(body)


def test_a_coach_notes_headings_and_wishes_suggest_nothing_of_their_own(client):
    """P7 and P8: "Työhistoria:" gave *history* 0.58, "Söker deltidsjobb inom hemvården" *provide
    domestic care* 0.44; the jobs held are still read."""
    note = (
        "Työhistoria:\n- siivooja, Tampere 2018–2022\n"
        "Koulutus:\n- lähihoitaja, Kuopio 2015\n"
        "Söker deltidsjobb inom hemvården."
    )
    body = client.post(URL + "?lang=en", json={"text": note, "top_k": 15}, headers=COACH).get_json()
    sources = {i["source"] for i in body["items"]}
    assert not {"Työhistoria:", "Koulutus:", "Söker deltidsjobb inom hemvården."} & sources, body
    assert "history" not in {i["label"] for i in body["items"]}
    assert any("clean" in label for label in confident(body)), body


def test_a_place_after_a_dash_and_licence_classes_with_or_suggest_no_stray(client):
    """P10: "– Kangasala" gave *fabric types*, "C- tai CE-luokan" *tai chi*."""
    title = client.post(
        URL + "?lang=en", json={"text": "HITSAAJA / LEVYSEPPÄHITSAAJA – Kangasala"}, headers=COACH
    )
    labels = {i["label"] for i in title.get_json()["items"]}
    assert not [label for label in labels if "fabric" in label or "textile" in label], labels
    licences = client.post(
        URL + "?lang=en",
        json={"text": "Edellytämme C- tai CE-luokan ajokorttia sekä ADR-ajolupaa."},
        headers=COACH,
    ).get_json()
    assert {i["label"] for i in licences["items"]} == {
        "drive vehicles",
        "manoeuvre heavy trucks",
        "transport dangerous goods",
    }, licences


EMPLOYER = auth("employer", "konepaja-oy")


@pytest.mark.parametrize(
    ("text", "hiring_line", "expected"),
    [
        (
            "Haemme Turkuun kokkia lounasravintolaan. Työtehtäviin kuuluu lounaan valmistus noin 200 asiakkaalle, "
            "tilaukset ja omavalvonta. Edellytämme: kokin ammattitutkinto tai vastaava kokemus, hygieniapassi. "
            "Ruotsin kielen taito on eduksi.",
            "Haemme Turkuun kokkia lounasravintolaan.",
            "comply with food safety and hygiene",
        ),
        (
            "Vi söker en lokalvårdare till Jakobstad för morgonskift. Arbetet omfattar städning av kontor och "
            "trapphus samt fönstertvätt. Vi förutsätter: erfarenhet av städning, körkort B. Meriterande: "
            "yrkesexamen inom rengöring. Du behärskar svenska eller finska.",
            "Vi söker en lokalvårdare till Jakobstad för morgonskift.",
            "clean glass surfaces",
        ),
    ],
)
def test_a_hiring_line_names_whom_not_what(client, text, hiring_line, expected):
    """Outside tester 27, T27-15: "Haemme Turkuun kokkia lounasravintolaan" gave *cook seafood*,
    *food science*, *cook meat dishes*; the Swedish cleaner ad's hiring line took 7 of 10 places and
    the window cleaning never showed."""
    r = client.post(URL + "?lang=en", json={"text": text}, headers=EMPLOYER)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    from_line = {i["label"] for i in body["items"] if i["source"] == hiring_line}
    # (the occupation it recruits for gives its central skills at the line, as a title does)
    assert not from_line & {
        "cook seafood",
        "food science",
        "cook meat dishes",
        "clean furniture",
    }, body
    assert all(i["score"] <= 0.35 for i in body["items"] if i["source"] == hiring_line), body
    assert expected in confident(body), body
