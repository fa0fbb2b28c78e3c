"""The vacancy's `requirements_unconfirmed` warning names any language the employer wrote, not only
Finnish, Swedish and English (session 37, brief item 5: "Venäjän kielen taito edellytetään." named
nothing), and a language said to be a bonus or a plus is named as a plus (item 2)."""

from __future__ import annotations

import pytest

from services.vacancy.requirement_words import NamedRequirements, language_of_skill, named_requirements


@pytest.mark.parametrize(
    ("text", "required", "plus"),
    [
        ("Venäjän kielen taito edellytetään.", ("ru",), ()),
        ("Puhut sujuvaa venäjää ja englantia.", ("en", "ru"), ()),
        ("Arabian kielen taito on eduksi.", (), ("ar",)),
        ("Somalin tai arabian kielen taito katsotaan eduksi.", (), ("so", "ar")),
        ("Ranskan ja saksan kielen taito on eduksi.", (), ("fr", "de")),
        ("Suomen kielen taito, ruotsi ja saksa eduksi.", ("fi",), ("sv", "de")),
        ("Asiakaspalvelu venäjäksi ja viroksi.", ("ru", "et"), ()),
        ("Du talar ryska och engelska.", ("en", "ru"), ()),
        ("Vi söker en säljare till Tyskland, tyska krävs.", ("de",), ()),
        ("Fluent Russian required.", ("ru",), ()),
        ("Estonian is a plus.", (), ("et",)),
        ("We need a Polish speaker.", ("pl",), ()),
        ("Kielitaito: suomi, viro.", ("fi", "et"), ()),
        # a plus or a bonus (item 2)
        ("Englanti on hyvä bonus.", (), ("en",)),
        ("Englannin taito on bonus.", (), ("en",)),
        ("Ruotsin kielen taito katsotaan eduksi.", (), ("sv",)),
        ("Svenska är ett plus.", (), ("sv",)),
        ("German is a bonus.", (), ("de",)),
    ],
)
def test_every_language_the_employer_wrote_is_named_as_required_or_a_plus(text, required, plus):
    named = named_requirements([text])
    assert (named.languages, named.optional_languages) == (required, plus)


@pytest.mark.parametrize(
    "text",
    [
        "Polish the floors.",
        "Turkki ja Kiina ovat tärkeitä markkinoitamme.",
        "Ajokortti vaaditaan, kokemus Kiinasta eduksi.",
        "Venäjän markkinoiden tuntemus.",
        "Työskentely Saksassa ja Virossa.",
        "Venäjän kielen taitoa ei vaadita.",
    ],
)
def test_a_country_a_verb_or_a_waived_language_names_no_language(text):
    named = named_requirements([text])
    assert (named.languages, named.optional_languages) == ((), ()), named


def test_the_names_of_finnish_swedish_and_english_are_read_as_before():
    assert named_requirements(
        ["Edellytämme hyvää suomen kielen taitoa ja B-ajokorttia."]
    ) == NamedRequirements(("fi",), True)


@pytest.mark.parametrize(
    ("label", "code"),
    [("Russian", "ru"), ("speak Russian", "ru"), ("understand written Arabic", "ar"), ("Finnish", "fi")],
)
def test_an_esco_skill_of_any_language_confirms_or_clears_it(label, code):
    assert language_of_skill(label) == code
