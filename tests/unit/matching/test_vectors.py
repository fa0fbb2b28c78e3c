import math
from dataclasses import replace

import numpy as np
import pytest

from services.matching.index.domain.model import InvalidRecordError, SkillClaim, WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import vacancy_query
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.domain.vectors import (
    REASONS,
    build_skill_space,
    compact_candidate,
    experience_weight,
    former_floor,
)

from .conftest import candidate, vacancy


@pytest.fixture(scope="module")
def space(taxonomy: Taxonomy):
    return build_skill_space(taxonomy, RankingParams())


def _weights(q, taxonomy):
    return {taxonomy.skill_uris[j]: float(w) for j, w in zip(q.skills[: q.n_own], q.weight, strict=False)}


def test_a_vacancy_vector_adds_its_occupations_skills_at_essential_and_optional_weight(space, taxonomy):
    p = space.params
    q = vacancy_query(vacancy(occupation="o:welder"), space)
    w = _weights(q, taxonomy)
    assert w["s:weld"] == p.occupation_essential_weight
    assert w["s:tig"] == pytest.approx(p.occupation_optional_weight)
    essential = {taxonomy.skill_uris[q.skills[e]] for e in q.essential}
    assert essential == {"s:weld", "s:mig", "s:blue", "s:safety"}
    assert set(q.coverage_weight) == {p.occupation_essential_coverage}


def test_the_employers_choice_wins_over_the_occupations_defaults(space, taxonomy):
    p = space.params
    q = vacancy_query(vacancy(essential=("s:tig",), optional=("s:weld",), occupation="o:welder"), space)
    w = _weights(q, taxonomy)
    essential = {
        taxonomy.skill_uris[q.skills[e]]: c for e, c in zip(q.essential, q.coverage_weight, strict=True)
    }
    assert w["s:weld"] == p.chosen_optional_weight and "s:weld" not in essential
    assert w["s:tig"] == p.chosen_essential_weight and essential["s:tig"] == 1.0


def test_suggested_vacancy_skills_are_weak_and_never_essential(space, taxonomy):
    q = vacancy_query(vacancy(essential=("s:weld",), suggested=("s:team", "s:weld")), space)
    w = _weights(q, taxonomy)
    assert w["s:team"] == pytest.approx(space.params.suggested_skill_weight)
    assert w["s:weld"] == space.params.chosen_essential_weight
    assert len(q.essential) == 1


def test_related_skills_of_wanted_skills_join_the_query_with_partial_weight(space, taxonomy):
    q = vacancy_query(vacancy(essential=("s:meds",)), space)
    extra = {
        taxonomy.skill_uris[j]: float(w)
        for j, w in zip(q.skills[q.n_own :], q.weight[q.n_own :], strict=True)
    }
    assert extra["s:wound"] == pytest.approx(space.params.related_skill_credit)
    assert extra["s:care"] == pytest.approx(space.params.same_group_credit)


def test_credit_takes_the_strongest_relation_and_remembers_why(space, taxonomy):
    i = taxonomy.skill_index
    p = space.params
    assert space.credit[i["s:mig"], i["s:weld"]] == pytest.approx(p.hierarchy_credit)
    assert REASONS[space.reason[i["s:mig"], i["s:weld"]]] == "broader or narrower skill"
    assert space.credit[i["s:mig"], i["s:tig"]] == pytest.approx(p.same_group_credit)
    assert REASONS[space.reason[i["s:mig"], i["s:tig"]]] == "same skill group"
    assert REASONS[space.reason[i["s:weld"], i["s:safety"]]] == "related skill"
    assert space.credit[i["s:weld"], i["s:weld"]] == 0


def test_siblings_in_groups_larger_than_the_limit_earn_no_credit(taxonomy):
    space = build_skill_space(taxonomy, RankingParams(max_group_size=2))
    i = taxonomy.skill_index
    assert space.credit[i["s:care"], i["s:meds"]] == 0  # g:care has three skills


def test_a_candidate_claim_keeps_the_confirmed_claim_over_a_suggestion(space, taxonomy):
    c = candidate("c1", {"s:weld": "basic"}, suggested=("s:weld", "s:team"))
    compact = compact_candidate(c, space, 2025)
    weights = dict(zip(compact.claim_skills, compact.claim_weights, strict=True))
    p = space.params
    assert weights[taxonomy.skill_index["s:weld"]] == p.level_weights[0]
    assert weights[taxonomy.skill_index["s:team"]] == pytest.approx(
        p.level_weights[0] * p.suggested_claim_factor
    )


def test_unknown_skill_and_occupation_uris_are_ignored_and_counted(space):
    c = candidate("c1", {"s:weld": "expert", "s:gone": "basic"}, experience=(WorkExperience("o:gone", 3.0),))
    compact = compact_candidate(c, space, 2025)
    assert compact.unknown_uris == 2 and len(compact.claim_skills) == 1 and not compact.occupations


@pytest.mark.parametrize(
    "change",
    [
        {"skills": (SkillClaim("s:weld", "guru"),)},
        {"working_time": "weekends"},
        {"languages": {"fi": "fluent"}},
    ],
)
def test_values_outside_the_documented_vocabularies_are_rejected(space, change):
    from dataclasses import replace

    with pytest.raises(InvalidRecordError):
        compact_candidate(replace(candidate("c1"), **change), space, 2025)


def test_recent_and_longer_experience_weighs_more_but_an_old_spell_stays_an_identity():
    """The spell's identity weight depends weakly on age and length (outside tester 26, T26-7):
    a person's only spell, five years ago, still says most of what the person is; later work in
    another occupation (a career change) is what makes an old spell weigh little."""
    p = RankingParams()
    current = experience_weight(5.0, None, 2025, p)
    five_years_ago = experience_weight(5.0, 2020, 2025, p)
    twenty_years_ago = experience_weight(5.0, 2005, 2025, p)
    short = experience_weight(0.5, None, 2025, p)
    assert current == 1.0
    assert math.isclose(five_years_ago, 0.5 ** (5 / 20))  # 0.84; 0.5 before session 25
    assert math.isclose(twenty_years_ago, 0.5)
    assert p.experience_min_factor < short < current
    # five years later followed by a current job elsewhere: the career change halves it again (a
    # five-year trade keeps no floor, `former_floor`)
    superseded = experience_weight(5.0, 2020, 2025, p, latest_year=2025)
    assert former_floor(5.0, p) == 0.0
    assert math.isclose(superseded, 0.5 ** (5 / 20) * 0.5)
    # a trade of ten years keeps `former_spell_share` whatever the later work (session 33)
    long = experience_weight(10.0, 2020, 2025, p, latest_year=2025)
    floor = former_floor(10.0, p)
    assert floor == p.former_spell_share
    assert math.isclose(long, 0.5 ** (5 / 20) * (floor + (1 - floor) * 0.5))
    no_floor = experience_weight(10.0, 2020, 2025, replace(p, former_spell_share=0.0), latest_year=2025)
    assert math.isclose(no_floor, 0.5 ** (5 / 20) * 0.5)  # before session 33
    # the same five years continued in the same trade (a promotion): neither aged nor changed
    assert experience_weight(5.0, 2020, 2025, p, latest_year=2025, continued=5.0) == 1.0


def test_a_vacancy_without_known_skills_has_an_empty_query(space):
    q = vacancy_query(vacancy(essential=("s:unknown",)), space)
    assert len(q.skills) == 0 and len(q.essential) == 0
    assert np.asarray(q.credit).shape == (0, 0)
