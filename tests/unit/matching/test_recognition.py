import pytest

from services.matching.index.domain.recognition import (
    SkillRecognizer,
    enrich_candidate,
    enrich_vacancy,
    split_sentences,
)
from services.matching.index.domain.taxonomy import Taxonomy

from .conftest import candidate, vacancy


@pytest.fixture(scope="module")
def recognizer(taxonomy: Taxonomy) -> SkillRecognizer:
    return SkillRecognizer(n_features=2**16, min_df=1, max_df=1.0).fit(taxonomy)


def _uris(found):
    return [r.uri for r in found]


def test_fit_follows_the_estimator_contract(taxonomy: Taxonomy):
    r = SkillRecognizer(description_weight=0.7)
    assert r.get_params()["description_weight"] == 0.7
    assert not hasattr(r, "index_")
    assert r.fit(taxonomy) is r and hasattr(r, "index_")


def test_english_text_finds_the_skill_by_an_alternative_label(recognizer):
    assert _uris(recognizer.recognise("Experience in TIG welding is required.", top_k=1)) == ["s:tig"]


def test_finnish_inflected_text_finds_the_skill_by_its_finnish_label(recognizer):
    found = _uris(recognizer.recognise("Työhön kuuluu haavanhoitoa ja lääkkeiden antamista.", top_k=3))
    assert "s:wound" in found


def test_scores_are_sorted_and_carry_both_labels(recognizer):
    found = recognizer.recognise("Read blueprints. Follow safety procedures.", top_k=5, min_score=0.0)
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    top = {r.uri: r for r in found}
    assert top["s:blue"].label_fi == "lukea piirustuksia"


def test_nothing_is_recognised_in_empty_or_unrelated_text(recognizer):
    assert recognizer.recognise("") == []
    assert recognizer.recognise("zzzz qqqq", min_score=0.3) == []


def test_sentences_split_on_punctuation_bullets_and_lines():
    assert split_sentences("Hitsaus. Levytyöt!\n• MIG-hitsaus\n\n- TIG") == [
        "Hitsaus.",
        "Levytyöt!",
        "MIG-hitsaus",
        "- TIG",
    ]


def test_enriching_a_vacancy_adds_suggestions_but_never_changes_chosen_skills(recognizer):
    v = vacancy(essential=("s:weld",), optional=("s:team",))
    enriched = enrich_vacancy(v, "TIG welding. Read blueprints.", recognizer, max_suggestions=3)
    assert enriched.skills[:2] == v.skills
    suggested = [s for s in enriched.skills[2:]]
    assert suggested and all(s.suggested and not s.essential for s in suggested)
    assert "s:weld" not in {s.uri for s in suggested}
    assert (
        enrich_vacancy(enriched, "TIG welding. Read blueprints.", recognizer, max_suggestions=3) == enriched
    )


def test_enriching_a_candidate_keeps_the_persons_choice(recognizer):
    c = candidate("c1", {"s:tig": "expert"})
    enriched = enrich_candidate(c, "Osaa TIG-hitsauksen ja lukee piirustuksia.", recognizer)
    assert enriched.skills[0] == c.skills[0]
    assert all(s.suggested for s in enriched.skills[1:])
    assert "s:tig" not in {s.uri for s in enriched.skills[1:]}


def test_real_esco_finnish_welding_text_is_recognised(esco_recognizer):
    for text in ("hitsaus", "hitsata", "Haemme hitsaajaa. Tehtäviin kuuluu MIG-hitsaus ja levytyöt."):
        labels = [r.label_en for r in esco_recognizer.recognise(text, top_k=5)]
        assert any("weld" in label for label in labels), (text, labels)


def test_real_esco_english_welding_text_is_recognised(esco_recognizer):
    text = "We need a welder.\n- welding of steel structures\n- reading blueprints"
    found = esco_recognizer.recognise(text, top_k=8)
    labels = [r.label_en for r in found]
    assert any("welding" in label for label in labels)
    assert any("blueprint" in label for label in labels)


def test_real_esco_practical_nurse_text_is_recognised(esco_recognizer):
    text = (
        "Lähihoitaja kotihoitoon. Työ sisältää asiakkaiden avustamista päivittäisissä "
        "toiminnoissa, lääkehoitoa ja haavanhoitoa."
    )
    labels = [r.label_fi for r in esco_recognizer.recognise(text, top_k=10)]
    assert "lääkehoito" in labels or any("kotihoito" in label for label in labels), labels
