"""The benchmark's calibrated `team-*` families (benchmarks.ranking_families): what they draw."""

from __future__ import annotations

import pytest

from benchmarks.ranking_families import FAMILIES, Hierarchy, generate_family
from benchmarks.ranking_quality import occupation_half, pool_candidates

TEAM = {f.name: f for f in FAMILIES if f.name.startswith("team-")}


def test_team_families_are_calibrated_settings() -> None:
    assert sorted(TEAM) == ["team-1", "team-2"]
    for fam in TEAM.values():
        assert fam.team_density and fam.keep_optional == 0.15 and fam.substitute_rule == "sibling"
        assert fam.keep_essential == pytest.approx((1 / 3, 0.5)) and fam.history == "none"
    # noisier in order: more replaced skills and more random skills
    assert [TEAM[n].substitute for n in sorted(TEAM)] == sorted(f.substitute for f in TEAM.values())
    assert [TEAM[n].noise_mean for n in sorted(TEAM)] == sorted(f.noise_mean for f in TEAM.values())


def test_team_density_scales_candidates_to_the_pool() -> None:
    team, other = TEAM["team-1"], FAMILIES[0]
    assert pool_candidates(team, 20_000, 1_500, 3_000) == 10_000
    assert pool_candidates(team, 20_000, 3_000, 3_000) == 20_000
    assert pool_candidates(other, 20_000, 1_500, 3_000) == 20_000


def test_team_candidates_hold_skills_of_their_occupation_and_no_history(esco) -> None:
    occupations = occupation_half(esco, 0)[:40]  # 300 candidates: ~7 per occupation
    data = generate_family(
        esco,
        TEAM["team-2"],
        occupations,
        n_candidates=300,
        n_vacancies=5,
        seed=1101,
        hierarchy=Hierarchy(esco),
    )
    assert len(data.candidates) == 300 and set(data.candidate_occupations) <= set(occupations)
    own = 0
    for cand, occ in zip(data.candidates, data.candidate_occupations, strict=True):
        assert cand.experience == () and cand.skills
        essential, optional = esco.occupation_skills(occ)
        own += sum(s.uri in set(essential) | set(optional) for s in cand.skills) > 0
    assert own >= 0.9 * len(data.candidates)  # most keep some of their occupation's own skills
    assert len(data.vacancies["occupation"]) == 5
