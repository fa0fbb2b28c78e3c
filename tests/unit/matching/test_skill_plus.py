"""A suggestion's sentence offering the skill as a plus (``skill_plus.said_as_plus``; outside tester
16, P3)."""

import pytest

from services.matching.index.domain.skill_plus import said_as_plus


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
        "Edellytämme tulityökorttia, trukkikortti on eduksi.",  # both: kept essential, as before
        "Hitsaat MIG-menetelmällä.",
        "",
        None,
    ],
)
def test_a_requirement_or_a_plain_sentence_is_not(sentence):
    assert not said_as_plus(sentence)
