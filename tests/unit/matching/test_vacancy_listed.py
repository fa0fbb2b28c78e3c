"""The skills an employer lists are read as a sample of the occupation's profile (the size
principle, issue 11): a skill listed as essential counts about log(1 / |E_o|) for an occupation
listing it as essential and log(eps) for any other, so of two occupations that list all of them
the smaller profile explains them better, and one listing a skill only as optional does not."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.occupations import (
    OccupationModel,
    fitted_model,
    occupation_profiles,
    vacancy_target,
)
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import vacancy_query
from services.matching.index.domain.taxonomy import Taxonomy
from services.matching.index.domain.vectors import build_skill_space

from .conftest import vacancy

EPS = 1e-4


@pytest.fixture(scope="module")
def plain(taxonomy: Taxonomy) -> OccupationModel:
    return fitted_model(occupation_profiles(taxonomy))


@pytest.fixture(scope="module")
def listed(taxonomy: Taxonomy) -> OccupationModel:
    return fitted_model(occupation_profiles(taxonomy), listed=EPS)


def _at(taxonomy: Taxonomy, *uris: str) -> list[int]:
    return [taxonomy.skill_index[u] for u in uris]


def _weights(taxonomy: Taxonomy, weights: dict[str, float]) -> np.ndarray:
    w = np.zeros(taxonomy.n_skills)
    for uri, v in weights.items():
        w[taxonomy.skill_index[uri]] = v
    return w


def _definition(taxonomy: Taxonomy, essential: list[str], optional: list[str], eps: float) -> np.ndarray:
    """(n_occupations,) the posterior from its definition, dense: uniform prior over every
    occupation, each listed skill (eps + (1 - eps) / |E_o|) when o lists it as essential (eps
    otherwise), each optional one the same over the optional profile."""
    ess = taxonomy.essential.toarray() > 0
    opt = taxonomy.optional.toarray() > 0
    logp = np.zeros(taxonomy.n_occupations)
    for uris, profile in ((essential, ess), (optional, opt)):
        size = np.maximum(profile.sum(axis=1), 1)
        for j in _at(taxonomy, *uris):
            logp += np.log(eps + (1 - eps) * profile[:, j] / size)
    p = np.exp(logp - logp.max())
    return p / p.sum()


@pytest.mark.parametrize(
    ("essential", "optional"),
    [
        (["s:weld", "s:blue"], []),
        (["s:weld", "s:safety"], ["s:team"]),
        ([], ["s:team"]),
        (["s:cook"], ["s:tig"]),
    ],
)
def test_the_listed_posterior_is_its_definition(taxonomy, listed, essential, optional):
    got = vacancy_target(
        listed,
        _weights(taxonomy, {u: 1.0 for u in essential} | {u: 0.5 for u in optional}),
        listed_essential=_at(taxonomy, *essential),
        listed_optional=_at(taxonomy, *optional),
    )
    want = _definition(taxonomy, essential, optional, EPS)
    kept = got > 0
    assert kept.any()
    assert got[kept] == pytest.approx(want[kept], rel=1e-6)
    assert got.sum() <= 1.0 + 1e-6  # float32 probabilities


def test_of_two_occupations_listing_every_skill_the_smaller_profile_explains_them_better(taxonomy, listed):
    # weld + blue: all of the plater's two essential skills, half of the welder's four
    ix = taxonomy.occupation_index
    got = vacancy_target(
        listed,
        _weights(taxonomy, {"s:weld": 1.0, "s:blue": 1.0}),
        listed_essential=_at(taxonomy, "s:weld", "s:blue"),
    )
    assert got[ix["o:plater"]] / got[ix["o:welder"]] == pytest.approx((4 / 2) ** 2, rel=1e-3)


def test_a_skill_listed_as_essential_counts_only_for_occupations_listing_it_as_essential(
    taxonomy, plain, listed
):
    # safety is the welder's essential skill and the plater's optional one
    ix = taxonomy.occupation_index
    skills = ("s:weld", "s:blue", "s:safety")
    weights = _weights(taxonomy, dict.fromkeys(skills, 1.0))
    as_claims = vacancy_target(plain, weights)
    as_listed = vacancy_target(listed, weights, listed_essential=_at(taxonomy, *skills))
    assert as_listed[ix["o:welder"]] > 0.99
    assert as_listed[ix["o:welder"]] > as_claims[ix["o:welder"]]
    # listed as optional, "work in teams" points to the welder or the cook, not to the
    # healthcare assistant, whose essential skill it is
    team = vacancy_target(
        listed, _weights(taxonomy, {"s:team": 0.5}), listed_optional=_at(taxonomy, "s:team")
    )
    assert team[ix["o:practical-nurse"]] < 1e-3
    # the cook's optional profile is that one skill, the welder's two
    assert team[ix["o:welder"]] == pytest.approx(team[ix["o:cook"]] / 2, rel=1e-3)


def test_without_epsilon_or_without_listed_skills_nothing_changes(taxonomy, plain, listed):
    weights = _weights(taxonomy, {"s:weld": 1.0, "s:safety": 0.5, "s:cook": 0.3})
    ess, opt = _at(taxonomy, "s:weld"), _at(taxonomy, "s:safety")
    before = vacancy_target(plain, weights)
    assert np.array_equal(vacancy_target(plain, weights, listed_essential=ess, listed_optional=opt), before)
    assert np.array_equal(vacancy_target(listed, weights), before)
    # a named occupation is not inferred at all
    named = vacancy_target(listed, weights, occupation=2, listed_essential=ess)
    assert named.tolist() == [0.0, 0.0, 1.0, 0.0]


def test_a_listed_skill_no_profile_holds_is_no_evidence(taxonomy, listed):
    got = vacancy_target(
        listed, _weights(taxonomy, {"s:sheet": 1.0}), listed_essential=_at(taxonomy, "s:sheet")
    )
    assert not got.any()


def test_suggestions_nobody_confirmed_keep_their_reading_beside_the_listed_skills(taxonomy, listed):
    # one listed skill that every profile lacks tells nothing: the suggestions decide
    ix = taxonomy.occupation_index
    weights = _weights(taxonomy, {"s:sheet": 1.0, "s:cook": 0.3, "s:hygiene": 0.3})
    got = vacancy_target(listed, weights, listed_essential=_at(taxonomy, "s:sheet"))
    assert int(np.argmax(got)) == ix["o:cook"]


def test_a_vacancys_chosen_skills_reach_the_listed_reading(taxonomy):
    ix = taxonomy.occupation_index
    v = vacancy(("s:weld", "s:blue", "s:safety"), title="")
    off = vacancy_query(v, build_skill_space(taxonomy, RankingParams(vacancy_listed_epsilon=0.0)))
    on = vacancy_query(v, build_skill_space(taxonomy, RankingParams(vacancy_listed_epsilon=EPS)))
    assert off.target is not None and on.target is not None
    assert on.target[ix["o:welder"]] > off.target[ix["o:welder"]]
    assert on.target[ix["o:welder"]] > 0.99


def test_the_epsilon_is_a_probability():
    with pytest.raises(ValueError, match="vacancy_listed_epsilon"):
        RankingParams(vacancy_listed_epsilon=1.0)
    with pytest.raises(ValueError, match="vacancy_listed_epsilon"):
        RankingParams(vacancy_listed_epsilon=-0.1)
