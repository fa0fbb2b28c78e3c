"""Limits a job ad sets by age, sex, pregnancy or family plans, for the vacancy's
`discriminatory_limit` warning (outside tester 35, F7), in Finnish, Swedish and English."""

import pytest

from services.kernel.ad_limits import Ground
from services.kernel.ad_limits import limits as kernel_limits
from shared.pii import as_meant


def limits(text):
    return kernel_limits(text, as_meant=as_meant)


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


@pytest.mark.parametrize(
    ("text", "grounds"),
    [
        # outside tester 35b, G3: family plans
        ("Inga småbarnsföräldrar, tack.", {Ground.FAMILY}),
        ("Toivomme, ettei hakijalla ole pieniä lapsia.", {Ground.FAMILY}),
        # sex as a plain noun or in a title
        ("Hakijan tulee olla mies.", {Ground.SEX}),
        ("Sökanden ska vara man.", {Ground.SEX}),
        ("Women need not apply.", {Ground.SEX}),
        ("Haemme alle 35-vuotias nainen myyjäksi.", {Ground.AGE, Ground.SEX}),
        ("Naissiivooja", {Ground.SEX}),
        ("Myyjä (nainen)", {Ground.SEX}),
        ("Kassör (kvinna)", {Ground.SEX}),
        # ages as ranges without a unit, spelled out, as birth years, "young"
        ("Applicants should be aged 20-30.", {Ground.AGE}),
        ("Sökande bör vara under 30.", {Ground.AGE}),
        ("Haemme alle kolmekymppistä myyjää.", {Ground.AGE}),
        ("Hakijan tulee olla alle kolmekymmentävuotias.", {Ground.AGE}),
        ("Applicants must be under thirty years old.", {Ground.AGE}),
        ("Syntynyt 1995 tai myöhemmin.", {Ground.AGE}),
        ("Born after 1990.", {Ground.AGE}),
        ("Seeking a young male driver under 40.", {Ground.AGE, Ground.SEX}),
        ("Haemme nuorta ja energistä naista.", {Ground.AGE, Ground.SEX}),
        ("Nuori myyjä", {Ground.AGE}),
        ("Young sales assistant", {Ground.AGE}),
        # disguised spellings: a capital I for l, letters apart, a non-breaking hyphen, a zero-width space
        ("Haemme aIle 30-vuotiasta myyjää.", {Ground.AGE}),
        ("Haemme a l l e 30-vuotiasta myyjää.", {Ground.AGE}),
        ("Haemme alle 30\u2011vuotiasta myyjää.", {Ground.AGE}),
        ("Haemme alle 3\u200b0-vuotiasta myyjää.", {Ground.AGE}),
        ("Työ ei sovellu r a s k a a n a oleville.", {Ground.PREGNANCY}),
        # a limit on the applicant beside clients is still one
        ("Hakijan tulee olla alle 30-vuotias, asiakkaamme ovat nuoria.", {Ground.AGE}),
        ("Asiakkaille: hakijan tulee olla alle 30.", {Ground.AGE}),
        ("You will care for pregnant women; you must not be pregnant.", {Ground.PREGNANCY}),
    ],
)
def test_tester35b_limits_on_the_applicant_are_found(text, grounds):
    assert {limit.ground for limit in limits(text)} == grounds


@pytest.mark.parametrize(
    "text",
    [
        # outside tester 35b, G4: clients, patients, the company
        "Kätilö: Työhön kuuluu raskaana olevien asiakkaiden ohjaus äitiysneuvolassa.",
        "Barnmorska: Du tar hand om gravida kvinnor på mödravården.",
        "Midwife: You will care for pregnant women and new mothers.",
        "Nuoriso-ohjaaja: Asiakkaamme ovat alle 30-vuotiaita nuoria.",
        "Myyjä: Yritys on perustettu alle 30 vuotta sitten.",
        # ordinary ad sentences
        "Hoidat alle 3-vuotiaita lapsia.",
        "Ohjaat alle 18-vuotiaita.",
        "Asiakkaamme ovat yli 65-vuotiaita.",
        "Myyjä miesten vaateosastolle.",
        "Kuljetat max 40 tonnia.",
        "Nostot max 25 kg.",
        "Naistenklinikalle haetaan sairaanhoitajaa.",
        "Ladies-only gym seeks a trainer.",
        "Olemme nuori ja kasvava yritys.",
        "We are a young and growing company.",
        "Ohjaat nuoria aikuisia työelämään.",
        "You will work with young people aged 16-29.",
        "Työ sopii myös eläkeläiselle.",
        "Alalla on paljon naisvaltaisia työpaikkoja.",
        "Toimistomme sijaitsee Tampereella, ICT-palveluiden keskellä.",
        "Ilmoittaudu haastatteluun viimeistään perjantaina.",
        "Arbetet passar dig som gillar service.",
        "Vi har funnits i över 30 år.",
        "The company was founded in 1995.",
        "Tuotteemme on suunniteltu alle 30 minuutissa koottaviksi.",
        "Palkka on alle 3000 euroa kuukaudessa aluksi, kasvaa myöhemmin.",
        "Kerho on tarkoitettu perheille, joissa on pieniä lapsia.",
        "Työ on kolmivuorotyötä, ja vuorot ovat alle 10 tuntia.",
    ],
)
def test_tester35b_ordinary_and_client_sentences_set_no_limit(text):
    assert limits(text) == []
