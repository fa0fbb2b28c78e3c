"""Outside tester 35b on the vacancy service's warnings: G3, limits on the applicant that the
`discriminatory_limit` warning missed (family plans, sex as a noun or in a title, ages as birth years,
spelled out or without a unit, disguised spellings); G4, clients, patients and the company's age that it
warned of; G6, the languages the `requirements_unconfirmed` warning names ("on hyötyä" a plus, "English is
not enough" no requirement of English, "without fluent Finnish you cannot" a requirement of Finnish)."""

import pytest

from tests.api.vacancy_bodies import EMPLOYER, post_taken, warning


@pytest.mark.parametrize(
    ("lang", "field", "text", "said"),
    [
        ("sv", "description", "Inga småbarnsföräldrar, tack.", "familj"),
        ("fi", "description", "Hakijan tulee olla mies.", "sukupuol"),
        ("sv", "title", "Kassör (kvinna)", "kön"),
        ("en", "description", "Born after 1990.", "by age"),
        ("fi", "description", "Haemme alle kolmekymppistä myyjää.", "iän perusteella"),
        ("fi", "description", "Haemme a l l e 30\u2011vuotiasta myyjää.", "iän perusteella"),
    ],
)
def test_tester35b_a_limit_on_the_applicant_is_warned_of(vacancy_app, lang, field, text, said):
    r = post_taken(vacancy_app, lang, **{field: text})
    limits = [w for w in r.json["warnings"] if w["code"] == "discriminatory_limit"]
    assert limits and all(w["field"] == field for w in limits), r.json["warnings"]
    message = " ".join(w["message"] for w in limits)
    assert said in message, message
    got = vacancy_app.test_client().get(f"/api/v1/vacancies/{r.json['id']}", headers=EMPLOYER)
    assert [w for w in got.json["warnings"] if w["code"] == "discriminatory_limit"], got.json


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Työhön kuuluu raskaana olevien asiakkaiden ohjaus äitiysneuvolassa."),
        ("sv", "Du tar hand om gravida kvinnor på mödravården."),
        ("en", "You will care for pregnant women and new mothers."),
        ("fi", "Asiakkaamme ovat alle 30-vuotiaita nuoria."),
        ("fi", "Yritys on perustettu alle 30 vuotta sitten."),
    ],
)
def test_tester35b_clients_patients_and_the_company_give_no_such_warning(vacancy_app, lang, text):
    r = post_taken(vacancy_app, lang, description=text)
    assert warning(r, "discriminatory_limit") is None, r.json["warnings"]


@pytest.mark.parametrize(
    ("lang", "description", "named", "not_required"),
    [
        ("en", "Finnish is required; English is not enough.", "Finnish", "English"),
        ("fi", "Sujuva suomi vaaditaan, pelkkä englanti ei riitä.", "suomi", "englanti"),
        ("en", "You cannot work here without fluent Finnish.", "Finnish", None),
        ("fi", "Ilman sujuvaa suomea et voi toimia tehtävässä.", "suomi", None),
    ],
)
def test_tester35b_not_enough_and_a_double_negative(vacancy_app, lang, description, named, not_required):
    r = post_taken(vacancy_app, lang, description=description)
    message = warning(r, "requirements_unconfirmed")["message"]
    assert named in message, message
    if not_required:
        assert not_required not in message, message


def test_tester35b_useful_is_named_only_as_a_plus(vacancy_app):
    r = post_taken(vacancy_app, "fi", description="Ruotsin kielen taidosta on hyötyä.")
    said = [
        part for part in warning(r, "requirements_unconfirmed")["message"].split(". ") if "ruotsi" in part
    ]
    assert said and all("eduksi" in part for part in said), said  # named only in the plus sentence
