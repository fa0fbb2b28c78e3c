"""Issue 10 item 6: every hard filter that removes a candidate is counted in the shortlist, over the
candidates the caller may see only (and, by default, within commuting reach: issue 11); and an empty
index gives an empty shortlist."""

import random
from collections import Counter
from datetime import date

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.filters import Reason, Scope, counted_reasons, scope_reasons
from services.matching.index.domain.params import IndexParams

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy


def _people(n: int, seed: int):
    rng = random.Random(seed)
    return [
        candidate(
            f"p{i:04d}",
            rng.choice([{"s:weld": "advanced"}, {"s:mig": "basic"}, {"s:blue": "expert"}, {}]),
            languages=rng.choice([{"fi": "native"}, {"fi": "A2"}, {"en": "C1"}, {}]),
            municipality=rng.choice([*MUNICIPALITIES, "999"]),
            max_commute_km=rng.choice([0, 10, 50, 500]),
            available_from=date(2025, rng.randint(1, 6), 1),
            working_time=rng.choice(["full_time", "part_time", "any"]),
            consented_orgs=frozenset(rng.sample(["agency-a", "agency-b"], rng.randint(0, 2))),
            hired=rng.random() < 0.1,
        )
        for i in range(n)
    ]


def _expected(engine, v, people, viewer, exclude=(), scope=Scope.REACH):
    """The counts by brute force: every candidate's explanation, over those with a positive score
    (and, within commuting reach, passing the commute filter)."""
    explained = engine.explain_many(v, [p.candidate_id for p in people], today=TODAY, viewer_org=viewer)
    counts, considered, excluded = Counter(), 0, 0
    for cid, e in explained.items():
        reasons = {f.reason for f in e.filters}
        if e.score <= 0 or cid in exclude or reasons & scope_reasons(scope):
            continue
        considered += 1
        excluded += bool(reasons)
        counts.update(reasons)
    return considered, excluded, {r.value: counts[r] for r in counted_reasons(scope)}


@pytest.mark.parametrize("scope", list(Scope))
@pytest.mark.parametrize("seed", range(3))
def test_exclusion_counts_equal_a_count_over_every_explanation(taxonomy, seed, scope):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, index_params=IndexParams(dense_languages=("fi",)))
    people = _people(400, seed)
    engine.bulk_load(people[:300])
    engine.upsert_candidates(people[300:])  # some in the delta segment
    rng = random.Random(seed)
    seen = Counter()
    for _ in range(8):
        v = vacancy(
            ("s:weld",),
            ("s:blue",),
            languages=rng.choice([{}, {"fi": "B1"}, {"en": "B2"}]),
            municipality=rng.choice(list(MUNICIPALITIES)),
            working_time=rng.choice(["full_time", "part_time", "any"]),
            start_date=rng.choice([None, date(2025, 4, 1)]),
        )
        viewer = rng.choice([None, "agency-a", "nobody"])
        exclude = {p.candidate_id for p in rng.sample(people, 20)}
        got = engine.rank(
            v, k=10, viewer_org=viewer, today=TODAY, exclude=exclude, exclusion_scope=scope
        ).exclusions
        assert got is not None and got.scope is scope
        assert (got.considered, got.excluded, dict(got.by_reason)) == _expected(
            engine, v, people, viewer, exclude, scope
        )
        seen.update({k for k, n in got.by_reason.items() if n})
    assert set(seen) == {r.value for r in counted_reasons(scope)}  # every filter was exercised
    assert "consent" not in seen
    assert ("commute" in seen) is (scope is Scope.COUNTRY)


@pytest.mark.parametrize("scope", list(Scope))
def test_counts_never_reveal_candidates_the_caller_may_not_see(taxonomy, scope):
    """A partner recruiter's counts are the same whether or not candidates who did not consent to
    the recruiter's organisation exist, whatever filters those candidates fail."""
    engine = MatchingEngine(taxonomy, MUNICIPALITIES)
    consented = [
        candidate("a1", {"s:weld": "advanced"}),
        candidate("a2", {"s:weld": "advanced"}, municipality="905", max_commute_km=10),
        candidate("a3", {"s:weld": "advanced"}, languages={"fi": "A1"}),
    ]
    engine.bulk_load(consented)
    v = vacancy(("s:weld",), languages={"fi": "B1"})

    def counts(viewer):
        return engine.rank(v, k=5, viewer_org=viewer, today=TODAY, exclusion_scope=scope).exclusions

    before = counts("agency-a")
    engine.upsert_candidates(
        [
            candidate(f"b{i}", {"s:weld": "advanced"}, consented_orgs=frozenset({"agency-b"}), **kw)
            for i, kw in enumerate(
                [
                    {},
                    {"municipality": "905", "max_commute_km": 10},
                    {"languages": {"fi": "A1"}},
                    {"hired": True},
                ]
            )
        ]
    )
    after = counts("agency-a")
    assert before == after
    assert after.by_reason["language"] == 1 and Reason.CONSENT.value not in after.by_reason
    internal = counts(None)
    assert internal.by_reason["hired"] == 1
    if scope is Scope.COUNTRY:  # the two in Vaasa, beyond their 10 km, count under commute
        assert (after.considered, after.excluded, after.by_reason["commute"]) == (3, 2, 1)
        assert (internal.considered, internal.excluded) == (7, 5)
    else:  # within commuting reach: the two in Vaasa are not counted at all
        assert (after.considered, after.excluded, "commute" in after.by_reason) == (2, 1, False)
        assert (internal.considered, internal.excluded) == (5, 3)


def test_an_empty_index_gives_an_empty_shortlist_and_no_explanation(taxonomy):
    """Before: ValueError 'need at least one array to concatenate' (and a 404 meeting page)."""
    engine = MatchingEngine(taxonomy, MUNICIPALITIES)
    v = vacancy(("s:weld",))
    ranked = engine.rank(v, k=10, viewer_org=None, today=TODAY)
    assert ranked.entries == []
    assert (ranked.exclusions.considered, ranked.exclusions.excluded) == (0, 0)
    assert engine.shortlist(v, k=10, viewer_org="agency-a", today=TODAY) == []
    assert engine.explain(v, "nobody", today=TODAY) is None
    engine.upsert_candidate(candidate("x", {"s:weld": "advanced"}))
    engine.remove_candidate("x")  # emptied again
    assert engine.shortlist(v, k=10, viewer_org=None, today=TODAY) == []


def test_the_counts_are_the_same_for_every_page_size_and_offset(taxonomy):
    """Found by an outside tester: `k=1` counted 337 considered, `k=200` 1173, because the counts
    walked the columns the page happened to need (pruned occupation columns for a short page)."""
    from services.matching.index.domain.model import WorkExperience

    rng = random.Random(7)
    people = _people(300, 7)
    people += [
        candidate(
            f"w{i:03d}",
            rng.choice([{}, {"s:mig": "basic"}]),
            experience=(WorkExperience(rng.choice(["o:welder", "o:plater", "o:cook"]), 3.0),),
            municipality=rng.choice(list(MUNICIPALITIES)),
            max_commute_km=rng.choice([0, 50]),
            working_time=rng.choice(["full_time", "part_time"]),
        )
        for i in range(200)
    ]
    # a prune bound this high makes a short page skip every work-history occupation column
    params = IndexParams(dense_languages=("fi",), occupation_prune_bound=1.0)
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, index_params=params)
    engine.bulk_load(people)
    for v in (vacancy(occupation="o:welder"), vacancy(("s:weld",), ("s:blue",), occupation="o:welder")):
        for viewer in (None, "agency-a"):
            seen = {
                (got.considered, got.excluded, tuple(sorted(got.by_reason.items())))
                for k, offset in ((0, 0), (1, 0), (5, 0), (200, 0), (20, 100), (1, 400))
                for scope in Scope
                if (
                    got := engine.rank(
                        v, k=k, offset=offset, viewer_org=viewer, today=TODAY, exclusion_scope=scope
                    ).exclusions
                )
            }
            assert len(seen) == 2, seen  # one per scope


@pytest.mark.parametrize("seed", range(2))
def test_counts_from_the_failures_kept_at_warm_equal_a_count_over_every_explanation(taxonomy, seed):
    """`warm` keeps which filters each row with evidence within reach fails today, but for the
    viewer's (`filters.failure_bits`): the first count of every viewer reads them, another day or
    window makes (and keeps) its own, and a delta write, a withdrawal or the team's exclusions
    apply per request; every count equals the brute force one."""
    from services.matching.index.domain.filters import ViewerScope

    engine = MatchingEngine(
        taxonomy,
        MUNICIPALITIES,
        index_params=IndexParams(dense_languages=("fi",), delta_max_share=1.0),
        clock=lambda: TODAY,
    )
    people = _people(400, seed)
    engine.bulk_load(people[:300])
    engine.upsert_candidates(people[300:330])  # some in the delta segment
    engine.remove_candidate(people[5].candidate_id)
    people = [p for p in people[:330] if p is not people[5]]
    rng = random.Random(seed)
    viewers = [None, "agency-a", "nobody", ViewerScope("agency-b", frozenset({"091"}))]
    for _ in range(6):
        v = vacancy(
            ("s:weld",),
            ("s:blue",),
            languages=rng.choice([{}, {"fi": "B1"}, {"en": "B2"}]),
            municipality=rng.choice(list(MUNICIPALITIES)),
            working_time=rng.choice(["full_time", "part_time", "any"]),
            start_date=rng.choice([None, date(2025, 4, 1)]),
        )
        prepared = engine.prepare(v)
        engine.warm(prepared)
        assert engine._failures_cache  # today's, made at warm
        for viewer in viewers:
            for window in (28, 90):
                exclude = {p.candidate_id for p in rng.sample(people, 20)}
                got = engine.rank(
                    prepared,
                    k=5,
                    viewer_org=viewer,
                    today=TODAY,
                    exclude=exclude,
                    available_within_days=window,
                ).exclusions
                explained = engine.explain_many(
                    prepared,
                    [p.candidate_id for p in people],
                    today=TODAY,
                    viewer_org=viewer,
                    available_within_days=window,
                )
                counts, considered, excluded = Counter(), 0, 0
                for cid, e in explained.items():
                    reasons = {f.reason for f in e.filters}
                    if e.score <= 0 or cid in exclude or reasons & scope_reasons(Scope.REACH):
                        continue
                    considered += 1
                    excluded += bool(reasons)
                    counts.update(reasons)
                want = (considered, excluded, {r.value: counts[r] for r in counted_reasons(Scope.REACH)})
                assert (got.considered, got.excluded, dict(got.by_reason)) == want
