"""The `discriminatory_limit` warning names the Non-Discrimination Act's grounds beyond age, sex, pregnancy
and family (outside tester 36, H6): origin in the tester's words, nationality with the note that some public
posts may lawfully require Finnish citizenship; a language requirement is no origin."""

import pytest

from tests.api.vacancy_bodies import post_taken, warning


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        ("fi", "Edellytämme, että hakija on syntyperäinen suomalainen.", "syntyperän perusteella"),
        ("en", "Edellytämme, että hakija on syntyperäinen suomalainen.", "by origin"),
        ("sv", "Vi söker en infödd finländare.", "efter ursprung"),
    ],
)
def test_an_origin_limit_is_accepted_with_a_warning_naming_the_ground_and_the_law(
    vacancy_app, lang, text, said
):
    r = post_taken(vacancy_app, lang, description=text)
    w = warning(r, "discriminatory_limit")
    assert w is not None and w["field"] == "description", r.json["warnings"]
    assert said in w["message"] and "1325/2014" in w["message"], w["message"]


def test_a_nationality_limit_says_some_public_posts_may_lawfully_require_citizenship(vacancy_app):
    r = post_taken(vacancy_app, "en", description="Hakijan tulee olla Suomen kansalainen.")
    w = warning(r, "discriminatory_limit")
    assert w is not None and "by nationality" in w["message"], r.json["warnings"]
    assert "Finnish citizenship" in w["message"] and "750/1994" in w["message"], w["message"]


@pytest.mark.parametrize(
    "text",
    [
        "Edellytämme äidinkielistä suomen kielen taitoa.",
        "Native-level Finnish is required.",
        "Asiakkaamme ovat pääosin somalialaistaustaisia perheitä.",
    ],
)
def test_a_language_requirement_or_a_clients_origin_gives_no_such_warning(vacancy_app, text):
    assert warning(post_taken(vacancy_app, "en", description=text), "discriminatory_limit") is None


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        ("sv", "Hemvård av äldre klienter. Kvinnor föredras.", "kön"),
        ("fi", "Hemvård av äldre klienter. Naiset etusijalla.", "sukupuol"),
        ("en", "Hemvård av äldre klienter. Sökande ska vara frisk.", "health"),
    ],
)
def test_a_plain_noun_of_sex_preferred_or_health_required_warns(vacancy_app, lang, text, said):
    """Outside tester 40, T40-3: "Kvinnor föredras", "Naiset etusijalla", "Sökande ska vara frisk" were posted
    without a warning (the English "Women preferred" warned)."""
    r = post_taken(vacancy_app, lang, description=text)
    w = warning(r, "discriminatory_limit")
    assert w is not None and w["field"] == "description", r.json["warnings"]
    assert said in w["message"], w["message"]
