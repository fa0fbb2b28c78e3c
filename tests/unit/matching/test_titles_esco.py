"""Common Finnish and Finland-Swedish job titles name, in the real ESCO taxonomy, the occupation a
recruiter means (outside tester 15, P7 and P6's title; the glossary `data/recognition/job_titles.csv`)."""

from __future__ import annotations

import pytest

from services.matching.index.reference import load_title_glossary, load_title_reader

GENERIC = {"lärare", "montör", "ingenjör"}
"""Swedish glossary titles left to the dense model: a teacher, fitter or engineer of any field (ESCO
has no generic occupation for them, and no one of its occupations is what an ad means)."""


@pytest.fixture(scope="module")
def read(esco):
    reader = load_title_reader(esco, None)  # exact labels and the glossary, no model

    def labels(title: str) -> list[str]:
        return [esco.occupation_label(esco.occupation_uris[t.occupation], "en") for t in reader.read(title)]

    return labels


def test_every_glossary_title_names_an_esco_occupation(read):
    """A glossary entry whose Finnish title was no ESCO label ("hälsovårdare" → terveydenhoitaja,
    "diskare" → tiskaaja) named nothing: the title fell through to the model."""
    unread = [
        (lang, title)
        for lang, title, _ in load_title_glossary()
        # (a `cv-` row is a CV line's title only: tests/unit/matching/test_cv_read_cvread40.py)
        if title not in GENERIC and not lang.startswith("cv-") and not read(title)
    ]
    assert unread == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Yhdistelmäajoneuvon kuljettaja", {"cargo vehicle driver"}),
        ("Ajoneuvoyhdistelmän kuljettaja", {"cargo vehicle driver"}),
        ("CE-kuljettaja", {"cargo vehicle driver"}),
        ("Rekka-auton kuljettaja", {"cargo vehicle driver"}),
        ("Lastbilsförare", {"cargo vehicle driver"}),
        ("Lto", {"early years teacher"}),
        ("Vakalto", {"early years teacher"}),
        ("Varhaiskasvatuksen opettaja (lto)", {"early years teacher"}),
        ("Lärare i småbarnspedagogik", {"early years teacher"}),
        ("Förskollärare", {"early years teacher"}),
        ("Varhaiskasvatuksen erityisopettaja", {"early years special educational needs teacher"}),
        ("Veo", {"early years special educational needs teacher"}),
        ("Sh", {"nurse responsible for general care"}),
        ("Terveydenhoitaja", {"nurse responsible for general care"}),
        ("Hälsovårdare", {"nurse responsible for general care"}),
        ("Lh", {"healthcare assistant"}),
        ("Kylmäkkö", {"cook"}),
        ("Tiskari", {"kitchen porter"}),
        ("Diskare", {"kitchen porter"}),
        ("LVI-asentaja", {"plumber"}),
        ("Puuseppä", {"carpenter", "cabinet maker"}),  # was a blacksmith ("seppä")
        ("Farmaseutti", {"pharmacy technician", "pharmacy assistant"}),
        # ESCO lists these only under a specialist occupation (an alternative label)
        ("Aineenopettaja", {"secondary school teacher"}),  # was the primary school teacher
        ("Ämneslärare", {"secondary school teacher"}),
        ("Rakennusmestari", {"construction general supervisor"}),  # was the building inspector
        ("Lääkäri", {"general practitioner"}),  # was nothing
        ("IT-tukihenkilö", {"ICT help desk agent"}),
        # tester 15's P7 leftovers and their kinds (session 16)
        ("Osastonhoitaja", {"nurse responsible for general care"}),  # was nothing
        ("Apulaisosastonhoitaja", {"nurse responsible for general care"}),  # a compound ending in it
        ("Avdelningsskötare", {"nurse responsible for general care"}),
        ("Terveyskeskuslääkäri", {"general practitioner"}),  # a compound ending in "lääkäri"
        ("Koululääkäri", {"general practitioner"}),
        ("Hälsocentralsläkare", {"general practitioner"}),
        (
            "Kokoonpanija",
            {"industrial machinery assembler", "metal products assembler", "electrical equipment assembler"},
        ),
        (
            "Kokoonpanotyöntekijä",
            {"industrial machinery assembler", "metal products assembler", "electrical equipment assembler"},
        ),
        (
            "Monteringsarbetare",
            {"industrial machinery assembler", "metal products assembler", "electrical equipment assembler"},
        ),
        ("Huoltoasentaja", {"industrial machinery mechanic", "vehicle technician"}),  # was pipelines
        ("Servicemontör", {"industrial machinery mechanic", "vehicle technician"}),
        ("Huoltomies", {"building caretaker"}),
        ("Metsäkoneenkuljettaja", {"forestry equipment operator"}),  # no road driver ("kuljettaja")
        ("Bioanalyytikko", {"biomedical scientist"}),  # was an economic adviser ("analyytikko")
        ("Laboratoriohoitaja", {"biomedical scientist"}),
        ("Kylmäasentaja", {"refrigeration air condition and heat pump technician"}),
        ("Ilmanvaihtoasentaja", {"heating and ventilation service engineer"}),
        ("Mielenterveyshoitaja", {"mental health support worker", "healthcare assistant"}),
        ("Kehitysvammahoitaja", {"disability support worker", "healthcare assistant"}),
        ("Päiväkotiavustaja", {"child day care worker"}),
        ("Vårdbiträde", {"healthcare assistant"}),
        # as ads write them: a substitute's or fixed-term post, gender markers
        ("Sairaanhoitaja (sijaisuus)", {"nurse responsible for general care"}),
        ("Lähihoitaja, määräaikainen", {"healthcare assistant"}),
        ("Undersköterska (vikariat)", {"healthcare assistant"}),
        ("Närvårdare, visstid", {"healthcare assistant"}),
        ("Kokki (m/n/o)", {"cook"}),
    ],
)
def test_a_common_title_names_the_occupation_a_recruiter_means(read, title, expected):
    found = read(title)
    assert found and set(found[: len(expected)]) == expected, found
