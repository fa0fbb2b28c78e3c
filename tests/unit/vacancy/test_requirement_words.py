"""Which languages, driving licence and work cards an ad's words name (the vacancy service's
`requirements_unconfirmed` warning; outside tester 23, T5), in Finnish, Swedish and English."""

from __future__ import annotations

import pytest

from services.vacancy.requirement_words import NamedRequirements, named_requirements


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
