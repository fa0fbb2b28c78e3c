"""The skills a job title alone suggests: the most central essential skills of the occupation it
names, never a look-alike of a title word (outside tester 15, P10)."""

from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.recognition import enrich_vacancy
from services.matching.index.domain.title_skills import centrality, fuse, structural_centrality

DESCRIPTION = "Kokoaikainen työ, aloitus sopimuksen mukaan."  # the tester's title-only ads


def test_the_skill_nearest_the_profile_and_the_occupation_comes_first():
    skills = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    plain = centrality(skills)
    assert plain.shape == (3,) and plain.dtype == np.float32
    assert int(np.argmax(plain)) == 1 and int(np.argmin(plain)) == 2  # the middle one is typical
    toward_label = centrality(skills, np.array([1.0, 0.0, 0.0]))
    assert int(np.argmax(toward_label)) == 0
    assert centrality(np.zeros((0, 3))).shape == (0,)


def test_without_embeddings_a_skill_its_neighbours_share_comes_first():
    # occupations 0-2 are neighbours; 3 is not. Occupation 0 lists skills 0, 1, 2
    links = sp.csr_matrix(np.array([[1, 1, 1], [1, 0, 0], [1, 0, 1], [0, 1, 1]], dtype=np.float32))
    score = structural_centrality(links, 0, np.array([0, 1, 2]))
    assert list(np.argsort(-score)) == [0, 2, 1]


def test_several_occupations_share_their_common_skills_first_then_each_ones_own():
    assert fuse([["a", "b", "c"], ["d", "b", "e"]], 3) == ("b", "a", "d")
    assert fuse([["a"], []], 5) == ("a",)
    assert fuse([], 3) == () and fuse([["a"]], 0) == ()


@pytest.fixture(scope="module")
def engine(esco, esco_recognizer):
    from services.matching.index.reference import load_title_reader

    return MatchingEngine(esco, {"837": (61.5, 23.76)}, titles=load_title_reader(esco, esco_recognizer))


def _suggested(esco, recognizer, engine, title, description=DESCRIPTION):
    v = Vacancy("v", 1, "org", title, None, (), {}, "837", "any", None)
    enriched = enrich_vacancy(v, description, recognizer, title_occupations=engine.title_occupations(title))
    return [esco.skill_label(s.uri, "en") for s in enriched.skills], enriched


@pytest.mark.parametrize(
    ("title", "occupation", "wanted", "look_alikes"),
    [
        (
            "Practical nurse",
            "healthcare assistant",
            "provide basic support to patients",
            {"nurse plants", "nurse trees"},
        ),
        ("Kokki", "cook", "use cooking techniques", {"cook seafood"}),
        (
            "Kiinteistönhoitaja",
            "building caretaker",
            "examine the conditions of buildings",
            {"provide information on properties", "value properties"},
        ),
        (
            "Henkilökohtainen avustaja",
            "home care aide",
            "provide in-home support for disabled individuals",
            {"personal development", "manage personal progression", "develop personal skills"},
        ),
        ("Hitsaaja-levyseppä", "welder", "welding techniques", {"wood cuts"}),
        ("Hitsaaja-levyseppä", "sheet metal worker", "use sheet metal shears", {"wood cuts"}),
    ],
)
def test_a_title_suggests_its_occupations_central_skills_not_look_alikes_of_its_words(
    esco, esco_recognizer, engine, title, occupation, wanted, look_alikes
):
    """Tester 15, P10: "Practical nurse" → "nurse plants" 3rd; "Kokki" → "cook seafood" first every
    time; "Kiinteistönhoitaja" → "provide information on properties", "value properties";
    "Henkilökohtainen avustaja" → "personal development"."""
    labels, enriched = _suggested(esco, esco_recognizer, engine, title)
    assert wanted in labels, labels
    assert not look_alikes & set(labels), labels
    named = [esco.occupation_label(o, "en") for o in engine.title_occupations(title)]
    assert occupation in named
    profile = {u for o in engine.title_occupations(title) for u in esco.occupation_skills(o)[0]}
    assert all(s.uri in profile for s in enriched.skills), labels  # the tester's text names no skill
    assert all(s.suggested and not s.essential and s.source == title for s in enriched.skills)


def test_the_kokki_title_suggests_the_same_central_skills_every_time(esco, esco_recognizer, engine):
    first, _ = _suggested(esco, esco_recognizer, engine, "Kokki")
    assert first[0] != "cook seafood" and first == _suggested(esco, esco_recognizer, engine, "Kokki")[0]


def test_a_rule_named_skill_in_the_title_is_kept_and_the_descriptions_skills_come_first(
    esco, esco_recognizer, engine
):
    labels, _ = _suggested(
        esco, esco_recognizer, engine, "Hitsaaja, MIG/MAG", "Työ sisältää teräsrakenteiden kokoonpanoa."
    )
    assert labels[:2] == ["perform metal active gas welding", "perform metal inert gas welding"], labels
    assert len(set(labels)) == len(labels), labels
    assert "welding techniques" in labels


def test_a_title_naming_no_occupation_is_still_read_as_text(esco, esco_recognizer, engine):
    assert engine.title_occupations("Python-kehittäjä") == ()
    labels, _ = _suggested(esco, esco_recognizer, engine, "Python-kehittäjä")
    assert "Python (computer programming)" in labels, labels


def test_a_chosen_occupation_or_skill_leaves_the_title_unread(esco, esco_recognizer, engine):
    v = Vacancy("v", 1, "org", "Kokki", None, (), {}, "837", "any", None)
    cook = engine.title_occupations("Kokki")
    chosen = enrich_vacancy(replace(v, occupation_uri=cook[0]), DESCRIPTION, esco_recognizer)
    assert chosen.skills == ()
