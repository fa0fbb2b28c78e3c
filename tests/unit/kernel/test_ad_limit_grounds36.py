"""The ad-limit warning's grounds (outside tester 36, H6): common wordings of age, sex and family it missed,
and the Non-Discrimination Act 1325/2014 § 8 grounds an ad can state as a limit on the applicant (the lead's
decision): origin, nationality, religion or belief, health or disability, sexual orientation. Each with the
sentences that must not warn: the one cared for, a subject taught, a language requirement, a client's origin."""

from functools import partial

import pytest

from services.kernel.ad_limits import Ground
from services.kernel.ad_limits import limits as _limits
from shared.pii import as_meant

limits = partial(_limits, as_meant=as_meant)


def grounds(text: str) -> set[str]:
    return {limit.ground.value for limit in limits(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tester's misses
        ("Etsimme nuorekasta ja fyysisesti hyväkuntoista miesvartijaa yövuoroihin.", {"age", "sex"}),
        ("Vi söker en ung och energisk bagare, gärna man, högst 35 år.", {"age", "sex"}),
        (
            "Työ alkaa klo 4, joten hakijalla ei saa olla pienten lasten vanhemmuuteen liittyviä esteitä.",
            {"family_plans"},
        ),
        ("Ideal candidate is a digital native, recent graduate, 20-something.", {"age"}),
        ("Valmistunut enintään kolme vuotta sitten. Sopii vastavalmistuneelle.", {"age"}),
        # more of the kind
        ("Vi söker en ung och driven säljare.", {"age"}),
        ("Haemme nuorekkaan myyjän, mieluiten nainen.", {"age", "sex"}),
        ("You graduated within the last two years.", {"age"}),
        ("Utexaminerad för högst tre år sedan.", {"age"}),
        ("Ideal for a twenty-something with energy.", {"age"}),
        ("Man preferred for the night shift.", {"sex"}),
    ],
)
def test_the_wordings_it_missed_of_age_sex_and_family_are_read(text, expected):
    assert grounds(text) == expected


@pytest.mark.parametrize(
    ("text", "ground"),
    [
        # origin (the tester's and "infödd", "native Finn" as origin)
        ("Edellytämme, että hakija on syntyperäinen suomalainen.", Ground.ORIGIN),
        ("Vi söker en infödd finländare.", Ground.ORIGIN),
        ("We want native Finns only.", Ground.ORIGIN),
        ("Hakijan tulee olla kantasuomalainen.", Ground.ORIGIN),
        ("Applicants of Finnish origin only.", Ground.ORIGIN),
        # nationality
        ("Hakijan tulee olla Suomen kansalainen.", Ground.NATIONALITY),
        ("EU citizens only.", Ground.NATIONALITY),
        ("Sökanden ska ha finskt medborgarskap.", Ground.NATIONALITY),
        # religion or belief (the tester's)
        ("Työasuun ei voi yhdistää huivia tai muita uskonnollisia symboleja.", Ground.RELIGION),
        ("No headscarves or other religious symbols at work.", Ground.RELIGION),
        ("Hakijan tulee kuulua evankelisluterilaiseen kirkkoon.", Ground.RELIGION),
        ("Ingen slöja i tjänsten.", Ground.RELIGION),
        # health or disability as a blanket limit
        ("Hakijan on oltava täysin terve.", Ground.HEALTH),
        ("Ei pitkäaikaissairauksia.", Ground.HEALTH),
        ("Sökanden ska vara helt frisk.", Ground.HEALTH),
        ("Not suitable for wheelchair users.", Ground.HEALTH),
        # sexual orientation
        ("Haemme heteroseksuaalista hakijaa.", Ground.ORIENTATION),
        ("No gays.", Ground.ORIENTATION),
    ],
)
def test_a_limit_by_a_ground_of_the_non_discrimination_act_is_read(text, ground):
    found = limits(text)
    assert ground in {limit.ground for limit in found}, found
    assert all(limit.words and limit.words in as_meant(text) for limit in found)


@pytest.mark.parametrize(
    "text",
    [
        # the tester's: the one cared for, the midwife's and the youth worker's clients
        "Haemme henkilökohtaista avustajaa 30-vuotiaalle pyörätuolia käyttävälle miehelle Nokialle. "
        "Avustat pukeutumisessa ja peseytymisessä.",
        "Hoidat raskaana olevia ja synnyttäneitä äitejä.",
        "Ohjaat 13–17-vuotiaita nuoria nuorisotalolla.",
        # a language requirement, not origin
        "Edellytämme äidinkielistä suomen kielen taitoa.",
        "Native-level Finnish is required.",
        "Native Finnish speaker required.",
        "Syntyperäisen tasoinen suomen kielen taito.",
        "Du talar infödd svenska.",
        # a subject taught, a client's origin or health, the team's youth, what the work needs
        "Opetat uskontoa ja elämänkatsomustietoa yläkoulussa.",
        "Asiakkaamme ovat pääosin somalialaistaustaisia perheitä.",
        "Many of our clients are of Somali origin.",
        "Autat asiakkaita, joilla on pitkäaikaissairauksia.",
        "Meillä on nuorekas työyhteisö.",
        "Tule nuorekkaaseen tiimiimme!",
        "Työ edellyttää hyvää fyysistä kuntoa.",
        "Hakijalla on oltava oikeus työskennellä Suomessa.",
        # equality statements
        "Kannustamme hakemaan taustasta, uskonnosta ja kansalaisuudesta riippumatta.",
        "Vi välkomnar sökande oavsett etnisk bakgrund.",
        "We welcome applicants regardless of sexual orientation, religion or disability.",
        "Sopii vastavalmistuneelle.",
    ],
)
def test_a_sentence_about_others_or_a_language_or_an_equality_statement_warns_of_nothing(text):
    assert limits(text) == []


def test_the_grounds_keep_the_order_of_the_enum_after_the_equality_acts():
    assert [g.value for g in Ground][:4] == ["age", "sex", "pregnancy", "family_plans"]
    text = "Hakijan tulee olla syntyperäinen suomalainen ja Suomen kansalainen, alle 30-vuotias."
    assert [limit.ground for limit in limits(text)] == [Ground.AGE, Ground.ORIGIN, Ground.NATIONALITY]
