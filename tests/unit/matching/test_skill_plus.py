"""A suggestion's sentence offering the skill as a plus (``skill_plus.said_as_plus``; outside tester
16, P3)."""

import pytest

from services.matching.index.domain.recognition_text import readable
from services.matching.index.domain.skill_plus import Parts, is_listed, parts, plus_listed, said_as_plus


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


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # outside tester 19, P1: fi, sv, en, and the other ways ads write the heading
        (
            "Edellytämme:\n- hitsauskokemusta\nEduksi katsotaan:\n- trukkikortti\n- B-ajokortti",
            {"trukkikortti", "B-ajokortti"},
        ),
        (
            "Vi förutsätter:\n- svetsning\nSom merit räknas:\n- truckkort\n- körkort B",
            {"truckkort", "körkort B"},
        ),
        ("Requirements:\n- Java\nNice to have:\n- Kubernetes\n- AWS", {"Kubernetes", "AWS"}),
        ("Lisäksi arvostamme:\n- EA1\nPlussaa:\n- CE-kortti", {"EA1", "CE-kortti"}),
        (
            "Valttia on:\n* CE-kortti\nMeriterande:\n• truckkort\nBonus points for:\n- Go",
            {"CE-kortti", "truckkort", "Go"},
        ),
        ("Ei välttämätön, mutta eduksi:\n- trukkikortti", {"trukkikortti"}),
        # the scope ends at the next heading, whatever it says
        ("Eduksi katsotaan:\n- CE-kortti\nEdellytämme:\n- D-kortti\nTarjoamme:\n- lounas", {"CE-kortti"}),
        # … and at a blank-line section start, not at a blank line inside the list
        (
            "Eduksi katsotaan:\n\n- CE-kortti\n\n- EA1\n\nTyö alkaa heti, kun olet valmis aloittamaan.",
            {"CE-kortti", "EA1"},
        ),
        # an item that says it is required is not a plus
        ("Eduksi katsotaan:\n- CE-kortti\n- hygieniapassi vaaditaan", {"CE-kortti"}),
        # a requirement heading or an inline plus opens no list
        ("Vaatimukset:\n- D-kortti\nEduksi: CE-kortti.\n- EA1", set()),
        ("Edellytämme, eduksi katsotaan myös vaaditaan:\n- D-kortti", set()),
    ],
)
def test_the_items_of_a_list_under_a_plus_heading_are_listed_as_pluses(text, listed):
    assert plus_listed(text) == listed


def test_an_html_list_under_a_plus_heading_ends_with_the_list():
    text = readable(
        "<p>Eduksi katsotaan:</p><ul><li>trukkikortti</li><li>B-ajokortti</li></ul><p>Hyvä</p>"
        "<p>Edellytämme:</p><ul><li>EA1</li></ul>"
    )
    assert plus_listed(text) == {"trukkikortti", "B-ajokortti"}
    assert is_listed("trukkikortti", plus_listed(text)) and not is_listed("Hyvä", plus_listed(text))


def test_valtti_and_meriitti_say_a_plus_but_the_valttikortti_card_does_not():
    """Outside tester 19, P1: "Meriitiksi katsotaan trukkikortti." was essential."""
    assert said_as_plus("Meriitiksi katsotaan trukkikortti.") and said_as_plus("Trukkikortti on valttia.")
    assert not said_as_plus("Sinulla on Valttikortti.")
