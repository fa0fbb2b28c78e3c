"""Outside tester 31, F4 / F5 (issue 11): below the ISCO unit group an ISCO group is a weak proxy for
"could do this job"; the share of the vacancy's essential skills a candidate holds (by a claim or
work history) decides, and the sub-major or minor group, or a little inferred probability on the
vacancy's occupation bought by a few claims, only breaks its ties (`scoring.closeness_kept`,
`RankingParams.band_closeness_share`, `overlap_agreement`, `band_unit_mass`).

The tester's candidates as described (real ESCO, default parameters; which claims exactly is this
file's choice, to reach the tester's counts of essential skills held):
- cook ad (5120): a waiter (5131, sub-major 51, 7 years current, 2 of 16 held) ranked above a chef
  of ten years (3434, 12 of 16) and a kitchen assistant (9412, 9 of 16);
- child-care ad (5311): a healthcare assistant (5321, sub-major 53, 6 years, 3 claims, 3 of 8)
  above an early years teacher (2342, 8 years, 3 claims, 4 of 8);
- bus ad (8331): a forklift operator (8344, 4 bus claims, 6 of 32; inferred bus driver 0.09)
  above a taxi driver of seven years (8322, 12 of 32), both sub-major 83.
"""

from __future__ import annotations

import pytest

from services.matching.index.domain.model import WorkExperience
from services.matching.index.domain.params import RankingParams, minor_level, unit_level
from services.matching.index.domain.recognition import enrich_vacancy

from .conftest import TODAY, candidate, esco_occupation, vacancy

# (id, own occupation, years, essential skills of the ad's occupation held in all)
PEOPLE = {
    "cook": [
        ("cook", "cook", 6.0, 16),
        ("waiter", "waiter/waitress", 7.0, 2),
        ("chef", "chef", 10.0, 12),
        ("kitass", "kitchen assistant", 2.0, 9),
    ],
    "child care worker": [
        ("ccw", "child care worker", 8.0, 8),
        ("hca", "healthcare assistant", 6.0, 3),
        ("eyteacher", "early years teacher", 8.0, 4),
    ],
    "bus driver": [
        ("bus", "bus driver", 6.0, 32),
        ("forklift", "forklift operator", 5.0, 6),
        ("taxi", "taxi driver", 7.0, 12),
    ],
}

TEXT = (
    "Haemme kokkia lounasravintolaamme Tampereelle. Valmistat lounaan noin 200 asiakkaalle, leivot ja "
    "huolehdit hygieniasta ja omavalvonnasta.\n\nEdellytämme kokin ammattitutkintoa ja hygieniapassia."
)


def _people(esco) -> list:
    out = []
    for ad, specs in PEOPLE.items():
        essential = esco.occupation_skills(esco_occupation(esco, ad))[0]
        for cid, own, years, target in specs:
            have = set(esco.occupation_skills(esco_occupation(esco, own))[0])
            own_held = sum(s in have for s in essential)
            missing = [s for s in essential if s not in have]
            claims = {s: "advanced" for s in missing[: max(0, target - own_held)]}
            out.append(
                candidate(cid, claims, experience=(WorkExperience(esco_occupation(esco, own), years),))
            )
    return out


@pytest.fixture(scope="module")
def engine(esco, make_esco_engine):
    return make_esco_engine(_people(esco))


def _entries(engine, ad) -> dict:
    return {
        e.candidate_id: e for e in engine.shortlist(engine.prepare(ad), k=12, viewer_org=None, today=TODAY)
    }


def _named(esco, label: str):
    return vacancy(occupation=esco_occupation(esco, label), vacancy_id=f"v-{label}")


def _adds_up(e) -> None:
    assert sum(e.components.values()) == pytest.approx(e.score, abs=1e-6)
    assert sum(e.points.values()) == pytest.approx(e.match, abs=0.05)


def test_f4_the_chef_and_the_kitchen_assistant_rank_above_the_waiter_on_a_cook_ad(engine, esco):
    by_id = _entries(engine, _named(esco, "cook"))
    held = {c: len(by_id[c].matched_essential) for c in ("chef", "kitass", "waiter")}
    assert held == {"chef": 12, "kitass": 9, "waiter": 2}
    order = sorted(by_id, key=lambda c: by_id[c].rank)
    assert order[:4] == ["cook", "chef", "kitass", "waiter"], order
    assert by_id["cook"].match > 90
    for c in ("chef", "kitass", "waiter"):  # other occupations read near 0; the parts add up
        assert by_id[c].match < 10
        _adds_up(by_id[c])


def test_f4_the_same_order_on_the_text_only_finnish_cook_ad(engine, esco, esco_recognizer):
    ad = enrich_vacancy(vacancy(title="Kokki lounasravintolaan", vacancy_id="v-kokki"), TEXT, esco_recognizer)
    prepared = engine.prepare(ad)
    assert prepared.query.kind == "text-read"
    by_id = _entries(engine, ad)
    order = [
        c for c in sorted(by_id, key=lambda c: by_id[c].rank) if c in ("cook", "chef", "kitass", "waiter")
    ]
    assert order == ["cook", "chef", "kitass", "waiter"], order


def test_f4_the_early_years_teacher_ranks_above_the_healthcare_assistant(engine, esco):
    by_id = _entries(engine, _named(esco, "child care worker"))
    teacher, hca = by_id["eyteacher"], by_id["hca"]
    assert len(teacher.matched_essential) == 4 and len(hca.matched_essential) == 3
    assert by_id["ccw"].rank == 1
    assert teacher.rank < hca.rank, (teacher.rank, hca.rank)
    _adds_up(teacher)
    _adds_up(hca)


def test_f5_the_taxi_driver_ranks_above_the_forklift_operator_with_bus_claims(engine, esco):
    by_id = _entries(engine, _named(esco, "bus driver"))
    taxi, forklift = by_id["taxi"], by_id["forklift"]
    assert len(taxi.matched_essential) == 12 and len(forklift.matched_essential) == 6
    # the claims still buy the forklift operator a little bus driver
    bus = esco_occupation(esco, "bus driver")
    assert 0 < dict(forklift.occupations).get(bus, 0.0) < 0.2
    assert by_id["bus"].rank == 1
    assert taxi.rank < forklift.rank, (taxi.rank, forklift.rank)
    _adds_up(taxi)
    _adds_up(forklift)


def test_the_orders_were_the_tester_s_under_the_sub_major_band(esco, make_esco_engine):
    """The failing inputs, kept: with the sub-major group a band of its own above every unrelated
    trade (`band_closeness_share` 1) and the overlap as before session 32 (0.125 x share^2, the
    similarity whole from 0.1 of the posterior on the unit group), the tester's orders come back."""
    before = RankingParams(
        band_closeness_share=1.0, overlap_agreement=0.125, overlap_agreement_power=2.0, band_unit_mass=0.1
    )
    engine = make_esco_engine(_people(esco), before)
    cook = _entries(engine, _named(esco, "cook"))
    assert cook["waiter"].rank < cook["chef"].rank < cook["kitass"].rank
    care = _entries(engine, _named(esco, "child care worker"))
    assert care["hca"].rank < care["eyteacher"].rank
    bus = _entries(engine, _named(esco, "bus driver"))
    assert bus["forklift"].rank < bus["taxi"].rank


def test_the_share_never_lifts_a_candidate_past_the_unit_group():
    """Hierarchy first down to the unit group: below it the closeness kept plus the most the share
    adds stays below what a candidate of the unit group holding as much earns (the unit group's
    level plus the share's part there, (1 - 0.75)^5 of it: 0.0003 at most)."""
    import numpy as np

    from services.matching.index.domain.scoring import closeness_kept

    p = RankingParams()
    unit = unit_level(p)
    r = np.linspace(0.0, unit - 1e-9, 2001)
    kept = closeness_kept(r, p) * r
    most = kept + p.overlap_agreement * np.maximum(1.0 - kept / p.band_full, 0.0) ** p.band_share_decay
    at_unit = unit + p.overlap_agreement * (1.0 - unit / p.band_full) ** p.band_share_decay
    assert most.max() <= at_unit and at_unit - unit < 0.001
    # the unit group keeps its closeness whole; the minor group and below keep the share
    assert closeness_kept(np.array([unit, 1.0]), p).tolist() == [1.0, 1.0]
    assert closeness_kept(np.array([0.0, minor_level(p)]), p).tolist() == [p.band_closeness_share] * 2
    with pytest.raises(ValueError):
        RankingParams(band_closeness_share=1.5)
