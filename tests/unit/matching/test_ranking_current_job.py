"""The diagnosis tool of the families with work history (`benchmarks.ranking_current_job`): its
top-10 make-up and its oracle of the vacancy-side occupation inference."""

from __future__ import annotations

import numpy as np

from benchmarks import ranking_current_job as rcj
from services.matching.index.domain import query as query_module
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import build_skill_space

from .conftest import vacancy


def test_the_top_tens_make_up_counts_each_candidate_once() -> None:
    label = np.asarray([3, 3, 0, 2, 0, 0], np.int8)
    job_same = np.asarray([True, False, True, False, False, False])
    recruiter = np.maximum(label, np.where(job_same, 3, 0)).astype(np.int8)
    got = rcj.make_up(label, recruiter, job_same, np.asarray([0, 1, 2, 3, 4]))
    assert got.tolist() == [1, 1, 1, 1, 1]
    assert got.sum() == 5 and len(got) == len(rcj.GROUPS)


def test_the_oracle_puts_the_vacancys_whole_occupation_on_the_truth_and_then_lets_go(taxonomy) -> None:
    space = build_skill_space(taxonomy, RankingParams())
    listed = vacancy(essential=("s:weld", "s:blue"))  # fits the welder and the plater alike
    plater = taxonomy.occupation_index["o:plater"]
    real = query_module.vacancy_target
    with rcj.told_occupation(plater):
        q = query_module.vacancy_query(listed, space)
    assert q.target is not None and q.target[plater] == 1.0 and q.target.sum() == 1.0
    assert q.kind == "few-skills" and q.occupation == -1  # still posted as skills, not named
    assert query_module.vacancy_target is real
