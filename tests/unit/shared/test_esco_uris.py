"""ESCO URIs written in harmless variants resolve to the published form; unknown ones name the version."""

import pytest

from shared.reference import UnknownConceptError, esco_catalogue

ESCO = esco_catalogue()
WELD = "http://data.europa.eu/esco/skill/2ee57de4-bffd-4194-b009-0060edec77cc"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
NOT_IN_V111 = "http://data.europa.eu/esco/skill/0b1e7a2c-9d2f-4c8e-8a51-3f6d2b7c9e10"


def test_the_catalogue_knows_its_esco_version():
    assert ESCO.version == "v1.1.1"


@pytest.mark.parametrize(
    "text",
    [
        WELD,
        WELD.replace("http://", "https://"),
        WELD.upper().replace("HTTP://DATA.EUROPA.EU/ESCO/SKILL/", "http://data.europa.eu/esco/skill/"),
        WELD.upper(),
        WELD + "/",
        f"  <{WELD}>  ",
        WELD.removeprefix("http://"),
        "2EE57DE4-BFFD-4194-B009-0060EDEC77CC",
        "https://esco.ec.europa.eu/en/classification/skills?uri=http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2F"
        "2ee57de4-bffd-4194-b009-0060edec77cc",
    ],
)
def test_harmless_variants_of_a_skill_uri_resolve_to_the_published_uri(text):
    assert ESCO.resolve(text, "skill") == WELD


def test_an_occupation_given_as_a_skill_is_named_as_such():
    with pytest.raises(UnknownConceptError, match="occupation URI; an ESCO skill URI is expected"):
        ESCO.resolve(WELDER, "skill")


def test_a_skill_unknown_to_this_version_names_the_version_the_service_speaks():
    with pytest.raises(UnknownConceptError, match=r"not in ESCO v1\.1\.1"):
        ESCO.resolve(NOT_IN_V111, "skill")


def test_text_that_is_no_esco_uri_says_what_is_expected():
    with pytest.raises(UnknownConceptError, match=r"expected http://data\.europa\.eu/esco/skill/<UUID>"):
        ESCO.resolve("http://example.com/welding", "skill")


def test_the_catalogues_languages_come_from_the_one_list_and_a_missing_language_falls_back_to_english():
    from shared.languages import UI_LANGUAGES
    from shared.reference import labelled

    uri = next(iter(ESCO.skills))
    assert set(ESCO.skills[uri]) <= set(UI_LANGUAGES) and {"en", "fi"} <= set(ESCO.skills[uri])
    assert ESCO.skill_label(uri, "sv") == ESCO.skill_label(uri, "en")  # no Swedish ESCO labels in data/ yet
    # Swedish labels are a data change: a preferredLabel_sv column is read with no code change
    with_sv = labelled(
        ["s:1", "s:2"],
        {"en": ["weld", "cook"], "fi": ["hitsata", ""], "sv": ["svetsa", ""], "xx": ["?", "?"]},
    )
    assert with_sv == {"s:1": {"fi": "hitsata", "sv": "svetsa", "en": "weld"}, "s:2": {"en": "cook"}}
