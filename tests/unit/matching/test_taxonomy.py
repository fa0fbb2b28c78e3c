import pytest

from services.matching.index.domain.taxonomy import Taxonomy


def test_skills_and_occupations_are_indexed_by_uri(taxonomy: Taxonomy):
    assert taxonomy.has_skill("s:weld")
    assert not taxonomy.has_skill("s:unknown")
    assert taxonomy.has_occupation("o:welder")
    assert taxonomy.skill_uris[taxonomy.skill_index["s:mig"]] == "s:mig"


def test_labels_come_in_english_and_finnish_and_fall_back_to_english_for_swedish(
    taxonomy: Taxonomy,
):
    assert taxonomy.skill_label("s:weld", "fi") == "hitsata metalliosia"
    assert taxonomy.skill_label("s:weld", "sv") == "weld metal parts"
    assert taxonomy.occupation_label("o:practical-nurse", "fi") == "lähihoitaja"


def test_an_unsupported_language_is_an_error(taxonomy: Taxonomy):
    with pytest.raises(ValueError):
        taxonomy.skill_label("s:weld", "de")


def test_occupation_skills_are_split_into_essential_and_optional(taxonomy: Taxonomy):
    essential, optional = taxonomy.occupation_skills("o:welder")
    assert set(essential) == {"s:weld", "s:mig", "s:blue", "s:safety"}
    assert set(optional) == {"s:tig", "s:team"}


def test_relation_rows_naming_a_removed_occupation_are_skipped_and_counted(taxonomy: Taxonomy):
    assert taxonomy.skipped_relation_rows == 1
    assert taxonomy.essential.nnz + taxonomy.optional.nnz == 16


def test_isco_groups_find_occupations_at_every_level(taxonomy: Taxonomy):
    assert taxonomy.occupation_isco("o:welder") == "7212"
    assert set(taxonomy.occupations_in_isco("72")) == {"o:welder", "o:plater"}
    assert set(taxonomy.occupations_in_isco("7")) == {"o:welder", "o:plater"}
    assert taxonomy.occupations_in_isco("9999") == ()
    assert taxonomy.isco_label("7212") == "Welders and flamecutters"


def test_skill_hierarchy_and_relations_are_symmetric_where_they_give_credit(taxonomy: Taxonomy):
    i = taxonomy.skill_index
    assert taxonomy.skill_relations[i["s:weld"], i["s:safety"]] == 1
    assert taxonomy.skill_relations[i["s:safety"], i["s:weld"]] == 1
    assert taxonomy.skill_parent[i["s:mig"], i["s:weld"]] == 1
    assert taxonomy.skill_group_labels("s:weld") == ["metal joining"]
    assert taxonomy.skill_group_labels("s:mig") == ["weld metal parts"]


def test_find_occupations_ranks_exact_then_prefix_then_substring_matches(taxonomy: Taxonomy):
    assert taxonomy.find_occupations("welder") == ["o:welder"]
    assert taxonomy.find_occupations("KOKKI", "fi") == ["o:cook"]
    assert taxonomy.find_occupations("kokki", "fi") == ["o:cook"]  # also via alt label
    assert taxonomy.find_occupations("welding") == ["o:welder"]
    assert taxonomy.find_occupations("") == []


def test_the_real_esco_taxonomy_has_the_documented_size(esco: Taxonomy):
    assert esco.n_skills == 13_896
    assert esco.n_occupations == 3_007
    assert esco.skipped_relation_rows == 67
    assert esco.essential.nnz + esco.optional.nnz == 123_855 - 67
    assert esco.skill_relations.nnz > 0 and esco.skill_broader.nnz >= 13_896


def test_the_real_esco_taxonomy_finds_finnish_occupations(esco: Taxonomy):
    nurses = esco.find_occupations("lähihoitaja", "fi")
    assert esco.occupation_label(nurses[0], "fi") == "lähihoitaja"
    assert esco.occupation_isco(nurses[0]) == "5321"
