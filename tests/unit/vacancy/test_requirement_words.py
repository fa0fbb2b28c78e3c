"""Which languages, driving licence and work cards an ad's words name (the vacancy service's
`requirements_unconfirmed` warning; outside tester 23, T5), in Finnish, Swedish and English."""

from __future__ import annotations

import pytest

from services.vacancy.requirement_words import NamedRequirements, card_name, named_requirements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We are looking for a practical nurse. Fluent Finnish and a driving licence (B) are required.",
            NamedRequirements(("fi",), True),
        ),
        ("Edellytämme hyvää suomen kielen taitoa ja B-ajokorttia.", NamedRequirements(("fi",), True)),
        (
            "Vi förutsätter goda kunskaper i finska och svenska samt körkort.",
            NamedRequirements(("fi", "sv"), True),
        ),
        ("Puhut suomea ja englantia.", NamedRequirements(("fi", "en"))),
        (
            "Hygieniapassi ja työturvallisuuskortti.",
            NamedRequirements((), False, ("hygieniapassi", "työturvallisuuskortti")),
        ),
        # a country's adjective or the country is no language
        ("Valid Finnish hygiene passport.", NamedRequirements((), False, ("hygiene passport",))),
        ("Työskentely Suomessa.", NamedRequirements()),
        ("Suomen suurin kauppaketju.", NamedRequirements()),
        # what the ad says is not needed
        ("Suomen kielen taitoa ei vaadita.", NamedRequirements()),
        ("Finska krävs inte.", NamedRequirements()),
        ("Finnish is not required. English is a must.", NamedRequirements(("en",))),
        ("", NamedRequirements()),
    ],
)
def test_the_requirements_an_ads_words_name(text, expected):
    assert named_requirements([text]) == expected


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        # outside tester 32, F14: the warning named "trukkikorttia", as the ad inflects it
        ("Edellytämme trukkikorttia ja hygieniapassia.", ("trukkikortti", "hygieniapassi")),
        (
            "Työ edellyttää voimassa olevaa tulityökorttia sekä työturvallisuuskortin.",
            ("tulityökortti", "työturvallisuuskortti"),
        ),
        ("Anniskelupassista on etua.", ("anniskelupassi",)),
        ("Trukkikortti ja trukkikortin uusinta.", ("trukkikortti",)),
        ("Du har hygienpasset och truckkortet i ordning.", ("hygienpass", "truckkort")),
        ("Serveringspasset och arbetarskyddskortet krävs.", ("serveringspass", "arbetarskyddskort")),
        ("A valid Hot  Work Licence and a forklift licence.", ("hot work licence", "forklift licence")),
    ],
)
def test_a_card_is_named_in_its_base_form_whatever_case_the_ad_writes(text, cards):
    assert named_requirements([text]).cards == cards


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Trukkikorttia", "trukkikortti"),
        ("HYGIENIAPASSIN", "hygieniapassi"),
        ("hygiene passport", "hygiene passport"),
    ],
)
def test_card_name_gives_the_base_form(written, name):
    assert card_name(written) == name
