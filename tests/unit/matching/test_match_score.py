"""The 0-100 match score: calibrated, strictly increasing in the raw score, parts adding up."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.match_score import (
    MatchScale,
    match_points,
    title_index,
    title_occupations,
)
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.query import VACANCY_KINDS

SCALE = MatchScale(raw=(0.1, 0.3, 0.5, 0.7), match=(2.0, 10.0, 60.0, 95.0))


def test_match_score_is_a_percentage_that_never_reorders_candidates():
    raw = np.linspace(0.0, 1.0, 101)
    match = SCALE(raw)
    assert np.all((match >= 0) & (match <= 100))
    assert np.all(np.diff(match) >= 0)
    inside = (raw > 0.1) & (raw < 0.7)
    assert np.all(np.diff(match[inside]) > 0)
    assert SCALE(np.asarray([0.4]))[0] == pytest.approx(35.0)


@pytest.mark.parametrize(
    "raw, match",
    [((0.1, 0.5), (60.0, 10.0)), ((0.5, 0.1), (10.0, 60.0)), ((0.1, 0.5), (10.0, 120.0)), ((0.5,), (10.0,))],
)
def test_a_scale_that_could_reorder_or_leave_0_to_100_is_refused(raw, match):
    with pytest.raises(ValueError):
        MatchScale(raw, match)


@pytest.mark.parametrize("kind", VACANCY_KINDS)
def test_the_fitted_scales_are_valid_for_every_kind_of_vacancy(kind):
    scale = MatchScale(*RankingParams().match_scales[VACANCY_KINDS.index(kind)])
    match = scale(np.linspace(0.0, 1.0, 101))
    assert np.all(np.diff(match) >= 0) and match[-1] > 90 > 10 > match[0]


def test_points_of_the_parts_add_up_to_the_match_score():
    parts = np.asarray([[0.45, 0.30, 0.05], [0.10, 0.05, 0.0], [0.0, 0.0, 0.0]])
    match, points = match_points(parts, SCALE)
    assert points.sum(axis=1) == pytest.approx(match)
    assert match[0] > match[1] > 0
    # each part keeps its share of the raw score
    assert points[0, 0] / points[0, 1] == pytest.approx(0.45 / 0.30)
    # no evidence at all: no score, not the scale's floor
    assert match[2] == 0.0 and points[2].tolist() == [0.0, 0.0, 0.0]


def test_a_full_profile_reads_high_and_a_weak_one_low():
    # the fitted scale for vacancies given as an occupation: all essential skills of the
    # occupation and that occupation inferred for sure (raw = the whole occupation part +
    # the similarity part at cosine 0.8) reads above 90; a sliver of evidence below 10
    p = RankingParams()
    scale = MatchScale(*p.match_scales[VACANCY_KINDS.index("occupation")])
    full = [p.occupation_weight, p.similarity_weight * 0.8, 0.0]
    match, _ = match_points(np.asarray([full, [0.02, 0.1, 0.0]]), scale)
    assert match[0] > 90
    assert match[1] < 10


def test_job_titles_name_occupations_only_by_an_exact_label(taxonomy):
    index = title_index(taxonomy)
    welder = taxonomy.occupation_index["o:welder"]
    assert title_occupations("Welder", index) == (welder,)
    assert title_occupations("  welding   OPERATIVE ", index) == (welder,)
    assert title_occupations("hitsaaja", index) == (welder,)
    assert title_occupations("Senior welder wanted", index) == ()
    assert title_occupations("", index) == ()
