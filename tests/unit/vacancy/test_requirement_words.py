"""Which languages, driving licence and work cards an ad's words name (the vacancy service's
`requirements_unconfirmed` warning; outside tester 23, T5), in Finnish, Swedish and English."""

from __future__ import annotations

import pytest

from services.vacancy.requirement_words import (
    NamedRequirements,
    card_name,
    language_of_skill,
    named_requirements,
)


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


# Outside tester 35, F2: a sentence that required one language and waived another named neither; a
# language the ad counts only as a plus was named as a requirement. Read clause by clause, by the
# rule matching suggests languages by (services.kernel.language_clauses).
@pytest.mark.parametrize(
    ("text", "required", "optional"),
    [
        ("Fluent English required; Finnish is not required.", ("en",), ()),
        ("Sujuva englanti vaaditaan, suomen kieltä ei vaadita.", ("en",), ()),
        ("Svenska krävs, finska inte nödvändigt.", ("sv",), ()),
        ("Suomen kielen taitoa ei vaadita, ruotsi on välttämätön.", ("sv",), ()),
        ("Swedish required, Finnish not needed.", ("sv",), ()),
        ("Fluent English required. Finnish is not required.", ("en",), ()),
        ("Finska är en merit.", (), ("fi",)),
        ("Ruotsin kielen taito on eduksi.", (), ("sv",)),
        ("Suomen kielen taito on eduksi.", (), ("fi",)),
        ("Swedish is a plus.", (), ("sv",)),
        ("Swedish is an advantage.", (), ("sv",)),
        ("Goda kunskaper i svenska, finska är en merit.", ("sv",), ("fi",)),
        # required once any sentence requires it
        ("Finnish is a plus. Fluent Finnish is required.", ("fi",), ()),
    ],
)
def test_languages_are_read_clause_by_clause_required_waived_or_a_plus(text, required, optional):
    named = named_requirements([text])
    assert named.languages == required
    assert named.optional_languages == optional


@pytest.mark.parametrize(
    ("text", "licence", "cards"),
    [
        ("Ajokortti vaaditaan, hygieniapassia ei vaadita.", True, ()),
        ("Hygieniapassi vaaditaan, ajokorttia ei tarvita.", False, ("hygieniapassi",)),
        ("Körkort krävs, truckkort behövs inte.", True, ()),
        ("A forklift licence is required; a driving licence is not needed.", False, ("forklift licence",)),
        ("You can apply without a driving licence.", False, ()),
        ("Ilman ajokorttia pärjää.", False, ()),
        ("Inget körkort krävs.", False, ()),
        ("Körkort är inget krav.", False, ()),
        ("Vi kräver inte hygienpass utan körkort.", True, ()),
    ],
)
def test_a_licence_or_card_waived_in_its_clause_is_not_named_and_the_other_clause_still_is(
    text, licence, cards
):
    named = named_requirements([text])
    assert named.licence is licence
    assert named.cards == cards


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Finnish", "fi"),
        ("speak Swedish", "sv"),
        ("understand written English", "en"),
        ("German", "de"),
        ("welding", None),
    ],
)
def test_an_esco_language_skill_label_gives_its_language(label, code):
    assert language_of_skill(label) == code


@pytest.mark.parametrize(
    ("text", "required", "optional"),
    [
        # outside tester 35b, G6: "useful" is a plus, "X is not enough" no requirement of X, a double negative one
        ("Ruotsin kielen taidosta on hyötyä.", (), ("sv",)),
        ("Finnish is required; English is not enough.", ("fi",), ()),
        ("Sujuva suomi vaaditaan, pelkkä englanti ei riitä.", ("fi",), ()),
        ("Svenska krävs, engelska räcker inte.", ("sv",), ()),
        ("You cannot work here without fluent Finnish.", ("fi",), ()),
        ("Ilman sujuvaa suomea et voi toimia tehtävässä.", ("fi",), ()),
        ("Et voi työskennellä ilman sujuvaa suomea.", ("fi",), ()),
        ("Utan svenska kan du inte jobba här.", ("sv",), ()),
        ("You can apply without Finnish, but you cannot start before May.", (), ()),
        ("Englanti riittää.", ("en",), ()),
    ],
)
def test_tester35b_useful_not_enough_and_a_double_negative(text, required, optional):
    named = named_requirements([text])
    assert (named.languages, named.optional_languages) == (required, optional)
