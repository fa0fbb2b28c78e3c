"""The ranking benchmark's two readings of a family with work history: the label, and the label or
the current job as a recruiter reads it (`benchmarks.ranking_quality.recruiter_relevance`)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import ranking_quality as rq
from benchmarks.ranking_families import VARIANTS, Labelled
from services.matching.index.domain.model import WorkExperience

from .conftest import candidate, vacancy

NOW = WorkExperience("o:welder", 3.0, None)


def _labelled(occupations: list[str], experience: list[tuple[WorkExperience, ...]]) -> Labelled:
    people = [candidate(f"c{i}", {"s:weld": "basic"}, experience=e) for i, e in enumerate(experience)]
    return Labelled(people, occupations, {v: [] for v in VARIANTS}, [], ["o:welder"])


def test_a_current_worker_of_the_vacancys_occupation_is_relevant_whatever_their_label(taxonomy) -> None:
    data = _labelled(
        ["o:welder", "o:cook", "o:cook", "o:cook", "o:plater"],
        [
            (),  # a welder by label, no job: the label's 3
            (NOW,),  # labelled a cook, works as a welder now: 3
            (WorkExperience("o:plater", 2.0, None),),  # works as a plater (7214, same 72): 1
            (WorkExperience("o:welder", 6.0, 2019),),  # welded until 2019: an earlier job counts nothing
            (WorkExperience("o:cook", 1.0, None),),  # a plater by label (7214, same 72) working as a cook: 1
        ],
    )
    label = rq.relevance(taxonomy, "o:welder", data.candidate_occupations)
    assert label.tolist() == [3, 0, 0, 0, 1]
    jobs = rq.current_jobs(data)
    assert jobs == ["", "o:welder", "o:plater", "", "o:cook"]
    graded = rq.recruiter_relevance(taxonomy, "o:welder", label, jobs)
    assert graded.tolist() == [3, 3, 1, 0, 1]
    assert graded.dtype == np.int8
    assert (graded >= label).all()  # the recruiter never reads anyone lower than the label


def test_the_recruiters_reading_refuses_labels_and_jobs_of_different_lengths(taxonomy) -> None:
    with pytest.raises(ValueError, match="2 labels against 1 current jobs"):
        rq.recruiter_relevance(taxonomy, "o:welder", np.zeros(2, np.int8), ["o:welder"])


def _prepared(taxonomy, recruiter: bool) -> rq.Prepared:
    jobs = [(), (NOW,), (), ()] if recruiter else [(), (), (), ()]
    data = _labelled(["o:welder", "o:cook", "o:cook", "o:welder"], jobs)
    label = rq.relevance(taxonomy, "o:welder", data.candidate_occupations)
    p = rq.Prepared(data, {v: [vacancy(occupation="o:welder")] for v in VARIANTS}, [label])
    if recruiter:
        p.recruiter = [rq.recruiter_relevance(taxonomy, "o:welder", label, rq.current_jobs(data))]
    return p


def test_both_readings_grade_the_same_top_ten(taxonomy) -> None:
    p = _prepared(taxonomy, recruiter=True)
    calls: list[tuple[str, int]] = []

    def ranker(variant: str, i: int) -> np.ndarray:
        calls.append((variant, i))
        return np.asarray([1, 0, 3])  # the current welder labelled a cook first, then the two welders

    label, recruited = rq.evaluate_readings(p, ranker)
    assert calls == [(v, 0) for v in VARIANTS]  # ranked once per vacancy, read twice
    assert recruited is not None
    for v in VARIANTS:
        assert label[v][0] == pytest.approx(rq.ndcg(np.asarray([0, 3, 3]), p.relevance[0]))
        assert recruited[v][0] == pytest.approx(1.0)  # the three relevant ones on top
        assert recruited[v][0] > label[v][0]
    assert rq.evaluate(p, ranker)["occupation"][0] == label["occupation"][0]


def test_a_family_without_work_history_has_only_the_labels_reading(taxonomy) -> None:
    p = _prepared(taxonomy, recruiter=False)
    label, recruited = rq.evaluate_readings(p, lambda variant, i: np.asarray([0, 3]))
    assert recruited is None and label["skills"][0] == pytest.approx(1.0)


def test_the_recruiters_table_judges_the_target_under_both_readings() -> None:
    lo, hi = np.asarray([0.5, 0.5]), np.asarray([0.6, 0.62])
    results = {
        "two-occupations": {"idf-cosine": dict.fromkeys(VARIANTS, lo), "engine": dict.fromkeys(VARIANTS, hi)}
    }
    recruited = {
        "two-occupations": {"idf-cosine": dict.fromkeys(VARIANTS, lo), "engine": dict.fromkeys(VARIANTS, lo)}
    }
    table = rq.recruiter_table(results, recruited, ["idf-cosine", "engine"])
    rows = table.splitlines()
    assert len(rows) == 2 + len(VARIANTS)
    assert rows[2].startswith(
        "| two-occupations | occupation | 0.500 / 0.500 | 0.610 (+0.110 ± 0.010) / 0.500"
    )
    assert rows[2].endswith("| met / **not met** (+0.000) |")
