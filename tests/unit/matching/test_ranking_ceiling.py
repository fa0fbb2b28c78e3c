"""The ranking benchmark's ceiling (benchmarks.ranking_ceiling): the generator-aware Bayes ranker."""

from __future__ import annotations

import numpy as np

from benchmarks.ranking_ceiling import (
    Pool,
    bayes_ndcg,
    candidate_posterior,
    claimed_matrix,
    vacancy_posterior,
)
from benchmarks.ranking_families import FAMILIES, Hierarchy, generate_family
from benchmarks.ranking_quality import occupation_half

PARTIAL_75 = next(f for f in FAMILIES if f.name == "partial-75")


def _data(esco, n_candidates: int = 300):  # type: ignore[no-untyped-def]
    occupations = occupation_half(esco, 0)[:40]
    data = generate_family(
        esco,
        PARTIAL_75,
        occupations,
        n_candidates=n_candidates,
        n_vacancies=5,
        seed=1101,
        hierarchy=Hierarchy(esco),
    )
    return Pool(esco, occupations), data


def test_the_posterior_of_a_partial_profile_names_the_occupation_it_was_drawn_from(esco) -> None:
    pool, data = _data(esco)
    post = candidate_posterior(pool, PARTIAL_75, claimed_matrix(esco, data), None)
    assert post.shape == (300, 40) and np.allclose(post.sum(1), 1.0)
    truth = np.asarray([pool.at[o] for o in data.candidate_occupations])
    assert (post.argmax(1) == truth).mean() >= 0.9
    assert np.all(post[:, ~pool.usable] == 0)  # nobody is drawn from an occupation of < 3 essential skills


def test_a_listed_skill_an_occupation_lacks_rules_it_out_and_fewer_skills_explain_a_list_better(esco) -> None:
    pool, data = _data(esco)
    wanted = pool.usable & (pool.n_essential >= 5)
    for i, occ in enumerate(data.vacancy_occupations):
        for variant in ("skills", "sparse"):
            vacancy = data.vacancies[variant][i]
            w = vacancy_posterior(pool, variant, vacancy, wanted)
            assert np.isclose(w.sum(), 1.0) and w[pool.at[occ]] > 0
            listed = [esco.skill_index[s.uri] for s in vacancy.skills if s.essential]
            lacking = np.asarray(pool.E[:, listed].sum(1)).ravel() < len(listed)
            assert np.all(w[lacking] == 0)
            holders = np.flatnonzero(w > 0)  # among those holding the list, the smaller profile is likelier
            by_size = holders[np.argsort(pool.n_essential[holders])]
            assert np.all(np.diff(w[by_size]) <= 1e-12)


def test_the_bayes_ranking_of_named_occupations_is_near_perfect_on_partial_profiles(esco) -> None:
    pool, data = _data(esco)
    post = candidate_posterior(pool, PARTIAL_75, claimed_matrix(esco, data), None)
    nd = bayes_ndcg(pool, data, post, "occupation")
    assert nd.shape == (5,) and nd.min() >= 0.9
