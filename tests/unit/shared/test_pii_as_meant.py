"""`shared.pii.as_meant`: the comment screen's reading of text as the person meant it, for other screens
(the vacancy's ad-limit warning; outside tester 35b, G3)."""

import pytest

from shared.pii import as_meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("aIle 30-vuotiasta", "alle 30-vuotiasta"),  # a capital I for l
        ("a l l e 30-vuotiasta", "alle 30-vuotiasta"),  # letters apart
        ("alle 30\u2011vuotiasta", "alle 30-vuotiasta"),  # a non-breaking hyphen
        ("alle 3\u200b0-vuotiasta", "alle 30-vuotiasta"),  # a zero-width space
        ("r\u0430skaana", "raskaana"),  # a Cyrillic а
    ],
)
def test_a_disguised_spelling_is_read_as_meant(typed, meant):
    assert as_meant(typed) == meant


@pytest.mark.parametrize(
    "text", ["ICT ja IT-tuki", "Ilmoittaudu viimeistään perjantaina.", "VoIP-puhelin", "Ajokortti C 2025", ""]
)
def test_ordinary_text_is_left_as_it_is(text):
    assert as_meant(text) == text
