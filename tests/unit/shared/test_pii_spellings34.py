"""Identity codes in other spellings, look-alike characters, letters typed apart and skin colour in the
privacy screens (``shared.pii``; outside tester 34, F3 and F5: each of these was stored)."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from shared.pii import (
    CHECK_CHARACTERS,
    ETHNIC_ORIGIN,
    HEALTH,
    IDENTITY_CODE,
    PHONE,
    find_identifiers,
    find_sensitive_data,
    identifier_holds_personal_data,
    mask,
    refuse_identifiers,
    refuse_identity_codes,
    refuse_sensitive_data,
)
from tests.helpers import TESTER34_IDENTITY_SPELLINGS


def code(birth: str, sign: str, number: str) -> str:
    """An identity code with its right check character (DVV's mod-31 rule)."""
    return f"{birth}{sign}{number}{CHECK_CHARACTERS[int(birth + number) % 31]}"


#: What tester 34 stored in an outcome comment, a vacancy's description, a jobseeker's name and a rating.
TESTER_SPELLINGS = list(TESTER34_IDENTITY_SPELLINGS)


def spellings(birth: str, sign: str, number: str) -> list[str]:
    """The same code with spaces beside its century sign, another separator, or its birth date apart."""
    check = code(birth, sign, number)[-1]
    d, m, y = birth[:2], birth[2:4], birth[4:]
    return [
        f"{birth} {sign}{number}{check}",
        f"{birth}{sign} {number}{check}",
        f"{birth} {sign} {number}{check}",
        f"{birth}/{number}{check}",
        f"{birth}.{number}{check}",
        f"{birth}:{number}{check}",
        f"{d} {m} {y}{sign}{number}{check}",
        f"{d}-{m}-{y} {sign} {number}{check}",
        f"{birth}{sign}{number} {check}" if check.isalpha() else f"{birth} {sign}{number}{check}",
    ]


GENERATED = [
    text
    for birth, number, signs in (
        ("131052", "308", "-UVWXY+"),
        ("150307", "123", "ABCDEF"),
        ("241275", "051", "-"),
    )
    for sign in signs
    for text in spellings(birth, sign, number)
]


@pytest.mark.parametrize("text", TESTER_SPELLINGS + GENERATED)
def test_an_identity_code_with_spaces_or_another_separator_is_refused_by_every_identifier_screen(text):
    for written in (text, f"Aino Virtanen {text}", f"hetu: {text}, soittaa huomenna"):
        assert [f.kind for f in find_identifiers(written)] == [IDENTITY_CODE], written
        for screen in (refuse_identifiers, refuse_identity_codes, refuse_sensitive_data):
            with pytest.raises(ValidationError):
                screen(written)
    assert identifier_holds_personal_data(text.replace(" ", ""))
    assert mask(f"Hetu {text}.") == "Hetu [henkilötunnus]."


@pytest.mark.parametrize(
    "text",
    [
        # dates, times and periods
        "Aloittaa 13.10.2026 - 1500 €/kk",
        "ajalla 1.12.2025 - 31.12.2025",
        "Työaika 7.00 - 15.30, 37,5 h/vk",
        "Haastattelu 13.10. klo 12.15 - 13.00",
        "Kesätyö 01 06 26 - 31 08 26",
        # order, case and product numbers
        "tilaus 20261201-001",
        "Tilausnumero 131052 / 3084",  # the check character is not right: no identity code
        "Tuote 131052.308X",
        "Viite 13 10 52-308U",
        "ISO 9001:2015",
        "SFS-EN ISO 9606-1 135 P BW",
        # postcodes and amounts
        "Tampere 33100, Hervanta 33720",
        "Palkka 2 800 €/kk",
    ],
)
def test_dates_order_numbers_postcodes_and_amounts_still_pass(text):
    assert find_identifiers(text) == []
    refuse_identity_codes(text)
    refuse_identifiers(text)


@pytest.mark.parametrize("text", ["puh. 040 123 4567", "p. 050-123 4567", "+358 40 123 4567", "09 1234 5678"])
def test_a_phone_number_is_a_phone_number_and_passes_a_vacancys_description(text):
    """A job ad may name the employer's contact person's number; it is no identity code."""
    assert [f.kind for f in find_identifiers(text)] == [PHONE]
    refuse_identity_codes(f"Lisätietoja: työnjohtaja Matti Mäkinen, {text}.")


@pytest.mark.parametrize(
    "text",
    [
        "Puh 04O1234567",  # a letter O for a zero
        "Puh O4O 123 4567",
        "soita 04o-1234567",
        "puh. 040 l23 4567",  # a letter l for a one
    ],
)
def test_letters_typed_for_digits_in_a_phone_number_are_read_as_digits(text):
    assert [f.kind for f in find_sensitive_data(text)] == [PHONE]


def test_a_letter_for_a_digit_in_an_identity_code_is_read_as_the_digit():
    assert [f.kind for f in find_identifiers("hetu 131052-3O8T")] == [IDENTITY_CODE]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Asiakas on r\u0430skaana", HEALTH),  # Cyrillic а
        ("Asiakas on r\u0430\u0455k\u0430\u0430n\u0430", HEALTH),  # Cyrillic а and ѕ
        ("Hän on musl\u0456mi", "religion"),  # Ukrainian і
        ("Hon är gr\u0430vid", HEALTH),
        ("She is pr\u0435gnant", HEALTH),  # Cyrillic е
        ("Käyttää pyörätu\u03bflia", HEALTH),  # Greek ο
        ("r\u03b1sk\u03b1\u03b1n\u03b1 on", HEALTH),  # Greek α
        ("puh. 04\u041e 123 4567", PHONE),  # Cyrillic О for a zero
    ],
)
def test_look_alike_characters_of_another_script_are_read_as_the_letters_they_imitate(text, kind):
    found = find_sensitive_data(text)
    assert [f.kind for f in found] == [kind], found
    with pytest.raises(ValidationError):
        refuse_sensitive_data(text)


@pytest.mark.parametrize("text", ["Ольга Петрова, работала сварщиком", "Ελένη, μάγειρας", "Nguyễn Thị Minh"])
def test_words_of_another_script_are_not_read_as_latin(text):
    assert find_sensitive_data(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Asiakas on R A S K A A N A", "R A S K A A N A"),
        ("Asiakas on r-a-s-k-a-a-n-a.", "r-a-s-k-a-a-n-a"),
        ("Hon är g r a v i d", "g r a v i d"),
        ("He is p.r.e.g.n.a.n.t", "p.r.e.g.n.a.n.t"),
        ("Hän on m u s l i m i", "m u s l i m i"),
    ],
)
def test_a_word_typed_with_its_letters_apart_is_read_as_the_word(text, found):
    [finding] = find_sensitive_data(text)
    assert text[finding.start : finding.end] == found


@pytest.mark.parametrize(
    "text",
    ["Ajokortit A B C D", "Ajokortti C 2025", "Osasto B, huone 3", "Vuorot A / B / C", "K U L J E T U S"],
)
def test_letters_apart_that_spell_no_listed_word_pass(text):
    assert [f.kind for f in find_sensitive_data(text) if f.kind not in (PHONE, "street_address")] == []


@pytest.mark.parametrize(
    "text",
    [
        "He is black",
        "She is black and speaks good Finnish.",
        "The candidate is white",
        "A black man, good welder",
        "Han är svart",
        "Hon är mörkhyad, talar bra finska",
        "En svart kvinna sökte jobbet",
        "Hän on musta",
        "Hän on musta, puhuu hyvää suomea.",
        "Hän on tumma ja puhuu hyvää suomea",
        "Musta mies kävi haastattelussa",
        "He ovat mustia",
        "Hakija on valkoihoinen",
    ],
)
def test_skin_colour_said_of_the_person_is_ethnic_origin(text):
    assert ETHNIC_ORIGIN in {f.kind for f in find_sensitive_data(text)}, text
    with pytest.raises(ValidationError, match="ethnic_origin"):
        refuse_sensitive_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Juo mustaa kahvia tauolla",
        "musta kahvi",
        "Auto on musta, farmari",
        "Hän on musta vyö judossa",
        "Hänellä on musta vyö",
        "Han kör en svart bil",
        "svart bil, körkort B",
        "He is a black belt in judo",
        "She is white-collar by background, now in logistics",
        "Black belt, karate",
        "Työvaatteet: mustat housut ja valkoinen paita",
        "Hon var vit i ansiktet efter nattpasset",
    ],
)
def test_a_colour_of_a_thing_or_a_belt_passes(text):
    assert [f for f in find_sensitive_data(text) if f.kind == ETHNIC_ORIGIN] == [], text
