"""A job title followed by where, when or for whom (outside tester 23, T4): the title's head noun
decides the occupation, in the real ESCO taxonomy, read as the service reads a vacancy posted with
only a title (skills recognised in the title, the title reader, the engine's inferred occupation).
"Hitsaaja konepajaan" was a laundry supervisor's ad, "Kokki lounasravintolaan" a pizzaiolo's: the
lemmatiser leaves compounds and place names as written, so their case endings were not seen."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.recognition import enrich_vacancy
from services.matching.index.domain.titles import TitleReader
from services.matching.index.reference import load_title_glossary

PLACED = [
    # Finnish: illative, allative, translative, possessive, "meille", a parenthesis, a comma
    ("Hitsaaja konepajaan", "welder"),
    ("Kokki lounasravintolaan", "cook"),
    ("Hitsaaja telakalle", "welder"),
    ("Sairaanhoitaja tiimiimme", "nurse responsible for general care"),
    ("Lähihoitaja meille", "healthcare assistant"),
    ("Siivooja Tampereelle", "building cleaner"),
    ("Kokki kesäksi", "cook"),
    ("Kokki Leville talvikaudeksi", "cook"),
    ("Lähihoitaja vakituiseen työsuhteeseen", "healthcare assistant"),
    ("Siivooja osa-aikaiseen työsuhteeseen", "building cleaner"),
    ("Lähihoitaja palvelutaloon Lahteen", "healthcare assistant"),
    ("Lastenhoitaja päiväkotiimme", "child care worker"),
    ("Parturi-kampaaja liikkeeseemme", "hairdresser"),
    ("Luokanopettaja sijaisuuteen", "primary school teacher"),
    ("Myyjä kauppaamme", "sales assistant"),
    ("Myyjä (osa-aikainen)", "sales assistant"),
    ("Hitsaaja (määräaikainen)", "welder"),
    ("Sairaanhoitaja, vakituinen", "nurse responsible for general care"),
    ("Varhaiskasvatuksen opettaja päiväkotiin", "early years teacher"),
    # Swedish and English
    ("Svetsare till verkstad i Vasa", "welder"),
    ("Kock till lunchrestaurang", "cook"),
    ("Säljare till vår butik", "sales assistant"),
    ("Welder for a machine shop", "welder"),
    ("Cook for a lunch restaurant", "cook"),
]


@pytest.fixture(scope="module")
def inferred(esco, esco_recognizer):
    reader = TitleReader(esco, esco_recognizer.tools.lemmatise, glossary=load_title_glossary())
    engine = MatchingEngine(esco, {"837": (61.5, 23.76)}, titles=reader)

    def occupation(title: str) -> str:
        v = Vacancy("v1", 1, "org", title, None, (), {}, "837", "any", None)
        target = engine.prepare(enrich_vacancy(v, "", esco_recognizer)).query.target
        assert target is not None and target.max() > 0
        return esco.occupation_label(esco.occupation_uris[int(np.argmax(target))], "en")

    return occupation


@pytest.mark.parametrize(("title", "expected"), PLACED)
def test_a_title_with_a_place_phrase_is_the_titles_occupation(inferred, title, expected):
    assert inferred(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hitsaaja", "welder"),
        ("Kokki", "cook"),
        ("Varhaiskasvatuksen opettaja", "early years teacher"),
        ("Linja-autonkuljettaja", "bus driver"),
    ],
)
def test_a_title_without_a_place_phrase_reads_as_before(inferred, title, expected):
    assert inferred(title) == expected


def test_a_title_of_a_genitive_and_its_head_is_not_cut_at_the_genitive(esco, esco_recognizer):
    """Only words after a run that is a title by itself are a complement: "Varhaiskasvatuksen
    opettaja" is not read as "varhaiskasvatuksen" + a complement, nor "Linja-auton kuljettaja" as
    any driver."""
    reader = TitleReader(esco, esco_recognizer.tools.lemmatise, glossary=load_title_glossary())
    labels = {
        esco.occupation_label(esco.occupation_uris[t.occupation], "en")
        for t in reader.read("Linja-auton kuljettaja Helsinkiin")
    }
    assert "bus driver" in labels
