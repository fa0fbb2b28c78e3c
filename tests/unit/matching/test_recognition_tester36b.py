"""Outside tester 36b, J2: a qualification named only as an alternative or as the field's own ("tai
vastaava koulutus", "alan koulutus", "tai muuta soveltuvaa koulutusta", "eller motsvarande utbildning",
"or equivalent training") names no skill; it gave up to twelve skills of *delivering training*, flagged
essential (issue 12, session 36b, helper `recog36b`). The trade named beside it is still read.

J3: a licence, registration or permit in new wordings names the trade's qualification or nothing, never
licensing administration ("licence number on request" gave *correspond with licence applicants* 0.50, a
work permit *arrange permits* 0.51). J5: when a shift starts or ends, or a condition "before the start",
names nothing ("You start each day at 7" gave *collaborate in company's daily operations* 0.42, "päättyy
klo 14" *carry out end of day accounts*); the duty beside it is still read."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE
from services.matching.index.domain.recognition_text import (
    without_clock_times,
    without_equivalent_training,
    without_start_terms,
)

pytestmark = pytest.mark.usefixtures("esco_recognizer")

TRAINING_WORDS = ("training", "education", "teach", "instruct", "coach")


def confident_labels(recognizer, text, lang=None):
    return {
        r.label("en") for r in recognizer.recognise(text, top_k=10, lang=lang) if r.score >= CONFIDENT_SCORE
    }


EQUIVALENT = [
    # the tester's inputs
    ("Lähihoitajan tutkinto tai vastaava koulutus.", "fi"),
    ("Edellytämme kokin ammattitutkintoa tai muuta soveltuvaa koulutusta.", "fi"),
    ("Alan koulutus on eduksi.", "fi"),
    ("Elintarvikealan perustutkinto tai vastaava koulutus.", "fi"),
    ("Vocational qualification in cleaning or equivalent training.", "en"),
    ("Undersköterskeexamen eller motsvarande utbildning.", "sv"),
    # the same kind in other wordings
    ("Edellytämme tehtävään soveltuvaa koulutusta.", "fi"),
    ("Sinulla on alan tutkinto tai vastaava koulutus.", "fi"),
    ("Logistiikan perustutkinto tai muu vastaava koulutus.", "fi"),
    ("Vi söker dig med barnskötarexamen eller annan lämplig utbildning.", "sv"),
    ("Utbildning inom branschen är meriterande.", "sv"),
    ("A vocational qualification in logistics or other relevant education.", "en"),
    ("Training in the field is an advantage.", "en"),
]


@pytest.mark.parametrize(("text", "lang"), EQUIVALENT)
@pytest.mark.parametrize("given", [True, False])
def test_an_equivalent_or_field_training_names_no_training_skill(esco_recognizer, text, lang, given):
    found = confident_labels(esco_recognizer, text, lang if given else None)
    assert not {label for label in found if any(w in label.lower() for w in TRAINING_WORDS)}, found


@pytest.mark.parametrize(
    "text",
    [
        "Lähihoitajan tutkinto tai vastaava koulutus.",
        "Edellytämme kokin ammattitutkintoa tai muuta soveltuvaa koulutusta.",
        "Vocational qualification in cleaning or equivalent training.",
    ],
)
def test_the_trade_beside_the_alternative_is_still_read(esco_recognizer, text):
    without = text.replace(" tai vastaava koulutus", "").replace(" tai muuta soveltuvaa koulutusta", "")
    without = without.replace(" or equivalent training", "")
    assert confident_labels(esco_recognizer, text) == confident_labels(esco_recognizer, without)


@pytest.mark.parametrize(
    "text",
    [
        "Sähkö- ja automaatioalan perustutkinto katsotaan eduksi.",  # "automaatioalan": a field named
        "Järjestät koulutusta asiakkaille.",  # training as the work itself
        "You provide training to new staff.",
        "Aiempaa koulutusta ei tarvita, perehdytämme sinut.",
    ],
)
def test_a_named_field_or_training_as_work_is_kept(text):
    assert without_equivalent_training(text) == text


def test_training_as_the_work_is_still_read(esco_recognizer):
    found = confident_labels(
        esco_recognizer, "Suunnittelet ja toteutat koulutustapahtumia asiakkaille.", "fi"
    )
    assert any("training" in label.lower() for label in found), found


# -- J3: licences, registrations and permits ------------------------------------------------------------

ADMINISTRATION_WORDS = ("licen", "permit", "registration", "register", "clearance", "regulation", "legal")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the tester's inputs
        ("Licensed practical nurse (LPN), licence number on request.", "en"),
        ("Edellytämme Valviran myöntämää oikeutta toimia laillistettuna ammattihenkilönä.", "fi"),
        ("Registration with Valvira is required before the start.", "en"),
        ("Edellytämme sähköpätevyyttä S2 ja Tukesin rekisteröintiä.", "fi"),
        ("A valid work permit and security clearance are required.", "en"),
        ("Vi kräver legitimation från Socialstyrelsen eller Valvira.", "sv"),
        ("I hold a valid Valvira licence as a practical nurse.", "en"),
        # the same kind in other wordings
        ("Sinulla on oltava voimassa oleva työlupa Suomessa.", "fi"),
        ("Edellytämme turvallisuusselvitystä ennen työn aloitusta.", "fi"),
        ("Du har arbetstillstånd och legitimationsnummer.", "sv"),
        ("Please include your Valvira registration number.", "en"),
        ("Oikeus toimia terveydenhuollon ammattihenkilönä edellytetään.", "fi"),
    ],
)
@pytest.mark.parametrize("given", [True, False])
def test_a_licence_registration_or_permit_names_no_administration(esco_recognizer, text, lang, given):
    found = confident_labels(esco_recognizer, text, lang if given else None)
    electrical = {"electrical safety regulations", "comply with electrical safety regulations"}
    wrong = {label for label in found - electrical if any(w in label.lower() for w in ADMINISTRATION_WORDS)}
    assert not wrong, found


@pytest.mark.parametrize(
    "text",
    [
        "Licensed practical nurse (LPN), licence number on request.",
        "I hold a valid Valvira licence as a practical nurse.",
        "Practical nurse qualification required.",
    ],
)
def test_a_practical_nurses_licence_names_the_practical_nurses_skill(esco_recognizer, text):
    found = confident_labels(esco_recognizer, text, "en")
    assert "provide basic support to patients" in found, found
    assert "support nurses" not in found, found


def test_the_s2_qualification_beside_a_registration_is_still_read(esco_recognizer):
    found = confident_labels(
        esco_recognizer, "Edellytämme sähköpätevyyttä S2 ja Tukesin rekisteröintiä.", "fi"
    )
    assert "comply with electrical safety regulations" in found


def test_a_hot_work_permit_is_still_the_card(esco_recognizer):
    found = confident_labels(esco_recognizer, "Tulityölupa ja hot work permit vaaditaan.", "fi")
    assert "perform first fire intervention" in found


def test_applying_for_permits_as_the_work_is_still_read(esco_recognizer):
    found = confident_labels(esco_recognizer, "Hanki tarvittavat luvat ja hoida lupahakemukset.", "fi")
    assert any("licen" in label or "permit" in label for label in found), found


# -- J5: when a shift starts or ends ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vuorosi alkaa klo 5.30 ja päättyy klo 14.",
        "Työvuoro alkaa klo 14.",
        "Skiftet börjar kl. 6 och slutar klockan 14.",
        "Your shift ends at 2 pm.",
        "You start each day at 7.",
        "before the start",
        "ennen työn aloitusta",
    ],
)
def test_a_shift_start_or_end_is_no_text(text):
    assert not any(ch.isalpha() for ch in without_clock_times(without_start_terms(text)).replace("and", ""))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vuorosi alkaa klo 5.30 ja päättyy klo 14.", "fi"),
        ("Skiftet börjar kl. 6 och slutar klockan 14.", "sv"),
        ("Your shift starts at 6 and ends at 2 pm.", "en"),
    ],
)
@pytest.mark.parametrize("given", [True, False])
def test_a_shift_start_or_end_names_nothing(esco_recognizer, text, lang, given):
    assert not confident_labels(esco_recognizer, text, lang if given else None)


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (
            "You start each day at 7 by checking the forklift and loading the morning trucks.",
            "operate forklift",
            {"inspect clocks", "collaborate in company's daily operations"},
        ),
        (
            "Your shift ends at 2 pm and you clean the kitchen.",
            "clean kitchen equipment",
            {"carry out end of day accounts", "inspect clocks"},
        ),
    ],
)
def test_the_duty_beside_a_shift_time_is_still_read(esco_recognizer, text, expected, not_expected):
    found = confident_labels(esco_recognizer, text, "en")
    assert expected in found
    assert not found & not_expected, found


@pytest.mark.parametrize(
    "text",
    [
        "Projektin työt alkavat rakennuksen purkamisella.",  # a start with the work after it
        "The day ends with cleaning the kitchen.",
    ],
)
def test_a_start_with_work_after_it_is_kept(text):
    assert without_start_terms(text) == text


# -- J4: duties misread ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Työvuoro alkaa klo 14 ja tehtäviisi kuuluu asukkaiden iltapalan valmistus.",
        "Aamupalan ja iltapalan valmistus kuuluu tehtäviin.",
    ],
)
def test_a_meal_of_the_day_is_food_preparation_not_manufacturing(esco_recognizer, text):
    results = esco_recognizer.recognise(text, top_k=10, lang="fi")
    found = confident_labels(esco_recognizer, text, "fi")
    assert not {label for label in found if "manufacturing" in label or "shifts" in label}, found
    assert any("prepar" in r.label("en") or "meal" in r.label("en") for r in results[:3])


@pytest.mark.parametrize("lang", ["sv", None])
def test_setting_tiles_is_laying_tiles(esco_recognizer, lang):
    assert "lay tiles" in confident_labels(esco_recognizer, "Du lägger golv och sätter kakel i badrum.", lang)


def test_a_hyphenated_field_is_named():
    text = "Putkimies • LVI-alan tutkinto tai vastaava kokemus"  # "LVI-alan": the field is named
    assert without_equivalent_training(text) == text
