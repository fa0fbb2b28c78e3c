"""Job titles name occupations whatever their language or form (outside tester 7, H1/H11)."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy, VacancySkill
from services.matching.index.domain.titles import TitleReader, embed_occupation_labels, title_parts

from .conftest import MUNICIPALITIES

CONCEPTS = {
    "weld": ("weld", "hitsa", "svets"),
    "nurse": ("nurse", "hoitaja", "lähihoit", "sjuksköt", "närvård", "healthcare"),
    "cook": ("cook", "kokki", "kock"),
    "plate": ("plate", "levy", "plåt"),
}


class WordEncoder:
    """A stand-in for the multilingual model: texts sharing a concept word embed alike."""

    model_id = "test-words"

    def encode(self, texts, *, query):
        out = np.zeros((len(texts), len(CONCEPTS) + 1), dtype=np.float32)
        for i, text in enumerate(texts):
            low = text.casefold()
            for j, stems in enumerate(CONCEPTS.values()):
                out[i, j] = sum(s in low for s in stems)
            out[i, -1] = 0.3  # unrelated texts are not orthogonal (as e5's cosines sit near 0.75)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def reader(taxonomy):
    enc = WordEncoder()
    return TitleReader(taxonomy, None, enc, embed_occupation_labels(taxonomy, enc), dense_floor=0.5)


def test_a_title_is_read_in_parts_without_seniority_words_or_gender_markers():
    assert title_parts("Sjuksköterska / sairaanhoitaja") == ["Sjuksköterska", "sairaanhoitaja"]
    assert title_parts("Senior welder (m/f), Tampere") == ["welder", "Tampere"]
    assert title_parts("Kokenut hitsaaja - Vaasa") == ["hitsaaja", "Vaasa"]
    assert title_parts("Assistant nurse") == ["Assistant nurse"]  # another occupation: kept
    assert title_parts("  ") == []


def test_exact_labels_of_any_language_name_the_occupation_with_certainty(taxonomy):
    plain = TitleReader(taxonomy)
    welder = taxonomy.occupation_index["o:welder"]
    for title in ("Welder", "HITSAAJA", "welding operative", "Senior welder", "Hitsaaja / Svetsare"):
        found = plain.read(title)
        assert [(t.occupation, t.confidence) for t in found] == [(welder, 1.0)], title
    assert plain.read("") == () and plain.read("Join our team") == ()
    assert not plain.dense


def test_a_title_in_another_language_is_read_by_the_multilingual_model(taxonomy, reader):
    nurse, welder = taxonomy.occupation_index["o:practical-nurse"], taxonomy.occupation_index["o:welder"]
    assert reader.dense
    assert reader.read("Närvårdare")[0].occupation == nurse
    assert reader.read("Svetsare")[0].occupation == welder
    assert 0 < reader.read("Svetsare")[0].confidence <= 1
    assert reader.read("Join our team") == ()  # names no occupation: no guess


def test_an_exact_part_wins_over_the_models_reading_of_the_others(taxonomy, reader):
    welder = taxonomy.occupation_index["o:welder"]
    found = reader.read("Svetsare / hitsaaja")
    assert [(t.occupation, t.confidence) for t in found] == [(welder, 1.0)]


def test_a_dense_reader_needs_embeddings_that_fit_the_taxonomy(taxonomy):
    with pytest.raises(ValueError):
        TitleReader(taxonomy, None, WordEncoder(), None)
    with pytest.raises(ValueError):
        TitleReader(taxonomy, None, WordEncoder(), (np.zeros((1, 5), np.float16), np.asarray([99], np.int32)))


def _vacancy(title: str, skills=()) -> Vacancy:
    return Vacancy("v", 1, "org", title, None, tuple(skills), {}, "837", "any", None)


def test_the_vacancys_occupation_is_the_same_whatever_the_titles_language(taxonomy, reader):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, titles=reader)
    weld = (VacancySkill("s:weld", essential=False, suggested=True),)
    welder = taxonomy.occupation_index["o:welder"]
    targets = [engine.prepare(_vacancy(t, weld)).query.target for t in ("Hitsaaja", "Svetsare", "Welder")]
    for target in targets:
        assert int(np.argmax(target)) == welder
    assert targets[1][welder] == pytest.approx(targets[0][welder], abs=0.2)
    # without the model a Swedish title names nothing: the skills alone decide
    plain = MatchingEngine(taxonomy, MUNICIPALITIES)
    assert plain.prepare(_vacancy("Svetsare", weld)).query.target[welder] < targets[1][welder]


def test_an_employers_occupation_is_never_overridden_by_the_title(taxonomy, reader):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, titles=reader)
    cook = taxonomy.occupation_uris[taxonomy.occupation_index["o:cook"]]
    v = Vacancy("v", 1, "org", "Svetsare", cook, (), {}, "837", "any", None)
    target = engine.prepare(v).query.target
    assert target[taxonomy.occupation_index["o:cook"]] == 1.0


def test_swedish_and_everyday_english_titles_are_read_through_the_glossary(taxonomy):
    glossary = (("sv", "svetsare", "hitsaaja"), ("sv", "kock", "kokki"), ("en", "chef", "kokki"))
    reader = TitleReader(taxonomy, glossary=glossary)
    welder, cook = taxonomy.occupation_index["o:welder"], taxonomy.occupation_index["o:cook"]
    assert [t.occupation for t in reader.read("Svetsare")] == [welder]
    assert [t.occupation for t in reader.read("Rörsvetsare, Vasa")] == [welder]  # a compound's end
    assert [t.occupation for t in reader.read("Sjukhuskock")] == [cook]
    assert [t.occupation for t in reader.read("Chef")] == [cook]
    assert reader.read("Chefkok") == ()  # English entries only as the whole part


def test_a_complement_after_the_title_says_where_not_which_occupation(taxonomy):
    """Outside tester, session 13, P3: "Närvårdare till hemvården", the usual Swedish title of a
    practical nurse in home care, named no occupation though "Närvårdare" alone did."""
    glossary = (("sv", "svetsare", "hitsaaja"), ("sv", "närvårdare", "lähihoitaja"))
    reader = TitleReader(taxonomy, glossary=glossary)
    welder, nurse = taxonomy.occupation_index["o:welder"], taxonomy.occupation_index["o:practical-nurse"]
    for title in ("Svetsare till varvet i Vasa", "Welder for our shipyard", "Hitsaaja / Welder in Tampere"):
        assert [(t.occupation, t.confidence) for t in reader.read(title)] == [(welder, 1.0)], title
    assert [t.occupation for t in reader.read("Närvårdare till hemvården")] == [nurse]
    assert [t.occupation for t in reader.read("Närvårdare i hemvården")] == [nurse]
    # words before the title, and a title followed by anything but a complement, are not cut
    assert reader.read("Svetsare Vasa") == ()
    assert reader.read("Till svetsare") == ()


def test_a_finnish_complement_is_an_inflected_word_after_the_title(taxonomy):
    lemmas = {"kotihoitoon": "kotihoito", "telakalle": "telakka"}
    reader = TitleReader(taxonomy, lambda w, lang: lemmas.get(w, w))
    welder, nurse = taxonomy.occupation_index["o:welder"], taxonomy.occupation_index["o:practical-nurse"]
    assert [t.occupation for t in reader.read("Lähihoitaja kotihoitoon")] == [nurse]
    assert [t.occupation for t in reader.read("Hitsaaja telakalle")] == [welder]
    assert reader.read("Hitsaaja Vaasa") == ()  # "Vaasa" is no complement: the part is left as it is


def _with_a_chef():
    """The small taxonomy and a chef (keittiömestari) whose Finnish alternative label is "kokki",
    the cook's preferred one, as in ESCO."""
    from services.matching.index.domain.taxonomy import OccupationRow, Taxonomy

    from . import conftest as c

    occupations = [
        *c.OCCUPATIONS,
        OccupationRow("o:chef", "3434", "chef", "keittiömestari", alt_labels_fi=("kokki",)),
    ]
    rows = [
        *c.OCCUPATION_SKILLS,
        *(("o:chef", s, True) for s in ("s:cook", "s:hygiene", "s:sheet", "s:team")),
    ]
    isco = [*c.ISCO, ("3", "Technicians"), ("34", "Legal, social and cultural"), ("3434", "Chefs")]
    return Taxonomy.from_rows(c.SKILLS, occupations, rows, c.SKILL_RELATIONS, c.GROUPS, c.BROADER, isco)


def test_a_title_that_is_one_occupations_own_name_names_the_others_listing_it_faintly():
    """Session 13 tester: "Kokki" alone was a chef's ad at 0.66. A title that is the cook's
    preferred label and only an alternative label of the chef gives the chef a tenth of the
    cook's odds, so that skills read from the title cannot make it a chef's."""
    tax = _with_a_chef()
    cook, chef = tax.occupation_index["o:cook"], tax.occupation_index["o:chef"]
    reader = TitleReader(tax)
    assert [(t.occupation, t.confidence) for t in reader.read("Kokki")] == [(cook, 1.0), (chef, 0.1)]
    engine = MatchingEngine(tax, MUNICIPALITIES, titles=reader)
    # the suggestions read from the title, the chef's spreadsheet skill among them
    suggested = tuple(
        VacancySkill(tax.skill_uris[tax.skill_index[s]], False, suggested=True)
        for s in ("s:cook", "s:hygiene", "s:sheet")
    )
    target = engine.prepare(
        Vacancy("v", 1, "org", "Kokki", None, suggested, {}, "837", "any", None)
    ).query.target
    assert int(np.argmax(target)) == cook and target[cook] > 0.9


def test_a_glossary_title_that_is_the_glossarys_own_everyday_title_is_read_on(taxonomy):
    """The Swedish "lastbilschaufför" was glossed as "kuorma-autonkuljettaja", the glossary's own everyday
    Finnish title and no ESCO label, and so named no occupation."""
    glossary = (("sv", "kockerska", "keittäjä"), ("fi", "keittäjä", "kokki"))
    reader = TitleReader(taxonomy, glossary=glossary)
    cook = taxonomy.occupation_index["o:cook"]
    assert [t.occupation for t in reader.read("Keittäjä")] == [cook]
    assert [t.occupation for t in reader.read("Kockerska")] == [cook]


def test_a_generic_title_of_the_glossary_names_each_of_its_occupations(taxonomy):
    """A glossary entry may name several Finnish titles ("kuljettaja": a lorry, bus, delivery-van
    or taxi driver); the title then names each, and the ad's skills choose among them."""
    reader = TitleReader(taxonomy, glossary=(("fi", "metallimies", "hitsaaja|levyseppä"),))
    welder, plater = taxonomy.occupation_index["o:welder"], taxonomy.occupation_index["o:plater"]
    assert sorted((t.occupation, t.confidence) for t in reader.read("Metallimies")) == sorted(
        [(welder, 1.0), (plater, 1.0)]
    )


def test_a_hyphen_joining_two_titles_names_both_occupations(taxonomy):
    """Tester 14, P8: "Levyseppä-hitsaaja" named no occupation (p 0.003 for the welder) while
    "Levyseppä" and "Hitsaaja" are labels; a recruiter reads a post of both."""
    reader = TitleReader(taxonomy)
    welder, plater = taxonomy.occupation_index["o:welder"], taxonomy.occupation_index["o:plater"]
    for title in ("Levyseppä-hitsaaja", "Hitsaaja-levyseppä", "Levyseppä - hitsaaja"):
        assert sorted((t.occupation, t.confidence) for t in reader.read(title)) == sorted(
            [(welder, 1.0), (plater, 1.0)]
        ), title
    assert reader.read("Hitsaaja-asentaja") == ()  # a piece that is no title: the part is left whole


def test_a_finnish_compound_ending_in_a_title_names_that_title(taxonomy):
    """Tester 14, P8: "Lounaskokki", "Laitoskokki" are cooks; ESCO lists few such compounds."""
    reader = TitleReader(taxonomy)
    cook = taxonomy.occupation_index["o:cook"]
    for title in ("Lounaskokki", "Laitoskokki (kesätyö)", "Putkihitsaaja"):
        assert len(reader.read(title)) == 1, title
    assert [t.occupation for t in reader.read("Lounaskokki")] == [cook]
    assert reader.read("Kokkikoulu") == ()  # the title must be the compound's end
    assert reader.read("Ekokki") == ()  # and what is before it at least 3 letters


def _with_drivers():
    from services.matching.index.domain.taxonomy import OccupationRow, Taxonomy

    from . import conftest as c

    occupations = [
        *c.OCCUPATIONS,
        OccupationRow("o:lorry", "8332", "cargo vehicle driver", "tavaraliikenteen kuljettaja"),
        OccupationRow("o:bus", "8331", "bus driver", "linja-autonkuljettaja"),
        OccupationRow("o:skipper", "3152", "skipper", "laivuri", alt_labels_fi=("kuljettaja",)),
    ]
    isco = [*c.ISCO, ("8", "Operators"), ("83", "Drivers"), ("8331", "Bus"), ("8332", "Lorry")]
    isco += [("3", "Technicians"), ("31", "Science"), ("3152", "Ships' deck officers")]
    return Taxonomy.from_rows(
        c.SKILLS, occupations, c.OCCUPATION_SKILLS, c.SKILL_RELATIONS, c.GROUPS, c.BROADER, isco
    )


def test_a_licence_class_in_the_title_says_which_driver(taxonomy):
    """Tester 14, P8: "Kuljettaja (C/CE)" was a skipper's ad at 0.999 (ESCO lists "kuljettaja"
    only as the skipper's alternative label); C classes drive lorries, D classes buses."""
    tax = _with_drivers()
    lorry, bus = tax.occupation_index["o:lorry"], tax.occupation_index["o:bus"]
    reader = TitleReader(
        tax, glossary=(("fi", "kuljettaja", "tavaraliikenteen kuljettaja|linja-autonkuljettaja"),)
    )
    for title in (
        "Kuljettaja (C/CE)",
        "Kuljettaja, CE-kortti",
        "Kuljettaja (C1 + E)",
        "Kuljettaja [C-ajokortti]",
    ):
        assert [(t.occupation, t.confidence) for t in reader.read(title)] == [(lorry, 1.0)], title
    assert [t.occupation for t in reader.read("Kuljettaja (D)")] == [bus]
    assert sorted(t.occupation for t in reader.read("Kuljettaja (B)")) == sorted([lorry, bus])
    assert sorted(t.occupation for t in reader.read("Kuljettaja (C/D)")) == sorted([lorry, bus])
    welder = tax.occupation_index["o:welder"]
    assert [t.occupation for t in reader.read("Hitsaaja (B-ajokortti)")] == [welder]  # no driver: kept


def test_a_finnish_title_written_as_two_words_is_the_compound(taxonomy):
    """Tester 15, P7: "Yhdistelmäajoneuvon kuljettaja" (a CE lorry driver) was a live-animal
    transporter; the glossary had only the compound "yhdistelmäajoneuvonkuljettaja". A genitive and
    its head written apart, or together, are the same title, in the glossary and in ESCO's labels."""
    tax = _with_drivers()
    lorry, bus = tax.occupation_index["o:lorry"], tax.occupation_index["o:bus"]
    reader = TitleReader(
        tax, glossary=(("fi", "yhdistelmäajoneuvonkuljettaja", "tavaraliikenteen kuljettaja"),)
    )
    for title in (
        "Yhdistelmäajoneuvon kuljettaja",
        "Yhdistelmäajoneuvonkuljettaja",
        "Tavaraliikenteenkuljettaja",
    ):
        assert [(t.occupation, t.confidence) for t in reader.read(title)] == [(lorry, 1.0)], title
    assert [t.occupation for t in reader.read("Linja-auton kuljettaja")] == [bus]  # ESCO: the compound
    assert reader.read("Yhdistelmäajoneuvon huoltaja") == ()  # another head: no reading


def test_a_licence_class_before_a_drivers_title_says_which_driver(taxonomy):
    """Tester 15, P7: Finnish and Swedish ads write the class before the title ("CE-kuljettaja")."""
    tax = _with_drivers()
    lorry, bus = tax.occupation_index["o:lorry"], tax.occupation_index["o:bus"]
    generic = "tavaraliikenteen kuljettaja|linja-autonkuljettaja"
    reader = TitleReader(tax, glossary=(("fi", "kuljettaja", generic), ("sv", "chaufför", generic)))
    for title in ("CE-kuljettaja", "C-kuljettaja", "C1E-kuljettaja", "CE-chaufför"):
        assert [(t.occupation, t.confidence) for t in reader.read(title)] == [(lorry, 1.0)], title
    assert [t.occupation for t in reader.read("D-kuljettaja")] == [bus]
    assert sorted(t.occupation for t in reader.read("B-kuljettaja")) == sorted([lorry, bus])
    welder = tax.occupation_index["o:welder"]
    assert [t.occupation for t in reader.read("C-hitsaaja")] == [welder]  # no driver: the class is ignored
    assert reader.read("CE-kortti") == ()


def test_a_swedish_field_phrase_is_read_with_i_or_inom(taxonomy):
    """Tester 15, P6: "Lärare i småbarnspedagogik", the official Swedish title of an early years
    teacher, was a youth programme director; the glossary had "lärare inom småbarnspedagogik"."""
    cook = taxonomy.occupation_index["o:cook"]
    for entry, title in (("kock inom storkök", "Kock i storkök"), ("kock i storkök", "Kock inom storkök")):
        reader = TitleReader(taxonomy, glossary=(("sv", entry, "kokki"),))
        assert [t.occupation for t in reader.read(title)] == [cook], title
        assert reader.read("Kock för storkök") == ()  # "för" is for whom, not the field


def test_an_abbreviated_title_is_read_only_as_a_whole_title(taxonomy):
    """Tester 15, P7: "Lto", "Vakalto" (early years teacher) named no occupation and gave an empty
    shortlist. The glossary's rows of language "fi-title" (abbreviations; "farmaseutti") are whole
    titles only: the recogniser does not read them in running text, where "sh", "th" or
    "farmaseutt-" start other words ("farmaseuttinen", pharmaceutical)."""
    from services.matching.index.reference import load_occupation_names, load_title_glossary

    cook = taxonomy.occupation_index["o:cook"]
    reader = TitleReader(taxonomy, glossary=(("fi-title", "kko", "kokki"),))
    assert [t.occupation for t in reader.read("KKO")] == [cook]
    assert [t.occupation for t in reader.read("Kokki (kko)")] == [cook]
    assert reader.read("Kkoo") == ()
    abbreviations = {t for lang, t, _ in load_title_glossary() if lang == "fi-title"}
    assert {"lto", "vakalto", "sh", "lh", "th"} <= abbreviations
    names = load_occupation_names()
    assert {n.lang for n in names} == {"fi", "sv"}
    assert not any(n.pattern.search("Shampoo, the ja farmaseuttinen lto-tiedosto") for n in names)
