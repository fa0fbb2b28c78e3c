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


def test_the_loss_is_split_by_the_vacancys_occupation_as_the_engine_reads_it(taxonomy) -> None:
    from benchmarks import ranking_quality as rq
    from benchmarks.ranking_families import VARIANTS, Labelled

    from .conftest import candidate

    people = [candidate("c0", {"s:weld": "basic"}), candidate("c1", {"s:cook": "basic"})]
    welder = vacancy(essential=("s:weld", "s:mig", "s:blue", "s:safety"))  # the welder's own profile
    data = Labelled(people, ["o:welder", "o:cook"], {}, [], ["o:welder", "o:cook"])
    p = rq.Prepared(data, {key: [welder, welder] for key in VARIANTS}, [])
    engine, told = np.asarray([0.5, 0.2]), np.asarray([1.0, 1.0])
    lines = rcj.inference_split(taxonomy, p, "skills", engine, told)
    # the first is read as the welder it is, the second (a cook's vacancy listing a welder's skills) as another
    assert lines[0].startswith("  skills: most probable the true one: 1 vacancies")
    assert "engine 0.500, told 1.000, loss x share 0.250" in lines[0]
    assert lines[1].startswith("  skills: most probable another: 1 vacancies")
    assert "loss x share 0.400" in lines[1]
    assert lines[-1].endswith("top-1 is the truth 0.500")
