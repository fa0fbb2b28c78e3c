"""Outside tester 21, Q5: a bus driver claiming half the essential skills with 2 years ended two
years ago scored exactly as one claiming all of them with 6 years ended last year, on a named
occupation's vacancy and on a text-only ad read surely (the work history infers every essential
skill, the trimmed similarity reads any held skill as held, and the work-history agreement caps at
1). Since session 21 two small bounded parts break the tie: essential coverage
(`RankingParams.coverage_weight`: a skill known only from work history counts 0.3 of a claim) and
experience in the vacancy's occupation (`experience_match_weight`: length x recency,
`vectors.experience_tenure`, saturating at `experience_tenure_years`). Real ESCO, default
parameters; the unit tests' day is 2025-03-01, so "ended 2024" is the tester's "ended 2025"."""

from __future__ import annotations

import numpy as np
import pytest

from services.matching.index.domain.engine import MatchingEngine
from services.matching.index.domain.model import Vacancy, WorkExperience
from services.matching.index.domain.params import RankingParams
from services.matching.index.domain.vectors import experience_tenure, experience_weight

from .conftest import MUNICIPALITIES, TODAY, candidate, vacancy

P = RankingParams()


def _row(m, o: int) -> np.ndarray:
    return m.indices[m.indptr[o] : m.indptr[o + 1]]


@pytest.fixture(scope="module")
def world(esco):
    from services.matching.index.reference import load_title_reader

    o = esco.tables.occupation_labels["en"].index("bus driver")
    bus = esco.occupation_uris[o]
    ess = [esco.skill_uris[j] for j in sorted(_row(esco.essential, o))]
    engine = MatchingEngine(
        esco, MUNICIPALITIES, P, clock=lambda: TODAY, titles=load_title_reader(esco, None)
    )
    rng = np.random.default_rng(21)
    for k, other in enumerate(rng.choice(esco.n_occupations, 150, replace=False)):
        own = _row(esco.essential, int(other))
        if int(other) != o and len(own):
            picked = rng.choice(own, min(len(own), 12), replace=False)
            engine.upsert_candidate(candidate(f"other{k}", {esco.skill_uris[j]: "advanced" for j in picked}))
    half = {u: "intermediate" for u in ess[: len(ess) // 2]}
    people = {
        "full-6y": (dict.fromkeys(ess, "intermediate"), (WorkExperience(bus, 6.0, TODAY.year - 1),)),
        "half-2y": (half, (WorkExperience(bus, 2.0, TODAY.year - 2),)),
        "half-6y": (half, (WorkExperience(bus, 6.0, TODAY.year - 1),)),
        "half-10y": (half, (WorkExperience(bus, 10.0, TODAY.year - 1),)),
        "full-2y": (dict.fromkeys(ess, "intermediate"), (WorkExperience(bus, 2.0, TODAY.year - 2),)),
        "third": ({u: "intermediate" for u in ess[: len(ess) // 3]}, ()),
    }
    for pid, (skills, history) in people.items():
        engine.upsert_candidate(candidate(pid, skills, experience=history))
    return engine, bus, ess


def _ranked(engine: MatchingEngine, v: Vacancy) -> dict:
    entries = engine.shortlist(engine.prepare(v), k=200, viewer_org=None, today=TODAY)
    return {e.candidate_id: (rank, e) for rank, e in enumerate(entries, start=1)}


def _text_ad() -> Vacancy:
    """A text-only ad whose title names the bus driver (read with probability 1, `inferred_profile`)."""
    return vacancy(title="Linja-autonkuljettaja", vacancy_id="v-bus-text")


@pytest.fixture(scope="module", params=["named", "text"])
def ranked(world, request):
    engine, bus, _ = world
    v = vacancy(occupation=bus) if request.param == "named" else _text_ad()
    if request.param == "text":
        assert engine.prepare(v).query.profile >= 0  # read surely: the bus driver's profile
    return _ranked(engine, v)


def test_all_claimed_with_six_years_ranks_above_half_claimed_with_two(ranked):
    full, half = ranked["full-6y"][1], ranked["half-2y"][1]
    assert full.score > half.score, (full.score, half.score)
    assert full.match > half.match, (full.match, half.match)
    assert ranked["full-6y"][0] < ranked["half-2y"][0] < ranked["third"][0]


def test_claimed_beats_inferred_and_longer_beats_shorter(ranked):
    """Each part alone: the same years with all skills claimed reads higher than with half of them
    claimed; the same claims with six years higher than with two; beyond five years nothing more."""
    score = {cid: ranked[cid][1].score for cid in ("full-6y", "half-6y", "full-2y", "half-2y", "half-10y")}
    assert score["full-6y"] > score["half-6y"] > score["half-2y"], score
    assert score["full-6y"] > score["full-2y"] > score["half-2y"], score
    assert score["half-10y"] == pytest.approx(score["half-6y"], abs=1e-9), score  # saturated at five


def test_the_tie_break_is_bounded(ranked):
    """Years change a score by at most the experience part's weight, and claims (with the same
    history, every essential skill held either way) by at most the coverage part's weight: neither
    lifts a candidate past one of the occupation holding more of the vacancy's skills by more."""
    e = {cid: ranked[cid][1] for cid in ("full-6y", "full-2y", "half-6y", "half-2y")}
    assert 0 < e["full-6y"].score - e["full-2y"].score <= P.experience_match_weight + 1e-9
    assert 0 < e["half-6y"].score - e["half-2y"].score <= P.experience_match_weight + 1e-9
    assert 0 < e["full-6y"].score - e["half-6y"].score <= P.coverage_weight + 1e-9
    for entry in e.values():
        assert 0 <= entry.components["experience_match"] <= P.experience_match_weight + 1e-9
        assert 0 <= entry.components["essential_coverage"] <= P.coverage_weight + 1e-9


def test_the_entry_tells_claimed_from_work_history(ranked):
    from services.matching.index.render import essential_held

    full, half = essential_held(ranked["full-6y"][1]), essential_held(ranked["half-2y"][1])
    assert full["held"] == half["held"] == full["of"]  # the tester's "32 held" for both
    assert full["claimed"] == full["of"] and full["from_work_history"] == 0
    assert half["claimed"] == full["of"] // 2 and half["from_work_history"] == full["of"] - full["of"] // 2


def test_no_count_of_essential_skills_when_the_vacancy_names_none(world):
    """Outside tester 27, T27-14 (f): on a text ad whose occupation is not read surely (its skills only
    optional) every entry said `{"held": 0, "of": 0}`, which the team read as "holds nothing". With no
    essential skill to count against, the count is null; what is held shows in `matched_optional`."""
    from services.matching.index.render import essential_held

    engine, _, ess = world
    entries = _ranked(engine, vacancy(optional=tuple(ess[:6]), vacancy_id="v-optional"))
    assert entries["full-6y"][1].matched_optional and not entries["full-6y"][1].missing_essential
    assert {essential_held(e) is None for _, e in entries.values()} == {True}
    named = _ranked(engine, vacancy(essential=tuple(ess[:2]), vacancy_id="v-two"))
    assert essential_held(named["third"][1]) == {"held": 2, "of": 2, "claimed": 2, "from_work_history": 0}


@pytest.mark.parametrize(
    ("years", "ended", "expected"),
    [
        (6.0, 2025, 0.5**0.2),
        (2.0, 2024, 0.5**0.4 * 0.4),
        (5.0, None, 1.0),
        (10.0, None, 1.0),
        (0.0, None, 0.0),
    ],
)
def test_tenure_is_length_times_recency_saturating_at_five_years(years, ended, expected):
    got = experience_tenure(years, ended, 2026, P)
    assert got == pytest.approx(expected)
    # never above the spell's weight: the stage-1 bound of the experience part relies on it
    assert got <= experience_weight(years, ended, 2026, P) + 1e-12


def test_tenure_never_exceeds_the_weight():
    for years in np.linspace(0, 40, 81):
        for since in range(0, 30):
            assert (
                experience_tenure(float(years), 2026 - since, 2026, P)
                <= experience_weight(float(years), 2026 - since, 2026, P) + 1e-12
            )
