"""A suggestion's sentence offering the skill as a plus (``skill_plus.said_as_plus``; outside tester
16, P3)."""

import pytest

from services.matching.index.domain.skill_plus import Parts, parts, said_as_plus


@pytest.mark.parametrize(
    "sentence",
    [
        "Trukkikortti katsotaan eduksi.",
        "Anniskelupassi on eduksi.",
        "A forklift licence is a plus.",
        "Truckkort är meriterande.",
        "Hygieniapassi on toivottava.",
    ],
)
def test_a_plus_in_the_ad_is_a_plus(sentence):
    assert said_as_plus(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Edellytämme voimassa olevaa hygieniapassia.",
        "Trukkikortti vaaditaan.",
        "Edellytämme tulityökorttia, trukkikortti on eduksi.",  # both: its clauses decide (`parts`)
        "Hitsaat MIG-menetelmällä.",
        "",
        None,
    ],
)
def test_a_requirement_or_a_plain_sentence_is_not(sentence):
    assert not said_as_plus(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # outside tester 16, P3 (rest): the clause naming the skill says whether it is a plus
        (
            "Edellytämme hygieniapassia, anniskelupassi on eduksi.",
            Parts("Edellytämme hygieniapassia", "anniskelupassi on eduksi."),
        ),
        (
            "Edellytämme hygieniapassia ja tulityökorttia, trukkikortti katsotaan eduksi.",
            Parts("Edellytämme hygieniapassia, tulityökorttia", "trukkikortti katsotaan eduksi."),
        ),
        (  # a list before its plus word goes with it
            "Hygieniapassi ja anniskelupassi ovat eduksi, edellytämme kokemusta.",
            Parts("edellytämme kokemusta.", "Hygieniapassi, anniskelupassi ovat eduksi"),
        ),
        (
            "We require a forklift licence; a hot work licence is a plus.",
            Parts("We require a forklift licence", "a hot work licence is a plus."),
        ),
        (
            "Vi kräver hygienpass, serveringspass är meriterande.",
            Parts("Vi kräver hygienpass", "serveringspass är meriterande."),
        ),
        (  # a condition goes with the plus after it
            "Edellytämme tulityökorttia, jos sinulla on trukkikortti, se on eduksi.",
            Parts("Edellytämme tulityökorttia", "jos sinulla on trukkikortti, se on eduksi."),
        ),
        ("Trukkikortti on eduksi.", None),  # one kind only: the sentence decides
        ("Edellytämme tulityökorttia.", None),
        ("", None),
        (None, None),
    ],
)
def test_a_sentence_naming_both_is_split_into_the_clauses_that_require_and_those_that_offer_a_plus(
    sentence, expected
):
    assert parts(sentence) == expected
