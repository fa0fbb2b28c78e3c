"""Outside tester 36, H10: the short-text rule on combining marks (``shared.text.stacked_marks``, UTS #39 5.4) as
names and file-imported short texts use it, RFC 5321's lengths of an e-mail address, and how a municipality input
was read (``Geography.reading``), which a refusal of two entries naming one municipality names."""

import pytest
from marshmallow import ValidationError

from shared.reference import geography
from shared.schemas import refuse_undeliverable_email, short_text_refusals
from shared.text import MAX_STACKED_MARKS, stacked_marks


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Z" + "\u0336" * 150, ("Z", 150)),
        ("Aino Z" + "\u0336" * 5, ("Z", 5)),
        ("Za" + "\u0301" * 5, ("a", 5)),  # the character under the stack, not the first of its kind
        ("é\u0301", ("e", 2)),  # a composed é and a second acute: the same mark twice
        ("\u0336\u0336x", ("", 2)),  # marks before any character
    ],
)
def test_a_stack_of_marks_is_found_with_the_character_it_stands_on(text, found):
    assert stacked_marks(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Áile Čárdá",
        "Nguyễn Thị Ánh Tuyết",
        "Jääskeläinen",
        "a" + "\u0300\u0301\u0302\u0303",  # four different marks: the most UTS #39 allows
        "שָׁלוֹם",  # Hebrew points
        "राजेश",
        "ສະບາຍດີ",
        "❤️ 1️⃣ 👍🏽 👩‍👩‍👧",
        "",
    ],
)
def test_text_of_any_script_with_a_few_marks_per_character_passes(text):
    assert stacked_marks(text) is None
    assert MAX_STACKED_MARKS == 4


def test_a_course_title_from_a_file_under_a_stack_of_marks_is_refused_as_the_api_refuses_it():
    (reason,) = short_text_refusals("Hitsaus" + "\u0336" * 9)
    assert (
        reason.startswith("Too many accents or other combining marks") and "'s'" in reason and "9" in reason
    )
    assert short_text_refusals("Hitsauksen perusteet, Áile Čárdá") == []


@pytest.mark.parametrize(
    ("email", "why"),
    [
        ("a" * 64 + "@" + ("b" * 60 + ".") * 4 + "fi", "at most 254 octets (RFC 5321): this one has 311"),
        ("a" * 65 + "@example.fi", "before the @ is at most 64 octets (RFC 5321): this one has 65"),
        ("ä" * 33 + "@example.fi", "this one has 66"),
    ],
)
def test_an_email_address_over_rfc_5321s_lengths_is_refused_naming_the_limit_and_its_length(email, why):
    with pytest.raises(ValidationError, match=why.replace("(", r"\(").replace(")", r"\)")):
        refuse_undeliverable_email(email)


@pytest.mark.parametrize(
    "email", ["aino.virtanen@example.fi", "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + ".fi", None]
)
def test_an_email_address_within_the_lengths_passes(email):
    refuse_undeliverable_email(email)


@pytest.mark.parametrize(
    ("given", "reading"),
    [
        ("Ylöjärvi", ("980", "name", None)),
        ("Kuru", ("980", "merged", 2009)),
        ("Birkala", ("604", "swedish", None)),
        ("980", ("980", "code", None)),
        ("KU980", ("980", "code", None)),
        ("099", ("214", "merged", 2021)),
        ("Ohcejohka", ("890", "sami", None)),
        ("Väståboland", ("445", "renamed", 2012)),
        ("Tampereella", ("837", "form", None)),
    ],
)
def test_a_municipality_input_says_how_it_was_read(given, reading):
    assert geography().reading(given) == reading
