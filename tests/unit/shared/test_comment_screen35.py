"""The special-category screen and the kinds outside tester 35 got past it (F3): social services named as the
person's own (child protection, disability and substance-abuse services, income support, a mother-and-baby home),
burnout, a rehabilitation plan, pregnancy in everyday English and plans of children, in fi/sv/en; and ordinary
work comments, among them work *in* those services, that must still pass."""

from __future__ import annotations

import pytest

from benchmarks.comment_screen import FRESH35, load
from shared.pii import MATCHING_PLACEHOLDERS, find_sensitive_data, refuse_sensitive_data
from shared.pii_words import SOCIAL_WELFARE


def _kinds(text: str) -> set[str]:
    return {f.kind for f in find_sensitive_data(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Vammaispalvelun asiakas.", "health_data"),
        ("Lastensuojelun asiakas.", "family_status"),
        ("Asuu ensikodissa.", "family_status"),
        ("She's having a baby in May.", "health_data"),
        ("Uupui edellisessä työssä.", "health_data"),
        ("Työkokeilu TYKS:n kautta, kuntoutussuunnitelma.", "health_data"),
    ],
)
def test_outside_tester_35s_stored_comments_are_refused_with_their_kind(text, kind):
    assert kind in _kinds(text), (text, _kinds(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the same kinds inflected and in the other languages
        ("Hän on vammaispalveluiden asiakkaana.", "health_data"),
        ("Lastensuojelun asiakkuus jatkuu.", "family_status"),
        ("Muutti ensikotiin keväällä.", "family_status"),
        ("Päihdehuollon asiakkaana vuodesta 2023.", "health_data"),
        ("Sosiaalitoimen asiakas.", SOCIAL_WELFARE),
        ("Saa toimeentulotukea.", SOCIAL_WELFARE),
        ("Elää toimeentulotuella.", SOCIAL_WELFARE),
        ("Familjen är klient hos socialen.", SOCIAL_WELFARE),
        ("Lever på försörjningsstöd.", SOCIAL_WELFARE),
        ("Klient inom missbrukarvården.", "health_data"),
        ("Bor på mödrahem.", "family_status"),
        ("Known to social services.", SOCIAL_WELFARE),
        ("On income support since March.", SOCIAL_WELFARE),
        ("The family is known to child protection.", "family_status"),
        ("Receives disability benefits.", "health_data"),
        ("Uupunut edellisessä työpaikassa.", "health_data"),
        ("Utbränd på förra jobbet.", "health_data"),
        ("Burnt out.", "health_data"),
        ("Rehabiliteringsplan gjord.", "health_data"),
        ("Rehabilitation plan agreed with the clinic.", "health_data"),
        ("They're having a baby in the spring.", "health_data"),
        ("She's due in May.", "health_data"),
        ("Hon ska föda i maj.", "health_data"),
        ("Ska ha barn i maj.", "health_data"),
        ("She is due next month.", "health_data"),
        ("Her baby is due in the spring.", "health_data"),
        ("Äitiysvapaalle keväällä.", "health_data"),
        ("Haluaa lapsia pian.", "family_status"),
        ("Vill skaffa barn snart.", "family_status"),
        ("Planning to start a family.", "family_status"),
        ("Hän on romaanitaustainen.", "ethnic_origin"),
        ("Hon är rom.", "ethnic_origin"),
        ("Sámi, speaks North Sámi at home.", "ethnic_origin"),
    ],
)
def test_the_same_kinds_in_other_forms_and_languages_are_refused(text, kind):
    assert kind in _kinds(text), (text, _kinds(text))


INNOCENT = [
    "Uupumaton työntekijä, aina ajoissa.",
    "Uupumaton ja reipas.",
    "Työskennellyt lastensuojelussa ohjaajana viisi vuotta.",
    "Hän on ollut lastensuojelun sosiaalityöntekijänä.",
    "Sijainen lastensuojelulaitoksessa ohjaajana.",
    "Kokemusta päihdepalveluiden asiakkaiden kanssa.",
    "Ohjannut vammaispalveluiden asiakkaita asumisyksikössä.",
    "Mielenterveyspalveluiden ohjaajana toiminut.",
    "Toimi sosiaalitoimen etuuskäsittelijänä, käsitteli toimeentulotukihakemuksia.",
    "Toimeentulotukikäsittelijä Kelassa kolme vuotta.",
    "Sosionomi, kokemusta aikuissosiaalityöstä.",
    "Haki sosiaalitoimen toimistosihteerin paikkaa.",
    "Tekee kuntoutussuunnitelmia fysioterapeuttina.",
    "Vaihtaa alaa, haluaa kuntoutusalalle.",
    "Haluaa opettaa lapsia.",
    "Asiakaspalvelu sujuu hyvin, asiakkaat kiittelivät.",
    "Ensikertalainen alalla, mutta motivoitunut.",
    "Har arbetat inom barnskyddet som socionom.",
    "Handledare inom missbrukarvården i fem år.",
    "Handläggare för försörjningsstöd i Vasa.",
    "Erfaren inom LSS-boende som stödassistent.",
    "Vill arbeta med barn och unga.",
    "Rom och cola serverades på julfesten, han skötte baren.",
    "Kunde inte börja förrän i maj.",
    "Worked in child protection as a social worker.",
    "Support worker for disability services clients.",
    "Worked for the social services department as an office assistant.",
    "Social services receptionist for two years.",
    "Caseworker handling universal credit claims.",
    "Handles income support applications at the benefits office.",
    "On benefits administration team, payroll experience.",
    "Tireless worker, always on time.",
    "Fluent in Northern Sámi and Finnish.",
    "Puhuu pohjoissaamea ja suomea.",
    "Talar romska och svenska.",
    "Speaks Romani and Finnish.",
    "Kirjoittaa romaania vapaa-ajallaan.",
    "She is due to start in May.",
    "She is due to finish the course in May.",
    "The project is due in May.",
    "She is due at the interview at 10.",
    "She is due on site on Monday.",
    "Hon ska ha barn i gruppen på förskolan.",
    "She is having a look at the contract this week.",
    "They are having a team meeting on Monday.",
    "Has a baby-sitting certificate.",
    "Planning children's activities at the summer camp.",
    "Burned the midnight oil to finish the welding test.",
    "Did time studies for the production line.",
    "Did timekeeping for the site crew.",
]


@pytest.mark.parametrize("text", INNOCENT)
def test_ordinary_work_comments_and_work_in_the_services_pass(text):
    assert _kinds(text) == set(), (text, _kinds(text))


def test_there_are_at_least_thirty_innocent_comments_in_three_languages():
    assert len(INNOCENT) >= 30


@pytest.mark.parametrize(
    ("expected", "language", "text"),
    load(FRESH35),
    ids=[f"{r[0]}-{r[1]}-{i}" for i, r in enumerate(load(FRESH35))],
)
def test_the_session_35_set_reads_as_labelled(expected, language, text):
    kinds = _kinds(text)
    assert (not kinds) if expected == "pass" else expected in kinds, (text, kinds)


def test_the_refusal_names_social_welfare_clienthood_and_a_comment_masks_it():
    from marshmallow import ValidationError

    with pytest.raises(ValidationError, match="social_welfare_client"):
        refuse_sensitive_data("Sosiaalitoimen asiakas, saa toimeentulotukea.")
    assert SOCIAL_WELFARE in MATCHING_PLACEHOLDERS
