"""The ranking benchmark's `--param NAME=VALUE` (`benchmarks.ranking_quality.params_from`) and its paired
table of one engine against another on the same vacancies (`paired_table`): the tooling that measures a
`RankingParams` field on the tuning half without editing the code (session 40, `outside40`)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import ranking_quality as rq
from benchmarks.ranking_families import VARIANTS
from services.matching.index.domain.params import RankingParams


def test_a_param_changes_only_the_field_named_read_as_a_python_literal() -> None:
    p = rq.params_from(["outside_skill_weight=0.1", "trade_closeness=None", "other_trades_power = 3"])
    assert p.outside_skill_weight == 0.1
    assert p.trade_closeness is None
    assert p.other_trades_power == 3
    base = RankingParams()
    assert p.similarity_weight == base.similarity_weight
    assert rq.params_from([]) == base


@pytest.mark.parametrize(
    ("assignment", "reason"),
    [
        ("outside_skill_weight", "expected NAME=VALUE"),
        ("=0.1", "expected NAME=VALUE"),
        ("outside_weight=0.1", "RankingParams has no field 'outside_weight'"),
        ("outside_skill_weight=a tenth", "is not a Python literal"),
        ("trade_claim_units=0", "trade_claim_units must be in"),  # RankingParams' own check
    ],
)
def test_a_param_the_engine_cannot_take_is_refused_naming_it(assignment: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        rq.params_from([assignment])


def test_the_paired_table_reads_each_cell_as_this_minus_base_under_both_readings() -> None:
    base = {v: np.array([0.5, 0.7, 0.9]) for v in VARIANTS}
    this = {v: np.array([0.6, 0.7, 1.0]) for v in VARIANTS}
    results = {"two-occupations": {"engine": this, "engine-defaults": base}}
    recruited = {"two-occupations": {"engine": base, "engine-defaults": base}}
    table = rq.paired_table(results, recruited, results, recruited, base_ranker="engine-defaults")
    rows = [r for r in table.splitlines() if r.startswith("| two-occupations")]
    assert len(rows) == len(VARIANTS)
    d, se = rq.paired(this["skills"], base["skills"])
    assert f"0.700 → 0.767 ({d:+.4f} ± {se:.4f})" in rows[1]
    assert "0.700 → 0.700 (+0.0000 ± 0.0000)" in rows[1]  # the recruiter's reading, unchanged


def test_the_paired_table_leaves_out_families_the_base_lacks_and_refuses_other_data() -> None:
    this = {"partial-50": {"engine": {v: np.ones(3) for v in VARIANTS}}}
    assert "partial-50" not in rq.paired_table(this, {}, {}, {})
    other = {"partial-50": {"engine": {v: np.ones(4) for v in VARIANTS}}}
    with pytest.raises(ValueError, match="3 vacancies against 4"):
        rq.paired_table(this, {}, other, {})
