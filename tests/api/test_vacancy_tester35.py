"""Outside tester 35 on the vacancy service's warnings: F2, the languages the
`requirements_unconfirmed` warning names (clause by clause; a plus named as optional; a rejection
clears it), and F7, the `discriminatory_limit` warning, in English, Finnish and Swedish."""

import pytest

from tests.api.vacancy_bodies import EMPLOYER, post_taken, valid, warning

FINNISH = "http://data.europa.eu/esco/skill/0e3493f4-0cad-4fbc-8e02-025f169b8114"
SWEDISH = "http://data.europa.eu/esco/skill/7ee51257-8947-4b69-9bdf-322baf0a6398"


@pytest.mark.parametrize(
    ("lang", "description", "named", "waived"),
    [
        ("en", "Fluent English required; Finnish is not required.", "English", "Finnish"),
        ("fi", "Sujuva englanti vaaditaan, suomen kieltä ei vaadita.", "englanti", "suomi"),
        ("sv", "Svenska krävs, finska inte nödvändigt.", "svenska", "finska"),
        ("fi", "Suomen kielen taitoa ei vaadita, ruotsi on välttämätön.", "ruotsi", "suomi"),
        ("en", "Swedish required, Finnish not needed.", "Swedish", "Finnish"),
    ],
)
def test_a_language_required_beside_a_waived_one_is_still_named(
    vacancy_app, lang, description, named, waived
):
    r = post_taken(vacancy_app, lang, description=description)
    message = warning(r, "requirements_unconfirmed")["message"]
    assert named in message, message
    assert waived not in message, message


@pytest.mark.parametrize(
    ("lang", "description", "plus", "required"),
    [
        ("sv", "Goda kunskaper i svenska, finska är en merit.", "finska", "svenska"),
        (
            "fi",
            "Edellytämme sujuvaa suomen kielen taitoa. Ruotsin kielen taito on eduksi.",
            "ruotsi",
            "suomi",
        ),
        ("en", "Fluent Finnish is required. Swedish is an advantage.", "Swedish", "Finnish"),
    ],
)
def test_a_language_only_a_plus_is_named_as_optional_and_a_rejection_clears_it(
    vacancy_app, lang, description, plus, required
):
    client = vacancy_app.test_client()
    headers = {**EMPLOYER, "Accept-Language": lang}
    r = post_taken(vacancy_app, lang, description=description)
    first, *rest = warning(r, "requirements_unconfirmed")["message"].split(". ")
    assert required in first and plus not in first, first  # the sentence of requirements to confirm
    assert plus in ". ".join(rest), rest  # named apart, as a plus
    # the employer confirms the required one as a filter and turns the plus down: nothing is left
    code = {"Finnish": "fi", "suomi": "fi", "svenska": "sv"}[required]
    body = valid(
        description=description,
        languages=[{"code": code, "level": "B2"}],
        rejected_skills=[SWEDISH if code == "fi" else FINNISH],
    )
    put = client.put(
        f"/api/v1/vacancies/{r.json['id']}", json=body, headers={**headers, "If-Match": r.headers["ETag"]}
    )
    assert put.status_code == 200, put.json
    assert warning(put, "requirements_unconfirmed") is None, put.json["warnings"]


def test_a_required_language_turned_down_with_rejected_skills_is_named_no_more(vacancy_app):
    """Tester 35, F2.3: the warning advises "Turn one down with rejected_skills", and that did not clear it."""
    r = post_taken(
        vacancy_app, "sv", description="Goda kunskaper i svenska och finska.", rejected_skills=[FINNISH]
    )
    message = warning(r, "requirements_unconfirmed")["message"]
    assert "svenska" in message and "finska" not in message, message


@pytest.mark.parametrize(
    ("lang", "field", "text", "said"),
    [
        ("sv", "title", "Svetsare, ej för gravida", "graviditet"),
        ("fi", "description", "Haemme alle 30-vuotiasta miestä hitsaajaksi.", "iän perusteella"),
        ("sv", "description", "Sökes svetsare, högst 35 år.", "ålder"),
        ("en", "description", "We are looking for a young man, maximum age 35.", "by age"),
    ],
)
def test_a_discriminatory_limit_is_accepted_with_a_warning_naming_the_field(
    vacancy_app, lang, field, text, said
):
    r = post_taken(vacancy_app, lang, **{field: text})
    limits = [w for w in r.json["warnings"] if w["code"] == "discriminatory_limit"]
    assert limits and all(w["field"] == field for w in limits), r.json["warnings"]
    message = " ".join(w["message"] for w in limits)
    assert said in message and "1325/2014" in message, message
    # every reader of the vacancy sees it, not only the poster
    got = vacancy_app.test_client().get(f"/api/v1/vacancies/{r.json['id']}", headers=EMPLOYER)
    assert [w for w in got.json["warnings"] if w["code"] == "discriminatory_limit"], got.json


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "We welcome applicants of all ages."),
        ("fi", "Nuorten kesätyö: kesäseteli 16–17-vuotiaille."),
        ("fi", "Kannustamme sekä naisia että miehiä hakemaan."),
        ("sv", "Vi välkomnar sökande oavsett ålder och kön."),
    ],
)
def test_an_equality_statement_or_a_youth_summer_job_gives_no_such_warning(vacancy_app, lang, text):
    r = post_taken(vacancy_app, lang, description=text)
    assert warning(r, "discriminatory_limit") is None, r.json["warnings"]
