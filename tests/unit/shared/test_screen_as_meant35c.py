"""Every screen reads text by one normaliser, ``shared.pii.as_meant`` (session 35c, ads35b's decision 1): the
comment screen (``find_sensitive_data``, so ``refuse_sensitive_data`` and the screened free-text fields) and the
identifier checks (``find_personal_data``, so ``refuse_identifiers`` and ``refuse_identity_codes``) read a capital
``I`` typed for ``l`` as the ad-limit warning does, and leave ordinary capitals ("ICT", "VoIP", "Ilmoittaudu")
as they are."""

import pytest
from marshmallow import ValidationError

from shared.pii import (
    as_meant,
    find_identifiers,
    find_sensitive_data,
    refuse_identifiers,
    refuse_identity_codes,
    refuse_sensitive_data,
)


def kinds(text: str) -> set[str]:
    return {f.kind for f in find_sensitive_data(text)}


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        ("Asiakkuus vammaispaIveluissa alkoi keväällä", "health_data"),
        ("Hänellä on aIkoholiongelma", "health_data"),
        ("Hänellä on epiIepsia", "health_data"),
        ("Hänellä on kaksi Iasta", "family_status"),
        ("Hän on eIäkkeellä", "age"),
        ("Hän on eIäkkeeIIä", "age"),
        ("Iaskettu aika on toukokuussa", "health_data"),
        ("On Iastensuojelun asiakas", "family_status"),
        ("Hon har ett aIkoholberoende", "health_data"),
        ("Han har epiIepsi", "health_data"),
        ("He has an aIcohol problem", "health_data"),
        # the capital I together with the other disguises as_typed reads: a zero-width space, a Cyrillic а,
        # letters typed apart
        ("Hänellä on aIko\u200bholiongelma", "health_data"),
        ("Hänellä on \u0430Ikoholiongelma", "health_data"),
        ("Hänellä on a I k o h o l i o n g e l m a", "health_data"),
    ],
)
def test_a_capital_i_typed_for_l_does_not_get_a_special_category_past_the_comment_screen(comment, kind):
    assert kind in kinds(comment)
    with pytest.raises(ValidationError):
        refuse_sensitive_data(comment)


def test_the_comment_screen_reads_a_disguised_word_as_the_ad_warning_reads_it():
    comment = "Asiakkuus vammaispaIveluissa"
    assert kinds(comment) == kinds(as_meant(comment)) == kinds("Asiakkuus vammaispalveluissa")


def test_a_finding_in_a_disguised_word_points_at_the_text_as_written():
    comment = "Hänellä on a\u200bIkoholiongelma."
    [finding] = find_sensitive_data(comment)
    assert comment[finding.start : finding.end].startswith("a\u200bIkoholi")


@pytest.mark.parametrize(
    "comment",
    [
        "ICT-tuki ja IT-tuki sujuvat",
        "VoIP-puhelut ja iPhone tuttuja",
        "Osaa AI-työkalut ja IoT-laitteet",
        "SIM-kortti ja puhelin saatu työnantajalta",
        "Ilmoittaudu kurssille maanantaina",
        "Iso-Britanniassa työskennellyt, Iisalmen toimipiste",
        "Haastattelu sovittu, IT-alan kokemus vahva",
        "Worked with SAP, OLAP and MySQL",
        "Ikäraja ei koske tätä tehtävää",
        "Ian aloittaa IT-tuessa maanantaina",
    ],
)
def test_ordinary_capitals_pass_the_comment_screen_and_read_unchanged(comment):
    assert find_sensitive_data(comment) == []
    assert as_meant(comment) == comment


@pytest.mark.parametrize(
    "text",
    [
        "I31052-308T",
        "13IO52-308T",
        "131052-3O8T",
        "131052\u2011308T",
        "131052-308\u0422",
        "1310\u200b52-308T",
    ],
)
def test_an_identity_code_hidden_by_look_alike_letters_is_refused_in_a_short_field_and_an_ad(text):
    assert [f.kind for f in find_identifiers(text)] == ["personal_identity_code"]
    with pytest.raises(ValidationError):
        refuse_identifiers(text)
    with pytest.raises(ValidationError):
        refuse_identity_codes(f"Hakija {text} aloittaa")


@pytest.mark.parametrize(
    "name", ["Iida Virtanen", "VoIP-asiantuntija", "ICT-tukihenkilö", "iPhone-korjaaja", "Ilkka Iisalo"]
)
def test_names_and_titles_with_capital_i_hold_no_identifier(name):
    assert find_identifiers(name) == []
    refuse_identifiers(name)
