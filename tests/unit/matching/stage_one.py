"""Stage one's candidates for one prepared vacancy beside their exact scores, for the tests that
check stage one's upper bound (test_engine, test_stage1_tighter_bounds, test_stage1_band_bound,
test_narrower_occupation): one place that walks the engine's pools as `MatchingEngine.rank` does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pytest

from benchmarks.generate import ORGS
from services.matching.index.domain import scoring
from services.matching.index.domain.arrays import positions_to_rows
from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy
from services.matching.index.domain.pool import candidate_pools
from services.matching.index.domain.query import PreparedVacancy, QueryWeights
from services.matching.index.domain.scoring import exact_scores


@dataclass(frozen=True)
class StageOne:
    """The rows of the main segment stage one kept near the vacancy, ascending (`rows`, (n,) int),
    their stage-one upper bounds (`ub`, (n,) float64) and exact scores (`exact`, (n,) float64) in
    that order, and the query weights that produced them (`qw`)."""

    rows: np.ndarray
    ub: np.ndarray
    exact: np.ndarray
    qw: QueryWeights
    experience: object

    def slack(self) -> np.ndarray:
        """Each row's own bound on the pruned work-history columns, (n,) float64."""
        return self.qw.pruned_slack(self.experience, self.rows)  # type: ignore[arg-type]

    def history(self) -> np.ndarray:
        """Each row's sum over its own pruned work-history occupations, (n,) float64."""
        return self.qw.pruned_history(self.experience, self.rows)  # type: ignore[arg-type]


def stage_one(engine: MatchingEngine, prepared: PreparedVacancy, *, prune: bool = True) -> StageOne:
    """Stage one's pool for `prepared` over the engine's current main segment, with exact scores."""
    snap = engine._snapshot
    qw = engine._weights(snap, prepared, prune=prune)
    (pool,) = candidate_pools([(snap.main, snap.present)], qw, prepared.distances, True, ())
    rows = positions_to_rows(pool.near.lo, pool.near.base, snap.main.geo_row, np.arange(pool.near.size))
    order = np.argsort(rows)
    exact = exact_scores(snap.main, rows[order], qw, engine.params).score
    return StageOne(rows[order], pool.ub[order], exact, qw, snap.main.experience)


def count_exact_scores(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the rows the engine scores exactly from now on: one entry per `scoring.exact_scores`
    call, its number of rows (this module's `stage_one` calls the unpatched function)."""
    scored: list[int] = []
    plain = scoring.exact_scores

    def counted(seg, rows, *rest):  # type: ignore[no-untyped-def]
        scored.append(len(rows))
        return plain(seg, rows, *rest)

    monkeypatch.setattr(scoring, "exact_scores", counted)
    return scored


def first_requests(
    engine: MatchingEngine,
    vacancies: Sequence[Vacancy],
    scored: list[int],
    *,
    k: int,
    today: date,
    prunes: tuple[bool, ...] = (True,),
) -> tuple[list[tuple[str, str, str, int]], list[tuple[StageOne, PreparedVacancy]]]:
    """Every vacancy's first request (prepared and warmed, ranked with the API's counts) and a plain
    shortlist, for a viewer cycling through no organisation and `benchmarks.generate.ORGS`: per
    vacancy (entries, shortlist, exclusion counts) as text and the rows it scored exactly (from
    `scored`, `count_exact_scores`), and per vacancy and each of `prunes` stage one's pool."""
    orgs = [None, *ORGS]
    answers, pools = [], []
    for i, v in enumerate(vacancies):
        org = orgs[i % len(orgs)]
        prepared = engine.prepare(v)
        engine.warm(prepared)
        before = sum(scored)
        ranked = engine.rank(prepared, k=k, viewer_org=org, today=today, count_exclusions=True)
        plain = engine.shortlist(v, k=k, viewer_org=org, today=today)
        answers.append((repr(ranked.entries), repr(plain), repr(ranked.exclusions), sum(scored) - before))
        pools.extend((stage_one(engine, prepared, prune=prune), prepared) for prune in prunes)
    return answers, pools


def bounded_and_only_rising(
    esco: Any,
    municipalities: Any,
    people: Sequence[Any],
    vacancies: Sequence[Vacancy],
    on: Any,
    off: Any,
    *,
    prune: bool,
    clock: Any,
) -> int:
    """For a rule that only shrinks a candidate's outside part (`trade_claim_units`,
    `other_trades_outside`): engines with `on` and `off` parameters over `people`; per vacancy, every
    exact score with the rule on is at most its stage-1 bound (plus the work-history column) and at
    least its score with the rule off. Returns how many (vacancy, row) scores the rule raised."""
    engines = [MatchingEngine(esco, municipalities, params, clock=clock) for params in (on, off)]
    for engine in engines:
        engine.bulk_load(people)
    reached = 0
    for v in vacancies:
        with_rule, without = (stage_one(engine, engine.prepare(v), prune=prune) for engine in engines)
        assert np.all(with_rule.exact <= with_rule.ub + with_rule.history() + scoring.EPS)
        same = np.intersect1d(with_rule.rows, without.rows)
        a = dict(zip(with_rule.rows.tolist(), with_rule.exact.tolist(), strict=True))
        b = dict(zip(without.rows.tolist(), without.exact.tolist(), strict=True))
        assert all(a[r] >= b[r] - 1e-9 for r in same.tolist())  # an outside part only shrinks
        reached += sum(a[r] > b[r] + 1e-9 for r in same.tolist())
    return reached
