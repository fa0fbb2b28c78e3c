"""The one identifier check of short text fields (``shared.pii.find_identifiers``, outside tester 24,
T3) and the shape of a staff member's name (``staff_name_shape``, T1)."""

from __future__ import annotations

import unicodedata

import pytest
from marshmallow import ValidationError

from shared.pii import (
    CHECK_CHARACTERS,
    find_identifiers,
    iban_is_valid,
    mask,
    refuse_identifiers,
    staff_name_shape,
)


def code(birth: str, sign: str, number: str) -> str:
    return f"{birth}{sign}{number}{CHECK_CHARACTERS[int(birth + number) % 31]}"


@pytest.mark.parametrize("sign", list("-UVWXYABCDEF+"))
def test_every_century_sign_is_an_identity_code(sign):
    text = f"Aino {code('131052', sign, '308')}"
    assert [f.kind for f in find_identifiers(text)] == ["personal_identity_code"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("FI21 1234 5600 0007 85", "iban"),
        ("fi2112345600000785", "iban"),
        ("DE89 3704 0044 0532 0130 00", "iban"),
        ("soita 040 123 4567", "phone"),
        ("aino@example.fi", "email"),
    ],
)
def test_identifiers_are_found(text, kind):
    assert [f.kind for f in find_identifiers(text)] == [kind]
    with pytest.raises(ValidationError):
        refuse_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Aino Virtanen",
        "Hitsaaja (MIG/MAG) 2 kpl",
        "Kesätyö 1.6.2026-31.8.2026",
        "SFS 6002",
        "FI21 1234 5600 0007 86",  # a wrong IBAN check: not an account number
        "ABCD1234EFGH5678",
        "Koivukuja 3, 33100 Tampere",  # an address field holds one by right
    ],
)
def test_ordinary_short_texts_pass(text):
    assert find_identifiers(text) == []
    refuse_identifiers(text)


def test_an_iban_is_masked_in_each_language():
    assert iban_is_valid("FI21 1234 5600 0007 85") and not iban_is_valid("FI21 1234 5600 0007 86")
    assert mask("Tili FI21 1234 5600 0007 85.", "fi") == "Tili [tilinumero]."
    assert mask("Account FI21 1234 5600 0007 85.", "en") == "Account [account number]."


@pytest.mark.parametrize(
    "name",
    ["Mirja Salminen", "opettaja@tredu", "coach@tampere-tyollisyys", "J. R. Smith", "Anna-Liisa O'Brien",
     unicodedata.normalize("NFD", "Sjöholm"), "李小龙", "a_b"],
)  # fmt: skip
def test_a_staff_name_or_user_id_has_the_shape(name):
    staff_name_shape(name)


@pytest.mark.parametrize(
    "value", ["Mirja 0401234567", "Mirja ０４０", "u12", "", " Mirja", "Mirja, diabetes", "a-", "x" * 101]
)
def test_anything_else_does_not(value):
    with pytest.raises(ValidationError):
        staff_name_shape(value)
