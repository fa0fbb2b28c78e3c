"""The phrase readings of a whole ad (language, licence and card requirements, ad limits, negation
scopes) read each sentence only within reach (`MAX_SENTENCE_CHARS`): an ordinary ad reads as before,
a repetitive sentence thousands of characters long is read in its first part (outside tester 36b, J1:
"suomen ja ruotsin kielen taito " × 600 cost 50 CPU-s at a vacancy's POST)."""

from __future__ import annotations

import pytest

from services.kernel.ad_limits import Ground, limits
from services.kernel.negation import negated_spans
from services.kernel.sentences import MAX_SENTENCE_CHARS, within_reach
from services.vacancy.requirement_words import named_requirements
from shared.pii import as_meant

MAX_DESCRIPTION = 20_000


def _repeated(unit: str, chars: int = MAX_DESCRIPTION) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def test_an_ordinary_sentence_is_read_whole() -> None:
    sentence = "Edellytämme sujuvaa suomen kielen taitoa ja B-ajokorttia."
    assert within_reach(sentence) == sentence


@pytest.mark.parametrize("unit", ["suomen ja ruotsin kielen taito ", "a, ", "a"])
def test_a_long_sentence_is_read_only_within_reach(unit: str) -> None:
    read = within_reach(_repeated(unit))
    assert 0 < len(read) <= MAX_SENTENCE_CHARS


def test_a_long_sentence_of_language_names_names_the_languages_its_first_part_names() -> None:
    once = named_requirements(["suomen ja ruotsin kielen taito"])
    assert named_requirements([_repeated("suomen ja ruotsin kielen taito ")]) == once
    assert "sv" in once.languages


@pytest.mark.parametrize(
    "unit",
    [
        "suomen, ruotsin ja englannin kielen taito tai svenska eller finska ",
        "English or Finnish or Swedish, ",
        "ei vaadita suomen kieltä mutta ruotsin kieli ",
        "B-ajokortti ja hygieniapassi, ",
    ],
)
def test_repetitive_requirement_sentences_give_what_their_first_part_gives(unit: str) -> None:
    whole = _repeated(unit)
    assert named_requirements([whole]) == named_requirements([within_reach(whole)])


def test_a_long_sentence_of_ad_limits_warns_each_ground_once() -> None:
    found = limits(_repeated("alle 30-vuotias nainen "), as_meant=as_meant)
    assert [x.ground for x in found] == [Ground.AGE, Ground.SEX]
    assert found == limits("alle 30-vuotias nainen", as_meant=as_meant)


def test_an_ordinary_ad_warns_as_before() -> None:
    text = "Haemme alle 30-vuotiasta myyjää. Hakijan on oltava nainen."
    assert [x.ground for x in limits(text, as_meant=as_meant)] == [Ground.AGE, Ground.SEX]


def test_negation_scopes_start_within_reach() -> None:
    spans = negated_spans(_repeated("ei vaadita kokemusta ja "))
    assert spans
    assert all(s < MAX_SENTENCE_CHARS for s, _ in spans)


def test_an_ordinary_negation_is_read_as_before() -> None:
    sentence = "Suomen kielen taitoa ei vaadita, mutta ruotsin kieli on välttämätön."
    spans = negated_spans(sentence)
    assert any(s <= sentence.index("Suomen") < e for s, e in spans)
    assert not any(s <= sentence.index("ruotsin") < e for s, e in spans)
