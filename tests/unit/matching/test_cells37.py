"""Outside tester 37, K4: cell values as Finnish and Swedish Excel write them (``services.matching.team.cells``)."""

import pytest

from services.matching.team.cells import decimal_number, error_reasons, excel_error, yes_no


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("TOSI", True), ("EPÄTOSI", False), ("epätosi", False), ("SANT", True), ("FALSKT", False),
        ("TRUE", True), ("FALSE", False), (" Kyllä ", True), ("ei", False), ("ja", True), ("nej", False),
        ("x", True), ("", False), ("1", True), ("0", False),
    ],
)  # fmt: skip
def test_yes_and_no_in_every_language_and_as_each_excel_writes_a_boolean(text, meant):
    assert yes_no(text) is meant


@pytest.mark.parametrize("text", ["maybe", "#N/A", "#PUUTTUU!", "2", "tosi?", "VERUM"])
def test_anything_else_is_neither_yes_nor_no(text):
    assert yes_no(text) is None


@pytest.mark.parametrize(
    "text",
    ["#N/A", "#PUUTTUU!", "#SAKNAS!", "#DIV/0!", "#JAKO/0!", "#DIVISION/0!", "#VALUE!", "#ARVO!", "#VÄRDEFEL!",
     "#REF!", "#VIITTAUS!", "#NAME?", "#NIMI?", "#NUM!", "#LUKU!", "#NULL!", "#TYHJÄ!", "#SPILL!", " #N/A "],
)  # fmt: skip
def test_excel_error_values_of_english_finnish_and_swedish_excel_are_recognised(text):
    assert excel_error(text) == text.strip()


@pytest.mark.parametrize("text", ["", "#1", "Kurssi #3", "C#", "#hashtag", "N/A", "PUUTTUU"])
def test_text_that_is_no_error_value_is_none(text):
    assert excel_error(text) is None


def test_error_reasons_name_each_column_holding_one():
    found = error_reasons({"online": "#PUUTTUU!", "length_weeks": "12,5", "level": "#DIV/0!"})
    assert set(found) == {"online", "level"}
    assert found["online"].startswith("online: ") and "#PUUTTUU!" in found["online"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", 12.5), ("12.5", 12.5), ("4", 4.0), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5),
        ("1\u202f234,5", 1234.5), ("1\u2009234", 1234.0), ("-3,25", -3.25), ("\u22123", -3.0), (" 8 ", 8.0),
    ],
)  # fmt: skip
def test_numbers_with_a_decimal_comma_and_digit_groups_as_finnish_excel_writes_them(text, value):
    assert decimal_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "50 %", "50%", "1 23", "12,5,1", "#DIV/0!", "1e3", "inf", "nan", "12 viikkoa"]
)
def test_what_is_no_plain_number_is_none_not_a_guess(text):
    assert decimal_number(text) is None
