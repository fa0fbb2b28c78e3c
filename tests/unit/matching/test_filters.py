"""Hard filters are declared once: the shortlist's vectorised mask, an explanation's reasons and a
segment merge all follow the same declarations."""

import random
from datetime import date

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.filters import (
    COLUMNS,
    FILTERS,
    HIDING,
    Reach,
    Reason,
    eligible_mask,
    failed_filters,
)
from services.matching.index.domain.params import IndexParams

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy


def _people(n: int, seed: int):
    rng = random.Random(seed)
    return [
        candidate(
            f"p{i:04d}",
            {"s:weld": "advanced"},
            languages=rng.choice(
                [{"fi": "native"}, {"fi": "A2"}, {"en": "C1"}, {"fi": "B2", "so": "native"}, {}]
            ),
            municipality=rng.choice([*MUNICIPALITIES, "999"]),
            max_commute_km=rng.choice([0, 10, 50, 500]),
            available_from=date(2025, rng.randint(1, 6), 1),
            working_time=rng.choice(["full_time", "part_time", "any"]),
            consented_orgs=frozenset(rng.sample(["agency-a", "agency-b"], rng.randint(0, 2))),
            hired=rng.random() < 0.1,
        )
        for i in range(n)
    ]


def test_every_filter_has_its_own_reason_and_consent_hides_the_candidate():
    assert [f.reason for f in FILTERS] == list(Reason)
    assert {Reason.CONSENT} == HIDING
    assert len({c.name for c in COLUMNS}) == len(COLUMNS)


@pytest.mark.parametrize("seed", range(3))
def test_the_shortlist_mask_and_the_explanation_agree_on_every_row(taxonomy, seed):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, index_params=IndexParams(dense_languages=("fi",)))
    people = _people(300, seed)
    engine.bulk_load(people[:200])
    engine.upsert_candidates(people[200:])  # some rows in the delta segment
    rng = random.Random(seed)
    snap, seen = engine._snapshot, set()
    for _ in range(10):
        v = vacancy(
            ("s:weld",),
            languages=rng.choice([{}, {"fi": "B1"}, {"fi": "B1", "so": "C1"}, {"en": "B2"}]),
            municipality=rng.choice([*MUNICIPALITIES, "999"]),
            working_time=rng.choice(["full_time", "part_time", "any"]),
            start_date=rng.choice([None, date(2025, 4, 1)]),
        )
        spec = engine._filter_spec(v, TODAY, rng.choice([None, "agency-a", "nobody"]))
        for seg in (snap.main, snap.delta):
            rows = np.arange(len(seg))
            ok = eligible_mask(seg.columns, np.ones(len(seg), bool), spec, np.zeros(0, np.int64), rows)
            reasons = [failed_filters(seg.columns, int(r), spec) for r in rows]
            assert ok.tolist() == [not r for r in reasons]
            seen |= set(ok.tolist())
    assert seen == {True, False}  # the case tests something


def test_a_merge_keeps_every_declared_column(taxonomy):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, index_params=IndexParams(dense_languages=("fi",)))
    people = _people(120, seed=9)
    engine.upsert_candidates(people)
    v = vacancy(("s:weld",), languages={"fi": "B1", "so": "C1"}, working_time="full_time")
    before = engine.explain_many(v, [p.candidate_id for p in people], today=TODAY, viewer_org="agency-a")
    engine.merge()
    assert len(engine._snapshot.delta) == 0 and len(engine._snapshot.main) == len(people)
    after = engine.explain_many(v, [p.candidate_id for p in people], today=TODAY, viewer_org="agency-a")
    assert {k: e.filters for k, e in after.items()} == {k: e.filters for k, e in before.items()}
    assert {f.reason for e in after.values() for f in e.filters} == set(Reason)


@pytest.mark.parametrize(
    ("distance", "limit", "reason"),
    [
        (30.3, 30.0, "commute 30.3 km > 30 km"),  # outside tester 27, T27-3: read "30 km > 30 km"
        (30.04, 30.0, "commute 30.04 km > 30 km"),
        (48.4, 30.0, "commute 48 km > 30 km"),
        (12.6, 12.5, "commute 13 km > 12.5 km"),
    ],
)
def test_a_commute_reason_never_reads_as_a_contradiction(distance, limit, reason):
    commute = next(f for f in FILTERS if f.reason is Reason.COMMUTE)
    cols = {"municipality": np.array([0]), "max_commute_km": np.array([limit], dtype=np.float32)}
    term = Reach(np.array([distance, np.nan]), False)  # km by municipality index
    assert commute.describe(cols, term, 0) == (reason,)
