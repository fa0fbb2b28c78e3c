"""Outside tester 36, H2: terms of employment, licences to practise and degrees read as skills, and a
trade's duties lost or misread (issue 12, session 36, helper `recog36`).

(a) When the work starts names nothing ("Aloitat työt heti." gave *newborn care* 0.35, "You start at
4 am." *build a fire* 0.36); (b) a licence or registration to practise names the trade's qualification
or nothing, never licensing administration ("Licence from Valvira required." gave *licences
regulation* 0.63, *issue licences* 0.60); (c) a degree names the occupation it qualifies for, not its
field's words ("farmaceutexamen" gave *test pharmaceutical process* 0.57, a university's name
*university procedures* 0.50); (d) dispensing, calculus removal, crowd control, incident reports,
felling and forest machines are read as ESCO's skills of the trade."""

import pytest

from services.matching.index.domain.recognition import CONFIDENT_SCORE
from services.matching.index.domain.recognition_text import without_start_terms

pytestmark = pytest.mark.usefixtures("esco_recognizer")

QUALIFICATION_WEIGHT = 0.5  # a degree's occupation is read at the qualification weight, under this


def confident(recognizer, text, lang=None):
    return [
        (r.label("en"), r.score)
        for r in recognizer.recognise(text, top_k=10, lang=lang)
        if r.score >= CONFIDENT_SCORE
    ]


def labels(recognizer, text, lang=None):
    return {label for label, _ in confident(recognizer, text, lang)}


def central(recognizer, esco, *finnish_labels):
    """The English labels of the central skills of the ESCO occupations of `finnish_labels`."""
    tables = esco.tables
    uris = [
        tables.occupation_uris[list(tables.occupation_labels["fi"]).index(name)] for name in finnish_labels
    ]
    skill_en = dict(zip(tables.skill_uris, tables.skill_labels["en"], strict=True))
    return {skill_en[u] for u in recognizer.central_skills(uris)}


# -- (a) when the work starts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Aloitat työt heti.", "fi"),
        ("Aloitat työt klo 4.", "fi"),
        ("Aloitat työt kello 5.30.", "fi"),
        ("Pääset aloittamaan maaliskuussa.", "fi"),
        ("Aloitus on klo 6.", "fi"),
        ("You start at 4 am.", "en"),
        ("You will start immediately.", "en"),
        ("The job starts in March.", "en"),
        ("You can start on Monday.", "en"),
        ("Du börjar klockan 4 på morgonen.", "sv"),
        ("Du kan börja genast.", "sv"),
        ("Arbetet börjar kl. 6.", "sv"),
    ],
)
@pytest.mark.parametrize("given_lang", [True, False])
def test_when_the_work_starts_names_nothing(esco_recognizer, text, lang, given_lang):
    assert confident(esco_recognizer, text, lang if given_lang else None) == []


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("You can start on Monday and you will bake bread.", "en", "bak"),
        ("Arbetet börjar kl. 6 och du bakar bröd.", "sv", "bread"),
    ],
)
def test_beside_the_start_the_duty_is_read(esco_recognizer, text, lang, word):
    found = labels(esco_recognizer, text, lang)
    assert any(word in label for label in found), found


def test_a_start_with_work_to_do_is_no_term(esco_recognizer):
    """ "Aloitat päivän tarkistamalla koneet" (you start the day by checking the machines) is a task."""
    assert confident(esco_recognizer, "Aloitat päivän tarkistamalla koneet.", "fi")


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Leipurina aloitat työt aamuneljältä ja leivot sämpylöitä.", "leivot sämpylöitä"),
        ("You can start on Monday and you will bake bread.", "you will bake bread"),
        ("Aloitat päivän tarkistamalla koneet.", "Aloitat päivän tarkistamalla koneet"),
        ("Start date: 1 March. Duties: cleaning.", "Duties: cleaning"),
    ],
)
def test_without_start_terms_keeps_the_rest(sentence, kept):
    assert kept in without_start_terms(sentence)


# -- (b) a licence or registration to practise -------------------------------------------------------

ADMINISTRATION = ("licen", "weapon", "politic", "migration", "history")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Licence from Valvira required.", "en"),
        ("Valid licence from Valvira required.", "en"),
        ("A valid Finnish licence to practise is required.", "en"),
        ("Registration with Valvira is required.", "en"),
        ("Legitimation från Valvira krävs.", "sv"),
    ],
)
@pytest.mark.parametrize("given_lang", [True, False])
def test_a_licence_to_practise_alone_names_nothing(esco_recognizer, text, lang, given_lang):
    assert confident(esco_recognizer, text, lang if given_lang else None) == []


@pytest.mark.parametrize(
    ("text", "occupation"),
    [
        ("Licence to practise as a pharmacist in Finland is required.", "proviisori"),
        ("A licence to practise as a physiotherapist.", "fysioterapeutti"),
    ],
)
def test_a_licence_to_practise_as_a_title_names_its_occupation(esco_recognizer, esco, text, occupation):
    found = confident(esco_recognizer, text, "en")
    assert found
    assert all(score < QUALIFICATION_WEIGHT for _, score in found), found
    assert not any(word in label for label, _ in found for word in ADMINISTRATION), found


@pytest.mark.parametrize(
    "text",
    [
        "Registered nurse. Valid licence from Valvira required. You will administer medication and monitor "
        "patients' vital signs.",
        "Dental hygienist wanted for a private clinic in Espoo. You will perform scaling and root planing, take "
        "dental X-rays and give patients oral hygiene instruction. Licence from Valvira required.",
    ],
)
def test_in_an_ad_the_licence_adds_no_licensing_skill(esco_recognizer, text):
    found = labels(esco_recognizer, text, "en")
    assert found
    assert not any("licen" in label for label in found), found


# -- (c) degrees ------------------------------------------------------------------------------------------

PHARMACY_TECHNICIAN = ("farmaseutti, tekniset tehtävät", "farmaseutti, yleiset ja hallinnolliset tehtävät")


@pytest.mark.parametrize(
    ("text", "lang", "occupations"),
    [
        ("Vi förutsätter farmaceutexamen.", "sv", PHARMACY_TECHNICIAN),
        ("Farmaceut (YH) eller farmaceutexamen.", "sv", PHARMACY_TECHNICIAN),
        ("Edellytämme farmaseutin tutkintoa.", "fi", PHARMACY_TECHNICIAN),
        ("Provisorsexamen krävs.", "sv", ("proviisori",)),
        (
            "You have a vocational qualification in forest machine operation.",
            "en",
            ("metsäkoneiden hoitaja",),
        ),
        ("You have a degree in forestry.", "en", ("metsänhoitaja",)),
        (
            "You have a degree in forestry or a vocational qualification in forest machine operation.",
            "en",
            ("metsänhoitaja", "metsäkoneiden hoitaja"),
        ),
    ],
)
def test_a_degree_names_the_occupation_it_qualifies_for(esco_recognizer, esco, text, lang, occupations):
    found = confident(esco_recognizer, text, lang)
    assert found, "the degree names its occupation"
    assert all(score < QUALIFICATION_WEIGHT for _, score in found), found
    allowed = set().union(*(central(esco_recognizer, esco, o) for o in occupations))
    assert {label for label, _ in found} <= allowed, found


def test_farmaceutexamen_is_not_read_as_pharmaceutical_industry(esco_recognizer):
    text = "Vi förutsätter farmaceutexamen och goda kunskaper i svenska och finska."
    found = labels(esco_recognizer, text, "sv")
    assert {"Swedish", "Finnish"} <= found
    assert not any(w in label for label in found for w in ("chemistry", "industry", "test ")), found


def test_the_forestry_vocational_qualification_names_forest_machine_work(esco_recognizer):
    found = labels(esco_recognizer, "Metsäalan perustutkinto ja C-ajokortti ovat eduksi.", "fi")
    assert "operate forestry machinery" in found, found
    assert not any("fire" in label or "strateg" in label for label in found), found


@pytest.mark.parametrize(
    "text",
    [
        "BSc in Nursing, University of Santo Tomas 2014.",
        "Bachelor's degree in nursing, Tampere University 2019.",
        "Registered Nurse (Philippines), BSc in Nursing, University of Santo Tomas 2014.",
    ],
)
def test_a_foreign_degree_with_its_university_names_the_nurse(esco_recognizer, text):
    found = labels(esco_recognizer, text, "en")
    assert found
    assert not any(w in label for label in found for w in ("universit", "pedagog", "teach")), found


def test_a_university_as_a_task_is_still_read(esco_recognizer):
    assert "teach university class" in labels(esco_recognizer, "You will teach at the university.", "en")


# -- (d) the trade's duties -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "skill", "not_skill"),
    [
        (
            "Työhösi kuuluu reseptilääkkeiden toimittaminen.",
            "fi",
            "dispense medicines",
            "prescribe medication",
        ),
        ("Toimitat reseptilääkkeitä apteekissa.", "fi", "dispense medicines", "prescribe medication"),
        ("Du expedierar recept.", "sv", "dispense medicines", "prescribe medication"),
        (
            "Du expedierar recept och ger läkemedelsrådgivning till kunder.",
            "sv",
            "provide pharmaceutical advice",
            "prescribe medication",
        ),
        ("You will dispense prescriptions.", "en", "dispense medicines", "prescribe medication"),
        (
            "Teet hammaskiven poistoa.",
            "fi",
            "remove calculus, plaque and stains",
            "perform reconstructive oral surgery",
        ),
        (
            "You will perform scaling and root planing.",
            "en",
            "remove calculus, plaque and stains",
            "perform reconstructive oral surgery",
        ),
        (
            "Kertoo osaavansa myös järjestyksenvalvonnan.",
            "fi",
            "ensure public safety and security",
            "maintain physical condition of warehouse",
        ),
        (
            "Hoitanut kulunvalvontaa ja tehnyt raportteja tapahtumista.",
            "fi",
            "create incident reports",
            "maintain transaction's reports",
        ),
        ("Etsimme kokenutta hakkuukoneenkuljettajaa harvennus- ja päätehakkuille.", "fi", "fell trees", None),
        (
            "Ajoin Ponsse Ergo -hakkuukonetta ja Buffalo-kuormatraktoria harvennuksilla ja avohakkuilla.",
            "fi",
            "operate forestry machinery",
            None,
        ),
        (
            "Ajoin Ponsse Ergo -hakkuukonetta ja Buffalo-kuormatraktoria harvennuksilla ja avohakkuilla.",
            "fi",
            "fell trees",
            None,
        ),
    ],
)
def test_the_duty_is_read_as_the_trades_skill(esco_recognizer, text, lang, skill, not_skill):
    found = labels(esco_recognizer, text, lang)
    assert skill in found, found
    assert not_skill not in found, found


def test_a_forest_machine_drivers_title_still_names_the_occupation(esco_recognizer):
    """The machine rule reads the machine, not the driver's title: "Metsäkoneenkuljettaja" is read as
    its occupation, as before."""
    found = labels(
        esco_recognizer, "Työkokemus: Metsäkoneenkuljettaja, Metsäpalvelu Korhonen Oy 2015–2024.", "fi"
    )
    assert "operate forestry machinery" in found, found
