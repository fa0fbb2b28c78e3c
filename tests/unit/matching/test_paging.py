"""Issue 10 item 6: shortlists page past the first page in a stable order, and an explanation gives
the candidate's real rank."""

import random
from datetime import date

import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.params import IndexParams

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy


def _people(n: int, seed: int):
    rng = random.Random(seed)
    skills = ["s:weld", "s:mig", "s:tig", "s:blue", "s:safety"]
    return [
        candidate(
            f"p{rng.randrange(10**6):06d}-{i}",
            {s: rng.choice(["basic", "advanced"]) for s in rng.sample(skills, rng.randint(1, 3))},
            languages=rng.choice([{"fi": "native"}, {"fi": "A2"}]),
            municipality=rng.choice(list(MUNICIPALITIES)),
            max_commute_km=rng.choice([10, 500]),
            available_from=date(2025, rng.randint(1, 4), 1),
            consented_orgs=frozenset(rng.sample(["agency-a", "agency-b"], rng.randint(0, 2))),
        )
        for i in range(n)
    ]


@pytest.fixture(params=[0, 1])
def world(taxonomy, request):
    engine = MatchingEngine(taxonomy, MUNICIPALITIES, index_params=IndexParams(dense_languages=("fi",)))
    people = _people(240, request.param)
    engine.bulk_load(people[:180])
    engine.upsert_candidates(people[180:])
    v = vacancy(("s:weld", "s:mig"), ("s:blue",), languages={"fi": "B1"}, start_date=None)
    return engine, v


@pytest.mark.parametrize("viewer", [None, "agency-a"])
def test_pages_put_together_are_the_whole_shortlist_in_a_stable_order(world, viewer):
    engine, v = world
    whole = engine.rank(v, k=200, viewer_org=viewer, today=TODAY)
    assert 20 < len(whole.entries) < 200 and not whole.more
    scores = [e.score for e in whole.entries]
    assert len(set(scores)) < len(scores)  # ties exist: the stable key matters
    paged, offset = [], 0
    while True:
        page = engine.rank(v, k=7, offset=offset, viewer_org=viewer, today=TODAY, count_exclusions=False)
        paged += page.entries
        if not page.more:
            break
        assert len(page.entries) == 7
        offset += 7
    assert [(e.rank, e.candidate_id, e.score) for e in paged] == [
        (e.rank, e.candidate_id, e.score) for e in whole.entries
    ]
    assert [e.rank for e in paged] == list(range(1, len(paged) + 1))
    beyond = engine.rank(v, k=5, offset=len(paged), viewer_org=viewer, today=TODAY)
    assert beyond.entries == [] and not beyond.more


def test_an_explanation_gives_the_real_rank_however_deep(world):
    engine, v = world
    whole = engine.shortlist(v, k=200, viewer_org="agency-a", today=TODAY)
    listed = {e.candidate_id: e.rank for e in whole}
    for cid, rank in list(listed.items())[::5]:
        assert engine.rank_of(v, cid, today=TODAY, viewer_org="agency-a") == rank
    snap = engine._snapshot
    every = [i.decode() for seg in (snap.main, snap.delta) for i in seg.ids]
    unlisted = [c for c in every if c not in listed][:10]
    assert unlisted
    for cid in unlisted:  # failing a filter, not consented, or without evidence
        assert engine.rank_of(v, cid, today=TODAY, viewer_org="agency-a") is None
    first, second = whole[0].candidate_id, whole[1].candidate_id
    assert engine.rank_of(v, second, today=TODAY, viewer_org="agency-a", exclude={first}) == 1
    assert engine.rank_of(v, first, today=TODAY, viewer_org="agency-a", exclude={first}) is None
