"""Limits a job ad sets by age, sex, pregnancy or family plans, for the vacancy's
`discriminatory_limit` warning (outside tester 35, F7), in Finnish, Swedish and English."""

import pytest

from services.kernel.ad_limits import Ground, limits


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        # the tester's three ads
        ("Svetsare, ej för gravida", {Ground.PREGNANCY}),
        ("Haemme alle 30-vuotiasta miestä hitsaajaksi.", {Ground.AGE, Ground.SEX}),
        ("Sökes svetsare, högst 35 år.", {Ground.AGE}),
        # more wordings of each kind
        ("Haemme 20–30-vuotiasta myyjää.", {Ground.AGE}),
        ("Hakijan ikä enintään 40 vuotta.", {Ground.AGE}),
        ("Vi söker en manlig chaufför, under 30 år.", {Ground.AGE, Ground.SEX}),
        ("Looking for a young man to join our warehouse team.", {Ground.AGE, Ground.SEX}),
        ("Maximum age 40.", {Ground.AGE}),
        ("Female applicants only.", {Ground.SEX}),
        ("Not suitable for pregnant women.", {Ground.PREGNANCY}),
        ("Työ ei sovellu raskaana oleville.", {Ground.PREGNANCY}),
        ("Ei perheenlisäystä suunnitteilla.", {Ground.FAMILY}),
        ("Inga familjeplaner de närmaste åren.", {Ground.FAMILY}),
        ("No plans to have children in the next two years.", {Ground.FAMILY}),
    ],
)
def test_a_limit_by_age_sex_pregnancy_or_family_plans_is_found(text, grounds):
    assert {limit.ground for limit in limits(text)} == grounds


def test_the_limit_is_quoted_as_the_ad_writes_it():
    assert [(x.ground, x.words) for x in limits("Sökes svetsare, högst 35 år.")] == [
        (Ground.AGE, "högst 35 år")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We welcome applicants of all ages.",
        "Nuorten kesätyö.",
        "Kesäseteli 16–17-vuotiaille nuorille.",
        "Hakijan tulee olla vähintään 18-vuotias.",
        "Työ ei sovellu alle 18-vuotiaille.",
        "Kannustamme sekä naisia että miehiä hakemaan.",
        "Vi välkomnar både män och kvinnor att söka.",
        "We encourage applicants regardless of gender.",
        "Työ on fyysisesti raskasta ja raskaan kaluston käsittelyä.",
        "Man måste ha körkort.",
        "Työkokemusta 2–5 vuotta.",
        "10-20 years of experience in welding.",
        "Yritys on toiminut yli 30 vuotta.",
        "Työ sopii kaikenikäisille.",
        "",
    ],
)
def test_lawful_or_neutral_wordings_set_no_limit(text):
    assert limits(text) == []
